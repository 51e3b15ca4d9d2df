"""An append-only journal of changes beside an annotator's file.

Rewriting a TinyDB file costs time in proportion to its size; appending one
line does not. Each saved change is one JSON line, written and fsynced before
``append`` returns; the journal is folded into the TinyDB file when the file
is closed (or grows long), so between sessions only the JSON file remains.

The journal knows where its last confirmed line ends (its good end) at all
times. A write that fails (a full disk, an I/O error) or a crash can leave
bytes after it: a torn line, or a whole line whose fsync failed. Those were
never confirmed to the user; they are cut off before the next line is
written, with a plain file descriptor (no buffer to flush first) and a
checked truncate, and never below the good end. A torn last line is ignored
on replay, and so is a torn line that an older annotty left in the middle.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..atomic import LinkRefused, fsync_folder, open_no_follow
from ..errors import AnnottyError
from .storage import StoreDamaged

#: One journal operation: ("span" | "relation", id, record or None to delete).
Op = tuple[str, str, dict | None]

#: How every entry starts (json.dumps with sorted keys): where a line torn
#: by an older annotty ends and the next entry begins, if they share a line.
_ENTRY_START = b'{"ops": '


class JournalWriteFailed(AnnottyError):
    """A change could not be written durably; ``reason`` says why (ENOSPC...)."""

    def __init__(self, reason: str, path: Path):
        super().__init__(f"cannot save: {reason}", path)
        self.reason = reason


def _reason(error: OSError | LinkRefused) -> str:
    if isinstance(error, LinkRefused):
        return str(error)  # which file, and where it points
    return error.strerror or str(error)


def _parse_entry(line: bytes) -> list[Op]:
    entry = json.loads(line.decode("utf-8"))
    return [(str(what), str(item_id), record) for what, item_id, record in entry["ops"]]


def _parse_after_torn_prefix(line: bytes) -> list[Op] | None:
    """The entry at the end of ``line`` when a torn, unconfirmed write sits
    before it on the same line (what an older annotty's failed write left)."""
    start = line.find(_ENTRY_START, 1)
    while start > 0:
        try:
            return _parse_entry(line[start:])
        except (ValueError, KeyError, TypeError, RecursionError):
            start = line.find(_ENTRY_START, start + 1)
    return None


class Journal:
    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None
        self.entries = 0
        #: Where the last confirmed line ends: nothing before it is ever cut.
        self._good_end: int | None = None
        #: Whether bytes may stand after the good end (a failed write) and must be cut first.
        self._dirty_tail = False

    def read(self) -> list[list[Op]]:
        """Every complete change in the journal, oldest first."""
        try:
            raw = self._read_bytes()
        except FileNotFoundError:
            self._good_end = 0
            self.entries = 0
            return []
        except OSError as error:
            raise AnnottyError(f"cannot read journal: {_reason(error)}", self.path) from None
        changes: list[list[Op]] = []
        lines = raw.split(b"\n")
        position = 0
        self._good_end = 0
        for number, line in enumerate(lines, start=1):
            position += len(line) + 1
            if number == len(lines):
                break  # no newline after it: torn, never confirmed
            if line.strip():
                try:
                    changes.append(_parse_entry(line))
                except (ValueError, KeyError, TypeError, RecursionError):
                    ops = _parse_after_torn_prefix(line)
                    if ops is None:
                        raise StoreDamaged("journal line is damaged", self.path, number) from None
                    changes.append(ops)
            self._good_end = position
        self._dirty_tail = self._good_end < len(raw)
        self.entries = len(changes)
        return changes

    def _read_bytes(self) -> bytes:
        with os.fdopen(open_no_follow(self.path, os.O_RDONLY), "rb") as handle:
            return handle.read()

    def append(self, ops: list[Op]) -> None:
        """Write one change durably (fsync) before returning; raises
        JournalWriteFailed if it could not be, leaving every confirmed line
        as it was (what the failed write left after them is cut off now, or
        before the next write if that fails too)."""
        line = (json.dumps({"ops": ops}, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
        try:
            fd = self._open()
            if self._dirty_tail:
                self._cut_tail(fd)
            self._write_at(fd, line, self._confirmed_end())
            os.fsync(fd)
        except (OSError, LinkRefused) as error:
            self._dirty_tail = True
            self._after_failure()
            raise JournalWriteFailed(_reason(error), self.path) from None
        self._good_end = self._confirmed_end() + len(line)
        self.entries += 1

    def _confirmed_end(self) -> int:
        """Where the last confirmed line ends, the journal read first if that
        is not known yet."""
        if self._good_end is None:
            self.read()  # sets it
        return self._good_end or 0

    def _open(self) -> int:
        if self._fd is None:
            good_end = self._confirmed_end()
            created = not os.path.lexists(self.path)
            self._fd = open_no_follow(self.path, os.O_WRONLY | os.O_CREAT)
            if created:
                fsync_folder(self.path.parent)
            self._dirty_tail = self._dirty_tail or os.fstat(self._fd).st_size != good_end
        return self._fd

    def _cut_tail(self, fd: int) -> None:
        """Cut what stands after the last confirmed line; checked, never below it."""
        size, good_end = os.fstat(fd).st_size, self._confirmed_end()
        if size < good_end:
            # Cut by someone else: truncating would pad it with zeros. Saving
            # stops here; closing still writes everything into the TinyDB file.
            raise OSError(0, f"the journal is shorter ({size} bytes) than what was saved in it ({good_end})")
        if size > good_end:
            os.ftruncate(fd, good_end)
            os.fsync(fd)
            if os.fstat(fd).st_size != good_end:
                raise OSError(0, "the journal could not be cut back to its last saved line")
        self._dirty_tail = False

    def _write_at(self, fd: int, data: bytes, offset: int) -> None:
        os.lseek(fd, offset, os.SEEK_SET)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            if written <= 0:
                raise OSError(0, "nothing written")
            view = view[written:]

    def _after_failure(self) -> None:
        """Try at once to cut what the failed write left (so that a crash
        now cannot bring it back), then let go of the descriptor: the next
        write opens afresh, and cuts the tail first if this did not."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            self._cut_tail(fd)
        except OSError:
            pass  # still marked dirty: the next append cuts it, or fails saying why
        finally:
            try:
                os.close(fd)
            except OSError:
                pass

    def discard_unconfirmed(self) -> None:
        """Cut whatever stands after the last confirmed line (on close, when
        changes could not be saved). Raises JournalWriteFailed if it cannot."""
        if not self._dirty_tail or self._good_end is None:
            return
        try:
            fd = self._open()
            if self._dirty_tail:
                self._cut_tail(fd)
        except (OSError, LinkRefused) as error:
            self._after_failure()
            raise JournalWriteFailed(_reason(error), self.path) from None

    def clear(self) -> None:
        """Forget the journal once its changes are in the TinyDB file."""
        self.close()
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            # Left as it is: its changes are all in the TinyDB file now, and
            # replaying them over it gives the same records.
            return
        self.entries = 0
        self._good_end = 0
        self._dirty_tail = False

    def close(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                os.close(fd)
            except OSError:
                pass
