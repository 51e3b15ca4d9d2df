"""A student's annotations against the answer key, as spans to show: each
marked matched, inexact, missed, extra or wrongly attributed."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .metrics import grade_document
from .metrics.grading import DocumentGrade
from .model import Annotations, Span
from .schema import Label, Schema

MATCHED, INEXACT, MISSED, EXTRA, WRONG = "MATCHED", "INEXACT", "MISSED", "EXTRA", "WRONG-SPEAKER"

#: The compare view's own legend: one colour per outcome.
COMPARE_SCHEMA = Schema(
    labels=(
        Label(MATCHED, "entity", "1", "#2ec27e"),
        Label(INEXACT, "entity", "2", "#f5c211"),
        Label(MISSED, "entity", "3", "#e01b24"),
        Label(EXTRA, "entity", "4", "#9a9996"),
        Label(WRONG, "entity", "5", "#c061cb"),
    ),
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
            f"missed {len(self.grade.missed)} · extra {len(self.grade.extra)} · "
            f"inexact {len(self.grade.inexact)} · wrongly attributed {len(self.grade.wrong)}"
        )


def compare(gold: Annotations, student: Annotations, doc_id: str = "") -> Comparison:
    grade = grade_document(gold, student, doc_id)
    outcome: dict[str, tuple[Span, str, str]] = {}  # student/gold span id -> (span, outcome, note)

    def mark(span: Span, kind: str, note: str) -> None:
        outcome[span.id] = (span, kind, note)

    for span in student.spans():
        mark(span, MATCHED, f"{span.label} “{span.text}”: matches the key")
    for gold_span, student_span in grade.inexact:
        mark(student_span, INEXACT, f"{student_span.label} “{student_span.text}”: the key has “{gold_span.text}”")
    for span in grade.extra:
        mark(span, EXTRA, f"{span.label} “{span.text}”: not in the key")
    for wrong in grade.wrong:
        said = wrong.student_speaker.text if wrong.student_speaker else "nobody"
        mark(wrong.student, WRONG, f"{wrong.student.label} “{wrong.student.text}”: you said {said}, "
                                   f"the key says {wrong.gold_speaker.text}")
    for span in grade.missed:
        mark(span, MISSED, f"{span.label} “{span.text}”: missed")
    spans = [replace(span, id=f"c-{span.id}", label=kind, kind="entity", attrs={}) for span, kind, _n in outcome.values()]
    what = {f"c-{span.id}": note for span, _kind, note in outcome.values()}
    return Comparison(grade, Annotations(spans), what)
