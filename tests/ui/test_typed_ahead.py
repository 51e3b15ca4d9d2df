"""Keys typed while the annotations load are kept and applied in order."""

from __future__ import annotations

import time

from tui.loading import find_articles
from tui.schema import DEFAULT_SCHEMA
from tui.store import Store
from tui.ui.app import AnnottyApp
from tui.workspace import Workspace


async def test_keys_typed_while_loading_are_applied_in_order_once_loaded(seed_path, tmp_path):
    await _type_while_loading(seed_path, tmp_path, "enter")


async def test_an_enter_typed_before_the_terminal_went_raw_still_ends_the_find(seed_path, tmp_path):
    """Typed while the program starts, Enter reaches it as a line feed (ctrl+j): the
    terminal turned it into one before the app set it raw."""
    await _type_while_loading(seed_path, tmp_path, "ctrl+j")


async def _type_while_loading(seed_path, tmp_path, enter: str) -> None:
    workspace = Workspace(find_articles([seed_path]), Store(tmp_path / "s"), "alice", DEFAULT_SCHEMA)
    opening = workspace.open

    def slow_open(index):
        time.sleep(1.5)  # a slow disk: the keys below arrive before the annotations
        return opening(index)

    workspace.open = slow_open
    app = AnnottyApp(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", "G", "h", "i", "k", "a", enter, "p")
        assert app._loading  # typed before the annotations were in
        assert len(app.session.annotations) == 0
        await app.workers.wait_for_complete()
        for _ in range(200):
            await pilot.pause(0.02)
            if len(app.session.annotations):
                break
        await app.workers.wait_for_complete()
        await pilot.pause()
        spans = app.session.annotations.spans()
        assert [(s.text, s.label) for s in spans] == [("Ghika", "PERSON")]
        assert not app.session.read_only
        await pilot.press("ctrl+q")


async def test_letters_typed_right_after_slash_go_into_the_find_bar(seed_path, tmp_path):
    """A terminal sends a fast typist's "/Ghika⏎p" at once: the letters must not act as keys on the article."""
    from textual import events

    from .helpers import make_app

    app = make_app([seed_path], tmp_path / "s")
    async with app.run_test(size=(120, 40)) as pilot:
        for key, character in [("slash", "/"), ("G", "G"), ("h", "h"), ("i", "i"), ("k", "k"), ("a", "a"),
                               ("enter", "\r"), ("p", "p")]:
            app.post_message(events.Key(key, character))  # all queued before any is handled
        for _ in range(500):
            await pilot.pause(0.02)
            if len(app.session.annotations):
                break
        assert [(s.text, s.label) for s in app.session.annotations.spans()] == [("Ghika", "PERSON")]
        await pilot.press("ctrl+q")
