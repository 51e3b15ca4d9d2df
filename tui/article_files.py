"""The article files of a run, found in folders and held cheaply.

An archive of 30,000 articles must open as fast as a folder of 100, and
making 30,000 ``Path`` objects alone takes about as long as the whole first
frame of a small folder. So a folder is walked with ``os.scandir`` (the
kind of each entry comes with the listing: no stat per file), the files
are kept as strings, and each becomes a ``Path`` only when something asks
for it (the article shown, its neighbours).
"""

from __future__ import annotations

import os
from itertools import repeat
from operator import itemgetter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import overload


class ArticlePaths(Sequence[Path]):
    """A list of files that holds them as strings (``strings``) and makes
    each ``Path`` when first asked for."""

    __slots__ = ("strings", "_paths")

    def __init__(self, strings: list[str], paths: list[Path | None] | None = None):
        self.strings = strings
        self._paths: list[Path | None] = paths if paths is not None else [None] * len(strings)  # made so far

    @classmethod
    def of(cls, paths: Sequence[Path | str]) -> ArticlePaths:
        """``paths`` as ArticlePaths (itself when it is one already)."""
        return paths if isinstance(paths, ArticlePaths) else cls([os.fspath(path) for path in paths])

    def __len__(self) -> int:
        return len(self.strings)

    @overload
    def __getitem__(self, index: int) -> Path: ...

    @overload
    def __getitem__(self, index: slice) -> list[Path]: ...

    def __getitem__(self, index: int | slice) -> Path | list[Path]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        path = self._paths[index]
        if path is None:
            path = self._paths[index] = Path(self.strings[index])
        return path

    def __iter__(self) -> Iterator[Path]:
        for index in range(len(self.strings)):
            yield self[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ArticlePaths):
            return self.strings == other.strings
        if isinstance(other, (list, tuple)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a list: mutable in spirit, never a key

    def __repr__(self) -> str:
        return f"ArticlePaths({self.strings!r})"

    def without(self, positions: set[int]) -> ArticlePaths:
        """The files but those at ``positions``."""
        if not positions:
            return ArticlePaths(list(self.strings), list(self._paths))
        kept = [i for i in range(len(self.strings)) if i not in positions]
        return ArticlePaths([self.strings[i] for i in kept], [self._paths[i] for i in kept])


def suffix(path: str) -> str:
    """``Path(path).suffix``, without making a Path."""
    name = path[path.rfind(os.sep) + 1:]
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def positions_with_suffix(paths: list[str], suffixes: tuple[str, ...]) -> list[int]:
    """Where the files whose suffix (any case) is one of ``suffixes`` are;
    one search of all the names first, as most runs have none."""
    lowered = "\n".join(paths).lower()
    if not any(wanted in lowered for wanted in suffixes):
        return []
    return [i for i, path in enumerate(paths) if suffix(path).lower() in suffixes]


def stems(paths: list[str]) -> list[str]:
    """``Path(path).stem`` of each path, split in C when every name has a
    suffix (a folder's articles all have one)."""
    names = map(itemgetter(2), map(str.rpartition, paths, repeat(os.sep)))
    split = list(map(str.rpartition, names, repeat(".")))
    # rpartition agrees with Path.stem when the last dot is neither first nor last in the name.
    if all(map(itemgetter(0), split)) and all(map(itemgetter(2), split)):
        return list(map(itemgetter(0), split))
    return [Path(path).stem for path in paths]


def walk_folder(folder: Path, suffixes: tuple[str, ...]) -> list[str]:
    """The files under ``folder`` whose name ends in one of ``suffixes`` (any
    case), recursively, in the order ``sorted()`` gives their Paths, leaving
    out hidden files and folders (a name starting with a dot), annotation
    stores inside it, and not following links to folders (as
    ``Path.rglob``); as the strings of the
    Paths ``folder / relative`` would be."""
    root = str(folder)
    prefix = "" if root == "." else root if root.endswith(os.sep) else root + os.sep
    found: list[str] = []
    _walk(prefix, suffixes, found)
    return found


#: What a folder holds when it is an annotation store: ``annotty .`` makes
#: one in the folder it reads, and its texts are copies of the articles (its
#: originals the very files read), so a walk leaves it out.
_STORE_PARTS = ("documents", "annotators", "originals")


def _is_store(entries: list[tuple[str, os.DirEntry]]) -> bool:
    folders = {name for name, entry in entries if name in _STORE_PARTS and entry.is_dir(follow_symlinks=False)}
    return "documents" in folders and len(folders) > 1


def _walk(prefix: str, suffixes: tuple[str, ...], found: list[str], inside: bool = False) -> None:
    try:
        with os.scandir(prefix or ".") as listing:
            entries = [(entry.name, entry) for entry in listing if entry.name[0] != "."]
    except OSError:
        return  # a folder that cannot be listed holds no article (as rglob)
    if inside and _is_store(entries):
        return  # the folder given may be a store (to read its texts); one found in it is not
    # Sorted by name, files and folders together: the order of their Paths
    # (compared part by part) when the folder's contents are put in its place.
    entries.sort(key=itemgetter(0))
    for name, entry in entries:
        try:
            if name.lower().endswith(suffixes) and entry.is_file():
                found.append(prefix + name)
            elif entry.is_dir(follow_symlinks=False):
                _walk(prefix + name + os.sep, suffixes, found, inside=True)
        except OSError:
            continue  # gone or unreadable meanwhile
