"""The status line says what just happened, and never something stale."""

from __future__ import annotations

from .helpers import SIZE, find_phrase, make_app
from .test_attribution_tags import linked_app


def status(app) -> str:
    return app.query_one("#status").render().plain


async def test_extending_a_found_match_says_what_is_selected_now(seed_path, tmp_path):
    app = make_app([seed_path], tmp_path / "s")
    async with app.run_test(size=SIZE) as pilot:
        await find_phrase(pilot, "Christopher")
        assert "found “Christopher”" in status(app)
        await pilot.press("ctrl+shift+right")
        await pilot.pause()
        assert "found" not in status(app)
        assert "selected “Christopher Ghika” (17 characters)" in status(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "selected" not in status(app) and "ready" in status(app)
        await pilot.press("ctrl+q")


async def test_escape_after_a_find_leaves_the_caret_at_the_start_of_the_match(seed_path, tmp_path):
    app = make_app([seed_path], tmp_path / "s")
    async with app.run_test(size=SIZE) as pilot:
        text = app.session.document.text
        await find_phrase(pilot, "Christopher Ghika")
        await pilot.press("escape")
        assert app.article.selection is None
        assert app.article.caret == text.index("Christopher Ghika")
        await pilot.press("p")  # the next label key tags the first word
        assert [s.text for s in app.session.annotations.spans()] == ["Christopher"]
        await pilot.press("ctrl+q")


async def test_brackets_say_which_annotation_and_undo_says_what_was_undone(seed_path, tmp_path):
    app, person, quote, claim = linked_app(seed_path, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "1 of 3: PERSON Christopher Ghika" in status(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "2 of 3: QUOTE “These tactics won’t succeed” — Christopher Ghika" in status(app)
        await pilot.press("t")  # direct -> indirect
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "undone: changing the type of QUOTE “These tactics won’t succeed”" in status(app)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert "redone: changing the type of QUOTE" in status(app)
        await pilot.press("x")  # delete the quote (and its link)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "undone: deleting QUOTE “These tactics won’t succeed”" in status(app)
        await pilot.press("ctrl+q")


async def test_counts_are_in_the_singular_for_one(seed_path, tmp_path):
    app = make_app([seed_path], tmp_path / "s")
    async with app.run_test(size=SIZE) as pilot:
        await find_phrase(pilot, "Ghika")
        await pilot.press("p")
        await pilot.pause()
        assert "alice · 1 annotation  │" in status(app)
        await pilot.press("ctrl+q")


async def test_the_status_line_says_where_the_work_is_saved_on_opening(seed_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app([seed_path], tmp_path / "annotations")
    async with app.run_test(size=SIZE) as pilot:
        assert "saving in annotations/annotators/alice/ ·" in status(app)
        await pilot.press("ctrl+q")
