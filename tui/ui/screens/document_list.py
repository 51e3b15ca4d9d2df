"""The document list: every article of the run with its progress; type to
filter, Enter opens one."""

from __future__ import annotations

from operator import attrgetter

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label

from ...workspace import DocumentSummary
from ..shown_data import data_text
from ..widgets.describe import counted

_SORTS = (
    ("order", attrgetter("index")),  # in C: the list opens on 30,000 rows in this order
    ("title", lambda row: row.title.casefold()),
    ("date", lambda row: row.date or "9999"),
    ("length", lambda row: -row.length),
    ("annotations", lambda row: -row.annotations),
    ("status", lambda row: ("todo", "in progress", "done", "unreadable").index(row.status)
     if row.status in ("todo", "in progress", "done", "unreadable") else 9),
)

_MOST_ROWS = 200  # at most this many rows in the table at once: each cell is measured as it is added


class DocumentList(ModalScreen[int | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Close"),
        Binding("ctrl+s", "sort", "Sort by next column"),
        Binding("down", "cursor(1)", show=False),
        Binding("up", "cursor(-1)", show=False),
        Binding("pagedown", "cursor(10)", show=False),
        Binding("pageup", "cursor(-10)", show=False),
    ]

    DEFAULT_CSS = """
    DocumentList { align: center middle; }
    DocumentList > Vertical { width: 95%; height: 90%; border: round $accent; background: $surface; padding: 0 1; }
    DocumentList DataTable { height: 1fr; }
    """

    def __init__(self, rows: list[DocumentSummary], current: int):
        super().__init__()
        self._rows = rows
        self._current = current
        self._sort = 0
        self._shown: list[DocumentSummary] = []
        self._done = sum(1 for row in rows if row.status == "done")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"{counted(len(self._rows), 'article')}, {self._done} done. "
                        "Type to filter; ↑ ↓ and Enter open one; ctrl+s sorts; Esc closes.", id="summary")
            yield Input(placeholder="filter by title, id, date or status", id="filter")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="documents")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "title", "date", "length", "annotations", "status", "id")
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, query: str) -> None:
        table = self.query_one(DataTable)
        table.clear()
        words = query.casefold().split()
        name, key = _SORTS[self._sort]
        rows = self._rows
        if words:
            rows = [row for row in rows
                    if all(w in f"{row.title} {row.doc_id} {row.date} {row.status}".casefold() for w in words)]
        self._shown = sorted(rows, key=key)
        # A table of 30,000 rows takes seconds to fill: the rows around the
        # current article are shown, and typing narrows the list.
        first = 0
        if len(self._shown) > _MOST_ROWS:
            here = next((i for i, row in enumerate(self._shown) if row.index == self._current), 0)
            first = max(0, min(here - _MOST_ROWS // 2, len(self._shown) - _MOST_ROWS))
        self._shown = self._shown[first:first + _MOST_ROWS]
        for row in self._shown:
            # Rich text, not strings: the table would read a string as markup.
            table.add_row(
                str(row.index + 1), data_text(row.title[:48]), data_text(row.date or ""),
                f"{row.length:,}" if row.length else "",  # 0: not read yet (the index is being built)
                str(row.annotations), data_text(row.problem[:40] if row.problem else row.status),
                data_text(row.doc_id),
            )
        self.query_one("#summary", Label).update(
            (f"{len(self._shown)} of {counted(len(self._rows), 'article')} shown" if first == 0 else
             f"articles {first + 1:,}–{first + len(self._shown):,} of {len(self._rows):,} shown")
            + f", sorted by {name}, "
            f"{self._done} done. Type to filter; ↑ ↓ Enter opens; "
            "ctrl+s sorts; Esc closes."
        )
        for position, row in enumerate(self._shown):
            if row.index == self._current:
                table.move_cursor(row=position)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._open()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._open()

    def _open(self) -> None:
        table = self.query_one(DataTable)
        if self._shown and 0 <= table.cursor_row < len(self._shown):
            self.dismiss(self._shown[table.cursor_row].index)

    def action_cursor(self, step: int) -> None:
        table = self.query_one(DataTable)
        if self._shown:
            table.move_cursor(row=min(max(0, table.cursor_row + step), len(self._shown) - 1))

    def action_sort(self) -> None:
        self._sort = (self._sort + 1) % len(_SORTS)
        self._fill(self.query_one(Input).value)

    def action_cancel(self) -> None:
        self.dismiss(None)
