"""Start-up: what waits until after the first frame, and that it does not wait longer."""

from __future__ import annotations

import gc

import pytest

from tui.cli import main
from tui.loading import find_articles
from tui.schema import DEFAULT_SCHEMA
from tui.store import Store
from tui.ui.app import AnnottyApp
from tui.workspace import Workspace

from .helpers import SIZE


@pytest.fixture
def collector_restored():
    yield
    gc.enable()


def test_the_collector_waits_while_the_app_starts(tmp_path, monkeypatch, collector_restored):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.txt").write_text("A short story about Ana.\n")
    seen = []
    monkeypatch.setattr(AnnottyApp, "run", lambda self: seen.append(gc.isenabled()))
    assert main(["story.txt", "--annotator", "maria"]) == 0
    assert seen == [False]
    assert gc.isenabled()  # and collects again once the app is over, whatever happened in it


def test_the_collector_stays_off_if_it_was_off(tmp_path, monkeypatch, collector_restored):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.txt").write_text("A short story about Ana.\n")
    monkeypatch.setattr(AnnottyApp, "run", lambda self: None)
    gc.disable()
    assert main(["story.txt", "--annotator", "maria"]) == 0
    assert not gc.isenabled()


async def test_the_app_collects_again_after_its_first_frame(seed_path, tmp_path, collector_restored):
    workspace = Workspace(find_articles([seed_path]), Store(tmp_path / "s"), "alice", DEFAULT_SCHEMA)
    app = AnnottyApp(workspace)  # as the command starts it, with the collector paused
    gc.disable()
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert gc.isenabled()
        await pilot.press("ctrl+q")
