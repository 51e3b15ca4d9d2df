"""Web pages open as their article: navigation, adverts, scripts, comments,
cookie banners and related articles left out; headline, byline, date and
address in the header; offsets into exactly the text that is shown."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.news_pages import LEDGER, NOISE, write_pages
from tui.cli import main
from tui.errors import AnnottyError
from tui.folder_check import check_articles
from tui.loading import find_articles, read_article

pytest.importorskip("trafilatura")


def _header_points_into_the_text(document) -> None:
    for name, field in document.meta.items():
        assert document.text[field.start:field.end] == field.value, name


def test_three_news_sites_open_as_clean_articles(tmp_path):
    expected = write_pages(tmp_path / "desk")
    paths = find_articles([tmp_path / "desk"])
    assert sorted(p.name for p in paths) == sorted(expected)
    for path in paths:
        document = read_article(path)
        want = expected[path.name]
        assert [noise for noise in NOISE if noise in document.text] == [], path.name
        assert "<" not in document.text and "{" not in document.text, path.name
        assert document.headline == want["headline"], path.name
        assert document.meta["byline"].value == want["byline"], path.name
        assert document.date == want["date"], path.name
        assert document.url == want["url"], path.name
        for sentence in want["body"]:
            assert sentence in document.text, (path.name, sentence)
        if "dateline" in want:
            assert document.meta["dateline"].value == want["dateline"]
        _header_points_into_the_text(document)
        assert "\r" not in document.text
        assert document.original is not None and document.original.suffix == path.suffix


def test_the_headline_is_shown_once_and_the_text_starts_with_the_header(tmp_path):
    path = tmp_path / "ledger.html"
    path.write_text(LEDGER, encoding="utf-8")
    text = read_article(path).text
    assert text.startswith("Council votes to reopen library\nBy Jane Doe\n2024-03-05\n\nThe city council")
    assert text.count("Council votes to reopen library") == 1
    path.write_text(LEDGER.replace("<h1>Council votes to reopen library</h1>",
                                   "<h1>COUNCIL VOTES TO REOPEN LIBRARY</h1>"), encoding="utf-8")
    assert "COUNCIL VOTES" not in read_article(path).text  # the page's heading in capitals: the same headline


def test_a_page_in_a_legacy_encoding_is_read_as_it_declares(tmp_path):
    page = LEDGER.replace('<meta charset="utf-8">', '<meta charset="windows-1252">').replace(
        "Ayse Yilmaz", "René Lévêque")
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("cp1252"))
    assert "René Lévêque" in read_article(path).text


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the article is empty"),
    (b"\x00\x01\x02binary" * 50, "binary"),
    (b"<html><head><title>x</title><script>var a = 1;</script></head><body></body></html>", "no article text"),
])
def test_a_page_without_an_article_is_one_line_naming_the_file(tmp_path, content, message):
    path = tmp_path / "bad.html"
    path.write_bytes(content)
    with pytest.raises(AnnottyError) as raised:
        read_article(path)
    assert message in str(raised.value) and str(path) in str(raised.value)
    assert "\n" not in str(raised.value)


def test_without_trafilatura_a_page_says_what_to_install_and_the_folder_still_opens(tmp_path, monkeypatch, capsys):
    write_pages(tmp_path / "desk")
    (tmp_path / "desk" / "plain.txt").write_text("Plain story\n\nBody text here.\n", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if not installed: importing it fails
    assert main([str(tmp_path / "desk" / "ledger.html")]) == 1
    assert capsys.readouterr().err == (f"annotty: {tmp_path / 'desk' / 'ledger.html'}: is a web page; opening web "
                                       "pages needs trafilatura: pip install 'annotty[web]'\n")
    with pytest.raises(AnnottyError) as raised:
        read_article(tmp_path / "desk" / "ledger.html")
    assert str(raised.value) == (f"{tmp_path / 'desk' / 'ledger.html'}: is a web page; opening web pages needs "
                                 "trafilatura: pip install 'annotty[web]'")
    report = check_articles(find_articles([tmp_path / "desk"]))
    assert [p.name for p in report.readable] == ["plain.txt"]
    assert sorted(Path(p).name for p, _error in report.problems) == ["courier.htm", "ledger.html", "metro.html"]
    assert report.warning().count("pip install 'annotty[web]'") == 3


def test_a_page_that_names_no_address_has_none(tmp_path):
    page = "\n".join(line for line in LEDGER.splitlines() if "canonical" not in line and "og:url" not in line)
    path = tmp_path / "saved.html"
    path.write_text(page, encoding="utf-8")
    document = read_article(path)
    assert document.url == "" and "url" not in document.export_meta()
    assert document.headline == "Council votes to reopen library"
