from __future__ import annotations

import json

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
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld" and data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert data["total"] == len(items) == 3 == report.written
    by_label = {next(b["value"] for b in i["body"] if isinstance(b, dict) and b["purpose"] == "tagging"): i for i in items}
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
