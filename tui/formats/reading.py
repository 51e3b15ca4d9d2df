"""Reading the files importers take: UTF-8 text, JSON lines and JSON lists,
each error an ``AnnottyError`` naming the file and line."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import AnnottyError

def read_text(path: Path, keep_bom: bool = False) -> str:
    """A UTF-8 file's text (a BOM dropped unless ``keep_bom``), exactly as
    written otherwise."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AnnottyError("no such file", path) from None
    except IsADirectoryError:
        raise AnnottyError("is a folder; give a file", path) from None
    except OSError as error:
        raise AnnottyError(f"cannot read: {error.strerror or error}", path) from None
    try:
        return data.decode("utf-8" if keep_bom else "utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise AnnottyError("is not UTF-8 text", path, line) from None


def json_lines(path: Path):
    """(line number, value) for each non-blank line of a JSON-lines file."""
    for number, line in enumerate(read_text(path).split("\n"), 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as error:
            raise AnnottyError(f"not valid JSON: {error.msg} (column {error.colno})", path, number) from None
        except RecursionError:
            raise AnnottyError("JSON nested too deeply", path, number) from None


def json_array_items(path: Path):
    """(line number, value) of each item of a JSON file holding a list (or
    one object), the line being where the item starts in the file."""
    text = read_text(path)
    decoder = json.JSONDecoder()
    index = len(text) - len(text.lstrip())
    counted, line = 0, 1

    def line_at(offset: int) -> int:
        nonlocal counted, line
        line += text.count("\n", counted, offset)
        counted = offset
        return line

    try:
        if not text.startswith("[", index):
            value, end = decoder.raw_decode(text, index)
            if text[end:].strip():
                raise AnnottyError("extra data after the JSON value", path, line_at(end))
            yield line_at(index), value
            return
        index += 1
        expect_item = True
        while True:
            while index < len(text) and text[index] in " \t\r\n":
                index += 1
            if index >= len(text):
                raise AnnottyError("the JSON list is not closed", path, line_at(index))
            if text[index] == "]":
                if text[index + 1:].strip():
                    raise AnnottyError("extra data after the JSON list", path, line_at(index))
                return
            if not expect_item:
                if text[index] != ",":
                    raise AnnottyError("expected ',' or ']' between list items", path, line_at(index))
                index += 1
                expect_item = True
                continue
            start_line = line_at(index)
            value, index = decoder.raw_decode(text, index)
            expect_item = False
            yield start_line, value
    except json.JSONDecodeError as error:
        raise AnnottyError(f"not valid JSON: {error.msg} (column {error.colno})", path, error.lineno) from None
    except RecursionError:
        raise AnnottyError("JSON nested too deeply", path) from None


_JSON_NAMES = {dict: "an object", list: "a list", str: "a string", int: "a whole number",
               float: "a number", bool: "true or false", type(None): "missing"}


def need(value: object, kind: type, what: str, path: Path, line: int | None):
    """``value`` if it is of ``kind``, else an error naming the file and line."""
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        found = _JSON_NAMES.get(type(value), type(value).__name__)
        raise AnnottyError(f"{what} must be {_JSON_NAMES.get(kind, kind.__name__)}, not {found}", path, line)
    return value
