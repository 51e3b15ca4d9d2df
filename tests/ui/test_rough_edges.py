"""What a first session meets at 80×24 and 120×40: nothing cut, doubled or stale."""

from __future__ import annotations

import pytest

from tui.schema import DEFAULT_SCHEMA
from tui.ui.widgets.key_bar import KeyBar

from .helpers import make_app, until_loaded


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_key_bar_shows_help_and_quit_whole_at_any_width(seed_path, tmp_path, size):
    app = make_app([seed_path], tmp_path / "s")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        shown = bar.render().plain
        assert " ?  Keys" in shown and "^q  Quit" in shown
        assert "…" not in shown  # whole items only
        assert len(shown) <= bar.content_region.width
        await pilot.press("ctrl+q")


@pytest.mark.parametrize("size", [(80, 24), (60, 24), (120, 40)])
async def test_the_legend_never_parts_a_key_from_its_label(seed_path, tmp_path, size):
    app = make_app([seed_path], tmp_path / "s")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        legend = app.sidebar.query_one("#legend")
        lines = [legend.render_line(y).text.strip() for y in range(legend.size.height)]
        shown = " ".join(lines)
        for label in DEFAULT_SCHEMA.labels:
            assert f"{label.key} {label.name}" in shown, (label.key, lines)
        for line in lines:
            assert not any(line.endswith(f" {label.key}") or line == label.key for label in DEFAULT_SCHEMA.labels)
        await pilot.press("ctrl+q")


async def test_the_help_dialogs_first_heading_is_one_line(seed_path, tmp_path):
    app = make_app([seed_path], tmp_path / "s")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        section = app.screen.query(".help-section").first()
        lines = [section.render_line(y).text.strip() for y in range(3)]
        assert lines[0] == "Labels: tag the selection, or the word at the caret"
        await pilot.press("escape", "ctrl+q")


async def test_the_palette_lists_each_command_once_and_suggestion_steps_only_while_reviewing(seed_path, tmp_path):
    app = make_app([seed_path], tmp_path / "s")
    async with app.run_test(size=(120, 40)) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert len(titles) == len(set(titles)), sorted(t for t in titles if titles.count(t) > 1)
        assert "Keys" in titles
        assert not any("suggestion" in title.lower() and title != "Suggestions: step through proposed spans"
                       for title in titles)
        app.suggesting = True
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Accept the suggestion" in titles and "Next suggestion" in titles
        app.suggesting = False
        await pilot.press("ctrl+q")


async def test_a_cp1252_warning_is_shown_once(tmp_path):
    from tui.loading import find_articles
    from tui.store import Store
    from tui.ui.app import AnnottyApp
    from tui.workspace import Workspace

    article = tmp_path / "old.txt"
    article.write_bytes("Caf\xe9 owners said \x93no\x94.\n".encode("latin-1"))
    workspace = Workspace(find_articles([article]), Store(tmp_path / "s"), "alice", DEFAULT_SCHEMA)
    app = AnnottyApp(workspace)  # as the command starts it: the annotations load after the first frame
    async with app.run_test(size=(120, 40)) as pilot:
        await until_loaded(pilot)
        messages = [n.message for n in app._notifications]
        assert len([m for m in messages if "cp1252" in m]) == 1, messages
        await pilot.press("ctrl+q")


async def test_the_compare_views_key_line_shows_its_keys_not_markup(seed_path, tmp_path):
    from tui.ui.app import AnnottyApp

    from .test_compare import build

    _store, workspace, _document = build(seed_path, tmp_path)
    app = AnnottyApp(workspace, workspace.open(0))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+k")
        await pilot.pause()
        keys_line = app.screen.query_one("#compare-keys")
        shown = keys_line.render_line(0).text
        assert " ] [  next / previous difference" in shown and "[/b]" not in shown
        await pilot.press("escape", "ctrl+q")
