from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.cli import main
from tui.formats.jsonl import record_to_json
from tui.formats.records import iter_records
from tui.loading import read_article
from tui.model import Annotations, Document, make_span
from tui.schema import DEFAULT_SCHEMA
from tui.session import Session
from tui.store import Store


def annotate_seed(store: Store, seed_path, annotator="alice"):
    document = read_article(seed_path)
    store.save_document(document)
    session = Session(document, DEFAULT_SCHEMA, store.open(document, annotator))
    text = document.text
    ghika = session.tag(text.index("Christopher Ghika"), text.index("Christopher Ghika") + 17, "PERSON")
    q = text.index("These tactics")
    quote = session.tag(q, text.index(" he said, using"), "QUOTE")
    session.link(quote.id, ghika.id)
    session.close()
    return document, ghika, quote


def test_export_jsonl_to_stdout(store, seed_path, capsys):
    document, ghika, quote = annotate_seed(store, seed_path)
    assert main(["export", "--store", str(store.root)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["id"] == document.id and record["annotator"] == "alice"
    assert record["text"] == document.text
    assert record["meta"]["date"] == "2019-02-08"
    assert record["meta"]["headline"].startswith("Islamic State")
    assert record["meta"]["sha256"] == document.sha256
    by_id = {span["id"]: span for span in record["spans"]}
    assert by_id[ghika.id] == {
        "id": ghika.id, "start": ghika.start, "end": ghika.end, "text": "Christopher Ghika",
        "label": "PERSON", "kind": "entity", "attrs": {},
    }
    assert by_id[quote.id]["attrs"] == {"type": "direct"}
    assert by_id[quote.id]["text"].startswith("These tactics won’t succeed")
    assert record["relations"] == [{"head": quote.id, "child": ghika.id, "label": "SPEAKER"}]
    for span in record["spans"]:
        assert record["text"][span["start"]:span["end"]] == span["text"]
    assert "exported 1 record(s), 2 span(s)" in err


def test_export_to_file_and_by_annotator(store, seed_path, tmp_path):
    annotate_seed(store, seed_path, "alice")
    annotate_seed(store, seed_path, "bob")
    out = tmp_path / "out" / "train.jsonl"
    assert main(["export", "--store", str(store.root), "--annotator", "bob", "--out", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["annotator"] for r in records] == ["bob"]
    assert [p.name for p in out.parent.iterdir()] == ["train.jsonl"]


def test_export_errors_are_one_line(tmp_path, capsys):
    assert main(["export", "--store", str(tmp_path / "none")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no annotation store" in err and str(tmp_path / "none") in err


def test_unknown_annotator_is_an_error(store, seed_path, capsys):
    annotate_seed(store, seed_path)
    assert main(["export", "--store", str(store.root), "--annotator", "carol"]) == 1
    assert "no annotations by carol" in capsys.readouterr().err


# Texts that break naive offset code: astral emoji, ZWJ, combining marks,
# CJK, right-to-left scripts, tabs and newlines.
_ALPHABET = st.sampled_from(
    list("ab Z\t\n.,“”’é") + ["\u0301", "👍", "🏽", "\u200d", "👩", "東", "京", "م", "ح", "ש", "\ufe0f", "\u2028"]
)


@st.composite
def text_and_ranges(draw):
    text = draw(st.text(alphabet=_ALPHABET, min_size=1, max_size=80))
    ranges = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        ranges.append((start, end))
    return text, ranges


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=text_and_ranges(), label=st.sampled_from(["PERSON", "QUOTE", "CLAIM"]))
def test_exported_spans_always_match_the_text(tmp_path_factory, data, label):
    text, ranges = data
    store = Store(tmp_path_factory.mktemp("store"))
    document = Document(id="doc", text=text, source="doc.txt")
    kind = DEFAULT_SCHEMA.kind_of(label)
    spans = [make_span(text, s, e, label, kind) for s, e in ranges]
    store.write_annotations(document, "alice", Annotations(spans))
    # through the editing session too, with snapping
    session = Session(document, DEFAULT_SCHEMA, store.open(document, "bob"))
    for start, end in ranges:
        try:
            session.tag(start, end, label)
        except Exception as error:  # a selection of only spaces/punctuation
            assert "nothing to tag" in str(error)
    session.close()
    records = {r.annotator: record_to_json(r) for r in iter_records(store)}
    for record in records.values():
        for span in record["spans"]:
            assert record["text"][span["start"]:span["end"]] == span["text"]
    assert {(s["start"], s["end"]) for s in records["alice"]["spans"]} == set(ranges)


def test_a_damaged_file_is_left_out_and_reported(store, seed_path, capsys, tmp_path):
    annotate_seed(store, seed_path, "alice")
    document, _g, _q = annotate_seed(store, seed_path, "bob")
    store.annotator_path("bob", document.id).write_text('{"spans": {')
    out = tmp_path / "out.jsonl"
    assert main(["export", "--store", str(store.root), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "damaged" in err and str(store.annotator_path("bob", document.id)) in err
    assert [json.loads(line)["annotator"] for line in out.read_text().splitlines()] == ["alice"]
