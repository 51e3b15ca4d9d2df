"""The annotation model: plain dataclasses, no I/O and no UI.

Offsets are Python string indices (code points) into ``Document.text``, end
exclusive. ``Document.text`` is the canonical text as loaded (newlines already
normalised), the only coordinate system in annotty.
"""

from __future__ import annotations

import os
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import FrozenInstanceError, dataclass, field, replace

from .errors import AnnottyError
from .text_units import is_direct_quote

ENTITY = "entity"
QUOTE = "quote"
CLAIM = "claim"
KINDS = (ENTITY, QUOTE, CLAIM)

SPEAKER = "SPEAKER"
SOURCE = "SOURCE"
COREF = "COREF"

#: The relation a quote or a claim uses to point at its entity.
ATTRIBUTION_FOR_KIND = {QUOTE: SPEAKER, CLAIM: SOURCE}

#: ``attrs["parts"]`` of a quote or claim in several pieces ("…," she said.
#: "…"): ``[[start, end], ...]`` in text order; the span covers the first
#: start to the last end, words between the parts included.
PARTS = "parts"


def span_parts(span) -> list[tuple[int, int]]:
    """The pieces of text a span stands for: its parts, else the whole span."""
    parts = span.attrs.get(PARTS) if span.attrs else None
    if isinstance(parts, list) and parts and all(isinstance(p, (list, tuple)) and len(p) == 2 for p in parts):
        return [(int(s), int(e)) for s, e in parts]
    return [(span.start, span.end)]


QUOTE_TYPES = ("direct", "indirect")
VERDICTS = ("unverified", "true", "false", "misleading")


def text_sha256(text: str) -> str:
    return bytes_sha256(text.encode("utf-8"))


def bytes_sha256(data: bytes) -> str:
    import hashlib  # here: OpenSSL loads in milliseconds, and the first frame needs no hash

    return hashlib.sha256(data).hexdigest()


def new_id(prefix: str) -> str:
    """A short random id: stable across sessions and unique across annotators,
    unlike an insertion counter that two people would both start at 1."""
    return f"{prefix}{os.urandom(5).hex()}"


@dataclass(frozen=True)
class Field:
    """A piece of the text that the loader recognised (headline, dateline...)."""

    start: int
    end: int
    value: str


@dataclass(frozen=True)
class Original:
    """The file an article was converted from (a web page, wire XML,
    Markdown): the store keeps it beside the text it shows. Its bytes are
    read again from ``path`` when stored (a folder of web pages is not held
    in memory), unless given as ``data`` (a page fetched from the web)."""

    suffix: str  # ".html", ".xml", ".md"
    sha256: str  # of the bytes the text was made from
    path: str = ""
    data: bytes | None = field(default=None, repr=False)


@dataclass
class Document:
    """An article as loaded: its id, its text (the coordinates of every span)
    and what the loader recognised in it."""

    id: str
    text: str
    source: str = ""
    meta: dict[str, Field] = field(default_factory=dict)
    #: Plain facts about loading the user should know (e.g. a fallback encoding).
    warnings: list[str] = field(default_factory=list)
    date: str | None = None  # ISO date recognised in the header, if any
    title: str = ""  # a title given beside the text (a record's "title"), not in it
    url: str = ""  # where a web page was published (its canonical link), if known
    original: Original | None = field(default=None, repr=False, compare=False)

    @property
    def sha256(self) -> str:
        # Computed once: the text of a Document never changes after loading.
        cached = self.__dict__.get("_sha256")
        if cached is None or cached[0] is not self.text:
            cached = (self.text, text_sha256(self.text))
            self.__dict__["_sha256"] = cached
        return cached[1]

    @property
    def headline(self) -> str:
        headline = self.meta.get("headline")
        return headline.value if headline else self.title

    def export_meta(self) -> dict:
        meta = {name: f.value for name, f in self.meta.items()}
        if self.date:
            meta["date"] = self.date
        meta["source"] = self.source
        if self.url:
            meta["url"] = self.url
        meta["sha256"] = self.sha256
        return meta


