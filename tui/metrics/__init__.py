"""Grading annotations against an answer key, and agreement between
annotators: pure functions over ``Annotations`` (no UI, no printing; bad
input raises ``AnnottyError``).

- ``matching``: one-to-one span matching (strict and partial) and P/R/F1;
- ``grading``: ``grade``, ``grade_document``, ``grade_class``;
- ``agreement``: ``agreement``, ``cohen_kappa``, ``fleiss_kappa``,
  ``krippendorff_alpha``;
- ``collect``: reading annotators' annotations from a store.
"""

from .agreement import Agreement, agreement, cohen_kappa, cohen_kappa_table, fleiss_kappa, krippendorff_alpha
from .grading import (
    Attribution, ClassReport, DocumentGrade, Grade, WrongAttribution, grade, grade_class, grade_document, normalise,
)
from .matching import Counts, Scores, match_intervals

__all__ = [
    "Agreement", "Attribution", "ClassReport", "Counts", "DocumentGrade", "Grade", "Scores", "WrongAttribution",
    "agreement", "cohen_kappa", "cohen_kappa_table", "fleiss_kappa", "grade", "grade_class", "grade_document",
    "krippendorff_alpha", "match_intervals", "normalise",
]
