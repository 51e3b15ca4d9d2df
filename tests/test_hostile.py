"""Hostile or odd input: each gives a clear error or works, never a traceback
or a file outside the store."""

from __future__ import annotations

import json

import pytest

from tui.cli import main
from tui.errors import AnnottyError
from tui.loading import read_article
from tui.records_input import read_records
from tui.store import Store
from tui.ui.widgets.layout import display_text, wrap


def test_a_long_single_line_article_loads_and_wraps(tmp_path):
    path = tmp_path / "one-line.txt"
    path.write_text("word " * 600_000)  # 3 MB, no newline at all
    document = read_article(path)
    lines = wrap(display_text(document.text), 80)
    assert len(lines) > 30_000 and lines.ends[-1] == len(document.text)


def test_a_huge_jsonl_record_loads(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "Lorem ipsum. " * 400_000}) + "\n")
    [document] = read_records(path)
    assert len(document.text) == 13 * 400_000


def test_control_characters_and_dots_in_names_stay_inside_the_store(tmp_path):
    odd = tmp_path / "a\x07b\x1b[31m.txt"
    odd.write_text("Headline\n\nBody.")
    document = read_article(odd)
    assert document.id == "a-b-31m"
    records = tmp_path / "in.jsonl"
    records.write_text(json.dumps({"id": "../../etc/passwd", "text": "x y z"}) + "\n"
                       + json.dumps({"id": "..", "text": "a b c"}) + "\n")
    ids = [d.id for d in read_records(records)]
    assert ids == ["etc-passwd", "in-2"]
    store = Store(tmp_path / "store")
    for bad in ("../evil", "a/b", "", ".hidden"):
        with pytest.raises(AnnottyError):
            store.document_path(bad)


@pytest.mark.parametrize("content", [b"\x00" * 100, b"\xff\xfe\xfd" * 10 + b"\x81", b"   \n\n  "])
def test_bad_bytes_are_one_line_errors(tmp_path, capsys, content):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert main([str(path), "--store", str(tmp_path / "store")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and "Traceback" not in err
    assert not (tmp_path / "store").exists()


def test_deeply_nested_jsonl_is_an_error(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text('{"text": "a", "x": ' + "[" * 50_000 + "]" * 50_000 + "}\n")
    with pytest.raises(AnnottyError, match="nested too deeply"):
        read_records(path)


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".md", ".jsonl", ".json"]))
def test_loaders_raise_only_our_error(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    try:
        documents = read_records(path) if suffix in (".jsonl", ".json") else [read_article(path)]
    except AnnottyError:
        return
    for document in documents:
        assert "\r" not in document.text
        for field in document.meta.values():
            assert document.text[field.start:field.end] == field.value
