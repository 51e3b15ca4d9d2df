"""The ``annotty`` command: argument parsing only; the work is in the core.

    annotty [PATH ...]             open articles (files or folders) to annotate
    annotty export [--out FILE]    write the store as JSONL training data
"""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from pathlib import Path

from . import __version__
from .errors import AnnottyError

DEFAULT_STORE = "annotations"


def default_annotator() -> str:
    try:
        name = getpass.getuser()
    except Exception:  # no login name (some containers): fall back quietly
        name = ""
    name = re.sub(r"[^\w.\-]+", "-", name).strip("-.")
    return name or "annotator"


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", default=DEFAULT_STORE, metavar="DIR",
                        help="folder of the annotation store (default: ./annotations)")


def build_open_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotty",
        description="Read news articles and annotate entities, quotes and claims, by keyboard. "
        "Other commands: 'annotty export --help'.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="article files (.txt, .md) or folders of them; default: the bundled sample")
    _common(parser)
    parser.add_argument("--annotator", default=None, metavar="NAME",
                        help="whose annotations these are (default: your login name)")
    parser.add_argument("--schema", metavar="FILE", help="label schema (TOML); default: the built-in one")
    parser.add_argument("--no-snap", action="store_true", help="tag selections exactly, without snapping to words")
    parser.add_argument("--read-only", action="store_true", help="look without changing anything")
    parser.add_argument("--version", action="version", version=f"annotty {__version__}")
    return parser


def build_export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="annotty export", description="Export the store as JSONL, one line per (document, annotator).")
    _common(parser)
    parser.add_argument("--annotator", action="append", metavar="NAME",
                        help="only this annotator (repeatable; default: all)")
    parser.add_argument("--out", metavar="FILE", help="write here (atomically) instead of standard output")
    parser.add_argument("--format", default="jsonl", choices=["jsonl"], help="output format (default: jsonl)")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv[:1] == ["export"]:
            return run_export(build_export_parser().parse_args(argv[1:]))
        return run_open(build_open_parser().parse_args(argv))
    except AnnottyError as error:
        print(f"annotty: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def run_open(args: argparse.Namespace) -> int:
    from .loading import find_articles
    from .resources import seed_articles
    from .schema import DEFAULT_SCHEMA, load_schema
    from .store import Store, check_name
    from .workspace import Workspace

    schema = load_schema(args.schema) if args.schema else DEFAULT_SCHEMA
    if args.no_snap:
        schema = type(schema)(schema.labels, snap="off", source=schema.source)
    paths = find_articles(args.paths) if args.paths else seed_articles()
    if not paths:
        raise AnnottyError("no article given and no bundled sample found")
    annotator = check_name(args.annotator or default_annotator())
    workspace = Workspace(paths, Store(args.store), annotator, schema, read_only=args.read_only)
    first = workspace.open(0)  # bad input fails here, before the screen changes

    from .app import AnnottyApp

    AnnottyApp(workspace, first).run()
    return 0


def run_export(args: argparse.Namespace) -> int:
    from .atomic import atomic_writer
    from .formats.jsonl import write_jsonl
    from .formats.records import ExportReport, iter_records
    from .store import Store

    store_root = Path(args.store)
    if not store_root.is_dir():
        raise AnnottyError("no annotation store here (give --store DIR)", store_root)
    store = Store(store_root)
    annotators = args.annotator or None
    if annotators:
        missing = [name for name in annotators if name not in store.annotators()]
        if missing:
            raise AnnottyError(f"no annotations by {', '.join(missing)} in this store", store_root)
    report = ExportReport()
    records = iter_records(store, annotators, report)
    if args.out:
        with atomic_writer(args.out) as out:
            count = write_jsonl(records, out)
    else:
        count = write_jsonl(records, sys.stdout)
        sys.stdout.flush()
    for line in report.skipped:
        print(f"annotty: skipped {line}", file=sys.stderr)
    where = args.out or "standard output"
    print(f"annotty: exported {count} record(s), {report.spans} span(s) to {where}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
