"""Direct quotations: the words inside quotation marks, in every
convention news prints (curly, straight, « », „ “, ‘ ’, \'\'…\'\' and
``…\'\' in US papers, straight single marks in headlines), over paragraphs
when each paragraph opens the quotation again.

Scare quotes (one or two words) and quoted names or titles are left out by
``is_speech``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..suggest import lexicon as lex
from ..suggest.document import _BLANK_LINE, _QUOTE_OPEN_SEARCH, _Doc
from ..text_units import is_unspaced

_OPENERS = {"“": "”", "«": "»", "„": "“”", "‘": "’", "‹": "›", "「": "」", "『": "』", '"': '"'}
_ANY_MARK = re.compile("[“”«»„‘’‹›「」『』\"]")


def _valid_opener(text: str, i: int) -> bool:
    if text[i] != "‘":
        return True
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isalnum() and not after.isspace() and after != ""


def _is_closer(text: str, opener: str, j: int) -> bool:
    char = text[j]
    if char not in _OPENERS[opener]:
        return False
    if char == "’":
        after = text[j + 1] if j + 1 < len(text) else " "
        before = text[j - 1] if j > 0 else " "
        return not after.isalnum() and not before.isspace()
    return True


def _close_in(text: str, open_at: int, lo: int, hi: int) -> tuple[int | None, int]:
    """(index of the closing mark, or None; where the quotation stops)."""
    opener = text[open_at]
    for match in _ANY_MARK.finditer(text, lo, hi):
        j = match.start()
        if _is_closer(text, opener, j):
            return j, j
        if text[j] == opener and opener != '"' and opener not in _OPENERS[opener]:
            return None, j  # the same opening mark again: this one was never closed
    return None, hi


@dataclass
class _Quote:
    open_at: int
    close_at: int | None
    start: int
    end: int
    paragraphs: int = 1


#: Longer than this inside one paragraph, an unclosed mark is taken for a stray one.
_LONGEST_QUOTE = 4000


def _find_quotations(doc: _Doc, text: str) -> list[_Quote]:
    paragraphs = doc.paragraphs
    found: list[_Quote] = []
    p = 0
    position = 0
    while p < len(paragraphs):
        p_start, p_end = paragraphs[p]
        opener = None
        for match in _QUOTE_OPEN_SEARCH.finditer(text, max(position, p_start), p_end):
            if _valid_opener(text, match.start()):
                opener = match.start()
                break
        if opener is None:
            p += 1
            continue
        limit = min(p_end, opener + _LONGEST_QUOTE)
        close, stop = _close_in(text, opener, opener + 1, limit)
        if close is None and stop == limit < p_end:
            position = opener + 1  # not closed in a long paragraph: a stray mark
            continue
        count = 1
        while close is None and stop == p_end and p + 1 < len(paragraphs):
            n_start, n_end = paragraphs[p + 1]
            if text[opener] == '"' == text[n_start] and not text[n_start + 1:n_start + 2].isalnum():
                # one-sentence-per-line text: the next line starts with the closing mark ("\n", dijo)
                p += 1
                count += 1
                close = stop = n_start
                break
            if text[n_start] == text[opener] or (text[opener] in "“„" and text[n_start] in "“„"):
                # news style: the next paragraph opens the same quotation again
                p += 1
                count += 1
                close, stop = _close_in(text, n_start, n_start + 1, n_end)
                continue
            if not doc.blank_mode:
                ahead = _look_ahead(doc, text, text[opener], p + 1)
                if ahead is not None:
                    p, close = ahead
                    stop = close
                    count += 1
            break
        end = close if close is not None else stop
        start = opener + 1
        found.append(_Quote(opener, close, start, end, count))
        if close is not None:
            position = close + 1
        else:
            position = stop if stop < paragraphs[p][1] else paragraphs[p][1]
            if position >= paragraphs[p][1]:
                p += 1
    return found


def _look_ahead(doc: _Doc, text: str, opener: str, first: int) -> tuple[int, int] | None:
    """In one-sentence-per-line text: the paragraph index and position of the
    mark that closes a quotation left open, a few lines on; None if another
    quotation starts first."""
    paragraphs = doc.paragraphs
    limit = paragraphs[first][0] + 2500
    for index in range(first, min(first + 8, len(paragraphs))):
        start, end = paragraphs[index]
        if start > limit:
            return None
        for match in _ANY_MARK.finditer(text, start, end):
            j = match.start()
            if opener == '"':
                after = text[j + 1] if j + 1 < len(text) else " "
                if j == start or after.isalnum():
                    return None  # opens a new quotation
                return index, j
            if _is_closer(text, opener, j):
                return index, j
            return None
    return None


def trim_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """``start, end`` without the spaces and , ; : at either edge."""
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _quoted_name(value: str) -> bool:
    """A few capitalised words and nothing else: a name or title, not speech."""
    words = value.split()
    content = [w for w in words if w not in lex.CONNECTORS]
    return len(words) <= 6 and bool(content) and all(w[0].isupper() for w in content) and not re.search(
        r"[,;:.!?…]", value.rstrip(".!?"))


def _word_count(value: str) -> int:
    words = len(value.split())
    unspaced = sum(1 for c in value if is_unspaced(c))
    return max(words, unspaced // 2)


#: Two-character marks (\'\' and ``) and a headline's straight single marks,
#: rewritten as one straight double mark of the same length: offsets stay put.
_DOUBLED_MARKS = re.compile(r"\'\'|``")
_HEADLINE_SINGLE = re.compile(r"(?<![\w\'])\'(?=\w)|(?<=[\w.,!?])\'(?![\w\'])")


def _plain_mark(match: re.Match) -> str:
    # The plain mark goes on the quotation's side, the space outside it, so
    # the words between the marks stay exactly the words quoted.
    text, at = match.string, match.start()
    opening = match.group() == "``" or at == 0 or text[at - 1].isspace() or text[at - 1] in "([{—–-:"
    return ' "' if opening else '" '


def marks_text(doc: _Doc) -> str:
    """The text with every quotation convention as plain marks, same length."""
    text = doc.text
    if "\'" not in text and "`" not in text:
        return text
    text = _DOUBLED_MARKS.sub(_plain_mark, text)
    if doc.lines:
        start, end = doc.lines[0]
        line = text[start:end]
        if '"' not in line and "“" not in line and len(_HEADLINE_SINGLE.findall(line)) % 2 == 0 \
                and not line.rstrip().endswith("."):
            text = text[:start] + _HEADLINE_SINGLE.sub('"', line) + text[end:]
    return text


@dataclass(frozen=True, slots=True)
class Quotation:
    """The words inside one pair of quotation marks (marks left out)."""

    start: int
    end: int
    #: Where the opening and the closing marks are (the closing one None when never closed).
    open_at: int
    close_at: int | None
    paragraphs: int
    words: int


def find_quotations(doc: _Doc) -> list[Quotation]:
    """Every quotation of ``doc`` with words in it, in reading order."""
    text = marks_text(doc)
    breaks = _BLANK_LINE if doc.blank_mode else re.compile("\n")
    found = []
    for quote in _find_quotations(doc, text):
        start, end = trim_marks(doc.text, quote.start, quote.end)
        value = doc.text[start:end]
        if start >= end or not any(c.isalnum() for c in value):
            continue
        paragraphs = 1 + len(breaks.findall(doc.text, start, end))
        words = len(value.split())
        found.append(Quotation(start, end, quote.open_at, quote.close_at, paragraphs,
                               words if words > 2 else _word_count(value)))
    return found


def is_speech(doc: _Doc, quotation: Quotation) -> bool:
    """Whether a quotation is speech: three words or more, and not a name or title."""
    return quotation.words > 2 and not _quoted_name(doc.text[quotation.start:quotation.end])
