"""Run a terminal app under ``python -X importtime`` with the import log in a file.

    python -X importtime benchmarks/importtime_wrapper.py LOG SCRIPT [ARGS...]
    python -X importtime benchmarks/importtime_wrapper.py LOG -m MODULE [ARGS...]

``-X importtime`` writes to file descriptor 2, and Textual draws on
``sys.__stderr__``: this moves descriptor 2 to LOG and gives Textual the
terminal on a duplicate descriptor, then runs SCRIPT as ``__main__``.
(Imports done before this file runs — the interpreter's own start-up — stay on
the terminal and are not in LOG; they are the same for every app.)
"""

import os
import runpy
import sys

log, script, *args = sys.argv[1:]
terminal = os.dup(2)
fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
os.dup2(fd, 2)
os.close(fd)
# Open for the life of the process: it is its stderr.
sys.__stderr__ = sys.stderr = open(terminal, "w", encoding="utf-8", errors="backslashreplace", buffering=1)  # noqa: SIM115
if script == "-m":
    module, *args = args
    sys.argv = [module, *args]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
else:
    sys.argv = [script, *args]
    runpy.run_path(script, run_name="__main__")
