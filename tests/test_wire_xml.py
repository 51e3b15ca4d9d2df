"""Wire copy (NITF, NewsML-G2) opens as its story, with headline, byline,
dateline and date; XML that declares entities, or is neither format, is
refused in one line naming the file."""

from __future__ import annotations

import pytest

from tests.news_pages import NEWSML_G2, NITF
from tui.errors import AnnottyError
from tui.loading import find_articles, read_article


def _open(tmp_path, content: str, name: str = "item.xml"):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return read_article(path)


def _header_points_into_the_text(document) -> None:
    for name, field in document.meta.items():
        assert document.text[field.start:field.end] == field.value, name


def test_nitf_story_with_its_header(tmp_path):
    document = _open(tmp_path, NITF)
    assert document.text == (
        "Flood defences hold as river peaks\nBy Marta Nowak\n2024-04-12\n\n"
        "KRAKÓW, April 12 — The Vistula peaked overnight at 7.8 metres, officials said, and the new walls held.\n\n"
        "Evacuations\n\n“We are not out of danger yet,” said mayor Aleksander Miszalski.")
    assert document.headline == "Flood defences hold as river peaks"
    assert document.meta["byline"].value == "Marta Nowak"
    assert document.meta["dateline"].value == "KRAKÓW, April 12"
    assert document.date == "2024-04-12"
    assert "Sandbags" not in document.text and "Reporting by" not in document.text  # caption, tagline
    _header_points_into_the_text(document)


def test_newsml_g2_item_in_a_message_with_xhtml_body(tmp_path):
    document = _open(tmp_path, NEWSML_G2)
    assert document.headline == "Turnout rises in state elections"
    assert document.meta["byline"].value == "Lena Schmidt"
    assert document.meta["dateline"].value == "BERLIN, June 1"
    assert document.date == "2024-06-01"
    assert document.text.count("Turnout rises in state elections") == 1
    assert document.text.endswith("“People want their say,” said election officer Jürgen Weiß.")
    assert "Early figures" not in document.text  # the summary is metadata, not the story
    _header_points_into_the_text(document)


def test_newsml_g2_carrying_nitf_or_plain_text(tmp_path):
    nitf_body = NITF.split("?>", 1)[1].split("\n", 2)[2]  # without the XML and DOCTYPE declarations
    wrapped = NEWSML_G2.replace(NEWSML_G2[NEWSML_G2.index("<inlineXML"):NEWSML_G2.index("</inlineXML>")],
                                f'<inlineXML contenttype="application/nitf+xml">{nitf_body}')
    document = _open(tmp_path, wrapped, "wrapped.xml")
    assert document.headline == "Turnout rises in state elections"  # the item's own headline first
    assert "The Vistula peaked overnight" in document.text
    plain = NEWSML_G2.replace(NEWSML_G2[NEWSML_G2.index("<inlineXML"):NEWSML_G2.index("</inlineXML>") + 12],
                              '<inlineData contenttype="text/plain">First paragraph here.\r\n\r\nSecond one.'
                              '</inlineData>')
    document = _open(tmp_path, plain, "plain.xml")
    assert document.text.endswith("BERLIN, June 1 — First paragraph here.\n\nSecond one.")


def test_a_folder_of_wire_files_is_found_and_opened(tmp_path):
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire" / "a.xml").write_text(NITF, encoding="utf-8")
    (tmp_path / "wire" / "b.XML").write_text(NEWSML_G2, encoding="utf-8")
    paths = find_articles([tmp_path / "wire"])
    assert [p.name for p in paths] == ["a.xml", "b.XML"]
    assert [read_article(p).date for p in paths] == ["2024-04-12", "2024-06-01"]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE nitf [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<nitf><body><body.content><p>&lol3;</p></body.content></body></nitf>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE nitf SYSTEM "nitf.dtd" [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<nitf><body><body.content><p>&secret;</p></body.content></body></nitf>
"""


@pytest.mark.parametrize(("content", "message", "line"), [
    (BILLION_LAUGHS, "declares a DTD of its own (refused", 2),
    (EXTERNAL_ENTITY, "declares a DTD of its own (refused", 2),
    ('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>x</title></channel></rss>\n',
     "is neither NewsML-G2 nor NITF XML (its root element is <rss>)", None),
    ('<?xml version="1.0"?>\n<nitf>\n<body><p>unclosed</body></nitf>\n', "is not well-formed XML (mismatched tag)", 3),
    ('<nitf><body><body.content><p>  </p></body.content></body></nitf>', "no article text found in it", None),
    ('<?xml version="1.0" encoding="UT7-8"?>\n<nitf/>', "cannot be read (unknown encoding: UT7-8)", None),
    ("<nitf><body><body.content>" + "<div>" * 5000 + "</div>" * 5000 + "</body.content></body></nitf>",
     "is nested too deeply (more than 200 elements deep)", 1),
])
def test_refused_xml_is_one_line_naming_the_file(tmp_path, content, message, line):
    path = tmp_path / "item.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AnnottyError) as raised:
        read_article(path)
    assert raised.value.message.startswith(message) or message in raised.value.message
    assert raised.value.path == str(path) and raised.value.line == line
    assert "\n" not in str(raised.value)


def test_crlf_wire_copy_with_emoji_cjk_and_rtl_keeps_exact_offsets(tmp_path):
    story = NITF.replace("officials said", "officials said 🌊 (维斯瓦河), and Rania الحسيني").replace("\n", "\r\n")
    path = tmp_path / "crlf.xml"
    path.write_bytes(story.encode("utf-8"))
    document = read_article(path)
    assert "\r" not in document.text
    start = document.text.index("🌊")
    assert document.text[start:start + len("🌊 (维斯瓦河), and Rania الحسيني")] == "🌊 (维斯瓦河), and Rania الحسيني"
    _header_points_into_the_text(document)
