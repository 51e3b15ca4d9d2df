"""Merging one annotation store into another (a student's folder, an unpacked
pack, a colleague's copy), never overwriting anything.

What is merged, file by file (paths relative to the store roots):

- ``documents/<doc>.txt`` and ``documents/<doc>.json``: a document the target
  lacks is added. One it has with the same text (sha256) is kept as it is
  (if only its record differs, e.g. the ``source`` it was opened from, the
  target's record stays and the report says so). One whose text differs is a
  **conflict**: the annotations on it were made on another text.
- ``annotators/<name>/<doc>.json``: a file the target lacks is added; one it
  has with the same content is skipped; one whose content differs is a
  **conflict**, reported and never overwritten.

All or nothing: everything is checked before anything is written, and if
there is any conflict nothing is written at all. Each file is then written
atomically (tui.atomic). Should the writing itself fail half-way (a full
disk), every file is still whole, and merging again completes the job
(what is already there is skipped as identical).

**Leftover journals.** A source file with a ``<doc>.json.journal`` beside it
(a session that crashed, or is still open, in the source store) is folded in
memory: the file and journal are copied to a scratch store, opened and
closed there exactly as annotty does on its next open, and the result is
what gets compared and copied. The source store is never written to, and the
merged file holds every change that was saved in the source. The target's
own files with a journal are folded the same way before being compared. A
file in an older format is migrated the same way; a damaged file or journal
is a conflict (read read-only first, so it is never set aside or replaced).

Lock (``*.lock``) and journal files are never copied. While writing an
annotator file the target's lock on it is taken, so a session that started
on that very file after the check is never overwritten (the file is then
left out and reported).

This module is core: no printing, no terminal UI.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from ..atomic import atomic_writer
from ..errors import AnnottyError
from ..model import Document
from .annotator_file import check_version, journal_path, load_tables, records_of
from .storage import read_json_file
from .store import Store, check_name
from .streams import copy_file_atomically, same_file_content, text_file_sha256

JOURNAL_SUFFIX = ".json.journal"


@dataclass
class MergeReport:
    """What a merge did (or, on a dry run or a conflict, would have done)."""

    source: str
    target: str
    dry_run: bool = False
    #: Files written into the target (or to be written), relative to its root.
    added: list[str] = field(default_factory=list)
    #: Files the target already held with the same content.
    identical: list[str] = field(default_factory=list)
    #: Document records that differ only in details (source, header): the target's were kept.
    kept: list[str] = field(default_factory=list)
    #: Source files whose leftover journal was folded in.
    folded: list[str] = field(default_factory=list)
    #: Why the merge could not be done; nothing is written when there is one.
    conflicts: list[str] = field(default_factory=list)
    #: True once files were actually written.
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.conflicts

    def lines(self, limit: int = 20) -> list[str]:
        """What to tell the user, at most ``limit`` lines of each sort."""
        out: list[str] = []
        for prefix, items in (("conflict: ", self.conflicts), ("kept: ", self.kept),
                              ("folded the journal of ", self.folded)):
            out += [prefix + item for item in items[:limit]]
            if len(items) > limit:
                out.append(f"... and {len(items) - limit} more")
        return out

    def summary(self) -> str:
        if self.conflicts:
            return (f"{len(self.conflicts)} conflict(s) merging {self.source} into {self.target}: nothing was "
                    f"written (without them, {len(self.added)} file(s) would be added, "
                    f"{len(self.identical)} are identical)")
        counts = f"{len(self.added)} file(s) {{}}, {len(self.identical)} identical skipped"
        if self.dry_run:
            return f"checked merging {self.source} into {self.target} (nothing written): " + counts.format("to add")
        return f"merged {self.source} into {self.target}: " + counts.format("added")


def find_store_root(folder: str | Path) -> Path:
    """The store in ``folder``: the folder itself if it holds ``documents/``
    or ``annotators/``, else its ``annotations/`` subfolder if that does."""
    folder = Path(folder)
    if not folder.is_dir():
        raise AnnottyError("no such folder", folder)
    for candidate in (folder, folder / "annotations"):
        if (candidate / "documents").is_dir() or (candidate / "annotators").is_dir():
            return candidate
    raise AnnottyError("not an annotty store (no documents/ or annotators/ folder in it)", folder)


def effective_annotator_file(path: Path, annotator: str, doc_id: str, text: str | Callable[[], str] | None,
                             sha256: str | None = None) -> bytes | None:
    """The bytes of an annotator's file as annotty leaves it once opened and
    closed: the file itself; with a leftover journal beside it, the file with
    the journal folded in; in an older format, migrated. That is done by
    annotty's own code on a copy in a scratch store, so ``path`` is never
    written. ``text`` is the document's text (its sha256 goes into a folded
    file). None if there is nothing (no file, and a journal holding no
    complete change). AnnottyError naming the file if it is damaged.
    ``text`` may be a function giving it: with the text's ``sha256``, a file
    in the current format, made on that text and with no journal, is the
    answer as it is, and the text (maybe hundreds of MB) is never read."""
    journal = journal_path(path)
    # Read-only first: a damaged file or journal is reported here, whereas
    # opening it for writing would set it aside and start afresh.
    db, tables, _journal = load_tables(path, read_only=True)
    db.close()
    records_of(tables, path)
    if (sha256 is not None and not journal.exists() and "rewrite" not in tables
            and tables["recorded"].get("sha256") == sha256):
        try:
            return path.read_bytes()
        except OSError as error:
            raise AnnottyError(f"cannot read: {error.strerror or error}", path) from None
    if callable(text):
        text = text()
    if text is None:
        raise AnnottyError("annotations on a document whose text is in neither store", path)
    with tempfile.TemporaryDirectory(prefix="annotty-fold-") as scratch:
        store = Store(scratch)
        copy = store.annotator_path(annotator, doc_id)
        copy.parent.mkdir(parents=True)
        try:
            if path.exists():
                shutil.copyfile(path, copy)
            if journal.exists():
                shutil.copyfile(journal, journal_path(copy))
        except OSError as error:
            raise AnnottyError(f"cannot read: {error.strerror or error}", path) from None
        try:
            file = store.open(Document(id=doc_id, text=text), annotator)
            damaged = list(getattr(file, "set_aside", None) or [])
            file.close()
        except AnnottyError as error:
            # Name the source file, not the scratch copy.
            where = journal if error.path == str(journal_path(copy)) else path
            raise AnnottyError(error.message, where, error.line) from None
        if damaged:
            raise AnnottyError("store file is damaged", path)
        return copy.read_bytes() if copy.exists() else None


# ---------------------------------------------------------------------------


@dataclass
class _SourceDocument:
    doc_id: str
    sha256: str
    record_bytes: bytes
    text_path: Path  # read when needed, a block at a time: a text can be hundreds of MB


def _same_json(a: bytes, b: bytes) -> bool:
    if a == b:
        return True
    try:
        return json.loads(a) == json.loads(b)
    except ValueError:
        return False


def read_text(path: Path) -> tuple[bytes, str]:
    try:
        raw = path.read_bytes()
        return raw, raw.decode("utf-8")
    except UnicodeDecodeError:
        raise AnnottyError("stored text is not UTF-8", path) from None
    except OSError as error:
        raise AnnottyError(f"cannot read: {error.strerror or error}", path) from None


def lazy_text(path: Path) -> Callable[[], str]:
    """A function reading the stored text at ``path`` when called (for
    ``effective_annotator_file``, which often needs only its sha256)."""
    return lambda: read_text(path)[1]


def read_record(path: Path) -> tuple[bytes, dict]:
    data = read_json_file(path)
    if not isinstance(data, dict):
        raise AnnottyError("store file does not hold a JSON object", path)
    check_version(data, path)
    record = (data.get("document") or {}).get("document")
    if not isinstance(record, dict):
        raise AnnottyError("store file holds no document", path)
    return path.read_bytes(), record


def _doc_ids(folder: Path) -> set[str]:
    if not folder.is_dir():
        return set()
    return {p.stem for p in folder.iterdir() if p.is_file() and p.suffix in (".json", ".txt")
            and not p.name.startswith(".")}


def _annotator_doc_ids(folder: Path) -> set[str]:
    ids = set()
    for p in folder.iterdir():
        if not p.is_file() or p.name.startswith("."):
            continue
        if p.name.endswith(JOURNAL_SUFFIX):
            ids.add(p.name[: -len(JOURNAL_SUFFIX)])
        elif p.suffix == ".json":
            ids.add(p.stem)
    return ids


def _valid(name: str, what: str) -> bool:
    try:
        check_name(name, what)
    except AnnottyError:
        return False
    return True


def _target_text_sha(target: Store, doc_id: str) -> str | None:
    """The sha256 of the target's text of ``doc_id`` (from the text file, else
    its record), or None if the target has no such document."""
    text_path = target.text_path(doc_id)
    if text_path.exists():
        return text_file_sha256(text_path)
    record_path = target.document_path(doc_id)
    if record_path.exists():
        return str(read_record(record_path)[1].get("sha256", ""))
    return None


def merge_store(source_root: str | Path, target_root: str | Path, dry_run: bool = False) -> MergeReport:
    """Merge the store at ``source_root`` into the one at ``target_root``
    (created if missing). Returns the report; if it lists conflicts, nothing
    was written. Raises AnnottyError if the source is not a store."""
    source_root, target_root = Path(source_root), Path(target_root)
    _check_roots(source_root, target_root)
    report = MergeReport(str(source_root), str(target_root), dry_run)
    plan = _Plan(Store(source_root), Store(target_root), report)
    # Everything is checked before anything is written.
    for doc_id in sorted(_doc_ids(source_root / "documents")):
        _plan_document(plan, doc_id)
    annotators_folder = source_root / "annotators"
    names = sorted(p.name for p in annotators_folder.iterdir() if p.is_dir()) if annotators_folder.is_dir() else []
    for name in names:
        if not _valid(name, "annotator"):
            report.conflicts.append(f"annotators/{name}: {name!r} is not an annotator name annotty writes")
            continue
        for doc_id in sorted(_annotator_doc_ids(annotators_folder / name)):
            _plan_annotator_file(plan, name, doc_id)

    if report.conflicts or dry_run:
        return report
    try:
        _write(target_root, plan.writes, report)
    except OSError as error:
        raise AnnottyError(
            f"cannot write: {error.strerror or error} (every file is whole; merging again, once that is "
            "fixed, completes the merge)", getattr(error, "filename", None) or target_root,
        ) from None
    return report


def _check_roots(source_root: Path, target_root: Path) -> None:
    """AnnottyError unless the source is a store and the target another
    folder (or nothing yet)."""
    if not source_root.is_dir():
        raise AnnottyError("no such folder", source_root)
    if not ((source_root / "documents").is_dir() or (source_root / "annotators").is_dir()):
        raise AnnottyError("not an annotty store (no documents/ or annotators/ folder in it)", source_root)
    if target_root.exists() and not target_root.is_dir():
        raise AnnottyError("is not a folder", target_root)
    if target_root.exists() and source_root.resolve() == target_root.resolve():
        raise AnnottyError("cannot merge a store into itself", source_root)


@dataclass
class _Plan:
    """What a merge will write, gathered while every file is checked."""

    source: Store
    target: Store
    report: MergeReport
    #: (path relative to the root, content or the file holding it), in writing order.
    writes: list[tuple[str, bytes | Path]] = field(default_factory=list)
    #: The source's documents that can be merged, by id.
    documents: dict[str, _SourceDocument] = field(default_factory=dict)
    #: Documents reported as conflicts: their annotator files are not reported again.
    conflicted: set[str] = field(default_factory=set)

    def add(self, rel: str, content: bytes | Path) -> None:
        self.writes.append((rel, content))
        self.report.added.append(rel)

    def conflict(self, doc_id: str, why: str) -> None:
        self.report.conflicts.append(why)
        self.conflicted.add(doc_id)


def _read_source_document(source: Store, doc_id: str) -> _SourceDocument:
    """The source's document, its text checked against its record's sha256;
    AnnottyError if either file is missing or they disagree."""
    record_path, text_path = source.document_path(doc_id), source.text_path(doc_id)
    if not record_path.exists() or not text_path.exists():
        missing = f"documents/{doc_id}.json" if not record_path.exists() else f"documents/{doc_id}.txt"
        raise AnnottyError(f"the source store lacks {missing}", source.root)
    record_bytes, record = read_record(record_path)
    sha = text_file_sha256(text_path)
    if record.get("sha256") != sha:
        raise AnnottyError("the text does not match the sha256 its record gives", text_path)
    return _SourceDocument(doc_id, sha, record_bytes, text_path)


def _plan_document(plan: _Plan, doc_id: str) -> None:
    """A document the target lacks is added, one with the same text is kept
    (what it lacks is added), one with another text is a conflict."""
    record_rel, text_rel = f"documents/{doc_id}.json", f"documents/{doc_id}.txt"
    if not _valid(doc_id, "document"):
        plan.conflict(doc_id, f"{record_rel}: {doc_id!r} is not a document name annotty writes")
        return
    try:
        document = _read_source_document(plan.source, doc_id)
        plan.documents[doc_id] = document
        there = _target_text_sha(plan.target, doc_id)
    except AnnottyError as error:
        plan.conflict(doc_id, f"document {doc_id}: {error}")
        return
    if there is None:
        plan.add(text_rel, document.text_path)
        plan.add(record_rel, document.record_bytes)
    elif there != document.sha256:
        plan.conflict(doc_id, f"document {doc_id}: its text differs from this store's (sha256 "
                              f"{document.sha256[:12]}… there, {there[:12]}… here), so annotations on it "
                              "cannot be merged")
    else:
        _plan_same_text(plan, document, text_rel, record_rel)


def _plan_same_text(plan: _Plan, document: _SourceDocument, text_rel: str, record_rel: str) -> None:
    """A document the target holds with the same text: add the file it
    lacks, keep the ones it has (saying so when its record differs)."""
    target, report = plan.target, plan.report
    files: tuple[tuple[str, bytes | Path, Path], ...] = (
        (text_rel, document.text_path, target.text_path(document.doc_id)),
        (record_rel, document.record_bytes, target.document_path(document.doc_id)),
    )
    for rel, content, path in files:
        if not path.exists():
            plan.add(rel, content)
            continue
        here_bytes = None
        try:
            if isinstance(content, Path):
                same = same_file_content(path, content)
            else:
                here_bytes = path.read_bytes()
                same = _same_json(here_bytes, content)
        except OSError as error:
            report.conflicts.append(f"{rel}: cannot read this store's copy ({error.strerror or error})")
            continue
        if same:
            report.identical.append(rel)
        else:
            what = _differing_details(content, here_bytes)
            report.kept.append(f"{rel}: same text, other details{what}; this store's record was kept")


def _differing_details(theirs: bytes | Path, ours: bytes | None) -> str:
    """`` (key, ...)``: the fields in which two document records differ;
    empty if that cannot be told."""
    if isinstance(theirs, Path) or ours is None:
        return ""
    try:
        their_record = json.loads(theirs)["document"]["document"]
        our_record = json.loads(ours)["document"]["document"]
        keys = sorted(k for k in set(their_record) | set(our_record) if their_record.get(k) != our_record.get(k))
    except (ValueError, KeyError, TypeError):
        keys = []
    return f" ({', '.join(keys)})" if keys else ""


def _plan_annotator_file(plan: _Plan, name: str, doc_id: str) -> None:
    """An annotator's file (its journal folded in) the target lacks is added,
    one it has alike is skipped; any other is a conflict."""
    report = plan.report
    rel = f"annotators/{name}/{doc_id}.json"
    if doc_id in plan.conflicted:
        return  # already reported with its document
    if not _valid(doc_id, "document"):
        report.conflicts.append(f"{rel}: {doc_id!r} is not a document name annotty writes")
        return
    path, mine = plan.source.annotator_path(name, doc_id), plan.target.annotator_path(name, doc_id)
    try:
        content, here = _effective_pair(plan, name, doc_id, path, mine)
    except (AnnottyError, ValueError) as error:
        report.conflicts.append(f"{rel}: {error}")
        return
    if content is None:
        return  # a journal with no complete change: nothing to merge
    if journal_path(path).exists():
        report.folded.append(rel)
    if here is None and journal_path(mine).exists():
        report.conflicts.append(f"{rel}: this store has an unfinished journal for it; "
                                "open and quit annotty on it first")
    elif here is None:
        plan.add(rel, content)
    elif _same_json(here, content):
        report.identical.append(rel)
    else:
        report.conflicts.append(f"{rel}: differs from this store's copy (not overwritten)")


def _effective_pair(plan: _Plan, name: str, doc_id: str, path: Path, mine: Path) -> tuple[bytes | None, bytes | None]:
    """The source's annotator file ``path`` and the target's ``mine`` as
    annotty leaves them once opened and closed (``effective_annotator_file``);
    the target's is None if it has neither file nor journal, or when the
    source's is None (there is then nothing to compare). AnnottyError or
    ValueError if either cannot be read."""
    source_document = plan.documents.get(doc_id)
    text_path = source_document.text_path if source_document else plan.target.text_path(doc_id)
    if not text_path.exists():
        raise AnnottyError("annotations on a document whose text is in neither store")
    sha = source_document.sha256 if source_document else text_file_sha256(text_path)
    content = effective_annotator_file(path, name, doc_id, lazy_text(text_path), sha)
    if content is None:
        return None, None
    data = json.loads(content)
    if not isinstance(data, dict):
        raise AnnottyError("store file does not hold a JSON object", path)
    check_version(data, path)
    if not (mine.exists() or journal_path(mine).exists()):
        return content, None
    here_path = plan.target.text_path(doc_id) if plan.target.text_path(doc_id).exists() else text_path
    here_sha = sha if here_path == text_path else text_file_sha256(here_path)
    return content, effective_annotator_file(mine, name, doc_id, lazy_text(here_path), here_sha)


def _write(target_root: Path, writes: list[tuple[str, bytes | Path]], report: MergeReport) -> None:
    for rel, content in writes:
        path = target_root / rel
        if isinstance(content, Path):
            copy_file_atomically(content, path)
            report.written = True
            continue
        if not rel.startswith("annotators/"):
            with atomic_writer(path, binary=True) as handle:
                handle.write(content)
            report.written = True
            continue
        # An annotator file: under its lock, and only if still absent, so a
        # session that began on it since the check is never overwritten.
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(f"{path}.lock", timeout=0, thread_local=False)
        try:
            lock.acquire()
        except Timeout:
            report.added.remove(rel)
            report.conflicts.append(f"{rel}: a session began editing it in this store meanwhile (left out)")
            continue
        try:
            if path.exists() or journal_path(path).exists():
                report.added.remove(rel)
                report.conflicts.append(f"{rel}: appeared in this store meanwhile (not overwritten)")
                continue
            with atomic_writer(path, binary=True) as handle:
                handle.write(content)
            report.written = True
        finally:
            lock.release()
