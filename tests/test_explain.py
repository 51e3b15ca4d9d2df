"""Each mistake of a grade, explained in words a student can read."""

from __future__ import annotations

from tui.metrics import grade_document
from tui.metrics.explain import (EXTRA, INEXACT, MISSED, WRONG_LABEL, WRONG_SOURCE, WRONG_SPEAKER, counts_line,
                                 cue_of, mistakes)
from tui.model import Annotations, Relation, Span

T = "“We will win,” he said. Christopher Ghika met Reuters in Beirut. The monitor said 30 died."


def sp(span_id: str, sub: str, label: str, kind: str = "entity", cut: int = 0, **attrs) -> Span:
    start = T.index(sub)
    return Span(span_id, start, start + len(sub) + cut, label, kind, T[start:start + len(sub) + cut], attrs)


def cue(text: str) -> dict:
    start = T.index(text)
    return {"start": start, "end": start + len(text), "text": text}


def test_every_mistake_is_explained_in_reading_order():
    gold = Annotations(
        [sp("q", "“We will win,”", "QUOTE", "quote", cue=cue("he said")), sp("p", "Christopher Ghika", "PERSON"),
         sp("o", "Reuters", "ORG"), sp("l", "Beirut", "LOC"), sp("m", "The monitor", "ORG"),
         sp("c", "30 died", "CLAIM", "claim")],
        [Relation("r1", "q", "p", "SPEAKER"), Relation("r2", "c", "m", "SOURCE")])
    student = Annotations(
        [sp("q2", "“We will win,”", "QUOTE", "quote"), sp("p2", "Christopher Ghika", "PERSON", cut=-6),
         sp("o2", "Reuters", "LOC"), sp("x2", "he said", "MISC"), sp("c2", "30 died", "CLAIM", "claim"),
         sp("m2", "The monitor", "ORG")],
        [Relation("r3", "q2", "o2", "SPEAKER")])
    found = mistakes(grade_document(gold, student))
    assert [(m.outcome, m.span.text, m.explanation) for m in found] == [
        (WRONG_SPEAKER, "“We will win,”",
         "the speaker of this quote is Christopher Ghika: the cue is 'he said' after it; you linked Reuters"),
        (EXTRA, "he said", "you marked it MISC; the key does not mark it"),
        (INEXACT, "Christopher Ghika", "the key marks “Christopher Ghika”, you marked “Christopher”"),
        (WRONG_LABEL, "Reuters", "the key labels it ORG; you labelled it LOC"),
        (MISSED, "Beirut", "the key marks it LOC; you did not mark it"),
        (WRONG_SOURCE, "30 died", "the source of this claim is The monitor; you linked no source"),
    ]
    assert found[3].student.label == "LOC" and found[3].gold.label == "ORG"
    assert counts_line(grade_document(gold, student)) == (
        "inexact 1 · wrong label 1 · missed 1 · extra 1 · wrong speaker 1 · wrong source 1")


def test_a_cue_is_placed_before_after_or_inside_and_a_bad_one_ignored():
    quote = sp("q", "Christopher Ghika met Reuters", "QUOTE", "quote")
    for text, where in (("he said", "before it"), ("Beirut", "after it"), ("met", "inside it")):
        span = Span(quote.id, quote.start, quote.end, quote.label, quote.kind, quote.text, {"cue": cue(text)})
        assert cue_of(span) == (text, where)
    for bad in (None, "he said", {"text": ""}, {"start": 1}, [1, 2]):
        span = Span(quote.id, quote.start, quote.end, quote.label, quote.kind, quote.text, {"cue": bad})
        assert cue_of(span) is None
    assert cue_of(quote) is None
