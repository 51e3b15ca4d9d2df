"""A class opening `annotty serve --ask-name` at once, or arriving over time.

Starts the server on a free loopback port (127.0.0.1 only) on the bundled
sample article, opens N websocket sessions the way the page does
(``/ws?width=W&height=H``, then ``["resize", ...]`` and ``["focus"]``) and
measures, per student, the time from connecting until the article's headline
shows in the terminal data (the escape-sequence stream the browser's terminal
draws). Prints the worst and the median, and the peak memory (RSS) of the
server and all its app processes.

    python benchmarks/serve_load.py --students 30                 # all at once
    python benchmarks/serve_load.py --students 30 --over 30       # one a second
    python benchmarks/serve_load.py --students 30 --serve-args="--warm 0"

Bounded: at most 200 students, each given at most --timeout seconds; the
server is stopped at the end whatever happens.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
#: A word of the bundled sample's headline ("Islamic State down to less than
#: 1% of original caliphate: U.S."), as it shows in the terminal data.
HEADLINE_WORD = b"caliphate"
MAX_STUDENTS = 200


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def tree_rss_bytes(root_pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)  # field 4: the parent
        rss[pid] = int(fields[21]) * page  # field 24: resident pages
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


async def wait_for_port(port: int, server: subprocess.Popen, limit: float = 30) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited ({server.returncode})")
        try:
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.1)
    raise SystemExit("the server did not answer within 30 s")


# One simulated student: every figure the load test varies is an argument.
async def student(  # noqa: PLR0917
    session: aiohttp.ClientSession, port: int, delay: float, timeout: float,
                  done: asyncio.Event, finished: list, width: int, height: int) -> float | None:
    """Seconds from connecting until the headline shows (None: never did);
    the tab then stays open until every student has been measured."""
    await asyncio.sleep(delay)
    started = time.monotonic()
    url = f"http://127.0.0.1:{port}/ws?width={width}&height={height}"
    seen: float | None = None
    counted = False
    try:
        async with session.ws_connect(url, origin=f"http://127.0.0.1:{port}") as tab:
            await tab.send_json(["resize", {"width": width, "height": height}])
            await tab.send_json(["focus"])
            tail = b""
            deadline = started + timeout
            while seen is None and time.monotonic() < deadline:
                try:
                    message = await asyncio.wait_for(tab.receive(), deadline - time.monotonic())
                except TimeoutError:
                    break
                if message.type == aiohttp.WSMsgType.BINARY:
                    tail = tail[-len(HEADLINE_WORD):] + message.data
                    if HEADLINE_WORD in tail:
                        seen = time.monotonic() - started
                elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    break
            finished.append(seen)
            counted = True
            if seen is not None:
                # The class stays: every tab keeps its app (reading, so that the
                # server's heartbeat pings are answered) until all are in.
                draining = asyncio.create_task(_drain(tab))
                await done.wait()
                draining.cancel()
    except (aiohttp.ClientError, OSError):
        pass
    if not counted:
        finished.append(seen)
    return seen


async def _drain(tab) -> None:
    while not tab.closed:
        await tab.receive()


async def measure(args: argparse.Namespace) -> int:
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="serve-load-") as scratch:
        command = [sys.executable, "-m", "tui", "serve", "--ask-name", "--store", str(Path(scratch) / "store"),
                   "--port", str(port), *shlex.split(args.serve_args)]
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        with open(Path(scratch) / "serve.log", "wb") as log:
            server = subprocess.Popen(command, cwd=scratch, env=env, stdout=log, stderr=subprocess.STDOUT,
                                      start_new_session=True)
        peak = 0
        try:
            await wait_for_port(port, server)
            await asyncio.sleep(args.settle)  # a server waiting for its class (a warm pool fills)
            idle = tree_rss_bytes(server.pid)
            done = asyncio.Event()
            gap = args.over / args.students if args.over else 0.0
            connector = aiohttp.TCPConnector(limit=0)
            async with aiohttp.ClientSession(connector=connector) as session:
                finished: list = []  # one entry per student measured or given up
                tasks = [asyncio.create_task(student(session, port, i * gap, args.timeout, done, finished,
                                                     args.width, args.height))
                         for i in range(args.students)]
                while len(finished) < args.students:
                    peak = max(peak, tree_rss_bytes(server.pid))
                    await asyncio.sleep(0.25)
                peak = max(peak, tree_rss_bytes(server.pid))
                done.set()
                times = await asyncio.gather(*tasks)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
    seen = sorted(t for t in times if t is not None)
    how = f"over {args.over:g} s" if args.over else "at once"
    print(f"{args.students} students {how} ({args.serve_args or 'default options'}):")
    if seen:
        print(f"  article shown: {len(seen)}/{args.students}; worst {seen[-1]:.2f} s, "
              f"median {statistics.median(seen):.2f} s")
    else:
        print(f"  article shown: 0/{args.students}")
    print(f"  memory (server and its apps): {idle / 2**20:.0f} MB waiting, {peak / 2**20:.0f} MB at the peak")
    return 0 if len(seen) == args.students else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--over", type=float, default=0.0, help="seconds over which they arrive (0: all at once)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a student waits at most")
    parser.add_argument("--settle", type=float, default=5.0, help="seconds the server waits before the class")
    parser.add_argument("--width", type=int, default=120)
    parser.add_argument("--height", type=int, default=36)
    parser.add_argument("--serve-args", default="", help="more options for annotty serve, e.g. '--warm 8'")
    args = parser.parse_args(argv)
    if not 0 < args.students <= MAX_STUDENTS:
        parser.error(f"--students: 1 to {MAX_STUDENTS}")
    return asyncio.run(measure(args))


if __name__ == "__main__":
    sys.exit(main())
