"""Re-anchoring stored spans on an article whose text has changed.

A stored span records ``start``/``end`` (code-point offsets, end exclusive)
and the ``text`` it covered. When the article is edited (a typo fixed, a
paragraph added, moved or dropped, quotes or whitespace normalised) the
offsets go stale. ``reanchor(spans, new_text, old_text)`` finds each span
again, and when in doubt orphans it rather than attach it to the wrong words.

With the old text, a diff of old and new text comes first (``_OffsetMap``):
lines are paired, in order where they stayed and wherever they went when
moved (identical, or alike enough to be the same line edited: ``MOVE_MIN``),
then diffed token by token (words, single marks, single CJK characters;
``difflib`` opcodes). It carries an old offset to an *expected* new one, and
it tells which new words are the continuation of which old ones: an
unchanged run of ``CLAIM_TOKENS`` tokens *claims* its new words, and no other
span may move onto them. Then, in order:

1. **Exact.** ``new_text[start:end] == span.text``, and (with the old text)
   the diff pairs the span's words with those very words. Otherwise the same
   words at the same offsets may be a coincidence (a sentence copied in
   before, the next paragraph's first word after the span's paragraph moved).

2. **Quote and context** (as the W3C ``TextQuoteSelector`` and web annotators
   do). If the diff carried the span's words together with ``DIFF_RUN_TOKENS``
   words beside them (or ``DIFF_CONTEXT_TOKENS`` and the context agrees),
   that settles it. Otherwise every unclaimed occurrence of ``span.text`` in
   the new text (whole words where the span was whole words) is scored by how
   well the words around it match the span's prefix and suffix in the old
   text (``CONTEXT_CHARS`` each side, widened to whole words; see
   ``_Context``: unrelated English scores about 0.1-0.2, one side intact and
   the other unrelated about 0.5). Occurrences scoring ``CONTEXT_MIN`` or more
   and within ``CONTEXT_MARGIN`` of the best are contenders: a lone contender
   wins; of several, only one at the expected position (within
   ``NEAR_CHARS``, the others not) can win, else the span is orphaned. With no
   contender, a *unique* occurrence is taken if its context scores
   ``CONTEXT_MIN_UNIQUE`` (one side intact) or if the text is *distinctive*
   (``is_distinctive``: ``DISTINCTIVE_MIN`` letters or digits, CJK counting
   double; "national weather service" is, "he", "REN", "Tuesday" are not) -
   but not far from the expected position when the span's words, edited,
   still stand there (``STILL_THERE``): it was edited in place, and a copy of
   its old words elsewhere is other words. A weak diff placement and a
   context pointing elsewhere orphan the span.

3. **Fuzzy**, for small edits inside the span (whitespace runs, CRLF,
   non-breaking or zero-width spaces, soft hyphens, curly vs straight
   quotes, dashes, ellipses, a typo, a word put in). Candidates, within
   ``FUZZY_WINDOW`` characters of the expected position: the region the diff
   carries the span to, and word-aligned stretches that look like it. The
   similarity is ``difflib.SequenceMatcher.ratio`` of the normalised texts
   (``_normalise``); a candidate needs ``FUZZY_MIN``, the same first and last
   words (``EDGE_WORD_MIN``), no claim on it, and the context rule of step 2,
   or with poor or no context ``FUZZY_STRICT``, a distinctive text and no
   rival (no other candidate, and the exact old words nowhere in the text).

Without the old text there is neither diff nor context: exact offsets are
trusted, a unique distinctive occurrence is taken, then (``_by_neighbours``) a
span whose text stands shifted by the same amount as both its anchored
neighbours. This mode is weaker (coincidences at the old offsets are taken):
keep the old text to re-anchor against.

Finally two spans of one label never land on the same words unless they were
together before: the better supported stays, a tie orphans both.

Only the standard library is used: ``difflib`` is fast enough for articles
(50,000 characters with 300 spans re-anchor in a fraction of a second) and
keeps annotty free of a compiled dependency; ``rapidfuzz`` or
``diff-match-patch`` would be the choice for book-length texts.

This module is pure: no I/O, no UI, no printing.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from ..model import Span
from .textdiff import _OffsetMap, _Words, _is_word, _joins, _normalise, is_distinctive

#: Characters of context kept on each side of a span (widened to whole words).
CONTEXT_CHARS = 32
#: Context similarity (0..1) from which an occurrence is trusted...
CONTEXT_MIN = 0.6
#: ...or, when it is the only occurrence, from which it is (one side of the
#: context matching in full is enough then).
CONTEXT_MIN_UNIQUE = 0.5
#: Occurrences whose context scores within this of the best one are tied:
#: only the expected position can tell them apart...
CONTEXT_MARGIN = 0.15
#: ...by one of them being this near it (in characters) and the others not.
NEAR_CHARS = 32
#: Similarity of normalised texts for a fuzzy match with good context...
FUZZY_MIN = 0.85
#: ...and with poor or no context (then also distinctive and alone in the window).
FUZZY_STRICT = 0.95
#: How far (in characters) around the expected position fuzzy matches are looked for.
FUZZY_WINDOW = 256
#: A fuzzy match's first and last words must be this similar to the span's.
EDGE_WORD_MIN = 0.75
#: When the words where the diff carries a span are this similar to it, it
#: was edited in place: no far occurrence is taken on its text alone.
STILL_THERE = 0.5
#: Words or marks next to a span that the diff must have matched along with
#: it (on one side at least) for its alignment alone to place the span...
DIFF_RUN_TOKENS = 8
#: ...or, with a context score of at least CONTEXT_MIN there too, this many.
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
    for span, anchor in zip(spans, found, strict=True):
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
        for span, anchor in zip(spans, found, strict=True)
        if anchor is not None and anchor[0].end - anchor[0].start == span.end - span.start
    )
    starts = [p[0] for p in placed]
    for index, (span, anchor) in enumerate(zip(spans, found, strict=True)):
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
        if start >= 0 and end <= len(text) and text[start:end] == span.text:
            found[index] = (_moved(span, text, start, end), NEIGHBOURS, _ALONE_CONFIDENCE)


def _drop_duplicates(spans: list[Span], found: list[tuple[Span, str, tuple] | None]) -> None:
    """Two spans of one label must not land on the same words unless they
    were already together (on the same words, or found exactly): of those
    that moved there only the best supported one stays (best context), and
    none if that is a tie."""
    groups: dict[tuple[int, int, str], list[int]] = {}
    for index, anchor in enumerate(found):
        if anchor is not None:
            new = anchor[0]
            groups.setdefault((new.start, new.end, new.label), []).append(index)
    for indexes in groups.values():
        if len(indexes) < 2 or len({(spans[i].start, spans[i].end) for i in indexes}) == 1:
            continue  # alone, or duplicates already before the edit, moved together
        best = max(found[i][2] for i in indexes)  # type: ignore[index]
        winners = [i for i in indexes if found[i][2] == best]  # type: ignore[index]
        keep = set(winners) if best == _EXACT_CONFIDENCE or len(winners) == 1 else set()
        for i in indexes:
            if i not in keep:
                found[i] = None


# ---------------------------------------------------------------------------
# Finding one span


@dataclass
class _Candidate:
    start: int
    end: int
    context: float | None
    distance: int
    similarity: float = 1.0
    exact: bool = False  # an exact occurrence, a rival in the fuzzy step


class _Anchorer:
    def __init__(self, new_text: str, old_text: str | None):
        self.new = new_text
        self.old = old_text
        self._map: _OffsetMap | None = None
        self._old_words: _Words | None = None
        self._new_words: _Words | None = None

    @property
    def offset_map(self) -> _OffsetMap:
        if self._map is None:
            assert self.old is not None
            self._map = _OffsetMap(self.old, self.new)
        return self._map

    @property
    def old_words(self) -> _Words:
        if self._old_words is None:
            assert self.old is not None
            self._old_words = _Words(self.old)
        return self._old_words

    @property
    def new_words(self) -> _Words:
        if self._new_words is None:
            self._new_words = _Words(self.new)
        return self._new_words

    def _score(self, context: _Context | None, start: int, end: int) -> float | None:
        return context.score(self.new_words, start, end) if context is not None else None

    def anchor(self, span: Span) -> tuple[Span, str, tuple[int, float]] | None:
        """The span found again, how, and how confidently; None if not found."""
        new, old = self.new, self.old
        if not span.text or span.start >= span.end:
            return None
        exact_here = 0 <= span.start < span.end <= len(new) and new[span.start:span.end] == span.text
        hint: int | None = None
        # The old text helps only if this span really was at its offsets in it.
        knows_old = (
            old is not None and 0 <= span.start < span.end <= len(old) and old[span.start:span.end] == span.text
        )
        if not knows_old:
            if exact_here:
                return span, EXACT, _EXACT_CONFIDENCE
            expected, expected_end, context = span.start, span.end, None
        else:
            assert old is not None
            if old == new:
                return span, EXACT, _EXACT_CONFIDENCE
            expected = self.offset_map.start(span.start)
            expected_end = self.offset_map.end(span.end)
            carried = self.offset_map.carried(span.start, span.end)
            if exact_here and carried is not None and carried[:2] == (span.start, span.end):
                return span, EXACT, _EXACT_CONFIDENCE
            context = _Context(self.old_words, old, span.start, span.end)
            if carried is not None and new[carried[0]:carried[1]] == span.text:
                start, end, run = carried
                score = self._score(context, start, end)
                # A long run cannot match by chance; a short one must have
                # the context to back it, or at least not contradict it.
                if run >= DIFF_RUN_TOKENS or (
                    run >= DIFF_CONTEXT_TOKENS and (score is None or score >= CONTEXT_MIN)
                ):
                    return _moved(span, new, start, end), QUOTE, (_CONTEXT_TIER, score or 0.0)
                if run >= DIFF_CONTEXT_TOKENS and score >= CONTEXT_MIN_UNIQUE:  # type: ignore[operator]
                    hint = start

        distinctive = is_distinctive(span.text)
        # Where the diff carries the span, do (most of) its words still stand?
        # Then it was edited in place, and may not jump to a far occurrence
        # on the strength of its text alone.
        far_alone = not (
            knows_old and expected < expected_end
            and _similarity(_normalise(span.text)[0], _normalise(new, expected, expected_end)[0]) >= STILL_THERE
        )
        found, candidates = self._by_quote(span, expected, context, distinctive, far_alone)
        hinted = next((c for c in candidates if c.start == hint), None)
        if hinted is not None:
            return self._take_hinted(span, hinted, found, candidates)
        if found is not None:
            return _moved(span, new, found[0].start, found[0].end), QUOTE, found[1]
        found = self._fuzzy(span, expected, expected_end if knows_old else None, context, distinctive, far_alone)
        return None if found is None else (_moved(span, new, found[0].start, found[0].end), FUZZY, found[1])

    def _take_hinted(
        self, span: Span, hinted: _Candidate, found: tuple[_Candidate, tuple] | None, candidates: list[_Candidate]
    ) -> tuple[Span, str, tuple[int, float]] | None:
        """The diff placed the span at ``hinted``, weakly (a short run, one
        side of the context intact). Taken if the context agrees or has
        nothing better to offer; if it points elsewhere, nobody can tell."""
        new = self.new
        if found is not None:
            return (_moved(span, new, hinted.start, hinted.end), QUOTE, found[1]) if found[0] is hinted else None
        assert hinted.context is not None
        if hinted.context < CONTEXT_MIN and all(
            c.context is None or c.context <= hinted.context for c in candidates
        ):
            return _moved(span, new, hinted.start, hinted.end), QUOTE, (_CONTEXT_TIER, hinted.context)
        return None

    # -- step 2 -----------------------------------------------------------
    def _by_quote(
        self, span, expected, context, distinctive, far_alone
    ) -> tuple[tuple[_Candidate, tuple] | None, list[_Candidate]]:
        """The choice among the exact occurrences (if any), and all of them."""
        new, old, quote = self.new, self.old, span.text
        # A span that began (ended) at a word boundary in the old text cannot
        # be the same words if it now begins (ends) inside a longer word.
        whole_start = whole_end = False
        if context is not None and old is not None:
            whole_start = not _joins(old, span.start)
            whole_end = not _joins(old, span.end)
        claimed = self.offset_map.claimed if context is not None and old is not None else None
        positions = []
        at = new.find(quote)
        while at != -1:
            if (
                not (whole_start and _joins(new, at))
                and not (whole_end and _joins(new, at + len(quote)))
                and not (claimed and claimed(span, at, at + len(quote)))
            ):
                positions.append(at)
            at = new.find(quote, at + 1)
        if not positions:
            return None, []
        if context is None or not (context.prefix or context.suffix):
            candidates = [_Candidate(p, p + len(quote), None, abs(p - expected)) for p in positions]
            return _decide(candidates, distinctive, True, far_alone), candidates
        # Score the likeliest first: one whose upper bound falls short of the
        # best score by CONTEXT_MARGIN can be no contender, and keeps its bound.
        words = self.new_words
        bounds = sorted(
            ((context.score(words, p, p + len(quote), bound=True) or 0.0, p) for p in positions), reverse=True
        )
        candidates, best = [], -1.0
        for bound, p in bounds:
            score = bound if bound < best - CONTEXT_MARGIN else context.score(words, p, p + len(quote))
            assert score is not None
            best = max(best, score)
            candidates.append(_Candidate(p, p + len(quote), score, abs(p - expected)))
        return _decide(candidates, distinctive, True, far_alone), candidates

    # -- step 3 -----------------------------------------------------------
    def _fuzzy(self, span, expected, expected_end, context, distinctive, far_alone) -> tuple[_Candidate, tuple] | None:
        new, quote = self.new, span.text
        pattern, _s, _e = _normalise(quote)
        if not pattern.strip():
            return None
        width = max(FUZZY_WINDOW, 2 * len(quote))
        lo = max(0, expected - width)
        hi = min(len(new), max(expected, expected_end or expected) + len(quote) + width)
        regions: dict[tuple[int, int], float] = {}
        claimed = self.offset_map.claimed if context is not None and self.old is not None else None
        # Exact occurrences were judged by the quote step: a looser match on
        # or around one of them must not overrule that judgement, and they
        # stay rivals (see the end).
        exact = []
        at = new.find(quote, max(0, lo - len(quote)))
        while at != -1 and at < hi:
            if not (claimed and claimed(span, at, at + len(quote))):
                exact.append((at, at + len(quote)))
            at = new.find(quote, at + 1)
        edges = _edge_words(pattern)

        def consider(start: int, end: int) -> None:
            start, end = _trim_like(new, start, end, quote)
            if start >= end or (start, end) in regions:
                return
            if any(start < e and s < end for s, e in exact):
                return
            if end - start > len(quote) and quote in new[start:end]:
                return  # the very words stand inside: a larger stretch would take in others
            if claimed and claimed(span, start, end):
                return  # other words, there before
            text = _normalise(new, start, end)[0]
            if edges and not _same_edges(edges, _edge_words(text)):
                return  # a fuzzy match must begin and end with (about) the same words
            regions[(start, end)] = _similarity(pattern, text)

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
            _Candidate(s, e, self._score(context, s, e), abs(s - expected), sim)
            for (s, e), sim in regions.items()
            if sim >= FUZZY_MIN
        ]
        if not candidates:
            return None
        if not exact and quote in new:
            # The very words stand elsewhere (the quote step found them too
            # many, or too poorly placed): a lone variant here proves nothing.
            exact.append((-1, -1))
        candidates += [_Candidate(s, e, self._score(context, s, e) if s >= 0 else None, abs(s - expected), exact=True)
                       for s, e in exact]
        found = _decide(_best_of_overlapping(candidates), distinctive, False, far_alone)
        return None if found is None or found[0].exact else found


def _decide(
    candidates: list[_Candidate], distinctive: bool, strict: bool, far_alone: bool = True
) -> tuple[_Candidate, tuple] | None:
    """The one candidate to anchor to and how confidently, or None when in doubt.

    With good context: the contenders are the candidates whose context
    scores at least CONTEXT_MIN and within CONTEXT_MARGIN of the best. One
    contender is taken. Of several (the words stand in about the same context
    more than once), one clearly more similar (fuzzy matches) is taken, or
    else the one at the expected position (within NEAR_CHARS) when no other
    is near it; otherwise nothing tells them apart and the span is orphaned.
    Without good context only a lone candidate is taken: with context at
    least CONTEXT_MIN_UNIQUE, or if the text is distinctive (and, for fuzzy
    matches, at least FUZZY_STRICT similar); and only near the expected
    position unless ``far_alone`` (false when the span's words, edited, still
    stand where the diff carries it)."""
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
            clearly_closer = first.similarity >= second.similarity + 0.02
            at_expected = first.distance <= NEAR_CHARS < min(c.distance for c in contenders[1:])
            if not (clearly_closer or at_expected):
                return None
        return first, (_CONTEXT_TIER, first.context)
    if len(candidates) == 1 and (far_alone or candidates[0].distance <= NEAR_CHARS):
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


_WORD = re.compile(r"\w+")


def _edge_words(text: str) -> tuple[str, str] | None:
    words = _WORD.findall(text.casefold())
    return (words[0], words[-1]) if words else None


def _same_edges(want: tuple[str, str], have: tuple[str, str] | None) -> bool:
    return have is not None and all(
        a == b or SequenceMatcher(None, a, b, autojunk=False).ratio() >= EDGE_WORD_MIN
        for a, b in zip(want, have, strict=True)
    )


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


class _Context:
    """A span's words before and after it in the old text (``CONTEXT_CHARS``
    on each side, widened to whole words), and how well a place in the new
    text matches them: the mean, over the sides that have words, of difflib's
    ratio between the stored words and as many words of the new text on that
    side. ``score`` is None when the span had nothing around it."""

    def __init__(self, old: _Words, text: str, start: int, end: int):
        lo = max(0, start - CONTEXT_CHARS)
        while lo > 0 and _is_word(text[lo - 1]) and _is_word(text[lo]) and start - lo < 2 * CONTEXT_CHARS:
            lo -= 1
        hi = min(len(text), end + CONTEXT_CHARS)
        while hi < len(text) and _is_word(text[hi - 1]) and _is_word(text[hi]) and hi - end < 2 * CONTEXT_CHARS:
            hi += 1
        self.prefix = old.before(start, 4 * CONTEXT_CHARS, since=lo)
        self.suffix = old.after(end, 4 * CONTEXT_CHARS, until=hi)
        # difflib caches what it learns about its second sequence: set it once.
        self._prefix_matcher = SequenceMatcher(None, autojunk=False)
        self._prefix_matcher.set_seq2(self.prefix)
        self._suffix_matcher = SequenceMatcher(None, autojunk=False)
        self._suffix_matcher.set_seq2(self.suffix)

    def score(self, new: _Words, start: int, end: int, bound: bool = False) -> float | None:
        """The score; with ``bound``, a cheap upper bound of it. A side with
        no words (the span began or ended the text) counts too once the other
        has words: matched by a place with none there either, not by one with
        words (else a span at the very start, its one side half matching,
        could pass for one side intact)."""
        if not (self.prefix or self.suffix):
            return None
        scores = []
        for words, matcher in ((self.prefix, self._prefix_matcher), (self.suffix, self._suffix_matcher)):
            if words:
                found = new.before(start, len(words)) if words is self.prefix else new.after(end, len(words))
                matcher.set_seq1(found)
                scores.append(matcher.quick_ratio() if bound else matcher.ratio())
            else:
                found = new.before(start, 1) if words is self.prefix else new.after(end, 1)
                scores.append(0.0 if found else 1.0)
        return sum(scores) / len(scores)
