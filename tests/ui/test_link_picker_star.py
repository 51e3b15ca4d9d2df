"""The link picker's ★ is the attribution engine's choice, Enter takes it."""

from __future__ import annotations

from textual.widgets import OptionList

from .helpers import SIZE, find_phrase, make_app


async def test_enter_links_the_quote_to_the_speaker_of_he_said(seed_path, tmp_path):
    app = make_app([seed_path], tmp_path / "annotations")
    async with app.run_test(size=SIZE) as pilot:
        await find_phrase(pilot, "Christopher Ghika")
        await pilot.press("p")
        text = app.session.document.text
        # the organisation nearest the quote (the old ★), in the next paragraph
        forces = text.index("Syrian Democratic Forces", text.index("These tactics"))
        app.session.tag(forces, forces + len("Syrian Democratic Forces"), "ORG")
        start = text.index("These tactics won’t succeed")
        await find_phrase(pilot, text[start:text.index(",” he said", start)])
        await pilot.press("q")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "LinkPicker"
        first = app.screen.query_one(OptionList).get_option_at_index(0)
        assert "★" in str(first.prompt) and "Christopher Ghika" in str(first.prompt)
        assert "cue 'he said'" in str(first.prompt)
        await pilot.press("enter")
        await pilot.pause()
        quote = next(s for s in app.session.annotations.spans() if s.kind == "quote")
        assert app.session.annotations.attribution(quote.id).text == "Christopher Ghika"
        assert "said" in quote.attrs["cue"]["text"]  # the cue the ★ was read from, kept for export and grading
        await pilot.press("ctrl+q")


async def test_review_shows_the_engines_speaker_beside_the_annotators(seed_path, tmp_path):
    app = make_app([seed_path], tmp_path / "annotations")
    async with app.run_test(size=SIZE) as pilot:
        text = app.session.document.text
        start = text.index("Christopher Ghika")
        app.session.tag(start, start + len("Christopher Ghika"), "PERSON")
        start = text.index("These tactics won’t succeed")
        app.session.tag(start, text.index(",” he said", start), "QUOTE")
        await pilot.press("home", "R")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ReviewScreen"
        await pilot.press("right")  # the quote, after the name
        await pilot.pause()
        card = str(app.screen.query_one("#card").render())
        assert "speaker: (none)" in card and "engine: Christopher Ghika (cue 'he said')" in card
        await pilot.press("escape", "ctrl+q")


async def test_the_picker_hints_at_a_speaker_not_tagged_yet(seed_path, tmp_path):
    app = make_app([seed_path], tmp_path / "annotations")
    async with app.run_test(size=SIZE) as pilot:
        text = app.session.document.text
        start = text.index("Christopher Ghika")
        app.session.tag(start, start + len("Christopher Ghika"), "PERSON")
        claim = app.session.tag(text.index("More than 37,000"), text.index(" according to the Syrian"), "CLAIM")
        app._open_link_picker(claim)
        await pilot.pause()
        hint = str(app.screen.query_one(".hint").render())
        assert "Syrian Observatory for Human Rights" in hint and "according to" in hint
        first = app.screen.query_one(OptionList).get_option_at_index(0)
        assert "nearest" in str(first.prompt)
        await pilot.press("escape", "ctrl+q")
