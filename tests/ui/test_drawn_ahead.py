"""The articles either side drawn ahead: ``>`` shows what a fresh drawing
would, and never a screen drawn before the annotations changed."""

from __future__ import annotations

from pathlib import Path

from tui.loading import find_articles
from tui.model import ENTITY, QUOTE, AddSpan, Annotations, make_span
from tui.schema import DEFAULT_SCHEMA
from tui.store import Store
from tui.workspace import Workspace
from tui.ui.widgets.annotation_list import AnnotationList

from .helpers import SIZE, make_app

ARTICLES = [
    "Harbour strike in Tromsø\n\nPort workers walked out on Monday, said Ingrid Olsen. "
    "“We will not go back,” she said. 港湾 talks 🚢 collapsed.\n" * 3,
    "Floods in Kumamoto\n\nRescue teams reached Kumamoto, Sato said. "
    "“The water is still rising,” said Haruto Sato of the city office.\n" * 3,
    "Talks in Beirut\n\nمحمد الأحمد met the envoy on Friday. "
    "“Nothing is agreed,” the envoy said.\r\n" * 3,
]


def annotated_corpus(root: Path, annotator: str = "alice") -> tuple[Path, Path]:
    """Three articles, each with a person and a quote stored by ``annotator``."""
    folder = root / "desk"
    folder.mkdir()
    for number, text in enumerate(ARTICLES):
        (folder / f"{number}.txt").write_bytes(text.encode("utf-8"))
    store_root = root / "store"
    store = Store(store_root)
    workspace = Workspace(find_articles([folder]), store, annotator, DEFAULT_SCHEMA)
    for index in range(len(ARTICLES)):
        document = workspace.document(index)
        text = document.text
        person = ("Ingrid Olsen", "Haruto Sato", "محمد الأحمد")[index]
        quote_start = text.index("“") + 1
        spans = [make_span(text, text.index(person), text.index(person) + len(person), "PERSON", ENTITY),
                 make_span(text, quote_start, text.index("”"), "QUOTE", QUOTE)]
        store.write_annotations(document, annotator, Annotations(spans))
    return folder, store_root


def cells(strip) -> list[tuple[str, object]]:
    return [(char, segment.style) for segment in strip for char in segment.text]


def fresh_article_lines(article) -> list:
    width = article.scrollable_content_region.width
    return [cells(article._draw_line(i, width)) for i in range(min(article.size.height, len(article.layout_lines)))]


def shown_article_lines(article) -> list:
    return [cells(article.render_line(y)) for y in range(min(article.size.height, len(article.layout_lines)))]


def sidebar_rows(listing: AnnotationList, fresh: bool) -> list:
    width = listing.scrollable_content_region.width
    count = min(listing.row_count, listing.scrollable_content_region.height)
    if fresh:
        return [cells(listing._draw_row(listing._rows[i], listing._describe, width, i == listing.highlighted))
                for i in range(count)]
    return [cells(listing.render_line(y)) for y in range(count)]


async def test_the_next_article_is_shown_as_a_fresh_drawing_would_show_it(tmp_path):
    folder, store_root = annotated_corpus(tmp_path)
    app = make_app([folder], store_root)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)  # the articles either side are read and drawn ahead
        drawn = app.article._first_screens.values()
        assert drawn, "nothing was drawn ahead"
        ahead = {key: strip for screen in drawn for key, strip in screen.strips.items()}
        await pilot.press("greater_than_sign")
        await pilot.pause()
        article, listing = app.article, app.sidebar.query_one(AnnotationList)
        assert app.session.document.headline == "Floods in Kumamoto"
        width = article.scrollable_content_region.width
        assert article._cache.get((0, width)) is ahead[(0, width)]  # the line drawn ahead is the one shown
        assert shown_article_lines(article) == fresh_article_lines(article)
        assert sidebar_rows(listing, fresh=False) == sidebar_rows(listing, fresh=True)
        assert any(ch == "H" for ch, _ in sidebar_rows(listing, fresh=False)[1])  # "Haruto Sato" listed
        await pilot.press("greater_than_sign")  # right to left, CRLF
        await pilot.pause()
        assert shown_article_lines(article) == fresh_article_lines(article)
        assert sidebar_rows(listing, fresh=False) == sidebar_rows(listing, fresh=True)


async def test_a_change_made_after_drawing_ahead_is_shown(tmp_path):
    folder, store_root = annotated_corpus(tmp_path)
    app = make_app([folder], store_root)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        # Another session (or the user elsewhere) tags the next headline meanwhile.
        other = Store(store_root)
        document = app.workspace.document(1)
        file = other.open(document, "alice")
        change = AddSpan(make_span(document.text, 10, 18, "LOC", ENTITY))
        change.apply(file.annotations)
        file.persist(change)
        file.close()
        await pilot.press("greater_than_sign")
        await pilot.pause()
        article, listing = app.article, app.sidebar.query_one(AnnotationList)
        assert "Kumamoto" in [s.text for s in app.session.annotations.spans()]
        first_line = shown_article_lines(article)[0]
        assert first_line == fresh_article_lines(article)[0]
        assert first_line[10][1] != first_line[0][1]  # "Kumamoto" in the headline is coloured
        assert sidebar_rows(listing, fresh=False) == sidebar_rows(listing, fresh=True)
        assert app.sidebar.highlighted_span is None


async def test_a_new_article_lists_its_annotations_from_the_top(tmp_path):
    folder, store_root = annotated_corpus(tmp_path)
    app = make_app([folder], store_root)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", "down", "down")
        await pilot.pause()
        listing = app.sidebar.query_one(AnnotationList)
        assert listing.highlighted is not None
        await pilot.press("shift+tab", "greater_than_sign")
        await pilot.pause()
        assert listing.highlighted is None and listing.scroll_offset.y == 0


async def test_a_dialog_opened_at_once_after_switching_is_no_trouble(tmp_path):
    folder, store_root = annotated_corpus(tmp_path)
    app = make_app([folder], store_root)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("greater_than_sign", "question_mark")  # the help, before the neighbours are read
        await pilot.pause(0.3)
        assert app.screen.__class__.__name__ == "HelpScreen"
        await pilot.press("escape", "greater_than_sign")
        await pilot.pause()
        assert app.session.document.headline == "Talks in Beirut"
