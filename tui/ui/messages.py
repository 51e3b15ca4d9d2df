"""Messages widgets send upward to the app."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class CaretMoved(Message):
    """The caret or the selection in the article changed."""

    offset: int


@dataclass
class AnnotationHighlighted(Message):
    """A row of the sidebar was highlighted: show that annotation."""

    span_id: str


@dataclass
class AnnotationChosen(Message):
    """A row of the sidebar was chosen (Enter): go to that annotation."""

    span_id: str


@dataclass
class SpanResized(Message):
    """The user dragged an end of an annotation: it should now cover [start, end)."""

    span_id: str
    start: int
    end: int
