from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.ui.widgets import layout
from tui.ui.widgets.layout import column_to_offset, display_text, wrap


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=" ab.-xyz’“”éЖ", max_size=200), width=st.integers(1, 40))
def test_ascii_fast_path_wraps_like_the_general_one(text, width):
    fast_starts, fast_ends, slow_starts, slow_ends = [], [], [], []
    if text:
        layout._wrap_ascii_line(text, 0, len(text), width, fast_starts, fast_ends)
        layout._wrap_general(text, 0, len(text), width, slow_starts, slow_ends)
    assert (fast_starts, fast_ends) == (slow_starts, slow_ends)


@settings(max_examples=200, deadline=None)
@given(
    text=st.lists(st.sampled_from(list("ab \n.東京👍🏽é\u0301م\t") + ["👩\u200d👩\u200d👧"]), max_size=150).map(
        "".join
    ),
    width=st.integers(2, 30),
)
def test_lines_cover_the_text_and_fit(text, width):
    shown = display_text(text)
    lines = wrap(shown, width)
    assert lines.starts[0] == 0 and lines.ends[-1] == len(shown)
    for index in range(len(lines) - 1):
        end, following = lines.ends[index], lines.starts[index + 1]
        soft_break = following == end
        hard_break = following == end + 1 and shown[end] == "\n"
        assert soft_break or hard_break
    for start, end in zip(lines.starts, lines.ends, strict=True):
        assert "\n" not in shown[start:end]
        # trailing spaces may hang past the edge; nothing else does, except a
        # single grapheme wider than the line
        visible = shown[start:end].rstrip(" ")
        assert cell_len(visible) <= max(width, 2)


def test_display_text_keeps_length_and_hides_controls():
    text = "a\tb\x07c\u2028d\r"
    shown = display_text(text)
    assert len(shown) == len(text)
    assert shown[1] == " " and shown[3] == "\u2407" and shown[5] == " "


def test_columns_map_back_to_offsets_over_wide_characters():
    line = "東京 is"
    assert column_to_offset(line, 100, 0) == 100
    assert column_to_offset(line, 100, 2) == 101  # the second ideograph
    assert column_to_offset(line, 100, 3) == 101
    assert column_to_offset(line, 100, 5) == 103


def test_arrows_stop_at_each_line_break_after_wide_or_accented_letters():
    """Rich counts a line break as zero-width and joins it to the letter before;
    the caret must still stop on it (after "。" it skipped the paragraph break)."""
    from tui.ui.widgets.layout import grapheme_step

    text = "述べた。\n\nThe end é\n\n👩‍👩‍👧\tz"
    forward = [0]
    while forward[-1] < len(text):
        forward.append(grapheme_step(text, forward[-1], forward=True))
    family = text.index("👩")
    assert forward == [*range(0, family + 1), family + len("👩‍👩‍👧"), len(text) - 1, len(text)]
    backward = [len(text)]
    while backward[-1] > 0:
        backward.append(grapheme_step(text, backward[-1], forward=False))
    assert backward[::-1] == forward


@settings(max_examples=200, deadline=None)
@given(
    # no lone combining mark: a zero-width grapheme at a line's start has no column of its own, tags or not
    text=st.lists(st.sampled_from(list("ab \n.東京é") + ["e\u0301", "👩\u200d👩\u200d👧", "word"]),
                  max_size=120).map("".join),
    width=st.integers(4, 30),
    tag_widths=st.lists(st.integers(1, 12), max_size=6),
    data=st.data(),
)
def test_reserved_cells_keep_every_offset_exact(text, width, tag_widths, data):
    """Cells reserved after words (attribution tags): the lines still cover the
    text, and every offset maps to a column and back to itself."""
    from tui.ui.widgets.attribution_tags import word_end

    shown = display_text(text)
    ends = sorted({word_end(shown, data.draw(st.integers(1, len(shown)))) for _ in tag_widths} if shown else set())
    extras = {end: cells for end, cells in zip(ends, tag_widths, strict=False)
              if end > 0 and shown[end - 1] not in " \n"}
    lines = wrap(shown, width, extras)
    assert lines.starts[0] == 0 and lines.ends[-1] == len(shown)
    for line in range(len(lines)):
        start, end = lines.starts[line], lines.ends[line]
        for offset in range(start, end + 1):
            if offset == end and line + 1 < len(lines) and lines.starts[line + 1] == end:
                continue  # a soft-wrapped line's end is the next line's start
            if offset < len(shown) and offset > start and len(shown[start:offset]) > 0 and \
                    layout.grapheme_step(shown, layout.grapheme_step(shown, offset, False), True) != offset:
                continue  # inside a grapheme: never a caret position
            column = lines.column_of(line, shown, offset)
            assert lines.offset_at(line, shown, column) == offset, (line, offset, column)
    # every reserved position is drawn on exactly one line, after its word
    for position in extras:
        owners = [i for i in range(len(lines)) if position in lines.extras_in(lines.starts[i], lines.ends[i])]
        assert len(owners) == 1
