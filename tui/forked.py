"""Work split over forked processes: a class of students graded on every core.

``map_forked(work, chunks)`` gives ``[work(chunk) for chunk in chunks]``,
computing the first chunk in this process and each other one in a child
forked for it; a child sends its result back pickled through a pipe. Forking
shares everything already loaded (the answer key, the documents) without
copying or pickling it, so only results travel.

Where a system cannot fork, or a child fails for any reason (killed, an
exception, a result that does not pickle), its chunk is computed here
instead: the result is the same, and an error is raised here, as it would
have been without workers.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable, Sequence
from typing import TypeVar

Chunk = TypeVar("Chunk")
Result = TypeVar("Result")


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    # Only where fork is the usual start: macOS may abort a forked child that
    # touches system frameworks, and Windows has no fork.
    return hasattr(os, "fork") and os.uname().sysname == "Linux"


def split(items: Sequence[Chunk], parts: int) -> list[Sequence[Chunk]]:
    """``items`` in at most ``parts`` contiguous slices of near-equal length, none empty."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    slices, start = [], 0
    for number in range(parts):
        end = start + size + (number < extra)
        slices.append(items[start:end])
        start = end
    return slices


def map_forked(work: Callable[[Chunk], Result], chunks: Sequence[Chunk]) -> list[Result]:
    """``[work(chunk) for chunk in chunks]``, the chunks after the first in forked children."""
    if len(chunks) < 2 or not can_fork():
        return [work(chunk) for chunk in chunks]
    children: list[tuple[int, int] | None] = [None]
    for chunk in chunks[1:]:
        children.append(_start_child(work, chunk))
    try:
        results = [work(chunks[0])]
    except BaseException:
        for child in children[1:]:
            _stop(child)
        raise
    for chunk, child in zip(chunks[1:], children[1:], strict=True):
        sent = _collect(child)
        results.append(work(chunk) if sent is _FAILED else sent)
    return results


_FAILED = object()


def _start_child(work: Callable, chunk) -> tuple[int, int] | None:
    """(pid, read end of its pipe) of a child computing ``work(chunk)``, or None if none could start."""
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child: never returns
        status = 1
        try:
            os.close(read_end)
            data = pickle.dumps(work(chunk), protocol=pickle.HIGHEST_PROTOCOL)
            with open(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        except BaseException:  # the parent computes the chunk itself and reports what goes wrong
            pass
        finally:
            os._exit(status)  # no exit handlers or buffered output of the parent's run twice
    os.close(write_end)  # else the pipe never ends: the next children would inherit it
    return pid, read_end


def _stop(child: tuple[int, int] | None) -> None:
    if child is not None:
        pid, read_end = child
        os.close(read_end)
        try:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except OSError:
            pass


def _collect(child: tuple[int, int] | None):
    """The result a child sent, or ``_FAILED``."""
    if child is None:
        return _FAILED
    pid, read_end = child
    try:
        with open(read_end, "rb") as pipe:
            data = pipe.read()
    finally:
        _, status = os.waitpid(pid, 0)
    if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
        return _FAILED
    try:
        return pickle.loads(data)
    except Exception:
        return _FAILED
