"""Units of text for selecting and snapping: words, snapping rules, find.

All functions take and return code-point offsets into the document text.
"""

from __future__ import annotations

import re
import unicodedata

from .folding import find_forgiving

#: Characters that open or close a quotation, straight and typographic.
QUOTE_MARKS = "\"'“”‘’«»„‟‹›「」『』"
_TRIM_ALWAYS = ",;:"
#: Dashes left off an entity's ends ("PORTVALE -" of a dateline is the place, not the dash).
_ENTITY_TRIM = "-‐‑‒–—―"
_JOINERS = {"\u200d", "\u200c"}  # zero-width (non-)joiner inside emoji and Indic words


# Scripts written without spaces between words (Han, kana, Thai, Lao, Khmer,
# Myanmar): each character counts as a word of its own for snapping, since
# there is no space to tell where a word ends.
_UNSPACED = (
    (0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x3040, 0x30FF),
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF),
)


def is_unspaced(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _UNSPACED)


def joins(left: str, right: str) -> bool:
    """Whether two neighbouring characters belong to the same word."""
    return is_word_char(left) and is_word_char(right) and not (is_unspaced(left) or is_unspaced(right))


def is_word_char(char: str) -> bool:
    """Letters, digits, marks, '_' and emoji parts: what a word is made of,
    in any script (CJK, Arabic, Hebrew, combining accents, ZWJ emoji)."""
    if char == "_" or char in _JOINERS:
        return True
    category = unicodedata.category(char)
    if category[0] in "LNM":
        return True
    # Emoji (So), their skin-tone modifiers (Sk) and variation selectors (Mn, above).
    return category in ("So", "Sk")


def word_at(text: str, offset: int) -> tuple[int, int] | None:
    """The word containing ``offset`` (or ending just before it), if any."""
    if 0 <= offset < len(text) and is_word_char(text[offset]):
        pass
    elif 0 < offset <= len(text) and is_word_char(text[offset - 1]):
        offset -= 1
    else:
        return None
    start = offset
    while start > 0 and joins(text[start - 1], text[start]):
        start -= 1
    end = offset + 1
    while end < len(text) and joins(text[end - 1], text[end]):
        end += 1
    return start, end


def next_word_start(text: str, offset: int) -> int:
    """Where the next word starts after ``offset`` (or the end of the text)."""
    n = len(text)
    i = offset
    while i < n and is_word_char(text[i]):
        i += 1
    while i < n and not is_word_char(text[i]):
        i += 1
    return i


def previous_word_start(text: str, offset: int) -> int:
    """Where the word before ``offset`` starts (or 0)."""
    i = offset
    while i > 0 and not is_word_char(text[i - 1]):
        i -= 1
    while i > 0 and is_word_char(text[i - 1]):
        i -= 1
    return i


def word_end_after(text: str, offset: int) -> int:
    """The end of the word at or after ``offset``: the target of ctrl+shift+right."""
    n = len(text)
    i = offset
    while i < n and not is_word_char(text[i]):
        i += 1
    while i < n and is_word_char(text[i]):
        i += 1
    return i


def _is_abbreviation(text: str, start: int, dot: int) -> bool:
    """Whether the '.' at ``dot`` ends an abbreviation (U.S., Gen., Jr.)."""
    word_start = dot
    while word_start > start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot]
    return "." in word or (len(word) <= 3 and word[:1].isupper())


