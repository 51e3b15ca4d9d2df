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
        return [f"{path}: {reason(error)}" for path, error in self.problems]

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


def reason(error: AnnottyError) -> str:
    """The reason alone (the report names the file itself)."""
    return f"line {error.line}: {error.message}" if error.line is not None else error.message


def _problem(path: Path) -> AnnottyError | None:
    try:
        if path.suffix.lower() in RECORD_SUFFIXES:
            read_records(path)
        else:
            read_article(path)
    except AnnottyError as error:
        return error
    return None


def check_articles(paths: list[Path]) -> FolderReport:
    """Read every article file (and record file) once: which open, which not."""
    report = FolderReport()
    for path in paths:
        error = _problem(path)
        if error is None:
            report.readable.append(path)
        else:
            report.problems.append((path, error))
    return report


def check_to_open(paths: list[Path]) -> FolderReport:
    """What opening needs before its first frame, without reading a whole
    archive: the record files (read as the run opens anyway) and the article
    files up to the first readable one. ``readable`` is what is left to open
    (the articles after the first readable one not yet read: the corpus index
    or ``check_articles`` tells about them later)."""
    report = FolderReport()
    found_one = False
    for path in paths:
        records = path.suffix.lower() in RECORD_SUFFIXES
        error = _problem(path) if records or not found_one else None
        if error is None:
            report.readable.append(path)
            found_one = True
        else:
            report.problems.append((path, error))
    return report


def merged(first: FolderReport, later: FolderReport) -> FolderReport:
    """``first``'s problems and those ``later`` found among ``first.readable``."""
    bad = {path for path, _error in later.problems}
    return FolderReport([path for path in first.readable if path not in bad], first.problems + later.problems)
