"""An article cannot drive the terminal: whatever it holds (OSC 52, a window
title, C1 bytes, CSI, bidi overrides), no screen of the app draws a single
character a terminal would obey."""

from __future__ import annotations

from textual.widgets import Input

from tests.hostile_input import ARTICLE, OBEYED, obeyed, write_hostile_corpus
from tui.adjudication import adjudicate
from tui.loading import read_article
from tui.schema import DEFAULT_SCHEMA
from tui.session import Session
from tui.store import Store
from tui.ui.adjudicate_app import AdjudicationApp
from tui.ui.app import AnnottyApp
from tui.workspace import Workspace

from .helpers import SIZE, find_phrase, make_app


def drawn(app) -> str:
    """Every character the current screen draws (its compositor's strips, as
    the terminal would receive them, styles aside)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def assert_clean(pilot, where: str) -> str:
    await pilot.pause()
    shown = drawn(pilot.app)
    assert OBEYED.search(shown) is None, f"{where}: {obeyed(shown)}\n{shown}"
    return shown


async def test_no_screen_draws_what_a_terminal_obeys(tmp_path):
    write_hostile_corpus(tmp_path / "desk")
    app = make_app([tmp_path / "desk"], tmp_path / "store")
    async with app.run_test(size=SIZE) as pilot:
        if app.session.document.id == "feed1":
            shown = await assert_clean(pilot, "the JSONL record's header (meta.title)")
            assert "Meta ⟨OSC⟩ title" in shown
            await pilot.press("greater_than_sign")
        shown = await assert_clean(pilot, "the hostile article's header and text")
        assert "Headline ⟨OSC⟩ of ⟨OSC⟩ the day ⟨U+202E⟩evil⟨OSC⟩" in shown  # the header
        assert "␛]0;pwned␛\\" in shown  # the article pane, code point for code point
        await find_phrase(pilot, "Jane Doe")
        await pilot.press("p")
        await find_phrase(pilot, "Payload")
        await pilot.press("quotation_mark", "q")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "LinkPicker"
        assert "Payload ⟨OSC⟩" in await assert_clean(pilot, "the link picker")
        await pilot.press("enter")
        shown = await assert_clean(pilot, "the status line and the sidebar after tagging")
        assert "speaker of “Payload ⟨OSC⟩" in shown and "QUOTE  “Payload ⟨OSC⟩” — Jane Doe" in shown
        await pilot.press("e")
        assert "Note on QUOTE “Payload ⟨OSC⟩" in await assert_clean(pilot, "the note editor")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("R")
        assert " of 2 (0 accepted)" in await assert_clean(pilot, "the review card")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+o")
        assert "Headline ⟨OSC⟩" in await assert_clean(pilot, "the document list")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("F")
        await pilot.pause()
        app.screen.query_one(Input).value = "payload"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "1 match in 1 article" in await assert_clean(pilot, "the matches of find everywhere")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+t")
        await assert_clean(pilot, "the statistics")
        await pilot.press("escape")
        await pilot.pause()
        app.notify(ARTICLE, title=ARTICLE, markup=False)
        assert "Photo: a caption ⟨OSC⟩" in await assert_clean(pilot, "a notification quoting the article")
        await pilot.press("greater_than_sign", "less_than_sign")
        await assert_clean(pilot, "after moving between the articles")
        await pilot.press("ctrl+q")


def annotate_hostile(store, document, annotator, *, whole_quote: bool):
    """The byline's name as a PERSON, the quote (payloads and all) linked to it."""
    session = Session(document, DEFAULT_SCHEMA, store.open(document, annotator))
    byline = document.meta["byline"]
    person = session.tag(byline.start, byline.end, "PERSON")
    start = document.text.index("Payload")
    end = document.text.index("here”") + (4 if whole_quote else 0)
    session.link(session.tag(start, end, "QUOTE").id, person.id)
    session.close()


async def test_the_compare_view_of_a_hostile_article_is_clean(tmp_path):
    [article, _records] = write_hostile_corpus(tmp_path / "desk")
    store = Store(tmp_path / "store")
    workspace = Workspace([article], store, "student", DEFAULT_SCHEMA, gold="teacher")
    document = workspace.document(0)
    store.save_document(document)
    annotate_hostile(store, document, "teacher", whole_quote=True)
    annotate_hostile(store, document, "student", whole_quote=False)
    app = AnnottyApp(workspace, workspace.open(0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CompareScreen"
        shown = await assert_clean(pilot, "the compare view")
        assert "Compared with the key: teacher's annotations on Headline ⟨OSC⟩" in shown
        await pilot.press("right_square_bracket")
        await assert_clean(pilot, "the compare view's detail")


async def test_the_adjudication_of_a_hostile_article_is_clean(tmp_path):
    [article, _records] = write_hostile_corpus(tmp_path / "desk")
    document = read_article(article)
    store = Store(tmp_path / "store")
    store.save_document(document)
    annotate_hostile(store, document, "alice", whole_quote=True)
    annotate_hostile(store, document, "bob", whole_quote=False)
    loaded = {name: {document.id: store.load_annotations(name, document.id, document.text)[0]}
              for name in ("alice", "bob")}
    result = adjudicate(loaded, {document.id: document.text})
    app = AdjudicationApp(result, "gold", lambda doc_id: None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        shown = await assert_clean(pilot, "the adjudication screen")
        assert "Payload ⟨OSC⟩ inside ⟨OSC⟩" in shown
        await pilot.press("q")
