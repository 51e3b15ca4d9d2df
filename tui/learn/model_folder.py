"""A model folder ``annotty train`` wrote, recognised by its metadata file
and read without importing spaCy, so that ``annotty --model`` can refuse a
wrong folder in one line at once and still start quickly."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import AnnottyError
from . import INSTALL_HINT, MODEL_META


def is_model(path: str | Path) -> bool:
    """Whether ``path`` is a folder ``annotty train`` wrote (read without importing spaCy)."""
    return (Path(path) / MODEL_META).is_file()


def read_meta(path: str | Path) -> dict:
    meta_path = Path(path) / MODEL_META
    if not meta_path.is_file():
        raise AnnottyError(f"not a model annotty train wrote (no {MODEL_META} in it)", path)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise AnnottyError(f"not a model annotty train wrote ({error})", meta_path) from None
    if not isinstance(meta, dict) or meta.get("annotty_model") != 1:
        raise AnnottyError("not a model annotty train wrote (no annotty_model: 1)", meta_path)
    return meta


def check_model(path: str | Path) -> dict:
    """The model's metadata, checked without importing spaCy (quick enough for start-up):
    AnnottyError when ``path`` is not a model or spaCy is not installed."""
    import importlib.util

    if not Path(path).is_dir():
        raise AnnottyError("no such model folder (annotty train --out writes one)", path)
    meta = read_meta(path)
    if importlib.util.find_spec("spacy") is None:
        raise AnnottyError(f"learned suggestions need spaCy: {INSTALL_HINT}")
    return meta
