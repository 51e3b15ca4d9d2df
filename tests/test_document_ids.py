"""Two articles with one file name, opened in separate runs, keep separate
annotations; the same article moved, or edited in place, keeps its own."""

from __future__ import annotations

from pathlib import Path

from tui.schema import DEFAULT_SCHEMA
from tui.store import Store
from tui.workspace import Workspace

FIRST = "Bridge opens\n\nMaria Lopez opened the bridge on Monday.\n"
SECOND = "Storm warning\n\nAna Lima warned of the storm on Tuesday.\n"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _tag_first_word(store: Store, path: Path, label: str = "PERSON") -> str:
    workspace = Workspace([path], store, "bob", DEFAULT_SCHEMA)
    session = workspace.open(0)
    text = session.document.text
    start = text.index("\n\n") + 2
    end = text.index(" ", start)
    session.tag(start, end, label)
    session.close()
    return session.document.id


def _open(store: Store, path: Path):
    workspace = Workspace([path], store, "bob", DEFAULT_SCHEMA)
    session = workspace.open(0)
    session.close()
    return session


def test_another_article_of_the_same_name_gets_its_own_id(tmp_path):
    store = Store(tmp_path / "store")
    first_id = _tag_first_word(store, _write(tmp_path / "desk-a" / "story.txt", FIRST))
    second = _open(store, _write(tmp_path / "desk-b" / "story.txt", SECOND))
    assert first_id == "story" and second.document.id == "desk-b--story"
    # Nothing of the first article was carried (re-anchored) onto the second.
    assert len(second.annotations) == 0 and not second.file.flagged and not second.file.moved
    again = _open(store, tmp_path / "desk-a" / "story.txt")
    assert again.document.id == "story" and [s.text for s in again.annotations.spans()] == ["Maria"]
    assert store.load_document("story").text == FIRST  # not overwritten by the second article


def test_the_same_article_moved_or_edited_keeps_its_id(tmp_path):
    store = Store(tmp_path / "store")
    original = _write(tmp_path / "desk-a" / "story.txt", FIRST)
    _tag_first_word(store, original)
    moved = _open(store, _write(tmp_path / "archive" / "story.txt", FIRST))
    assert moved.document.id == "story" and [s.text for s in moved.annotations.spans()] == ["Maria"]
    original.write_text(FIRST.replace("Monday", "Tuesday"), encoding="utf-8")  # edited where it was
    edited = _open(store, original)
    assert edited.document.id == "story" and [s.text for s in edited.annotations.spans()] == ["Maria"]
