"""Who a cue attributes to: the subject of the cue, read from the sentence.

"X said", "X, the minister, said", "the deputy commander, X, said", "he
said" (the last compatible mention), "a senior official said" (a
description), and in inversion "said X", "according to X".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..suggest import lexicon as names_lex
from ..suggest.document import _Doc
from . import lexicon as lex
from .cues import PRONOUN

PERSON, ORG = "PERSON", "ORG"
#: How a source is written: a name, a description or a pronoun.
NAME, DESCRIPTION, PRONOUN_FORM = "name", "description", "pronoun"


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker or source in the text: ``text[start:end]``."""

    start: int
    end: int
    label: str  # PERSON or ORG; "" when a pronoun does not say
    form: str = NAME
    text: str = ""


class Mentions:
    """The people and organisations of a text, in order, and the quotations
    (a mention inside one is never the speaker of another)."""

    def __init__(self, doc: _Doc, entities, quoted: list[tuple[int, int]]):
        self.doc = doc
        text = doc.text
        unique = {(e.start, e.end, e.label) for e in entities if e.label in (PERSON, ORG) and e.start < e.end}
        self.items = [Mention(s, e, label, NAME, text[s:e]) for s, e, label in sorted(unique)]
        self.starts = [m.start for m in self.items]
        self.ends = sorted((m.end, i) for i, m in enumerate(self.items))
        self.quoted = sorted(quoted)

    def is_quoted(self, start: int, end: int) -> bool:
        index = bisect_right(self.quoted, (start, 1 << 62)) - 1
        return index >= 0 and self.quoted[index][0] <= start and end <= self.quoted[index][1]

    def ending_at(self, offset: int, lo: int) -> list[Mention]:
        """Mentions that end at or before ``offset`` and start after ``lo``, nearest first."""
        index = bisect_left(self.starts, offset)
        return [m for m in reversed(self.items[max(0, index - 40):index]) if lo <= m.start and m.end <= offset]

    def starting_at(self, offset: int, hi: int) -> list[Mention]:
        index = bisect_left(self.starts, offset)
        return [m for m in self.items[index:index + 10] if m.start < hi]

    def last_before(self, offset: int, labels: tuple[str, ...], limit: int = 3000,
                    not_titled: tuple[str, ...] = ()) -> Mention | None:
        """The last mention with one of ``labels`` before ``offset``, outside
        quotations, and not after one of the titles ``not_titled`` ("Mr.")."""
        index = bisect_left(self.starts, offset)
        text = self.doc.text
        for mention in reversed(self.items[:index]):
            if mention.start < offset - limit:
                return None
            if mention.label in labels and mention.end <= offset and not self.is_quoted(mention.start, mention.end):
                if not_titled and text[max(0, mention.start - 6):mention.start].strip().endswith(not_titled):
                    continue
                return mention
        return None


# ---------------------------------------------------------------------------
# The words between a subject and its cue, and the subject itself

#: Auxiliaries and adverbs between a subject and its verb: "has also said".
_BETWEEN = (r"(?:has|have|had|also|later|then|previously|again|once|recently|earlier|repeatedly|was|were|is|"
            r"are|would|will|could|did|does|do|not|never|just|already|publicly|privately|often|reportedly|"
            r"similarly|further|first|last|long|herself|himself|themselves|itself|ha|han|había|también|luego)")
#: A comma after a name, maybe after an abbreviation's dot or a parenthesis: "Cambridge, Mass.,".
_COMMA = re.compile(r"\s*[.)]?\s*,\s*")
_MALE_TITLES = ("Mr.", "Mr", "Sr.", "Don")
_FEMALE_TITLES = ("Mrs.", "Ms.", "Mrs", "Ms", "Sra.", "Doña")
_BETWEEN_WORDS = frozenset(_BETWEEN[3:-1].split("|"))
_LAST_WORD = re.compile(r"(\w+)\s*$")
_PRONOUN_AT_END = re.compile(r"(?<!\w)(" + PRONOUN.pattern + r")$")


