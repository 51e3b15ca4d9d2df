"""Sentences and BIO tagging for the token-based formats (conll, hf), on
the tokens of ``tokenizer.py``.

Tokens are also cut at every boundary of an exported entity (``Obama`` in
``Obama's``), so that every entity is a whole number of tokens.

Sentences end at a blank line, or after ``.``, ``!``, ``?`` or ``…`` (and any
closing quotes or brackets) followed by a space and a token that is not a
lowercase word, unless the full stop ends a known abbreviation or a single
letter (``Mr.``, ``U.S.``). A sentence never ends inside an entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Iterable

from ..model import ENTITY, Span
from .tokenizer import ABBREVIATIONS, tokenize

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_FINAL = {".", "!", "?", "…"}
_CLOSERS = {'"', "'", "”", "’", "»", ")", "]", "}"}
_ABBREVIATIONS = frozenset(word.lower() for word in ABBREVIATIONS)


def sentence_starts(text: str, tokens: list[tuple[int, int]]) -> set[int]:
    """Indexes of the tokens that open a sentence (0 included when any)."""
    starts = {0} if tokens else set()
    for i in range(1, len(tokens)):
        gap = text[tokens[i - 1][1]:tokens[i][0]]
        if _BLANK_LINE.search(gap) or gap and _ends_sentence(text, tokens, i) and not text[tokens[i][0]].islower():
            starts.add(i)
    return starts


def _ends_sentence(text: str, tokens: list[tuple[int, int]], i: int) -> bool:
    """Whether the token before ``i`` closes a sentence."""
    j = i - 1
    while j > 0 and text[tokens[j][0]:tokens[j][1]] in _CLOSERS and tokens[j - 1][1] == tokens[j][0]:
        j -= 1
    mark = text[tokens[j][0]:tokens[j][1]]
    if mark not in _FINAL:
        return False
    if mark == "." and j > 0 and tokens[j - 1][1] == tokens[j][0]:
        word = text[tokens[j - 1][0]:tokens[j - 1][1]]
        if word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return False
    return True


def choose_entities(spans: Iterable[Span]) -> tuple[list[Span], list[tuple[Span, Span]]]:
    """The entity spans that do not overlap, keeping the longest (so the
    outermost) first and, among equals, the earliest; and each dropped span
    with one kept span it overlaps."""
    entities = sorted((s for s in spans if s.kind == ENTITY), key=lambda s: (s.start - s.end, s.start, s.label))
    kept: list[Span] = []
    dropped: list[tuple[Span, Span]] = []
    for span in entities:
        clash = next((k for k in kept if k.start < span.end and span.start < k.end), None)
        if clash is None:
            kept.append(span)
        else:
            dropped.append((span, clash))
    kept.sort(key=lambda s: s.start)
    return kept, dropped


@dataclass
class Token:
    text: str
    tag: str
    start: int
    end: int


def bio_sentences(
    text: str, spans: Iterable[Span], dropped: list[str] | None = None, adjusted: list[str] | None = None
) -> list[list[Token]]:
    """The text as sentences of BIO-tagged tokens, from the entity spans.

    ``dropped`` receives a line per entity left out (it overlaps a longer one,
    or holds no token), ``adjusted`` one per entity whose edges are not token
    edges (a space at its edge), written as the tokens inside it.
    """
    dropped = dropped if dropped is not None else []
    adjusted = adjusted if adjusted is not None else []
    kept, clashes = choose_entities(spans)
    for span, clash in clashes:
        dropped.append(f"entity {span.label} {span.text!r} at {span.start}:{span.end} overlaps "
                        f"{clash.label} {clash.text!r} at {clash.start}:{clash.end}; kept the longer")
    tokens = tokenize(text, cuts=[edge for s in kept for edge in (s.start, s.end)])
    tags = ["O"] * len(tokens)
    starts = [t[0] for t in tokens]
    index = 0
    for span in kept:
        while index < len(tokens) and tokens[index][1] <= span.start:
            index += 1
        inside = []
        j = index
        while j < len(tokens) and starts[j] < span.end:
            inside.append(j)
            j += 1
        if not inside:
            dropped.append(f"entity {span.label} {span.text!r} at {span.start}:{span.end} holds no token")
            continue
        if tokens[inside[0]][0] != span.start or tokens[inside[-1]][1] != span.end:
            adjusted.append(f"entity {span.label} {span.text!r} at {span.start}:{span.end} does not start and end "
                            f"on tokens; written as {tokens[inside[0]][0]}:{tokens[inside[-1]][1]}")
        tags[inside[0]] = f"B-{span.label}"
        for k in inside[1:]:
            tags[k] = f"I-{span.label}"
    boundaries = sorted(i for i in sentence_starts(text, tokens) if not tags[i].startswith("I-"))
    sentences = []
    for first, last in zip(boundaries, boundaries[1:] + [len(tokens)], strict=True):
        sentences.append([Token(text[s:e], tags[k], s, e) for k, (s, e) in enumerate(tokens[first:last], first)])
    return sentences


def bio_labels(labels: Iterable[str]) -> list[str]:
    """``O`` then ``B-``/``I-`` of each label, sorted: a stable tag-id order."""
    result = ["O"]
    for label in sorted(set(labels)):
        result += [f"B-{label}", f"I-{label}"]
    return result


def entity_sentences(record, report, format_name: str) -> list[list[Token]]:
    """``bio_sentences`` of an export record, its problems in the report,
    with what a format of entity tags cannot hold (quotes, claims, relations)."""
    others = [span for span in record.annotations.spans() if span.kind != ENTITY]
    relations = record.annotations.relations()
    if others or relations:
        report.drop(record, f"{len(others)} quote/claim span(s) and {len(relations)} relation(s): "
                            f"{format_name} holds entities only")
    dropped: list[str] = []
    adjusted: list[str] = []
    sentences = bio_sentences(record.document.text, record.annotations.spans(ENTITY), dropped, adjusted)
    for line in dropped:
        report.drop(record, line)
    for line in adjusted:
        report.adjust(record, line)
    return sentences
