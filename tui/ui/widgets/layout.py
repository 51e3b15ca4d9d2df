"""Soft wrapping of the article into visual lines, in terminal cells.

A visual line is a (start, end) pair of offsets into the text; wrapping never
copies or changes the text, so every position on screen maps back to an
offset in the document.

Cells that are not text (the attribution tags drawn after a quote) can be
reserved at the end of a word: ``extras`` maps the offset where the word
ends to the cells drawn there, before the character at that offset. They
wrap with their word, and the column mappings step over them, so they never
take an offset of their own.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from rich.cells import cell_len, split_graphemes

from ...terminal_text import same_length

_TOKEN = re.compile(r"[^ \t\n]+[ \t]*")
# Controls are graphemes of their own when the caret moves (see grapheme_step).
_CONTROL = re.compile("[\x00-\x1f\x7f]")


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
    #: Cells reserved after a word: offset -> width (see the module's docstring).
    extras: dict[int, int] = field(default_factory=dict)
    _positions: list[int] = field(default_factory=list, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._positions = sorted(self.extras)

    def __len__(self) -> int:
        return len(self.starts)

    def extras_in(self, start: int, end: int) -> list[int]:
        """Offsets in ``(start, end]`` with cells reserved: those drawn on the line [start, end)."""
        positions = self._positions
        if not positions:
            return []
        return positions[bisect_right(positions, start):bisect_right(positions, end)]

    def column_of(self, line: int, text: str, offset: int) -> int:
        """The column at which the caret at ``offset`` is drawn on visual ``line`` of ``text``."""
        start = self.starts[line]
        column = offset_to_column(text[start:self.ends[line]], start, offset)
        for position in self.extras_in(start, offset):
            column += self.extras[position]
        return column

    def offset_at(self, line: int, text: str, column: int) -> int:
        """The offset of the grapheme drawn at ``column`` of visual ``line`` (cells
        reserved before a character count as that character)."""
        start, end = self.starts[line], self.ends[line]
        reserved = self.extras_in(start, end)
        if not reserved:
            return column_to_offset(text[start:end], start, column)
        x = 0
        graphemes, _total = split_graphemes(text[start:end])
        for g_start, _g_end, g_width in graphemes:
            offset = start + g_start
            if offset in self.extras and offset != start:
                x += self.extras[offset]
            if x + g_width > column:
                return offset
            x += g_width
        return end

    def line_of(self, offset: int) -> int:
        """The visual line showing the caret at ``offset``."""
        return max(0, bisect_right(self.starts, offset) - 1)


def wrap(text: str, width: int, extras: dict[int, int] | None = None) -> Layout:
    """Greedy word wrap of ``text`` (already display-safe) at ``width`` cells.

    Each newline ends a line; spaces after a word stay on its line; a word
    wider than the line (a URL, a run of CJK) is broken between graphemes.
    ``extras``: cells reserved at word ends, wrapped with their word.
    """
    width = max(1, width)
    extras = extras or {}
    positions = sorted(extras)
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    length = len(text)
    while position <= length:
        newline = text.find("\n", position)
        line_end = length if newline < 0 else newline
        if positions and bisect_left(positions, position + 1) < len(positions) \
                and positions[bisect_left(positions, position + 1)] <= line_end:
            _wrap_general(text, position, line_end, width, starts, ends, extras=extras)
        else:
            _wrap_line(text, position, line_end, width, starts, ends)
        if newline < 0:
            break
        position = newline + 1
    return Layout(width, starts, ends, dict(extras))


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


def _wrap_general(text: str, start: int, end: int, width: int, starts: list[int], ends: list[int], *,
                  extras: dict[int, int] | None = None) -> None:
    """Greedy wrap measuring cells (wide CJK, zero-width marks, emoji), and the cells reserved at word ends."""
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
        extra = extras.get(token_start + len(word), 0) if extras else 0
        if column > 0 and column + word_width + extra > width:
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
        column += extra + token_end - token_start - len(word)
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
    for g_start, _g_end, g_width in graphemes:
        if x + g_width > column:
            return line_start + g_start
        x += g_width
    return line_start + len(line)


def offset_to_column(line: str, line_start: int, offset: int) -> int:
    return cell_len(line[: max(0, offset - line_start)])


def grapheme_step(text: str, offset: int, forward: bool) -> int:
    """The offset one grapheme after (or before) ``offset``: arrows never land
    inside an emoji sequence or between a letter and its accent."""
    # A line break or tab is a grapheme of its own: Rich's splitting would join
    # it, as a zero-width character, to the letter before (after "。" the caret
    # skipped the paragraph break).
    if forward:
        if offset >= len(text):
            return len(text)
        window = text[offset: offset + 32]
        control = _CONTROL.search(window)
        if control is not None:
            if control.start() == 0:
                return offset + 1
            window = window[:control.start()]
        graphemes, _ = split_graphemes(window)
        return offset + (graphemes[0][1] if graphemes else 1)
    if offset <= 0:
        return 0
    window_start = max(0, offset - 32)
    window = text[window_start:offset]
    if _CONTROL.match(window[-1]):
        return offset - 1
    controls = [match.start() for match in _CONTROL.finditer(window)]
    if controls:
        window_start += controls[-1] + 1
        window = window[controls[-1] + 1:]
    graphemes, _ = split_graphemes(window)
    return window_start + (graphemes[-1][0] if graphemes else offset - 1 - window_start)
