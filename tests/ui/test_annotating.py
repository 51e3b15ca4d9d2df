from __future__ import annotations

import json

from tui.cli import main
from tui.model import COREF, SPEAKER
from tui.ui.widgets.article_view import ArticleView

from .helpers import SIZE, find_phrase, make_app, until_loaded


def spans_by_text(app):
    return {span.text: span for span in app.session.annotations.spans()}


async def test_find_tag_link_undo_quit_reopen_export(seed_path, tmp_path, capsys):
    store = tmp_path / "annotations"
    app = make_app([seed_path], store)
    async with app.run_test(size=SIZE) as pilot:
        await find_phrase(pilot, "Christopher Ghika")
        assert app.article.selection is not None
        await pilot.press("p")
        await find_phrase(
            pilot,
            "These tactics won’t succeed, our Syrian partners are focused on finding ISIS wherever they hide,"
            " and our Iraqi partners have secured their borders,",
        )
        await pilot.press("q")
        await pilot.pause()
        # the link picker opened by itself, the nearest person suggested first
        assert app.screen.__class__.__name__ == "LinkPicker"
        await pilot.press("enter")
        await pilot.pause()
        spans = spans_by_text(app)
        quote = next(s for s in spans.values() if s.kind == "quote")
        assert quote.text.startswith("These tactics") and quote.text.endswith("borders")
        assert quote.attrs["type"] == "direct"
        assert app.session.annotations.attribution(quote.id).text == "Christopher Ghika"
        await pilot.press("ctrl+z")
        assert app.session.annotations.attribution(quote.id) is None
        await pilot.press("ctrl+y")
        assert app.session.annotations.attribution(quote.id).text == "Christopher Ghika"
        await pilot.press("ctrl+q")
    # reopen: everything is there without a save key
    again = make_app([seed_path], store)
    async with again.run_test(size=SIZE) as pilot:
        assert set(spans_by_text(again)) == {"Christopher Ghika", quote.text}
        await pilot.press("ctrl+q")
    assert main(["export", "--store", str(store)]) == 0
    record = json.loads(capsys.readouterr().out)
    text = record["text"]
    for span in record["spans"]:
        assert text[span["start"]:span["end"]] == span["text"]
    ghika_start = text.index("Christopher Ghika")
    assert {(s["start"], s["end"]) for s in record["spans"]} == {
        (ghika_start, ghika_start + 17), (quote.start, quote.end),
    }
    assert record["relations"][0]["label"] == SPEAKER


async def test_keyboard_selection_word_snapping_and_relabel(seed_path, tmp_path):
    app = make_app([seed_path], tmp_path / "s")
    async with app.run_test(size=SIZE) as pilot:
        await find_phrase(pilot, "Observatory")
        # a sloppy selection: extend two words to the right with ctrl+shift+right
        await pilot.press("ctrl+shift+right", "ctrl+shift+right", "ctrl+shift+right")
        await pilot.press("o")
        span = next(iter(app.session.annotations.spans()))
        assert span.text == "Observatory for Human Rights"
        # relabel from the sidebar: tab to it, press another label key
        await pilot.press("tab")
        assert app.sidebar.list.has_focus
        await pilot.press("m")
        assert app.session.annotations.span(span.id).label == "MISC"
        await pilot.press("x")
        assert len(app.session.annotations) == 0
        await pilot.press("ctrl+z")
        assert app.session.annotations.span(span.id).label == "MISC"


async def test_caret_word_tag_and_navigation_keys(seed_path, tmp_path):
    app = make_app([seed_path], tmp_path / "s")
    async with app.run_test(size=SIZE) as pilot:
        article = app.query_one(ArticleView)
        await find_phrase(pilot, "Baghouz")
        await pilot.press("escape")  # no selection: the label key takes the word at the caret
        assert article.selection is None
        await pilot.press("l")
        await find_phrase(pilot, "Thursday")
        await pilot.press("d")
        await pilot.press("home")
        assert article.caret == 0
        await pilot.press("right_square_bracket")
        first = app.session.annotations.span(article.emphasised)
        assert first.text == "Baghouz"
        await pilot.press("right_square_bracket")
        assert app.session.annotations.span(article.emphasised).text == "Thursday"
        await pilot.press("end")
        assert article.caret == len(app.session.document.text)
        await pilot.press("pageup")
        assert article.caret < len(app.session.document.text)


