"""annotty serve: the app in a web page, driven in a real browser.

The browser test starts ``annotty serve`` as a subprocess, opens the page in
Debian's chromium through Playwright (no browser is downloaded), and checks
the app through its effects: what the server sends the page, the screenshot,
and the annotation in the store. It skips only when playwright, chromium or
textual-serve is missing; ``.ci/run`` installs all three.
"""

from __future__ import annotations

import base64
import http.client
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.store import Store

CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
HEADLINE = "Harbour bridge opens to traffic after four years"
ARTICLE = (
    f"{HEADLINE}\n\n"
    "By Jane Roe\n\n"
    "PORTO - The new bridge over the harbour opened on Monday, the city said.\n\n"
    "“It took four years, but it is ours,” said Mayor Ana Lima.\n"
)
# Spaces and a quote in the paths: the served command must be quoted.
DOC_ID = "bridge-story"
READY = "ready: select text"  # the status line once the annotations have loaded
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def _wait_for(condition, timeout: float, what: str, page=None):
    """Poll ``condition`` until it returns something true; fail after ``timeout``
    s. With a Playwright ``page``, wait through it: the sync API delivers its
    events (the websocket frames) only while it is called."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        if page is not None:
            page.wait_for_timeout(50)
        else:
            time.sleep(0.05)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _port_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture
def browser_tools():
    """Playwright's sync API and Debian's chromium, or a skip saying what is missing."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install playwright")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.skip("chromium is not installed: apt-get install chromium")
    return sync_api, chromium


