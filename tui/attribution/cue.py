"""How a quote or a claim records its cue (the words that attribute it).

A cue is stored in the span's attributes as
``attrs["cue"] = {"start": int, "end": int, "text": str}``: offsets into the
document text (code points, end exclusive) and the text they cover, so that
``text == document_text[start:end]``. Keeping the text beside the offsets lets
an export be read without the article and lets a reader detect a cue that no
longer matches its text.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.errors import AnnottyError

CUE = "cue"
#: ``attrs["source"]`` of a quote or claim whose cue names no one in the text.
ANONYMOUS = "anonymous"


class CueError(AnnottyError):
    """A recorded cue that does not describe a piece of the text."""


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    text: str

    def as_attr(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


def cue_of(document_text: str, start: int, end: int) -> Cue:
    """The cue over ``document_text[start:end]``, checked against the text."""
    if not (type(start) is int and type(end) is int and 0 <= start < end <= len(document_text)):
        raise CueError(f"cue {start}:{end} is empty or outside the text (length {len(document_text)})")
    return Cue(start, end, document_text[start:end])


def write_cue(attrs: dict, document_text: str, start: int, end: int) -> dict:
    """``attrs`` with the cue ``document_text[start:end]`` recorded (a new dict)."""
    return {**attrs, CUE: cue_of(document_text, start, end).as_attr()}


def read_cue(attrs: dict, document_text: str | None = None) -> Cue | None:
    """The cue recorded in ``attrs``, or None when there is none.

    A malformed record raises :class:`CueError`; with ``document_text`` the
    offsets must also still cover the recorded text.
    """
    raw = attrs.get(CUE)
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise CueError(f"cue must be an object with start, end and text, not {raw!r}")
    start, end, text = raw.get("start"), raw.get("end"), raw.get("text")
    if not (type(start) is int and type(end) is int and isinstance(text, str) and 0 <= start < end):
        raise CueError(f"cue {raw!r} needs integer start < end and its text")
    if document_text is not None and document_text[start:end] != text:
        raise CueError(f"cue {start}:{end} reads {document_text[start:end]!r}, not {text!r}")
    return Cue(start, end, text)


def attribution_attrs(attribution, attrs: dict) -> dict:
    """``attrs`` of a quote or claim with what the engine found: its cue,
    and ``source = "anonymous"`` when the cue names no one in the text."""
    attrs = dict(attrs)
    if attribution.cue is not None:
        attrs[CUE] = attribution.cue.as_attr()
    if attribution.anonymous:
        attrs["source"] = ANONYMOUS
    return attrs
