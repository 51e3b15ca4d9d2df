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

from .errors import AnnottyError

MAX_NAME_BYTES = 200
_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)
_NAME = re.compile(r"[\w][\w.\-]*", re.UNICODE)
_HASH_LENGTH = 8


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


def check_name(name: str, what: str = "annotator") -> str:
    """``name`` unchanged if it is a valid name, else an error saying why."""
    if not _NAME.fullmatch(name or ""):
        raise AnnottyError(f"{what} name {name!r} may hold letters, digits, '.', '_' and '-' only")
    size = _utf8_length(name)
    if size > MAX_NAME_BYTES:
        raise AnnottyError(f"{what} name is too long ({len(name)} characters, {size} bytes in UTF-8; "
                           f"at most {MAX_NAME_BYTES} bytes)")
    return name
