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
    return {
        "id": 3,
        "data": {"text": "I 💙 Zürich and Jane."},
        "annotations": [{"completed_by": 1, "result": result}],
        **extra,
    }


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
    assert [i.annotator for i in items] == ["label-studio-1", "ann"]
    assert sorted(store.annotators()) == ["ann", "label-studio-1"]
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


QUOTE_TEXT = "“We will win,” said Jane Doe. Doe left."


def _editor_task(relations, annotations_extra=None, **annotation):
    """A task as Label Studio's editor saves it: code points, value.text, a
    drawn relation with no labels."""
    jane, doe = QUOTE_TEXT.index("Jane"), QUOTE_TEXT.rindex("Doe")
    result = [region("q", 0, 14, "“We will win,”", "QUOTE"), region("p", jane, jane + 8, "Jane Doe", "PERSON"),
              region("m", doe, doe + 3, "Doe", "PERSON")] + relations
    return {"id": 5, "data": {"text": QUOTE_TEXT}, "annotations": [{"completed_by": 1, "result": result, **annotation}]
            + (annotations_extra or [])}


def _relations(item):
    annotations = item.annotations
    return sorted(
        (annotations.span(r.head).text, annotations.span(r.child).text, r.label) for r in annotations.relations()
    )


@pytest.mark.parametrize("drawn", [
    {"from_id": "q", "to_id": "p", "direction": "right"},
    {"from_id": "p", "to_id": "q", "direction": "right"},  # drawn from the speaker to the quote
    {"from_id": "p", "to_id": "q", "direction": "left"},
    {"from_id": "q", "to_id": "p", "direction": "left"},  # "left" points to_id -> from_id: still the quote heads
])
def test_unlabeled_relations_are_named_from_their_kinds_with_the_quote_at_the_head(tmp_path, drawn):
    path = tmp_path / "export.json"
    coref = {"type": "relation", "from_id": "m", "to_id": "p", "direction": "right"}
    path.write_text(json.dumps([_editor_task([{"type": "relation", **drawn}, coref])]))
    _store, report, items = import_into(tmp_path / "s", path, "label-studio")
    assert _relations(items[0]) == [("Doe", "Jane Doe", "COREF"), ("“We will win,”", "Jane Doe", "SPEAKER")]
    assert any("without a label" in note for note in report.notes)


def test_completed_by_is_mapped_and_never_renames_another(tmp_path):
    path = tmp_path / "export.json"
    task_ = _editor_task([], created_at="2026-01-01T10:00:00")
    task_["meta"] = {"annotator": "alice", "document_id": "d1"}
    path.write_text(json.dumps([task_]))
    _store, _report, items = import_into(tmp_path / "s", path, "label-studio")
    assert [i.annotator for i in items] == ["alice"]
    # A second annotation made later in Label Studio leaves alice's as alice's.
    task_["annotations"].append({"completed_by": 2, "created_at": "2026-01-02T10:00:00", "result": [],
                                 "created_username": " bob@example.org, 2"})
    task_["annotations"].append({"completed_by": 3, "created_at": "2026-01-03T10:00:00", "result": []})
    path.write_text(json.dumps([task_]))
    _store, _report, items = import_into(tmp_path / "s2", path, "label-studio")
    assert [i.annotator for i in items] == ["alice", "bob", "label-studio-3"]
    _store, _report, items = import_into(tmp_path / "s3", path, "label-studio",
                                         format_options={"annotator_map": {"3": "carol", "bob@example.org": "robert"}})
    assert [i.annotator for i in items] == ["alice", "robert", "carol"]


def test_json_min_export_imports(tmp_path):
    path = tmp_path / "min.json"
    jane = QUOTE_TEXT.index("Jane")
    path.write_text(json.dumps([{
        "id": 12, "text": QUOTE_TEXT, "annotator": "ann@example.org", "annotation_id": 3, "lead_time": 4.2,
        "label": [{"start": 0, "end": 14, "text": "“We will win,”", "labels": ["QUOTE"]},
                  {"start": jane, "end": jane + 8, "text": "Jane Doe", "labels": ["PERSON"]}],
        "quote_type": [{"start": 0, "end": 14, "text": "“We will win,”", "choices": ["direct"]}],
        "created_at": "2026-01-01T10:00:00Z", "updated_at": "2026-01-01T10:00:00Z"}]))
    _store, _report, items = import_into(tmp_path / "s", path, "label-studio")
    assert items[0].annotator == "ann" and items[0].document.text == QUOTE_TEXT
    assert sorted((s.text, s.label, s.kind, s.attrs.get("type")) for s in items[0].annotations.spans()) == [
        ("Jane Doe", "PERSON", "entity", None), ("“We will win,”", "QUOTE", "quote", "direct")]


def test_labeling_config_is_xml_with_the_schema_relations_and_choices():
    from xml.etree import ElementTree

    from tui.formats.label_studio import labeling_config
    from tui.schema import DEFAULT_SCHEMA

    view = ElementTree.fromstring(labeling_config(DEFAULT_SCHEMA))
    labels = {label.get("value"): label for label in view.iter("Label")}
    assert set(labels) == {label.name for label in DEFAULT_SCHEMA.labels}
    assert (labels["PERSON"].get("background"), labels["PERSON"].get("hotkey")) == ("#e5a50a", "p")
    assert view.find("Labels").get("toName") == view.find("Text").get("name") == "text"
    assert [r.get("value") for r in view.iter("Relation")] == ["SPEAKER", "SOURCE", "COREF"]
    choices = {c.get("name"): c for c in view.iter("Choices")}
    assert set(choices) == {"quote_type", "checkworthy", "verdict"}
    assert [c.get("value") for c in choices["quote_type"]] == ["direct", "indirect"]
    assert choices["verdict"].get("perRegion") == "true" and choices["verdict"].get("whenLabelValue") == "CLAIM"


def test_label_studio_accepts_the_export_with_its_config(tmp_path):
    """Label Studio's own SDK checks every region against the config."""
    interface = pytest.importorskip("label_studio_sdk.label_interface")
    from xml.etree import ElementTree

    from tui.formats.label_studio import labeling_config
    from tui.schema import DEFAULT_SCHEMA

    text = "“We will win,” said Jane Doe. The claim that 37,000 fled is false, said Doe 🇸🇾."
    at = {part: (text.index(part), text.index(part) + len(part)) for part in ("“We will win,”", "Jane Doe",
                                                                             "37,000 fled", "Doe 🇸🇾")}
    store = store_with(tmp_path / "s", [("d1", text, [
        (*at["“We will win,”"], "QUOTE", {"type": "direct", "note": "on TV"}), (*at["Jane Doe"], "PERSON", {}),
        (*at["37,000 fled"], "CLAIM", {"checkworthy": "yes", "verdict": "false"}), (*at["Doe 🇸🇾"], "PERSON", {})],
        [(0, 1, "SPEAKER"), (2, 3, "SOURCE"), (3, 1, "COREF")])])
    config = labeling_config(DEFAULT_SCHEMA)
    checker = interface.LabelInterface(config)
    relation_names = {r.get("value") for r in ElementTree.fromstring(config).iter("Relation")}
    for task in json.loads(export(store, "label-studio")[0]):
        for annotation in task["annotations"]:
            assert checker.validate_annotation(annotation)
            assert all(set(r["labels"]) <= relation_names for r in annotation["result"] if r["type"] == "relation")
    bad = json.loads(export(store, "label-studio")[0])[0]["annotations"][0]
    bad["result"][0]["value"]["labels"] = ["NOT-IN-THE-CONFIG"]
    assert not checker.validate_annotation(bad)
