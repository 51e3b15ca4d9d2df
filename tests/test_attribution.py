"""The attribution engine against tricky sentences: who said what, and why."""

from __future__ import annotations

import pytest

from tui.attribution import attribute, find_attributions
from tui.attribution.quotes import find_quotations
from tui.model import make_span
from tui.suggest.document import _Doc

from tests.test_session import between


def entity(text, phrase, label="PERSON", occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return make_span(text, start, start + len(phrase), label, "entity")


def span_of(text, phrase):
    start = text.index(phrase)
    return start, start + len(phrase)


def quoted(text):
    return [text[q.start:q.end] for q in find_quotations(_Doc(text))]


def speaker_of(text, phrase, entities=()):
    found = attribute(text, span_of(text, phrase), entities)
    return found.speaker.text if found.speaker else None, found


# -- cues and their subjects ---------------------------------------------------

@pytest.mark.parametrize("text, speaker, reason", [
    ("“The vote was rigged from the start,” Ana Ruiz said on Monday.", "Ana Ruiz", "cue 'Ana Ruiz said'"),
    ("“The vote was rigged from the start,” said Ana Ruiz.", "Ana Ruiz", "cue 'said Ana Ruiz'"),  # inversion
    ("According to Ana Ruiz, “the vote was rigged from the start.”", "Ana Ruiz", "according to"),
    ("Ana Ruiz, the opposition leader, told reporters: “The vote was rigged from the start.”", "Ana Ruiz",
     "cue 'told reporters'"),
    ("The opposition leader, Ana Ruiz, said: “The vote was rigged from the start.”", "Ana Ruiz",
     "cue 'Ana Ruiz, said'"),
    ("“The vote was rigged from the start,” Ana Ruiz was quoted as saying.", "Ana Ruiz",
     "cue 'Ana Ruiz was quoted as saying'"),
])
def test_the_subject_of_the_cue_is_the_speaker(text, speaker, reason):
    ruiz = entity(text, "Ana Ruiz")
    who, found = speaker_of(text, "he vote was rigged from the start", [ruiz])
    assert who == speaker and found.reason == reason
    assert text[found.cue.start:found.cue.end] == found.cue.text


def test_the_subject_comes_from_the_sentence_not_the_nearest_name():
    text = 'Jane Doe told reporters about Bob Smith: "He will never win this race."'
    who, found = speaker_of(text, "He will never win this race.", [entity(text, "Jane Doe"), entity(text, "Bob Smith")])
    assert who == "Jane Doe" and found.cue.text == "told reporters"


def test_he_said_goes_to_the_last_person_never_an_organisation():
    text = ("Maj. Gen. Christopher Ghika spoke on Monday. The Syrian Democratic Forces advanced.\n\n"
            "“These tactics won’t succeed,” he said.")
    entities = [entity(text, "Christopher Ghika"), entity(text, "Syrian Democratic Forces", "ORG")]
    who, found = speaker_of(text, "These tactics won’t succeed", entities)
    assert who == "Christopher Ghika" and found.reason == "cue 'he said'"
    assert found.source.text == "he"


def test_they_may_be_an_organisation():
    text = "The Electoral Council met on Sunday. “The count will be finished by Friday,” they said."
    who, _found = speaker_of(text, "The count will be finished by Friday", [entity(text, "Electoral Council", "ORG")])
    assert who == "Electoral Council"


def test_a_split_quote_has_one_speaker_for_both_parts():
    text = "“We are not leaving,” Clinton said. “We are staying until the work is done.”"
    attributions = [a for a in find_attributions(text, [entity(text, "Clinton")]) if a.type == "direct"]
    assert [a.speaker.text for a in attributions] == ["Clinton", "Clinton"]
    assert attributions[1].reason == "split quote"


def test_a_description_is_a_source_and_an_apposition_names_it():
    text = "“The roads are closed,” a senior official said. “Nobody can pass today,” said a Turkish aid worker."
    first, second = [a for a in find_attributions(text) if a.type == "direct"]
    assert first.speaker.text == "a senior official" and first.speaker.form == "description"
    assert second.speaker.text == "a Turkish aid worker" and second.speaker.label == "PERSON"
    text = "“We have lost most of our land,” the coalition’s deputy commander, Christopher Ghika, said."
    who, _found = speaker_of(text, "We have lost most of our land", [entity(text, "Christopher Ghika")])
    assert who == "Christopher Ghika"


def test_a_definite_description_stands_for_the_last_organisation_of_its_kind():
    text = ("More than 37,000 people have fled, according to the Syrian Observatory for Human Rights. "
            "The Britain-based war monitor has said that the figure includes 3,200 fighters.")
    observatory = entity(text, "Syrian Observatory for Human Rights", "ORG")
    found = attribute(text, span_of(text, "the figure includes 3,200 fighters"), [observatory])
    assert [s.text for s in found.speakers] == ["The Britain-based war monitor", "Syrian Observatory for Human Rights"]


def test_two_speakers_in_one_text_each_get_their_own():
    text = ("“Taxes will go up,” Smith warned. Jones disagreed: “Taxes will go down next year.”")
    entities = [entity(text, "Smith"), entity(text, "Jones")]
    assert speaker_of(text, "Taxes will go up", entities)[0] == "Smith"
    assert speaker_of(text, "Taxes will go down next year", entities)[0] == "Jones"


def test_a_quote_inside_a_claim_and_the_claims_source():
    text = ("The coalition has captured “approximately 99.5 percent” of the territory, "
            "according to the Syrian Observatory for Human Rights.")
    observatory = entity(text, "Syrian Observatory for Human Rights", "ORG")
    claim = span_of(text, "The coalition has captured “approximately 99.5 percent” of the territory")
    found = attribute(text, claim, [observatory])
    assert found.speaker.text == "Syrian Observatory for Human Rights" and found.reason == "according to"
    assert speaker_of(text, "approximately 99.5 percent", [observatory])[0] == "Syrian Observatory for Human Rights"


def test_an_anonymous_cue_is_recorded_as_such():
    text = "“The bridge will reopen in May,” it was announced on Monday."
    found = attribute(text, span_of(text, "The bridge will reopen in May"))
    assert found.speaker is None and found.anonymous and found.cue.text == "announced"


def test_reported_speech_is_found_with_its_source():
    text = ("Smith said that the plant would close next year. The weather was fine. "
            "The mine will reopen in March, officials said. "
            "According to the ministry, exports fell by a third.")
    found = [(text[a.start:a.end], a.speaker.text) for a in find_attributions(text, [entity(text, "Smith")])]
    assert found == [("the plant would close next year", "Smith"), ("The mine will reopen in March", "officials"),
                     ("exports fell by a third", "the ministry")]


# -- quotation conventions -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "He said: “We will win this race.”",
    'He said: "We will win this race."',
    "He said: ''We will win this race.''",
    "He said: ``We will win this race.''",
    "Il a dit : « We will win this race. »",
    "Er sagte: „We will win this race.“",
])
def test_every_quotation_convention(text):
    assert [q.strip(" .") for q in quoted(text)] == ["We will win this race"]


