from __future__ import annotations

import json

import pytest

from .helpers import export, store_with

PREFIX = "A long opening sentence that runs well past thirty-two characters. "
TEXT = PREFIX + "“We will win,” said Jane Doe 👍🏽 today."


def test_collection(tmp_path):
    quote = (TEXT.index("“"), TEXT.index("”") + 1)
    person = (TEXT.index("Jane"), TEXT.index("Jane") + 8)
    store = store_with(tmp_path / "s", [("d1", TEXT, [(*quote, "QUOTE", {"type": "direct", "note": "on TV"}),
                                                      (*person, "PERSON", {})], [(0, 1, "SPEAKER")])])
    out, report = export(store, "w3c")
    data = json.loads(out)
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld" and data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert data["total"] == len(items) == 3 == report.written
    by_label = {
        next(b["value"] for b in i["body"] if isinstance(b, dict) and b["purpose"] == "tagging"): i for i in items
    }
    q = by_label["QUOTE"]
    assert q["type"] == "Annotation" and q["motivation"] == "tagging"
    quote_sel, position = q["target"]["selector"]
    assert quote_sel == {"type": "TextQuoteSelector", "exact": "“We will win,”",
                         "prefix": TEXT[quote[0] - 32:quote[0]], "suffix": TEXT[quote[1]:quote[1] + 32]}
    assert len(quote_sel["prefix"]) == 32
    assert position == {"type": "TextPositionSelector", "start": quote[0], "end": quote[1]}
    bodies = {(b["purpose"], b["value"]) for b in q["body"]}
    assert {("classifying", "kind:quote"), ("classifying", "type:direct"), ("commenting", "on TV")} <= bodies
    link = by_label["SPEAKER"]
    assert link["motivation"] == "linking"
    assert link["target"] == q["id"] and link["body"][0] == by_label["PERSON"]["id"]
    # every selector finds its text
    for item in items:
        if item["motivation"] == "tagging":
            exact, pos = item["target"]["selector"]
            assert TEXT[pos["start"]:pos["end"]] == exact["exact"]
            assert TEXT.find(exact["prefix"] + exact["exact"] + exact["suffix"]) == pos["start"] - len(exact["prefix"])


def _two_annotators(tmp_path):
    person = (TEXT.index("Jane"), TEXT.index("Jane") + 8)
    store = store_with(tmp_path / "s", [("d1", TEXT, [(*person, "PERSON", {})], []),
                                        ("d2", "Another 🇸🇾 text.", [(0, 7, "ORG", {})], [])])
    store_with(tmp_path / "s", [("d1", TEXT, [(*person, "PERSON", {})], [])], annotator="bob")
    return store


def test_each_document_text_once_and_every_source_found(tmp_path):
    data = json.loads(export(_two_annotators(tmp_path), "w3c")[0])
    documents = {d["id"]: d for d in data["documents"]}
    assert len(data["documents"]) == len(documents) == 2
    assert documents["urn:annotty:document:d1"]["value"] == TEXT
    assert documents["urn:annotty:document:d1"]["type"] == "Text"
    for item in data["first"]["items"]:
        text = documents[item["target"]["source"]]["value"]
        exact, position = item["target"]["selector"]
        assert text[position["start"]:position["end"]] == exact["exact"]


def test_pyld_expands_the_export_offline(tmp_path):
    jsonld = pytest.importorskip("pyld.jsonld")
    from tui.formats.w3c import document_loader

    data = json.loads(export(_two_annotators(tmp_path), "w3c")[0])
    expanded = jsonld.expand(data, {"documentLoader": document_loader})
    oa, dctypes, rdf = "http://www.w3.org/ns/oa#", "http://purl.org/dc/dcmitype/", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    collection = expanded[0]
    documents = collection["urn:annotty:vocab#documents"]
    assert {d["@type"][0] for d in documents} == {dctypes + "Text"}
    assert {d[rdf + "value"][0]["@value"] for d in documents} == {TEXT, "Another 🇸🇾 text."}
    page = collection["http://www.w3.org/ns/activitystreams#first"][0]
    items = page["http://www.w3.org/ns/activitystreams#items"][0]["@list"]
    assert len(items) == 3 and all(i["@type"] == [oa + "Annotation"] for i in items)
    target = items[0][oa + "hasTarget"][0]
    assert target[oa + "hasSource"][0]["@id"].startswith("urn:annotty:document:")
    assert items[0][oa + "motivatedBy"][0]["@id"] == oa + "tagging"
    # and nothing else is fetched
    with pytest.raises(Exception, match="fetches nothing"):
        document_loader("https://example.org/other.jsonld")
