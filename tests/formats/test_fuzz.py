"""Whatever the file holds, an import either works or raises AnnottyError."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.errors import AnnottyError
from tui.formats.importing import ImportContext
from tui.formats.registry import IMPORTERS

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 40), st.floats(allow_nan=False, width=16),
                    st.sampled_from(["", "text", "T1", "PER", "abc", "s1", "0", "label"]))
KEYS = st.sampled_from(["id", "text", "spans", "relations", "label", "labels", "entities", "start", "end",
                        "start_offset", "end_offset", "from_id", "to_id", "type", "head", "child", "kind", "attrs",
                        "data", "annotations", "result", "value", "meta", "document_id", "label_kinds", "choices",
                        "completed_by", "from_name", "predictions"])
JSON = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(KEYS, inner, max_size=6)), max_leaves=25)


def attempt(fmt, path):
    try:
        for _item in IMPORTERS[fmt].read(path, ImportContext()):
            pass
    except AnnottyError as error:
        assert str(error)


@SETTINGS
@given(lines=st.lists(JSON, min_size=1, max_size=4))
def test_json_lines_formats(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("fuzz") / "in.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    for fmt in ("jsonl", "doccano", "doccano-seq"):
        attempt(fmt, path)


@SETTINGS
@given(tasks=JSON)
def test_label_studio(tmp_path_factory, tasks):
    path = tmp_path_factory.mktemp("fuzz") / "in.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    attempt("label-studio", path)


PIECES = st.sampled_from(["T1", "T2", "R1", "A1", "E1", "#1", "N1", "*", "M1", "\t", " ", "PER", "0", "3", "5", "-1",
                          ";", "Arg1:T1", "Arg2:T2", "AnnotatorNotes", "abc", "\n", "T3:T1", "x", "\r"])


@SETTINGS
@given(ann=st.lists(PIECES, max_size=40), text=st.text(max_size=12))
def test_brat(tmp_path_factory, ann, text):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "d.txt").write_text(text or "x", encoding="utf-8", newline="")
    (folder / "d.ann").write_text("".join(ann), encoding="utf-8", newline="")
    attempt("brat", folder)


@SETTINGS
@given(content=st.lists(st.sampled_from(["Jane", " ", "\t", "B-PER", "I-PER", "O", "E-", "S-X", "\n", "-DOCSTART-",
                                         "X", "B-"]), max_size=40))
def test_conll(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("fuzz") / "in.conll"
    path.write_text("".join(content), encoding="utf-8")
    attempt("conll", path)


def test_doccano_labels_that_are_not_strings_are_named_not_a_crash(tmp_path):
    for line in ({"text": "abc", "entities": [{"id": 1, "start_offset": 0, "end_offset": 1, "label": []}]},
                 {"text": "abc", "label": [[0, 1, ["x"]]]}):
        path = tmp_path / "bad.jsonl"
        path.write_text(json.dumps(line) + "\n", encoding="utf-8")
        attempt("doccano", path)
