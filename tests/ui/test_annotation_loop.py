"""The fast loop: select by unit, repeat, tag every mention, relabel, resize."""

from __future__ import annotations

from tui.ui.widgets.article_view import ArticleView

from .helpers import SIZE, find_phrase, make_app


def texts(app, label=None):
    return sorted(s.text for s in app.session.annotations.spans() if label is None or s.label == label)


async def test_quotation_key_then_q_tags_the_words_inside_the_marks(seed_path, tmp_path):
    app = make_app([seed_path], tmp_path / "s")
    async with app.run_test(size=SIZE) as pilot:
        await find_phrase(pilot, "tactics")
        await pilot.press("escape", "quotation_mark", "q")
        await pilot.pause()
        await pilot.press("escape")  # no speaker yet
        [quote] = app.session.annotations.spans()
        assert quote.text.startswith("These tactics won’t succeed") and quote.text.endswith("secured their borders")
        assert quote.attrs["type"] == "direct"


async def test_sentence_then_paragraph_selection(seed_path, tmp_path):
    app = make_app([seed_path], tmp_path / "s")
    async with app.run_test(size=SIZE) as pilot:
        article = app.query_one(ArticleView)
        text = app.session.document.text
        await find_phrase(pilot, "deputy commander")
        await pilot.press("escape", "s")
        start, end = article.selection
        assert text[start:end].startswith("Maj. Gen. Christopher Ghika")  # "Maj." does not end it
        assert text[start:end].endswith("original caliphate.")
        await find_phrase(pilot, "clinging")
        await pilot.press("escape", "s", "s")
        start, end = article.selection
        assert text[start:end].startswith("The jihadis are now") and text[end - 1] == "."
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("escape")
        assert texts(app, "CLAIM")[0].endswith("final offensive.")


async def test_repeat_label_and_tag_all_mentions_undo_as_one(seed_path, tmp_path):
    app = make_app([seed_path], tmp_path / "s")
    async with app.run_test(size=SIZE) as pilot:
        await find_phrase(pilot, "Baghouz")
        await pilot.press("l")
        await find_phrase(pilot, "Iraq")
        await pilot.press("full_stop")  # the last label again: LOC
        assert texts(app, "LOC") == ["Baghouz", "Iraq"]
        await pilot.press("asterisk")  # asks first
        assert len(texts(app, "LOC")) == 2
        assert "press * again" in str(app.query_one("#status").render())
        await pilot.press("asterisk")
        assert texts(app, "LOC").count("Iraq") == 2  # the other "Iraq"; "Iraqi" is not a mention
        await pilot.press("ctrl+z")
        assert texts(app, "LOC") == ["Baghouz", "Iraq"]


async def test_label_key_on_a_span_relabels_after_confirmation(seed_path, tmp_path):
    app = make_app([seed_path], tmp_path / "s")
    async with app.run_test(size=SIZE) as pilot:
        await find_phrase(pilot, "Syrian Observatory for Human Rights")
        await pilot.press("p")  # wrong label
        await pilot.press("o")  # on the span: asks
        assert texts(app, "PERSON") == ["Syrian Observatory for Human Rights"]
        await pilot.press("o")
        assert texts(app, "ORG") == ["Syrian Observatory for Human Rights"]
        await pilot.press("p", "right", "p")  # a key in between cancels the question
        assert texts(app, "ORG") == ["Syrian Observatory for Human Rights"]


async def test_resize_both_ends_by_word_and_character(seed_path, tmp_path):
    app = make_app([seed_path], tmp_path / "s")
    async with app.run_test(size=SIZE) as pilot:
        await find_phrase(pilot, "Observatory for Human")
        await pilot.press("o")
        await pilot.press("r", "ctrl+right")  # the end grows by a word
        assert texts(app) == ["Observatory for Human Rights"]
        await pilot.press("ctrl+shift+left")  # the start grows by a word
        assert texts(app) == ["Syrian Observatory for Human Rights"]
        await pilot.press("right")  # one character more: the full stop
        assert texts(app) == ["Syrian Observatory for Human Rights."]
        await pilot.press("left", "shift+right")
        assert texts(app) == ["yrian Observatory for Human Rights"]
        await pilot.press("enter")
        assert app.resizing is None
        await pilot.press("ctrl+z")  # each step undoes on its own
        assert texts(app) == ["Syrian Observatory for Human Rights"]
        await pilot.press("right")  # out of resize mode the arrows move the caret again
        assert texts(app) == ["Syrian Observatory for Human Rights"]


