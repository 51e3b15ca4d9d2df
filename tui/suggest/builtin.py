"""The built-in suggester: pre-annotation by rules, no model needed.

``suggest(text, annotations)`` proposes spans for a person to accept or
reject; nothing here changes annotations. The rules, English and Spanish:

* **Direct quotes**: words inside quotation marks (“ ” « » „ “ ‘ ’ ‹ › 「 」
  "straight"), marks left out, ``attrs.type = "direct"``. A quotation left
  open at the end of a paragraph goes on in the next one when that paragraph
  opens with a quotation mark again (news style); in texts with one sentence
  per line (no blank lines) it goes on until its closing mark, a few lines
  on at most. A quotation still open ends with its paragraph, with a lower
  score. **Scare quotes** — one or two words, e.g. “caliphate” — are not
  suggested at all (in news they are mostly irony or names, rarely speech);
  three or four words get a lower score.
* **Speakers**: the nearest PERSON or ORG (tagged by the user, else a
  capitalised name found here) tied to the quotation by a speech cue
  ("said", "told", "according to", "dijo", "afirmó", "según", ...) on either
  side, in the same sentence or the sentence before that ends with a colon:
  "X said", "said X", "X, the minister, said", "according to X". A pronoun
  ("he said", "ella dijo") and a cue with no subject ("”, dijo.", Spanish
  drops the pronoun) resolve to the nearest PERSON before the quotation,
  outside quotations.
* **Dates**: month names, weekdays, ISO dates, "June 2014", "24 de mayo",
  "en 1994", each checked by python-dateutil (``fuzzy=False``); those with a
  year carry ``attrs.value`` ("2014-06").
* **Claims**: a sentence holding a percentage or a number with a quantity
  word ("37,000 people", "diez millones de dólares") is a CLAIM candidate;
  its source, when a cue names one, is given as ``speaker``.
* **Entities**: sequences of capitalised words (joined by "de", "of",
  "for"...). PERSON after a title (Mr., Gen., President) or a role word
  ("el entrenador X"), and a lone word that is part of a person's name
  found elsewhere in the text (a surname); ORG for acronyms and names with
  words such as Forces, Council, Ministry, Partido; LOC for a short list
  of countries and cities, place words (River, Estadio) and datelines
  ("BEIRUT -", "Madrid, 24 may"), and for a lone word after in/near/of/en;
  MISC for nationalities (Syrian, Kurdish) and events (Cup, Liga). The rest:
  two words or more are a PERSON, a lone word is MISC with a low score.
  A word capitalised only because it starts a sentence or a quotation
  needs other evidence (it is capitalised elsewhere, or is a known place),
  and words in an all-capitals or Title Case headline line are suggested
  only when found elsewhere in the text.
* **Further mentions** of a name the user has tagged in this document
  ("another mention of X"), whole words only.

Nothing already annotated is suggested again: an entity suggestion over an
entity the user tagged (with any label) is dropped, and so is a quote or a
claim over one of the same label.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Iterable

from ..model import CLAIM, ENTITY, QUOTE
from ..text_units import is_unspaced, whole_word_matches
from . import lexicon as lex
from .suggestion import Suggestion

DEFAULT_LABELS = ("PERSON", "ORG", "LOC", "DATE", "MISC", "QUOTE", "CLAIM")
_BUILTIN_KINDS = {"PERSON": ENTITY, "ORG": ENTITY, "LOC": ENTITY, "DATE": ENTITY, "MISC": ENTITY,
                  "QUOTE": QUOTE, "CLAIM": CLAIM}
_SPEAKER_LABELS = ("PERSON", "ORG")


def suggest(
    text: str,
    annotations=None,
    labels=DEFAULT_LABELS,
    *,
    entities: list[Suggestion] | None = None,
) -> list[Suggestion]:
    """Suggestions for ``text``, in reading order.

    ``annotations``: the user's annotations on this text (an ``Annotations``
    or spans), used for speakers, further mentions and to leave out what is
    done. ``labels``: the label names that may be suggested, or a ``Schema``
    (its quote and claim labels stand in for QUOTE and CLAIM when those
    names are missing). ``entities``: entity suggestions from elsewhere (a
    spaCy model) that replace the capitalised-name rule.
    """
    if not text or not text.strip():
        return []
    existing = _existing_spans(annotations)
    label_map, allowed = _label_map(labels)
    doc = _Doc(text)

    found: list[Suggestion] = []
    mentions = _user_mentions(doc, existing)
    names = list(entities) if entities is not None else _NameFinder(doc, existing).find()
    found.extend(mentions)
    found.extend(names)
    dates = _dates(doc)
    found.extend(dates)

    speakers = _Speakers(doc, names + mentions, existing)
    quotes = _quotes(doc, speakers)
    found.extend(quotes)
    found.extend(_claims(doc, speakers, quotes))
    return _finish(text, found, existing, label_map, allowed)


# ---------------------------------------------------------------------------
# The text: paragraphs, sentences and words, computed once.


_WORD = re.compile(
    r"(?:[^\W\d_]{1,3}\.){2,}"  # U.S.  EE.UU.
    r"|[^\W_](?:[^\W_]|['’](?=[^\W_])|[\-‐‑](?=[^\W_])|\.(?=[^\W_]))*",
)
_OPENING_PUNCT = set("\"'“‘«„‹「『¿¡([—–-*•#>") | set("”’»")
_BREAK = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)|\n")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BLOCK = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    text: str

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()

    @property
    def is_acronym(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


class _Doc:
    def __init__(self, text: str):
        self.text = text
        self.blank_mode = bool(_BLANK_LINE.search(text))
        self.blocks = [self._strip(m.span()) for m in _BLOCK.finditer(text)]
        self.blocks = [b for b in self.blocks if b[0] < b[1]]
        self.lines = [self._strip(m.span()) for m in _LINE.finditer(text)]
        self.lines = [b for b in self.lines if b[0] < b[1]]
        self.line_starts = [s for s, _ in self.lines]
        #: What a quotation may run over: paragraphs between blank lines, or
        #: lines when the text has no blank line.
        self.paragraphs = self.blocks if self.blank_mode else self.lines
        self.sentences = self._sentences()
        self.sentence_starts = [s for s, _ in self.sentences]
        self.straight_quotes = [i for i, c in enumerate(text) if c == '"']
        self.tokens = self._tokens()
        self.token_starts = [t.start for t in self.tokens]
        self.lower_words = {t.text for t in self.tokens if t.text.islower()}
        self.initial = [self._is_initial(t.start) for t in self.tokens]
        self.caps_elsewhere = {
            t.text for t, first in zip(self.tokens, self.initial) if not first and t.capitalised
        }
        self._shouting = {}
        self._title_case = {}

    def _strip(self, span: tuple[int, int]) -> tuple[int, int]:
        start, end = span
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    # -- sentences --------------------------------------------------------
    def _sentences(self) -> list[tuple[int, int]]:
        text = self.text
        found = []
        for block_start, block_end in self.blocks:
            start = block_start
            for match in _BREAK.finditer(text, block_start, block_end):
                if not self._ends_sentence(match):
                    continue
                found.append(self._strip((start, match.end())))
                start = match.end()
            found.append(self._strip((start, block_end)))
        return [s for s in found if s[0] < s[1]]

    def _ends_sentence(self, match: re.Match) -> bool:
        text = self.text
        after = match.end()
        while after < len(text) and text[after] in " \t":
            after += 1
        following = text[after] if after < len(text) else ""
        if following.islower():
            return False
        if match.group() == "\n":
            return True
        if match.group().startswith(".") and match.group().count(".") == 1:
            word_start = match.start()
            while word_start > 0 and not text[word_start - 1].isspace():
                word_start -= 1
            word = text[word_start:match.start()].lstrip("\"'“‘«(")
            if word in lex.ABBREVIATIONS or (len(word) == 1 and word.isupper()) or "." in word:
                return False
        return True

    def sentence_index(self, offset: int) -> int:
        return max(0, bisect_right(self.sentence_starts, offset) - 1)

    def sentence_at(self, offset: int) -> tuple[int, int]:
        if not self.sentences:
            return 0, len(self.text)
        return self.sentences[self.sentence_index(offset)]

    def line_at(self, offset: int) -> tuple[int, int]:
        index = max(0, bisect_right(self.line_starts, offset) - 1)
        return self.lines[index] if self.lines else (0, len(self.text))

    # -- words ------------------------------------------------------------
    def _tokens(self) -> list[_Tok]:
        text = self.text
        tokens = []
        for match in _WORD.finditer(text):
            start, end = match.span()
            word = match.group()
            if word[0].isupper() and ("-" in word or "‐" in word or "‑" in word):
                cut = _hyphen_cut(word)
                if cut < len(word):
                    end = start + cut
                    word = word[:cut]
            if word.endswith(("'s", "’s")) and len(word) > 2:
                end -= 2
                word = word[:-2]
            tokens.append(_Tok(start, end, word))
        return tokens

    def _is_initial(self, offset: int) -> bool:
        """Whether a word at ``offset`` starts a sentence, a quotation or a
        clause after a dash (and so may be capitalised for that alone)."""
        text = self.text
        sentence_start = self.sentence_at(offset)[0]
        i = offset - 1
        while i >= sentence_start and text[i].isspace():
            i -= 1
        if i < sentence_start:
            return True
        j = i
        while j >= sentence_start and (text[j] in _OPENING_PUNCT or text[j].isspace()):
            j -= 1
        if j < sentence_start:
            return True
        char = text[i]
        if char in "“‘«„‹「『:¿¡|":
            return True
        if char == '"':  # an opening straight quote when an even number stand before it
            count = bisect_left(self.straight_quotes, i) - bisect_left(self.straight_quotes, sentence_start)
            return count % 2 == 0
        return char in "-—–" and i > 0 and text[i - 1].isspace()

    def tokens_between(self, start: int, end: int) -> list[_Tok]:
        lo = bisect_left(self.token_starts, start)
        hi = bisect_left(self.token_starts, end)
        return [t for t in self.tokens[lo:hi] if t.end <= end]

    def token_index(self, offset: int) -> int:
        return bisect_left(self.token_starts, offset)

    # -- headline lines -----------------------------------------------------
    def shouting(self, offset: int) -> bool:
        """Whether the line at ``offset`` is written in capitals."""
        line = self.line_at(offset)
        if line not in self._shouting:
            letters = [c for c in self.text[line[0]:line[1]] if c.isalpha()]
            words = self.tokens_between(*line)
            self._shouting[line] = len(words) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
        return self._shouting[line]

    def title_case(self, offset: int) -> bool:
        """Whether the line at ``offset`` is a Title Case Headline."""
        line = self.line_at(offset)
        if line not in self._title_case:
            value = self.text[line[0]:line[1]].rstrip()
            long_words = [t for t in self.tokens_between(*line) if len(t.text) >= 4]
            capitalised = sum(t.capitalised for t in long_words)
            self._title_case[line] = (
                len(long_words) >= 4 and capitalised >= 0.75 * len(long_words)
                and not value.endswith((".", "!", "?", "”", '"')) and len(value) <= 200
            )
        return self._title_case[line]


def _hyphen_cut(word: str) -> int:
    """Where to cut a capitalised hyphenated word: before '-led' in
    'Kurdish-led', not in 'AFP-JIJI' or 'Hispano-francesa'."""
    offset = 0
    parts = re.split(r"([\-‐‑])", word)
    for index, part in enumerate(parts):
        if index and index % 2 == 0 and part.islower() and (part in lex.HYPHEN_SUFFIXES or part.endswith("ed")):
            return offset - 1
        offset += len(part)
    return len(word)


# ---------------------------------------------------------------------------
# The user's annotations and labels


def _existing_spans(annotations) -> list:
    if annotations is None:
        return []
    spans = annotations.spans() if hasattr(annotations, "spans") else annotations
    return [s for s in spans if 0 <= s.start < s.end]


def _label_map(labels) -> tuple[dict[str, str], set[str]]:
    """(built-in label -> label to suggest, every label that may be suggested)."""
    if labels is None:
        labels = DEFAULT_LABELS
    if hasattr(labels, "labels"):  # a Schema
        names = [label.name for label in labels.labels]
        kinds = {label.name: label.kind for label in labels.labels}
        mapping = {name: name for name in DEFAULT_LABELS if name in kinds and kinds[name] == _BUILTIN_KINDS[name]}
        for builtin, kind in (("QUOTE", QUOTE), ("CLAIM", CLAIM)):
            if builtin not in mapping:
                of_kind = [name for name in names if kinds[name] == kind]
                if of_kind:
                    mapping[builtin] = of_kind[0]
        return mapping, set(names)
    names = [str(name) for name in labels]
    return {name: name for name in DEFAULT_LABELS if name in names}, set(names)


def _user_mentions(doc: _Doc, existing: list) -> list[Suggestion]:
    """Every further mention (whole words) of an entity the user tagged."""
    text = doc.text
    entity_spans = sorted((s for s in existing if s.kind == ENTITY), key=lambda s: (s.start, s.end))
    taken = _Intervals((s.start, s.end) for s in entity_spans)
    labels_of: dict[str, dict[str, int]] = {}
    for span in entity_spans:
        phrase = text[span.start:span.end]
        if phrase.strip() and any(c.isalnum() for c in phrase):
            counts = labels_of.setdefault(phrase, {})
            counts[span.label] = counts.get(span.label, 0) + 1
    found = []
    for phrase, counts in sorted(labels_of.items()):
        label = max(sorted(counts), key=lambda name: counts[name])
        for start, end in whole_word_matches(text, phrase):
            if taken.overlaps(start, end):
                continue
            found.append(Suggestion(start, end, label, ENTITY, phrase, {}, f"another mention of {phrase}", 0.9))
    return found


class _Intervals:
    """Spans to test overlap against: sorted starts and the running maximum of ends."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.max_end = []
        highest = -1
        for _s, e in ordered:
            highest = max(highest, e)
            self.max_end.append(highest)

    def overlaps(self, start: int, end: int) -> bool:
        count = bisect_left(self.starts, end)
        return count > 0 and self.max_end[count - 1] > start


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
_DATELINE_PLACE = re.compile(
    r"(?P<place>[^\W\d_][\w'’.\-]*(?:[ ][^\W\d_][\w'’.\-]*){0,3}),[ ]*(?:[0-3]?[0-9][ ]+(?:" + _MONTH_WORD
    + r")\b|(?:" + "|".join(lex.MONTHS_EN + lex.MONTH_ABBR_EN) + r")\.?[ ]+[0-3]?[0-9]\b)"
)


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
        for match in _DATELINE_PLACE.finditer(text):
            start, end = match.span("place")
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
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if not tok.capitalised or tok.text in lex.CALENDAR_WORDS:
                i += 1
                continue
            if tok.start in self.datelines:
                end = self.datelines[tok.start]
                j = i
                while j + 1 < len(tokens) and tokens[j + 1].end <= end:
                    j += 1
                names.append(_Name(tokens[i:j + 1], initial=False, dateline=True))
                i = j + 1
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
            i = j + 1
        for name in names:
            name.headline = doc.shouting(name.start) or doc.title_case(name.start)
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
    def _classify(self, name: _Name) -> None:
        doc = self.doc
        text = doc.text
        words = [t.text for t in name.tokens]
        whole = text[name.start:name.end]
        before = self._words_before(name.start, 2)
        if before and before[-1] in _PREPOSITIONS:
            before = []  # "líder de X": X is what is led, not a person
        after = self._word_after(name.end)

        def set_(label: str, score: float, reason: str) -> None:
            name.label, name.score, name.reason = label, score, reason

        if name.dateline:
            return set_("LOC", 0.8, "dateline")
        if whole in lex.PLACE_ACRONYMS or whole in lex.PLACES:
            return set_("LOC", 0.85, "known place")
        if name.title:
            return set_("PERSON", 0.85, f"after the title {name.title}")
        org_word = next((w for w in words if w in lex.ORG_WORDS), None)
        if org_word and (len(words) > 1 or org_word in lex.ORG_ALONE):
            return set_("ORG", 0.75, f"organisation word {org_word}")
        if len(words) == 1 and name.tokens[0].is_acronym:
            return set_("ORG", 0.7, "acronym")
        if all(t.is_acronym for t in name.tokens):
            return set_("MISC", 0.3, "capitals")
        org_role = next((w for w in before if w in lex.ORG_ROLES), None)
        if org_role:
            return set_("ORG", 0.65, f"after '{org_role}'")
        misc_word = next((w for w in words if w in lex.MISC_WORDS), None)
        if misc_word:
            self._extend_year(name)
            return set_("MISC", 0.6, f"event word {misc_word}")
        loc_word = next((w for w in words if w in lex.LOC_WORDS), None)
        if loc_word and len(words) > 1:
            return set_("LOC", 0.7, f"place word {loc_word}")
        if after in lex.LOC_AFTER:
            return set_("LOC", 0.65, f"followed by '{after}'")
        if len(words) == 1 and words[0] in lex.DEMONYMS:
            return set_("MISC", 0.65, "nationality or group")
        role = next((w for w in before if w in lex.PERSON_ROLES), None)
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
            name.tokens = name.tokens + [_Tok(name.end + 1, end, match.group(1))]


