"""The annotation sidebar: a legend of label keys, then every annotation,
grouped as Entities, Quotes and Claims."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...model import CLAIM, ENTITY, QUOTE, Annotations, Span
from ...schema import Schema
from .annotation_list import AnnotationList, Row
from .describe import describe, shorten
from .drawn_ahead import FirstScreen, FirstScreens

_GROUPS = ((ENTITY, "Entities"), (QUOTE, "Quotes"), (CLAIM, "Claims"))


def _rows(annotations: Annotations, schema: Schema, flagged: Sequence[Span],
          width: Callable[[], int] = lambda: 0) -> tuple[list[Row], Callable]:
    """The list's rows (headings, then span ids by kind), and how to draw a
    span's row (``width()``: the cells a row has, read when it is drawn)."""
    by_kind: dict[str, list[str]] = {kind: [] for kind, _ in _GROUPS}
    for span in annotations.spans():
        by_kind.setdefault(span.kind, []).append(span.id)
    rows: list[Row] = []
    for kind, title in _GROUPS:
        ids = by_kind[kind]
        rows.append((None, Text(f"{title} ({len(ids)})", style="bold underline")))
        rows.extend((span_id, None) for span_id in ids)
    if flagged:
        rows.append((None, Text(f"Needs attention ({len(flagged)}): text changed", style="bold underline red")))
        for span in flagged:
            rows.append(
                (None, Text(f"{shorten(span.label, 20)} “{shorten(span.text, 50)}” was at {span.start}", style="red"))
            )

    def draw(span_id: str) -> Text:
        return describe(annotations.span(span_id), annotations, schema, width=width())

    return rows, draw


def _size(annotations: Annotations, flagged: Sequence[Span]) -> tuple[int, int, int]:
    return (len(annotations), len(annotations.relations()), len(flagged))


class Legend(Static):
    """Label keys and colours, as many to a line as fit: a key never parted from its label."""

    _items: tuple[Text, ...] = ()

    def show(self, items: list[Text]) -> None:
        self._items = tuple(items)
        self.refresh(layout=True)

    def _lines(self, width: int) -> Text:
        lines: list[Text] = [Text()]
        for item in self._items:
            if lines[-1].cell_len and lines[-1].cell_len + 1 + item.cell_len > width:
                lines.append(Text())
            if lines[-1].cell_len:
                lines[-1].append(" ")
            lines[-1].append_text(item)
        return Text("\n").join(lines)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._lines(width).split("\n")) if self._items else 1

    def render(self) -> Text:
        return self._lines(self.content_region.width or 1000)


class Sidebar(Vertical):
    DEFAULT_CSS = """
    Sidebar { width: 40%; }
    Sidebar #legend { height: auto; }
    Sidebar AnnotationList { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        #: The lists of the articles either side, drawn ahead.
        self._first_screens = FirstScreens()

    def compose(self) -> ComposeResult:
        yield Legend(id="legend")
        yield AnnotationList(id="annotation-list")

    @property
    def list(self) -> AnnotationList:
        return self.query_one(AnnotationList)

    def show_legend(self, schema: Schema) -> None:
        items = []
        for label in schema.labels:
            item = Text(label.key, style="bold")
            item.append(f" {label.name} ", style=f"bold black on {label.color}")
            items.append(item)
        self.query_one("#legend", Legend).show(items)

    def show(
        self, annotations: Annotations, schema: Schema, keep: str | None = None, flagged: Sequence[Span] = ()
    ) -> None:
        """List every annotation; keep ``keep`` (a span id) highlighted if given.
        ``flagged`` spans (no longer matching the text) are listed apart."""
        rows, draw = _rows(annotations, schema, flagged, self._row_width)
        drawn = None
        size = _size(annotations, flagged)
        # Sizes first: after an edit in the article shown, none is likely to match.
        alike = [screen for screen in self._first_screens.values() if screen.sources[0] == size]
        if alike:
            sources = self._sources(annotations, schema, flagged)
            drawn = next((screen.strips for screen in alike if screen.sources == sources), None)
        self.list.set_rows(rows, draw, keep if keep is not None and keep in annotations else None, drawn)

    def draw_ahead(self, annotations: Annotations, schema: Schema, flagged: Sequence[Span]) -> None:
        """Draw the first rows of an article's list now, as ``show`` will list
        them (the next or previous article, while the user reads)."""
        strips = self.list.draw_rows(*_rows(annotations, schema, flagged, self._row_width))
        self._first_screens.keep(id(annotations), FirstScreen(self._sources(annotations, schema, flagged), strips))

    def _sources(self, annotations: Annotations, schema: Schema, flagged: Sequence[Span]) -> tuple:
        """What the rows are drawn from, their counts first; compared by value
        (the spans by identity first: those read ahead are the very ones opened)."""
        return (_size(annotations, flagged), schema, self.list.base_style, self.list.has_focus,
                tuple(annotations.spans()), tuple(annotations.relations()), tuple(flagged))

    def _row_width(self) -> int:
        return self.list.scrollable_content_region.width - 1  # the marker column

    def highlight(self, span_id: str) -> None:
        self.list.highlight_span(span_id)

    @property
    def highlighted_span(self) -> str | None:
        return self.list.highlighted_span
