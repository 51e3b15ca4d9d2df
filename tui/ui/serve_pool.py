"""Warm apps for ``annotty serve --ask-name``: a class that opens the page at
once should not wait for thirty Python processes to start one after another.

Each browser tab gets its own app process (textual-serve's model), and a
process spends about 0.3 s of CPU importing before it draws anything. The
pool keeps a few processes already started and drawn, waiting at the name
prompt: nothing about a reader is decided before the reader types a name
(no annotator, no lock), so any of them can serve any tab. A tab that
arrives takes one and sees its screen at once; the pool starts replacements
in the background once the rush is over, so that they do not compete with
the tabs still starting.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque

from textual_serve.app_service import AppService

#: Size the warm apps are drawn at until their tab says its own.
WARM_WIDTH, WARM_HEIGHT = 100, 30
#: What a waiting app may have drawn before it is taken as misbehaving (its
#: first screen is some tens of kilobytes, and it is idle after that).
HELD_LIMIT = 4 * 2**20
#: Seconds without a tab arriving before replacements start: during a rush
#: the CPU goes to the tabs that arrive.
QUIET_SECONDS = 1.0
#: Seconds a replacement has to draw its first screen before the next starts.
FIRST_SCREEN_SECONDS = 10.0


class WarmApp(AppService):
    """An app process started before its tab: what it sends is held until a
    tab takes it, then replayed, and from then on it goes to the tab."""

    def __init__(self, command: str, download_manager, debug: bool = False) -> None:
        super().__init__(command, write_bytes=self._hold_bytes, write_str=self._hold_str, close=self._hold_close,
                         download_manager=download_manager, debug=debug)
        self._held: list[bytes | str] = []
        self._held_size = 0
        self._drawn = asyncio.Event()
        self.closed = False  # the app asked to close before any tab took it

    async def _hold_bytes(self, data: bytes) -> None:
        self._held.append(data)
        self._held_size += len(data)
        self._drawn.set()

    async def _hold_str(self, text: str) -> None:
        self._held.append(text)
        self._held_size += len(text)

    async def _hold_close(self) -> None:
        self.closed = True

    @property
    def usable(self) -> bool:
        process = self._process
        return (process is not None and process.returncode is None and not self.closed
                and self._held_size <= HELD_LIMIT)

    async def stop(self) -> None:
        """Tell the app to quit, and wait for its process (killed after 5 s)."""
        await super().stop()
        process = self._process
        if process is not None and process.returncode is None:
            try:
                await asyncio.wait_for(process.wait(), 5)
            except TimeoutError:
                process.kill()
                await process.wait()

    async def first_screen(self, timeout: float) -> None:
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._drawn.wait(), timeout)

    async def attach(self, websocket, width: int, height: int) -> None:
        """Give this app to a tab: replay what it drew, then connect it."""
        while self._held:  # what the app draws meanwhile joins the queue
            data = self._held.pop(0)
            if isinstance(data, bytes):
                await websocket.send_bytes(data)
            else:
                await websocket.send_str(data)
        self.remote_write_bytes, self.remote_write_str = websocket.send_bytes, websocket.send_str
        self.remote_close = websocket.close
        if self.closed:
            await websocket.close()
            return
        await self.focus()  # it waited blurred (no cursor blinking into the void)
        await self.set_terminal_size(width, height)


async def start_app(command: str, download_manager, debug: bool, width: int, height: int,
                    starting: asyncio.Semaphore) -> WarmApp:
    """An app started for a tab that found no warm one: it waits its turn
    among the apps starting (one a core), so that in a rush the first tabs
    get their screens first instead of all of them at the end. Raises
    OSError when no file descriptor or process is left."""
    app = WarmApp(command, download_manager, debug)
    async with starting:
        await app.start(width, height)
        try:
            await app.first_screen(FIRST_SCREEN_SECONDS)
        except asyncio.CancelledError:  # the tab went away meanwhile
            await app.stop()
            raise
    return app


class WarmPool:
    """Up to ``size`` started apps waiting for their tabs; they start one at
    a time under ``starting``, shared with the tabs' own starts."""

    def __init__(self, command: str, size: int, download_manager, starting: asyncio.Semaphore,
                 debug: bool = False) -> None:
        self.command, self.size, self._starting_gate = command, size, starting
        self._download_manager, self._debug = download_manager, debug
        self._ready: deque[WarmApp] = deque()
        self._wanted = asyncio.Event()
        self._last_taken = 0.0
        self._task: asyncio.Task | None = None
        self._starting: WarmApp | None = None  # the one being started, stopped if the server stops
        self._closing = False

    def __len__(self) -> int:
        return len(self._ready)

    def start(self) -> None:
        """Fill the pool in the background (call from the running loop)."""
        self._task = asyncio.create_task(self._replenish())
        self._wanted.set()

    def take(self) -> WarmApp | None:
        """A started app for a tab that just arrived, or None (the pool is
        empty: the tab starts its own); the pool refills later."""
        self._last_taken = asyncio.get_running_loop().time()
        self._wanted.set()
        while self._ready:
            app = self._ready.popleft()
            if app.usable:
                return app
            asyncio.create_task(app.stop())
        return None

    async def _replenish(self) -> None:
        loop = asyncio.get_running_loop()
        while not self._closing:
            await self._wanted.wait()
            self._wanted.clear()
            while not self._closing and len(self._ready) < self.size:
                quiet = self._last_taken + QUIET_SECONDS - loop.time()
                if quiet > 0:
                    await asyncio.sleep(quiet)
                    continue
                self._starting = app = WarmApp(self.command, self._download_manager, self._debug)
                async with self._starting_gate:
                    try:
                        await app.start(WARM_WIDTH, WARM_HEIGHT)
                    except OSError:  # no file descriptor or process left: try again when a tab asks
                        self._starting = None
                        break
                    await app.blur()
                    await app.first_screen(FIRST_SCREEN_SECONDS)  # one at a time: tabs keep the CPU
                self._starting = None
                self._ready.append(app)

    async def close(self) -> None:
        """Stop the waiting apps (the server is shutting down)."""
        self._closing = True
        self._wanted.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._starting is not None:
            self._ready.append(self._starting)
        while self._ready:
            await self._ready.popleft().stop()
