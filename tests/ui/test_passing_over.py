"""> and < in a folder pass over an article that cannot be opened."""

from __future__ import annotations

from tests.ui.helpers import SIZE, make_app


async def test_next_and_previous_pass_over_an_empty_article(tmp_path):
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "a.txt").write_text("First headline\n\nMaria Lopez spoke.\n", encoding="utf-8")
    (folder / "b.txt").write_text("   \n\n", encoding="utf-8")
    (folder / "c.txt").write_text("Third headline\n\nAna Lima spoke.\n", encoding="utf-8")
    app = make_app([folder], tmp_path / "store")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("greater_than_sign")  # before: stayed on a.txt, saying b.txt is empty
        await pilot.pause()
        status = str(app.query_one("#status").render())
        assert app.index == 2 and app.session.document.headline == "Third headline"
        assert "skipped" in status and "b.txt: the article is empty" in status
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert app.index == 2 and "no more articles" in str(app.query_one("#status").render())
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert app.index == 0 and "skipped" in str(app.query_one("#status").render())
