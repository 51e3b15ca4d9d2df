"""Writing files so that a crash leaves the old version or the new, never half."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .errors import AnnottyError


class LinkRefused(AnnottyError):
    """A store file that is a symbolic link: annotty neither reads nor writes through it."""

    def __init__(self, path: str | Path):
        try:
            target = f" (to {os.readlink(path)})"
        except OSError:
            target = ""
        super().__init__(f"is a symbolic link{target}; annotty does not follow links to its store files", path)


def refuse_link(path: str | Path) -> None:
    """Raise LinkRefused if ``path`` is a symbolic link (a link to a folder
    above it is fine: only the file itself is checked)."""
    if os.path.islink(path):
        raise LinkRefused(path)


def read_no_follow(path: str | Path) -> bytes:
    """A file's bytes, refusing (LinkRefused) to read through a symbolic link."""
    with os.fdopen(open_no_follow(path, os.O_RDONLY), "rb") as handle:
        return handle.read()


def open_no_follow(path: str | Path, flags: int, mode: int = 0o666) -> int:
    """``os.open`` that refuses (LinkRefused) to go through a symbolic link."""
    try:
        return os.open(path, flags | os.O_NOFOLLOW | os.O_CLOEXEC, mode)
    except OSError as error:
        if error.errno == errno.ELOOP and os.path.islink(path):
            raise LinkRefused(path) from None
        raise
#: When this process started (near enough): a temporary file last changed
#: before it belongs to an earlier process.
_STARTED = time.time()


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


@contextlib.contextmanager
def atomic_writer(path: str | Path, binary: bool = False) -> Iterator[IO]:
    """A handle (text, or bytes if ``binary``) on a temporary file beside
    ``path``; on a clean exit it is flushed, fsynced and renamed over
    ``path``; on an error it is removed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    refuse_link(path)  # os.replace would put a file where the user keeps a link
    import tempfile  # not at start-up: nothing is written before the first frame

    handle, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode any new file gets.
        os.fchmod(handle, 0o666 & ~_UMASK)
        # Held while writing: remove_stale_temporaries leaves a locked file alone.
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        opened = os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="\n")
        with opened as tmp:
            yield tmp
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    fsync_folder(path.parent)


def write_atomically(path: str | Path, content: str) -> None:
    with atomic_writer(path) as handle:
        handle.write(content)


def fsync_folder(folder: Path) -> None:
    # The rename itself is only durable once the folder entry is on disk.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_stale_temporaries(path: str | Path) -> list[Path]:
    """Remove the temporaries that writes to ``path`` by killed processes
    left beside it (``.<name>.<random>.tmp``, a file or a folder): those
    last changed before this process started and, for a file, not locked
    by a write still running. Returns what was removed."""
    import shutil

    path = Path(path)
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[A-Za-z0-9_]{{8}}\.tmp")
    removed: list[Path] = []
    try:
        names = os.listdir(path.parent)
    except OSError:
        return removed
    for name in names:
        if not pattern.fullmatch(name):
            continue
        leftover = path.parent / name
        try:
            if os.lstat(leftover).st_mtime >= _STARTED:
                continue
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover)
            elif _unlocked(leftover):
                leftover.unlink()
            else:
                continue
        except OSError:
            continue
        removed.append(leftover)
    return removed


def _unlocked(path: Path) -> bool:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
