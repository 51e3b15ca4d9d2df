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
from .terminal_text import one_line


def build_open_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="annotty",
        description="Read news articles and annotate entities, quotes and claims, by keyboard. "
        f"Other commands: {', '.join(COMMANDS)} ('annotty COMMAND --help').",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="article files (.txt .md .html .htm .xml .jsonl) or folders of them; "
                        "default: the bundled sample")
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
    parser.add_argument("--key", metavar="DIR|PACK",
                        help="where the --gold annotator is: a store folder or a key pack (annotty pack), "
                        "kept apart from the class store")
    parser.add_argument("--protect", metavar="NAME,...",
                        help="names no one may annotate as here (answer keys); with --ask-name, the store's "
                        "recorded answer keys too")
    parser.add_argument("--model", metavar="MODEL",
                        help="suggestions (G) from a model 'annotty train' wrote; the rules fill what it leaves")
    parser.add_argument("--retrain-every", type=int, default=None, metavar="N",
                        help="with --model: retrain it in the background after every N new or corrected "
                        "annotations (default: 25; 0: never)")
    parser.add_argument("--version", action="version", version=f"annotty {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        try:
            code = _run(argv)
            sys.stdout.flush()  # a reader that has gone (| head) is noticed here, not at exit
            return code
        except BrokenPipeError:
            _discard_stdout()
            return 141  # as a command killed by SIGPIPE, quietly
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


def _run(argv: list[str]) -> int:
    command = find_command(argv[0]) if argv else None
    if command is not None:
        return command.run(command.build_parser().parse_args(argv[1:]))
    mistyped = _resembled_command(argv)
    if mistyped:
        print(f"annotty: {argv[0]}: no such file or folder, nor command; did you mean 'annotty {mistyped}'?",
              file=sys.stderr)
        return 2
    return run_open(build_open_parser().parse_args(argv))


def _resembled_command(argv: list[str]) -> str | None:
    """The command a first argument that is neither a command nor a path resembles ("expor": "export")."""
    if not argv or argv[0].startswith("-"):
        return None
    from pathlib import Path

    if Path(argv[0]).exists():
        return None
    import difflib

    close = difflib.get_close_matches(argv[0], COMMANDS, n=1, cutoff=0.6)
    return close[0] if close else None


def _discard_stdout() -> None:
    """What is still buffered for a closed pipe goes nowhere, so that exiting does not fail on it."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # stdout is not a file (a test capturing it): nothing to flush at exit


def run_open(args: argparse.Namespace) -> int:
    from .gc_pause import gc_paused

    # Until the first frame (the app resumes collecting then): start-up only
    # builds objects that live as long as the app.
    with gc_paused():
        return _open(args)


def _open(args: argparse.Namespace) -> int:
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
    from .answer_key import open_key, protected_names, record_key, refuse_protected

    store = Store(args.store)
    protected = frozenset(check_name(n.strip()) for n in (args.protect or "").split(",") if n.strip())
    if args.ask_name:
        protected = protected_names(store.root, args.protect)
    annotator = check_name(args.annotator or default_annotator())
    if not args.ask_name:  # else a placeholder: each reader gives their name, checked then
        refuse_protected(annotator, protected)
    if args.key and not args.gold:
        raise AnnottyError("--key says where the answer key is: give its name with --gold NAME")
    # Every readable article opens; the others are named, with why, in one
    # warning once the corpus index (or a check after the first frame) has read them.
    report = check_to_open(paths)
    if not report.readable:
        if len(report.problems) == 1:
            raise report.problems[0][1]
        raise AnnottyError(report.warning())
    if args.retrain_every is not None and not args.model:
        raise AnnottyError("--retrain-every retrains a model: give it with --model MODEL")
    if args.retrain_every is not None and args.retrain_every < 0:
        raise AnnottyError(f"--retrain-every must be 0 (never) or more (got {args.retrain_every})")
    if args.model:
        from .learn.model_folder import check_model

        check_model(args.model)  # one line now, not at the first G
    # An unknown key fails here, in one line, before the app starts.
    answer = open_key(args.gold, store, args.key) if args.gold else None
    try:
        if answer is not None and not args.read_only:
            record_key(store.root, answer.name)
        workspace = Workspace(report.readable, store, annotator, schema, read_only=args.read_only, gold=args.gold,
                              key_store=answer.store if answer else None, protected=protected)
        # A bad article fails here, before the screen changes (in a folder, only if none loads).
        start, skipped = workspace.first_readable()

        from .ui.app import AnnottyApp

        # The annotations load after the first frame (AnnottyApp without a session).
        app = AnnottyApp(workspace, ask_name=args.ask_name, start=start, skipped=skipped, opening=report,
                         model=_model_in_loop(args))
        app.run()
    finally:
        if answer is not None:
            answer.close()
    if app.return_code:
        return app.return_code  # 1 when closing could not save everything (it said what and where)
    if not args.read_only and not args.ask_name:
        print(one_line(f"annotty: your annotations are saved in {workspace.saved_in}"))
    return 0


def _model_in_loop(args: argparse.Namespace):
    if not args.model:
        return None
    from .ui.retraining import RETRAIN_EVERY, ModelInLoop

    every = RETRAIN_EVERY if args.retrain_every is None else args.retrain_every
    return ModelInLoop(args.model, 0 if args.read_only else every)


if __name__ == "__main__":
    sys.exit(main())
