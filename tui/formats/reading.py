"""Reading the files importers take: UTF-8 text, JSON lines and JSON lists,
each error an ``AnnottyError`` naming the file and line."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from ..errors import AnnottyError
from ..loading import read_input_file

_SURROGATE = re.compile("[\ud800-\udfff]")


def json_error_message(error: ValueError) -> str:
    """What is wrong with JSON that Python's decoder refused: a syntax error,
    or a whole number longer than Python converts (a ValueError of its own)."""
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} (column {error.colno})"
    return f"a number has more than {sys.get_int_max_str_digits()} digits"


def refuse_lone_surrogates(value: object, path: Path, line: int | None) -> object:
    """``value`` if none of its strings holds half of a UTF-16 surrogate pair
    (JSON can write one, ``\\ud800``; no file or terminal can hold it)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            found = _SURROGATE.search(item)
            if found:
                raise AnnottyError(f"holds a lone UTF-16 surrogate (\\u{ord(found.group()):04x}), "
                                   "which is not a character", path, line)
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return value


def read_text(path: Path, keep_bom: bool = False) -> str:
    """A UTF-8 file's text (a BOM dropped unless ``keep_bom``), exactly as
    written otherwise."""
    data = read_input_file(path)
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
            value = json.loads(line)
        except ValueError as error:
            raise AnnottyError(f"not valid JSON: {json_error_message(error)}", path, number) from None
        except RecursionError:
            raise AnnottyError("JSON nested too deeply", path, number) from None
        yield number, refuse_lone_surrogates(value, path, number)


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
            yield line_at(index), refuse_lone_surrogates(value, path, line_at(index))
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
            yield start_line, refuse_lone_surrogates(value, path, start_line)
    except json.JSONDecodeError as error:
        raise AnnottyError(f"not valid JSON: {error.msg} (column {error.colno})", path, error.lineno) from None
    except ValueError as error:
        raise AnnottyError(f"not valid JSON: {json_error_message(error)}", path, line_at(index)) from None
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
