"""Capitalised names as entity candidates, and the speech cues that tie speakers to quotes.

Part of the built-in suggester (see builtin.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import ENTITY
from . import lexicon as lex
from .suggestion import Suggestion
from .document import _Doc, _Tok
from ..attribution.cues import first_speech_cue as _first_cue, speech_cues as _cues

# ---------------------------------------------------------------------------
# Capitalised names


@dataclass
class _Name:
    tokens: list[_Tok]
    initial: bool = False
    title: str = ""
    headline: bool = False
    dateline: bool = False
    label: str = ""
    score: float = 0.0
    reason: str = ""

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


_DATELINE_CAPS = re.compile(
    r"(?m)^[ \t]*(?P<place>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]+(?:[ ][A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]+){0,3})"
    r"(?:,[ ][^\n,–—]{2,30}?)?(?:[ ]\([^)\n]{1,30}\))?[ ]?(?:-{1,2}|–|—)[ ]"
)
_MONTH_WORD = "|".join(lex.MONTHS_EN + lex.MONTH_ABBR_EN + lex.MONTHS_ES + lex.MONTH_ABBR_ES)
#: A dateline's date after a comma ("…, 24 may", "…, Feb. 2"), looked for first
#: (a comma is rare), then the place before it: far cheaper than trying the
#: place pattern at every word.
_DATELINE_DATE = re.compile(
    r",[ ]*(?:[0-3]?[0-9][ ]+(?:" + _MONTH_WORD + r")\b|(?:" + "|".join(lex.MONTHS_EN + lex.MONTH_ABBR_EN)
    + r")\.?[ ]+[0-3]?[0-9]\b)"
)
_DATELINE_PLACE = re.compile(r"(?P<place>[^\W\d_][\w'’.\-]*(?:[ ][^\W\d_][\w'’.\-]*){0,3})$")


class _NameFinder:
    def __init__(self, doc: _Doc, existing: list):
        self.doc = doc
        self.existing = existing
        self.datelines = self._datelines()

    def _datelines(self) -> dict[int, int]:
        """start -> end of datelines' places: "BEIRUT -", "Madrid, 24 may"."""
        text = self.doc.text
        found = {}
        for match in _DATELINE_CAPS.finditer(text):
            place = match.group("place")
            if len(place) >= 4 or place in lex.PLACE_ACRONYMS:  # not "EFE -", an agency
                found[match.start("place")] = match.end("place")
        for date in _DATELINE_DATE.finditer(text):
            lo = max(0, date.start() - 200)
            before = _DATELINE_PLACE.search(text[lo:date.start()])
            if before is None:
                continue
            start, end = lo + before.start("place"), lo + before.end("place")
            # only the last capitalised word(s) before the comma: "Por Viruca Atanes Madrid, 24 may"
            words = [t for t in self.doc.tokens_between(start, end)]
            if words and all(t.capitalised for t in words):
                found.setdefault(words[-1].start, words[-1].end)
        return found

    def find(self) -> list[Suggestion]:
        names = self._sequences()
        names = [n for n in (self._clean(n) for n in names) if n is not None]
        names = [part for name in names for part in self._split_demonym(name)]
        for name in names:
            self._classify(name)
        self._resolve_single_words(names)
        body_names = {self._text(n) for n in names if not n.headline and n.label}
        found = []
        for name in names:
            if not name.label:
                continue
            if name.headline and self._text(name) not in body_names:
                continue
            found.append(Suggestion(name.start, name.end, name.label, ENTITY, self._text(name), {},
                                    name.reason, round(name.score, 2)))
        return found

    def _text(self, name: _Name) -> str:
        return self.doc.text[name.start:name.end]

    # -- building sequences ----------------------------------------------
    def _sequences(self) -> list[_Name]:
        doc, text, tokens = self.doc, self.doc.text, self.doc.tokens
        names = []
        free = 0  # the first token not yet in a name
        # Only a capitalised word starts a name: most words are skipped here, not one by one below.
        for i in [i for i, tok in enumerate(tokens) if tok.capitalised]:
            tok = tokens[i]
            if i < free or tok.text in lex.CALENDAR_WORDS:
                continue
            if tok.start in self.datelines:
                end = self.datelines[tok.start]
                j = i
                while j + 1 < len(tokens) and tokens[j + 1].end <= end:
                    j += 1
                names.append(_Name(tokens[i:j + 1], initial=False, dateline=True))
                free = j + 1
                continue
            members = [tok]
            j = i
            while j + 1 < len(tokens):
                nxt = tokens[j + 1]
                gap = text[tokens[j].end:nxt.start]
                last = tokens[j]
                if nxt.start in self.datelines:
                    break
                if gap == " " and nxt.capitalised and nxt.text not in lex.CALENDAR_WORDS:
                    members.append(nxt)
                    j += 1
                    continue
                if gap == ". " and nxt.capitalised and (
                    last.text in lex.TITLES or (len(last.text) == 1 and last.text.isupper())
                ):
                    members.append(nxt)
                    j += 1
                    continue
                if gap == " " and nxt.text in lex.CONNECTORS and (
                    nxt.text not in _ENGLISH_CONNECTORS or len(members) == 1
                    or any(m.text in _KEYWORDS for m in members)
                ):
                    # "Ministry of Defence", "Atlético de Madrid", "José Angel de la Casa";
                    # not "Christopher Ghika of the Syrian Democratic Forces"
                    k = j + 1
                    while k < len(tokens) and k - j <= 2 and tokens[k].text in lex.CONNECTORS \
                            and text[tokens[k - 1].end:tokens[k].start] == " ":
                        k += 1
                    if (k < len(tokens) and k - j <= 3 and text[tokens[k - 1].end:tokens[k].start] == " "
                            and tokens[k].capitalised and tokens[k].text not in lex.CALENDAR_WORDS
                            and tokens[k].start not in self.datelines
                            and not (tokens[j + 1].text in lex.WEAK_CONNECTORS and k == j + 2)):
                        members.extend(tokens[j + 1:k + 1])
                        j = k
                        continue
                break
            names.append(_Name(members, initial=doc.initial[i]))
            free = j + 1
        for name in names:
            name.headline = doc.in_headline(name.start)
        return names

    def _clean(self, name: _Name) -> _Name | None:
        """Titles and sentence-initial function words off the front; None if
        nothing is left that looks like a name."""
        doc = self.doc
        if name.dateline:
            return name
        tokens = list(name.tokens)
        whole = doc.text[tokens[0].start:tokens[-1].end]
        if whole in lex.PLACES:
            return name
        initial = name.initial
        while tokens:
            first = tokens[0]
            if first.text in lex.TITLES and len(tokens) > 1 and (
                doc.text[first.end:first.end + 1] == "." or first.text[0].isupper()
            ):
                if first.text in lex.FUNCTION_WORDS and doc.text[first.end:first.end + 1] != ".":
                    pass
                else:
                    name.title = name.title or first.text
                    tokens.pop(0)
                    initial = False
                    continue
            if (initial and first.text in lex.FUNCTION_WORDS) or first.text in lex.CONNECTORS or (
                len(tokens) == 1 and first.text in lex.FUNCTION_WORDS
            ):
                tokens.pop(0)
                initial = False
                continue
            if initial and first.text.lower() in doc.lower_words and first.text not in doc.caps_elsewhere \
                    and not first.is_acronym:
                tokens.pop(0)
                initial = False
                continue
            break
        while tokens and tokens[-1].text in lex.CONNECTORS:
            tokens.pop()
        if not tokens or (len(tokens) >= 3 and all(t.is_acronym for t in tokens)):
            return None  # nothing left, or a line in capitals
        name.tokens = tokens
        if len(tokens) == 1:
            word = tokens[0]
            if len(word.text) < 2 or word.text in lex.FUNCTION_WORDS:
                return None
            if initial and not (
                word.text in doc.caps_elsewhere or word.text in lex.PLACES or word.is_acronym
                or word.text in lex.DEMONYMS or _cue_right_after(doc.text, word.end)
            ):
                return None
        name.initial = initial
        return name

    def _split_demonym(self, name: _Name) -> list[_Name]:
        """'Syrian Deir Ezzor' is a nationality and a place; 'Syrian Democratic
        Forces' stays one organisation."""
        tokens = name.tokens
        if len(tokens) < 2 or tokens[0].text not in lex.DEMONYMS or name.dateline:
            return [name]
        words = {t.text for t in tokens}
        if words & (lex.ORG_WORDS | lex.MISC_WORDS | lex.LOC_WORDS) or self._text(name) in lex.PLACES:
            return [name]
        if tokens[1].text in lex.CONNECTORS:
            return [name]
        return [_Name(tokens[:1], initial=name.initial, headline=name.headline),
                _Name(tokens[1:], initial=False, headline=name.headline)]

    # -- labels -------------------------------------------------------------
    def _classify(self, name: _Name) -> None:  # noqa: PLR0911  a list of rules, the first that fits decides
        doc = self.doc
        text = doc.text
        words = [t.text for t in name.tokens]
        whole = text[name.start:name.end]

        def set_(label: str, score: float, reason: str) -> None:
            name.label, name.score, name.reason = label, score, reason

        if name.dateline:
            return set_("LOC", 0.8, "dateline")
        if whole in lex.PLACE_ACRONYMS or whole in lex.PLACES:
            return set_("LOC", 0.85, "known place")
        if name.title:
            return set_("PERSON", 0.85, f"after the title {name.title}")
        before = self._words_before(name.start, 2)
        if before and before[-1] in _PREPOSITIONS:
            before = []  # "líder de X": X is what is led, not a person
        after = self._word_after(name.end)
        org_word = _first_in(words, lex.ORG_WORDS)
        if org_word and (len(words) > 1 or org_word in lex.ORG_ALONE):
            return set_("ORG", 0.75, f"organisation word {org_word}")
        if len(words) == 1 and name.tokens[0].is_acronym:
            return set_("ORG", 0.7, "acronym")
        if all(t.is_acronym for t in name.tokens):
            return set_("MISC", 0.3, "capitals")
        org_role = _first_in(before, lex.ORG_ROLES)
        if org_role:
            return set_("ORG", 0.65, f"after '{org_role}'")
        misc_word = _first_in(words, lex.MISC_WORDS)
        if misc_word:
            self._extend_year(name)
            return set_("MISC", 0.6, f"event word {misc_word}")
        loc_word = _first_in(words, lex.LOC_WORDS)
        if loc_word and len(words) > 1:
            return set_("LOC", 0.7, f"place word {loc_word}")
        if after in lex.LOC_AFTER:
            return set_("LOC", 0.65, f"followed by '{after}'")
        if len(words) == 1 and words[0] in lex.DEMONYMS:
            return set_("MISC", 0.65, "nationality or group")
        role = _first_in(before, lex.PERSON_ROLES)
        if role is None and len(before) >= 1 and _looks_like_es_demonym(before[0]) and \
                self._words_before(name.start, 2)[-1:] in (["el"], ["la"]):
            role = before[0]
        if role:
            return set_("PERSON", 0.7, f"after '{role}'")
        if len(words) > 1:
            if len(words) == 2 and words[0] in lex.DEMONYMS:
                return set_("MISC", 0.4, "capitalised words after a nationality")
            return set_("PERSON", 0.55, "capitalised name of two words or more")
        # one word: decided once every name is known (_resolve_single_words)

    def _resolve_single_words(self, names: list[_Name]) -> None:
        doc = self.doc
        person_parts: dict[str, str] = {}
        for name in names:
            if name.label == "PERSON" and len(name.tokens) > 1:
                for tok in name.tokens:
                    if tok.capitalised and tok.text not in lex.CONNECTORS:
                        person_parts.setdefault(tok.text, doc.text[name.start:name.end])
        for span in self.existing:
            if span.label == "PERSON":
                for word in doc.text[span.start:span.end].split():
                    person_parts.setdefault(word, doc.text[span.start:span.end])
        for name in names:
            if name.label or len(name.tokens) != 1:
                continue
            word = name.tokens[0].text
            before = self._words_before(name.start, 1)
            if word in person_parts:
                name.label, name.score, name.reason = "PERSON", 0.7, f"part of the name {person_parts[word]}"
            elif self._next_to_speech_cue(name):
                name.label, name.score, name.reason = "PERSON", 0.5, "next to a speech cue"
            elif before and before[-1] in lex.LOC_PREPOSITIONS:
                name.label, name.score, name.reason = "LOC", 0.5, f"after '{before[-1]}'"
            elif _DEMONYM_SUFFIX.search(word) and self._word_after(name.end).islower():
                name.label, name.score, name.reason = "MISC", 0.4, "nationality or group"
            else:
                name.label, name.score, name.reason = "PERSON", 0.35, "capitalised word, taken for a name"

    def _words_before(self, offset: int, count: int) -> list[str]:
        """Up to ``count`` lower-case words right before ``offset`` (nearest last),
        stopping at punctuation."""
        doc = self.doc
        index = doc.token_index(offset)
        words: list[str] = []
        position = offset
        while index > 0 and len(words) < count:
            tok = doc.tokens[index - 1]
            if doc.text[tok.end:position].strip():
                break
            if not tok.text.islower():
                break
            words.insert(0, tok.text)
            position = tok.start
            index -= 1
        return words

    def _word_after(self, offset: int) -> str:
        doc = self.doc
        index = doc.token_index(offset)
        if index < len(doc.tokens) and not doc.text[offset:doc.tokens[index].start].strip():
            return doc.tokens[index].text
        return ""

    def _next_to_speech_cue(self, name: _Name) -> bool:
        text = self.doc.text
        return _cue_right_after(text, name.end) or _cue_right_before(text, name.start)

    def _extend_year(self, name: _Name) -> None:
        """'Liga Mundial 2000': an event name takes the year after it."""
        text = self.doc.text
        match = re.match(r" ((?:19|20)[0-9]{2})\b", text[name.end:name.end + 6])
        if match:
            end = name.end + match.end()
            name.tokens = name.tokens + [_Tok(name.end + 1, end, match.group(1), False)]  # a year: not capitalised


