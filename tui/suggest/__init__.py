"""Suggestions: spans proposed for review before they become annotations.

``suggest(text, annotations)`` runs the built-in rules (no model needed);
``spacy_suggester`` adds a spaCy pipeline's entities when one is installed;
``storage`` keeps suggestions under the store; ``evaluate`` scores them
against gold annotations. Core: no textual, no rich, no printing.
"""

from __future__ import annotations

__all__ = ["DEFAULT_LABELS", "Suggestion", "suggest"]


def __getattr__(name: str):
    # Late: the attribution engine reads the suggester's text units
    # (``suggest.document``), and the suggester calls the engine; importing
    # the rules only when asked for keeps that from being a cycle.
    if name in ("DEFAULT_LABELS", "suggest"):
        from . import builtin

        return getattr(builtin, name)
    if name == "Suggestion":
        from .suggestion import Suggestion

        return Suggestion
    raise AttributeError(name)
