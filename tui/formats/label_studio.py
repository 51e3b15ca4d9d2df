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

Import reads such files and ``JSON_MIN`` exports (which hold no relations),
including several annotations per task, one annotator each: the name
``--annotator-map`` gives its user id or e-mail, else the e-mail's name, else
(for the first annotation made) the annotator the task's meta names, else
``label-studio-<user id>``. A relation drawn in the editor has no label: it
is named from the kinds it joins (quote -> entity SPEAKER, claim -> entity
SOURCE, entity -> entity COREF), and an attribution drawn from the entity (or
with ``"direction": "left"``) is turned round so the quote or claim is its
head. A span whose offsets only match its text when read as UTF-16 code
units (older Label Studio) is taken so, and reported.

``labeling_config`` writes the config these tasks need
(``annotty export --format label-studio --config FILE``).
"""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree
from collections import defaultdict
from pathlib import Path
from typing import IO
from collections.abc import Iterable

from ..errors import AnnottyError
from ..model import (
    ATTRIBUTION_FOR_KIND, CLAIM, COREF, ENTITY, QUOTE, QUOTE_TYPES, SOURCE, SPEAKER, VERDICTS, Annotations, Relation,
)
from ..names import safe_name
from ..schema import Schema
from .importing import ImportContext, Imported, ImportReport, RawRelation, RawSpan, build_document
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


def labeling_config(schema: Schema) -> str:
    """A Label Studio labeling config for the schema: its labels with their
    colours and keys as hotkeys, the relations annotty knows, and the
    per-region choices its span attributes become."""
    view = ElementTree.Element("View")
    relations = ElementTree.SubElement(view, "Relations")
    for name in (SPEAKER, SOURCE, COREF):
        ElementTree.SubElement(relations, "Relation", value=name)
    labels = ElementTree.SubElement(view, "Labels", name="label", toName="text")
    for label in schema.labels:
        ElementTree.SubElement(labels, "Label", value=label.name, background=label.color, hotkey=label.key)
    ElementTree.SubElement(view, "Text", name="text", value="$text")
    of_kind = {kind: ",".join(label.name for label in schema.labels if label.kind == kind) for kind in (QUOTE, CLAIM)}
    for control, kind, values in ((CONTROL_FOR_ATTR["type"], QUOTE, QUOTE_TYPES), ("checkworthy", CLAIM, ("yes", "no")),
                                  ("verdict", CLAIM, VERDICTS)):
        if not of_kind[kind]:
            continue
        choices = ElementTree.SubElement(view, "Choices", name=control, toName="text", perRegion="true",
                                         visibleWhen="region-selected", whenLabelValue=of_kind[kind],
                                         choice="single")
        for value in values:
            ElementTree.SubElement(choices, "Choice", value=value)
    ElementTree.indent(view)
    return ElementTree.tostring(view, encoding="unicode") + "\n"


def write(records: Iterable[ExportRecord], out: IO[str], report: ExportReport, options: dict | None = None) -> int:
    out.write("[")
    for number, record in enumerate(records, 1):
        out.write(",\n" if number > 1 else "\n")
        out.write(json.dumps(task_of(record, number), ensure_ascii=False))
        report.written += 1
    out.write("\n]\n")
    return report.written


def _user_of(annotation: dict) -> tuple[str | None, str | None]:
    """(user id, e-mail) of whoever completed an annotation, as far as the
    export says: ``completed_by`` is an id, or an object with ``id`` and
    ``email``; ``created_username`` reads ``"ann@example.org, 1"``."""
    user = annotation.get("completed_by", annotation.get("annotator"))
    email = None
    if isinstance(user, dict):
        email, user = user.get("email"), user.get("id")
    elif isinstance(user, str) and "@" in user:
        email, user = user, None
    named = annotation.get("created_username")
    if not email and isinstance(named, str) and "@" in named:
        email = named.split(",")[0].strip()
    user_id = None if user in (None, "") or isinstance(user, (dict, list, bool)) else str(user)
    return user_id, email if isinstance(email, str) and "@" in email else None


def _annotators(annotations: list[dict], meta: dict, names: dict) -> list[str | None]:
    """Each annotation's annotator: as ``names`` (``--annotator-map``) maps
    its user id or e-mail, else the e-mail's name, else, for the first one
    made, the annotator the task's meta names (annotty wrote the task with
    it), else ``label-studio-<user id>``. One annotation's name never depends
    on whether there are others."""
    made = []
    for annotation in annotations:
        user_id, email = _user_of(annotation)
        mapped = names.get(user_id) if user_id is not None else None
        if mapped is None and email:
            mapped = names.get(email) or safe_name(email.split("@")[0], "user")
        made.append(mapped)
    first = min(range(len(annotations)), key=lambda n: (str(annotations[n].get("created_at", "")), n))
    if made[first] is None and isinstance(meta.get("annotator"), str):
        made[first] = meta["annotator"]
    for number, annotation in enumerate(annotations):
        user_id, _email = _user_of(annotation)
        if made[number] is None and user_id is not None:
            made[number] = f"label-studio-{safe_name(user_id, 'user')}"
    return made


_MIN_KEYS = {"id", "annotator", "annotation_id", "created_at", "updated_at", "lead_time", "meta"}


def _from_json_min(task: dict) -> dict:
    """A task of Label Studio's ``JSON_MIN`` export (the data's fields and,
    per control, a list of region values, at the top level) in the shape of
    its full JSON export. It holds no relations."""
    data = {key: value for key, value in task.items() if key not in _MIN_KEYS and not isinstance(value, list)}
    result: list[dict] = []
    region_ids: dict[tuple, str] = {}
    for control, values in task.items():
        if control in _MIN_KEYS or not isinstance(values, list):
            continue
        for value in values:
            if not isinstance(value, dict) or "start" not in value:
                continue
            where = (value.get("start"), value.get("end"))
            region = region_ids.setdefault(where, f"min{len(region_ids) + 1}")
            kind = "labels" if "labels" in value else "choices" if "choices" in value else "textarea"
            result.append({"id": region, "from_name": control, "to_name": "text", "type": kind, "value": value})
    result.sort(key=lambda item: item["type"] != "labels")  # regions before their choices
    annotation = {"completed_by": task.get("annotator"), "created_at": task.get("created_at"), "result": result}
    return {"id": task.get("id"), "data": data, "meta": task.get("meta") or {}, "annotations": [annotation]}


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
    for index, (line, item) in enumerate(json_array_items(path), 1):
        task = need(item, dict, "each task", path, line)
        if "data" not in task and "annotations" not in task and any(
                isinstance(value, str) for key, value in task.items() if key not in _MIN_KEYS):
            task = _from_json_min(task)
        text = _text_of(task, path, line)
        stated_meta = task.get("meta")
        meta: dict = stated_meta if isinstance(stated_meta, dict) else {}
        stated_kinds = meta.get("label_kinds")
        kinds: dict = stated_kinds if isinstance(stated_kinds, dict) else {}
        task_id = task.get("id", index)
        doc_id = meta.get("document_id") or f"{path.stem}-{task_id}"
        annotations = [a for a in need(task.get("annotations", []), list, "annotations", path, line)
                       if not (isinstance(a, dict) and a.get("was_cancelled"))]
        if task.get("predictions"):
            report.skipped.append(
                f"{path}:{line}: task {task_id}: left out its predictions (only annotations are imported)"
            )
        if not annotations:
            yield build_document(doc_id, text, path=path, line=line, spans=[], context=context)
            continue
        for annotation in annotations:
            need(annotation, dict, "each annotation", path, line)
        names = context.options.get("annotator_map") or {}
        for annotation, annotator in zip(annotations, _annotators(annotations, meta, names), strict=True):
            spans, relations = _regions(need(annotation.get("result", []), list, "result", path, line),
                                        kinds, path, line, f"task {task_id}", report)
            built = build_document(doc_id, text, path=path, line=line, spans=spans, relations=relations,
                                   context=context, annotator=annotator, utf16_fallback=True)
            yield orient_relations(built, report)


def _regions(
    result: list, kinds: dict, path: Path, line: int, task: str, report
) -> tuple[list[RawSpan], list[RawRelation]]:
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
            # Label Studio's editor saves a drawn relation with no labels; "left" points from to_id to from_id.
            labels = item.get("labels") or [UNLABELED]
            ends = (str(item.get("from_id")), str(item.get("to_id")))
            head, child = ends[::-1] if item.get("direction") == "left" else ends
            for label in labels if isinstance(labels, list) else [labels]:
                relations.append(RawRelation(head, child, label, line))
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


#: What an unlabeled relation is called until its ends' kinds name it.
UNLABELED = "(unlabeled)"


def orient_relations(item: Imported, report: ImportReport) -> Imported:
    """The quote or claim at the head of each attribution (whichever way it
    was drawn), and an unlabeled relation named from the kinds it joins: quote ->
    entity SPEAKER, claim -> entity SOURCE, entity -> entity COREF."""
    annotations = item.annotations
    relations: dict[tuple[str, str, str], Relation] = {}
    turned = named = 0
    for relation in annotations.relations():
        head, child = annotations.span(relation.head), annotations.span(relation.child)
        if relation.label in (SPEAKER, SOURCE, UNLABELED) and head.kind == ENTITY and child.kind != ENTITY:
            head, child = child, head
            turned += 1
        label = relation.label
        if label == UNLABELED:
            named += 1
            # A quote to a claim and the like is "related": nothing annotty names.
            label = ATTRIBUTION_FOR_KIND.get(head.kind, COREF) if child.kind == ENTITY else "related"
        relations.setdefault((head.id, child.id, label), Relation(relation.id, head.id, child.id, label))
    if turned:
        report.notes.append(f"{item.where}: {turned} relation(s) drawn towards a quote or claim turned round "
                            "(the quote or claim is the head)")
    if named:
        report.notes.append(f"{item.where}: {named} relation(s) without a label named from the kinds they join")
    return item._replace(annotations=Annotations(annotations.spans(), relations.values()))
