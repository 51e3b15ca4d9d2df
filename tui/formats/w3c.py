"""W3C Web Annotation (JSON-LD): an ``AnnotationCollection`` whose one page
holds an annotation per span and per relation.

A span::

    {"id": "urn:annotty:doc-1:alice:s1a2b3", "type": "Annotation", "motivation": "tagging",
     "creator": {"type": "Person", "name": "alice"},
     "body": [{"type": "TextualBody", "value": "PERSON", "purpose": "tagging"},
              {"type": "TextualBody", "value": "kind:entity", "purpose": "classifying"},
              {"type": "TextualBody", "value": "a note", "purpose": "commenting"}],
     "target": {"source": "urn:annotty:document:doc-1", "selector": [
        {"type": "TextQuoteSelector", "exact": "Jane Doe", "prefix": "...", "suffix": "..."},
        {"type": "TextPositionSelector", "start": 10, "end": 18}]}}

The label is the ``tagging`` body; the kind and each attribute (``type``,
``checkworthy``, ``verdict``) are ``classifying`` bodies ``"name:value"``; a
note is the ``commenting`` body. Positions count code points, as the model
requires; prefix and suffix hold up to 32 characters of context.

A relation is an annotation with motivation ``linking`` whose target is the
head's annotation (the quote, claim or mention) and whose body is the id of
the child's (the entity), with a ``tagging`` body for the relation label::

    {"id": "urn:annotty:doc-1:alice:r9", "type": "Annotation", "motivation": "linking",
     "body": ["urn:annotty:doc-1:alice:s1a2b3", {"type": "TextualBody", "value": "SPEAKER", "purpose": "tagging"}],
     "target": "urn:annotty:doc-1:alice:s4c5d6"}
"""

from __future__ import annotations

import json
from typing import IO, Iterable

from ..model import Span
from .records import ExportRecord, ExportReport, attr_text

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32


def _id(record: ExportRecord, item_id: str) -> str:
    return f"urn:annotty:{record.document.id}:{record.annotator}:{item_id}"


def _body(value: str, purpose: str) -> dict:
    return {"type": "TextualBody", "value": value, "purpose": purpose}


def span_annotation(record: ExportRecord, span: Span) -> dict:
    text = record.document.text
    body = [_body(span.label, "tagging"), _body(f"kind:{span.kind}", "classifying")]
    body += [_body(f"{key}:{attr_text(value)}", "classifying") for key, value in span.attrs.items() if key != "note"]
    if span.note:
        body.append(_body(span.note, "commenting"))
    return {
        "id": _id(record, span.id),
        "type": "Annotation",
        "motivation": "tagging",
        "creator": {"type": "Person", "name": record.annotator},
        "body": body,
        "target": {
            "source": f"urn:annotty:document:{record.document.id}",
            "selector": [
                {"type": "TextQuoteSelector", "exact": span.text,
                 "prefix": text[max(0, span.start - CONTEXT_CHARS):span.start],
                 "suffix": text[span.end:span.end + CONTEXT_CHARS]},
                {"type": "TextPositionSelector", "start": span.start, "end": span.end},
            ],
        },
    }


def annotations_of(record: ExportRecord) -> list[dict]:
    items = [span_annotation(record, span) for span in record.annotations.spans()]
    for relation in record.annotations.relations():
        items.append({
            "id": _id(record, relation.id),
            "type": "Annotation",
            "motivation": "linking",
            "creator": {"type": "Person", "name": record.annotator},
            "body": [_id(record, relation.child), _body(relation.label, "tagging")],
            "target": _id(record, relation.head),
        })
    return items


def write(records: Iterable[ExportRecord], out: IO[str], report: ExportReport, options: dict | None = None) -> int:
    items = [item for record in records for item in annotations_of(record)]
    collection = {
        "@context": CONTEXT,
        "id": "urn:annotty:export",
        "type": "AnnotationCollection",
        "label": "annotty export",
        "total": len(items),
        "first": {"id": "urn:annotty:export:page-1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    json.dump(collection, out, ensure_ascii=False, indent=1)
    out.write("\n")
    report.written = len(items)
    return report.written
