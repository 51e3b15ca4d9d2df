"""Adjudication: the final version a reviewer chooses where annotators
disagree, decision by decision, saved as a new annotator (``gold``).

Every span (start, end and label) and every link is its own decision:

- a span every annotator made alike is unanimous, and so is a link every
  annotator made between two such spans: all of them are accepted with one
  confirmation;
- spans that compete (they overlap and are of the same kind) form one span
  place whose variants are the alternatives; a span that only overlaps
  others of another kind (an entity inside a disputed claim) is a place of
  its own;
- where the annotators of a kept span disagree on its speaker, source or
  referent, or the one they agree on was not kept, that link is a place of
  its own; a link they agree on whose target is kept is carried with it.

Decisions are kept in order (the last one for a place counts), so that the
last can be undone and a record of them resumes an adjudication left
halfway. Places are keyed by what they contain, not by record ids: a
decision still applies after a restart as long as the annotators' work is
the same there.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace

from .errors import AnnottyError
from .model import Annotations, Relation, make_span

SpanKey = tuple[int, int, str]
UNANIMOUS = json.dumps(["unanimous"])


@dataclass
class SpanVariant:
    """One distinct span (start, end, label) and the annotators who made it."""

    key: SpanKey
    kind: str
    text: str
    annotators: list[str]
    attrs: dict = field(default_factory=dict)
    #: Relation label -> annotator who made this span -> the span they linked it to (None: no link).
    links: dict[str, dict[str, SpanKey | None]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.key[2]


@dataclass
class SpanPlace:
    """Competing spans: keep one, several or none."""

    doc_id: str
    start: int
    end: int
    key: str
    variants: list[SpanVariant]
    #: The keys of the variants kept (None: not decided yet).
    chosen: list[SpanKey] | None = None


@dataclass
class LinkOption:
    target: SpanVariant
    annotators: list[str]
    #: Whether the target span is in the gold set without this link.
    kept: bool = True


@dataclass
class LinkPlace:
    """The speaker, source or referent of a kept span: one option or no link."""

    doc_id: str
    start: int
    end: int
    key: str
    head: SpanVariant
    label: str
    options: list[LinkOption]
    #: Annotators of the head who made no such link.
    without: list[str]
    #: ``[target key]`` or ``[]`` for no link (None: not decided yet).
    chosen: list[SpanKey] | None = None


Place = SpanPlace | LinkPlace


@dataclass
class Decision:
    place: str
    kind: str  # "span", "link" or "unanimous"
    doc_id: str
    keep: list[SpanKey]

    def to_dict(self) -> dict:
        return {"place": self.place, "kind": self.kind, "doc": self.doc_id, "keep": [list(k) for k in self.keep]}

    @classmethod
    def from_dict(cls, data: dict) -> Decision:
        return cls(str(data["place"]), str(data["kind"]), str(data["doc"]),
                   [(int(s), int(e), str(label)) for s, e, label in data["keep"]])


@dataclass
class DocumentVariants:
    doc_id: str
    text: str
    variants: dict[SpanKey, SpanVariant]
    unanimous: list[SpanKey]
    span_places: list[SpanPlace]


@dataclass
class Resolved:
    """What a document's decisions so far put in the gold set."""

    spans: dict[SpanKey, SpanVariant]
    links: list[tuple[SpanKey, str, SpanKey]]
    link_places: list[LinkPlace]
    #: Spans in the gold set only because a link decision kept them.
    pulled: set[SpanKey]


def _key(*parts) -> str:
    return json.dumps(parts, ensure_ascii=False)


def _only(chosen: list[SpanKey] | None, allowed: list[SpanKey]) -> list[SpanKey] | None:
    """A recorded choice, without what is not on offer at its place (a record edited by hand)."""
    return None if chosen is None else [key for key in allowed if key in chosen]


def _in_order(annotators: list[str], order: list[str]) -> list[str]:
    return sorted(annotators, key=order.index)


def _variants(names: list[str], by_doc: dict[str, Annotations]) -> dict[SpanKey, SpanVariant]:
    variants: dict[SpanKey, SpanVariant] = {}
    for name in names:
        annotations = by_doc[name]
        for span in annotations.spans():
            key = (span.start, span.end, span.label)
            attrs = {k: v for k, v in span.attrs.items() if k != "note"}  # a note is its author's own
            variant = variants.setdefault(key, SpanVariant(key, span.kind, span.text, [], attrs))
            if name in variant.annotators:
                continue
            variant.annotators.append(name)
            for relation in annotations.relations_of(span.id):
                child = annotations.get(relation.child)
                if relation.head == span.id and child is not None:
                    variant.links.setdefault(relation.label, {}).setdefault(name, (child.start, child.end, child.label))
    return variants


