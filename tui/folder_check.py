"""Which articles of a run can be opened, and why the others cannot.

A folder with a binary or broken file still opens: the readable articles are
annotated, and the others are named, all of them, each with the reason, in
one warning (and by ``annotty check``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import AnnottyError
from .loading import read_article
from .records_input import RECORD_SUFFIXES, read_records


@dataclass
class FolderReport:
    readable: list[Path] = field(default_factory=list)
    problems: list[tuple[Path, AnnottyError]] = field(default_factory=list)  # file, why it cannot be opened

    def lines(self) -> list[str]:
        """One line per file that cannot be opened: ``FILE: why``."""
        return [f"{path}: {_why(error)}" for path, error in self.problems]

    def warning(self) -> str:
        """All the problems in one warning ("" when there are none)."""
        if not self.problems:
            return ""
        total = len(self.readable) + len(self.problems)
        things = "file" if len(self.problems) == 1 else "files"
        if not self.readable:
            return f"none of the {total} {things} can be opened: " + "; ".join(self.lines())
        return (f"{len(self.problems)} of {total} {things} cannot be opened and are left out: "
                + "; ".join(self.lines()))


def _why(error: AnnottyError) -> str:
    """The reason alone (the report names the file itself)."""
    return f"line {error.line}: {error.message}" if error.line is not None else error.message


def check_articles(paths: list[Path]) -> FolderReport:
    """Read every article file (and record file) once: which open, which not."""
    report = FolderReport()
    for path in paths:
        try:
            if path.suffix.lower() in RECORD_SUFFIXES:
                read_records(path)
            else:
                read_article(path)
        except AnnottyError as error:
            report.problems.append((path, error))
        else:
            report.readable.append(path)
    return report
