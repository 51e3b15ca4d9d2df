"""The store keeps the file an article was converted from beside the text
it shows: written once, never replaced by a different file silently."""

from __future__ import annotations

import json

import pytest

from tests.news_pages import LEDGER, NITF
from tui.loading import read_article
from tui.model import bytes_sha256
from tui.store import Store

pytest.importorskip("trafilatura")


def _record(store, doc_id):
    return json.loads((store.root / "documents" / f"{doc_id}.json").read_text())["document"]["document"]


def test_a_web_page_is_stored_as_its_text_with_the_page_beside_it(tmp_path, store):
    path = tmp_path / "ledger.html"
    path.write_bytes(LEDGER.encode("utf-8"))
    document = read_article(path)
    store.save_document(document)
    kept = store.root / "originals" / "ledger.html"
    assert kept.read_bytes() == path.read_bytes()
    assert (store.root / "documents" / "ledger.txt").read_text(encoding="utf-8") == document.text
    record = _record(store, "ledger")
    assert record["original"] == "originals/ledger.html"
    assert record["original_sha256"] == bytes_sha256(path.read_bytes())
    assert record["url"] == "https://ledger.example/news/2024/03/05/council-library"
    loaded = store.load_document("ledger")
    assert (loaded.text, loaded.url, loaded.meta) == (document.text, document.url, document.meta)


def test_the_original_is_written_once_and_an_edited_file_keeps_the_one_before(tmp_path, store):
    path = tmp_path / "flood.xml"
    path.write_text(NITF, encoding="utf-8")
    store.save_document(read_article(path))
    kept = store.root / "originals" / "flood.xml"
    first = kept.stat().st_mtime_ns
    store.save_document(read_article(path))  # a second opening
    assert kept.stat().st_mtime_ns == first
    before = path.read_bytes()
    path.write_text(NITF.replace("7.8 metres", "7.9 metres"), encoding="utf-8")
    store.save_document(read_article(path))
    assert kept.read_bytes() == path.read_bytes()
    assert (store.root / "originals" / f"flood.{bytes_sha256(before)[:12]}.xml").read_bytes() == before


def test_an_original_missing_from_an_older_store_is_added_when_opened(tmp_path, store):
    path = tmp_path / "story.md"
    path.write_text("# Headline\n\n**By Jane Doe**\n\nBody text.\n", encoding="utf-8")
    store.save_document(read_article(path))
    (store.root / "originals" / "story.md").unlink()
    Store(store.root).save_document(read_article(path))  # a new session
    assert (store.root / "originals" / "story.md").read_bytes() == path.read_bytes()


def test_a_txt_article_has_no_original_beside_it(tmp_path, store):
    path = tmp_path / "plain.txt"
    path.write_text("Headline\n\nBody.\n", encoding="utf-8")
    store.save_document(read_article(path))
    assert not (store.root / "originals").exists()
    assert "original" not in _record(store, "plain")
