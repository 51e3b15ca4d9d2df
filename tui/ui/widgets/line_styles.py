"""The base style of a Line API view, worked out once per change of its CSS.

Textual's ``rich_style`` walks every ancestor to blend backgrounds; asked
for each of 40 lines a frame it was a third of the cost of drawing the
sidebar. Textual tells a widget when its styles change (focus, theme, a
class), and that is when the cached style and the drawn lines go stale.
The lines drawn can also be handed over whole, to be freed after a frame.
"""

from __future__ import annotations

from rich.style import Style
from textual.cache import LRUCache
from textual.strip import Strip

from ..textual_private import finished_lines_cache


class CachedBaseStyle:
    """Mixin for a widget that draws lines: ``base_style`` is ``rich_style``,
    kept until the widget's styles change; ``styles_changed`` then runs so
    that subclasses can drop whatever else they drew with the old style."""

    _base_style: Style | None = None
    #: The host widget's drawn lines (``hand_over_lines`` gives them up).
    _cache: LRUCache[tuple, Strip]

    @property
    def base_style(self) -> Style:
        if self._base_style is None:
            self._base_style = self.rich_style  # type: ignore[attr-defined]
        return self._base_style

    def notify_style_update(self) -> None:
        self._base_style = None
        super().notify_style_update()  # type: ignore[misc]
        self.styles_changed()

    def styles_changed(self) -> None:
        """Drop cached lines drawn with the old styles."""

    def hand_over_lines(self) -> list:
        """Give up every line drawn (this view's cache, and Textual's of the
        finished lines) without freeing them: the caller holds them until the
        next frame is on screen, so that a new article is not kept waiting
        while hundreds of strips, each with its own small caches, are freed."""
        old = self._cache
        self._cache = LRUCache(old.maxsize)
        return [old, finished_lines_cache(self)]  # type: ignore[arg-type]
