"""The decisions of an adjudication, kept in the store beside the gold set
they produced (``adjudications/<into>.json``) so that a reviewer who quits
halfway resumes where they stopped. The gold annotator's own file holds only
the result; this record holds what was decided, kept spans and dropped ones
alike, in the order decided."""

from __future__ import annotations

import contextlib
from pathlib import Path
from collections.abc import Iterator

from ..atomic import write_atomically
from ..errors import AnnottyError
from .storage import dump_json, read_json_file

RECORD_VERSION = 1


class DecisionRecord:
    def __init__(self, path: Path):
        self.path = path

    def exists(self) -> bool:
        return self.path.exists()

    def read(self) -> tuple[list[str], list[dict]] | None:
        """The annotators adjudicated and the decisions (dicts) in the order made; None if none yet."""
        if not self.path.exists():
            return None
        data = read_json_file(self.path)
        if data is None:
            return None
        try:
            if data.get("version", RECORD_VERSION) > RECORD_VERSION:
                raise AnnottyError("decisions written by a newer annotty", self.path)
            annotators = [str(name) for name in data["annotators"]]
            decisions = list(data["decisions"])
        except (KeyError, TypeError, AttributeError):
            raise AnnottyError("decisions record is malformed", self.path) from None
        return annotators, decisions

    def write(self, annotators: list[str], decisions: list[dict]) -> None:
        write_atomically(self.path, dump_json(
            {"version": RECORD_VERSION, "annotators": annotators, "decisions": decisions}
        ))

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Held while a session decides: a second one would write over its decisions."""
        from filelock import FileLock, Timeout

        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(f"{self.path}.lock", timeout=0, thread_local=False)
        try:
            lock.acquire()
        except Timeout:
            raise AnnottyError("another annotty session is adjudicating into this annotator", self.path) from None
        try:
            yield
        finally:
            lock.release()

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)
