from __future__ import annotations

import pytest

from tui.text_units import find, is_direct_quote, snap, word_at

SEED_LINE = "Maj. Gen. Christopher Ghika, the coalition’s deputy commander, said “now less than one percent.”"


def cut(text, bounds):
    return text[bounds[0]:bounds[1]]


@pytest.mark.parametrize(
    "selected, kind, expected",
    [
        ("hristopher Gh", "entity", "Christopher Ghika"),
        ("Ghika, ", "entity", "Ghika"),
        (" the coalition", "entity", "the coalition"),
        ("deputy commander,", "entity", "deputy commander"),
        ("“now less than one percent.”", "quote", "now less than one percent."),
        ("Gen.", "entity", "Gen."),
        ("Maj", "entity", "Maj"),
    ],
)
def test_snap_cleans_sloppy_selections(selected, kind, expected):
    start = SEED_LINE.index(selected)
    assert cut(SEED_LINE, snap(SEED_LINE, start, start + len(selected), kind)) == expected


def test_snap_does_not_swallow_a_run_of_cjk():
    text = "東京都の小池百合子知事は述べた"
    start = text.index("小池")
    assert cut(text, snap(text, start, start + 5)) == "小池百合子"


def test_snap_off_keeps_the_selection_exactly():
    start = SEED_LINE.index("hristopher")
    assert snap(SEED_LINE, start, start + 5, "entity", mode="off") == (start, start + 5)


def test_entity_full_stop_is_dropped_unless_abbreviation():
    text = "He lives in Beirut. The U.S. said so."
    s = text.index("Beirut")
    assert cut(text, snap(text, s, s + 7)) == "Beirut"
    u = text.index("U.S.")
    assert cut(text, snap(text, u, u + 4)) == "U.S."


@pytest.mark.parametrize(
    "text, at, word",
    [
        ("東京都の知事", 2, "都"),
        ("met محمد بن سلمان today", 6, "محمد"),
        ("café\u0301 co-op", 2, "café\u0301"),
        ("we 👩‍👩‍👧 cheer", 4, "👩‍👩‍👧"),
    ],
)
def test_words_in_any_script(text, at, word):
    assert cut(text, word_at(text, at)) == word


def test_find_ignores_case_and_line_breaks_and_wraps():
    text = "Syrian Observatory\nfor Human Rights ... the syrian observatory"
    first = find(text, "syrian observatory for", 0)
    assert cut(text, first) == "Syrian Observatory\nfor"
    second = find(text, "syrian observatory", first[1])
    assert second[0] > first[0]
    assert find(text, "syrian observatory", second[1]) == find(text, "syrian observatory", 0)
    assert find(text, "syrian observatory", second[0], backwards=True)[0] == 0
    assert find(text, "missing", 0) is None


def test_direct_quote_detection():
    text = "He said “we won” and that they would win."
    s = text.index("we won")
    assert is_direct_quote(text, s, s + 6)
    t = text.index("they would win")
    assert not is_direct_quote(text, t, t + len("they would win"))


def test_an_entity_leaves_out_the_dash_of_a_dateline():
    from tui.text_units import snap

    text = "PORTVALE - The council met. Leaders – Ana and Bo – spoke."
    start, end = snap(text, 0, text.index("The"), "entity")
    assert text[start:end] == "PORTVALE"
    ana = text.index("– Ana")
    start, end = snap(text, ana, ana + len("– Ana"), "entity")
    assert text[start:end] == "Ana"
    # a hyphen inside a name stays, and quotes keep their dashes
    assert text[slice(*snap(text, 0, 8, "entity"))] == "PORTVALE"
    start, end = snap(text, ana, ana + len("– Ana and Bo –"), "quote")
    assert text[start:end] == "– Ana and Bo –"
