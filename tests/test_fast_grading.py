"""Grading a class straight from the store's records (tui.metrics.fast_grading,
store_grading) gives exactly what the reference gives: ``grade_document`` on
loaded annotations, and ``collect`` followed by ``grade_class``."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.commands.grade import gradebook_row
from tui.metrics import grade_class, grade_document
from tui.metrics.collect import collect
from tui.metrics.fast_grading import GoldKey, grade_records
from tui.metrics.grading import Prepared
from tui.metrics import store_grading
from tui.metrics.store_grading import annotated_files, grade_class_from_store, read_plain_records
from tui.model import Annotations, Document, Relation, Span
from tui.store import Store

KIND_OF = {"QUOTE": "quote", "INDIRECT": "quote", "CLAIM": "claim"}
ENTITY_LABELS = ["PERSON", "ORG", "LOC"]
WORDS = [
    "the", "minister", "said", "that", "prices", "rose", "and", "Zoë", "Ghika", "of", "Reuters", "told", "東京",
    "reporters", "it", "was", "👍🏽", "ok",
]


def article(rng: random.Random, words: int = 60) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def span_on(text: str, span_id: str, start: int, end: int, label: str) -> Span:
    return Span(span_id, start, end, label, KIND_OF.get(label, "entity"), text[start:end], {})


def random_annotations(rng: random.Random, text: str, prefix: str, n: int, labels: list[str]) -> Annotations:
    spans = []
    for i in range(n):
        start = rng.randrange(0, len(text) - 1)
        end = min(len(text), start + rng.randint(1, 25))
        spans.append(span_on(text, f"{prefix}{i}", start, end, rng.choice(labels)))
    return Annotations(spans, random_relations(rng, spans, prefix))


def random_relations(rng: random.Random, spans: list[Span], prefix: str) -> list[Relation]:
    relations = []
    entities = [s for s in spans if s.kind == "entity"]
    for i, span in enumerate(spans):
        if span.kind in ("quote", "claim") and entities and rng.random() < 0.8:
            label = "SPEAKER" if span.kind == "quote" else "SOURCE"
            relations.append(Relation(f"{prefix}r{i}", span.id, rng.choice(entities).id, label))
    for i in range(rng.randint(0, 3)):
        if len(entities) > 1:
            a, b = rng.sample(entities, 2)
            relations.append(Relation(f"{prefix}c{i}", a.id, b.id, "COREF"))
    return relations


def perturbed(rng: random.Random, text: str, gold: Annotations, labels: list[str]) -> Annotations:
    """A student: the key's spans, some dropped, moved, relabelled, plus extras."""
    spans, ids = [], {}
    for span in gold.spans():
        roll = rng.random()
        if roll < 0.15:
            continue
        start, end, label = span.start, span.end, span.label
        if roll < 0.4:
            start = max(0, min(start + rng.choice((-2, -1, 1)), end - 1))
            end = max(start + 1, min(len(text), end + rng.choice((-1, 0, 1, 3))))
        elif roll < 0.5:
            label = rng.choice(labels)
        new = span_on(text, f"x{len(spans)}", start, end, label)
        ids[span.id] = new.id
        spans.append(new)
    key_spans = gold.spans()
    for i in range(rng.randint(0, 4)):
        if key_spans and rng.random() < 0.5:  # right beside a key span, with its label: touching is not overlapping
            near = rng.choice(key_spans)
            start, end = (near.end, near.end + 3) if near.end + 3 <= len(text) else (max(0, near.start - 3), near.start)
            if start < end:
                spans.append(span_on(text, f"e{i}", start, end, near.label))
            continue
        start = rng.randrange(0, len(text) - 1)
        spans.append(span_on(text, f"e{i}", start, min(len(text), start + rng.randint(1, 12)), rng.choice(labels)))
    relations = [Relation(f"x{r.id}", ids[r.head], ids[r.child], r.label)
                 for r in gold.relations() if r.head in ids and r.child in ids and rng.random() < 0.8]
    others = [s for s in spans if s.kind == "entity"]
    for span in spans:  # some speakers linked anew, right or wrong
        if span.kind in ("quote", "claim") and others and rng.random() < 0.3:
            relations.append(Relation(f"y{span.id}", span.id, rng.choice(others).id,
                                      "SPEAKER" if span.kind == "quote" else "SOURCE"))
    seen, unique = set(), []
    for r in relations:  # one relation per id
        if r.id not in seen:
            seen.add(r.id)
            unique.append(r)
    return Annotations(spans, unique)


