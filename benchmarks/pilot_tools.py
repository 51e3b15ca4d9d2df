"""Helpers that run annotty under Textual's Pilot (headless, 120x40):

    python benchmarks/pilot_tools.py calibrate ARTICLE STORE N
        find the keys that, in the sidebar, put the highlight just after the
        Nth annotation row (so that one Up lands on it); prints JSON.

    python benchmarks/pilot_tools.py profile ARTICLE STORE [TOP]
        cProfile of Workspace.open (the core's opening of the article) and of
        the app's first screen under ``App.run_test()``; prints the top costs.

Both build the app the way ``annotty ARTICLE`` does (tui/cli.py run_open).
Run them with the working folder the store's documents were generated in.
"""

from __future__ import annotations

import asyncio
import cProfile
import io
import json
import pstats
import sys
import time
from pathlib import Path

SIZE = (120, 40)
ANNOTATOR = "bench"


def make_app(article: Path, store: Path):
    from tui.ui.app import AnnottyApp
    from tui.schema import DEFAULT_SCHEMA
    from tui.store import Store
    from tui.workspace import Workspace

    workspace = Workspace([article], Store(store), ANNOTATOR, DEFAULT_SCHEMA)
    return workspace, AnnottyApp(workspace, workspace.open(0))


def _annotation_rows(listing) -> list[int]:
    """Indices of the rows that are annotations (not group headings), for
    Textual's OptionList or annotty's own list (rows of (span id, text))."""
    if hasattr(listing, "get_option_at_index"):
        count = listing.option_count
        return [i for i in range(count) if not listing.get_option_at_index(i).disabled]
    rows = getattr(listing, "_rows", None)
    if rows is None:
        raise SystemExit(f"do not know how to read the rows of {type(listing).__name__}")
    return [i for i, row in enumerate(rows) if row[0] is not None]


async def _calibrate(article: Path, store: Path, nth: int) -> dict:
    _workspace, app = make_app(article, store)
    keys: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        keys.append("tab")
        listing = app.focused
        if listing is None or not hasattr(listing, "highlighted"):
            raise SystemExit(f"Tab focused {listing!r}, not a list of annotations")
        rows = _annotation_rows(listing)
        if len(rows) < nth:
            raise SystemExit(f"only {len(rows)} annotation rows, not {nth}")
        target = rows[nth - 1]

        async def press(key: str) -> None:
            keys.append(key)
            await pilot.press(key)

        await press("end")
        start = time.perf_counter()
        step = None  # rows per PageUp, learnt from the first one
        while listing.highlighted is not None and listing.highlighted - (target + 1) >= (step or 1):
            before = listing.highlighted
            await press("pageup")
            if listing.highlighted is None or listing.highlighted >= before:
                break
            step = step or before - listing.highlighted
        while listing.highlighted is not None and listing.highlighted > target + 1:
            await press("up")
        while listing.highlighted is not None and listing.highlighted < target + 1:
            await press("down")
        reached = listing.highlighted
        await press("up")
        landed = listing.highlighted
        await pilot.pause()
        return {
            "keys": keys[:-1], "target_row": target, "reached": reached, "landed": landed,
            "ok": landed == target, "widget": type(listing).__name__, "annotation_rows": len(rows),
            "seconds": time.perf_counter() - start,
        }


def calibrate(article: Path, store: Path, nth: int) -> dict:
    return asyncio.run(_calibrate(article, store, nth))


def _stats_text(profile: cProfile.Profile, top: int, sort: str) -> str:
    """pstats output with paths shortened to ``package/module.py`` (not
    stripped to the bare file name, which would mix up e.g. tui's layout.py
    with textual's)."""
    import os
    import site
    import sysconfig

    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    if sort == "tui":  # annotty's own functions only, by cumulative time
        out.write("annotty's own functions (tui/) only:\n")
        stats.sort_stats("cumulative").print_stats(str(Path(__file__).resolve().parent.parent / "tui"), top)
    else:
        stats.sort_stats(sort).print_stats(top)
    text = out.getvalue()
    prefixes = sorted({*site.getsitepackages(), sysconfig.get_paths()["stdlib"],
                       str(Path(__file__).resolve().parent.parent)}, key=len, reverse=True)
    for prefix in prefixes:
        text = text.replace(prefix.rstrip(os.sep) + os.sep, "")
    return text


def profile(article: Path, store: Path, top: int = 30) -> str:
    report = []
    from tui.schema import DEFAULT_SCHEMA
    from tui.store import Store
    from tui.workspace import Workspace
    import tui.ui.app  # noqa: F401  (imports are profiled by -X importtime, not here)

    workspace = Workspace([article], Store(store), ANNOTATOR, DEFAULT_SCHEMA)
    prof = cProfile.Profile()
    start = time.perf_counter()
    prof.enable()
    session = workspace.open(0)
    prof.disable()
    took = time.perf_counter() - start
    report.append(f"== Workspace.open(0): {took:.3f} s ({len(session.annotations)} annotations)")
    report.append(_stats_text(prof, top, "cumulative"))
    report.append(_stats_text(prof, top, "tottime"))
    session.close()

    from tui.ui.app import AnnottyApp

    workspace = Workspace([article], Store(store), ANNOTATOR, DEFAULT_SCHEMA)
    prof = cProfile.Profile()

    async def first_screen() -> float:
        begin = time.perf_counter()
        prof.enable()
        app = AnnottyApp(workspace, workspace.open(0))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            prof.disable()
            shown = time.perf_counter() - begin
            prof.enable()
            await pilot.press("pagedown")
            await pilot.pause()
            prof.disable()
        return shown

    start = time.perf_counter()
    shown = asyncio.run(first_screen())
    took = time.perf_counter() - start
    report.append(
        f"== open + App.run_test() to the first screen: {shown:.3f} s; with a PageDown and exit: {took:.3f} s"
    )
    report.append(_stats_text(prof, top, "cumulative"))
    report.append(_stats_text(prof, top, "tottime"))
    report.append(_stats_text(prof, top, "tui"))
    return "\n".join(report)


if __name__ == "__main__":
    command, article, store = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    if command == "calibrate":
        print(json.dumps(calibrate(article, store, int(sys.argv[4]))))
    elif command == "profile":
        print(profile(article, store, int(sys.argv[4]) if len(sys.argv) > 4 else 30))
    else:
        raise SystemExit(f"unknown command {command}")
