"""The articles that cannot be opened are shown in one warning after the first frame."""

from __future__ import annotations

from tui.schema import DEFAULT_SCHEMA
from tui.store import Store
from tui.ui.app import AnnottyApp
from tui.workspace import Workspace

from .helpers import SIZE


async def test_the_warning_is_notified_once(tmp_path):
    article = tmp_path / "good.txt"
    article.write_text("A readable article.\n", encoding="utf-8")
    warning = "1 of 2 files cannot be opened and are left out: bad.txt: the article is empty"
    app = AnnottyApp(Workspace([article], Store(tmp_path / "store"), "alice", DEFAULT_SCHEMA), warning=warning)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        shown = [n.message for n in app._notifications]
        assert shown.count(warning) == 1
