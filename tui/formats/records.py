"""What every exporter starts from: one record per (document, annotator),
read from the store and checked so that ``text[start:end] == span.text``.

``iter_records`` can narrow the export by annotator, document (exact ids or
shell-style patterns), span label and span kind; a relation is kept only when
both of its spans are.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from collections.abc import Iterable, Iterator

from ..model import Annotations, Document
from ..store import Store
from ..store.storage import StoreDamaged


@dataclass
class ExportRecord:
    document: Document
    annotator: str
    annotations: Annotations


@dataclass
class ExportReport:
    """What an export did, for the user: counts and one line per problem."""

    records: int = 0
    spans: int = 0
    #: Store files that could not be read (damaged), left out whole.
    damaged: list[str] = field(default_factory=list)
    #: Spans left out because their text no longer matches the document.
    skipped: list[str] = field(default_factory=list)
    #: Spans (or relations) the format could not hold and left out, and why.
    dropped: list[str] = field(default_factory=list)
    #: Spans written differently from the store (expanded to tokens, split...).
    adjusted: list[str] = field(default_factory=list)
    #: Plain facts worth telling (label list, files written beside the output).
    notes: list[str] = field(default_factory=list)
    #: The label list of a tagging format (hf, conll), in tag-id order.
    labels: list[str] = field(default_factory=list)
    #: What the format wrote: lines, tasks, files or docs, as it counts them.
    written: int = 0

    def drop(self, record: ExportRecord, what: str) -> None:
        self.dropped.append(f"{record.annotator}/{record.document.id}: {what}")

    def adjust(self, record: ExportRecord, what: str) -> None:
        self.adjusted.append(f"{record.annotator}/{record.document.id}: {what}")

    def lines(self, limit: int = 20) -> list[str]:
        """What to tell the user, at most ``limit`` lines of each sort."""
        return report_lines([("damaged, left out", self.damaged), ("skipped", self.skipped), ("left out", self.dropped),
                             ("changed", self.adjusted), ("", self.notes)], limit)


def attr_text(value) -> str:
    """An attribute's value as text, for formats whose attributes are strings:
    a structured value (a quote's cue) as JSON, which ``attr_value`` reads back."""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def attr_value(text: str):
    """The value ``attr_text`` wrote: a JSON object or list comes back as one."""
    if text[:1] in "{[":
        try:
            value = json.loads(text)
        except ValueError:
            return text
        if isinstance(value, (dict, list)):
            return value
    return text


def relations_in_reading_order(annotations: Annotations) -> list:
    """The relations by where their head, then their child, stand in the
    text: an order that survives an import, unlike the span ids."""
    position = {span.id: index for index, span in enumerate(annotations.spans())}
    return sorted(annotations.relations(), key=lambda r: (position[r.head], position[r.child], r.label))


def report_lines(groups: list[tuple[str, list[str]]], limit: int = 20) -> list[str]:
    out = []
    for verb, items in groups:
        prefix = f"{verb} " if verb else ""
        out += [prefix + item for item in items[:limit]]
        if len(items) > limit:
            out.append(f"... and {len(items) - limit} more {verb or 'notes'}".rstrip())
    return out


def matches(doc_id: str, patterns: Iterable[str]) -> bool:
    return any(fnmatchcase(doc_id, pattern) for pattern in patterns)


def filter_annotations(
    annotations: Annotations, labels: Iterable[str] | None = None, kinds: Iterable[str] | None = None
) -> Annotations:
    """The spans with one of ``labels`` and one of ``kinds`` (None: any), and
    the relations between two kept spans."""
    labels = set(labels) if labels else None
    kinds = set(kinds) if kinds else None
    if labels is None and kinds is None:
        return annotations
    spans = [
        span for span in annotations.spans()
        if (labels is None or span.label in labels) and (kinds is None or span.kind in kinds)
    ]
    kept = {span.id for span in spans}
    relations = [r for r in annotations.relations() if r.head in kept and r.child in kept]
    return Annotations(spans, relations)


def iter_records(
    store: Store,
    annotators: list[str] | None = None,
    report: ExportReport | None = None,
    *,
    documents: list[str] | None = None,
    labels: list[str] | None = None,
    kinds: list[str] | None = None,
) -> Iterator[ExportRecord]:
    """Every stored (document, annotator) pair, in a stable order, narrowed
    by the filters given (``documents`` are ids or patterns like ``reuters-*``)."""
    report = report if report is not None else ExportReport()
    names = annotators if annotators else store.annotators()
    loaded: dict[str, Document] = {}
    for annotator in names:
        for doc_id in store.annotated_documents(annotator):
            if documents and not matches(doc_id, documents):
                continue
            try:
                if doc_id not in loaded:
                    loaded[doc_id] = store.load_document(doc_id)
                document = loaded[doc_id]
                annotations, flagged = store.load_annotations(annotator, doc_id, document.text)
            except StoreDamaged as damage:
                # One damaged file does not stop the export of the rest.
                report.damaged.append(str(damage))
                continue
            for span in flagged:
                report.skipped.append(f"{annotator}/{doc_id}: span {span.id} {span.text!r} no longer matches the text")
            annotations = filter_annotations(annotations, labels, kinds)
            report.records += 1
            report.spans += len(annotations)
            yield ExportRecord(document, annotator, annotations)
