"""What the user already did: existing annotations, label names, further mentions.

Part of the built-in suggester (see builtin.py)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from ..model import CLAIM, ENTITY, QUOTE
from ..text_units import whole_word_matches
from .suggestion import Suggestion
from .document import DEFAULT_LABELS, _BUILTIN_KINDS
from .document import _Doc

# ---------------------------------------------------------------------------
# The user's annotations and labels


def _existing_spans(annotations) -> list:
    if annotations is None:
        return []
    spans = annotations.spans() if hasattr(annotations, "spans") else annotations
    return [s for s in spans if 0 <= s.start < s.end]


def _label_map(labels) -> tuple[dict[str, str], set[str]]:
    """(built-in label -> label to suggest, every label that may be suggested)."""
    if labels is None:
        labels = DEFAULT_LABELS
    if hasattr(labels, "labels"):  # a Schema
        names = [label.name for label in labels.labels]
        kinds = {label.name: label.kind for label in labels.labels}
        mapping = {name: name for name in DEFAULT_LABELS if name in kinds and kinds[name] == _BUILTIN_KINDS[name]}
        for builtin, kind in (("QUOTE", QUOTE), ("CLAIM", CLAIM)):
            if builtin not in mapping:
                of_kind = [name for name in names if kinds[name] == kind]
                if of_kind:
                    mapping[builtin] = of_kind[0]
        return mapping, set(names)
    names = [str(name) for name in labels]
    return {name: name for name in DEFAULT_LABELS if name in names}, set(names)


def _user_mentions(doc: _Doc, existing: list) -> list[Suggestion]:
    """Every further mention (whole words) of an entity the user tagged."""
    text = doc.text
    entity_spans = sorted((s for s in existing if s.kind == ENTITY), key=lambda s: (s.start, s.end))
    taken = _Intervals((s.start, s.end) for s in entity_spans)
    labels_of: dict[str, dict[str, int]] = {}
    for span in entity_spans:
        phrase = text[span.start:span.end]
        if phrase.strip() and any(c.isalnum() for c in phrase):
            counts = labels_of.setdefault(phrase, {})
            counts[span.label] = counts.get(span.label, 0) + 1
    found = []
    for phrase, counts in sorted(labels_of.items()):
        label = max(sorted(counts), key=lambda name: counts[name])
        for start, end in whole_word_matches(text, phrase):
            if taken.overlaps(start, end):
                continue
            found.append(Suggestion(start, end, label, ENTITY, phrase, {}, f"another mention of {phrase}", 0.9))
    return found


class _Intervals:
    """Spans to test overlap against: sorted starts and the running maximum of ends."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.max_end = []
        highest = -1
        for _s, e in ordered:
            highest = max(highest, e)
            self.max_end.append(highest)

    def overlaps(self, start: int, end: int) -> bool:
        count = bisect_left(self.starts, end)
        return count > 0 and self.max_end[count - 1] > start
