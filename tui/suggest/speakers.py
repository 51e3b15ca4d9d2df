"""Speakers: who said a quotation (or is the source of a claim).

Part of the built-in suggester (see builtin.py)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from . import lexicon as lex
from .suggestion import Suggestion
from .document import _QUOTE_OPEN_SEARCH, _SPEAKER_LABELS
from .document import _Doc
from ..attribution.cues import PRONOUN as _PRONOUN, CueMatch as _Cue
from ..attribution.cues import first_speech_cue as _first_cue, speech_cues as _cues

# ---------------------------------------------------------------------------
# Speakers: who said it


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    label: str


class _Speakers:
    def __init__(self, doc: _Doc, entities: list[Suggestion], existing: list):
        self.doc = doc
        mentions = {(s.start, s.end, s.label) for s in entities if s.label in _SPEAKER_LABELS}
        mentions |= {(s.start, s.end, s.label) for s in existing if s.label in _SPEAKER_LABELS}
        self.mentions = [_Mention(*m) for m in sorted(mentions)]
        self.starts = [m.start for m in self.mentions]
        self.quoted: list[tuple[int, int]] = []  # contents of quotations, set by _quotes
        #: (where it closed, speaker) of the last quotation with a speaker: a
        #: quotation with a cue but no subject ("”, dijo.") is likely theirs too.
        self.previous: tuple[int, _Mention] | None = None

    def _is_quoted(self, start: int, end: int) -> bool:
        index = bisect_right(self.quoted, (start, len(self.doc.text) + 1)) - 1
        return index >= 0 and self.quoted[index][0] <= start and end <= self.quoted[index][1]

    def nearest_person_before(self, offset: int) -> _Mention | None:
        index = bisect_left(self.starts, offset)
        for mention in reversed(self.mentions[max(0, index - 400):index]):
            if mention.label == "PERSON" and mention.end <= offset and not self._is_quoted(mention.start, mention.end):
                return mention
        return None

    def _subject_before(self, cue_start: int, lo: int) -> tuple[_Mention | None, str]:
        """The PERSON/ORG (or pronoun) right before a cue: 'X said', 'X, the
        minister, said', 'he said'. In 'X, coach of Y, said' it is X."""
        text = self.doc.text
        index = bisect_left(self.starts, cue_start)
        candidates = [m for m in reversed(self.mentions[max(0, index - 50):index])
                      if m.end <= cue_start and m.start >= lo][:4]
        pronoun = None
        lo = max(lo, cue_start - _WINDOW)
        for match in _PRONOUN.finditer(text, lo, cue_start):
            pronoun = match
        if pronoun is not None and (not candidates or pronoun.start() >= candidates[0].end):
            if _close_subject(text[pronoun.end():cue_start]):
                return self.nearest_person_before(pronoun.start()), "pronoun"
            return None, ""
        if not candidates or not _close_subject(text[candidates[0].end:cue_start]):
            return None, ""
        nearest = candidates[0]
        if re.fullmatch(r"\s*,\s*", text[nearest.end:cue_start]):
            # the nearest name may end an apposition: "X, entrenador del Atlético, dijo"
            for earlier in candidates[1:]:
                if earlier.label == "PERSON" and _APPOSITION.fullmatch(text[earlier.end:cue_start]):
                    return earlier, "subject"
        return nearest, "subject"

    def _object_after(self, cue_end: int, hi: int) -> _Mention | None:
        """The PERSON/ORG right after a cue: 'said X', 'según X', 'dijo el ministro X'."""
        text = self.doc.text
        index = bisect_left(self.starts, cue_end)
        for mention in self.mentions[index:index + 20]:
            if mention.start >= hi:
                break
            gap = text[cue_end:mention.start]
            if re.search(r"[,.;:!?\n“”\"«»]", gap) or len(gap.split()) > 4:
                return None
            return mention
        return None

    def for_quote(self, open_at: int, close_at: int | None) -> tuple[_Mention | None, str]:
        """The speaker of the quotation between marks at ``open_at`` and
        ``close_at`` (None when it is not closed), and how it was found."""
        doc, text = self.doc, self.doc.text
        if close_at is not None:
            lo = close_at + 1
            sentence_end = doc.sentence_at(close_at)[1]
            hi = min(max(sentence_end, lo), lo + 200)
            next_open = _QUOTE_OPEN_SEARCH.search(text, lo, hi)
            if next_open:
                hi = next_open.start()
            cue = _first_cue(text, lo, hi)
            if cue and cue.start() - lo <= 120:
                found = self._around_cue(cue, lo, hi, open_at, implicit=not re.search(r"\w", text[lo:cue.start()]))
                if found[0] is not None:
                    return found
        sentence_start = max(doc.sentence_at(open_at)[0], open_at - _WINDOW)
        found = self._before(sentence_start, open_at)
        if found[0] is not None:
            return found
        # "He added:" then the quotation in the next sentence or paragraph.
        index = doc.sentence_index(open_at)
        if index > 0 and doc.sentences[index][0] >= open_at - 1:
            previous = doc.sentences[index - 1]
            if text[previous[0]:previous[1]].rstrip().endswith(":"):
                return self._before(previous[0], previous[1])
        return None, ""

    def _before(self, lo: int, hi: int) -> tuple[_Mention | None, str]:
        text = self.doc.text
        lo = max(lo, hi - _WINDOW)
        cues = [c for c in _cues(text, lo, hi) if not self._is_quoted(c.start(), c.end())]
        if not cues:
            return None, ""
        cue = cues[-1]
        before = text[lo:cue.start()]
        implicit = not re.search(r"\w", before) or len(cues) > 1 or \
            bool(re.search(r"\b(?:y|e|and)\s+$", before)) or _role_subject(before)
        return self._around_cue(cue, lo, hi, hi, implicit=implicit)

    def _around_cue(self, cue: _Cue, lo: int, hi: int, quote_open: int, implicit: bool):
        cue_text = re.sub(r"\s+", " ", cue.group().lower())
        if cue_text in lex.SOURCE_FIRST_CUES:
            mention = self._object_after(cue.end(), hi)
            return (mention, "source") if mention else (None, "")
        mention, how = self._subject_before(cue.start(), lo)
        if mention is not None:
            return mention, how
        if how == "":
            mention = self._object_after(cue.end(), hi)
            if mention is not None:
                return mention, "after cue"
        if implicit:
            if self.previous is not None and 0 <= quote_open - self.previous[0] <= 800:
                return self.previous[1], "previous"
            mention = self.nearest_person_before(quote_open)
            if mention is not None:
                return mention, "implicit"
        return None, ""

    def for_sentence(self, start: int, end: int) -> _Mention | None:
        """The source of a claim: a cue in the sentence with its subject or object."""
        for cue in _cues(self.doc.text, start, end):
            if self._is_quoted(cue.start(), cue.end()):
                continue
            mention, _how = self._around_cue(cue, start, end, start, implicit=False)
            if mention is not None:
                return mention
        return None


_DETERMINER = frozenset("the el la los las este esta ese esa".split())


def _role_subject(before: str) -> bool:
    """Whether the text before a cue is a role as subject: 'El candidato
    presidencial opositor dijo', 'The minister said'."""
    words = before.split()
    return 1 < len(words) <= 5 and words[0].lower() in _DETERMINER and any(
        w.lower().strip(",") in lex.PERSON_ROLES for w in words[1:]
    )


#: How far before a quotation or a cue its speaker is looked for, at most.
_WINDOW = 400

_APPOSITION = re.compile(r"\s*,[^,.;“”\"«»]{1,90},\s*")


def _close_subject(gap: str) -> bool:
    """Whether the text between a name and a cue keeps them together:
    a few words ('has also'), or an apposition (', the minister,')."""
    if "\n\n" in gap or re.search(r"[.!?;]\s", gap):
        return False
    if len(gap.split()) <= 4 and gap.count(",") <= 1 and not re.search(r"[“”\"«»]", gap):
        return True
    return bool(re.fullmatch(r"\s*,[^,.;“”\"«»]{1,90},\s*(?:\w+\s+){0,3}", gap))
