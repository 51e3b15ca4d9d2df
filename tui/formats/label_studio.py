"""Label Studio's JSON task export: a JSON list of tasks, one per
(document, annotator), each with one annotation::

    {"id": 1, "data": {"text": ...}, "meta": {...},
     "annotations": [{"result": [
        {"id": "s1", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 0, "end": 6, "text": "Google", "labels": ["ORG"]}, "meta": {"text": ["a note"]}},
        {"id": "s1", "from_name": "quote_type", "to_name": "text", "type": "choices",
         "value": {"start": 0, "end": 6, "choices": ["direct"]}},
        {"type": "relation", "from_id": "s2", "to_id": "s1", "direction": "right", "labels": ["SPEAKER"]}]}]}

Offsets are code points (Label Studio's own since 2021), end exclusive. A
span's note is the region's meta text; its other attributes are per-region
choices (``quote_type``, ``checkworthy``, ``verdict``), as a labeling config
with ``perRegion="true"`` choices of those names shows them. ``meta`` holds
``document_id``, ``annotator`` and ``label_kinds`` for the way back.

Import reads such files, including several annotations per task (one
annotator each, named after ``completed_by``); a span whose offsets only
match its text when read as UTF-16 code units (older Label Studio) is taken
so, and reported.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import IO, Iterable

from ..errors import AnnottyError
from ..names import safe_name
from .importing import ImportContext, Imported, RawRelation, RawSpan, build_document
from .reading import json_array_items, need
from .records import ExportRecord, ExportReport, attr_text, attr_value

#: span attribute -> the name of its per-region control in Label Studio.
CONTROL_FOR_ATTR = {"type": "quote_type"}
ATTR_FOR_CONTROL = {control: attr for attr, control in CONTROL_FOR_ATTR.items()}


_KEEPABLE_ID = re.compile(r"[A-Za-z0-9_.\-]{1,64}")  # region ids kept as span ids


def task_of(record: ExportRecord, number: int) -> dict:
    result: list[dict] = []
    for span in record.annotations.spans():
        where = {"start": span.start, "end": span.end, "text": span.text}
        region = {"id": span.id, "from_name": "label", "to_name": "text", "type": "labels",
                  "value": {**where, "labels": [span.label]}}
        if span.note:
            region["meta"] = {"text": [span.note]}
        result.append(region)
        for key, value in span.attrs.items():
            if key != "note":
                control = CONTROL_FOR_ATTR.get(key, key)
                result.append({"id": span.id, "from_name": control, "to_name": "text", "type": "choices",
                               "value": {**where, "choices": [attr_text(value)]}})
    for relation in record.annotations.relations():
        result.append({"type": "relation", "from_id": relation.head, "to_id": relation.child,
                       "direction": "right", "labels": [relation.label]})
    kinds = {span.label: span.kind for span in record.annotations.spans()}
    return {
        "id": number,
        "data": {"text": record.document.text},
        "meta": {"document_id": record.document.id, "annotator": record.annotator, "label_kinds": kinds},
        "annotations": [{"id": number, "result": result, "was_cancelled": False, "ground_truth": False}],
        "predictions": [],
    }


def write(records: Iterable[ExportRecord], out: IO[str], report: ExportReport, options: dict | None = None) -> int:
    out.write("[")
    for number, record in enumerate(records, 1):
        out.write(",\n" if number > 1 else "\n")
        out.write(json.dumps(task_of(record, number), ensure_ascii=False))
        report.written += 1
    out.write("\n]\n")
    return report.written


def _annotator_of(annotation: dict, meta: dict, count: int) -> str | None:
    if count == 1 and isinstance(meta.get("annotator"), str):
        return meta["annotator"]
    user = annotation.get("completed_by")
    if isinstance(user, dict):
        user = user.get("email") or user.get("id")
    if isinstance(user, str) and "@" in user:
        user = user.split("@")[0]
    return safe_name(f"label-studio-{user}", "label-studio") if user not in (None, "") else None


def _text_of(task: dict, path: Path, line: int) -> str:
    data = need(task.get("data"), dict, "a task's data", path, line)
    if "text" in data:
        return data["text"]
    strings = [value for value in data.values() if isinstance(value, str)]
    if len(strings) != 1:
        raise AnnottyError("task data has no \"text\" (and not exactly one string to take instead)", path, line)
    return strings[0]


def read(path: Path, context: ImportContext) -> Iterable[Imported]:
    report = context.report
    for index, (line, task) in enumerate(json_array_items(path), 1):
        need(task, dict, "each task", path, line)
        text = _text_of(task, path, line)
        meta = task.get("meta") if isinstance(task.get("meta"), dict) else {}
        kinds = meta.get("label_kinds") if isinstance(meta.get("label_kinds"), dict) else {}
        task_id = task.get("id", index)
        doc_id = meta.get("document_id") or f"{path.stem}-{task_id}"
        annotations = [a for a in need(task.get("annotations", []), list, "annotations", path, line)
                       if not (isinstance(a, dict) and a.get("was_cancelled"))]
        if task.get("predictions"):
            report.skipped.append(f"{path}:{line}: task {task_id}: left out its predictions (only annotations are imported)")
        if not annotations:
            yield build_document(doc_id, text, path=path, line=line, spans=[], context=context)
            continue
        for annotation in annotations:
            need(annotation, dict, "each annotation", path, line)
            spans, relations = _regions(need(annotation.get("result", []), list, "result", path, line),
                                        kinds, path, line, f"task {task_id}", report)
            yield build_document(doc_id, text, path=path, line=line, spans=spans, relations=relations,
                                 context=context, annotator=_annotator_of(annotation, meta, len(annotations)),
                                 utf16_fallback=True)


def _regions(result: list, kinds: dict, path: Path, line: int, task: str, report) -> tuple[list[RawSpan], list[RawRelation]]:
    spans: list[RawSpan] = []
    region_of: dict[int, str] = {}
    first_key: dict[str, str] = {}
    extras: dict[str, dict] = defaultdict(dict)
    relations: list[RawRelation] = []
    for item in result:
        need(item, dict, "each result", path, line)
        kind, region = item.get("type"), str(item.get("id"))
        value = item.get("value") if isinstance(item.get("value"), dict) else {}
        if kind == "relation":
            labels = item.get("labels") or ["related"]
            for label in labels if isinstance(labels, list) else [labels]:
                relations.append(RawRelation(str(item.get("from_id")), str(item.get("to_id")), label, line))
        elif kind == "labels":
            labels = need(value.get("labels"), list, f"{task}: region {region} labels", path, line)
            note = (item.get("meta") or {}).get("text") if isinstance(item.get("meta"), dict) else None
            attrs = {"note": "\n".join(map(str, note))} if isinstance(note, list) and note else {}
            stated = value.get("text") if isinstance(value.get("text"), str) else None
            for number, label in enumerate(labels):
                key = region if number == 0 else f"{region}#{number + 1}"
                first_key.setdefault(region, key)
                region_of[len(spans)] = region
                spans.append(RawSpan(key, value.get("start"), value.get("end"), label, text=stated, line=line,
                                     kind=kinds.get(label) if isinstance(label, str) else None, attrs=attrs,
                                     span_id=key if _KEEPABLE_ID.fullmatch(key) else None))
        elif kind in ("choices", "textarea") and item.get("id") is not None and "start" in value:
            name = ATTR_FOR_CONTROL.get(str(item.get("from_name")), str(item.get("from_name")))
            values = value.get("choices") if kind == "choices" else value.get("text")
            values = values if isinstance(values, list) else [values]
            extras[region]["note" if kind == "textarea" and name in ("note", "notes") else name] = \
                attr_value(", ".join(str(v) for v in values))
        else:
            report.skipped.append(f"{path}:{line}: {task}: left out a {kind!r} result (not a text span)")
    for number, span in enumerate(spans):
        span.attrs = {**extras.get(region_of[number], {}), **span.attrs}
    relations = [RawRelation(first_key.get(r.head, r.head), first_key.get(r.child, r.child), r.label, r.line)
                 for r in relations]
    return spans, relations
