"""The annotation sidebar: a legend of label keys, then every annotation,
grouped as Entities, Quotes and Claims."""

from __future__ import annotations

from typing import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..messages import AnnotationChosen, AnnotationHighlighted
from ..model import CLAIM, ENTITY, QUOTE, Annotations, Span
from ..schema import Schema
from .describe import describe, shorten

_GROUPS = ((ENTITY, "Entities"), (QUOTE, "Quotes"), (CLAIM, "Claims"))


class AnnotationList(OptionList):
    """The list itself; its option ids are span ids."""


class Sidebar(Vertical):
    _quiet = False  # set while the app moves the highlight itself
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
        options: list[Option | None] = []
        for kind, title in _GROUPS:
            spans = annotations.spans(kind)
            header = Text(f"{title} ({len(spans)})", style="bold underline")
            options.append(Option(header, id=f"group-{kind}", disabled=True))
            options.extend(Option(describe(span, annotations, schema), id=span.id) for span in spans)
        if flagged:
            title = Text(f"Needs attention ({len(flagged)}): text changed", style="bold underline red")
            options.append(Option(title, id="group-flagged", disabled=True))
            for span in flagged:
                row = Text(f"{span.label} “{shorten(span.text, 50)}” was at {span.start}", style="red")
                options.append(Option(row, id=f"group-flagged-{span.id}", disabled=True))
        listing = self.list
        with self.app.batch_update():
            listing.set_options(options)
            if keep and keep in annotations:
                self.highlight(keep)

    def highlight(self, span_id: str) -> None:
        listing = self.list
        try:
            index = listing.get_option_index(span_id)
        except Exception:
            return
        if listing.highlighted != index:
            self._quiet = True
            listing.highlighted = index

    @property
    def highlighted_span(self) -> str | None:
        option = self.list.highlighted_option
        if option is None or option.id is None or option.id.startswith("group-"):
            return None
        return option.id

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        quiet = self._quiet
        self._quiet = False
        if event.option.id and not event.option.id.startswith("group-") and not quiet:
            self.post_message(AnnotationHighlighted(event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and not event.option.id.startswith("group-"):
            self.post_message(AnnotationChosen(event.option.id))