_ENGLISH_CONNECTORS = frozenset(("of", "for", "the"))
_KEYWORDS = lex.ORG_WORDS | lex.MISC_WORDS | lex.LOC_WORDS
_PREPOSITIONS = frozenset("de del of for a al en in at by to con with por para sobre on".split())
_DEMONYM_SUFFIX = re.compile(r"(?:ian|ese|ish)$")
_ES_DEMONYM = re.compile(r"(?:ense|ano|ana|és|esa|ino|ina|ol|ola|avo|ava|eño|eña|ués|uesa|ita|í)$")


def _looks_like_es_demonym(word: str) -> bool:
    return word.islower() and len(word) > 4 and bool(_ES_DEMONYM.search(word))


@dataclass(frozen=True, slots=True)
class _Cue:
    """A speech cue found in the text (read like a regex match)."""

    begin: int
    finish: int
    text: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self) -> str:
        return self.text


def _cue_table() -> dict[str, list[re.Pattern | None]]:
    """First word of a cue (lower case) -> how to match the cues it starts:
    a pattern for phrases ("according to"), None for the word alone."""
    table: dict[str, list] = {}
    for cue in sorted(lex.SPEECH_CUES, key=len, reverse=True):
        words = cue.split()
        matcher = re.compile(r"\s+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE) if len(words) > 1 else None
        table.setdefault(words[0].lower(), []).append(matcher)
    return table


_CUE_TABLE = _cue_table()
_WORD_RUN = re.compile(r"\w+")


def _cues(text: str, lo: int, hi: int) -> Iterable[_Cue]:
    """The speech cues in text[lo:hi], in order (a word lookup, not one big regex)."""
    for word in _WORD_RUN.finditer(text, lo, hi):
        matchers = _CUE_TABLE.get(word.group().lower())
        if not matchers:
            continue
        for matcher in matchers:
            if matcher is None:
                yield _Cue(word.start(), word.end(), word.group())
                break
            match = matcher.match(text, word.start(), hi)
            if match:
                yield _Cue(match.start(), match.end(), match.group())
                break


def _first_cue(text: str, lo: int, hi: int) -> _Cue | None:
    return next(iter(_cues(text, lo, hi)), None)


def _cue_right_after(text: str, offset: int) -> bool:
    """'Smith said', 'Smith, 42, told', 'Zambrano también dijo'."""
    cue = _first_cue(text, offset, min(len(text), offset + 40))
    return cue is not None and bool(re.fullmatch(r"\s*,?\s*(?:\w+\s+)?", text[offset:cue.start()]))


def _cue_right_before(text: str, offset: int) -> bool:
    """'said Smith', 'declaró Zambrano'."""
    cues = list(_cues(text, max(0, offset - 30), offset))
    return bool(cues) and not text[cues[-1].end():offset].strip() and text[cues[-1].end():offset] != ""


_PRONOUN = re.compile(r"(?<!\w)(?:" + "|".join(sorted(lex.PRONOUNS)) + r")(?!\w)")


# ---------------------------------------------------------------------------
# Dates


_YEAR = r"(?:1[5-9][0-9]{2}|20[0-9]{2})"
_EN_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
             r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
_EN_DAY = r"(?:[0-3]?[0-9])(?:st|nd|rd|th)?"
_EN_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ES_MONTH = r"(?:" + "|".join(lex.MONTHS_ES) + r")"
_ES_MONTH_ABBR = r"(?:ene|feb|abr|may|jun|jul|ago|sept|sep|oct|nov|dic)"
_ES_WEEKDAY = r"(?:" + "|".join(lex.WEEKDAYS_ES) + r")"
_DATE = re.compile(
    r"(?<![\w\-])(?:"
    r"(?P<iso>[0-9]{4}-[0-1][0-9]-[0-3][0-9])"
    rf"|(?P<en>(?:{_EN_WEEKDAY},?\s)?(?:{_EN_DAY}\s(?:of\s)?{_EN_MONTH}|{_EN_MONTH}\s{_EN_DAY}(?![\w:]))(?:,?\s{_YEAR})?)"
    rf"|(?P<en_my>{_EN_MONTH},?\s{_YEAR})"
    rf"|(?P<es>[0-3]?[0-9]\sde\s{_ES_MONTH}(?:\sde(?:l)?\s{_YEAR})?)"
    rf"|(?P<es_my>{_ES_MONTH}\sde(?:l)?\s{_YEAR})"
    rf"|(?P<es_abbr>[0-3]?[0-9]\s{_ES_MONTH_ABBR}\.?(?=[\s,)(]))"
    rf"|(?P<en_m>{_EN_MONTH})"
    rf"|(?P<en_wd>{_EN_WEEKDAY})"
    rf"|(?P<es_m>{_ES_MONTH})"
    rf"|(?P<es_wd>{_ES_WEEKDAY})"
    rf"|(?i:in|since|until|by|from|during|en|desde|hasta|durante|año|year)\s(?P<year>{_YEAR})"
    r")(?![\w\-])"
)
_MONTH_ALONE_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|by|last|next|early|late|mid|from|of|en|desde|hasta|para|de|finales de"
    r"|principios de|mediados de|pasado|próximo)[\s\-])$", re.IGNORECASE)


