"""Agreement between annotators on the same documents.

Computed over the documents *every* annotator compared has annotations on:

- span F1 for every pair of annotators and every label, strict and partial
  (the same one-to-one matching as grading, see ``matching``; the first of the
  pair plays the answer key, which only matters for precision and recall: F1
  is symmetric);
- character-level coefficients per label: each character of each shared
  document is a unit, and its value for an annotator is whether one of their
  spans with that label covers it (binary, so overlapping spans of one label
  count once). Cohen's kappa when there are exactly two annotators; Fleiss'
  kappa and Krippendorff's alpha (nominal, from the ``krippendorff``
  package) for any number.

The coefficients are ``None`` when undefined: when every annotator gave
every character the same value (no label anywhere, or everything labelled),
expected agreement is perfect and chance correction divides by zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from ..errors import AnnottyError
from ..model import Annotations
from .grading import label_order
from .matching import Counts, count_matches

# -- the coefficients --------------------------------------------------------


def cohen_kappa_table(table: Sequence[Sequence[float]]) -> float | None:
    """Cohen's kappa from a square contingency table: ``table[i][j]`` = units
    rater A put in category i and rater B in category j.

    κ = (p_o − p_e) / (1 − p_e), p_o = Σ table[i][i] / n,
    p_e = Σ_i (row_i / n)(column_i / n).
    """
    size = len(table)
    if size == 0 or any(len(row) != size for row in table):
        raise AnnottyError("Cohen's kappa needs a square table")
    if any(value < 0 for row in table for value in row):
        raise AnnottyError("Cohen's kappa needs counts of zero or more")
    n = sum(sum(row) for row in table)
    if n == 0:
        raise AnnottyError("Cohen's kappa needs at least one unit")
    observed = sum(table[i][i] for i in range(size)) / n
    expected = sum(sum(table[i]) * sum(row[i] for row in table) for i in range(size)) / (n * n)
    if expected >= 1:
        return None
    return (observed - expected) / (1 - expected)


def cohen_kappa(rater_a: Sequence, rater_b: Sequence) -> float | None:
    """Cohen's kappa of two raters' categories for the same units (any
    hashable values)."""
    if len(rater_a) != len(rater_b):
        raise AnnottyError(f"the raters coded {len(rater_a)} and {len(rater_b)} units: they must code the same ones")
    categories = sorted(set(rater_a) | set(rater_b), key=repr)
    index = {c: i for i, c in enumerate(categories)}
    table = [[0] * len(categories) for _ in categories]
    for a, b in zip(rater_a, rater_b, strict=True):
        table[index[a]][index[b]] += 1
    return cohen_kappa_table(table)


def _value_counts(counts):
    import numpy as np

    array = np.asarray(counts, dtype=np.float64)
    if array.ndim != 2 or array.shape[0] == 0 or array.shape[1] < 2:
        raise AnnottyError("need a table of units x categories with at least one unit and two categories")
    if (array < 0).any():
        raise AnnottyError("counts must be zero or more")
    return array


def fleiss_kappa(counts) -> float | None:
    """Fleiss' kappa from ``counts[i][j]`` = raters who put unit i in
    category j; every unit must have the same number of raters n ≥ 2.

    P_i = (Σ_j n_ij² − n) / (n(n − 1)),  P̄ = mean P_i,
    p_j = Σ_i n_ij / (N n),  P̄_e = Σ_j p_j²,  κ = (P̄ − P̄_e) / (1 − P̄_e).
    """
    import numpy as np

    array = _value_counts(counts)
    raters = array.sum(axis=1)
    n = raters[0]
    if n < 2 or not np.all(raters == n):
        raise AnnottyError("Fleiss' kappa needs the same number of raters (two or more) for every unit")
    agreement = ((array * array).sum(axis=1) - n) / (n * (n - 1))
    p_bar = agreement.mean()
    p_j = array.sum(axis=0) / (array.shape[0] * n)
    p_e = float((p_j * p_j).sum())
    if p_e >= 1 - 1e-12:
        return None
    return float((p_bar - p_e) / (1 - p_e))


def krippendorff_alpha(counts) -> float | None:
    """Krippendorff's alpha (nominal) from ``counts[i][j]`` = coders who put
    unit i in category j (units with fewer than two coders add nothing), as
    computed by the ``krippendorff`` package."""
    import krippendorff

    array = _value_counts(counts)
    pairable = array.sum(axis=1) >= 2
    if not pairable.any():
        raise AnnottyError("Krippendorff's alpha needs a unit coded by two coders or more")
    if (array[pairable].sum(axis=0) > 0).sum() < 2:
        return None  # one value only: no disagreement is expected, alpha is undefined
    return float(krippendorff.alpha(value_counts=array, level_of_measurement="nominal"))


# -- agreement over a store --------------------------------------------------


@dataclass
class PairAgreement:
    a: str
    b: str
    #: (kind, label) -> counts, with ``a`` as the gold side
    counts: dict[tuple[str, str], Counts] = field(default_factory=dict)

    def total(self) -> Counts:
        return sum(self.counts.values(), Counts())

    def to_dict(self) -> dict:
        total = self.total()
        return {
            "a": self.a, "b": self.b,
            "strict": _f1_dict(total, strict=True), "partial": _f1_dict(total, strict=False),
            "by_label": {label: {"strict": _f1_dict(c, True), "partial": _f1_dict(c, False)}
                         for (_kind, label), c in self.counts.items()},
        }


def _f1_dict(counts: Counts, strict: bool) -> dict:
    scores = counts.strict_scores if strict else counts.partial_scores
    return {"f1": scores.f1, "matched": scores.tp, "a": counts.gold, "b": counts.predicted}


@dataclass
class LabelAgreement:
    kind: str
    label: str
    #: characters each annotator gave this label (in annotator order)
    coverage: list[int]
    cohen_kappa: float | None
    fleiss_kappa: float | None
    krippendorff_alpha: float | None
    #: mean over the pairs where F1 is defined (at least one of them used the label)
    strict_f1: float | None
    partial_f1: float | None

    def to_dict(self) -> dict:
        return {
            "kind": self.kind, "characters": self.coverage, "cohen_kappa": self.cohen_kappa,
            "fleiss_kappa": self.fleiss_kappa, "krippendorff_alpha": self.krippendorff_alpha,
            "mean_strict_f1": self.strict_f1, "mean_partial_f1": self.partial_f1,
        }


@dataclass
class Agreement:
    annotators: list[str]
    documents: list[str]
    #: characters in the shared documents: the units of the coefficients
    units: int
    labels: dict[tuple[str, str], LabelAgreement]
    pairs: list[PairAgreement]

    def to_dict(self) -> dict:
        return {
            "annotators": self.annotators, "documents": self.documents, "units": self.units,
            "labels": {label: value.to_dict() for (_kind, label), value in self.labels.items()},
            "pairs": [pair.to_dict() for pair in self.pairs],
        }


def _merged(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in intervals:  # sorted
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


class _LabelMatcher:
    """Pairwise ``count_matches`` for one label and many annotators, without
    redoing the work every pair shares: the distinct intervals of all
    annotators are numbered and their overlaps found once (one sweep); a
    pair's strict matches are then a set intersection of numbers, and its
    overlap candidates come from those precomputed neighbours. The matching
    is the same greedy one as ``match_intervals``."""

    def __init__(self, intervals: dict[str, list[tuple[int, int]]]):
        self.universe = sorted(set().union(*map(set, intervals.values())))
        number = {interval: k for k, interval in enumerate(self.universe)}
        self.ids: dict[str, set[int]] = {}
        #: annotators with the same interval twice: matched the general way
        self.duplicated: dict[str, list[tuple[int, int]]] = {}
        for name, values in intervals.items():
            self.ids[name] = {number[interval] for interval in values}
            if len(self.ids[name]) < len(values):
                self.duplicated[name] = values
        self.neighbours: list[list[int]] = [[] for _ in self.universe]
        still_open: list[int] = []
        for k, (start, _end) in enumerate(self.universe):
            still_open = [o for o in still_open if self.universe[o][1] > start]
            for o in still_open:
                self.neighbours[o].append(k)
                self.neighbours[k].append(o)
            still_open.append(k)

    def counts(self, a: str, b: str) -> Counts:
        if a in self.duplicated or b in self.duplicated:
            a_spans = self.duplicated.get(a) or [self.universe[k] for k in sorted(self.ids[a])]
            b_spans = self.duplicated.get(b) or [self.universe[k] for k in sorted(self.ids[b])]
            return count_matches(a_spans, b_spans)[0]
        a_ids, b_ids = self.ids[a], self.ids[b]
        same = a_ids & b_ids
        strict = len(same)
        partial = 0
        if strict < len(a_ids) and strict < len(b_ids):
            a_rest, b_rest = a_ids - same, b_ids - same
            neighbours = self.neighbours
            candidates = [(u, v) for u in a_rest for v in neighbours[u] if v in b_rest]
            if len({u for u, _ in candidates}) == len(candidates) == len({v for _, v in candidates}):
                partial = len(candidates)
            else:
                partial = len(self._greedy(candidates))
        return Counts(len(a_ids), len(b_ids), strict, strict + partial)

    def _greedy(self, candidates: list[tuple[int, int]]) -> list[tuple[int, int]]:
        ranked = []
        for u, v in candidates:
            (g_start, g_end), (p_start, p_end) = self.universe[u], self.universe[v]
            common = min(g_end, p_end) - max(g_start, p_start)
            either = (g_end - g_start) + (p_end - p_start) - common
            ranked.append((-common / either, -common, g_start, p_start, g_end, p_end, u, v))
        ranked.sort()
        used_a: set[int] = set()
        used_b: set[int] = set()
        pairs = []
        for *_rank, u, v in ranked:
            if u not in used_a and v not in used_b:
                used_a.add(u)
                used_b.add(v)
                pairs.append((u, v))
        return pairs


def _mean(values: list[float | None]) -> float | None:
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None


def agreement(annotations: Mapping[str, Mapping[str, Annotations]], texts: Mapping[str, str]) -> Agreement:
    """Agreement of the annotators in ``annotations`` ({annotator: {document
    id: Annotations}}) on the documents they all annotated; ``texts`` gives
    each document's text (its length makes the character units)."""
    import numpy as np

    names = list(annotations)
    if len(names) < 2:
        raise AnnottyError("agreement needs two annotators or more")
    shared = sorted(set.intersection(*(set(docs) for docs in annotations.values())))
    if not shared:
        who = ", ".join(names) if len(names) <= 5 else f"the {len(names)} annotators"
        raise AnnottyError(f"{who} have no document in common")
    missing = [doc_id for doc_id in shared if doc_id not in texts]
    if missing:
        raise AnnottyError(f"no text for document {missing[0]}")
    # All documents laid end to end: one line of character positions.
    offsets, units = {}, 0
    for doc_id in shared:
        offsets[doc_id] = units
        units += len(texts[doc_id])
    # annotator -> (kind, label) -> sorted intervals on that line
    spans: dict[str, dict[tuple[str, str], list[tuple[int, int]]]] = {}
    for name in names:
        by_label: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for doc_id in shared:
            offset = offsets[doc_id]
            for span in annotations[name][doc_id].spans():
                by_label.setdefault((span.kind, span.label), []).append((span.start + offset, span.end + offset))
        for intervals in by_label.values():
            intervals.sort()
        spans[name] = by_label
    keys = sorted({key for by_label in spans.values() for key in by_label}, key=label_order)

    pairs = [PairAgreement(a, b) for a, b in combinations(names, 2)]
    for key in keys:
        label_spans = {name: spans[name].get(key, []) for name in names}
        matcher = _LabelMatcher(label_spans)
        for pair in pairs:
            if label_spans[pair.a] or label_spans[pair.b]:
                pair.counts[key] = matcher.counts(pair.a, pair.b)

    labels = {}
    m = len(names)
    for key in keys:
        diff = np.zeros(units + 1, dtype=np.int64)
        coverage = []
        starts, ends = [], []
        for name in names:
            merged = _merged(spans[name].get(key, []))
            coverage.append(sum(end - start for start, end in merged))
            starts += [start for start, _ in merged]
            ends += [end for _, end in merged]
        np.add.at(diff, np.asarray(starts, dtype=np.int64), 1)
        np.add.at(diff, np.asarray(ends, dtype=np.int64), -1)
        yes = np.cumsum(diff[:-1])
        counts = np.column_stack([m - yes, yes])
        cohen = None
        if m == 2:
            both = int((yes == 2).sum())
            a_yes, b_yes = coverage
            cohen = cohen_kappa_table([[both, a_yes - both], [b_yes - both, units - a_yes - b_yes + both]])
        strict = [p.counts[key].strict_scores.f1 if key in p.counts else None for p in pairs]
        partial = [p.counts[key].partial_scores.f1 if key in p.counts else None for p in pairs]
        labels[key] = LabelAgreement(
            kind=key[0], label=key[1], coverage=coverage, cohen_kappa=cohen,
            fleiss_kappa=fleiss_kappa(counts) if units else None,
            krippendorff_alpha=krippendorff_alpha(counts) if units else None,
            strict_f1=_mean(strict), partial_f1=_mean(partial),
        )
    return Agreement(names, shared, units, labels, pairs)
