"""Retraining a model beside a running app: ``annotty train`` in a child
process at low priority, so it shares neither the app's interpreter nor its
keys. The model folder is replaced whole when training ends (``annotty
train`` writes beside it, then renames), so the suggester in use is never
half-written."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

#: How long one background training may run: the reader wants the new suggestions soon.
RETRAIN_MINUTES = 3.0


def retrain_in_child(store_root: Path, annotators: list[str], model: str,
                     cancelled: Callable[[], bool]) -> str | None:
    """Train ``model`` again from the store; None when it is done, else what
    went wrong in a line. ``cancelled()`` is asked while it runs: when it
    says so the child is stopped and the old model kept ("cancelled")."""
    # At low priority, so that the reader's keys come first on a busy machine.
    nice = ["nice", "-n", "10"] if shutil.which("nice") else []
    command = [*nice, sys.executable, "-m", "tui", "train", "--store", str(store_root), "--out", model,
               "--max-minutes", str(RETRAIN_MINUTES)]
    for name in annotators:
        command += ["--annotator", name]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors)
        while child.poll() is None:
            if cancelled():
                child.terminate()
                child.wait()
                return "cancelled"
            time.sleep(0.2)
        errors.seek(0)
        said = [line for line in errors.read().splitlines() if line.startswith("annotty: ")]
    if child.returncode != 0:
        return said[-1][len("annotty: "):] if said else f"training stopped (exit {child.returncode})"
    return None
