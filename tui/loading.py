"""From bytes on disk to a Document: decoding, newline policy, header recognition.

The text is canonicalised exactly once, here (BOM dropped, CRLF and CR turned
into LF); everything after this works in the offsets of that string.
Header recognition is best effort and never changes the text.
"""

from __future__ import annotations

import os
import re
import stat
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from .article_files import ArticlePaths, walk_folder
from .errors import AnnottyError
from .markdown_text import markdown_as_text
from .model import Document, Field, Original, bytes_sha256
from .names import safe_name
from .resources import resource

#: Articles converted to the text they show (the original is kept in the store).
WEB_PAGE_SUFFIXES = (".html", ".htm")
CONVERTED_SUFFIXES = (*WEB_PAGE_SUFFIXES, ".xml")
ARTICLE_SUFFIXES = (".txt", ".md", *CONVERTED_SUFFIXES)
#: The largest file annotty reads (an article, a file of records, an import).
MAX_INPUT_BYTES = 512 * 2**20
_SNIFF = 8192
_UTF8_BOM = b"\xef\xbb\xbf"
_NOT_SPACE = re.compile(r"\S")
_NOT_SPACE_BYTES = re.compile(rb"\S")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))  # not in a text article


def read_article(path: str | Path, doc_id: str | None = None) -> Document:
    """Load one article file. Raises AnnottyError naming the file on bad input."""
    path = Path(path)
    if path.is_dir():
        raise AnnottyError("is a folder; give an article file (or use it as a corpus)", path)
    data = read_input_file(path)
    suffix = path.suffix.lower()
    if suffix in CONVERTED_SUFFIXES:
        # Here, not at start-up: the web page extractor takes a while to import.
        from .article_parts import read_converted

        return read_converted(data, path, doc_id or document_id(path), source_name(path))
    text, warnings = decode(data, path)
    text = normalise_newlines(text)
    original = None
    if suffix == ".md":
        text = markdown_as_text(text)  # what is stored and shown: offsets refer to it
        original = Original(".md", bytes_sha256(data), str(path))
    if _NOT_SPACE.search(text) is None:
        raise AnnottyError("the article is empty", path)
    document = Document(id=doc_id or document_id(path), text=text, source=source_name(path), warnings=warnings,
                        original=original)
    recognise_header(document)
    return document


