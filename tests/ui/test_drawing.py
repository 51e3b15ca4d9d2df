"""The drawing shortcuts (a quick scrollbar, a cached base style) draw
exactly what Textual's own paths would."""

from __future__ import annotations

from textual.geometry import Region
from textual.scrollbar import ScrollBar

from tui.ui.widgets.annotation_list import AnnotationList
from tui.ui.widgets.quick_scrollbar import QuickScrollBar

from .helpers import SIZE, make_app

PARAGRAPH = "Ms Ana Reyes said the council would vote on Tuesday. “We are ready,” she said.\n\n"


def long_article(tmp_path, paragraphs: int = 60):
    path = tmp_path / "long.txt"
    path.write_text("Long article\n\n" + PARAGRAPH * paragraphs, encoding="utf-8")
    return path


def textual_lines(bar: ScrollBar) -> list[str]:
    """What Textual's own scrollbar would draw in the bar's place."""
    bar._dirty_regions.add(bar.region)  # its render cache is filled on demand
    bar._styles_cache.clear()
    return [repr(list(strip)) for strip in ScrollBar.render_lines(bar, Region(0, 0, *bar.size))]


def quick_lines(bar: QuickScrollBar) -> list[str]:
    return [repr(list(strip)) for strip in bar.render_lines(Region(0, 0, *bar.size))]


async def test_the_quick_scrollbar_draws_what_textuals_would(tmp_path):
    app = make_app([long_article(tmp_path)], tmp_path / "store")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = app.article.vertical_scrollbar
        assert isinstance(bar, QuickScrollBar) and bar.display
        seen = set()
        for key in ("home", "pagedown", "pagedown", "end"):
            await pilot.press(key)
            await pilot.pause()
            drawn = quick_lines(bar)
            assert drawn == textual_lines(bar)
            seen.add(tuple(drawn))
        assert len(seen) == 4  # the thumb moved each time, and both drew it there
        bar.mouse_over = True
        await pilot.pause()
        assert quick_lines(bar) == textual_lines(bar)
        before = quick_lines(bar)
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        assert quick_lines(bar) == textual_lines(bar) != before
        assert isinstance(app.sidebar.query_one(AnnotationList).vertical_scrollbar, QuickScrollBar)


async def test_lines_take_the_new_colours_after_a_theme_change(tmp_path):
    app = make_app([long_article(tmp_path, 3)], tmp_path / "store")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article = app.article

        def background() -> object:
            return article.render_line(1)._segments[0].style.bgcolor

        focused = background()
        assert article.base_style == article.rich_style
        await pilot.press("tab")  # focus styles change
        await pilot.pause()
        assert article.base_style == article.rich_style
        await pilot.press("shift+tab")
        await pilot.pause()
        assert article.base_style == article.rich_style
        assert background() == focused
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        assert article.base_style == article.rich_style
        assert background() != focused


def cells(strip) -> list[tuple[str, object]]:
    return [(char, segment.style) for segment in strip for char in segment.text]


async def test_sidebar_rows_draw_as_rich_would(tmp_path):
    """Each row is the described annotation rendered by Rich on the list's
    base style, padded to the width, with the highlight beneath its colours."""
    from rich.text import Text
    from textual.strip import Strip

    from tui.ui.widgets.annotation_list import CURRENT

    app = make_app([long_article(tmp_path, 4)], tmp_path / "store")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for phrase_key in ("p", "q"):  # a person and a quote, with a note on screen
            await pilot.press("right", "s" if phrase_key == "q" else "w", phrase_key)
            await pilot.pause()
            await pilot.press("escape")
        listing = app.sidebar.query_one(AnnotationList)
        await pilot.press("tab", "down")
        await pilot.pause()
        width = listing.scrollable_content_region.width
        base = listing.rich_style
        highlight = listing.get_component_rich_style("annotation-list--highlight")
        drawn_rows = 0
        for y, (span_id, text) in enumerate(listing._rows):
            line = Text(CURRENT if y == listing.highlighted else " ", style="bold")
            line.append_text(listing._describe(span_id) if span_id else (text or Text()))
            line.truncate(width, overflow="ellipsis")
            expected = Strip(list(line.render(app.console))).apply_style(base).crop_extend(0, width, base)
            if y == listing.highlighted:
                expected = expected.apply_style(highlight)
            assert cells(listing.render_line(y)) == cells(expected), y
            drawn_rows += 1
        assert drawn_rows >= 4 and listing.highlighted is not None


async def test_a_long_headline_wraps_and_the_header_grows(tmp_path):
    from tui.ui.widgets.header import ArticleHeader

    folder = tmp_path / "desk"
    folder.mkdir()
    long_headline = "Talks on the harbour strike collapse " * 5
    (folder / "a.txt").write_text(f"{long_headline.strip()}\n\nBody text.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Short headline\n\nBody text.\n", encoding="utf-8")
    app = make_app([folder], tmp_path / "store")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        header = app.query_one(ArticleHeader)
        shown = "".join(header.render_line(y).text for y in range(header.size.height))
        assert header.size.height == 3  # two lines of headline, one of facts
        assert " ".join(shown.split()).startswith(" ".join(long_headline.split()))
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert header.size.height == 2 and header.render_line(0).text.startswith("Short headline")
