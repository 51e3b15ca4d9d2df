"""annotty grade: grade a student's annotations against an answer key.

    annotty grade --gold NAME [--key DIR|PACK] --annotator NAME [--json] [--report DIR]
    annotty grade --gold NAME [--key DIR|PACK] --all [--csv FILE] [--json] [--roster FILE] [--report DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import unicodedata
from pathlib import Path

from ..errors import AnnottyError
from ..gc_pause import gc_paused
from .common import CommandParser, add_store_option, print_json, print_lines, say

KIND_NAMES = {"quote": "speaker", "claim": "source"}


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="annotty grade",
        description="Grade an annotator against an answer key (the --gold annotator) on the documents both "
        "annotated: strict (same start, end and label) and partial (same label, overlapping; each span matched "
        "once, greedily by overlap) precision, recall and F1 per kind and label; whether found quotes and claims "
        "have the right speaker or source (overlapping the gold one or a COREF of it, or the same text up to "
        "case and spaces); and per document what was missed, extra or wrongly attributed.",
    )
    add_store_option(parser)
    parser.add_argument("--gold", required=True, metavar="NAME", help="the annotator whose annotations are the key")
    parser.add_argument("--key", metavar="DIR|PACK",
                        help="where the --gold annotator is, kept apart from the class store: a store folder "
                        "or a key pack (annotty pack --annotator NAME); its texts must be the store's")
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--annotator", metavar="NAME", help="the annotator to grade")
    who.add_argument("--all", action="store_true",
                     help="grade every annotator but the gold one: a gradebook and what the class missed most")
    parser.add_argument("--csv", metavar="FILE", help="with --all: also write the gradebook as CSV (atomically)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    parser.add_argument("--roster", metavar="FILE",
                        help="with --all: the class list (one name a line, or a CSV with a 'name' column): "
                        "lists the students who submitted nothing")
    parser.add_argument("--report", metavar="DIR",
                        help="write a feedback page (HTML) per student into DIR, and with --all an index.html")
    parser.add_argument("--top", type=int, default=5, metavar="N",
                        help="with --all: how many quotes, speakers and claims to list (default: 5)")
    parser.add_argument("--jobs", type=int, metavar="N",
                        help="with --all: grade in N processes at once (default: one per core, where the "
                        "system can fork; a class of fewer than 50 students takes one)")
    return parser


def run(args: argparse.Namespace) -> int:
    with gc_paused():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from ..answer_key import open_key, record_key
    from ..metrics.collect import check_annotators, open_store

    if args.csv and not args.all:
        raise AnnottyError("--csv writes the gradebook of --all: give --all")
    if args.roster and not args.all:
        raise AnnottyError("--roster lists who of the class submitted nothing: give --all")
    if args.top < 0:
        raise AnnottyError("--top needs a number of zero or more")
    if args.jobs is not None and args.jobs < 1:
        raise AnnottyError("--jobs needs a number of one or more")
    if args.csv and Path(args.csv).is_dir():
        raise AnnottyError("is a folder: give --csv a file name", args.csv)
    if args.report and Path(args.report).exists() and not Path(args.report).is_dir():
        raise AnnottyError("is a file: give --report a folder", args.report)
    roster = None
    if args.roster:
        from ..metrics.roster import read_roster

        roster = read_roster(args.roster)
    store = open_store(args.store)
    with open_key(args.gold, store, args.key) as answer:
        record_key(store.root, args.gold)  # so that serve --ask-name refuses it as a reader's name
        if args.all:
            return _grade_class(args, store, answer, roster)
        if args.annotator == args.gold:
            raise AnnottyError(f"{args.gold} is the answer key: grade another annotator")
        check_annotators(store, [args.annotator])
        return _grade_one(args, store, answer)


def _grade_class(args, store, answer, roster) -> int:
    students = [name for name in store.annotators() if name != args.gold]
    if not students and not roster:
        raise AnnottyError(f"no annotator to grade besides {args.gold}", store.root)
    from ..forked import available_cores
    from ..metrics.store_grading import grade_class_from_store

    # The gradebook only counts each student's extra and inexact spans: --json and --report list them.
    report, skipped = grade_class_from_store(store, args.gold, students, lists=bool(args.json or args.report),
                                             jobs=args.jobs or available_cores(),
                                             key_store=answer.store if answer.apart else None)
    _print_skipped(skipped)
    missing = []
    if roster is not None:
        from ..metrics.roster import submitted_nothing

        missing = submitted_nothing(roster, students)
    if args.report:
        from ..metrics.report import write_reports

        pages = write_reports(args.report, store, answer, report.students, missing,
                              jobs=args.jobs or available_cores())
        say(f"wrote {pages} feedback page(s) into {args.report}")
    return _run_all(args, report, missing)


def _grade_one(args, store, answer) -> int:
    from ..answer_key import same_texts
    from ..metrics.collect import collect

    common = set(answer.store.annotated_documents(args.gold)) & set(store.annotated_documents(args.annotator))
    if not common:
        raise AnnottyError(f"{args.gold} (the answer key) and {args.annotator} have no document in common",
                           store.root)
    same_texts(answer, store, sorted(common))
    if answer.apart:
        key_data, data = collect(answer.store, [args.gold]), collect(store, [args.annotator])
        _print_skipped(key_data.skipped + data.skipped)
        gold = key_data.annotations[args.gold]
    else:
        data = collect(store, [args.gold, args.annotator])
        _print_skipped(data.skipped)
        gold = data.annotations[args.gold]
    from ..metrics import grade

    result = grade(gold, data.annotations[args.annotator])
    if args.report:
        from ..metrics.report import write_reports

        write_reports(args.report, store, answer, {args.annotator: result}, [], index=False)
        say(f"wrote the feedback page of {args.annotator} into {args.report}")
    if args.json:
        print_json({"gold": args.gold, "annotator": args.annotator, **result.to_dict()})
    else:
        print_lines(grade_lines(result, args.gold, args.annotator))
    return 0


def _print_skipped(skipped: list[str]) -> None:
    if not skipped:
        return
    from ..formats.records import report_lines

    for line in report_lines([("skipped", skipped)]):
        say(line)


def _run_all(args, report, missing: list[str]) -> int:
    from ..atomic import atomic_writer

    for name, result in report.students.items():
        if not result.documents:
            say(f"{name} has no document in common with {args.gold}: not graded")
    rows = [gradebook_row(name, result) for name, result in report.students.items()]
    # In the CSV, who submitted nothing is a row with no document and no score.
    csv_rows = rows + [[name, 0] + [None] * 8 + [0, 0, None] for name in missing]
    if args.csv:
        try:
            with atomic_writer(args.csv) as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(GRADEBOOK_COLUMNS)
                for values in csv_rows:
                    writer.writerow(["" if v is None else f"{v:.4f}" if isinstance(v, float) else v for v in values])
        except OSError as error:
            raise AnnottyError(f"cannot write the gradebook ({error.strerror or error})", args.csv) from None
    if args.json:
        extra = {"submitted_nothing": missing} if args.roster else {}
        print_json({"gold": args.gold, **report.to_dict(), **extra})
    else:
        lines = gradebook_lines(report, args.gold, args.top, rows)
        if args.roster:
            lines += [f"submitted nothing ({len(missing)} of the roster):"]
            lines += [f"  {name}" for name in missing] or ["  none"]
        print_lines(lines)
    if args.csv:
        say(f"wrote the gradebook of {len(report.students)} annotator(s) to {args.csv}")
    return 0


# -- plain-text tables -------------------------------------------------------


def width(text: str) -> int:
    """Terminal columns of ``text`` (wide East Asian characters take two)."""
    if text.isascii():
        return len(text)  # one column each: the common case, without a look-up per character
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(header: list[str], rows: list[list[str]], align: str) -> list[str]:
    """Columns padded to their widest cell; ``align`` has an ``l`` or ``r`` per column."""
    widths = [max(width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = []
        for cell, size, how in zip(row, widths, align, strict=True):
            pad = " " * (size - width(cell))
            cells.append(cell + pad if how == "l" else pad + cell)
        lines.append("  ".join(cells).rstrip())
    return lines


def num(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def quoted(text: str, limit: int = 60) -> str:
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return json.dumps(text, ensure_ascii=False)


def where(span) -> str:
    return f"{span.label} {span.start}-{span.end} {quoted(span.text)}"


def grade_lines(result, gold: str, student: str) -> list[str]:
    docs = len(result.documents)
    head = f"{student} graded against {gold} on {docs} document{'s' if docs != 1 else ''}"
    if result.not_annotated:
        head += f" (not annotated by {student}, not graded: {', '.join(result.not_annotated)})"
    lines = [head, ""]
    rows = []

    def row(kind: str, label: str, counts) -> list[str]:
        s, p = counts.strict_scores, counts.partial_scores
        return [kind, label, str(counts.gold), str(counts.predicted),
                num(s.precision), num(s.recall), num(s.f1), num(p.precision), num(p.recall), num(p.f1)]

    by_label = result.by_label()
    for kind, total in result.by_kind().items():
        for (label_kind, label), counts in by_label.items():
            if label_kind == kind:
                rows.append(row(kind, label, counts))
        rows.append(row(kind, "(all)", total))
    rows.append(row("all", "(all)", result.total()))
    lines += table(["kind", "label", "gold", "student", "strict P", "R", "F1", "partial P", "R", "F1"],
                   rows, "llrrrrrrrr")
    lines.append("")
    attribution = result.attribution()
    rows = [[f"{kind} {KIND_NAMES.get(kind, '')}".strip(), str(a.correct), str(a.total), num(a.accuracy)]
            for kind, a in attribution.items()]
    total = result.attribution_total()
    rows.append(["all", str(total.correct), str(total.total), num(total.accuracy)])
    lines += table(["attribution", "correct", "total", "accuracy"], rows, "lrrr")
    if result.unattributed():
        lines.append(f"({result.unattributed()} found gold quote(s) or claim(s) have no gold speaker or source: "
                     "not graded)")
    from ..metrics.explain import mistakes

    for doc_id, doc in result.documents.items():
        items = [f"  {m.outcome:<13} {where(m.span)}: {m.explanation}" for m in mistakes(doc, student)]
        total = doc.total()
        lines += ["", f"{doc_id}: strict F1 {num(total.strict_scores.f1)}, partial F1 {num(total.partial_scores.f1)}, "
                  f"attribution {doc.attribution_total().correct}/{doc.attribution_total().total}"]
        lines += items or ["  nothing missed, extra, inexact, wrongly labelled or wrongly attributed"]
    return lines


GRADEBOOK_COLUMNS = [
    "annotator", "documents", "strict_f1", "partial_f1",
    "entity_strict_f1", "entity_partial_f1", "quote_strict_f1", "quote_partial_f1",
    "claim_strict_f1", "claim_partial_f1", "attribution_correct", "attribution_total", "attribution_accuracy",
]


def gradebook_row(name: str, result) -> list:
    from ..metrics.matching import sum_counts

    by_kind, attribution = result.by_kind(), result.attribution_total()
    total = sum_counts(by_kind.values())  # = result.total(), without summing every document again
    row = [name, len(result.documents), total.strict_scores.f1, total.partial_scores.f1]
    for kind in ("entity", "quote", "claim"):
        row += [by_kind[kind].strict_scores.f1, by_kind[kind].partial_scores.f1]
    return row + [attribution.correct, attribution.total, attribution.accuracy]


def gradebook_lines(report, gold: str, top: int, rows: list[list] | None = None) -> list[str]:
    """The gradebook as text; ``rows``: the students' ``gradebook_row``, if already made."""
    if rows is None:
        rows = [gradebook_row(name, result) for name, result in report.students.items()]
    cells_of = []
    for values in rows:
        cells = [values[0], str(values[1])] + [num(v) for v in values[2:10]]
        cells.append(f"{num(values[12])} ({values[10]}/{values[11]})")
        cells_of.append(cells)
    header = ["annotator", "docs", "strict F1", "partial F1", "entity s", "entity p", "quote s", "quote p",
              "claim s", "claim p", "attribution"]
    lines = [f"{len(report.students)} annotator(s) graded against {gold} (s: strict F1, p: partial F1)", ""]
    lines += table(header, cells_of, "lrrrrrrrrrl")
    lines += ["", "quotes most often missed:"]
    lines += [f"  missed by {t.missed} of {t.graded}  {t.doc_id} {t.span.start}-{t.span.end} {quoted(t.span.text)}"
              for t in report.missed_quotes[:top]] or ["  none"]
    lines += ["speakers and sources most often confused:"]
    lines += [f"  {count}x  key {quoted(g)}, linked {quoted(s) if s is not None else 'nothing'}"
              for g, s, count in report.confusions[:top]] or ["  none"]
    lines += ["claims least often found:"]
    lines += [f"  found by {t.found} of {t.graded}  {t.doc_id} {t.span.start}-{t.span.end} {quoted(t.span.text)}"
              for t in report.unfound_claims[:top]] or ["  none"]
    return lines
