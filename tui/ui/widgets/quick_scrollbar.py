"""A vertical scrollbar that draws its rows directly.

Textual's scrollbar renders a Rich renderable through the general widget
pipeline: about 1.5 ms a frame for a 40-row bar, and switching articles
redraws two of them. The bar is one segment per row, so this one asks
Textual's own ``render_bar`` for those segments and makes the strips
itself, keeping them until the bar moves. It looks exactly the same (a test
compares the two).
"""

from __future__ import annotations

from typing import cast

from rich.color import Color
from rich.style import Style
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip

from ..textual_private import start_scrollbar, vertical_scrollbar_of
from .line_styles import CachedBaseStyle


class QuickScrollBar(CachedBaseStyle, ScrollBar):
    def __init__(self, vertical: bool = True, name: str | None = None, *, thickness: int = 1) -> None:
        super().__init__(vertical=vertical, name=name, thickness=thickness)
        self._strips_key: tuple | None = None
        self._strips: list[Strip] = []

    def _bar_strips(self) -> list[Strip]:
        bar = self.render()  # a ScrollBarRender holding the bar's geometry and style
        assert isinstance(bar, ScrollBarRender)
        style = cast(Style, bar.style)
        width, height = self.size
        filters = tuple(self.get_line_filters())
        key = (width, height, bar.virtual_size, bar.window_size, bar.position, style, filters)
        if key != self._strips_key:
            rows = bar.render_bar(
                size=height, virtual_size=bar.virtual_size, window_size=bar.window_size,
                position=bar.position, thickness=width, vertical=True,
                # Textual's scrollbar always sets both colours on this Style.
                back_color=cast(Color, style.bgcolor), bar_color=cast(Color, style.color),
            ).segments
            background = self.background_colors[1]
            base = self.base_style  # under the bar's own style, as Textual's pipeline puts it
            # A bar has three or four distinct rows (track above, thumb, track below, ends).
            made: dict = {}
            strips = []
            for segment in rows:
                strip = made.get(segment)
                if strip is None:
                    strip = Strip([segment], width).apply_style(base)
                    for line_filter in filters:
                        strip = strip.apply_filter(line_filter, background)
                    made[segment] = strip
                strips.append(strip)
            self._strips_key, self._strips = key, strips
        return self._strips

    def render_lines(self, crop: Region) -> list[Strip]:
        if not self.vertical:
            return super().render_lines(crop)
        strips = self._bar_strips()[crop.y:crop.bottom]
        if crop.x or crop.right != self.size.width:
            strips = [strip.crop(crop.x, crop.right) for strip in strips]
        return strips


class QuickVerticalScrollbar:
    """Mixin for a ScrollView whose vertical scrollbar is a QuickScrollBar.

    Overrides Widget.vertical_scrollbar, which creates Textual's own bar on
    first use; the lines below mirror it (Textual is pinned, and a test
    checks the bar in use is this one)."""

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        bar = vertical_scrollbar_of(self)  # type: ignore[arg-type]
        if bar is None:
            bar = QuickScrollBar(vertical=True, name="vertical", thickness=self.scrollbar_size_vertical)  # type: ignore[attr-defined]
            bar.display = False
            start_scrollbar(self, bar)  # type: ignore[arg-type]
        return bar
