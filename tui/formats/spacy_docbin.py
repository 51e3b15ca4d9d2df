"""spaCy's binary training format: a ``DocBin`` file (``--out train.spacy``),
one ``Doc`` per (document, annotator), tokenised by a blank pipeline
(``spacy.blank("xx")``, or the language given: no model is loaded).

* ``doc.spans["sc"]``: every span (entities, quotes and claims, overlapping
  ones included), labelled as in annotty;
* ``doc.ents``: the entity spans that do not overlap, keeping the longest;
* ``doc.user_data["annotty"]``: the document id, annotator, and for each span
  of ``doc.spans["sc"]`` (same order) its annotty id, kind and attributes,
  and the relations between them (``DocBin(store_user_data=True)``).

A span is placed with ``doc.char_span(start, end, alignment_mode="strict")``;
one whose edges do not fall on token boundaries is widened to the tokens it
touches (``alignment_mode="expand"``) and reported, never silently dropped.

``--out`` a folder (``corpus/``) instead writes ``train.spacy``, ``dev.spacy``
and a ``config.cfg`` that fits them (``spacy_training.py``).
spaCy is an optional extra: ``pip install 'annotty[spacy]'``.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from collections.abc import Iterable

from ..atomic import atomic_writer, remove_stale_temporaries
from ..errors import AnnottyError
from ..model import ENTITY
from .output import write_bytes_atomically
from .records import ExportRecord, ExportReport
from .spacy_training import (CONFIG_FILE, DEV_FILE, NGRAM_LIMIT, TRAIN_FILE, SpanFacts, config_header,
                             split_documents, training_config)
from .tokens import choose_entities


def _load(lang: str):
    try:
        import spacy
        from spacy.tokens import DocBin
    except ImportError:
        raise AnnottyError("spaCy is not installed: pip install 'annotty[spacy]'") from None
    try:
        nlp = spacy.blank(lang)
    except (ImportError, KeyError, ValueError, OSError):
        raise AnnottyError(f"spaCy has no language {lang!r} (try 'xx', 'en', 'de'...)") from None
    return nlp, DocBin


def to_doc(nlp, record: ExportRecord, report: ExportReport):
    text = record.document.text
    doc = nlp.make_doc(text)
    placed = {}
    group, info = [], []
    for span in record.annotations.spans():
        spacy_span = doc.char_span(span.start, span.end, label=span.label, alignment_mode="strict")
        if spacy_span is None:
            spacy_span = doc.char_span(span.start, span.end, label=span.label, alignment_mode="expand")
            if spacy_span is None or len(spacy_span) == 0:
                report.drop(record, f"span {span.label} {span.text!r} at {span.start}:{span.end} covers no spaCy token")
                continue
            report.adjust(
                record,
                f"span {span.label} {span.text!r} at {span.start}:{span.end} is not on token "
                f"boundaries; widened to {spacy_span.start_char}:{spacy_span.end_char} {spacy_span.text!r}",
            )
        placed[span.id] = spacy_span
        group.append(spacy_span)
        info.append({"id": span.id, "kind": span.kind, "attrs": dict(span.attrs)})
    doc.spans["sc"] = group
    kept, clashes = choose_entities(record.annotations.spans(ENTITY))
    for span, clash in clashes:
        report.adjust(record, f"entity {span.label} {span.text!r} overlaps {clash.text!r}: in doc.spans['sc'] only")
    ents = []
    used: set[int] = set()
    for span in kept:
        spacy_span = placed.get(span.id)
        if spacy_span is None:
            continue
        tokens = set(range(spacy_span.start, spacy_span.end))
        if tokens & used:
            report.adjust(record, f"entity {span.label} {span.text!r} shares a token with another once widened: "
                                  "in doc.spans['sc'] only")
            continue
        used |= tokens
        ents.append(spacy_span)
    doc.ents = sorted(ents, key=lambda s: s.start)
    lost = [r for r in record.annotations.relations() if r.head not in placed or r.child not in placed]
    if lost:
        report.drop(record, f"{len(lost)} relation(s): one of their spans covers no spaCy token")
    doc.user_data["annotty"] = {
        "document": record.document.id,
        "annotator": record.annotator,
        "spans": info,
        "relations": [{"head": r.head, "child": r.child, "label": r.label}
                      for r in record.annotations.relations() if r.head in placed and r.child in placed],
    }
    return doc


def write(records: Iterable[ExportRecord], out: Path, report: ExportReport, options: dict | None = None) -> int:
    """One DocBin file at ``out``; or, when ``out`` is a folder (an existing
    one, or ``options["out_is_folder"]``), a folder ``spacy train`` runs on:
    see ``spacy_training``."""
    options = options or {}
    lang = options.get("lang") or "xx"
    nlp, DocBin = _load(lang)
    out = Path(out)
    if out.is_dir() or options.get("out_is_folder"):
        return _write_training_folder(nlp, DocBin, records, out, report, lang)
    doc_bin = DocBin(store_user_data=True)
    for record in records:
        doc_bin.add(to_doc(nlp, record, report))
        report.written += 1
    write_bytes_atomically(out, doc_bin.to_bytes())
    report.notes.append("for a training config too, give --out a folder (such as corpus/): it gets "
                        f"{TRAIN_FILE}, {DEV_FILE} and {CONFIG_FILE}")
    return report.written


def _write_training_folder(nlp, DocBin, records, out: Path, report: ExportReport, lang: str) -> int:
    if out.exists() and not out.is_dir():
        raise AnnottyError("exists and is not a folder; give a folder for train.spacy, dev.spacy and config.cfg", out)
    docs_by_document: dict[str, list] = {}
    facts = SpanFacts()
    for record in records:
        doc = to_doc(nlp, record, report)
        docs_by_document.setdefault(record.document.id, []).append(doc)
        facts.add(doc)
        report.written += 1
    train_ids, dev_ids = split_documents(docs_by_document)
    out.mkdir(parents=True, exist_ok=True)
    left = [path for name in (TRAIN_FILE, DEV_FILE, CONFIG_FILE) for path in remove_stale_temporaries(out / name)]
    if left:
        report.notes.append(f"removed {len(left)} temporary file(s) an earlier export cut short left in {out}")
    for name, ids in ((TRAIN_FILE, train_ids), (DEV_FILE, dev_ids)):
        doc_bin = DocBin(store_user_data=True)
        for doc_id in ids:
            for doc in docs_by_document[doc_id]:
                doc_bin.add(doc)
        write_bytes_atomically(out / name, doc_bin.to_bytes())
    if len(docs_by_document) == 1:
        report.notes.append(f"one document only: {DEV_FILE} holds it too, so spaCy's scores on it mean little")
    else:
        report.notes.append(f"{len(train_ids)} document(s) in {out / TRAIN_FILE}, {len(dev_ids)} held out in "
                            f"{out / DEV_FILE}")
    config = training_config(lang, facts)
    if config is None:
        report.notes.append(f"no span to learn from: no {CONFIG_FILE} written")
        return report.written
    with atomic_writer(out / CONFIG_FILE) as handle:
        handle.write(config_header(len(train_ids), len(dev_ids), facts) + config)
    if facts.too_long:
        report.notes.append(f"{facts.too_long} span(s) longer than {NGRAM_LIMIT} tokens (the longest "
                            f"{facts.longest}): spancat will not find them (max_size in {CONFIG_FILE})")
    report.notes.append(f"spaCy training config written to {out / CONFIG_FILE}; train with: "
                        f"cd {shlex.quote(str(out))} && python -m spacy train {CONFIG_FILE} --output model")
    return report.written
