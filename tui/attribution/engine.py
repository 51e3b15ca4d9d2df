"""The attribution engine: for a quote or a claim, its cue and its source.

``attribute(text, span, entities)`` answers for one quote or claim;
``find_attributions(text, entities)`` finds every direct quotation and
reported statement of a text with its attribution. ``entities`` are the
people and organisations known in the text (anything with ``start``,
``end`` and ``label``: tagged spans, suggestions); the engine also reads
pronouns, descriptions ("a senior official") and untagged names itself.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from collections.abc import Iterable

from ..suggest.document import _QUOTE_OPEN_SEARCH, _Doc
from . import lexicon as lex
from .cue import Cue
from .cues import CueIndex, CueMatch
from .quotes import Quotation, find_quotations, is_speech
from .sources import DESCRIPTION, NAME, PRONOUN_FORM, Mention, Mentions, SourceFinder

DIRECT, INDIRECT = "direct", "indirect"


@dataclass(frozen=True)
class Attribution:
    """Who said a quote (or is the source of a claim), and why the engine thinks so."""

    start: int
    end: int
    type: str = DIRECT
    #: The source as the text writes it (a name, description or pronoun), if any.
    source: Mention | None = None
    #: Who that is, best first: the name a pronoun stands for, a description
    #: and the name it describes. Empty when no one is found.
    speakers: tuple[Mention, ...] = ()
    cue: Cue | None = None
    #: The reason in a word or two: "cue 'he said'", "according to", "split quote".
    reason: str = ""
    #: A cue with no source in the text ("it was reported that…").
    anonymous: bool = False
    #: The pieces of a split quote attributed together (first piece first).
    parts: tuple[tuple[int, int], ...] = field(default=())

    @property
    def speaker(self) -> Mention | None:
        return self.speakers[0] if self.speakers else None


class Engine:
    """One text read once: sentences, quotations, mentions; then any number
    of questions about it."""

    def __init__(self, text: str, entities: Iterable = (), doc: _Doc | None = None):
        self.doc = doc if doc is not None else _Doc(text)
        self.text = text
        self.quotations = find_quotations(self.doc)
        self.cues = CueIndex(text)
        self._ended = False  # whether the last quotation looked at ended its own sentence
        self.paragraph_starts = [p[0] for p in self.doc.paragraphs]
        self.mentions = Mentions(self.doc, list(entities), [(q.start, q.end) for q in self.quotations])
        self.sources = SourceFinder(self.doc, self.mentions)

    def _paragraph(self, offset: int) -> int:
        """The index of the paragraph ``offset`` is in."""
        return max(0, bisect_right(self.paragraph_starts, offset) - 1)

    # -- one quote or claim ---------------------------------------------------
    def attribute(self, start: int, end: int, previous: Attribution | None = None) -> Attribution:
        quotation = self._quotation_at(start, end)
        if quotation is not None:
            return self._quote(quotation, previous)
        return self._claim(start, end)

    def _quotation_at(self, start: int, end: int) -> Quotation | None:
        for quotation in self.quotations:
            if quotation.start <= start and end <= quotation.end + 1:
                return quotation
            if quotation.start >= end:
                break
        marks = self.text[max(0, start - 2):start] + self.text[end:end + 2]
        if _QUOTE_OPEN_SEARCH.search(marks[:2]) or re.search("[”»\"’]", marks[2:]):
            # a quote tagged by hand, its marks just outside it
            close = end if end < len(self.text) else None
            return Quotation(start, end, start - 1, close, 1, len(self.text[start:end].split()))
        return None

    def _quote(self, quotation: Quotation, previous: Attribution | None) -> Attribution:
        doc, text = self.doc, self.text
        found = None
        if quotation.close_at is not None:
            found = self._cue_after(quotation)
        if found is None or (self._ended and quotation.close_at is not None and found[0].start() > quotation.close_at):
            # X told reporters: “We will win.” Y said… — a quotation that
            # ends its sentence belongs to the cue before it, when there is one.
            found = self._cue_before(quotation) or found
        if found is None:
            found = self._speaker_label(quotation)
        if found is None:
            found = self._colon_before(quotation)
        if found is None and previous is not None and previous.speakers and previous.cue is not None \
                and previous.cue.end <= quotation.open_at <= previous.cue.end + 150 \
                and "\n" not in text[previous.end:quotation.open_at]:
            # “We are not leaving,” Clinton said. “We are staying…” — one speaker.
            return Attribution(quotation.start, quotation.end, DIRECT, previous.source, previous.speakers,
                               previous.cue, "split quote")
        if found is None:
            found = self._sentence_subject(quotation)
        if found is None:
            found = self._sentence_before(quotation)
        if found is None and previous is not None and previous.speakers and previous.end <= quotation.start:
            same_paragraph = self._paragraph(previous.end) == self._paragraph(quotation.start)
            follows = self._paragraph(quotation.start) - self._paragraph(previous.end) == 1 \
                and text[doc.paragraphs[self._paragraph(quotation.start)][0]] == text[quotation.open_at]
            if (same_paragraph and quotation.start - previous.end <= 400) or follows:
                reason = "split quote" if same_paragraph else "quote goes on"
                return Attribution(quotation.start, quotation.end, DIRECT, previous.source, previous.speakers,
                                   previous.cue, reason)
        if found is None:
            return Attribution(quotation.start, quotation.end, DIRECT)
        cue, source = found
        if source is None and quotation.close_at is not None and cue.start() > quotation.close_at \
                and not re.search(r"\w", text[quotation.close_at + 1:cue.start()]):
            # “…”, dijo. — a cue with no subject: the speaker of the quote
            # before, or the last person named (Spanish drops the pronoun).
            if previous is not None and previous.speakers and 0 <= quotation.open_at - previous.end <= 800:
                return Attribution(quotation.start, quotation.end, DIRECT, previous.source, previous.speakers,
                                   _cue(text, cue), "cue without a subject")
            person = self.mentions.last_before(quotation.open_at, ("PERSON",), limit=800)
            if person is not None:
                return Attribution(quotation.start, quotation.end, DIRECT, person, (person,), _cue(text, cue),
                                   "cue without a subject")
        return self._finish(quotation.start, quotation.end, DIRECT, cue, source)

    def _cue_after(self, quotation: Quotation) -> tuple[CueMatch, Mention | None] | None:
        """ “…,” he said / “…,” said Caddell / “…,” Smith told reporters."""
        doc, text = self.doc, self.text
        self._ended = False
        if quotation.close_at is None:
            return None
        close_at = quotation.close_at
        lo = close_at + 1
        line_end = text.find("\n", lo)
        line_end = len(text) if line_end < 0 else line_end
        dash = _DASH_SOURCE.match(text, lo, min(line_end, lo + 80))
        if dash:  # “…” ― Christina Lastra
            source = self.sources.object_after(dash.end() - 1, min(line_end, lo + 80))
            if source is not None:
                return CueMatch(dash.start(1), dash.end(1), dash.group(1)), source
        sentence_end = doc.sentence_at(close_at)[1]
        # “…?” Graham asked. — the quotation ended its own sentence: the cue
        # is in the next one, and must follow at once.
        ended = self._ended = not re.search(r"\w", text[lo:sentence_end])
        if ended:
            following = _NEXT_WORD.search(text, lo, min(len(text), lo + 20))
            sentence_end = doc.sentence_at(following.start())[1] if following else sentence_end
        hi = min(max(sentence_end, lo), lo + 300, line_end)
        next_open = _QUOTE_OPEN_SEARCH.search(text, lo, hi)
        if next_open:
            hi = next_open.start()
        cue = self.cues.first(lo, hi)
        if cue is None or cue.start() - lo > (150 if ended else 250) \
                or _SUBORDINATE.match(text, lo, cue.start()):
            return None
        if cue.key in lex.SOURCE_FIRST_CUES or not re.search(r"\w", text[lo:cue.start()]):
            return cue, self.sources.object_after(cue.end(), hi)
        return cue, self.sources.subject_before(cue.start(), lo)

    def _cue_before(self, quotation: Quotation) -> tuple[CueMatch, Mention | None] | None:
        """Smith said: “…” / Smith told reporters, “…” / According to X, “…”."""
        text = self.text
        lo = max(self.doc.sentence_at(quotation.open_at)[0], quotation.open_at - 300)
        cues = [c for c in self.cues.between(lo, quotation.open_at) if not self.mentions.is_quoted(c.start(), c.end())]
        if not cues:
            return None
        cue = cues[-1]
        if cue.key in lex.SOURCE_FIRST_CUES:
            return cue, self.sources.object_after(cue.end(), quotation.open_at)
        source = self.sources.subject_before(cue.start(), lo)
        if source is None and not re.search(r"\w", text[lo:cue.start()]):
            source = self.sources.object_after(cue.end(), quotation.open_at)
        return cue, source

    def _speaker_label(self, quotation: Quotation) -> tuple[CueMatch, Mention | None] | None:
        """A transcript: PENCE: “…” or “WALLACE: …”."""
        text = self.text
        paragraphs = self.doc.paragraphs
        paragraph = paragraphs[self._paragraph(quotation.open_at)] if paragraphs else (0, 0)
        for lo in (quotation.start, paragraph[0]):
            label = _TRANSCRIPT_LABEL.match(text, lo, quotation.end)
            if label and (lo == quotation.start or label.end() >= quotation.open_at):
                colon = label.end() - 1
                name = self.sources._untagged_name(label.start(1), label.end(1))
                if name is not None:
                    known = self.mentions.starting_at(label.start(1), label.end(1))
                    return CueMatch(colon, colon + 1, ":"), known[0] if known else name
        return None

    def _sentence_subject(self, quotation: Quotation) -> tuple[CueMatch, Mention | None] | None:
        """A mixed quote with no cue: Cruz urged them to “vote your conscience”
        reads as the subject's words when a name opens the sentence."""
        start = self.doc.sentence_at(quotation.open_at)[0]
        if not re.search(r"\w", self.text[start:quotation.open_at]):
            return None
        first = self.mentions.starting_at(start, quotation.open_at)
        if not first or first[0].start - start > 40 or self.mentions.is_quoted(first[0].start, first[0].end):
            return None
        verb = _VERB_AFTER.match(self.text, first[0].end, quotation.open_at)
        if verb is None:
            return None
        where = first[0].end + verb.start(1)
        return CueMatch(where, where + len(verb.group(1)), verb.group(1)), first[0]

    def _sentence_before(self, quotation: Quotation) -> tuple[CueMatch, Mention | None] | None:
        """Toomey said the deal was bad. “That would have been…” — a
        quotation opening its sentence, after a reported one in the same paragraph."""
        doc = self.doc
        index = doc.sentence_index(quotation.open_at)
        if index == 0 or doc.sentences[index][0] < quotation.open_at - 1:
            return None
        start, end = doc.sentences[index - 1]
        if self._paragraph(start) != self._paragraph(quotation.open_at):
            return None
        cues = [c for c in self.cues.between(start, end) if not self.mentions.is_quoted(c.start(), c.end())]
        if not cues or cues[0].key in lex.SOURCE_FIRST_CUES:
            return None
        source = self.sources.subject_before(cues[0].start(), start)
        return (cues[0], source) if source is not None else None

    def _colon_before(self, quotation: Quotation) -> tuple[CueMatch, Mention | None] | None:
        """Caddell continued: (new paragraph) “…”."""
        doc = self.doc
        index = doc.sentence_index(quotation.open_at)
        if index == 0 or doc.sentences[index][0] < quotation.open_at - 1:
            return None
        start, end = doc.sentences[index - 1]
        if not self.text[start:end].rstrip().endswith(":"):
            return None
        cues = self.cues.between(start, end)
        if not cues:
            return None
        return cues[-1], self.sources.subject_before(cues[-1].start(), start)

    # -- a claim or reported statement ---------------------------------------------
    def _claim(self, start: int, end: int) -> Attribution:
        """The source of a claim: a cue in its sentence, outside the claim
        first ("…, according to X"), then inside it ("X said that…")."""
        doc, text = self.doc, self.text
        lo, hi = doc.sentence_at(start)[0], doc.sentence_at(max(start, end - 1))[1]
        cues = [c for c in self.cues.between(lo, hi) if not self.mentions.is_quoted(c.start(), c.end())]
        cues.sort(key=lambda c: (start <= c.start() < end, abs(c.start() - start)))
        for cue in cues:
            if cue.key in lex.SOURCE_FIRST_CUES:
                source = self.sources.object_after(cue.end(), hi)
            else:
                source = self.sources.subject_before(cue.start(), lo if cue.start() < start else start)
                if source is None and not re.search(r"\w", text[max(lo, end):cue.start()]):
                    source = self.sources.object_after(cue.end(), hi)
            if source is not None and not (start <= source.start and source.end <= end and cue.start() >= end):
                return self._finish(start, end, INDIRECT, cue, source)
        return Attribution(start, end, INDIRECT)

    def _main_subject(self, cue: CueMatch) -> Mention | None:
        """The subject of a participle cue ("…, saying", "…, adding") is the
        sentence's: the source of the cue before it, or its first name."""
        start = self.doc.sentence_at(cue.start())[0]
        earlier = [c for c in self.cues.between(start, cue.start()) if not self.mentions.is_quoted(c.start(), c.end())]
        if earlier:
            return self.sources.subject_before(earlier[-1].start(), start)
        first = self.mentions.starting_at(start, cue.start())
        if first and first[0].start - start <= 40:
            return first[0]
        if first and first[0].start - start <= 120 and _VERB_AFTER.match(self.text, first[0].end, cue.start()):
            return first[0]  # "On Thursday, Trump pledged to …, saying"
        return None

    def _finish(self, start: int, end: int, kind: str, cue: CueMatch, source: Mention | None) -> Attribution:
        text = self.text
        if source is None and cue.key.endswith("ing"):
            source = self._main_subject(cue)
        recorded = _cue(text, cue)
        if source is None:
            return Attribution(start, end, kind, None, (), recorded, f"cue '{cue.group()}', no source", anonymous=True)
        speakers: list[Mention] = []
        if source.form == PRONOUN_FORM:
            antecedent = self.sources.resolve(source)
            if antecedent is not None:
                speakers.append(antecedent)
        else:
            speakers.append(source)
            if source.form == DESCRIPTION:
                referent = self.sources.referent(source)
                if referent is not None:
                    speakers.append(referent)
        if cue.key in lex.SOURCE_FIRST_CUES:
            reason = cue.key
        else:
            first, last = min(cue.start(), source.start), max(cue.end(), source.end)
            words = " ".join(text[first:last].split())
            reason = f"cue '{words}'" if len(words) <= 30 else f"cue '{cue.group()}'"
        return Attribution(start, end, kind, source, tuple(speakers), recorded, reason)

    def statement(self, start: int, end: int, cue_start: int, cue_end: int) -> Attribution:
        """An indirect statement ``text[start:end]`` whose cue ``text[cue_start:cue_end]`` was found by
        other means (a learned cue): its source is read as for the rules' own cues, the cue's subject
        when the statement follows the cue, else the name after the cue ("…, said Trump") or before it."""
        cue = CueMatch(cue_start, cue_end, self.text[cue_start:cue_end])
        sentence_start, sentence_end = self.doc.sentence_at(cue_start)
        if start >= cue_end:
            source = self.sources.subject_before(cue_start, sentence_start)
        else:
            source = self.sources.object_after(cue_end, sentence_end) \
                or self.sources.subject_before(cue_start, max(sentence_start, end))
        return self._finish(start, end, INDIRECT, cue, source)

    # -- every attribution of the text ----------------------------------------------
    def quotes(self) -> list[Attribution]:
        """Every direct quotation (scare quotes left out) with its attribution."""
        found: list[Attribution] = []
        previous = None
        for quotation in self.quotations:
            if not is_speech(self.doc, quotation):
                continue
            attribution = self._quote(quotation, previous)
            found.append(attribution)
            if attribution.speakers:
                previous = attribution
        return found


