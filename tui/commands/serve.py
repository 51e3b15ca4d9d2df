"""annotty serve: the same app in a web page, for a class without terminals.

textual-serve (an optional extra) runs one fixed command per browser
connection: the annotty CLI itself, on the articles given here (absolute
paths), with this store and annotator. The page cannot change that command,
and the app opens only the articles of its run, so nothing outside the
given paths can be opened through it.

It binds to 127.0.0.1 unless told otherwise; another address needs
``--public``. In both cases the websocket refuses pages from other origins
(a web site open in the same browser cannot drive the app), and a local-only
server refuses requests addressed to any name but a loopback one (DNS
rebinding).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import ipaddress
import os
import re
import shlex
import socket
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import AnnottyError
from .common import CommandParser, add_store_option, default_annotator, print_lines

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
#: Seconds between the server's pings of a tab; a tab that does not answer
#: within half of it is taken as gone (textual-serve's own is 15).
HEARTBEAT_SECONDS = 4
#: Apps kept started for --ask-name (see tui.ui.serve_pool).
DEFAULT_WARM = 8
MAX_WARM = 200
REFUSED = "\r\nannotty: the server cannot open another session now (too many at once); try again in a minute.\r\n"
MISSING = "textual-serve is not installed: pip install 'annotty[serve]'"


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="annotty serve",
        description="Serve annotty in a web page (one app per browser tab, the same keys as in a terminal). "
        "Only this computer can open it unless --public is given.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="article files (.txt, .md, .jsonl) or folders of them; default: the bundled sample")
    add_store_option(parser)
    parser.add_argument("--annotator", metavar="NAME",
                        help="whose annotations these are (default: your login name); every tab annotates as "
                        "this name, and a second tab on the same article opens read-only")
    parser.add_argument("--ask-name", action="store_true",
                        help="each browser tab asks its reader's name and annotates as them (for a class)")
    parser.add_argument("--protect", metavar="NAME,...",
                        help="names no reader may take (answer keys); the store's recorded answer keys are "
                        "refused too")
    parser.add_argument("--protect-file", metavar="FILE", help="more names to refuse, one a line")
    parser.add_argument("--warm", type=int, metavar="N",
                        help=f"with --ask-name: apps kept started, waiting for their readers, so that a class "
                        f"opening the page at once is not kept waiting (default: {DEFAULT_WARM}; about 45 MB "
                        "each; 0: start each tab's app when it opens)")
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help=f"address to listen on (default: {DEFAULT_HOST}, this computer only)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT})")
    parser.add_argument("--public", action="store_true",
                        help="allow an address other computers can reach: anyone who can reach it can annotate")
    return parser


def is_local(host: str) -> bool:
    """Whether ``host`` (a name or address, as in a URL's host) is this
    computer only: localhost or a loopback address."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def served_command(paths: list[Path], store: Path, annotator: str | None, protected=()) -> str:
    """The shell command textual-serve runs for each browser connection
    (``annotator`` None: each tab asks its reader's name, and refuses the
    ``protected`` names and the store's recorded answer keys).

    It runs in the articles' common folder and names the articles and the
    store relative to it, so that the page (header, messages) never shows
    where they are on the server."""
    base = Path(os.path.commonpath([p.parent for p in paths]))
    who = ["--annotator", annotator] if annotator else ["--ask-name"]
    protect = ["--protect", ",".join(sorted(protected))] if protected else []
    argv = [sys.executable, "-m", "tui", *(os.path.relpath(p, base) for p in paths), *protect,
            "--store", os.path.relpath(store, base), *who]
    return f"cd {shlex.quote(str(base))} && exec {shlex.join(argv)}"


def _check_port_free(host: str, port: int) -> None:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        raise AnnottyError(f"cannot listen on {host!r}: {error.strerror}") from None
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp does
        try:
            probe.bind(address)
        except OSError as error:
            raise AnnottyError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None


def run(args: argparse.Namespace) -> int:
    from ..loading import find_articles
    from ..resources import seed_articles
    from ..schema import DEFAULT_SCHEMA
    from ..store import Store, check_name
    from ..workspace import Workspace

    local = is_local(args.host)
    if not local and not args.public:
        raise AnnottyError(
            f"--host {args.host} can be reached from other computers: add --public to allow it "
            "(anyone who can reach it can annotate)"
        )
    if not 0 < args.port < 65536:
        raise AnnottyError(f"--port {args.port}: give a port between 1 and 65535")
    if args.warm is not None and not args.ask_name:
        # With one annotator a waiting app would open the article (and lock it) before any tab.
        raise AnnottyError("--warm needs --ask-name (apps wait at the name prompt)")
    if args.warm is not None and not 0 <= args.warm <= MAX_WARM:
        raise AnnottyError(f"--warm {args.warm}: give 0 to {MAX_WARM}")
    warm = (DEFAULT_WARM if args.warm is None else args.warm) if args.ask_name else 0
    # Bad input fails here, in one line, before anything is served.
    paths = [p.resolve() for p in find_articles(args.paths)] if args.paths else seed_articles()
    if not paths:
        raise AnnottyError("no article given and no bundled sample found")
    from ..answer_key import protected_names, refuse_protected

    store = Path(args.store).resolve()
    protected = protected_names(store, args.protect, args.protect_file)
    annotator = check_name(args.annotator or default_annotator())
    if not args.ask_name:
        refuse_protected(annotator, protected)
    workspace = Workspace(paths, Store(store), annotator, DEFAULT_SCHEMA)
    workspace.first_readable()  # read the article the app opens first (nothing is written)

    try:
        from textual_serve.server import Server
    except ImportError:
        raise AnnottyError(MISSING) from None

    _check_port_free(args.host, args.port)
    command = served_command(paths, store, None if args.ask_name else annotator, protected)
    shown_host = f"[{args.host}]" if ":" in args.host else args.host
    address = f"http://{shown_host}:{args.port}"
    if local:
        lines = [f"annotty: serving on {address} (local only: only this computer can open it)"]
    else:
        wildcard = args.host in ("0.0.0.0", "::")
        where = f"http://{socket.gethostname()}:{args.port} or this computer's address" if wildcard else address
        lines = [
            f"annotty: serving on {address}; open {where}",
            f"annotty: WARNING: anyone who can reach this address can annotate as {annotator!r} "
            "(there is no password)",
        ]
    count = len(workspace)
    who = "each tab asks its reader's name" if args.ask_name else f"annotator {annotator}"
    lines.append(f"annotty: {count} article{'s' if count != 1 else ''}, {who}, store {store}; Ctrl+C stops")

    class AnnottyServer(Server):
        pool = None
        starting = None  # apps starting at once: one a core

        async def on_startup(self, app) -> None:  # instead of textual-serve's banner
            import asyncio

            asyncio.get_running_loop().set_exception_handler(_one_line_for_resource_errors)
            print_lines(lines)
            self.starting = asyncio.Semaphore(os.cpu_count() or 1)
            if warm:
                from ..ui.serve_pool import WarmPool

                self.pool = WarmPool(self.command, warm, self.download_manager, self.starting, self.debug)
                self.pool.start()

        async def on_shutdown(self, app) -> None:
            if self.pool is not None:
                await self.pool.close()
            await super().on_shutdown(app)

        async def handle_index(self, request):
            refused = _refusal(request, local)
            if refused:
                return refused
            # The page's script and websocket use the address this browser
            # typed (0.0.0.0 or 127.0.0.1 would not work from another computer
            # or name). No await before the base uses it: one request at a time.
            self.public_url = f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

        async def handle_websocket(self, request):
            refused = _refusal(request, local, websocket=True)
            if refused:
                return refused
            return await _drive_app(self, request)

    with tempfile.TemporaryDirectory(prefix="annotty-serve-") as templates:
        server = AnnottyServer(command, host=args.host, port=args.port, title="annotty",
                               templates_path=_page_template(Path(templates)))
        try:
            server.serve()
        except OSError as error:
            raise AnnottyError(f"cannot listen on {args.host}:{args.port}: {error.strerror or error}") from None
    return 0


async def _drive_app(server, request):
    """textual-serve's websocket handler, with a shorter heartbeat: a tab
    whose connection dies without closing (a laptop shut, a network gone) is
    noticed after HEARTBEAT_SECONDS and a half instead of 22.5 s, and its
    app quits, freeing the article's lock for the student's new tab. The
    app is a warm one from the pool when there is one (--ask-name), else one
    started for this tab in its turn (tui.ui.serve_pool)."""
    import asyncio

    from aiohttp import web
    from textual_serve.server import to_int

    from ..ui.serve_pool import start_app

    websocket = web.WebSocketResponse(heartbeat=HEARTBEAT_SECONDS)
    width = to_int(request.query.get("width", "80"), 80)
    height = to_int(request.query.get("height", "24"), 24)
    app_service = None
    try:
        await websocket.prepare(request)
        app_service = server.pool.take() if server.pool is not None else None  # started, at the name prompt
        if app_service is None:
            try:
                app_service = await start_app(server.command, server.download_manager, server.debug,
                                              width, height, server.starting)
            except OSError as error:  # no file descriptor or process left for the app
                _session_refused(error)
                with contextlib.suppress(Exception):
                    await websocket.send_bytes(REFUSED.encode("utf-8"))
                    await websocket.close()
                return websocket
        await app_service.attach(websocket, width, height)
        await server._process_messages(websocket, app_service)
    except asyncio.CancelledError:
        await websocket.close()
    finally:
        if app_service is not None:
            await app_service.stop()
    return websocket


def _one_line_for_resource_errors(loop, context: dict) -> None:
    """asyncio's report of a failed accept (out of file descriptors) is a
    traceback a second; say it in one line instead."""
    error = context.get("exception")
    if isinstance(error, OSError) and error.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
        _session_refused(error)
        return
    loop.default_exception_handler(context)


def _session_refused(error: OSError) -> None:
    """One line on the console for a session that could not start (out of
    file descriptors or processes), instead of a traceback per tab."""
    print(f"annotty: refused a new session: {error.strerror or error} "
          "(raise the limit with 'ulimit -n', or serve fewer tabs)", file=sys.stderr, flush=True)


def _page_template(folder: Path) -> Path | str:
    """textual-serve's page template without its one outside link (a Google
    web font): the students' browsers then fetch nothing but from this
    server, and the page looks the same with the browser's monospace font."""
    import textual_serve

    original = Path(textual_serve.__file__).parent / "templates" / "app_index.html"
    try:
        page = original.read_text(encoding="utf-8")
    except OSError:
        return "./templates"  # textual-serve's default
    page = re.sub(r"<link\b[^>]*\bhref=\"https?://fonts\.googleapis\.com[^>]*>\s*", "", page)
    (folder / original.name).write_text(page, encoding="utf-8")
    return folder


def _refusal(request, local: bool, websocket: bool = False):
    """A 403 response for a request this server must not answer, else None."""
    from aiohttp import web

    host = urlsplit(f"//{request.host}").hostname or ""
    if local and not is_local(host):
        return web.Response(status=403, text="annotty serve: local only\n")
    origin = request.headers.get("Origin")
    if websocket and origin is not None and urlsplit(origin).netloc.lower() != request.host.lower():
        return web.Response(status=403, text="annotty serve: this page may not drive the app\n")
    return None
