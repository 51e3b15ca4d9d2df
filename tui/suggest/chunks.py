"""Suggestions on an article of any length, a chunk of paragraphs at a time.

The built-in rules build word, sentence and name tables for the text they
are given, tens of times its size: on a whole 10 MB article that is 640 MB.
Here they run on pieces of about ``CHUNK_CHARS`` characters cut at
paragraph breaks, so that memory follows the piece, not the article, and
stop once ``MAX_SUGGESTIONS`` are found (a person reviews a few hundred at a
sitting), starting with the piece the reader is at.

An article shorter than one piece gets exactly what ``suggest`` gives. On a
longer one, a rule that looks across the text (a surname found as a full
name elsewhere, a further mention of a name the user tagged, a quotation
running on into the next paragraph) looks within its piece only.
"""

from __future__ import annotations

from dataclasses import replace
from collections.abc import Callable

from .builtin import suggest
from .context import _existing_spans
from .document import DEFAULT_LABELS
from .suggestion import Suggestion

CHUNK_CHARS = 50_000
MAX_SUGGESTIONS = 2_000


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of ``text`` covering it, each at
    most ``size`` long and cut after a blank line where there is one in its
    second half, else after a line break, else after a space."""
    bounds = []
    start, length = 0, len(text)
    while start < length:
        end = start + size
        if end >= length:
            bounds.append((start, length))
            break
        for mark in ("\n\n", "\n", " "):
            cut = text.rfind(mark, start + size // 2, end - len(mark) + 1)
            if cut != -1:
                end = cut + len(mark)
                break
        bounds.append((start, end))
        start = end
    return bounds


def suggest_in_chunks(
    text: str,
    annotations=None,
    labels=DEFAULT_LABELS,
    *,
    entities: list[Suggestion] | None = None,
    start_at: int = 0,
    limit: int | None = MAX_SUGGESTIONS,
    size: int = CHUNK_CHARS,
    should_stop: Callable[[], bool] | None = None,
) -> list[Suggestion]:
    """What ``suggest`` gives, found piece by piece (see the module's
    docstring): from the piece holding ``start_at`` to the end, then from the
    start; at most ``limit`` (None: all); in reading order. ``should_stop``
    is asked between pieces (a newer request, the reader gone elsewhere)."""
    bounds = chunk_bounds(text, size)
    first = next((i for i, (start, end) in enumerate(bounds) if start <= start_at < end), 0)
    existing = _existing_spans(annotations)
    found: list[Suggestion] = []
    for start, end in bounds[first:] + bounds[:first]:
        if should_stop is not None and should_stop():
            break
        inside = [replace(s, start=s.start - start, end=s.end - start) for s in existing
                  if start <= s.start and s.end <= end]
        given = None if entities is None else [_moved(s, -start) for s in entities if start <= s.start and s.end <= end]
        piece = suggest(text[start:end], inside, labels, entities=given)
        found.extend(_moved(s, start) for s in piece)
        if limit is not None and len(found) >= limit:
            del found[limit:]
            break
    found.sort(key=lambda s: (s.start, -s.end, s.label, s.kind))
    return found


def _moved(suggestion: Suggestion, offset: int) -> Suggestion:
    if offset == 0:
        return suggestion
    speaker = suggestion.speaker
    return replace(suggestion, start=suggestion.start + offset, end=suggestion.end + offset,
                   speaker=(speaker[0] + offset, speaker[1] + offset) if speaker else None)


def suggestions_to_review(document, annotations, schema, store_root, *, start_at: int = 0,
                          should_stop: Callable[[], bool] | None = None, learned=None) -> list[Suggestion]:
    """What ``G`` shows: the suggestions ``annotty suggest`` stored for the
    article while they still fit its text, else those of ``learned`` (a
    model ``annotty train`` wrote, as a ``LearnedSuggester``) or of the
    built-in rules (by pieces, from ``start_at``, at most ``MAX_SUGGESTIONS``)."""
    from .storage import read_suggestions, split_stale

    fresh, _stale = split_stale(document.text, read_suggestions(store_root, document.id))
    if fresh:
        return fresh
    find = learned.suggest if learned is not None else suggest_in_chunks
    return find(document.text, annotations, schema, start_at=start_at, should_stop=should_stop)
