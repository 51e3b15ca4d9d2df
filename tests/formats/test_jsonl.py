from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from tui.errors import AnnottyError

from .helpers import documents, import_into, round_trip, stored, summary

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(doc=documents())
def test_round_trip_keeps_spans_kinds_attrs_relations_and_ids(tmp_path_factory, doc):
    before, after, _report, store = round_trip(tmp_path_factory, doc, "jsonl", "out.jsonl")  # annotator from the file
    assert summary(before) == summary(after)
    assert {s.id for s in before.spans()} == {s.id for s in after.spans()}
    assert store.load_document("doc").text == doc[0]


def line(**record) -> str:
    base = {"id": "d1", "text": "Jane Doe spoke.", "annotator": "bob", "spans": [], "relations": []}
    base.update(record)
    return json.dumps(base, ensure_ascii=False)


@pytest.mark.parametrize(
    "bad, message",
    [
        (
            {"spans": [{"id": "s1", "start": 0, "end": 99, "text": "x", "label": "PERSON", "kind": "entity"}]},
            "outside the text",
        ),
        (
            {"spans": [{"id": "s1", "start": 0, "end": 4, "text": "John", "label": "PERSON", "kind": "entity"}]},
            "the file says 'John'",
        ),
        ({"spans": [{"id": "s1", "start": "0", "end": 4, "label": "PERSON"}]}, "whole numbers"),
        ({"spans": [{"id": "s1", "start": 0, "end": 4, "label": "PERSON", "kind": "event"}]}, "unknown kind"),
        ({"relations": [{"head": "s9", "child": "s1", "label": "SPEAKER"}]}, "unknown span s9"),
        ({"text": ""}, "no text"),
        ({"spans": "nope"}, "spans must be a list"),
    ],
)
def test_bad_lines_name_the_file_and_line(tmp_path, bad, message):
    path = tmp_path / "in.jsonl"
    path.write_text(line() + "\n\n" + line(id="d2", **bad) + "\n", encoding="utf-8")
    with pytest.raises(AnnottyError) as caught:
        import_into(tmp_path / "store", path, "jsonl")
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"{path}:3: ")
    assert not (tmp_path / "store").exists()  # all or nothing: d1 was not written either


def test_not_json_and_not_utf8(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(line() + "\n{oops\n", encoding="utf-8")
    with pytest.raises(AnnottyError, match=r"in\.jsonl:2: not valid JSON"):
        import_into(tmp_path / "s", path, "jsonl")
    path.write_bytes(line().encode() + b"\n\xff\xfe\n")
    with pytest.raises(AnnottyError, match=r"in\.jsonl:2: is not UTF-8"):
        import_into(tmp_path / "s", path, "jsonl")


def test_crlf_text_is_normalised_and_offsets_moved(tmp_path):
    text = "Headline\r\n\r\nJane Doe said “hi”.\r\n"
    start = text.index("Jane")
    path = tmp_path / "in.jsonl"
    path.write_text(line(text=text, spans=[
        {"id": "s1", "start": start, "end": start + 8, "text": "Jane Doe", "label": "PERSON", "kind": "entity"},
        {"id": "s2", "start": 0, "end": 16, "text": text[:16], "label": "MISC", "kind": "entity"},
    ]) + "\n", encoding="utf-8")
    store, report, _ = import_into(tmp_path / "s", path, "jsonl")
    document = store.load_document("d1")
    assert "\r" not in document.text
    spans = {s.id: s for s in stored(store, "d1", "bob").spans()}
    assert document.text[spans["s1"].start:spans["s1"].end] == "Jane Doe"
    assert spans["s2"].text == "Headline\n\nJane"
    assert any("CRLF" in note for note in report.notes)
