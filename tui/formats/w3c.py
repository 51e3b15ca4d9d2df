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

The collection's ``documents`` lists each document once, its text whole
(``{"id": "urn:annotty:document:doc-1", "type": "Text", "label": "doc-1",
"format": "text/plain", "value": ...}``): the ``source`` of every target, so
the file alone is enough to find every selector's text. ``documents`` is
annotty's own term, defined in a second, inline ``@context`` beside the
W3C's; a copy of the W3C's context (``anno.jsonld``, W3C Document License)
ships with annotty, and ``document_loader`` serves it to a JSON-LD processor
(PyLD) so the export expands offline.

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
from functools import cache
from importlib import resources
from typing import IO
from collections.abc import Iterable

from ..errors import AnnottyError
from ..model import Span
from .records import ExportRecord, ExportReport, attr_text

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: annotty's own terms, on top of the W3C's.
LOCAL_CONTEXT = {"annotty": "urn:annotty:vocab#", "documents": {"@id": "annotty:documents", "@container": "@set"}}
CONTEXT_CHARS = 32


@cache
def shipped_context() -> dict:
    """The W3C Web Annotation context, from the copy shipped with annotty."""
    return json.loads(resources.files(__package__).joinpath("anno.jsonld").read_text(encoding="utf-8"))


def document_loader(url: str, options: dict | None = None) -> dict:
    """A JSON-LD document loader (PyLD's signature) that serves the W3C
    context from the shipped copy and fetches nothing."""
    if url.rstrip("/") not in (CONTEXT, CONTEXT.replace("http:", "https:", 1)):
        raise AnnottyError(f"no copy of {url} here, and annotty fetches nothing")
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": shipped_context()}


def _document_source(document_id: str) -> str:
    return f"urn:annotty:document:{document_id}"


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
            "source": _document_source(record.document.id),
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
    items: list[dict] = []
    documents: dict[str, dict] = {}
    for record in records:
        document = record.document
        documents.setdefault(document.id, {"id": _document_source(document.id), "type": "Text", "label": document.id,
                                           "format": "text/plain", "value": document.text})
        items += annotations_of(record)
    collection = {
        "@context": [CONTEXT, LOCAL_CONTEXT],
        "id": "urn:annotty:export",
        "type": "AnnotationCollection",
        "label": "annotty export",
        "total": len(items),
        "documents": list(documents.values()),
        "first": {"id": "urn:annotty:export:page-1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    json.dump(collection, out, ensure_ascii=False, indent=1)
    out.write("\n")
    report.written = len(items)
    return report.written
