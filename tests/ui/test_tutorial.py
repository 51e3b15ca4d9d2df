"""The tutorial from start to score, by keyboard, as a new user would."""

from __future__ import annotations

from tui.ui.app import AnnottyApp
from tui.cli import main
from tui.schema import DEFAULT_SCHEMA
from tui.store import Store
from tui.tutorial import EXERCISE, answer_key, score
from tui.workspace import Workspace

from .helpers import SIZE, find_phrase


def test_the_key_scores_itself_perfectly_and_an_empty_work_zero():
    text = EXERCISE.read_text(encoding="utf-8")
    key = answer_key(text)
    assert score(key, key).found == 8 and score(key, key).linked == 3
    from tui.model import Annotations

    empty = score(key, Annotations())
    assert (empty.found, empty.linked, empty.extra, len(empty.missed)) == (0, 0, 0, 8)


async def test_tutorial_by_keyboard_to_a_perfect_score(tmp_path):
    workspace = Workspace([EXERCISE], Store(tmp_path / "s"), "student", DEFAULT_SCHEMA)
    session = workspace.open(0)
    app = AnnottyApp(workspace, session, answer_key=answer_key(session.document.text))
    async with app.run_test(size=SIZE) as pilot:
        for phrase, key in [("Portvale Harbour Council", "o"), ("Lena Okafor", "p"), ("Regional Water Authority", "o"),
                            ("Tomas Berg", "p"), ("Okafor", "p")]:
            await find_phrase(pilot, phrase)
            await pilot.press(key)
        for phrase in ("cannot", "cut us"):
            await find_phrase(pilot, phrase)
            await pilot.press("escape", "quotation_mark", "q")
            await pilot.pause()
            await pilot.press("enter")  # the suggested speaker
            await pilot.pause()
        await pilot.press("left_square_bracket", "s", "c")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ScoreScreen"
        result = score(app.answer_key, app.session.annotations)
        assert (result.found, result.total, result.linked, result.links, result.extra) == (8, 8, 3, 3, 0)


def test_tutorial_command_refuses_a_bad_annotator(capsys):
    assert main(["tutorial", "--annotator", "../x"]) == 1
    assert "annotator name" in capsys.readouterr().err
