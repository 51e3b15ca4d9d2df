"""annotty merge: each way a source store can be refused file by file, with
the reason named and nothing written (the checks ``merge_store`` makes before
it writes anything)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.loading import read_article
from tui.schema import DEFAULT_SCHEMA
from tui.session import Session
from tui.store import Store
from tui.store.merge import merge_store

ARTICLES = {
    "storm": "Storm batters the coast\n\nMaria Silva said the storm was bad.\n",
    "budget": "Budget vote delayed\n\nOlaf Weber told reporters the vote would wait.\n",
}


def annotate(store_root: Path, article: Path, annotator: str, phrase: str) -> None:
    document = read_article(article)
    store = Store(store_root)
    store.save_document(document)
    session = Session(document, DEFAULT_SCHEMA, store.open(document, annotator))
    start = document.text.index(phrase)
    session.tag(start, start + len(phrase), "PERSON")
    session.close()


@pytest.fixture
def stores(tmp_path: Path) -> tuple[Path, Path]:
    """A source with alice's work on both articles; a target with bob's on one."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for name, text in ARTICLES.items():
        (articles / f"{name}.txt").write_text(text, encoding="utf-8", newline="\n")
    source, target = tmp_path / "source", tmp_path / "target"
    annotate(source, articles / "storm.txt", "alice", "Maria Silva")
    annotate(source, articles / "budget.txt", "alice", "Olaf Weber")
    annotate(target, articles / "storm.txt", "bob", "Maria Silva")
    return source, target


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.name.endswith(".lock")}


def refused(source: Path, target: Path) -> list[str]:
    """The conflicts of merging ``source`` into ``target``, checking that the
    target was left as it was."""
    before = files_of(target)
    report = merge_store(source, target)
    assert not report.written
    assert files_of(target) == before
    return [conflict.replace(str(source), "SOURCE") for conflict in report.conflicts]


def test_a_document_name_annotty_never_writes_is_refused(stores):
    source, target = stores
    shutil.copy(source / "documents" / "storm.txt", source / "documents" / "bad name!.txt")
    assert refused(source, target) == ["documents/bad name!.json: 'bad name!' is not a document name annotty writes"]


def test_an_annotator_name_annotty_never_writes_is_refused(stores):
    source, target = stores
    shutil.copytree(source / "annotators" / "alice", source / "annotators" / "bad name!")
    assert refused(source, target) == ["annotators/bad name!: 'bad name!' is not an annotator name annotty writes"]


@pytest.mark.parametrize("missing", ["budget.txt", "budget.json"])
def test_a_document_missing_half_of_its_files_is_refused_with_its_annotations(stores, missing):
    source, target = stores
    (source / "documents" / missing).unlink()
    # alice's file on it is not reported again: the document's conflict covers it.
    assert refused(source, target) == [f"document budget: SOURCE: the source store lacks documents/{missing}"]


def test_a_text_that_does_not_match_its_record_is_refused(stores):
    source, target = stores
    (source / "documents" / "budget.txt").write_text("Another text altogether.\n", encoding="utf-8")
    assert refused(source, target) == [
        "document budget: SOURCE/documents/budget.txt: the text does not match the sha256 its record gives"]


def test_annotations_on_a_text_neither_store_holds_are_refused(stores):
    source, target = stores
    for suffix in (".txt", ".json"):
        (source / "documents" / f"budget{suffix}").unlink()
    assert refused(source, target) == [
        "annotators/alice/budget.json: annotations on a document whose text is in neither store"]


def test_without_a_conflict_the_same_stores_merge(stores):
    source, target = stores
    report = merge_store(source, target)
    assert report.conflicts == [] and report.written
    assert report.added == ["documents/budget.txt", "documents/budget.json",
                            "annotators/alice/budget.json", "annotators/alice/storm.json"]
    assert report.identical == ["documents/storm.txt", "documents/storm.json"]
