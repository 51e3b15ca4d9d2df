"""Correct at size: a 5 MB article with 20,000 spans highlights the right
spans on its last page; selection offsets on a CJK and emoji line are exact."""

from __future__ import annotations

from rich.color import Color as RichColor

from tui.ui.app import AnnottyApp
from tui.loading import find_articles
from tui.model import Annotations, make_span
from tui.schema import DEFAULT_SCHEMA
from tui.store import Store
from tui.ui.widgets.article_view import ArticleView
from tui.workspace import Workspace

from .helpers import SIZE, make_app, until_loaded

PARAGRAPH = ("Maj. Gen. Christopher Ghika said the coalition forces near Baghouz had captured “approximately "
             "99.5 percent” of the territory, according to officials in Beirut on Thursday.")


async def test_the_last_page_of_a_5_mb_article_shows_the_right_spans(tmp_path):
    path = tmp_path / "big.txt"
    body = "\n\n".join(f"{PARAGRAPH} Item {n}." for n in range(31_000))
    path.write_text("Big report\n\n" + body + "\n", encoding="utf-8")
    workspace = Workspace(find_articles([path]), Store(tmp_path / "s"), "bench", DEFAULT_SCHEMA)
    document = workspace.document(0)
    assert len(document.text) > 5_000_000
    text = document.text
    spans, start = [], 0
    while len(spans) < 20_000:
        start = text.find("Ghika", start + 1)
        spans.append(make_span(text, start, start + 5, "PERSON", "entity"))
    last = text.rfind("Baghouz")
    spans.append(make_span(text, last, last + 7, "LOC", "entity"))
    workspace.store.write_annotations(document, "bench", Annotations(spans))
    app = AnnottyApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await until_loaded(pilot)
        assert len(app.session.annotations) == 20_001
        await pilot.press("end")
        await pilot.pause()
        article = app.query_one(ArticleView)
        layout = article.layout_lines
        colours = {label.name: RichColor.parse(label.color) for label in DEFAULT_SCHEMA.labels}
        seen = set()
        for y in range(article.scrollable_content_region.height):
            index = article.scroll_offset.y + y
            if index >= len(layout):
                break
            for segment in article.render_line(y):
                if segment.text in ("Ghika", "Baghouz") and segment.style and segment.style.bgcolor:
                    label = "PERSON" if segment.text == "Ghika" else "LOC"
                    expected = colours[label].get_truecolor()
                    assert segment.style.bgcolor.get_truecolor() == expected
                    seen.add(segment.text)
        assert "Baghouz" in seen  # the last span of the article, on its last page
        # the last Ghika of the text is beyond the 20,000th: shown plain
        last_ghika = text.rfind("Ghika")
        assert not app.session.annotations.at(last_ghika)


async def test_a_click_on_a_cjk_and_emoji_line_puts_the_caret_on_the_right_character(mixed_path, tmp_path):
    app = make_app([mixed_path], tmp_path / "s")
    async with app.run_test(size=SIZE) as pilot:
        article = app.query_one(ArticleView)
        text = app.session.document.text
        layout = article.layout_lines
        target = text.index("知事")  # after 東京都の小池百合子: 2 cells per character
        line = layout.line_of(target)
        cells = sum(2 if "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" else 1
                    for c in text[layout.starts[line]:target])
        await pilot.click(article, offset=(cells + 1, line - article.scroll_offset.y))  # +1: padding
        assert article.caret == target
        family = text.index("👩")  # an emoji family (ZWJ): 2 cells, one grapheme
        line = layout.line_of(family)
        before = text[layout.starts[line]:family]
        await pilot.click(article, offset=(len(before) + 1 + 2, line - article.scroll_offset.y))
        assert article.caret == family + len("👩\u200d👩\u200d👧")
        await pilot.press("shift+right")
        start, end = article.selection
        assert text[start:end] == " "
