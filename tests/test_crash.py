"""Crash safety, proven by killing: writers and exporters are SIGKILLed at
random moments, and what they had confirmed must still be there.

The two kill tests take about 45 s together on two cores: marked ``slow``. The number of kills can be set
with ANNOTTY_CRASH_KILLS and ANNOTTY_EXPORT_KILLS, the random seed with
ANNOTTY_CRASH_SEED (printed in the summary line, to replay a failure).
"""

from __future__ import annotations

import json
import os
import random
import re
import selectors
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tui.loading import read_article
from tui.model import Annotations, Document, make_span
from tui.store import Store, StoreLocked
from tui.text_units import word_at

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_0d67f1ad6aabe61d.txt"
KILLS = int(os.environ.get("ANNOTTY_CRASH_KILLS", "200"))
EXPORT_KILLS = int(os.environ.get("ANNOTTY_EXPORT_KILLS", "20"))
ANNOTATOR = "crash"
#: Above this many spans in its file, the writer deletes as often as it adds.
WRITER_CAP = 300

#: The writer: opens the store, says READY and waits for "go" (so that its
#: start-up overlaps the test's checks of the previous run), then tags,
#: re-notes and deletes as fast as it can through the Session API, and
#: reports each change once its save has returned. Before a delete or an
#: update it announces it ("P ..."), so that the test knows the one change
#: that may be in flight when the kill comes. Now and then it closes and
#: reopens the file (which folds a journal, if the store keeps one, into the
#: JSON file) so that kills land in that rewrite too.
WRITER = r"""
import os, random, sys
from tui.errors import AnnottyError
from tui.schema import DEFAULT_SCHEMA
from tui.session import Session
from tui.store import Store

root, doc_id, annotator, seed, cap = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
rng = random.Random(seed)
store = Store(root)
document = store.load_document(doc_id)
text = document.text
labels = [label.name for label in DEFAULT_SCHEMA.labels]


def say(line):
    os.write(1, (line + "\n").encode())  # one write: a line is whole or absent


def open_session():
    return Session(document, DEFAULT_SCHEMA, store.open(document, annotator))


session = open_session()
say("READY")
if not sys.stdin.readline():
    sys.exit(0)  # the test went away
step = 0
while True:
    step += 1
    spans = session.annotations.spans()
    roll = rng.random()
    if spans and roll < (0.45 if len(spans) > cap else 0.1):
        victim = rng.choice(spans)
        say(f"P D {victim.id}")
        session.delete(victim.id)
        say(f"D {victim.id}")
    elif spans and roll < 0.6:
        victim = rng.choice(spans)
        note = f"n{seed}.{step}"
        say(f"P U {victim.id} {note}")
        session.set_attr(victim.id, "note", note)
        say(f"U {victim.id} {note}")
    else:
        start = rng.randrange(len(text))
        before = len(session.annotations)
        try:
            span = session.tag(start, min(len(text), start + rng.randint(1, 40)), rng.choice(labels))
        except AnnottyError:
            continue  # the selection held no word
        if len(session.annotations) > before:
            say(f"A {span.id}")
    if rng.random() < 0.02:
        session.close()
        session = open_session()
"""


def _articles(count: int) -> list[Document]:
    """Articles made from the bundled sample, shuffled by paragraph."""
    seed_text = read_article(SEED).text
    paragraphs = [p for p in seed_text.split("\n\n") if p.strip()]
    rng = random.Random(11)
    documents = []
    for index in range(count):
        chosen = paragraphs[:]
        rng.shuffle(chosen)
        documents.append(Document(id=f"article{index:03d}", text="\n\n".join(chosen) + "\n", source=f"a{index}.txt"))
    return documents


def _wait_for(proc: subprocess.Popen, marker: bytes, timeout: float) -> bytes:
    """Read the process's output until ``marker`` (or its end)."""
    assert proc.stdout is not None
    got = b""
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    try:
        while marker not in got:
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(left):
                raise AssertionError(f"no {marker!r} after {timeout} s; got {got[-500:]!r}")
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            got += chunk
    finally:
        selector.close()
    return got


def _kill(proc: subprocess.Popen) -> tuple[bytes, bytes, bool]:
    """SIGKILL; the rest of its output; whether it was still running."""
    running = proc.poll() is None
    if running:
        os.kill(proc.pid, signal.SIGKILL)
    out, err = proc.communicate(timeout=30)
    return out, err, running


def _check_files(paths: list[Path]) -> tuple[int, int]:
    """Every JSON file parses; every finished line of a journal parses.
    Returns (JSON files, journals ending in a torn line)."""
    json_files = torn = 0
    for path in sorted(p for p in paths if p.suffix == ".json"):
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except ValueError as error:
            raise AssertionError(f"{path} does not parse after a kill: {error}") from None
        json_files += 1
    for path in sorted(p for p in paths if p.suffix == ".journal"):
        data = path.read_bytes()
        *lines, tail = data.split(b"\n")
        for number, line in enumerate(lines, start=1):
            if line.strip():
                try:
                    json.loads(line)
                except ValueError as error:
                    raise AssertionError(f"{path}:{number} is a damaged finished line: {error}") from None
        torn += bool(tail)
    return json_files, torn


