"""annotty add: web pages from a local HTTP server (nothing is fetched from
outside) and files, into the store with their originals, never twice."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.news_pages import COURIER, LEDGER, NITF
from tui import corpus_add
from tui.cli import main
from tui.corpus_add import add_to_store
from tui.errors import AnnottyError
from tui.store import Store

pytest.importorskip("trafilatura")

PAGES = {
    "/news/2024/03/05/council-library": ("text/html; charset=utf-8", LEDGER.encode("utf-8")),
    "/business/strike.html": ("text/html", COURIER.encode("utf-8")),
    "/wire/flood": ("application/xml", NITF.encode("utf-8")),
    "/report.pdf": ("application/pdf", b"%PDF-1.4 not a page"),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/business/strike.html")
            self.end_headers()
            return
        if self.path not in PAGES:
            self.send_error(404, "Not Found")
            return
        kind, body = PAGES[self.path]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass  # quiet


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a client that hung up early (the timeout test, an error page read in part)


@pytest.fixture
def site():
    server = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_page_is_added_with_its_text_and_original_and_never_twice(site, tmp_path, capsys):
    store_dir = tmp_path / "annotations"
    url = f"{site}/news/2024/03/05/council-library"
    assert main(["add", url, "--store", str(store_dir)]) == 0
    assert capsys.readouterr().out == f"added council-library “Council votes to reopen library” ({url})\n"
    record = json.loads((store_dir / "documents" / "council-library.json").read_text())["document"]["document"]
    assert record["source"] == url
    assert record["url"] == "https://ledger.example/news/2024/03/05/council-library"  # the page's canonical link
    assert (store_dir / "originals" / "council-library.html").read_bytes() == LEDGER.encode("utf-8")
    text = (store_dir / "documents" / "council-library.txt").read_text(encoding="utf-8")
    assert text.startswith("Council votes to reopen library\nBy Jane Doe\n2024-03-05\n\n")
    assert "troll42" not in text and "We use cookies" not in text
    for name, (start, end, value) in record["meta"].items():
        assert text[start:end] == value, name

    assert main(["add", url, "--store", str(store_dir)]) == 0
    assert capsys.readouterr().out == f"already there: council-library “Council votes to reopen library” ({url})\n"
    assert sorted(p.name for p in (store_dir / "documents").iterdir()) == ["council-library.json",
                                                                          "council-library.txt"]


def test_wire_xml_and_a_redirected_page_are_added(site, tmp_path):
    store = Store(tmp_path / "annotations")
    wire = add_to_store(store, f"{site}/wire/flood")
    assert (wire.doc_id, wire.headline, wire.already_there) == ("flood", "Flood defences hold as river peaks", False)
    assert (store.root / "originals" / "flood.xml").read_bytes() == NITF.encode("utf-8")
    moved = add_to_store(store, f"{site}/moved")
    assert moved.headline == "Harbour strike ends after nine days"
    assert store.load_document(moved.doc_id).meta["dateline"].value == "ABERDEEN"


def test_a_file_is_added_once(tmp_path, capsys):
    page = tmp_path / "desk" / "ledger.html"
    page.parent.mkdir()
    page.write_text(LEDGER, encoding="utf-8")
    store_dir = tmp_path / "annotations"
    assert main(["add", str(page), "--store", str(store_dir)]) == 0
    assert main(["add", str(page), "--store", str(store_dir)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("added ledger “Council votes to reopen library” (")
    assert out[1].startswith("already there: ledger ")
    assert (store_dir / "originals" / "ledger.html").read_bytes() == page.read_bytes()


@pytest.mark.parametrize(("path", "message"), [
    ("/missing", "the server answered HTTP 404 Not Found"),
    ("/report.pdf", "is not a web page nor wire XML (the server says it is application/pdf)"),
])
def test_a_page_that_cannot_be_added_is_one_line_and_the_others_still_are(site, tmp_path, capsys, path, message):
    store_dir = tmp_path / "annotations"
    good = f"{site}/wire/flood"
    assert main(["add", f"{site}{path}", good, "--store", str(store_dir)]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"annotty: {site}{path}: {message}\n"
    assert captured.out.startswith("added flood ")


def test_bad_addresses_slow_servers_and_huge_pages_are_refused(site, tmp_path, monkeypatch):
    store = Store(tmp_path / "annotations")
    with pytest.raises(AnnottyError, match=r"^ftp://example.org/x: is not a web address"):
        add_to_store(store, "ftp://example.org/x")
    records = tmp_path / "items.jsonl"
    records.write_text('{"text": "One article."}\n', encoding="utf-8")
    with pytest.raises(AnnottyError, match=r"items.jsonl: is a file of records"):
        add_to_store(store, str(records))
    with pytest.raises(AnnottyError, match=r"/slow: no answer within 0.3 s$"):
        add_to_store(store, f"{site}/slow", timeout=0.3)
    monkeypatch.setattr(corpus_add, "MAX_PAGE_BYTES", 1000)
    with pytest.raises(AnnottyError, match=r"council-library: is too large"):
        add_to_store(store, f"{site}/news/2024/03/05/council-library")
    assert not (store.root / "documents").exists()
