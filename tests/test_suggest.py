"""The built-in suggester, its storage and command, and how good it is."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.cli import main
from tui.loading import read_article
from tui.model import Annotations, make_span
from tui.schema import DEFAULT_SCHEMA, Label, Schema
from tui.store import Store
from tui.suggest import Suggestion, suggest
from tui.suggest.evaluate import Evaluation, SpeakerScores, score_document, score_speakers
from tui.suggest.storage import read_suggestions, split_stale, suggestions_path, write_suggestions

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_0d67f1ad6aabe61d.txt"
CORPORA = REPO / ".." / "shared" / "corpora"
CONLL = CORPORA / "brat-conll2002-esp"


def by_label(suggestions, label):
    return [s for s in suggestions if s.label == label]


def texts(suggestions, label):
    return [s.text for s in suggestions if s.label == label]


def one(suggestions, label, text):
    found = [s for s in suggestions if s.label == label and s.text == text]
    assert len(found) == 1, (label, text, [(s.label, s.text) for s in suggestions])
    return found[0]


def consistent(text, suggestions):
    for s in suggestions:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text
        if s.speaker:
            assert 0 <= s.speaker[0] < s.speaker[1] <= len(text)
            assert text[s.speaker[0]:s.speaker[1]] == s.speaker_text


# ---------------------------------------------------------------------------
# Quotes


def test_curly_quote_without_marks_with_speaker_after():
    text = "“We will not leave until the job is done,” said Maria Lopez, the mayor."
    found = suggest(text)
    quote = one(found, "QUOTE", "We will not leave until the job is done")
    cue = text.index("said")
    assert quote.kind == "quote" and quote.attrs == {
        "type": "direct",
        "cue": {"start": cue, "end": cue + 4, "text": "said"},
    }
    assert quote.speaker_text == "Maria Lopez"
    assert "inside quotation marks" in quote.reason
    consistent(text, found)


@pytest.mark.parametrize("marks", ["“”", "«»", "„“", "‘’", '""', "「」"])
def test_every_kind_of_quotation_mark(marks):
    text = f"Officials said: {marks[0]}The talks have failed again today{marks[1]} on Monday."
    assert texts(suggest(text), "QUOTE") == ["The talks have failed again today"]


def test_apostrophes_are_not_quotes():
    text = "The army’s chief said the rebels won’t stop, and it’s the people’s choice."
    assert [q.text for q in by_label(suggest(text), "QUOTE") if q.attrs["type"] == "direct"] == []


def test_scare_quotes_are_skipped():
    text = "The group’s “caliphate” has shrunk, and its so-called “Islamic police” left."
    assert texts(suggest(text), "QUOTE") == []


def test_quote_over_paragraphs_news_style():
    text = (
        "Smith said: “The first part of the statement goes on here.\n\n"
        "“And the second paragraph ends the quotation,” he added.\n"
    )
    found = suggest(text)
    quote = one(found, "QUOTE", text[text.index("The first"):text.index(",” he")])
    assert "over 2 paragraphs" in quote.reason
    assert quote.speaker_text == "Smith"


def test_unclosed_quote_ends_with_its_paragraph():
    text = "Ghika described it as “now less than one percent of the caliphate.\n\nThe coalition said so."
    quote = one(suggest(text), "QUOTE", "now less than one percent of the caliphate.")
    assert "not closed" in quote.reason


def test_straight_quote_over_lines_in_one_sentence_per_line_text():
    text = ('"Ojalá que viniera Luis al Atlético.\nSería un orgullo para todos nosotros.\n'
            'No se puede decir nada en su contra ", declaró Zambrano.\nEl técnico se fue.')
    quote = one(suggest(text), "QUOTE", text[1:text.index(' ",')])
    assert quote.speaker_text == "Zambrano"


# ---------------------------------------------------------------------------
# Speakers


@pytest.mark.parametrize("text, speaker", [
    ("“The vote was rigged from the start,” Ana Ruiz said on Monday.", "Ana Ruiz"),
    ("“The vote was rigged from the start,” said Ana Ruiz.", "Ana Ruiz"),
    ("Ana Ruiz, the opposition leader, said: “The vote was rigged from the start.”", "Ana Ruiz"),
    ("According to Ana Ruiz, “the vote was rigged from the start.”", "Ana Ruiz"),
    ("The Electoral Council told reporters: “The vote was fair and very calm.”", "Electoral Council"),
    ("«El voto fue un fraude desde el principio», dijo Ana Ruiz.", "Ana Ruiz"),
    ("Según Ana Ruiz, «el voto fue un fraude desde el principio».", "Ana Ruiz"),
    ("Ana Ruiz afirmó que «el voto fue un fraude desde el principio».", "Ana Ruiz"),
])
def test_speaker_cues(text, speaker):
    [quote] = by_label(suggest(text), "QUOTE")
    assert quote.speaker_text == speaker


def test_pronoun_resolves_to_the_nearest_person_before():
    text = ("Maj. Gen. Christopher Ghika spoke in Baghdad.\n\n"
            "“These tactics won’t succeed, our partners are focused,” he said.")
    [quote] = by_label(suggest(text), "QUOTE")
    assert quote.speaker_text == "Christopher Ghika"
    assert "cue 'he said'" in quote.reason


def test_spanish_dropped_subject_takes_the_previous_speaker():
    text = ('"Esto ha sido un premio hacia mí y para todos", declaró Fernando Zambrano.\n'
            'El técnico habló también de Luis Aragonés.\n'
            '"Tengo un año más de contrato con el club", dijo.')
    quotes = by_label(suggest(text), "QUOTE")
    assert [q.speaker_text for q in quotes] == ["Fernando Zambrano", "Fernando Zambrano"]


def test_speaker_from_the_users_annotations_or_a_description_proposed():
    text = "“We expect the talks to resume next week,” the envoy said on Monday."
    envoy = text.index("the envoy")
    annotations = Annotations([make_span(text, envoy, envoy + len("the envoy"), "PERSON", "entity")])
    found = suggest(text)
    [quote] = by_label(found, "QUOTE")
    assert quote.speaker_text == "the envoy"
    assert one(found, "PERSON", "the envoy").reason == "a description that is the source of a quote"
    found = suggest(text, annotations)
    [quote] = by_label(found, "QUOTE")
    assert quote.speaker_text == "the envoy" and by_label(found, "PERSON") == []


# ---------------------------------------------------------------------------
# Dates, claims, names


def test_dates():
    text = ("The coalition said on Thursday that IS lost its land, held since June 2014, "
            "on 2019-02-08. It may fall in December or by the end of June. Dec Mar. "
            "El 24 de mayo de 2000 llegó. Madrid, 23 may (EFE). Desde 1994 y en marzo.")
    found = suggest(text)
    dates = {s.text: s.attrs.get("value") for s in by_label(found, "DATE")}
    assert dates == {"Thursday": None, "June 2014": "2014-06", "2019-02-08": "2019-02-08",
                     "December": None, "June": None, "24 de mayo de 2000": "2000-05-24", "23 may": None,
                     "1994": "1994", "marzo": None}


def test_claims_are_sentences_with_numbers():
    text = ("More than 37,000 people have fled, according to the Syrian Observatory for Human Rights. "
            "The weather was fine. Turnout rose to 64 percent.")
    claims = by_label(suggest(text), "CLAIM")
    assert [c.text for c in claims] == [
        "More than 37,000 people have fled, according to the Syrian Observatory for Human Rights.",
        "Turnout rose to 64 percent.",
    ]
    assert claims[0].speaker_text == "Syrian Observatory for Human Rights"
    cue = text.index("according to")
    assert claims[0].attrs == {"checkworthy": "yes", "verdict": "unverified",
                               "cue": {"start": cue, "end": cue + 12, "text": "according to"}}
    assert "percentage" in claims[1].reason


def test_names_and_their_labels():
    text = ("BEIRUT - Recent gains by Kurdish-led forces in Syria were confirmed by Maj. Gen. Christopher Ghika "
            "of the Syrian Democratic Forces (SDF) near Baghouz. But Ghika left for London. "
            "The Ministry of Defence in Paris said nothing.")
    labels = {s.text: s.label for s in suggest(text) if s.kind == "entity"}
    assert labels == {
        "BEIRUT": "LOC", "Kurdish": "MISC", "Syria": "LOC", "Christopher Ghika": "PERSON",
        "Syrian Democratic Forces": "ORG", "SDF": "ORG", "Baghouz": "LOC", "Ghika": "PERSON",
        "London": "LOC", "Ministry of Defence": "ORG", "Paris": "LOC",
    }


def test_sentence_initial_words_need_evidence():
    text = "Recent talks failed. Jihadis fled the town. The jihadis are gone. Toledo spoke. Alejandro Toledo left."
    names = texts(suggest(text), "PERSON") + texts(suggest(text), "MISC")
    assert "Recent" not in names and "Jihadis" not in names and "The" not in names
    assert "Toledo" in names and "Alejandro Toledo" in names


def test_title_case_headline_is_left_alone():
    text = "Rebels Capture Strategic Northern Town After Long Siege\n\nThe rebels took the town on Friday."
    assert [s for s in suggest(text) if s.kind == "entity" and s.label != "DATE"] == []


def test_further_mentions_of_a_tagged_name():
    text = "Ghika spoke. Later Ghika left, and the Ghikas stayed. Christopher Ghika is a general."
    annotations = Annotations([make_span(text, 0, 5, "PERSON", "entity")])
    mentions = [s for s in suggest(text, annotations) if s.reason == "another mention of Ghika"]
    assert [(s.start, s.label) for s in mentions] == [(19, "PERSON"), (text.rindex("Ghika"), "PERSON")]
    assert all(s.start != 0 for s in suggest(text, annotations))


def test_nothing_already_annotated_is_suggested():
    text = SEED.read_text(encoding="utf-8")
    first = suggest(text)
    annotations = Annotations([make_span(text, s.start, s.end, s.label, s.kind) for s in first[:20]])
    again = suggest(text, annotations)
    done = {(s.start, s.end, s.label) for s in first[:20]}
    assert not done & {(s.start, s.end, s.label) for s in again}


def test_labels_limit_what_is_suggested():
    text = SEED.read_text(encoding="utf-8")
    assert {s.label for s in suggest(text, labels=["QUOTE", "PERSON"])} == {"QUOTE", "PERSON"}
    schema = Schema(labels=(Label("SPEECH", "quote", "q", "#ff0000"), Label("PERSON", "entity", "p", "#00ff00")))
    assert {s.label for s in suggest(text, labels=schema)} == {"SPEECH", "PERSON"}
    assert {s.label for s in suggest(text, labels=DEFAULT_SCHEMA)} == {
        "PERSON", "ORG", "LOC", "DATE", "MISC", "QUOTE", "CLAIM"}


@pytest.mark.parametrize("text", [
    "東京都の小池百合子知事は「準備は整った」と述べた。東京は2020年7月24日に開幕する。",
    "Crowds cheer 👩‍👩‍👧 and 👍🏽 in Zürich “we are 100% ready 🎉 for this” said Zoë Ní Bhriain.",
    "قال محمد بن سلمان «نحن مستعدون تماما لهذا اليوم» في الرياض يوم الخميس.",
    "אמר ראש הממשלה: ”אנחנו מוכנים לגמרי היום“ בירושלים.",
    "a\u0301b\u200d“c d e f”\u2028Ñandú S.A. said 5%\t\u00a0«x y z»",
    "", " ", "“", "”“", '"', "‘’", "\n\n“\n\n“", "Mr.", "May", "«", "x » y « z",
])
def test_any_script_gives_consistent_offsets(text):
    consistent(text, suggest(text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
       | st.lists(st.sampled_from(["“", "”", "«", "»", '"', "‘", "’", "„", " ", "\n", "\n\n", "Ana Ruiz", "said",
                                   "dijo", "he", "June 2014", "37,000 people", "%", "Gen.", "The", ",", ".", "de",
                                   "Mr.", "U.S.", "-", "según", "BEIRUT", "Ministry", "東京", "👍🏽", "ا"]),
                  max_size=60).map("".join))
def test_suggest_never_raises_and_offsets_hold(text):
    consistent(text, suggest(text))


# ---------------------------------------------------------------------------
# Storage and the command


def test_the_suggester_is_core():
    code = ("import sys, tui.suggest, tui.suggest.storage, tui.suggest.evaluate, tui.suggest.spacy_suggester, "
            "tui.commands.suggest; tui.suggest.suggest('“We are ready now,” said Ana Ruiz on May 3.'); "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'spacy')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_storage_round_trip_and_stale(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    found = suggest(text)
    path = write_suggestions(tmp_path, "doc", found)
    assert path == suggestions_path(tmp_path, "doc") == tmp_path / "suggestions" / "doc.json"
    raw = path.read_text(encoding="utf-8")
    assert raw.endswith("]\n") and json.loads(raw)[0] == dict(sorted(found[0].to_dict().items()))
    assert read_suggestions(tmp_path, "doc") == found
    assert all(Suggestion.from_dict(s.to_dict()) == s for s in found)
    assert read_suggestions(tmp_path, "other") == []
    fresh, stale = split_stale("X" + text, read_suggestions(tmp_path, "doc"))
    assert fresh == [] or all(s.text == ("X" + text)[s.start:s.end] for s in fresh)
    assert len(fresh) + len(stale) == len(found) and stale


def test_command_writes_deterministic_suggestions(tmp_path, capsys):
    store = tmp_path / "ann"
    assert main(["suggest", str(SEED), "--store", str(store), "--annotator", "alice"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("000_0d67f1ad6aabe61d: ") and "QUOTE 8" in out[0]
    path = store / "suggestions" / "000_0d67f1ad6aabe61d.json"
    first = path.read_bytes()
    assert (store / "documents" / "000_0d67f1ad6aabe61d.txt").exists()
    assert main(["suggest", str(SEED), "--store", str(store), "--annotator", "alice"]) == 0
    assert path.read_bytes() == first
    text = read_article(SEED).text
    consistent(text, read_suggestions(store, "000_0d67f1ad6aabe61d"))


def test_command_json_and_the_annotators_work(tmp_path, capsys):
    store_root = tmp_path / "ann"
    document = read_article(SEED)
    start = document.text.index("Christopher Ghika")
    tagged = make_span(document.text, start, start + len("Christopher Ghika"), "PERSON", "entity")
    Store(store_root).write_annotations(document, "bob", Annotations([tagged]))
    assert main(["suggest", str(SEED), "--store", str(store_root), "--annotator", "bob", "--json"]) == 0
    [line] = capsys.readouterr().out.strip().splitlines()
    record = json.loads(line)
    assert record["id"] == "000_0d67f1ad6aabe61d" and record["counts"]["QUOTE"] == 8  # 4 direct, 4 reported
    keys = {(s["start"], s["end"], s["label"]) for s in record["suggestions"]}
    assert (tagged.start, tagged.end, "PERSON") not in keys
    assert record["suggestions"] == [s.to_dict() for s in read_suggestions(store_root, record["id"])]


def test_command_errors(tmp_path, capsys):
    assert main(["suggest", str(tmp_path / "missing.txt"), "--store", str(tmp_path / "s")]) == 1
    assert "no such file" in capsys.readouterr().err
    assert not (tmp_path / "s").exists()


def test_model_that_is_not_installed(tmp_path, capsys):
    pytest.importorskip("spacy")
    assert main(["suggest", str(SEED), "--store", str(tmp_path / "s"), "--model", "xx_no_such_pipeline"]) == 1
    err = capsys.readouterr().err
    assert "no spaCy pipeline 'xx_no_such_pipeline' installed" in err and "Traceback" not in err


def test_model_entities_from_a_pipeline_folder(tmp_path, capsys):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Christopher Ghika"}, {"label": "GPE", "pattern": "Syria"},
                        {"label": "NORP", "pattern": "Kurdish"}, {"label": "CARDINAL", "pattern": "37,000"}])
    nlp.to_disk(tmp_path / "pipeline")
    store = tmp_path / "s"
    assert main(["suggest", str(SEED), "--store", str(store), "--model", str(tmp_path / "pipeline")]) == 0
    found = read_suggestions(store, "000_0d67f1ad6aabe61d")
    entities = {(s.label, s.text) for s in found if s.kind == "entity" and s.label != "DATE"
                and not is_description(s)}
    assert entities == {("PERSON", "Christopher Ghika"), ("LOC", "Syria"), ("MISC", "Kurdish")}
    # speakers come from the model's entities
    speakers = [s.speaker_text for s in found if s.kind == "quote" and s.attrs["type"] == "direct"]
    assert speakers.count("Christopher Ghika") == 3 and set(speakers) == {"Christopher Ghika", ""}


# ---------------------------------------------------------------------------
# Evaluation


def test_scores():
    gold = [(0, 5, "PERSON"), (10, 15, "ORG"), (20, 30, "LOC")]
    predicted = [(0, 5, "PERSON"), (10, 13, "ORG"), (40, 45, "LOC"), (50, 55, "MISC")]
    scores = score_document(predicted, gold)
    assert (scores["PERSON"].strict_precision, scores["PERSON"].strict_recall) == (1.0, 1.0)
    assert (scores["ORG"].strict_precision, scores["ORG"].partial_precision, scores["ORG"].partial_recall) == (0, 1, 1)
    assert (scores["LOC"].partial_precision, scores["LOC"].partial_recall) == (0, 0)
    assert scores["MISC"].gold == 0 and scores["MISC"].strict_precision == 0
    evaluation = Evaluation(labels=["PERSON", "ORG", "LOC"])
    evaluation.add(predicted, gold)
    total = evaluation.total()
    assert (total.gold, total.predicted, total.strict) == (3, 3, 1)
    assert "PERSON" in evaluation.table() and "MISC" not in evaluation.table()


def _gold(text: str, items) -> list[tuple[int, int, str]]:
    """(label, context, phrase): the phrase in (or starting with) the text's one ``context``."""
    spans = []
    for label, context, phrase in items:
        assert text.count(context) == 1, context
        at = text.index(context)
        start = text.index(phrase, at)
        assert start < at + len(context), (context, phrase)
        spans.append((start, start + len(phrase), label))
    return spans


