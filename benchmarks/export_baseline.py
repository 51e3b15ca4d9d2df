"""The export baseline: a plain Python loop over the store's JSON files.

    python benchmarks/export_baseline.py STORE OUT.jsonl

Reads ``documents/*.json`` (and the text beside it, ``documents/<id>.txt``,
when the JSON does not hold it) and ``annotators/*/*.json`` with
``json.load``, keeps the spans whose text stands at their offsets, and writes
the same JSONL as ``annotty export`` (one line per document and annotator)
with the json module, fsyncing the output at the end like ``--out`` does.
No annotty code is imported: this is the floor for the export's speed.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def load_document(store: Path, doc_id: str, cache: dict) -> dict:
    if doc_id not in cache:
        with open(store / "documents" / f"{doc_id}.json", encoding="utf-8") as handle:
            record = json.load(handle)["document"]["document"]
        if "text" not in record:
            with open(store / "documents" / f"{doc_id}.txt", encoding="utf-8", newline="") as handle:
                record["text"] = handle.read()
        meta = {name: value[2] for name, value in (record.get("meta") or {}).items()}
        if record.get("date"):
            meta["date"] = record["date"]
        meta["source"] = record.get("source", "")
        meta["sha256"] = record.get("sha256", "")
        cache[doc_id] = {"text": record["text"], "meta": meta}
    return cache[doc_id]


def main(store: Path, out_path: Path) -> tuple[int, int]:
    documents: dict = {}
    lines = spans_written = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for annotator_dir in sorted(p for p in (store / "annotators").iterdir() if p.is_dir()):
            for path in sorted(annotator_dir.glob("*.json")):
                doc_id = path.stem
                document = load_document(store, doc_id, documents)
                text = document["text"]
                with open(path, encoding="utf-8") as handle:
                    tables = json.load(handle)
                spans = [
                    s for s in (tables.get("spans") or {}).values()
                    if text[s["start"]:s["end"]] == s["text"]
                ]
                spans.sort(key=lambda s: (s["start"], -s["end"], s["id"]))
                kept = {s["id"] for s in spans}
                relations = sorted(
                    (r for r in (tables.get("relations") or {}).values() if r["head"] in kept and r["child"] in kept),
                    key=lambda r: (r["head"], r["label"], r["child"], r["id"]),
                )
                record = {
                    "id": doc_id,
                    "text": text,
                    "meta": document["meta"],
                    "annotator": annotator_dir.name,
                    "spans": [
                        {"id": s["id"], "start": s["start"], "end": s["end"], "text": s["text"],
                         "label": s["label"], "kind": s["kind"], "attrs": s.get("attrs") or {}}
                        for s in spans
                    ],
                    "relations": [{"head": r["head"], "child": r["child"], "label": r["label"]} for r in relations],
                }
                out.write(json.dumps(record, ensure_ascii=False))
                out.write("\n")
                lines += 1
                spans_written += len(spans)
        out.flush()
        os.fsync(out.fileno())
    return lines, spans_written


if __name__ == "__main__":
    count, spans = main(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"baseline: {count} record(s), {spans} span(s)", file=sys.stderr)
