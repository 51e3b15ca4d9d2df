"""annotty train: a tiny model trained on documents written here, its
metadata, suggestions with it, and the one-line refusals (too few
annotations, no spaCy)."""

from __future__ import annotations

import builtins
import json
from pathlib import Path

import pytest

from tests.training_data import CUE, PEOPLE, article_and_annotations, cued_article, write_store
from tui.cli import main

spacy = pytest.importorskip("spacy")

@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> tuple[Path, Path, list]:
    """A store of 14 articles and a model trained on it for a few epochs."""
    from tui.learn.examples import gather
    from tui.learn.train import Settings, train

    root = tmp_path_factory.mktemp("train")
    store = write_store(root / "store")
    progress: list = []
    train(gather(store), root / "model", settings=Settings(max_epochs=6), progress=progress.append)
    return store, root / "model", progress


def test_the_model_is_a_spacy_folder_with_annottys_metadata(trained):
    store, model, _progress = trained
    nlp = spacy.load(model)
    assert "ner" in nlp.pipe_names and "span_finder_QUOTE" in nlp.pipe_names
    meta = json.loads((model / "annotty-model.json").read_text())
    assert meta["labels"] == {"entities": ["LOC", "PERSON"], "spans": ["QUOTE"]}
    assert meta["kinds"]["QUOTE"] == "quote"
    assert meta["annotators"] == ["maria"] and meta["store"] == str(store)
    assert meta["documents"]["train"] + meta["documents"]["held_out"] == 14
    assert meta["documents"]["held_out"] == len(meta["held_out"]) >= 1
    assert meta["lang"] == "en" and 1 <= meta["epochs"] <= 6
    assert set(meta["scores"]) == {"LOC", "PERSON", "QUOTE"}
    assert 0 <= meta["micro"]["f1"] <= 1 and meta["scores"]["PERSON"]["support"] > 0
    assert meta["speakers"]["links"] == 42


def test_progress_reports_each_epoch_and_its_held_out_score(trained):
    _store_root, _model, progress = trained
    epochs = sorted({p.epoch for p in progress})
    assert epochs == list(range(1, epochs[-1] + 1))
    assert progress[0].score is None  # no epoch scored yet
    scored = [p for p in progress if p.score is not None]
    assert scored and all(p.done <= p.total for p in progress)
    assert scored[-1].best == max(p.score for p in scored)


def test_the_split_is_the_same_whatever_the_order(trained):
    from tui.learn.examples import gather, split

    docs = gather(trained[0]).docs
    _train, held = split(docs)
    _train2, held2 = split(list(reversed(docs)))
    assert sorted(d.id for d in held) == sorted(d.id for d in held2)
    meta = json.loads((trained[1] / "annotty-model.json").read_text())
    assert sorted(d.id for d in held) == meta["held_out"]


def test_suggestions_with_the_model_are_the_rules_objects(trained):
    from tui.learn.suggester import LearnedSuggester
    from tui.suggest import Suggestion

    document, _annotations = article_and_annotations(99)
    suggester = LearnedSuggester(trained[1])
    found = suggester.suggest(document.text)
    assert found and all(isinstance(s, Suggestion) for s in found)
    for s in found:
        assert document.text[s.start:s.end] == s.text
    # What the model learned (a blank pipeline knows nothing) after six epochs, said to be learned:
    # names, and the quotes (their marks are easy to learn), though the rules' quotes stand where
    # both propose one.
    learned = [s for s in found if s.reason.startswith("learned")]
    assert any(s.label == "PERSON" and s.text in PEOPLE for s in learned)
    _entities, spans = suggester.predict(document.text)
    assert spans and all(label == "QUOTE" and document.text[start - 1] == "“" for start, _end, label in spans)
    quotes = [s for s in found if s.kind == "quote"]
    assert quotes and all(s.attrs["type"] == "direct" and s.speaker_text in PEOPLE for s in quotes)


def test_offsets_hold_on_emoji_cjk_rtl_and_crlf(trained):
    from tests.conftest import MIXED_ARTICLE
    from tui.learn.suggester import LearnedSuggester

    suggester = LearnedSuggester(trained[1])
    found = suggester.suggest(MIXED_ARTICLE)
    assert found
    for s in found:
        assert MIXED_ARTICLE[s.start:s.end] == s.text
        if s.speaker:
            assert MIXED_ARTICLE[s.speaker[0]:s.speaker[1]] == s.speaker_text
    assert suggester.suggest("  \r\n ") == []