def records(annotations: Annotations) -> tuple[dict, dict]:
    """The span and relation tables as the store writes them."""
    return ({s.id: s.to_dict() for s in annotations.spans()},
            {r.id: r.to_dict() for r in annotations.relations()})


def assert_same_grade(fast, reference) -> None:
    assert fast == reference
    # dict equality ignores order; the reports keep the reference's
    assert list(fast.counts) == list(reference.counts)
    assert list(fast.attribution) == list(reference.attribution)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32), st.sampled_from([["QUOTE", "CLAIM"], ["QUOTE", "INDIRECT", "CLAIM"], ["CLAIM"]]))
def test_grade_records_is_grade_document(seed, attributed_labels):
    rng = random.Random(seed)
    text = article(rng)
    labels = ENTITY_LABELS + attributed_labels
    gold = random_annotations(rng, text, "g", rng.randint(0, 25), labels)
    student = perturbed(rng, text, gold, labels) if rng.random() < 0.8 else random_annotations(
        rng, text, "s", rng.randint(0, 20), labels)
    prepared = Prepared(gold)
    reference = grade_document(prepared, student, "d")
    key = GoldKey(prepared, text)
    fast = grade_records(key, *records(student), "d")
    # Only a kind with two labels in the key or the student, or two spans of
    # a label at one place, is left to the reference.
    kinds_labels = {}
    for s in gold.spans() + student.spans():
        kinds_labels.setdefault(s.kind, set()).add(s.label)
    rows = [(s.start, s.end, s.label, s.kind) for s in gold.spans()]
    student_rows = [(s.start, s.end, s.label, s.kind) for s in student.spans()]
    plain = (len(set(rows)) == len(rows) and len(set(student_rows)) == len(student_rows)
             and all(len(kinds_labels.get(kind, ())) <= 1 for kind in ("quote", "claim")))
    assert (fast is not None) == plain
    if fast is None:
        return
    assert_same_grade(fast, reference)
    counted = grade_records(key, *records(student), "d", lists=False)
    assert (counted.counts, counted.attribution, counted.missed, counted.wrong, counted.unattributed,
            counted.wrong_label) == (reference.counts, reference.attribution, reference.missed, reference.wrong,
                                     reference.unattributed, reference.wrong_label)
    with pytest.raises(AttributeError, match="not kept"):
        counted.extra  # noqa: B018  reading it is what must fail


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20), st.sampled_from(["PERSON", "ORG"])), max_size=80),
       st.integers(0, 70), st.integers(1, 20), st.sampled_from(["PERSON", "ORG"]))
def test_a_row_is_described_with_every_key_span_it_overlaps(key_spans, start, length, label):
    text = "x" * 100
    gold = [span_on(text, f"g{i}", s, s + n, lab) for i, (s, n, lab) in enumerate(key_spans)]
    unique = list({(g.start, g.end, g.label): g for g in gold}.values())
    key = GoldKey(Prepared(Annotations(unique)), text)
    end = start + length
    found = key.describe((start, end, label, "entity", text[start:end]))[1]
    assert sorted(found) == sorted((g.start, g.end, g.label, g.kind, g.text) for g in unique
                                   if g.label == label and g.start < end and start < g.end)


