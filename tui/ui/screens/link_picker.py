"""Choose the entity a quote, claim or mention links to."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ...model import Annotations, Span
from ...schema import Schema
from ...terminal_text import one_line
from ..widgets.describe import describe

UNLINK = "__unlink__"
ANONYMOUS_CHOICE = "__anonymous__"


class LinkPicker(ModalScreen[str | None]):
    """Lists candidate entities, the attribution engine's choice first (★,
    with its reason) and highlighted, the others by distance. Enter picks,
    Escape leaves things as they are."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    DEFAULT_CSS = """
    LinkPicker { align: center middle; }
    LinkPicker > Vertical { width: 80%; max-width: 100; height: auto; max-height: 80%;
        border: round $accent; background: $surface; padding: 0 1; }
    LinkPicker Label { width: 100%; }
    LinkPicker OptionList { height: auto; max-height: 20; }
    """

    def __init__(self, title: str, candidates: list[Span], annotations: Annotations, schema: Schema,
                 current: str | None, reason: str = "", *, anonymous: bool = False, untagged: str = ""):
        super().__init__()
        #: The speaker the text names when it is not tagged yet (shown as a hint).
        self._untagged = untagged
        #: Offer "anonymous source" (a quote or claim whose cue names no one).
        self._anonymous = anonymous
        #: Why the first candidate is the engine's choice; "" when it is only the nearest.
        self._reason = reason
        self._title = title
        self._candidates = candidates
        self._annotations = annotations
        self._schema = schema
        self._current = current

    def compose(self) -> ComposeResult:
        options: list[Option] = []
        for index, span in enumerate(self._candidates):
            prompt = Text("★ " if index == 0 else "  ")
            prompt.append_text(describe(span, self._annotations, self._schema, 50))
            if index == 0:
                chosen = self._reason and not self._untagged  # the engine's own choice, not the nearest
                prompt.append(f"  {self._reason}" if chosen else "  nearest", style="dim")
            if span.id == self._current:
                prompt.append("  (current)", style="dim")
            options.append(Option(prompt, id=span.id))
        if self._anonymous:
            options.append(Option(Text("  anonymous source (no one named in the text)", style="italic"),
                                  id=ANONYMOUS_CHOICE))
        if self._current:
            options.append(Option(Text("  remove the link", style="italic"), id=UNLINK))
        with Vertical():
            yield Label(Content(one_line(self._title)))  # the span's text: brackets and all
            if self._untagged:
                yield Label(Content(one_line(f"the text names “{self._untagged}” ({self._reason}): tag it to link it")),
                            classes="hint")
            yield OptionList(*options, id="candidates")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
