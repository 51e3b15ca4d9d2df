"""The annotation store: a folder of small TinyDB JSON files.

Layout under the store root (default ``./annotations``)::

    documents/<doc_id>.txt                the text of each document (UTF-8, LF)
    documents/<doc_id>.json               its header, source and sha256
    originals/<doc_id>.<ext>              the web page, wire XML or Markdown the text was made from
    annotators/<name>/<doc_id>.json       one annotator's spans and relations on it
    annotators/<name>/<doc_id>.json.lock  held while an annotty session edits it
    adjudications/<name>.json             the decisions that made annotator <name> (adjudicate)

One file per annotator and document keeps files small, and lets a team keep
the store in git without two people ever writing the same file. Records are
keyed by their stable ids (not insertion counters), so files diff cleanly.
"""

from __future__ import annotations

import gc
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import LinkRefused, atomic_writer, read_no_follow, refuse_link, write_atomically
from ..errors import AnnottyError
from ..model import Annotations, Document, Field, Span, text_sha256
from ..names import check_name
from .annotator_file import (
    FORMAT_VERSION, TODO, AnnotatorFile, anchor, check_version, journal_path, load_tables, records_of,
)
from .decisions import DecisionRecord
from .originals import is_web_address, keep_original
from .read_ahead import ReadAhead, file_stamp
from .storage import AtomicJSONStorage, StoreDamaged, not_writable

if TYPE_CHECKING:
    from filelock import FileLock

#: Files read ahead and kept until opened: the articles either side of the open one, and spares.
READ_AHEAD_FILES = 4

GITIGNORE = """\
# annotty store: files of a running session, never committed.
# Quit annotty before committing: its journal is folded into the .json on close.
*.json.lock
*.json.journal
# temporary files of an atomic write cut short
.*.tmp
# damaged files set aside by annotty (<name>.corrupt-<time>), kept for recovery
*.corrupt-*
"""
GITATTRIBUTES = """\
# The texts' sha256 depends on their bytes: git must not change line ends.
* -text
"""


def _remove_leftover_temp_files(path: Path) -> None:
    """Temporary files of this file's atomic writes that a killed process left
    behind (called while holding the file's lock, so none is in use)."""
    prefix = f".{path.name}."
    try:
        names = os.listdir(path.parent)  # not a glob: this runs on every switch of article
    except OSError:
        return
    for name in names:
        if name.startswith(prefix) and name.endswith(".tmp") and len(name) >= len(prefix) + 4:
            try:
                (path.parent / name).unlink()
            except OSError:
                pass


def _recorded_sha(tables: dict) -> str | None:
    """The sha256 of the article text the annotations were made on."""
    return tables.get("recorded", {}).get("sha256")


def _other_text_sha(tables: dict, spans: list[Span], document: Document) -> str | None:
    """The sha256 of another version of the article, if the spans were made
    on one (opening re-anchors them); else None."""
    recorded = _recorded_sha(tables)
    return recorded if recorded and recorded != document.sha256 and spans else None