def test_rules_fill_what_the_model_was_not_trained_on(trained):
    from tui.learn.suggester import LearnedSuggester

    text = "Maria Lopez arrived in Madrid on 24 June 2014 and met John Smith.\n"
    found = LearnedSuggester(trained[1]).suggest(text)
    assert [s.text for s in found if s.label == "DATE"] == ["24 June 2014"]


def test_where_the_model_finds_no_quote_the_rules_quote_stays_with_a_learned_speaker(trained, monkeypatch):
    from tui.learn.suggester import LearnedSuggester

    # No cue: the rules find the quote but no speaker; the learned speaker model names one.
    text = "Ana Costa arrived in Lima on Monday.\n\n“The council has not answered a single letter.” Ana Costa.\n"
    suggester = LearnedSuggester(trained[1])
    entities = [(0, 9, "PERSON"), (text.rindex("Ana Costa"), len(text) - 2, "PERSON")]
    monkeypatch.setattr(suggester, "predict", lambda _text: (entities, []))  # a model that found no quote
    quotes = [s for s in suggester.suggest(text) if s.kind == "quote"]
    assert [q.text for q in quotes] == ["The council has not answered a single letter."]
    assert quotes[0].reason.startswith("inside quotation marks")  # the rules' quote
    assert quotes[0].speaker_text == "Ana Costa" and "speaker learned (model)" in quotes[0].reason


def test_each_label_comes_from_the_model_the_rules_or_both_as_the_held_out_documents_chose(
        trained, tmp_path, monkeypatch):
    import shutil

    from tui.learn.suggester import LearnedSuggester

    meta = json.loads((trained[1] / "annotty-model.json").read_text())
    assert set(meta["sources"]) == {"PERSON", "LOC", "QUOTE"}
    assert all(choice["use"] in ("model", "both", "rules") for choice in meta["sources"].values())
    assert set(meta["suggested"]) == {"entities", "spans"}
    text = "Ana Costa arrived in Lima.\n\n“The council has not answered a single letter,” said Ana Costa.\n"
    start = text.index("“") + 1
    model_quote = (start, start + len("The council has not answered"), "QUOTE")  # cut short

    def suggested(uses: dict[str, str]) -> tuple[list[str], list[str]]:
        folder = tmp_path / "-".join(f"{k}{v}" for k, v in sorted(uses.items()))
        shutil.copytree(trained[1], folder)
        for label, use in uses.items():
            meta["sources"][label]["use"] = use
        (folder / "annotty-model.json").write_text(json.dumps(meta))
        suggester = LearnedSuggester(folder)
        assert ("span_finder_QUOTE" in suggester.nlp.pipe_names) == (uses["QUOTE"] != "rules")  # else not run
        monkeypatch.setattr(suggester, "predict", lambda _text: ([(21, 25, "LOC")], [(0, 25, "QUOTE"), model_quote]))
        found = suggester.suggest(text)
        return [s.text for s in found if s.kind == "quote"], [s.text for s in found if s.label in ("PERSON", "LOC")]

    assert suggested({"QUOTE": "model", "PERSON": "model", "LOC": "model"}) == (
        ["Ana Costa arrived in Lima", "The council has not answered"], ["Lima"])
    assert suggested({"QUOTE": "rules", "PERSON": "rules", "LOC": "rules"}) == (
        ["The council has not answered a single letter"], ["Ana Costa", "Lima", "Ana Costa"])
    # Both: the model's entities, and the rules' where the model proposed none over the same text;
    # the rules' quotes, and the model's where the rules proposed none.
    assert suggested({"QUOTE": "both", "PERSON": "both", "LOC": "both"}) == (
        ["Ana Costa arrived in Lima", "The council has not answered a single letter"],
        ["Ana Costa", "Lima", "Ana Costa"])


def test_cues_the_annotations_record_are_learned_and_open_indirect_statements(tmp_path, capsys):
    """A cue no rule knows ("zorbled") is learned from the recorded cues: the model suggests the
    statement it opens as an indirect quote, with its cue and its speaker."""
    from tui.learn.suggester import LearnedSuggester

    store = write_store(tmp_path / "store", documents=16, article=cued_article)
    assert main(["train", "--store", str(store), "--out", str(tmp_path / "model"), "--max-epochs", "1"]) == 0
    cue_lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("cues:")]
    assert len(cue_lines) == 1 and "learned from 39 recorded cue(s)" in cue_lines[0]
    assert (tmp_path / "model" / "cues.json").exists()
    # The span finder may have learnt these statements too: the cues are seen at work without it.
    meta_path = tmp_path / "model" / "annotty-model.json"
    meta = json.loads(meta_path.read_text())
    meta["sources"]["QUOTE"]["use"] = "rules"
    meta_path.write_text(json.dumps(meta))
    text = "Rain fell on Lisbon.\n\nNadia Rahman zorbled that the ferry would stop running in March. Then she left.\n"
    found = [s for s in LearnedSuggester(tmp_path / "model").suggest(text) if s.reason.startswith("learned cue")]
    assert [(s.text, s.kind, s.label) for s in found] == [("the ferry would stop running in March", "quote", "QUOTE")]
    assert found[0].attrs["type"] == "indirect" and found[0].attrs["cue"]["text"] == CUE
    assert found[0].speaker_text == "Nadia Rahman"


