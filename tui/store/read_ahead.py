"""Reading an annotator's file before it is opened.

Going to the next article reads and parses its store file. Done while the
user is still reading the current one, opening it only has to check that
the file is unchanged since (same inode, size and modification time, and
still no journal) and take what was read. Nothing is locked or written here:
the lock is taken, and the check made under it, when the file is opened.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import AnnottyError
from ..model import Annotations, Relation, Span
from .annotator_file import StoreDB, journal_path, load_tables, records_of
from .journal import Journal

Stamp = tuple[int, int, int]


def file_stamp(path: Path) -> Stamp | None:
    """What changes whenever the file does: an atomic rewrite gives a new
    inode, an edit in place a new size or modification time."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns)


@dataclass
class ReadAhead:
    stamp: Stamp
    raw: dict
    tables: dict[str, dict]
    spans: list[Span]
    relations: list[Relation]
    #: (the article's sha256, what opening shows on it: annotations, spans flagged), once worked out
    foreseen: tuple[str, Annotations, list[Span]] | None = None

    @classmethod
    def read(cls, path: Path) -> ReadAhead | None:
        """The file read and parsed, or None when there is nothing to gain
        (no file, a journal to replay) or it cannot be read: opening it
        then does the usual thing, and reports any problem."""
        stamp = file_stamp(path)
        if stamp is None or journal_path(path).exists():
            return None
        try:
            db, tables, _journal = load_tables(path, read_only=True)
            spans, relations = records_of(tables, path)
        except AnnottyError:
            return None
        raw = db.storage.read()
        if not isinstance(raw, dict) or file_stamp(path) != stamp:
            return None  # empty, or written while it was being read
        return cls(stamp, raw, tables, spans, relations)

    @staticmethod
    def nothing_stored(path: Path) -> bool:
        """No file and no journal: opening it starts with no annotations."""
        return not path.exists() and not journal_path(path).exists()

    def unchanged(self, path: Path) -> bool:
        """Whether the file is still as it was read (and no journal has appeared)."""
        return file_stamp(path) == self.stamp and not journal_path(path).exists()

    def take(self, path: Path, read_only: bool) -> tuple[StoreDB, dict, Journal, list[Span], list[Relation]] | None:
        """What ``load_tables`` and ``records_of`` would give now, if the
        file is as it was read; None if it changed. Use once."""
        if not self.unchanged(path):
            return None
        db = StoreDB(path, read_only)
        db.storage.prime(self.raw)
        journal = Journal(journal_path(path))
        journal.read()
        return db, self.tables, journal, self.spans, self.relations
