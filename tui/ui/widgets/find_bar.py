"""The find bar: type a phrase, Enter finds it; Escape closes."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class FindBar(Input):
    BINDINGS = [Binding("escape", "close", "Close find", show=False)]

    @dataclass
    class Closed(Message):
        """Find was closed; ``query`` is what to look for, or None if cancelled."""

        query: str | None

    def __init__(self, *, id: str | None = None):
        super().__init__(placeholder="find: type a phrase, Enter selects it (Esc closes)", id=id)

    def open(self, query: str) -> None:
        self.value = query
        self.add_class("visible")
        self.focus()

    def action_close(self) -> None:
        self.remove_class("visible")
        self.post_message(self.Closed(None))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.remove_class("visible")
        self.post_message(self.Closed(event.value))