def test_a_row_is_described_with_every_key_span_it_overlaps_among_many():
    rng = random.Random(3)
    text = "x" * 200
    for _ in range(5):
        gold = {}
        for _ in range(60):
            start = rng.randrange(0, 180)
            span = span_on(text, f"g{len(gold)}", start, start + rng.randint(1, 20), "PERSON")
            gold.setdefault((span.start, span.end), span)
        key = GoldKey(Prepared(Annotations(gold.values())), text)
        for start in range(0, 200):
            for end in range(start + 1, min(200, start + 25) + 1):
                found = key.describe((start, end, "PERSON", "entity", text[start:end]))[1]
                assert sorted(found) == sorted(
                    (g.start, g.end, g.label, g.kind, g.text) for g in gold.values() if g.start < end and start < g.end)


def test_grade_records_refuses_what_the_store_would_not_load():
    text = "Zoë Ghika told Reuters that prices rose."
    gold = Annotations([span_on(text, "g1", 0, 9, "PERSON"), span_on(text, "g2", 15, 22, "ORG"),
                        span_on(text, "g3", 1, 9, "LOC")])
    key = GoldKey(Prepared(gold), text)

    def student():
        return records(Annotations([span_on(text, "s1", 0, 9, "PERSON"), span_on(text, "s2", 15, 21, "ORG"),
                                    span_on(text, "s3", 1, 9, "LOC")]))

    assert grade_records(key, *student()) is not None
    broken = [
        lambda s, r: s["s2"].update(text="Reuter!"),          # no longer matches the text: flagged
        lambda s, r: s["s1"].update(start="0"),               # malformed
        lambda s, r: s["s3"].update(start=True),              # a true would pass for the key's 1
        lambda s, r: s["s1"].update(end=9.0),                 # (the decoding refuses floats; this too)
        lambda s, r: s["s1"].pop("label"),                    # malformed
        lambda s, r: s["s1"].update(id="s2"),                 # two spans with one id
        lambda s, r: s["s1"].update(attrs=["x"]),             # attrs the store cannot read
        lambda s, r: s["s2"].update(end=99),                  # outside the text
        lambda s, r: r.update(r1={"id": "r1", "head": "s1", "child": 2, "label": "COREF"}),
        lambda s, r: r.update(r1={"id": "r9", "head": "s1", "child": "s2", "label": "COREF"}),
        lambda s, r: s.update(s3=dict(s["s1"], id="s3")),     # the same span twice
    ]
    for change in broken:
        spans, relations = student()
        change(spans, relations)
        assert grade_records(key, spans, relations) is None, change


def test_reading_refuses_floats_and_what_json_would_refuse(tmp_path):
    path = tmp_path / "a.json"
    good = {"annotty": {"format": {"version": 1}}, "spans": {"s1": {"id": "s1", "start": 1}}, "relations": {}}
    path.write_text(json.dumps(good) + "\n  ")
    assert read_plain_records(str(path)) == (good["spans"], {})
    for content in [json.dumps(good).replace('"start": 1', '"start": 1.0'), json.dumps(good) + "x",
                    json.dumps(good).replace('"start": 1', '"start": NaN'), " " + json.dumps(good), "",
                    json.dumps({"spans": {}}), "[1]", json.dumps({**good, "spans": [1]})]:
        path.write_text(content)
        assert read_plain_records(str(path)) is None, content
    path.write_bytes(b"\xff")
    assert read_plain_records(str(path)) is None


def test_annotated_files_lists_what_the_store_lists(tmp_path):
    store = Store(tmp_path)
    folder = tmp_path / "annotators" / "ann"
    folder.mkdir(parents=True)
    for name in ["a.json", "b.json", "b.json.journal", "c.json.journal", ".json", "d.e.json", "x.txt", "f.json.lock"]:
        (folder / name).write_text("{}")
    (folder / "g.json").mkdir()
    files = annotated_files(store, "ann")
    assert list(files) == store.annotated_documents("ann")
    assert [doc for doc, journal in files.items() if journal] == ["b", "c"]
    assert annotated_files(store, "nobody") == {} == dict.fromkeys(store.annotated_documents("nobody"))


# -- a whole class, from a store -------------------------------------------------


