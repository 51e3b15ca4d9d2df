"""When a student's speaker (or source) is right: the rule grading applies.

The student's speaker is right when it overlaps the gold speaker or any span
joined to it by COREF links (either direction, transitively), or when its
text equals the text of one of those spans once case and runs of whitespace
are ignored.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..model import COREF, Annotations, Span

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text compared for attribution: case folded, whitespace runs as one space."""
    return _SPACE.sub(" ", text).strip().casefold()


def coref_clusters(annotations: Annotations) -> dict[str, tuple[list[Span], set[str]]]:
    """Span id -> the spans joined to it by COREF links (itself included) and
    their normalised texts, for every span in a COREF link."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for relation in annotations.relations():
        if relation.label == COREF:
            parent.setdefault(relation.head, relation.head)
            parent.setdefault(relation.child, relation.child)
            a, b = root(relation.head), root(relation.child)
            if a != b:
                parent[a] = b
    members: dict[str, list[Span]] = defaultdict(list)
    for span_id in list(parent):
        span = annotations.get(span_id)
        if span is not None:
            members[root(span_id)].append(span)
    clusters = {}
    for spans in members.values():
        value = (spans, {normalise(s.text) for s in spans})
        for span in spans:
            clusters[span.id] = value
    return clusters


def speaker_is_right(student_speaker: Span | None, gold_cluster: tuple[list[Span], set[str]]) -> bool:
    if student_speaker is None:
        return False
    spans, texts = gold_cluster
    for span in spans:
        if span.start < student_speaker.end and student_speaker.start < span.end:
            return True
    return normalise(student_speaker.text) in texts