def _span_places(doc_id: str, contested: list[SpanVariant], names: list[str]) -> list[SpanPlace]:
    """Group contested spans that compete (overlap, same kind), transitively."""
    places: list[SpanPlace] = []
    by_kind: dict[str, list[SpanVariant]] = {}
    for variant in sorted(contested, key=lambda v: (v.key[0], -v.key[1], v.key[2])):
        by_kind.setdefault(variant.kind, []).append(variant)
    groups: list[list[SpanVariant]] = []
    for variants in by_kind.values():
        group_end = -1
        for variant in variants:
            if not groups or groups[-1][0].kind != variant.kind or variant.key[0] >= group_end:
                groups.append([])
                group_end = variant.key[1]
            groups[-1].append(variant)
            group_end = max(group_end, variant.key[1])
    for group in groups:
        ordered = sorted(group, key=lambda v: (names.index(v.annotators[0]), v.key[0], -v.key[1], v.key[2]))
        start, end = min(v.key[0] for v in group), max(v.key[1] for v in group)
        places.append(SpanPlace(doc_id, start, end, _key("span", doc_id, sorted(v.key for v in group)), ordered))
    return sorted(places, key=lambda p: (p.start, -p.end))


def analyse(names: list[str], doc_id: str, text: str, by_annotator: dict[str, Annotations]) -> DocumentVariants:
    variants = _variants(names, by_annotator)
    for variant in variants.values():
        variant.annotators = _in_order(variant.annotators, names)
        for label, votes in variant.links.items():
            variant.links[label] = {name: votes.get(name) for name in variant.annotators}
    unanimous = sorted(k for k, v in variants.items() if len(v.annotators) == len(names))
    contested = [v for k, v in variants.items() if len(v.annotators) < len(names)]
    return DocumentVariants(doc_id, text, variants, unanimous, _span_places(doc_id, contested, names))


def stable_id(prefix: str, *parts) -> str:
    """The same span or link gets the same id at every save, so the gold file diffs cleanly."""
    return prefix + hashlib.sha1(_key(*parts).encode()).hexdigest()[:10]


