"""The corpus index of one run's articles: built in a worker thread after
the first frame, then used by the article list and corpus find; until it is
ready (or where the store cannot hold one, or this Python has no FTS5),
they read the articles as before."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from .corpus_index import CorpusIndex, IndexedArticle, fts5_available
from .errors import AnnottyError
from .folder_check import FolderReport, check_articles
from .loading import read_article
from .model import Document
from .names import may_change
from .store import Store, check_name
from .store.annotator_file import TODO

if TYPE_CHECKING:
    from .workspace import Workspace


class WorkspaceIndex:
    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self.index = CorpusIndex(workspace.store.root)
        self._keys: list[str] | None = None  # made by the first update, in the worker thread
        self._positions: dict[str, int] = {}
        self._articles: list[IndexedArticle | None] | None = None  # as of the last update (or the one before)
        self.ready = threading.Event()
        self.failed = ""  # why there is no index, if there is none
        self._lock = threading.Lock()  # one update at a time
        self._thread: threading.Thread | None = None

    @property
    def keys(self) -> list[str]:
        """Each article's key in the index: its absolute path (made without
        touching the disk: resolve() would stat every part), and a record's id."""
        if self._keys is None:
            workspace = self.workspace
            keys = list(map(os.path.abspath, workspace.paths.strings))
            for index in workspace.record_positions():
                keys[index] += f"#{workspace.ids[index]}"
            self._positions = {key: i for i, key in enumerate(keys)}
            self._keys = keys
        return self._keys

    @property
    def positions(self) -> dict[str, int]:
        """Each key's article (by position)."""
        self.keys  # noqa: B018  made with the keys
        return self._positions

    def _load(self, key: str) -> Document:
        """The article, read afresh and not kept (the index holds what it needs)."""
        index = self.positions[key]
        if self.workspace.is_record(index):
            return self.workspace.document(index)
        return read_article(self.workspace.paths[index], doc_id=self.workspace.ids[index])

    def update(self) -> bool:
        """Build or refresh the index now; False (and ``failed`` says why) when it cannot be."""
        if self.workspace.read_only:
            self.failed = "read-only: the store is left as it is"
            return False
        if not fts5_available():
            self.failed = "this Python's SQLite has no FTS5 trigram tokenizer"
            return False
        try:
            with self._lock:
                if self._articles is None and self.index.path.exists():
                    self._articles = self._known_before()  # what the list shows while this refresh runs
                self.index.update(zip(self.keys, self.workspace.paths.strings, strict=True), self._load)
                known = self.index.articles()
        except (sqlite3.Error, OSError) as error:
            self.failed = f"no corpus index ({error})"
            return False
        # Read here, in the worker thread: the article list takes them from memory.
        self._articles = list(map(known.get, self.keys))
        self.ready.set()
        return True

    def _known_before(self) -> list[IndexedArticle | None] | None:
        """What the index held before this run's refresh (None if it cannot tell)."""
        try:
            known = self.index.articles()
        except sqlite3.Error:
            return None
        return list(map(known.get, self.keys))

    @property
    def building(self) -> bool:
        """Whether the worker thread is building or refreshing the index now."""
        return self._thread is not None and self._thread.is_alive() and not self.ready.is_set()

    def start(self, found: Callable[[FolderReport], None] | None = None) -> threading.Thread:
        """Build (or refresh) the index in a worker thread (a daemon: quitting
        does not wait for it; what it wrote is kept), then call ``found`` there
        with the articles that cannot be opened."""

        def build() -> None:
            report = self.unreadable()
            if found is not None:
                found(report)
            self.workspace.prepare_summaries()

        if self._thread is None:
            self._thread = threading.Thread(target=build, name="corpus-index", daemon=True)
            self._thread.start()
        return self._thread

    def articles(self) -> list[IndexedArticle | None] | None:
        """Each article's entry (None for one the index does not hold), or
        None when there is no index. As of the last update: the index is
        brought up to date once per run, by ``start``; while it is, what it
        held before is listed, and a file changed on disk while annotty runs
        is listed as it was until the next run."""
        return self._articles

    def unreadable(self) -> FolderReport:
        """The articles that cannot be opened, with why: from the index (built
        or refreshed now), or by reading every article file without one."""
        articles = self.articles() if self.update() else None
        paths = self.workspace.paths
        if articles is None:
            records = set(self.workspace.record_positions())
            return check_articles([path for i, path in enumerate(paths) if i not in records])
        bad = [i for i, entry in enumerate(articles) if entry is not None and entry.problem]
        problems = [(paths[i], AnnottyError(articles[i].problem)) for i in bad]  # type: ignore[union-attr]
        return FolderReport(paths.without(set(bad)), problems)

    def candidates(self, query: str) -> list[int] | None:
        """The articles (by position) that may hold ``query``, in order, or
        None when the index cannot tell. (As of the refresh at start, like
        ``articles``.)"""
        if not self.ready.is_set():
            return None
        try:
            keys = self.index.containing(query)
        except sqlite3.Error:
            return None
        if keys is None:
            return None
        positions = self.positions
        return sorted(positions[key] for key in keys if key in positions)


NO_PROGRESS = (0, TODO)  # a document with no annotator file yet


def progress_of_all(store: Store, annotator: str, doc_ids: list[str]) -> list[tuple[int, str] | AnnottyError]:
    """``store.progress`` of each document, or the error it raises."""
    results: list[tuple[int, str] | AnnottyError] = [NO_PROGRESS] * len(doc_ids)
    for index, done in progress_where_any(store, annotator, doc_ids).items():
        results[index] = done
    return results


def progress_where_any(store: Store, annotator: str, doc_ids: list[str]) -> dict[int, tuple[int, str] | AnnottyError]:
    """``store.progress`` of the documents (by position) that have a file,
    or the error for those whose id is refused: the others are at
    ``NO_PROGRESS``. Without a call (and its two file checks) for documents
    with no file yet: one listing of the annotator's folder tells which have
    one, and the ids are checked all at once (an archive has 30,000)."""
    folder = store.annotator_path(annotator, "x").parent
    try:
        present = os.listdir(folder)
    except OSError:
        present = []
    with_file = {name[:-len(ending)] for name in present for ending in (".json", ".json.journal")
                 if name.endswith(ending)}
    to_read = may_change(doc_ids)
    if with_file:
        to_read.update(i for i, doc_id in enumerate(doc_ids) if doc_id in with_file)
    results: dict[int, tuple[int, str] | AnnottyError] = {}
    for index in sorted(to_read):
        doc_id = doc_ids[index]
        try:
            check_name(doc_id, "document id")
            if doc_id in with_file:
                results[index] = store.progress(annotator, doc_id)
        except AnnottyError as error:
            results[index] = error
    return results
