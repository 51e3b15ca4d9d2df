from __future__ import annotations

from pathlib import Path

import pytest

from tui.errors import AnnottyError
from tui.loading import find_articles, paragraphs, read_article
from tests.conftest import MIXED_ARTICLE


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_seed_header_is_recognised(seed_path):
    document = read_article(seed_path)
    assert document.date == "2019-02-08"
    assert document.headline == "Islamic State down to less than 1% of original caliphate: U.S.-led coalition"
    assert document.meta["byline"].value == "AFP-JIJI"
    assert document.meta["dateline"].value == "BEIRUT"
    assert document.meta["caption"].value.startswith("An armored vehicle")
    assert document.meta["caption"].value.endswith("| AFP-JIJI")
    for field in document.meta.values():
        assert document.text[field.start:field.end] == field.value


def test_header_recognition_never_changes_the_text(seed_path):
    document = read_article(seed_path)
    assert document.text == seed_path.read_text(encoding="utf-8")


def test_crlf_and_cr_become_lf(tmp_path):
    document = read_article(write(tmp_path, "a.txt", b"Title\r\n\r\nOne line.\rTwo\r\n"))
    assert document.text == "Title\n\nOne line.\nTwo\n"


def test_mixed_article_keeps_every_code_point(mixed_path):
    document = read_article(mixed_path)
    assert document.text == MIXED_ARTICLE.replace("\r\n", "\n")
    assert document.meta["dateline"].value == "TOKYO"


def test_utf8_bom_is_dropped(tmp_path):
    document = read_article(write(tmp_path, "bom.txt", b"\xef\xbb\xbfHeadline\n\nBody text here."))
    assert document.text.startswith("Headline")
    assert document.headline == "Headline"


def test_utf16_with_bom_is_read(tmp_path):
    document = read_article(write(tmp_path, "u16.txt", "Überschrift\n\nText.".encode("utf-16")))
    assert document.text == "Überschrift\n\nText."


def test_cp1252_fallback_is_reported_with_file_and_line(tmp_path):
    path = write(tmp_path, "win.txt", "Headline\n\nIt’s a café.".encode("cp1252"))
    document = read_article(path)
    assert document.text == "Headline\n\nIt’s a café."
    assert len(document.warnings) == 1
    assert str(path) in document.warnings[0] and ":3:" in document.warnings[0]
    assert "cp1252" in document.warnings[0]


def test_undecodable_text_is_refused(tmp_path):
    path = write(tmp_path, "bad.txt", b"Headline\n\nabc \x81\x8d\x90 def\n")
    with pytest.raises(AnnottyError) as error:
        read_article(path)
    assert str(path) in str(error.value) and ":3:" in str(error.value)


@pytest.mark.parametrize("data", [b"", b"  \n\r\n\t ", b"\xef\xbb\xbf"])
def test_empty_article_is_refused(tmp_path, data):
    path = write(tmp_path, "empty.txt", data)
    with pytest.raises(AnnottyError, match="empty") as error:
        read_article(path)
    assert str(path) in str(error.value)


def test_binary_file_is_refused(tmp_path):
    path = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(AnnottyError, match="binary"):
        read_article(path)


def test_folder_without_articles_is_refused(tmp_path):
    (tmp_path / "notes.json").write_text("{}")
    with pytest.raises(AnnottyError, match="no articles") as error:
        find_articles([tmp_path])
    assert str(tmp_path) in str(error.value)


def test_folders_are_searched_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    write(tmp_path / "b", "2.txt", b"x")
    write(tmp_path, "1.md", b"x")
    write(tmp_path, "skip.json", b"x")
    assert [p.name for p in find_articles([tmp_path])] == ["1.md", "2.txt"]


def test_missing_file_is_named(tmp_path):
    with pytest.raises(AnnottyError, match="no such file"):
        find_articles([tmp_path / "nope.txt"])


def test_markdown_headline_and_by_line(tmp_path):
    text = "# Floods hit the coast\n\nBy Jane Doe\n\nMarch 3, 2021\n\nLONDON, March 3 (Reuters) — Rain fell.\n"
    document = read_article(write(tmp_path, "a.md", text.encode()))
    assert document.headline == "Floods hit the coast"
    assert document.meta["byline"].value == "Jane Doe"
    assert document.date == "2021-03-03"
    assert document.meta["dateline"].value == "LONDON, March 3 (Reuters)"


def test_body_without_header_gets_no_false_fields(tmp_path):
    text = "This is a plain paragraph of text that goes on for a while, with no header at all.\n"
    document = read_article(write(tmp_path, "plain.txt", text.encode()))
    assert "headline" not in document.meta and "dateline" not in document.meta
    assert document.date is None


def test_paragraphs_are_stripped_ranges():
    text = "  one\ntwo  \n\n\nthree\n"
    assert [text[s:e] for s, e in paragraphs(text)] == ["one\ntwo", "three"]


def test_the_tutorial_is_recorded_by_its_own_name_not_where_it_is_installed(tmp_path, monkeypatch):
    from tui.loading import source_name
    from tui.tutorial import EXERCISE

    monkeypatch.chdir(tmp_path)  # as a user runs it, from a folder of their own
    assert source_name(EXERCISE) == "tutorial/annotty-tutorial.txt"


def test_headline_and_byline_on_consecutive_lines_are_both_recognised(tmp_path):
    from tui.loading import read_article

    path = tmp_path / "tokyo.txt"
    path.write_bytes("Tokyo talks stall\r\nBy Kim Lee\r\n\r\nTOKYO - 東京で Yuki Tanaka said so.\r\n".encode())
    document = read_article(path)
    assert {k: v.value for k, v in document.meta.items()} == {
        "headline": "Tokyo talks stall", "byline": "Kim Lee", "dateline": "TOKYO"}
    dated = tmp_path / "dated.txt"
    dated.write_text("Markets rally\nMarch 3, 2021\n\nStocks rose on Tuesday.\n", encoding="utf-8")
    assert read_article(dated).date == "2021-03-03"


def test_a_first_paragraph_wrapped_by_hand_is_not_cut_into_a_headline(tmp_path):
    from tui.loading import read_article

    path = tmp_path / "wrapped.txt"
    path.write_text("The council met on a cold morning to\ndiscuss the budget, which has grown\n"
                    "every year since the bridge was built.\n\nMore text.\n", encoding="utf-8")
    assert "headline" not in read_article(path).meta
