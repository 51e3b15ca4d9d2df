"""A folder of articles: the document list, done, next/previous, find everywhere."""

from __future__ import annotations

from pathlib import Path

from tui.workspace import unique_ids

from .helpers import SIZE, make_app


def write_corpus(root: Path) -> Path:
    (root / "desk" / "b").mkdir(parents=True)
    (root / "desk" / "a.txt").write_text("Floods in Kumamoto\n\nRescue teams reached Kumamoto, Sato said.\n")
    (root / "desk" / "b" / "a.txt").write_text("Another story\n\nKumamoto again, said Ghika.\n")
    (root / "desk" / "c.md").write_text("# Third\n\nNothing about the city.\n")
    return root / "desk"


def test_same_file_names_get_distinct_ids(tmp_path):
    folder = write_corpus(tmp_path)
    assert unique_ids([folder / "a.txt", folder / "b" / "a.txt", folder / "c.md"]) == ["desk--a", "b--a", "c"]


async def test_list_filter_open_done_and_progress(tmp_path):
    folder = write_corpus(tmp_path)
    app = make_app([folder], tmp_path / "store")
    async with app.run_test(size=SIZE) as pilot:
        assert app.index == 0
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "DocumentList"
        await pilot.press(*"third", "enter")
        await pilot.pause()
        assert app.session.document.headline == "Third"
        await pilot.press("ctrl+d")
        assert app.session.status == "done"
        assert "1 done" in str(app.query_one("#status").render())
        await pilot.press("less_than_sign")
        assert app.index == 1
        await pilot.press("greater_than_sign")
        assert app.session.status == "done"  # kept in the store
        await pilot.press("ctrl+o")
        await pilot.pause()
        rows = app.screen._shown
        assert [row.status for row in rows] == ["todo", "todo", "done"]


async def test_find_in_every_article_opens_the_match(tmp_path):
    folder = write_corpus(tmp_path)
    app = make_app([folder], tmp_path / "store")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("F")
        await pilot.pause()
        await pilot.press(*"kumamoto", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        matches = app.screen._matches
        assert [(m.index, m.matched) for m in matches] == [(0, "Kumamoto"), (0, "Kumamoto"), (1, "Kumamoto")]
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.index == 1
        start, end = app.article.selection
        assert app.session.document.text[start:end] == "Kumamoto"
        await pilot.press("l")
        assert [s.text for s in app.session.annotations.spans()] == ["Kumamoto"]


async def test_a_slow_find_in_every_article_leaves_the_keys_working(tmp_path):
    """While the corpus index is first built a find reads the articles
    themselves (seconds in an archive): Esc must still close the screen."""
    import threading

    folder = write_corpus(tmp_path)
    app = make_app([folder], tmp_path / "store")
    release = threading.Event()
    searching = app.workspace.find_everywhere

    def slow(query):
        release.wait(10)
        return searching(query)

    app.workspace.find_everywhere = slow
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("F")
        await pilot.pause()
        await pilot.press(*"kumamoto", "enter")
        await pilot.pause()
        assert "finding “kumamoto”" in str(app.screen.query_one("#summary").render())
        await pilot.press("escape")  # handled while the find still runs
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is app.screen_stack[0]  # the late result opens nothing


async def test_jsonl_records_are_articles(tmp_path):
    folder = write_corpus(tmp_path)
    lines = [
        '{"id": "wire/1", "text": "Ghika said on Thursday.\\r\\nMore text.", "meta": {"title": "Wire one"}}',
        "",
        '{"text": "Second record, no id."}',
    ]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n")
    app = make_app([folder], tmp_path / "store")
    assert app.workspace.ids == ["desk--a", "b--a", "c", "wire-1", "wire-3"]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press(*"wire", "space", "one", "enter")
        await pilot.pause()
        assert app.session.document.text == "Ghika said on Thursday.\nMore text."
        assert app.session.document.source.endswith("wire.jsonl:1")
        await pilot.press("p")  # the word at the caret
        assert [s.text for s in app.session.annotations.spans()] == ["Ghika"]


def test_bad_records_are_named_with_their_line(tmp_path, capsys):
    from tui.cli import main

    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "fine"}\n{"title": "no text"}\n')
    assert main([str(path), "--store", str(tmp_path / "s")]) == 1
    assert f"{path}:2: the record has no \"text\"" in capsys.readouterr().err


async def test_statistics_screen(tmp_path):
    folder = write_corpus(tmp_path)
    app = make_app([folder], tmp_path / "store")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")  # tags the word at the caret
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "StatsScreen"
        assert "Annotations per label" in "\n".join(app.screen._lines)
        assert any("PERSON" in line and "█" in line for line in app.screen._lines)


async def test_the_done_count_reads_only_the_files_there_are(tmp_path, monkeypatch):
    """The status line's "N done" is counted from one listing of the
    annotator's folder: no file checks for the articles never opened."""
    from tui.store import Store

    folder = write_corpus(tmp_path)
    for n in range(40):
        (folder / f"extra{n:02d}.txt").write_text(f"Extra {n}\n\nA short story.\n")
    app = make_app([folder], tmp_path / "store")
    app.session.set_done(True)
    asked = []
    original = Store.progress
    monkeypatch.setattr(Store, "progress", lambda self, annotator, doc_id: asked.append(doc_id)
                        or original(self, annotator, doc_id))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "1 done" in str(app.query_one("#status").render())
    assert asked == [app.session.document.id]


async def test_the_list_while_the_index_is_built_says_so_and_reads_nothing(tmp_path, monkeypatch):
    import threading

    from tui.corpus_index import CorpusIndex

    folder = write_corpus(tmp_path)
    release = threading.Event()
    original = CorpusIndex.update
    monkeypatch.setattr(CorpusIndex, "update", lambda self, entries, load: release.wait(10)
                        and original(self, entries, load))
    app = make_app([folder], tmp_path / "store")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.workspace.corpus_index.building
            await pilot.press("ctrl+o")
            await pilot.pause()
            assert [row.title for row in app.screen._shown] == ["a.txt", "a.txt", "c.md"]
            assert any("being built" in str(n.message) for n in app._notifications)
    finally:
        release.set()


async def test_the_list_of_one_article_says_article(tmp_path):
    article = tmp_path / "one.txt"
    article.write_text("Headline\n\nThe council met on Monday.\n", encoding="utf-8")
    app = make_app([article], tmp_path / "store")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        summary = str(app.screen.query_one("#summary").render())
        assert summary.startswith("1 of 1 article shown,"), summary
