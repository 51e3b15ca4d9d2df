"""The score of the tutorial exercise against its answer key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Static

from ...terminal_text import one_line


class ScoreScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter,q", "close", "Close")]

    DEFAULT_CSS = """
    ScoreScreen { align: center middle; }
    ScoreScreen > Vertical { width: 80%; max-width: 100; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 1 2; }
    """

    def __init__(self, lines: list[str]):
        super().__init__()
        self._lines = lines

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                "[b]Your score[/b]\n\n"
                + "\n".join(escape(one_line(line)) for line in self._lines)
                + "\n\n[dim]Enter or Esc closes; "
                "fix what is missed and press ctrl+g again.[/dim]",
                markup=True,
            )

    def action_close(self) -> None:
        self.dismiss(None)
