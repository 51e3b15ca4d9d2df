"""The files articles were converted from, kept beside their texts.

A web page, a wire XML file or a Markdown article is shown (and stored) as
plain text; the file it came from is kept as ``originals/<doc id>.<ext>``,
written atomically, once. When the article's file changes, the original
before it is kept under its sha256 (``originals/<doc id>.<sha>.<ext>``, as
the previous texts are) before the new one takes the name: nothing is
overwritten by a different file.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..atomic import atomic_writer, read_no_follow, refuse_link
from ..errors import AnnottyError
from ..model import Document, bytes_sha256

ORIGINALS = "originals"
_WEB_ADDRESS = re.compile(r"https?://", re.IGNORECASE)


def is_web_address(source: str) -> bool:
    """Whether an article's source is the address of a page fetched from the web."""
    return _WEB_ADDRESS.match(source) is not None


def original_path(root: Path, doc_id: str, suffix: str) -> Path:
    return root / ORIGINALS / f"{doc_id}{suffix}"


def keep_original(root: Path, document: Document, stored: dict | None) -> dict:
    """Write the document's original into the store unless it is there
    already; the record's keys that say where it is ({} when its file has
    changed since the text was read: the next opening keeps it)."""
    original = document.original
    if original is None:
        return {}
    target = original_path(root, document.id, original.suffix)
    record = {"original": f"{ORIGINALS}/{target.name}", "original_sha256": original.sha256}
    refuse_link(target.parent)
    refuse_link(target)
    if stored and stored.get("original_sha256") == original.sha256 and target.is_file():
        return record
    data = original.data if original.data is not None else _read(Path(original.path))
    if data is None or bytes_sha256(data) != original.sha256:
        return {}
    if target.exists():
        existing = read_no_follow(target)
        if bytes_sha256(existing) == original.sha256:
            return record
        previous = target.with_name(f"{document.id}.{bytes_sha256(existing)[:12]}{original.suffix}")
        if not previous.exists():
            with atomic_writer(previous, binary=True) as handle:
                handle.write(existing)
    with atomic_writer(target, binary=True) as handle:
        handle.write(data)
    return record


def _read(path: Path) -> bytes | None:
    from ..loading import read_input_file

    try:
        return read_input_file(path)
    except AnnottyError:
        return None  # gone or changed since it was read: kept when next opened
