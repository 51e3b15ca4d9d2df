"""A student compares their work with the answer key."""

from __future__ import annotations

from tui.ui.app import AnnottyApp
from tui.compare import EXTRA, INEXACT, MATCHED, MISSED, WRONG_LABEL, WRONG_SOURCE, WRONG_SPEAKER, compare
from tui.loading import find_articles
from tui.schema import DEFAULT_SCHEMA
from tui.session import Session
from tui.store import Store
from tui.workspace import Workspace

from .helpers import SIZE


def at(text, phrase, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def annotate(store, document, annotator, items, links):
    session = Session(document, DEFAULT_SCHEMA, store.open(document, annotator))
    made = {}
    for phrase, label in items:
        made[phrase] = session.tag(*at(document.text, phrase), label)
    for head, child in links:
        session.link(made[head].id, made[child].id)
    session.close()


def build(seed_path, tmp_path):
    store = Store(tmp_path / "s")
    workspace = Workspace(find_articles([seed_path]), store, "student", DEFAULT_SCHEMA, gold="teacher")
    document = workspace.document(0)
    store.save_document(document)
    quote, claim = "These tactics won’t succeed", "approximately 99.5 percent"
    annotate(store, document, "teacher",
             [("Christopher Ghika", "PERSON"), ("Syrian Observatory for Human Rights", "ORG"),
              ("Kurdish-led forces", "ORG"), (quote, "QUOTE"), ("BEIRUT", "LOC"), (claim, "CLAIM")],
             [(quote, "Christopher Ghika"), (claim, "Christopher Ghika")])
    annotate(store, document, "student",
             [("Christopher Ghika", "PERSON"), ("Observatory for Human Rights", "ORG"), ("Baghouz", "LOC"),
              (quote, "QUOTE"), ("Syrian Democratic Forces", "ORG"), ("BEIRUT", "ORG"), (claim, "CLAIM")],
             [(quote, "Syrian Democratic Forces"), (claim, "Syrian Democratic Forces")])
    return store, workspace, document


def test_outcomes(seed_path, tmp_path):
    store, _workspace, document = build(seed_path, tmp_path)
    gold, _ = store.load_annotations("teacher", document.id, document.text)
    mine, _ = store.load_annotations("student", document.id, document.text)
    comparison = compare(gold, mine, document.id)
    outcomes = sorted((s.label, s.text) for s in comparison.spans.spans())
    assert outcomes == sorted([
        (MATCHED, "Christopher Ghika"),
        (INEXACT, "Observatory for Human Rights"),
        (EXTRA, "Baghouz"), (EXTRA, "Syrian Democratic Forces"),
        (WRONG_SPEAKER, "These tactics won’t succeed"),
        (WRONG_SOURCE, "approximately 99.5 percent"),
        (WRONG_LABEL, "BEIRUT"),
        (MISSED, "Kurdish-led forces"),
    ])
    notes = sorted(comparison.what.values())
    assert "LOC “BEIRUT”: the key labels it LOC; you labelled it ORG" in notes
    assert ("CLAIM “approximately 99.5 percent”: the source of this claim is Christopher Ghika; "
            "you linked Syrian Democratic Forces") in notes
    assert ("QUOTE “These tactics won’t succeed”: the speaker of this quote is Christopher Ghika; "
            "you linked Syrian Democratic Forces") in notes
    assert "speakers/sources right 0 of 2" in comparison.score_line()


async def test_compare_view_by_keyboard(seed_path, tmp_path):
    _store, workspace, _document = build(seed_path, tmp_path)
    app = AnnottyApp(workspace, workspace.open(0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CompareScreen"
        score = str(app.screen.query_one("#compare-score").render())
        for words in ("missed 1", "extra 2", "inexact 1", "wrong label 1", "wrong speaker 1", "wrong source 1"):
            assert words in score
        assert "wrong label" in str(app.screen.query_one("#compare-legend").render())
        await pilot.press("right_square_bracket")
        await pilot.press("escape")
        assert app.screen is app.screen_stack[0]
        assert len(app.session.annotations) == 7  # nothing changed by looking
