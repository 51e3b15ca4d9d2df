"""The archive benchmark: a folder of 30,000 short articles against 100.

    python benchmarks/archive.py                 # 100 and 30,000 articles of ~4 KB
    python benchmarks/archive.py --sizes 100,30000,100000 --runs 3

For each folder (generated into a temporary folder): the first frame in a
real terminal (tmux, 120x40, a fresh store); the corpus index's first build
(in-process) and its size; ``ctrl+o`` until the article list is shown (the
app started on a store with its index built); corpus find of a name typed
without its accents (in-process, through the index; warm: the first of the
runs, which reads the articles, is printed apart) against
``grep -rlF`` of the exact name over the same folder (warm). Medians of
``--runs``, with their range; each size as a ratio of the first. The
launches go round by round, each size in turn.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from datagen import ORGS, PEOPLE  # noqa: E402  found through the sys.path line above
from tmuxdrive import Tmux, clean_env  # noqa: E402  found through the sys.path line above

from tui.loading import find_articles  # noqa: E402  found through the sys.path line above
from tui.schema import DEFAULT_SCHEMA  # noqa: E402  found through the sys.path line above
from tui.store import Store  # noqa: E402  found through the sys.path line above
from tui.workspace import Workspace  # noqa: E402  found through the sys.path line above

NEEDLE = "Ayşe Yılmaz"  # in one article of 100
TYPED = "ayse yilmaz"  # as typed on a keyboard without Turkish letters
WORDS = [
    "the", "council", "said", "on", "Monday", "that", "its", "budget", "would", "be", "reviewed", "after", "a", "long",
    "debate", "about", "schools,", "roads", "and", "the", "hospital,", "which", "officials", "described", "as",
    "“urgent”", "while", "critics", "called", "the", "plan", "a", "“distraction”", "from", "rising", "costs",
]


def generate(folder: Path, count: int, seed: int = 17) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    for n in range(count):
        person, org = rng.choice(PEOPLE), rng.choice(ORGS)
        lines = [f"Story {n:06d}: {org} under pressure", "", f"By {rng.choice(PEOPLE)}", "",
                 f"{person} of {org} spoke on Monday."]
        if n % 100 == 50:
            lines.append(f"Minister {NEEDLE} said we’ll reopen the bridge.")
        size = sum(len(line) for line in lines)
        while size < 4000:
            sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 24))).capitalize() + "."
            lines.append(sentence)
            size += len(sentence) + 1
        sub = folder / f"{n // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"story-{n:06d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def first_frame(tmux: Tmux, annotty: list[str], folder: Path, store: Path) -> float:
    name, start = tmux.launch([*annotty, str(folder), "--store", str(store), "--annotator", "bench"], folder)
    seen, _ = tmux.wait_for(name, "Story 000000", timeout=120)
    tmux.kill(name)
    return seen - start


def list_shown(tmux: Tmux, annotty: list[str], folder: Path, store: Path, refresh: float) -> float:
    name, _start = tmux.launch([*annotty, str(folder), "--store", str(store), "--annotator", "bench"], folder)
    tmux.wait_for(name, "Story 000000", timeout=120)
    # The index's refresh (a stat per file) runs after the first frame: what
    # is measured is the list, not the list sharing the processor with it.
    time.sleep(1.0 + 2 * refresh)
    tmux.wait_stable(name, 0.3)
    start = time.perf_counter()
    tmux.send(name, "C-o")
    seen, _screen = tmux.wait_for(name, "filter by title", timeout=120)
    tmux.kill(name)
    return seen - start


def median(values: list[float]) -> float:
    return statistics.median(values)


def spread(values: list[float], unit: float = 1.0) -> str:
    """The range of the runs, as ``low–high`` (in ``unit``: 0.001 for ms)."""
    digits = 0 if unit < 1 else 2
    return f"{min(values) / unit:.{digits}f}–{max(values) / unit:.{digits}f}"


def measure(root: Path, sizes: list[int], runs: int, tmux: Tmux, annotty: list[str]) -> list[dict]:
    """Every figure of every size. The launches go round by round, each size
    in turn, so that a change in the machine's load moves all sizes alike."""
    folders = {count: root / f"a{count}" for count in sizes}
    for count, folder in folders.items():
        if not folder.exists():
            started = time.perf_counter()
            generate(folder, count)
            print(f"  generated {count} articles in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    results: dict[int, dict] = {count: {"articles": count, "first_frame_runs": [], "list_runs": []}
                                for count in sizes}
    for i in range(runs):
        for count in sizes:
            fresh = root / f"fresh-{count}-{i}"
            results[count]["first_frame_runs"].append(first_frame(tmux, annotty, folders[count], fresh))
            shutil.rmtree(fresh, ignore_errors=True)  # an index half built: disk, not figures
    workspaces = {}
    for count in sizes:
        result, store = results[count], root / f"store-{count}"
        shutil.rmtree(store, ignore_errors=True)
        workspace = workspaces[count] = Workspace(find_articles([folders[count]]), Store(store), "bench",
                                                  DEFAULT_SCHEMA)
        started = time.perf_counter()
        assert workspace.corpus_index.update(), workspace.corpus_index.failed
        result["index_build"] = time.perf_counter() - started
        result["index_mb"] = sum(p.stat().st_size for p in store.glob("corpus-index.sqlite*")) / 1e6
        started = time.perf_counter()
        workspace.corpus_index.update()
        result["index_refresh"] = time.perf_counter() - started
    for _ in range(runs):
        for count in sizes:
            result = results[count]
            result["list_runs"].append(list_shown(tmux, annotty, folders[count], root / f"store-{count}",
                                                  result["index_refresh"]))
    for count in sizes:
        result = results[count]
        finds, grep = [], []
        for _ in range(runs + 1):  # find and grep in turn; the first of each is not counted (warm-up)
            started = time.perf_counter()
            matches = workspaces[count].find_everywhere(TYPED)
            finds.append(time.perf_counter() - started)
            started = time.perf_counter()
            out = subprocess.run(["grep", "-rlF", NEEDLE, str(folders[count])], capture_output=True,
                                 check=False).stdout
            grep.append(time.perf_counter() - started)
        assert len(matches) == len(range(50, count, 100)), len(matches)
        result["find_runs"], result["find_first"], result["find_matches"] = finds[1:], finds[0], len(matches)
        result["grep_runs"], result["grep_files"] = grep[1:], out.count(b"\n")
        for figure in ("first_frame", "list", "find", "grep"):
            result[figure] = median(result[f"{figure}_runs"])
    return [results[count] for count in sizes]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,30000",
                        help="folder sizes, the first the one the others are compared with (default: 100,30000; "
                             "100,30000,100000 adds an archive of 100,000, about 0.5 GB under the temporary folder)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median; default: 3)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    script = Path(sys.executable).parent / "annotty"
    annotty = [str(script)] if script.exists() else [sys.executable, "-m", "tui"]
    with tempfile.TemporaryDirectory(prefix="annotty-archive-") as temp:
        root = Path(temp)
        env = clean_env(root / "pycache")
        env["PYTHONPATH"] = str(HERE.parent)
        tmux = Tmux(root, env)
        try:
            # One launch unmeasured: the first compiles annotty's bytecode into a fresh cache.
            generate(root / "warm-up", 1)
            first_frame(tmux, annotty, root / "warm-up", root / "warm-up-store")
            results = measure(root, sizes, args.runs, tmux, annotty)
        finally:
            tmux.close()
    base = results[0]
    print(f"medians of {args.runs} runs (the range of the runs in brackets)")
    print(f"{'articles':>9} {'first frame':>20} {'list shown':>20} {'find':>16} {'grep -rlF':>16} "
          f"{'index build':>12} {'index size':>11} {'refresh':>8}")
    for r in results:
        print(f"{r['articles']:>9,} {r['first_frame']:>6.2f} s ({spread(r['first_frame_runs'])}) "
              f"{r['list']:>6.2f} s ({spread(r['list_runs'])}) "
              f"{r['find'] * 1000:>4.0f} ms ({spread(r['find_runs'], 0.001)}) "
              f"{r['grep'] * 1000:>4.0f} ms ({spread(r['grep_runs'], 0.001)}) "
              f"{r['index_build']:>10.1f} s {r['index_mb']:>8.1f} MB {r['index_refresh']:>6.2f} s")
    for r in results[1:]:
        print(f"{r['articles']:,} vs {base['articles']:,}: first frame {r['first_frame'] / base['first_frame']:.2f}x, "
              f"list {r['list'] / base['list']:.2f}x, find {r['find'] / r['grep']:.2f}x grep "
              f"({r['find_matches']} matches, grep: {r['grep_files']} files; the first find, its articles "
              f"read: {r['find_first'] * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("LANG", "C.UTF-8")
    sys.exit(main())