def _first_in(words: list[str], wanted: frozenset[str]) -> str | None:
    """The first of ``words`` that is in ``wanted`` (asked of every name:
    most have none, which the set test tells without a Python loop)."""
    if wanted.isdisjoint(words):
        return None
    return next(word for word in words if word in wanted)


_ENGLISH_CONNECTORS = frozenset(("of", "for", "the"))
_KEYWORDS = lex.ORG_WORDS | lex.MISC_WORDS | lex.LOC_WORDS
_PREPOSITIONS = frozenset(
    ["de", "del", "of", "for", "a", "al", "en", "in", "at", "by", "to", "con", "with", "por", "para", "sobre", "on"]
)
_DEMONYM_SUFFIX = re.compile(r"(?:ian|ese|ish)$")
_ES_DEMONYM = re.compile(r"(?:ense|ano|ana|és|esa|ino|ina|ol|ola|avo|ava|eño|eña|ués|uesa|ita|í)$")


def _looks_like_es_demonym(word: str) -> bool:
    return word.islower() and len(word) > 4 and bool(_ES_DEMONYM.search(word))


def _cue_right_after(text: str, offset: int) -> bool:
    """'Smith said', 'Smith, 42, told', 'Zambrano también dijo'."""
    cue = _first_cue(text, offset, min(len(text), offset + 40))
    return cue is not None and bool(re.fullmatch(r"\s*,?\s*(?:\w+\s+)?", text[offset:cue.start()]))


def _cue_right_before(text: str, offset: int) -> bool:
    """'said Smith', 'declaró Zambrano'."""
    cues = list(_cues(text, max(0, offset - 30), offset))
    return bool(cues) and not text[cues[-1].end():offset].strip() and text[cues[-1].end():offset] != ""


