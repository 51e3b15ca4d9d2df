from __future__ import annotations

import json

from tui.cli import main
from tui.loading import read_article
from tui.schema import DEFAULT_SCHEMA
from tui.session import Session
from tui.stats import collect


def annotate(store, seed_path, annotator, speaker=True, done=False):
    document = read_article(seed_path)
    store.save_document(document)
    session = Session(document, DEFAULT_SCHEMA, store.open(document, annotator))
    text = document.text
    ghika = session.tag(text.index("Christopher Ghika"), text.index("Christopher Ghika") + 17, "PERSON")
    quote = session.tag(text.index("These tactics"), text.index(" he said, using"), "QUOTE")
    if speaker:
        session.link(quote.id, ghika.id)
    claim = session.tag(text.index("More than 37,000"), text.index(" according to the Syrian"), "CLAIM")
    sohr = session.tag(text.index("Syrian Observatory"), text.index("Syrian Observatory") + 35, "ORG")
    session.link(claim.id, sohr.id)
    session.cycle_verdict(claim.id)
    if done:
        session.set_done(True)
    session.close()


def test_counts(store, seed_path):
    annotate(store, seed_path, "alice", done=True)
    annotate(store, seed_path, "bob", speaker=False)
    stats = collect(store)
    assert stats.labels == {"PERSON": 2, "QUOTE": 2, "CLAIM": 2, "ORG": 2}
    assert stats.annotators == {"alice": 4, "bob": 4}
    assert stats.done == {"alice": 1, "bob": 0}
    assert stats.speakers == {"Christopher Ghika": 1}
    assert (stats.quotes, stats.quotes_without_speaker) == (2, 1)
    assert stats.sources == {"Syrian Observatory for Human Rights": 2}
    assert stats.verdicts == {"true": 2}


def test_command_table_and_json(store, seed_path, capsys):
    annotate(store, seed_path, "alice")
    assert main(["stats", "--store", str(store.root)]) == 0
    out = capsys.readouterr().out
    assert "Who is quoted most" in out and "Christopher Ghika" in out and "█" in out
    assert main(["stats", "--store", str(store.root), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["speakers"] == {"Christopher Ghika": 1} and data["quotes_without_speaker"] == 0


def test_no_store_is_one_line(tmp_path, capsys):
    assert main(["stats", "--store", str(tmp_path / "none")]) == 1
    assert "no annotation store" in capsys.readouterr().err
