"""The corpus index: built once, updated by size and mtime, rebuilt when
damaged, used by the article list and corpus find; a scan without it."""

from __future__ import annotations

import os

import pytest

from tui import workspace_index
from tui.corpus_index import INDEX_NAME, fts5_available
from tui.loading import find_articles
from tui.schema import DEFAULT_SCHEMA
from tui.store import Store
from tui.workspace import Workspace

pytestmark = pytest.mark.skipif(not fts5_available(), reason="this Python's SQLite has no FTS5 trigram tokenizer")


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "desk"
    folder.mkdir()
    for n in range(6):
        (folder / f"story{n}.txt").write_text(
            f"Story number {n}\n\nBy Jane Doe\n\nThe council met on day {n}.\n", encoding="utf-8")
    (folder / "ayse.txt").write_text("Minister Ayşe Yılmaz said we’ll reopen.\n", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01binary\x00" * 10)
    return folder


def make_workspace(folder, tmp_path):
    return Workspace(find_articles([folder]), Store(tmp_path / "store"), "alice", DEFAULT_SCHEMA)


def count_reads(monkeypatch) -> list:
    reads = []
    original = workspace_index.read_article

    def counting(path, doc_id=None):
        reads.append(path.name)
        return original(path, doc_id=doc_id)

    monkeypatch.setattr(workspace_index, "read_article", counting)
    return reads


def test_built_once_then_updated_only_for_changed_files(corpus, tmp_path, monkeypatch):
    reads = count_reads(monkeypatch)
    assert make_workspace(corpus, tmp_path).corpus_index.update()
    assert len(reads) == 8
    reads.clear()
    workspace = make_workspace(corpus, tmp_path)
    assert workspace.corpus_index.update() and reads == []
    changed = corpus / "story2.txt"
    changed.write_text("Story number two, rewritten\n\nA longer text now.\n", encoding="utf-8")
    os.utime(changed, ns=(1, 1))
    assert workspace.corpus_index.update() and reads == ["story2.txt"]
    assert [m.index for m in workspace.find_everywhere("longer text")] == [workspace.paths.index(changed)]
    assert len(workspace.find_everywhere("the council met")) == 5  # the old text is found no more


def test_the_list_comes_from_the_index_without_reading_articles(corpus, tmp_path, monkeypatch):
    workspace = make_workspace(corpus, tmp_path)
    expected = workspace.summaries()  # before the index: every article read
    workspace = make_workspace(corpus, tmp_path)
    workspace.corpus_index.update()
    monkeypatch.setattr(Workspace, "document", lambda self, index: pytest.fail("an article was read"))
    assert workspace.summaries() == expected
    assert [row.status for row in expected].count("unreadable") == 1


def test_corpus_find_reads_only_the_articles_the_index_names(corpus, tmp_path, monkeypatch):
    workspace = make_workspace(corpus, tmp_path)
    workspace.corpus_index.update()
    opened = []
    original = Workspace.document
    monkeypatch.setattr(Workspace, "document", lambda self, index: opened.append(index) or original(self, index))
    matches = workspace.find_everywhere("ayse yilmaz said we'll")
    assert [m.matched for m in matches] == ["Ayşe Yılmaz said we’ll"]
    assert len(opened) == 1
    assert len(workspace.find_everywhere("the council")) == 6


def test_a_damaged_index_is_rebuilt(corpus, tmp_path):
    workspace = make_workspace(corpus, tmp_path)
    workspace.corpus_index.update()
    index_file = tmp_path / "store" / INDEX_NAME
    for suffix in ("-wal", "-shm"):
        if os.path.exists(f"{index_file}{suffix}"):
            os.unlink(f"{index_file}{suffix}")
    index_file.write_bytes(b"not a database at all" * 100)
    workspace = make_workspace(corpus, tmp_path)
    assert workspace.corpus_index.update()
    assert len(workspace.find_everywhere("council met")) == 6


def test_without_fts5_corpus_find_and_the_list_scan_as_before(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(workspace_index, "fts5_available", lambda: False)
    workspace = make_workspace(corpus, tmp_path)
    assert not workspace.corpus_index.update() and "FTS5" in workspace.corpus_index.failed
    assert len(workspace.find_everywhere("council met")) == 6
    assert len(workspace.summaries()) == 8
    assert not (tmp_path / "store" / INDEX_NAME).exists()


def test_building_in_a_worker_thread(corpus, tmp_path):
    workspace = make_workspace(corpus, tmp_path)
    assert workspace.summaries()  # usable before the index is ready
    workspace.corpus_index.start().join(timeout=30)
    assert workspace.corpus_index.ready.is_set()


def hold_updates(monkeypatch):
    """CorpusIndex.update waits until the returned event is set (a long build)."""
    import threading

    from tui.corpus_index import CorpusIndex

    release, entered = threading.Event(), threading.Event()
    original = CorpusIndex.update

    def held(self, entries, load):
        entered.set()
        release.wait(10)
        return original(self, entries, load)

    monkeypatch.setattr(CorpusIndex, "update", held)
    return release, entered


def test_while_the_index_is_first_built_the_list_reads_no_article(corpus, tmp_path, monkeypatch):
    workspace = make_workspace(corpus, tmp_path)
    release, entered = hold_updates(monkeypatch)
    thread = workspace.corpus_index.start()
    assert entered.wait(10) and workspace.corpus_index.building
    monkeypatch.setattr(Workspace, "document", lambda self, index: pytest.fail("an article was read"))
    rows = workspace.summaries()
    assert [row.title for row in rows] == [path.name for path in workspace.paths]
    release.set()
    thread.join(10)
    assert not workspace.corpus_index.building
    assert workspace.summaries()[2].title == "Story number 0"  # from the index once built


def test_while_the_index_is_refreshed_the_list_shows_what_it_held(corpus, tmp_path, monkeypatch):
    expected = make_workspace(corpus, tmp_path).summaries()
    assert make_workspace(corpus, tmp_path).corpus_index.update()
    workspace = make_workspace(corpus, tmp_path)
    release, entered = hold_updates(monkeypatch)
    thread = workspace.corpus_index.start()
    assert entered.wait(10) and workspace.corpus_index.building
    monkeypatch.setattr(Workspace, "document", lambda self, index: pytest.fail("an article was read"))
    assert workspace.summaries() == expected
    release.set()
    thread.join(10)


def test_the_list_made_ahead_adds_only_the_progress_there_is(corpus, tmp_path, monkeypatch):
    workspace = make_workspace(corpus, tmp_path)
    workspace.corpus_index.start().join(10)
    session = workspace.open(3)
    session.set_done(True)
    session.file.close()
    fresh = make_workspace(corpus, tmp_path)
    fresh.corpus_index.update()  # ready, but no rows made ahead: every row made now
    expected = fresh.summaries()
    assert [row.status for row in expected].count("done") == 1
    made = []
    original = Workspace._summary
    monkeypatch.setattr(Workspace, "_summary", lambda self, index, *rest, **named: made.append(index)
                        or original(self, index, *rest, **named))
    assert workspace.summaries() == expected
    assert made == [3]


def test_a_second_corpus_find_folds_no_article_again(tmp_path, monkeypatch):
    from tui import folding

    folder = tmp_path / "desk"
    folder.mkdir()
    for n in range(80):  # more than a handful of articles, as in an archive
        (folder / f"s{n:02d}.txt").write_text(f"Story {n}\n\nMinister Ayşe Yılmaz said we’ll reopen {n}.\n")
    workspace = make_workspace(folder, tmp_path)
    workspace.corpus_index.update()
    folding._folded_short.cache_clear()
    folded = []
    original = folding._folded
    monkeypatch.setattr(folding, "_folded", lambda text: folded.append(text) or original(text))
    assert len(workspace.find_everywhere("ayse yilmaz")) == 80
    assert len(folded) == 80
    assert len(workspace.find_everywhere("we'll reopen")) == 80
    assert len(folded) == 80
