"""annotty serve under strain, driven by a bare websocket client (no
browser): a tab whose connection dies silently, and a server out of file
descriptors."""

from __future__ import annotations

import asyncio
import fcntl
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="textual-serve is not installed: pip install 'annotty[serve]'")
aiohttp = pytest.importorskip("aiohttp")

from tests.test_serve import ARTICLE, _free_port, _port_answers, _wait_for  # noqa: E402


def _serve(tmp_path: Path, *, fd_limit: int | None = None) -> tuple[subprocess.Popen, int, Path]:
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    port = _free_port()
    log = tmp_path / "serve.log"

    def limit() -> None:
        if fd_limit is not None:
            resource.setrlimit(resource.RLIMIT_NOFILE, (fd_limit, fd_limit))

    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "tui", "serve", "story.txt", "--store", "store", "--annotator", "web",
             "--port", str(port)], stdout=out, stderr=subprocess.STDOUT, cwd=tmp_path,
            preexec_fn=limit)  # noqa: PLW1509  the child only calls setrlimit, which takes no lock
    _wait_for(lambda: _port_answers(port) or process.poll() is not None, 20, "annotty serve")
    assert process.poll() is None, log.read_text()
    return process, port, log


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _locked(path: Path) -> bool:
    """Whether an annotty session holds this lock file (flock, as the store takes it)."""
    try:
        with path.open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(handle, fcntl.LOCK_UN)
            return False
    except FileNotFoundError:
        return False


async def _open_tab(session, port: int):
    """A websocket like the page's, that never answers the server's pings."""
    return await session.ws_connect(f"http://127.0.0.1:{port}/ws?width=100&height=30", autoping=False,
                                    origin=f"http://127.0.0.1:{port}")


def test_a_tab_whose_connection_dies_frees_its_article_within_seconds(tmp_path):
    process, port, _log = _serve(tmp_path)
    lock = tmp_path / "store" / "annotators" / "web" / "story.json.lock"

    async def scenario() -> float:
        async with aiohttp.ClientSession() as session:
            tab = await _open_tab(session, port)
            deadline = time.monotonic() + 60
            while not _locked(lock):  # the app opened the article for editing
                assert time.monotonic() < deadline, "the served app never opened the article"
                await asyncio.sleep(0.1)
            gone = time.monotonic()  # from now on the tab is silent: no pong, no keys
            while _locked(lock):
                assert time.monotonic() - gone < 40
                await asyncio.sleep(0.1)
            held = time.monotonic() - gone
            await tab.close()
            return held

    try:
        held = asyncio.run(scenario())
    finally:
        _stop(process)
    # textual-serve's own heartbeat kept it 15 + 7.5 s; ours is 4 + 2 (plus the app's quitting).
    assert held < 12, f"the lock was held {held:.1f} s after the tab fell silent"


def test_out_of_file_descriptors_a_new_tab_is_refused_in_one_line(tmp_path):
    process, port, log = _serve(tmp_path, fd_limit=22)  # room for about two sessions

    async def scenario() -> list[bytes]:
        firsts = []
        async with aiohttp.ClientSession() as session:
            tabs = [await _open_tab(session, port) for _ in range(4)]
            for tab in tabs:
                message = await asyncio.wait_for(tab.receive(), 30)
                firsts.append(message.data if isinstance(message.data, bytes) else b"")
            for tab in tabs:
                await tab.close()
        return firsts

    try:
        firsts = asyncio.run(scenario())
        time.sleep(1)
    finally:
        _stop(process)
    refused = [data for data in firsts if b"cannot open another session" in data]
    assert refused and len(refused) < len(firsts)  # the first tabs got their app
    console = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in console and "Errno" not in console
    assert console.count("annotty: refused a new session: Too many open files") == len(refused)
