"""Feedback pages: ``annotty grade --report DIR`` writes one self-contained
HTML page per student (and with --all an index), read here as text and
opened in headless Chromium."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tui.cli import main
from tui.metrics import grade
from tui.metrics.explain import MISTAKES, mistakes
from tui.metrics.report import student_page
from tui.model import Annotations, Document, Relation, Span
from tui.store import Store

# A hostile article: markup, a closing style tag, an entity, a script, CRLF, CJK, RTL and emoji.
HOSTILE = ("<script>alert('x')</script> Christopher Ghika told </style><b>reporters</b>: “We will win &amp; "
           "hold.”\r\nThe monitor said 30 people died in 東京 near محمد بن سلمان 👩‍👩‍👧. Reuters said so.")


def sp(span_id: str, sub: str, label: str, kind: str = "entity", cut: int = 0, attrs=None) -> Span:
    start = HOSTILE.index(sub)
    end = start + len(sub) + cut
    return Span(span_id, start, end, label, kind, HOSTILE[start:end], attrs or {})


def cue(text: str) -> dict:
    start = HOSTILE.index(text)
    return {"start": start, "end": start + len(text), "text": text}


QUOTE = "“We will win &amp; hold.”"
KEY = Annotations(
    [sp("p", "Christopher Ghika", "PERSON"), sp("q", QUOTE, "QUOTE", "quote", attrs={"cue": cue("told")}),
     sp("m", "The monitor", "ORG"), sp("c", "30 people died", "CLAIM", "claim"), sp("t", "東京", "LOC"),
     sp("r", "Reuters", "ORG"), sp("a", "محمد بن سلمان", "PERSON")],
    [Relation("r1", "q", "p", "SPEAKER"), Relation("r2", "c", "m", "SOURCE")])
# Every kind of mistake once: a wrong label, an inexact name, a wrong speaker,
# a wrong source, a missed name and an extra tag on the markup.
STUDENT = Annotations(
    [sp("s1", "Christopher Ghika", "PERSON"), sp("s2", QUOTE, "QUOTE", "quote"), sp("s3", "The monitor", "PERSON"),
     sp("s4", "30 people died", "CLAIM", "claim"), sp("s5", "東京", "LOC"), sp("s6", "Reuters", "ORG", cut=-1),
     sp("s7", "<b>reporters</b>", "MISC")],
    [Relation("r3", "s2", "s6", "SPEAKER"), Relation("r4", "s4", "s1", "SOURCE")])


@pytest.fixture
def class_store(tmp_path: Path) -> Path:
    store = Store(tmp_path / "store")
    document = Document("hostile", HOSTILE)
    store.write_annotations(document, "teacher", KEY)
    store.write_annotations(document, "maria", STUDENT)
    store.write_annotations(document, "lee", KEY)
    return tmp_path / "store"


class _Reader(HTMLParser):
    """What a page holds: its text, its tags and their attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.article = ""  # the article's text, without the tags set after marks
        self._in_article = 0
        self._in_sup = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        self._in_sup = self._in_sup or tag == "sup"
        if self._in_article:
            self._in_article += tag == "div"
        elif tag == "div" and attrs.get("class") == "article":
            self._in_article = 1

    def handle_endtag(self, tag):
        self._in_sup = self._in_sup and tag != "sup"
        if self._in_article and tag == "div":
            self._in_article -= 1

    def handle_data(self, data):
        self.text.append(data)
        if self._in_article and not self._in_sup:
            self.article += data


def read_page(path: Path) -> _Reader:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader


