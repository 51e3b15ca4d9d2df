"""Edit the free-text note of an annotation."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ...terminal_text import one_line


class NoteEditor(ModalScreen[str | None]):
    """Enter keeps the note (empty removes it); Escape changes nothing."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    DEFAULT_CSS = """
    NoteEditor { align: center middle; }
    NoteEditor > Vertical { width: 80%; max-width: 100; height: auto;
        border: round $accent; background: $surface; padding: 0 1; }
    """

    def __init__(self, title: str, note: str):
        super().__init__()
        self._title = title
        self._note = note

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Content(one_line(self._title)))  # the span's text: brackets and all
            yield Input(one_line(self._note), placeholder="a note (Enter to keep, Escape to cancel)", id="note")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        # The note is shown cleaned of what a terminal would obey: kept as
        # stored unless the user changed it.
        self.dismiss(self._note.strip() if value == one_line(self._note).strip() else value)

    def action_cancel(self) -> None:
        self.dismiss(None)
