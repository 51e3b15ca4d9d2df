"""Nothing confirmed is lost when the disk fills or fails.

Two ways: every write, fsync and truncate the store makes fails in turn
(ENOSPC or EIO) over a scripted session, and a real full disk (a small
tmpfs, when the tests run as root and may mount one).
"""

from __future__ import annotations

import errno
import os
import re
import subprocess
from pathlib import Path

import pytest

from tui.errors import AnnottyError
from tui.loading import read_article
from tui.schema import DEFAULT_SCHEMA
from tui.session import Session
from tui.store import Store

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_0d67f1ad6aabe61d.txt"
ANNOTATOR = "alice"


class Faults:
    """os.write, os.fsync and os.ftruncate that fail on demand: the call
    numbered ``fail_at`` (counting all three), and every write and fsync
    while ``full`` (the first write writing half its bytes, as a disk
    filling mid-write does)."""

    def __init__(self, monkeypatch, fail_at: int | None = None, code: int = errno.ENOSPC):
        self.calls = 0
        self.fail_at = fail_at
        self.code = code
        self.full = False
        self._half_written = False
        real = {name: getattr(os, name) for name in ("write", "fsync", "ftruncate")}

        def counted(name):
            def call(*args):
                self.calls += 1
                if self.calls == self.fail_at:
                    raise OSError(self.code, os.strerror(self.code))
                if name == "fsync" and self.full:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # delayed allocation fails here
                if name == "write" and self.full:
                    fd, data = args
                    if not self._half_written and len(data) > 1:
                        self._half_written = True
                        return real["write"](fd, bytes(data[: len(data) // 2]))
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                return real[name](*args)
            return call

        for name in real:
            monkeypatch.setattr(os, name, counted(name))

    def disk_full(self, full: bool) -> None:
        self.full = full
        self._half_written = False


def spans_of(annotations) -> set[tuple]:
    return {(s.id, s.start, s.end, s.label) for s in annotations.spans()}


def word_spans(text: str):
    return [(m.start(), m.end()) for m in re.finditer(r"[A-Z][a-z]{3,}", text)]


class Script:
    """Runs changes on a session and keeps what each left in memory, so that
    what must be on disk (the first len(states) - 1 - unsaved changes) is known."""

    def __init__(self, session: Session):
        self.session = session
        self.states = [spans_of(session.annotations)]
        self.refused = 0
        self.words = iter(word_spans(session.document.text))

    def tag(self) -> None:
        start, end = next(self.words)
        self._do(lambda: self.session.tag(start, end, "PERSON"))

    def delete_first(self) -> None:
        spans = self.session.annotations.spans()
        if spans:
            self._do(lambda: self.session.delete(spans[0].id))

    def _do(self, change) -> None:
        before = spans_of(self.session.annotations)
        try:
            change()
        except AnnottyError:
            self.refused += 1  # not applied (what an older annotty did when it could not save)
        after = spans_of(self.session.annotations)
        if after != before:
            self.states.append(after)

    @property
    def unsaved(self) -> int:
        return getattr(self.session, "unsaved", 0)

    def confirmed(self) -> set[tuple]:
        return self.states[len(self.states) - 1 - self.unsaved]


def open_session(store: Store) -> Session:
    document = read_article(SEED)
    store.save_document(document)
    return Session(document, DEFAULT_SCHEMA, store.open(document, ANNOTATOR))


def new_store(root: Path) -> Store:
    store = Store(root)
    store.save_document(read_article(SEED))  # before any fault: the article is not what is tested here
    return store


def crash(session: Session) -> None:
    """End the session as a kill does: no fold, the journal stays."""
    session.file._journal.close()
    session.file._lock.release()


def leave_a_journal(store: Store) -> set[tuple]:
    """An earlier session that ended uncleanly (its journal left behind)."""
    session = open_session(store)
    for start, end in word_spans(session.document.text)[-3:]:
        session.tag(start, end, "ORG")
    kept = spans_of(session.annotations)
    crash(session)
    return kept


def scripted_session(store: Store, faults: Faults, freed: bool = True) -> tuple[Script, str | None]:
    """tag, tag, disk full (tag, delete: both fail), space freed, tag, close
    (or, not ``freed``, close while the disk is still full)."""
    script = Script(open_session(store))
    script.tag()
    script.tag()
    faults.disk_full(True)
    script.tag()
    script.delete_first()
    if freed:
        faults.disk_full(False)
        script.tag()
    try:
        script.session.close()
        report = None
    except AnnottyError as error:
        report = str(error)
    return script, report


def count_calls(tmp_path: Path, monkeypatch, with_journal: bool, freed: bool) -> int:
    store = new_store(tmp_path / "count")
    if with_journal:
        leave_a_journal(store)
    with monkeypatch.context() as patch:
        faults = Faults(patch)
        scripted_session(store, faults, freed)
        return faults.calls


@pytest.mark.parametrize("freed", [True, False], ids=["space freed", "quit while full"])
@pytest.mark.parametrize("with_journal", [False, True], ids=["fresh store", "journal left by a kill"])
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO], ids=["ENOSPC", "EIO"])
def test_every_confirmed_change_survives_a_fault_at_every_call(tmp_path, monkeypatch, with_journal, code, freed):
    calls = count_calls(tmp_path, monkeypatch, with_journal, freed)
    assert calls > 5
    confirmed = lost = 0
    for fail_at in range(1, calls + 2):
        store = new_store(tmp_path / f"run{fail_at}")
        before = leave_a_journal(store) if with_journal else set()
        with monkeypatch.context() as patch:
            faults = Faults(patch, fail_at, code)
            script, report = scripted_session(store, faults, freed)
        assert script.states[0] == before
        reopened = open_session(store)
        found = spans_of(reopened.annotations)
        reopened.close()
        where = f"fault {os.strerror(code)} at call {fail_at} of {calls}; close said: {report}"
        assert found == script.confirmed(), where
        if script.unsaved:
            assert report and f"{script.unsaved} change(s) never saved are lost" in report, where
        assert not list(store.root.rglob("*.tmp")), where
        confirmed += len(script.states) - 1 - script.unsaved
        lost += script.unsaved
    print(f"fault injection ({os.strerror(code)}, {'journal left' if with_journal else 'fresh'}, "
          f"{'space freed' if freed else 'quit while full'}): "
          f"{calls + 1} runs, a fault at each call in turn; {confirmed} changes confirmed, 0 of them lost; "
          f"{lost} never saved, each reported lost on closing")


def test_a_torn_first_line_is_cut_not_left_in_the_middle(tmp_path, monkeypatch):
    """A fresh store whose very first write tears: the later lines must not
    follow it on the same line, or the next open sets the journal aside."""
    store = Store(tmp_path / "annotations")
    faults = Faults(monkeypatch)
    script = Script(open_session(store))
    faults.disk_full(True)
    script.tag()
    faults.disk_full(False)
    for _ in range(5):
        script.tag()
    assert script.unsaved == 0
    crash(script.session)
    monkeypatch.undo()
    reopened = open_session(store)
    assert not reopened.file.set_aside
    assert spans_of(reopened.annotations) == script.states[-1] and len(script.states[-1]) == 6
    reopened.close()


def test_an_older_journal_with_a_torn_line_in_the_middle_still_opens(tmp_path):
    """What an older annotty left: a torn write with the next entry on the same line."""
    store = Store(tmp_path / "annotations")
    session = open_session(store)
    words = word_spans(session.document.text)
    session.tag(*words[0], "PERSON")
    session.tag(*words[1], "PERSON")
    kept = spans_of(session.annotations)
    crash(session)
    journal = session.file.path.with_name(session.file.path.name + ".journal")
    first, second = journal.read_bytes().splitlines(keepends=True)
    journal.write_bytes(first + b'{"ops": [["span", "sx", {"id": "sx", "sta' + second)
    reopened = open_session(store)
    assert not reopened.file.set_aside and spans_of(reopened.annotations) == kept
    reopened.close()


def test_quitting_while_full_keeps_the_confirmed_and_says_where(tmp_path, monkeypatch):
    store = Store(tmp_path / "annotations")
    leave_a_journal(store)
    faults = Faults(monkeypatch)
    script = Script(open_session(store))
    script.tag()
    script.tag()
    path = script.session.file.path
    before = path.read_bytes() if path.exists() else None
    faults.disk_full(True)
    real_fsync = os.fsync

    def full_fsync(fd):  # the fold's rewrite fails too
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    script.tag()
    monkeypatch.setattr(os, "fsync", full_fsync)
    with pytest.raises(AnnottyError) as error:
        script.session.close()
    monkeypatch.setattr(os, "fsync", real_fsync)
    faults.disk_full(False)
    report = str(error.value)
    assert "1 change(s) never saved are lost" in report
    assert "saved change(s) are kept in" in report and ".journal" in report
    assert (path.read_bytes() if path.exists() else None) == before  # the TinyDB file untouched
    reopened = open_session(store)
    assert spans_of(reopened.annotations) == script.states[-2]
    reopened.close()


# -- a real full disk ----------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(mount_point)],
                          check=False, capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount_point
    finally:
        # Lazily if a failing test left a file open on it: it goes once closed.
        if subprocess.run(["umount", str(mount_point)], check=False, capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(mount_point)], check=True)