def _dates(doc: _Doc) -> list[Suggestion]:
    text = doc.text
    found = []
    for match in _DATE.finditer(text):
        kind = match.lastgroup
        start, end = match.span(kind)
        value = text[start:end].rstrip(",")
        end = start + len(value)
        if kind in ("en_m", "es_m") or value == "May":
            if not _MONTH_ALONE_BEFORE.search(text[max(0, start - 20):start]):
                continue
        if kind == "en_m" and value in lex.MONTH_ABBR_EN:
            continue  # a bare abbreviation without its dot ("Mar", "Dec") is too often something else
        parsed = _parse_date(value)
        if parsed is None:
            continue
        attrs = {"value": parsed} if parsed else {}
        reason = "date" if kind not in ("en_wd", "es_wd") else "weekday"
        found.append(Suggestion(start, end, "DATE", ENTITY, value, attrs, reason, 0.8 if parsed else 0.7))
    return found


_PARSER_INFO = None


def _parser_info():
    global _PARSER_INFO
    if _PARSER_INFO is None:
        from dateutil import parser as date_parser

        spanish = [("ene", "enero"), ("feb", "febrero"), ("mar", "marzo"), ("abr", "abril"), ("may", "mayo"),
                   ("jun", "junio"), ("jul", "julio"), ("ago", "agosto"),
                   ("sep", "sept", "septiembre", "setiembre"), ("oct", "octubre"), ("nov", "noviembre"),
                   ("dic", "diciembre")]
        base = date_parser.parserinfo

        class _Info(base):
            MONTHS = [tuple(en) + tuple(es) for en, es in zip(base.MONTHS, spanish)]
            WEEKDAYS = [tuple(en) + (es,) for en, es in zip(base.WEEKDAYS, lex.WEEKDAYS_ES)]
            JUMP = list(base.JUMP) + ["de", "del"]

        _PARSER_INFO = (date_parser, _Info())
    return _PARSER_INFO


