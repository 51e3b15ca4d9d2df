"""The article files of a run: the folder walk finds what ``Path.rglob`` and
``sorted`` found, in their order, and files are Paths only when asked for."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui import article_files
from tui.article_files import ArticlePaths, positions_with_suffix, stems, suffix, walk_folder
from tui.loading import ARTICLE_SUFFIXES, find_articles
from tui.names import safe_name, safe_names

SUFFIXES = (*ARTICLE_SUFFIXES, ".jsonl")


def what_rglob_finds(folder: Path) -> list[str]:
    """The walk as it was written before (rglob, a stat per file, sorted Paths)."""
    return [str(p) for p in sorted(
        p for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )]


@pytest.fixture
def tangled(tmp_path):
    """Names whose order as strings differs from their order as Paths, hidden
    files and folders, links, a folder named like an article, other files."""
    root = tmp_path / "desk"
    for folder in ("a", "a-b", "a.b", "A", "z", "ünï", "日本", ".hidden", "a/.git", "a/deep/er", "story.txt"):
        (root / folder).mkdir(parents=True)
    for name in ("a/b.txt", "a-b/c.md", "a.b/d.TXT", "A/e.jsonl", "z/f.txt", "ünï/g.txt", "日本/記事.txt",
                 ".hidden/h.txt", "a/.git/i.txt", "a/deep/er/j.md", "a/deep/k.txt", "story.txt/l.txt",
                 ".dot.txt", "top.txt", "top.json", "notes.csv", "a/deep/noext", "z/.txt", "z/x.txt."):
        (root / name).write_text("x\n", encoding="utf-8")
    (root / "linked.txt").symlink_to(root / "top.txt")
    (root / "linked-folder").symlink_to(root / "a", target_is_directory=True)
    return root


@pytest.mark.parametrize("given", ["desk", "desk/", "./desk"])
def test_the_walk_finds_what_rglob_found_in_the_same_order(tangled, monkeypatch, given):
    monkeypatch.chdir(tangled.parent)
    expected = what_rglob_finds(Path(given))
    assert len(expected) == 12  # the fixture holds what it means to
    assert walk_folder(Path(given), SUFFIXES) == expected
    assert find_articles([given]) == [Path(p) for p in expected]


def test_the_working_folder_itself(tangled, monkeypatch):
    monkeypatch.chdir(tangled)
    assert walk_folder(Path("."), SUFFIXES) == what_rglob_finds(Path("."))


def test_the_walk_reads_no_file_status(tangled, monkeypatch):
    """The kind of each entry comes with the listing: no stat per file."""
    calls = []
    original = os.stat
    monkeypatch.setattr(os, "stat", lambda *a, **k: calls.append(a) or original(*a, **k))
    monkeypatch.setattr(Path, "stat", lambda *a, **k: pytest.fail("a Path was stat'ed"))
    walk_folder(tangled, SUFFIXES)
    assert calls == []


def test_paths_are_made_only_when_asked_for(tangled, monkeypatch):
    made = []
    monkeypatch.setattr(article_files, "Path", lambda value: made.append(value) or Path(value))
    files = find_articles([tangled])
    assert made == [] and len(files) == 12
    assert files[3] == Path(files.strings[3]) and files[3] is files[3]
    assert made == [files.strings[3]]
    assert files[-1].name == "記事.txt" and files[1:3] == [Path(s) for s in files.strings[1:3]]


def test_article_paths_compare_and_search_as_lists():
    files = ArticlePaths(["a/x.txt", "b/y.md"])
    assert files == [Path("a/x.txt"), Path("b/y.md")] and files == ArticlePaths(["a/x.txt", "b/y.md"])
    assert files != [Path("a/x.txt")]
    assert files.index(Path("b/y.md")) == 1 and Path("a/x.txt") in files
    assert ArticlePaths.of(files) is files and ArticlePaths.of([Path("c.txt")]).strings == ["c.txt"]
    assert files.without({0}).strings == ["b/y.md"]


TRICKY = ["a.txt", "a.b.txt", "a.", ".a", "..a", "a..b", "dir/x.md", "dir.d/x", "/abs/y.TXT", "noext", "ü/日本.txt",
          ".", "x/.hidden", "sp ace.jsonl", "a.json", "b.JSONL"]


def test_suffix_and_stem_are_those_of_pathlib():
    assert [suffix(p) for p in TRICKY] == [Path(p).suffix for p in TRICKY]
    assert stems(TRICKY[:-5] + TRICKY[-4:]) == [Path(p).stem for p in TRICKY[:-5] + TRICKY[-4:]]
    assert stems(["a\nb.txt", "c.md"]) == ["a\nb", "c"]
    assert positions_with_suffix(TRICKY, (".jsonl", ".json")) == [13, 14, 15]
    assert positions_with_suffix(["a.txt"], (".jsonl", ".json")) == []


def test_safe_names_are_safe_name_of_each():
    values = ["", "a", "-a", "a-", ".a", "a.", "a b", "ü", "日本" * 30, "x" * 50, "x" * 51, "a" * 201, "ok.name",
              "ok_name-2", "\udcff", "e\u0301", "🙂", "a\tb", "story-000001"]
    assert safe_names(values, "article") == [safe_name(v, "article") for v in values]
    assert safe_names(["a\nb", "c d"], "article") == ["a-b", "c-d"]
    assert safe_names([], "article") == []


def test_opening_an_archive_makes_paths_only_for_what_it_reads(tmp_path, monkeypatch):
    """Checking, naming and opening the first article, and setting up the
    corpus index, make a Path for the article read, not for each article."""
    from tui.folder_check import check_to_open, merged
    from tui.schema import DEFAULT_SCHEMA
    from tui.store import Store
    from tui.workspace import Workspace

    folder = tmp_path / "archive"
    for n in range(300):
        (folder / f"{n // 100}").mkdir(parents=True, exist_ok=True)
        (folder / f"{n // 100}" / f"story-{n:03d}.txt").write_text(f"Story {n}\n\nText.\n", encoding="utf-8")
    (folder / "0" / "story-000.txt").write_bytes(b"\x00\x01" * 50)  # the first is passed over
    made = []
    monkeypatch.setattr(article_files, "Path", lambda value: made.append(value) or Path(value))
    report = check_to_open(find_articles([folder]))
    workspace = Workspace(report.readable, Store(tmp_path / "store"), "alice", DEFAULT_SCHEMA)
    start, skipped = workspace.first_readable()
    assert (start, len(workspace), len(skipped), len(report.problems)) == (0, 299, 0, 1)
    assert workspace.ids[:2] == ["story-001", "story-002"] and len(set(workspace.ids)) == 299
    workspace.corpus_index  # noqa: B018  set up on the screen's thread after the first frame
    assert len(made) <= 2  # the bad file, the first article
    later = workspace.corpus_index.unreadable()
    assert merged(report, later).readable == workspace.paths  # nothing else is unreadable


@pytest.mark.parametrize("alphabet", ["ab.-_ çş日🙂\u0301", "ab.-_ +/\t09XZ~"])
def test_safe_names_agree_with_safe_name_on_random_names(alphabet):
    import random

    rng = random.Random(17)
    for _ in range(2000):
        values = ["".join(rng.choice(alphabet) for _ in range(rng.choice([rng.randint(0, 8), rng.randint(40, 70)])))
                  for _ in range(rng.randint(0, 5))]
        assert safe_names(values, "article") == [safe_name(v, "article") for v in values], values


def test_a_store_inside_the_folder_is_not_read_as_articles(tmp_path, monkeypatch):
    """``annotty .`` keeps its store in ./annotations: run again, the store's
    copies of the texts and the pages it kept must not come back as articles."""
    from tui.loading import find_articles
    from tui.store import Store
    from tui.workspace import Workspace
    from tui.schema import DEFAULT_SCHEMA

    (tmp_path / "story.txt").write_text("Headline\n\nThe mayor said it would rain.\n", encoding="utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "documents").mkdir()  # a folder named so, not a store
    (tmp_path / "notes" / "documents" / "memo.txt").write_text("A memo.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    workspace = Workspace(find_articles([Path(".")]), Store(Path("annotations")), "alice", DEFAULT_SCHEMA)
    workspace.open(0).close()
    assert list((tmp_path / "annotations" / "documents").glob("*.txt"))  # the store holds a copy
    (tmp_path / "annotations" / "originals").mkdir(exist_ok=True)
    (tmp_path / "annotations" / "originals" / "page.md").write_text("# Kept\n", encoding="utf-8")
    assert [str(p) for p in find_articles([Path(".")])] == ["notes/documents/memo.txt", "story.txt"]
