"""Suggestions: spans proposed for review before they become annotations.

``suggest(text, annotations)`` runs the built-in rules (no model needed);
``spacy_suggester`` adds a spaCy pipeline's entities when one is installed;
``storage`` keeps suggestions under the store; ``evaluate`` scores them
against gold annotations. Core: no textual, no rich, no printing.
"""

from __future__ import annotations

from .builtin import DEFAULT_LABELS, suggest
from .suggestion import Suggestion

__all__ = ["DEFAULT_LABELS", "Suggestion", "suggest"]
