"""Shared by the format tests: stores made on the fly, random documents
(emoji, ZWJ, combining marks, CJK, right-to-left, tabs, odd line breaks) and
a way to compare annotations across an export and an import."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import strategies as st

from tui.formats.importing import ImportContext, write_imports
from tui.formats.records import ExportReport, iter_records
from tui.formats.registry import EXPORTERS, IMPORTERS
from tui.model import Annotations, Document, Relation, make_span, new_id
from tui.store import Store

CORPORA = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora"

#: Labels and their kinds; the odd names make sure kinds do not come from names.
LABELS = {"PERSON": "entity", "ORG": "entity", "Zitat": "quote", "QUOTE": "quote", "Aussage": "claim"}
RELATION_FOR = {"quote": "SPEAKER", "claim": "SOURCE", "entity": "COREF"}
LINE_BREAKS = "\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
ALPHABET = list("ab Zé.,“”’\t\n") + [
    "\u0301", "👍", "🏽", "\u200d", "👩", "東", "京", "م", "ح", "ש", "\ufe0f", "\u2028", "\x85", "\x0c", "𝒜",
]


def store_with(root: Path, docs: list[tuple[str, str, list, list]], annotator: str = "alice") -> Store:
    """A store holding, for each (doc id, text, spans, relations), the spans
    ``(start, end, label, attrs)`` and relations ``(head index, child index, label)``."""
    store = Store(root)
    for doc_id, text, spans, relations in docs:
        made = [make_span(text, s, e, label, LABELS.get(label, "entity"), attrs) for s, e, label, attrs in spans]
        links = [Relation(new_id("r"), made[h].id, made[c].id, label) for h, c, label in relations]
        store.write_annotations(
            Document(id=doc_id, text=text, source=f"{doc_id}.txt"), annotator, Annotations(made, links)
        )
    return store


def export(store: Store, fmt: str, out: Path | None = None, options: dict | None = None,
           **filters) -> tuple[str | None, ExportReport]:
    """Run an exporter: its text for stream formats, else None (written to ``out``)."""
    report = ExportReport()
    exporter = EXPORTERS[fmt]
    records = iter_records(store, None, report, **filters)
    if exporter.target == "stream":
        buffer = io.StringIO()
        exporter.write(records, buffer, report, options or {})
        if out is not None:
            out.write_text(buffer.getvalue(), encoding="utf-8", newline="")
        return buffer.getvalue(), report
    exporter.write(records, out, report, {"lang": "xx", **(options or {})})
    return None, report


def import_into(root: Path, path: Path, fmt: str, annotator: str = "imported", format_options: dict | None = None,
                **options):
    context = ImportContext(label_kinds={}, options=format_options or {})
    items = list(IMPORTERS[fmt].read(path, context))
    store = Store(root)
    write_imports(store, items, annotator, report=context.report, **options)
    return store, context.report, items


def round_trip(tmp_path_factory, doc, fmt: str, out_name: str, imported_as: str = "alice"):
    """Store ``doc`` as alice, export it as ``fmt``, import the result into a
    new store: (annotations before, annotations after, export report, new store)."""
    text, spans, relations = doc
    root = tmp_path_factory.mktemp("rt")
    source = store_with(root / "a", [("doc", text, spans, relations)])
    out = root / out_name
    _text, report = export(source, fmt, out)
    store, _import_report, _items = import_into(root / "b", out, fmt)
    return stored(source, "doc", "alice"), stored(store, "doc", imported_as), report, store


def summary(annotations: Annotations, attrs: bool = True) -> tuple[set, set]:
    """Spans and relations without their ids, for comparing two stores."""
    def key(span):
        return (span.start, span.end, span.label, span.kind, tuple(sorted(span.attrs.items())) if attrs else ())
    spans = {key(s) for s in annotations.spans()}
    relations = {
        (key(annotations.span(r.head)), key(annotations.span(r.child)), r.label) for r in annotations.relations()
    }
    return spans, relations


def stored(store: Store, doc_id: str, annotator: str) -> Annotations:
    document = store.load_document(doc_id)
    annotations, flagged = store.load_annotations(annotator, doc_id, document.text)
    assert not flagged
    return annotations


@st.composite
def documents(draw, line_breaks_inside: bool = True, with_attrs: bool = True):
    """(text, spans, relations) with spans unique by (start, end, label)."""
    alphabet = ALPHABET if line_breaks_inside else [c for c in ALPHABET if c not in LINE_BREAKS]
    text = draw(st.text(alphabet=st.sampled_from(alphabet), min_size=1, max_size=60))
    if not text.strip():
        text += "x"
    spans, seen = [], set()
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        label = draw(st.sampled_from(sorted(LABELS)))
        if (start, end, label) in seen:
            continue
        seen.add((start, end, label))
        attrs = {}
        if with_attrs:
            kind = LABELS[label]
            if kind == "quote":
                attrs["type"] = draw(st.sampled_from(["direct", "indirect"]))
            if kind == "claim":
                attrs["checkworthy"] = draw(st.sampled_from(["yes", "no"]))
                attrs["verdict"] = draw(st.sampled_from(["unverified", "true", "false", "misleading"]))
            if draw(st.booleans()):
                note_alphabet = [c for c in ALPHABET if c not in LINE_BREAKS and c != "\t"]
                attrs["note"] = (
                    draw(st.text(alphabet=st.sampled_from(note_alphabet), min_size=1, max_size=12)).strip() or "n"
                )
        spans.append((start, end, label, attrs))
    relations, linked = [], set()
    for _ in range(draw(st.integers(0, 3)) if len(spans) > 1 else 0):
        head = draw(st.integers(0, len(spans) - 1))
        child = draw(st.integers(0, len(spans) - 1))
        label = RELATION_FOR[LABELS[spans[head][2]]]
        if head != child and (head, child, label) not in linked:
            linked.add((head, child, label))
            relations.append((head, child, label))
    return text, spans, relations


def attribution_ann(text: str, attributions: list[dict]) -> str:
    """A PolNeAR-style .ann: for each ``{"source": phrase, "cue": phrase,
    "content": phrase or [phrases]}`` (a phrase is found in ``text``; ``None``
    leaves the role out), Source, Cue and Content T lines and an Attribution
    event whose trigger repeats the cue."""
    lines, number = [], 0

    def textbound(label: str, phrases: list[str]) -> str:
        nonlocal number
        number += 1
        where = [(text.index(p), text.index(p) + len(p)) for p in phrases]
        lines.append(f"T{number}\t{label} {';'.join(f'{s} {e}' for s, e in where)}\t{' '.join(phrases)}")
        return f"T{number}"

    for index, attribution in enumerate(attributions, 1):
        roles = []
        contents = attribution["content"] if isinstance(attribution["content"], list) else [attribution["content"]]
        roles.append(f"Content:{textbound('Content', contents)}")
        if attribution.get("cue"):
            cue = textbound("Cue", [attribution["cue"]])
            roles.append(f"Cue:{cue}")
        if attribution.get("source"):
            roles.append(f"Source:{textbound('Source', [attribution['source']])}")
        trigger = textbound("Attribution", [attribution.get("cue") or contents[0]])
        kind = "Attribution" if attribution.get("source") else "Attribution-no-source"
        lines.append(f"E{index}\t{kind}:{trigger} " + " ".join(roles))
    return "".join(line + "\n" for line in lines)
