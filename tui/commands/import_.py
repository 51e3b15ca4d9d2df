"""annotty import: take in documents annotated with other tools."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import AnnottyError
from .common import add_store_option

def build_parser() -> argparse.ArgumentParser:
    from ..formats.registry import IMPORTERS

    formats = "; ".join(f"{i.name}: {i.help}" for i in IMPORTERS.values())
    parser = argparse.ArgumentParser(
        prog="annotty import",
        description="Import annotated documents into the store. Nothing is written unless every "
        "document checks out. Formats: " + formats + ".",
    )
    parser.add_argument("path", metavar="PATH", help="the file (or, for brat, the folder) to import")
    parser.add_argument("--format", required=True, choices=list(IMPORTERS), help="the file's format")
    add_store_option(parser)
    parser.add_argument("--annotator", metavar="NAME",
                        help="store them as this annotator (default: as the file says, else the format's name)")
    parser.add_argument("--schema", metavar="FILE",
                        help="label schema (TOML) telling each label's kind, when the file does not say")
    parser.add_argument("--replace", action="store_true",
                        help="overwrite the annotator's existing annotations on these documents")
    parser.add_argument("--map", metavar="ROLE=LABEL,...",
                        help="brat attribution events: the labels for their Source, Content and Cue spans "
                        "(default Source=PERSON,Content=QUOTE; Content=CLAIM makes claims; Cue=CUE also keeps "
                        "the cue as a span)")
    parser.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
    return parser



def run(args: argparse.Namespace) -> int:
    from ..formats.importing import ImportContext, write_imports
    from ..formats.registry import IMPORTERS
    from ..schema import DEFAULT_SCHEMA, load_schema
    from ..store import Store, check_name

    schema = load_schema(args.schema) if args.schema else DEFAULT_SCHEMA
    annotator = check_name(args.annotator) if args.annotator else None
    path = Path(args.path)
    if not path.exists():
        raise AnnottyError("no such file or folder", path)
    if args.map and args.format != "brat":
        raise AnnottyError("--map is for brat attribution events (--format brat)")
    from ..formats.brat_attribution import parse_map

    context = ImportContext(label_kinds={label.name: label.kind for label in schema.labels},
                            role_labels=parse_map(args.map))
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
