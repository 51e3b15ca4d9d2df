"""An annotator's span and relation records as stored (id -> record), read
without building model objects, and checked as the store's loading checks
them (``records_of`` and ``anchor`` in ``store/annotator_file``).

Each check here answers "is this the plain case?": a record the store would
refuse or flag makes it answer no, and the caller then takes the store's own
loading, which says what is wrong.
"""

from __future__ import annotations

from operator import itemgetter

from ..model import ATTRIBUTION_FOR_KIND, COREF, Span

#: The fields a span record is compared on: its row (start, end, label, kind, text).
ROW = itemgetter("start", "end", "label", "kind", "text")
_ID = itemgetter("id")
_ATTRS = itemgetter("attrs")
_RELATION = itemgetter("id", "head", "child", "label")


def span_row(span: Span) -> tuple:
    return (span.start, span.end, span.label, span.kind, span.text)


def row_fits(row: tuple, text: str) -> bool:
    """What the store checks of a span record: fields of the right types,
    and its text standing at its offsets."""
    start, end, label, kind, span_text = row
    return (type(start) is type(end) is int and type(label) is type(kind) is type(span_text) is str
            and 0 <= start < end <= len(text) and text[start:end] == span_text)


def span_index(spans: dict) -> dict[tuple, str] | None:
    """Row -> id of each span record, or None unless each record is a dict
    holding its key as its id and dict attrs, and no two have the same row."""
    values = spans.values()
    try:
        index = dict(zip(map(ROW, values), spans, strict=True))
        if (len(index) != len(spans) or list(map(_ID, values)) != list(spans)
                or not set(map(type, map(_ATTRS, values))) <= {dict}):
            return None
    except (KeyError, TypeError):  # a record that is not a dict, lacks a field, or holds a list where a string belongs
        return None
    return index


def attributions(spans: dict, relations: dict) -> dict[str, dict] | None:
    """Quote or claim id -> the record of its speaker or source (what
    ``grading.Prepared.attributed`` holds), or None unless every relation
    record is a dict of strings holding its key as its id."""
    attributed: dict[str, dict] = {}
    try:
        for key in sorted(relations):
            relation_id, head, child, label = _RELATION(relations[key])
            if relation_id != key or not type(head) is type(child) is type(label) is str:
                return None
            if label == COREF or head in attributed:
                continue
            record = spans.get(head)
            if record is not None and label == ATTRIBUTION_FOR_KIND.get(record["kind"]):
                child_record = spans.get(child)
                if child_record is not None:
                    attributed[head] = child_record
    except (KeyError, TypeError):
        return None
    return attributed


def records_fit(spans: dict, relations: dict, text: str) -> bool:
    """Whether the store would load these records as they are (nothing
    malformed, nothing flagged)."""
    index = span_index(spans)
    return (index is not None and attributions(spans, relations) is not None
            and all(row_fits(row, text) for row in index))


#: What a ``Span`` is made of, from a checked record.
SPAN_FIELDS = itemgetter("id", "start", "end", "label", "kind", "text", "attrs")


def span_of(record: dict) -> Span:
    """What ``Span.from_dict`` makes of a checked record."""
    span_id, start, end, label, kind, text, attrs = SPAN_FIELDS(record)
    return Span(span_id, start, end, label, kind, text, dict(attrs))
