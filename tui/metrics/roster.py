"""A class roster: the students who should hand in work, one name a line or
a CSV with a ``name`` column. Names are written as a reader types them at
``serve --ask-name`` (spaces become hyphens)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import AnnottyError
from ..store import check_name


def read_roster(path: str | Path) -> list[str]:
    """The roster's names, in its order, each once; AnnottyError naming the
    file and line of what is wrong."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise AnnottyError("no such roster file", path) from None
    except IsADirectoryError:
        raise AnnottyError("is a folder: give --roster a file", path) from None
    except (OSError, UnicodeDecodeError) as error:
        raise AnnottyError(f"cannot read the roster ({getattr(error, 'strerror', None) or error})", path) from None
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    names: list[tuple[int, str]] = []
    if "," in first or ";" in first or "\t" in first or str(path).lower().endswith(".csv"):
        try:
            dialect = csv.Sniffer().sniff(first, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        rows = csv.reader(io.StringIO(text), dialect)
        header = [cell.strip().casefold() for cell in next(rows, [])]
        if "name" not in header:
            raise AnnottyError("the roster's first line has no 'name' column", path, 1)
        column = header.index("name")
        for row in rows:
            if any(cell.strip() for cell in row):
                names.append((rows.line_num, row[column] if column < len(row) else ""))
    else:
        names = [(number, line) for number, line in enumerate(lines, 1)
                 if line.strip() and not line.lstrip().startswith("#")]
    out: dict[str, None] = {}
    for number, raw in names:
        name = raw.strip().replace(" ", "-")
        if not name:
            raise AnnottyError("a student without a name", path, number)
        try:
            out[check_name(name, "student")] = None
        except AnnottyError as error:
            raise AnnottyError(error.message, path, number) from None
    if not out:
        raise AnnottyError("the roster names no student", path)
    return list(out)


def submitted_nothing(roster: list[str], annotators) -> list[str]:
    """The roster's students with no annotations in the store."""
    present = set(annotators)
    return [name for name in roster if name not in present]
