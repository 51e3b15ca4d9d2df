"""The adjudication screen: one disagreement at a time, keys to choose."""

from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..adjudication import Adjudication
from ..errors import AnnottyError
from ..resources import resource
from ..terminal_text import one_line
from .shown_data import SafeNotifications
from .widgets.describe import fold, shorten


class AdjudicationApp(SafeNotifications, App):
    """``save(doc_id)`` writes a document's final version (called after each decision)."""

    TITLE = "annotty adjudicate"
    CSS_PATH = str(resource("styles", "app.tcss"))
    BINDINGS = [
        *[Binding(str(n), f"keep({n})", f"Keep variant {n}", show=False) for n in range(1, 10)],
        Binding("a", "keep_all", "Keep every variant"),
        Binding("0,x", "keep_none", "Keep none"),
        Binding("right,n", "step(1)", "Next"),
        Binding("left,N", "step(-1)", "Previous"),
        Binding("enter", "confirm", "Accept the unanimous ones", show=False),
        Binding("q", "quit", "Quit (decisions are saved)"),
    ]

    def __init__(self, adjudication: Adjudication, into: str, save: Callable[[str], None]):
        super().__init__()
        self.adjudication = adjudication
        self.into = into
        self._save = save
        self.index = 0
        self.confirmed = False

    def compose(self) -> ComposeResult:
        yield Static(id="adjudication-head")
        with VerticalScroll():
            yield Static(id="adjudication-body")
        yield Static(id="adjudication-keys")

    def on_mount(self) -> None:
        self._show()

    def _show(self, message: str = "") -> None:
        adjudication = self.adjudication
        head = self.query_one("#adjudication-head", Static)
        body = self.query_one("#adjudication-body", Static)
        keys = self.query_one("#adjudication-keys", Static)
        unanimous = sum(len(v) for v in adjudication.unanimous.values())
        if not self.confirmed:
            head.update(Text(one_line(f"Adjudicating {', '.join(adjudication.annotators)} → {self.into}"), style="bold"))
            body.update(
                f"{len(adjudication.texts)} document(s) annotated by all of them.\n\n"
                f"{unanimous} annotation(s) are unanimous (same start, end and label for everyone): "
                f"they will be accepted as they are.\n{len(adjudication.places)} place(s) where they differ "
                "come next, one at a time.\n\nPress Enter to accept the unanimous ones and begin, q to quit "
                "without writing anything."
            )
            keys.update("Enter begin · q quit")
            return
        if not adjudication.places:
            head.update(Text("Nothing to adjudicate: they agree everywhere. q quits.", style="bold"))
            return
        place = adjudication.places[self.index]
        text = adjudication.texts[place.doc_id]
        head.update(Text(one_line(
            f"{place.doc_id} · place {self.index + 1} of {len(adjudication.places)} · "
            f"{adjudication.decided} decided → {self.into}"), style="bold",
        ))
        lo, hi = max(0, place.start - 160), min(len(text), place.end + 160)
        view = Text(fold(text[lo:place.start]), style="dim")
        view.append(one_line(" ".join(text[place.start:place.end].split())), style="reverse")
        view.append(fold(text[place.end:hi]), style="dim")
        view.append("\n\n")
        for number, variant in enumerate(place.variants, start=1):
            kept = place.chosen is not None and number - 1 in place.chosen
            view.append(f"{'✓' if kept else ' '} {number}  ", style="bold green" if kept else "bold")
            view.append(f"{one_line(variant.key[2])} “{shorten(variant.text, 70)}”", style="bold" if kept else "")
            view.append(one_line(f"  by {', '.join(variant.annotators)}"), style="italic")
            if variant.target_text:
                view.append(f"  → {shorten(variant.target_text, 30)}", style="dim")
            view.append("\n")
        if place.chosen == []:
            view.append("✓ none of them\n", style="bold green")
        if message:
            view.append(f"\n{one_line(message)}", style="bold")
        body.update(view)
        keys.update("1–9 keep that one · a keep all · 0/x none · → ← move · q quit (saved as you go)")

    def _decide(self, chosen: list[int]) -> None:
        if not self.confirmed or not self.adjudication.places:
            return
        place = self.adjudication.places[self.index]
        place.chosen = chosen
        try:
            self._save(place.doc_id)
        except AnnottyError as error:
            self._show(f"not saved: {error}")
            return
        if self.index + 1 < len(self.adjudication.places):
            self.index += 1
        self._show("saved")

    def action_keep(self, number: int) -> None:
        if self.confirmed and self.adjudication.places and number <= len(self.adjudication.places[self.index].variants):
            self._decide([number - 1])

    def action_keep_all(self) -> None:
        if self.confirmed and self.adjudication.places:
            self._decide(list(range(len(self.adjudication.places[self.index].variants))))

    def action_keep_none(self) -> None:
        self._decide([])

    def action_step(self, step: int) -> None:
        if self.confirmed and self.adjudication.places:
            self.index = min(max(0, self.index + step), len(self.adjudication.places) - 1)
            self._show()

    def action_confirm(self) -> None:
        if self.confirmed:
            return
        try:
            for doc_id in self.adjudication.texts:
                self._save(doc_id)
        except AnnottyError as error:
            self._show(f"not saved: {error}")
            return
        self.confirmed = True
        self._show()
