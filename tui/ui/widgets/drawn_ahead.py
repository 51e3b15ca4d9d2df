"""The first screen of the next and previous articles, drawn while the user reads.

Switching articles redraws every line of the article pane and the sidebar.
With the articles either side read ahead (their text wrapped, their store
file parsed), their first screens can be drawn ahead too: ``>`` then finds
its lines drawn, as a PageDown finds the text wrapped.

A screen drawn ahead is used only if everything its lines were drawn from is
still the same when the article is shown: the wrapped lines, the width, the
base style, focus, and (compared by value, so that an edit or another
session's change is never shown stale) the annotations on those lines.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from collections.abc import Hashable, Iterator

from rich.style import Style
from textual.strip import Strip

from ...model import Annotations
from .layout import Layout, display_text


@dataclass
class FirstScreen:
    """Lines drawn ahead (their cache key -> strip), and what they were drawn from."""

    sources: tuple
    strips: dict[tuple, Strip]


class FirstScreens:
    """A few first screens (one per article either side), newest last."""

    def __init__(self, size: int = 2):
        self._size = size
        self._screens: dict[Hashable, FirstScreen] = {}

    def keep(self, key: Hashable, screen: FirstScreen) -> None:
        self._screens.pop(key, None)
        self._screens[key] = screen
        while len(self._screens) > self._size:
            del self._screens[next(iter(self._screens))]

    def get(self, key: Hashable) -> FirstScreen | None:
        return self._screens.get(key)

    def values(self) -> list[FirstScreen]:
        return list(self._screens.values())

    def clear(self) -> None:
        self._screens.clear()


class ArticleDrawsAhead:
    """Mixin for the article view: ``draw_ahead`` draws an article's first
    screen as ``load`` will show it (caret at the top, nothing selected);
    ``take_first_screen`` puts those lines in the view's line cache when
    they are still right. The view provides ``_draw_line(index, width)`` and
    the state named in ``_LOADED``."""

    #: What ``load`` sets: the attributes ``_as_loaded`` stands in for the drawing.
    _LOADED = ("_text", "_display", "_annotations", "_layout", "caret", "anchor", "match", "emphasised",
               "suggestions", "_tags", "related")

    _first_screens: FirstScreens

    def draw_ahead(self: Any, text: str, annotations: Annotations | None) -> None:
        """Wrap ``text`` now, and with the annotations it will open with, draw its first screen."""
        if not self.size.width:
            return
        display = display_text(text)
        if annotations is None:
            self._wrapped(display, self._content_width())
            return
        tags = self._tags_for(display, annotations)
        layout = self._wrapped(display, self._content_width(), tags)
        width = self.scrollable_content_region.width
        lines = min(self.scrollable_content_region.height, len(layout))
        with self._as_loaded(text, display, annotations, layout, tags):
            strips: dict[tuple, Strip] = {(i, width): self._draw_line(i, width) for i in range(lines)}
            sources = self._first_screen_sources(lines)
        self._first_screens.keep(display, FirstScreen(sources, strips))

    def take_first_screen(self: Any) -> None:
        """Fill the line cache from the first screen drawn ahead of the article shown, if still right."""
        if self.caret or self.anchor is not None or self.match or self.emphasised or self.suggestions \
                or self.related or self.scroll_offset.y:
            return  # not as loaded: checked first, as this runs on every redraw
        screen = self._first_screens.get(self._display)
        if screen is not None and screen.sources == self._first_screen_sources(len(screen.strips)):
            for key, strip in screen.strips.items():
                self._cache[key] = strip

    def _first_screen_sources(self: Any, lines: int) -> tuple:
        layout: Layout = self._layout
        spans = tuple(self._annotations.overlapping(0, layout.ends[lines - 1])) if lines else ()
        base: Style = self.base_style
        return (layout, self.scrollable_content_region.width, base, self.has_focus, self._schema, spans, self._tags)

    @contextmanager
    def _as_loaded(self: Any, text: str, display: str, annotations: Annotations, layout: Layout,
                   tags: dict) -> Iterator[None]:
        kept = {name: getattr(self, name) for name in self._LOADED}
        values: tuple[object, ...] = (text, display, annotations, layout, 0, None, None, None, [], tags, frozenset())
        try:
            for name, value in zip(self._LOADED, values, strict=True):
                setattr(self, name, value)
            yield
        finally:
            for name, value in kept.items():
                setattr(self, name, value)
