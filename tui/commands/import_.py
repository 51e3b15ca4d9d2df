"""annotty import: take in documents annotated with other tools."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import AnnottyError
from .common import CommandParser, add_store_option, say

def build_parser() -> argparse.ArgumentParser:
    from ..formats.offsets import UNITS
    from ..formats.registry import IMPORTERS

    formats = "; ".join(f"{i.name}: {i.help}" for i in IMPORTERS.values())
    parser = CommandParser(
        prog="annotty import",
        description="Import annotated documents into the store. Nothing is written unless every "
        "document checks out. An import cut short can be run again as it was: documents already "
        "stored as imported are skipped. Formats: " + formats + ".",
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
    parser.add_argument("--annotator-map", action="append", metavar="USER=NAME", default=[],
                        help="label-studio only: store the annotations of this Label Studio user (its id, as in "
                        "completed_by, or its e-mail) as annotator NAME (repeatable)")
    parser.add_argument("--offsets", choices=UNITS, default=None,
                        help="doccano only: the file's offsets count UTF-16 units, as doccano's editor does "
                        "(utf16), or code points (default: as each line states, else utf16)")
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

    names = {}
    for pair in args.annotator_map:
        user, _, name = pair.partition("=")
        if not user.strip() or not name.strip():
            raise AnnottyError(f"--annotator-map takes USER=NAME, not {pair!r}")
        names[user.strip()] = check_name(name.strip())
    context = ImportContext(label_kinds={label.name: label.kind for label in schema.labels},
                            role_labels=parse_map(args.map),
                            options={"offsets": args.offsets, "annotator_map": names})
    items = list(IMPORTERS[args.format].read(path, context))
    if not items:
        raise AnnottyError("found no document to import", path)
    default = {"doccano-seq": "doccano"}.get(args.format, args.format)
    report = write_imports(Store(args.store), items, default, override=annotator, replace=args.replace,
                           dry_run=args.dry_run, report=context.report)
    for line in report.lines():
        say(line)
    done = "checked (nothing written)" if args.dry_run else f"imported into {args.store}"
    skipped = f"; {report.unchanged} already there as imported, skipped" if report.unchanged else ""
    say(f"{done}: {report.documents} document(s), {report.spans} span(s), {report.relations} relation(s){skipped}")
    return 0
