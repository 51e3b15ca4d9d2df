"""annotty's "instant at any size" benchmarks.

    python benchmarks/run.py [--quick] [--only NAME[,NAME]] [--json FILE] [--profile]

Generates its data in a temporary folder (or ``--data DIR``, kept and reused
while the store code is unchanged), runs the real app in tmux and the real
CLI as subprocesses, and prints, for each target, the baseline measured in
the same run, the measurement, their ratio, and PASS/FAIL. Medians of N runs
(5; 3 with --quick). See benchmarks/README.md for what each number means.

Targets (NAME for --only): startup, size, keys, tag, memory, export, switch,
grade; and
``profile`` (also --profile): python -X importtime of the startup and
cProfile of opening the 5 MB article, printed after the table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))  # an uninstalled checkout still imports tui

import datagen  # noqa: E402
from tmuxdrive import Tmux, TmuxError, clean_env, memory_kb, plain  # noqa: E402

TARGETS = ("startup", "size", "keys", "tag", "memory", "export", "switch", "grade")
NTH = 19_000  # the annotation the sidebar jumps to


# --------------------------------------------------------------------------
# Results


@dataclass
class Result:
    id: str
    name: str
    unit: str  # "ms", "MB", "spans/s"
    baseline_label: str
    baseline: float | None
    value: float | None
    limit: float
    kind: str = (
        "ratio_max"  # ratio_max: value/baseline <= limit; ratio_min: >= limit; delta_max: value-baseline <= limit
    )
    samples_baseline: list = field(default_factory=list)
    samples_value: list = field(default_factory=list)
    note: str = ""
    info: bool = False  # shown, not judged

    @property
    def ratio(self) -> float | None:
        if self.value is None or self.baseline is None:
            return None
        if self.kind == "delta_max":
            return self.value - self.baseline
        return self.value / self.baseline if self.baseline else None

    @property
    def passed(self) -> bool | None:
        ratio = self.ratio
        if ratio is None:
            return None
        return ratio >= self.limit if self.kind == "ratio_min" else ratio <= self.limit

    def verdict(self) -> str:
        if self.info:
            return "info"
        return {True: "PASS", False: "FAIL", None: "n/a"}[self.passed]

    def to_json(self) -> dict:
        out = asdict(self)
        out.update(ratio=self.ratio, passed=self.passed, verdict=self.verdict())
        return out


def median(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def ms(seconds: list) -> list:
    return [None if s is None else round(s * 1000, 2) for s in seconds]


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "spans/s":
        return f"{value:,.0f} {unit}"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:.1f} ms" if value < 1000 else f"{value / 1000:.2f} s"


def print_table(results: list[Result], out=sys.stdout) -> None:
    rows = [("#", "target", "baseline", "measured", "ratio", "limit", "result")]
    for r in results:
        if r.kind == "delta_max":
            ratio = "n/a" if r.ratio is None else f"{r.ratio:+.1f} MB"
            limit = f"<= +{r.limit:g} MB"
        else:
            ratio = "n/a" if r.ratio is None else f"{r.ratio:.2f}x"
            limit = ("" if r.info else (">= " if r.kind == "ratio_min" else "<= ") + f"{r.limit:g}x")
        rows.append((r.id, r.name, f"{fmt(r.baseline, r.unit)} ({r.baseline_label})", fmt(r.value, r.unit),
                     ratio, limit, r.verdict()))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)).rstrip(), file=out)
        if n == 0:
            print("  ".join("-" * w for w in widths), file=out)
    notes = [(r.id, r.note) for r in results if r.note]
    if notes:
        print(file=out)
        for rid, note in notes:
            print(f"  {rid}: {note}", file=out)


# --------------------------------------------------------------------------
# The benchmark


class Bench:
    def __init__(self, args: argparse.Namespace, workdir: Path, data: datagen.Data):
        self.args = args
        self.n = args.runs
        self.workdir = workdir
        self.data = data
        self.env = clean_env(workdir / "pycache")
        self.tmux = Tmux(workdir, self.env)
        self.results: list[Result] = []
        self.details: dict = {}
        self.failed_runs: list[str] = []
        self._serial = 0
        script = Path(sys.executable).parent / "annotty"
        self.annotty = [str(script)] if script.exists() else [sys.executable, "-m", "tui"]

    def log(self, message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    def fresh(self, prefix: str, source: Path | None = None) -> Path:
        """A new store folder: empty, or a copy of ``source``."""
        self._serial += 1
        path = self.workdir / "runs" / f"{prefix}-{self._serial}"
        path.parent.mkdir(parents=True, exist_ok=True)
        if source is not None:
            shutil.copytree(source, path, ignore=shutil.ignore_patterns("*.lock"))
        return path

    def app_argv(self, article: Path | str, store: Path) -> list[str]:
        return [*self.annotty, str(article), "--store", str(store), "--annotator", datagen.ANNOTATOR]

    def big_article_arg(self) -> str:
        # Relative to the data folder, as when the data was generated, so that
        # the stored source matches and the app does not rewrite the document.
        return str(self.data.big.relative_to(self.data.root))

    # -- 1, 2, 5: startup, size, memory ---------------------------------------
    def startup(self, cases: list[str]) -> dict:
        """Rounds of [bare, seed, big] launches (rotated each round); the first
        round warms caches up and is not counted."""
        seed_needle = self.data.seed_headline
        spec = {
            "bare": ([sys.executable, str(HERE / "bare_app.py")], None, seed_needle, "bare_app.py"),
            "seed": (None, None, seed_needle, "annotty"),
            "big": (None, self.data.store_big, self.data.big_headline, "annotty"),
        }
        samples: dict[str, dict[str, list]] = {c: {"first_frame": [], "stable": [], "hwm_first": [],
                                                   "hwm_stable": [], "hwm_pagedown": [], "pagedown": []}
                                               for c in cases}
        screens: dict[str, str] = {}
        for round_ in range(self.n + 1):
            order = cases[round_ % len(cases):] + cases[:round_ % len(cases)]
            for case in order:
                argv, source, needle, proc_needle = spec[case]
                for attempt in range(3):  # an app that dies (code being edited?) is retried twice
                    store = None
                    if case == "seed":
                        store = self.fresh("seed")
                        argv = self.app_argv(self.data.seed, store)
                    elif case == "big":
                        store = self.fresh("big", source)
                        argv = self.app_argv(self.big_article_arg(), store)
                    try:
                        seen, start, screen, stable, hwm_first, hwm_stable, hwm_pd, last, begin = \
                            self._launch_once(argv, needle, proc_needle, case)
                        break
                    except TmuxError as error:
                        self.failed_runs.append(f"startup {case}: {error}")
                        self.log(f"  {case}: run failed ({'retrying' if attempt < 2 else 'giving up'}): {error}")
                        if attempt == 2:
                            raise
                    finally:
                        if store is not None:
                            shutil.rmtree(store, ignore_errors=True)
                if round_ == 0:
                    screens[case] = plain(screen)
                    self.log(f"  {case}: warm-up {seen - start:.3f}s to the headline")
                    continue
                s = samples[case]
                s["first_frame"].append(seen - start)
                s["stable"].append(stable - start)
                s["hwm_first"].append(hwm_first / 1024)
                s["hwm_stable"].append(hwm_stable / 1024)
                s["hwm_pagedown"].append(hwm_pd / 1024)
                s["pagedown"].append(None if last is None else last - begin)
                self.log(f"  {case}: {seen - start:.3f}s to the headline, stable at {stable - start:.3f}s, "
                         f"VmHWM {hwm_pd / 1024:.0f} MB")
        if "big" in screens:
            count = self.data.counts.get("big_spans", 0)
            if f"{count} annotations" not in screens["big"] and f"{count:,} annotations" not in screens["big"]:
                self.log(f"  WARNING: the big article's screen does not say '{count} annotations':\n{screens['big']}")
        self.details["startup"] = {c: {k: (ms(v) if not k.startswith("hwm") else [round(x, 1) for x in v])
                                       for k, v in s.items()} for c, s in samples.items()}
        self.details["startup_screens"] = screens
        return samples

    def _launch_once(self, argv: list[str], needle: str, proc_needle: str, case: str):
        """One launch: time to the headline, memory at the first frame, once
        stable, and after a PageDown (not for the bare app)."""
        name, start = self.tmux.launch(argv, self.data.root)
        pid = None
        try:
            seen, _screen = self.tmux.wait_for(name, needle, timeout=120)
            pid = self.tmux.app_pid(name, proc_needle)
            hwm_first = memory_kb(pid)["VmHWM"]
            stable, screen = self.tmux.wait_stable(name, settle=0.5, timeout=120)
            hwm_stable = memory_kb(pid)["VmHWM"]
            begin = time.perf_counter()
            last = None
            if case != "bare":  # the bare app has nothing to page
                self.tmux.send(name, "PageDown")
                _first, last, _ = self.tmux.wait_change(name, screen, settle=0.3, timeout=30)
            hwm_pd = memory_kb(pid)["VmHWM"]
        finally:
            self.tmux.kill(name, pid)
        return seen, start, screen, stable, hwm_first, hwm_stable, hwm_pd, last, begin

    # -- 3: keys --------------------------------------------------------------
    def keys(self) -> dict:
        calibration = self.calibrate()
        out = {}
        for case in ("seed", "big"):
            source = self.data.store_seed_annotated if case == "seed" else self.data.store_big
            article = self.data.seed if case == "seed" else self.big_article_arg()
            needle = self.data.seed_headline if case == "seed" else self.data.big_headline
            store = self.fresh(f"keys-{case}", source)
            name, _start = self.tmux.launch(self.app_argv(article, store), self.data.root)
            pid = None
            samples: dict[str, list] = {"pagedown": [], "end": [], "next": [], "sidebar_up": [],
                                        "pagedown_first": [], "end_first": [], "next_first": [],
                                        "sidebar_up_first": []}
            try:
                self.tmux.wait_for(name, needle, timeout=120)
                pid = self.tmux.app_pid(name, "annotty")
                _, screen = self.tmux.wait_stable(name, settle=0.5, timeout=120)

                # Called only within this case's iteration: name and case are this case's.
                def press(key: str, before: str, literal: bool = False, settle: float = 0.25):
                    begin = time.perf_counter()
                    self.tmux.send(name, key, literal=literal)  # noqa: B023
                    first, last, after = self.tmux.wait_change(name, before, settle=settle, timeout=15)  # noqa: B023
                    if last is None:
                        self.log(f"  {case}: no repaint after {key!r}")  # noqa: B023
                    return (None if first is None else first - begin, None if last is None else last - begin, after)

                # PageDown and End, each from the top (Home between, not timed).
                for key, label in (("PageDown", "pagedown"), ("End", "end")):
                    for i in range(self.n + 1):
                        first, last, screen = press(key, screen)
                        if i:
                            samples[label].append(last)
                            samples[label + "_first"].append(first)
                        _, _, screen = press("Home", screen)
                # ] next annotation, from the top.
                for i in range(self.n + 1):
                    first, last, screen = press("]", screen, literal=True)
                    if i:
                        samples["next"].append(last)
                        samples["next_first"].append(first)
                # The sidebar: Tab, go to just after the Nth annotation, then Up (timed) / Down.
                if case == "seed":
                    moves = ["Tab", "End"]
                else:
                    tmux_names = {"tab": "Tab", "end": "End", "pageup": "PageUp", "up": "Up", "down": "Down"}
                    moves = [tmux_names[k] for k in calibration["keys"]]
                self.tmux.send(name, *moves)
                _, screen = self.tmux.wait_stable(name, settle=0.5, timeout=120)
                for i in range(self.n + 1):
                    first, last, screen = press("Up", screen)
                    if i:
                        samples["sidebar_up"].append(last)
                        samples["sidebar_up_first"].append(first)
                    _, _, screen = press("Down", screen)
            finally:
                self.tmux.kill(name, pid)
                shutil.rmtree(store, ignore_errors=True)
            self.log("  " + case + ": " + ", ".join(
                f"{k} {median(v) * 1000:.1f} ms" for k, v in samples.items()
                if not k.endswith("_first") and median(v) is not None))
            out[case] = samples
        self.details["keys"] = {c: {k: ms(v) for k, v in s.items()} for c, s in out.items()}
        self.details["keys_calibration"] = calibration
        return out

    def calibrate(self) -> dict:
        """Under Pilot, find the sidebar keys that end just after the Nth
        annotation (so that one Up jumps to it); falls back to End + PageUps."""
        store = self.fresh("calibrate", self.data.store_big)
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, str(HERE / "pilot_tools.py"), "calibrate", self.big_article_arg(), str(store), str(NTH)],
            check=False, cwd=self.data.root, env=self.env, capture_output=True, text=True, timeout=600,
        )
        shutil.rmtree(store, ignore_errors=True)
        if result.returncode == 0:
            calibration = json.loads(result.stdout.strip().splitlines()[-1])
            self.log(f"  sidebar calibrated under Pilot in {time.perf_counter() - started:.1f}s: "
                     f"{len(calibration['keys'])} keys to row {calibration['reached']} "
                     f"(the {NTH:,}th annotation is row {calibration['target_row']})")
            return calibration
        self.log(f"  WARNING: sidebar calibration failed, using End + 32 PageUp:\n{result.stderr[-2000:]}")
        return {"keys": ["tab", "end"] + ["pageup"] * 32, "ok": False, "error": result.stderr[-2000:]}

    # -- 4: tagging -------------------------------------------------------------
    def tag_api(self) -> dict:
        """Session.tag on the 5 MB article with 20,000 vs 0 annotations,
        alternating, in this process; each call returns after the fsync."""
        from tui.schema import DEFAULT_SCHEMA
        from tui.store import Store
        from tui.workspace import Workspace

        sessions = {}
        opened = {}
        with datagen.in_dir(self.data.root):
            for case, source in (("full", self.data.store_big), ("empty", self.data.store_big_empty)):
                store = self.fresh(f"tag-api-{case}", source)
                workspace = Workspace([Path(self.big_article_arg())], Store(store), datagen.ANNOTATOR, DEFAULT_SCHEMA)
                begin = time.perf_counter()
                sessions[case] = workspace.open(0)
                opened[case] = time.perf_counter() - begin
            count = len(sessions["full"].annotations)
            if count != self.data.counts.get("big_spans"):
                self.log(f"  WARNING: the session holds {count} annotations, not {self.data.counts.get('big_spans')}")
            text = sessions["full"].document.text
            markers = self.data.markers[::-1]  # from the end: not the ones the app run tags
            samples: dict[str, list] = {"full": [], "empty": []}
            first: dict[str, float] = {}
            for i in range(self.n + 1):
                marker = markers[i]
                start = text.index(marker)
                for case in (("full", "empty") if i % 2 else ("empty", "full")):
                    begin = time.perf_counter()
                    span = sessions[case].tag(start, start + len(marker), "PERSON")
                    took = time.perf_counter() - begin
                    assert span.text == marker, span
                    if i == 0:
                        first[case] = took
                    else:
                        samples[case].append(took)
            closing = {}
            for case, session in sessions.items():
                begin = time.perf_counter()
                session.close()
                closing[case] = time.perf_counter() - begin
        self.details["tag_api"] = {"samples_ms": {k: ms(v) for k, v in samples.items()},
                                   "first_call_ms": {k: round(v * 1000, 2) for k, v in first.items()},
                                   "open_s": {k: round(v, 3) for k, v in opened.items()},
                                   "close_ms": {k: round(v * 1000, 2) for k, v in closing.items()}}
        self.log(f"  API: full {median(samples['full']) * 1000:.2f} ms, empty {median(samples['empty']) * 1000:.2f} ms "
                 f"(first calls {first.get('full', 0) * 1000:.1f} / {first.get('empty', 0) * 1000:.1f} ms; "
                 f"close {closing['full'] * 1000:.0f} / {closing['empty'] * 1000:.0f} ms)")
        return samples

    def tag_app(self) -> dict:
        """In the app: / MARKER Enter (not timed), then p; time to the store
        files changing on disk, and to the screen's repaint."""
        out = {}
        for case, source in (("full", self.data.store_big), ("empty", self.data.store_big_empty)):
            store = self.fresh(f"tag-app-{case}", source)
            name, _ = self.tmux.launch(self.app_argv(self.big_article_arg(), store), self.data.root)
            pid = None
            samples: dict[str, list] = {"disk": [], "repaint_first": [], "repaint_done": []}
            try:
                self.tmux.wait_for(name, self.data.big_headline, timeout=120)
                pid = self.tmux.app_pid(name, "annotty")
                _, screen = self.tmux.wait_stable(name, settle=0.5, timeout=120)
                for i in range(self.n + 1):
                    marker = self.data.markers[i]
                    self.tmux.send(name, "/")
                    _, _, screen = self.tmux.wait_change(name, screen, settle=0.2)
                    self.tmux.send(name, marker, literal=True)
                    _, _, screen = self.tmux.wait_change(name, screen, settle=0.2)
                    self.tmux.send(name, "Enter")
                    _, _, screen = self.tmux.wait_change(name, screen, settle=0.3)
                    if marker not in plain(screen):
                        self.log(f"  {case}: {marker} not on screen after finding it")
                    before = files_state(store)
                    begin = time.perf_counter()
                    self.tmux.send(name, "p")
                    disk = None
                    deadline = begin + 30
                    while time.perf_counter() < deadline:
                        if files_state(store) != before:
                            disk = time.perf_counter() - begin
                            break
                        time.sleep(0.0005)
                    first, last, screen = self.tmux.wait_change(name, screen, settle=0.3, timeout=30)
                    if i:
                        samples["disk"].append(disk)
                        samples["repaint_first"].append(None if first is None else first - begin)
                        samples["repaint_done"].append(None if last is None else last - begin)
                    if disk is None:
                        self.log(f"  {case}: the store did not change within 30 s of pressing p on {marker}")
            finally:
                self.tmux.kill(name, pid)
                shutil.rmtree(store, ignore_errors=True)
            out[case] = samples
            self.log(f"  app {case}: on disk {fmt_ms(median(samples['disk']))}, "
                     f"repaint {fmt_ms(median(samples['repaint_first']))} .. {fmt_ms(median(samples['repaint_done']))}")
        self.details["tag_app"] = {c: {k: ms(v) for k, v in s.items()} for c, s in out.items()}
        return out

    # -- 6: export ----------------------------------------------------------------
    def export(self) -> dict:
        store = self.data.export_store
        outs = {"baseline": self.workdir / "export-baseline.jsonl", "annotty": self.workdir / "export-annotty.jsonl"}
        commands = {
            "baseline": [sys.executable, str(HERE / "export_baseline.py"), str(store), str(outs["baseline"])],
            "annotty": [*self.annotty, "export", "--store", str(store), "--out", str(outs["annotty"])],
        }
        samples = self._time_commands(commands, "export")
        spans = self.data.counts["export_spans"]
        same = _same_jsonl(outs["baseline"], outs["annotty"])
        self.details["export"] = {"seconds": {k: [round(x, 3) for x in v] for k, v in samples.items()},
                                  "outputs_equal": same, "spans": spans}
        self.log(f"  export: annotty {median(samples['annotty']):.2f}s, baseline {median(samples['baseline']):.2f}s; "
                 f"outputs {'identical' if same else 'DIFFER'}")
        return samples


    # -- 7: switching documents ------------------------------------------------
    def _time_commands(self, commands: dict[str, list[str]], what: str) -> dict[str, list]:
        """Wall times of each command as a fresh process, interleaved round by
        round (the first round is a warm-up and is not counted)."""
        samples: dict[str, list] = {case: [] for case in commands}
        for i in range(self.n + 1):
            cases = list(commands) if i % 2 else list(reversed(commands))
            for case in cases:
                begin = time.perf_counter()
                result = subprocess.run(
                    commands[case], check=False, cwd=self.data.root, env=self.env, capture_output=True, text=True
                )
                took = time.perf_counter() - begin
                if result.returncode != 0:
                    raise RuntimeError(f"{case} {what} failed: {result.stderr[-2000:]}")
                if i:
                    samples[case].append(took)
        return samples

    def switch(self) -> dict:
        """``annotty FOLDER`` on 10 annotated articles (5-20 KB): from the
        top of each article, Home (not timed), PageDown (timed), then ``>``
        to the next article (timed, to the last change of the screen: the new
        headline shown and its annotations loaded); forward to the last
        article, then back with ``<``. The first PageDown and ``>`` are a
        warm-up and are not counted. Repeated so that each kind has at least
        ``runs`` samples (each pass has 9 of each; at least one pass each way)."""
        data = self.data
        headlines = data.switch_headlines
        store = self.fresh("switch", data.switch_store)
        argv = [*self.annotty, str(data.switch_folder.relative_to(data.root)), "--store", str(store),
                "--annotator", datagen.ANNOTATOR]
        name, _ = self.tmux.launch(argv, data.root)
        pid = None
        samples: dict[str, list] = {"pagedown": [], "next": [], "previous": []}
        wrong: list[str] = []
        try:
            self.tmux.wait_for(name, headlines[0], timeout=60)
            pid = self.tmux.app_pid(name, "annotty")
            self.tmux.wait_stable(name, settle=0.5, timeout=60)
            passes = max(2, -(-(self.n + 1) // (len(headlines) - 1)))  # forward and back at least
            current, warm = 0, True
            for pass_ in range(passes):
                forward = pass_ % 2 == 0
                for _ in range(len(headlines) - 1):
                    self.tmux.send(name, "Home")  # time_key waits for a stable screen first
                    _, last, screen = self.tmux.time_key(name, "PageDown")
                    if last is None:
                        wrong.append(f"PageDown on article {current} changed nothing")
                    target = current + (1 if forward else -1)
                    _, switched, screen = self.tmux.time_key(name, ">" if forward else "<", literal=True)
                    if headlines[target] not in plain(screen):
                        wrong.append(f"{'>' if forward else '<'} to article {target}: its headline is not on screen")
                    if not warm:
                        samples["pagedown"].append(last)
                        samples["next" if forward else "previous"].append(switched)
                    warm = False
                    current = target
        finally:
            self.tmux.kill(name, pid)
            shutil.rmtree(store, ignore_errors=True)
        for problem in wrong:
            self.log(f"  WARNING: {problem}")
        both = samples["next"] + samples["previous"]
        self.details["switch"] = {k: ms(v) for k, v in samples.items()} | {"problems": wrong}
        self.log(f"  switch: PageDown {fmt_ms(median(samples['pagedown']))}, > {fmt_ms(median(samples['next']))}, "
                 f"< {fmt_ms(median(samples['previous']))}, both {fmt_ms(median(both))}")
        if any(v is None for v in both) or wrong:
            raise RuntimeError(f"switching went wrong: {'; '.join(wrong) or 'a key changed nothing'}")
        return samples

    # -- 8: grading ----------------------------------------------------------------
    def grade(self) -> dict:
        """``annotty grade --all`` over 200 students vs a plain read-and-parse
        of the store's files; fresh processes, interleaved."""
        store = self.data.grade_store
        commands = {
            "baseline": [sys.executable, str(HERE / "grade_baseline.py"), str(store)],
            "annotty": [sys.executable, "-m", "tui", "grade", "--store", str(store), "--gold", datagen.GOLD,
                        "--all", "--csv", str(self.workdir / "gradebook.csv")],
        }
        # The same in one process: what the grading costs, apart from sharing it among cores.
        commands["one process"] = [*commands["annotty"][:-1], str(self.workdir / "gradebook-1.csv"), "--jobs", "1"]
        samples = self._time_commands(commands, "grade")
        rows = (self.workdir / "gradebook.csv").read_text(encoding="utf-8").count("\n") - 1
        if (self.workdir / "gradebook-1.csv").read_bytes() != (self.workdir / "gradebook.csv").read_bytes():
            raise RuntimeError("grade: the gradebook of one process differs from the default's")
        self.details["grade"] = {"seconds": {k: [round(x, 3) for x in v] for k, v in samples.items()},
                                 "gradebook_rows": rows}
        self.log(f"  grade: annotty {median(samples['annotty']):.2f}s, baseline {median(samples['baseline']):.2f}s; "
                 f"gradebook of {rows} rows")
        base, ann = median(samples["baseline"]), median(samples["annotty"])
        if ann > 2 * base or self.args.profile:
            self.details["grade_profile"] = grade_cprofile(self, commands["one process"])
        return samples


def grade_cprofile(bench: Bench, command: list[str], top: int = 15) -> str:
    """cProfile of the grade command, top ``top`` by cumulative and by own time."""
    import io
    import pstats

    out_file = bench.workdir / "grade.prof"
    argv = [sys.executable, "-m", "cProfile", "-o", str(out_file), *command[1:]]
    subprocess.run(argv, cwd=bench.data.root, env=bench.env, capture_output=True, text=True, check=True)
    buffer = io.StringIO()
    pstats.Stats(str(out_file), stream=buffer).sort_stats("cumulative").print_stats(top)
    buffer.write(f"by own time (tottime), top {top}:\n")
    pstats.Stats(str(out_file), stream=buffer).sort_stats("tottime").print_stats(top)
    return buffer.getvalue().replace(str(REPO) + os.sep, "")


def fmt_ms(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds * 1000:.1f} ms"


def files_state(store: Path) -> dict:
    """Size, mtime and inode of every file of the store's annotators."""
    state = {}
    folder = store / "annotators"
    if not folder.exists():
        return state
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            try:
                st = os.stat(os.path.join(dirpath, name))
            except FileNotFoundError:
                continue
            state[os.path.join(dirpath, name)] = (st.st_size, st.st_mtime_ns, st.st_ino)
    return state


def _same_jsonl(a: Path, b: Path) -> bool:
    with open(a, encoding="utf-8") as fa, open(b, encoding="utf-8") as fb:
        left = [json.loads(line) for line in fa]
        right = [json.loads(line) for line in fb]
    key = lambda r: (r["annotator"], r["id"])  # noqa: E731
    return sorted(left, key=key) == sorted(right, key=key)


# --------------------------------------------------------------------------
# Profiles


def importtime_profile(bench: Bench, top: int = 25) -> str:
    """python -X importtime of the real startup (in tmux, to the first frame)
    for annotty on the seed and for the bare app; what annotty imports beyond."""
    logs = {}
    wrapper = [sys.executable, "-X", "importtime", str(HERE / "importtime_wrapper.py")]
    for case in ("bare", "annotty"):
        log = bench.workdir / f"importtime-{case}.txt"
        if case == "bare":
            argv = [*wrapper, str(log), str(HERE / "bare_app.py")]
        else:
            store = bench.fresh("importtime")
            # Without a console script: python -m tui.
            entry = ["-m", "tui"] if bench.annotty[0] == sys.executable else bench.annotty
            argv = [*wrapper, str(log), *entry, str(bench.data.seed), "--store", str(store),
                    "--annotator", datagen.ANNOTATOR]
        for _warm_then_measure in range(2):  # the first run fills the bytecode cache
            name, _ = bench.tmux.launch(argv, bench.data.root)
            pid = None
            try:
                bench.tmux.wait_for(name, bench.data.seed_headline, timeout=60)
                pid = bench.tmux.app_pid(name, "importtime")
                bench.tmux.wait_stable(name, settle=0.5)
            finally:
                bench.tmux.kill(name, pid)
        logs[case] = parse_importtime(log.read_text(encoding="utf-8", errors="replace"))
    bare, ann = logs["bare"], logs["annotty"]
    lines = []
    total = lambda rows: sum(r[0] for r in rows.values()) / 1000  # noqa: E731
    lines.append(f"import time (sum of self times): annotty {total(ann):.0f} ms over {len(ann)} modules; "
                 f"bare Textual app {total(bare):.0f} ms over {len(bare)} modules")
    extra = {m: v for m, v in ann.items() if m not in bare}
    lines.append(f"modules only annotty imports: {len(extra)}, {total(extra):.0f} ms self time")
    by_package: dict[str, float] = {}
    for module, (self_us, _cum) in extra.items():
        package = module.split(".")[0] if not module.startswith("textual.") else ".".join(module.split(".")[:2])
        by_package[package] = by_package.get(package, 0) + self_us
    lines.append("  by package (self ms): " + ", ".join(
        f"{p} {v / 1000:.1f}" for p, v in sorted(by_package.items(), key=lambda kv: -kv[1])[:15]))
    lines.append(f"  top {top} of those by cumulative time (ms, self / cumulative):")
    for module, (self_us, cum) in sorted(extra.items(), key=lambda kv: -kv[1][1])[:top]:
        lines.append(f"    {cum / 1000:8.1f}  {self_us / 1000:7.1f}  {module}")
    return "\n".join(lines)


def parse_importtime(text: str) -> dict[str, tuple[int, int]]:
    rows = {}
    for line in text.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        parts = line[len("import time:"):].split("|")
        if len(parts) != 3:
            continue
        try:
            self_us, cum = int(parts[0]), int(parts[1])
        except ValueError:
            continue
        module = parts[2].strip()
        rows[module] = (self_us, cum)
    return rows


def startup_cprofile(bench: Bench, top: int = 30) -> str:
    """cProfile of the real ``annotty SEED`` in tmux, from start to ctrl+q
    right after the first stable frame (cProfile writes its file on exit)."""
    import io
    import pstats
    import site
    import sysconfig

    out_file = bench.workdir / "startup.prof"
    store = bench.fresh("cprofile")
    entry = ["-m", "tui"] if bench.annotty[0] == sys.executable else bench.annotty
    argv = [sys.executable, "-m", "cProfile", "-o", str(out_file), *entry, str(bench.data.seed),
            "--store", str(store), "--annotator", datagen.ANNOTATOR]
    if entry[0] == "-m":
        argv = [sys.executable, "-m", "cProfile", "-o", str(out_file), "-m", "tui", *argv[-5:]]
    name, start = bench.tmux.launch(argv, bench.data.root)
    pid = None
    try:
        seen, _ = bench.tmux.wait_for(name, bench.data.seed_headline, timeout=60)
        pid = bench.tmux.app_pid(name, "cProfile")
        bench.tmux.wait_stable(name, settle=0.5)
        bench.tmux.send(name, "C-q")
        deadline = time.perf_counter() + 20
        while Path(f"/proc/{pid}").exists() and time.perf_counter() < deadline:
            time.sleep(0.02)
    finally:
        bench.tmux.kill(name, pid)
    if not out_file.exists():
        return "(no profile written: the app did not quit on ctrl+q)"
    text = [f"first frame under cProfile after {seen - start:.3f} s (the profile runs to ctrl+q, idle time "
            "shows as select/epoll)"]
    for sort, restriction in (("cumulative", ()), ("tottime", ()), ("cumulative", (str(REPO / "tui"),))):
        buffer = io.StringIO()
        if restriction:
            buffer.write("annotty's own functions (tui/) only:\n")
        pstats.Stats(str(out_file), stream=buffer).sort_stats(sort).print_stats(*restriction, top)
        text.append(buffer.getvalue())
    joined = "\n".join(text)
    for prefix in sorted({*site.getsitepackages(), sysconfig.get_paths()["stdlib"], str(REPO)}, key=len, reverse=True):
        joined = joined.replace(prefix.rstrip(os.sep) + os.sep, "")
    return joined


def open_profile(bench: Bench, top: int = 25) -> str:
    store = bench.fresh("profile", bench.data.store_big)
    result = subprocess.run(
        [sys.executable, str(HERE / "pilot_tools.py"), "profile", bench.big_article_arg(), str(store), str(top)],
        check=False, cwd=bench.data.root, env=bench.env, capture_output=True, text=True, timeout=900,
    )
    shutil.rmtree(store, ignore_errors=True)
    return result.stdout + (f"\n(stderr)\n{result.stderr[-3000:]}" if result.returncode else "")


# --------------------------------------------------------------------------


# One argument per measured part, in the order the run measures them.
def build_results(  # noqa: PLR0913, PLR0917
    bench: Bench, startup: dict, keys: dict, tag_api: dict, tag_app: dict, export: dict,
                  wanted: set[str], switch: dict | None = None, grade: dict | None = None) -> list[Result]:
    data = bench.data
    results: list[Result] = []

    def med_ms(values):
        m = median(values)
        return None if m is None else m * 1000

    if "startup" in wanted:
        bare, seed = startup["bare"]["first_frame"], startup["seed"]["first_frame"]
        results.append(Result("1", "startup: seed article, first frame with the headline", "ms", "bare Textual app",
                              med_ms(bare), med_ms(seed), 1.3, samples_baseline=ms(bare), samples_value=ms(seed)))
    if "size" in wanted:
        seed, big = startup["seed"]["first_frame"], startup["big"]["first_frame"]
        mb = data.counts["big_bytes"] / 1e6
        results.append(Result("2", f"startup: {mb:.1f} MB article + {data.counts['big_spans']:,} annotations", "ms",
                              "seed article", med_ms(seed), med_ms(big), 1.5,
                              samples_baseline=ms(seed), samples_value=ms(big)))
        results.append(
            Result(
                "2i", "  info: to a stable screen (big vs seed)", "ms", "seed",
                med_ms(startup["seed"]["stable"]),
                med_ms(startup["big"]["stable"]),
                1.5,
                info=True,
                samples_baseline=ms(startup["seed"]["stable"]),
                samples_value=ms(startup["big"]["stable"]),
            )
        )
    if "keys" in wanted:
        s, b = keys["seed"], keys["big"]
        for rid, key, label in (("3a", "pagedown", "PageDown repaint"), ("3b", "end", "End repaint"),
                                ("3c", "sidebar_up", f"sidebar: Up onto the {NTH:,}th annotation"),
                                ("3d", "next", "] next annotation")):
            results.append(Result(rid, label, "ms", "seed", med_ms(s[key]), med_ms(b[key]), 1.5,
                                  samples_baseline=ms(s[key]), samples_value=ms(b[key]), info=(rid == "3d")))
        calibration = bench.details.get("keys_calibration", {})
        note = (f"big: Tab, End, {calibration.get('keys', []).count('pageup')}xPageUp, "
                f"{calibration.get('keys', []).count('up')}xUp puts the highlight on the {NTH + 1:,}st annotation; "
                f"Up (timed) jumps the sidebar and the article to the {NTH:,}th, Down (not timed) goes back. "
                f"Seed ({data.counts.get('seed_spans')} annotations): Tab, End, then the same Up/Down. "
                "Times are to the last change of the screen (repaint complete).")
        if not calibration.get("ok", False):
            note += " Calibration FAILED: the position is approximate."
        results[-2].note = note
    if "tag" in wanted:
        results.append(Result("4a", "tag (API): Session.tag until fsync'd, 20k annotations", "ms",
                              "0 annotations", med_ms(tag_api["empty"]), med_ms(tag_api["full"]), 2.0,
                              samples_baseline=ms(tag_api["empty"]), samples_value=ms(tag_api["full"]),
                              note="same 5 MB article in both; 0 = no annotations yet"))
        if tag_app:
            e, f = tag_app["empty"], tag_app["full"]
            results.append(Result("4b", "tag (app): p until the store file changes, 20k", "ms", "0 annotations",
                                  med_ms(e["disk"]), med_ms(f["disk"]), 2.0,
                                  samples_baseline=ms(e["disk"]), samples_value=ms(f["disk"]),
                                  note="time from sending p to a change of size/mtime/inode of a file under "
                                       "annotators/ (a lower bound of 'fsync'd': the write is seen before its fsync)"))
            results.append(Result("4c", "  info: p until the first repaint (after the save)", "ms", "0 annotations",
                                  med_ms(e["repaint_first"]), med_ms(f["repaint_first"]), 2.0, info=True,
                                  samples_baseline=ms(e["repaint_first"]), samples_value=ms(f["repaint_first"])))
            results.append(Result("4d", "  info: p until the repaint is complete", "ms", "0 annotations",
                                  med_ms(e["repaint_done"]), med_ms(f["repaint_done"]), 2.0, info=True,
                                  samples_baseline=ms(e["repaint_done"]), samples_value=ms(f["repaint_done"])))
    if "memory" in wanted:
        seed, big = startup["seed"]["hwm_pagedown"], startup["big"]["hwm_pagedown"]
        results.append(Result("5", "memory: peak RSS (VmHWM) after first frame + PageDown", "MB", "seed article",
                              median(seed), median(big), 150.0, kind="delta_max",
                              samples_baseline=[round(x, 1) for x in seed], samples_value=[round(x, 1) for x in big],
                              note=f"bare Textual app: {median(startup['bare']['hwm_pagedown']) or 0:.1f} MB"
                              if "bare" in startup else ""))
        seed, big = startup["seed"]["hwm_first"], startup["big"]["hwm_first"]
        results.append(Result("5i", "  info: VmHWM when the headline first shows", "MB", "seed article",
                              median(seed), median(big), 150.0, kind="delta_max", info=True,
                              samples_baseline=[round(x, 1) for x in seed], samples_value=[round(x, 1) for x in big]))
    if "export" in wanted:
        spans = data.counts["export_spans"]
        base = [spans / s for s in export["baseline"]]
        ann = [spans / s for s in export["annotty"]]
        same = bench.details["export"]["outputs_equal"]
        results.append(Result("6", f"export: {data.counts['export_docs']:,} docs, {spans:,} annotations", "spans/s",
                              "plain json loop", median(base), median(ann), 0.5, kind="ratio_min",
                              samples_baseline=[round(x) for x in base], samples_value=[round(x) for x in ann],
                              note=f"wall time of each process (interpreter start included): annotty "
                                   f"{median(export['annotty']):.2f} s, baseline {median(export['baseline']):.2f} s; "
                                   f"outputs {'identical' if same else 'DIFFER (check the baseline)'}"))
    if "switch" in wanted and switch:
        both = switch["next"] + switch["previous"]
        pd = switch["pagedown"]
        sizes = data.counts.get("switch_bytes", [])
        results.append(Result("7", f"switch: > / < to the next/previous of {len(sizes)} articles", "ms",
                              "PageDown", med_ms(pd), med_ms(both), 1.5,
                              samples_baseline=ms(pd), samples_value=ms(both),
                              note=f"articles of {min(sizes) / 1000:.0f}-{max(sizes) / 1000:.0f} KB with "
                                   f"{min(data.counts['switch_spans'])}-{max(data.counts['switch_spans'])} "
                                   "annotations; times to the last change of the screen (the new headline shown, "
                                   "annotations loaded); PageDown from the top of the same articles"))
        results.append(Result("7a", "  info: > next article", "ms", "PageDown", med_ms(pd), med_ms(switch["next"]),
                              1.5, info=True, samples_baseline=ms(pd), samples_value=ms(switch["next"])))
        results.append(Result("7b", "  info: < previous article", "ms", "PageDown", med_ms(pd),
                              med_ms(switch["previous"]), 1.5, info=True, samples_baseline=ms(pd),
                              samples_value=ms(switch["previous"])))
    if "grade" in wanted and grade:
        c = data.counts
        results.append(Result("8", f"grade --all: {c['grade_students']} students x {c['grade_docs']} articles", "ms",
                              "read+parse the store", med_ms(grade["baseline"]), med_ms(grade["annotty"]), 2.0,
                              samples_baseline=ms(grade["baseline"]), samples_value=ms(grade["annotty"]),
                              note=f"wall time of each process (interpreter start included); gold: "
                                   f"{c['grade_gold_spans']} spans, {c['grade_gold_relations']} SPEAKER links; "
                                   f"students: {c['grade_student_spans']:,} spans in all; processes as by default "
                                   f"(one per core)"))
        results.append(Result("8b", "  info: the same with --jobs 1", "ms", "read+parse the store",
                              med_ms(grade["baseline"]), med_ms(grade["one process"]), 2.0, info=True,
                              samples_baseline=ms(grade["baseline"]), samples_value=ms(grade["one process"])))
    return results


# The options, then each part in the order it runs: a script read top to bottom.
def main(argv: list[str] | None = None) -> int:  # noqa: PLR0912, PLR0915
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 runs per measurement instead of 5")
    parser.add_argument("--runs", type=int, help="runs per measurement (overrides --quick)")
    parser.add_argument("--only", help=f"comma-separated subset of: {', '.join(TARGETS)}, profile")
    parser.add_argument("--json", metavar="FILE", help="also write the results here as JSON")
    parser.add_argument(
        "--profile", action="store_true", help="after the benchmarks, profile startup and the 5 MB open"
    )
    parser.add_argument("--data", metavar="DIR", help="generate (or reuse) the data here and keep it")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    args.runs = args.runs or (3 if args.quick else 5)
    wanted = set(TARGETS)
    if args.only:
        wanted = {name.strip() for name in args.only.split(",") if name.strip()}
        unknown = wanted - set(TARGETS) - {"profile"}
        if unknown:
            parser.error(f"unknown target(s) {', '.join(sorted(unknown))}; choose from {', '.join(TARGETS)}, profile")
    profile = args.profile or "profile" in wanted
    wanted.discard("profile")

    began = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="annotty-bench-"))
    data_dir = Path(args.data) if args.data else workdir / "data"
    parts = set()
    if wanted & {"size", "memory", "tag"} or profile:
        parts.add("big")
    if "keys" in wanted:
        parts |= {"big", "seed"}
    if "export" in wanted:
        parts.add("export")
    parts |= wanted & {"switch", "grade"}
    print(f"annotty benchmarks: {args.runs} runs each; work folder {workdir}", file=sys.stderr)
    load_before = os.getloadavg()[0]
    if load_before > (os.cpu_count() or 1) * 0.5:
        print(f"WARNING: load average {load_before:.1f} on {os.cpu_count()} CPUs: other work will add noise",
              file=sys.stderr)
    t = time.perf_counter()
    print(f"generating data ({', '.join(sorted(parts)) or 'nothing'}) in {data_dir}", file=sys.stderr)
    data = datagen.generate(data_dir, parts, log=lambda m: print(m, file=sys.stderr))
    generation = time.perf_counter() - t
    print(f"  done in {generation:.1f}s: {json.dumps(data.counts)}", file=sys.stderr)

    bench = Bench(args, workdir, data)
    sections: dict[str, float] = {"generate data": generation}
    startup = keys = tag_api = tag_app = export = switch = grade = {}
    profiles: dict[str, str] = {}
    failures: list[str] = []

    def section(title: str, fn, *a):
        print(f"{title} ...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        try:
            return fn(*a)
        except Exception as error:  # report, keep going with the other targets
            import traceback

            failures.append(f"{title}: {error}")
            traceback.print_exc()
            return {}
        finally:
            sections[title] = time.perf_counter() - t0

    try:
        cases = [
            c
            for c, need in (
                ("bare", "startup" in wanted),
                ("seed", bool(wanted & {"startup", "size", "memory"})),
                ("big", bool(wanted & {"size", "memory"})),
            )
            if need
        ]
        if cases:
            startup = section("startup, size and memory (tmux)", bench.startup, cases)
        if "keys" in wanted:
            keys = section("keys (tmux)", bench.keys)
        if "tag" in wanted:
            tag_api = section("tagging (API)", bench.tag_api)
            tag_app = section("tagging (app, tmux)", bench.tag_app)
        if "export" in wanted:
            export = section("export", bench.export)
        if "switch" in wanted:
            switch = section("switch documents (tmux)", bench.switch)
        if "grade" in wanted:
            grade = section("grade", bench.grade)
        if profile:
            profiles["importtime"] = section("profile: -X importtime", importtime_profile, bench) or ""
            profiles["startup_seed"] = section("profile: cProfile of the seed startup", startup_cprofile, bench) or ""
            profiles["open_5mb"] = section("profile: cProfile of the 5 MB open", open_profile, bench) or ""
    finally:
        bench.tmux.close()

    results: list[Result] = []
    for name, need, got in (("startup", {"startup"}, startup), ("size", {"size"}, startup),
                            ("memory", {"memory"}, startup), ("keys", {"keys"}, keys), ("tag", {"tag"}, tag_api),
                            ("export", {"export"}, export), ("switch", {"switch"}, switch),
                            ("grade", {"grade"}, grade)):
        if need & wanted and not got:
            wanted.discard(name)
            failures.append(f"{name}: no measurements")
    try:
        results = build_results(bench, startup, keys, tag_api, tag_app, export, wanted, switch, grade)
    except Exception as error:
        failures.append(f"building results: {error}")
        import traceback

        traceback.print_exc()

    total = time.perf_counter() - began
    print()
    print(f"annotty benchmarks — medians of {args.runs} runs; {os.cpu_count()} CPUs; "
          f"{platform.python_implementation()} {platform.python_version()}; total {total:.0f} s; "
          f"load average {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end")
    print()
    print_table(results)
    print()
    print("time per section: " + ", ".join(f"{k} {v:.0f}s" for k, v in sections.items()))
    for failure in failures:
        print(f"ERROR {failure}")
    if bench.failed_runs:
        print(f"{len(bench.failed_runs)} app run(s) failed and were retried (see stderr / the JSON's failed_runs)")
    if bench.details.get("grade_profile"):
        profiles["grade (cProfile, top 15 by cumulative time)"] = bench.details["grade_profile"]
    for title, text in profiles.items():
        print(f"\n===== profile: {title} =====\n{text}")

    if args.json:
        report = {
            "runs": args.runs,
            "total_seconds": round(total, 1),
            "sections_seconds": {k: round(v, 1) for k, v in sections.items()},
            "environment": environment(),
            "data": data.to_json() | {"markers": len(data.markers)},
            "results": [r.to_json() for r in results],
            "details": bench.details,
            "failures": failures,
            "failed_runs": bench.failed_runs,
            "profiles": profiles,
        }
        Path(args.json).write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    else:
        print(f"kept {workdir}", file=sys.stderr)
    judged = [r for r in results if not r.info]
    return 1 if failures or any(r.passed is False for r in judged) else 0


def environment() -> dict:
    def git(*a):
        try:
            return subprocess.run(
                ["git", "-C", str(REPO), *a], check=False, capture_output=True, text=True
            ).stdout.strip()
        except OSError:
            return ""

    try:
        import textual

        textual_version = textual.__version__
    except Exception:
        textual_version = "?"
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "textual": textual_version,
        "platform": platform.platform(),
        "git_head": git("rev-parse", "--short", "HEAD"),
        "git_dirty_files": len(git("status", "--porcelain").splitlines()),
        "loadavg": os.getloadavg(),
        "tmux": subprocess.run(["tmux", "-V"], check=False, capture_output=True, text=True).stdout.strip(),
    }


if __name__ == "__main__":
    sys.exit(main())
