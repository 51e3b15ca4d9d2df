"""The articles of one annotty run, and opening them for editing."""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .article_files import ArticlePaths, positions_with_suffix, stems
from .corpus_index import IndexedArticle
from .errors import AnnottyError
from .folding import find_all
from .loading import document_id, read_article
from .model import Annotations, Document, Span
from .names import safe_name, safe_names
from .records_input import RECORD_SUFFIXES, read_records
from .schema import Schema
from .session import Session
from .store import AnnotatorFile, Store, StoreLocked, StoreNotWritable
from .workspace_index import NO_PROGRESS, WorkspaceIndex, progress_where_any


def _fold(value: str) -> str:
    return re.sub(r"\s+", " ", value)


_NOT_YET_READ = IndexedArticle("", "", 0, "")  # listed by its file name while the index is built


@dataclass
class DocumentSummary:
    """One line of the document list."""

    index: int
    doc_id: str
    title: str
    date: str
    length: int
    annotations: int
    status: str
    problem: str = ""  # why the article cannot be opened, if it cannot


@dataclass
class CorpusMatch:
    index: int
    title: str
    start: int
    end: int
    before: str  # a little context on each side, spaces folded
    matched: str
    after: str


def unique_ids(paths: Sequence[Path]) -> list[str]:
    """Each article's document id: its file name without the extension, or,
    when two articles of the run share a name, the name with its folder in
    front (``desk-b--story``), so that they never share annotations."""
    files = ArticlePaths.of(paths)
    ids = safe_names(stems(files.strings), "article")  # document_id of each, all at once
    counts = Counter(ids)
    if len(counts) == len(ids):
        return ids
    for index, stem in enumerate(ids):
        if counts[stem] > 1:
            ids[index] = safe_name(f"{document_id(Path(files[index].parent.name or 'root'))}--{stem}", stem)
    return ids