#: The seed article, annotated by hand: people, organisations, places,
#: nationalities, dates, quotes and check-worthy claims.
SEED_GOLD = [
    ("DATE", "date 2019-02-08", "2019-02-08"),
    ("ORG", "the Syrian Democratic Forces (SDF)", "Syrian Democratic Forces"),
    ("ORG", "(SDF)", "SDF"),
    ("LOC", "village of Baghouz in the countryside", "Baghouz"),
    ("MISC", "eastern Syrian Deir", "Syrian"),
    ("LOC", "Deir Ezzor", "Deir Ezzor"),
    ("LOC", "border with Iraq", "Iraq"),
    ("DATE", "on Feb. 2", "Feb. 2"),
    ("ORG", "| AFP-JIJI", "AFP-JIJI"),
    ("ORG", "\nAFP-JIJI\n", "AFP-JIJI"),
    ("ORG", "Islamic State down", "Islamic State"),
    ("LOC", "caliphate: U.S.-led", "U.S."),
    ("LOC", "BEIRUT", "BEIRUT"),
    ("MISC", "by Kurdish-led", "Kurdish"),
    ("LOC", "in Syria have", "Syria"),
    ("ORG", "the Islamic State group", "Islamic State"),
    ("LOC", "the U.S.-led coalition said", "U.S."),
    ("DATE", "on Thursday", "Thursday"),
    ("PERSON", "Christopher Ghika", "Christopher Ghika"),
    ("MISC", "allied Kurdish forces", "Kurdish"),
    ("ORG", "of IS-controlled", "IS"),
    ("ORG", "by IS in", "IS"),
    ("LOC", "in Syria and Iraq", "Syria"),
    ("LOC", "Syria and Iraq", "Iraq"),
    ("DATE", "June 2014", "June 2014"),
    ("LOC", "size of Britain", "Britain"),
    ("LOC", "village of Baghouz in eastern", "Baghouz"),
    ("LOC", "in eastern Syria", "Syria"),
    ("PERSON", "general, Ghika,", "Ghika"),
    ("MISC", "our Syrian partners", "Syrian"),
    ("ORG", "ISIS", "ISIS"),
    ("MISC", "our Iraqi partners", "Iraqi"),
    ("ORG", "acronym for IS", "IS"),
    ("ORG", "fled IS territory", "IS"),
    ("MISC", "the Kurdish-led Syrian", "Kurdish"),
    ("ORG", "Kurdish-led Syrian Democratic Forces", "Syrian Democratic Forces"),
    ("LOC", "by the US-led", "US"),
    ("DATE", "in December", "December"),
    ("ORG", "Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights"),
    ("LOC", "The Britain-based", "Britain"),
    ("QUOTE", "“now less than one percent of the original caliphate.",
     "now less than one percent of the original caliphate."),
    ("QUOTE", "“approximately 99.5 percent”", "approximately 99.5 percent"),
    ("QUOTE", "“are attempting to escape",
     "are attempting to escape through intermixing with the innocent women and children attempting to flee "
     "the fighting"),
    ("QUOTE", "“These tactics", "These tactics won’t succeed, our Syrian partners are focused on finding ISIS "
     "wherever they hide, and our Iraqi partners have secured their borders"),
    ("CLAIM", "Islamic State down", "Islamic State down to less than 1% of original caliphate: U.S.-led coalition"),
    ("CLAIM", "Recent gains", "Recent gains by Kurdish-led forces in Syria have shrunk the Islamic State group’s "
     "“caliphate” to less than one percent of its original size, the U.S.-led coalition said on Thursday."),
    ("CLAIM", "Maj. Gen.", "Maj. Gen. Christopher Ghika, the coalition’s deputy commander, described the size of "
     "the last patch of land held by the jihadists as “now less than one percent of the original caliphate."),
    ("CLAIM", "The coalition and allied", "The coalition and allied Kurdish forces have captured “approximately "
     "99.5 percent” of IS-controlled territory, he said in a statement."),
    ("CLAIM", "At its height", "At its height, the jihadi proto-state proclaimed by IS in Syria and Iraq in June "
     "2014 was roughly the size of Britain."),
    ("CLAIM", "More than 37,000", "More than 37,000 people, mostly wives and children of jihadi fighters, have "
     "fled IS territory since the Kurdish-led Syrian Democratic Forces, backed by the US-led coalition, "
     "intensified its offensive in December, according to the Syrian Observatory for Human Rights."),
    ("CLAIM", "The Britain-based war", "The Britain-based war monitor has said that figure includes some 3,200 "
     "suspected jihadis."),
]
SEED_LABELS = ["PERSON", "ORG", "LOC", "MISC", "DATE", "QUOTE", "CLAIM"]

