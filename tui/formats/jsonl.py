"""annotty's own JSONL: one line per (document, annotator).

    {"id": ..., "text": ..., "meta": {...}, "annotator": ...,
     "spans": [{"id", "start", "end", "text", "label", "kind", "attrs"}],
     "relations": [{"head", "child", "label"}]}

``start``/``end`` are code-point offsets into ``text``, end exclusive.
"""

from __future__ import annotations

import json
from typing import IO, Iterable

from .records import ExportRecord


def record_to_json(record: ExportRecord) -> dict:
    annotations = record.annotations
    return {
        "id": record.document.id,
        "text": record.document.text,
        "meta": record.document.export_meta(),
        "annotator": record.annotator,
        "spans": [span.to_dict() for span in annotations.spans()],
        "relations": [
            {"head": r.head, "child": r.child, "label": r.label} for r in annotations.relations()
        ],
    }


def write_jsonl(records: Iterable[ExportRecord], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record_to_json(record), ensure_ascii=False))
        out.write("\n")
        count += 1
    return count
