"""Review: the annotations of the article one at a time, with their context,
to accept, relabel or delete each, quickly."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ...errors import AnnottyError
from ...text_units import sentence_at
from ...terminal_text import one_line
from ..textual_private import bind_key
from ..widgets.describe import fold, label_badge

if TYPE_CHECKING:
    from ...session import Session

ACCEPTED = "accepted"


class ReviewScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("y,enter", "accept", "Accept"),
        Binding("x,delete", "delete", "Delete"),
        Binding("right,space,n", "step(1)", "Next"),
        Binding("left,N", "step(-1)", "Previous"),
        Binding("escape", "close", "Done"),
    ]

    DEFAULT_CSS = """
    ReviewScreen { align: center middle; }
    ReviewScreen > Vertical { width: 90%; max-width: 120; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 1 2; }
    """

    def __init__(self, session: Session, changed: Callable[[str | None], None], start: int = 0):
        super().__init__()
        self._session = session
        self._changed = changed  # tells the app what changed (a span id, or None)
        self._ids = [span.id for span in session.annotations.spans()]
        self._index = min(start, max(0, len(self._ids) - 1))
        for label in session.schema.labels:
            bind_key(self, label.key, f"relabel('{label.name}')", f"Relabel {label.name}")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="card")

    def on_mount(self) -> None:
        self._show()

    def _show(self, message: str = "") -> None:
        card = self.query_one("#card", Static)
        annotations = self._session.annotations
        while self._ids and self._ids[self._index] not in annotations:
            del self._ids[self._index]
            self._index = min(self._index, max(0, len(self._ids) - 1))
        if not self._ids:
            card.update("Nothing to review in this article. Esc closes.")
            return
        span = annotations.span(self._ids[self._index])
        reviewed = sum(1 for i in self._ids if annotations.span(i).attrs.get("review") == ACCEPTED)
        text = self._session.document.text
        start, end = sentence_at(text, span.start)
        start, end = min(start, span.start), max(end, span.end)
        context = Text(fold(text[start:span.start]), style="dim")
        context.append(one_line(" ".join(span.text.split())), style="reverse bold")
        context.append(fold(text[span.end:end]), style="dim")
        head = Text(f"Review {self._index + 1} of {len(self._ids)} ({reviewed} accepted)   ")
        label = self._session.schema.label(span.label)
        head.append_text(label_badge(span.label, label.color if label else "#9a9996"))
        if span.attrs.get("review") == ACCEPTED:
            head.append("  ✓ accepted", style="bold green")
        lines = [head, Text(""), context, Text("")]
        who = annotations.attribution(span.id)
        if span.kind != "entity":
            role = "speaker" if span.kind == "quote" else "source"
            line = Text(one_line(f"{role}: {who.text if who else '(none)'}"))
            # The attribution engine's reading, beside the annotator's choice.
            ranking = self._session.rank_links(span.id)
            if ranking.chosen is not None and (who is None or ranking.chosen.id != who.id):
                line.append(one_line(f"   engine: {ranking.chosen.text} ({ranking.reason})"), style="dim")
            elif ranking.chosen is not None:
                line.append(one_line(f"   ({ranking.reason})"), style="dim")
            lines.append(line)
        details = {k: v.get("text", v) if k == "cue" and isinstance(v, dict) else v
                   for k, v in span.attrs.items() if k != "review"}
        if details:
            lines.append(Text(one_line(", ".join(f"{k}: {v}" for k, v in details.items())), style="italic"))
        lines.append(Text(""))
        lines.append(Text("y/Enter accept · a label key relabels · x delete · → next · ← previous · Esc done",
                          style="dim"))
        if message:
            lines.append(Text(one_line(message), style="bold"))
        card.update(Text("\n").join(lines))

    def _apply(self, change: Callable[[str], object], message: str) -> None:
        span_id = self._ids[self._index] if self._ids else None
        if span_id is None:
            return
        try:
            change(span_id)
        except AnnottyError as error:
            self._show(str(error))
            return
        self._changed(span_id if span_id in self._session.annotations else None)
        self._show(message)

    def action_accept(self) -> None:
        self._apply(lambda i: self._session.set_attr(i, "review", ACCEPTED), "accepted")
        self.action_step(1)

    def action_relabel(self, label: str) -> None:
        self._apply(lambda i: self._session.relabel(i, label), f"relabelled {label}")

    def action_delete(self) -> None:
        self._apply(self._session.delete, "deleted (ctrl+z in the article brings it back)")

    def action_step(self, step: int) -> None:
        if self._ids:
            self._index = min(max(0, self._index + step), len(self._ids) - 1)
            self._changed(self._ids[self._index])
            self._show()

    def action_close(self) -> None:
        self.dismiss(None)