def test_single_marks_in_a_headline_and_scare_quotes():
    text = "Caddell: Voters Worry About 'Health Issues in Their Heads'\n\nThe so-called “caliphate” shrank."
    assert quoted(text) == ["Health Issues in Their Heads", "caliphate"]
    assert [a for a in find_attributions(text) if a.type == "direct" and "caliphate" in text[a.start:a.end]] == []


def test_a_quote_over_paragraphs_keeps_its_speaker():
    text = ("Smith said: “The first part goes on here.\n\n"
            "“And the second paragraph ends it.”\n\n“A new quote starts without a cue here.”")
    quotes = [a for a in find_attributions(text, [entity(text, "Smith")]) if a.type == "direct"]
    assert text[quotes[0].start:quotes[0].end].endswith("ends it.")
    assert [q.speaker.text for q in quotes] == ["Smith", "Smith"] and quotes[1].reason == "quote goes on"


def test_offsets_are_code_points_with_emoji_cjk_and_rtl_names():
    text = "“We stay 👍🏽 here for 東京 and the rest,” محمد بن سلمان said.\n\n“Next year too,” he added."
    name = entity(text, "محمد بن سلمان")
    quotes = [a for a in find_attributions(text, [name]) if a.type == "direct"]
    assert [text[q.start:q.end] for q in quotes] == ["We stay 👍🏽 here for 東京 and the rest", "Next year too"]
    assert [q.speaker.text for q in quotes] == ["محمد بن سلمان", "محمد بن سلمان"]
    assert all(text[q.cue.start:q.cue.end] == q.cue.text for q in quotes)


