"""Quotations (straight and typographic marks, over paragraphs) and claims.

Part of the built-in suggester (see builtin.py)."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..attribution import attribution_attrs
from ..attribution.engine import DIRECT, Engine
from ..attribution.quotes import trim_marks
from ..attribution.reported import reported_statements
from ..attribution.sources import DESCRIPTION
from ..model import CLAIM, ENTITY, QUOTE, default_attrs
from . import lexicon as lex
from .document import _Doc
from .suggestion import Suggestion

# ---------------------------------------------------------------------------
# Quotations


def _quotes(doc: _Doc, engine: Engine) -> list[Suggestion]:
    """Direct quotations and reported statements, each with its attribution
    from the engine; a description that is a source and is not tagged
    becomes an entity suggestion of its own."""
    text = doc.text
    quotations = {(q.start, q.end): q for q in engine.quotations}
    found = []
    for attribution in engine.quotes() + reported_statements(engine):
        quotation = quotations.get((attribution.start, attribution.end))
        direct = attribution.type == DIRECT
        value = text[attribution.start:attribution.end]
        words = quotation.words if quotation else len(value.split())
        reasons = ["inside quotation marks" if direct else "reported speech"]
        score = 0.6 if direct else 0.45
        if quotation and quotation.paragraphs > 1:
            unit = "paragraphs" if doc.blank_mode else "lines"
            reasons.append(f"over {quotation.paragraphs} {unit}")
        if quotation and quotation.close_at is None:
            score -= 0.2
            reasons.append("not closed before the paragraph ends")
        if direct and words <= 4:
            score -= 0.15
        attrs = attribution_attrs(attribution, {"type": attribution.type})
        speaker = attribution.speaker
        if speaker is not None:
            score += 0.15 if attribution.reason in _WEAK_REASONS else 0.3
            reasons.append(f"speaker {speaker.text} ({attribution.reason})")
            if speaker.form == DESCRIPTION:
                found.append(_description_entity(speaker))
        elif attribution.anonymous:
            reasons.append(f"no source named ({attribution.reason})")
        found.append(Suggestion(attribution.start, attribution.end, "QUOTE", QUOTE, value, attrs,
                                ", ".join(reasons), round(min(score, 0.95), 2),
                                (speaker.start, speaker.end) if speaker else None, speaker.text if speaker else ""))
    return found


_WEAK_REASONS = ("split quote", "quote goes on", "cue without a subject")


def _description_entity(mention) -> Suggestion:
    return Suggestion(mention.start, mention.end, mention.label, ENTITY, mention.text, {},
                      "a description that is the source of a quote", 0.5)


# ---------------------------------------------------------------------------
# Claims


_PERCENT = re.compile(r"%|(?<!\w)(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in lex.PERCENT_WORDS)
                      + r")(?!\w)", re.IGNORECASE)
_BIG_NUMBER = re.compile(r"(?<![\w.,])[0-9]{1,3}(?:[,.][0-9]{3})+(?![\w])|[$€£][ ]?[0-9]")
_NUMERIC = re.compile(r"[0-9][0-9.,]*")
from ..attribution.reported import LEADING_DATELINE as _LEADING_DATELINE  # noqa: E402


def _claim_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """A sentence's claim: without its dateline, outer marks, bullets and spaces."""
    dateline = _LEADING_DATELINE.match(text, start, end)
    if dateline:
        start = dateline.end()
    start, end = trim_marks(text, start, end)
    while start < end and text[start] in "\"“”‘’«»„-—–•* ":
        start += 1
    while end > start and (text[end - 1] in "\"“”‘’«»„" or text[end - 1].isspace()):
        end -= 1
    return start, end


def _claims(doc: _Doc, engine: Engine) -> list[Suggestion]:
    text = doc.text
    found = []
    for sentence_start, sentence_end in doc.sentences:
        reason, score = _claim_evidence(doc, sentence_start, sentence_end)
        if not reason:
            continue
        start, end = _claim_bounds(text, sentence_start, sentence_end)
        if end - start < 8:
            continue
        attribution = engine.attribute(start, end)
        source = attribution.speaker
        speaker = (source.start, source.end) if source else None
        speaker_text = source.text if source else ""
        if source:
            reason += f", source {speaker_text} ({attribution.reason})"
        attrs = attribution_attrs(attribution, default_attrs(text, start, end, CLAIM))
        found.append(Suggestion(start, end, "CLAIM", CLAIM, text[start:end], attrs, reason, score,
                                speaker, speaker_text))
    return found


def _claim_evidence(doc: _Doc, start: int, end: int) -> tuple[str, float]:
    text = doc.text
    hint = bisect_left(doc.number_hints, start)
    if hint == len(doc.number_hints) or doc.number_hints[hint] >= end:
        return "", 0.0  # no digit, no per cent, no number word
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