def _alternative_ids(path: Path, doc_id: str, source: str) -> list[str]:
    """Ids for an article whose own id the store gives to another article:
    with its folder in front (as for two of one run), then with a short
    hash of where it is (``source``, as the store records it)."""
    folder = document_id(Path(path.parent.name or "root"))
    where = hashlib.sha256(source.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    prefixed = doc_id if doc_id.startswith(f"{folder}--") else safe_name(f"{folder}--{doc_id}", doc_id)
    return [prefixed, safe_name(f"{doc_id}--{where}", doc_id)]


def stored_id(store: Store, path: Path, document: Document) -> str:
    """The id ``document`` (read from ``path``) is kept under in ``store``:
    its own, unless the store gives that id to another article."""
    where = store.portable_source(document.source)
    return store.id_for(document, _alternative_ids(path, document.id, where))


class Workspace:
    """A list of articles (files, or records of JSONL/JSON files), one store,
    one annotator and one schema."""

    def __init__(self, paths: Sequence[Path], store: Store, annotator: str, schema: Schema, *, read_only: bool = False,
                 gold: str | None = None, key_store: Store | None = None, protected: frozenset = frozenset()):
        self.gold = gold  # the annotator whose work is the answer key, if any
        self.key_store = key_store or store  # where the answer key is (a store kept apart, or this one)
        self.protected = protected  # names no reader may take (answer keys): never shown to a reader
        files = ArticlePaths.of(paths)
        self._records: dict[int, Document] = {}  # entries that are records of a JSONL/JSON file
        record_files = set(positions_with_suffix(files.strings, RECORD_SUFFIXES))
        if not record_files:  # an archive of article files: nothing read, nothing made per file
            self.paths: ArticlePaths = files
            self.ids = unique_ids(files)
        else:
            strings: list[str] = []
            ids: list[str | None] = []
            for position, name in enumerate(files.strings):
                if position in record_files:
                    for document in read_records(files[position]):
                        self._records[len(strings)] = document
                        strings.append(name)
                        ids.append(document.id)
                else:
                    strings.append(name)
                    ids.append(None)
            self.paths = ArticlePaths(strings)
            file_ids = iter(unique_ids(ArticlePaths([s for s, i in zip(strings, ids, strict=True) if i is None])))
            self.ids = [i if i is not None else next(file_ids) for i in ids]
        self.store = store
        self.annotator = annotator
        self.schema = schema
        self.read_only = read_only
        self._documents: dict[int, tuple[float, Document]] = {}
        self._corpus_index: WorkspaceIndex | None = None
        # The list's rows with no progress, made ahead from the index's entries (that very list).
        self._rows_ahead: tuple[list[IndexedArticle | None], list[DocumentSummary]] | None = None

    def __len__(self) -> int:
        return len(self.paths)

    def is_record(self, index: int) -> bool:
        """Whether article ``index`` is a record of a JSONL/JSON file."""
        return index in self._records

    def record_positions(self) -> list[int]:
        """The articles that are records of a JSONL/JSON file, in order."""
        return sorted(self._records)

    @property
    def corpus_index(self) -> WorkspaceIndex:
        """The corpus index (the article list and corpus find use it once built)."""
        if self._corpus_index is None:
            self._corpus_index = WorkspaceIndex(self)
        return self._corpus_index

    def document(self, index: int) -> Document:
        """Article ``index``, loaded (and kept while its file is unchanged)."""
        if index in self._records:
            return self._records[index]
        path = self.paths[index]
        try:
            stamp = os.stat(path).st_mtime
        except OSError:
            stamp = -1.0
        cached = self._documents.get(index)
        if cached and cached[0] == stamp:
            return cached[1]
        document = read_article(path, doc_id=self.ids[index])
        document.id = self.ids[index] = stored_id(self.store, path, document)
        self._documents[index] = (stamp, document)
        return document

    def first_readable(self) -> tuple[int, list[AnnottyError]]:
        """The first article that loads, and why those before it do not (an
        empty file in a folder does not stop the run); the first article's
        error when none loads."""
        problems: list[AnnottyError] = []
        for index in range(len(self.paths)):
            try:
                self.document(index)
            except AnnottyError as error:
                problems.append(error)
                continue
            return index, problems
        raise problems[0]

    def read_ahead(self, index: int) -> tuple[Document, tuple[Annotations, list[Span]] | None]:
        """Load article ``index`` and read the annotator's file on it ahead of
        ``open`` (the next or previous article, while the user reads): the
        article, and what opening it would show if nothing changes meanwhile
        (annotations, flagged spans; None when not known)."""
        document = self.document(index)
        return document, self.store.read_ahead(self.annotator, document)

    def open(self, index: int) -> Session:
        """Load article ``index`` and open the annotator's annotations on it.

        If another session is editing it, it opens read-only and says why in
        ``session.notice``. Raises AnnottyError for an unreadable article.
        """
        document = self.document(index)
        notice = ""
        alarm = False
        locked_out = False
        if self.read_only:
            file = self.store.open(document, self.annotator, read_only=True)
            notice = "read-only (--read-only)"
        else:
            try:
                self.store.save_document(document)
                file = self.store.open(document, self.annotator)
            except StoreLocked as locked:
                file = self.store.open(document, self.annotator, read_only=True)
                notice = f"read-only: {locked.message}; it opens for editing once that session has closed"
                locked_out = True
            except StoreNotWritable as refused:
                file = self.store.open(document, self.annotator, read_only=True)
                notice = f"read-only: {refused}"
                alarm = True
        if file.set_aside:
            kept = ", ".join(str(path) for path in file.set_aside)
            notice = f"a damaged store file was set aside as {kept}; annotating afresh. {notice}".strip()
        session = Session(document, self.schema, file)
        session.notice = notice
        session.alarm = alarm
        session.locked_out = locked_out
        return session

    @property
    def saved_in(self) -> str:
        """Where this annotator's work is saved, as a user would type it: relative
        to the working folder when inside it, else in full; with a final slash."""
        folder = (self.store.root / "annotators" / self.annotator).resolve()
        try:
            shown = folder.relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            shown = str(folder)
        return f"{shown}/"

    def placeholder(self, index: int) -> Session:
        """A read-only session on article ``index`` with no annotations yet:
        what the screen shows while the annotations load."""
        document = self.document(index)
        path = self.store.annotator_path(self.annotator, document.id)
        session = Session(document, self.schema, AnnotatorFile(path, document, self.annotator, Annotations(), True))
        session.notice = "loading annotations…"
        return session

    # -- the corpus as a whole ---------------------------------------------
    def summaries(self) -> list[DocumentSummary]:
        """One row per article: from the corpus index, or read from the
        article where the index has none; while the index is being built,
        an article it does not hold yet is listed by its file name (reading
        an archive would hold the screen for as long as the build takes)."""
        corpus_index = self.corpus_index
        indexed = corpus_index.articles()
        progress = progress_where_any(self.store, self.annotator, self.ids)
        ahead = self._rows_ahead
        if indexed is not None and ahead is not None and ahead[0] is indexed:
            rows = list(ahead[1])  # only the articles with some progress are left to do
            for index, done in progress.items():
                rows[index] = self._summary(index, indexed[index], done, read=True)
            return rows
        read = not corpus_index.building
        return [self._summary(index, entry, progress.get(index, NO_PROGRESS), read)
                for index, entry in enumerate(indexed or [None] * len(self.paths))]

    def prepare_summaries(self) -> None:
        """(In the corpus index's worker thread, once it is ready.) The
        article list's rows as they are with no progress, so that ``ctrl+o``
        on an archive only adds the progress of the articles that have some."""
        indexed = self.corpus_index.articles()
        if indexed is not None and None not in indexed:
            self._rows_ahead = (indexed, [self._summary(index, entry, NO_PROGRESS, read=False)
                                          for index, entry in enumerate(indexed)])

    def _summary(self, index: int, entry: IndexedArticle | None, done: tuple[int, str] | AnnottyError,
                 read: bool) -> DocumentSummary:
        """The list's row of article ``index``: ``entry`` from the index
        (None: read it, with ``read``, else list its file name)."""
        path, doc_id = self.paths.strings[index], self.ids[index]
        try:
            if entry is not None and entry.problem:
                raise AnnottyError(entry.problem, path)
            shown = entry or (self._entry(index) if read else _NOT_YET_READ)
            if isinstance(done, AnnottyError):
                raise done
            count, status = done
        except AnnottyError as error:
            return DocumentSummary(index, doc_id, os.path.basename(path), "", 0, 0, "unreadable", str(error))
        # The file's name only where it is shown: no Path made for each article of an archive.
        title = shown.headline or (doc_id if index in self._records else os.path.basename(path))
        return DocumentSummary(index, doc_id, title, shown.date, shown.length, count, status)

    def _entry(self, index: int) -> IndexedArticle:
        """What the article list shows of article ``index``, read from it."""
        document = self.document(index)
        return IndexedArticle(document.headline or "", document.date or "", len(document.text), "")

    def find_everywhere(self, query: str, limit: int = 1000) -> list[CorpusMatch]:
        """Every match of ``query`` in every article (as forgiving as find in
        the article), in order, with a little context."""
        matches: list[CorpusMatch] = []
        candidates = self.corpus_index.candidates(query)  # None: the index cannot tell, read them all
        for index in range(len(self.paths)) if candidates is None else candidates:
            try:
                document = self.document(index)
            except AnnottyError:
                continue
            text = document.text
            for start, end in find_all(text, query)[:limit - len(matches)]:
                matches.append(CorpusMatch(
                    index, document.headline or self.paths[index].name, start, end,
                    _fold(text[max(0, start - 40):start]), _fold(text[start:end]), _fold(text[end:end + 40]),
                ))
            if len(matches) >= limit:
                break
        return matches
