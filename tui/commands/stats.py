"""annotty stats: annotations per label and annotator, progress, who is
quoted, claims per source and verdict, as tables with bars."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import AnnottyError
from ..stats import collect, report_lines
from ..store import Store
from .common import CommandParser, add_store_option, print_json, print_lines


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(prog="annotty stats", description=__doc__)
    add_store_option(parser)
    parser.add_argument("--annotators", metavar="A,B", help="only these annotators (default: all)")
    parser.add_argument("--top", type=int, default=10, metavar="N", help="rows per chart (default: 10)")
    parser.add_argument("--json", action="store_true", help="print the counts as one JSON object")
    return parser


def run(args: argparse.Namespace) -> int:
    root = Path(args.store)
    if not (root / "annotators").is_dir():
        raise AnnottyError("no annotation store here (give --store DIR)", root)
    store = Store(root)
    annotators = None
    if args.annotators is not None:
        from ..metrics.collect import check_annotators

        annotators = [name.strip() for name in args.annotators.split(",") if name.strip()]
        if not annotators:
            raise AnnottyError("--annotators names no annotator")
        check_annotators(store, annotators)
    stats = collect(store, annotators)
    if args.json:
        print_json({
            "labels": stats.labels, "annotators": stats.annotators, "documents": stats.documents,
            "done": stats.done, "speakers": stats.speakers, "quotes": stats.quotes,
            "quotes_without_speaker": stats.quotes_without_speaker, "sources": stats.sources,
            "verdicts": stats.verdicts, "damaged": stats.damaged,
        }, sort_keys=True)
    else:
        print_lines("\n".join(report_lines(stats, args.top)).rstrip().split("\n"))
    return 1 if stats.damaged else 0
