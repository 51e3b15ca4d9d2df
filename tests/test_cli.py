from __future__ import annotations

import subprocess
import sys

import pytest

from tui.cli import main


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the article is empty"),
        (b"\x00\x01\x02binary\x00" * 10, "binary"),
    ],
)
def test_bad_articles_exit_with_one_line(tmp_path, capsys, content, message):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    assert main([str(path), "--store", str(tmp_path / "store")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and str(path) in err
    assert not (tmp_path / "store").exists()  # nothing half-written


def test_folder_without_articles(tmp_path, capsys):
    assert main([str(tmp_path)]) == 1
    assert "no articles" in capsys.readouterr().err


def test_bad_schema_and_bad_annotator(tmp_path, capsys, seed_path):
    schema = tmp_path / "s.toml"
    schema.write_text("[labels.A]\nkey = 'x'\n")
    assert main([str(seed_path), "--schema", str(schema), "--store", str(tmp_path)]) == 1
    assert "taken by annotty" in capsys.readouterr().err
    assert main([str(seed_path), "--annotator", "a/b", "--store", str(tmp_path)]) == 1
    assert "annotator name" in capsys.readouterr().err


def test_no_traceback_from_the_real_command(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tui", str(tmp_path / "missing.txt")],
        check=False, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == f"annotty: {tmp_path / 'missing.txt'}: no such file or folder"
    assert "Traceback" not in result.stderr


def test_the_command_list_matches_the_command_modules():
    from pathlib import Path

    from tui.commands import COMMANDS, module_name

    folder = Path(__file__).resolve().parents[1] / "tui" / "commands"
    modules = {p.stem for p in folder.glob("*.py")} - {"__init__", "common"}
    assert {module_name(name) for name in COMMANDS} == modules


def test_piping_into_head_is_quiet(tmp_path):
    """``annotty export | head``: the reader goes away early; no traceback, no error message."""
    import subprocess
    import sys

    import os
    from pathlib import Path

    store = tmp_path / "annotations"
    from tui.loading import find_articles
    from tui.schema import DEFAULT_SCHEMA
    from tui.store import Store
    from tui.workspace import Workspace

    seed = Path(__file__).resolve().parents[1] / "seeds"
    workspace = Workspace(find_articles([seed]), Store(store), "alice", DEFAULT_SCHEMA)
    session = workspace.open(0)
    text = session.document.text
    session.tag(text.index("Ghika"), text.index("Ghika") + 5, "PERSON")
    session.close()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    for command in (["export", "--store", str(store)], ["stats", "--json", "--store", str(store)]):
        process = subprocess.Popen([sys.executable, "-m", "tui", *command], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, env=env, cwd=tmp_path)
        process.stdout.close()  # as head does once it has its lines
        errors = process.stderr.read().decode()
        process.wait()
        assert "Traceback" not in errors and "BrokenPipe" not in errors, errors
        assert errors == "", errors


def test_a_mistyped_command_is_named(tmp_path, monkeypatch, capsys):
    from tui.cli import main as cli_main

    monkeypatch.chdir(tmp_path)
    assert cli_main(["expor"]) == 2
    assert "did you mean 'annotty export'?" in capsys.readouterr().err
    assert cli_main(["xyzzy"]) == 1  # nothing like a command: the usual missing file
    assert "xyzzy" in capsys.readouterr().err


def test_the_store_is_named_on_quitting(tmp_path, monkeypatch, capsys):
    from tui.cli import main as cli_main
    from tui.ui.app import AnnottyApp

    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.txt").write_text("A short story about Ana.\n")
    monkeypatch.setattr(AnnottyApp, "run", lambda self: None)  # quit at once
    assert cli_main(["story.txt", "--annotator", "maria"]) == 0
    assert "saved in annotations/annotators/maria/" in capsys.readouterr().out
