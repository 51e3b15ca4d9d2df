"""The warm pool of ``serve --ask-name``: it hands out apps already started
(what they drew reaches the tab that takes them) and starts replacements."""

from __future__ import annotations

import asyncio
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="textual-serve is not installed: pip install 'annotty[serve]'")

from textual_serve.download_manager import DownloadManager  # noqa: E402

from tui.ui import serve_pool  # noqa: E402
from tui.ui.serve_pool import WarmPool  # noqa: E402

#: A stand-in for the app that speaks textual-serve's protocol: it says it
#: is ready, draws its process id, and quits when told to.
FAKE_APP = r'''
import json, os, sys
out, inp = sys.stdout.buffer, sys.stdin.buffer
out.write(b"__GANGLION__\n")
screen = b"screen of %d" % os.getpid()
out.write(b"D" + len(screen).to_bytes(4, "big") + screen)
out.flush()
while True:
    head = inp.read(5)
    if len(head) < 5:
        break
    body = inp.read(int.from_bytes(head[1:], "big"))
    if head[:1] == b"M" and json.loads(body)["type"] == "quit":
        break
'''


class Tab:
    """What a browser tab's websocket receives."""

    def __init__(self) -> None:
        self.received: list[bytes] = []

    async def send_bytes(self, data: bytes) -> None:
        self.received.append(data)

    async def send_str(self, text: str) -> None:
        self.received.append(text.encode())

    async def close(self) -> None:
        pass


async def _until(condition, limit: float = 20) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "the pool did not fill"
        await asyncio.sleep(0.02)


def test_the_pool_hands_out_started_apps_and_starts_replacements(tmp_path: Path, monkeypatch):
    fake = tmp_path / "fake_app.py"
    fake.write_text(FAKE_APP, encoding="utf-8")
    command = "exec " + shlex.join([sys.executable, str(fake)])
    monkeypatch.setattr(serve_pool, "QUIET_SECONDS", 0.05)

    async def scenario() -> None:
        pool = WarmPool(command, 2, DownloadManager(), asyncio.Semaphore(1))
        pool.start()
        taken = []
        try:
            await _until(lambda: len(pool) == 2)
            first = pool.take()
            assert first is not None and first.usable
            pid = first._process.pid  # started before any tab asked
            tab = Tab()
            await first.attach(tab, 100, 30)
            taken.append(first)
            assert b"".join(tab.received) == b"screen of %d" % pid  # what it drew before, replayed

            await _until(lambda: len(pool) == 2)  # replaced in the background
            others = [pool.take(), pool.take()]
            taken += others
            pids = {app._process.pid for app in others}
            assert None not in others and pid not in pids and len(pids) == 2
            assert pool.take() is None  # empty until it refills: the tab starts its own app
        finally:
            await pool.close()
            for app in taken:
                await app.stop()
        assert all(app._process.returncode is not None for app in taken)

    asyncio.run(scenario())


@pytest.mark.parametrize("options, said", [
    (["--warm", "2"], "annotty: --warm needs --ask-name (apps wait at the name prompt)"),
    (["--ask-name", "--warm", "-1"], "annotty: --warm -1: give 0 to 200"),
])
def test_a_warm_pool_without_names_or_of_a_bad_size_is_refused_in_one_line(tmp_path, options, said):
    result = subprocess.run([sys.executable, "-m", "tui", "serve", *options, "--store", str(tmp_path / "s")],
                            check=False, capture_output=True, text=True, timeout=60, cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
    assert result.returncode == 1 and result.stderr.strip() == said
