"""A few lines of Rich text drawn straight to strips: the header and the status line.

They change on every article switch. Drawn as a ``Static`` (Textual's content
pipeline: visual, wrapping, formatting) each took about 0.4 ms, a tenth of
the switch; drawn here, a line is one Rich render.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.strip import Strip
from textual.widget import Widget

from ...terminal_text import same_length
from .line_styles import CachedBaseStyle


def text_strip(line: Text, console: Console, width: int, base: Style) -> Strip:
    """One line of text on ``base``, cut with an ellipsis or padded to ``width``,
    as one strip (its styles applied to the segments first, as Textual would).
    Whatever built the line, nothing in it reaches the terminal raw: it is
    cleaned code point for code point, so its styled ranges stay in place."""
    plain = line.plain
    safe = same_length(plain, keep_newlines=False)
    if safe != plain:
        line.plain = safe
    line.no_wrap = True
    line.overflow = "ellipsis"
    line.truncate(width, overflow="ellipsis")
    segments = Segment.apply_style(line.render(console), base)
    return Strip(Segment.adjust_line_length(list(segments), width, style=base), width)


class TextLines(CachedBaseStyle, Widget):
    """Text shown whole (``wrap``: long lines wrap, the widget as tall as
    they need) or one line per line of text, cut at the width."""

    DEFAULT_CSS = """
    TextLines { height: auto; }
    """

    def __init__(self, *, wrap: bool = True, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self._text = Text()
        self._wrap = wrap
        self._wrapped: tuple[int, list[Text]] | None = None  # (width, lines)
        self._cache: LRUCache[tuple[int, int], Strip] = LRUCache(16)

    def update(self, text: Text | str) -> None:
        """Show ``text``; the screen is laid out again only if it takes another number of lines."""
        width = self.size.width
        before = len(self._lines_at(width)) if width else None
        self._text = Text(text) if isinstance(text, str) else text
        self._wrapped = None
        self._cache.clear()
        self.refresh(layout=before is None or len(self._lines_at(width)) != before)

    def render(self) -> Text:
        """What is shown (for whoever reads the widget: the lines are drawn by ``render_line``)."""
        return self._text

    def _lines_at(self, width: int) -> list[Text]:
        if self._wrapped is None or self._wrapped[0] != width:
            text = self._text
            lines = list(text.split("\n"))
            if self._wrap and width and any(cell_len(line.plain) > width for line in lines):
                lines = list(text.wrap(self.app.console, width))  # Rich's wrapping: only when a line is too long
            self._wrapped = (width, lines)
        return self._wrapped[1]

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(self._lines_at(width)))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        strip = self._cache.get((y, width))
        if strip is None:
            lines = self._lines_at(width)
            line = lines[y].copy() if y < len(lines) else Text()
            strip = self._cache[(y, width)] = text_strip(line, self.app.console, width, self.base_style)
        return strip

    def styles_changed(self) -> None:
        self._cache.clear()