async def test_coref_note_and_claim_attributes(seed_path, tmp_path):
    app = make_app([seed_path], tmp_path / "s")
    async with app.run_test(size=SIZE) as pilot:
        await find_phrase(pilot, "Syrian Observatory for Human Rights")
        await pilot.press("o")
        await find_phrase(pilot, "The Britain-based war monitor")
        await pilot.press("o")
        await pilot.press("a")  # link the mention to its referent
        await pilot.press("enter")
        await pilot.pause()
        spans = spans_by_text(app)
        monitor = spans["The Britain-based war monitor"]
        [relation] = app.session.annotations.relations()
        assert (relation.head, relation.label) == (monitor.id, COREF)
        assert app.session.annotations.span(relation.child).text == "Syrian Observatory for Human Rights"
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("Input").value = "same org"
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.annotations.span(monitor.id).note == "same org"
        await find_phrase(pilot, "More than 37,000 people")
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("escape")  # skip the source picker
        await pilot.pause()
        claim = next(s for s in app.session.annotations.spans() if s.kind == "claim")
        await pilot.press("v", "t")
        claim = app.session.annotations.span(claim.id)
        assert claim.attrs["verdict"] == "true" and claim.attrs["checkworthy"] == "no"


async def test_mouse_drag_selects_and_tags(seed_path, tmp_path):
    app = make_app([seed_path], tmp_path / "s")
    async with app.run_test(size=SIZE) as pilot:
        article = app.query_one(ArticleView)
        layout = article.layout_lines
        text = app.session.document.text
        target = text.index("Kurdish-led forces")
        line = layout.line_of(target)
        column = target - layout.starts[line]
        await pilot.mouse_down(article, offset=(column + 2, line))  # +1 padding, +1 into the word
        await pilot.hover(article, offset=(column + 15, line))
        await pilot.mouse_up(article, offset=(column + 15, line))
        assert article.selection is not None
        await pilot.press("o")
        [span] = app.session.annotations.spans()
        assert span.text == "Kurdish-led forces"


async def test_second_instance_is_read_only(seed_path, tmp_path):
    store = tmp_path / "s"
    first = make_app([seed_path], store)
    second = make_app([seed_path], store)
    assert second.session.read_only and "another annotty session" in second.session.notice
    async with second.run_test(size=SIZE) as pilot:
        await find_phrase(pilot, "Ghika")
        await pilot.press("p")
        assert len(second.session.annotations) == 0
        assert "READ-ONLY" in str(second.query_one("#status").render())
    first.session.close()


async def test_help_and_palette_list_the_keys(seed_path, tmp_path):
    app = make_app([seed_path], tmp_path / "s")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HelpScreen"
        await pilot.press("p")  # label keys do nothing while help is open
        await pilot.press("escape")
        assert len(app.session.annotations) == 0
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for expected in ("Tag as PERSON", "Undo", "Redo", "Find", "Link", "Delete"):
            assert expected in titles


async def test_take_over_once_the_first_session_has_closed(seed_path, tmp_path):
    store = tmp_path / "s"
    first = make_app([seed_path], store)
    second = make_app([seed_path], store)
    async with second.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+r")
        assert second.session.read_only  # the first is still open
        # the first session tags something and closes
        text = first.session.document.text
        first.session.tag(text.index("Ghika"), text.index("Ghika") + 5, "PERSON")
        first.session.close()
        await pilot.press("ctrl+r")
        assert not second.session.read_only
        assert [s.text for s in second.session.annotations.spans()] == ["Ghika"]
        await find_phrase(pilot, "Baghouz")
        await pilot.press("l")
        assert len(second.session.annotations) == 2


async def test_annotations_load_after_the_first_frame(seed_path, tmp_path):
    from tui.ui.app import AnnottyApp
    from tui.loading import find_articles
    from tui.schema import DEFAULT_SCHEMA
    from tui.store import Store
    from tui.workspace import Workspace

    store = tmp_path / "s"
    earlier = make_app([seed_path], store)
    text = earlier.session.document.text
    earlier.session.tag(text.index("Ghika"), text.index("Ghika") + 5, "PERSON")
    earlier.session.close()
    workspace = Workspace(find_articles([seed_path]), Store(store), "alice", DEFAULT_SCHEMA)
    app = AnnottyApp(workspace)  # as the command starts it: no session yet
    async with app.run_test(size=SIZE) as pilot:
        assert app.session.document.headline.startswith("Islamic State")  # shown at once
        await until_loaded(pilot)
        assert not app.session.read_only
        assert [s.text for s in app.session.annotations.spans()] == ["Ghika"]
        await find_phrase(pilot, "Baghouz")
        await pilot.press("l")
        await pilot.press("ctrl+q")
    reopened = make_app([seed_path], store)
    assert sorted(s.text for s in reopened.session.annotations.spans()) == ["Baghouz", "Ghika"]
    reopened.session.close()
