"""A store whose files are symbolic links, or that cannot be written: one
line naming the file (exit 1 for commands; read-only in red in the app),
nothing written outside the store, never a traceback."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from tui.cli import main
from tui.errors import AnnottyError
from tui.loading import read_article
from tui.schema import DEFAULT_SCHEMA
from tui.session import Session
from tui.store import Store
from tui.workspace import Workspace

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_0d67f1ad6aabe61d.txt"


@pytest.fixture
def stored(tmp_path):
    """A store holding the seed article and one annotation of alice's on it."""
    store = Store(tmp_path / "annotations")
    document = read_article(SEED)
    store.save_document(document)
    session = Session(document, DEFAULT_SCHEMA, store.open(document, "alice"))
    session.tag(528, 545, "PERSON")
    session.close()
    return store, document


def annotator_file(store: Store, document) -> Path:
    return store.annotator_path("alice", document.id)


# -- symbolic links ---------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".journal", ".lock", ""])
def test_a_store_file_that_is_a_link_is_refused_naming_it(stored, tmp_path, suffix):
    store, document = stored
    own = annotator_file(store, document)
    link = own.with_name(own.name + suffix)
    outside = tmp_path / "outside"
    if link.exists():
        link.replace(tmp_path / "moved-away")
    link.symlink_to(outside)  # dangling: what annotty would create and write
    with pytest.raises(AnnottyError) as error:
        store.open(document, "alice")
    assert str(error.value).startswith(f"{link}: is a symbolic link")
    assert "\n" not in str(error.value)
    assert not outside.exists()


def test_a_journal_link_made_during_a_session_is_not_written_through(stored, tmp_path):
    store, document = stored
    session = Session(document, DEFAULT_SCHEMA, store.open(document, "alice"))
    own = annotator_file(store, document)
    outside = tmp_path / "outside"
    own.with_name(own.name + ".journal").symlink_to(outside)
    session.tag(547, 550, "ORG")
    assert not outside.exists()
    assert session.unsaved == 1 and "symbolic link" in session.save_problem


