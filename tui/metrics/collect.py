"""Reading what the metrics need from the store: each annotator's
annotations per document, and the documents' texts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import AnnottyError
from ..model import Annotations
from ..store import Store


@dataclass
class Collected:
    #: annotator -> document id -> annotations (spans that still match the text)
    annotations: dict[str, dict[str, Annotations]] = field(default_factory=dict)
    #: document id -> text
    texts: dict[str, str] = field(default_factory=dict)
    #: spans left out because their text no longer matches the document
    skipped: list[str] = field(default_factory=list)


def open_store(root: str | Path) -> Store:
    root = Path(root)
    if not (root / "annotators").is_dir() and not (root / "documents").is_dir():
        raise AnnottyError("no annotation store here (give --store DIR)", root)
    return Store(root)


def check_annotators(store: Store, names: list[str]) -> None:
    known = set(store.annotators())
    missing = [name for name in names if name not in known]
    if missing:
        raise AnnottyError(f"no annotations by {', '.join(missing)} in this store", store.root)


def collect(store: Store, names: list[str]) -> Collected:
    """Every stored document of each annotator in ``names``."""
    from ..formats.records import ExportReport, iter_records

    check_annotators(store, names)
    out = Collected(annotations={name: {} for name in names})
    report = ExportReport()
    for record in iter_records(store, names, report):
        out.annotations[record.annotator][record.document.id] = record.annotations
        out.texts.setdefault(record.document.id, record.document.text)
    out.skipped = report.skipped
    return out