def _parse_date(value: str) -> str | None:
    """'' for a date without a year, 'YYYY[-MM[-DD]]' for one with it, None
    when dateutil does not read ``value`` as a date."""
    date_parser, info = _parser_info()
    try:
        first = date_parser.parse(value, parserinfo=info, fuzzy=False, default=datetime(2001, 1, 1))
        second = date_parser.parse(value, parserinfo=info, fuzzy=False, default=datetime(2002, 2, 2))
    except Exception:  # dateutil raises ParserError, OverflowError, TypeError... on odd input
        return None
    if first.year != second.year:
        return ""
    if first.month != second.month:
        return f"{first.year:04d}"
    if first.day != second.day:
        return f"{first.year:04d}-{first.month:02d}"
    return f"{first.year:04d}-{first.month:02d}-{first.day:02d}"


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


# ---------------------------------------------------------------------------
# Quotations


_OPENERS = {"“": "”", "«": "»", "„": "“”", "‘": "’", "‹": "›", "「": "」", "『": "』", '"': '"'}
_QUOTE_OPEN_SEARCH = re.compile("[“«„‘‹「『\"]")
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


# ---------------------------------------------------------------------------
# Putting it together


def _finish(text: str, found: list[Suggestion], existing: list, label_map: dict[str, str],
            allowed: set[str]) -> list[Suggestion]:
    existing_keys = {(s.start, s.end, s.label) for s in existing}
    taken_entities = _Intervals((s.start, s.end) for s in existing if s.kind == ENTITY)
    taken_by_label = {
        label: _Intervals((s.start, s.end) for s in existing if s.kind != ENTITY and s.label == label)
        for label in {s.label for s in existing}
    }
    nothing = _Intervals(())
    best: dict[tuple[int, int, str], Suggestion] = {}
    from_user = _Intervals((s.start, s.end) for s in found if s.reason.startswith("another mention of "))
    for suggestion in found:
        from_mention = suggestion.reason.startswith("another mention of ")
        label = suggestion.label if from_mention else label_map.get(suggestion.label)
        if label is None or label not in allowed:
            continue
        if not (0 <= suggestion.start < suggestion.end <= len(text)):
            continue
        if text[suggestion.start:suggestion.end] != suggestion.text:
            continue
        if label != suggestion.label:
            suggestion = _replace_label(suggestion, label)
        if suggestion.key in existing_keys:
            continue
        if suggestion.kind == ENTITY:
            if not from_mention and taken_entities.overlaps(suggestion.start, suggestion.end):
                continue
            if not from_mention and from_user.overlaps(suggestion.start, suggestion.end):
                continue
        elif taken_by_label.get(suggestion.label, nothing).overlaps(suggestion.start, suggestion.end):
            continue
        kept = best.get(suggestion.key)
        if kept is None or suggestion.score > kept.score:
            best[suggestion.key] = suggestion
    # One label per entity span: the better-scored one.
    by_offsets: dict[tuple[int, int], Suggestion] = {}
    others = []
    for suggestion in best.values():
        if suggestion.kind != ENTITY:
            others.append(suggestion)
            continue
        kept = by_offsets.get((suggestion.start, suggestion.end))
        if kept is None or (suggestion.score, suggestion.label) > (kept.score, kept.label):
            by_offsets[(suggestion.start, suggestion.end)] = suggestion
    result = list(by_offsets.values()) + others
    result.sort(key=lambda s: (s.start, -s.end, s.label, s.kind))
    return result


def _replace_label(suggestion: Suggestion, label: str) -> Suggestion:
    return replace(suggestion, label=label)


def iter_labels(suggestions: Iterable[Suggestion]) -> dict[str, int]:
    """How many suggestions per label, labels sorted."""
    counts: dict[str, int] = {}
    for suggestion in suggestions:
        counts[suggestion.label] = counts.get(suggestion.label, 0) + 1
    return dict(sorted(counts.items()))
