"""Adding articles to the store (``annotty add``): a page fetched from the
web, or a file (web page, wire XML, Markdown, text), kept as the text it
shows and the original beside it, once: adding the same address or file
again finds it there."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .errors import AnnottyError
from .loading import read_article
from .model import Document
from .names import safe_name
from .records_input import RECORD_SUFFIXES
from .store import Store
from .store.originals import is_web_address

#: The largest page fetched (a news page with its markup is well under this).
MAX_PAGE_BYTES = 20 * 2**20
FETCH_TIMEOUT_SECONDS = 20.0
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_XML_TYPE = re.compile(r"^(?:text|application)/(?:[\w.+-]+\+)?xml$")


@dataclass
class Added:
    doc_id: str
    source: str  # the address or the file, as the store records it
    headline: str
    already_there: bool


def add_to_store(store: Store, item: str, timeout: float = FETCH_TIMEOUT_SECONDS) -> Added:
    """Add a web address or a file to ``store``; AnnottyError naming it when
    it cannot be fetched or read."""
    if is_web_address(item) or "://" in item:
        return _add_page(store, item, timeout)
    path = Path(item)
    if path.suffix.lower() in RECORD_SUFFIXES:
        raise AnnottyError("is a file of records; annotty add takes one article per file "
                           "(.html .htm .xml .md .txt)", path)
    document = read_article(path)
    from .workspace import stored_id

    document.id = stored_id(store, path, document)
    return _save(store, document, store.portable_source(document.source))


def _save(store: Store, document: Document, source: str) -> Added:
    there = store.document_path(document.id).exists() and store.text_path(document.id).exists()
    if not there:
        store.save_document(document)
    return Added(document.id, source, document.headline, there)


# -- pages from the web ----------------------------------------------------


def _page_ids(url: str) -> list[str]:
    """Ids for a page: the last part of its path ("council-library" of
    ``/news/2024/council-library.html``) or its host; then with the host in
    front; then with a short hash of the address."""
    parts = urlsplit(url)
    host = parts.hostname or "page"
    segments = [s for s in parts.path.split("/") if s]
    slug = safe_name(Path(segments[-1]).stem if segments else host, host)
    digest = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return [slug, safe_name(f"{host}--{slug}", slug), safe_name(f"{slug}--{digest}", slug)]


def _stored_under(store: Store, url: str, ids: list[str]) -> str | None:
    """The id the page at ``url`` is already stored under, if it is."""
    for doc_id in ids:
        try:
            if store.load_document(doc_id).source == url:
                return doc_id
        except AnnottyError:
            continue
    return None


def _add_page(store: Store, url: str, timeout: float) -> Added:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise AnnottyError("is not a web address (give one starting with http:// or https://)", url)
    ids = _page_ids(url)
    known = _stored_under(store, url, ids)
    if known is not None:
        return Added(known, url, store.load_document(known).headline, True)
    data, suffix = fetch(url, timeout)
    from .article_parts import read_converted

    document = read_converted(data, url, ids[0], url, fetched_from=url, suffix=suffix)
    document.id = store.id_for(document, ids[1:])
    return _save(store, document, url)


def fetch(url: str, timeout: float = FETCH_TIMEOUT_SECONDS, limit: int | None = None) -> tuple[bytes, str]:
    """The bytes of a web page or a wire XML item and what it is (".html"
    or ".xml"); AnnottyError naming the address for anything else."""
    limit = MAX_PAGE_BYTES if limit is None else limit
    import urllib.error
    import urllib.request

    from . import __version__

    request = urllib.request.Request(url, headers={
        "User-Agent": f"annotty/{__version__}",
        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9",
    })
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            if kind in _HTML_TYPES:
                suffix = ".html"
            elif _XML_TYPE.match(kind):
                suffix = ".xml"
            else:
                raise AnnottyError(f"is not a web page nor wire XML (the server says it is {kind})", url)
            data = response.read(limit + 1)
    except urllib.error.HTTPError as error:
        raise AnnottyError(f"the server answered HTTP {error.code} {error.reason}", url) from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            raise AnnottyError(f"no answer within {timeout:g} s", url) from None
        raise AnnottyError(f"cannot be fetched ({getattr(reason, 'strerror', None) or reason})", url) from None
    except TimeoutError:
        raise AnnottyError(f"no answer within {timeout:g} s", url) from None
    except (OSError, ValueError) as error:  # a connection cut short, a malformed address
        raise AnnottyError(f"cannot be fetched ({error})", url) from None
    if len(data) > limit:
        raise AnnottyError(f"is too large (more than {limit // 2**20} MB)", url)
    return data, suffix