def read_input_file(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of an input file, refused with one line (before reading)
    when it is not a regular file (a FIFO would wait for a writer forever,
    ``/dev/zero`` never ends) or is larger than ``limit``."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer before we can look at it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise AnnottyError("no such file", path) from None
    except IsADirectoryError:
        raise AnnottyError("is a folder; give a file", path) from None
    except OSError as error:
        raise AnnottyError(f"cannot read: {error.strerror or error}", path) from None
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(fd)
        if stat.S_ISDIR(status.st_mode):
            raise AnnottyError("is a folder; give a file", path)
        if not stat.S_ISREG(status.st_mode):
            raise AnnottyError(f"is not a regular file (it is a {_file_kind(status.st_mode)}); "
                               "give a file saved on disk", path)
        if status.st_size > limit:
            raise AnnottyError(f"is too large ({status.st_size / 2**20:,.0f} MB; annotty reads files "
                               f"up to {limit // 2**20:,} MB)", path)
        os.set_blocking(fd, True)
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise AnnottyError(f"cannot read: {error.strerror or error}", path) from None
    if len(data) > limit:
        raise AnnottyError(f"is too large (it grew past {limit // 2**20:,} MB while being read)", path)
    return data


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def find_articles(paths: list[str | Path]) -> ArticlePaths:
    """Files given, plus article files found (recursively, sorted) in folders
    given: .txt and .md, and .jsonl files of records (a folder's .json files
    are left alone: they may be a store's)."""
    found: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = walk_folder(path, (*ARTICLE_SUFFIXES, ".jsonl"))
            if not inside:
                raise AnnottyError(f"no articles ({', '.join(ARTICLE_SUFFIXES)}, .jsonl) in this folder", path)
            found.extend(inside)
        elif path.exists():
            found.append(str(path))
        else:
            raise AnnottyError("no such file or folder", path)
    return ArticlePaths(found)


def source_name(path: Path) -> str:
    """How the article's file is recorded: relative to the working folder when
    inside it, ``seeds/NAME`` for the bundled sample, ``tutorial/NAME`` for
    the tutorial's (never where the package happens to be installed), else as given."""
    resolved = path.resolve()
    package = _package_folder()
    if resolved.is_relative_to(package):
        return resolved.relative_to(package).as_posix()
    try:
        return resolved.relative_to(_resolved(os.getcwd())).as_posix()
    except ValueError:
        pass
    if resolved.parent == _seeds_folder():
        return f"seeds/{path.name}"
    return str(path)


# Where the package and its sample are does not change while it runs: found
# once, not for each of an archive's articles.
@lru_cache(maxsize=1)
def _package_folder() -> Path:
    return Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def _seeds_folder() -> Path:
    return resource("seeds").resolve()


@lru_cache(maxsize=8)
def _resolved(folder: str) -> Path:
    """The working folder, resolved (once per folder: a run may change it)."""
    return Path(folder).resolve()


def document_id(path: Path) -> str:
    """The store key of an article: its file name without suffix, made safe
    for a file name. It does not depend on the working directory."""
    return safe_name(path.stem, "article")


def refuse_not_text(data: bytes, path: Path | str) -> None:
    """AnnottyError when ``data`` is empty or looks like a binary file (text
    with a UTF-16 mark is text)."""
    if _NOT_SPACE_BYTES.search(data) is None:
        raise AnnottyError("the article is empty", path)
    if data[:2] not in _UTF16_BOMS and _looks_binary(data[:_SNIFF]):
        raise AnnottyError("looks like a binary file, not a text article", path)


def decode(data: bytes, path: Path) -> tuple[str, list[str]]:
    refuse_not_text(data, path)
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
    elif data[:2] in _UTF16_BOMS:
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as error:
            raise AnnottyError(f"has a UTF-16 mark but is not valid UTF-16 ({error.reason})", path) from None
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise AnnottyError(
                "is neither UTF-8 nor cp1252 text; convert it to UTF-8", path, line
            ) from None
        return text, [f"{path}:{line}: not valid UTF-8; read as cp1252 (Windows Latin-1)"]


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # counted in C, not byte by byte
    return controls > max(4, len(sample) // 20)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------------------
# Header recognition


_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")
_DATE_PREFIX = re.compile(r"\s*(?:date|dated|published)\s*[:\-]?\s+", re.IGNORECASE)
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z'’.\-]*(?:[ ][A-Z][A-Z'’.\-]*)*"  # BEIRUT, NEW YORK, ST. LOUIS
    r"(?:,[ ][^\n,–—]{2,30}?)?"  # , Syria  / , March 3
    r"(?:[ ]\([^)\n]{1,30}\))?)"  # (Reuters)
    r"[ ]?(?:-{1,2}|–|—)[ ]"
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_CAPTION_CREDIT = re.compile(r"\|\s*[^|\n]{2,40}$")


