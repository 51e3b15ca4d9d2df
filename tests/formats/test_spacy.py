from __future__ import annotations

import builtins
import sys

import pytest

from tui.errors import AnnottyError

from .helpers import export, store_with

TEXT = "Jane Doe met the Bank of England in Zürich.\n\n“We will win,” she said about 東京."


def sample(root):
    spans = [(0, 8, "PERSON", {}), (TEXT.index("Bank"), TEXT.index("England") + 7, "ORG", {}),
             (TEXT.index("England"), TEXT.index("England") + 7, "LOC", {}),
             (TEXT.index("Zür"), TEXT.index("Zür") + 3, "LOC", {}),  # part of a token
             (TEXT.index("“"), TEXT.index("”") + 1, "QUOTE", {"type": "direct"})]
    return store_with(root, [("d1", TEXT, spans, [(4, 0, "SPEAKER")])])


def test_docbin_reads_back(tmp_path):
    """The real consumer: spaCy's DocBin, from the file, with a blank pipeline."""
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    out = tmp_path / "train.spacy"
    _none, report = export(sample(tmp_path / "s"), "spacy", out)
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("xx").vocab))
    assert len(docs) == 1
    doc = docs[0]
    assert doc.text == TEXT
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Jane Doe", "PERSON"),
        ("Bank of England", "ORG"),
        ("Zürich", "LOC"),
    ]
    assert sorted((s.text, s.label_) for s in doc.spans["sc"]) == sorted([
        ("Jane Doe", "PERSON"), ("Bank of England", "ORG"), ("England", "LOC"), ("Zürich", "LOC"),
        ("“We will win,”", "QUOTE")])
    assert any("Zür" in line and "widened" in line for line in report.adjusted)
    assert any("England" in line and "doc.spans['sc'] only" in line for line in report.adjusted)
    info = doc.user_data["annotty"]
    assert info["document"] == "d1" and [s["kind"] for s in info["spans"]].count("quote") == 1
    assert info["relations"][0]["label"] == "SPEAKER"


def test_missing_spacy_is_a_plain_error(tmp_path, monkeypatch):
    real_import = builtins.__import__

    def no_spacy(name, *args, **kwargs):
        if name == "spacy" or name.startswith("spacy."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_spacy)
    for name in [m for m in sys.modules if m == "spacy" or m.startswith("spacy.")]:
        monkeypatch.delitem(sys.modules, name)
    with pytest.raises(AnnottyError, match=r"spaCy is not installed: pip install 'annotty\[spacy\]'"):
        export(sample(tmp_path / "s"), "spacy", tmp_path / "train.spacy")
    assert not (tmp_path / "train.spacy").exists()


def test_unknown_language(tmp_path):
    pytest.importorskip("spacy")
    from tui.formats.records import ExportReport, iter_records
    from tui.formats.spacy_docbin import write

    store = sample(tmp_path / "s")
    with pytest.raises(AnnottyError, match="no language 'qq'"):
        write(iter_records(store), tmp_path / "x.spacy", ExportReport(), {"lang": "qq"})
