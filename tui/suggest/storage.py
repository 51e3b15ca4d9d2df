"""Suggestions kept for later review: ``<store>/suggestions/<doc_id>.json``.

A plain JSON list of suggestion dicts (see ``Suggestion.to_dict``), written
atomically and deterministically (sorted keys, one-space indent, final
newline), so a store kept in git diffs cleanly. Each suggestion carries its
``text``: a reader checks ``text[start:end]`` against the article before
using one (``split_stale``), as the article may have changed since.
"""

from __future__ import annotations

from pathlib import Path
from collections.abc import Iterable

from ..atomic import write_atomically
from ..errors import AnnottyError
from ..store.storage import dump_json, read_json_file
from .suggestion import Suggestion

FOLDER = "suggestions"


def suggestions_path(store_root: str | Path, doc_id: str) -> Path:
    return Path(store_root) / FOLDER / f"{doc_id}.json"


def dump_suggestions(suggestions: Iterable[Suggestion]) -> str:
    ordered = sorted(suggestions, key=lambda s: (s.start, -s.end, s.label, s.kind, s.reason))
    return dump_json([s.to_dict() for s in ordered])


def write_suggestions(store_root: str | Path, doc_id: str, suggestions: Iterable[Suggestion]) -> Path:
    path = suggestions_path(store_root, doc_id)
    write_atomically(path, dump_suggestions(suggestions))
    return path


def read_suggestions(store_root: str | Path, doc_id: str) -> list[Suggestion]:
    """The stored suggestions of a document ([] when there are none)."""
    path = suggestions_path(store_root, doc_id)
    if not path.exists():
        return []
    data = read_json_file(path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise AnnottyError("suggestions file must hold a JSON list", path)
    found = []
    for index, item in enumerate(data):
        try:
            found.append(Suggestion.from_dict(item))
        except (KeyError, TypeError, ValueError, IndexError) as error:
            raise AnnottyError(f"suggestion {index + 1} is malformed ({error})", path) from None
    return found


def split_stale(text: str, suggestions: Iterable[Suggestion]) -> tuple[list[Suggestion], list[Suggestion]]:
    """(suggestions whose text still stands at their offsets, the others)."""
    fresh: list[Suggestion] = []
    stale: list[Suggestion] = []
    for suggestion in suggestions:
        ok = (
            0 <= suggestion.start < suggestion.end <= len(text)
            and text[suggestion.start : suggestion.end] == suggestion.text
        )
        (fresh if ok else stale).append(suggestion)
    return fresh, stale
