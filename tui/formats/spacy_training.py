"""A folder ``spacy train`` runs on as it stands: ``train.spacy`` and
``dev.spacy`` (the documents split 80/20) and a ``config.cfg`` that fits them.

The config is spaCy's own ``init config`` (``init_config``: CPU, efficiency,
a blank pipeline for the export's language) with:

* ``ner`` for the entity labels of ``doc.ents`` (which never overlap);
* ``spancat`` on ``doc.spans["sc"]`` for every span, quotes and claims and
  the overlapping entities included; its candidates are every run of 1 to N
  tokens (spaCy's n-gram range suggester), N the longest span, capped at
  ``NGRAM_LIMIT``. A longer span cannot be found: the export says how many.
  The cap, and evaluating ``EVAL_BATCH`` documents at a time, bound memory
  and time, which grow with the square of N. A ``span_finder`` (spaCy's way
  to long spans) did not learn in time: on PolNeAR dev, after 1,500 steps
  it proposed 0 to 2 spans an article and spancat's score on the held-out
  articles was 0.00, where n-grams up to 32 tokens scored F 0.31 (precision
  0.90) after 250 steps;
* spancat's labels pinned (``[initialize.components.spancat]``), those of
  the whole export, so its output layer does not depend on the split; ner
  counts its labels in ``train.spacy`` itself (its moves are spaCy's own
  bookkeeping, not for a config);
* ``paths.train`` and ``paths.dev`` relative to the folder: spaCy reads them
  relative to where it runs, so ``python -m spacy train config.cfg`` is run
  there (or given ``--paths.train`` and ``--paths.dev``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

#: The longest run of tokens spancat considers (PolNeAR dev: 85% of its quotes are 32 tokens or fewer).
NGRAM_LIMIT = 32
#: Documents per batch when a pipeline with spancat evaluates (spaCy's default: 1,000).
EVAL_BATCH = 8
#: The share of documents held out in ``dev.spacy``.
DEV_SHARE = 0.2
TRAIN_FILE, DEV_FILE, CONFIG_FILE = "train.spacy", "dev.spacy", "config.cfg"
SPANS_KEY = "sc"


@dataclass
class SpanFacts:
    """What the config must fit, gathered from the exported docs."""

    entity_labels: set[str] = field(default_factory=set)
    span_labels: set[str] = field(default_factory=set)
    lengths: list[int] = field(default_factory=list)  # in tokens, of every span in doc.spans["sc"]

    def add(self, doc) -> None:
        self.entity_labels.update(ent.label_ for ent in doc.ents)
        for span in doc.spans[SPANS_KEY]:
            self.span_labels.add(span.label_)
            self.lengths.append(len(span))

    @property
    def longest(self) -> int:
        return max(self.lengths, default=0)

    @property
    def ngram_max(self) -> int:
        """The longest run of tokens spancat is to consider."""
        return min(max(1, self.longest), NGRAM_LIMIT)

    @property
    def too_long(self) -> int:
        """How many spans are longer than spancat considers."""
        return sum(length > NGRAM_LIMIT for length in self.lengths)


def split_documents(document_ids) -> tuple[list[str], list[str]]:
    """The document ids for training and for evaluation: ordered by a hash of
    the id (so the order the documents come in does not matter), a
    fifth of them (at least one) held out. A single document is in both, as
    spaCy needs something to evaluate on."""
    ordered = sorted(set(document_ids), key=lambda doc_id: (hashlib.sha256(doc_id.encode()).hexdigest(), doc_id))
    if len(ordered) < 2:
        return ordered, ordered
    held_out = max(1, round(len(ordered) * DEV_SHARE))
    return ordered[held_out:], ordered[:held_out]


def training_config(lang: str, facts: SpanFacts) -> str | None:
    """The text of ``config.cfg`` for what ``facts`` found, or None when
    there is nothing to learn (no span at all)."""
    from spacy.cli.init_config import init_config

    pipeline = (["ner"] if facts.entity_labels else []) + (["spancat"] if facts.span_labels else [])
    if not pipeline:
        return None
    config = init_config(lang=lang, pipeline=pipeline, optimize="efficiency", gpu=False, silent=True)
    config["paths"]["train"] = TRAIN_FILE
    config["paths"]["dev"] = DEV_FILE
    components = config["components"]
    if facts.span_labels:
        components["spancat"]["spans_key"] = SPANS_KEY
        config["initialize"]["components"]["spancat"] = {"labels": sorted(facts.span_labels)}
        components["spancat"]["suggester"] = {"@misc": "spacy.ngram_range_suggester.v1",
                                              "min_size": 1, "max_size": facts.ngram_max}
        config["nlp"]["batch_size"] = EVAL_BATCH
    return config.to_str()


def config_header(train_docs: int, dev_docs: int, facts: SpanFacts) -> str:
    """Comment lines that open ``config.cfg``: what it was made from, how to run it."""
    suggester = f"every run of 1 to {facts.ngram_max} tokens"
    if facts.too_long:
        suggester += (f"; {facts.too_long} span(s) are longer, up to {facts.longest}: raise max_size to let it "
                      "find them, at a cost in memory and time that grows with its square")
    return (
        "# Written by annotty export --format spacy, to fit the data beside it:\n"
        f"# {TRAIN_FILE} ({train_docs} document(s)) and {DEV_FILE} ({dev_docs} held out).\n"
        f"# ner: {', '.join(sorted(facts.entity_labels)) or 'none'}; "
        f"spancat on doc.spans[\"{SPANS_KEY}\"]: {', '.join(sorted(facts.span_labels)) or 'none'} "
        f"(candidates: {suggester}).\n"
        "# Run from this folder: python -m spacy train config.cfg --output model\n"
        "# (or from elsewhere with --paths.train DIR/train.spacy --paths.dev DIR/dev.spacy)\n\n"
    )
