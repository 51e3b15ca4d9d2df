from __future__ import annotations

import json
import os

import pytest

from tui.errors import AnnottyError
from tui.loading import read_article
from tui.model import AddSpan, Annotations, make_span
from tui.store import StoreLocked


def tag(file, start, end, label="PERSON", kind="entity"):
    span = make_span(file.document.text, start, end, label, kind)
    change = AddSpan(span)
    change.apply(file.annotations)
    file.persist(change)
    return span


def test_layout_one_file_per_annotator_and_document(store, seed_path):
    document = read_article(seed_path)
    store.save_document(document)
    for name in ("alice", "bob"):
        file = store.open(document, name)
        tag(file, 528, 545)
        file.close()
    assert store.annotators() == ["alice", "bob"]
    assert store.document_ids() == [document.id]
    assert store.annotator_path("alice", document.id).exists()
    assert store.load_document(document.id).text == document.text


def test_files_are_deterministic_json_with_stable_ids(store, seed_path):
    document = read_article(seed_path)
    file = store.open(document, "alice")
    span = tag(file, 528, 545)
    file.close()
    raw = store.annotator_path("alice", document.id).read_text(encoding="utf-8")
    assert raw.endswith("\n")
    data = json.loads(raw)
    assert list(data["spans"]) == [span.id]
    assert raw == json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def test_saved_annotations_come_back(store, seed_path):
    document = read_article(seed_path)
    file = store.open(document, "alice")
    span = tag(file, 528, 545)
    file.close()
    again = store.open(document, "alice")
    assert again.annotations.spans() == [span]
    again.close()


def test_a_second_session_is_locked_out_not_overwritten(store, seed_path):
    document = read_article(seed_path)
    first = store.open(document, "alice")
    with pytest.raises(StoreLocked, match="another annotty session"):
        store.open(document, "alice")
    viewer = store.open(document, "alice", read_only=True)
    with pytest.raises(AnnottyError, match="read-only"):
        tag(viewer, 0, 4)
    other = store.open(document, "bob")  # other annotators are not blocked
    other.close()
    viewer.close()
    first.close()
    store.open(document, "alice").close()  # the lock is released on close


def test_changes_are_journaled_then_folded_into_the_file(store, seed_path):
    document = read_article(seed_path)
    file = store.open(document, "alice")
    span = tag(file, 528, 545)
    path = store.annotator_path("alice", document.id)
    journal = path.with_name(path.name + ".journal")
    assert journal.exists() and not path.exists()
    # another reader (an export) sees the journaled change already
    assert store.load_annotations("alice", document.id, document.text)[0].spans() == [span]
    file.close()
    assert path.exists() and not journal.exists()
    assert span.id in json.loads(path.read_text())["spans"]


def test_a_failed_save_is_kept_and_saved_before_the_next(store, seed_path, monkeypatch):
    document = read_article(seed_path)
    file = store.open(document, "alice")
    kept = tag(file, 528, 545)
    real_fsync = os.fsync
    calls = {"n": 0}

    def failing_fsync(fd):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError(28, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    waiting = tag(file, 0, 4)
    assert file.unsaved == 1 and file.save_problem == "No space left on device"
    monkeypatch.undo()
    tag(file, 547, 550, "ORG")  # saving works again: the waiting change goes first
    assert file.unsaved == 0
    file._journal.close()
    file._lock.release()  # simulate a crash: no compaction
    reopened = store.open(document, "alice")
    assert sorted(s.text for s in reopened.annotations.spans()) == sorted(
        [kept.text, waiting.text, document.text[547:550]]
    )
    reopened.close()


def test_a_failed_fold_keeps_the_journal(store, seed_path, monkeypatch):
    document = read_article(seed_path)
    file = store.open(document, "alice")
    span = tag(file, 528, 545)

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(AnnottyError, match="cannot save"):
        file.close()
    monkeypatch.undo()
    path = store.annotator_path("alice", document.id)
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []
    reopened = store.open(document, "alice")
    assert reopened.annotations.spans() == [span]
    reopened.close()


def test_a_torn_last_journal_line_is_ignored(store, seed_path):
    document = read_article(seed_path)
    file = store.open(document, "alice")
    span = tag(file, 528, 545)
    file._journal.close()
    file._lock.release()
    path = store.annotator_path("alice", document.id)
    with open(path.with_name(path.name + ".journal"), "ab") as journal:
        journal.write(b'{"ops": [["span", "sx", {"id": "sx", "sta')
    reopened = store.open(document, "alice")
    assert reopened.annotations.spans() == [span]
    reopened.close()


def test_a_damaged_file_is_named_and_set_aside_never_overwritten(store, seed_path):
    document = read_article(seed_path)
    path = store.annotator_path("alice", document.id)
    path.parent.mkdir(parents=True)
    path.write_text('{\n "spans": {\n  "s1": {"start": 1,\n')
    before = path.read_bytes()
    with pytest.raises(AnnottyError) as error:
        store.open(document, "alice", read_only=True)  # a reader only reports it
    assert f"{path}:4:" in str(error.value) and "damaged" in str(error.value)
    assert path.read_bytes() == before
    file = store.open(document, "alice")  # an editor keeps it aside and starts afresh
    [aside] = file.set_aside
    assert aside.name.startswith(path.name + ".corrupt-") and aside.read_bytes() == before
    assert len(file.annotations) == 0
    tag(file, 528, 545)
    file.close()
    assert json.loads(path.read_text())["spans"]
    store.open(document, "bob").close()  # the rest of the store still works


def test_a_deeply_nested_file_is_damage_not_a_crash(store, seed_path):
    document = read_article(seed_path)
    path = store.annotator_path("alice", document.id)
    path.parent.mkdir(parents=True)
    path.write_text("[" * 100000 + "]" * 100000)
    with pytest.raises(AnnottyError, match="nested too deeply"):
        store.open(document, "alice", read_only=True)


def test_an_older_format_is_migrated_on_open(store, seed_path):
    document = read_article(seed_path)
    path = store.annotator_path("alice", document.id)
    path.parent.mkdir(parents=True)
    # format 0: plain TinyDB, records keyed by insertion counters
    old = {"_default": {"1": {"id": "s1", "start": 528, "end": 545, "text": "Christopher Ghika",
                              "label": "PERSON", "kind": "entity", "attrs": {}}},
           "relations": {}}
    path.write_text(json.dumps(old))
    file = store.open(document, "alice")
    assert [s.id for s in file.annotations.spans()] == ["s1"]
    file.close()
    data = json.loads(path.read_text())
    assert data["annotty"]["format"]["version"] == 1
    assert list(data["spans"]) == ["s1"] and "_default" not in data


def test_a_newer_format_is_refused(store, seed_path):
    document = read_article(seed_path)
    path = store.annotator_path("alice", document.id)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"annotty": {"format": {"version": 99}}}))
    with pytest.raises(AnnottyError, match="newer annotty"):
        store.open(document, "alice")


