"""Export -> import -> export gives the same bytes, for every format with an importer."""

from __future__ import annotations

import pytest

from .helpers import export, import_into, store_with

TEXT = (
    "Maj. Gen. Christopher Ghika said “these tactics won’t succeed” on Thursday.\n\n"
    "東京都の小池百合子知事は「全力で支援する」と述べた。 محمد بن سلمان agreed 👍🏽.\n"
)


def spans_and_relations():
    def at(phrase, label, attrs=None):
        start = TEXT.index(phrase)
        return (start, start + len(phrase), label, attrs or {})

    spans = [
        at("Christopher Ghika", "PERSON"),
        at("these tactics won’t succeed", "QUOTE", {"type": "direct"}),
        at("Thursday", "DATE"),
        at("小池百合子", "PERSON"),
        at("محمد بن سلمان", "PERSON"),
    ]
    return spans, [(1, 0, "SPEAKER")]


@pytest.mark.parametrize(
    "fmt, name",
    [("jsonl", "a.jsonl"), ("doccano", "a.jsonl"), ("doccano-seq", "a.jsonl"), ("label-studio", "a.json"),
     ("brat", "brat"), ("conll", "a.conll")],
)
@pytest.mark.parametrize("many_relations", [False, True])
def test_export_import_export_is_identical(tmp_path, fmt, name, many_relations):
    spans, relations = spans_and_relations()
    if many_relations:
        # Span ids are new on import: relations must not be written in span-id order.
        relations = [(1, 0, "SPEAKER"), (0, 3, "COREF"), (3, 4, "COREF"), (4, 0, "COREF"), (2, 4, "COREF")]
    source = store_with(tmp_path / "a", [("doc", TEXT, spans, relations)])
    first_out = tmp_path / "first" / name
    first_out.parent.mkdir()
    export(source, fmt, first_out)
    imported, _report, _items = import_into(tmp_path / "b", first_out, fmt, annotator="alice")
    second_out = tmp_path / "second" / name
    second_out.parent.mkdir()
    export(imported, fmt, second_out)
    if first_out.is_dir():
        files = sorted(p.name for p in first_out.iterdir())
        assert files == sorted(p.name for p in second_out.iterdir())
        for file in files:
            assert (first_out / file).read_bytes() == (second_out / file).read_bytes(), file
    else:
        assert first_out.read_bytes() == second_out.read_bytes()
