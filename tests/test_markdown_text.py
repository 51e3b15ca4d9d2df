"""A Markdown article is shown, stored and annotated as its text without markup."""

from __future__ import annotations

from tui.loading import read_article
from tui.markdown_text import markdown_as_text


def test_markdown_header_and_body_lose_their_markup(tmp_path):
    path = tmp_path / "story.md"
    path.write_text("# Floods hit the *coast*\r\n\r\n**By Jane Doe**\r\n\r\nMarch 3, 2021\r\n\r\n"
                    "Rain fell on [Kumamoto](https://example.org/k), said **Sato** — 中文 🎉.\r\n",
                    encoding="utf-8")
    document = read_article(path)
    assert document.headline == "Floods hit the coast"
    assert document.meta["byline"].value == "Jane Doe"
    assert document.date == "2021-03-03"
    assert "*" not in document.text and "](" not in document.text and "#" not in document.text
    start = document.text.index("Kumamoto")
    assert document.text[start:start + len("Kumamoto, said Sato")] == "Kumamoto, said Sato"
    for name, field in document.meta.items():
        assert document.text[field.start:field.end] == field.value, name


def test_what_is_not_markup_stays():
    text = "snake_case_name, 2*3*4 = 24, a - b, C:\\path and * a list item\n- another\n"
    assert markdown_as_text(text) == text


def test_rules_quotes_escapes_images_and_setext_headings():
    text = "Title\n=====\n\n> a quoted **line**\n\n---\n\n![a photo](p.jpg) \\*not emphasis\\*\n"
    assert markdown_as_text(text) == "Title\n\na quoted line\n\n\n![a photo](p.jpg) *not emphasis*\n".replace(
        "![a photo](p.jpg)", "a photo")


def test_a_txt_article_keeps_its_asterisks(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Headline\n\n**By Jane Doe**\n\nBody.\n", encoding="utf-8")
    assert "**By Jane Doe**" in read_article(path).text
