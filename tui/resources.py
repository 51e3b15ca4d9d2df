"""Where the bundled styles and seed articles are, installed or not.

A wheel carries them inside the package (``tui/_bundled``); a source checkout
or an editable install finds them at the top of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource(kind: str, name: str = "") -> Path:
    for base in (_PACKAGE / "_bundled" / kind, _PACKAGE.parent / kind):
        candidate = base / name if name else base
        if candidate.exists():
            return candidate
    return _PACKAGE.parent / kind / name


def seed_articles() -> list[Path]:
    folder = resource("seeds")
    return sorted(p for p in folder.glob("*.txt")) if folder.is_dir() else []