#: What the suggester reached on the seed, per label: (strict P, strict R, partial P, partial R).
SEED_FLOOR = {
    "PERSON": (1.0, 1.0, 1.0, 1.0), "ORG": (1.0, 1.0, 1.0, 1.0), "LOC": (1.0, 1.0, 1.0, 1.0),
    "MISC": (1.0, 1.0, 1.0, 1.0), "DATE": (1.0, 1.0, 1.0, 1.0), "QUOTE": (1.0, 1.0, 1.0, 1.0),
    "CLAIM": (1.0, 0.86, 1.0, 0.86),
}
#: ... and on the ten CoNLL-2002 Spanish samples (PER/ORG/LOC/MISC).
CONLL_FLOOR = {
    "PERSON": (0.72, 0.95, 0.74, 0.97), "ORG": (0.85, 0.46, 0.92, 0.49), "LOC": (0.50, 0.83, 0.51, 0.86),
    "MISC": (0.93, 0.40, 0.96, 0.42), "ALL": (0.69, 0.68, 0.71, 0.71),
}
MARGIN = 0.03


def check_floor(evaluation: Evaluation, floor: dict) -> None:
    rows = {row.label: row for row in evaluation.rows()}
    for label, expected in floor.items():
        row = rows[label]
        got = (row.strict_precision, row.strict_recall, row.partial_precision, row.partial_recall)
        assert all(g >= e - MARGIN for g, e in zip(got, expected, strict=False)), (
            label, got, expected, evaluation.table())


