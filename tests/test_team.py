"""A team's stores: kept in git without conflicts, deterministic files,
merging stores and packs (annotty merge, annotty pack)."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

import tui
from tui.cli import main
from tui.errors import AnnottyError
from tui.loading import read_article
from tui.schema import DEFAULT_SCHEMA
from tui.session import Session
from tui.store import Store
from tui.store.merge import merge_store
from tui.store.pack import pack, unpack_and_merge

ARTICLES = {
    "storm": (
        "Storm batters the coast\n\nBy Jane Roe\n\n"
        "LISBON - Maria Silva said the storm was \u201cthe worst in decades\u201d, according to the "
        "Civil Protection Agency.\n\nFishermen in Peniche stayed ashore on Tuesday.\n"
    ),
    "budget": (
        "Budget vote delayed\n\n"
        "BERLIN - Chancellor Olaf Weber told reporters that the vote would wait until March.\n\n"
        "The Finance Ministry declined to comment.\n"
    ),
}

#: What each annotator tags: (phrase, label) per article.
WORK = {
    "alice": {"storm": [("Maria Silva", "PERSON"), ("Civil Protection Agency", "ORG")],
              "budget": [("Olaf Weber", "PERSON")]},
    "bob": {"storm": [("LISBON", "LOC"), ("Peniche", "LOC")],
            "budget": [("BERLIN", "LOC"), ("Finance Ministry", "ORG")]},
}


def write_articles(folder: Path, texts: dict[str, str] = ARTICLES) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in texts.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


def annotate(store_root: Path, article: Path, annotator: str, tags, close: bool = True):
    """Tag ``tags`` ((phrase, label) pairs) in ``article`` as ``annotator``,
    as the app does: save the document, open the file, tag, close."""
    document = read_article(article)
    store = Store(store_root)
    store.save_document(document)
    session = Session(document, DEFAULT_SCHEMA, store.open(document, annotator))
    for phrase, label in tags:
        start = document.text.index(phrase)
        session.tag(start, start + len(phrase), label)
    if close:
        session.close()
    return session


def annotate_all(store_root: Path, articles: list[Path], annotator: str) -> None:
    for article in articles:
        annotate(store_root, article, annotator, WORK[annotator][article.stem])


def spans_of(store_root: Path, annotator: str, doc_id: str) -> list[tuple[str, str]]:
    store = Store(store_root)
    document = store.load_document(doc_id)
    file = store.open(document, annotator, read_only=True)
    try:
        return [(span.text, span.label) for span in file.annotations.spans()]
    finally:
        file.close()


def expected_spans(annotator: str, doc_id: str) -> list[tuple[str, str]]:
    text = ARTICLES[doc_id]
    return sorted(WORK[annotator][doc_id], key=lambda tag: text.index(tag[0]))


def tree(root: Path, with_locks: bool = False) -> dict[str, bytes]:
    """Every file under ``root`` (relative path -> bytes), lock files left out
    unless asked for."""
    if not root.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and (with_locks or not p.name.endswith(".lock"))
    }


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """Run in tmp_path, so that documents record their source relative to it."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def articles(workdir) -> list[Path]:
    return write_articles(workdir / "articles")


# ---------------------------------------------------------------------------
# (a) two annotators, two clones, one repository: git merges cleanly


