"""What every importer shares: checking foreign spans against the text,
turning them into annotty's model, and writing them to the store.

An importer reads a file into ``RawSpan``/``RawRelation`` records (offsets as
the file states them, with the line they came from) and hands them to
``build_document``, which checks each one against the text and raises an
``AnnottyError`` naming the file and line of the first bad one. Nothing is
written until every document of the import has been built (all or nothing
for bad input). Each document is then written atomically; an import cut
short (killed) is resumed by running it again: what it already wrote is
recognised and skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, cast
from collections.abc import Iterable

from ..errors import AnnottyError
from ..loading import normalise_newlines, recognise_header
from ..names import safe_name
from ..model import (
    CLAIM, ENTITY, KINDS, PARTS, QUOTE, QUOTE_TYPES, SOURCE, SPEAKER, Annotations, Document, Relation, Span,
    new_id,
)
from .offsets import utf16_to_code_points

@dataclass
class ImportReport:
    documents: int = 0
    spans: int = 0
    relations: int = 0
    #: What the file holds that annotty cannot (events, discontinuous spans...).
    skipped: list[str] = field(default_factory=list)
    #: Plain facts worth telling (duplicates merged, offsets read as UTF-16...).
    notes: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    #: Documents already stored exactly as imported (an earlier run of the same import), skipped.
    unchanged: int = 0

    def lines(self, limit: int = 20) -> list[str]:
        from .records import report_lines

        return report_lines([("", self.skipped), ("", self.notes)], limit)


@dataclass
class ImportContext:
    report: ImportReport = field(default_factory=ImportReport)
    #: label -> kind, from the label schema; used when the file does not say.
    label_kinds: dict[str, str] = field(default_factory=dict)
    #: brat attribution roles (source, cue, content) -> the label to give them (``--map``).
    role_labels: dict[str, str] = field(default_factory=dict)
    #: Format options from the command line (``offsets`` for doccano, ``annotator_map`` for Label Studio).
    options: dict = field(default_factory=dict)


class Imported(NamedTuple):
    """One document and its annotations; ``annotator`` when the file names one."""

    document: Document
    annotations: Annotations
    annotator: str | None = None
    where: str = ""


@dataclass
class RawSpan:
    key: str
    start: object
    end: object
    label: object
    text: str | None = None
    line: int | None = None
    kind: str | None = None
    attrs: dict = field(default_factory=dict)
    span_id: str | None = None


@dataclass
class RawRelation:
    head: str
    child: str
    label: object
    line: int | None = None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _removed_offsets(text: str) -> list[int]:
    """Positions that newline normalisation drops: a BOM, the LF of a CRLF."""
    removed = [0] if text.startswith("\ufeff") else []
    removed += [m.start() + 1 for m in re.finditer("\r\n", text)]
    return removed


# Checks, then moves, then links: one document's steps, sharing its offsets and ids; all but two are keywords.
def build_document(  # noqa: PLR0913, PLR0915
    doc_id: object,
    text: object,
    *,
    path: Path,
    line: int | None,
    spans: Iterable[RawSpan],
    relations: Iterable[RawRelation] = (),
    context: ImportContext,
    source: str = "",
    annotator: str | None = None,
    utf16_fallback: bool = False,
) -> Imported:
    """Check every span and relation of one document and build it."""
    if not isinstance(text, str) or not text.strip():
        raise AnnottyError("the document has no text", path, line)
    report = context.report
    doc_name = safe_name(doc_id, "document")
    relations = list(relations)
    checked: list[tuple[RawSpan, int, int]] = []
    keys: set[str] = set()
    utf16_table = utf16_to_code_points(text) if utf16_fallback else None
    for raw in spans:
        where = raw.line if raw.line is not None else line
        if not _is_int(raw.start) or not _is_int(raw.end):
            raise AnnottyError(
                f"span {raw.key}: offsets must be whole numbers, not {raw.start!r}:{raw.end!r}", path, where
            )
        if raw.key in keys:
            raise AnnottyError(f"span id {raw.key} appears twice in one document", path, where)
        keys.add(raw.key)
        if raw.kind is not None and raw.kind not in KINDS:
            raise AnnottyError(f"span {raw.key}: unknown kind {raw.kind!r} (not {', '.join(KINDS)})", path, where)
        if not isinstance(raw.label, str) or not raw.label.strip():
            raise AnnottyError(f"span {raw.key}: the label must be a non-empty string, not {raw.label!r}", path, where)
        start, end = int(raw.start), int(raw.end)  # type: ignore[call-overload]
        ok = 0 <= start < end <= len(text) and (raw.text is None or text[start:end] == raw.text)
        if not ok and utf16_table is not None and 0 <= start < end < len(utf16_table):
            s16, e16 = utf16_table[start], utf16_table[end]
            if s16 is not None and e16 is not None and s16 < e16 and (raw.text is None or text[s16:e16] == raw.text):
                report.notes.append(f"{path}:{where}: span {raw.key} offsets read as UTF-16 code units")
                start, end, ok = s16, e16, True
        if not ok:
            if not 0 <= start < end <= len(text):
                raise AnnottyError(f"span {raw.key} {start}:{end} is empty or outside the text "
                                   f"(length {len(text)})", path, where)
            raise AnnottyError(f"span {raw.key} {start}:{end}: the file says {raw.text!r} but the text "
                               f"there is {text[start:end]!r}", path, where)
        checked.append((raw, start, end))

    # Newline normalisation: map every offset into the normalised text.
    removed = _removed_offsets(text)
    new_text = normalise_newlines(text[1:] if text.startswith("\ufeff") else text)

    def moved(offset: int) -> int:
        return offset - bisect_left(removed, offset)

    kinds = _kinds(checked, relations, context.label_kinds)
    made: dict[str, Span] = {}
    seen: dict[tuple, Span] = {}
    used_ids: set[str] = set()
    for raw, start, end in checked:
        where = raw.line if raw.line is not None else line
        new_start, new_end = moved(start), moved(end)
        if new_start >= new_end:
            raise AnnottyError(f"span {raw.key} covers only half of a CRLF line break", path, where)
        kind = kinds[raw.key]
        key = (new_start, new_end, raw.label, kind)
        if key in seen:
            report.notes.append(f"{path}:{where}: span {raw.key} repeats an earlier one; merged")
            made[raw.key] = seen[key]
            continue
        span_id = raw.span_id if raw.span_id and raw.span_id not in used_ids else new_id("s")
        used_ids.add(span_id)
        attrs = _moved_offsets(raw.attrs, moved, new_text) if removed else dict(raw.attrs)
        label = cast(str, raw.label)  # checked to be a string above
        span = Span(span_id, new_start, new_end, label, kind, new_text[new_start:new_end], attrs)
        seen[key] = made[raw.key] = span
    built_relations: list[Relation] = []
    linked: set[tuple[str, str, str]] = set()
    for rel in relations:
        where = rel.line if rel.line is not None else line
        for end_key in (rel.head, rel.child):
            if end_key not in made:
                raise AnnottyError(f"relation points at unknown span {end_key}", path, where)
        if not isinstance(rel.label, str) or not rel.label.strip():
            raise AnnottyError(f"relation label must be a non-empty string, not {rel.label!r}", path, where)
        triple = (made[rel.head].id, made[rel.child].id, rel.label)
        if triple in linked:
            continue
        linked.add(triple)
        built_relations.append(Relation(new_id("r"), *triple))
    spans_out = list({id(s): s for s in made.values()}.values())
    document = Document(id=doc_name, text=new_text, source=source or str(path))
    recognise_header(document)
    if new_text != text:
        report.notes.append(f"{path}:{line or 1}: document {doc_name}: line breaks made LF (from CRLF or CR)"
                            + (", offsets moved" if removed else ""))
    origin = f"{path}:{line}" if line is not None else str(path)
    return Imported(document, Annotations(spans_out, built_relations), annotator, origin)


def _moved_offsets(attrs: dict, moved, new_text: str) -> dict:
    """``attrs`` with the offsets they hold (a quote's parts and cue) moved
    as the span's own offsets are."""
    attrs = dict(attrs)
    if isinstance(attrs.get(PARTS), list):
        attrs[PARTS] = [[moved(s), moved(e)] for s, e in attrs[PARTS]]
    cue = attrs.get("cue")
    if isinstance(cue, dict) and isinstance(cue.get("start"), int) and isinstance(cue.get("end"), int):
        start, end = moved(cue["start"]), moved(cue["end"])
        attrs["cue"] = {**cue, "start": start, "end": end, "text": new_text[start:end]}
    return attrs


def _kinds(
    checked: list[tuple[RawSpan, int, int]], relations: list[RawRelation], label_kinds: dict[str, str]
) -> dict[str, str]:
    """Each span's kind: as the file states it, else as the schema gives its
    label, else from its role (the head of SPEAKER is a quote, of SOURCE a
    claim), its attributes or its label's name, else entity."""
    roles = {}
    for rel in relations:
        if rel.label == SPEAKER:
            roles[rel.head] = QUOTE
        elif rel.label == SOURCE:
            roles[rel.head] = CLAIM
    kinds = {}
    for raw, _start, _end in checked:
        label = str(raw.label)
        if raw.kind in KINDS:
            kind = raw.kind
        elif label_kinds.get(label) in KINDS:
            kind = label_kinds[label]
        elif raw.key in roles:
            kind = roles[raw.key]
        elif raw.attrs.get("type") in QUOTE_TYPES or label.upper() in ("QUOTE", "QUOTATION"):
            kind = QUOTE
        elif "checkworthy" in raw.attrs or "verdict" in raw.attrs or label.upper() == "CLAIM":
            kind = CLAIM
        else:
            kind = ENTITY
        kinds[raw.key] = kind
    return kinds


def _signature(annotations: Annotations) -> tuple[list, list]:
    """What the annotations say, whatever their ids (made afresh by each import)."""
    import json

    spans = {
        span.id: (span.start, span.end, span.label, span.kind, span.text, json.dumps(span.attrs, sort_keys=True))
        for span in annotations.spans()
    }
    relations = [(spans.get(r.head), spans.get(r.child), r.label) for r in annotations.relations()]
    return sorted(spans.values()), sorted(relations, key=repr)


def same_annotations(stored: Annotations, imported: Annotations) -> bool:
    """Whether the store already holds exactly what an import would write."""
    return len(stored) == len(imported) and _signature(stored) == _signature(imported)


def write_imports(store, items: list[Imported], default_annotator: str, *, override: str | None = None,
                  replace: bool = False, dry_run: bool = False, report: ImportReport | None = None) -> ImportReport:
    """Write built documents to the store, once all of them are known good.

    Each goes to ``override`` if given, else the annotator the file names,
    else ``default_annotator``. Refuses (before writing anything) a document
    whose id is stored with another text, the same document twice for one
    annotator, and, unless ``replace``, an annotator's existing annotations
    that differ from the imported ones. Those already stored exactly as
    imported are skipped (counted in ``report.unchanged``): an import cut
    short (killed, a full disk) completes when run again as it was.
    """
    from ..store import check_name

    report = report if report is not None else ImportReport()
    planned: dict[tuple[str, str], Imported] = {}
    texts: dict[str, str] = {}
    for item in items:
        try:
            annotator = check_name(override or item.annotator or default_annotator)
        except AnnottyError as error:
            raise AnnottyError(f"{error.message}; give --annotator NAME", item.where) from None
        doc = item.document
        key = (annotator, doc.id)
        if key in planned:
            raise AnnottyError(f"document {doc.id} appears twice for annotator {annotator} "
                               f"(first at {planned[key].where})", item.where)
        if texts.setdefault(doc.id, doc.text) != doc.text:
            raise AnnottyError(f"document {doc.id} appears twice with different texts", item.where)
        planned[key] = item
    for doc_id, text in texts.items():
        if store.document_path(doc_id).exists() and store.load_document(doc_id).text != text:
            raise AnnottyError(f"document {doc_id} is already in the store with a different text; "
                               "nothing was imported", store.document_path(doc_id))
    already: set[tuple[str, str]] = set()
    if not replace:
        for (annotator, doc_id), item in planned.items():
            path = store.annotator_path(annotator, doc_id)
            if doc_id in store.annotated_documents(annotator):
                existing, flagged = store.load_annotations(annotator, doc_id, texts[doc_id])
                if not flagged and same_annotations(existing, item.annotations):
                    already.add((annotator, doc_id))  # imported before (a run cut short): nothing to do
                elif len(existing) or flagged:
                    raise AnnottyError(f"{annotator} already has other annotations on {doc_id}; give --replace "
                                       "to overwrite them (nothing was imported)", path)
    report.unchanged += len(already)
    for (annotator, doc_id), item in planned.items():
        if (annotator, doc_id) in already and store.document_path(doc_id).exists():
            continue
        report.documents += 1
        report.spans += len(item.annotations)
        report.relations += len(item.annotations.relations())
        if not dry_run:
            report.written.append(str(store.write_annotations(item.document, annotator, item.annotations)))
    return report
