"""The attribution figures of the built-in suggester on a brat attribution corpus.

    python benchmarks/attribution.py CORPUS [--json] [--runs N] [--no-speed] [--examples N]

CORPUS is a folder of .txt/.ann pairs with attribution events (Source, Cue,
Content), e.g. the PolNeAR dev split. The gold is what ``annotty import
CORPUS --format brat`` makes of it; the figures and their definitions are in
``tui/attribution_eval.py``. Prints a table, or with ``--json`` one object
(``figures``, ``counts``, ``speed``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.attribution_eval import Figures, evaluate, load_gold, measure_speed, table
from tui.errors import AnnottyError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/attribution.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder of brat .txt/.ann with attribution events")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument("--runs", type=int, default=7, help="timed runs for the speed, best kept (default 7)")
    parser.add_argument("--no-speed", action="store_true", help="leave the speed out")
    parser.add_argument("--examples", type=int, default=0, metavar="N",
                        help="also show up to N failures of each kind (missed quotes, wrong speakers...)")
    args = parser.parse_args(argv)
    try:
        documents = load_gold(args.corpus)
    except AnnottyError as error:
        print(f"attribution: {error}", file=sys.stderr)
        return 2
    if not documents:
        print(f"attribution: {args.corpus}: no articles", file=sys.stderr)
        return 2
    figures = evaluate(documents, figures=Figures(keep_examples=max(0, args.examples)))
    if not args.no_speed:
        figures.speed = measure_speed([d.text for d in documents], runs=max(1, args.runs))
    if args.json:
        print(json.dumps(figures.as_dict(), indent=2, sort_keys=True))
    else:
        print(table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
