"""Soft wrapping of the article into visual lines, in terminal cells.

A visual line is a (start, end) pair of offsets into the text; wrapping never
copies or changes the text, so every position on screen maps back to an
offset in the document.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from rich.cells import cell_len, split_graphemes

from ...terminal_text import same_length

_TOKEN = re.compile(r"[^ \t\n]+[ \t]*")


def display_text(text: str) -> str:
    """``text`` made safe to draw, code point for code point: display offsets
    stay the text's offsets (the one sanitiser decides what is shown)."""
    return same_length(text)


@dataclass
class Layout:
    """The visual lines of a text at one width."""

    width: int
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """The visual line showing the caret at ``offset``."""
        return max(0, bisect_right(self.starts, offset) - 1)


def wrap(text: str, width: int) -> Layout:
    """Greedy word wrap of ``text`` (already display-safe) at ``width`` cells.

    Each newline ends a line; spaces after a word stay on its line; a word
    wider than the line (a URL, a run of CJK) is broken between graphemes.
    """
    width = max(1, width)
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    length = len(text)
    while position <= length:
        newline = text.find("\n", position)
        line_end = length if newline < 0 else newline
        _wrap_line(text, position, line_end, width, starts, ends)
        if newline < 0:
            break
        position = newline + 1
    return Layout(width, starts, ends)


_ASCII_CHUNKS: dict[int, re.Pattern[str]] = {}
# Characters that take exactly one cell: ASCII, Latin, Greek, Cyrillic, and
# the typographic quotes and dashes of news copy. Lines made only of these
# are wrapped by the fast path.
_SINGLE_CELL = re.compile(
    "[\x20-\x7e\xa0-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e\u20a0-\u20c0]*"
)


def _ascii_chunk(width: int) -> re.Pattern[str]:
    """One visual line of single-cell text: the longest run
    of at most ``width`` characters that ends a word, with the spaces after it."""
    pattern = _ASCII_CHUNKS.get(width)
    if pattern is None:
        pattern = re.compile(rf"[^\n]{{0,{width - 1}}}[^ \n](?= |\Z) *")
        _ASCII_CHUNKS[width] = pattern
    return pattern


def _wrap_line(text: str, start: int, end: int, width: int, starts: list[int], ends: list[int]) -> None:
    if start == end:
        starts.append(start)
        ends.append(end)
        return
    if _SINGLE_CELL.fullmatch(text, start, end):
        if end - start <= width:
            starts.append(start)
            ends.append(end)
            return
        _wrap_ascii_line(text, start, end, width, starts, ends)
        return
    _wrap_general(text, start, end, width, starts, ends)


def _wrap_general(text: str, start: int, end: int, width: int, starts: list[int], ends: list[int]) -> None:
    """Greedy wrap measuring cells (wide CJK, zero-width marks, emoji)."""
    line_start = start
    column = 0
    # Leading indentation belongs to the first line.
    first = _TOKEN.search(text, start, end)
    if first is None:
        starts.append(start)
        ends.append(end)
        return
    column = first.start() - start
    for token in _TOKEN.finditer(text, start, end):
        token_start, token_end = token.span()
        word = token.group().rstrip(" \t")
        word_width = cell_len(word)
        if column > 0 and column + word_width > width:
            starts.append(line_start)
            ends.append(token_start)
            line_start = token_start
            column = 0
        if word_width > width:
            # Break an over-long word between graphemes.
            graphemes, _total = split_graphemes(word)
            for g_start, _g_end, g_width in graphemes:
                if column > 0 and column + g_width > width:
                    starts.append(line_start)
                    ends.append(token_start + g_start)
                    line_start = token_start + g_start
                    column = 0
                column += g_width
        else:
            column += word_width
        column += token_end - token_start - len(word)
    starts.append(line_start)
    ends.append(end)


def _wrap_ascii_line(text: str, start: int, end: int, width: int, starts: list[int], ends: list[int]) -> None:
    """The same greedy wrap as the general case, by regular expression: the
    fast path for the (most common) lines of one-cell characters."""
    chunk = _ascii_chunk(width)
    position = start
    while position < end:
        match = chunk.match(text, position, end)
        if match:
            stop = match.end()
        elif text[position] == " ":
            # Indentation before a word too long for the line: the spaces alone.
            stop = position
            while stop < end and text[stop] == " ":
                stop += 1
        else:
            stop = min(end, position + width)  # a word longer than the line
        starts.append(position)
        ends.append(stop)
        position = stop


def column_to_offset(line: str, line_start: int, column: int) -> int:
    """The offset of the grapheme drawn at ``column`` of a visual line."""
    if column <= 0:
        return line_start
    if line.isascii():
        return line_start + min(column, len(line))
    graphemes, _total = split_graphemes(line)
    x = 0
    for g_start, g_end, g_width in graphemes:
        if x + g_width > column:
            return line_start + g_start
        x += g_width
    return line_start + len(line)


def offset_to_column(line: str, line_start: int, offset: int) -> int:
    return cell_len(line[: max(0, offset - line_start)])


def grapheme_step(text: str, offset: int, forward: bool) -> int:
    """The offset one grapheme after (or before) ``offset``: arrows never land
    inside an emoji sequence or between a letter and its accent."""
    if forward:
        if offset >= len(text):
            return len(text)
        window = text[offset: offset + 32]
        graphemes, _ = split_graphemes(window)
        return offset + (graphemes[0][1] if graphemes else 1)
    if offset <= 0:
        return 0
    window_start = max(0, offset - 32)
    graphemes, _ = split_graphemes(text[window_start:offset])
    return window_start + (graphemes[-1][0] if graphemes else offset - 1 - window_start)
