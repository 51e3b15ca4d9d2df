"""Wire copy as news agencies send it: NewsML-G2 and NITF XML.

Both are IPTC standards. NITF (News Industry Text Format) holds one story:
``head`` (title, ``docdata`` with ``date.issue``) and ``body`` with
``body.head`` (``hedline/hl1``, ``byline``, ``dateline``) and
``body.content`` (``p``, ``hl2`` subheads, ``block``). A NewsML-G2
``newsItem`` (alone, or in a ``newsMessage``) carries its metadata in
``contentMeta`` (``headline``, ``by``, ``dateline``, ``contentCreated``) and
its story in ``contentSet``, as ``inlineXML`` (NITF or XHTML) or
``inlineData`` (plain text).

Parsed with the standard library's expat, refusing any document that
declares entities or a DTD of its own (the "billion laughs" and external
entity attacks need one); a DOCTYPE that only names the standard's DTD, as
NITF files often do, is fine (expat never fetches it).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.parsers import expat

from .article_parts import ArticleParts, clean_line
from .errors import AnnottyError
from .loading import refuse_not_text

#: Elements whose text is a paragraph of the story (local names, any namespace).
_PARAGRAPHS = {"p", "hl2", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre"}
#: Subtrees that are not the story's running text.
_LEFT_OUT = {"media", "table", "script", "style", "figure", "figcaption", "note"}
#: Deeper than any story is marked up; what is read from the tree is walked recursively.
MAX_DEPTH = 200
_COMPACT_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


class _Refused(Exception):
    pass


def read_wire_xml(data: bytes, path: Path | str) -> ArticleParts:
    """The story of a NITF or NewsML-G2 file; an error naming the file otherwise."""
    refuse_not_text(data, path)
    root = _parse(data, path)
    if root.tag == "nitf":
        return _nitf(root)
    item = root if root.tag == "newsItem" else next(root.iter("newsItem"), None)
    if item is not None:
        return _newsml_g2(item, path)
    raise AnnottyError(f"is neither NewsML-G2 nor NITF XML (its root element is <{root.tag}>)", path)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _parse(data: bytes, path: Path | str) -> ET.Element:
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    depth = 0

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise _Refused(f"is nested too deeply (more than {MAX_DEPTH} elements deep)")
        builder.start(_local(name), {_local(key): value for key, value in attributes.items()})

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1
        builder.end(_local(name))

    def doctype(_name: str, _system: str | None, _public: str | None, internal_subset: int) -> None:
        if internal_subset:
            raise _Refused("declares a DTD of its own (refused: entity expansion attacks use one)")

    def entity(*_args: object) -> None:
        raise _Refused("declares entities (refused: entity expansion attacks use them)")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    try:
        parser.Parse(data, True)
        return builder.close()
    except _Refused as refused:
        raise AnnottyError(str(refused), path, parser.CurrentLineNumber) from None
    except expat.ExpatError as error:
        raise AnnottyError(f"is not well-formed XML ({expat.errors.messages[error.code]})", path,
                           error.lineno) from None
    except LookupError as error:  # an encoding Python does not know, declared in <?xml ... ?>
        raise AnnottyError(f"cannot be read ({error})", path) from None
    except (AssertionError, IndexError):  # the tree builder's complaint about a document with no element
        raise AnnottyError("is not well-formed XML (no element)", path) from None


def _text(element: ET.Element | None) -> str:
    return clean_line("".join(element.itertext())) if element is not None else ""


def _child(element: ET.Element | None, *names: str) -> ET.Element | None:
    """The first descendant along ``names`` (each a direct child of the last)."""
    for name in names:
        if element is None:
            return None
        element = element.find(name)
    return element


def _paragraphs(element: ET.Element | None) -> list[str]:
    """The story's paragraphs in document order: the text of each paragraph
    element, subtrees that are not running text left out."""
    found: list[str] = []

    def walk(node: ET.Element) -> None:
        for child in node:
            if child.tag in _LEFT_OUT:
                continue
            if child.tag in _PARAGRAPHS:
                found.append("".join(child.itertext()))
            else:
                walk(child)

    if element is not None:
        walk(element)
    return found


def _iso_date(value: str) -> str:
    """``20241129T170043Z`` or ``2024-11-29T17:00:43Z`` as ``2024-11-29``; else as given."""
    match = _COMPACT_DATE.match(value.strip())
    return "-".join(match.groups()) if match else value.strip()


def _nitf(nitf: ET.Element) -> ArticleParts:
    body_head = _child(nitf, "body", "body.head")
    bylines = body_head.findall("byline") if body_head is not None else []
    names = [_text(person) for byline in bylines for person in byline.iter("person")]
    date = ""
    for candidate in (_child(nitf, "head", "docdata", "date.issue"), _child(body_head, "dateline", "story.date"),
                      _child(nitf, "head", "pubdata")):
        if candidate is not None:
            date = candidate.get("norm") or candidate.get("date.publication") or ""
            if date:
                break
    return ArticleParts(
        headline=_text(_child(body_head, "hedline", "hl1")) or _text(_child(nitf, "head", "title")),
        byline=" and ".join(n for n in names if n) or " and ".join(_text(b) for b in bylines if _text(b)),
        date=_iso_date(date),
        dateline=_text(_child(body_head, "dateline")),
        paragraphs=_paragraphs(_child(nitf, "body", "body.content")),
    )


def _newsml_g2(item: ET.Element, path: Path | str) -> ArticleParts:
    content_meta = item.find("contentMeta")
    item_meta = item.find("itemMeta")
    byline = _text(_child(content_meta, "by"))
    if not byline and content_meta is not None:
        creators = (_text(creator.find("name")) for creator in content_meta.findall("creator"))
        byline = " and ".join(name for name in creators if name)
    date = ""
    for candidate in (_child(content_meta, "contentCreated"), _child(item_meta, "firstCreated"),
                      _child(item_meta, "versionCreated")):
        date = _text(candidate)
        if date:
            break
    parts = ArticleParts(
        headline=_text(_child(content_meta, "headline")),
        byline=byline,
        date=_iso_date(date),
        dateline=_text(_child(content_meta, "dateline")),
    )
    content_set = item.find("contentSet")
    if content_set is None:
        raise AnnottyError("is a NewsML-G2 item without a contentSet (no story text)", path)
    for inline in content_set.iter("inlineXML"):
        story = next(iter(inline), None)
        if story is not None and story.tag == "nitf":
            wrapped = _nitf(story)
            parts.paragraphs = wrapped.paragraphs
            parts.headline = parts.headline or wrapped.headline
            parts.byline = parts.byline or wrapped.byline
            parts.dateline = parts.dateline or wrapped.dateline
        elif story is not None:
            parts.paragraphs = _paragraphs(story.find("body") if story.find("body") is not None else story)
        if parts.paragraphs:
            return parts
    for inline in content_set.iter("inlineData"):
        parts.paragraphs = re.split(r"\n[^\S\n]*\n", "".join(inline.itertext()))
        if any(p.strip() for p in parts.paragraphs):
            return parts
    return parts