@dataclass
class Model:
    """What must be on disk: confirmed spans with their confirmed note."""

    spans: dict[str, str] = field(default_factory=dict)  # id -> note
    deleted: set[str] = field(default_factory=set)
    pending: tuple[str, ...] | None = None
    added: int = 0
    updated: int = 0
    removed: int = 0

    def feed(self, output: bytes) -> None:
        for raw in output.split(b"\n")[:-1]:  # a last line without "\n" was cut
            words = raw.decode().split()
            if not words or words == ["READY"]:
                continue
            if words[0] == "P":
                self.pending = tuple(words[1:])
            elif words[0] == "A":
                self.spans[words[1]] = ""
                self.added += 1
            elif words[0] == "D":
                self.spans.pop(words[1], None)
                self.deleted.add(words[1])
                self.removed += 1
                self.pending = None
            elif words[0] == "U":
                self.spans[words[1]] = words[2]
                self.updated += 1
                self.pending = None

    def check(self, disk: dict[str, str]) -> list[str]:
        problems = []
        for span_id, note in self.spans.items():
            maybe_deleted = self.pending == ("D", span_id)
            maybe_note = self.pending[2] if self.pending and self.pending[:2] == ("U", span_id) else None
            if span_id not in disk:
                if not maybe_deleted:
                    problems.append(f"lost confirmed span {span_id}")
            elif disk[span_id] not in (note, maybe_note):
                problems.append(f"span {span_id} has note {disk[span_id]!r}, confirmed {note!r}")
        problems += [f"deleted span {span_id} is back" for span_id in self.deleted & disk.keys()]
        return problems


def _reopen(store: Store, document: Document, read_only: bool = False) -> dict[str, str]:
    """Open (for editing: the dead writer's lock must not block) and read."""
    try:
        file = store.open(document, ANNOTATOR, read_only=read_only)
    except StoreLocked:
        raise AssertionError("the killed writer's lock still blocks the store") from None
    try:
        assert file.flagged == [], "spans that no longer match the text"
        return {span.id: span.note for span in file.annotations.spans()}
    finally:
        file.close()


