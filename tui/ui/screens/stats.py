"""Statistics of the store, as bar charts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...terminal_text import one_line


class StatsScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,enter", "close", "Close")]

    DEFAULT_CSS = """
    StatsScreen { align: center middle; }
    StatsScreen > VerticalScroll { width: 90%; max-width: 110; height: 90%;
        border: round $accent; background: $surface; padding: 0 1; }
    """

    def __init__(self, lines: list[str]):
        super().__init__()
        self._lines = lines

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("\n".join(one_line(line) for line in self._lines), markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
