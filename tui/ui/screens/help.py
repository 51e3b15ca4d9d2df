"""The keys, on one screen, generated from the bindings themselves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from .. import keys
from ...schema import Schema
from ..widgets.annotation_list import AnnotationList
from ..widgets.article_view import ArticleView
from ..widgets.describe import label_badge

if TYPE_CHECKING:
    from textual.app import App

#: What no binding says: the mouse, and keys every Textual app has.
EXTRA = {
    keys.SELECTING: [("mouse drag", "Select"), ("wheel", "Scroll")],
    keys.GENERAL: [("Tab", "Article ↔ sidebar"), ("ctrl+p", "Command palette: every action by name"),
                   ("ctrl+q", "Quit (everything is already saved)")],
}


def key_rows(app: App, bindings: list[Binding]) -> dict[Binding.Group, list[tuple[str, str]]]:
    """Rows of (keys, description) per group; bindings with the same
    description in a row are merged into one line."""
    rows: dict[Binding.Group, list[tuple[str, str]]] = {group: [] for group in keys.ORDER}
    for binding in bindings:
        group_key = keys.group_of(binding)
        if group_key not in rows or not binding.description:
            continue
        shown = " ".join(app.get_key_display(Binding(key.strip(), binding.action)) for key in binding.key.split(","))
        if binding.key_display:
            shown = binding.key_display
        group = rows[group_key]
        if group and group[-1][1] == binding.description:
            group[-1] = (f"{group[-1][0]} {shown}", binding.description)
        else:
            group.append((shown, binding.description))
    for extra_group, extra in EXTRA.items():
        rows[extra_group].extend(extra)
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 110; height: 90%;
        border: round $accent; background: $surface; padding: 0 1; }
    HelpScreen .help-section { margin: 0 0 1 0; }
    """

    def __init__(self, schema: Schema, app: App):
        super().__init__()
        self._schema = schema
        bindings = [*ArticleView.BINDINGS, *type(app).BINDINGS, *AnnotationList.BINDINGS]
        self._rows = key_rows(app, [b for b in bindings if isinstance(b, Binding)])

    def compose(self) -> ComposeResult:
        sections: list[tuple[str, list[tuple[str | Text, str | Text]]]] = [(
            "Labels: tag the selection, or the word at the caret",
            [(label.key, label_badge(label.name, label.color).append(f"  {label.kind}", style=""))
             for label in self._schema.labels],
        )]
        sections += [(group.description, list(self._rows[group])) for group in keys.ORDER]
        with VerticalScroll():
            for title, rows in sections:
                # Expanded: a title is as wide as the dialog, not as the table's short rows.
                table = Table(show_header=False, box=None, padding=(0, 2), title=title, title_justify="left",
                              title_style="bold underline", expand=True)
                table.add_column(style="bold", width=26)
                table.add_column(ratio=1)
                for shown, description in rows:
                    table.add_row(shown, description)
                yield Static(table, classes="help-section")

    def action_close(self) -> None:
        self.dismiss(None)
