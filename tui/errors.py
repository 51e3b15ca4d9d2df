"""The one error type the core raises for a user's mistake or bad input."""

from __future__ import annotations

from pathlib import Path


class AnnottyError(Exception):
    """Bad input or a refused operation, with the file (and line) it concerns.

    ``str(error)`` is a single line fit to show a user: ``file:line: message``.
    """

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message
