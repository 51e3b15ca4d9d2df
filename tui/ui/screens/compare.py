"""The compare view: the article with the student's work against the key,
matched, inexact, wrong label, missed, extra, wrong speaker and wrong source
each in a colour."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from ...compare import COMPARE_SCHEMA, Comparison
from ..messages import AnnotationChosen, AnnotationHighlighted, CaretMoved
from ..widgets.annotation_list import AnnotationList
from ..widgets.article_view import ArticleView
from ...terminal_text import one_line
from ..widgets.describe import label_badge


class CompareScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,ctrl+k", "close", "Back to annotating"),
        Binding("right_square_bracket", "step(1)", "Next", key_display="]"),
        Binding("left_square_bracket", "step(-1)", "Prev", key_display="["),
    ]

    DEFAULT_CSS = """
    CompareScreen #compare-main { height: 1fr; }
    CompareScreen #compare-side { width: 45%; }
    CompareScreen #compare-score { height: auto; padding: 0 1; }
    CompareScreen #compare-detail { height: auto; max-height: 6; padding: 0 1; }
    CompareScreen #compare-list { height: 1fr; }
    CompareScreen #compare-keys { dock: bottom; height: 1; }
    """

    def __init__(self, text: str, comparison: Comparison, title: str):
        super().__init__()
        self._text = text
        self._comparison = comparison
        self._title = title

    def compose(self) -> ComposeResult:
        yield Static(id="compare-score")
        with Horizontal(id="compare-main"):
            yield ArticleView(id="compare-article")
            with Vertical(id="compare-side"):
                yield Static(id="compare-legend")
                yield AnnotationList(id="compare-list")
                yield Static(id="compare-detail")
        # Text, not markup: "] [" are the keys themselves.
        yield Static(Text.assemble((" Esc ", "bold"), " back to annotating   ", (" ] [ ", "bold"),
                                   " next / previous difference   ", (" Tab ", "bold"), " the list"), id="compare-keys")

    def on_mount(self) -> None:
        comparison = self._comparison
        header = Text(f"Compared with the key: {one_line(self._title)}\n", style="bold")
        header.append(comparison.score_line())
        self.query_one("#compare-score", Static).update(header)
        legend = Text()
        for label in COMPARE_SCHEMA.labels:
            legend.append_text(label_badge(label.name.lower().replace("-", " "), label.color))
            legend.append(" ")
        self.query_one("#compare-legend", Static).update(legend)
        article = self.query_one(ArticleView)
        article.load(self._text, comparison.spans, COMPARE_SCHEMA)
        order = {label.name: n for n, label in enumerate(COMPARE_SCHEMA.labels)}
        ids = [s.id for s in sorted(comparison.spans.spans(), key=lambda s: (order[s.label], s.start))]
        self.query_one(AnnotationList).set_rows([(i, None) for i in ids], self._describe, ids[0] if ids else None)
        article.focus()

    def _describe(self, span_id: str) -> Text:
        span = self._comparison.spans.span(span_id)
        label = COMPARE_SCHEMA.label(span.label)
        line = label_badge(span.label.lower().replace("-", " "), label.color if label else "#9a9996")
        line.append(" " + one_line(self._comparison.what.get(span_id, span.text)))
        return line

    def _show(self, span_id: str) -> None:
        span = self._comparison.spans.get(span_id)
        if span:
            article = self.query_one(ArticleView)
            article.emphasised = span.id
            article.move_caret(span.start, centre=True)
            self.query_one(AnnotationList).highlight_span(span.id)
            self.query_one("#compare-detail", Static).update(self._describe(span.id))

    def on_caret_moved(self, message: CaretMoved) -> None:
        message.stop()  # this screen's own article: nothing for the app's
        under = self._comparison.spans.at(message.offset)
        article = self.query_one(ArticleView)
        if under and article.emphasised != under[0].id:
            article.emphasised = under[0].id
            article.redraw()
            self.query_one(AnnotationList).highlight_span(under[0].id)
            self.query_one("#compare-detail", Static).update(self._describe(under[0].id))

    def on_annotation_highlighted(self, message: AnnotationHighlighted) -> None:
        message.stop()
        self._show(message.span_id)

    def on_annotation_chosen(self, message: AnnotationChosen) -> None:
        message.stop()
        self._show(message.span_id)

    def action_step(self, direction: int) -> None:
        article = self.query_one(ArticleView)
        spans = self._comparison.spans
        span = spans.next_after(article.caret) if direction > 0 else spans.previous_before(article.caret)
        if span:
            self._show(span.id)

    def action_close(self) -> None:
        self.dismiss(None)
