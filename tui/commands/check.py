"""annotty check: which articles of the given files and folders can be
opened, and why the others cannot; exits 1 when any cannot."""

from __future__ import annotations

import argparse

from ..folder_check import check_articles
from ..loading import find_articles
from .common import CommandParser, print_lines


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(prog="annotty check", description=__doc__)
    parser.add_argument("paths", nargs="+", metavar="DIR|FILE", help="article files and folders of articles")
    return parser


def run(args: argparse.Namespace) -> int:
    report = check_articles(find_articles(args.paths))
    total = len(report.readable) + len(report.problems)
    if report.problems:
        print_lines([f"{len(report.problems)} of {total} file(s) cannot be opened:", *report.lines()])
        return 1
    print_lines([f"all {total} file(s) can be opened"])
    return 0
