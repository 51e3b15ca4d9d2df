"""annotty train: learn suggestions from the store's annotations."""

from __future__ import annotations

import argparse

from .common import CommandParser, add_store_option, print_lines, say


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="annotty train",
        description="Train a model on the store's annotations (entities; quotes and claims, the cues that open "
        "them, and their speakers and sources), from a blank spaCy pipeline on this computer: nothing is "
        "downloaded. Part of the documents is held out and scored after each epoch; training stops when "
        "that score stops improving, or at --max-minutes. Use the model with 'annotty suggest --model MODEL' or "
        "'annotty ARTICLES --model MODEL' (G).",
    )
    add_store_option(parser)
    parser.add_argument("--annotator", action="append", metavar="NAME",
                        help="learn from this annotator's work (repeat for several; default: everyone in the store)")
    parser.add_argument("--doc", action="append", metavar="PATTERN",
                        help="only documents whose id matches this shell pattern (repeat for several)")
    parser.add_argument("--out", required=True, metavar="MODEL", help="folder to write the model to")
    parser.add_argument("--labels", nargs="+", metavar="LABEL",
                        help="labels to learn (default: every label with enough examples)")
    parser.add_argument("--max-minutes", type=float, default=10.0, metavar="N",
                        help="stop training after N minutes (default: 10)")
    parser.add_argument("--max-epochs", type=int, default=50, metavar="N",
                        help="stop after N passes over the training documents (default: 50)")
    parser.add_argument("--lang", default=None, metavar="CODE",
                        help="language of the blank pipeline (default: guessed from the texts)")
    return parser


def run(args: argparse.Namespace) -> int:
    from ..errors import AnnottyError
    from ..learn.examples import gather, labels_to_train
    from ..learn.pipeline import require_spacy

    require_spacy()  # before reading the store: the one line saying what to install
    if args.max_minutes <= 0:
        raise AnnottyError(f"--max-minutes must be more than 0 (got {args.max_minutes:g})")
    if args.max_epochs < 1:
        raise AnnottyError(f"--max-epochs must be 1 or more (got {args.max_epochs})")
    gathered = gather(args.store, args.annotator, args.doc, args.labels)
    labels_to_train(gathered, args.labels)  # too few: said before the progress bar shows
    trained = _train_with_bar(gathered, args)
    meta = trained.meta
    rows = [f"{'label':<12} {'precision':>9} {'recall':>7} {'F1':>6} {'held-out':>8}"]
    for score in trained.scores + ([trained.micro] if trained.micro else []):
        rows.append(f"{score.label:<12} {score.precision:>9.3f} {score.recall:>7.3f} {score.f1:>6.3f} "
                    f"{score.support:>8}")
    docs = meta["documents"]
    rows.append(f"strict scores on {docs['held_out']} held-out document(s); trained on {docs['train']} "
                f"for {meta['epochs']} epoch(s), {meta['seconds']:.0f} s")
    if meta.get("speakers"):
        speakers = meta["speakers"]
        rules = speakers["rules_accuracy"]
        rows.append(f"speakers: {_share(speakers['accuracy'])} of held-out links right "
                    f"(rules: {_share(rules)}), from {speakers['links']} link(s)")
    if meta.get("cues"):
        cues = meta["cues"]
        rows.append(f"cues: learned from {cues['cues']} recorded cue(s); held-out indirect statements "
                    f"{_share(cues['precision'])} precise, quotes and claims overlapped {_share(cues['recall'])} "
                    f"(threshold {cues['threshold']:g})")
    if meta["not_trained"]:
        left = ", ".join(f"{label} ({count})" for label, count in meta["not_trained"].items())
        rows.append(f"too few examples to learn, left to the rules: {left}")
    print_lines(rows)
    say(f"model written to {trained.out}")
    return 0


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _train_with_bar(gathered, args):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..learn.train import Settings, train

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("docs"),
               TimeElapsedColumn())
    # On standard error: standard output keeps the table of scores.
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task("epoch 1", total=None)

        def show(progress) -> None:
            score = "-" if progress.score is None else f"{progress.score:.3f}"
            best = "-" if progress.best is None else f"{progress.best:.3f}"
            bar.update(task, completed=progress.done, total=progress.total,
                       description=f"epoch {progress.epoch} · held-out F1 {score} (best {best})")

        settings = Settings(max_minutes=args.max_minutes, max_epochs=args.max_epochs, lang=args.lang)
        return train(gathered, args.out, args.labels, settings, progress=show)
