"""Training a model from the store: a blank spaCy pipeline for the store's
language (no download), an entity recogniser for the entity labels and a
span finder per quote or claim label, fitted on most documents and scored
(strict: exact offsets and label) on the held-out rest after each epoch.
Training stops when that score has not improved for ``patience`` epochs or
at the time limit; the best epoch's weights are kept.

MODEL is written whole or not at all: into a folder beside it, renamed into
place at the end. It is a folder ``spacy.load`` opens, plus
``annotty-model.json`` (labels, store, annotators, figures) and the speaker
model (``attribution.json``) when the store has enough links.
"""

from __future__ import annotations

import datetime
import json
import random
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import AnnottyError
from . import MODEL_META
from .examples import (
    MIN_DOCUMENTS, MIN_EXAMPLES, MIN_LINKS, Gathered, TrainingDoc, guess_language, labels_to_train, split,
)
from .choice import prf, rules_found
from .pipeline import finder_name, predicted, require_spacy, spans_key
from .recipe import NerNetwork, Recipe


#: Time kept for writing the model at the end of training.
WRITING_SECONDS = 5.0


@dataclass(frozen=True)
class Progress:
    """Where training is, for a progress bar: ``done`` of ``total`` documents of ``epoch``."""

    epoch: int
    done: int
    total: int
    #: The held-out score after the last finished epoch (None before the first).
    score: float | None
    best: float | None


