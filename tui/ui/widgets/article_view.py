"""The article pane: the text soft-wrapped, a caret, a selection and highlights.

A Line API widget (``ScrollView`` + ``render_line``): it draws only the lines
on screen, so its cost follows the terminal's height, not the article's size.
Positions are kept as offsets into the document text; the layout maps them to
visual lines and columns. Here: what is shown and where the caret and the
selection are (keys and mouse); how a line is drawn: ``article_drawing``.
"""

from __future__ import annotations

from rich.style import Style
from textual.binding import Binding
from textual.cache import LRUCache
from textual.events import MouseDown, MouseMove, MouseUp, Resize
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..keys import READING, SELECTING
from ..messages import CaretMoved, SpanResized
from ...model import Annotations
from ...schema import Schema
from ...text_units import next_word_start, previous_word_start, word_end_after
from .article_drawing import ArticleDrawing
from .attribution_tags import Tag, attribution_tags
from .drawn_ahead import ArticleDrawsAhead, FirstScreens
from .quick_scrollbar import QuickVerticalScrollbar
from .virtual_size import set_virtual_size
from .layout import Layout, display_text, grapheme_step, wrap


class ArticleView(ArticleDrawsAhead, ArticleDrawing, QuickVerticalScrollbar, ScrollView, can_focus=True):
    """Shows a document and lets the user move a caret and select by keyboard or mouse."""

    DEFAULT_CSS = """
    ArticleView {
        scrollbar-gutter: stable;
        overflow-x: hidden;
    }
    """

    BINDINGS = [
        Binding("left", "move('left')", "Move the caret", show=False, group=READING),
        Binding("right", "move('right')", "Move the caret", show=False, group=READING),
        Binding("up", "move('up')", "Move the caret", show=False, group=READING),
        Binding("down", "move('down')", "Move the caret", show=False, group=READING),
        Binding("ctrl+left", "move('word_left')", "Word left / right", show=False, group=READING),
        Binding("ctrl+right", "move('word_right')", "Word left / right", show=False, group=READING),
        Binding("pageup", "move('page_up')", "Page up / down", show=False, group=READING),
        Binding("pagedown", "move('page_down')", "Page up / down", show=False, group=READING),
        Binding("home,ctrl+home", "move('start')", "Top / bottom of the article", show=False, group=READING),
        Binding("end,ctrl+end", "move('end')", "Top / bottom of the article", show=False, group=READING),
        Binding("shift+left", "move('left', True)", "Extend the selection", show=False, group=SELECTING),
        Binding("shift+right", "move('right', True)", "Extend the selection", show=False, group=SELECTING),
        Binding("shift+up", "move('up', True)", "Extend the selection", show=False, group=SELECTING),
        Binding("shift+down", "move('down', True)", "Extend the selection", show=False, group=SELECTING),
        Binding(
            "ctrl+shift+left", "move('word_left', True)", "Extend the selection by a word", show=False, group=SELECTING
        ),
        Binding(
            "ctrl+shift+right", "move('word_end', True)", "Extend the selection by a word", show=False, group=SELECTING
        ),
        Binding("shift+pageup", "move('page_up', True)", "Extend the selection by a page", show=False, group=SELECTING),
        Binding(
            "shift+pagedown", "move('page_down', True)", "Extend the selection by a page", show=False, group=SELECTING
        ),
        Binding(
            "shift+home", "move('start', True)", "Extend the selection to the top / bottom", show=False, group=SELECTING
        ),
        Binding(
            "shift+end", "move('end', True)", "Extend the selection to the top / bottom", show=False, group=SELECTING
        ),
        Binding("escape", "clear_selection", "Clear the selection", show=False, group=SELECTING),
    ]

    COMPONENT_CLASSES = {
        "article-view--selection", "article-view--caret", "article-view--match", "article-view--suggestion",
    }

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None):
        super().__init__(name=name, id=id, classes=classes)
        self._text = ""
        self._display = ""
        self._annotations = Annotations()
        self._schema: Schema | None = None
        self._layout = Layout(1, [0], [0])
        self.caret = 0
        # The selection's fixed end. It hides Widget.anchor(), which no one calls on this view.
        self.anchor: int | None = None  # type: ignore[assignment]
        self.emphasised: str | None = None  # id of the span drawn as "current"
        self.match: tuple[int, int] | None = None
        #: Ranges proposed by the suggester, drawn apart (not annotations yet).
        self.suggestions: list[tuple[int, int]] = []
        #: Attribution tags drawn after quotes and claims (``A`` turns them off), by offset.
        self.show_tags = True
        self._tags: dict[int, Tag] = {}
        #: Quotes and claims attributed to the entity at the caret, drawn marked.
        self.related: frozenset[str] = frozenset()
        self._tags_made: dict = {}  # each span's tag as last made, for the text below (see attribution_tags)
        self._tags_made_for: str | None = None
        self._column = 0  # where up/down try to keep the caret
        self._dragging = False
        self._edge: tuple[str, str] | None = None  # (span id, "start" | "end") while dragging an end
        self._cache: LRUCache[tuple, Strip] = LRUCache(1024)
        self._label_styles: dict[str, Style] = {}
        #: Wrapped texts by (display text, width): the article shown and its neighbours.
        self._layouts: LRUCache[tuple[str, int, tuple], Layout] = LRUCache(4)
        self._first_screens = FirstScreens()

    # -- content ----------------------------------------------------------
    def load(self, text: str, annotations: Annotations, schema: Schema) -> None:
        """Show a new document (caret at the top)."""
        self._text = text
        self._display = display_text(text)
        self._annotations = annotations
        self._schema = schema
        self._label_styles = {}
        self.caret = 0
        self.anchor = None
        self.match = None
        self.emphasised = None
        self.related = frozenset()
        self._tags = self._tags_for(self._display, annotations)
        self._relayout(force=True)
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.redraw()

    def set_annotations(self, annotations: Annotations) -> None:
        self._annotations = annotations
        tags = self._tags_for(self._display, annotations)
        if tags != self._tags:
            self._tags = tags
            self._relayout(force=True)
            self._scroll_to_caret()
        self.redraw()

    def set_tags_shown(self, shown: bool) -> None:
        """Show or hide the attribution tags (the text wraps again around them)."""
        self.show_tags = shown
        self.set_annotations(self._annotations)

    def set_related(self, span_ids: frozenset[str]) -> None:
        if span_ids != self.related:
            self.related = span_ids
            self.redraw()

    def _tags_for(self, display: str, annotations: Annotations) -> dict[int, Tag]:
        if not (self.show_tags and len(annotations)):
            return {}
        if display is not self._tags_made_for:
            self._tags_made_for, self._tags_made = display, {}
        return attribution_tags(display, annotations, self._tags_made)

    def redraw(self) -> None:
        self._cache.clear()
        self.take_first_screen()
        self.refresh()

    @property
    def layout_lines(self) -> Layout:
        return self._layout

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected range (start < end), or None."""
        if self.anchor is None or self.anchor == self.caret:
            return None
        return (min(self.anchor, self.caret), max(self.anchor, self.caret))

    def select(self, start: int, end: int, centre: bool = True) -> None:
        """Select ``[start, end)`` and bring it into view."""
        self.anchor = start
        self._set_caret(end, keep_anchor=True, centre=centre)

    def move_caret(self, offset: int, centre: bool = False) -> None:
        """Put the caret at ``offset`` (no selection) and bring it into view."""
        self.anchor = None
        self._set_caret(offset, keep_anchor=True, centre=centre)

    # -- layout -----------------------------------------------------------
    def _content_width(self) -> int:
        return max(10, self.scrollable_content_region.width)

    def _relayout(self, force: bool = False) -> None:
        if not self.size.width:
            return  # not laid out yet: on_resize wraps at the real width
        width = self._content_width()
        if not force and width == self._layout.width:
            return
        self._layout = self._wrapped(self._display, width, self._tags)
        set_virtual_size(self, Size(width, len(self._layout)))
        self._cache.clear()

    def _wrapped(self, display: str, width: int, tags: dict[int, Tag] | None = None) -> Layout:
        extras = {position: tag.cells for position, tag in tags.items()} if tags else {}
        key = (display, width, tuple(sorted(extras.items())))
        layout = self._layouts.get(key)
        if layout is None:
            layout = wrap(display, width, extras)
            self._layouts[key] = layout
        return layout

    def on_resize(self, event: Resize) -> None:
        if self._content_width() != self._layout.width or len(self._layout.starts) == 1:
            self._relayout()
            self._scroll_to_caret(centre=True)
        self.redraw()

    # -- caret movement ----------------------------------------------------
    def action_move(self, where: str, extend: bool = False) -> None:
        text = self._text
        caret = self.caret
        layout = self._layout
        line = layout.line_of(caret)
        page = max(1, self.scrollable_content_region.height - 1)
        vertical = where in ("up", "down", "page_up", "page_down")
        if where == "left":
            # Without shift, left from a selection goes to its start.
            target = self.selection[0] if not extend and self.selection else grapheme_step(text, caret, forward=False)
        elif where == "right":
            target = self.selection[1] if not extend and self.selection else grapheme_step(text, caret, forward=True)
        elif where == "word_left":
            target = previous_word_start(text, caret)
        elif where == "word_right":
            target = next_word_start(text, caret)
        elif where == "word_end":
            target = word_end_after(text, caret)
        elif where == "start":
            target = 0
        elif where == "end":
            target = len(text)
        else:
            step = {"up": -1, "down": 1, "page_up": -page, "page_down": page}[where]
            new_line = min(max(0, line + step), len(layout) - 1)
            if new_line == line and step < 0:
                target = 0
            elif new_line == line and step > 0:
                target = len(text)
            else:
                target = self._offset_in_line(new_line, self._column)
            if where in ("page_up", "page_down"):
                # Scroll by the same page so the caret keeps its place on screen.
                self.scroll_to(y=self.scroll_offset.y + (new_line - line), animate=False, immediate=True)
        if extend and self.anchor is None:
            self.anchor = caret
        elif not extend:
            self.anchor = None
        self._set_caret(target, keep_anchor=True, keep_column=vertical)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_selection":
            # With nothing to clear, Escape goes on to the screen (to close it).
            return self.anchor is not None or self.match is not None
        return True

    def action_clear_selection(self) -> None:
        if self.anchor is not None or self.match is not None:
            if self.match is not None and self.selection == self.match:
                # Back to the match's start: the next label key tags its first word, not its last.
                self.caret = self.match[0]
                self._scroll_to_caret()
            self.anchor = None
            self.match = None
            self.redraw()
            self.post_message(CaretMoved(self.caret))

    def _set_caret(self, offset: int, keep_anchor: bool, keep_column: bool = False, centre: bool = False) -> None:
        self.caret = min(max(0, offset), len(self._text))
        if not keep_anchor:
            self.anchor = None
        if not keep_column:
            line = self._layout.line_of(self.caret)
            self._column = self._layout.column_of(line, self._display, self.caret)
        self._scroll_to_caret(centre=centre)
        self.redraw()
        self.post_message(CaretMoved(self.caret))

    def _line_text(self, line: int) -> str:
        return self._display[self._layout.starts[line]:self._layout.ends[line]]

    def _offset_in_line(self, line: int, column: int) -> int:
        start = self._layout.starts[line]
        end = self._layout.ends[line]
        offset = self._layout.offset_at(line, self._display, column)
        # A soft-wrapped line's last offset belongs to the next line: stay on this one.
        if offset == end and line + 1 < len(self._layout) and self._layout.starts[line + 1] == end and end > start:
            offset = grapheme_step(self._text, end, forward=False)
        return offset

    def _scroll_to_caret(self, centre: bool = False) -> None:
        line = self._layout.line_of(self.caret)
        height = max(1, self.scrollable_content_region.height)
        top = self.scroll_offset.y
        if centre and not top <= line < top + height:
            self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True)
        elif line < top:
            self.scroll_to(y=line, animate=False, immediate=True)
        elif line >= top + height:
            self.scroll_to(y=line - height + 1, animate=False, immediate=True)

    # -- mouse --------------------------------------------------------------
    def _offset_at(self, x: int, y: int) -> int:
        line = min(max(0, y + self.scroll_offset.y), len(self._layout) - 1)
        return self._offset_in_line(line, x) if x >= 0 else self._layout.starts[line]

    def on_mouse_down(self, event: MouseDown) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        self.focus()
        position = self._offset_at(offset.x, offset.y)
        current = self._annotations.get(self.emphasised) if self.emphasised else None
        self._edge = None
        if current is not None and position in (current.start, current.end - 1, current.end):
            # Pressed on an end of the current annotation: dragging moves that end.
            moving_start = position == current.start and current.end - current.start > 1
            self._edge = (current.id, "start" if moving_start else "end")
            self.anchor = current.end if moving_start else current.start
        else:
            self.anchor = position
        self._dragging = True
        self.capture_mouse()
        self._set_caret(position, keep_anchor=True)

    def on_mouse_move(self, event: MouseMove) -> None:
        if not self._dragging:
            return
        offset = event.get_content_offset_capture(self)
        position = self._offset_at(offset.x, offset.y)
        if self._edge and self._edge[1] == "end":
            position = grapheme_step(self._text, position, forward=True)  # the end takes in the character
        self._set_caret(position, keep_anchor=True)

    def on_mouse_up(self, event: MouseUp) -> None:
        if not self._dragging:
            return
        self._dragging = False
        self.release_mouse()
        edge, self._edge = self._edge, None
        if edge and self.selection:
            span_id, which = edge
            start, end = self.selection
            self.anchor = None
            self.post_message(SpanResized(span_id, start, end))
        elif self.anchor == self.caret:
            self.anchor = None
            self.redraw()

    def on_focus(self) -> None:
        self.redraw()

    def on_blur(self) -> None:
        self.redraw()
