"""Fuzz of what the widgets draw from data: a span whose text, label,
attributes and note are hostile, described as in the sidebar, the pickers and
the review; any Rich line drawn as a strip."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.style import Style
from rich.text import Text

from tests.hostile_input import C1_TITLE, CSI, OBEYED, OSC52, RLO, TITLE
from tui.model import QUOTE, Annotations, Relation, Span
from tui.schema import DEFAULT_SCHEMA
from tui.ui.widgets.describe import describe, fold, shorten
from tui.ui.widgets.text_lines import text_strip

HOSTILE = st.lists(st.sampled_from([OSC52, TITLE, C1_TITLE, CSI, RLO, "\u2069", "\x1b", "\x9b", "\x9c", "\x07", "\x7f",
                                    "\r", "\n", "\t", "\x85", "\u2028", "Jane", "東京", "👍🏽", " ", "[b]", "“"]),
                   max_size=12).map("".join)
CONSOLE = Console(width=80, color_system="truecolor", legacy_windows=False)


def drawn(line: Text, width: int) -> str:
    strip = text_strip(line, CONSOLE, width, Style())
    assert strip.cell_length == width
    return "".join(segment.text for segment in strip)


@settings(max_examples=200, deadline=None)
@given(text=HOSTILE, label=HOSTILE, speaker=HOSTILE, note=HOSTILE, kind_attr=HOSTILE, width=st.integers(10, 90))
def test_a_hostile_span_is_described_without_escapes(text, label, speaker, note, kind_attr, width):
    quote = Span("s1", 0, max(1, len(text)), label or "QUOTE", QUOTE, text or "x", {"note": note, "type": kind_attr})
    person = Span("s2", 0, max(1, len(speaker)), "PERSON", "entity", speaker or "x")
    annotations = Annotations([quote, person], [Relation("r1", "s1", "s2", "speaker")])
    line = describe(quote, annotations, DEFAULT_SCHEMA)
    assert OBEYED.search(line.plain) is None  # clean before it is drawn
    assert OBEYED.search(drawn(line, width)) is None


@settings(max_examples=200, deadline=None)
@given(value=HOSTILE, limit=st.integers(2, 60))
def test_shortened_and_folded_data_is_one_clean_line(value, limit):
    for shown in (shorten(value, limit), fold(value)):
        assert OBEYED.search(shown) is None and "\n" not in shown


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(st.tuples(HOSTILE, st.sampled_from(["", "bold", "red on white"])), max_size=5),
       width=st.integers(1, 90))
def test_any_line_drawn_as_a_strip_is_clean_and_fills_its_width(pieces, width):
    """The last net: Rich text built from raw data, styles and all, drawn by ``text_strip``."""
    line = Text()
    for value, style in pieces:
        line.append(value, style=style)
    shown = drawn(line, width)
    assert OBEYED.search(shown) is None
    assert cell_len(shown) == width
