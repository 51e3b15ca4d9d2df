"""Adjudication: where annotators disagree, one place at a time, and the
final version a reviewer chooses, saved as a new annotator (``gold``).

Spans that every annotator made alike (same start, end and label) are
unanimous and accepted as they are. Other spans are grouped into places:
spans that overlap, across annotators. Each place offers its variants (one
per distinct start, end and label, with who chose it); the reviewer keeps
one, all of them, or none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import ATTRIBUTION_FOR_KIND, Annotations, Relation, Span, make_span, new_id

Key = tuple[int, int, str]


@dataclass
class Variant:
    key: Key
    kind: str
    text: str
    annotators: list[str]
    attrs: dict = field(default_factory=dict)
    #: The speaker or source most of its annotators linked it to: (start, end, label, text).
    target: Key | None = None
    target_text: str = ""


@dataclass
class Place:
    doc_id: str
    start: int
    end: int
    variants: list[Variant]
    #: The reviewer's choice: indexes of the variants kept (None: not decided yet).
    chosen: list[int] | None = None


@dataclass
class Adjudication:
    annotators: list[str]
    texts: dict[str, str]
    unanimous: dict[str, list[Variant]]  # doc id -> spans all annotators made alike
    places: list[Place]

    def final(self, doc_id: str) -> Annotations:
        """The adjudicated annotations of a document: the unanimous spans and
        the chosen variants, with the links their annotators agreed on."""
        text = self.texts[doc_id]
        kept = list(self.unanimous.get(doc_id, []))
        for place in self.places:
            if place.doc_id == doc_id and place.chosen:
                kept += [place.variants[i] for i in place.chosen]
        spans: dict[Key, Span] = {}
        for variant in kept:
            start, end, label = variant.key
            spans[variant.key] = make_span(text, start, end, label, variant.kind, variant.attrs)
        relations = []
        for variant in kept:
            head = spans[variant.key]
            child = spans.get(variant.target) if variant.target else None
            if child is not None and head.kind in ATTRIBUTION_FOR_KIND:
                relations.append(Relation(new_id("r"), head.id, child.id, ATTRIBUTION_FOR_KIND[head.kind]))
        return Annotations(spans.values(), relations)

    @property
    def decided(self) -> int:
        return sum(1 for place in self.places if place.chosen is not None)


def _target_of(annotations: Annotations, span: Span) -> Key | None:
    who = annotations.attribution(span.id)
    return (who.start, who.end, who.label) if who else None


def adjudicate(by_annotator: dict[str, dict[str, Annotations]], texts: dict[str, str]) -> Adjudication:
    """``by_annotator``: annotator -> document id -> annotations. Only the
    documents every annotator annotated are adjudicated."""
    names = sorted(by_annotator)
    shared = sorted(set.intersection(*(set(docs) for docs in by_annotator.values()))) if names else []
    unanimous: dict[str, list[Variant]] = {}
    places: list[Place] = []
    for doc_id in shared:
        variants: dict[Key, Variant] = {}
        targets: dict[Key, list[Key | None]] = {}
        for name in names:
            annotations = by_annotator[name][doc_id]
            for span in annotations.spans():
                key = (span.start, span.end, span.label)
                variant = variants.setdefault(key, Variant(key, span.kind, span.text, [], dict(span.attrs)))
                if name not in variant.annotators:
                    variant.annotators.append(name)
                targets.setdefault(key, []).append(_target_of(annotations, span))
        for key, variant in variants.items():
            chosen = [t for t in targets[key] if t]
            if chosen:
                variant.target = max(set(chosen), key=chosen.count)
                variant.target_text = texts[doc_id][variant.target[0]:variant.target[1]]
            variant.attrs.pop("note", None)
        alike = [v for v in variants.values() if len(v.annotators) == len(names)]
        unanimous[doc_id] = sorted(alike, key=lambda v: v.key)
        rest = sorted((v for v in variants.values() if len(v.annotators) < len(names)), key=lambda v: v.key)
        # Group the rest into places of overlapping spans.
        group: list[Variant] = []
        group_end = -1
        for variant in rest:
            if group and variant.key[0] >= group_end:
                places.append(Place(doc_id, group[0].key[0], group_end, group))
                group = []
            group.append(variant)
            group_end = max(group_end, variant.key[1]) if len(group) > 1 else variant.key[1]
        if group:
            places.append(Place(doc_id, group[0].key[0], group_end, group))
    return Adjudication(names, {d: texts[d] for d in shared}, unanimous, places)
