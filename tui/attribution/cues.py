"""Finding cues in the text: a dictionary lookup per word, then the longer
phrases that word may start ("was quoted as saying", "according to")."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from collections.abc import Iterable, Iterator

from . import lexicon as lex


@dataclass(frozen=True, slots=True)
class CueMatch:
    """A cue found in the text (read like a regex match)."""

    begin: int
    finish: int
    text: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self) -> str:
        return self.text

    @property
    def key(self) -> str:
        """The cue in lower case, single-spaced: how the lexicon spells it."""
        return " ".join(self.text.lower().split())


class CueTable:
    """First word of a cue (lower case) -> how to match the cues it starts:
    a pattern for phrases, None for the word alone; longest first."""

    def __init__(self, cues: Iterable[str]):
        self.table: dict[str, list[re.Pattern | None]] = {}
        for cue in sorted(cues, key=len, reverse=True):
            words = cue.split()
            matcher = (re.compile(r"\s+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE)
                       if len(words) > 1 else None)
            self.table.setdefault(words[0].lower(), []).append(matcher)

    def find(self, text: str, lo: int, hi: int) -> Iterator[CueMatch]:
        """The cues in ``text[lo:hi]``, in order."""
        table = self.table
        for word in _WORD_RUN.finditer(text, lo, hi):
            matchers = table.get(word.group().lower())
            if not matchers:
                continue
            for matcher in matchers:
                if matcher is None:
                    yield CueMatch(word.start(), word.end(), word.group())
                    break
                match = matcher.match(text, word.start(), hi)
                if match:
                    yield CueMatch(match.start(), match.end(), match.group())
                    break

    def first(self, text: str, lo: int, hi: int) -> CueMatch | None:
        return next(self.find(text, lo, hi), None)


_WORD_RUN = re.compile(r"\w+")

#: Cues of saying: what ties a quote to its speaker.
SPEECH = CueTable(lex.SPEECH_CUES)
#: Cues of saying, thinking or finding: what ties reported speech to its source.
REPORTING = CueTable(lex.REPORTING_CUES)


def speech_cues(text: str, lo: int, hi: int) -> Iterator[CueMatch]:
    return SPEECH.find(text, lo, hi)


def first_speech_cue(text: str, lo: int, hi: int) -> CueMatch | None:
    return SPEECH.first(text, lo, hi)


PRONOUN = re.compile(r"(?<!\w)(?:" + "|".join(sorted(lex.PRONOUNS)) + r")(?!\w)")


class CueIndex:
    """Every cue of one text, found in one pass; then any range by bisection."""

    def __init__(self, text: str):
        self.matches: list[CueMatch] = []
        self.is_speech: list[bool] = []
        covered = -1
        for match in REPORTING.find(text, 0, len(text)):
            if match.start() < covered:
                continue  # a word inside a phrase already found: "was quoted as saying"
            covered = match.end()
            self.matches.append(match)
            self.is_speech.append(match.key in lex.SPEECH_CUES)
        self.starts = [m.start() for m in self.matches]

    def between(self, lo: int, hi: int, speech: bool = True) -> list[CueMatch]:
        """The cues inside ``[lo, hi)``; only cues of saying unless ``speech`` is False."""
        first, last = bisect_left(self.starts, lo), bisect_left(self.starts, hi)
        return [m for m, said in zip(self.matches[first:last], self.is_speech[first:last], strict=True)
                if m.end() <= hi and (said or not speech)]

    def first(self, lo: int, hi: int) -> CueMatch | None:
        found = self.between(lo, hi)
        return found[0] if found else None
