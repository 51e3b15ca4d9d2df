"""How good are the suggestions? Precision and recall per label against gold.

Two ways of counting, per label:

* **strict**: a suggestion is right when a gold span has the same start,
  end and label;
* **partial**: a suggestion is right when it overlaps a gold span of the
  same label (precision), and a gold span is found when a suggestion of
  its label overlaps it (recall).

Spans are anything with ``start``, ``end`` and ``label`` (suggestions,
annotations) or ``(start, end, label)`` tuples. Scores add up over
documents with ``Evaluation.add``; ``ALL`` is the micro average.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from collections.abc import Iterable

ALL = "ALL"


def _triple(span) -> tuple[int, int, str]:
    if isinstance(span, tuple):
        return int(span[0]), int(span[1]), str(span[2])
    return int(span.start), int(span.end), str(span.label)


@dataclass
class LabelScores:
    label: str
    gold: int = 0
    predicted: int = 0
    strict: int = 0  # suggestions equal to a gold span (each gold span counted once)
    partial_predicted: int = 0  # suggestions overlapping a gold span of their label
    partial_gold: int = 0  # gold spans overlapped by a suggestion of their label

    def add(self, other: LabelScores) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.strict += other.strict
        self.partial_predicted += other.partial_predicted
        self.partial_gold += other.partial_gold

    @property
    def strict_precision(self) -> float:
        return _ratio(self.strict, self.predicted)

    @property
    def strict_recall(self) -> float:
        return _ratio(self.strict, self.gold)

    @property
    def partial_precision(self) -> float:
        return _ratio(self.partial_predicted, self.predicted)

    @property
    def partial_recall(self) -> float:
        return _ratio(self.partial_gold, self.gold)

    @property
    def strict_f1(self) -> float:
        return _f1(self.strict_precision, self.strict_recall)

    @property
    def partial_f1(self) -> float:
        return _f1(self.partial_precision, self.partial_recall)

    def as_dict(self) -> dict:
        return {
            "label": self.label, "gold": self.gold, "predicted": self.predicted,
            "strict_precision": round(self.strict_precision, 3), "strict_recall": round(self.strict_recall, 3),
            "partial_precision": round(self.partial_precision, 3), "partial_recall": round(self.partial_recall, 3),
        }


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_document(predicted: Iterable, gold: Iterable, labels: Iterable[str] | None = None) -> dict[str, LabelScores]:
    """Scores per label for one document. With ``labels``, other labels are
    left out on both sides (e.g. DATE when the gold has no dates)."""
    wanted = set(labels) if labels is not None else None
    predicted_spans = [t for t in map(_triple, predicted) if wanted is None or t[2] in wanted]
    gold_spans = [t for t in map(_triple, gold) if wanted is None or t[2] in wanted]
    names = sorted({t[2] for t in predicted_spans} | {t[2] for t in gold_spans} | (wanted or set()))
    scores = {}
    for label in names:
        mine = sorted(t for t in predicted_spans if t[2] == label)
        theirs = sorted(t for t in gold_spans if t[2] == label)
        result = LabelScores(label, gold=len(theirs), predicted=len(mine))
        result.strict = sum((Counter(mine) & Counter(theirs)).values())
        result.partial_predicted = sum(1 for s, e, _ in mine if _overlaps(theirs, s, e))
        result.partial_gold = sum(1 for s, e, _ in theirs if _overlaps(mine, s, e))
        scores[label] = result
    return scores


def _overlaps(spans: list[tuple[int, int, str]], start: int, end: int) -> bool:
    """Whether any of ``spans`` (sorted) shares a character with [start, end)."""
    index = bisect_left(spans, (end, -1, ""))
    return any(e > start for _s, e, _l in spans[:index])


@dataclass
class Evaluation:
    """Scores added up over documents."""

    labels: list[str] | None = None
    scores: dict[str, LabelScores] = field(default_factory=dict)
    documents: int = 0

    def add(self, predicted: Iterable, gold: Iterable) -> dict[str, LabelScores]:
        document = score_document(predicted, gold, self.labels)
        for label, result in document.items():
            self.scores.setdefault(label, LabelScores(label)).add(result)
        self.documents += 1
        return document

    def total(self) -> LabelScores:
        total = LabelScores(ALL)
        for result in self.scores.values():
            total.add(result)
        return total

    def rows(self) -> list[LabelScores]:
        return [self.scores[label] for label in sorted(self.scores)] + [self.total()]

    def table(self) -> str:
        """A plain-text table: label, counts, strict and partial precision/recall."""
        lines = [f"{'label':8} {'gold':>5} {'sugg':>5}  {'strict P':>8} {'strict R':>8}  {'part. P':>8} {'part. R':>8}"]
        for row in self.rows():
            lines.append(
                f"{row.label:8} {row.gold:5d} {row.predicted:5d}  {row.strict_precision:8.2f} "
                f"{row.strict_recall:8.2f}  {row.partial_precision:8.2f} {row.partial_recall:8.2f}"
            )
        return "\n".join(lines)


@dataclass
class SpeakerScores:
    """Quotes found (overlapping a gold quote) and how many got a right speaker."""

    gold_quotes: int = 0
    found: int = 0
    with_speaker: int = 0
    right_speaker: int = 0

    @property
    def accuracy(self) -> float:
        """Right speakers among the gold quotes that were found."""
        return _ratio(self.right_speaker, self.found)


def score_speakers(predicted: Iterable, gold_quotes: Iterable[tuple[int, int, Iterable[tuple[int, int]]]],
                   scores: SpeakerScores | None = None) -> SpeakerScores:
    """``gold_quotes``: (start, end, spans where the speaker is named: every
    mention of that person counts). A predicted quote is matched by overlap;
    its ``speaker`` is right when it overlaps one of those spans."""
    scores = scores or SpeakerScores()
    quotes = [p for p in predicted if getattr(p, "kind", "") == "quote"]
    for start, end, speaker_spans in gold_quotes:
        scores.gold_quotes += 1
        match = next((q for q in quotes if q.start < end and start < q.end), None)
        if match is None:
            continue
        scores.found += 1
        if match.speaker is None:
            continue
        scores.with_speaker += 1
        s, e = match.speaker
        if any(s < se and ss < e for ss, se in speaker_spans):
            scores.right_speaker += 1
    return scores
