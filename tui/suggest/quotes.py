"""Quotations (straight and typographic marks, over paragraphs) and claims.

Part of the built-in suggester (see builtin.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import CLAIM, QUOTE
from ..text_units import is_unspaced
from . import lexicon as lex
from .suggestion import Suggestion
from .document import _BLANK_LINE, _Doc, _QUOTE_OPEN_SEARCH
from .speakers import _Mention, _Speakers

# ---------------------------------------------------------------------------
# Quotations


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
    speaker: _Mention | None = None
    how: str = ""


#: Longer than this inside one paragraph, an unclosed mark is taken for a stray one.
_LONGEST_QUOTE = 4000


def _find_quotations(doc: _Doc) -> list[_Quote]:
    text = doc.text
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
                ahead = _look_ahead(doc, text[opener], p + 1)
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


def _look_ahead(doc: _Doc, opener: str, first: int) -> tuple[int, int] | None:
    """In one-sentence-per-line text: the paragraph index and position of the
    mark that closes a quotation left open, a few lines on; None if another
    quotation starts first."""
    text = doc.text
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


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
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


def _quotes(doc: _Doc, speakers: _Speakers) -> list[Suggestion]:
    text = doc.text
    quotations = []
    for quote in _find_quotations(doc):
        quote.start, quote.end = _trim(text, quote.start, quote.end)
        breaks = _BLANK_LINE if doc.blank_mode else re.compile("\n")
        quote.paragraphs = 1 + len(breaks.findall(text, quote.start, quote.end))
        value = text[quote.start:quote.end]
        if quote.start >= quote.end or not any(c.isalnum() for c in value):
            continue
        quotations.append(quote)
    speakers.quoted = sorted((q.start, q.end) for q in quotations)
    found = []
    for quote in quotations:
        value = text[quote.start:quote.end]
        words = _word_count(value)
        if words <= 2:
            continue  # a scare quote: “caliphate”
        if _quoted_name(value):
            continue  # a name or a title in quotation marks: “The Washington Post”
        quote.speaker, quote.how = speakers.for_quote(quote.open_at, quote.close_at)
        if quote.speaker is not None:
            speakers.previous = (quote.end, quote.speaker)
        score = 0.6
        reasons = ["inside quotation marks"]
        if quote.paragraphs > 1:
            unit = "paragraphs" if doc.blank_mode else "lines"
            reasons.append(f"over {quote.paragraphs} {unit}")
        if quote.close_at is None:
            score -= 0.2
            reasons.append("not closed before the paragraph ends")
        if words <= 4:
            score -= 0.15
        speaker = None
        speaker_text = ""
        if quote.speaker is not None:
            speaker = (quote.speaker.start, quote.speaker.end)
            speaker_text = text[speaker[0]:speaker[1]]
            score += 0.15 if quote.how in ("implicit", "previous") else 0.3
            reasons.append(f"speaker {speaker_text} ({_HOW[quote.how]})")
        found.append(Suggestion(quote.start, quote.end, "QUOTE", QUOTE, value, {"type": "direct"},
                                ", ".join(reasons), round(min(score, 0.95), 2), speaker, speaker_text))
    return found


_HOW = {
    "subject": "cue after the name",
    "after cue": "name after the cue",
    "source": "according to",
    "pronoun": "pronoun, nearest person before",
    "implicit": "cue without a subject, nearest person before",
    "previous": "cue without a subject, the speaker of the quotation before",
}


# ---------------------------------------------------------------------------
# Claims


_PERCENT = re.compile(r"%|(?<!\w)(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in lex.PERCENT_WORDS)
                      + r")(?!\w)", re.IGNORECASE)
_BIG_NUMBER = re.compile(r"(?<![\w.,])[0-9]{1,3}(?:[,.][0-9]{3})+(?![\w])|[$€£][ ]?[0-9]")
_NUMERIC = re.compile(r"[0-9][0-9.,]*")
_LEADING_DATELINE = re.compile(
    r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\- ]+(?:,[ ][^\n,–—]{2,30}?)?(?:[ ]\([^)\n]{1,30}\))?[ ]?(?:-{1,2}|–|—)[ ]")


def _claims(doc: _Doc, speakers: _Speakers, quotes: list[Suggestion]) -> list[Suggestion]:
    text = doc.text
    found = []
    for start, end in doc.sentences:
        reason, score = _claim_evidence(doc, start, end)
        if not reason:
            continue
        dateline = _LEADING_DATELINE.match(text, start, end)
        if dateline:
            start = dateline.end()
        start, end = _trim(text, start, end)
        while start < end and text[start] in "\"“”‘’«»„-—–•* ":
            start += 1
        while end > start and (text[end - 1] in "\"“”‘’«»„" or text[end - 1].isspace()):
            end -= 1
        if end - start < 8:
            continue
        source = speakers.for_sentence(start, end)
        speaker = (source.start, source.end) if source else None
        speaker_text = text[source.start:source.end] if source else ""
        if source:
            reason += f", source {speaker_text}"
        found.append(Suggestion(start, end, "CLAIM", CLAIM, text[start:end],
                                {"checkworthy": "yes", "verdict": "unverified"}, reason, score,
                                speaker, speaker_text))
    return found


def _claim_evidence(doc: _Doc, start: int, end: int) -> tuple[str, float]:
    text = doc.text
    percent = _PERCENT.search(text, start, end)
    if percent:
        return f"a percentage ({percent.group().strip()})", 0.75
    tokens = doc.tokens_between(start, end)
    for index, tok in enumerate(tokens):
        word = tok.text.lower()
        is_number = bool(_NUMERIC.fullmatch(tok.text)) or word in lex.NUMBER_WORDS
        if not is_number:
            continue
        if _NUMERIC.fullmatch(tok.text) and text[tok.end:tok.end + 1] == ":":
            continue  # a time, 20:30
        for follower in tokens[index + 1:index + 4]:
            if follower.text.lower() in lex.QUANTITY_WORDS:
                return f"a number with a quantity ({text[tok.start:follower.end]})", 0.65
            if _NUMERIC.fullmatch(follower.text) is None and not follower.text.islower():
                break
    big = _BIG_NUMBER.search(text, start, end)
    if big:
        return f"a large number ({big.group()})", 0.5
    return "", 0.0
