"""Changing a scroll view's virtual size without a layout pass of the screen.

Textual's ``virtual_size`` asks for a layout of the whole screen when it
changes; for a view whose own size is fixed by its CSS that pass only
repaints everything, and it is most of the cost of switching articles.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView

from ..textual_private import refresh_scrollbars


def set_virtual_size(view: ScrollView, size: Size) -> None:
    if view.virtual_size == size:
        return
    view.set_reactive(ScrollView.virtual_size, size)
    refresh_scrollbars(view)  # a scrollbar that appears or goes still lays out the screen
    if view.show_vertical_scrollbar:
        scrollbar = view.vertical_scrollbar
        scrollbar.window_virtual_size = size.height
        scrollbar.refresh()
    view.refresh()
