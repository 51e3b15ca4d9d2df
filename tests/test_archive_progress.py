"""The progress of every article of a run, as the article list and the
status line read it: the same as asking the store article by article,
without a call for the articles that have no file yet."""

from __future__ import annotations

from tui.errors import AnnottyError
from tui.loading import find_articles
from tui.schema import DEFAULT_SCHEMA
from tui.store import Store
from tui.workspace import Workspace
from tui.workspace_index import progress_of_all


def one_by_one(store: Store, annotator: str, doc_ids: list[str]) -> list:
    """The rule written out: check the id, then ask the store."""
    results: list = []
    for doc_id in doc_ids:
        try:
            from tui.store import check_name

            check_name(doc_id, "document id")
            results.append(store.progress(annotator, doc_id))
        except AnnottyError as error:
            results.append(str(error))
    return results


def test_progress_of_all_is_the_store_asked_one_by_one(tmp_path, monkeypatch):
    folder = tmp_path / "desk"
    folder.mkdir()
    for n in range(30):
        (folder / f"story{n:02d}.txt").write_text(f"Story {n}\n\nThe council met on day {n}.\n", encoding="utf-8")
    store = Store(tmp_path / "store")
    workspace = Workspace(find_articles([folder]), store, "alice", DEFAULT_SCHEMA)
    done = workspace.open(3)
    done.set_done(True)
    done.file.close()
    started = workspace.open(7)
    started.tag(0, 5, started.schema.labels[0].name)
    started.file.close()
    ids = [*workspace.ids, "-bad", "bad name", "", "x" * 300, "ok.but.unknown"]
    expected = one_by_one(store, "alice", ids)
    assert expected[3] == (0, "done") and expected[7][0] == 1 and expected[0] == (0, "todo")
    asked = []
    original = Store.progress
    monkeypatch.setattr(Store, "progress", lambda self, annotator, doc_id: asked.append(doc_id)
                        or original(self, annotator, doc_id))
    found = progress_of_all(store, "alice", ids)
    assert [str(r) if isinstance(r, AnnottyError) else r for r in found] == expected
    assert sorted(asked) == sorted([ids[3], ids[7]])
