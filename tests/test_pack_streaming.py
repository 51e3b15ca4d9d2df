"""Merging a pack reads its entries a block at a time, each size checked
against the manifest and the zip's directory before anything is read."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.peak_memory import run_measuring_peak
from tui.cli import main
from tui.model import Annotations, Document, make_span
from tui.store import Store
from tui.store.pack import MANIFEST, pack



def _packed(tmp_path: Path, text: str) -> Path:
    document = Document(id="story", text=text, source="story.txt")
    store = Store(tmp_path / "src")
    store.save_document(document)
    store.write_annotations(document, "bob", Annotations([make_span(text, 0, 11, "PERSON", "entity")]))
    pack(tmp_path / "src", "bob", tmp_path / "bob.zip")
    return tmp_path / "bob.zip"


def _rewritten(source: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            new.writestr(info, change(info.filename, old.read(info)))
    return target


def test_a_text_whose_size_differs_from_the_manifest_is_refused_in_one_line(tmp_path, capsys):
    packed = _packed(tmp_path, "Maria Lopez opened the bridge.\n")
    assert json.loads(zipfile.ZipFile(packed).read(MANIFEST))["documents"]["story"]["bytes"] == 31

    def lie(name: str, data: bytes) -> bytes:
        if name != MANIFEST:
            return data
        manifest = json.loads(data)
        manifest["documents"]["story"]["bytes"] = 500 * 2**20
        return json.dumps(manifest).encode("utf-8")

    bad = _rewritten(packed, tmp_path / "bad.zip", lie)
    assert main(["merge", str(bad), "--store", str(tmp_path / "target")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "documents/story.txt is 31 bytes, its manifest says 524,288,000" in err
    assert not (tmp_path / "target").exists()


def test_a_pack_of_an_older_annotty_without_sizes_still_merges(tmp_path):
    packed = _packed(tmp_path, "Maria Lopez opened the bridge.\n")

    def older(name: str, data: bytes) -> bytes:
        if name != MANIFEST:
            return data
        manifest = json.loads(data)
        del manifest["documents"]["story"]["bytes"]
        return json.dumps(manifest).encode("utf-8")

    assert main(["merge", str(_rewritten(packed, tmp_path / "old.zip", older)), "--store", str(tmp_path / "t")]) == 0
    assert (tmp_path / "t" / "documents" / "story.txt").read_text() == "Maria Lopez opened the bridge.\n"


@pytest.mark.parametrize("size_mb", [40])
def test_merging_a_pack_holds_a_block_of_a_text_not_the_text(tmp_path, size_mb):
    text = ("Maria Lopez opened the bridge on Monday, the city said. " * 40 + "\n\n") * (size_mb * 2**20 // 2282)
    packed = _packed(tmp_path, text)
    code = (
        "from tui.cli import main\n"
        "import tui.store.pack, tui.store.merge, filelock, tinydb\n"
        "before = peak()\n"
        "assert main(['merge', sys.argv[1], '--store', sys.argv[2]]) == 0\n"
        "print((peak() - before) // 1024)\n"
    )
    output = run_measuring_peak(code, str(packed), str(tmp_path / "target"))
    assert (tmp_path / "target" / "documents" / "story.txt").stat().st_size == len(text)
    grown = int(output)
    assert grown < size_mb // 2, (
        f"merging a {size_mb} MB text grew memory by {grown} MB"
    )  # before: about 4 times the text


def test_packing_holds_a_block_of_a_text_not_the_text(tmp_path):
    text = ("Maria Lopez opened the bridge on Monday, the city said. " * 40 + "\n\n") * (40 * 2**20 // 2282)
    document = Document(id="story", text=text, source="story.txt")
    store = Store(tmp_path / "src")
    store.save_document(document)
    store.write_annotations(document, "bob", Annotations([make_span(text, 0, 11, "PERSON", "entity")]))
    del text, document
    code = (
        "from tui.cli import main\n"
        "import tui.store.pack, tui.store.merge, filelock, tinydb, zipfile\n"
        "before = peak()\n"
        "assert main(['pack', '--store', sys.argv[1], '--annotator', 'bob', '--out', sys.argv[2]]) == 0\n"
        "print((peak() - before) // 1024)\n"
    )
    output = run_measuring_peak(code, str(tmp_path / "src"), str(tmp_path / "bob.zip"))
    grown = int(output)
    assert grown < 20, f"packing a 40 MB text grew memory by {grown} MB"  # before: about 3 times the text
    assert main(["merge", str(tmp_path / "bob.zip"), "--store", str(tmp_path / "target")]) == 0
    copied = tmp_path / "target" / "documents" / "story.txt"
    assert copied.read_bytes() == (tmp_path / "src" / "documents" / "story.txt").read_bytes()