def test_suggest_command_with_the_model(trained, tmp_path, capsys):
    document, _annotations = article_and_annotations(98)
    article = tmp_path / "new.txt"
    article.write_text(document.text, encoding="utf-8")
    code = main(["suggest", str(article), "--store", str(tmp_path / "s"), "--model", str(trained[1]), "--json"])
    assert code == 0
    line = json.loads(capsys.readouterr().out.splitlines()[0])
    assert any(s["reason"].startswith("learned") for s in line["suggestions"])


def test_train_command_prints_scores_and_progress(tmp_path, capsys):
    store = write_store(tmp_path / "store")
    code = main(["train", "--store", str(store), "--out", str(tmp_path / "m"), "--max-epochs", "1",
                 "--labels", "PERSON", "LOC"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "epoch 1" in err and "held-out F1" in err
    assert out.splitlines()[0].split() == ["label", "precision", "recall", "F1", "held-out"]
    assert [line.split()[0] for line in out.splitlines()[1:4]] == ["LOC", "PERSON", "all"]
    assert json.loads((tmp_path / "m" / "annotty-model.json").read_text())["labels"]["spans"] == []


def test_too_few_annotations_says_how_many_more_and_writes_nothing(tmp_path, capsys):
    store = write_store(tmp_path / "store", documents=4)
    code = main(["train", "--store", str(store), "--out", str(tmp_path / "m")])
    err = capsys.readouterr().err
    assert code == 1 and len(err.strip().splitlines()) == 1
    # 4 documents, 12 quotes, 12 places: 6 more documents, 8 more of each.
    assert "6 more annotated document(s)" in err
    assert "LOC 8 more (12 of 20)" in err and "QUOTE 8 more (12 of 20)" in err
    assert not (tmp_path / "m").exists()


def test_a_requested_label_without_enough_examples_is_refused(tmp_path, capsys):
    store = write_store(tmp_path / "store")
    code = main(["train", "--store", str(store), "--out", str(tmp_path / "m"), "--labels", "PERSON", "ORG"])
    assert code == 1
    assert "ORG 20 more (0 of 20)" in capsys.readouterr().err
    assert not (tmp_path / "m").exists()


def test_without_spacy_one_line_says_what_to_install(tmp_path, capsys, monkeypatch):
    real_import = builtins.__import__

    def no_spacy(name, *args, **kwargs):
        if name == "spacy" or name.startswith("spacy."):
            raise ImportError("No module named 'spacy'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_spacy)
    store = write_store(tmp_path / "store", documents=1)
    code = main(["train", "--store", str(store), "--out", str(tmp_path / "m")])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert "pip install 'annotty[train]'" in err


def test_out_that_is_not_a_model_is_left_alone(tmp_path, capsys):
    store = write_store(tmp_path / "store")
    precious = tmp_path / "notes"
    precious.mkdir()
    (precious / "keep.txt").write_text("mine")
    code = main(["train", "--store", str(store), "--out", str(precious), "--max-epochs", "1"])
    assert code == 1 and "not an annotty model" in capsys.readouterr().err
    assert (precious / "keep.txt").read_text() == "mine"


def test_the_app_refuses_a_folder_that_is_not_a_model_in_one_line(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Maria Lopez arrived in Madrid.\n", encoding="utf-8")
    assert main([str(article), "--store", str(tmp_path / "s"), "--model", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a model annotty train wrote (no annotty-model.json in it)" in err
    assert main([str(article), "--store", str(tmp_path / "s"), "--retrain-every", "5"]) == 1
    assert "give it with --model MODEL" in capsys.readouterr().err


def test_the_blank_pipeline_is_for_the_texts_language():
    from tui.learn.examples import guess_language

    assert guess_language(["El ministro dijo que la ciudad de Madrid no tiene agua desde el lunes."]) == "es"
    assert guess_language(["The minister said that the city has had no water since Monday."]) == "en"