@dataclass(frozen=True, slots=True)
class Span:
    """An annotation: ``text[start:end]`` of the document, with its label and
    kind (entity, quote or claim) and attributes (a quote's type, a claim's
    verdict, a note...)."""

    id: str
    start: int
    end: int
    label: str
    kind: str
    text: str
    attrs: dict = field(default_factory=dict, compare=True, hash=False)

    @property
    def note(self) -> str:
        return self.attrs.get("note", "")

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "kind": self.kind,
            "attrs": dict(self.attrs),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Span:
        span = cls(data["id"], data["start"], data["end"], data["label"], data["kind"], data["text"],
                   dict(data.get("attrs") or {}))
        # A type check rather than conversions: stored records are ours, and a
        # damaged one must be refused, not silently coerced.
        if not (type(span.start) is int and type(span.end) is int and isinstance(span.id, str)
                and isinstance(span.label, str) and isinstance(span.kind, str) and isinstance(span.text, str)):
            raise AnnotationError(f"record {data.get('id')!r} has fields of the wrong type")
        return span


@dataclass(frozen=True, slots=True)
class Relation:
    """``head`` points at ``child``: quote -> speaker, claim -> source,
    mention -> the entity it refers to (COREF)."""

    id: str
    head: str
    child: str
    label: str

    def to_dict(self) -> dict:
        return {"id": self.id, "head": self.head, "child": self.child, "label": self.label}

    @classmethod
    def from_dict(cls, data: dict) -> Relation:
        return cls(
            id=str(data["id"]),
            head=str(data["head"]),
            child=str(data["child"]),
            label=str(data["label"]),
        )


class AnnotationError(AnnottyError, ValueError):
    """An annotation that cannot be made (empty span, span outside the text...).

    An ``AnnottyError`` like every error the core raises; still a ``ValueError``
    for the callers that check values with it."""


