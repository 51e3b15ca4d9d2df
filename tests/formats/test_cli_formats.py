"""``annotty export --format`` with its filters, and ``annotty import``."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from tui.cli import main
from tui.formats import registry
from tui.store import Store

from .helpers import store_with, stored

TEXT = "“We will win,” said Jane Doe of ACME in Paris."


def sample(root):
    q = (0, TEXT.index("”") + 1)
    spans = [
        (*q, "QUOTE", {"type": "direct"}),
        (TEXT.index("Jane"), TEXT.index("Jane") + 8, "PERSON", {}),
        (TEXT.index("ACME"), TEXT.index("ACME") + 4, "ORG", {}),
        (TEXT.index("Paris"), TEXT.index("Paris") + 5, "LOC", {}),
    ]
    store_with(root, [("reuters-1", TEXT, spans, [(0, 1, "SPEAKER")]), ("afp-1", TEXT, spans[1:2], [])])
    return str(root)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_format_exports(tmp_path, capsys):
    store = sample(tmp_path / "s")
    for name, exporter in registry.EXPORTERS.items():
        if name == "spacy" and importlib.util.find_spec("spacy") is None:
            continue  # an optional extra
        out = tmp_path / f"out-{name}"
        code, _out, err = run(capsys, "export", "--store", store, "--format", name, "--out", str(out))
        assert code == 0, err
        assert f"exported 2 record(s), 5 span(s) to {out} ({name})" in err
        assert out.is_dir() if exporter.target == "folder" else out.is_file()


def test_filters(tmp_path, capsys):
    store = sample(tmp_path / "s")
    code, out, _ = run(capsys, "export", "--store", store, "--doc", "reuters-*", "--kind", "quote", "--label", "PERSON")
    assert code == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["reuters-1"]
    code, out, _ = run(
        capsys,
        "export",
        "--store",
        store,
        "--doc", "reuters-1", "--label", "QUOTE", "--label", "PERSON", "--format", "doccano",
    )
    record = json.loads(out)
    assert sorted(e["label"] for e in record["entities"]) == ["PERSON", "QUOTE"] and len(record["relations"]) == 1
    code, out, _ = run(capsys, "export", "--store", store, "--kind", "entity", "--format", "doccano")
    assert all(
        not json.loads(line)["relations"] for line in out.splitlines()
    )  # the quote is filtered out, so its link too
    code, _, err = run(capsys, "export", "--store", store, "--doc", "nyt-*")
    assert code == 1 and "no document in this store matches nyt-*" in err


def test_folder_and_file_formats_need_out(tmp_path, capsys):
    code, _, err = run(capsys, "export", "--store", sample(tmp_path / "s"), "--format", "brat")
    assert code == 1 and err.count("\n") == 1 and "give --out PATH" in err


def test_a_failed_export_leaves_the_old_file(tmp_path, capsys, monkeypatch):
    store = sample(tmp_path / "s")
    out = tmp_path / "train.json"
    out.write_text("old")

    def broken(records, handle, report, options):
        handle.write("half")
        raise OSError("disk full")

    monkeypatch.setitem(registry.EXPORTERS, "w3c", registry.Exporter("w3c", broken, "stream", ""))
    assert main(["export", "--store", store, "--format", "w3c", "--out", str(out)]) == 1  # one line, no traceback
    assert out.read_text() == "old" and [p.name for p in tmp_path.iterdir() if p.is_file()] == ["train.json"]


def test_import_annotators_replace_and_dry_run(tmp_path, capsys):
    source = sample(tmp_path / "s")
    dump = tmp_path / "dump.jsonl"
    run(capsys, "export", "--store", source, "--format", "doccano", "--out", str(dump))
    target = str(tmp_path / "t")
    code, _, err = run(capsys, "import", str(dump), "--format", "doccano", "--store", target, "--dry-run")
    assert code == 0 and "checked (nothing written): 2 document(s), 5 span(s), 1 relation(s)" in err
    assert not (tmp_path / "t").exists()
    code, _, err = run(capsys, "import", str(dump), "--format", "doccano", "--store", target)
    assert code == 0 and Store(target).annotators() == ["alice"]  # the annotator the file names
    code, _, err = run(capsys, "import", str(dump), "--format", "doccano", "--store", target)
    assert code == 0 and "0 document(s)" in err and "2 already there as imported, skipped" in err
    changed = tmp_path / "changed.jsonl"
    changed.write_text(dump.read_text(encoding="utf-8").replace('"PERSON"', '"ORG"', 1), encoding="utf-8")
    code, _, err = run(capsys, "import", str(changed), "--format", "doccano", "--store", target)
    assert code == 1 and "alice already has other annotations on" in err and "--replace" in err
    code, _, err = run(capsys, "import", str(dump), "--format", "doccano", "--store", target, "--replace")
    assert code == 0
    code, _, err = run(capsys, "import", str(dump), "--format", "doccano", "--store", target, "--annotator", "carol")
    assert code == 0 and Store(target).annotators() == ["alice", "carol"]
    kinds = {s.label: s.kind for s in stored(Store(target), "reuters-1", "carol").spans()}
    assert kinds["QUOTE"] == "quote" and kinds["PERSON"] == "entity"


def test_import_refuses_a_stored_document_with_another_text(tmp_path, capsys):
    target = sample(tmp_path / "s")
    path = tmp_path / "other.jsonl"
    path.write_text(json.dumps({"text": "A different text.", "label": [], "document_id": "reuters-1"}) + "\n")
    code, _, err = run(capsys, "import", str(path), "--format", "doccano-seq", "--store", target)
    assert code == 1 and "already in the store with a different text" in err


def test_schema_gives_kinds_to_plain_files(tmp_path, capsys):
    schema = tmp_path / "schema.toml"
    schema.write_text('[labels.SAYS]\nkind = "quote"\nkey = "w"\ncolor = "#ff0000"\n'
                      '[labels.WHO]\nkind = "entity"\nkey = "h"\ncolor = "#00ff00"\n')
    path = tmp_path / "plain.jsonl"
    path.write_text(json.dumps({"text": "Yes, she said.", "label": [[0, 4, "SAYS"], [5, 8, "WHO"]]}) + "\n")
    code, _, err = run(capsys, "import", str(path), "--format", "doccano-seq", "--store", str(tmp_path / "t"),
                       "--schema", str(schema))
    assert code == 0, err
    spans = stored(Store(tmp_path / "t"), "plain-1", "doccano").spans()
    assert {(s.label, s.kind) for s in spans} == {("SAYS", "quote"), ("WHO", "entity")}


@pytest.mark.parametrize("fmt", sorted(registry.IMPORTERS))
def test_bad_input_is_one_line_without_traceback(tmp_path, fmt):
    path = tmp_path / ("bad.ann" if fmt == "brat" else "bad.txt")
    path.write_bytes(b"\x00\xff{[T1\tX 5 1\tbad\n")
    (tmp_path / "bad.txt").write_bytes(b"\xff") if fmt == "brat" else None
    result = subprocess.run([sys.executable, "-m", "tui", "import", str(path), "--format", fmt,
                             "--store", str(tmp_path / "s")], check=False, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"annotty: {tmp_path}")
    assert not (tmp_path / "s").exists()


def test_import_of_a_missing_path(tmp_path, capsys):
    code, _, err = run(capsys, "import", str(tmp_path / "nope.json"), "--format", "label-studio")
    assert code == 1 and "no such file or folder" in err


def test_formats_core_imports_no_ui_and_no_optional_packages():
    modules = ", ".join(f"tui.formats.{name}" for name in (
        "registry", "importing", "reading", "records", "tokens", "output", "jsonl", "doccano", "label_studio", "brat",
        "conll", "hf", "w3c", "spacy_docbin"))
    code = (f"import sys, {modules}; bad = [m for m in sys.modules if m.split('.')[0] in "
            "('textual', 'rich', 'spacy', 'datasets')]; print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("fmt", ["conll", "hf"])
def test_label_list_beside_the_export_and_the_same_whatever_is_exported(tmp_path, capsys, fmt):
    store = sample(tmp_path / "s")
    lists = []
    for label in ("PERSON", "LOC"):
        out = tmp_path / label / "train.txt"
        code, _out, err = run(capsys, "export", "--store", store, "--format", fmt, "--label", label, "--out", str(out))
        assert code == 0, err
        assert f"written to {out.parent / 'labels.txt'}" in err
        lists.append((out.parent / "labels.txt").read_text().splitlines())
    assert lists[0] == lists[1] == ["O", "B-DATE", "I-DATE", "B-LOC", "I-LOC", "B-MISC", "I-MISC", "B-ORG", "I-ORG",
                                    "B-PERSON", "I-PERSON"]


@pytest.mark.parametrize("fmt, told", [
    ("conll", "1 quote/claim span(s) and 1 relation(s): conll holds entities only"),
    ("hf", "1 quote/claim span(s) and 1 relation(s): hf holds entities only"),
    ("doccano", "1 note(s) and span attribute(s): doccano holds neither"),
    ("doccano-seq", "1 relation(s): doccano-seq holds no relations"),
])
def test_what_a_format_cannot_hold_is_counted(tmp_path, capsys, fmt, told):
    store = sample(tmp_path / "s")
    code, _out, err = run(capsys, "export", "--store", store, "--format", fmt, "--doc", "reuters-1")
    assert code == 0 and f"left out alice/reuters-1: {told}" in err


def test_label_studio_config_and_tasks(tmp_path, capsys):
    from xml.etree import ElementTree

    store = sample(tmp_path / "s")
    config = tmp_path / "config.xml"
    code, _out, err = run(capsys, "export", "--store", store, "--format", "label-studio", "--out",
                          str(tmp_path / "tasks.json"), "--config", str(config))
    assert code == 0, err
    assert {c.get("name") for c in ElementTree.parse(config).getroot().iter("Choices")} == {"quote_type", "checkworthy",
                                                                                           "verdict"}
    code, _out, err = run(capsys, "export", "--store", store, "--format", "doccano", "--config", str(config))
    assert code == 1 and err == "annotty: --config goes with --format label-studio\n"
