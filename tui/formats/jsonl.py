"""annotty's own JSONL: one line per (document, annotator).

    {"id": ..., "text": ..., "meta": {...}, "annotator": ...,
     "spans": [{"id", "start", "end", "text", "label", "kind", "attrs"}],
     "relations": [{"head", "child", "label"}]}

``start``/``end`` are code-point offsets into ``text``, end exclusive.
"""

from __future__ import annotations

import json
from typing import IO
from collections.abc import Iterable

from ..errors import AnnottyError
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


# ---------------------------------------------------------------------------
# Import: annotty's own JSONL back into the store (span ids, kinds and
# attributes kept; relations get new ids).


def read_jsonl(path, context):
    from .importing import RawRelation, RawSpan, build_document
    from .reading import json_lines, need

    for line, record in json_lines(path):
        need(record, dict, "each line", path, line)
        spans, keys = [], set()
        for index, item in enumerate(need(record.get("spans", []), list, "spans", path, line)):
            need(item, dict, f"span {index + 1}", path, line)
            key = str(item.get("id") or f"#{index + 1}")
            if key in keys:
                raise AnnottyError(f"span id {key} appears twice", path, line)
            keys.add(key)
            attrs = item.get("attrs") or {}
            spans.append(RawSpan(
                key=key, start=item.get("start"), end=item.get("end"), label=item.get("label"),
                text=item.get("text") if isinstance(item.get("text"), str) else None, line=line,
                kind=item.get("kind"), attrs=dict(need(attrs, dict, f"span {key} attrs", path, line)),
                span_id=key if item.get("id") else None,
            ))
        relations = []
        for index, item in enumerate(need(record.get("relations", []), list, "relations", path, line)):
            need(item, dict, f"relation {index + 1}", path, line)
            relations.append(RawRelation(str(item.get("head")), str(item.get("child")), item.get("label"), line))
        meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
        annotator = record.get("annotator") if isinstance(record.get("annotator"), str) else None
        yield build_document(
            record.get("id") or f"{path.stem}-{line}", record.get("text"), path=path, line=line,
            spans=spans, relations=relations, context=context,
            source=str(meta.get("source") or ""), annotator=annotator,
        )
