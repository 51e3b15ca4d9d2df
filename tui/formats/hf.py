"""Hugging Face token classification: JSON lines, one per sentence::

    {"id": "0", "document": "doc-1", "annotator": "alice",
     "tokens": ["Jane", "Doe", "spoke", "."], "ner_tags": ["B-PERSON", "I-PERSON", "O", "O"]}

``ner_tags`` are BIO strings (so the file needs nothing beside it); the label
list, ``O`` then ``B-``/``I-`` of each label sorted by name (the schema's
entity labels and any other the data holds, so it does not change with what
one export happens to contain), is in the report (``report.labels``; the
command writes it to ``labels.txt`` beside the output), ready for
``datasets.ClassLabel(names=...)`` and ``Dataset.cast_column("ner_tags", ...)``.
``datasets.load_dataset("json", data_files=FILE)`` loads the file as it is.
Tokens and sentences come from ``tokens.py``, as for CoNLL; the entity layer
only, overlapping entities keeping the longest; what is left out (those,
quotes, claims, relations) is counted in the report.
"""

from __future__ import annotations

import json
from typing import IO
from collections.abc import Iterable

from .records import ExportRecord, ExportReport
from .tokens import bio_labels, entity_sentences


def write(records: Iterable[ExportRecord], out: IO[str], report: ExportReport, options: dict | None = None) -> int:
    labels: set[str] = set()
    for record in records:
        for sentence in entity_sentences(record, report, "hf"):
            tags = [token.tag for token in sentence]
            labels.update(tag[2:] for tag in tags if tag != "O")
            line = {
                "id": str(report.written),
                "document": record.document.id,
                "annotator": record.annotator,
                "tokens": [token.text for token in sentence],
                "ner_tags": tags,
            }
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            report.written += 1
    report.labels = bio_labels(labels | set((options or {}).get("entity_labels") or ()))
    return report.written
