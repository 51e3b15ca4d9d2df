"""A TinyDB Storage that never leaves a half-written file behind.

TinyDB's own JSONStorage rewrites its file in place (seek, write, truncate), so
a crash in the middle corrupts it. This one writes a temporary file beside the
target, fsyncs it, renames it over the target with ``os.replace`` and fsyncs
the folder: after a crash the file is either the old version or the new one.
The JSON is written deterministically (sorted keys, one-space indent, final
newline) so that a store kept in git diffs cleanly.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from ..atomic import read_no_follow, write_atomically
from ..errors import AnnottyError


def dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


class StoreDamaged(AnnottyError):
    """A store file that cannot be read as JSON (truncated, garbled...)."""


def read_json_file(path: Path) -> Any:
    """Parse a store file; StoreDamaged with the file and line when damaged
    (an empty file included)."""
    try:
        raw = read_no_follow(path).decode("utf-8")
    except UnicodeDecodeError:
        raise StoreDamaged("store file is not UTF-8 text", path) from None
    except OSError as error:
        raise AnnottyError(f"cannot read store file: {error.strerror or error}", path) from None
    if not raw.strip():
        # annotty never writes an empty file (a write is atomic): something cut it short.
        raise StoreDamaged("store file is empty", path)
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        raise StoreDamaged(f"store file is damaged ({error.msg})", path, error.lineno) from None
    except RecursionError:
        raise StoreDamaged("store file is damaged (JSON nested too deeply)", path) from None
    except ValueError:  # a whole number longer than Python converts
        raise StoreDamaged("store file is damaged (a number too long)", path) from None


class StoreNotWritable(AnnottyError):
    """The store cannot be written (permissions, a read-only or full disk...):
    it can still be opened read-only."""


def not_writable(error: OSError, path: Path, doing: str = "cannot write") -> StoreNotWritable:
    """One line naming the file, for an OSError met while writing it."""
    return StoreNotWritable(f"{doing}: {error.strerror or error}", path)


class AtomicJSONStorage(Storage):
    """TinyDB storage over one JSON file, written atomically.

    The file's content is cached after the first read: the store holds a lock
    on the file for as long as it is open, so nobody else changes it.
    ``deferred()`` groups several TinyDB writes into one file write.
    """

    def __init__(self, path: str | Path, read_only: bool = False):
        super().__init__()
        self.path = Path(path)
        self.read_only = read_only
        self._cache: dict | None = None
        self._loaded = False
        self._deferring = 0
        self._dirty = False

    def read(self) -> dict | None:
        if not self._loaded:
            data = read_json_file(self.path) if os.path.lexists(self.path) else None
            if data is not None and not isinstance(data, dict):
                raise StoreDamaged("store file does not hold a JSON object", self.path)
            self._cache = data
            self._loaded = True
        return self._cache

    def prime(self, data: dict) -> None:
        """Take ``data`` as the file's content, read moments ago (see read_ahead.py)."""
        self._cache = data
        self._loaded = True

    def write(self, data: dict) -> None:
        if self.read_only:
            raise AnnottyError("opened read-only; nothing was saved", self.path)
        self._cache = data
        self._loaded = True
        if self._deferring:
            self._dirty = True
            return
        self._flush()

    def _flush(self) -> None:
        try:
            write_atomically(self.path, dump_json(self._cache or {}))
        except OSError as error:
            # Forget what we could not write, so the next read shows the disk.
            self._loaded = False
            self._cache = None
            raise not_writable(error, self.path, "cannot save") from None

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        """Inside this block TinyDB writes reach the file once, at the end."""
        self._deferring += 1
        try:
            yield
        except BaseException:
            self._loaded = False
            self._cache = None
            self._dirty = False
            raise
        finally:
            self._deferring -= 1
        if not self._deferring and self._dirty:
            self._dirty = False
            self._flush()

    def close(self) -> None:
        self._cache = None
        self._loaded = False
