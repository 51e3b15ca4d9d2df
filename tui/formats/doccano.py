"""doccano's JSONL, both shapes, one line per (document, annotator).

``doccano`` (relation extraction)::

    {"text": ..., "entities": [{"id": 0, "start_offset": 0, "end_offset": 6, "label": "ORG"}],
     "relations": [{"id": 0, "from_id": 2, "to_id": 0, "type": "SPEAKER"}], ...}

``doccano-seq`` (sequence labelling)::

    {"text": ..., "label": [[0, 6, "ORG"]], ...}

Offsets count UTF-16 code units by default, as doccano's editor (JavaScript)
does; ``--offsets codepoint`` counts code points instead. Each line says which
in ``offset_unit``. On import, a line whose offsets do not fit the unit (a
span outside the text or splitting a character; or, unless the unit used is
the one the line states, spans that cut words in that unit and not in the
other) is refused with the unit that would fit, rather than imported
shifted. The file
is ASCII-only JSON (escapes), so doccano's guess of its encoding cannot break
it. Entity and relation ids are whole
numbers, unique in the file. A relation goes from the quote, claim or mention
to its entity. Each line also carries ``document_id``, ``annotator`` and
``label_kinds`` (label -> entity, quote or claim): doccano keeps unknown
columns as the example's metadata, and annotty reads them back on import.
Notes and span attributes have no place in doccano and are not written.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import IO
from collections.abc import Iterable

from ..errors import AnnottyError
from .importing import ImportContext, Imported, RawRelation, RawSpan, build_document
from .offsets import CODE_POINT, UNIT_NAMES, UNITS, UTF16, counter, has_astral, to_code_points, words_cut
from .reading import json_lines, need
from .records import ExportRecord, ExportReport, relations_in_reading_order


def _extras(record: ExportRecord, unit: str) -> dict:
    kinds = {span.label: span.kind for span in record.annotations.spans()}
    return {"document_id": record.document.id, "annotator": record.annotator, "label_kinds": kinds,
            "offset_unit": unit}


def _drop_attrs(record: ExportRecord, report: ExportReport) -> None:
    held = sum(len(span.attrs) for span in record.annotations.spans())
    if held:
        report.drop(record, f"{held} note(s) and span attribute(s): doccano holds neither")


def _unit(options: dict | None) -> str:
    return (options or {}).get("offsets") or UTF16


def _write_line(out: IO[str], line: dict) -> None:
    out.write(json.dumps(line, ensure_ascii=True) + "\n")


def write_relations(
    records: Iterable[ExportRecord], out: IO[str], report: ExportReport, options: dict | None = None
) -> int:
    unit = _unit(options)
    next_entity = next_relation = 0
    for record in records:
        ids: dict[str, int] = {}
        entities = []
        count = counter(record.document.text, unit)
        for span in record.annotations.spans():
            ids[span.id] = next_entity
            entities.append({"id": next_entity, "start_offset": count(span.start), "end_offset": count(span.end),
                             "label": span.label})
            next_entity += 1
        relations = []
        for relation in relations_in_reading_order(record.annotations):
            relations.append({"id": next_relation, "from_id": ids[relation.head], "to_id": ids[relation.child],
                              "type": relation.label})
            next_relation += 1
        _drop_attrs(record, report)
        line = {"text": record.document.text, "entities": entities, "relations": relations, **_extras(record, unit)}
        _write_line(out, line)
        report.written += 1
    return report.written


def write_sequence(
    records: Iterable[ExportRecord], out: IO[str], report: ExportReport, options: dict | None = None
) -> int:
    unit = _unit(options)
    for record in records:
        count = counter(record.document.text, unit)
        labels = [[count(span.start), count(span.end), span.label] for span in record.annotations.spans()]
        if record.annotations.relations():
            report.drop(record, f"{len(record.annotations.relations())} relation(s): doccano-seq holds no relations")
        _drop_attrs(record, report)
        line = {"text": record.document.text, "label": labels, **_extras(record, unit)}
        _write_line(out, line)
        report.written += 1
    return report.written


def _declared_kind(declared: dict, label: object) -> str | None:
    """The kind the line declares for ``label``; a label that is not a string
    is reported by the span checks, not here."""
    # Whatever the line declares: build_document names a kind it does not know.
    return declared.get(label) if isinstance(label, str) else None


def read(path: Path, context: ImportContext) -> Iterable[Imported]:
    """Either shape, line by line: ``entities``/``relations`` or ``label``."""
    for line, record in json_lines(path):
        need(record, dict, "each line", path, line)
        declared = record.get("label_kinds") if isinstance(record.get("label_kinds"), dict) else {}
        kinds_of = partial(_declared_kind, declared)
        spans: list[RawSpan] = []
        relations: list[RawRelation] = []
        if "entities" in record:
            for index, entity in enumerate(need(record["entities"], list, "entities", path, line)):
                need(entity, dict, f"entity {index + 1}", path, line)
                key = str(entity.get("id", f"#{index + 1}"))
                spans.append(RawSpan(key, entity.get("start_offset"), entity.get("end_offset"), entity.get("label"),
                                     line=line, kind=kinds_of(entity.get("label"))))
            for index, relation in enumerate(need(record.get("relations", []), list, "relations", path, line)):
                need(relation, dict, f"relation {index + 1}", path, line)
                relations.append(RawRelation(str(relation.get("from_id")), str(relation.get("to_id")),
                                             relation.get("type"), line))
        else:
            labels = record.get("label", record.get("labels", []))
            for index, entry in enumerate(need(labels, list, "label", path, line)):
                item = entry
                if isinstance(entry, dict):  # some versions write objects here too
                    item = [entry.get("start_offset"), entry.get("end_offset"), entry.get("label")]
                if not isinstance(item, list) or len(item) != 3:
                    raise_bad(path, line, index, item)
                spans.append(RawSpan(f"#{index + 1}", item[0], item[1], item[2], line=line, kind=kinds_of(item[2])))
        if "document_id" in record:
            doc_id = record["document_id"]
        elif isinstance(record.get("id"), (int, str)) and not isinstance(record.get("id"), bool):
            doc_id = f"{path.stem}-{record['id']}"
        else:
            doc_id = f"{path.stem}-{line}"
        annotator = record.get("annotator") if isinstance(record.get("annotator"), str) else None
        if "text" not in record:
            raise AnnottyError("the line has no \"text\"", path, line)
        _to_code_points(record, spans, context.options.get("offsets"), path, line)
        yield build_document(doc_id, record["text"], path=path, line=line, spans=spans, relations=relations,
                             context=context, annotator=annotator)


def _to_code_points(record: dict, spans: list[RawSpan], asked: str | None, path: Path, line: int) -> None:
    """Turn the line's offsets into code points, in place, refusing a line
    whose offsets do not fit the unit asked (else stated, else UTF-16)."""
    text = record["text"]
    if not isinstance(text, str) or not has_astral(text):
        return  # both counts agree
    stated = record.get("offset_unit") if record.get("offset_unit") in UNITS else None
    unit = asked or stated or UTF16
    other = CODE_POINT if unit == UTF16 else UTF16
    whole = [s for s in spans if isinstance(s.start, int) and isinstance(s.end, int)
             and not isinstance(s.start, bool) and not isinstance(s.end, bool)]
    pairs = [(int(s.start), int(s.end)) for s in whole]  # type: ignore[call-overload]
    read, read_other = to_code_points(text, pairs, unit), to_code_points(text, pairs, other)
    hint = f"give --offsets {other}" if not asked else f"the file's offsets count {UNIT_NAMES[other]}"
    if read is None:
        if read_other is None:
            raise AnnottyError("the offsets fit neither UTF-16 units nor code points", path, line)
        raise AnnottyError(f"the offsets do not fit the text in {UNIT_NAMES[unit]} but do in "
                           f"{UNIT_NAMES[other]}: {hint}", path, line)
    doubtful = unit != stated and (asked is None or stated is not None)  # neither said, or they disagree
    if doubtful and read_other is not None and words_cut(text, read) and not words_cut(text, read_other):
        # Both fit: a count that cuts words where the other does not is the wrong one.
        said = f" (the line says {UNIT_NAMES[stated]})" if stated else ""
        raise AnnottyError(
            f"the offsets cut words in {UNIT_NAMES[unit]} but not in {UNIT_NAMES[other]}{said}: "
            f"give --offsets {other}" + ("" if stated else f" (or --offsets {unit} to take them as they are)"),
            path,
            line,
        )
    for span, (start, end) in zip(whole, read, strict=True):
        span.start, span.end = start, end


def raise_bad(path: Path, line: int, index: int, item: object) -> None:
    raise AnnottyError(f"label {index + 1} must be [start, end, label], not {json.dumps(item)[:60]}", path, line)