def test_crlf_text_normalised_on_loading_reads_the_same(tmp_path):
    from tui.loading import read_article

    path = tmp_path / "a.txt"
    path.write_bytes("Ana Ruiz spoke.\r\n\r\n“The vote was rigged,” she said.\r\n".encode())
    text = read_article(path).text
    who, found = speaker_of(text, "The vote was rigged", [entity(text, "Ana Ruiz")])
    assert who == "Ana Ruiz" and text[found.cue.start:found.cue.end] == "said"


# -- the picker's order ------------------------------------------------------------

def test_the_pickers_star_is_the_engines_choice_on_the_seed(seed_session):
    session = seed_session
    session.tag(*between(session, "Syrian Democratic Forces"), "ORG")
    ghika = session.tag(*between(session, "Christopher Ghika"), "PERSON")
    session.tag(*between(session, "Syrian Democratic Forces", 1), "ORG")
    observatory = session.tag(*between(session, "Syrian Observatory for Human Rights"), "ORG")
    quote = session.tag(*between(session, "These tactics won’t succeed"), "QUOTE")
    ranking = session.rank_links(quote.id)
    assert ranking.chosen == ghika and ranking.candidates[0] == ghika and ranking.reason == "cue 'he said'"
    text = session.document.text
    claim = session.tag(text.index("More than 37,000"), text.index(" according to the Syrian"), "CLAIM")
    ranking = session.rank_links(claim.id)
    assert ranking.candidates[0] == observatory and ranking.reason == "according to"


def test_the_seed_claim_goes_to_a_tagged_description_when_the_name_is_not_tagged(seed_session):
    session = seed_session
    session.tag(*between(session, "Syrian Democratic Forces", 1), "ORG")
    monitor = session.tag(*between(session, "The Britain-based war monitor"), "ORG")
    text = session.document.text
    claim = session.tag(text.index("More than 37,000"), text.index(" according to the Syrian"), "CLAIM")
    assert session.rank_links(claim.id).candidates[0] == monitor


def test_entities_inside_a_quote_never_come_first_by_distance(seed_session):
    session = seed_session
    session.tag(*between(session, "ISIS"), "ORG")
    session.tag(*between(session, "Syrian Democratic Forces", 1), "ORG")
    quote = session.tag(*between(session, "These tactics won’t succeed, our Syrian partners are focused on finding "
                                          "ISIS wherever they hide"), "QUOTE")
    ranking = session.rank_links(quote.id)
    assert ranking.candidates[0].text == "Syrian Democratic Forces"  # no person tagged: the nearest outside
    assert ranking.chosen is None


def test_an_anonymous_source_is_a_choice_and_naming_one_undoes_it(seed_session):
    session = seed_session
    ghika = session.tag(*between(session, "Christopher Ghika"), "PERSON")
    quote = session.tag(*between(session, "These tactics won’t succeed"), "QUOTE")
    session.link(quote.id, ghika.id)
    marked = session.mark_anonymous(quote.id)
    assert marked.attrs["source"] == "anonymous" and session.annotations.attribution(quote.id) is None
    session.link(quote.id, ghika.id)
    assert "source" not in session.annotations.span(quote.id).attrs
    session.undo()
    assert session.annotations.span(quote.id).attrs["source"] == "anonymous"