def _subject_end(text: str, lo: int, end: int) -> int:
    """Where the subject of a cue at ``end`` ends: before the auxiliaries,
    adverbs and a parenthesis between them ("Smith (D-Wis.) has also said")."""
    while end > lo:
        stripped = text[lo:end].rstrip()
        end = lo + len(stripped)
        if stripped.endswith(")"):
            opening = stripped.rfind("(", max(0, len(stripped) - 27))
            if opening < 0:
                break
            end = lo + opening
            continue
        word = _LAST_WORD.search(stripped[-20:])
        if word is None or word.group(1).lower() not in _BETWEEN_WORDS:
            break
        end = lo + len(stripped) - len(word.group(1))
    return end
_APPOSITION = re.compile(r"\s*,[^,.;“”\"«»\n]{1,90},\s*$")
#: An apposition may hold commas and abbreviations ("(D-Mo.)"), not a sentence end.
_LONG_APPOSITION = re.compile(r"(?:[^;“”\"«»\n.]|\.(?!\s+[A-Z][a-z]))*")

_DESCRIPTION_WORD = r"(?:[\w’'.\-]+(?:['’]s)?)"
#: A description ending at the end of a window: "a senior official", "the
#: coalition's deputy commander", "the Britain-based war monitor", "officials".
_DESCRIPTION_BEFORE = re.compile(
    r"(?<![^\s\"“(])(?:(?P<det>" + "|".join(sorted(lex.DETERMINERS, key=len, reverse=True)) + r")\s+)?"
    r"(?P<body>(?:" + _DESCRIPTION_WORD + r"\s+){0,4}?)"
    r"(?P<head>" + "|".join(sorted(lex.DESCRIPTION_HEADS, key=len, reverse=True)) + r")$",
    re.IGNORECASE,
)
#: The heads in lower case: a window that ends with none of them cannot hold
#: a description, and the test is far cheaper than the search above.
_HEADS = tuple(head.lower() for head in lex.DESCRIPTION_HEADS)


def _description_before(before: str) -> re.Match | None:
    if not before[-25:].lower().endswith(_HEADS):
        return None
    return _DESCRIPTION_BEFORE.search(before[-120:])


_DESCRIPTION_AFTER = re.compile(
    r"\s*(?P<det>" + "|".join(sorted(lex.DETERMINERS, key=len, reverse=True)) + r")\s+"
    r"(?:" + _DESCRIPTION_WORD + r"\s+){0,4}?"
    r"(?P<head>" + "|".join(sorted(lex.DESCRIPTION_HEADS, key=len, reverse=True)) + r")(?![\w’'\-])",
    re.IGNORECASE,
)
#: Any noun phrase opened by a determiner, ending at the end of a window:
#: "the 34-year-old mother of three", "the announcer" (read after the heads above).
_ANY_DESCRIPTION_BEFORE = re.compile(
    r"(?<![\w’'\-])(?P<det>the|a|an|one|his|her|their|its|several|some|many|other|another|two|three)\s+"
    r"(?:[\w’'\-]+\s+){0,3}?(?P<head>[a-z][a-z’'\-]*[a-z])$", re.IGNORECASE)
_NOT_HEADS = frozenset(
    [
        "was", "were", "is", "are", "be", "been", "has", "have", "had", "would", "will", "could", "should", "may",
        "might", "did", "does", "do", "not", "also", "then", "later", "that", "which", "who", "what", "when", "where",
        "while", "and", "or", "but", "if", "as", "so", "than", "there", "here", "it", "this", "these", "those", "only",
        "just", "still", "even", "very", "more", "most", "much", "many", "about", "after", "before", "over", "into",
        "from", "with", "without",
    ]
)
#: Capitalised words ending at the end of a window: a name no one tagged.
_NAME_BEFORE = re.compile(r"(?<![\w’'])((?:[A-Z][\w’'.\-]*\s+){0,3}[A-Z][\w’'\-]*)$")
_NAME_AFTER = re.compile(r"\s*((?:(?:[A-Z][\w’'\-]*\.?|of|for|the)\s+){0,4}[A-Z][\w’'\-]*)")
_STOP = re.compile(r"[.!?;:“”\"«»\n]")


