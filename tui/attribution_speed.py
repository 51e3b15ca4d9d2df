"""How fast the suggester runs: articles of about 5 KB per second on one
core, beside a baseline (reading the same files and splitting them into
paragraphs and sentences), as ``tui/attribution_eval.py`` reports it."""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Speed:
    """Articles per second of CPU time on one core: on a shared machine the
    clock on the wall also counts the time other programs had the core, so
    ``wall_per_second`` is kept beside it."""

    articles: int
    mean_chars: int
    articles_per_second: float
    baseline_per_second: float
    wall_per_second: float = 0.0

    @property
    def ratio(self) -> float:
        """How many times longer suggesting takes than reading and splitting."""
        return round(self.baseline_per_second / self.articles_per_second, 1) if self.articles_per_second else 0.0


_SPLIT = re.compile(r"\n\s*\n|(?<=[.!?…])\s+")


def sized_articles(texts: Iterable[str], size: int = 5000) -> list[str]:
    """Each text's paragraphs, repeated when it is short, up to about ``size`` characters."""
    articles = []
    for text in texts:
        paragraphs = [p for p in text.split("\n") if p.strip()]
        if not paragraphs:
            continue
        out: list[str] = []
        index = 0
        while sum(len(p) + 2 for p in out) < size:
            out.append(paragraphs[index % len(paragraphs)])
            index += 1
        articles.append("\n\n".join(out) + "\n")
    return articles


def measure_speed(texts: Iterable[str], suggester: Callable | None = None, runs: int = 3,
                  size: int = 5000) -> Speed:
    if suggester is None:
        from .suggest import suggest

        suggester = suggest
    articles = sized_articles(texts, size)
    pinned = _pin_to_one_core()
    try:
        with tempfile.TemporaryDirectory() as folder:
            paths = []
            for number, article in enumerate(articles):
                path = Path(folder) / f"{number:04d}.txt"
                path.write_text(article, encoding="utf-8")
                paths.append(path)

            def baseline() -> None:
                for path in paths:
                    _SPLIT.split(path.read_text(encoding="utf-8"))

            def suggesting() -> None:
                for path in paths:
                    suggester(path.read_text(encoding="utf-8"))

            suggesting()  # warm up: imports, compiled patterns
            best_base = min(_timed(baseline)[0] for _ in range(runs))
            timings = [_timed(suggesting) for _ in range(runs)]
    finally:
        if pinned is not None:
            os.sched_setaffinity(0, pinned)
    count = len(articles)
    best_suggest = min(cpu for cpu, _ in timings)
    best_wall = min(wall for _, wall in timings)
    return Speed(count, round(sum(map(len, articles)) / count) if count else 0,
                 _per_second(count, best_suggest), _per_second(count, best_base), _per_second(count, best_wall))


def _per_second(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds else 0.0


def _timed(work: Callable[[], None]) -> tuple[float, float]:
    """CPU seconds and wall-clock seconds ``work`` took."""
    cpu, wall = time.process_time(), time.perf_counter()
    work()
    return time.process_time() - cpu, time.perf_counter() - wall


def _pin_to_one_core():
    if not hasattr(os, "sched_setaffinity"):
        return None
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(before)})
    return before