@pytest.fixture
def class_store(tmp_path):
    """A key and a dozen students on five articles, with what a class store
    holds besides plain files: an article changed and a span edited (spans
    flagged), a journal, a file in the older format, a damaged file, a
    student's own label, two spans of a label at one place, a document the
    key lacks, a student with nothing in common with the key."""
    rng = random.Random(7)
    store = Store(tmp_path / "store")
    labels = ENTITY_LABELS + ["QUOTE", "CLAIM"]
    docs = [Document(f"doc{i}", article(rng, 80)) for i in range(5)]
    golds = {}
    for doc in docs[:4]:
        golds[doc.id] = random_annotations(rng, doc.text, "g", 30, labels)
        store.write_annotations(doc, "key", golds[doc.id])
    for n in range(12):
        for doc in docs:
            gold = golds.get(doc.id) or random_annotations(rng, doc.text, "k", 10, labels)
            store.write_annotations(doc, f"student{n:02d}", perturbed(rng, doc.text, gold, labels))
    folder = tmp_path / "store" / "annotators"

    def edit(name: str, doc_id: str, change) -> None:
        path = folder / name / f"{doc_id}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    def first_span(data):
        return data["spans"][sorted(data["spans"])[0]]

    edit("student00", "doc0", lambda d: first_span(d).update(text="not here"))          # flagged
    edit("student02", "doc2", lambda d: first_span(d).update(label="MYLABEL"))           # a label of one's own
    edit("student03", "doc3", lambda d: d["spans"].update(twin=dict(first_span(d), id="twin")))  # the same span twice
    edit("student04", "doc0", lambda d: first_span(d).update(kind="quote", label="QUOTE2"))  # a second quote label
    (folder / "student05" / "doc1.json").write_text('{"spans": {', encoding="utf-8")      # damaged
    journal = folder / "student06" / "doc2.json.journal"
    journal.write_text(json.dumps({"ops": [["span", "j1", span_on(docs[2].text, "j1", 0, 5, "ORG").to_dict()]]})
                       + "\n", encoding="utf-8")
    old = folder / "student07" / "doc3.json"  # format 0: no version, records keyed by counters
    data = json.loads(old.read_text(encoding="utf-8"))
    old.write_text(json.dumps({"_default": {str(i): r for i, r in enumerate(data["spans"].values(), 1)}}),
                   encoding="utf-8")
    (folder / "student08").rename(folder / "zz-only-doc4")
    for doc in docs[:4]:
        (folder / "zz-only-doc4" / f"{doc.id}.json").unlink()
    # the article changed (a few words, the same length): the spans over them no longer match
    changed = docs[2].text[:100] + "x" * 30 + docs[2].text[130:]
    store.save_document(Document("doc2", changed))
    return tmp_path / "store"


def reference_report(store: Store, gold: str, students: list[str]):
    data = collect(store, [gold, *students])
    return grade_class(data.annotations[gold], {name: data.annotations[name] for name in students}), data.skipped


@pytest.mark.parametrize("jobs", [1, 3])
def test_a_class_graded_from_the_store_is_graded_as_before(class_store, jobs, monkeypatch):
    monkeypatch.setattr(store_grading, "STUDENTS_PER_JOB", 1)  # a small class split among processes all the same
    store = Store(class_store)
    students = [name for name in store.annotators() if name != "key"]
    expected, expected_skipped = reference_report(store, "key", students)
    report, skipped = grade_class_from_store(store, "key", students, jobs=jobs)
    assert skipped == expected_skipped and skipped
    assert report.to_dict() == expected.to_dict()
    assert json.dumps(report.to_dict()) == json.dumps(expected.to_dict())  # the same order throughout
    # the gradebook alone: the same rows and class lists without listing the spans
    counted, _ = grade_class_from_store(store, "key", students, lists=False, jobs=jobs)
    assert [gradebook_row(n, g) for n, g in counted.students.items()] == \
        [gradebook_row(n, g) for n, g in expected.students.items()]
    assert (counted.missed_quotes, counted.confusions, counted.unfound_claims) == \
        (expected.missed_quotes, expected.confusions, expected.unfound_claims)


