"""Learned cues: counted from the cues the annotations record, they open
indirect statements the rules do not know (no spaCy needed)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.training_data import CUE, cued_article, write_store
from tui.attribution.engine import Engine
from tui.learn import cues
from tui.learn.examples import TrainingDoc, gather, split
from tui.store import Store
from tui.suggest import suggest


def _docs(count: int) -> list[TrainingDoc]:
    docs = []
    for index in range(count):
        document, annotations = cued_article(index)
        doc = TrainingDoc(document.id, document.text, "maria")
        for span in annotations.spans():
            if span.kind == "quote":
                doc.spans.append((span.start, span.end, span.label))
                cue = span.attrs["cue"]
                doc.cues.append(((span.start, span.end, span.label), (cue["start"], cue["end"])))
        docs.append(doc)
    return docs


def _model() -> cues.CueModel:
    held = _docs(20)[16:]
    model = cues.fit(_docs(16), held, [suggest(d.text) for d in held])
    assert model is not None
    return model


def _statements(model: cues.CueModel, text: str, taken=None) -> list[tuple[str, str]]:
    sentences = Engine(text).doc.sentences
    return [(text[s.start:s.end], text[s.cue_start:s.cue_end])
            for s in model.statements(text, sentences, list(taken or []))]


def test_a_cue_the_rules_do_not_know_is_learned_and_opens_the_rest_of_the_sentence():
    model = _model()
    text = "Budget talks went on late.\n\nJulia Weber zorbled that the tax on fuel will rise in June. Rain fell."
    assert _statements(model, text) == [("the tax on fuel will rise in June", CUE)]
    assert model.label == "QUOTE" and model.figures["cues"] == 48


def test_a_cue_ending_the_sentence_opens_what_comes_before_it():
    model = _model()
    text = "The tax on fuel will rise in June, Julia Weber zorbled."
    assert _statements(model, text) == [("The tax on fuel will rise in June", CUE)]


def test_words_never_seen_as_cues_open_nothing():
    text = "Julia Weber opened the market in Lisbon and the streets were full of people."
    assert _statements(_model(), text) == []


def test_the_cue_of_a_quote_already_found_opens_nothing_more():
    text = "“We will win,” Julia Weber zorbled on Monday in front of the town hall."
    quote = (1, 12)
    assert _statements(_model(), text, [quote]) == []
    assert _statements(_model(), text) != []  # without the quote, the same words would be a statement


def test_a_statement_overlapping_a_suggested_one_is_left_out():
    text = "Julia Weber zorbled that the tax on fuel will rise in June."
    start = text.index("the tax")
    assert _statements(_model(), text, [(start, start + 7)]) == []


def test_the_threshold_is_chosen_on_the_held_out_documents_and_saved(tmp_path):
    model = _model()
    assert model.threshold in cues.THRESHOLDS
    assert model.figures["precision"] >= cues.TARGET_PRECISION and model.figures["recall"] > 0.9
    model.save(tmp_path)
    again = cues.CueModel.load(tmp_path)
    assert again is not None and again.counts == model.counts and again.threshold == model.threshold
    text = "Omar Haddad zorbled that the bridge will open in May."
    assert _statements(again, text) == _statements(model, text)


def test_a_file_from_another_version_is_ignored(tmp_path):
    _model().save(tmp_path)
    data = json.loads((tmp_path / cues.FILE).read_text())
    data["version"] = 99
    (tmp_path / cues.FILE).write_text(json.dumps(data))
    assert cues.CueModel.load(tmp_path) is None
    assert cues.CueModel.load(tmp_path / "nowhere") is None


def test_too_few_recorded_cues_learn_nothing():
    held = _docs(6)[4:]
    assert cues.fit(_docs(4), held, [suggest(d.text) for d in held]) is None  # 12 cues, fewer than MIN_CUES


def test_the_cues_source_is_read_like_the_rules_own():
    text = "Julia Weber zorbled that the tax on fuel will rise in June."
    start = text.index("the tax")
    attribution = Engine(text).statement(start, len(text) - 1, text.index(CUE), text.index(CUE) + len(CUE))
    assert attribution.type == "indirect" and attribution.speaker is not None
    assert text[attribution.speaker.start:attribution.speaker.end] == "Julia Weber"


def test_gather_keeps_the_recorded_cues_and_drops_unsound_ones(tmp_path):
    store = Store(tmp_path / "store")
    document, annotations = cued_article(0)
    broken = annotations.spans()[1]
    broken.attrs["cue"] = {"start": 5, "end": 10 ** 6, "text": "?"}  # outside the text
    store.write_annotations(document, "maria", annotations)
    (doc,) = gather(tmp_path / "store").docs
    # The unsound cue is dropped; the quote being linked, the word joining it to its speaker stands in.
    assert len(doc.cues) == 3
    for (start, end, label), (cue_start, cue_end) in doc.cues:
        assert label == "QUOTE" and doc.text[cue_start:cue_end] == CUE and cue_end <= start < end


def test_the_split_holds_out_documents_for_the_threshold():
    docs = _docs(20)
    train, held = split(docs)
    assert train and held and not {d.id for d in train} & {d.id for d in held}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Julia Weber", " zorbled", " that", " the 🎉 price", " 東京 rose", ", ",
                                 "\r\n", ". ", "נתניהו", " said", " June"]), min_size=1, max_size=30))
def test_statements_are_inside_their_sentence_whatever_the_text(pieces):
    model = _model()
    text = "".join(pieces)
    sentences = Engine(text).doc.sentences
    for statement in model.statements(text, sentences, []):
        assert 0 <= statement.start < statement.end <= len(text)
        assert text[statement.cue_start:statement.cue_end].strip()
        assert any(s <= statement.start and statement.end <= e for s, e in sentences)


def _beside(text: str, statement: str, speaker: str) -> str | None:
    start = text.index(statement)
    speaker_start = text.index(speaker)
    found = cues.cue_beside(text, (start, start + len(statement)), (speaker_start, speaker_start + len(speaker)))
    return None if found is None else text[found[0]:found[1]]


def test_a_linked_quote_without_a_recorded_cue_takes_the_word_joining_it_to_its_speaker():
    assert _beside("Trump tweeted that the vote was rigged.", "the vote was rigged", "Trump") == "tweeted"
    assert _beside("“We will win,” said Ana Costa.", "We will win", "Ana Costa") == "said"
    assert _beside("“We will win,” Ana Costa quipped on Monday.", "We will win", "Ana Costa") == "quipped"
    assert _beside("“東京 will win 🎉,” أحمد كريم said.", "東京 will win 🎉", "أحمد كريم") == "said"


def test_no_cue_is_taken_from_a_speaker_who_is_not_beside_the_quote():
    assert _beside("Trump, the nominee, said that the vote was rigged.", "the vote was rigged", "Trump") is None
    assert _beside("Trump spoke. The vote was rigged, it seems.", "The vote was rigged", "Trump") is None
    assert _beside("“We will win.”\n\nAna Costa left.", "We will win", "Ana Costa") is None
    far = "Trump " + "waited " * 20 + "and then the vote was rigged."
    assert _beside(far, "the vote was rigged", "Trump") is None


def test_gather_infers_the_cues_of_linked_quotes(tmp_path):
    (doc, *_rest) = gather(write_store(tmp_path / "store", documents=1)).docs
    assert len(doc.cues) == 3 and {doc.text[s:e] for _quote, (s, e) in doc.cues} == {"said"}
