"""annotty add: put web pages (fetched from their address) and article files
(web pages, NITF or NewsML-G2 XML, Markdown, text) into the store, as the
text annotty shows with the original kept beside it. Adding one again says
it is already there."""

from __future__ import annotations

import argparse

from ..errors import AnnottyError
from .common import CommandParser, add_store_option, print_lines, say


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(prog="annotty add", description=__doc__)
    parser.add_argument("items", nargs="+", metavar="URL|FILE",
                        help="web addresses (http:// or https://) and files (.html .htm .xml .md .txt)")
    add_store_option(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from ..corpus_add import add_to_store
    from ..store import Store

    store = Store(args.store)
    failed = 0
    for item in args.items:
        try:
            added = add_to_store(store, item)
        except AnnottyError as error:
            say(str(error))  # one line; the other items are still added
            failed += 1
            continue
        title = f" “{added.headline}”" if added.headline else ""
        if added.already_there:
            print_lines([f"already there: {added.doc_id}{title} ({added.source})"])
        else:
            print_lines([f"added {added.doc_id}{title} ({added.source})"])
    return 1 if failed else 0
