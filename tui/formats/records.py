"""What every exporter starts from: one record per (document, annotator),
read from the store and checked so that ``text[start:end] == span.text``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from ..model import Annotations, Document
from ..store import Store


@dataclass
class ExportRecord:
    document: Document
    annotator: str
    annotations: Annotations


@dataclass
class ExportReport:
    records: int = 0
    spans: int = 0
    #: Spans left out because their text no longer matches the document.
    skipped: list[str] = field(default_factory=list)


def iter_records(
    store: Store,
    annotators: list[str] | None = None,
    report: ExportReport | None = None,
) -> Iterator[ExportRecord]:
    """Every stored (document, annotator) pair, in a stable order."""
    report = report if report is not None else ExportReport()
    names = annotators if annotators else store.annotators()
    documents: dict[str, Document] = {}
    for annotator in names:
        for doc_id in store.annotated_documents(annotator):
            if doc_id not in documents:
                documents[doc_id] = store.load_document(doc_id)
            document = documents[doc_id]
            annotations, flagged = store.load_annotations(annotator, doc_id, document.text)
            for span in flagged:
                report.skipped.append(f"{annotator}/{doc_id}: span {span.id} {span.text!r} no longer matches the text")
            report.records += 1
            report.spans += len(annotations)
            yield ExportRecord(document, annotator, annotations)
