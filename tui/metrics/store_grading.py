"""Grading a whole class straight from the store: ``annotty grade --all``.

The same as ``collect`` followed by ``grade_class``, reading each student's
file once and grading it on the spot: a plain file (the current format, no
journal, every record well formed and standing on the text) is graded from
its records by ``fast_grading``, without building ``Annotations``; any other
file takes the store's own loading and ``grade_document``, which flag and
report what is wrong the same way as before. Nothing of a student's file is
kept but its grade.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence

from ..errors import AnnottyError
from ..forked import map_forked, split
from ..model import Document
from ..store import Store, check_name
from ..store.migrations import CURRENT, version_of
from ..store.storage import StoreDamaged
from .class_report import ClassReport, class_report
from .collect import check_annotators
from .fast_grading import GoldKey, grade_records
from .grading import DocumentGrade, Grade, Prepared, grade_document
from .raw_records import records_fit


class _NotPlain(Exception):
    """A number the fast path leaves to the store's loading (a float, NaN...)."""


def _refuse(_text: str):
    # A float equals an int (5.0 == 5): a record with one would pass for a
    # key span, where the store refuses it as malformed.
    raise _NotPlain


_DECODER = json.JSONDecoder(parse_float=_refuse, parse_constant=_refuse)
_CHUNK = 1 << 16  # read at once: a store file is a few KB (kept under the size malloc maps separately)


def read_plain_records(path: str) -> tuple[dict, dict] | None:
    """The span and relation tables (id -> record) of a store file in the
    current format, or None for anything the store's loading should see to
    (unreadable, damaged, older, holding floats...)."""
    try:
        # os.read on a descriptor: a file object, and its fstat, cost more
        # than reading thousands of small files does.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            data = os.read(fd, _CHUNK)
            if len(data) == _CHUNK:
                parts = [data]
                while chunk := os.read(fd, _CHUNK):
                    parts.append(chunk)
                data = b"".join(parts)
        finally:
            os.close(fd)
        # Decoded from bytes at once (the same JSON as a text file gives:
        # line ends only ever stand between its tokens), by the scanner
        # itself: a store file starts with its object, and ends with spaces.
        text = data.decode("utf-8")
        raw, end = _DECODER.scan_once(text, 0)  # type: ignore[attr-defined]  # set in JSONDecoder.__init__, not in typeshed
        if end != len(text) and text[end:].strip(" \t\n\r"):
            return None
        if type(raw) is not dict or version_of(raw) != CURRENT:
            return None
        (raw.get("document") or {}).get("info")  # what the store's loading reads of it must not fail
    except (OSError, ValueError, RecursionError, AttributeError, StopIteration, _NotPlain):
        return None
    spans, relations = raw.get("spans") or {}, raw.get("relations") or {}
    if type(spans) is not dict or type(relations) is not dict:
        return None
    return spans, relations


def annotated_files(store: Store, annotator: str) -> dict[str, bool]:
    """``store.annotated_documents(annotator)`` (sorted ids), each -> whether
    it has a journal (changes not yet folded into its file). One listing
    instead of pathlib globs: a class has hundreds of folders."""
    folder = os.path.join(store.root, "annotators", check_name(annotator))
    try:
        entries = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return {}
    names: set[str] = set()
    journals: set[str] = set()
    for name in entries:
        if name.endswith(".json"):
            names.add(name[:-5] if len(name) > 5 else name)  # as Path.stem: ".json" alone has no suffix
        elif name.endswith(".json.journal"):
            journals.add(name[: -len(".json.journal")])
    return {doc_id: doc_id in journals for doc_id in sorted(names | journals)}


class _Loader:
    """The documents' texts and the reference loading, as ``iter_records`` does them."""

    def __init__(self, store: Store):
        self.store = store
        self.documents: dict[str, Document] = {}
        #: spans left out because their text no longer matches the document
        self.skipped: list[str] = []

    def document(self, doc_id: str) -> Document:
        document = self.documents.get(doc_id)
        if document is None:
            document = self.documents[doc_id] = self.store.load_document(doc_id)
        return document

    def annotations(self, annotator: str, doc_id: str, text: str):
        """The store's loading of a file, its flagged spans noted in ``skipped``."""
        annotations, flagged = self.store.load_annotations(annotator, doc_id, text)
        for span in flagged:
            self.skipped.append(f"{annotator}/{doc_id}: span {span.id} {span.text!r} no longer matches the text")
        return annotations


