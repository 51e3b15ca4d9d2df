"""annotty export: write the store in a training or annotation format."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..errors import AnnottyError
from .common import CommandParser, add_store_option, data_output, say

def build_parser() -> argparse.ArgumentParser:
    from ..formats.offsets import UNITS
    from ..formats.registry import EXPORTERS
    from ..model import KINDS

    formats = "; ".join(f"{e.name}: {e.help}" for e in EXPORTERS.values())
    parser = CommandParser(
        prog="annotty export",
        description="Export the store, one record per (document, annotator), in one of these formats: " + formats + ".",
    )
    add_store_option(parser)
    parser.add_argument("--format", default="jsonl", choices=list(EXPORTERS), help="output format (default: jsonl)")
    parser.add_argument("--out", metavar="PATH",
                        help="write here (atomically) instead of standard output; a folder for brat; for spacy a file "
                        "(train.spacy), or a folder (an existing one, or ending in /) to get train.spacy, "
                        "dev.spacy and a config.cfg for spacy train")
    parser.add_argument("--annotator", action="append", metavar="NAME",
                        help="only this annotator (repeatable; default: all)")
    parser.add_argument("--doc", action="append", metavar="ID",
                        help="only this document id, or pattern such as 'reuters-*' (repeatable)")
    parser.add_argument("--label", action="append", metavar="LABEL", help="only spans with this label (repeatable)")
    parser.add_argument("--kind", action="append", choices=KINDS, help="only spans of this kind (repeatable)")
    parser.add_argument("--lang", default="xx", metavar="CODE",
                        help="spacy only: the language of the blank tokenizer (default: xx, multi-language)")
    parser.add_argument("--config", metavar="FILE",
                        help="label-studio only: also write a labeling config for the schema's labels to FILE")
    parser.add_argument("--schema", metavar="FILE",
                        help="label schema (TOML) for --config and for the label list of conll and hf "
                        "(default: the built-in one)")
    parser.add_argument("--offsets", choices=UNITS, default=None,
                        help="doccano only: count offsets in UTF-16 units, as doccano's editor does (utf16, the "
                        "default), or in code points")
    return parser



def run(args: argparse.Namespace) -> int:
    from ..atomic import atomic_writer, remove_stale_temporaries
    from ..formats.records import ExportReport, iter_records, matches
    from ..formats.registry import EXPORTERS
    from ..model import ENTITY
    from ..schema import DEFAULT_SCHEMA, load_schema
    from ..store import Store

    store_root = Path(args.store)
    if not store_root.is_dir():
        raise AnnottyError("no annotation store here (give --store DIR)", store_root)
    store = Store(store_root)
    annotators = args.annotator or None
    if annotators:
        missing = [name for name in annotators if name not in store.annotators()]
        if missing:
            raise AnnottyError(f"no annotations by {', '.join(missing)} in this store", store_root)
    if args.doc and not any(matches(doc_id, args.doc) for doc_id in store.document_ids()):
        raise AnnottyError(f"no document in this store matches {', '.join(args.doc)}", store_root)
    exporter = EXPORTERS[args.format]
    if exporter.target != "stream" and not args.out:
        raise AnnottyError(f"--format {args.format} writes a {exporter.target}: give --out PATH")
    if args.out:
        left = remove_stale_temporaries(args.out)
        if left:
            print(f"annotty: removed {len(left)} temporary file(s) an earlier export cut short left beside "
                  f"{args.out}", file=sys.stderr)
    schema = load_schema(args.schema) if args.schema else DEFAULT_SCHEMA
    config = None
    if args.config:
        from ..formats.label_studio import labeling_config

        if args.format != "label-studio":
            raise AnnottyError("--config goes with --format label-studio")
        config = labeling_config(schema)
    report = ExportReport()
    records = iter_records(store, annotators, report, documents=args.doc, labels=args.label, kinds=args.kind)
    options = {"lang": args.lang, "offsets": args.offsets,
               "out_is_folder": bool(args.out) and args.out.endswith(("/", os.sep)),
               "entity_labels": [label.name for label in schema.labels if label.kind == ENTITY]}
    if exporter.target != "stream":
        exporter.write(records, Path(args.out), report, options)
    elif args.out:
        with atomic_writer(args.out) as out:
            exporter.write(records, out, report, options)
    else:
        exporter.write(records, data_output(), report, options)
        sys.stdout.flush()
    if report.labels:
        _write_label_list(report, args.out)
    if config is not None:
        with atomic_writer(args.config) as out:
            out.write(config)
        report.notes.append(f"labeling config written to {args.config}")
    for line in report.lines():
        say(line)
    where = args.out or "standard output"
    say(f"exported {report.records} record(s), {report.spans} span(s) to {where} ({args.format})")
    if report.damaged:
        return 1  # the rest was exported, but the user must hear of it
    return 0


def _write_label_list(report, out: str | None) -> None:
    """The tag list of a tagging format, in tag-id order: in ``labels.txt``
    beside the output, else on standard error."""
    import json

    from ..atomic import atomic_writer

    if out is None:
        report.notes.append("label list (tag ids in this order): " + json.dumps(report.labels, ensure_ascii=False))
        return
    path = Path(out).with_name("labels.txt")
    with atomic_writer(path) as handle:
        handle.write("".join(label + "\n" for label in report.labels))
    report.notes.append(f"label list (tag ids in this order, one a line) written to {path}")