class Annotations:
    """One annotator's spans and relations on one document.

    Spans are kept ordered by (start, -end) so that the article view can find
    the spans of a visible line without scanning the whole set.
    """

    def __init__(self, spans: Iterable[Span] = (), relations: Iterable[Relation] = ()):
        self._spans: dict[str, Span] = {}
        self._order: list[tuple[int, int, str]] = []
        self._relations: dict[str, Relation] = {}
        # span id -> ids of the relations it takes part in (as head or child)
        self._links: dict[str, set[str]] = {}
        self._longest = 0
        for span in spans:
            if span.id in self._spans:
                raise AnnotationError(f"duplicate span id {span.id}")
            self._spans[span.id] = span
            self._longest = max(self._longest, span.end - span.start)
        self._order = sorted((s.start, -s.end, s.id) for s in self._spans.values())
        for relation in relations:
            self._index_relation(relation)

    # -- reading --------------------------------------------------------
    def __len__(self) -> int:
        return len(self._spans)

    def __contains__(self, span_id: str) -> bool:
        return span_id in self._spans

    def span(self, span_id: str) -> Span:
        return self._spans[span_id]

    def get(self, span_id: str) -> Span | None:
        return self._spans.get(span_id)

    def spans(self, kind: str | None = None) -> list[Span]:
        """All spans in reading order (start, then longest first)."""
        ordered = (self._spans[key[2]] for key in self._order)
        return [s for s in ordered if kind is None or s.kind == kind]

    def relations(self) -> list[Relation]:
        return sorted(self._relations.values(), key=lambda r: (r.head, r.label, r.child, r.id))

    def relation(self, relation_id: str) -> Relation:
        return self._relations[relation_id]

    def get_relation(self, relation_id: str) -> Relation | None:
        return self._relations.get(relation_id)

    def relations_of(self, span_id: str) -> list[Relation]:
        return [self._relations[rid] for rid in sorted(self._links.get(span_id, ()))]

    def attribution(self, span_id: str) -> Span | None:
        """The speaker of a quote or the source of a claim, if linked."""
        span = self._spans.get(span_id)
        if span is None or span.kind not in ATTRIBUTION_FOR_KIND:
            return None
        label = ATTRIBUTION_FOR_KIND[span.kind]
        for relation in self.relations_of(span_id):
            if relation.head == span_id and relation.label == label:
                return self._spans.get(relation.child)
        return None

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Spans that share at least one character with [start, end), or that
        are empty-free and touch ``start`` when ``start == end`` (a caret)."""
        if end < start:
            start, end = end, start
        probe_end = end if end > start else start + 1
        hi = bisect_left(self._order, (probe_end, -(10**18), ""))
        lo = bisect_left(self._order, (start - self._longest, -(10**18), ""))
        found = []
        for _start, neg_end, span_id in self._order[lo:hi]:
            if -neg_end > start:
                found.append(self._spans[span_id])
        return found

    def at(self, offset: int) -> list[Span]:
        """Spans containing ``offset``, innermost (shortest) first."""
        spans = self.overlapping(offset, offset)
        return sorted(spans, key=lambda s: (s.end - s.start, s.start))

    def first(self) -> Span | None:
        return self._spans[self._order[0][2]] if self._order else None

    def last(self) -> Span | None:
        return self._spans[self._order[-1][2]] if self._order else None

    def next_after(self, offset: int) -> Span | None:
        index = bisect_right(self._order, (offset, 1, ""))
        for s_start, _neg, span_id in self._order[index:]:
            if s_start > offset:
                return self._spans[span_id]
        return None

    def previous_before(self, offset: int) -> Span | None:
        index = bisect_left(self._order, (offset, -(10**18), ""))
        if index == 0:
            return None
        return self._spans[self._order[index - 1][2]]

    def find_same(self, start: int, end: int, label: str) -> Span | None:
        for span in self.overlapping(start, end):
            if span.start == start and span.end == end and span.label == label:
                return span
        return None

    # -- changing (used by the Change classes below) ---------------------
    def _insert(self, span: Span) -> None:
        if span.id in self._spans:
            raise AnnotationError(f"duplicate span id {span.id}")
        self._spans[span.id] = span
        key = (span.start, -span.end, span.id)
        self._order.insert(bisect_left(self._order, key), key)
        self._longest = max(self._longest, span.end - span.start)

    def _remove(self, span_id: str) -> Span:
        span = self._spans.pop(span_id)
        key = (span.start, -span.end, span.id)
        index = bisect_left(self._order, key)
        del self._order[index]
        return span

    def _replace(self, span: Span) -> None:
        self._remove(span.id)
        self._insert(span)

    def _add_relation(self, relation: Relation) -> None:
        for span_id in (relation.head, relation.child):
            if span_id not in self._spans:
                raise AnnotationError(f"relation {relation.id} points at unknown span {span_id}")
        self._index_relation(relation)

    def _index_relation(self, relation: Relation) -> None:
        self._relations[relation.id] = relation
        for span_id in (relation.head, relation.child):
            self._links.setdefault(span_id, set()).add(relation.id)

    def _remove_relation(self, relation_id: str) -> Relation:
        relation = self._relations.pop(relation_id)
        for span_id in (relation.head, relation.child):
            links = self._links.get(span_id)
            if links is not None:
                links.discard(relation_id)
                if not links:
                    del self._links[span_id]
        return relation


# ---------------------------------------------------------------------------
# Changes: every edit is a Change with an exact inverse, so undo and redo are
# the same mechanism, and the store persists exactly what changed.


class Change:
    """Base class. ``apply`` mutates the annotations; ``inverse`` undoes it.

    A change is a value, as a frozen dataclass would be: its ``_fields`` are
    set once, and changes of one class with equal fields are equal and hash
    alike. Written out rather than made by ``@dataclass``, whose generated
    methods for these seven classes took half of this module's import, paid
    before the first frame, when no change is made yet."""

    _fields: tuple[str, ...] = ()

    def _freeze(self, *values: object) -> None:
        for name, value in zip(self._fields, values, strict=True):
            object.__setattr__(self, name, value)

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{self.__class__.__qualname__}({fields})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def apply(self, annotations: Annotations) -> None:  # pragma: no cover
        raise NotImplementedError

    def inverse(self) -> Change:  # pragma: no cover
        raise NotImplementedError

    def touched(self) -> Iterator[tuple[str, str]]:  # pragma: no cover
        """(``"span"`` or ``"relation"``, id) pairs this change writes."""
        raise NotImplementedError


class AddSpan(Change):
    _fields = ("span",)
    span: Span

    def __init__(self, span: Span) -> None:
        self._freeze(span)

    def apply(self, annotations: Annotations) -> None:
        annotations._insert(self.span)

    def inverse(self) -> Change:
        return RemoveSpan(self.span)

    def touched(self):
        yield ("span", self.span.id)


class RemoveSpan(Change):
    _fields = ("span",)
    span: Span

    def __init__(self, span: Span) -> None:
        self._freeze(span)

    def apply(self, annotations: Annotations) -> None:
        if annotations.relations_of(self.span.id):
            raise AnnotationError("remove the span's relations first")
        annotations._remove(self.span.id)

    def inverse(self) -> Change:
        return AddSpan(self.span)

    def touched(self):
        yield ("span", self.span.id)


class UpdateSpan(Change):
    _fields = ("old", "new")
    old: Span
    new: Span

    def __init__(self, old: Span, new: Span) -> None:
        self._freeze(old, new)

    def apply(self, annotations: Annotations) -> None:
        annotations._replace(self.new)

    def inverse(self) -> Change:
        return UpdateSpan(self.new, self.old)

    def touched(self):
        yield ("span", self.new.id)


class AddRelation(Change):
    _fields = ("relation",)
    relation: Relation

    def __init__(self, relation: Relation) -> None:
        self._freeze(relation)

    def apply(self, annotations: Annotations) -> None:
        annotations._add_relation(self.relation)

    def inverse(self) -> Change:
        return RemoveRelation(self.relation)

    def touched(self):
        yield ("relation", self.relation.id)


class RemoveRelation(Change):
    _fields = ("relation",)
    relation: Relation

    def __init__(self, relation: Relation) -> None:
        self._freeze(relation)

    def apply(self, annotations: Annotations) -> None:
        annotations._remove_relation(self.relation.id)

    def inverse(self) -> Change:
        return AddRelation(self.relation)

    def touched(self):
        yield ("relation", self.relation.id)


class Batch(Change):
    """Several changes applied, undone and saved as one step."""

    _fields = ("changes", "description")
    changes: tuple[Change, ...]
    description: str

    def __init__(self, changes: tuple[Change, ...], description: str = "") -> None:
        self._freeze(changes, description)

    def apply(self, annotations: Annotations) -> None:
        done: list[Change] = []
        try:
            for change in self.changes:
                change.apply(annotations)
                done.append(change)
        except Exception:
            for change in reversed(done):
                change.inverse().apply(annotations)
            raise

    def inverse(self) -> Change:
        return Batch(tuple(c.inverse() for c in reversed(self.changes)), self.description)

    def touched(self):
        for change in self.changes:
            yield from change.touched()


def default_attrs(text: str, start: int, end: int, kind: str) -> dict:
    """The attributes a new span of ``kind`` starts with: a quote is direct
    when quotation marks stand at its edges, a claim check-worthy and
    unverified. The one place these defaults are decided."""
    if kind == QUOTE:
        return {"type": "direct" if is_direct_quote(text, start, end) else "indirect"}
    if kind == CLAIM:
        return {"checkworthy": "yes", "verdict": VERDICTS[0]}
    return {}


def make_span(text: str, start: int, end: int, label: str, kind: str, attrs: dict | None = None) -> Span:
    """A new span over ``text[start:end]``, checked against the text."""
    if not 0 <= start < end <= len(text):
        raise AnnotationError(f"span {start}:{end} is empty or outside the text (length {len(text)})")
    if kind not in KINDS:
        raise AnnotationError(f"unknown kind {kind!r}")
    return Span(new_id("s"), start, end, label, kind, text[start:end], dict(attrs or {}))


def with_attrs(span: Span, **changes) -> Span:
    attrs = dict(span.attrs)
    for key, value in changes.items():
        if value in (None, ""):
            attrs.pop(key, None)
        else:
            attrs[key] = value
    return replace(span, attrs=attrs)
