from __future__ import annotations

import os

import pytest

from tui.errors import AnnottyError
from tui.schema import DEFAULT_SCHEMA
from tui.session import Session


def between(session, phrase, occurrence=0):
    text = session.document.text
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def reopen(session, store):
    session.close()
    return Session(session.document, DEFAULT_SCHEMA, store.open(session.document, session.annotator))


def test_tag_snaps_and_saves(seed_session, store):
    start, end = between(seed_session, "hristopher Ghika, ")
    span = seed_session.tag(start, end, "PERSON")
    assert span.text == "Christopher Ghika"
    assert seed_session.document.text[span.start:span.end] == span.text
    again = reopen(seed_session, store)
    assert again.annotations.spans() == [span]
    again.close()


def test_quote_type_and_claim_defaults(seed_session):
    quote = seed_session.tag(*between(seed_session, "These tactics won’t succeed"), "QUOTE")
    assert quote.attrs == {"type": "direct"}
    claim = seed_session.tag(*between(seed_session, "Recent gains by Kurdish-led forces"), "CLAIM")
    assert claim.attrs == {"checkworthy": "yes", "verdict": "unverified"}
    assert seed_session.toggle_attr(quote.id).attrs["type"] == "indirect"
    assert seed_session.cycle_verdict(claim.id).attrs["verdict"] == "true"


def test_undo_and_redo_are_saved(seed_session, store):
    span = seed_session.tag(*between(seed_session, "Ghika"), "PERSON")
    seed_session.undo()
    assert len(seed_session.annotations) == 0
    seed_session.redo()
    seed_session.set_attr(span.id, "note", "deputy commander")
    seed_session.undo()
    assert seed_session.annotations.span(span.id).note == ""
    again = reopen(seed_session, store)
    assert again.annotations.spans() == [span]
    assert again.undo() is None  # history is per session
    again.close()


def test_link_speaker_replace_and_delete(seed_session, store):
    ghika = seed_session.tag(*between(seed_session, "Christopher Ghika"), "PERSON")
    coalition = seed_session.tag(*between(seed_session, "U.S.-led coalition", 1), "ORG")
    quote = seed_session.tag(*between(seed_session, "These tactics won’t succeed"), "QUOTE")
    seed_session.link(quote.id, coalition.id)
    seed_session.link(quote.id, ghika.id)
    assert seed_session.annotations.attribution(quote.id) == ghika
    assert len(seed_session.annotations.relations()) == 1
    seed_session.delete(ghika.id)
    assert seed_session.annotations.attribution(quote.id) is None
    seed_session.undo()
    assert seed_session.annotations.attribution(quote.id) == ghika
    again = reopen(seed_session, store)
    assert again.annotations.attribution(quote.id) == ghika
    again.close()


def test_coref_between_entities(seed_session):
    monitor = seed_session.tag(*between(seed_session, "The Britain-based war monitor"), "ORG")
    sohr = seed_session.tag(*between(seed_session, "Syrian Observatory for Human Rights"), "ORG")
    relation = seed_session.link(monitor.id, sohr.id)
    assert (relation.head, relation.child, relation.label) == (monitor.id, sohr.id, "COREF")
    with pytest.raises(AnnottyError):
        seed_session.link(monitor.id, monitor.id)


def test_relabel_to_another_kind_drops_links_that_no_longer_fit(seed_session):
    ghika = seed_session.tag(*between(seed_session, "Christopher Ghika"), "PERSON")
    quote = seed_session.tag(*between(seed_session, "These tactics won’t succeed"), "QUOTE")
    seed_session.link(quote.id, ghika.id)
    claim = seed_session.relabel(quote.id, "CLAIM")
    assert claim.kind == "claim" and claim.attrs["verdict"] == "unverified"
    assert seed_session.annotations.relations() == []
    seed_session.undo()
    assert seed_session.annotations.attribution(quote.id) == ghika


