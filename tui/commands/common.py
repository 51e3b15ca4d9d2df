"""What the commands share: the store option, the default annotator, and
how they print (everything that reaches the terminal goes through the one
sanitiser: names, ids, file names and article text can all hold escapes)."""

from __future__ import annotations

import argparse
import getpass
import json
import re
import sys
from collections.abc import Iterable
from typing import IO, Any

from ..terminal_text import json_escaped, lines, one_line

DEFAULT_STORE = "annotations"


class CommandParser(argparse.ArgumentParser):
    """argparse, its usage and errors printed through the sanitiser: an
    unrecognised argument may be a file name (from a glob) holding escapes."""

    def _print_message(self, message: str, file: Any = None) -> None:
        super()._print_message(lines(message), file)


def add_store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", default=DEFAULT_STORE, metavar="DIR",
                        help="folder of the annotation store (default: ./annotations)")


def default_annotator() -> str:
    try:
        name = getpass.getuser()
    except Exception:  # no login name (some containers): fall back quietly
        name = ""
    name = re.sub(r"[^\w.\-]+", "-", name).strip("-.")
    return name or "annotator"


def say(message: str) -> None:
    """One line to the user on standard error: ``annotty: message``."""
    print(f"annotty: {one_line(message)}", file=sys.stderr)


def print_lines(lines: Iterable[str]) -> None:
    """A report (tables, summaries) on standard output, one cleaned line each."""
    print("\n".join(one_line(line) for line in lines), flush=True)


def print_json(value: Any, sort_keys: bool = False) -> None:
    """One JSON line on standard output; what a terminal would obey is written as \\u escapes."""
    print(json_escaped(json.dumps(value, ensure_ascii=False, sort_keys=sort_keys)))


class _ShownOnTerminal:
    """Standard output while it is a terminal: what is written there is read,
    not kept, so escapes in the data are shown instead of obeyed."""

    def __init__(self, stream: IO[str]):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(lines(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def data_output() -> IO[str]:
    """Where a command writes data meant for a file: standard output as it is
    when redirected (byte for byte), cleaned for display on a terminal."""
    return _ShownOnTerminal(sys.stdout) if sys.stdout.isatty() else sys.stdout  # type: ignore[return-value]
