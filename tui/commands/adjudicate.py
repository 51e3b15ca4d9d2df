"""annotty adjudicate: choose the final version where annotators disagree,
decision by decision, saved as a new annotator (gold by default)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from ..adjudication import Adjudication, Decision, adjudicate
from ..errors import AnnottyError
from ..store import Store, check_name
from .common import CommandParser, add_store_option, print_lines


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(prog="annotty adjudicate", description=__doc__)
    add_store_option(parser)
    parser.add_argument("--annotators", metavar="A,B",
                        help="whose work to adjudicate, in the order their variants are listed "
                             "(default: everyone but --into, by name)")
    parser.add_argument("--into", default="gold", metavar="NAME", help="the annotator the final version is saved as")
    parser.add_argument("--replace", action="store_true",
                        help="start again over an existing --into annotator (its recorded decisions are dropped)")
    return parser


def _recorded(store: Store, into: str, names: list[str], replace: bool) -> list[Decision]:
    """The decisions of an adjudication left halfway, to go on with."""
    record = store.decision_record(into)
    if replace:
        record.remove()
        return []
    recorded = record.read()
    if recorded is None:
        if store.annotated_documents(into):
            raise AnnottyError(f"{into} already has annotations here: --replace to adjudicate again", store.root)
        return []
    annotators, decisions = recorded
    if sorted(annotators) != sorted(names):
        raise AnnottyError(f"{into} is being adjudicated from {','.join(annotators)}: give --annotators "
                           f"{','.join(annotators)} to go on, or --replace to start again", record.path)
    try:
        return [Decision.from_dict(d) for d in decisions]
    except (KeyError, TypeError, ValueError):
        raise AnnottyError("decisions record is malformed", record.path) from None


def report(result: Adjudication, into: str) -> str:
    if not result.confirmed:
        return "annotty: nothing written"
    summary = result.summary()
    still = f"; {summary['pending']} still to decide (run adjudicate again to go on)" if summary["pending"] else ""
    return (
        f"annotty: {summary['decided_spans']} span and {summary['decided_links']} link decision(s), "
        f"{summary['unanimous_spans']} unanimous span(s) and {summary['unanimous_links']} link(s) accepted; "
        f"{into} holds {summary['gold_spans']} span(s) and {summary['gold_links']} link(s){still}"
    )


def open_adjudication(store: Store, names: list[str], into: str, replace: bool = False
                      ) -> tuple[Adjudication, Callable[[list[str]], None]]:
    """The adjudication of ``names`` (in that order) into ``into``, with the
    decisions already recorded, and how to save it: the decisions record
    first, then the gold version of the documents given."""
    missing = [name for name in names if name not in store.annotators()]
    if missing:
        raise AnnottyError(f"no annotations by {', '.join(missing)} in this store", store.root)
    if len(set(names)) < 2:
        raise AnnottyError("adjudication needs at least two annotators", store.root)
    if into in names:
        raise AnnottyError(f"--into {into} is one of the annotators adjudicated")
    decisions = _recorded(store, into, names, replace)
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
    result = adjudicate(by_annotator, texts, order=list(dict.fromkeys(names)), decisions=decisions)
    if not result.texts:
        raise AnnottyError(f"{', '.join(names)} have no document in common", store.root)
    record = store.decision_record(into)

    def save(doc_ids: list[str]) -> None:
        # The decisions first: the gold set is what they amount to, and is rebuilt from them.
        record.write(result.annotators, [d.to_dict() for d in result.decisions])
        for doc_id in doc_ids:
            store.write_annotations(documents[doc_id], into, result.final(doc_id))

    if result.confirmed:
        save(list(result.texts))  # what the annotators changed since is in the gold set from the start
    return result, save


def run(args: argparse.Namespace) -> int:
    store = Store(Path(args.store))
    if not (store.root / "annotators").is_dir():
        raise AnnottyError("no annotation store here (give --store DIR)", store.root)
    into = check_name(args.into)
    names = [check_name(n) for n in args.annotators.split(",")] if args.annotators else [
        name for name in store.annotators() if name != into
    ]
    with store.decision_record(into).held():
        result, save = open_adjudication(store, names, into, args.replace)

        from ..ui.adjudicate_app import AdjudicationApp

        app = AdjudicationApp(result, into, save)
        app.run()
    print_lines([report(result, into)])
    return 0
