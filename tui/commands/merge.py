"""annotty merge: bring another store (a folder or a pack zip) into this one."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import AnnottyError
from .common import CommandParser, add_store_option, say


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="annotty merge",
        description="Merge another annotation store into this one: a store folder (or a folder holding "
        "annotations/), or a pack zip made by 'annotty pack'. New annotators and documents are added, "
        "identical files skipped; a file that differs, or a document whose text differs, is a conflict: "
        "conflicts are listed and then nothing at all is written (exit status 1).",
    )
    parser.add_argument("other", metavar="OTHER", help="the store folder or pack (.zip) to merge in")
    add_store_option(parser)
    parser.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
    return parser


def run(args: argparse.Namespace) -> int:
    from ..store.merge import find_store_root, merge_store
    from ..store.pack import unpack_and_merge

    other = Path(args.other)
    if not other.exists():
        raise AnnottyError("no such file or folder", other)
    if other.is_dir():
        report = merge_store(find_store_root(other), args.store, dry_run=args.dry_run)
    else:
        report = unpack_and_merge(other, args.store, dry_run=args.dry_run)
    for line in report.lines():
        say(line)
    say(report.summary())
    return 1 if report.conflicts else 0