_NEXT_WORD = re.compile(r"\w")
#: A verb soon after a name: "Cruz exhorted", "Trump on Thursday pledged" (a cheap guess: -ed or -s).
_VERB_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}?(\w+(?:ed|s))\b")
#: A dash then a name after a quotation: “…” ― Christina Lastra.
_DASH_SOURCE = re.compile(r"[\s,.]*([―—–])\s*(?=[A-Z])")
#: Words after a quotation that open another clause, so a cue there is not the quotation's.
_SUBORDINATE = re.compile(r"[\s,.;:—–-]*(?:when|because|after|before|while|if|although|though|since|as|where|"
                         r"whom?|which|that|but|and)(?!\w)", re.IGNORECASE)
#: A speaker's name and a colon opening a paragraph or a quotation: "PENCE:", "Mr. Trump:".
_TRANSCRIPT_LABEL = re.compile(r"[\s\"“]*((?:[A-Z][A-Za-z’'.\-]*\s){0,2}[A-Z][A-Za-z’'.\-]*):\s")


def _cue(text: str, cue: CueMatch) -> Cue:
    return Cue(cue.start(), cue.end(), text[cue.start():cue.end()])





def attribute(document_text: str, span: tuple[int, int], entities: Iterable = ()) -> Attribution:
    """The attribution of the quote or claim ``document_text[start:end]``."""
    start, end = span
    engine = Engine(document_text, entities)
    previous = None
    for quote in engine.quotes():
        if quote.start >= start:
            break
        if quote.speakers:
            previous = quote
    return engine.attribute(start, end, previous)


def find_attributions(document_text: str, entities: Iterable = ()) -> list[Attribution]:
    """Every direct quotation and reported statement in the text, in reading order."""
    from .reported import reported_statements

    engine = Engine(document_text, entities)
    found = engine.quotes() + reported_statements(engine)
    return sorted(found, key=lambda a: (a.start, a.end))


__all__ = ["Attribution", "Engine", "Mention", "attribute", "find_attributions", "DIRECT", "INDIRECT",
           "NAME", "DESCRIPTION", "PRONOUN_FORM"]
