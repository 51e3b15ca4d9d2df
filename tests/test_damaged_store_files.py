"""A store file annotty could not have written (empty, a table of the wrong
shape) is damaged: set aside and reported, never read as "no annotations"."""

from __future__ import annotations

import pytest

from tui.cli import main
from tui.loading import read_article
from tui.store import Store

ARTICLE = "Bridge opens\n\nMaria Lopez opened the bridge on Monday.\n"


@pytest.mark.parametrize("content", ["", "\n", '{"spans": []}', '{"spans": [], "relations": []}'],
                         ids=["0 bytes", "blank", "spans list", "both lists"])
def test_a_store_file_annotty_never_writes_is_set_aside(tmp_path, capsys, content):
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    document = read_article(article)
    store = Store(tmp_path / "store")
    store.save_document(document)
    path = store.annotator_path("bob", document.id)
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")

    assert main(["export", "--store", str(tmp_path / "store")]) == 1  # left out, said, exit 1
    assert str(path) in capsys.readouterr().err

    file = store.open(document, "bob")
    try:
        assert [p.name for p in file.set_aside] and file.set_aside[0].name.startswith("story.json.corrupt-")
        assert file.set_aside[0].read_text(encoding="utf-8") == content  # kept as it was
    finally:
        file.close()


def test_an_empty_document_record_is_rewritten_from_the_article(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    document = read_article(article)
    store = Store(tmp_path / "store")
    store.save_document(document)
    store.document_path(document.id).write_bytes(b"")
    Store(tmp_path / "store").save_document(document)
    assert store.load_document(document.id).text == document.text
    assert list((tmp_path / "store" / "documents").glob("story.json.corrupt-*"))
