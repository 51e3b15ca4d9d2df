"""Find that forgives: case, accents, NFC/NFD, apostrophes, quotes and
dashes folded for matching; the match is the original characters."""

from __future__ import annotations

import time
import unicodedata

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tui.folding import find_all, fold, folded_text
from tui.loading import find_articles
from tui.schema import DEFAULT_SCHEMA
from tui.store import Store
from tui.text_units import find
from tui.workspace import Workspace


def test_typewriter_apostrophe_finds_the_typographic_one():
    text = "The mayor said we’ll reopen the bridge."
    start, end = find(text, "we'll reopen", 0)
    assert text[start:end] == "we’ll reopen"


def test_plain_letters_find_turkish_and_other_letters_without_accents():
    text = "Interview with Ayşe Yılmaz, Søren Kierkegaard's heir, Łukasz and Straße."
    for query, original in [("Ayse Yilmaz", "Ayşe Yılmaz"), ("soren", "Søren"), ("lukasz", "Łukasz"),
                            ("strasse", "Straße"), ("AYŞE", "Ayşe")]:
        start, end = find(text, query, 0)
        assert text[start:end] == original


def test_a_typed_name_finds_it_written_with_combining_accents_and_the_accents_are_selected():
    decomposed = unicodedata.normalize("NFD", "Police named José Martínez on Monday.")
    start, end = find(decomposed, "José Martínez", 0)
    assert decomposed[start:end] == unicodedata.normalize("NFD", "José Martínez")
    assert decomposed[end] == " "


def test_quotes_dashes_and_line_breaks_are_forgiven_and_offsets_stay_exact():
    text = "🎉 Emoji first. He called it «a so‑called “reform”» —\r\na word war."
    start, end = find(text, '"reform"', 0)
    assert text[start:end] == "“reform”"
    start, end = find(text, "so-called", 0)
    assert text[start:end] == "so‑called"
    start, end = find(text, "- a word", 0)
    assert text[start:end] == "—\r\na word"


def test_half_of_a_folded_letter_is_not_a_match():
    assert find("Straße", "strasse", 0) == (0, 6)
    assert find_all("Straße", "s") == [(0, 1)]  # not the first half of ß


def test_find_next_and_previous_wrap_around_over_folded_text():
    text = "Ayşe, then AYSE, then ayse."
    spans = find_all(text, "ayse")
    assert spans == [(0, 4), (11, 15), (22, 26)]
    assert find(text, "ayse", 4) == (11, 15)
    assert find(text, "ayse", 23) == (0, 4)
    assert find(text, "ayse", 11, backwards=True) == (0, 4)
    assert find(text, "ayse", 0, backwards=True) == (22, 26)


def test_corpus_find_forgives_too(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.txt").write_text("Minister Ayşe Yılmaz resigned.\n", encoding="utf-8")
    (folder / "two.txt").write_text("Nothing here.\n", encoding="utf-8")
    (folder / "three.txt").write_text("AYSE YILMAZ denied it.\n", encoding="utf-8")
    workspace = Workspace(find_articles([folder]), Store(tmp_path / "store"), "alice", DEFAULT_SCHEMA)
    matches = workspace.find_everywhere("ayse yilmaz")
    assert sorted(match.matched for match in matches) == ["AYSE YILMAZ", "Ayşe Yılmaz"]


pieces = st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(
    list("ßıøŁæ’“—\u0301\u0308e \nﬁİ한") + ["e\u0301"])
texts = st.lists(pieces, max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts, st.data())
def test_a_found_range_folds_to_the_query(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    query = text[start:end]
    assume(fold(query).split())
    found = find(text, query, 0)
    assert found is not None
    begin, finish = found
    assert 0 <= begin < finish <= len(text)
    assert fold(text[begin:finish]).split() == fold(query).split()


def test_find_in_a_five_megabyte_article_is_quick():
    paragraph = "Ayşe Yılmaz said the ministry’s plan — «a reform» — would cost 5 million złoty. " * 3
    text = (paragraph + "\n\n") * (5_000_000 // (len(paragraph) + 2)) + "the needle at the end"
    started = time.perf_counter()
    assert find(text, "needle AT the", 0) is not None
    first = time.perf_counter() - started
    started = time.perf_counter()
    assert find(text, "NEEDLE", 10) is not None
    again = time.perf_counter() - started
    assert folded_text(text).folded.endswith("the needle at the end")
    assert first < 2.0 and again < 0.5, (first, again)
