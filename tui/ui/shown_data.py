"""Data on the screen (articles, records, store files, names): whatever a
widget draws from it goes through the one sanitiser, ``tui.terminal_text``.

Lines drawn by ``text_strip`` (header, status line, sidebar and compare rows)
are cleaned there as well, code point for code point, whatever built them.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App
from textual.notifications import SeverityLevel

from ..terminal_text import lines, one_line


def data_text(value: str, style: str = "") -> Text:
    """One line of data as Rich text: never read as markup, safe to draw."""
    return Text(one_line(value), style=style, end="")


class SafeNotifications(App):
    """Toasts say what errors and warnings say, file names and article text
    included: they are cleaned like everything else drawn from data."""

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        super().notify(lines(message), title=one_line(title), severity=severity, timeout=timeout, markup=markup)
