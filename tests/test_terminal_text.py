"""The one sanitiser of text that reaches the terminal from data."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.terminal_text import lines, one_line, same_length

#: Whatever a terminal obeys: C0 and C1 controls, ESC, DEL, bidi controls, lone surrogates.
OBEYED = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

#: Pieces of hostile text: sequence introducers and terminators, their payloads, and plain letters.
PIECES = st.sampled_from([
    "\x1b", "\x1b]", "\x1b[", "\x1bP", "\x1b_", "\x1b^", "\x1bX", "\x1b\\", "\x07", "\x9b", "\x9c", "\x9d",
    "\x90", "\x98", "\x9e", "\x9f", "\x85", "\x7f", "\x00", "\r", "\n", "\t", "\x08", "52;c;", "0;", "31m", "]",
    "[", ";", "\\", "\u202e", "\u2066", "\u2069", "\u202a", "\u2028", "\ud800", "a", "Ж", "東", "👍🏽", " ",
])
HOSTILE = st.one_of(st.lists(PIECES, max_size=40).map("".join), st.text(max_size=80))
#: Text without a single character a terminal obeys (newlines aside).
PRINTABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs")).filter(lambda c: not OBEYED.match(c)
                                                                           and c not in "\u2028\u2029"))


@settings(max_examples=500, deadline=None)
@given(HOSTILE)
def test_one_line_output_holds_nothing_a_terminal_obeys_and_no_line_break(text):
    shown = one_line(text)
    assert OBEYED.search(shown) is None
    assert "\u2028" not in shown and "\u2029" not in shown


@settings(max_examples=500, deadline=None)
@given(HOSTILE)
def test_lines_keeps_only_newlines_and_tabs(text):
    shown = lines(text)
    assert OBEYED.search(shown.replace("\n", "").replace("\t", "")) is None
    assert shown.count("\n") == text.count("\n") + text.count("\u2028") + text.count("\u2029")


@settings(max_examples=500, deadline=None)
@given(HOSTILE, st.booleans())
def test_same_length_keeps_every_offset(text, keep_newlines):
    shown = same_length(text, keep_newlines)
    assert len(shown) == len(text)
    rest = shown.replace("\n", "") if keep_newlines else shown
    assert OBEYED.search(rest) is None
    # Each code point maps to one: anything safe stays where it was.
    for before, after in zip(text, shown, strict=False):
        if not OBEYED.match(before) and before not in "\u2028\u2029":
            assert before == after


@settings(max_examples=300, deadline=None)
@given(PRINTABLE)
def test_printable_text_passes_unchanged(text):
    assert one_line(text.replace("\n", " ")) == text.replace("\n", " ")
    assert lines(text) == text
    assert same_length(text) == text


@pytest.mark.parametrize("hostile, placeholder", [
    ("\x1b]52;c;cHduZWQ=\x07", "⟨OSC⟩"),   # the clipboard, ended by BEL
    ("\x1b]0;pwned\x1b\\", "⟨OSC⟩"),       # the window title, ended by ST
    ("\x9d2;pwned\x9c", "⟨OSC⟩"),          # the same by C1 bytes
    ("\x1bP1$r\x1b\\", "⟨DCS⟩"),
    ("\x1b_app\x07", "⟨APC⟩"),
    ("\x1b[2J", "⟨CSI⟩"),
    ("\x9b31m", "⟨CSI⟩"),
    ("\x1bc", "⟨ESC⟩"),
    ("\u202e", "⟨U+202E⟩"),
    ("\x85", "⟨U+0085⟩"),
    ("\x07", "␇"),
])
def test_a_whole_sequence_shows_as_one_placeholder(hostile, placeholder):
    assert one_line(f"before {hostile} after") == f"before {placeholder} after"
    assert lines(f"before {hostile} after") == f"before {placeholder} after"


def test_an_unterminated_sequence_ends_with_its_line_and_a_lone_escape_is_shown():
    assert one_line("before \x1b]0;pwned after") == "before ⟨OSC⟩"
    assert lines("before \x1b]0;pwned\nafter") == "before ⟨OSC⟩\nafter"
    assert one_line("end\x1b") == "end␛"


def test_line_breaks_are_shown_on_one_line_and_kept_in_lines():
    assert one_line("a\nb\r\nc\td") == "a␊b␍␊c d"
    assert lines("a\nb\tc\x08") == "a\nb\tc␈"


def test_same_length_shows_the_sequence_as_plain_text():
    assert same_length("x\x1b]0;pwned\x07y") == "x␛]0;pwned␇y"
    assert same_length("\u202eevil\x9d") == "\ufffdevil\ufffd"
    assert same_length("a\tb\nc") == "a b\nc"
    assert same_length("a\nb", keep_newlines=False) == "a␊b"
