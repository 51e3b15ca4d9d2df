"""Articles that arrive as web pages or wire XML, made into the text annotty shows.

A reader (``web_page``, ``wire_xml``) finds the parts of the article:
headline, byline, date, dateline, body paragraphs, where it was published.
They are written out here as one plain text, the header lines first::

    Headline
    By Jane Doe
    2024-03-05

    BEIRUT — First paragraph...

    Second paragraph...

That text is what is stored and shown: the header fields point into it
(exact offsets), and the original file is kept beside it in the store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import AnnottyError
from .folding import fold
from .loading import WEB_PAGE_SUFFIXES, dateline_field, normalise_newlines, parse_date
from .model import Document, Field, Original, bytes_sha256

_SPACES = re.compile(r"[^\S\n]+")
_BY = re.compile(r"by\s+", re.IGNORECASE)


@dataclass
class ArticleParts:
    """What a reader found in a web page or a wire item (plain strings)."""

    headline: str = ""
    byline: str = ""  # the names, without "By"
    date: str = ""  # as written, or ISO
    dateline: str = ""  # "BEIRUT", "LONDON, March 3"
    paragraphs: list[str] = field(default_factory=list)
    url: str = ""


def clean_line(value: str) -> str:
    """One line: runs of spaces and line breaks made one space, ends stripped."""
    return " ".join(normalise_newlines(value).split())


def clean_paragraph(value: str) -> str:
    """A paragraph's lines with their spaces folded; blank lines dropped."""
    lines = (_SPACES.sub(" ", line).strip() for line in normalise_newlines(value).split("\n"))
    return "\n".join(line for line in lines if line)


def compose(parts: ArticleParts, doc_id: str, source: str, path: Path | str) -> Document:
    """The Document the parts make: their text, and header fields that point into it."""
    pieces: list[str] = []
    meta: dict[str, Field] = {}
    length = 0

    def put(value: str, separator: str) -> tuple[int, int]:
        nonlocal length
        if pieces:
            pieces.append(separator)
            length += len(separator)
        start = length
        pieces.append(value)
        length += len(value)
        return start, length

    headline = clean_line(parts.headline)
    if headline:
        start, end = put(headline, "\n")
        meta["headline"] = Field(start, end, headline)
    byline = clean_line(parts.byline)
    leading_by = _BY.match(byline)
    if leading_by:
        byline = byline[leading_by.end():]
    if byline:
        start, end = put(f"By {byline}", "\n")
        meta["byline"] = Field(start + 3, end, byline)
    date = clean_line(parts.date)
    if date:
        put(date, "\n")
    paragraphs = [p for p in (clean_paragraph(p) for p in parts.paragraphs) if p]
    if headline and paragraphs and fold(clean_line(paragraphs[0])) == fold(headline):
        paragraphs = paragraphs[1:]  # the page's own heading, already the headline
    if not paragraphs:
        raise AnnottyError("no article text found in it", path)
    dateline = clean_line(parts.dateline)
    if dateline and not paragraphs[0].startswith(dateline):
        paragraphs[0] = f"{dateline} — {paragraphs[0]}"  # the wire's dateline, as it opens the story in print
    for number, paragraph in enumerate(paragraphs):
        start, end = put(paragraph, "\n\n")
        if number == 0 and dateline:
            meta["dateline"] = Field(start, start + len(dateline), dateline)
        elif number == 0:
            found = dateline_field("".join(pieces), start, end)  # "ABERDEEN - " opening a web page's story
            if found is not None:
                meta["dateline"] = found
    text = "".join(pieces)
    return Document(id=doc_id, text=text, source=source, meta=meta, date=parse_date(date) if date else None,
                    url=parts.url.strip())


def read_converted(data: bytes, path: Path | str, doc_id: str, source: str, *, fetched_from: str = "",
                   suffix: str = "") -> Document:
    """A web page (.html, .htm) or a wire item (.xml) as the Document it shows.
    ``fetched_from``: the address a page was fetched from (then ``path`` is
    that address, named in errors; ``suffix`` says what it is; its bytes are
    kept with the Document, there being no file to read them again from)."""
    suffix = suffix or Path(path).suffix.lower()
    if suffix in WEB_PAGE_SUFFIXES:
        from .web_page import read_web_page

        parts = read_web_page(data, path, fetched_from)
    else:
        from .wire_xml import read_wire_xml

        parts = read_wire_xml(data, path)
    document = compose(parts, doc_id, source, path)
    kept_from = "" if fetched_from else str(path)
    document.original = Original(suffix, bytes_sha256(data), kept_from, data if fetched_from else None)
    return document
