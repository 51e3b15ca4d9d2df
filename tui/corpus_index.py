"""A corpus index in the store: what the article list and corpus find need
without reading every article again.

One SQLite file (``corpus-index.sqlite`` in the store) holds, per article
file, its size and modification time, headline, date, length, and why it
cannot be opened; and an FTS5 full-text index of the article's *folded*
text (``folding.fold``, spaces collapsed): trigram tokens, so that any
substring of three characters or more can be looked up (as all of its
trigrams), contentless and without positions, which keeps it small (about
half a kilobyte per 4 KB article). A changed article gets a new row; its old
trigrams stay behind but lead nowhere (nothing joins them). It is built once,
updated by file size and modification time, and rebuilt when missing or
damaged. The TinyDB files stay the store of record: the index only says
which articles may hold a phrase; the match itself is found in the article.

Python builds without FTS5 (or SQLite older than the trigram tokenizer)
are detected at run time: then nothing is indexed and callers scan.
"""

from __future__ import annotations

import os
import sqlite3
from operator import itemgetter
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .errors import AnnottyError
from .folder_check import reason
from .folding import fold
from .model import Document

INDEX_NAME = "corpus-index.sqlite"
_VERSION = "2"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT UNIQUE NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    headline TEXT NOT NULL, date TEXT NOT NULL, length INTEGER NOT NULL, problem TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS texts USING fts5(body, tokenize = 'trigram', detail = none, content = '');
"""


@lru_cache(maxsize=1)
def fts5_available() -> bool:
    """Whether this Python's SQLite has FTS5 with the trigram tokenizer."""
    try:
        connection = sqlite3.connect(":memory:")
        try:
            connection.execute("CREATE VIRTUAL TABLE probe USING fts5(body, tokenize = 'trigram')")
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return True


class IndexedArticle(NamedTuple):  # a tuple: 100,000 of them are made in a blink
    headline: str
    date: str
    length: int
    problem: str  # why it cannot be opened ("" when it can)


def searchable(text: str) -> str:
    """The form a text is indexed and looked up in: folded, spaces collapsed."""
    return " ".join(fold(text).split())


class CorpusIndex:
    """The index file of one store. Each method opens its own connection, so
    that a worker thread can build while the screen thread reads."""

    def __init__(self, store_root: Path):
        self.path = Path(store_root) / INDEX_NAME

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=30)
        connection.execute("PRAGMA journal_mode = WAL")  # readers are not held up by the builder
        connection.execute("PRAGMA synchronous = NORMAL")  # a lost index is rebuilt, not lost work
        return connection

    def _open_checked(self) -> sqlite3.Connection:
        """A connection to a sound index of this version, set up afresh when
        the file is missing, of another version, or damaged."""
        for attempt in (1, 2):
            try:
                connection = self._connect()
                connection.executescript(_SCHEMA)
                row = connection.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
                if row is None:
                    connection.execute("INSERT INTO meta VALUES ('version', ?)", (_VERSION,))
                    connection.commit()
                elif row[0] != _VERSION:
                    raise sqlite3.DatabaseError("another version")
                connection.execute("SELECT count(*) FROM articles").fetchone()
                return connection
            except sqlite3.DatabaseError:
                if attempt == 2:
                    raise
                self.discard()
        raise AssertionError("unreachable")

    def discard(self) -> None:
        """Remove the index (it is rebuilt on the next update)."""
        for suffix in ("", "-wal", "-shm"):
            try:
                os.unlink(f"{self.path}{suffix}")
            except FileNotFoundError:
                pass

    def update(self, entries: Iterable[tuple[str, str | Path]], load: Callable[[str], Document]) -> int:
        """Bring the index up to date with the articles ``entries`` (key, file):
        articles whose file changed size or modification time, or that are
        not yet indexed, are read again with ``load(key)``. Returns how many
        were (re)indexed. Raises sqlite3.Error or OSError when the store
        cannot hold an index."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = self._open_checked()
        try:
            known = {key: (size, mtime) for key, size, mtime in
                     connection.execute("SELECT key, size, mtime_ns FROM articles")}
            changed = 0
            for key, path in entries:
                try:
                    status = os.stat(path)
                    stamp = (status.st_size, status.st_mtime_ns)
                except OSError:
                    stamp = (-1, -1)
                if known.get(key) == stamp:
                    continue
                try:
                    document = load(key)
                    row = (document.headline or "", document.date or "", len(document.text), "")
                    body = searchable(document.text)
                except AnnottyError as error:
                    row, body = ("", "", 0, reason(error)), ""
                self._put(connection, key, stamp, row, body)
                changed += 1
                if changed % 500 == 0:
                    connection.commit()
            connection.commit()
            return changed
        finally:
            connection.close()

    @staticmethod
    def _put(connection: sqlite3.Connection, key: str, stamp: tuple[int, int], row: tuple, body: str) -> None:
        found = connection.execute("SELECT id FROM articles WHERE key = ?", (key,)).fetchone()
        if found is not None:
            # A contentless index cannot forget a row without its old text: the
            # article gets a new id and the old trigrams lead nowhere.
            connection.execute("DELETE FROM articles WHERE id = ?", found)
        cursor = connection.execute(
            "INSERT INTO articles (key, size, mtime_ns, headline, date, length, problem) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (key, *stamp, *row))
        connection.execute("INSERT INTO texts (rowid, body) VALUES (?, ?)", (cursor.lastrowid, body))

    def articles(self) -> dict[str, IndexedArticle]:
        """What the index holds on each article it knows (by key)."""
        connection = self._connect()
        try:
            rows = connection.execute("SELECT key, headline, date, length, problem FROM articles").fetchall()
        finally:
            connection.close()
        return dict(zip(map(itemgetter(0), rows), map(IndexedArticle._make, map(itemgetter(slice(1, None)), rows)),
                        strict=True))

    def containing(self, query: str) -> set[str] | None:
        """The keys of the articles whose text may hold ``query`` (a superset
        of those that do), or None when the index cannot tell (a query of
        fewer than three characters once folded)."""
        phrase = searchable(query)
        if len(phrase) < 3:
            return None
        trigrams = sorted({phrase[i:i + 3] for i in range(len(phrase) - 2)})
        expression = " AND ".join('"' + trigram.replace('"', '""') + '"' for trigram in trigrams)
        connection = self._connect()
        try:
            rows = connection.execute(
                "SELECT articles.key FROM texts JOIN articles ON articles.id = texts.rowid WHERE texts MATCH ?",
                (expression,))
            return {key for (key,) in rows}
        finally:
            connection.close()
