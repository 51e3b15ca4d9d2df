"""Articles that come as records: JSONL (one JSON object a line) or a JSON
list, each with a ``text`` field, as doccano and Prodigy take them in."""

from __future__ import annotations

import json
from pathlib import Path

from .errors import AnnottyError
from .formats.reading import json_error_message, refuse_lone_surrogates
from .loading import decode, document_id, normalise_newlines, read_input_file, recognise_header, source_name
from .model import Document
from .names import safe_name

RECORD_SUFFIXES = (".jsonl", ".json")


def read_records(path: Path) -> list[Document]:
    """Every record of the file as a Document: its ``text`` (or ``data.text``),
    its ``id`` (or ``<file>-<line>``), and a headline from ``meta`` or
    ``title`` when given; bad records are refused with their line."""
    data = read_input_file(path)
    content, _warnings = decode(data, path)
    items: list[tuple[int | None, object]]  # (line number, if a line holds the record; the record)
    if path.suffix.lower() == ".jsonl":
        items = []
        for number, text in enumerate(content.splitlines(), start=1):
            if text.strip():
                items.append((number, _parse(text, path, number)))
    else:
        parsed = _parse(content, path, None)
        if not isinstance(parsed, list):
            raise AnnottyError("a JSON input must be a list of records with a \"text\" field", path)
        items = [(None, item) for item in parsed]
    documents = []
    seen: set[str] = set()
    for position, (line, record) in enumerate(items, start=1):
        documents.append(_document(record, path, line, position, seen))
    if not documents:
        raise AnnottyError("holds no records", path)
    return documents


def _parse(raw: str, path: Path, line: int | None):
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as error:
        raise AnnottyError(f"not valid JSON ({error.msg})", path, line or error.lineno) from None
    except RecursionError:
        raise AnnottyError("JSON nested too deeply", path, line) from None
    except ValueError as error:
        raise AnnottyError(f"not valid JSON ({json_error_message(error)})", path, line) from None
    return refuse_lone_surrogates(value, path, line)


def _document(record: object, path: Path, line: int | None, position: int, seen: set[str]) -> Document:
    where = line if line is not None else None
    if not isinstance(record, dict):
        raise AnnottyError("each record must be a JSON object with a \"text\" field", path, where)
    text = record.get("text")
    if text is None and isinstance(record.get("data"), dict):
        text = record["data"].get("text")
    if not isinstance(text, str) or not text.strip():
        raise AnnottyError("the record has no \"text\"", path, where)
    raw_id = record.get("id", record.get("document_id"))
    fallback = safe_name(f"{document_id(path)}-{line or position}", "record")
    doc_id = safe_name(raw_id, fallback) if raw_id not in (None, "") else fallback
    if doc_id in seen:
        raise AnnottyError(f"the id {doc_id!r} is used by an earlier record too", path, where)
    seen.add(doc_id)
    source = f"{source_name(path)}:{line or position}"
    document = Document(id=doc_id, text=normalise_newlines(text), source=source)
    recognise_header(document)
    meta = record.get("meta")
    if not isinstance(meta, dict):
        meta = {}
    title = record.get("title") or meta.get("title") or meta.get("headline")
    if isinstance(title, str) and title.strip() and "headline" not in document.meta:
        document.title = title.strip()
    return document
