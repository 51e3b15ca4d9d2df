"""Where each label's suggestions come from: the model, the rules or both, by held-out F1."""

from __future__ import annotations

from tui.learn.choice import BOTH, MODEL, RULES, choose, combined, suggested
from tui.learn.examples import TrainingDoc


def _doc(entities, spans=()) -> TrainingDoc:
    return TrainingDoc("d", "x" * 200, "maria", entities=list(entities), spans=list(spans))


def test_both_adds_the_rules_spans_where_the_model_proposed_nothing_over_the_same_text():
    model = {(0, 5, "PER"), (10, 15, "LOC")}
    rules = {(0, 5, "PER"), (11, 14, "PER"), (20, 25, "PER"), (30, 90, "QUOTE")}
    assert combined(model, rules, MODEL, "PER", entity=True) == {(0, 5, "PER")}
    assert combined(model, rules, RULES, "PER", entity=True) == {(0, 5, "PER"), (11, 14, "PER"), (20, 25, "PER")}
    # (11, 14) lies under the model's LOC: entities do not overlap, whatever their label.
    assert combined(model, rules, BOTH, "PER", entity=True) == {(0, 5, "PER"), (20, 25, "PER")}
    # Quotes the other way round: the rules' stand, the model's fill where the rules have none.
    assert combined({(10, 15, "LOC")}, rules, BOTH, "QUOTE", entity=False) == {(30, 90, "QUOTE")}
    model_quotes = {(35, 50, "QUOTE"), (100, 120, "QUOTE")}
    assert combined(model_quotes, rules, BOTH, "QUOTE", entity=False) == {(30, 90, "QUOTE"), (100, 120, "QUOTE")}
    assert combined(model_quotes, rules, MODEL, "QUOTE", entity=False) == model_quotes


def test_each_label_takes_the_best_and_ties_keep_the_rules_beside_the_model():
    docs = [_doc([(0, 5, "PER"), (20, 25, "PER"), (40, 45, "LOC")])]
    model = [{(0, 5, "PER"), (40, 45, "LOC"), (60, 65, "LOC")}]
    rules = [{(0, 5, "PER"), (20, 25, "PER"), (60, 65, "LOC"), (70, 75, "LOC")}]
    chosen = choose(docs, model, rules, ["PER", "LOC"], [])
    assert chosen["PER"]["use"] in (BOTH, RULES) and chosen["PER"][BOTH] == 1.0 == chosen["PER"][RULES]
    assert chosen["PER"]["use"] == BOTH  # a tie
    assert chosen["LOC"]["use"] == MODEL and chosen["LOC"][MODEL] > chosen["LOC"][BOTH] > chosen["LOC"][RULES]
    figures = suggested(docs, model, rules, chosen, ["PER", "LOC"], ["PER", "LOC"])
    # PER both: 2 of 2 right; LOC model: 1 of 2 right. 3 right of 4 suggested, 3 of 3 gold.
    assert figures == {"support": 3, "precision": 0.75, "recall": 1.0, "f1": 0.8571}


def test_a_label_nobody_proposes_scores_zero_and_stays_with_both():
    chosen = choose([_doc([(0, 5, "ORG")])], [set()], [set()], ["ORG"], [])
    assert chosen["ORG"] == {"use": BOTH, BOTH: 0.0, MODEL: 0.0, RULES: 0.0}


def test_a_quote_label_is_never_the_models_alone():
    """The rules' quotes come with the speakers their marks and cues name: even where the model's
    boundaries are right more often, the rules' quotes stay and the model's fill in."""
    docs = [_doc([], [(10, 50, "QUOTE"), (60, 90, "QUOTE")])]
    model = [{(10, 50, "QUOTE"), (60, 90, "QUOTE")}]
    rules = [{(9, 51, "QUOTE")}]
    chosen = choose(docs, model, rules, [], ["QUOTE"])
    assert chosen["QUOTE"]["use"] == BOTH and MODEL not in chosen["QUOTE"]
    assert combined(model[0], rules[0], BOTH, "QUOTE", entity=False) == {(9, 51, "QUOTE"), (60, 90, "QUOTE")}
