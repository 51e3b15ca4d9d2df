"""What the app shows while the disk is full, and that it keeps the changes."""

from __future__ import annotations

import errno
import os

from .helpers import SIZE, make_app


async def test_a_full_disk_is_said_in_red_and_nothing_is_lost(tmp_path, monkeypatch):
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "a.txt").write_text("Floods in Kumamoto\n\nRescue teams reached Kumamoto, Sato said.\n")
    (folder / "b.txt").write_text("Another story\n\nKumamoto again, said Ghika.\n")
    app = make_app([folder], tmp_path / "store")
    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(os, "fsync", full)
        app.article.move_caret(app.session.document.text.index("Sato"))
        await pilot.press("p")
        await pilot.pause()
        status = app.query_one("#status").render()
        assert len(app.session.annotations) == 1  # on screen, kept
        assert status.plain.startswith("1 change(s) not saved: No space left on device; they are kept and retried")
        assert "red" in str(status.style)
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert app.index == 0  # leaving would lose it
        assert "free some space" in app.query_one("#status").render().plain
        monkeypatch.setattr(os, "fsync", real_fsync)
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert app.index == 1
    stored = app.workspace.store.load_annotations("alice", "a", (folder / "a.txt").read_text())[0]
    assert [span.text for span in stored.spans()] == ["Sato"]
