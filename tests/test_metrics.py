"""Grading against an answer key and agreement between annotators (tui.metrics),
on hand-built annotations with exact expected numbers."""

from __future__ import annotations

import random
import subprocess
import sys
from fractions import Fraction

import pytest

from tui.errors import AnnottyError
from tui.metrics import (
    Counts, Scores, agreement, cohen_kappa, cohen_kappa_table, fleiss_kappa, grade, grade_class, grade_document,
    krippendorff_alpha, match_intervals, normalise,
)
from tui.metrics.agreement import _LabelMatcher
from tui.metrics.matching import count_matches
from tui.model import Annotations, Relation, Span

KIND_OF = {"QUOTE": "quote", "INDIRECT": "quote", "CLAIM": "claim"}


def sp(text: str, span_id: str, sub: str, label: str, nth: int = 0, cut: tuple[int, int] = (0, 0)) -> Span:
    """A span over the ``nth`` occurrence of ``sub``, its start moved by
    ``cut[0]`` and its end by ``cut[1]``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    end = start + len(sub) + cut[1]
    start += cut[0]
    return Span(span_id, start, end, label, KIND_OF.get(label, "entity"), text[start:end], {})


def rel(head: str, child: str, label: str) -> Relation:
    return Relation(f"r-{head}-{child}", head, child, label)


def ann(spans, relations=()) -> Annotations:
    return Annotations(spans, relations)


# -- matching and scores -------------------------------------------------------

T = "Christopher Ghika met Ana Bo and Reuters in Beirut."


def test_exact_match_is_strict_and_partial():
    gold = ann([sp(T, "g1", "Christopher Ghika", "PERSON")])
    student = ann([sp(T, "s1", "Christopher Ghika", "PERSON")])
    doc = grade_document(gold, student)
    assert doc.counts == {("entity", "PERSON"): Counts(gold=1, predicted=1, strict=1, partial=1)}
    assert (doc.missed, doc.extra, doc.inexact) == ([], [], [])
    scores = doc.total().strict_scores
    assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)


def test_off_by_one_counts_as_partial_only():
    gold = ann([sp(T, "g1", "Christopher Ghika", "PERSON")])
    student = ann([sp(T, "s1", "Christopher Ghika", "PERSON", cut=(0, -1))])  # "Christopher Ghik"
    doc = grade_document(gold, student)
    total = doc.total()
    assert total == Counts(1, 1, strict=0, partial=1)
    assert (total.strict_scores.precision, total.strict_scores.recall, total.strict_scores.f1) == (0.0, 0.0, 0.0)
    assert (total.partial_scores.precision, total.partial_scores.recall, total.partial_scores.f1) == (1.0, 1.0, 1.0)
    assert [(g.text, s.text) for g, s in doc.inexact] == [("Christopher Ghika", "Christopher Ghik")]
    assert doc.missed == [] and doc.extra == []


def test_wrong_label_counts_as_missed_and_extra_and_is_listed_as_a_wrong_label():
    gold = ann([sp(T, "g1", "Reuters", "ORG"), sp(T, "g2", "Beirut", "LOC")])
    student = ann([sp(T, "s1", "Reuters", "PERSON"), sp(T, "s2", "Beirut", "LOC", cut=(1, 0))])
    doc = grade_document(gold, student)
    assert doc.counts[("entity", "ORG")] == Counts(1, 0, 0, 0)
    assert doc.counts[("entity", "PERSON")] == Counts(0, 1, 0, 0)
    assert [(g.id, s.id) for g, s in doc.wrong_label] == [("g1", "s1")]
    assert doc.missed == [] and doc.extra == []
    assert doc.to_dict()["wrong_label"][0]["gold"]["label"] == "ORG"
    assert doc.to_dict()["wrong_label"][0]["student"]["label"] == "PERSON"
    # Another place (even overlapping) is not a wrong label: a miss and an extra
    other = grade_document(ann([sp(T, "g1", "Reuters", "ORG")]), ann([sp(T, "s1", "Reuters", "PERSON", cut=(1, 0))]))
    assert other.wrong_label == [] and [s.id for s in other.missed] == ["g1"] and [s.id for s in other.extra] == ["s1"]
    doc = grade_document(gold, ann([sp(T, "s1", "Reuters", "PERSON")]))
    assert [s.id for s in doc.missed] == ["g2"] and [(g.id, s.id) for g, s in doc.wrong_label] == [("g1", "s1")]
    org = doc.counts[("entity", "ORG")].strict_scores
    assert (org.precision, org.recall, org.f1) == (None, 0.0, 0.0)
    person = doc.counts[("entity", "PERSON")].partial_scores
    assert (person.precision, person.recall, person.f1) == (0.0, None, 0.0)


def test_missing_and_extra_spans():
    gold = ann([sp(T, "g1", "Christopher Ghika", "PERSON"), sp(T, "g2", "Ana Bo", "PERSON"),
                sp(T, "g3", "Beirut", "LOC")])
    student = ann([sp(T, "s1", "Christopher Ghika", "PERSON"), sp(T, "s3", "Beirut", "LOC"),
                   sp(T, "s4", "Reuters", "ORG")])
    result = grade({"d": gold}, {"d": student})
    total = result.total()
    assert total == Counts(3, 3, 2, 2)
    assert total.strict_scores.precision == pytest.approx(2 / 3)
    assert total.strict_scores.recall == pytest.approx(2 / 3)
    assert total.strict_scores.f1 == pytest.approx(2 / 3)
    doc = result.documents["d"]
    assert [s.text for s in doc.missed] == ["Ana Bo"]
    assert [s.text for s in doc.extra] == ["Reuters"]
    assert result.by_kind()["entity"] == Counts(3, 3, 2, 2)
    assert result.by_label()[("entity", "LOC")] == Counts(1, 1, 1, 1)


def test_each_gold_span_is_matched_once():
    # One student span over two gold names: it goes to the one it overlaps most.
    gold = ann([sp(T, "g1", "Ana", "PERSON"), sp(T, "g2", "Bo", "PERSON")])
    student = ann([sp(T, "s1", "Ana Bo", "PERSON")])
    doc = grade_document(gold, student)
    assert doc.total() == Counts(2, 1, 0, 1)
    p = doc.total().partial_scores
    assert (p.precision, p.recall, p.f1) == (1.0, 0.5, pytest.approx(2 / 3))
    assert [s.text for s in doc.missed] == ["Bo"]
    assert [(g.text, s.text) for g, s in doc.inexact] == [("Ana", "Ana Bo")]


def test_matching_is_greedy_by_overlap_not_maximum():
    # gold 0-10 overlaps pred 5-10 (Jaccard .5) and 0-3 (.3); gold 9-30 overlaps
    # only 5-10 (.04). Greedy takes the .5 pair and stops at one match, where
    # a maximum matching would pair (0-10, 0-3) and (9-30, 5-10).
    assert match_intervals([(0, 10), (9, 30)], [(5, 10), (0, 3)]) == [(0, 0)]
    # ranked by Jaccard, not by characters in common: 0-4 (4 of 10) beats 2-30 (8 of 30)
    assert match_intervals([(0, 10)], [(2, 30), (0, 4)]) == [(0, 1)]
    # identical intervals are paired first, whatever else overlaps
    assert match_intervals([(0, 10)], [(0, 5), (0, 10)]) == [(0, 1)]
    assert match_intervals([(0, 4), (6, 9)], [(6, 9), (0, 4)]) == [(0, 1), (1, 0)]
    assert match_intervals([], [(0, 1)]) == [] and match_intervals([(0, 1)], [(1, 2)]) == []


def test_duplicate_spans_are_counted_each():
    gold = ann([sp(T, "g1", "Reuters", "ORG"), sp(T, "g2", "Reuters", "ORG")])
    student = ann([sp(T, "s1", "Reuters", "ORG")])
    assert grade_document(gold, student).total() == Counts(2, 1, 1, 1)
    assert grade_document(student, gold).total() == Counts(1, 2, 1, 1)
    assert grade_document(gold, gold).total() == Counts(2, 2, 2, 2)


def test_scores_when_a_side_is_empty():
    assert (Scores(0, 0, 0).precision, Scores(0, 0, 0).recall, Scores(0, 0, 0).f1) == (None, None, None)
    assert (Scores(0, 2, 0).precision, Scores(0, 2, 0).recall, Scores(0, 2, 0).f1) == (None, 0.0, 0.0)
    assert (Scores(1, 2, 3).precision, Scores(1, 2, 3).recall, Scores(1, 2, 3).f1) == (1 / 3, 0.5, 0.4)
    empty = grade_document(ann([]), ann([]))
    assert empty.counts == {} and empty.total().strict_scores.f1 is None


def test_grade_sums_documents_and_lists_the_ones_not_annotated():
    g1 = ann([sp(T, "g1", "Christopher Ghika", "PERSON"), sp(T, "g2", "Beirut", "LOC")])
    s1 = ann([sp(T, "s1", "Christopher Ghika", "PERSON")])
    g2 = ann([sp(T, "g3", "Reuters", "ORG")])
    s2 = ann([sp(T, "s3", "Reuters", "ORG", cut=(1, 0))])
    result = grade({"d1": g1, "d2": g2, "d3": g1}, {"d1": s1, "d2": s2, "other": s1})
    assert list(result.documents) == ["d1", "d2"]
    assert result.not_annotated == ["d3"]
    assert result.total() == Counts(3, 2, 1, 2)
    data = result.to_dict()
    assert {"strict", "partial", "by_kind", "by_label", "attribution", "documents"} <= set(data)
    assert data["strict"] == {"precision": 0.5, "recall": 1 / 3, "f1": 0.4, "tp": 1, "gold": 3, "predicted": 2}
    assert data["partial"]["f1"] == 0.8
    assert data["by_label"]["ORG"]["strict"]["f1"] == 0.0 and data["by_label"]["ORG"]["partial"]["f1"] == 1.0
    assert data["documents"]["d1"]["missed"] == [
        {"id": "g2", "start": 44, "end": 50, "label": "LOC", "kind": "entity", "text": "Beirut"}]
    with pytest.raises(AnnottyError, match="no document in common"):
        grade({"d1": g1}, {"d2": s1})


# -- attribution ---------------------------------------------------------------

A = ("Christopher Ghika told reporters: “We will win.” The Syrian Observatory for Human Rights said "
     "the Britain-based war monitor had counted. The monitor said that 30 people died. "
     "CHRISTOPHER\nGHIKA later repeated: “Nothing changes.” Reuters agreed.")


def gold_attribution() -> Annotations:
    spans = [
        sp(A, "p1", "Christopher Ghika", "PERSON"),
        sp(A, "q1", "We will win.", "QUOTE"),
        sp(A, "o1", "Syrian Observatory for Human Rights", "ORG"),
        sp(A, "o2", "the Britain-based war monitor", "ORG"),
        sp(A, "o3", "The monitor", "ORG"),
        sp(A, "c1", "30 people died", "CLAIM"),
        sp(A, "q2", "Nothing changes.", "QUOTE"),
        sp(A, "r1", "Reuters", "ORG"),
    ]
    relations = [
        rel("q1", "p1", "SPEAKER"),
        rel("o2", "o1", "COREF"),   # the monitor -> the Observatory
        rel("o3", "o2", "COREF"),   # "The monitor" -> "the Britain-based war monitor"
        rel("c1", "o3", "SOURCE"),
        rel("q2", "p1", "SPEAKER"),  # linked to the first mention, far away
    ]
    return ann(spans, relations)


def student(spans, relations=()) -> Annotations:
    return ann(spans, relations)


def attribution_of(student_annotations: Annotations):
    doc = grade_document(gold_attribution(), student_annotations)
    return doc, doc.attribution_total()


def test_speaker_right_by_overlap():
    doc, total = attribution_of(student(
        [sp(A, "s1", "Ghika", "PERSON"), sp(A, "s2", "We will win", "QUOTE")],  # both boundaries differ
        [rel("s2", "s1", "SPEAKER")]))
    assert (total.correct, total.total) == (1, 1)
    assert doc.attribution["quote"].accuracy == 1.0 and doc.wrong == []


def test_source_right_through_a_coref_chain_either_way():
    # gold source is "The monitor" -> "the Britain-based war monitor" -> the Observatory
    doc, total = attribution_of(student(
        [sp(A, "s1", "Syrian Observatory", "ORG"), sp(A, "s2", "30 people died", "CLAIM")],
        [rel("s2", "s1", "SOURCE")]))
    assert (total.correct, total.total) == (1, 1)
    # and backwards: the gold links the claim to the Observatory, the student to "The monitor"
    gold = gold_attribution()
    relations = [r for r in gold.relations() if r.head != "c1"] + [rel("c1", "o1", "SOURCE")]
    gold = ann(gold.spans(), relations)
    result = grade_document(gold, student(
        [sp(A, "s1", "The monitor", "ORG"), sp(A, "s2", "30 people died", "CLAIM")], [rel("s2", "s1", "SOURCE")]))
    assert result.attribution["claim"] == type(result.attribution["claim"])(1, 1)


def test_speaker_right_by_normalised_text():
    assert normalise("  CHRISTOPHER\nGHIKA ") == normalise("Christopher  Ghika") == "christopher ghika"
    doc, total = attribution_of(student(
        [sp(A, "s1", "CHRISTOPHER\nGHIKA", "PERSON"), sp(A, "s2", "Nothing changes.", "QUOTE")],
        [rel("s2", "s1", "SPEAKER")]))
    assert (total.correct, total.total) == (1, 1)


def test_wrong_speaker_and_no_speaker():
    doc, total = attribution_of(student(
        [sp(A, "s1", "Reuters", "ORG"), sp(A, "s2", "We will win.", "QUOTE"),
         sp(A, "s3", "Nothing changes.", "QUOTE"), sp(A, "s4", "30 people died", "CLAIM")],
        [rel("s2", "s1", "SPEAKER"), rel("s4", "s1", "SOURCE")]))
    assert (total.correct, total.total) == (0, 3)
    assert total.accuracy == 0.0
    assert [w.to_dict()["gold"] for w in doc.wrong] == ["Christopher Ghika", "Christopher Ghika", "The monitor"]
    assert [w.to_dict()["student"] for w in doc.wrong] == ["Reuters", None, "Reuters"]
    assert doc.wrong[0].to_dict()["span"]["text"] == "We will win."
    assert doc.attribution["quote"].to_dict() == {"correct": 0, "total": 2, "accuracy": 0.0}


def test_only_found_quotes_with_a_gold_speaker_are_graded():
    doc, total = attribution_of(student([sp(A, "s1", "Christopher Ghika", "PERSON")]))
    assert (total.correct, total.total, total.accuracy) == (0, 0, None)
    gold = ann([sp(A, "q1", "We will win.", "QUOTE")])  # no speaker in the key
    doc = grade_document(gold, student([sp(A, "s1", "We will win.", "QUOTE")]))
    assert doc.unattributed == 1 and doc.attribution_total().total == 0


def test_attribution_matches_by_kind_across_labels():
    gold = gold_attribution()
    doc = grade_document(gold, student(
        [sp(A, "s1", "Christopher Ghika", "PERSON"), sp(A, "s2", "We will win.", "INDIRECT")],
        [rel("s2", "s1", "SPEAKER")]))
    assert doc.counts[("quote", "QUOTE")] == Counts(2, 0, 0, 0)
    assert doc.counts[("quote", "INDIRECT")] == Counts(0, 1, 0, 0)
    assert doc.attribution["quote"] == type(doc.attribution["quote"])(1, 1)


# -- CJK and emoji: offsets are code points ------------------------------------

J = "東京都の小池百合子知事は「準備は整った」と述べた。👩‍👩‍👧が👍🏽と返した。"


def test_cjk_and_emoji_spans():
    family = sp(J, "g3", "👩‍👩‍👧", "MISC")
    assert family.end - family.start == 5  # woman ZWJ woman ZWJ girl
    gold = ann([sp(J, "g1", "小池百合子", "PERSON"), sp(J, "g2", "準備は整った", "QUOTE"), family],
               [rel("g2", "g1", "SPEAKER")])
    student_annotations = ann(
        [sp(J, "s1", "小池百合子", "PERSON", cut=(0, -1)), sp(J, "s2", "準備は整った", "QUOTE"),
         sp(J, "s3", "👩", "MISC"), sp(J, "s4", "東京都", "LOC")],
        [rel("s2", "s1", "SPEAKER")])
    doc = grade_document(gold, student_annotations)
    assert doc.counts == {
        ("entity", "LOC"): Counts(0, 1, 0, 0), ("entity", "MISC"): Counts(1, 1, 0, 1),
        ("entity", "PERSON"): Counts(1, 1, 0, 1), ("quote", "QUOTE"): Counts(1, 1, 1, 1),
    }
    assert [(g.text, s.text) for g, s in doc.inexact] == [("小池百合子", "小池百合"), ("👩‍👩‍👧", "👩")]
    assert [s.text for s in doc.extra] == ["東京都"]
    assert doc.attribution_total().correct == 1 and doc.attribution_total().total == 1


# -- a class -----------------------------------------------------------------


def test_class_report():
    gold = {"d": gold_attribution()}
    perfect = {"d": gold_attribution()}
    wrong = {"d": student([sp(A, "s1", "Reuters", "ORG"), sp(A, "s2", "We will win.", "QUOTE")],
                          [rel("s2", "s1", "SPEAKER")])}
    silent = {"d": student([sp(A, "s2", "We will win.", "QUOTE")])}
    elsewhere = {"x": student([])}
    report = grade_class(gold, {"perfect": perfect, "wrong": wrong, "silent": silent, "elsewhere": elsewhere})
    assert list(report.students) == ["elsewhere", "perfect", "silent", "wrong"]
    assert report.students["elsewhere"].documents == {}
    # q2 missed by wrong and silent; q1 missed by nobody
    assert [(t.span.id, t.missed, t.graded) for t in report.missed_quotes] == [("q2", 2, 3)]
    assert report.confusions == [("Christopher Ghika", "Reuters", 1), ("Christopher Ghika", None, 1)]
    assert [(t.span.id, t.found, t.graded) for t in report.unfound_claims] == [("c1", 1, 3)]
    data = report.to_dict()
    assert data["confused_speakers"][0] == {"gold": "Christopher Ghika", "student": "Reuters", "count": 1}


# -- the coefficients against published values ----------------------------------


def test_cohen_kappa_textbook_tables():
    # Wikipedia, "Cohen's kappa": 50 proposals read by A and B.
    assert cohen_kappa_table([[20, 5], [10, 15]]) == pytest.approx(0.4, abs=1e-12)
    # same agreement, different marginals (Wikipedia's second example)
    assert cohen_kappa_table([[45, 15], [25, 15]]) == pytest.approx(0.06 / 0.46, abs=1e-12)  # 0.1304
    assert cohen_kappa_table([[25, 35], [5, 35]]) == pytest.approx(0.14 / 0.54, abs=1e-12)  # 0.2593
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4, abs=1e-12)
    assert cohen_kappa(a, a) == 1.0
    assert cohen_kappa(["x"] * 5, ["x"] * 5) is None  # chance agreement is total: undefined
    with pytest.raises(AnnottyError):
        cohen_kappa([1, 2], [1])


def test_fleiss_kappa_textbook_example():
    # Fleiss (1971) as on Wikipedia: 10 subjects, 14 raters, 5 categories:
    # P-bar 0.378, P-bar-e 0.213, kappa 0.210.
    table = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
             [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
    assert round(fleiss_kappa(table), 3) == 0.210
    assert fleiss_kappa(table) == pytest.approx(0.2099307, abs=1e-7)
    with pytest.raises(AnnottyError):
        fleiss_kappa([[1, 1], [2, 1]])  # not the same number of raters


def test_krippendorff_alpha_documented_examples():
    # The krippendorff package's own docstring example (nominal): 0.691358.
    value_counts = [[1, 0, 0, 0], [0, 0, 0, 0], [0, 2, 0, 0], [2, 0, 0, 0], [0, 0, 2, 0], [0, 0, 2, 1],
                    [0, 0, 0, 3], [1, 0, 1, 0], [0, 2, 0, 0], [2, 0, 0, 0], [2, 0, 0, 0], [0, 0, 2, 0],
                    [0, 0, 2, 0], [0, 0, 0, 0], [0, 0, 1, 1]]
    assert round(krippendorff_alpha(value_counts), 6) == 0.691358
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 coders,
    # 12 units with missing values, nominal alpha 0.743.
    nan = None
    data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan], [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
            [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan], [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]]
    counts = [[sum(1 for coder in data if coder[unit] == value) for value in range(1, 6)] for unit in range(12)]
    assert round(krippendorff_alpha(counts), 3) == 0.743
    assert krippendorff_alpha([[2, 0], [2, 0]]) is None  # one value only


# -- agreement over documents ------------------------------------------------------

TEN = "abcdefghij"


def test_two_annotators_character_agreement():
    a = ann([Span("a1", 0, 4, "PERSON", "entity", "abcd", {})])
    b = ann([Span("b1", 2, 6, "PERSON", "entity", "cdef", {})])
    result = agreement({"a": {"d": a}, "b": {"d": b}}, {"d": TEN})
    label = result.labels[("entity", "PERSON")]
    assert result.units == 10 and label.coverage == [4, 4]
    # 2 both, 2 a only, 2 b only, 4 neither: p_o .6, p_e .52
    assert label.cohen_kappa == pytest.approx(1 / 6, abs=1e-12)
    assert label.fleiss_kappa == pytest.approx(1 / 6, abs=1e-12)
    # o = [[8, 4], [4, 4]], n = 20: alpha = 1 - 19 * 8 / (2 * 12 * 8) = 5/24
    assert label.krippendorff_alpha == pytest.approx(5 / 24, abs=1e-12)
    pair = result.pairs[0]
    assert (pair.a, pair.b) == ("a", "b")
    assert pair.total() == Counts(1, 1, 0, 1)
    assert (label.strict_f1, label.partial_f1) == (0.0, 1.0)


def test_three_annotators_character_agreement():
    a = ann([Span("a1", 0, 4, "PERSON", "entity", "abcd", {})])
    b = ann([Span("b1", 2, 6, "PERSON", "entity", "cdef", {})])
    c = ann([Span("c1", 0, 6, "PERSON", "entity", "abcdef", {}), Span("c2", 8, 9, "LOC", "entity", "i", {})])
    result = agreement({"a": {"d": a}, "b": {"d": b}, "c": {"d": c}}, {"d": TEN})
    person = result.labels[("entity", "PERSON")]
    assert person.cohen_kappa is None  # three annotators: Fleiss and Krippendorff
    assert person.fleiss_kappa == pytest.approx(float(Fraction(13, 28)), abs=1e-12)
    assert person.krippendorff_alpha == pytest.approx(float(Fraction(27, 56)), abs=1e-12)
    loc = result.labels[("entity", "LOC")]
    assert loc.coverage == [0, 0, 1]
    # 9 units all "no", 1 unit 2 no / 1 yes: P-bar = (9 + 1/3) / 10, p_yes = 1/30
    p_bar, p_e = Fraction(28, 30), Fraction(1, 30) ** 2 + Fraction(29, 30) ** 2
    assert loc.fleiss_kappa == pytest.approx(float((p_bar - p_e) / (1 - p_e)), abs=1e-12)
    assert [(p.a, p.b) for p in result.pairs] == [("a", "b"), ("a", "c"), ("b", "c")]
    assert [p.counts[("entity", "PERSON")].partial for p in result.pairs] == [1, 1, 1]
    assert ("entity", "LOC") not in result.pairs[0].counts  # neither a nor b used LOC
    assert result.pairs[1].counts[("entity", "LOC")] == Counts(0, 1, 0, 0)
    assert (loc.strict_f1, loc.partial_f1) == (0.0, 0.0)
    assert result.to_dict()["labels"]["PERSON"]["characters"] == [4, 4, 6]


def test_agreement_units_are_code_points_over_shared_documents():
    a = ann([sp(J, "a1", "👩‍👩‍👧", "MISC")])
    b = ann([sp(J, "b1", "👍🏽", "MISC")])
    other = ann([])
    result = agreement({"a": {"d": a, "only-a": other}, "b": {"d": b}}, {"d": J, "only-a": "xyz"})
    assert result.documents == ["d"] and result.units == len(J) == 38
    misc = result.labels[("entity", "MISC")]
    assert misc.coverage == [5, 2]
    # no character in common: p_o = 31/38, p_e = (5*2 + 33*36)/38^2
    p_o, p_e = Fraction(31, 38), Fraction(5 * 2 + 33 * 36, 38 * 38)
    assert misc.cohen_kappa == pytest.approx(float((p_o - p_e) / (1 - p_e)), abs=1e-12)


def test_agreement_errors():
    with pytest.raises(AnnottyError, match="two annotators"):
        agreement({"a": {"d": ann([])}}, {"d": TEN})
    with pytest.raises(AnnottyError, match="no document in common"):
        agreement({"a": {"d": ann([])}, "b": {"e": ann([])}}, {"d": TEN, "e": TEN})


def test_pairwise_matcher_agrees_with_the_plain_matching():
    # The agreement's shared-work matcher must count exactly what count_matches does.
    rng = random.Random(5)
    for _ in range(300):
        intervals = {}
        for name in "abc":
            spans = []
            for _ in range(rng.randint(0, 8)):
                start = rng.randint(0, 40)
                spans.append((start, start + rng.randint(1, 8)))
            intervals[name] = sorted(spans)
        matcher = _LabelMatcher(intervals)
        for a, b in (("a", "b"), ("b", "c"), ("a", "c")):
            assert matcher.counts(a, b) == count_matches(intervals[a], intervals[b])[0], intervals


def test_metrics_import_neither_ui_nor_numpy():
    code = ("import sys, tui.metrics, tui.metrics.collect; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'numpy', 'krippendorff')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_wrong_attribution_says_the_cue_of_the_answer_key():
    from dataclasses import replace

    from tui.attribution import find_attributions, write_cue

    gold = gold_attribution()
    quote = gold.span("q1")
    [found] = [a for a in find_attributions(A, [gold.span("p1")]) if a.start == quote.start]
    gold = Annotations([replace(s, attrs=write_cue({}, A, found.cue.start, found.cue.end)) if s.id == "q1" else s
                        for s in gold.spans()], gold.relations())
    doc = grade_document(gold, student([sp(A, "s1", "Reuters", "ORG"), sp(A, "s2", "We will win.", "QUOTE")],
                                       [rel("s2", "s1", "SPEAKER")]))
    assert doc.wrong[0].cue == "told reporters" and doc.wrong[0].to_dict()["cue"] == "told reporters"
