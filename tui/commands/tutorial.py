"""annotty tutorial: a ten-minute exercise inside the tool, then a score."""

from __future__ import annotations

import argparse

from ..schema import DEFAULT_SCHEMA
from ..store import Store, check_name
from ..tutorial import EXERCISE, answer_key, score
from ..workspace import Workspace
from .common import CommandParser, add_store_option, default_annotator, print_lines


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="annotty tutorial",
        description="Learn annotty in ten minutes: tag the people, the quotes and who said them, one claim and "
        "its source, in an exercise article whose instructions are in its text; ctrl+g shows your score.",
    )
    add_store_option(parser)
    parser.add_argument("--annotator", metavar="NAME", help="whose work this is (default: your login name)")
    return parser


def run(args: argparse.Namespace) -> int:
    annotator = check_name(args.annotator or default_annotator())
    workspace = Workspace([EXERCISE], Store(args.store), annotator, DEFAULT_SCHEMA)
    session = workspace.open(0)
    key = answer_key(session.document.text)

    from ..ui.app import AnnottyApp

    AnnottyApp(workspace, session, answer_key=key).run()
    final = Store(args.store).load_annotations(annotator, session.document.id, session.document.text)[0]
    print_lines(score(key, final).lines())
    return 0
