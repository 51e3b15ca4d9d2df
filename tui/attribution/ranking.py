"""The order of the link picker: the engine's choice first (★, with its
reason), then the other entities by distance. An entity inside the quote or
claim itself never comes first by distance alone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Sequence

from ..model import COREF, ENTITY, Annotations, Span
from ..text_units import paragraph_of
from .cue import Cue
from .engine import Attribution, Engine
from .sources import DESCRIPTION, Mention

#: Entity labels the engine reads as people and organisations.
SPEAKER_LABELS = ("PERSON", "ORG")


@dataclass(frozen=True)
class Ranking:
    candidates: list[Span]
    #: The engine's choice (first in ``candidates``), or None when it has none.
    chosen: Span | None = None
    #: Why, in a word or two: "cue 'he said'", "according to".
    reason: str = ""
    #: Who the engine read as the speaker when no tagged entity is them
    #: (a name or description to tag first), else "".
    untagged: str = ""
    #: The cue the engine read the choice from, recorded on the quote or claim when the choice is taken.
    cue: Cue | None = None


def rank_links(text: str, head: Span, annotations: Annotations, attributing: bool) -> Ranking:
    """Entities ``head`` could link to, the likeliest first. ``attributing``:
    the head is a quote or claim looking for its speaker or source."""
    entities = [s for s in annotations.spans(ENTITY) if s.id != head.id]
    by_distance = sorted(entities, key=lambda entity: _distance_rank(text, head, entity, attributing))
    if not by_distance:
        return Ranking([])
    if attributing:
        attribution = engine_attribution(text, head, entities)
        chosen = _tagged_speaker(text, attribution, entities, annotations)
        reason = attribution.reason
    else:
        chosen, reason = _referent(text, head, entities), "description of"
    if chosen is None:
        untagged = attribution.speaker.text if attributing and attribution.speaker is not None else ""
        return Ranking(by_distance, reason=reason if untagged else "", untagged=untagged)
    cue = attribution.cue if attributing else None
    return Ranking([chosen] + [s for s in by_distance if s.id != chosen.id], chosen, reason, cue=cue)


def engine_attribution(text: str, head: Span, entities: Sequence[Span]) -> Attribution:
    from ..suggest.document import _Doc
    from ..suggest.names import _NameFinder

    doc = _Doc(text)
    # The names the user tagged, and the ones the suggester would find, so
    # that "he said" reaches a person not tagged yet (then matched by name).
    known: list = [s for s in entities if s.label in SPEAKER_LABELS]
    known += [n for n in _NameFinder(doc, list(entities)).find() if n.label in SPEAKER_LABELS]
    engine = Engine(text, known, doc)
    previous = None
    for quote in engine.quotes():
        if quote.end > head.start:
            break
        if quote.speakers:
            previous = quote
    return engine.attribute(head.start, head.end, previous)


def _distance_rank(text: str, head: Span, entity: Span, attributing: bool) -> tuple:
    if entity.end <= head.start:
        gap = head.start - entity.end
    elif entity.start >= head.end:
        gap = entity.start - head.end
    else:
        gap = 0
    paragraph = paragraph_of(text, head.start)
    inside = head.start <= entity.start and entity.end <= head.end and attributing
    same_paragraph = paragraph[0] <= entity.start < paragraph[1]
    preferred = entity.label in SPEAKER_LABELS or not attributing
    return (not preferred, inside, not same_paragraph, gap, entity.start)


def _surname(value: str) -> str:
    words = re.findall(r"[A-ZÀ-Þ][\w’'\-]+", value)
    return words[-1].lower() if words else ""


def _tagged_speaker(text: str, attribution: Attribution, entities: list[Span],
                    annotations: Annotations) -> Span | None:
    """The tagged entity that is the engine's speaker: the same words, one
    COREF-linked to them, the same person by surname, or a tagged
    description that stands for them."""
    for speaker in attribution.speakers:
        overlapping = [e for e in entities if e.start < speaker.end and speaker.start < e.end]
        if overlapping:
            return min(overlapping, key=lambda e: abs(e.start - speaker.start))
    for speaker in attribution.speakers:
        surname = _surname(speaker.text)
        named = [e for e in entities if e.label in SPEAKER_LABELS and surname and _surname(e.text) == surname]
        if named:
            return min(named, key=lambda e: abs(e.start - speaker.start))
    if not attribution.speakers:
        return None
    # A tagged description whose referent is the speaker: COREF, or the text.
    speaker = attribution.speakers[0]
    for entity in entities:
        for relation in annotations.relations_of(entity.id):
            if relation.label != COREF:
                continue
            other = annotations.span(relation.child if relation.head == entity.id else relation.head)
            if other.start < speaker.end and speaker.start < other.end:
                return entity
    engine = Engine(text, [speaker, *[e for e in entities if e.label in SPEAKER_LABELS]])
    for entity in entities:
        if entity.label not in SPEAKER_LABELS or not entity.text[:1].islower() and not entity.text.startswith("The "):
            continue
        referent = engine.sources.referent(Mention(entity.start, entity.end, entity.label, DESCRIPTION, entity.text))
        if referent is not None and referent.start < speaker.end and speaker.start < referent.end:
            return entity
    return None


def _referent(text: str, head: Span, entities: list[Span]) -> Span | None:
    """For a mention linked by COREF: the name a description stands for."""
    if head.label not in SPEAKER_LABELS:
        return None
    engine = Engine(text, [e for e in entities if e.label in SPEAKER_LABELS])
    referent = engine.sources.referent(Mention(head.start, head.end, head.label, DESCRIPTION, head.text))
    if referent is None:
        return None
    return next((e for e in entities if (e.start, e.end) == (referent.start, referent.end)), None)
