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
    from .formats.registry import EXPORTERS
    from .model import KINDS

    formats = "; ".join(f"{e.name}: {e.help}" for e in EXPORTERS.values())
    parser = argparse.ArgumentParser(
        prog="annotty export",
        description="Export the store, one record per (document, annotator), in one of these formats: " + formats + ".",
    )
    _common(parser)
    parser.add_argument("--format", default="jsonl", choices=list(EXPORTERS), help="output format (default: jsonl)")
    parser.add_argument("--out", metavar="PATH",
                        help="write here (atomically) instead of standard output; a folder for brat, a file for spacy")
    parser.add_argument("--annotator", action="append", metavar="NAME",
                        help="only this annotator (repeatable; default: all)")
    parser.add_argument("--doc", action="append", metavar="ID",
                        help="only this document id, or pattern such as 'reuters-*' (repeatable)")
    parser.add_argument("--label", action="append", metavar="LABEL", help="only spans with this label (repeatable)")
    parser.add_argument("--kind", action="append", choices=KINDS, help="only spans of this kind (repeatable)")
    parser.add_argument("--lang", default="xx", metavar="CODE",
                        help="spacy only: the language of the blank tokenizer (default: xx, multi-language)")
    return parser


def build_import_parser() -> argparse.ArgumentParser:
    from .formats.registry import IMPORTERS

    formats = "; ".join(f"{i.name}: {i.help}" for i in IMPORTERS.values())
    parser = argparse.ArgumentParser(
        prog="annotty import",
        description="Import annotated documents into the store. Nothing is written unless every "
        "document checks out. Formats: " + formats + ".",
    )
    parser.add_argument("path", metavar="PATH", help="the file (or, for brat, the folder) to import")
    parser.add_argument("--format", required=True, choices=list(IMPORTERS), help="the file's format")
    _common(parser)
    parser.add_argument("--annotator", metavar="NAME",
                        help="store them as this annotator (default: as the file says, else the format's name)")
    parser.add_argument("--schema", metavar="FILE",
                        help="label schema (TOML) telling each label's kind, when the file does not say")
    parser.add_argument("--replace", action="store_true",
                        help="overwrite the annotator's existing annotations on these documents")
    parser.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv[:1] == ["export"]:
            return run_export(build_export_parser().parse_args(argv[1:]))
        if argv[:1] == ["import"]:
            return run_import(build_import_parser().parse_args(argv[1:]))
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
    from .formats.records import ExportReport, iter_records, matches
    from .formats.registry import EXPORTERS
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
    if args.doc and not any(matches(doc_id, args.doc) for doc_id in store.document_ids()):
        raise AnnottyError(f"no document in this store matches {', '.join(args.doc)}", store_root)
    exporter = EXPORTERS[args.format]
    if exporter.target != "stream" and not args.out:
        raise AnnottyError(f"--format {args.format} writes a {exporter.target}: give --out PATH")
    report = ExportReport()
    records = iter_records(store, annotators, report, documents=args.doc, labels=args.label, kinds=args.kind)
    options = {"lang": args.lang}
    if exporter.target != "stream":
        exporter.write(records, Path(args.out), report, options)
    elif args.out:
        with atomic_writer(args.out) as out:
            exporter.write(records, out, report, options)
    else:
        exporter.write(records, sys.stdout, report, options)
        sys.stdout.flush()
    for line in report.lines():
        print(f"annotty: {line}", file=sys.stderr)
    where = args.out or "standard output"
    print(f"annotty: exported {report.records} record(s), {report.spans} span(s) to {where} ({args.format})",
          file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from .formats.importing import ImportContext, write_imports
    from .formats.registry import IMPORTERS
    from .schema import DEFAULT_SCHEMA, load_schema
    from .store import Store, check_name

    schema = load_schema(args.schema) if args.schema else DEFAULT_SCHEMA
    annotator = check_name(args.annotator) if args.annotator else None
    path = Path(args.path)
    if not path.exists():
        raise AnnottyError("no such file or folder", path)
    context = ImportContext(label_kinds={label.name: label.kind for label in schema.labels})
    items = list(IMPORTERS[args.format].read(path, context))
    if not items:
        raise AnnottyError("found no document to import", path)
    default = {"doccano-seq": "doccano"}.get(args.format, args.format)
    report = write_imports(Store(args.store), items, default, override=annotator, replace=args.replace,
                           dry_run=args.dry_run, report=context.report)
    for line in report.lines():
        print(f"annotty: {line}", file=sys.stderr)
    done = "checked (nothing written)" if args.dry_run else f"imported into {args.store}"
    print(f"annotty: {done}: {report.documents} document(s), {report.spans} span(s), "
          f"{report.relations} relation(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
