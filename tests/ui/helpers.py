"""Driving the real app as a user would, through Pilot."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tui.ui.app import AnnottyApp
from tui.loading import find_articles
from tui.schema import DEFAULT_SCHEMA
from tui.store import Store
from tui.workspace import Workspace

SIZE = (120, 40)


def make_app(paths: list[Path], store_root: Path, annotator: str = "alice") -> AnnottyApp:
    workspace = Workspace(find_articles(paths), Store(store_root), annotator, DEFAULT_SCHEMA)
    return AnnottyApp(workspace, workspace.open(0))


async def until_loaded(pilot, timeout: float = 60.0) -> None:
    """Wait until the app opened without a session has loaded one: the load
    starts after the first frame, so on a busy machine it may not have begun
    when the test first looks, and a 5 MB article takes seconds."""
    waited = 0.0
    while pilot.app._loading:
        assert waited < timeout, "the article's annotations did not load"
        await pilot.pause(0.05)
        waited += 0.05
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def find_phrase(pilot, phrase: str) -> None:
    """Press /, type the phrase (ASCII by key, the rest pasted), press Enter."""
    await pilot.press("slash")
    await pilot.pause()
    finder = pilot.app.query_one("#find", Input)
    if phrase.isascii() and phrase.replace(" ", "").isalnum():
        await pilot.press(*["space" if c == " " else c for c in phrase])
    else:
        finder.value = phrase
    await pilot.press("enter")
    await pilot.pause()
