"""Writing files so that a crash leaves the old version or the new, never half."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path
from typing import IO, Iterator

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
