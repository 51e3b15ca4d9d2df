"""What may reach the terminal: the one sanitiser for text that comes from
data (articles, records, store files, file and annotator names).

A terminal obeys some characters instead of drawing them: ESC and the C1
controls start sequences that can set the window title, write the clipboard
(OSC 52) or move the cursor; BEL, BS and CR move or beep; the bidi overrides
and isolates reorder what follows them. Every such character is shown as a
visible placeholder instead, in one of two ways:

- ``same_length``: one code point for one code point, so that offsets into
  the shown text are offsets into the data (the article pane, and Rich text
  whose styled ranges must stay where they are). ESC shows as ``␛``, other
  C0 controls as their control pictures, C1 controls and bidi controls as
  ``\ufffd``; the payload of a sequence stays visible as plain text.
- ``one_line`` and ``lines``: for messages, headers, rows and command
  output, where lengths are free. A whole escape sequence (CSI, OSC, DCS,
  APC, PM, SOS, introduced by ESC or a C1 byte, ended by BEL or ST or not at
  all) shows as one placeholder such as ``⟨OSC⟩``; a C1 or bidi control as
  ``⟨U+202E⟩``; other C0 controls as control pictures (``␛``, ``␇``).
  ``one_line`` also shows line breaks as ``␊``/``␍`` and a tab as a space;
  ``lines`` keeps newlines and tabs.

Sanitising is for display only: offsets in the model never change.
"""

from __future__ import annotations

import re

#: Bidi embeddings, overrides (U+202A-202E) and isolates (U+2066-2069).
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
#: Characters that never reach the terminal as they are (newline and tab aside,
#: which each function decides on).
UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}\u2028\u2029\ud800-\udfff]")

_PICTURES = {chr(code): chr(0x2400 + code) for code in range(32)}  # ␀ … ␟
_PICTURES["\x7f"] = "\u2421"  # ␡

# -- same length ----------------------------------------------------------------
_SAME_LENGTH = dict(_PICTURES)
_SAME_LENGTH.update({"\t": " ", "\u2028": " ", "\u2029": " ", "\x85": " "})
_SAME_LENGTH.update({chr(code): "\ufffd" for code in range(0x80, 0xA0) if code != 0x85})
_SAME_LENGTH.update({chr(code): "\ufffd" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_UNSAFE_BUT_NEWLINE = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}\u2028\u2029\ud800-\udfff]")


def _same_length_of(match: re.Match[str]) -> str:
    return _SAME_LENGTH.get(match.group(), "\ufffd")  # lone surrogates: not encodable


def same_length(text: str, keep_newlines: bool = True) -> str:
    """``text`` safe to draw, code point for code point (``len`` unchanged).
    With ``keep_newlines`` a newline stays (a line break the caller lays
    out); otherwise it shows as ``␊``."""
    unsafe = _UNSAFE_BUT_NEWLINE if keep_newlines else UNSAFE
    if unsafe.search(text) is None:
        return text  # the usual case, and the fastest: a 200 MB article is one scan
    return unsafe.sub(_same_length_of, text)


# -- free length ------------------------------------------------------------------
#: A whole escape sequence, as a terminal would take it. String sequences run
#: to BEL or ST (ESC \ or 0x9c), or, unterminated, to the next ESC, line break or end
#: (so that a broken sequence hides no more than the rest of its line).
_SEQUENCE = re.compile(
    r"(?P<string>(?:\x1b[\]P_^X]|[\x9d\x90\x9f\x9e\x98])[^\x07\x1b\x9c\n\u2028\u2029]*(?:\x07|\x1b\\|\x9c)?)"
    r"|(?P<csi>(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?)"
    r"|(?P<escape>\x1b[\x20-\x2f]*[\x30-\x7e]?)"
    f"|(?P<single>[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}\u2028\u2029\ud800-\udfff])"
)
_STRING_KINDS = {"]": "OSC", "P": "DCS", "_": "APC", "^": "PM", "X": "SOS",
                 "\x9d": "OSC", "\x90": "DCS", "\x9f": "APC", "\x9e": "PM", "\x98": "SOS"}


def _placeholder(match: re.Match[str], keep_layout: bool) -> str:  # noqa: PLR0911  one answer per kind of match
    kind = match.lastgroup
    found = match.group()
    if kind == "string":
        return f"⟨{_STRING_KINDS[found[1] if found[0] == chr(0x1B) else found[0]]}⟩"
    if kind == "csi":
        return "⟨CSI⟩"
    if kind == "escape":
        return "⟨ESC⟩" if len(found) > 1 else "␛"
    if keep_layout and found in "\n\t":
        return found
    if found == "\t":
        return " "
    if found in _PICTURES:
        return _PICTURES[found]
    if found in "\u2028\u2029":
        return " " if not keep_layout else "\n"
    if "\ud800" <= found <= "\udfff":
        return "\ufffd"
    return f"⟨U+{ord(found):04X}⟩"


def one_line(text: str) -> str:
    """``text`` safe to draw on one line: no control, no sequence, no line break."""
    if UNSAFE.search(text) is None:
        return text
    return _SEQUENCE.sub(lambda match: _placeholder(match, keep_layout=False), text)


def lines(text: str) -> str:
    """``text`` safe to draw, its newlines and tabs kept (command output, notes)."""
    if _UNSAFE_BUT_NEWLINE.search(text.replace("\t", " ")) is None:
        return text
    return _SEQUENCE.sub(lambda match: _placeholder(match, keep_layout=True), text)


def is_safe(text: str, keep_newlines: bool = False) -> bool:
    """Whether ``text`` holds nothing a terminal would obey (what the sanitiser promises)."""
    unsafe = _UNSAFE_BUT_NEWLINE if keep_newlines else UNSAFE
    return unsafe.search(text.replace("\t", " ") if keep_newlines else text) is None


def json_escaped(json_text: str) -> str:
    """JSON text with every character a terminal would obey written as a
    ``\\uXXXX`` escape: the same JSON value, safe to print (``json.dumps``
    with ``ensure_ascii=False`` escapes C0 controls but not DEL, C1, bidi
    controls or lone surrogates, which cannot even be encoded)."""
    if UNSAFE.search(json_text) is None:
        return json_text
    return UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", json_text)
