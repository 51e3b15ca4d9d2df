"""What an archive of 30,000 articles does per article, done in bulk and
giving what the one-by-one rule gives: the progress of every article (the
article list, the status line), the binary-file sniff, where a file is
recorded from."""

from __future__ import annotations

from tui.errors import AnnottyError
from tui.loading import find_articles
from tui.schema import DEFAULT_SCHEMA
from tui.store import Store
from tui.workspace import Workspace
from tui.workspace_index import progress_of_all


def one_by_one(store: Store, annotator: str, doc_ids: list[str]) -> list:
    """The rule written out: check the id, then ask the store."""
    results: list = []
    for doc_id in doc_ids:
        try:
            from tui.store import check_name

            check_name(doc_id, "document id")
            results.append(store.progress(annotator, doc_id))
        except AnnottyError as error:
            results.append(str(error))
    return results


def test_progress_of_all_is_the_store_asked_one_by_one(tmp_path, monkeypatch):
    folder = tmp_path / "desk"
    folder.mkdir()
    for n in range(30):
        (folder / f"story{n:02d}.txt").write_text(f"Story {n}\n\nThe council met on day {n}.\n", encoding="utf-8")
    store = Store(tmp_path / "store")
    workspace = Workspace(find_articles([folder]), store, "alice", DEFAULT_SCHEMA)
    done = workspace.open(3)
    done.set_done(True)
    done.file.close()
    started = workspace.open(7)
    started.tag(0, 5, started.schema.labels[0].name)
    started.file.close()
    ids = [*workspace.ids, "-bad", "bad name", "", "x" * 300, "ok.but.unknown"]
    expected = one_by_one(store, "alice", ids)
    assert expected[3] == (0, "done") and expected[7][0] == 1 and expected[0] == (0, "todo")
    asked = []
    original = Store.progress
    monkeypatch.setattr(Store, "progress", lambda self, annotator, doc_id: asked.append(doc_id)
                        or original(self, annotator, doc_id))
    found = progress_of_all(store, "alice", ids)
    assert [str(r) if isinstance(r, AnnottyError) else r for r in found] == expected
    assert sorted(asked) == sorted([ids[3], ids[7]])


def test_the_binary_sniff_counts_control_bytes_as_before():
    import random

    from tui.loading import _looks_binary

    def one_by_one(sample: bytes) -> bool:
        controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
        return b"\x00" in sample or controls > max(4, len(sample) // 20)

    rng = random.Random(17)
    samples = [b"", b"plain text\r\n\tand a form feed\x0c", b"\x01\x02\x03\x04", b"\x01\x02\x03\x04\x05", b"a\x00b"]
    for _ in range(300):
        alphabet = bytes(rng.sample(range(1, 256), 40))
        samples.append(bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 400))))
    assert [_looks_binary(s) for s in samples] == [one_by_one(s) for s in samples]
    assert sum(map(one_by_one, samples)) > 20 and sum(not one_by_one(s) for s in samples) > 20  # both kinds


def test_where_a_file_is_recorded_from_follows_the_working_folder(tmp_path, monkeypatch):
    from pathlib import Path

    from tui.loading import source_name

    (tmp_path / "a" / "b").mkdir(parents=True)
    article = tmp_path / "a" / "b" / "story.txt"
    article.write_text("x\n")
    monkeypatch.chdir(tmp_path)
    assert source_name(article) == "a/b/story.txt"
    monkeypatch.chdir(tmp_path / "a")
    assert source_name(article) == "b/story.txt" and source_name(Path("b/story.txt")) == "b/story.txt"