def test_a_description_picks_the_name_it_stands_for_by_coref(seed_session):
    session = seed_session
    ghika = session.tag(*between(session, "Christopher Ghika"), "PERSON")
    session.tag(*between(session, "Syrian Democratic Forces"), "ORG")
    deputy = session.tag(*between(session, "the coalition’s deputy commander"), "PERSON")
    ranking = session.rank_links(deputy.id)
    assert ranking.candidates[0] == ghika and ranking.reason == "description of"


def test_the_writer_speaking_is_the_source_of_their_own_words():
    text = "The judge looked up. “I am not shy,” I said. “Nor am I,” said Rep. Gwen Moore (D-Wis.)."
    first, second = [a for a in find_attributions(text) if a.type == "direct"]
    assert first.speaker.text == "I" and first.reason == "cue 'I said'"
    assert second.speaker.text.endswith("Gwen Moore")


def test_a_long_apposition_after_the_quote_keeps_the_name_before_it():
    text = ("''If Reagan had gone with Kemp, I would have been gone,'' Mr. Daniloff, now 81 and retired in "
            "Cambridge, Mass., said by telephone.")
    entities = [entity(text, "Daniloff"), entity(text, "Mass"), entity(text, "Reagan")]
    assert speaker_of(text, "If Reagan had gone with Kemp", entities)[0] == "Daniloff"


def test_reported_speech_in_its_other_shapes():
    text = ("Many of the closures, the mayor said, have involved public courses. "
            "A new poll shows Sanders leading the field in Iowa. "
            "They think the progress on climate change is real.\n\n"
            "Poll: Clinton and Trump in dead heat before the debate\n")
    found = {text[a.start:a.end]: (a.source.text, a.cue.text) for a in find_attributions(text)}
    assert found == {
        "Many of the closures, the mayor said, have involved public courses": ("the mayor", "said"),
        "Sanders leading the field in Iowa": ("A new poll", "shows"),
        "the progress on climate change is real": ("They", "think"),
        "Clinton and Trump in dead heat before the debate": ("Poll", ":"),
    }


def test_the_picker_says_who_the_text_names_when_they_are_not_tagged(seed_session):
    session = seed_session
    session.tag(*between(session, "Christopher Ghika"), "PERSON")
    text = session.document.text
    claim = session.tag(text.index("More than 37,000"), text.index(" according to the Syrian"), "CLAIM")
    ranking = session.rank_links(claim.id)
    assert ranking.chosen is None and ranking.untagged == "Syrian Observatory for Human Rights"
    assert ranking.reason == "according to"


def test_a_title_keeps_he_and_she_apart():
    text = "Mrs. Clinton met Mr. Trump on Monday. “We have nothing to hide,” she said."
    entities = [entity(text, "Clinton"), entity(text, "Trump")]
    assert speaker_of(text, "We have nothing to hide", entities)[0] == "Clinton"


def test_the_picker_stars_the_subject_of_told_not_the_nearest_name(store, tmp_path):
    from tui.loading import read_article
    from tui.schema import DEFAULT_SCHEMA
    from tui.session import Session

    path = tmp_path / "story.txt"
    path.write_text('Jane Doe told reporters about Bob Smith: "He will never win this race."\n', encoding="utf-8")
    document = read_article(path)
    store.save_document(document)
    session = Session(document, DEFAULT_SCHEMA, store.open(document, "alice"))
    try:
        jane = session.tag(*between(session, "Jane Doe"), "PERSON")
        session.tag(*between(session, "Bob Smith"), "PERSON")
        quote = session.tag(*between(session, "He will never win this race."), "QUOTE")
        ranking = session.rank_links(quote.id)
        assert ranking.chosen == jane and ranking.candidates[0] == jane
        assert ranking.reason == "cue 'Jane Doe told reporters'"
    finally:
        session.close()