def is_description(suggestion) -> bool:
    return suggestion.reason == "a description that is the source of a quote"


def test_quality_on_the_seed_article():
    text = read_article(SEED).text
    gold = _gold(text, SEED_GOLD)
    everything = suggest(text)
    # The hand annotation tags names and direct quotes: descriptions that are
    # sources and reported speech are scored apart (tests/test_attribution.py).
    found = [s for s in everything if not is_description(s) and s.attrs.get("type") != "indirect"]
    assert {s.text for s in everything if is_description(s)} == {
        "the U.S.-led coalition",
        "The Britain-based war monitor",
    }
    evaluation = Evaluation(labels=SEED_LABELS)
    evaluation.add(found, gold)
    check_floor(evaluation, SEED_FLOOR)
    ghika = [(m.start(), m.end()) for m in re.finditer(r"(?:Christopher )?Ghika", text)]
    quotes = [(s, e, ghika) for s, e, label in gold if label == "QUOTE"]
    speakers = score_speakers(found, quotes, SpeakerScores())
    assert (speakers.gold_quotes, speakers.found, speakers.right_speaker) == (4, 4, 4)


def read_brat(ann: Path) -> tuple[str, list[tuple[int, int, str]]]:
    """A small brat reader: the text and its contiguous T spans, PER as PERSON."""
    text = ann.with_suffix(".txt").read_text(encoding="utf-8")
    spans = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        _id, info, covered = line.split("\t")[:3]
        label, offsets = info.split(" ", 1)
        if ";" in offsets:
            continue
        start, end = map(int, offsets.split())
        assert text[start:end] == covered
        spans.append((start, end, "PERSON" if label == "PER" else label))
    return text, spans


