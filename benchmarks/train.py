"""The figures of ``annotty train``: held-out scores, training time, suggesting speed.

    python benchmarks/train.py conll FILE [--max-minutes N] [--model MODEL] [--json]
    python benchmarks/train.py brat TRAIN_DIR DEV_DIR [--articles N] [--max-minutes N] [--json]

``conll``: FILE (e.g. wikigold.conll.txt) is imported with ``annotty import
FILE --format conll`` into a scratch store; a model is trained on it (the
trainer holds out a fifth of the documents by a hash of their ids) and its
strict per-label scores on the held-out documents are printed (``scores``:
the model alone; ``suggested``: the suggestions, each label from the model,
the rules or both as chosen there, ``sources``), with the
training time and the speed of suggesting with the model (articles of about
5 KB built from the held-out texts, on one core, best of 3 runs).

``brat``: an attribution corpus (PolNeAR-style Source/Cue/Content): the
first N articles of TRAIN_DIR (by name; default all) are imported with
``annotty import --format brat``, a model is trained on them, and DEV_DIR is
scored with the attribution figures of ``tui/attribution_eval.py`` (direct
and indirect attributions, speakers), for the learned suggestions and for
the rules alone.

The model is written to a scratch folder that is deleted at the end: a model
trained on a corpus without a licence must never be kept or shipped.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.attribution_speed import measure_speed
from tui.cli import main as annotty
from tui.errors import AnnottyError
from tui.learn.examples import gather
from tui.learn.model_folder import read_meta
from tui.learn.suggester import LearnedSuggester
from tui.learn.train import Settings, train


def _import(source: list[str], store: Path, fmt: str) -> None:
    if annotty(["import", *source, "--format", fmt, "--store", str(store)]) != 0:
        raise AnnottyError(f"import of {source[0]} failed")


def _train(store: Path, out: Path, max_minutes: float) -> tuple[dict, float]:
    gathered = gather(store)
    started = time.perf_counter()
    trained = train(gathered, out, settings=Settings(max_minutes=max_minutes),
                    progress=lambda p: print(f"\repoch {p.epoch} {p.done}/{p.total} held-out F1 "
                                             f"{p.score if p.score is None else round(p.score, 3)}",
                                             end="", file=sys.stderr, flush=True))
    print(file=sys.stderr)
    return trained.meta, time.perf_counter() - started


def conll(args, scratch: Path) -> dict:
    store = scratch / "store"
    _import([str(args.file)], store, "conll")
    model = args.model or scratch / "model"
    if args.model:  # trained before (on this FILE): only the speeds are measured again
        meta, seconds = read_meta(model), 0.0
    else:
        meta, seconds = _train(store, model, args.max_minutes)
    suggester = LearnedSuggester(model)
    held = [doc.text for doc in gather(store, patterns=meta["held_out"]).docs]
    speed = measure_speed(held, suggester=lambda text: suggester.suggest(text, limit=None), runs=3)
    every_core = _suggest_command_speed(held, model, scratch)
    return {"suggest_command_articles_per_second": every_core,
            "documents": meta["documents"], "epochs": meta["epochs"], "train_seconds": round(seconds, 1),
            "scores": meta["scores"], "micro": meta["micro"],
            "sources": meta["sources"], "suggested": meta["suggested"],
            "suggest_articles_per_second": round(speed.articles_per_second, 1),
            "suggest_article_chars": speed.mean_chars}


def _suggest_command_speed(texts: list[str], model: Path, scratch: Path, articles: int = 200) -> dict:
    """``annotty suggest FOLDER --model MODEL`` on ``articles`` articles of about 5 KB, by the
    clock on the wall (the model's loading included), on one core and on every core."""
    import contextlib
    import io

    from tui.attribution_speed import sized_articles
    from tui.forked import available_cores

    sized = sized_articles(texts)
    folder = scratch / "suggest-speed"
    folder.mkdir()
    for number in range(articles):
        (folder / f"{number:04d}.txt").write_text(sized[number % len(sized)], encoding="utf-8")
    figures = {}
    for jobs in sorted({1, available_cores()}):
        store = scratch / f"suggest-store-{jobs}"
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            code = annotty(["suggest", str(folder), "--model", str(model), "--store", str(store), "--jobs", str(jobs)])
        if code != 0:
            raise AnnottyError("annotty suggest failed")
        figures[f"jobs_{jobs}"] = round(articles / (time.perf_counter() - started), 1)
    return figures


def brat(args, scratch: Path) -> dict:
    from tui.attribution_eval import evaluate, load_gold

    names = sorted(p.stem for p in args.train.glob("*.ann"))
    if args.articles:
        names = names[:args.articles]
    picked = scratch / "train"
    picked.mkdir()
    chars = 0
    for name in names:
        for suffix in (".txt", ".ann"):
            shutil.copy(args.train / f"{name}{suffix}", picked / f"{name}{suffix}")
        chars += len((args.train / f"{name}.txt").read_text(encoding="utf-8"))
    store = scratch / "store"
    _import([str(picked)], store, "brat")
    meta, seconds = _train(store, scratch / "model", args.max_minutes)
    suggester = LearnedSuggester(scratch / "model")
    long_found, long_gold = _long_spans_found(store, meta, suggester)
    gold = load_gold(args.dev)
    learned = evaluate(gold, suggester=lambda text: suggester.suggest(text, limit=None)).ratios()
    rules = evaluate(gold).ratios()
    speed = measure_speed([d.text for d in gold], suggester=lambda text: suggester.suggest(text, limit=None),
                          runs=1)
    return {"train_articles": len(names), "train_mean_chars": round(chars / max(1, len(names))),
            "documents": meta["documents"], "epochs": meta["epochs"], "train_seconds": round(seconds, 1),
            "held_out_scores": meta["scores"], "speakers": meta["speakers"], "cues": meta.get("cues"),
            "sources": meta["sources"], "suggested": meta["suggested"],
            "dev_learned": learned, "dev_rules": rules,
            "held_out_quotes_of_60_words_or_more": {"gold": long_gold, "found_exactly": long_found},
            "suggest_articles_per_second": round(speed.articles_per_second, 1)}


def _long_spans_found(store: Path, meta: dict, suggester: LearnedSuggester) -> tuple[int, int]:
    """Of the held-out quotes and claims of 60 words or more, how many the model finds exactly."""
    found = gold = 0
    for doc in gather(store, patterns=meta["held_out"]).docs:
        long = {(s, e, label) for s, e, label in doc.spans if len(doc.text[s:e].split()) >= 60}
        if long:
            _entities, spans = suggester.predict(doc.text)
            gold += len(long)
            found += len(long & set(spans))
    return found, gold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/train.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-minutes", type=float, default=10.0)
    parser.add_argument("--json", action="store_true", help="one JSON object instead of indented lines")
    formats = parser.add_subparsers(dest="format", required=True)
    one = formats.add_parser("conll")
    one.add_argument("file", type=Path)
    one.add_argument("--model", type=Path, default=None,
                     help="a model trained on FILE before: measure the speeds again, without training")
    two = formats.add_parser("brat")
    two.add_argument("train", type=Path)
    two.add_argument("dev", type=Path)
    two.add_argument("--articles", type=int, default=0, help="train on the first N articles only")
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="annotty-train-bench-"))
    try:
        figures = conll(args, scratch) if args.format == "conll" else brat(args, scratch)
    except AnnottyError as error:
        print(f"train: {error}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(scratch, ignore_errors=True)  # the model with it: never kept
    print(json.dumps(figures, sort_keys=True) if args.json else json.dumps(figures, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
