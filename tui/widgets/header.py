"""The article header: what the loader recognised (headline, date, byline...)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..model import Document
from .describe import shorten


class ArticleHeader(Static):
    DEFAULT_CSS = """
    ArticleHeader { height: auto; max-height: 4; }
    """

    _lines = 0

    def show(self, document: Document, position: str = "") -> None:
        meta = document.meta
        header = Text()
        header.append(document.headline or document.id, style="bold")
        if position:
            header.append(f"  {position}", style="dim")
        facts = [
            document.date or "",
            meta["byline"].value if "byline" in meta else "",
            meta["dateline"].value if "dateline" in meta else "",
            document.source,
        ]
        header.append("\n" + "  ·  ".join(f for f in facts if f), style="italic")
        if "caption" in meta:
            header.append("\nPhoto: " + shorten(meta["caption"].value, 160), style="dim")
        # Same number of lines as before: no layout pass (it costs more than the rest of a switch).
        lines = header.plain.count("\n") + 1
        self.update(header, layout=lines != self._lines)
        self._lines = lines