@pytest.mark.skipif(not CONLL.is_dir(), reason="the shared corpora are not here")
def test_quality_on_the_conll2002_spanish_samples():
    evaluation = Evaluation(labels=["PERSON", "ORG", "LOC", "MISC"])
    for ann in sorted(CONLL.glob("*.ann")):
        text, gold = read_brat(ann)
        found = suggest(text)
        consistent(text, found)
        evaluation.add(found, gold)
    assert evaluation.documents == 10 and evaluation.total().gold == 540
    check_floor(evaluation, CONLL_FLOOR)


def test_command_gives_the_apps_document_ids_and_reads_records(tmp_path, capsys):
    """Two desks' story.txt keep apart, and a JSONL file's records are
    articles (not one document of raw JSON), as when the app opens them."""
    for desk, name in (("d1", "Ana Ruiz"), ("d2", "Bo Lind")):
        (tmp_path / desk).mkdir()
        (tmp_path / desk / "story.txt").write_text(f"Title\n\n“We are ready now,” said {name} on May 3.\n")
    records = tmp_path / "wire.jsonl"
    records.write_text(json.dumps({"id": "w1", "text": "“Prices will rise,” said Eva Holm."}) + "\n")
    store = tmp_path / "s"
    args = [str(tmp_path / "d1" / "story.txt"), str(tmp_path / "d2" / "story.txt"), str(records)]
    assert main(["suggest", *args, "--store", str(store), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == ["d1--story", "d2--story", "w1"]
    speakers = {line["id"]: {s["speaker_text"] for s in line["suggestions"] if s["kind"] == "quote"} for line in lines}
    assert speakers == {"d1--story": {"Ana Ruiz"}, "d2--story": {"Bo Lind"}, "w1": {"Eva Holm"}}


def test_command_on_several_cores_gives_what_one_core_gives_in_the_same_order(tmp_path, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    base = read_article(SEED).text
    for index in range(37):
        extra = ["Ahmed Karim said on 3 May 2021 that 東京 would vote 🎉.\r\n", "\"We will win,\" نتنياهو said.\n", ""]
        (folder / f"story-{index:02d}.txt").write_text(base[index * 40:] + extra[index % 3], encoding="utf-8",
                                                         newline="")

    def lines(jobs: int) -> list[dict]:
        store = tmp_path / f"store-{jobs}"
        assert main(["suggest", str(folder), "--store", str(store), "--json", "--jobs", str(jobs)]) == 0
        records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        for record in records:
            assert record.pop("file").startswith(str(store))
        return records

    one = lines(1)
    assert len(one) == 37 and [r["id"] for r in one] == sorted(r["id"] for r in one)
    assert lines(3) == one


def test_command_refuses_no_jobs(tmp_path, capsys):
    assert main(["suggest", str(SEED), "--store", str(tmp_path / "s"), "--jobs", "0"]) == 1
    assert "--jobs needs a number of one or more" in capsys.readouterr().err
    assert not (tmp_path / "s").exists()
