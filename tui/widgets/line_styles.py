"""The base style of a Line API view, worked out once per change of its CSS.

Textual's ``rich_style`` walks every ancestor to blend backgrounds; asked
for each of 40 lines a frame it was a third of the cost of drawing the
sidebar. Textual tells a widget when its styles change (focus, theme, a
class), and that is when the cached style and the drawn lines go stale.
"""

from __future__ import annotations

from rich.style import Style


class CachedBaseStyle:
    """Mixin for a widget that draws lines: ``base_style`` is ``rich_style``,
    kept until the widget's styles change; ``styles_changed`` then runs so
    that subclasses can drop whatever else they drew with the old style."""

    _base_style: Style | None = None

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
