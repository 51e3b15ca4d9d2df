"""A student's annotations against the answer key, as spans to show: each
marked matched, inexact, wrong label, missed, extra, wrong speaker or wrong
source (the words of ``metrics.explain``)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .metrics import explain, grade_document
from .metrics.grading import DocumentGrade
from .model import Annotations, Span
from .schema import Label, Schema


def outcome_label(outcome: str) -> str:
    """An outcome as a label name: "wrong label" -> "WRONG-LABEL"."""
    return outcome.upper().replace(" ", "-")


MATCHED, INEXACT, WRONG_LABEL, MISSED, EXTRA, WRONG_SPEAKER, WRONG_SOURCE = map(outcome_label, explain.OUTCOMES)

#: The compare view's own legend: one colour per outcome, named as the grade
#: command and the feedback reports name it.
COMPARE_SCHEMA = Schema(
    labels=tuple(Label(outcome_label(outcome), "entity", str(n), colour)
                 for n, (outcome, colour) in enumerate(explain.OUTCOME_COLOURS.items(), 1)),
    source="compare",
)


@dataclass
class Comparison:
    grade: DocumentGrade
    spans: Annotations  # the outcome spans, labelled by outcome
    what: dict[str, str]  # outcome span id -> what it is ("PERSON “Ghika”: missed")

    def score_line(self) -> str:
        total = self.grade.total()
        attribution = self.grade.attribution_total()

        def percent(value: float | None) -> str:
            return "—" if value is None else f"{100 * value:.0f}%"

        return (
            f"strict F1 {percent(total.strict_scores.f1)} · partial F1 {percent(total.partial_scores.f1)} · "
            f"speakers/sources right {attribution.correct} of {attribution.total} · "
            + explain.counts_line(self.grade)
        )


def compare(gold: Annotations, student: Annotations, doc_id: str = "") -> Comparison:
    grade = grade_document(gold, student, doc_id)
    outcome: dict[str, tuple[Span, str, str]] = {}  # student/gold span id -> (span, outcome, note)

    for span in student.spans():
        outcome[span.id] = (span, MATCHED, f"{span.label} “{span.text}”: matches the key")
    for mistake in explain.mistakes(grade):
        # Shown where the student put it; a missed span where the key has it.
        placed = mistake.student if mistake.student is not None else mistake.gold
        assert placed is not None  # a mistake has the student's span, the key's, or both
        shown = mistake.gold if mistake.outcome == explain.WRONG_LABEL else placed
        assert shown is not None  # a wrong label has both
        outcome[placed.id] = (placed, outcome_label(mistake.outcome),
                            f"{shown.label} “{shown.text}”: {mistake.explanation}")
    spans = [
        replace(span, id=f"c-{span.id}", label=kind, kind="entity", attrs={}) for span, kind, _n in outcome.values()
    ]
    what = {f"c-{span.id}": note for span, _kind, note in outcome.values()}
    return Comparison(grade, Annotations(spans), what)
