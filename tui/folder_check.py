"""Which articles of a run can be opened, and why the others cannot.

A folder with a binary or broken file still opens: the readable articles are
annotated, and the others are named, all of them, each with the reason, in
one warning (and by ``annotty check``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .article_files import ArticlePaths, positions_with_suffix
from .errors import AnnottyError
from .loading import read_article
from .records_input import RECORD_SUFFIXES, read_records


@dataclass
class FolderReport:
    readable: Sequence[Path] = field(default_factory=list)
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


def check_articles(paths: Sequence[Path]) -> FolderReport:
    """Read every article file (and record file) once: which open, which not."""
    readable, problems = [], []
    for path in paths:
        error = _problem(path)
        if error is None:
            readable.append(path)
        else:
            problems.append((path, error))
    return FolderReport(readable, problems)


def check_to_open(paths: Sequence[Path]) -> FolderReport:
    """What opening needs before its first frame, without reading a whole
    archive: the record files (read as the run opens anyway) and the article
    files up to the first readable one. ``readable`` is what is left to open
    (the articles after the first readable one not yet read: the corpus index
    or ``check_articles`` tells about them later)."""
    files = ArticlePaths.of(paths)
    errors: dict[int, AnnottyError] = {}
    checked: set[int] = set()
    for position in range(len(files)):  # the articles up to the first readable one
        checked.add(position)
        error = _problem(files[position])
        if error is None:
            break
        errors[position] = error
    for position in positions_with_suffix(files.strings, RECORD_SUFFIXES):
        error = None if position in checked else _problem(files[position])
        if error is not None:
            errors[position] = error
    problems = [(files[position], errors[position]) for position in sorted(errors)]
    return FolderReport(files.without(set(errors)), problems)


def merged(first: FolderReport, later: FolderReport) -> FolderReport:
    """``first``'s problems and those ``later`` found among ``first.readable``."""
    bad = {os.fspath(path) for path, _error in later.problems}
    files = ArticlePaths.of(first.readable)
    readable = files.without({i for i, name in enumerate(files.strings) if name in bad}) if bad else files
    return FolderReport(readable, [*first.problems, *later.problems])
