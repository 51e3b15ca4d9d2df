"""Asking who is annotating, before the annotations open (each browser tab
of ``annotty serve --ask-name`` is one student)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ..errors import AnnottyError
from ..store import check_name


class NameScreen(ModalScreen[str]):
    DEFAULT_CSS = """
    NameScreen { align: center middle; }
    NameScreen > Vertical { width: 60; height: auto; border: round $accent; background: $surface; padding: 1 2; }
    NameScreen #problem { width: 100%; height: auto; color: $error; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Your name (your annotations are saved under it):")
            yield Input(placeholder="e.g. maria-lopez", id="name")
            yield Label("", id="problem", markup=False)  # it quotes what was typed

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value.strip().replace(" ", "-")
        try:
            self.dismiss(check_name(name))
        except AnnottyError as error:
            self.query_one("#problem", Label).update(str(error))