class Served:
    """``annotty serve`` running as a subprocess on a free port."""

    def __init__(self, tmp_path: Path, who: tuple[str, ...] = ("--annotator", "web")):
        folder = tmp_path / "class articles"
        folder.mkdir()
        self.article = folder / "bridge story.txt"
        self.article.write_text(ARTICLE, encoding="utf-8")
        self.store = tmp_path / "store 'b'"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = tmp_path / "serve.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tui", "serve", str(self.article), "--store", str(self.store),
                 *who, "--port", str(self.port)],
                stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path,
            )

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_until_up(self) -> None:
        def up() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"annotty serve exited with {self.process.returncode}:\n{self.output()}")
            return _port_answers(self.port)

        _wait_for(up, 20, f"annotty serve to answer on port {self.port}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@pytest.fixture
def served(tmp_path):
    pytest.importorskip("textual_serve", reason="textual-serve is not installed: pip install 'annotty[serve]'")
    server = Served(tmp_path)
    try:
        server.wait_until_up()
        yield server
    finally:
        server.stop()


def test_annotating_in_the_browser_reaches_the_store(browser_tools, served, tmp_path):
    sync_api, chromium = browser_tools
    out = served.output()
    assert f"serving on http://127.0.0.1:{served.port}" in out and "local only" in out

    received: list[str] = []  # what the server sent the page: the app's output
    outside: list[str] = []  # requests to anywhere but the server (must be none)

    def on_websocket(websocket) -> None:
        def on_frame(payload) -> None:
            if isinstance(payload, bytes):
                payload = payload.decode("utf-8", errors="replace")
            received.append(payload)

        websocket.on("framereceived", on_frame)

    def screen_text() -> str:
        return _ANSI.sub("", "".join(received))

    def route(request_route) -> None:
        if request_route.request.url.startswith(served.url.rstrip("/")):
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.set_default_timeout(20_000)
            page.route("**/*", route)
            page.on("websocket", on_websocket)
            page.goto(served.url)

            # The terminal is running: the app stored the article it opened,
            # and its first screen came (the headline is shown once it is mounted).
            document = served.store / "documents" / f"{DOC_ID}.json"
            _wait_for(document.exists, 30, f"the app to open the article ({document})", page)
            _wait_for(lambda: HEADLINE in screen_text(), 30, "the headline in the page", page)
            # The annotations load after the first frame: a key pressed before is refused.
            _wait_for(lambda: READY in screen_text(), 30, "the annotations loaded", page)

            # Focus the terminal (its keyboard input) without a mouse click,
            # which would move the caret; with no selection `p` tags the word
            # at the caret, the article's first.
            page.locator(".xterm-helper-textarea").focus()
            page.keyboard.press("p")

            text = (served.store / "documents" / f"{DOC_ID}.txt").read_text(encoding="utf-8")

            def spans():
                annotations, _unmatched = Store(served.store).load_annotations("web", DOC_ID, text)
                return annotations.spans()  # the journal replayed

            found = _wait_for(spans, 15, "the PERSON span in the store", page)
            assert [(s.label, s.start, s.end, s.text) for s in found] == [("PERSON", 0, 7, "Harbour")]

            # The page shows the app: the screenshot is not blank.
            shot = page.screenshot()
            (tmp_path / "serve.png").write_bytes(shot)
            colours = page.evaluate(
                """async (data) => {
                    const image = new Image();
                    image.src = "data:image/png;base64," + data;
                    await image.decode();
                    const canvas = document.createElement("canvas");
                    canvas.width = image.width; canvas.height = image.height;
                    const context = canvas.getContext("2d");
                    context.drawImage(image, 0, 0);
                    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
                    const seen = new Set();
                    for (let i = 0; i < pixels.length; i += 4 * 3)
                        seen.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
                    return seen.size;
                }""",
                base64.b64encode(shot).decode("ascii"),
            )
            assert colours > 8, f"the screenshot looks blank ({colours} colours): {tmp_path / 'serve.png'}"

            # ctrl+q quits the app, which folds the journal into the store file.
            page.keyboard.press("Control+q")
            journal = served.store / "annotators" / "web" / f"{DOC_ID}.json.journal"
            stored = served.store / "annotators" / "web" / f"{DOC_ID}.json"
            _wait_for(lambda: not journal.exists() and stored.exists() and "Harbour" in stored.read_text("utf-8"),
                      15, "the app to quit and save", page)
        finally:
            browser.close()
    assert outside == [], "the page fetched something from outside the server"
    assert served.process.poll() is None, served.output()


def _request(port: int, path: str, headers: dict[str, str]) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def test_other_sites_cannot_drive_the_app(served):
    port = served.port
    upgrade = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
               "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}
    assert _request(port, "/", {"Host": f"127.0.0.1:{port}"}) == 200
    assert _request(port, "/", {"Host": f"localhost:{port}"}) == 200
    # DNS rebinding: a page of another site that resolves to this computer.
    assert _request(port, "/", {"Host": f"evil.example:{port}"}) == 403
    # A page of another site opening the app's websocket.
    assert _request(port, "/ws", {**upgrade, "Host": f"127.0.0.1:{port}", "Origin": "http://evil.example"}) == 403
    assert not (served.store / "documents").exists()  # no app was started


def _serve(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", "serve", *args],
                          check=False, capture_output=True, text=True, timeout=60, cwd=cwd)


def test_a_non_local_host_needs_public(tmp_path):
    result = _serve("--host", "0.0.0.0", "--store", str(tmp_path / "store"), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "--public" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not (tmp_path / "store").exists()


def test_a_missing_article_fails_before_serving(tmp_path):
    missing = tmp_path / "missing.txt"
    result = _serve(str(missing), "--port", str(_free_port()), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"annotty: {missing}: no such file or folder\n"
    assert result.stdout == ""  # nothing was served


def test_without_textual_serve_one_line_names_the_extra(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code = ("import sys; sys.modules['textual_serve'] = None; from tui.cli import main; "
            f"sys.exit(main(['serve', {str(article)!r}, '--port', '{_free_port()}']))")
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert result.returncode == 1
    assert result.stderr == "annotty: textual-serve is not installed: pip install 'annotty[serve]'\n"


async def test_each_tab_can_ask_its_readers_name(tmp_path):
    from tui.ui.app import AnnottyApp
    from tui.commands.serve import served_command
    from tui.loading import find_articles
    from tui.schema import DEFAULT_SCHEMA
    from tui.workspace import Workspace

    command = served_command([Path("/srv/class/a b.txt"), Path("/srv/class/x/c.txt")], Path("/s"), None)
    assert command.startswith("cd /srv/class && exec ") and command.endswith(
        "'a b.txt' x/c.txt --store ../../s --ask-name"
    )
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    workspace = Workspace(find_articles([article]), Store(tmp_path / "s"), "placeholder", DEFAULT_SCHEMA)
    app = AnnottyApp(workspace, ask_name=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"a/b", "enter")  # not a valid name: says why, stays
        assert "annotator name" in str(app.screen.query_one("#problem").render())
        app.screen.query_one("#name").value = "Maria Lopez"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session.annotator == "Maria-Lopez" and not app.session.read_only


def _children(pid: int) -> list[str]:
    with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as listing:
        return listing.read().split()


@pytest.mark.parametrize("warm", ["0", "2"])
def test_with_ask_name_each_tab_annotates_as_its_reader(browser_tools, tmp_path, warm):
    """With a warm pool, the tab gets an app started before it (waiting at
    the name prompt), and the name typed still decides whose annotations
    these are; without one, the tab starts its own."""
    pytest.importorskip("textual_serve", reason="textual-serve is not installed: pip install 'annotty[serve]'")
    sync_api, chromium = browser_tools
    server = Served(tmp_path, ("--ask-name", "--warm", warm))
    received: list[str] = []

    def on_websocket(websocket) -> None:
        websocket.on("framereceived", lambda payload: received.append(
            payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else payload))

    try:
        server.wait_until_up()
        # The pool starts its apps one after another, each once the previous has drawn.
        _wait_for(lambda: len(_children(server.process.pid)) >= int(warm), 30, "the warm apps")
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.on("websocket", on_websocket)
                page.goto(server.url)
                _wait_for(lambda: "Your name" in _ANSI.sub("", "".join(received)), 30, "the name prompt", page)
                page.wait_for_timeout(500)
                before_name = _ANSI.sub("", "".join(received))
                # Neither the server's login nor where its files are reach the page.
                assert "type your name to begin" in before_name and "READ-ONLY" not in before_name
                assert str(tmp_path) not in before_name and "bridge story.txt" in before_name
                page.locator(".xterm-helper-textarea").focus()
                page.keyboard.type("maria")
                page.keyboard.press("Enter")
                document = server.store / "documents" / f"{DOC_ID}.json"
                _wait_for(document.exists, 30, "the app to open the article", page)
                _wait_for(lambda: HEADLINE in _ANSI.sub("", "".join(received)), 30, "the headline", page)
                _wait_for(lambda: READY in _ANSI.sub("", "".join(received)), 30, "the annotations loaded", page)
                page.keyboard.press("p")
                text = (server.store / "documents" / f"{DOC_ID}.txt").read_text(encoding="utf-8")
                found = _wait_for(
                    # A lambda: the store is read anew on each try.
                    lambda: Store(server.store).load_annotations("maria", DOC_ID, text)[0].spans(),  # noqa: PLW0108
                    15,
                    "maria's span in the store", page,
                )
                assert [s.text for s in found] == ["Harbour"]
            finally:
                browser.close()
    finally:
        server.stop()
