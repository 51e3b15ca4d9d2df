"""Entities from a spaCy pipeline the user installed (``--model NAME``).

spaCy is imported only here and only when asked for; ``spacy.load(name)``
loads an installed pipeline package or a pipeline folder and never
downloads anything. Its entities replace the built-in capitalised-name rule;
quotes, speakers, dates and claims stay the built-in ones.
"""

from __future__ import annotations

from ..errors import AnnottyError
from ..model import ENTITY
from .suggestion import Suggestion

#: spaCy's labels (OntoNotes and WikiNER schemes) -> annotty's.
LABELS = {
    "PERSON": "PERSON", "PER": "PERSON",
    "ORG": "ORG",
    "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
    "DATE": "DATE",
    "NORP": "MISC", "MISC": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC",
    "PRODUCT": "MISC", "LANGUAGE": "MISC",
}


def load(name: str):
    """The spaCy pipeline ``name`` (a package or a folder); AnnottyError
    when spaCy or the pipeline is not installed."""
    try:
        import spacy
    except ImportError:
        raise AnnottyError(
            "--model needs spaCy: pip install 'annotty[spacy]', then install a pipeline "
            "(e.g. python -m spacy download en_core_web_sm)"
        ) from None
    try:
        return spacy.load(name)
    except OSError as error:
        raise AnnottyError(
            f"no spaCy pipeline {name!r} installed (annotty never downloads one; install it with "
            f"python -m spacy download {name}, or give a pipeline folder): {str(error).splitlines()[0]}"
        ) from None
    except Exception as error:  # a broken or incompatible pipeline
        raise AnnottyError(f"cannot load the spaCy pipeline {name!r}: {error}") from None


def entities(nlp, text: str) -> list[Suggestion]:
    """The pipeline's entities over ``text`` as suggestions (labels mapped;
    labels with no counterpart, such as CARDINAL, are left out)."""
    doc = nlp(text)
    model = nlp.meta.get("name", "model") if hasattr(nlp, "meta") else "model"
    found = []
    for ent in doc.ents:
        label = LABELS.get(ent.label_)
        if label is None:
            continue
        start, end = ent.start_char, ent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        found.append(Suggestion(start, end, label, ENTITY, text[start:end], {},
                                f"spaCy {model}: {ent.label_}", 0.7))
    return found
