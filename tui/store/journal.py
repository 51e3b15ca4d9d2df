"""An append-only journal of changes beside an annotator's file.

Rewriting a TinyDB file costs time in proportion to its size; appending one
line does not. Each saved change is one JSON line, flushed and fsynced before
``append`` returns; the journal is folded into the TinyDB file when the file
is closed (or grows long), so between sessions only the JSON file remains.

A crash can tear only the last line (a write in progress): that line was
never confirmed to the user, so it is ignored on replay.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..atomic import fsync_folder
from ..errors import AnnottyError
from .storage import StoreDamaged

#: One journal operation: ("span" | "relation", id, record or None to delete).
Op = tuple[str, str, dict | None]


class Journal:
    def __init__(self, path: Path):
        self.path = path
        self._handle = None
        self.entries = 0
        # Where the last complete line ends: a torn tail after it is cut off
        # before the next append, or it would become a damaged middle line.
        self._good_end: int | None = None

    def read(self) -> list[list[Op]]:
        """Every complete change in the journal, oldest first."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as error:
            raise AnnottyError(f"cannot read journal: {error.strerror or error}", self.path) from None
        changes: list[list[Op]] = []
        lines = raw.split(b"\n")
        position = 0
        self._good_end = 0
        for number, line in enumerate(lines, start=1):
            position += len(line) + 1
            if not line.strip():
                if number < len(lines):
                    self._good_end = position
                continue
            torn_tail = number == len(lines)  # no newline after it: never confirmed
            try:
                entry = json.loads(line.decode("utf-8"))
                ops = [(str(what), str(item_id), record) for what, item_id, record in entry["ops"]]
            except (ValueError, KeyError, TypeError, RecursionError):
                if torn_tail:
                    break
                raise StoreDamaged("journal line is damaged", self.path, number) from None
            if torn_tail:
                break
            changes.append(ops)
            self._good_end = position
        self.entries = len(changes)
        return changes

    def append(self, ops: list[Op]) -> None:
        """Write one change durably (fsync) before returning. If that fails,
        the journal is cut back to where it was, so a change reported as not
        saved never comes back on the next open."""
        line = json.dumps({"ops": ops}, ensure_ascii=False, sort_keys=True) + "\n"
        position = None
        try:
            if self._handle is None:
                created = not self.path.exists()
                self._handle = open(self.path, "ab")
                if created:
                    fsync_folder(self.path.parent)
                elif self._good_end is not None and self._good_end < os.fstat(self._handle.fileno()).st_size:
                    self._handle.truncate(self._good_end)  # drop a line torn by a crash
                    os.fsync(self._handle.fileno())
            position = self._handle.tell()
            self._handle.write(line.encode("utf-8"))
            self._handle.flush()
            os.fsync(self._handle.fileno())
        except OSError as error:
            self._cut_back(position)
            raise AnnottyError(f"cannot save: {error.strerror or error}", self.path) from None
        self.entries += 1

    def _cut_back(self, position: int | None) -> None:
        handle, self._handle = self._handle, None
        if handle is None:
            return
        try:
            if position is not None:
                handle.truncate(position)
                os.fsync(handle.fileno())
        except OSError:
            pass  # a torn last line is ignored on replay anyway
        finally:
            try:
                handle.close()
            except OSError:
                pass

    def clear(self) -> None:
        """Forget the journal once its changes are in the TinyDB file."""
        self.close()
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        self.entries = 0

    def close(self) -> None:
        if self._handle is not None:
            try:
                self._handle.close()
            finally:
                self._handle = None

