"""Re-anchoring stored spans on an article whose text has changed.

A stored span records ``start``/``end`` (code-point offsets, end exclusive)
and the ``text`` it covered. When the article is edited (a typo fixed, a
paragraph added or moved, quotes or whitespace normalised) the offsets go
stale. ``reanchor`` finds each span again, in three steps, and when in doubt
orphans it rather than attach it to the wrong words:

1. **Exact.** ``new_text[start:end] == span.text``. With the old text at hand
   this is taken only if the diff of old and new text also says the span did
   not move (otherwise the same words at the same offsets may be a
   coincidence, e.g. a duplicated sentence; step 2 then decides).

2. **Quote and context** (as the W3C ``TextQuoteSelector`` and web
   annotators do). The span's prefix and suffix (``CONTEXT_CHARS`` around it,
   widened to whole words) are read from the old text. Every occurrence of
   ``span.text`` in the new text is scored by how well the words around it
   match that prefix and suffix (0..1, see ``_context_score``). Occurrences
   within ``CONTEXT_MARGIN`` of the best score, and at least ``CONTEXT_MIN``,
   are contenders; the one nearest the expected position (the old offset
   carried through the diff) wins, and a tie on distance orphans the span.
   When no occurrence has good context, a *unique* occurrence is still taken
   if the text is *distinctive* (``is_distinctive``: at least
   ``DISTINCTIVE_MIN`` letters or digits, CJK counting double; so "Syrian
   Democratic Forces" anchors on its own, "he" or "IS" or "Mr Smith" do not).
   Without the old text there is no context: only a unique occurrence of a
   distinctive text is taken.

3. **Fuzzy**, for small edits inside the span (whitespace runs, CRLF, curly
   vs straight quotes, dashes, a typo). Candidates are looked for within
   ``FUZZY_WINDOW`` characters of the expected position: the region the diff
   maps the old span to, and the word-aligned stretches of the window that
   are similar to the span after normalisation (``_normalise``). Similarity
   is ``difflib.SequenceMatcher.ratio`` of the normalised texts; a candidate
   needs ``FUZZY_MIN`` and the same context rule as step 2, or, when the
   context is poor or absent, ``FUZZY_STRICT``, a distinctive text and no
   rival in the window.

The expected position comes from a word-level diff (``difflib`` opcodes over
tokens: words, single punctuation marks, whitespace runs, single CJK
characters) of the old and new text, so an insertion before a span moves the
expectation with it. Only the standard library is used: ``difflib`` is
enough for articles of news size, and keeps annotty free of a compiled
dependency (``rapidfuzz`` or ``diff-match-patch`` would be the faster choice
for book-length texts).

This module is pure: no I/O, no UI, no printing.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from ..model import Span

#: Characters of context kept on each side of a span (widened to whole words).
CONTEXT_CHARS = 32
#: Context similarity (0..1) from which an occurrence is trusted...
CONTEXT_MIN = 0.6
#: ...or, when it is the only occurrence, from which it is (one side of the
#: context matching in full is enough then).
CONTEXT_MIN_UNIQUE = 0.5
#: Occurrences whose context scores within this of the best one are tied;
#: the one nearest the expected position wins.
CONTEXT_MARGIN = 0.15
#: Letters and digits (CJK counting 2) from which a text is distinctive
#: enough to anchor on its own, without supporting context.
DISTINCTIVE_MIN = 8
#: Similarity of normalised texts for a fuzzy match with good context...
FUZZY_MIN = 0.85
#: ...and with poor or no context (then also distinctive and alone in the window).
FUZZY_STRICT = 0.95
#: How far (in characters) around the expected position fuzzy matches are looked for.
FUZZY_WINDOW = 256
#: Words or marks next to a span that the diff must have matched along with
#: it (on one side at least) for its alignment alone to place the span.
DIFF_CONTEXT_TOKENS = 3

EXACT = "exact"
QUOTE = "quote"
FUZZY = "fuzzy"
NEIGHBOURS = "neighbours"

# How well supported an anchoring is, to settle two spans landing on one place.
# Compared as (tier, context score).
_EXACT_CONFIDENCE = (3, 1.0)
_CONTEXT_TIER = 2
_ALONE_CONFIDENCE = (1, 0.0)


@dataclass
class AnchorResult:
    #: Every span found again, in input order: unchanged, or with new
    #: start/end/text (same id, label, kind and attrs).
    anchored: list[Span] = field(default_factory=list)
    #: (old, new) for the anchored spans whose offsets or text changed.
    moved: list[tuple[Span, Span]] = field(default_factory=list)
    #: Spans that could not be found with confidence, unchanged.
    orphaned: list[Span] = field(default_factory=list)
    #: span id -> how it was anchored: "exact", "quote", "fuzzy" or
    #: "neighbours" (without the old text only, see ``_by_neighbours``).
    how: dict[str, str] = field(default_factory=dict)


def reanchor(spans: list[Span], new_text: str, old_text: str | None = None) -> AnchorResult:
    """Find ``spans`` (stored against ``old_text``, if known) in ``new_text``.

    Every anchored span satisfies ``new_text[s.start:s.end] == s.text``.
    """
    anchorer = _Anchorer(new_text, old_text)
    found = [anchorer.anchor(span) for span in spans]
    _drop_duplicates(spans, found)
    if old_text is None:
        _by_neighbours(spans, found, new_text)
        _drop_duplicates(spans, found)
    result = AnchorResult()
    for span, anchor in zip(spans, found):
        if anchor is None:
            result.orphaned.append(span)
            continue
        new, how, _confidence = anchor
        assert new_text[new.start:new.end] == new.text
        result.anchored.append(new)
        result.how[span.id] = how
        if (new.start, new.end, new.text) != (span.start, span.end, span.text):
            result.moved.append((span, new))
    return result


def _by_neighbours(spans: list[Span], found: list[tuple[Span, str, tuple] | None], text: str) -> None:
    """Without the old text: a span not found otherwise is taken where its
    text stands shifted by the same amount as the nearest anchored spans on
    both sides of it (in the old order), when the two shifted alike: the
    stretch between them most likely moved as a block."""
    placed = sorted(
        (span.start, span.end, anchor[0].start - span.start)
        for span, anchor in zip(spans, found)
        if anchor is not None and anchor[0].end - anchor[0].start == span.end - span.start
    )
    starts = [p[0] for p in placed]
    for index, (span, anchor) in enumerate(zip(spans, found)):
        if anchor is not None:
            continue
        after = bisect_left(starts, span.end)
        before = after - 1
        while before >= 0 and placed[before][1] > span.start:
            before -= 1  # overlaps the span: not a neighbour
        if before < 0 or after >= len(placed):
            continue
        shift = placed[before][2]
        if placed[after][2] != shift:
            continue
        start, end = span.start + shift, span.end + shift
        if 0 <= start and end <= len(text) and text[start:end] == span.text:
            found[index] = (_moved(span, text, start, end), NEIGHBOURS, _ALONE_CONFIDENCE)


def _drop_duplicates(spans: list[Span], found: list[tuple[Span, str, tuple] | None]) -> None:
    """Two spans of one label must not land on the same words unless both
    were there already (found exactly): of those that moved there only the
    best supported one stays (best context), and none if that is a tie."""
    groups: dict[tuple[int, int, str], list[int]] = {}
    for index, anchor in enumerate(found):
        if anchor is not None:
            new = anchor[0]
            groups.setdefault((new.start, new.end, new.label), []).append(index)
    for indexes in groups.values():
        if len(indexes) < 2:
            continue
        best = max(found[i][2] for i in indexes)  # type: ignore[index]
        winners = [i for i in indexes if found[i][2] == best]  # type: ignore[index]
        keep = set(winners) if best == _EXACT_CONFIDENCE or len(winners) == 1 else set()
        for i in indexes:
            if i not in keep:
                found[i] = None


# ---------------------------------------------------------------------------
# Text units

_CJK = (
    "\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u31a0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff"
)
#: Tokens: a CJK character alone (those scripts do not space their words), a
#: run of other word characters, a run of whitespace, or any other character.
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+|\s+|[^\w\s]")

_FOLD = {
    **dict.fromkeys("‘’‚‛′`´", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    "…": "...",
}
#: Characters that do not count at all (zero-width space and joiners are
#: kept: they are part of words and emoji).
_DROP = frozenset("\u00ad\u200b\u2060\ufeff")


def _fold_char(char: str) -> str:
    return _FOLD.get(char, char)


def _normalise(text: str, lo: int = 0, hi: int | None = None) -> tuple[str, list[int], list[int]]:
    """``text[lo:hi]`` with whitespace runs as one space, quotes straight,
    dashes as '-', soft hyphens and zero-width spaces dropped. Returns the
    normalised string and, for each of its characters, the offsets in ``text``
    of the first character that made it and just past the last."""
    hi = len(text) if hi is None else hi
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = lo
    while i < hi:
        char = text[i]
        if char.isspace():
            j = i + 1
            while j < hi and text[j].isspace():
                j += 1
            out.append(" ")
            starts.append(i)
            ends.append(j)
            i = j
            continue
        if char not in _DROP:
            for piece in _fold_char(char):
                out.append(piece)
                starts.append(i)
                ends.append(i + 1)
        i += 1
    return "".join(out), starts, ends


def _tokens(text: str, lo: int = 0, hi: int | None = None) -> list[re.Match]:
    return list(_TOKEN.finditer(text, lo, len(text) if hi is None else hi))


def _token_key(token: str) -> str:
    """What a token is compared as in the diff and in the context."""
    if token.isspace():
        return " "
    return "".join(_fold_char(c) for c in token if c not in _DROP)


def _context_tokens(text: str) -> list[str]:
    """Words and marks, case-folded, quotes and dashes straightened; an emoji
    sequence (symbols, joiners, variation selectors) counts as one."""
    found: list[str] = []
    glued = False
    for match in _TOKEN.finditer(text):
        key = _token_key(match.group()).casefold()
        if not key or key == " ":
            glued = False
            continue
        symbol = len(key) == 1 and unicodedata.category(key) in _EMOJI_PARTS
        if symbol and glued:
            found[-1] += key
        else:
            found.append(key)
        glued = symbol
    return found


_EMOJI_PARTS = frozenset({"So", "Sk", "Mn", "Cf"})


def is_distinctive(text: str) -> bool:
    """Whether ``text`` is specific enough to anchor on without context: at
    least ``DISTINCTIVE_MIN`` letters or digits, a CJK character counting 2.
    Spaces and punctuation do not count."""
    weight = 0
    for char in text:
        if char.isalnum():
            weight += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return weight >= DISTINCTIVE_MIN


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


# ---------------------------------------------------------------------------
# Old offsets to new, through a word-level diff


class _OffsetMap:
    """Carries offsets in the old text to the new one along difflib's opcodes
    over the two texts' tokens. Whitespace tokens are left out of the diff
    (they are half of all tokens and would make it slow for no gain): a
    position in whitespace goes with the token after it (a start) or before
    it (an end). Inside an unchanged run a position moves exactly; inside a
    changed run it is placed proportionally."""

    def __init__(self, old: str, new: str):
        old_tokens = [m for m in _tokens(old) if not m.group().isspace()]
        new_tokens = [m for m in _tokens(new) if not m.group().isspace()]
        self.old_starts = [m.start() for m in old_tokens]
        self.old_ends = [m.end() for m in old_tokens]
        self.new_starts = [m.start() for m in new_tokens]
        self.new_ends = [m.end() for m in new_tokens]
        self.old_raw = [m.group() for m in old_tokens]
        self.new_raw = [m.group() for m in new_tokens]
        matcher = SequenceMatcher(
            None,
            [_token_key(t) for t in self.old_raw],
            [_token_key(t) for t in self.new_raw],
            # Past this size, let difflib skip the most frequent tokens when
            # looking for matches (fast, slightly coarser alignment).
            autojunk=len(old_tokens) > 50_000,
        )
        # Only the opcodes that cover some old tokens: an insertion has no old
        # position of its own (it belongs neither to a span before nor after).
        self.ops = [op for op in matcher.get_opcodes() if op[1] < op[2]]
        self.op_firsts = [op[1] for op in self.ops]
        self.len_new = len(new)

    def start(self, position: int) -> int:
        """Where a span starting at ``position`` would start now (text inserted
        just before it goes before it)."""
        k = bisect_right(self.old_ends, position)  # first token ending after it
        if k == len(self.old_starts):
            return self.len_new
        return self._carry(k, max(position, self.old_starts[k]), at_end=False)

    def end(self, position: int) -> int:
        """Where a span ending at ``position`` would end now (text inserted
        just after it goes after it)."""
        k = bisect_left(self.old_starts, position) - 1  # last token starting before it
        if k < 0:
            return 0
        return self._carry(k, min(position, self.old_ends[k]), at_end=True)

    def carried(self, start: int, end: int) -> tuple[int, int] | None:
        """Where the diff itself carries ``[start, end)``, if it matched the
        span's tokens together with at least ``DIFF_CONTEXT_TOKENS`` tokens
        next to them in one unchanged run (a lone short match is not trusted)."""
        first = bisect_right(self.old_ends, start)
        last = bisect_left(self.old_starts, end) - 1
        if first > last or last >= len(self.old_starts):
            return None
        tag, i1, i2, _j1, _j2 = self.ops[bisect_right(self.op_firsts, first) - 1]
        if tag != "equal" or last >= i2:
            return None
        if first - i1 < DIFF_CONTEXT_TOKENS and i2 - 1 - last < DIFF_CONTEXT_TOKENS:
            return None
        return self.start(start), self.end(end)

    def _carry(self, k: int, position: int, at_end: bool) -> int:
        tag, i1, i2, j1, j2 = self.ops[bisect_right(self.op_firsts, k) - 1]
        if tag == "equal":
            k_new = j1 + (k - i1)
            offset = position - self.old_starts[k]
            old_len = self.old_ends[k] - self.old_starts[k]
            new_len = self.new_ends[k_new] - self.new_starts[k_new]
            if self.old_raw[k] != self.new_raw[k_new]:  # equal once normalised
                offset = round(offset * new_len / old_len)
            return self.new_starts[k_new] + min(offset, new_len)
        if j1 == j2:  # deleted: go to where the deletion was
            if at_end:
                return self.new_ends[j1 - 1] if j1 > 0 else 0
            return self.new_starts[j1] if j1 < len(self.new_starts) else self.len_new
        old_lo, old_hi = self.old_starts[i1], self.old_ends[i2 - 1]
        new_lo, new_hi = self.new_starts[j1], self.new_ends[j2 - 1]
        return new_lo + round((position - old_lo) * (new_hi - new_lo) / (old_hi - old_lo))


# ---------------------------------------------------------------------------
# Finding one span


@dataclass
class _Candidate:
    start: int
    end: int
    context: float | None
    distance: int
    similarity: float = 1.0


class _Anchorer:
    def __init__(self, new_text: str, old_text: str | None):
        self.new = new_text
        self.old = old_text
        self._map: _OffsetMap | None = None

    @property
    def offset_map(self) -> _OffsetMap:
        if self._map is None:
            assert self.old is not None
            self._map = _OffsetMap(self.old, self.new)
        return self._map

    def anchor(self, span: Span) -> tuple[Span, str, tuple[int, float]] | None:
        """The span found again, how, and how confidently; None if not found."""
        new, old = self.new, self.old
        if not span.text or span.start >= span.end:
            return None
        exact_here = 0 <= span.start < span.end <= len(new) and new[span.start:span.end] == span.text
        # The old text helps only if this span really was at its offsets in it.
        knows_old = (
            old is not None and 0 <= span.start < span.end <= len(old) and old[span.start:span.end] == span.text
        )
        if not knows_old:
            if exact_here:
                return span, EXACT, _EXACT_CONFIDENCE
            expected, expected_end, prefix, suffix = span.start, span.end, None, None
        else:
            assert old is not None
            if old == new:
                return span, EXACT, _EXACT_CONFIDENCE
            expected = self.offset_map.start(span.start)
            expected_end = self.offset_map.end(span.end)
            if exact_here and expected == span.start:
                return span, EXACT, _EXACT_CONFIDENCE
            prefix, suffix = _context_around(old, span.start, span.end)
            carried = self.offset_map.carried(span.start, span.end)
            if carried is not None and new[carried[0]:carried[1]] == span.text:
                context = _context_score(new, carried[0], carried[1], prefix, suffix)
                return _moved(span, new, *carried), QUOTE, (_CONTEXT_TIER, context or 0.0)

        distinctive = is_distinctive(span.text)
        found = self._by_quote(span, expected, prefix, suffix, distinctive)
        if found is not None:
            return _moved(span, new, found[0].start, found[0].end), QUOTE, found[1]
        found = self._fuzzy(span, expected, expected_end if knows_old else None, prefix, suffix, distinctive)
        if found is not None:
            return _moved(span, new, found[0].start, found[0].end), FUZZY, found[1]
        return None

    # -- step 2 -----------------------------------------------------------
    def _by_quote(self, span, expected, prefix, suffix, distinctive) -> tuple[_Candidate, tuple] | None:
        new, quote = self.new, span.text
        positions = []
        at = new.find(quote)
        while at != -1:
            positions.append(at)
            at = new.find(quote, at + 1)
        if not positions:
            return None
        candidates = [
            _Candidate(p, p + len(quote), _context_score(new, p, p + len(quote), prefix, suffix), abs(p - expected))
            for p in positions
        ]
        return _decide(candidates, distinctive, strict=True)

    # -- step 3 -----------------------------------------------------------
    def _fuzzy(self, span, expected, expected_end, prefix, suffix, distinctive) -> tuple[_Candidate, tuple] | None:
        new, quote = self.new, span.text
        pattern, _s, _e = _normalise(quote)
        if not pattern.strip():
            return None
        width = max(FUZZY_WINDOW, 2 * len(quote))
        lo = max(0, expected - width)
        hi = min(len(new), max(expected, expected_end or expected) + len(quote) + width)
        regions: dict[tuple[int, int], float] = {}

        def consider(start: int, end: int) -> None:
            start, end = _trim_like(new, start, end, quote)
            if start >= end or (start, end) in regions or new[start:end] == quote:
                return  # exact occurrences were judged by the quote step
            regions[(start, end)] = _similarity(pattern, _normalise(new, start, end)[0])

        # (a) where the diff carries the old span
        if expected_end is not None and expected < expected_end:
            consider(expected, expected_end)
        # (b) word-aligned stretches of the window that look like the span
        norm, starts, ends = _normalise(new, lo, hi)
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(pattern)
        size = len(pattern)
        slack = max(2, size // 5)
        boundaries = _boundaries(norm)
        for i in boundaries:
            if i + size - slack > len(norm):
                break
            matcher.set_seq1(norm[i:i + size])
            if matcher.real_quick_ratio() < FUZZY_MIN or matcher.quick_ratio() < FUZZY_MIN:
                continue
            best_end, best_ratio = None, 0.0
            first = bisect_left(boundaries, i + size - slack)
            for j in [*boundaries[first:], len(norm)]:
                if j > i + size + slack:
                    break
                if j <= i:
                    continue
                matcher.set_seq1(norm[i:j])
                if matcher.quick_ratio() < FUZZY_MIN:
                    continue
                ratio = matcher.ratio()
                if ratio > best_ratio:
                    best_end, best_ratio = j, ratio
            if best_end is not None and best_ratio >= FUZZY_MIN:
                consider(starts[i], ends[best_end - 1])

        candidates = [
            _Candidate(s, e, _context_score(new, s, e, prefix, suffix), abs(s - expected), sim)
            for (s, e), sim in regions.items()
            if sim >= FUZZY_MIN
        ]
        return _decide(_best_of_overlapping(candidates), distinctive, strict=False)


def _decide(candidates: list[_Candidate], distinctive: bool, strict: bool) -> tuple[_Candidate, tuple] | None:
    """The one candidate to anchor to and how confidently, or None when in doubt.

    With good context: the contenders (context within CONTEXT_MARGIN of the
    best and at least CONTEXT_MIN), the most similar first, then the nearest;
    a full tie orphans. Otherwise only a lone candidate: with context at least
    CONTEXT_MIN_UNIQUE, or if the text is distinctive (and, for fuzzy
    matches, at least FUZZY_STRICT similar)."""
    if not candidates:
        return None
    scores = [c.context for c in candidates if c.context is not None]
    best = max(scores) if scores else None
    if best is not None and best >= CONTEXT_MIN:
        floor = max(CONTEXT_MIN, best - CONTEXT_MARGIN)
        contenders = [c for c in candidates if c.context is not None and c.context >= floor]
        contenders.sort(key=lambda c: (-round(c.similarity, 2), c.distance))
        first = contenders[0]
        if len(contenders) > 1:
            second = contenders[1]
            if round(second.similarity, 2) == round(first.similarity, 2) and second.distance == first.distance:
                return None
        return first, (_CONTEXT_TIER, first.context)
    if len(candidates) == 1:
        only = candidates[0]
        if only.context is not None and only.context >= CONTEXT_MIN_UNIQUE:
            return only, (_CONTEXT_TIER, only.context)
        if distinctive and (strict or only.similarity >= FUZZY_STRICT):
            return only, _ALONE_CONFIDENCE
    return None


def _best_of_overlapping(candidates: list[_Candidate]) -> list[_Candidate]:
    """One candidate per cluster of overlapping ones: the most similar, then
    the best context, then the nearest."""
    def rank(c: _Candidate):
        return (-c.similarity, -(c.context if c.context is not None else -1.0), c.distance)

    kept: list[_Candidate] = []
    for candidate in sorted(candidates, key=rank):
        if all(candidate.end <= k.start or candidate.start >= k.end for k in kept):
            kept.append(candidate)
    return kept


def _boundaries(norm: str) -> list[int]:
    """Positions in a normalised string where a word or mark starts."""
    found = []
    previous = " "
    for i, char in enumerate(norm):
        if char != " " and (
            previous == " "
            or not (_is_word(previous) and _is_word(char))
            or _is_cjk(char)
            or _is_cjk(previous)
        ):
            found.append(i)
        previous = char
    return found


def _is_cjk(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF" and char.isalnum()


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio() if a or b else 1.0


def _trim_like(text: str, start: int, end: int, quote: str) -> tuple[int, int]:
    """Drop whitespace at the ends of ``text[start:end]`` unless ``quote`` has it there."""
    start, end = max(0, start), min(len(text), end)
    if quote and not quote[0].isspace():
        while start < end and text[start].isspace():
            start += 1
    if quote and not quote[-1].isspace():
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


def _moved(span: Span, text: str, start: int, end: int) -> Span:
    if (start, end) == (span.start, span.end) and text[start:end] == span.text:
        return span
    return replace(span, start=start, end=end, text=text[start:end])


# ---------------------------------------------------------------------------
# Context


def _context_around(text: str, start: int, end: int) -> tuple[str, str]:
    """``CONTEXT_CHARS`` of text before and after ``[start, end)``, widened so
    as not to cut a word in two."""
    lo = max(0, start - CONTEXT_CHARS)
    while 0 < lo and _is_word(text[lo - 1]) and _is_word(text[lo]) and start - lo < 2 * CONTEXT_CHARS:
        lo -= 1
    hi = min(len(text), end + CONTEXT_CHARS)
    while hi < len(text) and _is_word(text[hi - 1]) and _is_word(text[hi]) and hi - end < 2 * CONTEXT_CHARS:
        hi += 1
    return text[lo:start], text[end:hi]


def _context_score(text: str, start: int, end: int, prefix: str | None, suffix: str | None) -> float | None:
    """How well the words around ``text[start:end]`` match the stored prefix
    and suffix: the mean over the sides that have context of difflib's ratio
    between the stored side's tokens (words and marks, case-folded, quotes
    and dashes straightened, whitespace ignored) and as many tokens read
    from the text on that side. None when there is no context at all."""
    scores = []
    if prefix:
        want = _context_tokens(prefix)
        if want:
            have = _context_tokens(text[max(0, start - 3 * CONTEXT_CHARS):start])[-len(want):]
            scores.append(SequenceMatcher(None, want, have, autojunk=False).ratio())
    if suffix:
        want = _context_tokens(suffix)
        if want:
            have = _context_tokens(text[end:end + 3 * CONTEXT_CHARS])[:len(want)]
            scores.append(SequenceMatcher(None, want, have, autojunk=False).ratio())
    if not scores:
        # The span had nothing around it (it was the whole text): no evidence.
        return None
    return sum(scores) / len(scores)
