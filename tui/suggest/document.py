"""The text as the suggester sees it: paragraphs, sentences and words, computed once.

Part of the built-in suggester (see builtin.py)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cached_property
from itertools import accumulate, repeat
from operator import itemgetter
from typing import NamedTuple

from ..model import CLAIM, ENTITY, QUOTE
from . import lexicon as lex

#: The labels the built-in rules know, and their kinds.
DEFAULT_LABELS = ("PERSON", "ORG", "LOC", "DATE", "MISC", "QUOTE", "CLAIM")
_BUILTIN_KINDS = {"PERSON": ENTITY, "ORG": ENTITY, "LOC": ENTITY, "DATE": ENTITY, "MISC": ENTITY,
                  "QUOTE": QUOTE, "CLAIM": CLAIM}
_SPEAKER_LABELS = ("PERSON", "ORG")
#: An opening quotation mark (speakers and quotations both look for them).
_QUOTE_OPEN_SEARCH = re.compile("[“«„‘‹「『\"]")

# ---------------------------------------------------------------------------
# The text: paragraphs, sentences and words, computed once.


_WORD = re.compile(
    r"(?:[^\W\d_]{1,3}\.){2,}"  # U.S.  EE.UU.
    r"|[^\W_]+(?:['’\-‐‑.][^\W_]+)*",  # one mark at a time between letters: "don't", "Al-Assad", "e.g"
)
_OPENING_PUNCT = set("\"'“‘«„‹「『¿¡([—–-*•#>") | set("”’»")
_BREAK = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)|\n")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_STRAIGHT_QUOTE = re.compile('"')
_BLOCK = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")
_LINE = re.compile(r"[^\n]+")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
#: Where a word may need a cut (see _cut): a possessive at its end, a hyphen.
_CUT_HINT = re.compile(r"['’]s(?![^\W_])|[\-‐‑]")
_NUMBER_HINT = re.compile(r"[0-9]+|%|cent", re.IGNORECASE)


class _Tok(NamedTuple):
    # A named tuple, not a frozen dataclass: thousands are made per article,
    # and a frozen dataclass's __init__ is several times slower.
    start: int
    end: int
    text: str
    capitalised: bool

    @property
    def is_acronym(self) -> bool:
        letters = list(filter(str.isalpha, self.text))
        return len(letters) >= 2 and all(map(str.isupper, letters))


class _Doc:
    def __init__(self, text: str):
        self.text = text
        self.blank_mode = bool(_BLANK_LINE.search(text))
        self.blocks = [self._strip(m.span()) for m in _BLOCK.finditer(text)]
        self.blocks = [b for b in self.blocks if b[0] < b[1]]
        self.lines = [self._strip(m.span()) for m in _LINE.finditer(text)]
        self.lines = [b for b in self.lines if b[0] < b[1]]
        self.line_starts = [s for s, _ in self.lines]
        #: What a quotation may run over: paragraphs between blank lines, or
        #: lines when the text has no blank line.
        self.paragraphs = self.blocks if self.blank_mode else self.lines
        self.sentences = self._sentences()
        self.sentence_starts = [s for s, _ in self.sentences]
        self.straight_quotes = [m.start() for m in _STRAIGHT_QUOTE.finditer(text)]
        self.tokens = self._tokens()
        self.token_starts = [t.start for t in self.tokens]
        self.lower_words = {t.text for t in self.tokens if t.text.islower()}
        self.initial = self._initials()
        self.caps_elsewhere = {
            t.text for t, first in zip(self.tokens, self.initial, strict=True) if not first and t.capitalised
        }
        self._shouting: dict[tuple[int, int], bool] = {}
        self._title_case: dict[tuple[int, int], bool] = {}
        self._headlines: dict[int, bool] = {}

    def _strip(self, span: tuple[int, int]) -> tuple[int, int]:
        start, end = span
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    # -- sentences --------------------------------------------------------
    def _sentences(self) -> list[tuple[int, int]]:
        text = self.text
        found = []
        for block_start, block_end in self.blocks:
            start = block_start
            for match in _BREAK.finditer(text, block_start, block_end):
                if not self._ends_sentence(match):
                    continue
                found.append(self._strip((start, match.end())))
                start = match.end()
            found.append(self._strip((start, block_end)))
        return [s for s in found if s[0] < s[1]]

    def _ends_sentence(self, match: re.Match) -> bool:
        text = self.text
        after = match.end()
        while after < len(text) and text[after] in " \t":
            after += 1
        following = text[after] if after < len(text) else ""
        if following.islower():
            return False
        if match.group() == "\n":
            return True
        if match.group().startswith(".") and match.group().count(".") == 1:
            word_start = match.start()
            while word_start > 0 and not text[word_start - 1].isspace():
                word_start -= 1
            word = text[word_start:match.start()].lstrip("\"'“‘«(")
            if word in lex.ABBREVIATIONS or (len(word) == 1 and word.isupper()) or "." in word:
                return False
        return True

    def sentence_index(self, offset: int) -> int:
        return max(0, bisect_right(self.sentence_starts, offset) - 1)

    def sentence_at(self, offset: int) -> tuple[int, int]:
        if not self.sentences:
            return 0, len(self.text)
        return self.sentences[self.sentence_index(offset)]

    def line_at(self, offset: int) -> tuple[int, int]:
        index = max(0, bisect_right(self.line_starts, offset) - 1)
        return self.lines[index] if self.lines else (0, len(self.text))

    # -- words ------------------------------------------------------------
    def _tokens(self) -> list[_Tok]:
        # Built in bulk (a split, running sums, map) rather than word by word:
        # this runs over every word of every article, and the loop was the
        # suggester's largest single cost. Only the few words that need a
        # cut are then looked at one by one.
        text = self.text
        parts = _WORD_SPLIT.split(text)  # gap, word, gap, word, ..., gap
        words = parts[1::2]
        offsets = list(accumulate(map(len, parts)))
        starts, ends = offsets[0:-1:2], offsets[1::2]
        capitalised = list(map(str.isupper, map(itemgetter(0), words)))
        tokens = list(map(tuple.__new__, repeat(_Tok), zip(starts, ends, words, capitalised, strict=True)))
        to_cut = set()
        for hint in _CUT_HINT.finditer(text):
            index = bisect_right(starts, hint.start()) - 1
            if index >= 0 and hint.start() < ends[index]:
                to_cut.add(index)
        for index in to_cut:
            tokens[index] = _cut(tokens[index])
        return tokens

    def _initials(self) -> list[bool]:
        """``_is_initial`` of every token; a word one space after another word
        never starts anything, and most words are that (the quick answer)."""
        starts = self.token_starts
        if not starts:
            return []
        ends = list(map(itemgetter(1), self.tokens))
        # What stands between each word and the one before it, cut out in bulk.
        gaps = map(self.text.__getitem__, map(slice, ends[:-1], starts[1:]))
        one_space = [False, *map(" ".__eq__, gaps)]
        is_initial = self._is_initial
        return [False if spaced else is_initial(start) for spaced, start in zip(one_space, starts, strict=True)]

    def _is_initial(self, offset: int) -> bool:
        """Whether a word at ``offset`` starts a sentence, a quotation or a
        clause after a dash (and so may be capitalised for that alone)."""
        text = self.text
        sentence_start = self.sentence_at(offset)[0]
        i = offset - 1
        while i >= sentence_start and text[i].isspace():
            i -= 1
        if i < sentence_start:
            return True
        j = i
        while j >= sentence_start and (text[j] in _OPENING_PUNCT or text[j].isspace()):
            j -= 1
        if j < sentence_start:
            return True
        char = text[i]
        if char in "“‘«„‹「『:¿¡|":
            return True
        if char == '"':  # an opening straight quote when an even number stand before it
            count = bisect_left(self.straight_quotes, i) - bisect_left(self.straight_quotes, sentence_start)
            return count % 2 == 0
        return char in "-—–" and i > 0 and text[i - 1].isspace()

    def tokens_between(self, start: int, end: int) -> list[_Tok]:
        lo = bisect_left(self.token_starts, start)
        hi = bisect_left(self.token_starts, end)
        return [t for t in self.tokens[lo:hi] if t.end <= end]

    def token_index(self, offset: int) -> int:
        return bisect_left(self.token_starts, offset)

    @cached_property
    def number_hints(self) -> list[int]:
        """Offsets of every digit, '%', 'cent' ("per cent", "por ciento") and
        number word ("two", "millones"), in order: a sentence with none of
        them holds no number, and the claim rules skip it without reading it."""
        text = self.text
        hints = [m.start() for m in _NUMBER_HINT.finditer(text)]
        for word in [w for w in set(map(itemgetter(2), self.tokens)) if w.lower() in lex.NUMBER_WORDS]:
            at = text.find(word)
            while at >= 0:
                hints.append(at)
                at = text.find(word, at + 1)
        hints.sort()
        return hints

    # -- headline lines -----------------------------------------------------
    def in_headline(self, offset: int) -> bool:
        """Whether the line at ``offset`` is a headline: in capitals, or in
        Title Case (asked for every name: known once per line)."""
        line = max(0, bisect_right(self.line_starts, offset) - 1)
        known = self._headlines.get(line)
        if known is None:
            known = self._headlines[line] = self.shouting(offset) or self.title_case(offset)
        return known

    def shouting(self, offset: int) -> bool:
        """Whether the line at ``offset`` is written in capitals."""
        line = self.line_at(offset)
        if line not in self._shouting:
            # filter and map run in C: no Python loop per character (long lines are common)
            letters = list(filter(str.isalpha, self.text[line[0]:line[1]]))
            words = self.tokens_between(*line)
            self._shouting[line] = len(words) >= 3 and sum(map(str.isupper, letters)) >= 0.8 * len(letters)
        return self._shouting[line]

    def title_case(self, offset: int) -> bool:
        """Whether the line at ``offset`` is a Title Case Headline."""
        line = self.line_at(offset)
        if line not in self._title_case:
            value = self.text[line[0]:line[1]].rstrip()
            long_words = [t for t in self.tokens_between(*line) if len(t.text) >= 4]
            capitalised = sum(t.capitalised for t in long_words)
            self._title_case[line] = (
                len(long_words) >= 4 and capitalised >= 0.75 * len(long_words)
                and not value.endswith((".", "!", "?", "”", '"')) and len(value) <= 200
            )
        return self._title_case[line]


def _cut(token: _Tok) -> _Tok:
    """A word without what does not belong to a name: the '-led' of
    'Kurdish-led', the possessive 's."""
    start, end, word, capitalised = token
    if capitalised and ("-" in word or "‐" in word or "‑" in word):
        cut = _hyphen_cut(word)
        if cut < len(word):
            end = start + cut
            word = word[:cut]
    if word.endswith(("'s", "’s")) and len(word) > 2:
        end -= 2
        word = word[:-2]
    return _Tok(start, end, word, capitalised)


def _hyphen_cut(word: str) -> int:
    """Where to cut a capitalised hyphenated word: before '-led' in
    'Kurdish-led', not in 'AFP-JIJI' or 'Hispano-francesa'."""
    offset = 0
    parts = re.split(r"([\-‐‑])", word)
    for index, part in enumerate(parts):
        if index and index % 2 == 0 and part.islower() and (part in lex.HYPHEN_SUFFIXES or part.endswith("ed")):
            return offset - 1
        offset += len(part)
    return len(word)
