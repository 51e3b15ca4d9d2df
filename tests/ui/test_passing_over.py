"""Moving on without being stuck: > and < in a folder pass over an article
that cannot be opened, and a read-only article opens for editing by itself
once the session editing it is gone."""

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


async def test_a_read_only_article_opens_for_editing_once_the_other_session_closes(tmp_path):
    import asyncio

    article = tmp_path / "a.txt"
    article.write_text("First headline\n\nMaria Lopez spoke.\n", encoding="utf-8")
    first = make_app([article], tmp_path / "store")
    second = make_app([article], tmp_path / "store")
    assert second.session.read_only and second.session.locked_out
    async with second.run_test(size=SIZE) as pilot:
        await asyncio.sleep(1.5)
        await pilot.pause()
        assert second.session.read_only  # the first is still editing it
        first.session.close()  # it quits, or its browser tab is gone
        await asyncio.sleep(1.5)
        await pilot.pause()
        assert not second.session.read_only  # before: until ctrl+r
        assert "now editing" in str(second.query_one("#status").render())


async def test_a_folder_whose_first_article_is_empty_opens_at_the_next(tmp_path):
    from tui.loading import find_articles
    from tui.schema import DEFAULT_SCHEMA
    from tui.store import Store
    from tui.ui.app import AnnottyApp
    from tui.workspace import Workspace

    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "a.txt").write_text("\n\n", encoding="utf-8")
    (folder / "b.txt").write_text("Second headline\n\nAna Lima spoke.\n", encoding="utf-8")
    workspace = Workspace(find_articles([folder]), Store(tmp_path / "store"), "alice", DEFAULT_SCHEMA)
    start, skipped = workspace.first_readable()  # before: the run stopped at a.txt
    assert start == 1 and [e.message for e in skipped] == ["the article is empty"]
    app = AnnottyApp(workspace, start=start, skipped=skipped)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.index == 1 and app.session.document.headline == "Second headline"
        assert not app.session.read_only
        assert any("a.txt: the article is empty" in str(n.message) for n in app._notifications)
    (folder / "b.txt").write_text("", encoding="utf-8")
    try:
        workspace.first_readable()
    except Exception as error:  # none loads: the first one's error, as before
        assert "a.txt: the article is empty" in str(error)
    else:
        raise AssertionError("no article loads, yet one was found")
