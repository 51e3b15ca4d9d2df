"""Reported (indirect) speech: "X said (that) …", "X told reporters …",
"according to X, …", "…, X said." — statements with no quotation marks.

Only sentences whose cue has a source read from the sentence itself are
proposed; verbs of thinking or finding ("believes", "found") need "that".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import lexicon as lex
from .cues import CueMatch

if TYPE_CHECKING:
    from .engine import Attribution, Engine

#: What may stand between a cue and "that": "told reporters on Thursday that".
_TO_THAT = re.compile(
    r"(?:\s+(?:[\w’'\-]+|,)){0,8}?\s+that\s+", re.IGNORECASE)
_ADDRESSEE = re.compile(r"\s+(?:(?:the|a|an|his|her|their)\s+)?[\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,3}")
#: How a content clause may open when "that" is left out: "he said he would…".
_CLAUSE_OPENING = re.compile(
    r"\s+(?:he|she|they|it|we|i|there|this|the|a|an|his|her|their|its|our|no|some|many|most|all|"
    r"[A-Z][\w’'\-]+)\s", re.IGNORECASE)
_TRAILING = re.compile(r"[\s.!?,;:”\"’»)]+$")
_MIN_WORDS = 4
_COMMA_AFTER = re.compile(r"(?:\s+\w+){0,2}\s*,\s+\w")
#: A title's source and a colon: "Poll:", "NY Post:", "Glenn Beck:".
_TITLE_SOURCE = re.compile(r"((?:[A-Z][\w’'.&\-]*\s){0,2}[A-Z][\w’'.&\-]*):\s+\S")
#: "the proto-state proclaimed by IS": a participle, not the subject's cue.
_PASSIVE = re.compile(r"\s+by\b")
#: A dateline opening a sentence: "BEIRUT - ", "WASHINGTON (AP) — ".
LEADING_DATELINE = re.compile(
    r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\- ]+(?:,[ ][^\n,–—]{2,30}?)?(?:[ ]\([^)\n]{1,30}\))?[ ]?(?:-{1,2}|–|—)[ ]")


def reported_statements(engine: Engine) -> list[Attribution]:
    text = engine.text
    found = []
    quoted = engine.mentions
    for start, end in engine.doc.sentences:
        if end - start < 20 or quoted.is_quoted(start, start + 1) or quoted.is_quoted(end - 1, end):
            continue
        attribution = _according_to(engine, start, end) or _cue_after(engine, start, end) \
            or _cue_inside(engine, start, end) or _cue_before(engine, start, end) or _headline(engine, start, end)
        if attribution is None or len(text[attribution.start:attribution.end].split()) < _MIN_WORDS:
            continue
        if not _mostly_quoted(engine, attribution.start, attribution.end):
            found.append(attribution)
    return found


def _mostly_quoted(engine: Engine, start: int, end: int) -> bool:
    inside = sum(max(0, min(end, q.end) - max(start, q.start)) for q in engine.quotations
                 if q.start < end and q.end > start and q.words > 2)
    return inside > 0.5 * (end - start)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    dateline = LEADING_DATELINE.match(text, start, end)
    if dateline:
        start = dateline.end()
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    tail = _TRAILING.search(text, start, end)
    if tail:
        end = tail.start()
    return start, end


def _outside_quotes(engine: Engine, cues: list[CueMatch]) -> list[CueMatch]:
    return [c for c in cues if not engine.mentions.is_quoted(c.start(), c.end())]


def _according_to(engine: Engine, start: int, end: int) -> Attribution | None:
    text = engine.text
    for cue in _outside_quotes(engine, engine.cues.between(start, end)):
        if cue.key not in lex.SOURCE_FIRST_CUES:
            continue
        source = engine.sources.object_after(cue.end(), end)
        if source is None:
            return None
        if not text[start:cue.start()].strip(" \t\"“"):  # According to X, content.
            comma = text.find(",", source.end, end)
            if comma < 0:
                return None
            lo, hi = _trimmed(text, comma + 1, end)
        else:  # content, according to X.
            lo, hi = _trimmed(text, start, cue.start())
        if hi > lo:
            return engine._finish(lo, hi, "indirect", cue, source)
    return None


def _cue_after(engine: Engine, start: int, end: int) -> Attribution | None:
    """Content, X said. / Content, said X."""
    text = engine.text
    comma = text.rfind(",", start, end)
    if comma < 0 or end - comma > 80:
        return None
    cue = engine.cues.first(comma + 1, end)
    if cue is None or cue.key in lex.SOURCE_FIRST_CUES or len(text[cue.end():end].split()) > 4:
        return None
    if re.search(r"\w", text[comma + 1:cue.start()]):
        source = engine.sources.subject_before(cue.start(), comma + 1)
    else:
        source = engine.sources.object_after(cue.end(), end)
    if source is None:
        return None
    lo, hi = _trimmed(text, start, comma)
    return engine._finish(lo, hi, "indirect", cue, source) if hi > lo else None


def _cue_inside(engine: Engine, start: int, end: int) -> Attribution | None:
    """Many of the closures, he said, have involved public courses."""
    text = engine.text
    for cue in _outside_quotes(engine, engine.cues.between(start, end)):
        if cue.key in lex.SOURCE_FIRST_CUES or not _COMMA_AFTER.match(text, cue.end(), end):
            continue
        comma = text.rfind(",", start, cue.start())
        if comma < 0 or cue.start() - comma > 60 or not re.search(r"\w", text[start:comma]):
            continue
        source = engine.sources.subject_before(cue.start(), comma + 1)
        if source is None or source.start <= comma:
            continue
        lo, hi = _trimmed(text, start, end)
        return engine._finish(lo, hi, "indirect", cue, source) if hi > lo else None
    return None


def _headline(engine: Engine, start: int, end: int) -> Attribution | None:
    """Poll: Clinton and Trump in dead heat — a title line naming its source."""
    text = engine.text
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if start != line_start or line_end - line_start > 150 or text[line_start:line_end].rstrip().endswith("."):
        return None
    label = _TITLE_SOURCE.match(text, start, end)
    if label is None:
        return None
    source = engine.sources._untagged_name(label.start(1), label.end(1))
    if source is None:
        return None
    colon = label.end(1)
    lo, hi = _trimmed(text, colon + 1, end)
    cue = CueMatch(colon, colon + 1, ":")
    return engine._finish(lo, hi, "indirect", cue, source) if hi > lo else None


def _cue_before(engine: Engine, start: int, end: int) -> Attribution | None:
    """X said (that) content. / X told reporters that content. / The study found that content."""
    text = engine.text
    for cue in _outside_quotes(engine, engine.cues.between(start, end, speech=False))[:2]:
        if cue.key in lex.SOURCE_FIRST_CUES or cue.start() - start > 150 or _PASSIVE.match(text, cue.end()):
            continue
        source = engine.sources.subject_before(cue.start(), start)
        if source is None:
            continue
        after = cue.end()
        that = _TO_THAT.match(text, after, end)
        if that and not re.search(r"[.;:“”\"]", text[after:that.end()]):
            content_start = that.end()
        elif cue.key in lex.VOLITION_CUES and text.startswith(" to ", after):
            content_start = after  # "Clinton wants to sign up 5 million people"
        elif cue.key in lex.STANCE_CUES and cue.key not in lex.SPEECH_CUES:
            content_start = after  # "Trump called for the complete repeal of Obamacare"
        elif cue.key in lex.FINDING_CUES:
            content_start = after  # "a poll shows Sanders leading Clinton"
        elif cue.key in lex.SPEECH_CUES or cue.key in lex.THINKING_CUES:
            if cue.key.startswith("told") or cue.key.startswith("tell"):
                addressee = _ADDRESSEE.match(text, after, end)
                after = addressee.end() if addressee else after
            opening = _CLAUSE_OPENING.match(text, after, end)
            if opening is None or text[after:after + 1] != " ":
                continue
            content_start = after
        else:
            continue
        lo, hi = _trimmed(text, content_start, end)
        if hi > lo and text[lo] not in "“\"«„‘":
            return engine._finish(lo, hi, "indirect", cue, source)
    return None
