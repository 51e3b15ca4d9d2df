"""The list of annotations in the sidebar, drawn line by line.

A Line API widget like the article view: rows are only span ids until they
scroll into sight, so a document with 20,000 annotations lists as fast as one
with twenty.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.binding import Binding
from textual.cache import LRUCache
from textual.events import Click
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..keys import SIDEBAR
from ..messages import AnnotationChosen, AnnotationHighlighted
from .line_styles import CachedBaseStyle
from .quick_scrollbar import QuickVerticalScrollbar
from .text_lines import text_strip
from .virtual_size import set_virtual_size

#: A row: (span id or None for a heading, what to draw when it is not a span).
Row = tuple[str | None, Text | None]
#: Drawn in the first column of the current row.
CURRENT = "►"


class AnnotationList(CachedBaseStyle, QuickVerticalScrollbar, ScrollView, can_focus=True):
    BINDINGS = [
        Binding("up", "move(-1)", "Previous / next annotation (the article follows)", show=False, group=SIDEBAR),
        Binding("down", "move(1)", "Previous / next annotation (the article follows)", show=False, group=SIDEBAR),
        Binding("pageup", "page(-1)", "Page up / down", show=False, group=SIDEBAR),
        Binding("pagedown", "page(1)", "Page up / down", show=False, group=SIDEBAR),
        Binding("home", "edge(0)", "First / last annotation", show=False, group=SIDEBAR),
        Binding("end", "edge(1)", "First / last annotation", show=False, group=SIDEBAR),
        Binding("enter", "choose", "Go to it in the article", show=False, group=SIDEBAR),
    ]

    COMPONENT_CLASSES = {"annotation-list--highlight"}

    DEFAULT_CSS = """
    AnnotationList { overflow-x: hidden; }
    """

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self._rows: list[Row] = []
        self._index: dict[str, int] = {}
        self._describe: Callable[[str], Text] = Text
        self.highlighted: int | None = None
        self._cache: LRUCache[tuple, Strip] = LRUCache(512)

    # -- content -------------------------------------------------------------
    def set_rows(self, rows: list[Row], describe: Callable[[str], Text], keep: str | None = None,
                 drawn: dict[tuple, Strip] | None = None) -> None:
        """Show ``rows``; ``describe(span_id)`` draws a span's row when seen.
        ``drawn``: rows of these very ``rows`` drawn ahead (``draw_rows``)."""
        self._rows = rows
        self._index = {span_id: i for i, (span_id, _) in enumerate(rows) if span_id is not None}
        self._describe = describe
        self._cache.clear()
        for key, strip in (drawn or {}).items():
            self._cache[key] = strip
        set_virtual_size(self, Size(self.size.width, len(rows)))
        if keep in self._index:
            self.highlighted = self._index[keep]
            self._scroll_to_highlight()
        elif self.highlighted is not None and self.highlighted >= len(rows):
            self.highlighted = None
        self.refresh()

    def to_top(self) -> None:
        """Nothing highlighted, the first row at the top: how a new article's list starts."""
        self.highlighted = None
        self.scroll_to(y=0, animate=False, immediate=True)

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def highlighted_span(self) -> str | None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self._rows):
            return None
        return self._rows[self.highlighted][0]

    def highlight_span(self, span_id: str) -> None:
        """Highlight a span's row without telling anyone (the app asked)."""
        index = self._index.get(span_id)
        if index is not None and index != self.highlighted:
            self.highlighted = index
            self._scroll_to_highlight()
            self.refresh()  # rows are cached with their highlight: only two are drawn anew

    # -- keys and mouse --------------------------------------------------------
    def _step(self, start: int, direction: int) -> int | None:
        index = start
        while 0 <= index + direction < len(self._rows):
            index += direction
            if self._rows[index][0] is not None:
                return index
        return None

    def _select(self, index: int | None) -> None:
        if index is None or index == self.highlighted:
            return
        self.highlighted = index
        self._scroll_to_highlight()
        self.refresh()
        span_id = self._rows[index][0]
        if span_id:
            self.post_message(AnnotationHighlighted(span_id))

    def action_move(self, direction: int) -> None:
        start = self.highlighted if self.highlighted is not None else (-1 if direction > 0 else len(self._rows))
        self._select(self._step(start, direction))

    def action_page(self, direction: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        start = self.highlighted if self.highlighted is not None else 0
        target = min(max(0, start + direction * height), len(self._rows) - 1)
        found = self._step(target - direction, direction) if self._rows else None
        self._select(found if found is not None else self._step(target, -direction))

    def action_edge(self, last: int) -> None:
        self._select(self._step(len(self._rows), -1) if last else self._step(-1, 1))

    def action_choose(self) -> None:
        span_id = self.highlighted_span
        if span_id:
            self.post_message(AnnotationChosen(span_id))

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = offset.y + self.scroll_offset.y
        if 0 <= index < len(self._rows) and self._rows[index][0] is not None:
            self._select(index)
            self.action_choose()

    def _scroll_to_highlight(self) -> None:
        if self.highlighted is None:
            return
        height = max(1, self.scrollable_content_region.height)
        top = self.scroll_offset.y
        if self.highlighted < top:
            self.scroll_to(y=self.highlighted, animate=False, immediate=True)
        elif self.highlighted >= top + height:
            self.scroll_to(y=self.highlighted - height + 1, animate=False, immediate=True)

    # -- drawing ---------------------------------------------------------------
    def draw_rows(self, rows: list[Row], describe: Callable[[str], Text]) -> dict[tuple, Strip]:
        """The first screen of ``rows``, none highlighted, drawn now (by
        their keys in the row cache): for ``set_rows`` of the same rows soon."""
        width = self.scrollable_content_region.width
        count = min(len(rows), self.scrollable_content_region.height)
        return {(index, width, False, False): self._draw_row(rows[index], describe, width, False)
                for index in range(count)}

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if index >= len(self._rows):
            return Strip.blank(width, self.base_style)
        highlighted = index == self.highlighted
        key = (index, width, highlighted and self.has_focus, highlighted)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._cache[key] = self._draw_row(self._rows[index], self._describe, width, highlighted)
        return strip

    def _draw_row(self, row: Row, describe: Callable[[str], Text], width: int, highlighted: bool) -> Strip:
        span_id, text = row
        # A marker column as well as the highlight's style: the current row is
        # told apart in 16 colours, or with colours that happen to look alike.
        line = Text(CURRENT if highlighted else " ", style="bold")
        line.append_text(describe(span_id) if span_id is not None else (text.copy() if text else Text()))
        strip = text_strip(line, self.app.console, width, self.base_style)
        if highlighted:
            strip = strip.apply_style(self.get_component_rich_style("annotation-list--highlight"))
        return strip

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self._rows))

    def styles_changed(self) -> None:
        self._cache.clear()

    def on_focus(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._cache.clear()
        self.refresh()
