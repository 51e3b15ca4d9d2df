"""Where each label's suggestions come from: the model, the rules, or both
(for entities the model's, and the rules' where the model proposes nothing
there; for quotes and claims the other way round), chosen by strict F1 on
the held-out documents.

A model trained on a few documents can be worse than the rules for some
labels (a span finder after a few passes; places or organisations in a small
store) and better for others. Like INCEpTION, which uses a recommender only
once its evaluation says it is good enough, the trainer measures all three
on the held-out documents and the suggester uses, label by label, the best.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..metrics.matching import Scores, overlaps
from .examples import TrainingDoc

MODEL, BOTH, RULES = "model", "both", "rules"
#: In this order on a tie: the rules beside the model when they added nothing wrong (nor right) on
#: the held-out documents, then the model alone: what the team's own annotations taught comes first.
USES = (BOTH, MODEL, RULES)
#: A quote or claim label is never the model's alone: the rules' quotes stand on quotation marks and
#: cues and come with the speaker those name, which exact boundaries do not measure. On PolNeAR's dev
#: split, the model's quotes alone (better by F1: 0.31 against the rules' 0.12) found 0.81 of the
#: direct quotes instead of 0.97, and named the right speaker for 0.60 instead of 0.89.
LONG_USES = (BOTH, RULES)

Spans = set[tuple[int, int, str]]


def prf(true_positive: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0 where undefined)."""
    scores = Scores(true_positive, gold, predicted)
    return scores.precision or 0.0, scores.recall or 0.0, scores.f1 or 0.0


def rules_found(suggestions: Iterable, labels: Iterable[str]) -> Spans:
    """The rules' ``suggestions`` of ``labels``, under the model's names for them
    (the rules' PERSON as PER when the model learnt PER)."""
    from ..suggest.spacy_suggester import LABELS

    labels = set(labels)
    rename = {annotty: model for model, annotty in LABELS.items() if model in labels and annotty not in labels}
    found = set()
    for suggestion in suggestions:
        label = suggestion.label if suggestion.label in labels else rename.get(suggestion.label)
        if label is not None:
            found.add((suggestion.start, suggestion.end, label))
    return found


def combined(model: Spans, rules: Spans, use: str, label: str, entity: bool) -> Spans:
    """The spans of ``label`` suggested under ``use``. Under BOTH, for an entity, a rules' span is
    left out where the model proposes any entity over the same text; for a quote or claim, the
    model's is left out where the rules propose one of the label: the rules' quotes stand on their
    quotation marks and cues, and come with the speaker those name."""
    mine = {s for s in model if s[2] == label}
    theirs = {s for s in rules if s[2] == label}
    if use == MODEL:
        return mine
    if use == RULES:
        return theirs
    if entity:
        return mine | {r for r in theirs if not any(overlaps(m[0], m[1], r[0], r[1]) for m in model)}
    return theirs | {m for m in mine if not any(overlaps(m[0], m[1], r[0], r[1]) for r in theirs)}


def choose(docs: list[TrainingDoc], model: list[Spans], rules: list[Spans], entity_labels: list[str],
           long_labels: list[str]) -> dict[str, dict]:
    """label -> {"use": the best of USES by strict F1 on ``docs``, and each one's F1};
    ``model`` and ``rules`` are what each proposed in each document."""
    chosen = {}
    for label in entity_labels + long_labels:
        entity = label in entity_labels
        uses = USES if entity else LONG_USES
        f1 = {}
        for use in uses:
            true_positive = predicted = gold = 0
            for doc, by_model, by_rules in zip(docs, model, rules, strict=True):
                wanted = {s for s in doc.entities + doc.spans if s[2] == label}
                found = combined(by_model, by_rules, use, label, entity)
                true_positive += len(found & wanted)
                predicted += len(found)
                gold += len(wanted)
            f1[use] = round(prf(true_positive, predicted, gold)[2], 4)
        best = max(uses, key=lambda use: (f1[use], -uses.index(use)))
        chosen[label] = {"use": best, **f1}
    return chosen


def suggested(docs: list[TrainingDoc], model: list[Spans], rules: list[Spans], chosen: dict[str, dict],
              labels: list[str], entity_labels: list[str]) -> dict:
    """Strict precision, recall and F1 over ``labels`` of what is suggested under ``chosen``."""
    true_positive = predicted = gold = 0
    for doc, by_model, by_rules in zip(docs, model, rules, strict=True):
        for label in labels:
            found = combined(by_model, by_rules, chosen[label]["use"], label, label in entity_labels)
            wanted = {s for s in doc.entities + doc.spans if s[2] == label}
            true_positive += len(found & wanted)
            predicted += len(found)
            gold += len(wanted)
    precision, recall, f1 = prf(true_positive, predicted, gold)
    return {"support": gold, "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
