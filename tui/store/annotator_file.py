"""One annotator's annotations on one document: a TinyDB file plus its journal.

The TinyDB file holds the tables ``spans`` and ``relations`` (records keyed
by their stable ids), ``document`` (the document id and the sha256 of the
text they were made on) and ``annotty`` (the format version). Saving a change
appends it to the journal (fast at any size, fsynced); closing the file folds
the journal into the TinyDB file with one atomic rewrite.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document as TinyDocument
from tinydb.table import Table

from ..errors import AnnottyError
from ..model import Annotations, Change, Document, Relation, Span
from .journal import Journal, JournalWriteFailed, Op
from .migrations import CURRENT, migrate, version_of
from .storage import AtomicJSONStorage, StoreDamaged

#: Version of the files' layout, written into every file (see migrations.py).
FORMAT_VERSION = CURRENT
TODO, IN_PROGRESS, DONE = "todo", "in progress", "done"
#: Fold the journal into the TinyDB file after this many changes.
COMPACT_EVERY = 2000


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + ".journal")


class KeyedTable(Table):
    """A TinyDB table whose records are keyed by annotty's own string ids
    (stable across sessions and annotators, unlike insertion counters)."""

    document_id_class = str  # type: ignore[assignment]  # TinyDB types ids as int; its Table takes any id class

    def _get_next_id(self):
        raise AnnottyError("records in the annotty store need an explicit id")


def _keyed(record: dict, key: str) -> TinyDocument:
    """A TinyDB document under one of our string ids."""
    return TinyDocument(record, doc_id=key)  # type: ignore[arg-type]  # TinyDB types ids as int; KeyedTable's are str


class StoreDB(TinyDB):
    """TinyDB over one store file, written atomically."""

    table_class = KeyedTable

    def __init__(self, path: Path, read_only: bool) -> None:
        self._file = AtomicJSONStorage(path, read_only)
        super().__init__(storage=lambda: self._file)  # TinyDB makes its storage by calling this

    @property
    def storage(self) -> AtomicJSONStorage:
        """The store file's storage (TinyDB's own property is typed as any Storage)."""
        return self._file


def open_db_migrated(path: Path, read_only: bool) -> tuple[StoreDB, dict, bool]:
    """The file's database and its content in the current format (migrated
    in memory if older: True then, and the file is rewritten on close)."""
    db = StoreDB(path, read_only)
    raw, migrated = migrate(db.storage.read() or {}, path)
    return db, raw, migrated


def check_version(data: dict, path: Path) -> None:
    if version_of(data) > FORMAT_VERSION:
        raise AnnottyError(
            f"written by a newer annotty (format {version_of(data)}, this one reads {FORMAT_VERSION})", path
        )


def load_tables(path: Path, read_only: bool) -> tuple[StoreDB, dict[str, dict], Journal]:
    """The file's span and relation records (keyed by id) with the journal's
    changes applied in memory. ``tables["rewrite"]`` is set when the file
    must be rewritten on close (an older format); ``tables["recorded"]`` holds
    the sha256 of the text the annotations were made on."""
    # The raw tables as TinyDB stores them ({id: record}); reading them through
    # Table.all() would build a Document per record only to take it apart again.
    db, raw, migrated = open_db_migrated(path, read_only)
    tables: dict[str, dict] = {"rewrite": {"older-format": True}} if migrated else {}
    for name in ("spans", "relations"):
        table = raw.get(name, {})
        if not isinstance(table, dict):  # "spans": [] too: not a file annotty wrote
            raise StoreDamaged(f"store file has a malformed {name} table", path)
        tables[name] = dict(table)
    info = (raw.get("document") or {}).get("info") or {}
    status = info.get("status") if isinstance(info, dict) else None
    tables["progress"] = {"status": {"value": status}} if status else {}
    recorded = info.get("sha256") if isinstance(info, dict) else None
    tables["recorded"] = {"sha256": recorded} if isinstance(recorded, str) else {}
    journal = Journal(journal_path(path))
    for ops in journal.read():
        apply_ops(tables, ops)
    return db, tables, journal


#: Journal op kinds and the tables they change.
_TABLE_OF = {"span": "spans", "relation": "relations", "progress": "progress"}


def apply_ops(tables: dict[str, dict], ops: list[Op]) -> None:
    for what, item_id, record in ops:
        table = tables.setdefault(_TABLE_OF.get(what, "relations"), {})
        if record is None:
            table.pop(item_id, None)
        else:
            table[item_id] = record


def records_of(tables: dict[str, dict], path: Path) -> tuple[list[Span], list[Relation]]:
    try:
        spans = [Span.from_dict(record) for record in tables.get("spans", {}).values()]
        relations = [Relation.from_dict(record) for record in tables.get("relations", {}).values()]
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise AnnottyError(f"store file has a malformed record ({error})", path) from None
    return spans, relations


def anchor(document: Document, spans: list[Span], relations: list[Relation]) -> tuple[Annotations, list[Span]]:
    """Keep the spans whose text still stands at their offsets; flag the rest."""
    text = document.text
    good: list[Span] = []
    flagged: list[Span] = []
    for span in spans:
        fits = 0 <= span.start < span.end <= len(text) and text[span.start:span.end] == span.text
        (good if fits else flagged).append(span)
    kept_ids = {span.id for span in good}
    kept_relations = [r for r in relations if r.head in kept_ids and r.child in kept_ids]
    return Annotations(good, kept_relations), flagged


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
    #: Damaged files found on opening, renamed to ``*.corrupt-<time>``.
    set_aside: list[Path] = field(default_factory=list)
    #: Spans that followed their words to new offsets in an edited article (old, new).
    moved: list[tuple[Span, Span]] = field(default_factory=list)
    _db: StoreDB | None = None
    _tables: dict[str, dict] = field(default_factory=dict)
    _journal: Journal | None = None
    _lock: Any = None  # a filelock.FileLock while editing
    #: Changes applied but not saved (the disk was full...), oldest first: each a journal entry.
    _pending: list[list[Op]] = field(default_factory=list)
    #: Why the last save failed, while changes are unsaved ("No space left on device").
    save_problem: str = ""

    def persist(self, change: Change) -> None:
        """Save what ``change`` touched; durable (fsynced) when ``unsaved``
        is 0 afterwards. A change that cannot be saved (a full disk) stays
        queued, in order, and is written before the next one."""
        if self.read_only or self._journal is None:
            raise AnnottyError("opened read-only; nothing was saved", self.path)
        ops: list[Op] = []
        for what, item_id in change.touched():
            if what == "span":
                span = self.annotations.get(item_id)
                ops.append(("span", item_id, span.to_dict() if span else None))
            else:
                relation = self.annotations.get_relation(item_id)
                ops.append(("relation", item_id, relation.to_dict() if relation else None))
        if self._save(ops) and self._journal.entries >= COMPACT_EVERY:
            try:
                self.compact()
            except AnnottyError:
                pass  # the change is saved in the journal; folding is tried again later

    @property
    def unsaved(self) -> int:
        """How many changes are applied but not yet saved (kept, and retried)."""
        return len(self._pending)

    def _save(self, ops: list[Op]) -> bool:
        self._pending.append(ops)
        return self.retry_save()

    def retry_save(self) -> bool:
        """Write the changes not yet saved, oldest first; True once none is left."""
        while self._pending and self._journal is not None:
            try:
                self._journal.append(self._pending[0])
            except JournalWriteFailed as failure:
                self.save_problem = failure.reason
                return False
            apply_ops(self._tables, self._pending.pop(0))
        self.save_problem = ""
        return not self._pending

    @property
    def status(self) -> str:
        """``done`` once the annotator marked the document so, else ``todo``
        (no annotations yet) or ``in progress``."""
        if (self._tables.get("progress", {}).get("status") or {}).get("value") == DONE:
            return DONE
        return IN_PROGRESS if self._tables.get("spans") else TODO

    def set_done(self, done: bool) -> None:
        """Mark the document done (or not), saved like any change."""
        if self.read_only or self._journal is None:
            raise AnnottyError("opened read-only; nothing was saved", self.path)
        self._save([("progress", "status", {"value": DONE} if done else None)])

    def save_moved(self) -> None:
        """Save the spans re-anchored on opening, and mark the file to be
        rewritten with the new text's sha256."""
        if self.read_only or self._journal is None:
            return
        if self.moved:
            self._save([("span", new.id, new.to_dict()) for _old, new in self.moved])
        self._tables["rewrite"] = {"text-changed": True}

    def compact(self) -> None:
        """Fold the journal into the TinyDB file with one atomic rewrite."""
        if self.read_only or self._db is None or self._journal is None:
            return
        db = self._db
        with db.storage.deferred():
            for name in set(db.tables()) - {"spans", "relations", "document", "annotty"}:
                db.drop_table(name)  # what an older format kept elsewhere (migrated)
            for name in ("spans", "relations"):
                table = db.table(name)
                table.truncate()
                records = self._tables.get(name, {})
                table.insert_multiple(_keyed(records[key], key) for key in sorted(records))
            info = {"id": self.document.id, "sha256": self.document.sha256, "annotator": self.annotator}
            if self.status == DONE:
                info["status"] = DONE
            document = db.table("document")
            document.truncate()  # an upsert would keep fields no longer true (a status unset)
            document.insert(_keyed(info, "info"))
            db.table("annotty").upsert(_keyed({"version": FORMAT_VERSION}, "format"))
        self._journal.clear()
        self._tables.pop("rewrite", None)

    def replace_all(self, annotations: Annotations) -> None:
        """Replace every stored annotation with ``annotations`` (an import)."""
        self._tables = {
            "spans": {span.id: span.to_dict() for span in annotations.spans()},
            "relations": {r.id: r.to_dict() for r in annotations.relations()},
        }
        self.annotations = annotations
        self.flagged = []
        self.compact()

    def close(self) -> None:
        """Save what is not saved yet and fold the journal into the TinyDB
        file. If that fails, raises AnnottyError saying what was kept (the
        confirmed changes, in the journal, folded in on the next open) and
        what was lost (changes never saved)."""
        try:
            if not self.read_only and self._journal is not None:
                self.retry_save()
                if self._journal.entries or self._tables.get("rewrite") or self._pending:
                    self._fold_on_close(self._journal)
        finally:
            if self._journal is not None:
                self._journal.close()
                self._journal = None
            if self._db is not None:
                self._db.close()
                self._db = None
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def _fold_on_close(self, journal: Journal) -> None:
        confirmed = self._tables
        if self._pending:
            # The journal could not take them: one rewrite of the file still might.
            self._tables = {name: dict(table) for name, table in confirmed.items()}
            for ops in self._pending:
                apply_ops(self._tables, ops)
        try:
            self.compact()
        except AnnottyError as error:
            self._tables = confirmed
            reason = self.save_problem or getattr(error, "message", str(error))
            raise AnnottyError(self._not_saved_report(reason, journal), self.path) from None
        self._pending.clear()
        self.save_problem = ""

    def _not_saved_report(self, reason: str, journal: Journal) -> str:
        """What was kept and what was lost when closing failed, in a user's words."""
        parts = [f"cannot save ({reason})"]
        if self._pending:
            try:
                journal.discard_unconfirmed()
            except AnnottyError:
                pass  # a torn line is ignored on replay
            parts.append(f"{len(self._pending)} change(s) never saved are lost")
        if journal.entries:
            parts.append(
                f"the {journal.entries} saved change(s) are kept in {journal.path}, "
                "and are folded in when this article is next opened"
            )
        else:
            parts.append("the file keeps what was last saved in it")
        return "; ".join(parts)
