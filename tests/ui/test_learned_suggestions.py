"""The app with a trained model (--model): G shows its suggestions, and it
retrains in the background after N edits, saying so in the status line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.training_data import article_and_annotations, write_store
from tests.ui.helpers import SIZE, find_phrase
from tui.loading import find_articles
from tui.schema import DEFAULT_SCHEMA
from tui.store import Store
from tui.ui.app import AnnottyApp
from tui.ui.retraining import ModelInLoop
from tui.workspace import Workspace

pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def model(tmp_path_factory) -> tuple[Path, Path]:
    """A store of 14 tagged articles and a model trained on it for six epochs."""
    from tui.learn.examples import gather
    from tui.learn.train import Settings, train

    root = tmp_path_factory.mktemp("learned")
    store = write_store(root / "store")
    train(gather(store), root / "model", settings=Settings(max_epochs=6))
    return store, root / "model"


def _app(tmp_path: Path, store: Path, model: Path, retrain_every: int = 0) -> AnnottyApp:
    article = tmp_path / "new.txt"
    article.write_text(article_and_annotations(77)[0].text, encoding="utf-8")
    workspace = Workspace(find_articles([article]), Store(store), "alice", DEFAULT_SCHEMA)
    return AnnottyApp(workspace, workspace.open(0), model=ModelInLoop(str(model), retrain_every))


async def test_g_shows_the_models_suggestions_and_the_rules_dates(model, tmp_path):
    store, folder = model
    app = _app(tmp_path, store, folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.suggesting
        reasons = {s.reason.split(" (")[0] for s in app.suggestions}
        assert "learned" in reasons  # from the model
        assert any(s.label == "DATE" and s.text == "Monday" for s in app.suggestions)  # from the rules
        shown = []
        for _ in app.suggestions:  # stepping through them as a reader does
            shown.append(str(app.query_one("#status").render()))
            await pilot.press("right")
        assert any("(learned (model)" in line for line in shown)


async def test_retrains_in_the_background_after_n_edits(model, tmp_path, monkeypatch):
    from tui.learn import retrain

    monkeypatch.setattr(retrain, "RETRAIN_MINUTES", 0.05)  # one short epoch: the test waits for it
    store = tmp_path / "store"
    shutil.copytree(model[0], store)
    folder = tmp_path / "model"
    shutil.copytree(model[1], folder)
    before = json.loads((folder / "annotty-model.json").read_text())
    app = _app(tmp_path, store, folder, retrain_every=2)
    async with app.run_test(size=SIZE) as pilot:
        text = app.session.document.text
        first_place = text.split(" arrived in ")[1].split(" on Monday")[0]
        await find_phrase(pilot, first_place)
        await pilot.press("l")
        assert not app.retraining  # one edit of two
        await find_phrase(pilot, "Monday")
        await pilot.press("d")
        assert app.retraining
        assert "model retraining" in str(app.query_one("#status").render())
        await pilot.press("right")  # keys still work while it trains
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.retraining
        after = json.loads((folder / "annotty-model.json").read_text())
        assert after["annotators"] == ["maria", "alice"]  # the reader's work is learnt from too
        assert after["date"] >= before["date"] and after != before
        assert app._learned is not None and app._learned.meta == after