def paragraphs(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each paragraph (runs of non-blank lines, stripped),
    the first ``limit`` of them if given."""
    spans: list[tuple[int, int]] = []
    for match in _PARAGRAPH.finditer(text):
        if limit is not None and len(spans) >= limit:
            break
        start, end = match.span()
        chunk = text[start:end]
        stripped_left = len(chunk) - len(chunk.lstrip())
        stripped_right = len(chunk) - len(chunk.rstrip())
        if end - stripped_right > start + stripped_left:
            spans.append((start + stripped_left, end - stripped_right))
    return spans


def parse_date(value: str) -> str | None:
    """ISO date of ``value`` if it is a full date with a year, else None."""
    value = value.strip()
    if not value or len(value) > 40 or not _YEAR.search(value):
        return None
    if _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            return None
    # dateutil takes a while to import: only for dates that are not ISO.
    from dateutil import parser as date_parser

    try:
        parsed = date_parser.parse(value, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None
    return parsed.date().isoformat()


def _leading_date(text: str) -> tuple[str, int] | None:
    """A date at the start of ``text`` (after an optional 'date' word): the ISO
    date and where the date ends, trying the longest few words first."""
    prefix = _DATE_PREFIX.match(text)
    if not prefix:
        return None
    words = list(re.finditer(r"\S+", text[prefix.end():prefix.end() + 60]))
    if words and _ISO_DATE.fullmatch(words[0].group()):
        iso = parse_date(words[0].group())  # the common, cheap case: no dateutil needed
        if iso:
            return iso, prefix.end() + words[0].end()
    for count in range(min(4, len(words)), 0, -1):
        end = prefix.end() + words[count - 1].end()
        iso = parse_date(text[prefix.end():end])
        if iso:
            return iso, end
    return None


def _is_short_line(value: str, limit: int) -> bool:
    return "\n" not in value and len(value) <= limit


_BYLINE_START = re.compile(r"(by|von|por|par|door|di)\s", re.IGNORECASE)


def _header_lines(text: str, block: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``block`` (the headline's paragraph, or none): a paragraph of a few
    short lines whose second is a byline or a date, split into its lines;
    any other paragraph as it is (a body paragraph wrapped by hand keeps
    together)."""
    if not block:
        return block
    [(start, end)] = block
    lines, position = [], start
    for line in text[start:end].split("\n"):
        if line.strip():
            lines.append((position, position + len(line.rstrip())))
        position += len(line) + 1
    if not 2 <= len(lines) <= 4 or not all(_is_short_line(text[s:e], 200) for s, e in lines):
        return [(start, end)]
    second = text[lines[1][0]:lines[1][1]].strip()
    if _BYLINE_START.match(second) or parse_date(second):
        return lines
    return [(start, end)]


def recognise_header(document: Document) -> None:
    """Fill ``document.meta`` (headline, byline, dateline, caption) and
    ``document.date`` from the first paragraphs. Never touches the text."""
    text = document.text
    meta = document.meta
    blocks = paragraphs(text, limit=8)
    index = 0

    def field(start: int, end: int) -> Field:
        return Field(start, end, text[start:end])

    # A leading 'date 2019-02-08 ...' line, possibly carrying a photo caption.
    if index < len(blocks):
        start, end = blocks[index]
        found = _leading_date(text[start:end])
        if found:
            document.date, date_end = found
            rest = start + date_end
            while rest < end and text[rest].isspace():
                rest += 1
            if rest < end:
                meta["caption"] = field(rest, end)
            index += 1

    # An explicit caption paragraph ("Photo: ...", or ending in "| CREDIT").
    while index < len(blocks):
        start, end = blocks[index]
        value = text[start:end]
        if re.match(r"(photo|caption|image)\s*:", value, re.IGNORECASE) or (
            len(value) > 80 and _CAPTION_CREDIT.search(value) and "caption" not in meta
        ):
            meta.setdefault("caption", field(start, end))
            index += 1
            continue
        break

    # "Headline\nBy Jane Doe" (or a date line) with no blank line between:
    # the paragraph's lines are read as the header's lines.
    blocks[index:index + 1] = _header_lines(text, blocks[index:index + 1])

    # The headline: the first short single-line paragraph.
    if index < len(blocks):
        start, end = blocks[index]
        value = text[start:end]
        if value.startswith("#"):
            hashes = len(value) - len(value.lstrip("#"))
            start += hashes
            while start < end and text[start] == " ":
                start += 1
            value = text[start:end]
        is_last = index == len(blocks) - 1
        reads_like_sentence = value.endswith(".") and not value.endswith("..")
        if _is_short_line(value, 200) and not _DATELINE.match(value) and start < end and not (
            is_last or reads_like_sentence
        ):
            meta["headline"] = field(start, end)
            index += 1

    # Byline and date lines between the headline and the body.
    while index < len(blocks):
        start, end = blocks[index]
        value = text[start:end]
        if not _is_short_line(value, 80) or _DATELINE.match(value) or value.rstrip()[-1:] in ".?!:\"”":
            break
        iso = parse_date(value) or (_leading_date(value) or (None,))[0]
        if iso and not document.date:
            document.date = iso
        elif "byline" not in meta:
            byline_start = start + (3 if value.lower().startswith("by ") else 0)
            meta["byline"] = field(byline_start, end)
        else:
            break
        index += 1

    if index < len(blocks):
        dateline = dateline_field(text, *blocks[index])
        if dateline is not None:
            meta["dateline"] = dateline


def dateline_field(text: str, start: int, end: int) -> Field | None:
    """The dateline opening the paragraph ``text[start:end]`` ("BEIRUT - ",
    "LONDON, March 3 (Reuters) — "): its place, or None."""
    match = _DATELINE.match(text, start, end)
    if match and any(c.isupper() for c in match.group("place")[:3]):
        place_start, place_end = match.span("place")
        return Field(place_start, place_end, text[place_start:place_end])
    return None