def test_link_candidates_put_the_nearest_person_first(seed_session):
    seed_session.tag(*between(seed_session, "Syrian Observatory for Human Rights"), "ORG")
    ghika = seed_session.tag(*between(seed_session, "Ghika", 1), "PERSON")
    seed_session.tag(*between(seed_session, "Baghouz", 1), "LOC")
    quote = seed_session.tag(*between(seed_session, "These tactics won’t succeed"), "QUOTE")
    candidates = seed_session.link_candidates(quote.id)
    assert candidates[0] == ghika
    assert candidates[-1].label == "LOC"


def test_a_failed_save_keeps_the_change_and_says_so(seed_session, monkeypatch):
    real_fsync = os.fsync

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    span = seed_session.tag(*between(seed_session, "Ghika"), "PERSON")
    assert seed_session.annotations.spans() == [span]
    assert seed_session.unsaved == 1 and seed_session.save_problem == "No space left on device"
    assert not seed_session.retry_save()
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert seed_session.retry_save() and seed_session.unsaved == 0


def test_tagging_nothing_is_refused(seed_session):
    with pytest.raises(AnnottyError, match="nothing to tag"):
        seed_session.tag(0, 1, "PERSON")  # a single space


def suggestion_over(session, phrase, label, kind, **extra):
    from tui.suggest import Suggestion

    start, end = between(session, phrase)
    return Suggestion(start, end, label, kind, session.document.text[start:end], **extra)


def test_accepting_a_suggestion_goes_through_the_schema_like_tagging(seed_session, store):
    speaker = seed_session.tag(*between(seed_session, "Christopher Ghika"), "PERSON")
    quote = suggestion_over(
        seed_session, "These tactics won’t succeed", "QUOTE", "quote",
        speaker=(speaker.start + 3, speaker.end), speaker_text="Christopher Ghika",
    )
    span = seed_session.accept(quote)
    assert span.attrs == {"type": "direct"}  # the kind's default, decided in one place
    assert [(r.child, r.label) for r in seed_session.annotations.relations_of(span.id)] == [(speaker.id, "SPEAKER")]
    seed_session.undo()  # the span and its link are one change
    assert seed_session.annotations.spans() == [speaker]
    assert seed_session.annotations.relations() == []


@pytest.mark.parametrize("label, kind", [("SLOGAN", "entity"), ("PERSON", "quote"), ("PERSON", "event")])
def test_a_suggestion_outside_the_schema_is_refused_not_stored(seed_session, label, kind):
    bad = suggestion_over(seed_session, "Christopher Ghika", label, kind)
    with pytest.raises(AnnottyError):
        seed_session.accept(bad)
    assert seed_session.annotations.spans() == []


def test_a_bad_span_is_an_annottyerror_across_the_core_boundary(seed_session):
    from tui.model import make_span

    with pytest.raises(AnnottyError):
        make_span(seed_session.document.text, 5, 5, "PERSON", "entity")
    with pytest.raises(AnnottyError):
        make_span(seed_session.document.text, 0, 5, "PERSON", "event")


def test_linking_the_engines_choice_records_its_cue_in_the_same_change(seed_session):
    from tui.attribution.cue import read_cue

    ghika = seed_session.tag(*between(seed_session, "Christopher Ghika"), "PERSON")
    quote = seed_session.tag(*between(seed_session, "These tactics won’t succeed"), "QUOTE")
    ranking = seed_session.rank_links(quote.id)
    assert ranking.chosen == ghika and ranking.cue is not None
    seed_session.link(quote.id, ghika.id, cue=ranking.cue)
    cue = read_cue(seed_session.annotations.span(quote.id).attrs, seed_session.document.text)
    assert cue is not None and "said" in cue.text
    seed_session.undo()  # link and cue are one change
    assert "cue" not in seed_session.annotations.span(quote.id).attrs
    assert seed_session.annotations.relations() == []
