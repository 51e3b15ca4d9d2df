"""Text units and the word-level diff that maps old offsets to new ones,
for re-anchoring (see anchoring.py)."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from difflib import SequenceMatcher
from itertools import pairwise

from ..model import Span

#: An unchanged run of this many tokens ties its new words to their old
#: place: no other span may move onto them.
CLAIM_TOKENS = 1
#: Letters and digits (CJK counting 2) from which a text is distinctive
#: enough to anchor on its own, without supporting context.
DISTINCTIVE_MIN = 8
#: A line deleted in one place and one inserted elsewhere this alike
#: (difflib ratio of their tokens) are one line moved.
MOVE_MIN = 0.6

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


def _tokens(text: str) -> list[re.Match]:
    return list(_TOKEN.finditer(text))


def _token_key(token: str) -> str:
    """What a token is compared as in the diff and in the context."""
    if token.isspace():
        return " "
    return "".join(_fold_char(c) for c in token if c not in _DROP)


class _Words:
    """A text's words and marks for comparing context: case-folded, quotes
    and dashes straightened, whitespace left out, an emoji sequence (symbols,
    joiners, variation selectors) as one; with their offsets, so that the
    words before or after any position are found by bisection."""

    def __init__(self, text: str):
        self.keys: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        glued = False
        for match in _TOKEN.finditer(text):
            key = _token_key(match.group()).casefold()
            if not key or key == " ":
                glued = False
                continue
            symbol = len(key) == 1 and unicodedata.category(key) in _EMOJI_PARTS
            if symbol and glued and self.ends[-1] == match.start():
                self.keys[-1] += key
                self.ends[-1] = match.end()
            else:
                self.keys.append(key)
                self.starts.append(match.start())
                self.ends.append(match.end())
            glued = symbol

    def before(self, position: int, count: int, since: int = 0) -> list[str]:
        """Up to ``count`` words ending by ``position`` (and starting at ``since`` or later)."""
        last = bisect_right(self.ends, position)
        first = max(last - count, bisect_left(self.starts, since))
        return self.keys[first:last] if first < last else []

    def after(self, position: int, count: int, until: int | None = None) -> list[str]:
        """Up to ``count`` words starting at ``position`` or later (and ending by ``until``)."""
        first = bisect_left(self.starts, position)
        last = first + count if until is None else min(first + count, bisect_right(self.ends, until))
        return self.keys[first:last] if first < last else []


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


def _joins(text: str, position: int) -> bool:
    """Whether ``position`` falls inside a word (between two word characters)."""
    return 0 < position < len(text) and _is_word(text[position - 1]) and _is_word(text[position])


# ---------------------------------------------------------------------------
# Old offsets to new, through a word-level diff


class _OffsetMap:
    """Carries offsets in the old text to the new one along difflib opcodes
    over the two texts' tokens, found in two levels: lines first (so that a
    line moved elsewhere, even edited a little, is paired with its new place
    rather than half-matched against whatever now stands where it was), then
    tokens inside changed stretches and inside moved lines. Whitespace tokens
    are left out (half of all tokens, slow for no gain): a position in
    whitespace goes with the token after it (a start) or before it (an end).
    Inside an unchanged run a position moves exactly; inside a changed run it
    is placed proportionally."""

    def __init__(self, old: str, new: str):
        old_tokens = [m for m in _tokens(old) if not m.group().isspace()]
        new_tokens = [m for m in _tokens(new) if not m.group().isspace()]
        self.old_starts = [m.start() for m in old_tokens]
        self.old_ends = [m.end() for m in old_tokens]
        self.new_starts = [m.start() for m in new_tokens]
        self.new_ends = [m.end() for m in new_tokens]
        self.old_raw = [m.group() for m in old_tokens]
        self.new_raw = [m.group() for m in new_tokens]
        old_keys = [_token_key(t) for t in self.old_raw]
        new_keys = [_token_key(t) for t in self.new_raw]
        old_lines = _line_starts(old, self.old_starts, self.old_ends)
        new_lines = _line_starts(new, self.new_starts, self.new_ends)
        opcodes = _two_level_diff(old_keys, new_keys, old_lines, new_lines)
        # Only the opcodes that cover some old tokens: an insertion has no old
        # position of its own (it belongs neither to a span before nor after).
        self.ops = sorted((op for op in opcodes if op[1] < op[2]), key=lambda op: op[1])
        self.op_firsts = [op[1] for op in self.ops]
        # Unchanged runs that claim their new words for the old ones (see
        # ``claimed``), by their new tokens.
        self.runs = sorted(
            (op for op in opcodes if op[0] == "equal" and op[2] - op[1] >= CLAIM_TOKENS), key=lambda op: op[3]
        )
        self.run_firsts = [op[3] for op in self.runs]
        self.len_new = len(new)

    def origin(self, position: int, at_end: bool) -> int | None:
        """The old offset that a start (or end) ``position`` in the new text
        comes from, when it lies in an unchanged run of CLAIM_TOKENS or more."""
        if at_end:
            k = bisect_left(self.new_starts, position) - 1  # last token starting before it
            if k < 0 or position > self.new_ends[k]:
                return None
        else:
            k = bisect_right(self.new_ends, position)  # first token ending after it
            if k >= len(self.new_starts) or position < self.new_starts[k]:
                return None
        index = bisect_right(self.run_firsts, k) - 1
        if index < 0:
            return None
        _tag, i1, _i2, j1, j2 = self.runs[index]
        if k >= j2:
            return None
        k_old = i1 + (k - j1)
        offset = position - self.new_starts[k]
        if self.old_raw[k_old] != self.new_raw[k]:
            return None  # equal only once normalised: offsets inside do not map
        return self.old_starts[k_old] + offset

    def claimed(self, span: Span, start: int, end: int) -> bool:
        """Whether ``[start, end)`` in the new text begins or ends in an
        unchanged run that comes from elsewhere in the old text than ``span``:
        those are other words that were there already, not where the span
        went. (A chance run only makes this more cautious: a short threshold
        is safe.)"""
        origin = self.origin(start, at_end=False)
        if origin is not None and origin != span.start:
            return True
        origin = self.origin(end, at_end=True)
        return origin is not None and origin != span.end

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

    def carried(self, start: int, end: int) -> tuple[int, int, int] | None:
        """Where the diff itself carries ``[start, end)`` when it matched all
        the span's tokens in one unchanged run, and how many tokens that run
        has beyond the span on its longer side."""
        first = bisect_right(self.old_ends, start)
        last = bisect_left(self.old_starts, end) - 1
        if first > last or last >= len(self.old_starts):
            return None
        tag, i1, i2, _j1, _j2 = self.ops[bisect_right(self.op_firsts, first) - 1]
        if tag != "equal" or last >= i2:
            return None
        return self.start(start), self.end(end), max(first - i1, i2 - 1 - last)

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


def _token_diff(old: list[str], new: list[str], old_lines: list[bool], new_lines: list[bool]) -> list[tuple]:
    # The tokens both start and end with stay paired as they stand; difflib
    # diffs the middle. Left to itself, its longest-match-first pairing of
    # repetitive text ("coast coast coast coast storm") can pair the edges
    # askew: a word put in after the third "coast" became the first one
    # deleted and others added at the end, and spans followed the wrong words.
    shortest = min(len(old), len(new))
    head = 0
    while head < shortest and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < shortest - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    old_mid, new_mid = old[head:len(old) - tail], new[head:len(new) - tail]
    matcher = SequenceMatcher(
        None, old_mid, new_mid,
        # Past this size, let difflib skip the most frequent tokens when
        # looking for matches (fast, slightly coarser alignment).
        autojunk=len(old_mid) > 50_000,
    )
    ops = [["equal", 0, head, 0, head]] if head else []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if ops and tag == "equal" == ops[-1][0]:
            ops[-1][2], ops[-1][4] = i2 + head, j2 + head
        else:
            ops.append([tag, i1 + head, i2 + head, j1 + head, j2 + head])
    if tail:
        if ops and ops[-1][0] == "equal":
            ops[-1][2], ops[-1][4] = len(old), len(new)
        else:
            ops.append(["equal", len(old) - tail, len(old), len(new) - tail, len(new)])
    return _slide(ops, old, new, old_lines, new_lines)


def _shifted(ops: list[tuple], i: int, j: int) -> list[tuple]:
    return [(tag, i1 + i, i2 + i, j1 + j, j2 + j) for tag, i1, i2, j1, j2 in ops]


def _line_ranges(lines: list[bool]) -> list[tuple[int, int]]:
    """Token ranges of the lines, from the line-start flags."""
    starts = [k for k, first in enumerate(lines) if first]
    return list(pairwise([*starts, len(lines)]))


def _two_level_diff(old: list[str], new: list[str], old_lines: list[bool], new_lines: list[bool]) -> list[tuple]:
    """Token opcodes (not all in new-text order: moved lines map elsewhere).

    Lines are paired first, wherever they now stand (``_pair_lines``), and
    each pair is diffed token by token. A run of unpaired old lines
    is diffed token by token against the unpaired new lines that stand
    between the same paired neighbours (a stretch rewritten in place), or
    else deleted."""
    old_ranges, new_ranges = _line_ranges(old_lines), _line_ranges(new_lines)
    old_units = [tuple(old[a:b]) for a, b in old_ranges]
    new_units = [tuple(new[a:b]) for a, b in new_ranges]
    pairs = _pair_lines(old_units, new_units)
    paired_new = set(pairs.values())
    ops: list[tuple] = []

    def token_start(ranges: list[tuple[int, int]], unit: int, total: int) -> int:
        return ranges[unit][0] if unit < len(ranges) else total

    unit = 0
    while unit < len(old_units):
        if unit in pairs:
            (a, b), (c, d) = old_ranges[unit], new_ranges[pairs[unit]]
            if old_units[unit] == new_units[pairs[unit]]:
                ops.append(("equal", a, b, c, d))
            else:
                ops += _shifted(_token_diff(old[a:b], new[c:d], old_lines[a:b], new_lines[c:d]), a, c)
            unit += 1
            continue
        run_end = unit
        while run_end < len(old_units) and run_end not in pairs:
            run_end += 1
        before = pairs[unit - 1] if unit > 0 else -1
        after = pairs[run_end] if run_end < len(old_units) else len(new_units)
        gap = [j for j in range(before + 1, after) if j not in paired_new] if before < after else []
        a, b = old_ranges[unit][0], token_start(old_ranges, run_end, len(old))
        if gap and gap == list(range(gap[0], gap[-1] + 1)):
            c, d = new_ranges[gap[0]][0], token_start(new_ranges, gap[-1] + 1, len(new))
            ops += _shifted(_token_diff(old[a:b], new[c:d], old_lines[a:b], new_lines[c:d]), a, c)
        else:
            where = token_start(new_ranges, after, len(new)) if before < after else len(new)
            ops.append(("delete", a, b, where, where))
        unit = run_end
    return [op for op in ops if op[1] < op[2] or op[3] < op[4]]


def _pair_lines(old_units: list[tuple], new_units: list[tuple]) -> dict[int, int]:
    """Old line -> new line: the lines difflib finds unchanged in order;
    then, of the others, identical lines (the k-th copy with the k-th copy
    when a line is left as often in both); then mutual best matches with a
    difflib ratio of MOVE_MIN or more."""
    pairs: dict[int, int] = {}
    for tag, i1, i2, j1, _j2 in SequenceMatcher(None, old_units, new_units, autojunk=False).get_opcodes():
        if tag == "equal":
            pairs.update((i1 + k, j1 + k) for k in range(i2 - i1))
    taken = set(pairs.values())
    where_old: dict[tuple, list[int]] = {}
    where_new: dict[tuple, list[int]] = {}
    for i, unit in enumerate(old_units):
        if i not in pairs:
            where_old.setdefault(unit, []).append(i)
    for j, unit in enumerate(new_units):
        if j not in taken:
            where_new.setdefault(unit, []).append(j)
    for unit, olds in where_old.items():
        news = where_new.get(unit, [])
        if len(olds) == len(news):
            pairs.update(zip(olds, news, strict=True))
    left_old = [i for i in range(len(old_units)) if i not in pairs and old_units[i]]
    taken = set(pairs.values())
    left_new = [j for j in range(len(new_units)) if j not in taken and new_units[j]]
    if not left_old or not left_new:
        return pairs
    best_for_old: dict[int, tuple[float, int]] = {}
    best_for_new: dict[int, tuple[float, int]] = {}
    matcher = SequenceMatcher(None, autojunk=False)
    for j in left_new:
        matcher.set_seq2(new_units[j])
        for i in left_old:
            matcher.set_seq1(old_units[i])
            if matcher.real_quick_ratio() < MOVE_MIN or matcher.quick_ratio() < MOVE_MIN:
                continue
            ratio = matcher.ratio()
            if ratio < MOVE_MIN:
                continue
            if ratio > best_for_old.get(i, (0.0, -1))[0]:
                best_for_old[i] = (ratio, j)
            if ratio > best_for_new.get(j, (0.0, -1))[0]:
                best_for_new[j] = (ratio, i)
    for i, (_ratio, j) in best_for_old.items():
        if best_for_new.get(j, (0.0, -1))[1] == i:
            pairs[i] = j
    return pairs


def _line_starts(text: str, starts: list[int], ends: list[int]) -> list[bool]:
    """For each token, whether it begins a line."""
    return [k == 0 or "\n" in text[ends[k - 1]:starts[k]] for k in range(len(starts))]


def _slide(
    ops: list[list], old: list[str], new: list[str], old_lines: list[bool], new_lines: list[bool]
) -> list[tuple]:
    """Opcodes with each pure deletion or insertion slid, where the same
    tokens allow it, to begin at the start of a line, as diff tools do: when a
    paragraph that begins like the next one moved away, difflib may mark the
    deletion from the second word of the one to the first word of the next;
    the first words then pair wrongly (the next paragraph's "The" with the
    moved one's), and a span on them would follow the wrong words."""
    for index in range(1, len(ops) - 1):
        before, block, after = ops[index - 1], ops[index], ops[index + 1]
        if before[0] != "equal" or after[0] != "equal" or block[0] not in ("delete", "insert"):
            continue
        if block[0] == "delete":
            tokens, lines, lo, hi = old, old_lines, block[1], block[2]
            room_left, room_right = before[2] - before[1], after[2] - after[1]
        else:
            tokens, lines, lo, hi = new, new_lines, block[3], block[4]
            room_left, room_right = before[4] - before[3], after[4] - after[3]
        if lines[lo]:
            continue
        shifts = []
        shift = 0
        while shift < room_left and tokens[lo - shift - 1] == tokens[hi - shift - 1]:
            shift += 1
            if lines[lo - shift]:
                shifts.append(-shift)
                break
        shift = 0
        while shift < room_right and hi + shift < len(tokens) and tokens[lo + shift] == tokens[hi + shift]:
            shift += 1
            if lo + shift < len(lines) and lines[lo + shift]:
                shifts.append(shift)
                break
        if not shifts:
            continue
        move = min(shifts, key=abs)
        side = (1, 2) if block[0] == "delete" else (3, 4)
        other = (3, 4) if block[0] == "delete" else (1, 2)
        block[side[0]] += move
        block[side[1]] += move
        before[side[1]] += move
        before[other[1]] += move
        after[side[0]] += move
        after[other[0]] += move
        block[other[0]] = block[other[1]] = before[other[1]]
    return [tuple(op) for op in ops if op[1] < op[2] or op[3] < op[4]]
