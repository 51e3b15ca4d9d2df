"""annotty pack: one annotator's work and the documents it is on, as one zip."""

from __future__ import annotations

import argparse

from .common import CommandParser, add_store_option, say


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="annotty pack",
        description="Write one annotator's annotations, the documents they are on and a manifest "
        "(with each document's sha256) into one zip, to hand in or send. 'annotty merge FILE' "
        "brings it into another store.",
    )
    parser.add_argument("--annotator", required=True, metavar="NAME", help="whose annotations to pack")
    add_store_option(parser)
    parser.add_argument("--out", metavar="FILE", help="the zip to write (default: NAME.annotty.zip)")
    return parser


def run(args: argparse.Namespace) -> int:
    from ..store import check_name
    from ..store.pack import pack

    annotator = check_name(args.annotator)
    out = args.out or f"{annotator}.annotty.zip"
    report = pack(args.store, annotator, out)
    for rel in report.folded:
        say(f"folded the journal of {rel}")
    say(f"packed {len(report.documents)} document(s) annotated by {annotator} into {out}")
    return 0
