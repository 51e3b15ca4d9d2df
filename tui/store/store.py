"""The annotation store: a folder of small TinyDB JSON files.

Layout under the store root (default ``./annotations``)::

    documents/<doc_id>.json               the text and header of each document
    annotators/<name>/<doc_id>.json       one annotator's spans and relations on it
    annotators/<name>/<doc_id>.json.lock  held while an annotty session edits it

One file per annotator and document keeps files small, and lets a team keep
the store in git without two people ever writing the same file. Records are
keyed by their stable ids (not insertion counters), so files diff cleanly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.table import Document as TinyDocument
from tinydb.table import Table

from ..errors import AnnottyError
from ..model import Annotations, Change, Document, Field, Relation, Span
from .storage import AtomicJSONStorage

#: Version of the files' layout, written into every file.
FORMAT_VERSION = 1
_NAME = re.compile(r"[\w][\w.\-]*", re.UNICODE)


class StoreLocked(AnnottyError):
    """Another annotty session is editing this document as this annotator."""


class KeyedTable(Table):
    """A TinyDB table whose records are keyed by our own string ids."""

    document_id_class = str

    def _get_next_id(self):
        raise AnnottyError("records in the annotty store need an explicit id")


class _StoreDB(TinyDB):
    table_class = KeyedTable


def check_name(name: str, what: str = "annotator") -> str:
    if not _NAME.fullmatch(name or ""):
        raise AnnottyError(f"{what} name {name!r} may hold letters, digits, '.', '_' and '-' only")
    return name


def _open_db(path: Path, read_only: bool) -> tuple[_StoreDB, AtomicJSONStorage]:
    db = _StoreDB(storage=AtomicJSONStorage, path=path, read_only=read_only)
    storage = db.storage
    info = storage.read() or {}
    version = (info.get("annotty") or {}).get("format", {}).get("version", FORMAT_VERSION)
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise AnnottyError(
            f"written by a newer annotty (format {version}, this one reads {FORMAT_VERSION})", path
        )
    return db, storage


def _stamp(db: _StoreDB) -> None:
    db.table("annotty").upsert(TinyDocument({"version": FORMAT_VERSION}, doc_id="format"))


@dataclass
class AnnotatorFile:
    """One annotator's annotations on one document, open for editing.

    ``flagged`` holds stored spans whose text no longer matches the article
    (it was edited since): they are kept in the file untouched, but not shown
    or exported until re-anchored.
    """

    path: Path
    document: Document
    annotator: str
    annotations: Annotations
    read_only: bool
    flagged: list[Span] = field(default_factory=list)
    _db: _StoreDB | None = None
    _storage: AtomicJSONStorage | None = None
    _lock: FileLock | None = None

    def persist(self, change: Change) -> None:
        """Write what ``change`` touched, as one atomic file write."""
        if self.read_only or self._db is None or self._storage is None:
            raise AnnottyError("opened read-only; nothing was saved", self.path)
        spans = self._db.table("spans")
        relations = self._db.table("relations")
        with self._storage.deferred():
            for what, item_id in change.touched():
                table = spans if what == "span" else relations
                if what == "span":
                    current = self.annotations.get(item_id)
                    record = current.to_dict() if current else None
                else:
                    record = next(
                        (r.to_dict() for r in self.annotations.relations() if r.id == item_id), None
                    )
                if record is None:
                    if table.contains(doc_id=item_id):
                        table.remove(doc_ids=[item_id])
                else:
                    table.upsert(TinyDocument(record, doc_id=item_id))
            self._write_info()

    def _write_info(self) -> None:
        assert self._db is not None
        _stamp(self._db)
        self._db.table("document").upsert(
            TinyDocument(
                {"id": self.document.id, "sha256": self.document.sha256, "annotator": self.annotator},
                doc_id="info",
            )
        )

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None


class Store:
    def __init__(self, root: str | Path):
        self.root = Path(root)

    # -- paths ------------------------------------------------------------
    def document_path(self, doc_id: str) -> Path:
        return self.root / "documents" / f"{doc_id}.json"

    def annotator_path(self, annotator: str, doc_id: str) -> Path:
        return self.root / "annotators" / check_name(annotator) / f"{doc_id}.json"

    # -- documents --------------------------------------------------------
    def save_document(self, document: Document) -> None:
        """Record the document's text and header, unless already stored as is."""
        path = self.document_path(document.id)
        if path.exists():
            stored = self._read_document_record(path)
            if stored and stored.get("sha256") == document.sha256 and stored.get("source") == document.source:
                return
        db, _storage = _open_db(path, read_only=False)
        try:
            record = {
                "id": document.id,
                "text": document.text,
                "source": document.source,
                "sha256": document.sha256,
                "date": document.date,
                "meta": {name: [f.start, f.end, f.value] for name, f in document.meta.items()},
            }
            with db.storage.deferred():
                _stamp(db)
                db.table("document").upsert(TinyDocument(record, doc_id="document"))
        finally:
            db.close()

    def _read_document_record(self, path: Path) -> dict | None:
        db, _storage = _open_db(path, read_only=True)
        try:
            return db.table("document").get(doc_id="document")
        finally:
            db.close()

    def load_document(self, doc_id: str) -> Document:
        path = self.document_path(doc_id)
        if not path.exists():
            raise AnnottyError(f"no stored text for document {doc_id}", path)
        record = self._read_document_record(path)
        if not record or "text" not in record:
            raise AnnottyError("store file holds no document", path)
        meta = {name: Field(*value) for name, value in (record.get("meta") or {}).items()}
        return Document(
            id=record["id"], text=record["text"], source=record.get("source", ""),
            meta=meta, date=record.get("date"),
        )

    def document_ids(self) -> list[str]:
        folder = self.root / "documents"
        return sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []

    # -- annotators -------------------------------------------------------
    def annotators(self) -> list[str]:
        folder = self.root / "annotators"
        return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []

    def annotated_documents(self, annotator: str) -> list[str]:
        folder = self.root / "annotators" / check_name(annotator)
        return sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []

    def open(self, document: Document, annotator: str, read_only: bool = False) -> AnnotatorFile:
        """Open an annotator's annotations on a document for editing.

        Takes a lock so that a second session cannot overwrite this one's
        work; raises StoreLocked if another session holds it (open with
        ``read_only=True`` to look without editing).
        """
        path = self.annotator_path(annotator, document.id)
        lock = None
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
            lock = FileLock(f"{path}.lock", timeout=0, thread_local=False)
            try:
                lock.acquire()
            except Timeout:
                raise StoreLocked(
                    f"another annotty session is editing this document as {annotator!r}",
                    path,
                ) from None
        try:
            db, storage = _open_db(path, read_only=read_only)
            spans, relations = self._records(db)
            annotations, flagged = _anchor(document, spans, relations)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return AnnotatorFile(
            path=path, document=document, annotator=annotator, annotations=annotations,
            read_only=read_only, flagged=flagged, _db=db, _storage=storage, _lock=lock,
        )

    def write_annotations(self, document: Document, annotator: str, annotations: Annotations) -> Path:
        """Store ``document`` and replace the annotator's annotations on it, in
        one atomic write each (used by importers: all or nothing per document).
        Every span must match the document's text."""
        for span in annotations.spans():
            if document.text[span.start:span.end] != span.text:
                raise AnnottyError(f"span {span.id} {span.text!r} does not match the text at {span.start}:{span.end}")
        self.save_document(document)
        file = self.open(document, annotator)
        try:
            assert file._db is not None and file._storage is not None
            with file._storage.deferred():
                file._db.drop_tables()
                spans = file._db.table("spans")
                for span in annotations.spans():
                    spans.insert(TinyDocument(span.to_dict(), doc_id=span.id))
                relations = file._db.table("relations")
                for relation in annotations.relations():
                    relations.insert(TinyDocument(relation.to_dict(), doc_id=relation.id))
                file.annotations = annotations
                file._write_info()
        finally:
            file.close()
        return file.path

    def load_annotations(self, annotator: str, doc_id: str, text: str) -> tuple[Annotations, list[Span]]:
        """Read (without locking) an annotator's annotations on a stored document:
        the spans that match ``text``, and those that do not."""
        path = self.annotator_path(annotator, doc_id)
        db, _storage = _open_db(path, read_only=True)
        try:
            spans, relations = self._records(db)
        finally:
            db.close()
        document = Document(id=doc_id, text=text)
        return _anchor(document, spans, relations)

    @staticmethod
    def _records(db: _StoreDB) -> tuple[list[Span], list[Relation]]:
        try:
            spans = [Span.from_dict(record) for record in db.table("spans").all()]
            relations = [Relation.from_dict(record) for record in db.table("relations").all()]
        except (KeyError, TypeError, ValueError) as error:
            raise AnnottyError(f"store file has a malformed record ({error})", db.storage.path) from None
        return spans, relations


def _anchor(document: Document, spans: list[Span], relations: list[Relation]) -> tuple[Annotations, list[Span]]:
    """Keep the spans whose text still stands at their offsets; flag the rest."""
    text = document.text
    good, flagged = [], []
    for span in spans:
        (good if 0 <= span.start < span.end <= len(text) and text[span.start:span.end] == span.text else flagged).append(span)
    kept_ids = {span.id for span in good}
    kept_relations = [r for r in relations if r.head in kept_ids and r.child in kept_ids]
    return Annotations(good, kept_relations), flagged
