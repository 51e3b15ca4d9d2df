"""Matching two sets of spans one to one, and the scores that follow.

Two spans match *strictly* when they have the same start, end and label, and
*partially* when they have the same label and share at least one character.
Each span is matched at most once, on either side.

The matching is **greedy by overlap**: every pair of overlapping spans is a
candidate, ranked by the Jaccard overlap of their character ranges
(characters in common / characters in either, so an exact match ranks 1.0
and comes first), then by characters in common, then by position; candidates
are taken in that order when neither span is taken yet. Greedy is not a
maximum matching: when one long span overlaps two short ones, and one of those
overlaps a third, it can pair one couple fewer than the best possible. It is
what a reader would pair by eye, and it is stable: a strict match is always
also the partial match, so strict counts never exceed partial ones.

Exact matches are found with a dictionary, and overlap candidates with one
sweep over the spans sorted by start, not by comparing every pair, so
matching costs O(n log n + overlapping pairs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Interval = tuple[int, int]


def match_intervals(gold: Sequence[Interval], predicted: Sequence[Interval]) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``: ``gold[i]`` matched with ``predicted[j]``, one to one,
    greedy by decreasing overlap (see the module's notes). Identical intervals
    are always paired first."""
    pairs: list[tuple[int, int]] = []
    if not gold or not predicted:
        return pairs
    # Exact matches first: they are the greedy's first choices (Jaccard 1.0),
    # found with a dictionary instead of a sort.
    waiting: dict[Interval, list[int]] = {}
    for j in range(len(predicted) - 1, -1, -1):
        waiting.setdefault(predicted[j], []).append(j)
    gold_rest = []
    for i, interval in enumerate(gold):
        same = waiting.get(interval)
        if same:
            pairs.append((i, same.pop()))
        else:
            gold_rest.append(i)
    if not gold_rest or len(pairs) == len(predicted):
        return pairs
    pred_rest = sorted((j for same in waiting.values() for j in same), key=predicted.__getitem__)
    gold_rest.sort(key=gold.__getitem__)
    rest = overlap_matching([gold[i] for i in gold_rest], [predicted[j] for j in pred_rest])
    pairs += [(gold_rest[i], pred_rest[j]) for i, j in rest]
    return pairs


def overlap_matching(gold: Sequence[Interval], predicted: Sequence[Interval]) -> list[tuple[int, int]]:
    """The greedy matching of two interval lists **sorted by start**, by
    decreasing Jaccard overlap, then characters in common, then position."""
    candidates = _overlapping_pairs(gold, predicted)
    if not candidates:
        return []
    if len({i for i, _ in candidates}) == len(candidates) == len({j for _, j in candidates}):
        return candidates  # no span overlaps two: every overlapping pair is a match
    ranked = []
    for i, j in candidates:
        g_start, g_end = gold[i]
        p_start, p_end = predicted[j]
        common = min(g_end, p_end) - max(g_start, p_start)
        either = (g_end - g_start) + (p_end - p_start) - common
        ranked.append((-common / either, -common, g_start, p_start, i, j))
    ranked.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for *_rank, i, j in ranked:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    return pairs


def _overlapping_pairs(gold: Sequence[Interval], predicted: Sequence[Interval]) -> list[tuple[int, int]]:
    """Every (i, j) whose intervals share a character: one sweep over both
    lists (sorted by start), keeping the intervals still open on each side."""
    candidates: list[tuple[int, int]] = []
    open_gold: list[int] = []
    open_pred: list[int] = []
    i = j = 0
    n_gold, n_pred = len(gold), len(predicted)
    while i < n_gold or j < n_pred:
        if j == n_pred or (i < n_gold and gold[i][0] <= predicted[j][0]):
            start = gold[i][0]
            if open_pred:
                open_pred = [k for k in open_pred if predicted[k][1] > start]
                candidates += [(i, k) for k in open_pred]
            open_gold.append(i)
            i += 1
        else:
            start = predicted[j][0]
            if open_gold:
                open_gold = [k for k in open_gold if gold[k][1] > start]
                candidates += [(k, j) for k in open_gold]
            open_pred.append(j)
            j += 1
    return candidates


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


@dataclass(frozen=True, slots=True)
class Scores:
    """Precision, recall and F1 from counts. ``gold`` and ``predicted`` are
    how many spans each side has, ``tp`` how many were matched.

    Undefined values are ``None``: precision when nothing was predicted,
    recall when nothing was expected; F1 = 2·tp / (gold + predicted) (the
    harmonic mean of precision and recall whenever both are defined), so it
    is 0.0 when only one side has spans and ``None`` when neither has.
    """

    tp: int = 0
    gold: int = 0
    predicted: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        total = self.gold + self.predicted
        return 2 * self.tp / total if total else None

    def __add__(self, other: Scores) -> Scores:
        return Scores(self.tp + other.tp, self.gold + other.gold, self.predicted + other.predicted)

    def to_dict(self) -> dict:
        return {
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
            "tp": self.tp, "gold": self.gold, "predicted": self.predicted,
        }


@dataclass(frozen=True, slots=True)
class Counts:
    """How many spans each side has, and how many matched strictly and partially."""

    gold: int = 0
    predicted: int = 0
    strict: int = 0
    partial: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.gold + other.gold, self.predicted + other.predicted,
                      self.strict + other.strict, self.partial + other.partial)

    @property
    def strict_scores(self) -> Scores:
        return Scores(self.strict, self.gold, self.predicted)

    @property
    def partial_scores(self) -> Scores:
        return Scores(self.partial, self.gold, self.predicted)


def sum_counts(items) -> Counts:
    """The sum of ``Counts``, added as ints (the same as ``sum(items, Counts())``)."""
    gold = predicted = strict = partial = 0
    for counts in items:
        gold += counts.gold
        predicted += counts.predicted
        strict += counts.strict
        partial += counts.partial
    return Counts(gold, predicted, strict, partial)


def count_matches(gold: Sequence[Interval], predicted: Sequence[Interval]) -> tuple[Counts, list[tuple[int, int]]]:
    """The counts of one label's spans, and the matched pairs."""
    pairs = match_intervals(gold, predicted)
    strict = sum(1 for i, j in pairs if gold[i] == predicted[j])
    return Counts(len(gold), len(predicted), strict, len(pairs)), pairs


def pair_same_place(gold: Sequence, predicted: Sequence, place) -> list[tuple[int, int]]:
    """Pairs ``(i, j)`` of the gold and predicted items (each list in reading
    order) that stand at the same ``place`` (a key such as start, end and
    kind): each item paired once, the first of each side first. Grading uses
    it for a span the student gave another label: the key's span is missed and
    the student's extra, and together they are one *wrong label*."""
    waiting: dict = {}
    for j, item in enumerate(predicted):
        waiting.setdefault(place(item), []).append(j)
    pairs = []
    for i, item in enumerate(gold):
        same = waiting.get(place(item))
        if same:
            pairs.append((i, same.pop(0)))
    return pairs