#: Students per process, at least: fewer are graded sooner than a process starts and reports.
STUDENTS_PER_JOB = 25


def grade_class_from_store(store: Store, gold: str, students: list[str],
                           lists: bool = True, jobs: int = 1,
                           key_store: Store | None = None) -> tuple[ClassReport, list[str]]:
    """``grade_class`` of ``students`` against ``gold`` on what ``collect(store,
    [gold, *students])`` reads, and its ``skipped`` lines (the same, in the
    same order). Without ``lists``, the documents' grades need not list the
    students' extra and inexact spans (``DocumentGrade.counts_only``): a
    gradebook only counts them. With ``jobs`` above 1, the students are
    shared among that many processes (``forked``), each grading at least
    ``STUDENTS_PER_JOB``. ``key_store``: where the gold annotator is, when
    not in ``store`` (an answer key kept apart; its texts must be the store's)."""
    check_annotators(store, students)
    check_annotators(key_store or store, [gold])
    loader = _Loader(store)
    key_loader = _Loader(key_store) if key_store is not None else loader
    gold_annotations = {}
    for doc_id in annotated_files(key_loader.store, gold):
        try:
            text = key_loader.document(doc_id).text
            gold_annotations[doc_id] = key_loader.annotations(gold, doc_id, text)
        except StoreDamaged:
            continue  # as an export: a damaged file is left out
    if key_loader is not loader:
        _check_same_texts(loader, key_loader)
    prepared = {doc_id: Prepared(annotations) for doc_id, annotations in gold_annotations.items()}
    keys = {doc_id: GoldKey(p, key_loader.documents[doc_id].text) for doc_id, p in prepared.items()}
    gold_order = sorted(gold_annotations)

    def grade_students(names: Sequence[str]) -> tuple[dict[str, Grade], list[str]]:
        """Their grades, and the lines they added to ``skipped``."""
        skipped_before = len(loader.skipped)
        grades = {}
        for name in names:
            documents = _grade_student(store, loader, name, keys, prepared, lists)
            grades[name] = Grade(documents={doc_id: documents[doc_id] for doc_id in gold_order
                                            if doc_id in documents},
                                 not_annotated=[doc_id for doc_id in gold_order if doc_id not in documents])
        return grades, loader.skipped[skipped_before:]

    skipped = key_loader.skipped[:] if key_loader is not loader else []
    skipped += loader.skipped
    grades: dict[str, Grade] = {}
    chunks = split(students, min(jobs, len(students) // STUDENTS_PER_JOB))
    for chunk_grades, chunk_skipped in map_forked(grade_students, chunks):
        grades.update(chunk_grades)
        skipped += chunk_skipped
    return class_report(gold_annotations, dict(sorted(grades.items()))), skipped


def _check_same_texts(loader: _Loader, key_loader: _Loader) -> None:
    """Refuse a key whose documents have another text than the class store's."""
    for doc_id, document in key_loader.documents.items():
        try:
            text = loader.document(doc_id).text
        except AnnottyError:
            continue  # the class does not have it (or cannot read it): nobody is graded on it
        if text != document.text:
            raise AnnottyError(f"the answer key was made on another text of document {doc_id} than this store's",
                               key_loader.store.root)


def _grade_student(store: Store, loader: _Loader, name: str, keys: dict[str, GoldKey],
                   prepared: dict[str, Prepared], lists: bool) -> dict[str, DocumentGrade]:
    """Document id -> the student's grade on it, for every document of the
    key their file could be read of. A document the key does not have is
    read (and checked) all the same, and not graded."""
    folder = os.path.join(store.root, "annotators", name, "")
    documents = loader.documents
    out: dict[str, DocumentGrade] = {}
    for doc_id, has_journal in annotated_files(store, name).items():
        document = documents.get(doc_id)
        if document is None:
            try:
                document = loader.document(doc_id)
            except StoreDamaged:
                continue
        text = document.text
        key = keys.get(doc_id)
        graded: DocumentGrade | None = None
        records = None if has_journal else read_plain_records(f"{folder}{doc_id}.json")
        if records is not None:
            if key is not None:
                graded = grade_records(key, *records, doc_id, lists)
                plain = graded is not None
            else:
                plain = records_fit(*records, text)
        if records is None or not plain:
            try:
                annotations = loader.annotations(name, doc_id, text)
            except StoreDamaged:
                continue
            if key is not None:
                graded = grade_document(prepared[doc_id], annotations, doc_id)
        if graded is not None:
            out[doc_id] = graded
    return out
