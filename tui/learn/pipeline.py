"""What training and suggesting share about the spaCy pipeline: importing
spaCy, the components' names, and reading spans back from a processed doc.

Quotes and claims run to 60 tokens and more, beyond any n-gram suggester:
each long label has its own ``span_finder`` component, which learns where
such spans start and where they end; a span is read from each start to the
first end after it (before the next start), so spans of one label never
overlap.
"""

from __future__ import annotations

from ..errors import AnnottyError
from . import INSTALL_HINT

SPAN_FINDER = "span_finder_"
SPANS_KEY = "annotty_"


def require_spacy():
    """The spacy module, or one line saying what to install."""
    try:
        import spacy
    except ImportError:
        raise AnnottyError(f"training and learned suggestions need spaCy: {INSTALL_HINT}") from None
    return spacy


def finder_name(label: str) -> str:
    return SPAN_FINDER + label


def spans_key(label: str) -> str:
    return SPANS_KEY + label


def entity_spans(doc) -> list[tuple[int, int, str]]:
    """The doc's entities as (start, end, label), character offsets."""
    return [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]


def long_spans(doc, label: str) -> list[tuple[int, int, str]]:
    """The spans of ``label`` the span finder proposes: each start to the first end at or after it,
    before the next start."""
    found = doc.spans.get(spans_key(label), [])
    starts = sorted({span.start for span in found})
    ends = sorted({span.end for span in found})
    spans = []
    for i, start in enumerate(starts):
        limit = starts[i + 1] if i + 1 < len(starts) else len(doc)
        end = next((e for e in ends if start < e <= max(limit, start + 1)), None)
        if end is None:
            continue
        span = doc[start:end]
        spans.append((span.start_char, span.end_char, label))
    return spans


def predicted(doc) -> list[tuple[int, int, str]]:
    """Everything the pipeline found in ``doc``: entities and long spans, in reading order."""
    spans = entity_spans(doc)
    for label in long_labels_of_doc(doc):
        spans.extend(long_spans(doc, label))
    return sorted(spans)


def long_labels_of_doc(doc) -> list[str]:
    return sorted(key[len(SPANS_KEY):] for key in doc.spans if key.startswith(SPANS_KEY))
