"""The articles that cannot be opened are named in one warning, once the
corpus index (built after the first frame) has read them all."""

from __future__ import annotations

import asyncio

from tui.folder_check import check_articles, check_to_open
from tui.loading import find_articles
from tui.schema import DEFAULT_SCHEMA
from tui.store import Store
from tui.ui.app import AnnottyApp
from tui.workspace import Workspace

from .helpers import SIZE


async def test_one_warning_names_every_bad_file(tmp_path):
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "0-empty.txt").write_text(" \n", encoding="utf-8")
    (folder / "a-good.txt").write_text("A readable article with 中文 and 🎉.\n", encoding="utf-8")
    (folder / "b-binary.txt").write_bytes(b"\x00\x01binary\x00" * 10)
    (folder / "c-good.txt").write_text("Another one.\r\n", encoding="utf-8")
    (folder / "d-empty.md").write_text("", encoding="utf-8")
    paths = find_articles([folder])
    opening = check_to_open(paths)
    workspace = Workspace(opening.readable, Store(tmp_path / "store"), "alice", DEFAULT_SCHEMA)
    app = AnnottyApp(workspace, opening=opening)
    expected = check_articles(paths).warning()
    assert expected.startswith("3 of 5 files cannot be opened")
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(200):
            await pilot.pause()
            if any(n.message == expected for n in app._notifications):
                break
            await asyncio.sleep(0.02)
        assert [n.message for n in app._notifications].count(expected) == 1
        assert "A readable article" in app.session.document.text
