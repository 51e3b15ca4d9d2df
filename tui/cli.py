"""The ``annotty`` command: argument parsing only; the work is in the core.

    annotty [PATH ...]             open articles (files or folders) to annotate
    annotty COMMAND ...            a command from tui/commands/ (export, import, ...)
"""

from __future__ import annotations

import argparse
import sys

from . import __version__
from .commands import COMMANDS, find_command
from .commands.common import CommandParser, add_store_option, default_annotator, say
from .errors import AnnottyError


def build_open_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="annotty",
        description="Read news articles and annotate entities, quotes and claims, by keyboard. "
        f"Other commands: {', '.join(COMMANDS)} ('annotty COMMAND --help').",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="article files (.txt, .md) or folders of them; default: the bundled sample")
    add_store_option(parser)
    parser.add_argument("--annotator", default=None, metavar="NAME",
                        help="whose annotations these are (default: your login name)")
    parser.add_argument("--schema", metavar="FILE", help="label schema (TOML); default: the built-in one")
    parser.add_argument("--no-snap", action="store_true", help="tag selections exactly, without snapping to words")
    parser.add_argument("--read-only", action="store_true", help="look without changing anything")
    parser.add_argument("--ask-name", action="store_true",
                        help="ask who is annotating when the app starts (annotty serve --ask-name uses it)")
    parser.add_argument("--gold", metavar="NAME",
                        help="the annotator whose work is the answer key: ctrl+k compares yours with it")
    parser.add_argument("--version", action="version", version=f"annotty {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        command = find_command(argv[0]) if argv else None
        if command is not None:
            return command.run(command.build_parser().parse_args(argv[1:]))
        return run_open(build_open_parser().parse_args(argv))
    except AnnottyError as error:
        say(str(error))
        return 1
    except OSError as error:
        # What no command foresaw (a folder it may not write, a full disk): still one line naming the file.
        where = f"{error.filename}: " if error.filename else ""
        print(f"annotty: {where}{error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def run_open(args: argparse.Namespace) -> int:
    from .folder_check import check_to_open
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
    gold = check_name(args.gold) if args.gold else None
    # Every readable article opens; the others are named, with why, in one
    # warning once the corpus index (or a check after the first frame) has read them.
    report = check_to_open(paths)
    if not report.readable:
        if len(report.problems) == 1:
            raise report.problems[0][1]
        raise AnnottyError(report.warning())
    workspace = Workspace(report.readable, Store(args.store), annotator, schema, read_only=args.read_only, gold=gold)

    from .ui.app import AnnottyApp

    # The annotations load after the first frame (AnnottyApp without a session).
    app = AnnottyApp(workspace, ask_name=args.ask_name, opening=report)
    app.run()
    return app.return_code or 0  # 1 when closing could not save everything



if __name__ == "__main__":
    sys.exit(main())
