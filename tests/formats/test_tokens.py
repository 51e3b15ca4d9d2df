from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.formats.tokenizer import spacy_available, tokenize
from tui.formats.tokens import bio_labels, bio_sentences
from tui.model import Span

from .helpers import ALPHABET


def words(text, **kw):
    return [text[s:e] for s, e in tokenize(text, **kw)]


def span(text, part, label="PERSON", kind="entity", nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Span(f"s{start}{label}", start, start + len(part), label, kind, part)


BACKENDS = [pytest.param(True, id="spacy"), pytest.param(False, id="rules")]

#: What either tokenizer must keep whole, and split, the same way.
CASES = [
    (
        "It rose 99.5% to 37,000 on Feb. 3, 2024.",
        ["It", "rose", "99.5", "%", "to", "37,000", "on", "Feb.", "3", ",", "2024", "."],
    ),
    (
        "Maj. Gen. Smith of the U.S. Army and J. R. Doe of Acme Corp. (e.g. here).",
        [
            "Maj.", "Gen.", "Smith", "of", "the", "U.S.", "Army", "and", "J.", "R.", "Doe", "of", "Acme", "Corp.", "(",
            "e.g.", "here", ")", ".",
        ],
    ),
    (
        "See https://example.org/a?b=1, or www.example.com/news. Mail jane.doe@example.org.",
        [
            "See", "https://example.org/a?b=1", ",", "or", "www.example.com/news", ".", "Mail", "jane.doe@example.org",
            ".",
        ],
    ),
    (
        "🇸🇾🇺🇸 👩\u200d👩\u200d👧 👍🏽. ❤️ 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f café\u0301",
        [
            "🇸🇾", "🇺🇸", "👩\u200d👩\u200d👧", "👍🏽", ".", "❤️",
            "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", "café\u0301",
        ],
    ),
    (
        "A well-known co-op, COVID-19, the 1990-91 season; Zoë’s car won't start, don’t ask.",
        [
            "A", "well-known", "co-op", ",", "COVID-19", ",", "the", "1990", "-", "91", "season", ";", "Zoë", "’s",
            "car", "wo", "n't", "start", ",", "do", "n’t", "ask", ".",
        ],
    ),
]


@pytest.mark.parametrize("use_spacy", BACKENDS)
@pytest.mark.parametrize("text, expected", CASES)
def test_tokens_keep_numbers_abbreviations_urls_emoji_and_hyphens_whole(text, expected, use_spacy):
    if use_spacy and not spacy_available():
        pytest.skip("spaCy is not installed")
    assert words(text, use_spacy=use_spacy) == expected


def test_entity_edges_cut_tokens():
    assert words("Obama's visit", cuts=[5]) == ["Obama", "'s", "visit"]
    assert words("co-op", cuts=[2]) == ["co", "-op"]


@pytest.mark.parametrize("use_spacy", BACKENDS)
@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(ALPHABET + ["-", "'", ".", "5", "🇸", "🇾", "@", "/"]), max_size=50),
       cuts=st.lists(st.integers(0, 50)))
def test_tokens_map_back_and_cover_every_non_space(text, cuts, use_spacy):
    if use_spacy and not spacy_available():
        pytest.skip("spaCy is not installed")
    tokens = tokenize(text, cuts=cuts, use_spacy=use_spacy)
    assert all(0 <= s < e <= len(text) for s, e in tokens)
    assert all(a[1] <= b[0] for a, b in pairwise(tokens))
    covered = {i for s, e in tokens for i in range(s, e)}
    assert covered == {i for i, c in enumerate(text) if not c.isspace()}
    assert all(text[s:e].strip() == text[s:e] for s, e in tokens)


def test_sentences_and_bio():
    text = "Mr. Jane Doe arrived in the U.S. today. She spoke.\n\nNew paragraph here"
    sentences = bio_sentences(text, [span(text, "Jane Doe"), span(text, "U.S.", "LOC")])
    assert [" ".join(t.text for t in s) for s in sentences] == [
        "Mr. Jane Doe arrived in the U.S. today .", "She spoke .", "New paragraph here"]
    tags = {t.text: t.tag for t in sentences[0]}
    assert tags["Jane"] == "B-PERSON" and tags["Doe"] == "I-PERSON" and tags["U.S."] == "B-LOC"
    text = "Maj. Smith spoke on Feb. 3 in the U.S. Senate. Then he left."
    assert [" ".join(t.text for t in s) for s in bio_sentences(text, [])] == [
        "Maj. Smith spoke on Feb. 3 in the U.S. Senate .", "Then he left ."]


def test_a_sentence_never_ends_inside_an_entity():
    text = "Visit Yahoo! Inc. now."
    sentences = bio_sentences(text, [span(text, "Yahoo! Inc.", "ORG")])
    assert len(sentences) == 1


def test_overlaps_keep_the_longest_and_say_so():
    text = "The Bank of England said so."
    dropped, adjusted = [], []
    sentences = bio_sentences(text, [span(text, "England", "LOC"), span(text, "Bank of England", "ORG"),
                                     span(text, "said so", "QUOTE", "quote")], dropped, adjusted)
    assert [t.tag for t in sentences[0]] == ["O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "O"]
    assert len(dropped) == 1 and "England" in dropped[0] and "Bank of England" in dropped[0]
    edge = bio_sentences("a  b", [Span("s", 1, 3, "X", "entity", "  ")], dropped, adjusted)
    assert [t.tag for t in edge[0]] == ["O", "O"] and "holds no token" in dropped[-1]
    bio_sentences("ab cd", [Span("s", 0, 3, "X", "entity", "ab ")], dropped, adjusted)
    assert "does not start and end on tokens" in adjusted[-1]


def test_label_list():
    assert bio_labels(["PER", "LOC", "PER"]) == ["O", "B-LOC", "I-LOC", "B-PER", "I-PER"]
