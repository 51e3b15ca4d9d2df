"""Offsets counted in UTF-16 code units (what JavaScript editors such as
doccano's count) versus code points (annotty's own, Python str indices).

The two counts differ only after a character outside the Basic Multilingual
Plane (most emoji, some CJK, mathematical letters), which takes two UTF-16
units and one code point.
"""

from __future__ import annotations

from collections.abc import Callable

UTF16 = "utf16"
CODE_POINT = "codepoint"
UNITS = (UTF16, CODE_POINT)
UNIT_NAMES = {UTF16: "UTF-16 units", CODE_POINT: "code points"}


def has_astral(text: str) -> bool:
    """Whether the two counts differ anywhere in ``text``."""
    return not text.isascii() and any(ord(char) > 0xFFFF for char in text)


def utf16_to_code_points(text: str) -> list[int | None] | None:
    """For each UTF-16 offset into ``text`` the code-point offset (None where
    it falls inside a surrogate pair); None when both counts agree."""
    if not has_astral(text):
        return None
    table: list[int | None] = []
    for index, char in enumerate(text):
        table.append(index)
        if ord(char) > 0xFFFF:
            table.append(None)
    table.append(len(text))
    return table


def code_points_to_utf16(text: str) -> list[int] | None:
    """For each code-point offset into ``text`` the UTF-16 offset; None when
    both counts agree."""
    if not has_astral(text):
        return None
    table = [0]
    for char in text:
        table.append(table[-1] + (2 if ord(char) > 0xFFFF else 1))
    return table


def to_code_points(text: str, pairs: list[tuple[int, int]], unit: str) -> list[tuple[int, int]] | None:
    """``pairs`` (start, end) counted in ``unit`` as code points, or None when
    one of them does not fit the text in that unit (outside it, empty, or
    splitting a character in two)."""
    table = utf16_to_code_points(text) if unit == UTF16 else None
    limit = len(table) - 1 if table is not None else len(text)
    out = []
    for start, end in pairs:
        if not 0 <= start < end <= limit:
            return None
        if table is None:
            out.append((start, end))
            continue
        first, last = table[start], table[end]
        if first is None or last is None:
            return None
        out.append((first, last))
    return out


def counter(text: str, unit: str) -> Callable[[int], int]:
    """Turns a code-point offset into ``text`` into one counted in ``unit``."""
    table = code_points_to_utf16(text) if unit == UTF16 else None
    return table.__getitem__ if table is not None else int


def words_cut(text: str, pairs: list[tuple[int, int]]) -> int:
    """How many span edges fall between two letters or digits of one word."""
    return sum(1 for pair in pairs for edge in pair
               if 0 < edge < len(text) and text[edge - 1].isalnum() and text[edge].isalnum())
