from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from tui.errors import AnnottyError

from .helpers import CORPORA, documents, export, import_into, round_trip, store_with, stored, summary

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(doc=documents(with_attrs=False))
def test_relation_round_trip(tmp_path_factory, doc):
    before, after, _report, _store = round_trip(tmp_path_factory, doc, "doccano", "out.jsonl")
    assert summary(after) == summary(before)


@SETTINGS
@given(doc=documents(with_attrs=False))
def test_sequence_round_trip_keeps_spans(tmp_path_factory, doc):
    before, after, report, _store = round_trip(tmp_path_factory, doc, "doccano-seq", "out.jsonl")
    assert summary(after)[0] == summary(before)[0]
    assert bool(report.dropped) == bool(doc[2])  # relations cannot go into doccano-seq, and it says so


def test_export_shape(tmp_path):
    text = "“We will win,” said Jane Doe."
    q, p = (0, 14), (text.index("Jane"), text.index("Jane") + 8)
    store = store_with(tmp_path / "s", [("d1", text, [(*q, "QUOTE", {}), (*p, "PERSON", {})], [(0, 1, "SPEAKER")])])
    out, _ = export(store, "doccano")
    record = json.loads(out)
    assert record["text"] == text
    entities = {e["label"]: e for e in record["entities"]}
    assert (entities["QUOTE"]["start_offset"], entities["QUOTE"]["end_offset"]) == q
    assert all(isinstance(e["id"], int) for e in record["entities"])
    assert record["relations"] == [{"id": 0, "from_id": entities["QUOTE"]["id"], "to_id": entities["PERSON"]["id"],
                                    "type": "SPEAKER"}]
    seq = json.loads(export(store, "doccano-seq")[0])
    assert seq["label"] == [[*q, "QUOTE"], [*p, "PERSON"]]


def test_plain_doccano_files_import(tmp_path):
    """Files as doccano writes them: no annotty extras, kinds from the schema
    or the relation, documents named after the file and line."""
    path = tmp_path / "admin.jsonl"
    rows = [
        {"id": 7, "text": "Google was founded by Larry Page.", "entities": [
            {"id": 0, "start_offset": 0, "end_offset": 6, "label": "ORG"},
            {"id": 1, "start_offset": 22, "end_offset": 32, "label": "PERSON"}],
         "relations": [{"id": 0, "from_id": 0, "to_id": 1, "type": "foundedBy"}]},
        {"text": "EU rejects German call.", "label": [[0, 2, "ORG"], [11, 17, "MISC"], [11, 17, "MISC"]]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    store, report, _ = import_into(tmp_path / "s", path, "doccano")
    first = stored(store, "admin-7", "imported")
    assert {(s.text, s.label, s.kind) for s in first.spans()} == {
        ("Google", "ORG", "entity"),
        ("Larry Page", "PERSON", "entity"),
    }
    assert [r.label for r in first.relations()] == ["foundedBy"]
    second = stored(store, "admin-2", "imported")
    assert sorted(s.text for s in second.spans()) == ["EU", "German"]  # the repeated span merged
    assert any("repeats" in note for note in report.notes)


@pytest.mark.parametrize("row, message", [
    ({"label": [[0, 1, "PER"]]}, 'no "text"'),
    ({"text": "abc", "label": [[0, 9, "PER"]]}, "outside the text"),
    ({"text": "abc", "label": [[0, 1]]}, "must be [start, end, label]"),
    ({"text": "abc", "entities": [{"id": 0, "start_offset": 0, "end_offset": 1, "label": "X"}],
      "relations": [{"from_id": 0, "to_id": 5, "type": "R"}]}, "unknown span 5"),
    ([1, 2], "each line must be an object"),
])
def test_bad_lines(tmp_path, row, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"text": "fine", "label": []}) + "\n" + json.dumps(row) + "\n")
    with pytest.raises(AnnottyError) as caught:
        import_into(tmp_path / "s", path, "doccano")
    assert str(caught.value).startswith(f"{path}:2: ") and message in str(caught.value)


def test_real_doccano_samples(tmp_path):
    folder = CORPORA / "doccano"
    if not folder.is_dir():
        pytest.skip("shared corpora not present")
    store, _report, items = import_into(
        tmp_path / "s", folder / "data_import_tests_data_relation_extraction_example.jsonl", "doccano"
    )
    assert [len(i.annotations) for i in items] == [4] and len(items[0].annotations.relations()) == 3
    _store, _report, items = import_into(
        tmp_path / "s2", folder / "data_export_pipeline_examples_sequence_labeling_example.jsonl", "doccano-seq"
    )
    assert [[(s.text, s.label) for s in i.annotations.spans()] for i in items] == [
        [("EU", "ORG"), ("German", "MISC")], [("Peter Blackburn", "PERSON")], [("Obama", "PERSON")]]
    with pytest.raises(AnnottyError, match=r"sequence_labeling_example\.jsonl:3: the line has no \"text\""):
        import_into(tmp_path / "s3", folder / "data_import_tests_data_sequence_labeling_example.jsonl", "doccano-seq")


