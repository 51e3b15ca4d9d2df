"""spaCy's binary training format: a ``DocBin`` file (``--out train.spacy``),
one ``Doc`` per (document, annotator), tokenised by a blank pipeline
(``spacy.blank("xx")``, or the language given: no model is loaded).

* ``doc.spans["sc"]``: every span (entities, quotes and claims, overlapping
  ones included), labelled as in annotty;
* ``doc.ents``: the entity spans that do not overlap, keeping the longest;
* ``doc.user_data["annotty"]``: the document id, annotator, and for each span
  of ``doc.spans["sc"]`` (same order) its annotty id, kind and attributes,
  and the relations between them (``DocBin(store_user_data=True)``).

A span is placed with ``doc.char_span(start, end, alignment_mode="strict")``;
one whose edges do not fall on token boundaries is widened to the tokens it
touches (``alignment_mode="expand"``) and reported, never silently dropped.
spaCy is an optional extra: ``pip install 'annotty[spacy]'``.
"""

from __future__ import annotations

from pathlib import Path
from collections.abc import Iterable

from ..errors import AnnottyError
from ..model import ENTITY
from .output import write_bytes_atomically
from .records import ExportRecord, ExportReport
from .tokens import choose_entities


def _load(lang: str):
    try:
        import spacy
        from spacy.tokens import DocBin
    except ImportError:
        raise AnnottyError("spaCy is not installed: pip install 'annotty[spacy]'") from None
    try:
        nlp = spacy.blank(lang)
    except (ImportError, KeyError, ValueError, OSError):
        raise AnnottyError(f"spaCy has no language {lang!r} (try 'xx', 'en', 'de'...)") from None
    return nlp, DocBin


def to_doc(nlp, record: ExportRecord, report: ExportReport):
    text = record.document.text
    doc = nlp.make_doc(text)
    placed = {}
    group, info = [], []
    for span in record.annotations.spans():
        spacy_span = doc.char_span(span.start, span.end, label=span.label, alignment_mode="strict")
        if spacy_span is None:
            spacy_span = doc.char_span(span.start, span.end, label=span.label, alignment_mode="expand")
            if spacy_span is None or len(spacy_span) == 0:
                report.drop(record, f"span {span.label} {span.text!r} at {span.start}:{span.end} covers no spaCy token")
                continue
            report.adjust(
                record,
                f"span {span.label} {span.text!r} at {span.start}:{span.end} is not on token "
                f"boundaries; widened to {spacy_span.start_char}:{spacy_span.end_char} {spacy_span.text!r}",
            )
        placed[span.id] = spacy_span
        group.append(spacy_span)
        info.append({"id": span.id, "kind": span.kind, "attrs": dict(span.attrs)})
    doc.spans["sc"] = group
    kept, clashes = choose_entities(record.annotations.spans(ENTITY))
    for span, clash in clashes:
        report.adjust(record, f"entity {span.label} {span.text!r} overlaps {clash.text!r}: in doc.spans['sc'] only")
    ents = []
    used: set[int] = set()
    for span in kept:
        spacy_span = placed.get(span.id)
        if spacy_span is None:
            continue
        tokens = set(range(spacy_span.start, spacy_span.end))
        if tokens & used:
            report.adjust(record, f"entity {span.label} {span.text!r} shares a token with another once widened: "
                                  "in doc.spans['sc'] only")
            continue
        used |= tokens
        ents.append(spacy_span)
    doc.ents = sorted(ents, key=lambda s: s.start)
    lost = [r for r in record.annotations.relations() if r.head not in placed or r.child not in placed]
    if lost:
        report.drop(record, f"{len(lost)} relation(s): one of their spans covers no spaCy token")
    doc.user_data["annotty"] = {
        "document": record.document.id,
        "annotator": record.annotator,
        "spans": info,
        "relations": [{"head": r.head, "child": r.child, "label": r.label}
                      for r in record.annotations.relations() if r.head in placed and r.child in placed],
    }
    return doc


def write(records: Iterable[ExportRecord], out: Path, report: ExportReport, options: dict | None = None) -> int:
    nlp, DocBin = _load((options or {}).get("lang") or "xx")
    if Path(out).is_dir():
        raise AnnottyError("is a folder; give a file name such as train.spacy", out)
    doc_bin = DocBin(store_user_data=True)
    for record in records:
        doc_bin.add(to_doc(nlp, record, report))
        report.written += 1
    write_bytes_atomically(out, doc_bin.to_bytes())
    return report.written