def fill(folder: Path) -> Path:
    """Fill the disk to the last byte: big writes, then ever smaller ones."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as handle:
        for size in (65536, 4096, 256, 16, 1):
            while True:
                try:
                    handle.write(b"x" * size)
                except OSError as error:
                    assert error.errno == errno.ENOSPC
                    break
    return filler


def tag_until_a_save_fails(script: Script, limit: int = 500) -> None:
    """Appends inside an already allocated page still succeed: go on until one does not."""
    for _ in range(limit):
        script.tag()
        if script.unsaved or script.refused:
            return
    raise AssertionError("the disk never filled")


def session_on_a_full_disk(small_disk):
    """A session after a kill (a journal left), five tags, then the disk
    filled until a save fails: (store, script, the file filling the disk)."""
    store = Store(small_disk / "annotations")
    leave_a_journal(store)
    script = Script(open_session(store))
    for _ in range(5):
        script.tag()
    filler = fill(small_disk)
    tag_until_a_save_fails(script)
    return store, script, filler


def test_a_real_full_disk_loses_nothing(small_disk):
    """The issue's scenario: a kill leaves a journal; the next session tags,
    the disk fills, space is freed, tagging goes on; reopened: all there."""
    store, script, filler = session_on_a_full_disk(small_disk)
    for _ in range(3):
        script.tag()
    assert script.unsaved >= 4 and script.session.save_problem == os.strerror(errno.ENOSPC)
    waiting = script.unsaved
    filler.unlink()
    script.tag()
    assert script.unsaved == 0
    for _ in range(3):
        script.tag()
    shown = spans_of(script.session.annotations)
    script.session.close()
    reopened = open_session(store)
    assert spans_of(reopened.annotations) == shown
    reopened.close()
    print(f"real full disk: {len(shown)} annotations shown, {waiting} of them made while the disk was full; "
          f"{len(shown)} after reopening")


def test_quitting_on_a_real_full_disk_keeps_what_was_saved(small_disk):
    store, script, filler = session_on_a_full_disk(small_disk)
    script.tag()
    lost = script.unsaved
    with pytest.raises(AnnottyError) as error:
        script.session.close()
    report = str(error.value)
    assert f"{lost} change(s) never saved are lost" in report and ".journal" in report
    filler.unlink()
    reopened = open_session(store)
    assert spans_of(reopened.annotations) == script.confirmed()
    reopened.close()
    print(f"real full disk, quit while full: {len(script.confirmed())} saved annotations, all after reopening; "
          f"{lost} never saved, reported lost")


def test_a_journal_cut_short_by_someone_else_is_never_padded(tmp_path):
    """Saving stops (the journal lost saved lines under it); closing still
    writes everything shown into the TinyDB file."""
    store = new_store(tmp_path / "annotations")
    script = Script(open_session(store))
    script.tag()
    script.tag()
    journal = script.session.file._journal.path
    script.session.file._journal.close()
    os.truncate(journal, 10)
    script.tag()
    assert script.unsaved == 1 and "shorter" in script.session.save_problem
    assert journal.stat().st_size == 10
    script.session.close()
    reopened = open_session(store)
    assert spans_of(reopened.annotations) == script.states[-1]
    reopened.close()