async def test_speaker_in_three_keys_or_fewer(seed_path, tmp_path):
    app = make_app([seed_path], tmp_path / "s")
    async with app.run_test(size=SIZE) as pilot:
        await find_phrase(pilot, "Ghika")
        await pilot.press("p")
        await find_phrase(pilot, "99.5")
        # select the quotation, tag it, accept the suggested speaker: three keys
        await pilot.press("escape", "quotation_mark", "q", "enter")
        await pilot.pause()
        quote = next(s for s in app.session.annotations.spans() if s.kind == "quote")
        assert quote.text == "approximately 99.5 percent"
        assert app.session.annotations.attribution(quote.id).text == "Ghika"


async def test_drag_an_end_of_the_annotation_with_the_mouse(seed_path, tmp_path):
    app = make_app([seed_path], tmp_path / "s")
    async with app.run_test(size=SIZE) as pilot:
        article = app.query_one(ArticleView)
        await find_phrase(pilot, "Observatory for Human")
        await pilot.press("o")  # the caret is now on the new span, which is current
        [span] = app.session.annotations.spans()
        layout = article.layout_lines
        text = app.session.document.text

        def cell(offset):
            line = layout.line_of(offset)
            return (offset - layout.starts[line] + 1, line - article.scroll_offset.y)  # +1: padding

        # press on the last character and drag to the end of "Rights"
        await pilot.mouse_down(article, offset=cell(span.end - 1))
        rights = text.index("Rights", span.end)
        await pilot.hover(article, offset=cell(rights + 5))
        await pilot.mouse_up(article, offset=cell(rights + 5))
        await pilot.pause()
        assert texts(app) == ["Observatory for Human Rights"]
        await pilot.press("ctrl+z")
        assert texts(app) == ["Observatory for Human"]


async def test_review_accepts_relabels_and_deletes_one_by_one(seed_path, tmp_path):
    app = make_app([seed_path], tmp_path / "s")
    async with app.run_test(size=SIZE) as pilot:
        for phrase, key in [("Baghouz", "l"), ("Ghika", "p"), ("Thursday", "d")]:
            await find_phrase(pilot, phrase)
            await pilot.press(key)
        await pilot.press("home", "R")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ReviewScreen"
        await pilot.press("y")  # Baghouz accepted, on to the next
        await pilot.press("o")  # the next (reading order) relabelled
        await pilot.press("right", "x", "escape")
        spans = app.session.annotations.spans()
        assert [(s.text, s.label, s.attrs.get("review")) for s in spans] == [
            ("Baghouz", "LOC", "accepted"), ("Thursday", "ORG", None)]


async def test_suggestions_are_apart_until_accepted(seed_path, tmp_path):
    app = make_app([seed_path], tmp_path / "s")
    async with app.run_test(size=SIZE) as pilot:
        await find_phrase(pilot, "Ghika")
        await pilot.press("p")
        await pilot.press("G")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.suggesting and app.suggestions
        assert len(app.session.annotations) == 1  # shown, not stored
        first = app.suggestions[app._suggestion_index]
        await pilot.press("y")
        assert app.session.annotations.find_same(first.start, first.end, first.label)
        second = app.suggestions[app._suggestion_index]
        await pilot.press("n")
        assert not app.session.annotations.find_same(second.start, second.end, second.label)
        assert second not in app.suggestions
        quotes = [i for i, s in enumerate(app.suggestions) if s.kind == "quote" and "tactics" in s.text]
        assert quotes, "the direct quote is suggested"
        app._suggestion_index = quotes[0]
        await pilot.press("y")
        quote = next(s for s in app.session.annotations.spans() if s.kind == "quote")
        assert app.session.annotations.attribution(quote.id).text == "Ghika"  # the suggested speaker, tagged
        await pilot.press("escape")
        assert not app.suggesting and app.article.suggestions == []
