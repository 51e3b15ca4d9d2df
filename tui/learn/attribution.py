"""A learned speaker choice: which mention said this quote (or is the source of this claim).

Each (quote, mention) pair near the quote is described by a few features
(distance, a cue between them or beside the mention, a sentence or
paragraph break between them, the mention's label, whether the rules'
attribution engine picks it) and scored by a logistic regression fitted on
the store's SPEAKER/SOURCE links. The best-scored mention above
``THRESHOLD`` is the speaker. Written with numpy (which spaCy brings): a
dozen weights do not need a learning library.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from ..attribution.engine import Engine
from ..suggest.spacy_suggester import LABELS as ANNOTTY_LABELS
from .examples import TrainingDoc

FILE = "attribution.json"
#: How far from a quote (characters) a mention may be and still be its speaker.
WINDOW = 600
THRESHOLD = 0.3
FEATURES = (
    "bias", "before", "distance", "sentence break between", "line break between", "cue between",
    "cue beside mention", "rules' choice", "person", "organisation", "other label", "nearest before",
    "nearest after", "mentions between",
)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s")


@dataclass(frozen=True)
class _Entity:
    start: int
    end: int
    label: str


class PairFeatures:
    """One text read once (by the rules' engine), then features for any quote's candidates."""

    def __init__(self, text: str, mentions: list[tuple[int, int, str]]):
        self.text = text
        self.mentions = sorted(set(mentions))
        entities = [_Entity(s, e, ANNOTTY_LABELS.get(label, label)) for s, e, label in self.mentions]
        self.engine = Engine(text, entities)

    def candidates(self, start: int, end: int) -> tuple[list[tuple[int, int, str]], list[list[float]]]:
        """The mentions that could have said ``text[start:end]``, and their features."""
        near = [m for m in self.mentions
                if (m[1] <= start and start - m[1] <= WINDOW) or (m[0] >= end and m[0] - end <= WINDOW)]
        if not near:
            return [], []
        try:
            chosen = self.engine.attribute(start, end).speakers
        except (ValueError, IndexError):  # a span the engine cannot read: no rules' opinion
            chosen = ()
        before = [m for m in near if m[1] <= start]
        after = [m for m in near if m[0] >= end]
        nearest_before = max(before, key=lambda m: m[1]) if before else None
        nearest_after = min(after, key=lambda m: m[0]) if after else None
        cues = self.engine.cues
        rows = []
        for mention in near:
            m_start, m_end, label = mention
            is_before = m_end <= start
            lo, hi = (m_end, start) if is_before else (end, m_start)
            gap = self.text[lo:hi]
            mapped = ANNOTTY_LABELS.get(label, label)
            between = sum(1 for m in near if lo <= m[0] and m[1] <= hi)
            rows.append([
                1.0,
                float(is_before),
                math.log1p(hi - lo) / math.log1p(WINDOW),
                float(bool(_SENTENCE_END.search(gap))),
                float("\n" in gap),
                float(bool(cues.between(lo, hi))),
                float(bool(cues.between(m_end, min(len(self.text), m_end + 30)))
                      or bool(cues.between(max(0, m_start - 30), m_start))),
                float(any(s.start < m_end and m_start < s.end for s in chosen)),
                float(mapped == "PERSON"),
                float(mapped == "ORG"),
                float(mapped not in ("PERSON", "ORG")),
                float(mention == nearest_before),
                float(mention == nearest_after),
                min(between, 5) / 5,
            ])
        return near, rows


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class SpeakerModel:
    def __init__(self, weights: list[float], accuracy: float | None = None, rules_accuracy: float | None = None,
                 links: int = 0):
        self.weights = weights
        self.accuracy = accuracy
        self.rules_accuracy = rules_accuracy
        self.links = links

    def scores(self, rows: list[list[float]]) -> list[float]:
        return [1 / (1 + math.exp(-max(-30.0, min(30.0, sum(w * x for w, x in zip(self.weights, row, strict=True))))))
                for row in rows]

    def speaker(self, features: PairFeatures, start: int, end: int) -> tuple[tuple[int, int, str], float] | None:
        """The likeliest speaker of ``text[start:end]`` and its score, or None."""
        near, rows = features.candidates(start, end)
        if not near:
            return None
        scores = self.scores(rows)
        best = max(range(len(near)), key=lambda i: scores[i])
        return (near[best], scores[best]) if scores[best] >= THRESHOLD else None

    def save(self, folder: Path) -> None:
        data = {"features": list(FEATURES), "weights": [round(w, 6) for w in self.weights], "window": WINDOW,
                "threshold": THRESHOLD, "accuracy": self.accuracy, "rules_accuracy": self.rules_accuracy,
                "links": self.links}
        (folder / FILE).write_text(json.dumps(data, indent=1), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> SpeakerModel | None:
        path = folder / FILE
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("features") != list(FEATURES):
            return None  # trained by another version of annotty: the rules choose speakers
        return cls([float(w) for w in data["weights"]], data.get("accuracy"), data.get("rules_accuracy"),
                   int(data.get("links", 0)))


def _pairs(docs: list[TrainingDoc]):
    """(features of each quote's candidates, index of the gold speaker) over the linked quotes."""
    for doc in docs:
        if not doc.links:
            continue
        features = PairFeatures(doc.text, doc.entities)
        for link in doc.links:
            near, rows = features.candidates(*link.head)
            gold = [i for i, m in enumerate(near) if _overlaps((m[0], m[1]), link.child)]
            yield rows, (gold[0] if gold else None)


def fit(train: list[TrainingDoc], held_out: list[TrainingDoc], steps: int = 400,
        rate: float = 0.5, l2: float = 1e-3) -> SpeakerModel:
    """A speaker model fitted on ``train``'s links, its accuracy measured on ``held_out``'s
    (given the gold quotes and mentions), beside the rules' accuracy on the same links."""
    import numpy

    rows: list[list[float]] = []
    targets: list[float] = []
    for candidate_rows, gold in _pairs(train):
        if gold is None:
            continue  # the speaker is too far or not a tagged mention: nothing to learn from
        rows.extend(candidate_rows)
        targets.extend(float(i == gold) for i in range(len(candidate_rows)))
    x = numpy.array(rows or [[0.0] * len(FEATURES)])
    y = numpy.array(targets or [0.0])
    weights = numpy.zeros(len(FEATURES))
    for _ in range(steps):
        predicted = 1 / (1 + numpy.exp(-numpy.clip(x @ weights, -30, 30)))
        gradient = x.T @ (predicted - y) / len(y) + l2 * weights
        weights -= rate * gradient
    model = SpeakerModel([float(w) for w in weights], links=sum(1 for t in targets if t))
    right = rules_right = total = 0
    rules_column = FEATURES.index("rules' choice")
    for candidate_rows, gold in _pairs(held_out):
        total += 1
        if gold is None or not candidate_rows:
            continue
        scores = model.scores(candidate_rows)
        best = max(range(len(scores)), key=lambda i: scores[i])
        right += int(best == gold and scores[best] >= THRESHOLD)
        rules_right += int(candidate_rows[gold][rules_column] == 1.0)
    if total:
        model.accuracy, model.rules_accuracy = right / total, rules_right / total
    return model
