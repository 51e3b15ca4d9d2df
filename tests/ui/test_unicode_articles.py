from __future__ import annotations

import json

from tui.cli import main

from .helpers import SIZE, find_phrase, make_app

CASES = [
    ("小池百合子", "p"),
    ("محمد بن سلمان", "p"),
    ("Renée Dupont", "p"),
    ("Zoë Ní Bhriain", "p"),
    ("Zürich", "l"),
    ("TOKYO", "l"),
]


async def test_tagging_a_crlf_article_with_emoji_cjk_and_rtl(mixed_path, tmp_path, capsys):
    store = tmp_path / "s"
    app = make_app([mixed_path], store)
    async with app.run_test(size=SIZE) as pilot:
        for phrase, key in CASES:
            await find_phrase(pilot, phrase)
            await pilot.press(key)
        # a direct quote whose marks are left out of the span
        await find_phrase(pilot, "“We are ready,”")
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("escape")
        texts = sorted(span.text for span in app.session.annotations.spans())
        # CJK has no spaces: snapping keeps the characters selected, not the whole run
        assert texts == sorted([p for p, _ in CASES] + ["We are ready"])
        await pilot.press("ctrl+q")
    assert main(["export", "--store", str(store)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert "\r" not in record["text"]
    for span in record["spans"]:
        assert record["text"][span["start"]:span["end"]] == span["text"]


async def test_caret_moves_by_grapheme_over_emoji(mixed_path, tmp_path):
    app = make_app([mixed_path], tmp_path / "s")
    async with app.run_test(size=SIZE) as pilot:
        text = app.session.document.text
        await find_phrase(pilot, "cheer")
        await pilot.press("right", "right")  # to the match's end, then over the space
        family = text.index("👩")
        assert app.article.caret == family
        await pilot.press("right")
        assert app.article.caret == family + len("👩‍👩‍👧")


async def test_article_text_that_looks_like_markup_is_shown_as_it_is(tmp_path):
    """Square brackets in an article ([b], [/], [red]) reach the status line,
    the link picker and the note editor as text, never as markup."""
    from textual.widgets import Label

    path = tmp_path / "brackets.txt"
    path.write_text("Brackets\n\nThe filter [/] and [b]bold[/b] said “[red] alert” today.\n", encoding="utf-8")
    app = make_app([path], tmp_path / "store")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await find_phrase(pilot, "[/]")
        status = str(app.query_one("#status").render())
        assert "found “[/]”" in status
        await find_phrase(pilot, "[b]bold[/b]")
        await pilot.press("p")
        await pilot.pause()
        assert "[b]bold[/b]" in str(app.query_one("#status").render())
        await find_phrase(pilot, "[red] alert")
        await pilot.press("q")  # the speaker picker opens, its title quoting the quote
        await pilot.pause()
        titles = [str(label.render()) for label in app.screen.query(Label)]
        assert any("[red] alert" in title for title in titles), titles
        await pilot.press("enter")
        await pilot.pause()
        assert "[b]bold[/b]" in str(app.query_one("#status").render())
        await pilot.press("e")  # the note editor, its title quoting the span
        await pilot.pause()
        titles = [str(label.render()) for label in app.screen.query(Label)]
        assert any("[red] alert" in title for title in titles), titles
