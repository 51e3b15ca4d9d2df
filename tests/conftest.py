from __future__ import annotations

from pathlib import Path

import pytest

from tui.loading import read_article
from tui.schema import DEFAULT_SCHEMA
from tui.session import Session
from tui.store import Store

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_0d67f1ad6aabe61d.txt"

#: An article with what breaks naive offset code: CRLF, emoji with ZWJ and
#: skin tones, CJK, combining accents, right-to-left names and a tab.
MIXED_ARTICLE = (
    "Crowds cheer 👩‍👩‍👧 and 👍🏽 in Zürich\r\n"
    "\r\n"
    "TOKYO - 東京都の小池百合子知事は「準備は整った」と述べた。\r\n"
    "\r\n"
    "The minister, محمد بن سلمان, met Renée Dupont\ton Tuesday.\r\n"
    "\r\n"
    "“We are ready,” said Zoë Ní Bhriain of the café\u0301 co-op.\r\n"
)


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def mixed_path(tmp_path: Path) -> Path:
    path = tmp_path / "mixed.txt"
    path.write_bytes(MIXED_ARTICLE.encode("utf-8"))
    return path


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "annotations")


@pytest.fixture
def seed_session(store: Store, seed_path: Path):
    document = read_article(seed_path)
    store.save_document(document)
    session = Session(document, DEFAULT_SCHEMA, store.open(document, "alice"))
    yield session
    session.close()
