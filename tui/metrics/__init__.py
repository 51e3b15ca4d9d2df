"""Grading annotations against an answer key, and agreement between
annotators: pure functions over ``Annotations`` (no UI, no printing; bad
input raises ``AnnottyError``).

- ``matching``: one-to-one span matching (strict and partial) and P/R/F1;
- ``grading``: ``grade``, ``grade_document``;
- ``explain``: each mistake of a grade in words (wrong label, wrong speaker...);
- ``report``: feedback pages (HTML) for students; ``roster``: a class list;
- ``class_report``: ``grade_class`` (a whole class, from annotations);
- ``store_grading``: a whole class straight from a store (the gradebook);
- ``agreement``: ``agreement``, ``cohen_kappa``, ``fleiss_kappa``,
  ``krippendorff_alpha``;
- ``collect``: reading annotators' annotations from a store.

The names below are imported from their modules on first use, so that a
command needing one module does not pay for the others at start-up.
"""

from __future__ import annotations

import importlib

_HOMES = {
    "Agreement": "agreement", "agreement": "agreement", "cohen_kappa": "agreement",
    "cohen_kappa_table": "agreement", "fleiss_kappa": "agreement", "krippendorff_alpha": "agreement",
    "ClassReport": "class_report", "grade_class": "class_report",
    "Attribution": "grading", "DocumentGrade": "grading", "Grade": "grading", "WrongAttribution": "grading",
    "grade": "grading", "grade_document": "grading", "normalise": "grading",
    "Counts": "matching", "Scores": "matching", "match_intervals": "matching",
}

__all__ = list(_HOMES)


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))
