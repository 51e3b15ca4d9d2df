"""Writing outputs that are not one text file, all or nothing: a binary file
(spaCy's DocBin) and a folder (brat)."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from collections.abc import Callable, Iterator

from ..atomic import _UMASK, atomic_writer
from ..errors import AnnottyError


def write_bytes_atomically(path: str | Path, data: bytes) -> None:
    with atomic_writer(path, binary=True) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_folder(path: str | Path, is_ours: Callable[[Path], bool]) -> Iterator[Path]:
    """A fresh temporary folder beside ``path`` to fill; on a clean exit it
    takes the place of ``path``. An existing ``path`` is replaced only when
    it is empty or ``is_ours`` says an earlier export made it, so that a
    wrong ``--out`` cannot wipe someone's folder."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise AnnottyError("exists and is not a folder; give a folder to write into", path)
    if path.is_dir() and any(path.iterdir()) and not is_ours(path):
        raise AnnottyError("is a folder with other files in it; give a new or empty folder", path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    os.chmod(tmp, 0o777 & ~_UMASK)  # mkdtemp makes it 0700: a server running as another user could not read it
    try:
        yield tmp
        old = None
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
            os.rmdir(old)
            os.replace(path, old)
        try:
            os.replace(tmp, path)
        except BaseException:
            if old is not None:
                os.replace(old, path)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