def close_subject(gap: str) -> bool:
    """Whether the text between a name and a cue keeps them together: a few
    words ("has also"), or an apposition (", the minister,")."""
    if "\n" in gap or re.search(r"[.!?;]\s", gap):
        return False
    if len(gap.split()) <= 3 and gap.count(",") <= 1 and not re.search(r"[“”\"«»]", gap):
        return True
    return bool(_CLOSE_APPOSITION.fullmatch(gap))


_CLOSE_APPOSITION = re.compile(
    r"\s*(?:\([^)]{1,20}\))?\s*,(?:[^;“”\"«»\n.]|\.(?!\s+[A-Z][a-z])){1,200},\s*(?:\w+\s+){0,3}")


class SourceFinder:
    """Reads the source of a cue from the sentence around it."""

    def __init__(self, doc: _Doc, mentions: Mentions):
        self.doc = doc
        self.text = doc.text
        self.mentions = mentions

    # -- before the cue: "X said" ------------------------------------------------
    def subject_before(self, cue_start: int, lo: int) -> Mention | None:  # noqa: PLR0911  each check that rules a subject out returns
        text = self.text
        lo = max(lo, cue_start - 250)
        end = _subject_end(text, lo, cue_start)
        if end <= lo:
            return None
        # A tagged (or found) name right there, or ending an apposition.
        for mention in self.mentions.ending_at(end, lo)[:4]:
            gap = text[mention.end:end]
            if not close_subject(gap) or self.mentions.is_quoted(mention.start, mention.end):
                break
            if not gap.strip():
                return mention
            if _APPOSITION.fullmatch(gap) or _COMMA.fullmatch(gap) or _CLOSE_APPOSITION.fullmatch(gap):
                # "X, the coalition's deputy commander, said": X, unless X
                # itself closes an apposition ("the deputy commander, X, said").
                earlier = self._apposition_head(mention, lo)
                return earlier or mention
            break
        before = text[lo:end]
        pronoun = _PRONOUN_AT_END.search(before[-12:])
        if pronoun:
            return Mention(end - len(pronoun.group(1)), end, "", PRONOUN_FORM, pronoun.group(1))
        # "…, X, the deputy commander, said": the apposition closes the subject.
        apposition = _APPOSITION.search(before[-100:]) if before.endswith(",") else None
        if apposition:
            inner_end = end - 100 + apposition.start() if len(before) > 100 else lo + apposition.start()
            named = self.mentions.ending_at(inner_end + 1, lo)
            if named and not text[named[0].end:inner_end].strip():
                return named[0]
        description = _description_before(before)
        if description:
            start = end - len(description.group())
            return self._description(start, end, description.group("head"))
        name = _NAME_BEFORE.search(before[-80:])
        if name and not _STOP.search(name.group(1)):
            return self._untagged_name(end - len(name.group(1)), end)
        generic = _ANY_DESCRIPTION_BEFORE.search(before[-80:])
        if generic and generic.group("head").lower() not in _NOT_HEADS and not generic.group("head").endswith("ly"):
            return self._description(end - len(generic.group()), end, generic.group("head"))
        return None

    def _apposition_head(self, mention: Mention, lo: int) -> Mention | None:
        """The person an apposition describes: "X, the minister," -> X; "X,
        director of Y and a professor at Z," -> X (the earliest person
        followed by a comma, within one clause)."""
        text = self.text
        best = None
        for earlier in self.mentions.ending_at(mention.start, max(lo, mention.start - 220))[:6]:
            gap = text[earlier.end:mention.start]
            if _LONG_APPOSITION.fullmatch(gap) is None:
                break
            if earlier.label == PERSON and re.match(r"\s*(?:\([^)]{1,20}\))?\s*,", gap):
                best = earlier
        return best

    # -- after the cue: "said X", "according to X" -----------------------------
    def object_after(self, cue_end: int, hi: int) -> Mention | None:
        text = self.text
        hi = min(hi, cue_end + 150)
        for mention in self.mentions.starting_at(cue_end, hi)[:1]:
            gap = text[cue_end:mention.start]
            if not re.search(r"[,.;:!?\n“”\"«»]", gap) and len(gap.split()) <= 3:
                if gap.strip() and _DESCRIPTION_AFTER.match(text, cue_end, mention.start):
                    break  # "said a senior official, X" is read below as a description
                return mention
        description = _DESCRIPTION_AFTER.match(text, cue_end, hi)
        if description:
            start = description.start("det")
            mention = self._description(start, description.end(), description.group("head"))
            after = self.mentions.starting_at(mention.end, hi)
            if after and re.fullmatch(r"\s*,?\s*", text[mention.end:after[0].start]):
                return after[0]  # "said the deputy commander, X"
            return mention
        pronoun = PRONOUN.match(text, cue_end + 1) if text[cue_end:cue_end + 1] == " " else None
        if pronoun:
            return Mention(pronoun.start(), pronoun.end(), "", PRONOUN_FORM, pronoun.group())
        name = _NAME_AFTER.match(text, cue_end, hi)
        if name and name.group(1).split()[0] not in names_lex.FUNCTION_WORDS:
            return self._untagged_name(name.start(1), name.end(1))
        return None

    # -- what a mention stands for ------------------------------------------------
    def _description(self, start: int, end: int, head: str) -> Mention:
        label = ORG if head.lower() in lex.ORG_HEADS else PERSON
        while start < end and self.text[start].isspace():
            start += 1
        return Mention(start, end, label, DESCRIPTION, self.text[start:end])

    def _untagged_name(self, start: int, end: int) -> Mention | None:
        text = self.text
        words = text[start:end].split()
        while words and (words[0] in names_lex.FUNCTION_WORDS or words[0] in names_lex.CALENDAR_WORDS):
            start = text.index(words[0], start) + len(words[0])
            words.pop(0)
        while start < end and not text[start].isalnum():
            start += 1
        if not words or start >= end:
            return None
        organisation = any(w.strip(".") in names_lex.ORG_WORDS or w.isupper() and len(w) > 1 for w in words)
        return Mention(start, end, ORG if organisation else PERSON, NAME, text[start:end])

    def resolve(self, mention: Mention) -> Mention | None:
        """A pronoun's antecedent: the last person before it for he/she, the
        last person or organisation for they; never an organisation for he/she.
        "I" and "we" are the writer's own words: the pronoun is the source."""
        if mention.form != PRONOUN_FORM:
            return mention
        if mention.text.lower() in lex.FIRST_PERSON:
            return mention
        labels = (PERSON,) if mention.text.lower() in lex.PERSON_PRONOUNS else (PERSON, ORG)
        # The only gender the text gives for sure: a title ("Mrs. Clinton" is not "he").
        other = {"he": _FEMALE_TITLES, "him": _FEMALE_TITLES, "she": _MALE_TITLES, "her": _MALE_TITLES}
        return self.mentions.last_before(mention.start, labels, not_titled=other.get(mention.text.lower(), ()))

    def referent(self, description: Mention) -> Mention | None:
        """The name a description stands for where the text makes it clear:
        an apposition ("X, the deputy commander," / "the deputy commander,
        X,") or a definite description of the last mention of its kind
        ("the Britain-based war monitor" after the Syrian Observatory)."""
        text = self.text
        if description.form != DESCRIPTION:
            return None
        before = self.mentions.ending_at(description.start, max(0, description.start - 200))
        if before and re.fullmatch(r"\s*,\s*", text[before[0].end:description.start]) and before[0].label == PERSON:
            return before[0]
        after = self.mentions.starting_at(description.end, description.end + 20)
        if after and re.fullmatch(r"\s*,\s*", text[description.end:after[0].start]):
            return after[0]
        if description.text.split()[0].lower() == "the":
            return self.mentions.last_before(description.start, (description.label,), limit=1500)
        return None
