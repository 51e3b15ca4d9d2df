"""The commands print nothing a terminal would obey, whatever the articles,
the store files and the file names hold; their JSON stays the same JSON."""

from __future__ import annotations

import io
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile_input import (
    ARTICLE,
    C1_TITLE,
    OBEYED,
    OSC52,
    RLO,
    TITLE,
    obeyed,
    write_hostile_corpus,
)
from tui.cli import main
from tui.loading import read_article
from tui.schema import DEFAULT_SCHEMA
from tui.session import Session
from tui.store import Store


def hostile_store(tmp_path):
    """alice and bob have tagged the hostile article: the byline's name as a
    PERSON, the quote (payloads and all) linked to it, a note with escapes."""
    [article, _records] = write_hostile_corpus(tmp_path / "desk")
    document = read_article(article)
    store = Store(tmp_path / "store")
    store.save_document(document)
    text = document.text
    for annotator in ("alice", "bob"):
        session = Session(document, DEFAULT_SCHEMA, store.open(document, annotator))
        byline = document.meta["byline"]
        person = session.tag(byline.start, byline.end, "PERSON")
        start = text.index("Payload")
        quote = session.tag(start, text.index("here”") + 4, "QUOTE")
        session.link(quote.id, person.id)
        session.set_attr(quote.id, "note", f"note {TITLE} {RLO}")
        session.close()
    return tmp_path / "store", article


def assert_clean(output: str, what: str) -> None:
    assert OBEYED.search(output.replace("\n", "")) is None, f"{what}: {obeyed(output)}\n{output}"


@pytest.mark.parametrize("command", [
    ["stats"], ["stats", "--json"],
    ["grade", "--gold", "alice", "--annotator", "bob"], ["grade", "--gold", "alice", "--annotator", "bob", "--json"],
    ["grade", "--gold", "alice", "--all"], ["agree"], ["agree", "--json"],
    ["export", "--format", "conll", "--out", "OUT/x.conll"], ["export", "--format", "jsonl", "--out", "OUT/x.jsonl"],
    ["export", "--out", f"OUT/x{TITLE}{RLO}.jsonl"], ["pack", "--annotator", "bob", "--out", f"OUT/b{OSC52}.zip"],
])
def test_commands_print_no_escape_from_the_store(tmp_path, capsys, command):
    store, _article = hostile_store(tmp_path)
    (tmp_path / "OUT").mkdir()
    args = [part.replace("OUT", str(tmp_path / "OUT")) for part in command]
    main([*args, "--store", str(store)])
    out, err = capsys.readouterr()
    assert_clean(out, "standard output")
    assert_clean(err, "standard error")
    if "--json" in command:
        json.loads(out)  # still JSON


def test_json_output_is_the_same_json_with_escapes(tmp_path, capsys):
    _store, article = hostile_store(tmp_path)
    assert main(["suggest", str(article), "--store", str(tmp_path / "s2"), "--json", "--annotator", "alice"]) == 0
    out = capsys.readouterr().out
    assert_clean(out, "suggest --json")
    record = json.loads(out)
    assert record["source"].endswith(article.name)  # the hostile file name, exactly, once parsed
    assert "\\u202e" in out and "\\u001b]0;pwned" in out


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_an_export_shown_on_a_terminal_is_cleaned_and_piped_is_exact(tmp_path, capsys, monkeypatch):
    store, _article = hostile_store(tmp_path)
    assert main(["export", "--store", str(store), "--format", "conll"]) == 0
    piped = capsys.readouterr().out
    assert "\x1b" in piped and "\x9d" in piped  # a pipe gets the data as it is
    terminal = Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    assert main(["export", "--store", str(store), "--format", "conll"]) == 0
    shown = terminal.getvalue()
    assert_clean(shown, "an export on a terminal")
    assert shown.count("\n") == piped.count("\n")


def test_the_exported_data_is_kept_exact_in_a_file(tmp_path, capsys):
    store, _article = hostile_store(tmp_path)
    out = tmp_path / "all.jsonl"
    assert main(["export", "--store", str(store), "--out", str(out)]) == 0
    texts = {json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert texts == {ARTICLE}  # display is cleaned, data never


@pytest.mark.parametrize("name", [f"no{TITLE}such.txt", f"gone{OSC52}.txt", f"x{C1_TITLE}{RLO}.txt", "a\nb.txt"])
def test_an_error_naming_a_hostile_file_is_one_clean_line(tmp_path, capsys, name):
    assert main([str(tmp_path / name)]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("annotty: ")
    assert_clean(err, "the error line")


def test_an_unrecognised_hostile_argument_is_reported_cleanly(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["stats", str(tmp_path / f"from-a-glob{TITLE}{RLO}.txt")])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments" in err and "⟨OSC⟩⟨U+202E⟩" in err
    assert_clean(err, "argparse's error")


@pytest.mark.parametrize("key", ["\\u001b", "\\u202e", "\\u009b", " "])
def test_a_schema_key_a_terminal_would_obey_is_refused(tmp_path, capsys, key):
    schema = tmp_path / f"labels{TITLE}.toml"
    schema.write_text(f'[labels.EVIL]\nkind = "entity"\nkey = "{key}"\ncolor = "#ff0000"\n', encoding="utf-8")
    assert main(["--schema", str(schema)]) == 1
    err = capsys.readouterr().err
    assert "key must be a single character, one that prints" in err
    assert_clean(err, "the schema error")


def test_a_bad_record_in_a_hostile_file_is_reported_cleanly(tmp_path, capsys):
    bad = tmp_path / f"feed{TITLE}.jsonl"
    bad.write_text('{"id": "x", "text": "fine"}\n{"id": "y"}\n', encoding="utf-8")
    assert main(["import", str(bad), "--format", "jsonl", "--store", str(tmp_path / "store")]) != 0
    err = capsys.readouterr().err
    assert "⟨OSC⟩" in err and err.count("\n") == 1
    assert_clean(err, "the import error")


HOSTILE_PIECES = st.sampled_from([OSC52, TITLE, C1_TITLE, "\x1b[2J", RLO, "\u2066", "\x1b", "\x9b", "\x07", "\x7f",
                                  "\r", "\t", "\x85", "a", "Ж", " ", "[", "]", "“", "\\"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.lists(HOSTILE_PIECES, min_size=1, max_size=8).map("".join),
       body=st.lists(HOSTILE_PIECES, max_size=30).map("".join))
def test_fuzz_everything_that_prints_data(tmp_path_factory, capsys, name, body):
    """Hostile file names and article text through the commands that print
    them: suggest (summary and JSON), stats, an error naming the file."""
    root = tmp_path_factory.mktemp("fuzz")
    safe_name = re.sub("[/\x00]", "-", name)
    article = root / f"{safe_name}.txt"
    article.write_text(f"Head {body}\n\nSaid “{body} words here” on Monday.\n", encoding="utf-8", newline="")
    store = str(root / "store")
    main(["suggest", str(article), "--store", store, "--annotator", "alice"])
    main(["suggest", str(article), "--store", store, "--annotator", "alice", "--json"])
    main(["stats", "--store", store])
    main([str(root / f"missing{safe_name}.txt")])
    out, err = capsys.readouterr()
    assert_clean(out, "standard output")
    assert_clean(err, "standard error")
