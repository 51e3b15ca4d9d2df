"""The keys, on one screen."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..schema import Schema
from ..widgets.describe import label_badge

KEYS = (
    ("Reading", (
        ("↑ ↓ ← →", "move the caret"),
        ("PgUp PgDn", "page up / down"),
        ("Home End", "top / bottom of the article"),
        ("ctrl+← ctrl+→", "word left / right"),
    )),
    ("Selecting", (
        ("shift+arrows", "extend the selection by character or line"),
        ("ctrl+shift+← →", "extend the selection by word"),
        ("mouse drag", "select"),
        ("/", "find; Enter selects the match"),
        ("n  N", "next / previous match"),
        ("Esc", "clear the selection"),
    )),
    ("Annotating", (
        ("label key", "tag the selection (or the word at the caret); in the sidebar: relabel"),
        ("a", "link: speaker of a quote, source of a claim, referent of an entity (COREF)"),
        ("t", "quote: direct ↔ indirect; claim: check-worthy yes ↔ no"),
        ("v", "claim: next verdict (unverified, true, false, misleading)"),
        ("e", "edit the note"),
        ("x  Delete", "delete the annotation"),
        ("]  [", "next / previous annotation"),
        ("ctrl+z  ctrl+y", "undo / redo"),
        ("S", "snapping to whole words on / off"),
    )),
    ("Elsewhere", (
        ("Tab", "article ↔ sidebar"),
        ("> <", "next / previous article"),
        ("ctrl+p", "command palette: every action"),
        ("?", "this help"),
        ("ctrl+q", "quit (everything is already saved)"),
    )),
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 110; height: 90%;
        border: round $accent; background: $surface; padding: 0 1; }
    """

    def __init__(self, schema: Schema):
        super().__init__()
        self._schema = schema

    def compose(self) -> ComposeResult:
        table = Table(show_header=False, box=None, padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        table.add_row(Text("Labels", style="bold underline"), "")
        for label in self._schema.labels:
            table.add_row(label.key, label_badge(label.name, label.color).append(f"  {label.kind}", style=""))
        for title, rows in KEYS:
            table.add_row("", "")
            table.add_row(Text(title, style="bold underline"), "")
            for key, what in rows:
                table.add_row(key, what)
        with VerticalScroll():
            yield Static(table)

    def action_close(self) -> None:
        self.dismiss(None)
