"""What a killed export leaves behind is removed by the next export to the
same place."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tui.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _store_with_documents(tmp_path: Path, count: int) -> Path:
    source = tmp_path / "in.jsonl"
    body = "Maria Lopez said the bridge would open on Monday. " * 40
    with source.open("w", encoding="utf-8") as out:
        for number in range(count):
            out.write(json.dumps({"id": f"doc-{number}", "text": body, "label": [[0, 11, "PERSON"]]}) + "\n")
    store = tmp_path / "store"
    assert main(["import", "--format", "doccano", str(source), "--store", str(store), "--annotator", "bob"]) == 0
    return store


def _temporaries(folder: Path, name: str) -> list[str]:
    return [n for n in os.listdir(folder) if n.startswith(f".{name}.") and n.endswith(".tmp")]


def _kill_while_writing(argv: list[str], folder: Path, name: str) -> None:
    """Run the command and kill it once it has made a temporary file of its own."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    earlier = set(_temporaries(folder, name))
    for _attempt in range(5):
        process = subprocess.Popen([sys.executable, "-m", "tui", *argv], cwd=folder, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while process.poll() is None and not set(_temporaries(folder, name)) - earlier:
            time.sleep(0.001)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if set(_temporaries(folder, name)) - earlier:
            return
    raise AssertionError("the export always finished before it could be killed")


def test_the_next_export_removes_what_killed_exports_left(tmp_path):
    store = _store_with_documents(tmp_path, 400)
    for out, extra in (("out.jsonl", []), ("brat-out", ["--format", "brat"])):
        argv = ["export", "--store", str(store), "--out", out, *extra]
        _kill_while_writing(argv, tmp_path, out)
        first = _temporaries(tmp_path, out)
        _kill_while_writing(argv, tmp_path, out)  # removes the first's, leaves its own
        assert len(first) == 1 and len(_temporaries(tmp_path, out)) == 1 and first != _temporaries(tmp_path, out)
        # A later process: this one started before the temporaries were made.
        finished = subprocess.run([sys.executable, "-m", "tui", *argv], check=False, cwd=tmp_path, capture_output=True,
                                  text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
        assert finished.returncode == 0, finished.stderr
        assert _temporaries(tmp_path, out) == [] and (tmp_path / out).exists()
        assert "removed 1 temporary file(s)" in finished.stderr


def test_a_temporary_still_being_written_is_left_alone(tmp_path):
    from tui.atomic import atomic_writer, remove_stale_temporaries

    target = tmp_path / "out.jsonl"
    with atomic_writer(target) as handle:
        handle.write("partial")
        [name] = _temporaries(tmp_path, "out.jsonl")
        os.utime(tmp_path / name, (0, 0))  # old, but locked by this write
        assert remove_stale_temporaries(target) == []
    assert target.read_text() == "partial" and _temporaries(tmp_path, "out.jsonl") == []