def test_the_page_lists_every_mistake_escapes_the_article_and_loads_nothing(class_store, tmp_path, capsys):
    out = tmp_path / "feedback"
    assert main(["grade", "--store", str(class_store), "--gold", "teacher", "--annotator", "maria",
                 "--report", str(out)]) == 0
    page = out / "maria.html"
    assert sorted(p.name for p in out.iterdir()) == ["maria.html"]
    source = page.read_text(encoding="utf-8")
    reader = read_page(page)
    tags = [tag for tag, _attrs in reader.tags]
    # Self-contained: no script, nothing fetched, no link out of the page.
    assert "script" not in tags and not {"img", "link", "iframe", "object", "embed"} & set(tags)
    hrefs = [attrs["href"] for tag, attrs in reader.tags if tag == "a"]
    assert hrefs and all(href.startswith("#") for href in hrefs)
    assert not re.search(r"(?i)https?:|src=|url\(|@import", source)
    assert source.count("<script") == 0 and source.count("</style>") == 1
    # The article reads as it is (code points unchanged, its markup shown as text) inside the marks and tags.
    text = "".join(reader.text)
    assert "<script>alert('x')</script>" in text and "<b>reporters</b>" in text and "&amp;" in text
    plain = reader.article
    for piece in HOSTILE.replace("\r\n", "\n").split("\n"):
        assert all(word in plain for word in piece.split())
    # Every mistake is listed with its explanation, and marked on the article.
    found = mistakes(grade({"hostile": KEY}, {"hostile": STUDENT}).documents["hostile"])
    assert sorted(m.outcome for m in found) == sorted(MISTAKES)
    items = [attrs["id"] for tag, attrs in reader.tags if tag == "li" and "id" in attrs]
    assert len(items) == len(found)
    for mistake in found:
        assert mistake.explanation in text
    assert "the speaker of this quote is Christopher Ghika: the cue is 'told' before it; you linked Reuter" in text
    assert "the key labels it ORG; you labelled it PERSON" in text
    classes = " ".join(attrs.get("class", "") for _tag, attrs in reader.tags)
    for outcome in ("matched", *MISTAKES):
        assert f"o-{outcome.replace(' ', '-')}" in classes
    # The score table: the key's and the student's counts
    assert "Feedback for maria" in text and "exact F1" in text


def test_a_class_gets_a_page_each_and_an_index(class_store, tmp_path, capsys):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email\nmaria,m@x\nlee,l@x\nAna Bo,a@x\n", encoding="utf-8")
    out = tmp_path / "feedback"
    assert main(["grade", "--store", str(class_store), "--gold", "teacher", "--all", "--roster", str(roster),
                 "--report", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "lee.html", "maria.html"]
    index = read_page(out / "index.html")
    assert [attrs["href"] for tag, attrs in index.tags if tag == "a"] == ["lee.html", "maria.html"]
    assert "Ana-Bo" in "".join(index.text)  # submitted nothing
    lee = "".join(read_page(out / "lee.html").text)
    assert "No mistake: everything matches the key." in lee


def test_a_report_folder_that_is_a_file_is_one_line(class_store, tmp_path, capsys):
    blocker = tmp_path / "taken"
    blocker.write_text("x")
    assert main(["grade", "--store", str(class_store), "--gold", "teacher", "--all", "--report", str(blocker)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "give --report a folder" in err


@pytest.fixture
def browser_tools():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.skip("chromium is not installed: apt-get install chromium")
    return sync_api, chromium


def test_the_page_in_chromium(class_store, tmp_path, browser_tools):
    sync_api, chromium = browser_tools
    key_grade = grade({"hostile": KEY}, {"hostile": STUDENT})
    page_path = tmp_path / "maria.html"
    page_path.write_text(student_page("maria", "teacher", key_grade, {"hostile": HOSTILE}, {"hostile": STUDENT}),
                         encoding="utf-8")
    requests: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"])
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 800})
            page.on("request", lambda request: requests.append(request.url))
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(page_path.as_uri())
            shot = tmp_path / "maria.png"
            page.screenshot(path=str(shot), full_page=True)
            # What a reader sees: the article's own markup as text, every mistake listed in order.
            article = page.inner_text(".article")
            items = page.locator("ol.mistakes li").all_inner_texts()
            colour = page.eval_on_selector(".m.o-missed", "e => getComputedStyle(e).borderBottomColor")
        finally:
            browser.close()
    assert shot.stat().st_size > 10_000
    assert requests == [page_path.as_uri()] and dialogs == []
    assert "<script>alert('x')</script>" in article and "محمد بن سلمان" in article and "👩‍👩‍👧" in article
    assert [item.split(" “")[0] for item in items] == [
        "extra", "wrong speaker", "wrong label", "wrong source", "missed", "inexact",
    ]
    assert colour == "rgb(224, 27, 36)"