@pytest.mark.parametrize("jobs", [1, 4])
def test_a_malformed_record_stops_the_class_as_before(class_store, jobs, monkeypatch):
    monkeypatch.setattr(store_grading, "STUDENTS_PER_JOB", 1)
    path = class_store / "annotators" / "student01" / "doc1.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    record = data["spans"][sorted(data["spans"])[0]]
    record["start"] = record["start"] * 1.0  # a float where the store keeps ints
    path.write_text(json.dumps(data), encoding="utf-8")
    store = Store(class_store)
    students = [name for name in store.annotators() if name != "key"]
    with pytest.raises(Exception) as expected:
        reference_report(store, "key", students)
    with pytest.raises(type(expected.value)) as raised:
        grade_class_from_store(store, "key", students, jobs=jobs)
    assert str(raised.value) == str(expected.value) and "malformed record" in str(raised.value)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_classes_are_graded_as_before(tmp_path, seed):
    rng = random.Random(seed)
    store = Store(tmp_path / "store")
    labels = ENTITY_LABELS + ["QUOTE", "CLAIM"]
    for i in range(3):
        doc = Document(f"d{i}", article(rng, 120))
        gold = random_annotations(rng, doc.text, "g", 40, labels)
        store.write_annotations(doc, "key", gold)
        for n in range(8):
            store.write_annotations(doc, f"s{n}", perturbed(rng, doc.text, gold, labels))
    students = [name for name in store.annotators() if name != "key"]
    expected, _ = reference_report(store, "key", students)
    report, _ = grade_class_from_store(store, "key", students)
    assert json.dumps(report.to_dict()) == json.dumps(expected.to_dict())


def test_the_gradebook_command_reads_no_ui_and_prints_as_before(class_store, tmp_path):
    book = tmp_path / "book.csv"
    code = ("import sys; from tui.cli import main; code = main(sys.argv[1:]); "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]; "
            "sys.exit(3 if bad else code)")
    result = subprocess.run([sys.executable, "-c", code, "grade", "--store", str(class_store), "--gold", "key",
                             "--all", "--csv", str(book)], check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    store = Store(class_store)
    expected, skipped = reference_report(store, "key", [n for n in store.annotators() if n != "key"])
    rows = book.read_text(encoding="utf-8").splitlines()[1:]
    assert rows == [",".join("" if v is None else f"{v:.4f}" if isinstance(v, float) else str(v)
                             for v in gradebook_row(name, grade)) for name, grade in expected.students.items()]
    assert [line for line in result.stderr.splitlines() if "skipped" in line] == \
        [f"annotty: skipped {line}" for line in skipped]


def test_a_wrong_label_is_found_by_the_fast_path_as_by_the_reference():
    text = "Zoë Ghika of Reuters told 東京 reporters it was ok."
    at = {word: text.index(word) for word in ("Zoë Ghika", "Reuters", "東京")}
    gold = Annotations([span_on(text, "g1", at["Zoë Ghika"], at["Zoë Ghika"] + 9, "PERSON"),
                        span_on(text, "g2", at["Reuters"], at["Reuters"] + 7, "ORG"),
                        span_on(text, "g3", at["東京"], at["東京"] + 2, "LOC")])
    # Reuters relabelled (a wrong label), Tokyo relabelled and moved (a miss and an extra)
    student = Annotations([span_on(text, "s1", at["Zoë Ghika"], at["Zoë Ghika"] + 9, "PERSON"),
                           span_on(text, "s2", at["Reuters"], at["Reuters"] + 7, "LOC"),
                           span_on(text, "s3", at["東京"], at["東京"] + 3, "ORG")])
    prepared = Prepared(gold)
    reference = grade_document(prepared, student, "d")
    assert [(g.id, s.id) for g, s in reference.wrong_label] == [("g2", "s2")]
    assert [s.id for s in reference.missed] == ["g3"] and [s.id for s in reference.extra] == ["s3"]
    key = GoldKey(prepared, text)
    assert_same_grade(grade_records(key, *records(student), "d"), reference)
    counted = grade_records(key, *records(student), "d", lists=False)
    assert (counted.missed, counted.wrong_label) == (reference.missed, reference.wrong_label)
