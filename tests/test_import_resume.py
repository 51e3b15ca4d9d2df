"""An import killed part-way completes when run again as it was."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tui.store import Store

REPO = Path(__file__).resolve().parents[1]
NAMES = ["Ann Lee", "Bo Chen", "Zoë Ní Bhriain", "محمد بن سلمان", "東京都"]


def write_corpus(path: Path, documents: int, seed: int = 7) -> None:
    chooser = random.Random(seed)
    with open(path, "w", encoding="utf-8") as handle:
        for number in range(documents):
            text, labels = "", []
            for sentence in range(5):
                name = chooser.choice(NAMES)
                labels.append([len(text), len(text) + len(name), "PERSON"])
                text += f"{name} said item {number}-{sentence} was fine. "
            handle.write(
                json.dumps({"id": f"doc{number:03d}", "text": text, "label": labels}, ensure_ascii=False) + "\n"
            )


def import_command(source: Path, store: Path) -> list[str]:
    return [sys.executable, "-m", "tui", "import", str(source), "--format", "doccano", "--store", str(store)]


def run_import(source: Path, store: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        import_command(source, store), check=False, capture_output=True, text=True, env=env, timeout=300
    )


def contents(root: Path) -> dict:
    """Every document's text and every annotator's annotations on it, whatever their ids."""
    store = Store(root)
    found = {}
    for doc_id in store.document_ids():
        text = store.load_document(doc_id).text
        for annotator in store.annotators():
            annotations, flagged = store.load_annotations(annotator, doc_id, text)
            spans = sorted((s.start, s.end, s.label, s.kind, s.text) for s in annotations.spans())
            found[(doc_id, annotator)] = (text, spans, len(flagged))
    return found


def stored_count(root: Path) -> int:
    folder = root / "annotators"
    return len(list(folder.rglob("*.json"))) if folder.exists() else 0


def test_a_killed_import_run_again_completes_as_if_never_killed(tmp_path):
    source = tmp_path / "in.jsonl"
    write_corpus(source, 120)
    whole = run_import(source, tmp_path / "whole")
    assert whole.returncode == 0, whole.stderr
    expected = contents(tmp_path / "whole")
    assert len(expected) == 120

    target = tmp_path / "resumed"
    chooser = random.Random()
    seed = chooser.randrange(1 << 30)
    chooser.seed(seed)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    kills, partial = 0, []
    for _ in range(4):
        # Kill once a random number of further documents is stored (and a moment more),
        # so that every kill falls inside the import, each at another place.
        target_count = chooser.randrange(stored_count(target) + 1, 120)
        process = subprocess.Popen(import_command(source, target), env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while stored_count(target) < target_count and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(chooser.uniform(0, 0.02))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait()
        partial.append(stored_count(target))
        if partial[-1] >= 119:
            break
    again = run_import(source, target)
    print(f"import kills: {kills} (seed {seed}); documents stored after each: {partial}")
    assert again.returncode == 0, again.stderr
    assert kills >= 1 and "already there as imported, skipped" in again.stderr
    assert contents(target) == expected


def test_an_import_that_differs_from_what_is_stored_is_still_refused(tmp_path):
    source = tmp_path / "in.jsonl"
    write_corpus(source, 3)
    assert run_import(source, tmp_path / "store").returncode == 0
    again = run_import(source, tmp_path / "store")
    assert again.returncode == 0 and "3 already there as imported, skipped" in again.stderr
    lines = source.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[1])
    record["label"][0][2] = "ORG"
    lines[1] = json.dumps(record, ensure_ascii=False)
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    refused = run_import(source, tmp_path / "store")
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1 and "already has other annotations on in-doc001" in refused.stderr
