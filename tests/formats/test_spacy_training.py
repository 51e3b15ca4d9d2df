"""``annotty export --format spacy --out DIR/``: train.spacy, dev.spacy and a
config.cfg that ``spacy train`` runs on as it stands (skipped without spaCy)."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from tui.cli import main
from tui.formats.spacy_training import EVAL_BATCH, NGRAM_LIMIT, split_documents
from tui.model import Annotations, Document, make_span
from tui.store import Store

spacy = pytest.importorskip("spacy")

LONG_CLAIM = ("prices would fall by a tenth before the end of the year, whatever the central bank decides to do "
              "about rates, wages or the budget, and whatever the government says in the weeks before the vote "
              "in parliament")
#: (id, text, [(words, label, kind)]): entities (one inside another), quotes, claims; CJK, emoji, RTL.
ARTICLES = [
    ("d1", "Jane Doe met the Bank of England in Zürich.\n\n“We will win,” she said.",
     [("Jane Doe", "PERSON", "entity"), ("Bank of England", "ORG", "entity"), ("England", "LOC", "entity"),
      ("Zürich", "LOC", "entity"), ("“We will win,”", "QUOTE", "quote")]),
    ("d2", "東京 の 市長 said 👩‍👩‍👧 families pay more. ACME Corp said prices will fall.",
     [("東京", "LOC", "entity"), ("ACME Corp", "ORG", "entity"), ("prices will fall", "CLAIM", "claim")]),
    ("d3", "محمد Ali told Reuters in Paris: “Nothing has changed 🇸🇾.”",
     [("محمد Ali", "PERSON", "entity"), ("Reuters", "ORG", "entity"), ("Paris", "LOC", "entity"),
      ("“Nothing has changed 🇸🇾.”", "QUOTE", "quote")]),
    ("d4", "Officials in Berlin said the plan costs too much, according to John Smith.",
     [("Berlin", "LOC", "entity"), ("John Smith", "PERSON", "entity"), ("the plan costs too much", "CLAIM", "claim")]),
    ("d5", "Mary Major of Globex said: “We hired 200 people in Lagos.”",
     [("Mary Major", "PERSON", "entity"), ("Globex", "ORG", "entity"), ("Lagos", "LOC", "entity"),
      ("“We hired 200 people in Lagos.”", "QUOTE", "quote")]),
]


def make_store(root, articles=ARTICLES, annotators=("alice",)):
    store = Store(root)
    for doc_id, text, spans in articles:
        made = [make_span(text, text.index(words), text.index(words) + len(words), label, kind)
                for words, label, kind in spans]
        for annotator in annotators:
            store.write_annotations(Document(id=doc_id, text=text, source=f"{doc_id}.txt"), annotator,
                                    Annotations(made, []))
    return store


def export_folder(capsys, store_root, out, *extra):
    code = main(["export", "--store", str(store_root), "--format", "spacy", "--out", f"{out}/", *extra])
    _out, err = capsys.readouterr()
    assert code == 0, err
    return err


def read_config(out):
    return spacy.util.load_config(out / "config.cfg")


def docs_in(path):
    from spacy.tokens import DocBin

    return list(DocBin().from_disk(path).get_docs(spacy.blank("xx").vocab))


def test_spacy_train_runs_on_the_export(tmp_path, capsys):
    """The real consumer: ``python -m spacy train config.cfg`` from the folder,
    as it stands (a couple of steps), then ``spacy.load`` on the model."""
    articles = [*ARTICLES, ("d6", f"Lee Wong said {LONG_CLAIM}.", [("Lee Wong", "PERSON", "entity"),
                                                                  (LONG_CLAIM, "CLAIM", "claim")])]
    make_store(tmp_path / "s", articles)
    out = tmp_path / "corpus"
    export_folder(capsys, tmp_path / "s", out)
    assert read_config(out)["components"]["spancat"]["suggester"]["max_size"] == NGRAM_LIMIT  # the long claim
    done = subprocess.run(
        [sys.executable, "-m", "spacy", "train", "config.cfg", "--output", "model",
         "--training.max_steps", "2", "--training.eval_frequency", "1"],
        check=False, cwd=out, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    nlp = spacy.load(out / "model" / "model-last")
    assert set(nlp.get_pipe("ner").labels) == {"PERSON", "ORG", "LOC"}
    assert set(nlp.get_pipe("spancat").labels) == {"PERSON", "ORG", "LOC", "QUOTE", "CLAIM"}
    doc = nlp("Jane Doe said: “東京 prices will fall 😀.”")
    assert doc.text.endswith("😀.”") and "sc" in doc.spans


def test_config_follows_the_data(tmp_path, capsys):
    make_store(tmp_path / "s")
    out = tmp_path / "corpus"
    err = export_folder(capsys, tmp_path / "s", out)
    config = read_config(out)
    assert config["paths"]["train"] == "train.spacy" and config["paths"]["dev"] == "dev.spacy"
    assert config["nlp"]["pipeline"] == ["tok2vec", "ner", "spancat"]
    assert config["initialize"]["components"]["spancat"]["labels"] == ["CLAIM", "LOC", "ORG", "PERSON", "QUOTE"]
    # The longest span: "“We hired 200 people in Lagos.”", 9 tokens with its quote marks and full stop.
    longest = max(len(span) for path in ("train.spacy", "dev.spacy") for doc in docs_in(out / path)
                  for span in doc.spans["sc"])
    assert longest == 9
    assert config["components"]["spancat"]["suggester"] == {
        "@misc": "spacy.ngram_range_suggester.v1", "min_size": 1, "max_size": longest}
    assert config["components"]["spancat"]["spans_key"] == "sc"
    assert config["nlp"]["batch_size"] == EVAL_BATCH
    assert "config written to" in err and "4 document(s) in" in err and "1 held out" in err

    # A quote past the cap: capped, and the user is told how many spans spancat cannot find.
    words = " ".join(f"w{i}" for i in range(NGRAM_LIMIT + 10))
    make_store(tmp_path / "s", [("d7", f"Ann said “{words}”", [(f"“{words}”", "QUOTE", "quote")])])
    err = export_folder(capsys, tmp_path / "s", out)
    config = read_config(out)
    assert config["components"]["spancat"]["suggester"]["max_size"] == NGRAM_LIMIT
    assert f"1 span(s) longer than {NGRAM_LIMIT} tokens (the longest {NGRAM_LIMIT + 12})" in err
    assert "1 span(s) are longer" in (out / "config.cfg").read_text().split("[paths]")[0]


def test_without_entities_there_is_no_ner(tmp_path, capsys):
    make_store(tmp_path / "s", [(d, t, [s for s in spans if s[2] != "entity"]) for d, t, spans in ARTICLES])
    export_folder(capsys, tmp_path / "s", tmp_path / "corpus")
    config = read_config(tmp_path / "corpus")
    assert config["nlp"]["pipeline"] == ["tok2vec", "spancat"]
    assert config["initialize"]["components"]["spancat"]["labels"] == ["CLAIM", "QUOTE"]


def test_nothing_to_learn_writes_no_config(tmp_path, capsys):
    make_store(tmp_path / "s", [(d, t, []) for d, t, _spans in ARTICLES])
    err = export_folder(capsys, tmp_path / "s", tmp_path / "corpus")
    assert not (tmp_path / "corpus" / "config.cfg").exists() and "no config.cfg written" in err
    assert len(docs_in(tmp_path / "corpus" / "train.spacy")) == 4


def test_split_by_document(tmp_path, capsys):
    """A document is on one side only, whoever annotated it; the split does not
    depend on order."""
    make_store(tmp_path / "s", annotators=("alice", "bob"))
    out = tmp_path / "corpus"
    export_folder(capsys, tmp_path / "s", out)
    train = [doc.user_data["annotty"]["document"] for doc in docs_in(out / "train.spacy")]
    dev = [doc.user_data["annotty"]["document"] for doc in docs_in(out / "dev.spacy")]
    assert len(train) == 8 and len(dev) == 2 and len(set(dev)) == 1 and not set(train) & set(dev)
    ids = [f"article-{i}" for i in range(50)]
    shuffled = ids[:]
    random.Random(4).shuffle(shuffled)
    train_ids, dev_ids = split_documents(ids)
    assert (train_ids, dev_ids) == split_documents(shuffled)
    assert len(dev_ids) == 10 and sorted(train_ids + dev_ids) == sorted(ids)
    assert split_documents(["only"]) == (["only"], ["only"])


def test_a_file_out_is_as_before(tmp_path, capsys):
    make_store(tmp_path / "s")
    code = main(["export", "--store", str(tmp_path / "s"), "--format", "spacy", "--out", str(tmp_path / "all.spacy")])
    err = capsys.readouterr().err
    assert code == 0 and len(docs_in(tmp_path / "all.spacy")) == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all.spacy", "s"] and "give --out a folder" in err


def test_a_file_where_the_folder_should_be(tmp_path, capsys):
    make_store(tmp_path / "s")
    (tmp_path / "corpus").write_text("mine")
    code = main(["export", "--store", str(tmp_path / "s"), "--format", "spacy", "--out", f"{tmp_path / 'corpus'}/"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "corpus: exists and is not a folder" in err
    assert (tmp_path / "corpus").read_text() == "mine"


def test_a_cut_short_export_leaves_nothing_behind(tmp_path, capsys):
    import os

    make_store(tmp_path / "s")
    out = tmp_path / "corpus"
    out.mkdir()
    stale = out / ".train.spacy.a1b2c3d4.tmp"
    stale.write_bytes(b"half a DocBin")
    os.utime(stale, (0, 0))  # older than this process: its writer is gone
    err = export_folder(capsys, tmp_path / "s", out)
    assert not stale.exists() and "removed 1 temporary file(s)" in err
    assert sorted(p.name for p in out.iterdir()) == ["config.cfg", "dev.spacy", "train.spacy"]