FLAG_TEXT = "🇸🇾 Monday that 👍🏽 Jane Doe said “no”."


def _flag_store(tmp_path):
    monday, jane = FLAG_TEXT.index("Monday"), FLAG_TEXT.index("Jane")
    return store_with(
        tmp_path / "s", [("d1", FLAG_TEXT, [(monday, monday + 6, "ORG", {}), (jane, jane + 8, "PERSON", {})], [])]
    )


def test_export_counts_utf16_units_by_default_and_code_points_on_request(tmp_path):
    store = _flag_store(tmp_path)
    out, _ = export(store, "doccano")
    assert out.isascii()  # escapes only: no encoding guess can break it
    record = json.loads(out)
    utf16 = FLAG_TEXT.encode("utf-16-le")
    spans = [(e["start_offset"], e["end_offset"], e["label"]) for e in record["entities"]]
    assert [utf16[2 * s:2 * e].decode("utf-16-le") for s, e, _ in spans] == ["Monday", "Jane Doe"]
    assert record["offset_unit"] == "utf16"
    seq = json.loads(export(store, "doccano-seq")[0])
    assert [utf16[2 * s:2 * e].decode("utf-16-le") for s, e, _ in seq["label"]] == ["Monday", "Jane Doe"]
    record = json.loads(export(store, "doccano", options={"offsets": "codepoint"})[0])
    assert [FLAG_TEXT[e["start_offset"]:e["end_offset"]] for e in record["entities"]] == ["Monday", "Jane Doe"]


def _doccano_line(tmp_path, spans, **extra):
    path = tmp_path / "from-doccano.jsonl"
    rows = [{"text": "plain", "label": []}, {"text": FLAG_TEXT, "label": spans, **extra}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return path


def _texts(items):
    return [s.text for s in items[1].annotations.spans()]


def test_import_reads_doccano_utf16_offsets(tmp_path):
    # As doccano's editor saves "Monday": 5 UTF-16 units in, 4 code points.
    path = _doccano_line(tmp_path, [[5, 11, "ORG"]])
    _store, _report, items = import_into(tmp_path / "s", path, "doccano")
    assert _texts(items) == ["Monday"]


def test_import_refuses_offsets_that_fit_the_other_count(tmp_path):
    monday = FLAG_TEXT.index("Monday")  # code points: read as UTF-16 it is "nday t"... cutting words
    path = _doccano_line(tmp_path, [[monday, monday + 6, "ORG"]])
    with pytest.raises(AnnottyError) as caught:
        import_into(tmp_path / "s", path, "doccano")
    assert str(caught.value).startswith(f"{path}:2: ") and "--offsets codepoint" in str(caught.value)
    assert "\n" not in str(caught.value)
    _store, _report, items = import_into(tmp_path / "s2", path, "doccano", format_options={"offsets": "codepoint"})
    assert _texts(items) == ["Monday"]
    # A line that states its unit is taken at its word.
    path = _doccano_line(tmp_path, [[monday, monday + 6, "ORG"]], offset_unit="codepoint")
    _store, _report, items = import_into(tmp_path / "s3", path, "doccano")
    assert _texts(items) == ["Monday"]


def test_import_refuses_offsets_that_fit_neither_count(tmp_path):
    # 1 splits the flag's first character in UTF-16; 60 is past the end in code points.
    path = _doccano_line(tmp_path, [[1, 3, "ORG"], [50, 60, "ORG"]])
    with pytest.raises(AnnottyError, match=r"from-doccano\.jsonl:2: the offsets fit neither"):
        import_into(tmp_path / "s", path, "doccano")
    units = len(FLAG_TEXT.encode("utf-16-le")) // 2
    path = _doccano_line(tmp_path, [[units, units + 1, "ORG"]])
    with pytest.raises(AnnottyError, match=r":2: the offsets fit neither"):
        import_into(tmp_path / "s", path, "doccano")
    # In UTF-16 the second flag character ends inside a pair; in code points the span is fine.
    path = _doccano_line(tmp_path, [[0, 3, "ORG"]])
    with pytest.raises(
        AnnottyError,
        match=r":2: the offsets do not fit the text in UTF-16 units but do in code points: "
        r"give --offsets codepoint",
    ):
        import_into(tmp_path / "s", path, "doccano")


def test_asking_for_the_other_count_than_the_line_states_is_checked(tmp_path):
    store = _flag_store(tmp_path)
    path = tmp_path / "back.jsonl"
    export(store, "doccano", path)  # states offset_unit utf16
    with pytest.raises(AnnottyError, match=r"back\.jsonl:1: the offsets cut words in code points but not in UTF-16 "
                                           r"units \(the line says UTF-16 units\): give --offsets utf16"):
        import_into(tmp_path / "s2", path, "doccano", format_options={"offsets": "codepoint"})
