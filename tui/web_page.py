"""A saved or fetched web page: its article found by trafilatura.

trafilatura (the optional ``web`` extra) leaves out navigation, adverts,
scripts, comments, cookie notices and lists of related articles, and reads
the headline, authors, publication date and canonical address from the
page's markup (meta tags, schema.org JSON-LD, the article itself).
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from .article_parts import ArticleParts
from .errors import AnnottyError
from .loading import refuse_not_text

INSTALL_HINT = "pip install 'annotty[web]'"
#: Its libraries log what they cannot parse; annotty says what matters itself (the core never prints).
_QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")


def _extractor():
    try:
        import trafilatura
    except ImportError:
        return None
    for name in _QUIET_LOGGERS:
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
        logger.propagate = False
    return trafilatura


def read_web_page(data: bytes, path: Path | str, fetched_from: str = "") -> ArticleParts:
    """The article of an HTML page (bytes in whatever encoding it declares)."""
    refuse_not_text(data, path)
    trafilatura = _extractor()
    if trafilatura is None:
        raise AnnottyError(f"is a web page; opening web pages needs trafilatura: {INSTALL_HINT}", path)
    try:
        found = trafilatura.bare_extraction(
            data, url=fetched_from or None, with_metadata=True, include_comments=False, include_images=False,
            include_tables=True, deduplicate=False, favor_precision=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, RecursionError) as error:  # markup it cannot parse at all
        raise AnnottyError(f"cannot be read as a web page ({error})", path) from None
    if found is None or not (found.text or "").strip():
        raise AnnottyError("no article text found in this web page", path)
    return ArticleParts(
        headline=found.title or "",
        byline=_names(found.author or ""),
        date=found.date or "",
        paragraphs=found.text.split("\n"),
        url=found.url or _json_ld_address(data) or fetched_from,
    )


_JSON_LD = re.compile(rb"<script[^>]*application/ld\+json[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
                  "BlogPosting", "Report"}


def _json_ld_address(data: bytes) -> str:
    """The address a page's schema.org JSON-LD gives its article (``url``,
    else ``mainEntityOfPage``), for pages with no canonical link nor og:url."""
    for block in _JSON_LD.findall(data):
        try:
            value = json.loads(block.decode("utf-8", "replace"))
        except (ValueError, RecursionError):
            continue
        for item in _items(value):
            types = item.get("@type")
            if not set(types if isinstance(types, list) else [types]) & _ARTICLE_TYPES:
                continue
            page = item.get("mainEntityOfPage")
            for address in (item.get("url"), page.get("@id") if isinstance(page, dict) else page):
                if isinstance(address, str) and address.startswith(("http://", "https://")):
                    return address
    return ""


def _items(value: object) -> list[dict]:
    """The objects of a JSON-LD block: itself, a list of them, or its @graph."""
    if isinstance(value, list):
        return [item for item in value if isinstance(item, dict)]
    if isinstance(value, dict):
        graph = value.get("@graph")
        return [value, *_items(graph)] if isinstance(graph, list) else [value]
    return []


def _names(authors: str) -> str:
    """trafilatura's "Jane Doe; John Roe" as a byline: "Jane Doe and John Roe"."""
    names = [name.strip() for name in authors.split(";") if name.strip()]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
