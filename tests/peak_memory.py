"""Peak memory of a piece of work, measured in a child process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The child's own high-water mark in KB (ru_maxrss keeps the parent's across exec).
_PEAK = (
    "def peak():\n"
    "    return int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])\n"
)


def run_measuring_peak(code: str, *args: str) -> str:
    """Run ``code`` (which calls ``peak()`` before and after its work and
    prints what it measured) in a fresh interpreter with ``sys.argv[1:] ==
    args``; its standard output. Fails the test on a non-zero exit."""
    result = subprocess.run(
        [sys.executable, "-c", "import sys\n" + _PEAK + code, *args],
        check=False, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout
