"""Names too long for a file system, numbers and characters JSON allows but
nothing else does, and files that are not files: each a one-line error
naming the file (or works), never a traceback or a hang."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main
from tui.errors import AnnottyError
from tui.loading import read_article, read_input_file
from tui.names import MAX_NAME_BYTES, check_name, safe_name
from tui.schema import DEFAULT_SCHEMA
from tui.store import Store
from tui.workspace import Workspace

LONG_ASCII = "a" * 240
LONG_CJK = "中" * 90  # 270 bytes of UTF-8: over the usual 255-byte limit of a file name
ROOT = Path(__file__).resolve().parent.parent


def _one_line_error(capsys, *names: str) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    for name in names:
        assert name in err
    return err


def _doccano(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize("long_id", [LONG_ASCII, LONG_CJK], ids=["ascii", "cjk"])
def test_long_document_ids_import_into_names_the_file_system_takes(tmp_path, capsys, long_id):
    source = _doccano(tmp_path / "in.jsonl",
                      {"id": long_id + "x", "text": "Maria Lopez spoke.", "label": [[0, 11, "PERSON"]]},
                      {"id": long_id + "y", "text": "Ana Lima spoke.", "label": [[0, 8, "PERSON"]]})
    store = tmp_path / "store"
    assert main(["import", "--format", "doccano", str(source), "--store", str(store), "--annotator", "bob"]) == 0
    names = sorted(p.name for p in (store / "documents").iterdir() if p.suffix == ".json")
    assert len(names) == 2  # cut to fit, the two ids stay two
    for _folder, _dirs, files in os.walk(store):
        for name in files:
            assert len(name.encode("utf-8")) <= 255, name
    assert all(len(name[:-5].encode("utf-8")) <= MAX_NAME_BYTES for name in names)


def test_an_annotator_name_too_long_is_one_line(tmp_path, capsys):
    source = _doccano(tmp_path / "in.jsonl", {"id": "a", "text": "Maria spoke.", "label": [[0, 5, "PERSON"]]})
    argv = ["import", "--format", "doccano", str(source), "--store", str(tmp_path / "s"), "--annotator", LONG_CJK]
    assert main(argv) == 1
    assert "too long" in _one_line_error(capsys)
    article = tmp_path / "a.txt"
    article.write_text("Headline\n\nBody.")
    assert main([str(article), "--store", str(tmp_path / "s"), "--annotator", LONG_ASCII]) == 1
    assert "too long" in _one_line_error(capsys)


def test_the_name_rule_is_one_rule():
    assert safe_name("../a b", "x") == "a-b" and safe_name("..", "x") == "x"
    assert safe_name(LONG_CJK, "x") == safe_name(LONG_CJK, "x")  # the same name, the same id
    assert len(safe_name(LONG_CJK, "x").encode("utf-8")) <= MAX_NAME_BYTES
    assert check_name(safe_name(LONG_CJK, "x")) and check_name("中" * 66)
    with pytest.raises(AnnottyError, match="too long"):
        check_name("中" * 67)


def test_a_long_article_file_name_opens(tmp_path):
    article = tmp_path / ("中" * 80 + ".txt")  # 244 bytes: a legal file name, too long for .<id>.json.xxx.tmp
    article.write_text("Headline\n\nBody text here.", encoding="utf-8")
    store = Store(tmp_path / "store")
    workspace = Workspace([article], store, "bob", DEFAULT_SCHEMA)
    session = workspace.open(0)
    session.file.close()
    assert store.document_path(session.document.id).exists()


BAD_JSON = {
    "a 5,000-digit number": '{"id": "x", "text": "Maria spoke.", "label": [[0, ' + "9" * 5000 + ', "PERSON"]]}\n',
    "a lone surrogate": '{"id": "x", "text": "Maria \\ud800 spoke.", "label": [[0, 5, "PERSON"]]}\n',
}


@pytest.mark.parametrize("content", list(BAD_JSON.values()), ids=list(BAD_JSON))
def test_json_only_python_refuses_is_one_line(tmp_path, capsys, content):
    source = tmp_path / "in.jsonl"
    source.write_text(content, encoding="utf-8")
    store = tmp_path / "store"
    assert main(["import", "--format", "doccano", str(source), "--store", str(store), "--annotator", "bob"]) == 1
    _one_line_error(capsys, f"{source}:1")
    assert main([str(source), "--store", str(store)]) == 1  # the same file opened as records
    _one_line_error(capsys, f"{source}:1")
    listed = tmp_path / "in.json"
    listed.write_text("[" + content.strip() + "]", encoding="utf-8")
    assert main(["import", "--format", "label-studio", str(listed), "--store", str(store)]) == 1
    _one_line_error(capsys, str(listed))


def _run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "tui", *argv], check=False, capture_output=True, text=True, timeout=30,
                          cwd=cwd, env=env)


def test_a_named_pipe_is_refused_at_once(tmp_path):
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    for argv in (["fifo.txt"], ["import", "--format", "doccano", "fifo.txt"]):
        result = _run([*argv, "--store", "s"], tmp_path)  # before: waited for a writer forever
        assert result.returncode == 1
        assert (
            result.stderr
            == "annotty: fifo.txt: is not a regular file (it is a named pipe); give a file saved on disk\n"
        )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_before_reading(tmp_path):
    result = _run(["/dev/zero", "--store", "s"], tmp_path)  # before: read until MemoryError
    assert result.returncode == 1
    assert result.stderr == "annotty: /dev/zero: is not a regular file (it is a device); give a file saved on disk\n"


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 1000)
    with pytest.raises(AnnottyError, match=r"big.txt: is too large"):
        read_input_file(path, limit=4096)
    assert read_article(path).text.startswith("word")


async def test_the_name_dialog_refuses_a_name_too_long_in_full(tmp_path):
    from tui.loading import find_articles
    from tui.ui.app import AnnottyApp

    article = tmp_path / "a.txt"
    article.write_text("Headline\n\nMaria Lopez spoke on [Monday].\n", encoding="utf-8")
    workspace = Workspace(find_articles([article]), Store(tmp_path / "s"), "placeholder", DEFAULT_SCHEMA)
    app = AnnottyApp(workspace, ask_name=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        status = app.query_one("#status")
        before = "".join(strip.text for strip in status.render_lines(status.region.reset_offset)).strip()
        assert before == "type your name to begin"  # not "READ-ONLY · <the server's login>"
        assert not status.has_class("read-only")
        app.screen.query_one("#name").value = LONG_CJK
        await pilot.press("enter")  # before: the name reached the file system and the app died
        await pilot.pause()
        problem = app.screen.query_one("#problem")
        shown = "".join(strip.text for strip in problem.render_lines(problem.region.reset_offset))
        assert problem.region.height >= 2 and "".join(shown.split()).endswith("atmost200bytes)")  # all of it
        app.screen.query_one("#name").value = "[b]maria"
        await pilot.press("enter")
        await pilot.pause()
        assert "'[b]maria'" in "".join(s.text for s in problem.render_lines(problem.region.reset_offset))
        app.screen.query_one("#name").value = "maria"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session.annotator == "maria" and not app.session.read_only


def test_a_schema_that_is_a_pipe_is_refused_at_once(tmp_path):
    os.mkfifo(tmp_path / "schema.toml")
    (tmp_path / "a.txt").write_text("Headline\n\nBody.")
    result = _run(["a.txt", "--schema", "schema.toml", "--store", "s"], tmp_path)  # before: waited forever
    assert result.returncode == 1
    assert (
        result.stderr == "annotty: schema.toml: is not a regular file (it is a named pipe); give a file saved on disk\n"
    )
