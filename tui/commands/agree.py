"""annotty agree: how far annotators agree on the documents they all annotated.

    annotty agree [--store DIR] [--annotators A,B,...] [--json]
"""

from __future__ import annotations

import argparse

from ..errors import AnnottyError
from .common import CommandParser, add_store_option, print_json, print_lines, say


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="annotty agree",
        description="Agreement between annotators on the documents they all annotated: span F1 for every pair "
        "and label (strict: same start, end and label; partial: same label, overlapping), and per label, with "
        "every character a unit (has the label or not): Cohen's kappa (two annotators), Fleiss' kappa and "
        "Krippendorff's alpha (nominal).",
    )
    add_store_option(parser)
    parser.add_argument("--annotators", metavar="A,B,...",
                        help="comma-separated annotators to compare (default: all in the store)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    return parser


def run(args: argparse.Namespace) -> int:
    from ..gc_pause import gc_paused

    with gc_paused():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from ..formats.records import report_lines
    from ..metrics.agreement import agreement
    from ..metrics.collect import collect, open_store

    store = open_store(args.store)
    if args.annotators is not None:
        names = [name.strip() for name in args.annotators.split(",") if name.strip()]
        if len(set(names)) != len(names):
            raise AnnottyError("--annotators names an annotator twice")
    else:
        names = store.annotators()
    if len(names) < 2:
        raise AnnottyError(f"agreement needs two annotators or more (found {len(names)})", store.root)
    data = collect(store, names)
    for line in report_lines([("skipped", data.skipped)]):
        say(line)
    result = agreement(data.annotations, data.texts)
    if args.json:
        print_json(result.to_dict())
    else:
        print_lines(agreement_lines(result))
    return 0


def agreement_lines(result) -> list[str]:
    from .grade import num, table

    docs = len(result.documents)
    lines = [f"{len(result.annotators)} annotators ({', '.join(result.annotators)}) on {docs} shared "
             f"document{'s' if docs != 1 else ''}, {result.units} characters", ""]
    two = len(result.annotators) == 2
    header = ["kind", "label", "chars"] + (["Cohen kappa"] if two else []) + [
        "Fleiss kappa", "Krippendorff alpha", "strict F1", "partial F1"]
    rows = []
    for value in result.labels.values():
        chars = "/".join(str(c) for c in value.coverage) if len(value.coverage) <= 4 else str(sum(value.coverage))
        rows.append([value.kind, value.label, chars] + ([num(value.cohen_kappa)] if two else []) + [
            num(value.fleiss_kappa), num(value.krippendorff_alpha), num(value.strict_f1), num(value.partial_f1)])
    lines += table(header, rows, "llr" + "r" * (len(header) - 3))
    lines.append("(chars: characters each annotator gave the label" + ("" if len(result.annotators) <= 4 else
                 ", summed") + "; F1: mean over the pairs)")
    labels = list(result.labels)
    rows = []
    for pair in result.pairs:
        total = pair.total()
        cells = [pair.a, pair.b, num(total.strict_scores.f1), num(total.partial_scores.f1)]
        for key in labels:
            counts = pair.counts.get(key)
            cells.append("-" if counts is None else
                         f"{num(counts.strict_scores.f1)}/{num(counts.partial_scores.f1)}")
        rows.append(cells)
    lines += ["", "pairs (per label: strict/partial F1):"]
    lines += table(["a", "b", "strict F1", "partial F1"] + [label for _kind, label in labels], rows,
                   "llrr" + "r" * len(labels))
    return lines
