"""A Markdown article as the text it shows: markup left out.

``# Headline`` becomes the line ``Headline`` (header recognition then takes
it as the headline), ``**By Jane Doe**`` becomes ``By Jane Doe``, a link its
words, an image its description; emphasis, code marks, strike-through,
block-quote marks, horizontal rules and backslash escapes go. This text is
what annotty stores and shows, so every offset refers to it. Lists and
paragraphs stay as they are. Best effort, line by line, never reordering.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$|^ {0,3}#{1,6}[ \t]*$")
_SETEXT_OR_RULE = re.compile(r"^ {0,3}(?:=+|-{3,}|\*{3,}|_{3,}|(?:[-*_][ \t]*){3,})[ \t]*$")
_QUOTE_MARK = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)|\[([^\]\n]+)\]\[[^\]\n]*\]")
_CODE = re.compile(r"(`+)(.+?)\1")
_STRONG = re.compile(r"(?<!\\)(\*\*|__)(?=\S)(.+?)(?<=[^\s\\])\1")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_EMPHASIS_STAR = re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?![\w*])")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_\\])_(?=[^\s_])(.+?)(?<=[^\s_\\])_(?![\w_])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")


def _inline(line: str) -> str:
    line = _IMAGE.sub(r"\1", line)
    line = _LINK.sub(lambda m: m.group(1) or m.group(2), line)
    line = _CODE.sub(r"\2", line)
    line = _STRONG.sub(r"\2", line)
    line = _STRIKE.sub(r"\1", line)
    line = _EMPHASIS_STAR.sub(r"\1", line)
    line = _EMPHASIS_UNDERSCORE.sub(r"\1", line)
    return _ESCAPE.sub(r"\1", line)


def markdown_as_text(text: str) -> str:
    """The text of a Markdown article without its markup (LF line ends)."""
    lines = []
    for source_line in text.split("\n"):
        heading = _HEADING.match(source_line)
        if heading:
            line = heading.group(1) or ""
        elif _SETEXT_OR_RULE.match(source_line):
            continue  # the underline of a heading, or a rule: nothing to read
        else:
            line = _QUOTE_MARK.sub("", source_line)
        lines.append(_inline(line))
    return "\n".join(lines)