def _git_env(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    config = home / "gitconfig"
    config.write_text("[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n", encoding="utf-8")
    env.update(HOME=str(home), GIT_CONFIG_GLOBAL=str(config), GIT_CONFIG_NOSYSTEM="1", GIT_TERMINAL_PROMPT="0")
    return env


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git on PATH")
def test_two_annotators_share_a_store_through_git_without_conflicts(tmp_path, monkeypatch):
    env = _git_env(tmp_path)

    def git(cwd: Path, *args: str) -> str:
        result = subprocess.run(
            ["git", *args], check=False, cwd=cwd, env=env, capture_output=True, text=True, timeout=60
        )
        output = result.stdout + result.stderr
        assert result.returncode == 0, f"git {' '.join(args)} failed:\n{output}"
        assert "CONFLICT" not in output, output
        return output

    git(tmp_path, "init", "--bare", "-q", "shared.git")
    # The repository starts with one commit (two clones of an empty one would
    # have unrelated histories, which git refuses to merge).
    git(tmp_path, "clone", "-q", str(tmp_path / "shared.git"), "setup")
    (tmp_path / "setup" / "README.md").write_text("Annotations of the week.\n", encoding="utf-8")
    git(tmp_path / "setup", "add", "README.md")
    git(tmp_path / "setup", "-c", "user.name=Teacher", "-c", "user.email=t@example.org",
        "commit", "-q", "-m", "start")
    git(tmp_path / "setup", "push", "-q", "origin", "main")
    clones = {}
    for annotator in ("alice", "bob"):
        clone = tmp_path / annotator
        git(tmp_path, "clone", "-q", str(tmp_path / "shared.git"), annotator)
        git(clone, "config", "user.name", annotator.title())
        git(clone, "config", "user.email", f"{annotator}@example.org")
        (clone / ".gitignore").write_text("*.lock\n*.journal\n.*.tmp\n", encoding="utf-8")
        articles = write_articles(clone / "articles")
        monkeypatch.chdir(clone)  # annotty is run from the top of the repository
        annotate_all(clone / "annotations", articles, annotator)
        clones[annotator] = clone
    alice, bob = clones["alice"], clones["bob"]
    assert list((alice / "annotations").rglob("*.lock"))  # lock files are there, and ignored

    git(alice, "add", "-A")
    git(alice, "commit", "-q", "-m", "alice's annotations")
    git(alice, "push", "-q", "origin", "main")
    git(bob, "add", "-A")
    git(bob, "commit", "-q", "-m", "bob's annotations")
    git(bob, "pull", "--no-rebase", "--no-edit", "origin", "main")  # a true merge: both added files
    git(bob, "push", "-q", "origin", "main")
    git(alice, "pull", "--no-rebase", "--no-edit", "origin", "main")
    assert git(alice, "log", "--merges", "--oneline").strip()  # bob's pull was a true merge

    for clone in (alice, bob):
        assert git(clone, "status", "--porcelain") == ""
        tracked = git(clone, "ls-files").split()
        assert not [name for name in tracked if name.endswith((".lock", ".journal"))]
        store = Store(clone / "annotations")
        assert store.annotators() == ["alice", "bob"]
        assert store.document_ids() == ["budget", "storm"]
        for annotator in ("alice", "bob"):
            for doc_id in ("budget", "storm"):
                assert spans_of(clone / "annotations", annotator, doc_id) == expected_spans(annotator, doc_id)
    # Both clones wrote the same document files, byte for byte: that is what kept git quiet.
    assert tree(alice / "annotations") == tree(bob / "annotations")


# ---------------------------------------------------------------------------
# (b) deterministic files


@pytest.fixture
def fixed_ids(monkeypatch):
    """Span and relation ids from a counter instead of os.urandom; calling
    the fixture's value starts the counter again."""
    counter = [itertools.count()]

    def new_id(prefix: str) -> str:
        return f"{prefix}{next(counter[0]):010x}"

    monkeypatch.setattr("tui.model.new_id", new_id)
    monkeypatch.setattr("tui.session.new_id", new_id)
    return lambda: counter.__setitem__(0, itertools.count())


def test_the_same_work_in_two_stores_gives_the_same_bytes(workdir, articles, monkeypatch):
    first, second = workdir / "one", workdir / "two"
    annotate_all(first, articles, "alice")
    annotate_all(second, articles, "alice")
    documents = tree(first / "documents")
    assert documents and documents == tree(second / "documents")
    # Annotator files differ only by their random ids.
    for doc_id in ("storm", "budget"):
        assert spans_of(first, "alice", doc_id) == spans_of(second, "alice", doc_id)
    # No absolute path in any file (the article is inside the working folder).
    for content in tree(first).values():
        assert str(workdir).encode() not in content


def test_with_the_same_ids_every_file_is_the_same(workdir, articles, fixed_ids):
    first, second = workdir / "one", workdir / "two"
    annotate_all(first, articles, "alice")
    fixed_ids()
    annotate_all(second, articles, "alice")
    files = tree(first)
    assert "annotators/alice/storm.json" in files
    assert files == tree(second)


def test_a_second_save_of_an_unchanged_store_changes_no_byte(workdir, articles):
    root = workdir / "annotations"
    annotate_all(root, articles, "alice")
    before = tree(root)
    stamps = {rel: (root / rel).stat().st_mtime_ns for rel in before}
    store = Store(root)
    for article in articles:
        document = read_article(article)
        store.save_document(document)  # already stored as it is: not rewritten
        file = store.open(document, "alice")  # opened and closed without a change: not rewritten
        file.close()
        # Tagging what is already tagged changes nothing either.
        annotate(root, article, "alice", WORK["alice"][article.stem])
    assert tree(root) == before
    assert {rel: (root / rel).stat().st_mtime_ns for rel in before} == stamps
    for article in articles:  # an explicit rewrite gives the same bytes
        file = store.open(read_article(article), "alice")
        file.compact()
        file.close()
    assert tree(root) == before


def test_document_record_does_not_depend_on_the_working_folder(tmp_path, monkeypatch):
    records = []
    for clone in ("one", "two"):
        article = write_articles(tmp_path / clone / "articles")[0]
        elsewhere = tmp_path / f"{clone}-cwd"
        elsewhere.mkdir()
        monkeypatch.chdir(elsewhere)
        Store(tmp_path / clone / "annotations").save_document(read_article(article.resolve()))
        records.append((tmp_path / clone / "annotations/documents/storm.json").read_bytes())
    assert records[0] == records[1]


def test_marking_done_and_undone_leaves_the_file_as_before(workdir, articles):
    root = workdir / "annotations"
    annotate(root, articles[0], "alice", WORK["alice"]["storm"])
    path = root / "annotators" / "alice" / "storm.json"
    before = path.read_bytes()
    store = Store(root)
    document = read_article(articles[0])
    for done in (True, False):
        file = store.open(document, "alice")
        file.set_done(done)
        file.close()
    assert path.read_bytes() == before


# ---------------------------------------------------------------------------
# (c) merging stores


@pytest.fixture
def team(workdir, articles):
    """A target store with alice's work, and a copy of it to which bob added his."""
    target, source = workdir / "target", workdir / "source"
    annotate_all(target, articles, "alice")
    shutil.copytree(target, source)
    annotate_all(source, articles, "bob")
    return target, source


def test_merge_adds_a_new_annotator_and_skips_what_is_identical(team):
    target, source = team
    alice_before = tree(target / "annotators" / "alice")
    report = merge_store(source, target)
    assert report.ok and report.written
    assert sorted(report.added) == ["annotators/bob/budget.json", "annotators/bob/storm.json"]
    assert "annotators/alice/storm.json" in report.identical
    assert "documents/storm.txt" in report.identical
    assert tree(target / "annotators" / "bob") == tree(source / "annotators" / "bob")
    assert tree(target / "annotators" / "alice") == alice_before
    assert spans_of(target, "bob", "storm") == expected_spans("bob", "storm")
    # Merging again: everything is there already.
    again = merge_store(source, target)
    assert again.ok and not again.added and not again.written


def test_merge_adds_new_documents(workdir, articles):
    target, source = workdir / "target", workdir / "source"
    annotate(target, articles[0], "alice", WORK["alice"]["storm"])
    annotate(source, articles[1], "bob", WORK["bob"]["budget"])
    report = merge_store(source, target)
    assert report.ok
    assert sorted(report.added) == ["annotators/bob/budget.json", "documents/budget.json", "documents/budget.txt"]
    assert Store(target).document_ids() == ["budget", "storm"]
    assert spans_of(target, "bob", "budget") == expected_spans("bob", "budget")


def test_the_same_article_opened_from_another_folder_merges_cleanly(workdir, articles, monkeypatch):
    target, source = workdir / "target", workdir / "source"
    annotate(target, articles[0], "alice", WORK["alice"]["storm"])
    elsewhere = workdir / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the same article, recorded with another source path
    annotate(source, Path("../articles/storm.txt"), "bob", WORK["bob"]["storm"])
    report = merge_store(source, target)
    assert report.ok and report.added == ["annotators/bob/storm.json"]
    assert report.kept == []  # the record names the article relative to the store, so it is the same
    assert json.loads((target / "documents/storm.json").read_text())["document"]["document"]["source"] == \
        "articles/storm.txt"


def test_a_differing_file_is_a_conflict_and_nothing_is_written(team, articles, capsys):
    target, source = team
    annotate(source, articles[0], "alice", [("Peniche", "LOC")])  # alice's copy now differs
    before = tree(target, with_locks=True)
    report = merge_store(source, target)
    assert report.conflicts == ["annotators/alice/storm.json: differs from this store's copy (not overwritten)"]
    assert not report.written
    assert tree(target, with_locks=True) == before  # bob's new files were not written either
    assert main(["merge", str(source), "--store", str(target)]) == 1
    err = capsys.readouterr().err
    assert "conflict: annotators/alice/storm.json" in err and "nothing was written" in err
    assert tree(target, with_locks=True) == before


def test_a_document_with_another_text_is_a_conflict(workdir, articles):
    target, source = workdir / "target", workdir / "source"
    annotate(target, articles[0], "alice", WORK["alice"]["storm"])
    edited = write_articles(workdir / "edited", {"storm": ARTICLES["storm"].replace("Tuesday", "Monday")})
    annotate(source, edited[0], "bob", WORK["bob"]["storm"])
    before = tree(target, with_locks=True)
    report = merge_store(source, target)
    assert len(report.conflicts) == 1 and report.conflicts[0].startswith("document storm: its text differs")
    assert tree(target, with_locks=True) == before


def test_dry_run_writes_nothing(team, workdir, capsys):
    target, source = team
    before = tree(target, with_locks=True)
    report = merge_store(source, target, dry_run=True)
    assert report.ok and len(report.added) == 2 and not report.written
    assert tree(target, with_locks=True) == before
    assert main(["merge", str(source), "--store", str(target), "--dry-run"]) == 0
    assert "nothing written" in capsys.readouterr().err
    assert tree(target, with_locks=True) == before
    fresh = workdir / "fresh"
    assert merge_store(source, fresh, dry_run=True).ok
    assert not fresh.exists()


def test_a_leftover_journal_is_folded_in_and_the_source_left_alone(workdir, articles):
    source, copy, target = workdir / "source", workdir / "copy", workdir / "target"
    session = annotate(source, articles[0], "alice", WORK["alice"]["storm"], close=False)
    shutil.copytree(source, copy)  # copied while the session is open: a journal, no JSON file yet
    session.close()
    assert (copy / "annotators/alice/storm.json.journal").exists()
    copied = tree(copy, with_locks=True)
    report = merge_store(copy, target)
    assert report.ok and report.folded == ["annotators/alice/storm.json"]
    # Exactly the file annotty wrote when the session closed.
    assert (target / "annotators/alice/storm.json").read_bytes() == (
        source / "annotators/alice/storm.json"
    ).read_bytes()
    assert not (target / "annotators/alice/storm.json.journal").exists()
    assert tree(copy, with_locks=True) == copied


def test_a_damaged_source_file_is_a_conflict_and_left_as_it_is(team):
    target, source = team
    damaged = source / "annotators" / "bob" / "storm.json"
    damaged.write_bytes(damaged.read_bytes()[:-40])
    copied = tree(source)
    before = tree(target, with_locks=True)
    report = merge_store(source, target)
    assert len(report.conflicts) == 1
    assert report.conflicts[0].startswith("annotators/bob/storm.json: ") and "damaged" in report.conflicts[0]
    assert tree(source) == copied and tree(target, with_locks=True) == before


def test_merge_command_finds_the_store_inside_a_project_folder(workdir, articles, capsys):
    student = workdir / "student"
    annotate(student / "annotations", articles[0], "bob", WORK["bob"]["storm"])
    assert main(["merge", str(student), "--store", str(workdir / "annotations")]) == 0
    assert "3 file(s) added" in capsys.readouterr().err
    assert spans_of(workdir / "annotations", "bob", "storm") == expected_spans("bob", "storm")
    assert main(["merge", str(workdir / "articles"), "--store", str(workdir / "annotations")]) == 1
    assert "not an annotty store" in capsys.readouterr().err


# ---------------------------------------------------------------------------
# (d) packs


def test_pack_round_trip(workdir, articles, capsys):
    source = workdir / "source"
    annotate_all(source, articles, "alice")
    annotate_all(source, articles, "bob")
    out = workdir / "alice.zip"
    report = pack(source, "alice", out)
    assert report.documents == ["budget", "storm"]
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
    assert names == sorted(names) and not [n for n in names if "bob" in n]
    assert manifest["annotator"] == "alice" and manifest["annotty_version"] == tui.__version__
    assert manifest["documents"]["storm"]["sha256"] == read_article(articles[0]).sha256
    first = out.read_bytes()
    pack(source, "alice", out)
    assert out.read_bytes() == first  # same work, same zip

    target = workdir / "target"
    merged = unpack_and_merge(out, target)
    assert merged.ok and merged.written and merged.source == str(out)
    assert tree(target / "documents") == tree(source / "documents")
    assert Store(target).annotators() == ["alice"]
    assert tree(target / "annotators" / "alice") == tree(source / "annotators" / "alice")
    assert spans_of(target, "alice", "storm") == expected_spans("alice", "storm")

    # The same through the commands, with the default file name.
    assert main(["pack", "--annotator", "bob", "--store", str(source)]) == 0
    assert "packed 2 document(s) annotated by bob" in capsys.readouterr().err
    assert main(["merge", "bob.annotty.zip", "--store", str(target)]) == 0
    assert spans_of(target, "bob", "budget") == expected_spans("bob", "budget")
    assert main(["merge", "bob.annotty.zip", "--store", str(target)]) == 0  # again: all identical
    assert "0 file(s) added" in capsys.readouterr().err.splitlines()[-1]


def test_pack_of_an_unknown_annotator(workdir, articles, capsys):
    annotate(workdir / "annotations", articles[0], "alice", WORK["alice"]["storm"])
    assert main(["pack", "--annotator", "zoe"]) == 1
    assert "no annotations by zoe" in capsys.readouterr().err


def test_a_pack_made_on_another_text_is_refused(workdir, articles, capsys):
    source, target = workdir / "source", workdir / "target"
    annotate(source, articles[0], "alice", WORK["alice"]["storm"])
    out = workdir / "alice.zip"
    pack(source, "alice", out)
    edited = write_articles(workdir / "edited", {"storm": ARTICLES["storm"].replace("Tuesday", "Monday")})
    annotate(target, edited[0], "bob", WORK["bob"]["storm"])
    before = tree(target, with_locks=True)
    with pytest.raises(AnnottyError, match=r"another text .* document\(s\) storm "):
        unpack_and_merge(out, target)
    assert main(["merge", str(out), "--store", str(target)]) == 1
    assert "storm" in capsys.readouterr().err
    assert tree(target, with_locks=True) == before


def _evil_pack(path: Path, name: str) -> Path:
    text = ARTICLES["storm"].encode("utf-8")
    manifest = {"pack": 1, "annotator": "mallory", "documents": {}}
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr(name, text)
    return path


@pytest.mark.parametrize("name", ["../evil.txt", "documents/../../evil.txt", "/tmp/evil.txt",
                                  "C:/evil.txt", "documents\\..\\..\\evil.txt"])
def test_zip_slip_is_refused(workdir, name):
    target = workdir / "target"
    zip_path = _evil_pack(workdir / "evil.zip", name)
    with pytest.raises(AnnottyError, match="unsafe path"):
        unpack_and_merge(zip_path, target)
    assert not target.exists()
    assert not (workdir.parent / "evil.txt").exists() and not (workdir / "evil.txt").exists()


def test_a_zip_that_is_not_a_pack_is_refused(workdir):
    zip_path = workdir / "other.zip"
    with zipfile.ZipFile(zip_path, "w") as archive:
        archive.writestr("notes/readme.txt", "hello")
    with pytest.raises(AnnottyError, match="not an annotty pack"):
        unpack_and_merge(zip_path, workdir / "target")
    (workdir / "plain.zip").write_bytes(b"not a zip")
    with pytest.raises(AnnottyError, match="not a readable zip"):
        unpack_and_merge(workdir / "plain.zip", workdir / "target")
