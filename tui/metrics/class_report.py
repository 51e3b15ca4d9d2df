"""Grading a whole class against one answer key: every student's grade, and
what the class got wrong most often (quotes missed, speakers and sources
confused, claims not found)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from ..model import CLAIM, QUOTE, Annotations, Span
from .grading import Grade, Prepared, grade, span_dict


@dataclass
class SpanTally:
    """A gold span and how many of the students graded on its document missed it."""

    doc_id: str
    span: Span
    missed: int
    graded: int

    @property
    def found(self) -> int:
        return self.graded - self.missed

    def to_dict(self) -> dict:
        return {"document": self.doc_id, **span_dict(self.span), "missed": self.missed,
                "found": self.found, "graded": self.graded}


@dataclass
class ClassReport:
    #: student -> their grade (no documents when they share none with the key)
    students: dict[str, Grade]
    #: gold quotes, most often missed first (only those someone missed)
    missed_quotes: list[SpanTally]
    #: (gold speaker/source text, student's text or None for no link, times)
    confusions: list[tuple[str, str | None, int]]
    #: gold claims, least often found first (only those someone missed)
    unfound_claims: list[SpanTally]

    def to_dict(self) -> dict:
        return {
            "students": {name: grade.to_dict() for name, grade in self.students.items()},
            "missed_quotes": [t.to_dict() for t in self.missed_quotes],
            "confused_speakers": [{"gold": g, "student": s, "count": n} for g, s, n in self.confusions],
            "unfound_claims": [t.to_dict() for t in self.unfound_claims],
        }


def grade_class(gold: Mapping[str, Annotations], students: Mapping[str, Mapping[str, Annotations]]) -> ClassReport:
    """Grade every student against ``gold`` (the gold's documents are prepared
    once) and gather what the class got wrong most often."""
    prepared = {doc_id: Prepared(annotations) for doc_id, annotations in gold.items()}
    grades = {name: grade(gold, docs, prepared, require_common=False) for name, docs in sorted(students.items())}
    return class_report(gold, grades)


def class_report(gold: Mapping[str, Annotations], grades: dict[str, Grade]) -> ClassReport:
    """The class report of students' grades (in the order given) against ``gold``."""
    # Counted at once from lists (in the same order): a class has thousands of documents.
    graded_docs, missed_spans, confused = [], [], []
    for result in grades.values():
        for doc_id, doc in result.documents.items():
            graded_docs.append(doc_id)
            missed_spans += [(doc_id, span.id) for span in doc.missed]
            confused += [(wrong.gold_speaker.text, wrong.student_speaker.text if wrong.student_speaker else None)
                         for wrong in doc.wrong]
    graded: Counter[str] = Counter(graded_docs)
    missed: Counter[tuple[str, str]] = Counter(missed_spans)
    confusions: Counter[tuple[str, str | None]] = Counter(confused)

    def tallies(kind: str) -> list[SpanTally]:
        out = []
        for (doc_id, span_id), count in missed.items():
            span = gold[doc_id].get(span_id)
            if span is not None and span.kind == kind:
                out.append(SpanTally(doc_id, span, count, graded[doc_id]))
        return out

    quotes = sorted(tallies(QUOTE), key=lambda t: (-t.missed, -t.graded, t.doc_id, t.span.start))
    claims = sorted(tallies(CLAIM), key=lambda t: (t.found / t.graded, -t.graded, t.doc_id, t.span.start))
    ranked = sorted(confusions.items(), key=lambda item: (-item[1], item[0][0], item[0][1] is None, item[0][1] or ""))
    return ClassReport(grades, quotes, [(g, s, n) for (g, s), n in ranked], claims)