def test_an_edited_article_moves_spans_with_their_words_or_flags_them(store, tmp_path):
    path = tmp_path / "story.txt"
    story = ("Headline\n\nThe two ministers spoke for an hour before the summit, and then Alice met Bob "
             "in Paris to sign the agreement that both governments had approved last week.\n")
    path.write_text(story)
    document = read_article(path)
    store.save_document(document)
    file = store.open(document, "alice")
    at = {word: story.index(word) for word in ("Alice", "Bob", "Paris")}
    alice = tag(file, at["Alice"], at["Alice"] + 5)
    bob = tag(file, at["Bob"], at["Bob"] + 3)
    paris = tag(file, at["Paris"], at["Paris"] + 5, "LOC")
    file.close()
    # words inserted before the spans, and Bob's name changed
    edited_story = story.replace("The two ministers", "On Monday the two foreign ministers").replace("Bob", "Robert")
    path.write_text(edited_story)
    edited = read_article(path)
    store.save_document(edited)
    reopened = store.open(edited, "alice")
    assert [(s.text, s.start) for s in reopened.annotations.spans()] == [
        ("Alice", edited_story.index("Alice")), ("Paris", edited_story.index("Paris"))]
    assert [s.id for s in reopened.flagged] == [bob.id]  # never attached to other words
    assert {old.id for old, _new in reopened.moved} == {alice.id, paris.id}
    reopened.close()
    data = json.loads(store.annotator_path("alice", document.id).read_text())
    assert data["spans"][paris.id]["start"] == edited_story.index("Paris")  # saved where it moved
    assert bob.id in data["spans"]  # kept, not silently dropped
    assert data["document"]["info"]["sha256"] == edited.sha256
    again = store.open(edited, "alice")  # nothing moves twice
    assert again.moved == [] and [s.id for s in again.flagged] == [bob.id]
    again.close()


def test_write_annotations_refuses_mismatched_spans(store, seed_path):
    document = read_article(seed_path)
    span = make_span(document.text, 528, 545, "PERSON", "entity")
    from dataclasses import replace

    bad = replace(span, text="someone else")
    with pytest.raises(AnnottyError, match="does not match"):
        store.write_annotations(document, "alice", Annotations([bad]))
    assert not store.annotator_path("alice", document.id).exists()


def test_annotator_names_are_checked(store, seed_path):
    document = read_article(seed_path)
    with pytest.raises(AnnottyError, match="annotator name"):
        store.open(document, "../evil")


def test_a_stored_document_is_checked_again_only_when_its_files_change(store, seed_path, monkeypatch):
    document = read_article(seed_path)
    store.save_document(document)
    reads = []
    real = store._read_document_record
    monkeypatch.setattr(store, "_read_document_record", lambda path: reads.append(path) or real(path))
    store.save_document(document)
    assert reads == []  # nothing changed since it was written
    record_path = store.document_path(document.id)
    record = json.loads(record_path.read_text(encoding="utf-8"))
    record["document"]["document"]["sha256"] = "0" * 64  # another version, e.g. brought in by git
    record_path.write_text(json.dumps(record), encoding="utf-8")
    store.save_document(document)
    assert len(reads) == 1  # looked again, and recorded this article's text
    assert json.loads(record_path.read_text(encoding="utf-8"))["document"]["document"]["sha256"] == document.sha256


def test_opening_removes_only_this_files_leftover_temporary_files(store, seed_path):
    document = read_article(seed_path)
    store.save_document(document)
    path = store.annotator_path("alice", document.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    names = [f".{path.name}.x1y2.tmp", f".{path.name}.tmp", ".other.json.x1y2.tmp", f"{path.name}.x1y2.tmp"]
    for name in names:
        (path.parent / name).write_text("{}", encoding="utf-8")
    store.open(document, "alice").close()
    assert sorted(p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")) == sorted(names[1:])
