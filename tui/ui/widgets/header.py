"""The article header: what the loader recognised (headline, date, byline...)."""

from __future__ import annotations

from rich.text import Text

from ...model import Document
from ...terminal_text import one_line
from .describe import shorten
from .text_lines import TextLines


class ArticleHeader(TextLines):
    DEFAULT_CSS = """
    ArticleHeader { height: auto; max-height: 4; }
    """

    def show(self, document: Document, position: str = "") -> None:
        meta = document.meta
        header = Text()
        header.append(one_line(document.headline or document.id), style="bold")
        if position:
            header.append(f"  {position}", style="dim")
        facts = [
            document.date or "",
            meta["byline"].value if "byline" in meta else "",
            meta["dateline"].value if "dateline" in meta else "",
            document.url or document.source,  # where a web page was published, else the file
        ]
        header.append("\n" + "  ·  ".join(one_line(f) for f in facts if f), style="italic")
        if "caption" in meta:
            header.append("\nPhoto: " + shorten(meta["caption"].value, 160), style="dim")
        self.update(header)
