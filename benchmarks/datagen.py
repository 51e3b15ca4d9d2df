"""Benchmark data: news-like articles and annotations, written through the
store API (``Store.write_annotations``) so the files are what annotty writes.

Everything is deterministic (seeded) apart from the span ids, which
``tui.model.make_span`` draws at random.

While generating, ``os.fsync`` is replaced by a no-op (the data is scratch;
``os.sync()`` runs once at the end instead) so that writing 2,000 documents
takes seconds, not minutes. Measurements never run under that patch.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

# --------------------------------------------------------------------------
# Vocabulary: accented names, curly quotes, a little CJK and a few emoji.

PEOPLE = [
    "José Álvarez", "Zoë Müller", "François Lefèvre", "Łukasz Nowak", "Nguyễn Văn An", "Søren Dahl",
    "Ana Lúcia Ferreira", "Tomás Novák", "Ingrid Bjørnstad", "Mehmet Öztürk", "Chloé Dubois",
    "Rafael Peña", "Aoife Ní Bhriain", "Jürgen Koch", "Małgorzata Wiśniewska", "Olúwaseun Adébáyọ̀",
    "Hélène Garnier", "Björn Sigurðsson", "Amélie Rousseau", "Ciarán Ó Súilleabháin", "Dvořák Petr",
    "Maria Conceição", "Kenji Watanabe", "Priya Raman", "Samuel Okafor", "Fatima Zahra Benali",
    "Christopher Ghika", "Elena Petrova", "Daniel Cohen", "Lucía Fernández", "Yusuf Demir",
]
ROLES = [
    "the deputy commander", "a senior economist", "the finance minister", "a spokeswoman",
    "the chief executive", "a spokesman", "the mayor", "a senior researcher", "the prosecutor",
    "the union leader", "an adviser", "the foreign minister", "the central bank governor",
]
ORGS = [
    "the World Health Organization", "Société Générale", "the European Commission", "Reuters",
    "the International Monetary Fund", "Médecins Sans Frontières", "the Syrian Observatory for Human Rights",
    "the Ministry of Finance", "Deutsche Bahn", "the United Nations", "Nordea Bank", "Petrobras",
    "the Bundesbank", "Amnesty International", "the Red Crescent", "Toyota", "the coalition",
]
PLACES = [
    "São Paulo", "Zürich", "Kraków", "Reykjavík", "Beirut", "Genève", "Montréal", "Düsseldorf",
    "Baghouz", "Málaga", "İstanbul", "Nairobi", "Tromsø", "Bogotá", "Ouagadougou", "Lyon", "Łódź",
]
DATES = [
    "Thursday", "on Feb. 2", "last March", "in June 2014", "on Monday", "March 3, 2021",
    "early on Sunday", "late last year", "on 14 July", "in the spring of 2019",
]
MISC = ["Brexit", "COVID-19", "the Paris Agreement", "Ramadan", "the Champions League", "Euro 2024", "Bitcoin"]
QUOTES = [
    "These tactics won’t succeed, and we will keep our borders secure",
    "We are not going to stop until the last family has a roof over its head",
    "The numbers speak for themselves — growth is back, but it is fragile",
    "Nobody told us the dam was at risk, nobody",
    "It’s a question of trust, not of money",
    "We have seen prices double in a single winter",
    "This is the worst flooding the region has seen in a generation",
    "Our engineers worked through the night to restore power",
    "The agreement is a floor, not a ceiling",
    "I don’t think the market has priced this in yet",
]
CLAIMS = [
    "unemployment fell to its lowest level since 2008",
    "the fund had lost more than €4bn in a single quarter",
    "nearly 99.5 percent of the territory had been recaptured",
    "rents in the capital had risen by 40 percent in five years",
    "the vaccine was 95 percent effective against severe illness",
    "exports to Asia doubled after the agreement came into force",
    "fewer than one in ten complaints were ever investigated",
    "the new line would cut journey times by half",
]
FILLER = [
    "Residents said the situation had deteriorated sharply over the past week.",
    "The announcement came after weeks of negotiations behind closed doors.",
    "Analysts cautioned that the figures could be revised later in the year.",
    "Traffic was diverted around the city centre for most of the afternoon.",
    "The talks are expected to resume after the holiday weekend.",
    "Some shops reopened on Tuesday, although many shelves remained empty.",
    "Opposition lawmakers called for an independent inquiry into the decision.",
    "The report, seen by journalists, runs to more than 300 pages.",
]
EMOJI_LINES = [
    "Residents shared photos of flooded streets 🌊 and thanked rescue crews 🙏 online.",
    "The hashtag trended for hours, with supporters posting 🎉 and critics 👎.",
    "Fans gathered outside the stadium, waving flags 🇧🇷 and singing.",
]
CJK_LINES = [
    "A statement from 新华社 Xinhua quoted officials in 北京 Beijing as saying “我们会继续观察局势”"
    " — we will keep watching.",
    "The 東京 Tokyo exchange closed higher, with 日経 Nikkei analysts citing stronger 輸出 exports.",
    "Posters in 서울 Seoul read “함께하자” — let’s do it together.",
]


@dataclass
class Candidate:
    start: int
    end: int
    label: str
    kind: str
    speaker: int | None = None  # index of the speaker candidate, for quotes


@dataclass
class Builder:
    parts: list[str] = field(default_factory=list)
    length: int = 0
    candidates: list[Candidate] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def span(self, text: str, label: str, kind: str) -> int:
        start = self.length
        self.add(text)
        self.candidates.append(Candidate(start, self.length, label, kind))
        return len(self.candidates) - 1

    def text(self) -> str:
        return "".join(self.parts)


def _entity(b: Builder, rng: random.Random, label: str, opening: bool = False) -> int:
    pool = {"PERSON": PEOPLE, "ORG": ORGS, "LOC": PLACES, "DATE": DATES, "MISC": MISC}[label]
    value = rng.choice(pool)
    if label == "ORG" and value.startswith("the "):
        b.add("The " if opening else "the ")
        value = value[4:]
    if label == "DATE" and value.split(" ", 1)[0] in ("on", "in", "early", "late"):
        head, value = value.split(" ", 1)
        b.add(head + " ")
    return b.span(value, label, "entity")


def paragraph(b: Builder, rng: random.Random) -> None:
    """One paragraph of 1-3 sentences, recording candidate spans."""
    kind = rng.random()
    if kind < 0.35:  # a direct quote with its speaker
        b.add("“")
        quote = b.span(rng.choice(QUOTES), "QUOTE", "quote")
        b.add(",” said ")
        speaker = _entity(b, rng, "PERSON")
        b.candidates[quote].speaker = speaker
        b.add(f", {rng.choice(ROLES)} at ")
        _entity(b, rng, "ORG")
        b.add(", in ")
        _entity(b, rng, "LOC")
        b.add(" ")
        _entity(b, rng, "DATE")
        b.add(". ")
        b.add(rng.choice(FILLER))
    elif kind < 0.60:  # a claim on someone's authority
        _entity(b, rng, "ORG", opening=True)
        b.add(" said ")
        b.span(rng.choice(CLAIMS), "CLAIM", "claim")
        b.add(", citing figures compiled by ")
        _entity(b, rng, "ORG")
        b.add(". ")
        _entity(b, rng, "PERSON")
        b.add(f", {rng.choice(ROLES)}, said the debate over ")
        _entity(b, rng, "MISC")
        b.add(" had shifted. " + rng.choice(FILLER))
    elif kind < 0.85:  # narrative
        b.add("In ")
        _entity(b, rng, "LOC")
        b.add(", ")
        _entity(b, rng, "PERSON")
        b.add(" met officials from ")
        _entity(b, rng, "ORG")
        b.add(" ")
        _entity(b, rng, "DATE")
        b.add(f". {rng.choice(FILLER)} {rng.choice(FILLER)}")
    elif kind < 0.93:
        b.add(rng.choice(FILLER) + " " + rng.choice(EMOJI_LINES))
    else:
        b.add(rng.choice(CJK_LINES) + " " + rng.choice(FILLER))
    b.add("\n\n")


HEADLINES = [
    "Flood talks stall as Zürich and São Paulo weigh €4bn climate plan",
    "Ministers clash over rail strike as Deutsche Bahn warns of ‘lost summer’",
    "Coalition says jihadists hold less than 1% of former territory",
    "Central bank holds rates as inflation cools in Kraków and Łódź",
]

BIG_HEADLINE = "Harbour cities brace for record tides as Genève climate talks stall"


def big_article(target_bytes: int, rng: random.Random) -> tuple[str, list[Candidate], list[str]]:
    """A long article: headline, byline, dateline, then paragraphs until the
    UTF-8 size reaches ``target_bytes``. Also returns marker phrases (unique,
    never annotated) for finding and tagging in the app."""
    b = Builder()
    b.add(BIG_HEADLINE + "\n\nBy Ana Lúcia Ferreira and Tomás Novák\n\n")
    b.add("GENÈVE — ")
    markers: list[str] = []
    approx_bytes = 0
    count = 0
    while approx_bytes < target_bytes:
        before = b.length
        if count % 250 == 125:
            name = f"Quillmoor{len(markers):03d}"
            markers.append(name)
            b.add(f"The harbourmaster, Ilse {name}, declined to comment on the tides.\n\n")
        else:
            paragraph(b, rng)
        count += 1
        if count % 500 == 0:  # exact now and then, estimated in between
            approx_bytes = len(b.text().encode("utf-8"))
        else:
            approx_bytes += int((b.length - before) * 1.04)
    text = b.text().rstrip("\n") + "\n"
    while len(text.encode("utf-8")) < target_bytes:  # top up (rarely needed)
        extra = Builder(length=len(text) - 1)
        paragraph(extra, rng)
        b.candidates.extend(extra.candidates)
        text = text.rstrip("\n") + "\n\n" + extra.text().rstrip("\n") + "\n"
    return text, b.candidates, markers


def short_article(index: int, rng: random.Random, quotas: dict[str, int]) -> tuple[str, list[Candidate]]:
    """A short article with at least ``quotas[kind]`` candidates of each kind."""
    b = Builder()
    b.add(f"{rng.choice(HEADLINES)} ({index})\n\nBy {rng.choice(PEOPLE)}\n\n{rng.choice(PLACES).upper()} — ")
    while any(sum(1 for c in b.candidates if c.kind == k) < n for k, n in quotas.items()):
        paragraph(b, rng)
    return b.text().rstrip("\n") + "\n", b.candidates


# --------------------------------------------------------------------------
# Choosing spans and writing them through the store API.


def choose(candidates: list[Candidate], quotas: dict[str, int]) -> list[int]:
    """Indices of candidates, ``quotas[kind]`` of each kind ("entity",
    "quote", "claim"), spread evenly over the document; the speakers of the
    chosen quotes are among the chosen entities where the quota allows."""
    chosen: set[int] = set()
    for kind in ("quote", "claim"):
        want = quotas.get(kind, 0)
        pool = [i for i, c in enumerate(candidates) if c.kind == kind]
        if want > len(pool):
            raise ValueError(f"only {len(pool)} {kind} candidates for {want}")
        step = len(pool) / want if want else 1
        chosen.update(pool[int(k * step)] for k in range(want))
    want = quotas.get("entity", 0)
    speakers = sorted({candidates[i].speaker for i in chosen if candidates[i].speaker is not None})
    picked = set(speakers[: want // 2])
    pool = [i for i, c in enumerate(candidates) if c.kind == "entity" and i not in picked]
    rest = want - len(picked)
    if rest > len(pool):
        raise ValueError(f"only {len(pool) + len(picked)} entity candidates for {want}")
    step = len(pool) / rest if rest else 1
    picked.update(pool[int(k * step)] for k in range(rest))
    return sorted(chosen | picked)


def annotations_for(text: str, candidates: list[Candidate], chosen: list[int]):
    from tui.model import SPEAKER, Annotations, Relation, make_span, new_id

    spans = {}
    for i in chosen:
        c = candidates[i]
        attrs = {}
        if c.kind == "quote":
            attrs = {"type": "direct"}
        elif c.kind == "claim":
            attrs = {"checkworthy": "yes", "verdict": "unverified"}
        spans[i] = make_span(text, c.start, c.end, c.label, c.kind, attrs)
    relations = []
    for i in chosen:
        c = candidates[i]
        if c.kind == "quote" and c.speaker is not None and c.speaker in spans:
            relations.append(Relation(new_id("r"), spans[i].id, spans[c.speaker].id, SPEAKER))
    return Annotations(spans.values(), relations)


@contextlib.contextmanager
def no_fsync():
    """Scratch data: skip fsync while generating, sync once at the end."""
    with mock.patch("os.fsync", lambda fd: None):
        yield
    os.sync()


@contextlib.contextmanager
def in_dir(path: Path):
    """Documents record their source relative to the working folder; the app
    runs with the same working folder, so that ids and sources match."""
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def seed_annotations(text: str, rng: random.Random, count: int = 30):
    """About ``count`` plausible spans on an arbitrary article (used for the seed):
    capitalised word runs as entities, “...” as quotes, 'said' clauses as claims."""
    import re

    cands: list[Candidate] = []
    for m in re.finditer(r"“([^”\n]{10,200})”", text):
        cands.append(Candidate(m.start(1), m.end(1), "QUOTE", "quote"))
    for m in re.finditer(r"(?<=said )[a-z][^.,\n]{15,120}", text):
        cands.append(Candidate(m.start(), m.end(), "CLAIM", "claim"))
    labels = ["PERSON", "ORG", "LOC", "MISC"]
    for m in re.finditer(r"\b[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*", text):
        cands.append(Candidate(m.start(), m.end(), rng.choice(labels), "entity"))
    quotes = [i for i, c in enumerate(cands) if c.kind == "quote"][:4]
    claims = [i for i, c in enumerate(cands) if c.kind == "claim"][:3]
    entities = [i for i, c in enumerate(cands) if c.kind == "entity"]
    rng.shuffle(entities)
    chosen = sorted(quotes + claims + entities[: max(0, count - len(quotes) - len(claims))])
    seen, unique = set(), []
    for i in chosen:
        key = (cands[i].start, cands[i].end)
        if key not in seen:
            seen.add(key)
            unique.append(i)
    return annotations_for(text, cands, unique)


# --------------------------------------------------------------------------


@dataclass
class Data:
    """What was generated, by part: ``big`` (the 5 MB article, its store with
    20,000 annotations and an empty store), ``seed`` (the seed article with
    ~30 annotations), ``export`` (2,000 documents, 100,000 annotations),
    ``switch`` (10 articles of 5-20 KB in a folder, annotated) and ``grade``
    (20 short articles: a ``gold`` annotator and 200 perturbed students)."""

    root: Path  # working folder: the apps run here, sources are relative to it
    seed: Path = field(default_factory=lambda: SEED)
    seed_headline: str = ""
    big: Path | None = None  # the 5 MB article
    big_headline: str = ""
    markers: list[str] = field(default_factory=list)  # unique words in it, never annotated
    store_seed_annotated: Path | None = None
    store_big: Path | None = None
    store_big_empty: Path | None = None
    export_store: Path | None = None
    switch_folder: Path | None = None  # 10 articles of 5-20 KB
    switch_store: Path | None = None
    switch_headlines: list[str] = field(default_factory=list)
    grade_store: Path | None = None  # gold + 200 students on 20 articles
    counts: dict = field(default_factory=dict)
    timings: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {k: (str(v) if isinstance(v, Path) else v) for k, v in self.__dict__.items()}


SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_0d67f1ad6aabe61d.txt"
SEED_HEADLINE = "Islamic State down to less than 1% of original caliphate"
ANNOTATOR = "bench"
GEN_VERSION = 4
SIZES = {"big_bytes": 5 * 1024 * 1024, "big_annotations": 20_000, "export_docs": 2_000, "per_doc": 50}


def _code_stamp() -> str:
    """A hash of the code that decides what the store files look like: cached
    data is regenerated when it changes."""
    import hashlib

    package = Path(__file__).resolve().parent.parent / "tui"
    digest = hashlib.sha256()
    for path in sorted([*package.glob("store/*.py"), package / "model.py", package / "loading.py"]):
        if path.exists():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _cached(root: Path, part: str, params: dict, log) -> dict | None:
    manifest = root / f"manifest-{part}.json"
    if manifest.exists():
        saved = json.loads(manifest.read_text())
        if saved.get("params") == params:
            log(f"  {part}: reusing the data generated in {root}")
            return saved["result"]
    return None


def _save(root: Path, part: str, params: dict, result: dict) -> None:
    (root / f"manifest-{part}.json").write_text(json.dumps({"params": params, "result": result}, indent=1))


# The parts' steps in order, each reusing what an earlier run left.
def generate(root: Path, parts: set[str], log=print, sizes: dict | None = None) -> Data:  # noqa: PLR0915
    """Generate the ``parts`` wanted ("big", "seed", "export") under ``root``,
    reusing what an earlier run left there if the sizes and store code match."""
    from tui.loading import read_article
    from tui.store import Store

    sizes = {**SIZES, **(sizes or {})}
    root = Path(root).resolve()
    root.mkdir(parents=True, exist_ok=True)
    data = Data(root=root, seed_headline=SEED_HEADLINE, big_headline=BIG_HEADLINE)
    stamp = _code_stamp()

    if "big" in parts:
        params = {"version": GEN_VERSION, "code": stamp, "bytes": sizes["big_bytes"], "spans": sizes["big_annotations"]}
        result = _cached(root, "big", params, log)
        if result is None:
            for old in ("store-big", "store-big-empty"):
                shutil.rmtree(root / old, ignore_errors=True)
            result = {"timings": {}}
            with in_dir(root), no_fsync():
                t = time.perf_counter()
                text, candidates, markers = big_article(sizes["big_bytes"], random.Random(20240611))
                big = root / "articles" / "big_article.txt"
                big.parent.mkdir(parents=True, exist_ok=True)
                big.write_text(text, encoding="utf-8")
                document = read_article(Path("articles") / "big_article.txt")
                assert document.headline == BIG_HEADLINE, document.headline
                want = sizes["big_annotations"]
                quotas = {k: int(want * v) for k, v in {"entity": 0.60, "quote": 0.25, "claim": 0.15}.items()}
                quotas["entity"] += want - sum(quotas.values())
                annotations = annotations_for(document.text, candidates, choose(candidates, quotas))
                result["timings"]["big article text"] = time.perf_counter() - t
                t = time.perf_counter()
                Store(root / "store-big").write_annotations(document, ANNOTATOR, annotations)
                Store(root / "store-big-empty").save_document(document)
                result["timings"]["big article stores"] = time.perf_counter() - t
            result.update(markers=markers, counts={
                "big_bytes": len(text.encode("utf-8")), "big_chars": len(text), "big_lines": text.count("\n") + 1,
                "big_spans": len(annotations), "big_relations": len(annotations.relations()),
                "big_kinds": {k: len(annotations.spans(k)) for k in ("entity", "quote", "claim")},
            })
            _save(root, "big", params, result)
        data.big = root / "articles" / "big_article.txt"
        data.markers = result["markers"]
        data.store_big, data.store_big_empty = root / "store-big", root / "store-big-empty"
        data.counts.update(result["counts"])
        data.timings.update(result["timings"])

    if "seed" in parts:
        params = {"version": GEN_VERSION, "code": stamp, "seed": SEED.read_text(encoding="utf-8")}
        result = _cached(root, "seed", params, log)
        if result is None:
            shutil.rmtree(root / "store-seed-annotated", ignore_errors=True)
            with in_dir(root), no_fsync():
                t = time.perf_counter()
                seed_doc = read_article(SEED)
                seed_ann = seed_annotations(seed_doc.text, random.Random(7))
                Store(root / "store-seed-annotated").write_annotations(seed_doc, ANNOTATOR, seed_ann)
            result = {"counts": {"seed_spans": len(seed_ann)}, "timings": {"seed store": time.perf_counter() - t}}
            _save(root, "seed", params, result)
        data.store_seed_annotated = root / "store-seed-annotated"
        data.counts.update(result["counts"])
        data.timings.update(result["timings"])

    if "export" in parts:
        docs, per_doc = sizes["export_docs"], sizes["per_doc"]
        params = {"version": GEN_VERSION, "code": stamp, "docs": docs, "per_doc": per_doc}
        result = _cached(root, "export", params, log)
        if result is None:
            for old in ("store-export", "export-articles"):
                shutil.rmtree(root / old, ignore_errors=True)
            rng = random.Random(99)
            t = time.perf_counter()
            total = 0
            with in_dir(root), no_fsync():
                folder = root / "export-articles"
                folder.mkdir()
                store = Store(root / "store-export")
                share = {"entity": 40, "quote": 6, "claim": 4}
                quotas = {k: round(v * per_doc / 50) for k, v in share.items()}
                quotas["entity"] += per_doc - sum(quotas.values())
                for i in range(docs):
                    body, cands = short_article(i, rng, quotas)
                    path = folder / f"story_{i:04d}.txt"
                    path.write_text(body, encoding="utf-8")
                    doc = read_article(Path("export-articles") / path.name)
                    ann = annotations_for(doc.text, cands, choose(cands, quotas))
                    store.write_annotations(doc, ANNOTATOR, ann)
                    total += len(ann)
            result = {"counts": {"export_docs": docs, "export_spans": total},
                      "timings": {"export store": time.perf_counter() - t}}
            _save(root, "export", params, result)
        data.export_store = root / "store-export"
        data.counts.update(result["counts"])
        data.timings.update(result["timings"])

    if "switch" in parts:
        result = generate_switch(root, stamp, log)
        data.switch_folder, data.switch_store = root / "switch-articles", root / "store-switch"
        data.switch_headlines = result["headlines"]
        data.counts.update(result["counts"])
        data.timings.update(result["timings"])

    if "grade" in parts:
        result = generate_grade(root, stamp, log)
        data.grade_store = root / "store-grade"
        data.counts.update(result["counts"])
        data.timings.update(result["timings"])
    return data


# --------------------------------------------------------------------------
# "switch": a folder of 10 articles of 5-20 KB; "grade": a class of 200
# students on 20 short articles, graded against a gold annotator.

SWITCH_DOCS = 10
SWITCH_HEADLINES = [
    "Harbour workers strike as Tromsø port talks collapse",
    "Rail plan approved after Düsseldorf council vote",
    "Drought pushes coffee prices to a decade high in Bogotá",
    "Museum returns bronzes looted from Ouagadougou",
    "Flooded metro lines reopen in Montréal after storm",
    "Bank regulators in Zürich tighten capital rules",
    "Wildfire season starts early across Málaga hills",
    "Tech firms face new data rules in İstanbul",
    "Nairobi startups court investors at regional summit",
    "Reykjavík geothermal project wins climate award",
]
GRADE_DOCS, GRADE_STUDENTS, GOLD = 20, 200, "gold"


def sized_article(headline: str, target_bytes: int, rng: random.Random) -> tuple[str, list[Candidate]]:
    """A news-like article of about ``target_bytes`` (UTF-8)."""
    b = Builder()
    b.add(f"{headline}\n\nBy {rng.choice(PEOPLE)}\n\n{rng.choice(PLACES).upper()} — ")
    while len(b.text().encode("utf-8")) < target_bytes:
        paragraph(b, rng)
    return b.text().rstrip("\n") + "\n", b.candidates


def half_quotas(candidates: list[Candidate]) -> dict[str, int]:
    counts = {k: sum(1 for c in candidates if c.kind == k) for k in ("entity", "quote", "claim")}
    return {k: n // 2 for k, n in counts.items()}


def student_annotations(text: str, gold, candidates: list[Candidate], chosen: list[int], rng: random.Random):
    """A perturbed copy of ``gold``: ~8% of spans dropped, ~10% shifted by a
    character at one end, ~5% relabelled, one or two extra entities."""
    from tui.model import Annotations, Relation, make_span, new_id

    labels = ["PERSON", "ORG", "LOC", "DATE", "MISC"]
    spans, ids = [], {}
    taken = {(s.start, s.end) for s in gold.spans()}
    for span in gold.spans():
        roll = rng.random()
        if roll < 0.08:
            continue
        start, end, label = span.start, span.end, span.label
        if roll < 0.18:
            move = rng.choice(("start+", "end-", "end+"))
            if move == "start+" and end - start > 2:
                start += 1
            elif move == "end-" and end - start > 2:
                end -= 1
            elif move == "end+" and end < len(text) and not text[end].isspace():
                end += 1
            elif end - start > 2:
                end -= 1
        elif roll < 0.23 and span.kind == "entity":
            label = rng.choice([x for x in labels if x != span.label])
        new = make_span(text, start, end, label, span.kind, span.attrs)
        ids[span.id] = new.id
        spans.append(new)
    pool = [i for i, c in enumerate(candidates)
            if c.kind == "entity" and i not in chosen and (c.start, c.end) not in taken]
    for i in rng.sample(pool, min(len(pool), rng.choice((1, 2)))):
        c = candidates[i]
        spans.append(make_span(text, c.start, c.end, c.label, "entity"))
    relations = [Relation(new_id("r"), ids[r.head], ids[r.child], r.label)
                 for r in gold.relations() if r.head in ids and r.child in ids]
    return Annotations(spans, relations)


def generate_switch(root: Path, stamp: str, log) -> dict:
    from tui.loading import read_article
    from tui.store import Store

    params = {"version": GEN_VERSION, "code": stamp, "docs": SWITCH_DOCS}
    result = _cached(root, "switch", params, log)
    if result is None:
        for old in ("switch-articles", "store-switch"):
            shutil.rmtree(root / old, ignore_errors=True)
        rng = random.Random(4242)
        t = time.perf_counter()
        headlines, sizes, spans = [], [], []
        with in_dir(root), no_fsync():
            folder = root / "switch-articles"
            folder.mkdir()
            store = Store(root / "store-switch")
            for i in range(SWITCH_DOCS):
                target = 5_000 + round(15_000 * i / (SWITCH_DOCS - 1))  # 5 KB .. 20 KB
                body, cands = sized_article(SWITCH_HEADLINES[i], target, rng)
                path = folder / f"story_{i:02d}.txt"
                path.write_text(body, encoding="utf-8")
                doc = read_article(Path("switch-articles") / path.name)
                assert doc.headline == SWITCH_HEADLINES[i], doc.headline
                ann = annotations_for(doc.text, cands, choose(cands, half_quotas(cands)))
                store.write_annotations(doc, ANNOTATOR, ann)
                headlines.append(doc.headline)
                sizes.append(len(body.encode("utf-8")))
                spans.append(len(ann))
        result = {"headlines": headlines,
                  "counts": {"switch_docs": SWITCH_DOCS, "switch_bytes": sizes, "switch_spans": spans},
                  "timings": {"switch store": time.perf_counter() - t}}
        _save(root, "switch", params, result)
    return result


def generate_grade(root: Path, stamp: str, log) -> dict:
    from tui.loading import read_article
    from tui.store import Store

    params = {"version": GEN_VERSION, "code": stamp, "docs": GRADE_DOCS, "students": GRADE_STUDENTS}
    result = _cached(root, "grade", params, log)
    if result is None:
        for old in ("grade-articles", "store-grade"):
            shutil.rmtree(root / old, ignore_errors=True)
        rng = random.Random(777)
        t = time.perf_counter()
        gold_spans = gold_relations = student_spans = 0
        with in_dir(root), no_fsync():
            folder = root / "grade-articles"
            folder.mkdir()
            store = Store(root / "store-grade")
            quotas = {"entity": 36, "quote": 6, "claim": 4}  # 46 spans
            docs = []
            for i in range(GRADE_DOCS):
                body, cands = short_article(i, rng, quotas)
                path = folder / f"class_{i:02d}.txt"
                path.write_text(body, encoding="utf-8")
                doc = read_article(Path("grade-articles") / path.name)
                chosen = choose(cands, quotas)
                gold = annotations_for(doc.text, cands, chosen)
                store.write_annotations(doc, GOLD, gold)
                gold_spans += len(gold)
                gold_relations += len(gold.relations())
                docs.append((doc, gold, cands, set(chosen)))
            for n in range(GRADE_STUDENTS):
                for doc, gold, cands, chosen in docs:
                    ann = student_annotations(doc.text, gold, cands, chosen, rng)
                    store.write_annotations(doc, f"student{n:03d}", ann)
                    student_spans += len(ann)
        result = {"counts": {"grade_docs": GRADE_DOCS, "grade_students": GRADE_STUDENTS,
                             "grade_gold_spans": gold_spans, "grade_gold_relations": gold_relations,
                             "grade_student_spans": student_spans,
                             "grade_doc_bytes": sum(len(d.text.encode("utf-8")) for d, *_ in docs) // GRADE_DOCS},
                  "timings": {"grade store": time.perf_counter() - t}}
        _save(root, "grade", params, result)
    return result


if __name__ == "__main__":  # python benchmarks/datagen.py DIR: generate and show what it made
    import sys

    d = generate(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/annotty-bench-data"), {"big", "seed", "export"})
    print(json.dumps(d.to_json(), indent=1, ensure_ascii=False)[:3000])
