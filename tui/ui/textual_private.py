"""Every use of Textual's private API, in one place.

Checked against Textual 8.2.8. Each name below is private to Textual and may
change in any release; ``tests/ui/test_textual_private.py`` fails loudly,
naming the missing attribute, when an upgrade removes one, so that this file
is the only one to mend. Why each is needed is said beside it.
"""

from __future__ import annotations

from typing import Any

from textual import _wait
from textual.app import App
from textual.dom import DOMNode
from textual.scroll_view import ScrollView
from textual.widget import Widget

#: (owner, attribute) pairs this module relies on; the test checks them all.
PRIVATE_NAMES: tuple[tuple[type, str], ...] = (
    (ScrollView, "_refresh_scrollbars"),
    (App, "_start_widget"),
)
#: Private modules' functions (module, name).
PRIVATE_FUNCTIONS = ((_wait, "wait_for_idle"),)
#: Attributes set on instances only (checked on a live widget by the test).
PRIVATE_INSTANCE_NAMES = ("_styles_cache", "_vertical_scrollbar", "_bindings")


def refresh_scrollbars(view: ScrollView) -> None:
    """Show or hide the scrollbars after a virtual size set without a layout
    pass (the public setter lays out the whole screen, most of the cost of
    switching articles)."""
    view._refresh_scrollbars()


def vertical_scrollbar_of(widget: Widget) -> Any:
    """The vertical scrollbar the widget made, or None before its first use."""
    return widget._vertical_scrollbar


def start_scrollbar(widget: Widget, bar: Widget) -> None:
    """Make ``bar`` the widget's vertical scrollbar and start it the way
    Textual starts its own (for the quick scrollbar that replaces Textual's)."""
    widget._vertical_scrollbar = bar  # type: ignore[assignment]
    widget.app._start_widget(widget, bar)


def finished_lines_cache(widget: Widget) -> dict | None:
    """A copy of Textual's cache of the widget's finished lines, so that they
    can be freed after the next frame instead of before it."""
    cache: Any = getattr(getattr(widget, "_styles_cache", None), "_cache", None)
    return dict(cache) if isinstance(cache, dict) else None


def bind_key(node: DOMNode, key: str, action: str, description: str) -> None:
    """Add a binding to one instance (keys that come from the user's schema),
    hidden from the key bar."""
    node._bindings.bind(key, action, description, show=False)


async def wait_for_idle() -> None:
    """Wait until Textual's message queues have gone idle, as its own Pilot
    does between keys (keys typed while an article loaded are replayed so)."""
    await _wait.wait_for_idle(0)
