"""Folders with bad files: every readable article opens, the others are
named, all of them and why, in one warning and by ``annotty check``."""

from __future__ import annotations

import pytest

from tui.cli import main
from tui.folder_check import check_articles
from tui.loading import find_articles


@pytest.fixture
def mixed_folder(tmp_path):
    folder = tmp_path / "desk"
    (folder / "sub").mkdir(parents=True)
    (folder / "a-good.txt").write_text("Ayşe Yılmaz resigned on Monday.\n", encoding="utf-8")
    (folder / "sub" / "z-good.md").write_text("# Headline\n\nBody 中文 🎉.\r\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 10)
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "records.jsonl").write_text('{"id": "r1", "text": "fine"}\n{broken\n', encoding="utf-8")
    return folder


def test_the_report_names_every_bad_file_with_why(mixed_folder):
    report = check_articles(find_articles([mixed_folder]))
    assert [path.name for path in report.readable] == ["a-good.txt", "z-good.md"]
    lines = report.lines()
    assert len(lines) == 3
    assert any("binary.txt" in line and "binary" in line.split(": ", 1)[1] for line in lines)
    assert any("empty.txt" in line and "empty" in line for line in lines)
    assert any("records.jsonl" in line and "line 2" in line for line in lines)
    warning = report.warning()
    assert warning.startswith("3 of 5 files cannot be opened") and all(line in warning for line in lines)


def test_check_prints_the_report_and_fails_on_a_bad_folder(mixed_folder, capsys):
    assert main(["check", str(mixed_folder)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "3 of 5 file(s) cannot be opened:"
    assert {line.split(": ")[0].rsplit("/", 1)[-1] for line in out.splitlines()[1:]} == {
        "binary.txt", "empty.txt", "records.jsonl"}


def test_check_passes_a_good_folder(mixed_folder, capsys):
    for bad in ("binary.txt", "empty.txt", "records.jsonl"):
        (mixed_folder / bad).unlink()
    assert main(["check", str(mixed_folder)]) == 0
    assert "all 2 file(s) can be opened" in capsys.readouterr().out


def test_opening_reads_only_up_to_the_first_readable_article_and_the_record_files(mixed_folder, tmp_path,
                                                                                   monkeypatch):
    from tui.ui.app import AnnottyApp

    opened = []
    # A function, so that the app comes in as self.
    monkeypatch.setattr(AnnottyApp, "run", lambda app: opened.append(app))  # noqa: PLW0108
    (mixed_folder / "0-binary-first.txt").write_bytes(b"\x00\x01" * 50)
    assert main([str(mixed_folder), "--store", str(tmp_path / "store")]) == 0
    (app,) = opened
    # Known before the first frame: the bad file before the first readable one, and the bad record file.
    assert sorted(path.name for path, _error in app._opening.problems) == ["0-binary-first.txt", "records.jsonl"]
    # The rest is read after the first frame (by the corpus index).
    assert [path.name for path in app.workspace.paths] == ["a-good.txt", "binary.txt", "empty.txt", "z-good.md"]


def test_a_folder_of_bad_files_only_is_refused_naming_them_all(mixed_folder, tmp_path, capsys):
    for good in ("a-good.txt", "sub/z-good.md"):
        (mixed_folder / good).unlink()
    assert main([str(mixed_folder), "--store", str(tmp_path / "store")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "none of the 3 files" in err
    assert all(name in err for name in ("binary.txt", "empty.txt", "records.jsonl"))