class Adjudication:
    """The documents every annotator annotated, and the decisions made so far."""

    def __init__(self, annotators: list[str], documents: list[DocumentVariants], decisions=()):
        self.annotators = annotators
        self.documents = {d.doc_id: d for d in documents}
        self.decisions: list[Decision] = list(decisions)

    @property
    def texts(self) -> dict[str, str]:
        return {doc_id: d.text for doc_id, d in self.documents.items()}

    # -- decisions ----------------------------------------------------------
    def _choices(self) -> dict[str, list[SpanKey]]:
        return {d.place: d.keep for d in self.decisions}

    @property
    def confirmed(self) -> bool:
        return any(d.kind == "unanimous" for d in self.decisions)

    def confirm(self) -> Decision:
        """Accept what every annotator agrees on (one decision for all documents)."""
        decision = Decision(UNANIMOUS, "unanimous", "", [])
        if not self.confirmed:
            self.decisions.append(decision)
        return decision

    def decide(self, place: Place, keep: list[SpanKey]) -> Decision:
        if isinstance(place, LinkPlace):
            allowed = {o.target.key for o in place.options}
            kind = "link"
            if len(keep) > 1:
                raise AnnottyError("a link place keeps one link or none")
        else:
            allowed = {v.key for v in place.variants}
            kind = "span"
        if not set(keep) <= allowed:
            raise AnnottyError("not a variant of this place")
        decision = Decision(place.key, kind, place.doc_id, list(keep))
        self.decisions.append(decision)
        return decision

    def undo(self) -> Decision | None:
        """Take back the last decision (an earlier one for the same place counts again)."""
        return self.decisions.pop() if self.decisions else None

    # -- what they amount to ------------------------------------------------
    def resolve(self, doc_id: str) -> Resolved:
        document = self.documents[doc_id]
        choices = self._choices()
        confirmed = UNANIMOUS in choices
        base: dict[SpanKey, SpanVariant] = {k: document.variants[k] for k in document.unanimous} if confirmed else {}
        settled = set(base)
        for place in document.span_places:
            place.chosen = _only(choices.get(place.key), [v.key for v in place.variants])
            if place.chosen is not None:
                settled.update(v.key for v in place.variants)
                base.update((k, document.variants[k]) for k in place.chosen)
        pulled: set[SpanKey] = set()
        while True:  # until no link decision keeps a span not kept otherwise
            kept = dict(base)
            kept.update((k, document.variants[k]) for k in pulled)
            links, link_places, more = self._links(document, kept, settled, choices)
            if more <= pulled:
                return Resolved(kept, links, link_places, pulled)
            pulled |= more

    def _links(self, document: DocumentVariants, kept: dict, settled: set, choices: dict):
        links: list[tuple[SpanKey, str, SpanKey]] = []
        places: list[LinkPlace] = []
        pulled: set[SpanKey] = set()
        for head_key in sorted(kept):
            head = kept[head_key]
            for label, votes in sorted(head.links.items()):
                targets: list[SpanKey] = []
                for target in votes.values():
                    if target is not None and target not in targets:
                        targets.append(target)
                without = [name for name, target in votes.items() if target is None]
                if not targets:
                    continue
                if len(targets) == 1 and not without and targets[0] in kept:
                    links.append((head_key, label, targets[0]))  # carried: its annotators agree
                    continue
                if not all(t in settled or t in kept for t in targets):
                    continue  # asked once the spans it points at are decided
                options = [LinkOption(document.variants[t], [n for n, v in votes.items() if v == t], t in kept)
                           for t in targets]
                key = _key("link", document.doc_id, list(head_key), label, targets, without)
                place = LinkPlace(document.doc_id, head_key[0], head_key[1], key, head, label, options, without,
                                  _only(choices.get(key), targets))
                if place.chosen:
                    place.chosen = place.chosen[:1]  # one link per head and label
                places.append(place)
                if place.chosen:
                    target = place.chosen[0]
                    links.append((head_key, label, target))
                    if target not in kept:
                        pulled.add(target)
        return links, places, pulled

    def places(self) -> list[Place]:
        """Every place so far, in reading order (link places appear once their span is kept)."""
        found: list[Place] = []
        for doc_id in self.documents:
            resolved = self.resolve(doc_id)
            document_places: list[Place] = [*self.documents[doc_id].span_places, *resolved.link_places]
            found += sorted(document_places, key=lambda p: (p.start, -p.end, isinstance(p, LinkPlace)))
        return found

    def pending(self) -> list[Place]:
        return [p for p in self.places() if p.chosen is None]

    def final(self, doc_id: str) -> Annotations:
        """The gold annotations of a document as decided so far."""
        document = self.documents[doc_id]
        resolved = self.resolve(doc_id)
        spans = {
            key: replace(make_span(document.text, key[0], key[1], key[2], v.kind, v.attrs), id=stable_id("s", *key))
            for key, v in resolved.spans.items()
        }
        relations = [
            Relation(stable_id("r", *h, label, *t), spans[h].id, spans[t].id, label)
            for h, label, t in resolved.links if h != t
        ]
        return Annotations(spans.values(), relations)

    def unanimous_counts(self) -> tuple[int, int]:
        """Spans and links every annotator made alike."""
        spans = links = 0
        for document in self.documents.values():
            agreed = set(document.unanimous)
            spans += len(agreed)
            for key in agreed:
                for votes in document.variants[key].links.values():
                    targets = set(votes.values())
                    if len(targets) == 1 and next(iter(targets)) in agreed:
                        links += 1
        return spans, links

    def summary(self) -> dict:
        """How many decisions of each kind count now, and what the gold set holds."""
        decided = {"spans": 0, "links": 0}
        for place in self.places():
            if place.chosen is not None:
                decided["links" if isinstance(place, LinkPlace) else "spans"] += 1
        spans, links = self.unanimous_counts()
        gold = {"spans": 0, "links": 0}
        for doc_id in self.documents:
            resolved = self.resolve(doc_id)
            gold["spans"] += len(resolved.spans)
            gold["links"] += len(resolved.links)
        return {
            "decided_spans": decided["spans"],
            "decided_links": decided["links"],
            "accepted_unanimous": self.confirmed,
            "unanimous_spans": spans,
            "unanimous_links": links,
            "pending": len(self.pending()),
            "gold_spans": gold["spans"],
            "gold_links": gold["links"],
        }

    # -- the record ---------------------------------------------------------
    def record(self) -> dict:
        return {"annotators": list(self.annotators), "decisions": [d.to_dict() for d in self.decisions]}


def adjudicate(by_annotator: dict[str, dict[str, Annotations]], texts: dict[str, str],
               order: list[str] | None = None, decisions=()) -> Adjudication:
    """``by_annotator``: annotator -> document id -> annotations, ``order``
    the order variants are listed in (default: by name). Only the documents
    every annotator annotated are adjudicated."""
    names = list(order) if order else sorted(by_annotator)
    shared = sorted(set.intersection(*(set(docs) for docs in by_annotator.values()))) if names else []
    documents = [analyse(names, d, texts[d], {n: by_annotator[n][d] for n in names}) for d in shared]
    return Adjudication(names, documents, decisions)
