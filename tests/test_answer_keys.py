"""Answer keys kept apart from the class (--key DIR or a key pack), names
that are keys refused as a reader's, an unknown key or annotator as one line
everywhere, and the class roster."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from tui.answer_key import protected_names, recorded_keys
from tui.cli import main
from tui.model import Annotations, Document, Relation, Span
from tui.store import Store

A = "Christopher Ghika told reporters: “We will win.” Reuters said 30 people died in Beirut."


def sp(span_id: str, sub: str, label: str, kind: str = "entity") -> Span:
    start = A.index(sub)
    return Span(span_id, start, start + len(sub), label, kind, sub, {})


KEY = Annotations([sp("p", "Christopher Ghika", "PERSON"), sp("q", "“We will win.”", "QUOTE", "quote"),
                   sp("o", "Reuters", "ORG"), sp("l", "Beirut", "LOC")], [Relation("r", "q", "p", "SPEAKER")])
MARIA = Annotations([sp("s1", "Christopher Ghika", "PERSON"), sp("s2", "“We will win.”", "QUOTE", "quote"),
                     sp("s3", "Reuters", "LOC")], [Relation("r2", "s2", "s3", "SPEAKER")])


@pytest.fixture
def stores(tmp_path: Path) -> tuple[Path, Path]:
    """The class store (students only) and the teacher's store (the key), apart."""
    document = Document("story", A)
    classroom, teacher = Store(tmp_path / "class"), Store(tmp_path / "teacher")
    classroom.write_annotations(document, "maria", MARIA)
    classroom.write_annotations(document, "lee", KEY)
    teacher.write_annotations(document, "teacher", KEY)
    return tmp_path / "class", tmp_path / "teacher"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def graded_json(capsys, *argv) -> dict:
    code, out, err = run(capsys, "grade", *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_a_key_kept_in_another_store_or_a_pack_grades_as_if_it_were_in_the_class(stores, tmp_path, capsys):
    classroom, teacher = stores
    together = tmp_path / "together"
    shutil.copytree(classroom, together)
    Store(together).write_annotations(Document("story", A), "teacher", KEY)
    expected = graded_json(capsys, "--store", str(together), "--gold", "teacher", "--annotator", "maria")
    assert expected["documents"]["story"]["wrong_label"]  # Reuters: ORG in the key, LOC for maria

    apart = graded_json(capsys, "--store", str(classroom), "--gold", "teacher", "--key", str(teacher),
                        "--annotator", "maria")
    assert apart == expected
    pack = tmp_path / "teacher.annotty.zip"
    assert run(capsys, "pack", "--store", str(teacher), "--annotator", "teacher", "--out", str(pack))[0] == 0
    packed = graded_json(capsys, "--store", str(classroom), "--gold", "teacher", "--key", str(pack),
                         "--annotator", "maria")
    assert packed == expected
    whole = graded_json(capsys, "--store", str(classroom), "--gold", "teacher", "--key", str(pack), "--all")
    assert set(whole["students"]) == {"lee", "maria"}  # the key is not a student
    assert whole["students"]["maria"]["documents"] == expected["documents"]
    assert not (classroom / "annotators" / "teacher").exists()  # the key never enters the class store
    assert recorded_keys(classroom) == {"teacher"}  # but its name is recorded as a key's


def test_a_wrong_key_is_one_line(stores, tmp_path, capsys):
    classroom, teacher = stores
    pack = tmp_path / "lee.zip"
    assert run(capsys, "pack", "--store", str(classroom), "--annotator", "lee", "--out", str(pack))[0] == 0
    other_text = tmp_path / "other"
    Store(other_text).write_annotations(Document("story", A.replace("Beirut", "Aleppo")), "teacher",
                                        Annotations([sp("p", "Christopher Ghika", "PERSON")]))
    cases = [
        (["--key", str(pack)], f"{pack}: this key pack holds lee's annotations, not teacher's"),
        (["--key", str(tmp_path / "nowhere")], f"{tmp_path / 'nowhere'}: no such folder or key pack"),
        (["--key", str(classroom)], f"{classroom}: no annotations by teacher (the answer key) here"),
        (["--key", str(other_text)], f"{other_text}: the answer key was made on another text of document story "
                                     "than this store's"),
    ]
    for extra, message in cases:
        for who in (["--annotator", "maria"], ["--all"]):
            code, out, err = run(capsys, "grade", "--store", str(classroom), "--gold", "teacher", *extra, *who)
            assert (code, out, err) == (1, "", f"annotty: {message}\n"), (extra, who)


@pytest.mark.parametrize("argv", [
    ["grade", "--gold", "nobody", "--annotator", "maria"],
    ["grade", "--gold", "nobody", "--all"],
    ["grade", "--gold", "lee", "--annotator", "nobody"],
    ["agree", "--annotators", "maria,nobody"],
    ["adjudicate", "--annotators", "maria,nobody"],
    ["export", "--annotator", "nobody"],
    ["pack", "--annotator", "nobody"],
    ["stats", "--annotators", "maria,nobody"],
])
def test_an_unknown_key_or_annotator_is_one_line_in_every_command(stores, capsys, argv):
    classroom, _teacher = stores
    code, out, err = run(capsys, *argv, "--store", str(classroom))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("annotty: ") and "nobody" in err


def test_the_app_refuses_an_unknown_key_before_it_starts(stores, tmp_path, capsys, seed_path):
    classroom, teacher = stores
    code, out, err = run(capsys, str(seed_path), "--store", str(classroom), "--gold", "nobody")
    assert (code, out, err) == (
        1,
        "",
        f"annotty: {classroom}: no annotations by nobody (the answer key) in this store\n",
    )
    code, out, err = run(capsys, str(seed_path), "--store", str(classroom), "--key", str(teacher))
    assert code == 1 and err == "annotty: --key says where the answer key is: give its name with --gold NAME\n"
    code, out, err = run(capsys, str(seed_path), "--store", str(classroom), "--gold", "maria", "--key",
                         str(teacher))
    assert (code, err) == (1, f"annotty: {teacher}: no annotations by maria (the answer key) here\n")
    code, out, err = run(capsys, str(seed_path), "--store", str(classroom), "--annotator", "teacher",
                         "--protect", "teacher,gold")
    assert (code, err) == (1, "annotty: teacher is an answer key's name: choose your own name\n")


async def test_the_app_compares_with_a_key_kept_apart_and_says_when_it_has_none(stores, tmp_path):
    from tui.loading import find_articles
    from tui.schema import DEFAULT_SCHEMA
    from tui.ui.app import AnnottyApp
    from tui.workspace import Workspace

    classroom, teacher = stores
    article = tmp_path / "story.txt"
    article.write_text(A, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("Nobody graded this one.", encoding="utf-8")
    workspace = Workspace(find_articles([article, other]), Store(classroom), "maria", DEFAULT_SCHEMA,
                          gold="teacher", key_store=Store(teacher))
    app = AnnottyApp(workspace, workspace.open(0))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CompareScreen"
        score = str(app.screen.query_one("#compare-score").render())
        assert "wrong label 1" in score and "wrong speaker 1" in score and "missed 1" in score
        await pilot.press("escape")
    workspace = Workspace(find_articles([other]), Store(classroom), "maria", DEFAULT_SCHEMA,
                          gold="teacher", key_store=Store(teacher))
    app = AnnottyApp(workspace, workspace.open(0))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]  # no comparison against an empty key
        assert "teacher (the answer key) has not annotated this article" in str(app.query_one("#status").render())


async def test_a_reader_cannot_take_a_keys_name_nor_see_its_counts(stores, tmp_path):
    from tui.loading import find_articles
    from tui.schema import DEFAULT_SCHEMA
    from tui.ui.app import AnnottyApp
    from tui.workspace import Workspace

    classroom, _teacher = stores
    (classroom / "answer-keys.txt").write_text("# keys\nlee\n", encoding="utf-8")
    protected = protected_names(classroom, "teacher")
    assert protected == {"lee", "teacher"}
    article = tmp_path / "story.txt"
    article.write_text(A, encoding="utf-8")
    workspace = Workspace(find_articles([article]), Store(classroom), "placeholder", DEFAULT_SCHEMA,
                          protected=protected)
    app = AnnottyApp(workspace, ask_name=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for name in ("lee", "teacher"):
            app.screen.query_one("#name").value = name
            await pilot.press("enter")
            await pilot.pause()
            assert "answer key" in str(app.screen.query_one("#problem").render())
        app.screen.query_one("#name").value = "ana"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session.annotator == "ana"
        await pilot.press("ctrl+t")
        await pilot.pause()
        shown = "\n".join(app.screen._lines)
        assert "maria" in shown and "lee" not in shown  # the key's counts (who it quotes) stay hidden


def test_serve_refuses_a_keys_name_and_passes_the_protected_names_on(stores, tmp_path, capsys):
    from tui.commands.serve import served_command

    classroom, _teacher = stores
    names = tmp_path / "keys.txt"
    names.write_text("teacher\n\nsecond-key\n", encoding="utf-8")
    code, out, err = run(capsys, "serve", "--store", str(classroom), "--annotator", "second-key",
                         "--protect-file", str(names))
    assert (code, err) == (1, "annotty: second-key is an answer key's name: choose your own name\n")
    names.write_text("teacher\nnot a name\n", encoding="utf-8")
    code, out, err = run(capsys, "serve", "--store", str(classroom), "--ask-name", "--protect-file", str(names))
    assert code == 1 and err.startswith(f"annotty: {names}:2: ")
    command = served_command([tmp_path / "a.txt"], tmp_path / "s", None, frozenset({"teacher", "gold"}))
    assert command.endswith("a.txt --protect gold,teacher --store s --ask-name")


# -- the roster -------------------------------------------------------------------


def test_the_roster_lists_who_submitted_nothing_in_text_csv_and_json(stores, tmp_path, capsys):
    classroom, teacher = stores
    roster = tmp_path / "roster.txt"
    roster.write_text("# class 3B\nmaria\nlee\n\nAna Bo\nzoe\n", encoding="utf-8")
    book = tmp_path / "book.csv"
    code, out, err = run(capsys, "grade", "--store", str(classroom), "--gold", "teacher", "--key", str(teacher),
                         "--all", "--roster", str(roster), "--csv", str(book))
    assert code == 0
    assert out.splitlines()[-3:] == ["submitted nothing (2 of the roster):", "  Ana-Bo", "  zoe"]
    rows = list(csv.DictReader(book.open(encoding="utf-8")))
    assert [(r["annotator"], r["documents"], r["strict_f1"]) for r in rows[-2:]] == [("Ana-Bo", "0", ""),
                                                                                    ("zoe", "0", "")]
    listed = tmp_path / "roster.csv"
    listed.write_text("email;Name\nm@x;maria\nz@x;zoe\n", encoding="utf-8")
    data = graded_json(capsys, "--store", str(classroom), "--gold", "teacher", "--key", str(teacher), "--all",
                       "--roster", str(listed))
    assert data["submitted_nothing"] == ["zoe"]
    everyone = tmp_path / "everyone.txt"
    everyone.write_text("maria\nlee\n", encoding="utf-8")
    code, out, _err = run(capsys, "grade", "--store", str(classroom), "--gold", "teacher", "--key", str(teacher),
                          "--all", "--roster", str(everyone))
    assert out.splitlines()[-2:] == ["submitted nothing (0 of the roster):", "  none"]


@pytest.mark.parametrize("content, message", [
    ("maria\nmar/ia\n", "{path}:2: student name 'mar/ia' may hold letters, digits, '.', '_' and '-' only"),
    ("email,mail\na,b\n", "{path}:1: the roster's first line has no 'name' column"),
    ("name,email\nmaria,m\n,x\n", "{path}:3: a student without a name"),
    ("# nobody yet\n", "{path}: the roster names no student"),
])
def test_a_bad_roster_is_one_line(stores, tmp_path, capsys, content, message):
    classroom, teacher = stores
    roster = tmp_path / "roster.txt"
    roster.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "grade", "--store", str(classroom), "--gold", "teacher", "--key", str(teacher),
                         "--all", "--roster", str(roster))
    assert (code, out, err) == (1, "", f"annotty: {message.format(path=roster)}\n")
    code, out, err = run(capsys, "grade", "--store", str(classroom), "--gold", "teacher", "--key", str(teacher),
                         "--annotator", "maria", "--roster", str(roster))
    assert (code, err) == (1, "annotty: --roster lists who of the class submitted nothing: give --all\n")


def test_a_served_tab_starts_whatever_the_login_name(stores, tmp_path, capsys, monkeypatch):
    """With --ask-name the login name is only a placeholder: a protected one does not stop the app."""
    import tui.cli

    classroom, _teacher = stores
    article = tmp_path / "story.txt"
    article.write_text(A, encoding="utf-8")
    started = []
    monkeypatch.setattr("tui.cli.default_annotator", lambda: "teacher")
    monkeypatch.setattr("tui.ui.app.AnnottyApp.run", lambda app: started.append(app.workspace.protected))
    assert tui.cli.main([str(article), "--store", str(classroom), "--ask-name", "--protect", "teacher"]) == 0
    assert started == [frozenset({"teacher"})]
    assert tui.cli.main([str(article), "--store", str(classroom), "--protect", "teacher"]) == 1
    assert capsys.readouterr().err == "annotty: teacher is an answer key's name: choose your own name\n"


def test_in_the_browser_a_reader_cannot_take_a_protected_name(tmp_path):
    """``serve --ask-name --protect teacher`` in headless Chromium: the name is refused, another is taken."""
    pytest.importorskip("textual_serve", reason="textual-serve is not installed: pip install 'annotty[serve]'")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.skip("chromium is not installed: apt-get install chromium")
    from test_serve import _ANSI, CHROMIUM_FLAGS, DOC_ID, Served, _wait_for

    server = Served(tmp_path, ("--ask-name", "--protect", "teacher"))
    received: list[str] = []

    def on_websocket(websocket) -> None:
        websocket.on("framereceived", lambda payload: received.append(
            payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else payload))

    def shown() -> str:
        return _ANSI.sub("", "".join(received))

    try:
        server.wait_until_up()
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.on("websocket", on_websocket)
                page.goto(server.url)
                _wait_for(lambda: "Your name" in shown(), 30, "the name prompt", page)
                page.locator(".xterm-helper-textarea").focus()
                page.keyboard.type("teacher")
                page.keyboard.press("Enter")
                _wait_for(lambda: "choose your own name" in shown(), 30, "the refusal", page)
                for _ in "teacher":
                    page.keyboard.press("Backspace")
                page.keyboard.type("maria")
                page.keyboard.press("Enter")
                _wait_for((server.store / "documents" / f"{DOC_ID}.json").exists, 30, "the article opened", page)
            finally:
                browser.close()
    finally:
        server.stop()
    assert not (server.store / "annotators" / "teacher").exists()
