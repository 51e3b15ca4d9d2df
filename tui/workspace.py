"""The articles of one annotty run, and opening them for editing."""

from __future__ import annotations

from pathlib import Path

from .loading import read_article
from .schema import Schema
from .session import Session
from .store import Store, StoreLocked


class Workspace:
    """A list of article files, one store, one annotator and one schema."""

    def __init__(self, paths: list[Path], store: Store, annotator: str, schema: Schema, read_only: bool = False):
        self.paths = list(paths)
        self.store = store
        self.annotator = annotator
        self.schema = schema
        self.read_only = read_only

    def __len__(self) -> int:
        return len(self.paths)

    def open(self, index: int) -> Session:
        """Load article ``index`` and open the annotator's annotations on it.

        If another session is editing it, it opens read-only and says why in
        ``session.notice``. Raises AnnottyError for an unreadable article.
        """
        document = read_article(self.paths[index])
        notice = ""
        if self.read_only:
            file = self.store.open(document, self.annotator, read_only=True)
            notice = "read-only (--read-only)"
        else:
            self.store.save_document(document)
            try:
                file = self.store.open(document, self.annotator)
            except StoreLocked as locked:
                file = self.store.open(document, self.annotator, read_only=True)
                notice = f"read-only: {locked.message}"
        session = Session(document, self.schema, file)
        session.notice = notice
        return session
