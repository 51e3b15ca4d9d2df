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
from .pipeline import finder_name, predicted, require_spacy, spans_key
from .recipe import NerNetwork, Recipe


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
    precision = true_positive / predicted_count if predicted_count else 0.0
    recall = true_positive / gold_count if gold_count else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return LabelScore(label, gold_count, precision, recall, f1)


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

    random.seed(seed)
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank(lang)
    if entity_labels:
        ner = nlp.add_pipe("ner", config={"model": settings.network.model_config()})
        for label in entity_labels:
            ner.add_label(label)
    for label in long_labels:
        nlp.add_pipe("span_finder", name=finder_name(label),
                     config={"spans_key": spans_key(label), "threshold": 0.5, "max_length": None})
    examples = [_example(nlp, d, set(entity_labels), set(long_labels)) for d in train_docs]
    recipe = settings.recipe
    optimizer = nlp.initialize(lambda: examples, sgd=recipe.optimizer())

    best_score: float | None = None
    best_weights: bytes | None = None
    last: float | None = None
    stale = epochs = 0
    for epoch in range(1, max_epochs + 1):
        random.Random(seed + epoch).shuffle(examples)
        losses: dict = {}
        done = 0
        for batch in recipe.batches(examples):
            nlp.update(batch, sgd=optimizer, drop=recipe.dropout, losses=losses)
            done += len(batch)
            if progress:
                progress(Progress(epoch, done, len(examples), last, best_score))
            if time.monotonic() > deadline:
                break
        epochs = epoch
        # Scored and kept with the weights averaged over the updates (as spaCy's own training does):
        # steadier than the last update's.
        with nlp.use_params(optimizer.averages):
            _per_label, micro = score(nlp, held_out, trained_labels)
            last = micro.f1
            if best_score is None or last > best_score:
                best_score, best_weights, stale = last, nlp.to_bytes(), 0
            else:
                stale += 1
        if progress:
            progress(Progress(epoch, len(examples), len(examples), last, best_score))
        if stale >= patience or time.monotonic() > deadline:
            break
    if best_weights is not None:
        nlp.from_bytes(best_weights)
    per_label, micro = score(nlp, held_out, trained_labels)

    speaker_model = None
    if long_labels and gathered.links >= MIN_LINKS:
        from .attribution import fit

        speaker_model = fit(train_docs, held_out)

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
        "speakers": None if speaker_model is None else {
            "links": gathered.links, "accuracy": speaker_model.accuracy,
            "rules_accuracy": speaker_model.rules_accuracy,
        },
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "spacy": spacy.__version__,
    }
    _write(nlp, out, meta, speaker_model)
    return Trained(out, meta, per_label, micro)


def _write(nlp, out: Path, meta: dict, speaker_model) -> None:
    partial = out.with_name(f".{out.name}.partial")
    if partial.exists():
        shutil.rmtree(partial)
    nlp.meta["name"] = "annotty_" + out.name.replace("-", "_")[:40]
    nlp.to_disk(partial)
    if speaker_model is not None:
        speaker_model.save(partial)
    (partial / MODEL_META).write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)  # a model of ours (checked above) or an empty folder
    partial.rename(out)
