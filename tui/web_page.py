"""A saved or fetched web page: its article found by trafilatura.

trafilatura (the optional ``web`` extra) leaves out navigation, adverts,
scripts, comments, cookie notices and lists of related articles, and reads
the headline, authors, publication date and canonical address from the
page's markup (meta tags, schema.org JSON-LD, the article itself).
"""

from __future__ import annotations

import logging
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
        url=found.url or fetched_from,
    )


def _names(authors: str) -> str:
    """trafilatura's "Jane Doe; John Roe" as a byline: "Jane Doe and John Roe"."""
    names = [name.strip() for name in authors.split(";") if name.strip()]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