def test_a_linked_store_file_is_refused_by_readers_too(stored, tmp_path, capsys):
    store, document = stored
    own = annotator_file(store, document)
    secret = tmp_path / "secret.json"
    own.replace(secret)
    own.symlink_to(secret)
    with pytest.raises(AnnottyError, match="symbolic link"):
        store.load_annotations("alice", document.id, document.text)
    assert main(["stats", "--store", str(store.root)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{own}: is a symbolic link" in err


def app_status_after_loading(store: Store):
    """Run the app on the seed as alice, press a label key: its status line (plain, style)."""
    import asyncio

    from tui.ui.app import AnnottyApp
    from tui.ui.widgets.text_lines import TextLines

    app = AnnottyApp(Workspace([SEED], store, "alice", DEFAULT_SCHEMA))

    async def run():
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(50):
                await pilot.pause(0.05)
                if not app._loading:
                    break
            line = app.query_one("#status", TextLines).render()
            await pilot.press("p")
            await pilot.pause()
            return line.plain, str(line.style), app.session.read_only

    return asyncio.run(run())


def test_the_app_opens_a_linked_lock_read_only_in_red(stored, tmp_path):
    store, document = stored
    lock = Path(f"{annotator_file(store, document)}.lock")
    lock.unlink(missing_ok=True)
    lock.symlink_to(tmp_path / "elsewhere")
    line, style, read_only = app_status_after_loading(store)
    assert read_only and "bold red" in style
    assert line.startswith("READ-ONLY") and f"{lock}: is a symbolic link" in line
    assert not (tmp_path / "elsewhere").exists()


def test_a_linked_text_is_neither_read_nor_replaced(stored, tmp_path):
    from tui.atomic import write_atomically

    store, document = stored
    text = store.text_path(document.id)
    kept = tmp_path / "kept.txt"
    text.replace(kept)
    text.symlink_to(kept)
    with pytest.raises(AnnottyError, match="symbolic link"):
        store.load_document(document.id)
    with pytest.raises(AnnottyError, match="symbolic link"):
        write_atomically(text, "another text")
    assert text.is_symlink() and kept.read_text(encoding="utf-8") == document.text


# -- a store that cannot be written ----------------------------------------------------

def cannot_write_under(monkeypatch, root: Path, code: int = errno.EACCES) -> None:
    """What an ordinary user meets in a read-only folder (the tests run as
    root, who may write anywhere): creating, replacing or removing anything
    under ``root`` fails."""
    root = str(root)
    real_open, real_mkdir, real_replace, real_unlink = os.open, os.mkdir, os.replace, os.unlink
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def refuse(path):
        raise OSError(code, os.strerror(code), str(path))

    def guarded_open(path, flags, *args, **kwargs):
        if str(path).startswith(root) and flags & writing:
            refuse(path)
        return real_open(path, flags, *args, **kwargs)

    def guarded(real):
        def call(path, *args, **kwargs):
            if str(path).startswith(root):
                refuse(path)
            return real(path, *args, **kwargs)
        return call

    monkeypatch.setattr(os, "open", guarded_open)
    monkeypatch.setattr(os, "mkdir", guarded(real_mkdir))
    monkeypatch.setattr(os, "replace", guarded(real_replace))
    monkeypatch.setattr(os, "unlink", guarded(real_unlink))


def test_importing_into_a_store_that_cannot_be_written_is_one_line(tmp_path, monkeypatch, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "d1", "text": "Ann Lee spoke.", "label": [[0, 7, "PERSON"]]}) + "\n")
    root = tmp_path / "annotations"
    cannot_write_under(monkeypatch, root)
    assert main(["import", str(source), "--format", "doccano", "--store", str(root)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(root) in err and "Permission denied" in err


def test_a_store_that_cannot_be_written_opens_read_only_saying_why(stored, monkeypatch):
    store, document = stored
    store._saved.clear()
    cannot_write_under(monkeypatch, store.root)
    session = Workspace([SEED], store, "alice", DEFAULT_SCHEMA).open(0)
    assert session.read_only and session.alarm
    assert session.notice.startswith("read-only: ") and "Permission denied" in session.notice
    assert len(session.annotations) == 1  # what is stored is shown


def test_the_app_shows_a_store_it_cannot_write_read_only_in_red(stored, monkeypatch):
    store, _document = stored
    store._saved.clear()
    cannot_write_under(monkeypatch, store.root)
    line, style, read_only = app_status_after_loading(store)
    assert read_only and "bold red" in style
    assert line.startswith("READ-ONLY") and "Permission denied" in line


def test_a_disk_turned_read_only_mid_session_keeps_the_change(stored, monkeypatch):
    store, document = stored
    session = Session(document, DEFAULT_SCHEMA, store.open(document, "alice"))
    cannot_write_under(monkeypatch, store.root, errno.EROFS)
    session.tag(547, 550, "ORG")
    assert len(session.annotations) == 2
    assert session.unsaved == 1 and session.save_problem == os.strerror(errno.EROFS)
    with pytest.raises(AnnottyError) as error:
        session.close()
    assert "1 change(s) never saved are lost" in str(error.value)


def test_any_command_meeting_an_os_error_says_one_line(stored, tmp_path, monkeypatch, capsys):
    store, _document = stored
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    cannot_write_under(monkeypatch, out_folder)
    assert main(["export", "--store", str(store.root), "--out", str(out_folder / "all.jsonl")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(out_folder) in err and "Permission denied" in err


def test_a_linked_folder_inside_the_store_is_refused_but_a_linked_store_is_not(stored, tmp_path):
    store, document = stored
    folder = store.annotator_path("alice", document.id).parent
    outside = tmp_path / "outside"
    folder.replace(outside)
    folder.symlink_to(outside, target_is_directory=True)
    before = sorted(p.name for p in outside.iterdir())
    with pytest.raises(AnnottyError) as error:
        store.open(document, "alice")
    assert str(error.value).startswith(f"{folder}: is a symbolic link")
    assert sorted(p.name for p in outside.iterdir()) == before
    folder.unlink()
    outside.replace(folder)
    linked_root = tmp_path / "linked-store"
    linked_root.symlink_to(store.root, target_is_directory=True)
    file = Store(linked_root).open(document, "alice")  # a store kept on another disk, linked in
    assert len(file.annotations) == 1
    file.close()
