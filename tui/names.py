"""The one rule for names that become file names in the store: document ids
and annotator names.

A name holds letters, digits, '.', '_' and '-' only, does not start with a
dot or a dash, and fits in ``MAX_NAME_BYTES`` bytes of UTF-8, so that the
store's longest file name built from it (``.<id>.json.<random>.tmp``,
``<id>.json.corrupt-<time>``) stays under the usual 255-byte limit of file
systems, whatever script the name is written in (a CJK character takes 3).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from itertools import accumulate

from .errors import AnnottyError

MAX_NAME_BYTES = 200
_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)
_NAME = re.compile(r"[\w][\w.\-]*", re.UNICODE)
_HASH_LENGTH = 8
# What safe_name may change in a value (values one a line): another
# character, a dot or dash at either end (``_EDGE``, the values framed by
# line breaks); and a value empty, or long enough to pass MAX_NAME_BYTES.
_OTHER = re.compile(r"[^\w.\-\n]", re.UNICODE)
_OTHER_ASCII = re.compile(r"[^A-Za-z0-9_.\-\n]")  # the same for ASCII text, four times as fast
_EDGE = re.compile(r"(?<=\n)[.\-]|[.\-](?=\n)")
_EDGES = ("\n.", "\n-", ".\n", "-\n")
_SHORTEST_TOO_LONG = MAX_NAME_BYTES // 4 + 1  # characters: 4 bytes at most each in UTF-8


def _utf8_length(name: str) -> int:
    return len(name.encode("utf-8", "surrogatepass"))


def safe_name(value: object, fallback: str) -> str:
    """``value`` made into a name: runs of other characters become '-',
    leading and trailing dots and dashes go, and a name too long is cut
    (at a character) and ends with a short hash of the whole, so that two
    long names that differ only at their ends stay two names."""
    raw = str(value)
    name = _UNSAFE.sub("-", raw).strip("-.")
    if not name:
        return fallback
    if _utf8_length(name) <= MAX_NAME_BYTES:
        return name
    digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_LENGTH]
    kept = name.encode("utf-8")[: MAX_NAME_BYTES - _HASH_LENGTH - 1].decode("utf-8", "ignore").rstrip("-.")
    return f"{kept}-{digest}"


def safe_names(values: list[str], fallback: str) -> list[str]:
    """``[safe_name(value, fallback) for value in values]``, with one search
    of all the values for those it may change (most are names already: an
    archive of 30,000 files is named in milliseconds)."""
    names = list(values)
    for index in may_change(values):
        names[index] = safe_name(names[index], fallback)
    return names


def may_change(values: list[str]) -> set[int]:
    """Where the values are that ``safe_name`` may change (a few more at
    most): the others are names already, and pass ``check_name``."""
    joined = "\n".join(values)
    if joined.count("\n") != max(len(values) - 1, 0):  # a value with a line break in it
        return set(range(len(values)))
    # Each search runs in C over all the values; the rest only where they found something.
    starts = None
    suspects: set[int] = set()
    other = _OTHER_ASCII if joined.isascii() else _OTHER
    for pattern, text, shift in ((other, joined, 0), (_EDGE, f"\n{joined}\n", 1)):
        if pattern is _EDGE and not any(edge in text for edge in _EDGES):
            continue
        for match in pattern.finditer(text):
            starts = starts or list(accumulate(map((1).__add__, map(len, values)), initial=0))
            suspects.add(bisect_right(starts, match.start() - shift) - 1)
    lengths = list(map(len, values))
    if lengths and (min(lengths) == 0 or max(lengths) >= _SHORTEST_TOO_LONG):
        suspects.update(i for i, length in enumerate(lengths) if length == 0 or length >= _SHORTEST_TOO_LONG)
    return suspects


def check_name(name: str, what: str = "annotator") -> str:
    """``name`` unchanged if it is a valid name, else an error saying why."""
    if not _NAME.fullmatch(name or ""):
        raise AnnottyError(f"{what} name {name!r} may hold letters, digits, '.', '_' and '-' only")
    size = _utf8_length(name)
    if size > MAX_NAME_BYTES:
        raise AnnottyError(f"{what} name is too long ({len(name)} characters, {size} bytes in UTF-8; "
                           f"at most {MAX_NAME_BYTES} bytes)")
    return name