def _take_lock(path: Path, lock_path: Path, annotator: str) -> FileLock:
    """The lock on an annotator's file, taken; StoreLocked if another session
    holds it."""
    from filelock import FileLock, Timeout  # here, not at start-up: the app opens files after its first frame

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise not_writable(error, path.parent) from None
    lock = FileLock(lock_path, timeout=0, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise StoreLocked(
            f"another annotty session is editing this document as {annotator!r}",
            path,
        ) from None
    except OSError as error:
        raise not_writable(error, lock_path, "cannot take the lock") from None
    return lock


def set_aside_damaged(path: Path) -> Path:
    """Rename a damaged store file to ``<name>.corrupt-<time>`` (never
    overwritten, never deleted) and return the new name."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    try:
        os.replace(path, target)
    except OSError as error:
        raise AnnottyError(f"is damaged and could not be set aside ({error.strerror or error})", path) from None
    return target


class StoreLocked(AnnottyError):
    """Another annotty session is editing this document as this annotator."""


class Store:
    def __init__(self, root: str | Path):
        self.root = Path(root)
        self._read_ahead: dict[Path, ReadAhead] = {}
        #: Documents found stored as they are, with the stamps of their two files then.
        self._saved: dict[str, tuple] = {}

    def read_ahead(self, annotator: str, document: Document) -> tuple[Annotations, list[Span]] | None:
        """Read an annotator's file on a document now, so that opening it
        soon (the next article) only checks that it is unchanged. Returns
        what opening it would show if nothing changes meanwhile (annotations,
        spans flagged), built of the very spans opening will take, so that
        the screen can be drawn ahead; None when that is not known (a
        journal to replay, an article changed since, a file unreadable)."""
        path = self.annotator_path(annotator, document.id)
        kept = self._read_ahead.get(path)
        if kept is None or not kept.unchanged(path):
            kept = ReadAhead.read(path)
            if kept is None:
                self._read_ahead.pop(path, None)
                return (Annotations(), []) if ReadAhead.nothing_stored(path) else None
            self._read_ahead[path] = kept
            while len(self._read_ahead) > READ_AHEAD_FILES:
                del self._read_ahead[next(iter(self._read_ahead))]
        if _other_text_sha(kept.tables, kept.spans, document) is not None:
            return None  # opening re-anchors them
        if kept.foreseen is None or kept.foreseen[0] != document.sha256:
            kept.foreseen = (document.sha256, *anchor(document, kept.spans, kept.relations))
        return kept.foreseen[1], kept.foreseen[2]

    # -- paths ------------------------------------------------------------
    # Every path is built from checked names: no id can reach outside the store.
    def document_path(self, doc_id: str) -> Path:
        return self.root / "documents" / f"{check_name(doc_id, 'document id')}.json"

    def text_path(self, doc_id: str) -> Path:
        return self.root / "documents" / f"{check_name(doc_id, 'document id')}.txt"

    def annotator_path(self, annotator: str, doc_id: str) -> Path:
        return self.root / "annotators" / check_name(annotator) / f"{check_name(doc_id, 'document id')}.json"

    def refuse_links(self, path: Path) -> None:
        """LinkRefused if the store file, or a folder between it and the
        store's root, is a symbolic link: what is written through a link
        lands outside the store (a store cloned from elsewhere may hold
        them). The root itself may be a link."""
        current = path
        while current not in (self.root, current.parent):
            refuse_link(current)
            current = current.parent

    # -- documents --------------------------------------------------------
    def save_document(self, document: Document) -> None:
        """Record the document's text (``<id>.txt``) and header (``<id>.json``),
        unless already stored as they are."""
        path = self.document_path(document.id)
        self.refuse_links(path)
        self.refuse_links(self.text_path(document.id))
        if self._saved.get(document.id) == self._document_stamp(document):
            return  # checked before, and neither file has changed since
        stored = None
        if path.exists() and self.text_path(document.id).exists():
            try:
                stored = self._read_document_record(path)
            except StoreDamaged:
                set_aside_damaged(path)  # rewritten below from the article itself
                stored = None
            if stored and stored.get("sha256") == document.sha256 and self._has_original(document, stored):
                self._saved[document.id] = self._document_stamp(document)
                return  # where it was opened from does not change the document
        try:
            self._write_document(document, path, stored)
        except OSError as error:
            where = Path(error.filename) if error.filename else path
            raise not_writable(error, where.parent if where.name.endswith(".tmp") else where) from None
        self._saved[document.id] = self._document_stamp(document)

    def _write_document(self, document: Document, path: Path, stored: dict | None) -> None:
        record = {
            "id": document.id,
            "source": self.portable_source(document.source),
            "sha256": document.sha256,
            "date": document.date,
            "meta": {name: [f.start, f.end, f.value] for name, f in document.meta.items()},
        }
        if document.url:
            record["url"] = document.url
        self._write_git_files()
        self._keep_previous_text(document.id, stored, document.sha256)
        if document.original is not None:
            record.update(keep_original(self.root, document, stored))
        elif stored and stored.get("original"):
            record.update({key: stored[key] for key in ("original", "original_sha256") if key in stored})
        with atomic_writer(self.text_path(document.id)) as handle:
            handle.write(document.text)
        AtomicJSONStorage(path).write({
            "annotty": {"format": {"version": FORMAT_VERSION}},
            "document": {"document": record},
        })

    def _has_original(self, document: Document, stored: dict) -> bool:
        """Whether the store keeps the original the document was made from
        (always true of an article that has none)."""
        if document.original is None:
            return True
        kept = stored.get("original")
        return isinstance(kept, str) and (self.root / kept).is_file()

    def _document_stamp(self, document: Document) -> tuple:
        return (document.sha256, file_stamp(self.document_path(document.id)), file_stamp(self.text_path(document.id)))

    def _write_git_files(self) -> None:
        """Once per store: tell git what not to keep (session files) and not to
        touch (line ends of the texts, which their sha256 depends on)."""
        for name, content in ((".gitignore", GITIGNORE), (".gitattributes", GITATTRIBUTES)):
            path = self.root / name
            if not path.exists():
                write_atomically(path, content)

    def previous_text_path(self, doc_id: str, sha256: str) -> Path:
        return self.root / "documents" / f"{doc_id}.{sha256[:12]}.txt"

    def _keep_previous_text(self, doc_id: str, stored: dict | None, new_sha: str) -> None:
        """Before an article's new text replaces the old, keep the old one
        (named by its sha256): re-anchoring the annotations made on it needs it."""
        old_sha = (stored or {}).get("sha256")
        current = self.text_path(doc_id)
        if isinstance(old_sha, str) and old_sha != new_sha and current.exists():
            keep = self.previous_text_path(doc_id, old_sha)
            if not keep.exists():
                write_atomically(keep, read_no_follow(current).decode("utf-8"))

    def previous_text(self, doc_id: str, sha256: str) -> str | None:
        """The text an annotator file was made on, if it was kept and is intact."""
        for path in (self.previous_text_path(doc_id, sha256), self.text_path(doc_id)):
            try:
                text = read_no_follow(path).decode("utf-8")
            except (OSError, UnicodeDecodeError, LinkRefused):
                continue
            if text_sha256(text) == sha256:
                return text
        return None

    def portable_source(self, source: str) -> str:
        """The article's path as every clone of a shared store would write it:
        relative to the folder that holds the store, else its file name (so
        that two people working from different folders write the same bytes)."""
        line = re.search(r":\d+\Z", source)  # "<file>:<line>" for a record of a JSONL file
        suffix = line.group() if line else ""
        path = Path(source[: len(source) - len(suffix)])
        if not source or (not path.is_absolute() and path.parts[:1] == ("seeds",)) or is_web_address(source):
            return source  # the bundled sample, as loading names it; a page fetched from the web
        try:
            absolute = path if path.is_absolute() else Path.cwd() / path
            return absolute.resolve().relative_to(self.root.resolve().parent).as_posix() + suffix
        except (OSError, ValueError):
            return path.name + suffix

    def id_for(self, document: Document, alternatives: list[str]) -> str:
        """The id under which to keep ``document``: its own, unless the store
        holds another article under it (another text from another file),
        then the first of ``alternatives`` that is free or holds this one.
        The same text moved keeps its id; the same file edited keeps its id
        (its annotations are re-anchored)."""
        source = self.portable_source(document.source)
        for candidate in (document.id, *alternatives):
            try:
                record = self._read_document_record(self.document_path(candidate))
            except AnnottyError:
                return candidate  # absent or damaged: opening reports or replaces it
            if not record or record.get("sha256") == document.sha256 or record.get("source") == source:
                return candidate
        return alternatives[-1] if alternatives else document.id

    def lock_is_free(self, annotator: str, doc_id: str) -> bool:
        """Whether no session holds an annotator's file on a document (its
        lock is taken and let go at once)."""
        from filelock import FileLock, Timeout

        lock = FileLock(f"{self.annotator_path(annotator, doc_id)}.lock", timeout=0, thread_local=False)
        try:
            lock.acquire()
        except (Timeout, OSError):
            return False
        lock.release()
        return True

    def _read_document_record(self, path: Path) -> dict | None:
        data = AtomicJSONStorage(path, read_only=True).read() or {}
        check_version(data, path)
        return (data.get("document") or {}).get("document")

    def load_document(self, doc_id: str) -> Document:
        path = self.document_path(doc_id)
        text_path = self.text_path(doc_id)
        if not path.exists() or not text_path.exists():
            raise AnnottyError(f"no stored text for document {doc_id}", text_path)
        record = self._read_document_record(path)
        if not record:
            raise AnnottyError("store file holds no document", path)
        try:
            text = read_no_follow(text_path).decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise AnnottyError(f"cannot read the stored text ({error})", text_path) from None
        meta = {name: Field(*value) for name, value in (record.get("meta") or {}).items()}
        return Document(
            id=record.get("id", doc_id), text=text, source=record.get("source", ""),
            meta=meta, date=record.get("date"), url=record.get("url") or "",
        )

    def document_ids(self) -> list[str]:
        folder = self.root / "documents"
        return sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []

    # -- annotators -------------------------------------------------------
    def annotators(self) -> list[str]:
        folder = self.root / "annotators"
        return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []

    def annotated_documents(self, annotator: str) -> list[str]:
        """Documents the annotator has a file (or, after a crash, only a journal) on."""
        folder = self.root / "annotators" / check_name(annotator)
        if not folder.is_dir():
            return []
        names = {p.stem for p in folder.glob("*.json")}
        names |= {p.name[: -len(".json.journal")] for p in folder.glob("*.json.journal")}
        return sorted(names)

    def open(self, document: Document, annotator: str, read_only: bool = False) -> AnnotatorFile:
        """Open an annotator's annotations on a document for editing.

        Takes a lock so that a second session cannot overwrite this one's
        work; raises StoreLocked if another session holds it (open with
        ``read_only=True`` to look without editing).
        """
        path = self.annotator_path(annotator, document.id)
        lock_path = Path(f"{path}.lock")
        for own in (journal_path(path), lock_path):
            refuse_link(own)
        self.refuse_links(path)
        lock = None if read_only else _take_lock(path, lock_path, annotator)
        set_aside: list[Path] = []
        collecting = gc.isenabled()
        gc.disable()  # building tens of thousands of records: collection passes only cost time here
        try:
            ahead = self._read_ahead.pop(path, None)
            loaded = ahead.take(path, read_only) if ahead is not None else None
            foreseen = ahead.foreseen if ahead is not None and loaded is not None else None
            while loaded is None:
                try:
                    db, tables, journal = load_tables(path, read_only)
                    loaded = (db, tables, journal, *records_of(tables, path))
                except StoreDamaged as damage:
                    if read_only or lock is None:
                        raise
                    # Keep the damaged file for the user, start afresh beside it.
                    set_aside.append(set_aside_damaged(Path(damage.path or path)))
            db, tables, journal, spans, relations = loaded
            recorded = _recorded_sha(tables)
            moved: list[tuple[Span, Span]] = []
            other_sha = _other_text_sha(tables, spans, document)
            if other_sha is not None:
                # The article changed since: each span follows its words, or is flagged.
                from .anchoring import reanchor  # difflib and friends, only when needed

                result = reanchor(spans, document.text, self.previous_text(document.id, other_sha))
                kept = {span.id for span in result.anchored}
                annotations = Annotations(result.anchored, [r for r in relations if r.head in kept and r.child in kept])
                flagged, moved = result.orphaned, result.moved
            elif foreseen is not None and foreseen[0] == document.sha256:
                _, annotations, flagged = foreseen  # worked out while reading ahead, on this very text
            else:
                annotations, flagged = anchor(document, spans, relations)
            if lock is not None:
                _remove_leftover_temp_files(path)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        finally:
            if collecting:
                gc.enable()
        file = AnnotatorFile(
            path=path, document=document, annotator=annotator, annotations=annotations,
            read_only=read_only, flagged=flagged, set_aside=set_aside, moved=moved,
            _db=db, _tables=tables, _journal=journal, _lock=lock,
        )
        if recorded and recorded != document.sha256:
            file.save_moved()
        return file

    def decision_record(self, into: str) -> DecisionRecord:
        """Where an adjudication saved as ``into`` keeps its decisions."""
        return DecisionRecord(self.root / "adjudications" / f"{check_name(into)}.json")

    def write_annotations(self, document: Document, annotator: str, annotations: Annotations) -> Path:
        """Store ``document`` and replace the annotator's annotations on it with
        one atomic write (used by importers: all or nothing per document).
        Every span must match the document's text."""
        for span in annotations.spans():
            if document.text[span.start:span.end] != span.text:
                raise AnnottyError(f"span {span.id} {span.text!r} does not match the text at {span.start}:{span.end}")
        self.save_document(document)
        file = self.open(document, annotator)
        try:
            file.replace_all(annotations)
        finally:
            file.close()
        return file.path

    def progress(self, annotator: str, doc_id: str) -> tuple[int, str]:
        """How many annotations an annotator has on a document, and its status
        (todo, in progress, done), without locking or checking the text."""
        path = self.annotator_path(annotator, doc_id)
        if not path.exists() and not journal_path(path).exists():
            return 0, TODO
        db, tables, _journal = load_tables(path, read_only=True)
        db.close()
        probe = AnnotatorFile(path, Document(id=doc_id, text=""), annotator, Annotations(), True, _tables=tables)
        return len(tables.get("spans", {})), probe.status

    def load_annotations(self, annotator: str, doc_id: str, text: str) -> tuple[Annotations, list[Span]]:
        """Read (without locking) an annotator's annotations on a stored document:
        the spans that match ``text``, and those that do not."""
        path = self.annotator_path(annotator, doc_id)
        db, tables, _journal = load_tables(path, read_only=True)
        db.close()
        return anchor(Document(id=doc_id, text=text), *records_of(tables, path))