def _leftovers(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.tmp"))


@pytest.mark.slow
def test_kill_writer_at_random_moments(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    seed = int(os.environ.get("ANNOTTY_CRASH_SEED", str(time.time_ns() % 10**9)))
    rng = random.Random(seed)
    root = tmp_path / "store"
    store = Store(root)
    documents = _articles(2)
    for document in documents:
        store.save_document(document)
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    models = {document.id: Model() for document in documents}

    def start(document: Document) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, str(script), str(root), document.id, ANNOTATOR,
             str(rng.randrange(10**9)), str(WRITER_CAP)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
        )

    began = time.monotonic()
    kills = torn_journals = unconfirmed = 0
    proc = start(documents[0])
    try:
        for run in range(KILLS):
            # Two documents take turns: while one's writer is checked after its
            # kill, the other's starts up (it only touches its own files).
            document = documents[run % len(documents)]
            model = models[document.id]
            try:
                head = _wait_for(proc, b"READY\n", timeout=60)
                assert proc.stdin is not None
                proc.stdin.write(b"go\n")
                proc.stdin.flush()
            except BaseException:
                proc.kill()
                raise
            time.sleep(rng.uniform(0.005, 0.1))
            out, err, running = _kill(proc)
            assert running, f"the writer stopped by itself:\n{err.decode()}"
            kills += 1
            proc = start(documents[(run + 1) % len(documents)]) if run + 1 < KILLS else None  # type: ignore[assignment]
            model.feed(head + out)
            folder = store.annotator_path(ANNOTATOR, document.id).parent
            _files, torn = _check_files([*(root / "documents").glob("*.json"), *folder.glob(f"{document.id}.json*")])
            torn_journals += torn
            # Every other check only reads (no lock, nothing folded), so that
            # the next writer opens what the killed one left, journal and all;
            # the next writer's open then proves the lock was released. A torn
            # journal tail is folded away by an open for editing here: what
            # happens when a writer appends after one is pinned down by
            # test_appending_after_a_torn_journal_line below.
            disk = _reopen(store, document, read_only=run % 4 < 2 and not torn)
            problems = model.check(disk)
            assert not problems, f"run {run} (seed {seed}): " + "; ".join(problems[:10])
            unconfirmed += len(disk.keys() - model.spans.keys())
            model.spans = disk  # on disk now, whether it was confirmed or not
            model.pending = None
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.communicate()
    elapsed = time.monotonic() - began
    leftovers = _leftovers(root)
    added = sum(m.added for m in models.values())
    updated = sum(m.updated for m in models.values())
    removed = sum(m.removed for m in models.values())
    stored = sum(len(m.spans) for m in models.values())
    with capsys.disabled():
        print(
            f"\ncrash summary: {kills} kills in {elapsed:.1f} s (seed {seed}); confirmed {added} added, "
            f"{updated} updated, {removed} deleted; lost 0; {unconfirmed} saved but unconfirmed at the kill; "
            f"{stored} spans stored; {torn_journals} torn journal tails; "
            f"{len(leftovers)} temporary files left: {[p.name for p in leftovers[:3]]}"
        )
    assert added > KILLS, "the writer hardly wrote anything before the kills"
    # The only debris a kill may leave is atomic_writer's temporary file.
    for path in leftovers:
        assert path.name.startswith(".") and path.name.endswith(".tmp"), path


def _export_store(root: Path) -> int:
    """A store big enough that exporting it takes a moment; its record count."""
    store = Store(root)
    rng = random.Random(5)
    records = 0
    for document in _articles(120):
        text = document.text
        for annotator in ("ann", "bob"):
            spans = []
            for _ in range(60):
                word = word_at(text, rng.randrange(len(text)))
                if word and not any(s.start == word[0] for s in spans):
                    spans.append(make_span(text, word[0], word[1], "MISC", "entity"))
            store.write_annotations(document, annotator, Annotations(spans))
            records += 1
    return records


def _run_export(root: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tui", "export", "--store", str(root), "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO,
    )


@pytest.mark.slow
def test_kill_export_at_random_moments(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    seed = int(os.environ.get("ANNOTTY_CRASH_SEED", str(time.time_ns() % 10**9)))
    rng = random.Random(seed)
    root = tmp_path / "store"
    expected = _export_store(root)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "export.jsonl"

    def output_state() -> str:
        if not out.exists():
            return "absent"
        lines = out.read_text(encoding="utf-8").splitlines()
        assert len(lines) == expected, f"a partial export: {len(lines)} of {expected} lines"
        for line in lines:
            json.loads(line)
        return "complete"

    # One export to the end, to know how long one takes.
    started = time.monotonic()
    proc = _run_export(root, out)
    _stdout, err = proc.communicate(timeout=120)
    full = time.monotonic() - started
    assert proc.returncode == 0, err.decode()
    assert output_state() == "complete"

    outcomes = {"absent": 0, "complete": 0}
    tmp_left = 0
    for _ in range(EXPORT_KILLS):
        out.unlink(missing_ok=True)
        proc = _run_export(root, out)
        time.sleep(rng.uniform(0.0, full * 1.1))
        _out, err, _running = _kill(proc)
        outcomes[output_state()] += 1
        others = sorted(p.name for p in out_dir.iterdir() if p != out)
        for name in others:
            assert name.startswith(".export.jsonl.") and name.endswith(".tmp"), f"unexpected file {name}"
            (out_dir / name).unlink()
        tmp_left += len(others)
    assert _leftovers(root) == [], "an export wrote into the store"
    with capsys.disabled():
        print(
            f"\nexport crash summary: {EXPORT_KILLS} kills over a {full:.2f} s export of {expected} records "
            f"(seed {seed}): {outcomes['complete']} complete, {outcomes['absent']} absent, 0 partial; "
            f"{tmp_left} kill(s) left a .export.jsonl.*.tmp behind"
        )


#: Opens the store, tags the spans given as start:end pairs, reports their
#: ids, then waits to be killed.
SESSION = r"""
import os, sys
from tui.schema import DEFAULT_SCHEMA
from tui.session import Session
from tui.store import Store

store = Store(sys.argv[1])
document = store.load_document(sys.argv[2])
session = Session(document, DEFAULT_SCHEMA, store.open(document, sys.argv[3]))
for pair in sys.argv[4:]:
    start, end = map(int, pair.split(":"))
    os.write(1, (session.tag(start, end, "MISC").id + "\n").encode())
os.write(1, b"SAVED\n")
sys.stdin.readline()
"""


def test_appending_after_a_torn_journal_line(tmp_path: Path):
    """A kill (or power cut) can tear the journal's last line; the next
    session must not append after the torn bytes, or the line they make is
    damaged in the middle of the journal and the file no longer opens."""
    root = tmp_path / "store"
    store = Store(root)
    document = _articles(1)[0]
    store.save_document(document)
    script = tmp_path / "session.py"
    script.write_text(SESSION, encoding="utf-8")

    def session_killed_after(*pairs: str) -> list[str]:
        proc = subprocess.Popen(
            [sys.executable, str(script), str(root), document.id, ANNOTATOR, *pairs],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        out = _wait_for(proc, b"SAVED\n", timeout=60)
        _rest, err, running = _kill(proc)
        assert running, err.decode()
        return out.decode().split()[:-1]

    words = [m.span() for m in re.finditer(r"\w+", document.text)]
    confirmed = session_killed_after(f"{words[0][0]}:{words[0][1]}")
    journals = list(store.annotator_path(ANNOTATOR, document.id).parent.glob("*.journal"))
    assert journals, "this store keeps no journal; nothing to test"
    with open(journals[0], "ab") as handle:  # what a kill mid-write leaves
        handle.write(b'{"ops": [["span", "storn", {"attrs": {}, "end": 4')
    confirmed += session_killed_after(*(f"{a}:{b}" for a, b in words[2:5]))
    disk = _reopen(store, document)
    assert set(confirmed) <= disk.keys()
