"""The attribution figures, on a small brat folder whose figures are known by
construction (gold written here, suggestions made by hand)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.formats.helpers import attribution_ann
from tui.attribution_eval import (
    DESCRIPTION,
    NAME,
    PRONOUN,
    Figures,
    evaluate,
    load_gold,
    measure_speed,
    quoted_words,
    sized_articles,
    source_kind,
    table,
)
from tui.formats.brat_attribution import is_direct
from tui.suggest import Suggestion

REPO = Path(__file__).resolve().parents[1]
TEXT = (
    "“We will not back down from this fight,” Jane Doe said on Monday. “The talks are over for good.”\n\n"
    "“Prices will rise next year,” a spokeswoman for the bank warned.\n\n"
    "“It is a very sad day,” he added.\n\n"
    "The minister announced that the plan had failed.\n\n"
    "Officials insisted the border would stay closed, as officials do.\n\n"
    "Smith called the deal “a disgrace”.\n\n"
    "The weather was cold and grey.\n\n"
    "''This is the end of an era,'' Brown wrote.\n"
)
GOLD = [
    {"source": "Jane Doe", "cue": "said", "content": ["“We will not back down from this fight,”",
                                                      "“The talks are over for good.”"]},
    {"source": "a spokeswoman for the bank", "cue": "warned", "content": "“Prices will rise next year,”"},
    {"source": "he", "cue": "added", "content": "“It is a very sad day,”"},
    {"source": "The minister", "cue": "announced", "content": "that the plan had failed"},
    {"source": "Officials", "cue": "insisted", "content": "the border would stay closed"},
    {"source": "Smith", "cue": "called", "content": "the deal “a disgrace”"},
    {"source": "Brown", "cue": "wrote", "content": "''This is the end of an era,''"},
]


def at(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def made(phrase: str, kind: str = "quote", speaker: str | None = None, **attrs) -> Suggestion:
    start, end = at(phrase)
    return Suggestion(start, end, kind.upper(), kind, phrase, attrs or {"type": "direct"},
                      speaker=at(speaker) if speaker else None, speaker_text=speaker or "")


SUGGESTED = [
    made("We will not back down from this fight,", speaker="Jane Doe"),  # found, the named source
    made("The talks are over for good."),  # found, the split quote's second half: no speaker
    made("Prices will rise next year,", speaker="spokeswoman"),  # found, overlaps the description
    made("It is a very sad day,", speaker="Jane Doe"),  # found, a pronoun's quote
    made("weather was cold and grey"),  # a direct quote that is none
    made("a disgrace"),  # two words: not counted
    made("that the plan had failed", type="indirect", speaker="minister"),  # indirect, found, right speaker
    made("The weather was cold and grey.", kind="claim", speaker="Smith", type=None),  # a claim with a source: wrong
]


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "news.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "news.ann").write_text(attribution_ann(TEXT, GOLD), encoding="utf-8")
    return tmp_path


def test_figures_known_by_construction(corpus):
    documents = load_gold(corpus)
    assert len(documents) == 1 and len(documents[0].quotes) == 7
    figures = evaluate(documents, suggester=lambda text: SUGGESTED)
    assert figures.ratios() == {
        "direct_partial_precision": 0.8,  # 4 of the 5 direct suggestions of 3+ words overlap gold
        "direct_partial_recall": 0.75,  # 3 of 4 gold direct quotes of 3+ quoted words (not ''…'')
        "found_with_speaker": 0.75,  # 3 of 4 found
        "named_source_right": 0.5,  # Jane Doe's two halves: one right, one without a speaker
        "description_overlap": 1.0,
        "indirect_partial_precision": 0.5,
        "indirect_partial_recall": 0.5,  # the minister's, not the officials'
        "indirect_speaker_overlap": 1.0,
    }
    assert (figures.pronoun, figures.no_source, figures.indirect_gold, figures.indirect_suggested_claims) == (
        1,
        0,
        2,
        1,
    )
    assert "found quotes offered a speaker" in table(figures) and "3/4" in table(figures)
    shown = evaluate(documents, suggester=lambda text: SUGGESTED, figures=Figures(keep_examples=5)).examples
    brown = TEXT.index("''This")
    assert shown["direct quote missed"] == [f"news@{brown}: " + repr("''This is the end of an era,''")]
    assert shown["found quote without a speaker"][0].endswith("(gold: 'Jane Doe')")
    assert "the border would stay closed" in shown["indirect attribution missed"][0]


def test_a_speaker_elsewhere_named_the_same_is_right(corpus):
    later = TEXT.replace("Brown wrote.", "Brown wrote. Jane Doe agreed.")
    (corpus / "news.txt").write_text(later, encoding="utf-8")
    (corpus / "news.ann").write_text(attribution_ann(later, GOLD[:1]), encoding="utf-8")
    start = later.index("Doe agreed")
    other = Suggestion(*at("We will not back down from this fight,"), "QUOTE", "quote",
                       "We will not back down from this fight,", {"type": "direct"}, speaker=(start, start + 3))
    assert evaluate(load_gold(corpus), suggester=lambda text: [other]).named_right == 1


@pytest.mark.parametrize("source, kind", [
    ("Jane Doe", NAME), ("a spokeswoman for the bank", DESCRIPTION), ("he", PRONOUN),
    ("The minister", DESCRIPTION), ("Officials", DESCRIPTION), ("Smith", NAME),
])
def test_source_kinds(source, kind):
    assert source_kind(TEXT, *at(source)) == kind


@pytest.mark.parametrize("text, kind", [
    ("Republican nominee Mike Pence said so.", NAME),
    ("Ryan Ellis, a tax consultant, said so.", NAME),
    ("The New York Post reports it.", NAME),
    ("A spokeswoman for Hillary Clinton said so.", DESCRIPTION),
    ("Trump's campaign said so.", DESCRIPTION),
])
def test_source_kinds_of_longer_sources(text, kind):
    source = text.rsplit(" said", 1)[0].rsplit(" reports", 1)[0]
    assert source_kind(text, 0, len(source)) == kind


def test_direct_content_and_its_quoted_words():
    assert is_direct(TEXT, *at("“Prices will rise next year,”"))
    assert is_direct(TEXT, *at("Prices will rise next year,"))  # marks beside it
    assert not is_direct(TEXT, *at("that the plan had failed"))
    after_a_quote = "“Yes.”\n\nThe plan failed."
    assert not is_direct(after_a_quote, after_a_quote.index("The"), len(after_a_quote))
    assert quoted_words(TEXT, [at("the deal “a disgrace”")]) == 2
    assert quoted_words(TEXT, [at("Prices will rise next year,")]) == 5


def test_speed_is_measured_on_five_kilobyte_articles():
    articles = sized_articles([TEXT, "One line only."])
    assert all(4900 <= len(article) <= 5200 for article in articles)
    calls = []
    speed = measure_speed([TEXT], suggester=lambda text: calls.append(len(text)) or [], runs=2)
    assert speed.articles == 1 and speed.articles_per_second > 0 and speed.baseline_per_second > 0
    assert speed.wall_per_second > 0
    assert len(calls) == 3 and calls[0] >= 4900  # a warm-up and two timed runs


def test_the_command_prints_a_table_or_json(corpus):
    script = [sys.executable, str(REPO / "benchmarks" / "attribution.py")]
    done = subprocess.run([*script, str(corpus), "--json", "--runs", "1"], capture_output=True, text=True,
                          cwd=REPO, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["counts"]["direct_gold"] == 4 and result["speed"]["articles"] == 1
    assert 0 <= result["figures"]["direct_partial_recall"] <= 1
    done = subprocess.run(
        [*script, str(corpus / "missing")], capture_output=True, text=True, cwd=REPO, timeout=60, check=False
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
