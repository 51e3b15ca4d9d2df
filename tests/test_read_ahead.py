"""Reading an annotator's file ahead of opening it: what was read is used only
while the file is unchanged; otherwise opening reads the file as always."""

from __future__ import annotations

from tui.loading import read_article
from tui.model import AddSpan, make_span
from tui.store import Store
from tui.store import annotator_file

from test_store import tag  # tests/ is on the path (rootdir-relative imports)


def annotated(store, seed_path, spans=((528, 545), (600, 610))):
    document = read_article(seed_path)
    store.save_document(document)
    file = store.open(document, "alice")
    made = [tag(file, start, end) for start, end in spans]
    file.close()
    return document, made


def count_reads(monkeypatch) -> list:
    reads = []
    real = annotator_file.load_tables

    def counting(path, read_only):
        reads.append(path)
        return real(path, read_only)

    monkeypatch.setattr("tui.store.store.load_tables", counting)
    return reads


def test_an_unchanged_file_read_ahead_opens_without_being_read_again(store, seed_path, monkeypatch):
    document, made = annotated(store, seed_path)
    store.read_ahead("alice", document)
    reads = count_reads(monkeypatch)
    file = store.open(document, "alice")
    assert reads == []
    assert file.annotations.spans() == sorted(made, key=lambda s: (s.start, s.end))
    added = tag(file, 700, 705)  # saving works as on a file opened the usual way
    file.close()
    again = store.open(document, "alice")
    assert reads == [again.path]  # used once: the next open reads the file
    assert added in again.annotations.spans() and len(again.annotations) == 3
    again.close()


def test_a_file_changed_after_reading_ahead_is_read_again(store, seed_path, tmp_path, monkeypatch):
    document, _ = annotated(store, seed_path)
    store.read_ahead("alice", document)
    other = Store(store.root)  # another session on the same store changes the file meanwhile
    file = other.open(document, "alice")
    late = tag(file, 800, 810)
    file.close()
    reads = count_reads(monkeypatch)
    reopened = store.open(document, "alice")
    assert len(reads) == 1
    assert late in reopened.annotations.spans()
    reopened.close()


def test_a_journal_left_after_reading_ahead_is_replayed(store, seed_path):
    document, _ = annotated(store, seed_path)
    store.read_ahead("alice", document)
    crashed = Store(store.root).open(document, "alice")
    span = make_span(document.text, 900, 905, "ORG", "entity")
    change = AddSpan(span)
    change.apply(crashed.annotations)
    crashed.persist(change)  # in the journal only: the session "crashes" here
    crashed._journal.close()
    crashed._lock.release()
    reopened = store.open(document, "alice")
    assert span in reopened.annotations.spans()
    reopened.close()


def test_reading_ahead_a_missing_or_damaged_file_leaves_the_reporting_to_open(store, seed_path):
    document = read_article(seed_path)
    store.save_document(document)
    store.read_ahead("alice", document)  # no file yet: nothing to do, no error
    path = store.annotator_path("alice", document.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"spans": {', encoding="utf-8")
    store.read_ahead("alice", document)
    file = store.open(document, "alice")
    assert file.set_aside and len(file.annotations) == 0  # damaged: set aside, as without reading ahead
    file.close()


def test_reading_ahead_again_an_unchanged_file_does_not_read_it_again(store, seed_path, monkeypatch):
    document, _ = annotated(store, seed_path)
    store.read_ahead("alice", document)
    reads = []
    real = annotator_file.load_tables
    monkeypatch.setattr(
        "tui.store.read_ahead.load_tables", lambda path, read_only: reads.append(path) or real(path, read_only)
    )
    store.read_ahead("alice", document)
    assert reads == []
    other = Store(store.root).open(document, "alice")
    tag(other, 800, 810)
    other.close()  # the file changed: read again
    store.read_ahead("alice", document)
    assert len(reads) == 1


def test_reading_ahead_tells_what_opening_will_show(store, seed_path, tmp_path):
    document, made = annotated(store, seed_path)
    foreseen, flagged = store.read_ahead("alice", document)
    assert flagged == [] and foreseen.spans() == sorted(made, key=lambda s: (s.start, s.end))
    file = store.open(document, "alice")
    # the very span objects: a screen drawn from them is checked by identity first
    assert all(a is b for a, b in zip(file.annotations.spans(), foreseen.spans(), strict=False))
    file.close()
    fresh = read_article(seed_path, doc_id="fresh")
    assert len(store.read_ahead("alice", fresh)[0]) == 0  # nothing stored yet: nothing to show
    changed = read_article(seed_path)
    changed.text = "A new first line.\n" + changed.text  # the article was edited: opening re-anchors
    assert store.read_ahead("alice", changed) is None
