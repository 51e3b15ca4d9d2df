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
        capture_output=True, text=True, timeout=60,
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
