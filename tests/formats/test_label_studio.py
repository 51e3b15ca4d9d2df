from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from tui.errors import AnnottyError

from .helpers import documents, export, import_into, round_trip, store_with, summary

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(doc=documents())
def test_round_trip_keeps_spans_attrs_notes_and_relations(tmp_path_factory, doc):
    before, after, _report, _store = round_trip(tmp_path_factory, doc, "label-studio", "tasks.json")
    assert summary(after) == summary(before)


def test_export_shape(tmp_path):
    text = "“We will win,” said Jane Doe."
    person = (text.index("Jane"), text.index("Jane") + 8)
    store = store_with(tmp_path / "s", [("d1", text, [(0, 14, "QUOTE", {"type": "direct", "note": "check"}),
                                                      (*person, "PERSON", {})], [(0, 1, "SPEAKER")])])
    tasks = json.loads(export(store, "label-studio")[0])
    assert isinstance(tasks, list) and tasks[0]["data"]["text"] == text
    result = tasks[0]["annotations"][0]["result"]
    regions = {r["value"]["labels"][0]: r for r in result if r["type"] == "labels"}
    quote = regions["QUOTE"]
    assert quote["from_name"] == "label" and quote["to_name"] == "text"
    assert quote["value"] == {"start": 0, "end": 14, "text": "“We will win,”", "labels": ["QUOTE"]}
    assert quote["meta"] == {"text": ["check"]}
    choices = [r for r in result if r["type"] == "choices"]
    assert choices[0]["id"] == quote["id"] and choices[0]["value"]["choices"] == ["direct"]
    relation = [r for r in result if r["type"] == "relation"][0]
    assert relation == {"type": "relation", "from_id": quote["id"], "to_id": regions["PERSON"]["id"],
                        "direction": "right", "labels": ["SPEAKER"]}


def task(result, **extra):
    return {"id": 3, "data": {"text": "I 💙 Zürich and Jane."}, "annotations": [{"completed_by": 1, "result": result}], **extra}


def region(rid, start, end, text, label):
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": text, "labels": [label]}}


def test_utf16_offsets_of_older_label_studio_are_recognised(tmp_path):
    path = tmp_path / "export.json"
    # "Zürich" is at code points 4..10, UTF-16 units 5..11 (the emoji counts twice there)
    path.write_text(json.dumps([task([region("a", 5, 11, "Zürich", "LOC"), region("b", 15, 19, "Jane", "PERSON")])]))
    store, report, items = import_into(tmp_path / "s", path, "label-studio")
    assert sorted(s.text for s in items[0].annotations.spans()) == ["Jane", "Zürich"]
    assert any("UTF-16" in note for note in report.notes)
    assert items[0].annotator == "label-studio-1"


def test_several_annotations_per_task_are_several_annotators(tmp_path):
    path = tmp_path / "export.json"
    one = task([region("a", 4, 10, "Zürich", "LOC")])
    one["annotations"].append({"completed_by": {"email": "ann@example.org"}, "result": []})
    one["annotations"].append({"completed_by": 9, "was_cancelled": True, "result": []})
    one["predictions"] = [{"result": []}]
    path.write_text(json.dumps([one], indent=2))
    store, report, items = import_into(tmp_path / "s", path, "label-studio")
    assert [i.annotator for i in items] == ["label-studio-1", "label-studio-ann"]
    assert sorted(store.annotators()) == ["label-studio-1", "label-studio-ann"]
    assert any("predictions" in line for line in report.skipped)


def test_bad_region_names_the_line_of_its_task(tmp_path):
    path = tmp_path / "export.json"
    good = task([region("a", 4, 10, "Zürich", "LOC")])
    bad = task([region("b", 4, 10, "Zurich", "LOC")], id=4)
    path.write_text(json.dumps([good, bad], indent=1))
    with pytest.raises(AnnottyError) as caught:
        import_into(tmp_path / "s", path, "label-studio")
    bad_line = path.read_text().splitlines().index(" {", 2) + 1  # where the second task opens
    assert str(caught.value).startswith(f"{path}:{bad_line}: ")
    assert "'Zurich'" in str(caught.value) and not (tmp_path / "s").exists()


@pytest.mark.parametrize("content, message", [
    ('[{"data": {"text": "x"}}, ', "not closed"),
    ('[{}]', "data must be an object, not missing"),
    ('[{"data": {"text": "x"}}] trailing', "extra data"),
    ('[{"data": {"a": 1}}]', 'no "text"'),
    ('[{"data": {"text": "x"}} {"data": {}}]', "expected ','"),
    ('[3]', "each task must be an object"),
])
def test_malformed_files(tmp_path, content, message):
    path = tmp_path / "export.json"
    path.write_text(content)
    with pytest.raises(AnnottyError, match=message):
        import_into(tmp_path / "s", path, "label-studio")
