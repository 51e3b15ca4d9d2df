"""annotty adjudicate: choose the final version where annotators disagree,
saved as a new annotator (gold by default)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..adjudication import adjudicate
from ..errors import AnnottyError
from ..store import Store, check_name
from .common import CommandParser, add_store_option, say


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(prog="annotty adjudicate", description=__doc__)
    add_store_option(parser)
    parser.add_argument("--annotators", metavar="A,B", help="whose work to adjudicate (default: everyone but --into)")
    parser.add_argument("--into", default="gold", metavar="NAME", help="the annotator the final version is saved as")
    parser.add_argument("--replace", action="store_true", help="start again over an existing --into annotator")
    return parser


def run(args: argparse.Namespace) -> int:
    store = Store(Path(args.store))
    if not (store.root / "annotators").is_dir():
        raise AnnottyError("no annotation store here (give --store DIR)", store.root)
    into = check_name(args.into)
    names = [check_name(n) for n in args.annotators.split(",")] if args.annotators else [
        name for name in store.annotators() if name != into
    ]
    missing = [name for name in names if name not in store.annotators()]
    if missing:
        raise AnnottyError(f"no annotations by {', '.join(missing)} in this store", store.root)
    if len(names) < 2:
        raise AnnottyError("adjudication needs at least two annotators", store.root)
    if into in names:
        raise AnnottyError(f"--into {into} is one of the annotators adjudicated")
    if store.annotated_documents(into) and not args.replace:
        raise AnnottyError(f"{into} already has annotations here: --replace to adjudicate again", store.root)
    texts: dict[str, str] = {}
    documents = {}
    by_annotator: dict = {}
    for name in names:
        by_annotator[name] = {}
        for doc_id in store.annotated_documents(name):
            if doc_id not in documents:
                documents[doc_id] = store.load_document(doc_id)
                texts[doc_id] = documents[doc_id].text
            by_annotator[name][doc_id] = store.load_annotations(name, doc_id, texts[doc_id])[0]
    result = adjudicate(by_annotator, texts)
    if not result.texts:
        raise AnnottyError(f"{', '.join(names)} have no document in common", store.root)

    def save(doc_id: str) -> None:
        store.write_annotations(documents[doc_id], into, result.final(doc_id))

    from ..ui.adjudicate_app import AdjudicationApp

    app = AdjudicationApp(result, into, save)
    app.run()
    say(f"{result.decided} of {len(result.places)} place(s) decided; saved as {into}"
        if app.confirmed else "nothing written")
    return 0
