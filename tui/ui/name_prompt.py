"""Asking who is annotating, before the annotations open (each browser tab
of ``annotty serve --ask-name`` is one student)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ..answer_key import refuse_protected
from ..errors import AnnottyError
from ..store import check_name
from ..terminal_text import one_line


class NameScreen(ModalScreen[str]):
    DEFAULT_CSS = """
    NameScreen { align: center middle; }
    NameScreen > Vertical { width: 60; height: auto; border: round $accent; background: $surface; padding: 1 2; }
    NameScreen #problem { width: 100%; height: auto; color: $error; }
    """

    def __init__(self, protected: frozenset = frozenset()):
        super().__init__()
        self._protected = protected  # answer keys' names: no reader takes one

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
            self.dismiss(refuse_protected(check_name(name), self._protected))
        except AnnottyError as error:
            self.query_one("#problem", Label).update(Content(one_line(str(error))))  # the name as typed: not markup