def snap(text: str, start: int, end: int, kind: str = "entity", mode: str = "word") -> tuple[int, int]:
    """A clean span from a sloppy selection.

    With ``mode="word"``: ends inside a word move outward to the word's
    edges, then surrounding spaces, ``, ; :`` and quotation marks are left
    out, and for entities dashes and a final full stop that does not end an
    abbreviation. With ``mode="off"`` the selection is kept exactly.
    """
    if start > end:
        start, end = end, start
    start, end = max(0, start), min(len(text), end)
    if mode == "off":
        return start, end
    if start < end:
        if 0 < start < len(text) and joins(text[start - 1], text[start]):
            start = word_at(text, start)[0]  # type: ignore[index]
        if 0 < end < len(text) and joins(text[end - 1], text[end]):
            end = word_at(text, end - 1)[1]  # type: ignore[index]
    trim = _TRIM_ALWAYS + QUOTE_MARKS + (_ENTITY_TRIM if kind == "entity" else "")
    changed = True
    while changed and start < end:
        changed = False
        while start < end and (text[start].isspace() or text[start] in trim):
            start += 1
            changed = True
        while start < end and (text[end - 1].isspace() or text[end - 1] in trim):
            end -= 1
            changed = True
        if kind == "entity" and start < end and text[end - 1] == "." and not _is_abbreviation(text, start, end - 1):
            end -= 1
            changed = True
    return start, end


def whole_word_matches(text: str, phrase: str) -> list[tuple[int, int]]:
    """Every place ``phrase`` stands in ``text`` as whole words (case kept)."""
    if not phrase:
        return []
    found = []
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        if not joins(before, phrase[0]) and not joins(phrase[-1], after):
            found.append((start, end))
        start = text.find(phrase, start + 1)
    return found


def is_direct_quote(text: str, start: int, end: int) -> bool:
    """A quote is direct when quotation marks stand at (or just around) its edges."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    first = text[start] if start < len(text) else ""
    last = text[end - 1] if end > 0 else ""
    return any(c and c in QUOTE_MARKS for c in (before, after, first, last))


def find(text: str, query: str, offset: int, backwards: bool = False) -> tuple[int, int] | None:
    """The next match of ``query`` after ``offset`` (or before it, backwards),
    forgiving case, accents, apostrophe, quote and dash styles (see
    ``folding``) and treating any run of spaces or newlines as one; wraps
    around the end of the text. The match is the original characters."""
    return find_forgiving(text, query, offset, backwards)


def paragraph_of(text: str, offset: int) -> tuple[int, int]:
    """The paragraph (text between blank lines) around ``offset``."""
    start = text.rfind("\n\n", 0, offset)
    start = 0 if start < 0 else start + 2
    end = text.find("\n\n", offset)
    return start, len(text) if end < 0 else end


_SENTENCE_END = re.compile(r"[.!?…]+[”’\"')\]]*(?=\s|$)|\n\s*\n")
_OPENERS = {"“": "”", "«": "»", "‹": "›", "「": "」", "『": "』", "„": "“”", "‘": "’"}
_CLOSERS = "”»›」』"


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """The sentence around ``offset``: from after the previous sentence end
    (or paragraph start) to its own end mark, spaces left out. Abbreviations
    such as "Gen." or "U.S." do not end a sentence."""
    para_start, para_end = paragraph_of(text, offset)
    start = para_start
    end = para_end
    for match in _SENTENCE_END.finditer(text, para_start, para_end):
        if match.group().startswith(".") and _is_abbreviation(text, para_start, match.start()):
            continue
        if match.end() < offset:
            start = match.end()
        else:
            end = match.end()
            break
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def quotation_at(text: str, offset: int) -> tuple[int, int] | None:
    """The words inside the quotation marks around ``offset``, marks left
    out, or None when the caret is not inside a quotation. A quotation that
    is not closed ends with its paragraph."""
    para_start, para_end = paragraph_of(text, offset)
    opening = None
    i = offset
    while i > para_start:
        i -= 1
        char = text[i]
        if char in _CLOSERS:
            return None  # the nearest mark closes a quotation: the caret is outside it
        if char in _OPENERS or (char == '"' and text.count('"', para_start, i) % 2 == 0):
            opening = i
            break
    if opening is None:
        return None
    closers = _OPENERS.get(text[opening], '"')
    end = opening + 1
    while end < para_end and text[end] not in closers:
        end += 1
    start = opening + 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end and start <= offset <= end else None
