"""Speakers and sources drawn in the article after each quote and claim."""

from __future__ import annotations

from tui.ui.widgets.layout import wrap

from .helpers import SIZE, make_app

QUOTE = "These tactics won’t succeed"


def linked_app(seed_path, tmp_path, size=SIZE):
    """The seed with Ghika tagged, a quote linked to him and a claim with a verdict and a note."""
    app = make_app([seed_path], tmp_path / "s")
    session = app.session
    text = session.document.text
    person = session.tag(text.index("Christopher Ghika"), text.index("Christopher Ghika") + 17, "PERSON")
    start = text.index(QUOTE)
    quote = session.tag(start, start + len(QUOTE), "QUOTE")
    session.link(quote.id, person.id)
    claim_start = text.index("intensified its offensive")
    claim = session.tag(claim_start, claim_start + len("intensified its offensive"), "CLAIM")
    session.cycle_verdict(claim.id)
    session.set_attr(claim.id, "note", "checked with the map")
    return app, person, quote, claim


def screen_text(app) -> list[str]:
    article = app.article
    return [article.render_line(y).text for y in range(article.scrollable_content_region.height)]


def test_reserved_cells_wrap_with_their_word_and_take_no_offset():
    text = "aaa bbb ccc ddd"
    layout = wrap(text, 10, {7: 4})  # four cells after "bbb"
    lines = [text[a:b] for a, b in zip(layout.starts, layout.ends, strict=True)]
    assert lines == ["aaa ", "bbb ccc ", "ddd"] or lines[1].startswith("bbb")
    line = layout.line_of(7)
    start = layout.starts[line]
    # the caret on the space after "bbb" is drawn after the four cells
    assert layout.column_of(line, text, 7) == 7 - start + 4
    # a click on the reserved cells lands on the character after them, never inside
    for column in range(3, 7):
        assert layout.offset_at(line, text, column) == 7


async def test_the_speaker_is_drawn_after_the_quote_and_toggled_by_A(seed_path, tmp_path):
    app, person, quote, claim = linked_app(seed_path, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.article.move_caret(quote.start, centre=True)
        await pilot.pause()
        shown = "\n".join(screen_text(app))
        assert "succeed, — Christopher Ghika  dir " in shown
        assert "offensive — ?  ✓   !  ✎" in shown  # no source yet, true, check-worthy, a note
        await pilot.press("A")
        await pilot.pause()
        assert "— Christopher Ghika" not in "\n".join(screen_text(app))
        await pilot.press("A")
        await pilot.pause()
        assert "— Christopher Ghika" in "\n".join(screen_text(app))
        await pilot.press("ctrl+q")


async def test_offsets_and_selection_stay_exact_with_tags_shown(seed_path, tmp_path):
    app, person, quote, claim = linked_app(seed_path, tmp_path, size=(80, 24))
    async with app.run_test(size=(80, 24)) as pilot:
        article = app.article
        text = app.session.document.text
        after = text.index(" ", quote.end)  # the tag is drawn before this space
        article.move_caret(after - 1)
        await pilot.press("right")
        assert article.caret == after  # one step over the last letter: the tag takes no offset
        await pilot.press("right")
        assert article.caret == after + 1
        await pilot.press("left", "left")
        assert article.caret == after - 1
        # extend the selection across the tag: one character a key, as elsewhere
        article.move_caret(after - 3)
        await pilot.press("shift+right", "shift+right", "shift+right", "shift+right")
        start, end = article.selection
        assert text[start:end] == "ed, "
        # up then down comes back to the same offset on the tagged line
        line = article.layout_lines.line_of(after + 1)
        article.move_caret(after + 1)
        await pilot.press("down", "up")
        assert article.caret == after + 1
        assert article.layout_lines.line_of(article.caret) == line
        # a click on the tag's cells puts the caret after it, never inside the text of the tag
        await pilot.pause()
        y = line - article.scroll_offset.y
        column = article.layout_lines.column_of(line, text, after)
        await pilot.click(article, offset=(column - 3 + 1, y))  # +1: the view's padding
        assert article.caret == after
        await pilot.press("ctrl+q")


async def test_the_caret_on_a_speaker_marks_the_quotes_attributed_to_it(seed_path, tmp_path):
    app, person, quote, claim = linked_app(seed_path, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        article = app.article
        article.move_caret(quote.start - 20)
        await pilot.pause()
        assert article.related == frozenset()
        article.move_caret(person.start + 2)
        await pilot.pause()
        assert article.related == {quote.id}
        article.move_caret(claim.start)
        await pilot.pause()
        assert article.related == frozenset()
        assert "checked with the map" in app.query_one("#status").render().plain  # the note, on demand
        await pilot.press("ctrl+q")


async def test_tags_in_cjk_and_emoji_lines_keep_every_offset_reachable(mixed_path, tmp_path):
    """Wide characters take the general wrapping path: the tag's cells are reserved there too."""
    app = make_app([mixed_path], tmp_path / "s")
    session = app.session
    text = session.document.text
    speaker = session.tag(text.index("小池百合子"), text.index("小池百合子") + 5, "PERSON")
    quote = session.tag(text.index("準備は整った"), text.index("準備は整った") + 6, "QUOTE")
    session.link(quote.id, speaker.id)
    zoe = session.tag(text.index("Zoë Ní Bhriain"), text.index("Zoë Ní Bhriain") + 14, "PERSON")
    ready = session.tag(text.index("We are ready"), text.index("We are ready") + 12, "QUOTE")
    session.link(ready.id, zoe.id)
    async with app.run_test(size=(60, 24)) as pilot:
        article = app.article
        await pilot.pause()
        shown = "\n".join(screen_text(app))
        assert "— 小池百合子" in shown and "— Zoë Ní Bhriain" in shown
        # → visits every grapheme boundary of the CJK line in order, the tag never in the way
        line_start = text.index("TOKYO")
        line_end = text.index("\n", line_start)
        article.move_caret(line_start)
        visited = [article.caret]
        while article.caret < line_end:
            await pilot.press("right")
            visited.append(article.caret)
        assert visited == list(range(line_start, line_end + 1)), str(visited)
        # each caret column is where its character is drawn: the text before it plus any tag before it
        layout = article.layout_lines
        for offset in (quote.end - 1, quote.end, quote.end + 1):
            line = layout.line_of(offset)
            assert layout.offset_at(line, article._display, layout.column_of(line, article._display, offset)) == offset
        await pilot.press("ctrl+q")
