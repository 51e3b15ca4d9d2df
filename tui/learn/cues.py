"""Learned cues: the words that open an attribution in this store's
annotations ("said", "according to", "tweeted", "cited"), counted in
context, and the indirect statements they open in a new text.

Each word of the training texts is counted, alone and with the word before
and the word after it, as a cue (inside the cue a quote or claim records in
``attrs.cue``) or not. In a new text a word is a cue when the share of its
counts that were cues reaches the threshold (its contexts averaged, each
seen at least ``MIN_SEEN`` times; the word alone when no context was). Its
statement is the rest of the sentence after it (after "that"), or, when the
cue ends the sentence ("…, he said."), the sentence before it. The
threshold is the lowest at which the held-out documents' suggestions stay
precise (``TARGET_PRECISION``, overlapping any gold quote or claim), so the
more a store teaches, the more it finds.

Counting is all the learning needs: a few thousand counts, trained in
seconds, read in a millisecond an article; and it learns any language's
cues from that language's annotations.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..metrics.matching import overlaps

if TYPE_CHECKING:
    from .examples import TrainingDoc

FILE = "cues.json"
#: Cues the annotations must record before cues are learned.
MIN_CUES = 20
#: A word or context seen fewer times says nothing.
MIN_SEEN = 3
#: Words that are cues less often than this are not kept (nor are their contexts).
KEPT_SHARE = 0.05
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8)
#: The precision the held-out suggestions must keep (rules and learned cues together).
TARGET_PRECISION = 0.83
#: Fewer words than this after a cue: the statement is the part of the sentence before it.
_WORDS_AFTER = 3
_MIN_STATEMENT_WORDS = 2
WORD = re.compile(r"\w+(?:['’]\w+)*")
_THAT = re.compile(r"\s+that\b", re.IGNORECASE)
_START = "<s>"
_END = "</s>"


@dataclass(frozen=True)
class Statement:
    """An indirect statement ``text[start:end]`` opened by the cue ``text[cue_start:cue_end]``."""

    start: int
    end: int
    cue_start: int
    cue_end: int


def _keys(previous: str, word: str, following: str) -> tuple[str, str, str]:
    return "w " + word, "p " + previous + " " + word, "n " + word + " " + following


def _words(text: str, start: int = 0, end: int | None = None) -> list[re.Match]:
    return list(WORD.finditer(text, start, len(text) if end is None else end))


def _contexts(words: list[re.Match]) -> Iterable[tuple[re.Match, tuple[str, str, str]]]:
    lowered = [w.group().lower() for w in words]
    for i, word in enumerate(words):
        previous = lowered[i - 1] if i else _START
        following = lowered[i + 1] if i + 1 < len(lowered) else _END
        yield word, _keys(previous, lowered[i], following)


class CueModel:
    """Counts of words as cues, and the threshold above which a word opens a statement."""

    def __init__(self, counts: dict[str, tuple[int, int]], threshold: float, label: str,
                 figures: dict | None = None):
        #: key ("w said", "p has said", "n said that") -> (times a cue, times seen)
        self.counts = counts
        self.threshold = threshold
        #: The label learned statements get (the store's commonest label for quotes with a cue).
        self.label = label
        self.figures = dict(figures or {})

    def _share(self, key: str) -> float | None:
        cue, seen = self.counts.get(key, (0, 0))
        return cue / (seen + 1) if seen >= MIN_SEEN else None

    def probability(self, keys: tuple[str, str, str]) -> float:
        alone = self._share(keys[0])
        if alone is None:
            return 0.0
        contexts = [s for s in (self._share(keys[1]), self._share(keys[2])) if s is not None]
        return sum(contexts) / len(contexts) if contexts else alone

    def statements(self, text: str, sentences: Iterable[tuple[int, int]], taken: list[tuple[int, int]],
                   threshold: float | None = None) -> list[Statement]:
        """The statements learned cues open in ``sentences``, one a sentence at most, none
        overlapping ``taken`` (quotes and claims already suggested; the found ones are added to it)."""
        threshold = self.threshold if threshold is None else threshold
        found = []
        for start, end in sentences:
            words = _words(text, start, end)
            scored = [(word, self.probability(keys)) for word, keys in _contexts(words)]
            for index, (word, probability) in enumerate(scored):
                if probability < threshold or (index + 1 < len(scored) and scored[index + 1][1] > probability):
                    continue  # not a cue, or the next word is likelier the cue ("later said", "openly criticised")
                if any(start <= b <= word.start() for _a, b in taken):
                    break  # the cue of a quote already found: '"…," Trump said on CNN.'
                statement = _statement(text, start, end, word, len(words) - index - 1)
                if statement is None or any(overlaps(a, b, statement.start, statement.end) for a, b in taken):
                    continue
                taken.append((statement.start, statement.end))
                found.append(statement)
                break
        return found

    def save(self, folder: Path) -> None:
        data = {"version": 1, "threshold": self.threshold, "label": self.label, "figures": self.figures,
                "counts": {key: list(pair) for key, pair in sorted(self.counts.items())}}
        (folder / FILE).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> CueModel | None:
        path = folder / FILE
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != 1:
            return None  # written by another version of annotty: no learned cues
        counts = {key: (int(pair[0]), int(pair[1])) for key, pair in data["counts"].items()}
        return cls(counts, float(data["threshold"]), str(data["label"]), data.get("figures"))


def _statement(text: str, start: int, end: int, cue: re.Match, words_after: int) -> Statement | None:
    if words_after >= _WORDS_AFTER:
        lo, hi = cue.end(), end
        that = _THAT.match(text, lo, hi)
        lo = that.end() if that else lo
    else:  # "…, he said." / "…, according to officials."
        comma = text.rfind(",", start, cue.start())
        lo, hi = start, comma if comma > start else cue.start()
    while lo < hi and not text[lo].isalnum():
        lo += 1
    while hi > lo and not text[hi - 1].isalnum():
        hi -= 1
    if len(WORD.findall(text, lo, hi)) < _MIN_STATEMENT_WORDS:
        return None
    return Statement(lo, hi, cue.start(), cue.end())


#: How far a linked speaker may stand from its statement for the word between to be taken as the cue.
_NEAR_BEFORE = 80
_NEAR_AFTER = 40
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")


def cue_beside(text: str, statement: tuple[int, int], speaker: tuple[int, int]) -> tuple[int, int] | None:
    """For a linked quote or claim that records no cue: the word joining its speaker to it, the one
    right after a speaker who comes first ("Trump tweeted that …", "“…,” Trump said") or the last
    one before a speaker who follows ("“…,” said Trump"); None when the speaker is not beside it."""
    (start, end), (speaker_start, speaker_end) = statement, speaker
    if speaker_end <= start:
        if start - speaker_end > _NEAR_BEFORE or _SENTENCE_BREAK.search(text, speaker_end, start):
            return None
        word = _word_right_after(text, speaker_end, start)
    elif speaker_start >= end:
        if speaker_start - end > _NEAR_AFTER or "\n" in text[end:speaker_start]:
            return None
        between = _words(text, end, speaker_start)
        word = between[-1] if between else _word_right_after(text, speaker_end, min(len(text), speaker_end + 40))
    else:
        return None
    return None if word is None else (word.start(), word.end())


def _word_right_after(text: str, offset: int, limit: int) -> re.Match | None:
    word = WORD.search(text, offset, limit)
    return word if word is not None and not text[offset:word.start()].strip() else None


def count(docs: Iterable[TrainingDoc]) -> tuple[dict[str, tuple[int, int]], Counter]:
    """(counts of every word and context as a cue and in all, labels of the quotes with a cue)."""
    as_cue: Counter = Counter()
    seen: Counter = Counter()
    labels: Counter = Counter()
    for doc in docs:
        cue_words: set[int] = set()
        for (_start, _end, label), (cue_start, cue_end) in doc.cues:
            labels[label] += 1
            cue_words.update(w.start() for w in WORD.finditer(doc.text, cue_start, cue_end))
        for word, keys in _contexts(_words(doc.text)):
            is_cue = word.start() in cue_words
            for key in keys:
                seen[key] += 1
                as_cue[key] += is_cue
    kept_words = {key[2:] for key, n in seen.items() if key.startswith("w ") and n >= MIN_SEEN
                  and as_cue[key] / n >= KEPT_SHARE}
    counts = {key: (as_cue[key], n) for key, n in seen.items() if n >= MIN_SEEN and _word_of(key) in kept_words}
    return counts, labels


def _word_of(key: str) -> str:
    kind, rest = key.split(" ", 1)
    if kind == "w":
        return rest
    parts = rest.split(" ")
    return parts[1] if kind == "p" else parts[0]


def fit(train: list[TrainingDoc], held_out: list[TrainingDoc], ruled: list[list]) -> CueModel | None:
    """Cues counted on ``train``; the threshold chosen on ``held_out`` (with ``ruled``, the rules'
    own suggestions in each), None when the annotations record too few cues."""
    if sum(len(doc.cues) for doc in train) < MIN_CUES:
        return None
    counts, labels = count(train)
    model = CueModel(counts, THRESHOLDS[-1], labels.most_common(1)[0][0])
    chosen = choose_threshold(model, held_out, ruled)
    model.threshold = chosen["threshold"]
    model.figures = {"cues": sum(labels.values()), **chosen}
    return model


def choose_threshold(model: CueModel, held_out: list[TrainingDoc], ruled: list[list]) -> dict:
    """The lowest threshold at which the rules' indirect statements and the learned ones together
    keep ``TARGET_PRECISION`` on ``held_out`` (each overlapping some gold quote or claim; else the
    most precise threshold), with that precision and the share of gold quotes and claims overlapped."""
    from ..attribution.engine import Engine
    from ..attribution_eval import is_indirect

    prepared = []
    for doc, suggestions in zip(held_out, ruled, strict=True):
        long = [s for s in suggestions if s.kind in ("quote", "claim")]
        indirect = [(s.start, s.end) for s in long if is_indirect(s)]
        prepared.append((doc, [(s.start, s.end) for s in long], indirect, Engine(doc.text).doc.sentences))
    results = []
    for threshold in THRESHOLDS:
        suggested = right = gold = recalled = 0
        for doc, taken, indirect, sentences in prepared:
            found = [(s.start, s.end) for s in model.statements(doc.text, sentences, list(taken), threshold)]
            spans = [(s, e) for s, e, _label in doc.spans]
            every = indirect + found
            suggested += len(every)
            right += sum(1 for a, b in every if any(overlaps(a, b, s, e) for s, e in spans))
            gold += len(spans)
            recalled += sum(1 for s, e in spans if any(overlaps(a, b, s, e) for a, b in every))
        precision = right / suggested if suggested else 0.0
        results.append({"threshold": threshold, "precision": round(precision, 4),
                        "recall": round(recalled / gold, 4) if gold else 0.0})
    good = [r for r in results if r["precision"] >= TARGET_PRECISION]
    return good[0] if good else max(results, key=lambda r: r["precision"])

