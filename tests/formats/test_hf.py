from __future__ import annotations

import json

import pytest

from .helpers import export, store_with

TEXT = "Jane Doe met the Bank of England. She left.\n\n東京 is big 👍🏽."


def sample(root):
    spans = [(0, 8, "PERSON", {}), (TEXT.index("Bank"), TEXT.index("England") + 7, "ORG", {}),
             (TEXT.index("東京"), TEXT.index("東京") + 2, "LOC", {})]
    return store_with(root, [("d1", TEXT, spans, [])])


def test_lines(tmp_path):
    out, report = export(sample(tmp_path / "s"), "hf")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["0", "1", "2"]
    assert rows[0]["tokens"] == ["Jane", "Doe", "met", "the", "Bank", "of", "England", "."]
    assert rows[0]["ner_tags"] == ["B-PERSON", "I-PERSON", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O"]
    assert rows[2]["tokens"] == ["東京", "is", "big", "👍🏽", "."] and rows[2]["ner_tags"][0] == "B-LOC"
    assert {r["document"] for r in rows} == {"d1"} and {r["annotator"] for r in rows} == {"alice"}
    assert report.labels == ["O", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-PERSON", "I-PERSON"]


def test_datasets_loads_it_offline(tmp_path, monkeypatch):
    """The real consumer: datasets.load_dataset("json", ...) on the file."""
    datasets = pytest.importorskip("datasets")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    out = tmp_path / "train.jsonl"
    _text, report = export(sample(tmp_path / "s"), "hf", out)
    data = datasets.load_dataset("json", data_files=str(out), split="train", cache_dir=str(tmp_path / "cache"))
    assert data.num_rows == 3 and data.column_names == ["id", "document", "annotator", "tokens", "ner_tags"]
    labels = datasets.ClassLabel(names=report.labels)
    data = data.cast_column("ner_tags", datasets.Sequence(labels))
    assert labels.int2str(data[0]["ner_tags"][:2]) == ["B-PERSON", "I-PERSON"]
