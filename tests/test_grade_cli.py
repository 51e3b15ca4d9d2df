"""annotty grade and annotty agree: text and JSON output, the gradebook, errors."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from tui.cli import main
from tui.model import Annotations, Document, Relation, Span
from tui.store import Store

A = ("Christopher Ghika told reporters: “We will win.” The monitor said that 30 people died. "
     "Reuters agreed.")
J = "東京都の小池百合子知事は「準備は整った」と述べた。👩‍👩‍👧が👍🏽と返した。"
KIND_OF = {"QUOTE": "quote", "CLAIM": "claim"}


def sp(text, span_id, sub, label, cut=(0, 0)):
    start = text.index(sub)
    end = start + len(sub) + cut[1]
    start += cut[0]
    return Span(span_id, start, end, label, KIND_OF.get(label, "entity"), text[start:end], {})


def rel(head, child, label):
    return Relation(f"r-{head}-{child}", head, child, label)


def cued(span: Span, cue: str) -> Span:
    start = A.index(cue)
    return Span(span.id, span.start, span.end, span.label, span.kind, span.text,
                {"cue": {"start": start, "end": start + len(cue), "text": cue}})


@pytest.fixture
def store_root(tmp_path):
    store = Store(tmp_path / "store")
    d1, d2, d3 = Document("d1", A), Document("d2", J), Document("d3", "Only Zoë read this one.")
    teacher_d1 = Annotations(
        [sp(A, "p1", "Christopher Ghika", "PERSON"), cued(sp(A, "q1", "We will win.", "QUOTE"), "told reporters"),
         sp(A, "o1", "The monitor", "ORG"), sp(A, "c1", "30 people died", "CLAIM"), sp(A, "o2", "Reuters", "ORG")],
        [rel("q1", "p1", "SPEAKER"), rel("c1", "o1", "SOURCE")])
    teacher_d2 = Annotations(
        [sp(J, "p2", "小池百合子", "PERSON"), sp(J, "q2", "準備は整った", "QUOTE"), sp(J, "m1", "👩‍👩‍👧", "MISC")],
        [rel("q2", "p2", "SPEAKER")])
    store.write_annotations(d1, "teacher", teacher_d1)
    store.write_annotations(d2, "teacher", teacher_d2)
    # maria: d1 with a short name, a wrong speaker, a missed claim and an extra;
    # d2 with a name one character short and the speaker linked to it.
    store.write_annotations(d1, "maria", Annotations(
        [sp(A, "s1", "Ghika", "PERSON"), sp(A, "s2", "We will win.", "QUOTE"), sp(A, "s3", "Reuters", "ORG"),
         sp(A, "s4", "The monitor", "PERSON")],
        [rel("s2", "s3", "SPEAKER")]))
    store.write_annotations(d2, "maria", Annotations(
        [sp(J, "s5", "小池百合子", "PERSON", cut=(0, -1)), sp(J, "s6", "準備は整った", "QUOTE"),
         sp(J, "s7", "👩‍👩‍👧", "MISC")],
        [rel("s6", "s5", "SPEAKER")]))
    # lee: d1 exactly as the key, d2 not done
    store.write_annotations(d1, "lee", teacher_d1)
    # zoe: nothing in common with the key
    store.write_annotations(d3, "zoe", Annotations([Span("z1", 5, 8, "PERSON", "entity", "Zoë", {})]))
    return tmp_path / "store"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def row(out: str, *first: str) -> list[str]:
    """The cells of the table line starting with ``first`` (split on runs of spaces)."""
    for line in out.splitlines():
        cells = line.split()
        if cells[:len(first)] == list(first):
            return cells
    raise AssertionError(f"no line starting with {first} in:\n{out}")


def test_grade_text(store_root, capsys):
    code, out, err = run(capsys, "grade", "--store", str(store_root), "--gold", "teacher", "--annotator", "maria")
    assert code == 0 and err == ""
    assert out.splitlines()[0] == "maria graded against teacher on 2 documents"
    #                                 gold student strict P R F1       partial P R F1
    assert row(out, "entity", "ORG") == [
        "entity", "ORG", "2", "1", "1.000", "0.500", "0.667", "1.000", "0.500", "0.667",
    ]
    assert row(out, "entity", "PERSON") == ["entity", "PERSON", "2", "3", "0.000", "0.000", "0.000",
                                            "0.667", "1.000", "0.800"]
    assert row(out, "entity", "MISC") == ["entity", "MISC", "1", "1"] + ["1.000"] * 6
    assert row(out, "entity", "(all)") == ["entity", "(all)", "5", "5", "0.400", "0.400", "0.400",
                                           "0.800", "0.800", "0.800"]
    assert row(out, "claim", "(all)") == ["claim", "(all)", "1", "0", "-", "0.000", "0.000", "-", "0.000", "0.000"]
    assert row(out, "all", "(all)") == ["all", "(all)", "8", "7", "0.571", "0.500", "0.533",
                                        "0.857", "0.750", "0.800"]
    assert row(out, "quote", "speaker") == ["quote", "speaker", "1", "2", "0.500"]
    assert row(out, "claim", "source") == ["claim", "source", "0", "0", "-"]
    assert row(out, "all", "1") == ["all", "1", "2", "0.500"]
    lines = out.splitlines()
    d1 = lines.index("d1: strict F1 0.444, partial F1 0.667, attribution 0/1")
    assert lines[d1 + 1:d1 + 6] == [
        '  inexact       PERSON 0-17 "Christopher Ghika": the key marks “Christopher Ghika”, maria marked “Ghika”',
        '  wrong speaker QUOTE 35-47 "We will win.": the speaker of this quote is Christopher Ghika: the cue is '
        "'told reporters' before it; maria linked Reuters",
        '  wrong label   ORG 49-60 "The monitor": the key labels it ORG; maria labelled it PERSON',
        '  missed        CLAIM 71-85 "30 people died": the key marks it CLAIM; maria did not mark it', "",
    ]
    d2 = lines.index("d2: strict F1 0.667, partial F1 1.000, attribution 1/1")
    assert lines[d2 + 1 :] == [
        '  inexact       PERSON 4-9 "小池百合子": the key marks “小池百合子”, maria marked “小池百合”'
    ]


def test_grade_json(store_root, capsys):
    code, out, err = run(capsys, "grade", "--store", str(store_root), "--gold", "teacher", "--annotator", "maria",
                         "--json")
    assert code == 0 and err == "" and out.count("\n") == 1
    data = json.loads(out)
    assert {"strict", "partial", "by_kind", "by_label", "attribution", "documents"} <= set(data)
    assert data["strict"] == {"precision": 4 / 7, "recall": 0.5, "f1": 8 / 15, "tp": 4, "gold": 8, "predicted": 7}
    assert data["partial"] == {"precision": 6 / 7, "recall": 0.75, "f1": 0.8, "tp": 6, "gold": 8, "predicted": 7}
    assert data["by_kind"]["quote"]["strict"]["f1"] == 1.0
    assert data["by_kind"]["claim"]["partial"] == {"precision": None, "recall": 0.0, "f1": 0.0, "tp": 0,
                                                   "gold": 1, "predicted": 0}
    assert data["by_label"]["PERSON"]["kind"] == "entity"
    assert data["by_label"]["PERSON"]["partial"]["f1"] == 0.8
    assert {k: data["attribution"][k] for k in ("correct", "total", "accuracy")} == {
        "correct": 1, "total": 2, "accuracy": 0.5}
    d1 = data["documents"]["d1"]
    assert [s["text"] for s in d1["missed"]] == ["30 people died"]
    assert d1["extra"] == []
    assert [(w["gold"]["label"], w["student"]["label"], w["student"]["text"]) for w in d1["wrong_label"]] == [
        ("ORG", "PERSON", "The monitor")]
    assert [(w["gold"], w["student"]) for w in d1["wrong_speaker"]] == [("Christopher Ghika", "Reuters")]
    assert d1["wrong_source"] == []
    assert d1["wrong_attribution"] == [{
        "kind": "quote", "gold": "Christopher Ghika", "student": "Reuters",
        "span": {"id": "q1", "start": 35, "end": 47, "label": "QUOTE", "kind": "quote", "text": "We will win."},
        "student_span": {"id": "s2", "start": 35, "end": 47, "label": "QUOTE", "kind": "quote",
                         "text": "We will win."},
        "cue": "told reporters",  # the key's cue, from the attribution engine
    }]
    assert data["documents"]["d2"]["inexact"][0]["student"]["text"] == "小池百合"


def test_grade_lists_documents_the_student_did_not_annotate(store_root, capsys):
    code, out, _ = run(capsys, "grade", "--store", str(store_root), "--gold", "teacher", "--annotator", "lee")
    assert code == 0
    assert out.splitlines()[0] == "lee graded against teacher on 1 document (not annotated by lee, not graded: d2)"
    assert row(out, "all", "(all)") == ["all", "(all)", "5", "5"] + ["1.000"] * 6
    assert "d1: strict F1 1.000, partial F1 1.000, attribution 2/2" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--gold", "teacher", "--annotator", "bob"], "{store}: no annotations by bob in this store"),
        (
            ["--gold", "nobody", "--annotator", "maria"],
            "{store}: no annotations by nobody (the answer key) in this store",
        ),
        (
            ["--gold", "teacher", "--annotator", "zoe"],
            "{store}: teacher (the answer key) and zoe have no document in common",
        ),
        (["--gold", "teacher", "--annotator", "teacher"], "teacher is the answer key: grade another annotator"),
        (
            ["--gold", "teacher", "--annotator", "maria", "--csv", "x.csv"],
            "--csv writes the gradebook of --all: give --all",
        ),
        (["--gold", "teacher", "--all", "--jobs", "0"], "--jobs needs a number of one or more"),
    ],
)
def test_grade_errors_are_one_line(store_root, capsys, argv, message):
    code, out, err = run(capsys, "grade", "--store", str(store_root), *argv)
    assert code == 1 and out == ""
    assert err == f"annotty: {message.format(store=store_root)}\n"


def test_gradebook_into_a_folder_is_refused(store_root, capsys):
    code, out, err = run(capsys, "grade", "--store", str(store_root), "--gold", "teacher", "--all",
                         "--csv", str(store_root))
    assert (code, out, err) == (1, "", f"annotty: {store_root}: is a folder: give --csv a file name\n")


def test_grade_missing_store(tmp_path, capsys):
    code, out, err = run(capsys, "grade", "--store", str(tmp_path / "nope"), "--gold", "a", "--annotator", "b")
    assert code == 1 and out == ""
    assert err == f"annotty: {tmp_path / 'nope'}: no annotation store here (give --store DIR)\n"


def test_gradebook(store_root, capsys, tmp_path):
    book = tmp_path / "out" / "book.csv"
    code, out, err = run(capsys, "grade", "--store", str(store_root), "--gold", "teacher", "--all",
                         "--csv", str(book))
    assert code == 0
    assert err.splitlines() == [
        "annotty: zoe has no document in common with teacher: not graded",
        f"annotty: wrote the gradebook of 3 annotator(s) to {book}",
    ]
    with open(book, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows == [
        ["annotator", "documents", "strict_f1", "partial_f1", "entity_strict_f1", "entity_partial_f1",
         "quote_strict_f1", "quote_partial_f1", "claim_strict_f1", "claim_partial_f1",
         "attribution_correct", "attribution_total", "attribution_accuracy"],
        ["lee", "1", "1.0000", "1.0000", "1.0000", "1.0000", "1.0000", "1.0000", "1.0000", "1.0000", "2", "2",
         "1.0000"],
        ["maria", "2", "0.5333", "0.8000", "0.4000", "0.8000", "1.0000", "1.0000", "0.0000", "0.0000", "1", "2",
         "0.5000"],
        ["zoe", "0", "", "", "", "", "", "", "", "", "0", "0", ""],
    ]
    assert not [p for p in book.parent.iterdir() if p.name != "book.csv"]  # no temporary file left
    assert row(out, "maria") == ["maria", "2", "0.533", "0.800", "0.400", "0.800", "1.000", "1.000", "0.000",
                                 "0.000", "0.500", "(1/2)"]
    assert row(out, "zoe") == ["zoe", "0"] + ["-"] * 9 + ["(0/0)"]
    lines = out.splitlines()
    assert lines[lines.index("quotes most often missed:") + 1] == "  none"
    assert lines[lines.index("speakers and sources most often confused:") + 1] == \
        '  1x  key "Christopher Ghika", linked "Reuters"'
    assert lines[lines.index("claims least often found:") + 1] == '  found by 1 of 2  d1 71-85 "30 people died"'


def test_gradebook_json(store_root, capsys):
    code, out, _ = run(capsys, "grade", "--store", str(store_root), "--gold", "teacher", "--all", "--json")
    assert code == 0
    data = json.loads(out)
    assert list(data["students"]) == ["lee", "maria", "zoe"]
    assert data["students"]["maria"]["partial"]["f1"] == 0.8
    assert data["unfound_claims"] == [{"document": "d1", "id": "c1", "start": 71, "end": 85, "label": "CLAIM",
                                       "kind": "claim", "text": "30 people died", "missed": 1, "found": 1,
                                       "graded": 2}]
    assert data["confused_speakers"] == [{"gold": "Christopher Ghika", "student": "Reuters", "count": 1}]


def test_agree_text_and_json(store_root, capsys):
    code, out, err = run(capsys, "agree", "--store", str(store_root), "--annotators", "teacher,maria")
    assert code == 0 and err == ""
    assert out.splitlines()[0] == f"2 annotators (teacher, maria) on 2 shared documents, {len(A) + len(J)} characters"
    # MISC: the same 5 code points of 140: perfect agreement
    assert row(out, "entity", "MISC") == ["entity", "MISC", "5/5"] + ["1.000"] * 5
    assert row(out, "teacher", "maria")[:4] == ["teacher", "maria", "0.533", "0.800"]
    code, out, _ = run(capsys, "agree", "--store", str(store_root), "--annotators", "teacher,maria", "--json")
    data = json.loads(out)
    assert data["annotators"] == ["teacher", "maria"] and data["documents"] == ["d1", "d2"]
    assert data["units"] == len(A) + len(J)
    person = data["labels"]["PERSON"]
    assert person["characters"] == [22, 20]  # teacher: 17 + 5; maria: 5 + 11 + 4
    assert person["mean_strict_f1"] == 0.0 and person["mean_partial_f1"] == 0.8
    assert data["pairs"][0]["partial"] == {"f1": 0.8, "matched": 6, "a": 8, "b": 7}
    # the pair's character tables, by hand: PERSON both 9, teacher only 13, maria only 11
    units = len(A) + len(J)
    both, a_yes, b_yes = 9, 22, 20
    p_o = (both + units - a_yes - b_yes + both) / units
    p_e = (a_yes * b_yes + (units - a_yes) * (units - b_yes)) / units ** 2
    assert person["cohen_kappa"] == pytest.approx((p_o - p_e) / (1 - p_e), abs=1e-12)


def test_agree_errors(store_root, capsys, tmp_path):
    code, out, err = run(capsys, "agree", "--store", str(store_root), "--annotators", "teacher,bob")
    assert (code, out, err) == (1, "", f"annotty: {store_root}: no annotations by bob in this store\n")
    code, out, err = run(capsys, "agree", "--store", str(store_root), "--annotators", "teacher")
    assert (code, err) == (1, f"annotty: {store_root}: agreement needs two annotators or more (found 1)\n")
    code, out, err = run(capsys, "agree", "--store", str(store_root), "--annotators", "teacher,zoe")
    assert (code, err) == (1, "annotty: teacher, zoe have no document in common\n")
    code, out, err = run(capsys, "agree", "--store", str(tmp_path / "nope"))
    assert code == 1 and err.count("\n") == 1 and "no annotation store here" in err


def test_no_traceback_from_the_real_command(store_root):
    result = subprocess.run(
        [sys.executable, "-m", "tui", "grade", "--store", str(store_root), "--gold", "teacher", "--annotator", "x"],
        check=False, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr == f"annotty: {store_root}: no annotations by x in this store\n"
