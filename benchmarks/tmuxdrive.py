"""Driving real terminal apps in tmux and timing what appears on screen.

A private tmux server (its own socket, no user config, no status bar) runs
for the whole benchmark; each app runs in its own 120x40 session. Screens
are read with ``tmux capture-pane -p`` every ~5 ms.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

POLL = 0.005
COLUMNS, ROWS = 120, 40

_CONF = """\
set -g status off
set -g escape-time 0
set -g history-limit 0
set -g default-terminal "{term}"
set -g remain-on-exit on
"""


class TmuxError(RuntimeError):
    pass


class AppDied(TmuxError):
    """The app in the pane exited; the message holds its last screen."""


def clean_env(pycache: Path) -> dict[str, str]:
    """The environment of the apps: bytecode cached (in a private folder, so
    nothing is written into the repository), as an installed app would run."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("TMUX", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env.pop("TEXTUAL", None)  # no devtools
    env.setdefault("LANG", "C.UTF-8")
    env["COLORTERM"] = "truecolor"
    return env


class Tmux:
    def __init__(self, workdir: Path, env: dict[str, str]):
        self.socket = f"annotty-bench-{os.getpid()}"
        self.env = env
        conf = workdir / "tmux.conf"
        term = (
            "tmux-256color"
            if subprocess.run(["infocmp", "tmux-256color"], check=False, capture_output=True).returncode == 0
            else "screen-256color"
        )
        conf.write_text(_CONF.format(term=term))
        self.conf = conf
        self._count = 0
        # A session that keeps the server up, so that no measurement pays for starting it.
        self._run("new-session", "-d", "-s", "keepalive", "-x", str(COLUMNS), "-y", str(ROWS), "sleep 1000000")
        self.socket_path = self._run("display-message", "-p", "#{socket_path}").stdout.decode().strip()

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(["tmux", "-L", self.socket, "-f", str(self.conf), *args],
                                check=False, capture_output=True, env=self.env)
        if check and result.returncode != 0:
            raise TmuxError(f"tmux {' '.join(args[:3])}: {result.stderr.decode(errors='replace').strip()}")
        return result

    def close(self) -> None:
        self._run("kill-server", check=False)
        if self.socket_path:
            try:
                os.unlink(self.socket_path)
            except OSError:
                pass

    # -- sessions -----------------------------------------------------------
    def launch(self, argv: list[str], cwd: Path, stderr: Path | None = None) -> tuple[str, float]:
        """Start ``argv`` in a new session; returns its name and the start time."""
        self._count += 1
        name = f"b{self._count}"
        command = "exec " + " ".join(_quote(a) for a in argv)
        if stderr is not None:
            command += " 2>" + _quote(str(stderr))
        start = time.perf_counter()
        self._run("new-session", "-d", "-x", str(COLUMNS), "-y", str(ROWS), "-s", name, "-c", str(cwd), command)
        return name, start

    def pid(self, name: str) -> int:
        out = self._run("display-message", "-p", "-t", name, "#{pane_pid}").stdout.decode().strip()
        return int(out)

    def app_pid(self, name: str, needle: str) -> int:
        """The pane's python process: the pane's own process if its command line
        holds ``needle`` (it is exec'd), else the first such descendant."""
        root = self.pid(name)
        for pid in [root, *_descendants(root)]:
            if needle in _cmdline(pid):
                return pid
        raise TmuxError(f"no process with {needle!r} in session {name}")

    def kill(self, name: str, pid: int | None = None, wait: float = 15.0) -> None:
        self._run("kill-session", "-t", name, check=False)
        if pid is None:
            return
        deadline = time.perf_counter() + wait
        while _alive(pid):
            if time.perf_counter() > deadline:
                os.kill(pid, signal.SIGKILL)  # the app we started, by its pid
                time.sleep(0.05)
                break
            time.sleep(0.01)

    def dead(self, name: str) -> bool:
        """Whether the pane's process has exited (panes remain on exit, so
        that its last screen, a traceback say, can be read)."""
        result = self._run("display-message", "-p", "-t", name, "#{pane_dead}", check=False)
        return result.returncode != 0 or result.stdout.decode().strip() == "1"

    def _check_alive(self, name: str, last_check: float) -> float:
        now = time.perf_counter()
        if now - last_check < 0.1:
            return last_check
        if self.dead(name):
            raise AppDied(f"the app in {name} exited; its screen:\n{plain(self.screen(name)).rstrip()}")
        return now

    def send(self, name: str, *keys: str, literal: bool = False) -> None:
        args = ["send-keys", "-t", name]
        if literal:
            args.append("-l")
        self._run(*args, *keys)

    def screen(self, name: str) -> str:
        """The pane's content with its colours and attributes (-e): a caret
        or a highlight that moves is a change even when no text does."""
        return self._run("capture-pane", "-p", "-e", "-t", name).stdout.decode("utf-8", errors="replace")

    # -- waiting --------------------------------------------------------------
    def wait_for(self, name: str, needle: str, timeout: float = 60.0) -> tuple[float, str]:
        """Poll until ``needle`` is on screen; returns (the time it was seen, screen)."""
        deadline = time.perf_counter() + timeout
        checked = time.perf_counter()
        while True:
            tick = time.perf_counter()
            screen = self.screen(name)
            now = time.perf_counter()
            if needle in plain(screen):
                return now, screen
            checked = self._check_alive(name, checked)
            if now > deadline:
                raise TmuxError(f"{needle!r} did not appear in {timeout:.0f}s; screen:\n{plain(screen)}")
            _sleep_rest(tick)

    def wait_stable(self, name: str, settle: float = 0.3, timeout: float = 60.0) -> tuple[float, str]:
        """Poll until the screen has not changed for ``settle`` seconds; returns
        (the time of the last change seen, screen)."""
        screen = self.screen(name)
        changed = time.perf_counter()
        deadline = changed + timeout
        while True:
            tick = time.perf_counter()
            new = self.screen(name)
            now = time.perf_counter()
            if new != screen:
                screen, changed = new, now
            elif now - changed >= settle:
                return changed, screen
            if now > deadline:
                raise TmuxError(f"screen still changing after {timeout:.0f}s")
            _sleep_rest(tick)

    def wait_change(self, name: str, before: str, settle: float = 0.3, timeout: float = 30.0
                    ) -> tuple[float | None, float | None, str]:
        """Poll until the screen differs from ``before``, then until it is stable.
        Returns (first change, last change, screen); the times are None if
        nothing changed within ``timeout``."""
        deadline = time.perf_counter() + timeout
        first = last = None
        screen = before
        checked = time.perf_counter()
        while True:
            checked = self._check_alive(name, checked)
            tick = time.perf_counter()
            new = self.screen(name)
            now = time.perf_counter()
            if new != screen:
                screen, last = new, now
                if first is None:
                    first = now
            elif last is not None and now - last >= settle:
                return first, last, screen
            if now > deadline:
                return first, last, screen
            _sleep_rest(tick)

    def time_key(self, name: str, key: str, settle: float = 0.3, timeout: float = 30.0, literal: bool = False
                 ) -> tuple[float | None, float | None, str]:
        """Press ``key`` on a stable screen: seconds to the first change and to
        the last change (the repaint complete), and the final screen."""
        _, before = self.wait_stable(name, settle)
        start = time.perf_counter()
        self.send(name, key, literal=literal)
        first, last, screen = self.wait_change(name, before, settle, timeout)
        return (None if first is None else first - start, None if last is None else last - start, screen)


_SGR = re.compile(r"\x1b\[[0-9;:]*m")


def plain(screen: str) -> str:
    """A captured screen without its colour and attribute sequences."""
    return _SGR.sub("", screen)


def _sleep_rest(tick: float) -> None:
    rest = POLL - (time.perf_counter() - tick)
    if rest > 0:
        time.sleep(rest)


def _quote(arg: str) -> str:
    import shlex

    return shlex.quote(arg)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def memory_kb(pid: int) -> dict[str, int]:
    """VmHWM (peak resident set) and VmRSS of a process, in kB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            values[key] = int(rest.split()[0])
    return values
