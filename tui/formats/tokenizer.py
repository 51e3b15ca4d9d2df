"""The one tokenizer of the token-based formats (conll, hf, and the word
edges the suggester learns from them).

spaCy's English tokenizer (``spacy.blank("en")``: rules only, no model to
download) when spaCy is installed, adjusted in two ways: a hyphen between
letters stays inside its word (``co-op``, ``well-known``, ``COVID-19``), and
the abbreviations in ``ABBREVIATIONS`` keep their full stop (``Maj.``,
``Feb.``). Without spaCy, ``rule_tokens`` follows the same rules: numbers
(``99.5``, ``37,000``), abbreviations and initials (``U.S.``, ``J.``), URLs
and e-mail addresses are one token; ``'s`` and ``n't`` are split off as
spaCy does; other punctuation is a token of its own.

Either way, a token is then extended over what the reader sees as part of
its last character: combining marks, variation selectors, zero-width joiners
and what they join, skin-tone modifiers, tag characters, and the second
regional indicator of a flag (``🇸🇾``). Tokens are ``(start, end)`` offsets
into the text and never hold a space.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import pairwise

#: Abbreviations whose full stop belongs to the word (spaCy knows most of them; both tokenizers use this list).
_ABBREVIATION_WORDS = (
    "Mr Mrs Ms Dr Prof St Jr Sr Gen Maj Col Lt Sgt Capt Adm Cmdr Sen Rep Gov Pres Rev Hon "
    "Inc Ltd Co Corp Bros No Fig Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec "
    "Mt Ft Ave Blvd vs etc "
    # US states as newspapers abbreviate them (spaCy knows these too)
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev "
    "Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo"
)
ABBREVIATIONS = tuple(_ABBREVIATION_WORDS.split())
ZWJ = "\u200d"

_URL = r"(?:https?://|www\.)\S+?(?=[.,;:!?)\]}'\"»”’]*(?:\s|$))"
_EMAIL = r"[\w.+-]+@\w[\w-]*(?:\.[\w-]+)+?(?=[.,;:!?)\]}'\"»”’]*(?:\s|$))"
_NUMBER = r"\d+(?:[.,/:]\d+)+"  # 99.5, 37,000, 9/11, 1:30
_ABBREVIATION = r"(?:[A-Za-z]\.){2,}|(?:" + "|".join(ABBREVIATIONS) + r")\.(?!\w)|[A-Za-z]\.(?!\w)"
_CLITIC = r"[nN][’']t|[’'](?:s|S|m|M|re|ll|ve|d|D)"
#: What spaCy splits off the end of a word: "n't", "'s", "'m"...
CLITIC = re.compile(_CLITIC)
_HYPHEN = r"(?:(?<!\d)-|-(?!\d))"  # spaCy splits a hyphen between two digits: 1990-91
_W = r"[^\W_]"  # a letter or digit: spaCy splits "_" off like punctuation
_WORD = rf"{_W}+?(?:{_HYPHEN}{_W}+?)*(?={_CLITIC}(?!\w))|[Cc]an(?=not(?!\w))|{_W}+(?:(?:{_HYPHEN}|['’]){_W}+)*"
_PUNCTUATION_RUN = r"''|--+|\.{2,}"
RULE_TOKEN = re.compile(
    rf"{_URL}|{_EMAIL}|{_NUMBER}(?!\w)|(?<!\w)(?:{_ABBREVIATION})|{_CLITIC}(?!\w)|{_WORD}|{_PUNCTUATION_RUN}|\S")


def rule_tokens(text: str) -> list[tuple[int, int]]:
    """spaCy's tokens, as far as these rules follow them, without spaCy."""
    return [match.span() for match in RULE_TOKEN.finditer(text)]


@cache
def _spacy_tokenizer():
    try:
        import spacy
        from spacy.symbols import ORTH
        from spacy.tokenizer import Tokenizer
        from spacy.util import compile_infix_regex
    except ImportError:
        return None
    nlp = spacy.blank("en")
    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer)  # a blank pipeline's, typed as any callable
    # The infix that splits a hyphen between letters: "co-op" stays whole.
    infixes = [pattern for pattern in nlp.Defaults.infixes or () if not re.search(pattern, "co-op")]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    for abbreviation in ABBREVIATIONS:
        tokenizer.add_special_case(abbreviation + ".", [{ORTH: abbreviation + "."}])
    return tokenizer


def spacy_available() -> bool:
    return _spacy_tokenizer() is not None


def spacy_tokens(text: str) -> list[tuple[int, int]]:
    """spaCy's tokens, without the ones that are only white space (spaCy
    keeps a second space, a tab or a line break as a token)."""
    spans = []
    for token in _spacy_tokenizer()(text):
        start = token.idx
        for part in re.finditer(r"\S+", token.text):
            spans.append((start + part.start(), start + part.end()))
    return spans


def _is_regional(char: str) -> bool:
    return "\U0001f1e6" <= char <= "\U0001f1ff"


def _joined(text: str, index: int) -> bool:
    """Whether the character at ``index`` is part of the one before it, as
    the reader sees them."""
    char, before = text[index], text[index - 1]
    if ZWJ in (char, before) or unicodedata.category(char).startswith("M"):
        return True
    if "\U0001f3fb" <= char <= "\U0001f3ff" or "\U000e0020" <= char <= "\U000e007f":
        return True  # skin tone, or a tag of a subdivision flag
    if _is_regional(char):
        regional = 0  # a flag is two indicators: join only to an unpaired one
        while index - 1 - regional >= 0 and _is_regional(text[index - 1 - regional]):
            regional += 1
        return regional % 2 == 1
    return False


def tokenize(text: str, cuts=(), use_spacy: bool | None = None) -> list[tuple[int, int]]:
    """(start, end) of every token of ``text``, also cut at ``cuts``; spaCy's
    tokenizer when installed (``use_spacy=None``) or as asked."""
    if use_spacy is None:
        use_spacy = spacy_available()
    raw = spacy_tokens(text) if use_spacy else rule_tokens(text)
    tokens: list[list[int]] = []
    for start, end in raw:
        if tokens and tokens[-1][1] == start and _joined(text, start):
            joined_end = start + 1
            while joined_end < end and _joined(text, joined_end):
                joined_end += 1
            tokens[-1][1] = joined_end
            if joined_end < end:  # spaCy's "🏽." : the modifier joins the emoji, the full stop stays apart
                tokens.append([joined_end, end])
        else:
            tokens.append([start, end])
    cut_points = sorted(set(cuts))
    if not cut_points:
        return [(s, e) for s, e in tokens]
    result: list[tuple[int, int]] = []
    for start, end in tokens:
        edges = [start, *(c for c in cut_points if start < c < end), end]
        result.extend(pairwise(edges))
    return result
