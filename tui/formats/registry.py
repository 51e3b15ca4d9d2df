"""Every export and import format by name, with one signature each.

Exporters: ``write(records, out, report, options) -> int`` where ``records``
is an iterable of ``ExportRecord``, ``report`` an ``ExportReport`` the
exporter fills, ``options`` a dict (``lang`` for spaCy), and ``out``:

* target ``"stream"``: a text handle (a file written atomically, or stdout);
* target ``"file"``: the path of a (binary) file the exporter writes atomically;
* target ``"folder"``: the path of a folder the exporter writes atomically.

The return value is what the format counts as written (lines, tasks, files).

Importers: ``read(path, context) -> Iterator[Imported]`` yielding one checked
document (and its annotations) at a time, or raising ``AnnottyError`` with
the file and line; ``context`` is an ``ImportContext`` (report, schema kinds).
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable

from . import brat, conll, doccano, hf, jsonl, label_studio, spacy_docbin, w3c


@dataclass(frozen=True)
class Exporter:
    name: str
    write: Callable
    target: str  # "stream", "file" or "folder"
    help: str


@dataclass(frozen=True)
class Importer:
    name: str
    read: Callable
    help: str


def _jsonl(records, out, report, options=None) -> int:
    report.written = jsonl.write_jsonl(records, out)
    return report.written


EXPORTERS: dict[str, Exporter] = {e.name: e for e in (
    Exporter("jsonl", _jsonl, "stream", "annotty's own JSONL, one line per (document, annotator)"),
    Exporter("doccano", doccano.write_relations, "stream", "doccano relation-extraction JSONL"),
    Exporter("doccano-seq", doccano.write_sequence, "stream", "doccano sequence-labelling JSONL"),
    Exporter("label-studio", label_studio.write, "stream", "Label Studio JSON tasks"),
    Exporter("brat", brat.write, "folder", "brat standoff folder (.txt, .ann, annotation.conf)"),
    Exporter("conll", conll.write, "stream", "CoNLL-2003 style BIO tokens (entities only)"),
    Exporter("hf", hf.write, "stream", "Hugging Face token-classification JSONL (entities only)"),
    Exporter("w3c", w3c.write, "stream", "W3C Web Annotation JSON-LD collection"),
    Exporter("spacy", spacy_docbin.write, "file",
             "spaCy DocBin; to a folder, with a config for spacy train (needs the spacy extra)"),
)}

IMPORTERS: dict[str, Importer] = {i.name: i for i in (
    Importer("jsonl", jsonl.read_jsonl, "annotty's own JSONL export"),
    Importer("doccano", doccano.read, "doccano JSONL (relation extraction or sequence labelling)"),
    Importer("doccano-seq", doccano.read, "doccano sequence-labelling JSONL"),
    Importer("label-studio", label_studio.read, "Label Studio JSON tasks"),
    Importer("brat", brat.read, "brat standoff: a folder of .txt/.ann, or one .ann"),
    Importer("conll", conll.read, "CoNLL token-per-line NER (first column token, last column tag)"),
)}
