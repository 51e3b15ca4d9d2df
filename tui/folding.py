"""Forgiving find: text folded for matching, matches mapped back exactly.

A query and the text are both *folded* one code point at a time: case,
accents and other diacritics (NFC or NFD alike), letters without a
decomposition (ı ø ł đ æ œ ß þ), apostrophe and quotation-mark styles and
dashes. A code point may fold to several characters (ß → ss) or to none (a
combining accent), so the folded copy keeps a sparse map back to the
original: a match in the folded copy selects the original characters, with
offsets into the loaded text (code points, end exclusive). A match that
would cut a character in two (the first "s" of "ß") is not a match.

The folded copy of a text is built once and kept (a few of the latest).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

# Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = {
    "ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t", "ŀ": "l", "ĸ": "k",
    "æ": "ae", "œ": "oe", "ß": "ss", "þ": "th", "ŉ": "n", "ſ": "s",
}
_APOSTROPHES = "’‘‚‛′ʼʻ´"
_QUOTATION_MARKS = "“”„‟″«»‹›「」『』"
_DASHES = "‐‑‒–—―−﹘﹣－"
for _mark in _APOSTROPHES:
    _LETTERS[_mark] = "'"
for _mark in _QUOTATION_MARKS:
    _LETTERS[_mark] = '"'
for _mark in _DASHES:
    _LETTERS[_mark] = "-"

_FOLDS: dict[str, str] = {}  # non-ASCII character (lower case) -> its fold, as met
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_DOTTED_CAPITAL_I = "\u0130"  # the one letter whose lower case is two code points


def fold_char(char: str) -> str:
    """What one code point folds to (possibly several characters, or none)."""
    if char.isspace():
        return char
    pieces = []
    for decomposed in unicodedata.normalize("NFKD", char.casefold()):
        part = _LETTERS.get(decomposed, decomposed)
        for piece in unicodedata.normalize("NFKD", part.casefold()):
            if unicodedata.category(piece) == "Mn" or piece.isspace():
                continue  # accents and other marks; spaces only a compatibility form adds
            pieces.append(_LETTERS.get(piece, piece))
    return "".join(pieces)


def _fold_of(match: re.Match[str]) -> str:
    char = match.group()
    folded = _FOLDS.get(char)
    if folded is None:
        folded = _FOLDS[char] = fold_char(char)
    return folded


def _lowered(text: str) -> str:
    """``text.lower()``, one code point for one (İ made i, as it folds)."""
    if _DOTTED_CAPITAL_I in text:
        text = text.replace(_DOTTED_CAPITAL_I, "i")
    return text.lower()


def fold(text: str) -> str:
    """The text folded for matching (not mapped back: for queries and the
    corpus index). Lower-casing runs at C speed; only the non-ASCII
    characters left go through ``fold_char`` (once each, then remembered)."""
    lowered = _lowered(text)
    if lowered.isascii():
        return lowered
    return _NON_ASCII.sub(_fold_of, lowered)


@dataclass(frozen=True)
class FoldedText:
    """A text's folded copy and the way back to the original offsets."""

    folded: str
    # Where the code points that do not fold to exactly one character stand:
    # their offset in the original, where their fold starts in the folded
    # copy, and its length (0 for a dropped accent, 2 for ß...).
    originals: tuple[int, ...] = ()
    starts: tuple[int, ...] = ()
    lengths: tuple[int, ...] = ()

    def original_start(self, position: int) -> int | None:
        """The original offset a match starting at folded ``position`` begins
        at, or None when that cuts a character's fold in two."""
        i = bisect_right(self.starts, position) - 1
        if i < 0:
            return position
        start, length = self.starts[i], self.lengths[i]
        if position == start and length:
            return self.originals[i]
        if position < start + length:
            return None
        return self.originals[i] + 1 + position - start - length

    def original_end(self, position: int) -> int | None:
        """The original offset a match ending at folded ``position`` ends at
        (accents that follow the last letter included), or None when that
        cuts a character's fold in two."""
        i = bisect_right(self.starts, position) - 1
        # A match ending exactly where an expansion starts ends before it.
        while i >= 0 and self.starts[i] == position and self.lengths[i]:
            i -= 1
        if i < 0:
            return position
        start, length = self.starts[i], self.lengths[i]
        if position < start + length:
            return None
        return self.originals[i] + 1 + position - start - length

    def folded_offset(self, offset: int) -> int:
        """Where original ``offset`` stands in the folded copy."""
        i = bisect_right(self.originals, offset - 1) - 1
        if i < 0:
            return offset
        return self.starts[i] + self.lengths[i] + offset - self.originals[i] - 1


#: Texts up to this long are articles of a corpus, kept folded by the
#: thousand: corpus find folds every article that may match, again for each
#: phrase typed (at most 2,048 × 16 KB, about 40 MB with their maps).
_SHORT_TEXT = 16 * 1024


def folded_text(text: str) -> FoldedText:
    """The folded copy of ``text`` with its map (built once per text)."""
    return _folded_short(text) if len(text) <= _SHORT_TEXT else _folded_long(text)


@lru_cache(maxsize=2048)
def _folded_short(text: str) -> FoldedText:
    return _folded(text)


@lru_cache(maxsize=32)
def _folded_long(text: str) -> FoldedText:
    return _folded(text)


def _folded(text: str) -> FoldedText:
    lowered = _lowered(text)
    if lowered.isascii():
        return FoldedText(lowered)
    folded = _NON_ASCII.sub(_fold_of, lowered)
    if len(folded) == len(text) and not any(len(value) != 1 for value in _FOLDS.values()):
        return FoldedText(folded)
    irregular = [char for char, value in _FOLDS.items() if len(value) != 1]
    originals: list[int] = []
    starts: list[int] = []
    lengths: list[int] = []
    shift = 0  # folded minus original length so far
    pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(irregular)) + "]")
    for match in pattern.finditer(lowered):
        offset = match.start()
        length = len(_FOLDS[match.group()])
        originals.append(offset)
        starts.append(offset + shift)
        lengths.append(length)
        shift += length - 1
    return FoldedText(folded, tuple(originals), tuple(starts), tuple(lengths))


@lru_cache(maxsize=64)
def query_pattern(query: str) -> re.Pattern[str] | None:
    """The folded query as a pattern, any run of spaces or line breaks
    matching any other; None when nothing is left to find."""
    words = fold(query).split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def find_all(text: str, query: str, start: int = 0) -> list[tuple[int, int]]:
    """Every match of ``query`` in ``text`` from offset ``start`` on, as
    original offsets, in order."""
    return list(_matches(text, query, start))


def _matches(text: str, query: str, start: int = 0):
    pattern = query_pattern(query)
    if pattern is None:
        return
    folded = folded_text(text)
    position = folded.folded_offset(start)
    while True:
        match = pattern.search(folded.folded, position)
        if match is None:
            return
        begin, end = folded.original_start(match.start()), folded.original_end(match.end())
        if begin is not None and end is not None and begin >= start:
            yield begin, end
        position = match.start() + 1


def find_forgiving(text: str, query: str, offset: int, backwards: bool = False) -> tuple[int, int] | None:
    """The next match after ``offset`` (or the last before it, backwards),
    wrapping around the end of the text."""
    if not backwards:
        following = next(_matches(text, query, offset), None)
        return following or next(_matches(text, query, 0), None)
    spans = find_all(text, query)
    before = [span for span in spans if span[0] < offset]
    return before[-1] if before else (spans[-1] if spans else None)