@dataclass
class LabelScore:
    label: str
    support: int
    precision: float
    recall: float
    f1: float

    def as_dict(self) -> dict:
        return {"support": self.support, "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass
class Trained:
    out: Path
    meta: dict
    scores: list[LabelScore] = field(default_factory=list)
    micro: LabelScore | None = None


def _prf(label: str, true_positive: int, predicted_count: int, gold_count: int) -> LabelScore:
    return LabelScore(label, gold_count, *prf(true_positive, predicted_count, gold_count))


def score(nlp, docs: list[TrainingDoc], labels: list[str]) -> tuple[list[LabelScore], LabelScore]:
    """Strict per-label precision/recall/F1 of ``nlp`` on ``docs`` (exact offsets and label), and the micro average."""
    wanted = set(labels)
    counts = {label: [0, 0, 0] for label in labels}  # true positives, predicted, gold
    for doc, spacy_doc in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        gold = {s for s in doc.entities + doc.spans if s[2] in wanted}
        found = {s for s in predicted(spacy_doc) if s[2] in wanted}
        for s in gold:
            counts[s[2]][2] += 1
        for s in found:
            counts[s[2]][1] += 1
            counts[s[2]][0] += s in gold
    per_label = [_prf(label, *counts[label]) for label in labels]
    totals = [sum(c[i] for c in counts.values()) for i in range(3)]
    return per_label, _prf("all", *totals)


def _blank_pipeline(spacy, lang: str, entity_labels: list[str], long_labels: list[str], network: NerNetwork):
    """A blank pipeline for ``lang``: an entity recogniser, and a span finder per quote or claim label."""
    nlp = spacy.blank(lang)
    if entity_labels:
        ner = nlp.add_pipe("ner", config={"model": network.model_config()})
        for label in entity_labels:
            ner.add_label(label)
    for label in long_labels:
        nlp.add_pipe("span_finder", name=finder_name(label),
                     config={"spans_key": spans_key(label), "threshold": 0.5, "max_length": None})
    return nlp


def _without_the_network(gathered: Gathered, train_docs: list[TrainingDoc], held_out: list[TrainingDoc],
                         labels: list[str], attribution: bool):
    """What does not depend on the network: the speaker model (once there are enough links) and the
    learned cues (once enough are recorded) when ``attribution`` labels are trained, and what the
    rules find of ``labels`` in each held-out document (the rules run once for both)."""
    from ..suggest import suggest
    from .attribution import fit
    from .cues import fit as fit_cues

    ruled = [suggest(d.text) for d in held_out]
    speaker_model = fit(train_docs, held_out) if attribution and gathered.links >= MIN_LINKS else None
    cue_model = fit_cues(train_docs, held_out, ruled) if attribution else None
    return speaker_model, cue_model, [rules_found(suggestions, labels) for suggestions in ruled]


def _choose_sources(nlp, held_out: list[TrainingDoc], by_rules: list[set], entity_labels: list[str],
                    long_labels: list[str]) -> tuple[dict, dict]:
    """For each label, whether the model, the rules (``by_rules``: what they found in each held-out
    document) or both suggest it (see ``choice``), and the strict scores of the entities and of the
    quotes and claims suggested that way."""
    from .choice import choose, suggested

    by_model = [set(predicted(doc)) for doc in nlp.pipe(d.text for d in held_out)]
    sources = choose(held_out, by_model, by_rules, entity_labels, long_labels)
    scores = {kind: suggested(held_out, by_model, by_rules, sources, labels, entity_labels)
              for kind, labels in (("entities", entity_labels), ("spans", long_labels)) if labels}
    return sources, scores


def _example(nlp, doc: TrainingDoc, entity_labels: set[str], long_labels: set[str]):
    from spacy.training import Example
    from spacy.util import filter_spans

    reference = nlp.make_doc(doc.text)
    entities = [reference.char_span(s, e, label, alignment_mode="expand") for s, e, label in doc.entities
                if label in entity_labels]
    reference.ents = filter_spans([span for span in entities if span is not None])
    for label in long_labels:
        spans = [reference.char_span(s, e, label, alignment_mode="expand") for s, e, lab in doc.spans if lab == label]
        reference.spans[spans_key(label)] = [span for span in spans if span is not None]
    return Example(nlp.make_doc(doc.text), reference)


@dataclass(frozen=True)
class Settings:
    max_minutes: float = 10.0
    max_epochs: int = 50
    #: Epochs without a better held-out score before training stops.
    patience: int = 10
    #: spaCy's code for the blank pipeline; None: guessed from the texts.
    lang: str | None = None
    min_documents: int = MIN_DOCUMENTS
    min_examples: int = MIN_EXAMPLES
    seed: int = 0
    #: The entity recogniser's network and how all components are fitted.
    network: NerNetwork = NerNetwork()
    recipe: Recipe = Recipe()


def train(gathered: Gathered, out: str | Path, labels: list[str] | None = None, settings: Settings = Settings(),
          progress: Callable[[Progress], None] | None = None) -> Trained:
    """Train on ``gathered`` and write the model to ``out``; AnnottyError
    (nothing written) when there is too little to learn from."""
    max_epochs, patience, seed = settings.max_epochs, settings.patience, settings.seed
    spacy = require_spacy()
    out = Path(out)
    if out.exists() and not (out / MODEL_META).exists() and (not out.is_dir() or any(out.iterdir())):
        raise AnnottyError("exists and is not an annotty model: give another --out", out)
    trained_labels = labels_to_train(gathered, labels, settings.min_documents, settings.min_examples)
    entity_labels = sorted(label for label in trained_labels if gathered.kinds[label] == "entity")
    long_labels = sorted(label for label in trained_labels if gathered.kinds[label] != "entity")
    trained_labels = entity_labels + long_labels
    train_docs, held_out = split(gathered.docs)
    lang = settings.lang or guess_language([d.text for d in gathered.docs])
    started = time.monotonic()
    deadline = started + settings.max_minutes * 60
    # The speaker model, the learned cues and the rules' suggestions do not depend on the network:
    # made first, so that --max-minutes bounds the whole training.
    speaker_model, cue_model, by_rules = _without_the_network(gathered, train_docs, held_out, trained_labels,
                                                              bool(long_labels))

    random.seed(seed)
    spacy.util.fix_random_seed(seed)
    nlp = _blank_pipeline(spacy, lang, entity_labels, long_labels, settings.network)
    examples = [_example(nlp, d, set(entity_labels), set(long_labels)) for d in train_docs]
    recipe = settings.recipe
    optimizer = nlp.initialize(lambda: examples, sgd=recipe.optimizer())

    best_score: float | None = None
    best_weights: bytes | None = None
    last: float | None = None
    stale = epochs = 0
    per_label: list[LabelScore] = []
    micro: LabelScore | None = None
    # Time kept for what follows a pass: scoring it, and one more pass over the held-out documents
    # at the end (measured on the first scoring).
    reserve = 0.0
    for epoch in range(1, max_epochs + 1):
        random.Random(seed + epoch).shuffle(examples)
        losses: dict = {}
        done = 0
        for batch in recipe.batches(examples):
            nlp.update(batch, sgd=optimizer, drop=recipe.dropout, losses=losses)
            done += len(batch)
            if progress:
                progress(Progress(epoch, done, len(examples), last, best_score))
            if time.monotonic() + reserve > deadline:
                break
        epochs = epoch
        scoring_started = time.monotonic()
        # Scored and kept with the weights averaged over the updates (as spaCy's own training does):
        # steadier than the last update's.
        with nlp.use_params(optimizer.averages):
            epoch_scores, epoch_micro = score(nlp, held_out, trained_labels)
            last = epoch_micro.f1
            if best_score is None or last > best_score:
                best_score, best_weights, stale = last, nlp.to_bytes(), 0
                per_label, micro = epoch_scores, epoch_micro
            else:
                stale += 1
        # A busy machine slows the last steps too: 3 scorings' time and the writing of the model.
        reserve = max(reserve, 3 * (time.monotonic() - scoring_started) + WRITING_SECONDS)
        if progress:
            progress(Progress(epoch, len(examples), len(examples), last, best_score))
        if stale >= patience or time.monotonic() + reserve > deadline:
            break
    if best_weights is not None:
        nlp.from_bytes(best_weights)
    sources, suggested_scores = _choose_sources(nlp, held_out, by_rules, entity_labels, long_labels)
    assert micro is not None  # the first pass is always scored, and best so far

    meta = {
        "annotty_model": 1,
        "lang": lang,
        "labels": {"entities": entity_labels, "spans": long_labels},
        "kinds": {label: gathered.kinds[label] for label in trained_labels},
        "not_trained": {label: gathered.counts[label] for label in sorted(gathered.counts)
                        if label not in trained_labels},
        "store": gathered.store,
        "annotators": gathered.annotators,
        "documents": {"train": len(train_docs), "held_out": len(held_out)},
        "held_out": sorted(d.id for d in held_out),
        "epochs": epochs,
        "seconds": round(time.monotonic() - started, 1),
        "scores": {s.label: s.as_dict() for s in per_label},
        "micro": micro.as_dict(),
        "sources": sources,
        "suggested": suggested_scores,
        "speakers": None if speaker_model is None else {
            "links": gathered.links, "accuracy": speaker_model.accuracy,
            "rules_accuracy": speaker_model.rules_accuracy,
        },
        "cues": None if cue_model is None else cue_model.figures,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "spacy": spacy.__version__,
    }
    _write(nlp, out, meta, speaker_model, cue_model)
    return Trained(out, meta, per_label, micro)


def _write(nlp, out: Path, meta: dict, speaker_model, cue_model) -> None:
    partial = out.with_name(f".{out.name}.partial")
    if partial.exists():
        shutil.rmtree(partial)
    nlp.meta["name"] = "annotty_" + out.name.replace("-", "_")[:40]
    nlp.to_disk(partial)
    if speaker_model is not None:
        speaker_model.save(partial)
    if cue_model is not None:
        cue_model.save(partial)
    (partial / MODEL_META).write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)  # a model of ours (checked above) or an empty folder
    partial.rename(out)
