"""A list of thousands of articles: the table holds the rows around the
current article, and typing narrows it."""

from __future__ import annotations

from textual.widgets import DataTable

from tui.ui.screens import document_list

from .helpers import SIZE, make_app


async def test_a_long_list_shows_the_rows_around_the_current_article(tmp_path, monkeypatch):
    monkeypatch.setattr(document_list, "_MOST_ROWS", 40)
    folder = tmp_path / "desk"
    folder.mkdir()
    for n in range(120):
        (folder / f"story{n:03d}.txt").write_text(f"Story {n:03d}\n\nBody of story {n}.\n", encoding="utf-8")
    app = make_app([folder], tmp_path / "store")
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(90):
            app._switch(app.index + 1)
        await pilot.pause()
        assert app.index == 90
        await pilot.press("ctrl+o")
        await pilot.pause()
        screen = app.screen
        assert screen.query_one(DataTable).row_count == 40
        assert [row.index for row in screen._shown] == list(range(70, 110))  # centred on it
        assert screen._shown[screen.query_one(DataTable).cursor_row].index == 90
        await pilot.press(*"story 005", "enter")
        await pilot.pause()
        assert app.index == 5
