"""A web page opened in the app: its article shown clean, the header with
headline, byline, date and address, and a span tagged on it exported at
exactly the offsets of the stored text."""

from __future__ import annotations

import json

import pytest

from tests.news_pages import METRO, NOISE, write_pages
from tui.cli import main
from tui.ui.widgets.header import ArticleHeader

from .helpers import SIZE, find_phrase, make_app

pytest.importorskip("trafilatura")


async def test_tagging_a_web_article_exports_spans_that_match_its_text(tmp_path, capsys):
    write_pages(tmp_path / "desk")
    store = tmp_path / "s"
    app = make_app([tmp_path / "desk" / "metro.html"], store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = app.session.document.text
        assert [noise for noise in NOISE if noise in shown] == []
        header = str(app.query_one(ArticleHeader).render())
        assert "Lantern festival draws record crowds" in header and "2025-02-12" in header and "Mei Lin" in header
        await find_phrase(pilot, "王小明")
        await pilot.press("p")
        await find_phrase(pilot, "نورا الحسيني")
        await pilot.press("p")
        await find_phrase(pilot, "Lunar New Year")
        await pilot.press("m")
        await pilot.pause()
        assert sorted(span.text for span in app.session.annotations.spans()) == [
            "Lunar New Year", "نورا الحسيني", "王小明"]
        await pilot.press("ctrl+q")
    assert main(["export", "--store", str(store)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["text"] == (store / "documents" / "metro.txt").read_text(encoding="utf-8")
    assert "\r" not in record["text"] and "<p>" not in record["text"]
    assert len(record["spans"]) == 3
    for span in record["spans"]:
        assert record["text"][span["start"]:span["end"]] == span["text"]
    assert (store / "originals" / "metro.html").read_bytes() == METRO.encode("utf-8")


async def test_the_header_names_the_address_a_page_was_published_at(tmp_path):
    write_pages(tmp_path / "desk")
    app = make_app([tmp_path / "desk" / "ledger.html"], tmp_path / "s")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        header = str(app.query_one(ArticleHeader).render())
        assert "https://ledger.example/news/2024/03/05/council-library" in header
        assert "Jane Doe" in header
