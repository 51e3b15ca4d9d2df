"""The annotation sidebar: a legend of label keys, then every annotation,
grouped as Entities, Quotes and Claims."""

from __future__ import annotations

from typing import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ..model import CLAIM, ENTITY, QUOTE, Annotations, Span
from ..schema import Schema
from .annotation_list import AnnotationList, Row
from .describe import describe, shorten

_GROUPS = ((ENTITY, "Entities"), (QUOTE, "Quotes"), (CLAIM, "Claims"))


class Sidebar(Vertical):
    DEFAULT_CSS = """
    Sidebar { width: 40%; }
    Sidebar #legend { height: auto; }
    Sidebar AnnotationList { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="legend")
        yield AnnotationList(id="annotation-list")

    @property
    def list(self) -> AnnotationList:
        return self.query_one(AnnotationList)

    def show_legend(self, schema: Schema) -> None:
        legend = Text()
        for label in schema.labels:
            legend.append(label.key, style="bold")
            # Non-breaking spaces keep each key beside its label when the legend wraps.
            legend.append(f"\u00a0{label.name}\u00a0", style=f"bold black on {label.color}")
            legend.append(" ")
        self.query_one("#legend", Static).update(legend)

    def show(
        self, annotations: Annotations, schema: Schema, keep: str | None = None, flagged: Sequence[Span] = ()
    ) -> None:
        """List every annotation; keep ``keep`` (a span id) highlighted if given.
        ``flagged`` spans (no longer matching the text) are listed apart."""
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
                rows.append((None, Text(f"{span.label} “{shorten(span.text, 50)}” was at {span.start}", style="red")))

        def draw(span_id: str) -> Text:
            return describe(annotations.span(span_id), annotations, schema)

        self.list.set_rows(rows, draw, keep if keep in annotations else None)

    def highlight(self, span_id: str) -> None:
        self.list.highlight_span(span_id)

    @property
    def highlighted_span(self) -> str | None:
        return self.list.highlighted_span
