"""Articles and names that try to drive the terminal: each carries the
clipboard write (OSC 52, ended by BEL and by ST), a window title (OSC 0,
ended by ST), the same by C1 bytes, a colour (CSI) and a right-to-left override."""

from __future__ import annotations

import json
import re
from pathlib import Path

OSC52 = "\x1b]52;c;cHduZWQ=\x07"
OSC52_ST = "\x1b]52;c;cHduZWQ=\x1b\\"  # Rich strips BEL, not ST: this one got through
TITLE = "\x1b]0;pwned\x1b\\"
C1_TITLE = "\x9d2;pwned\x9c"
CSI = "\x1b[31m"
RLO = "\u202e"
PAYLOADS = (OSC52, OSC52_ST, TITLE, C1_TITLE, CSI, RLO)

#: Whatever a terminal obeys instead of drawing: C0 (but newline) and C1
#: controls, ESC, DEL, bidi embeddings, overrides and isolates.
OBEYED = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

ARTICLE = (
    f"Photo: a caption {OSC52} with {RLO}lacipyt\n\n"
    f"Headline {TITLE} of {C1_TITLE} the day {RLO}evil{OSC52_ST}\n\n"
    f"By Jane {CSI}Doe{OSC52}\n\n"
    f"BEIRUT - Jane Doe said “Payload {OSC52} inside {TITLE} the {C1_TITLE} quote {RLO}here” on Monday. "
    "Bob Smith agreed.\n"
)
FILE_NAME = f"story{TITLE}{RLO}.txt"
RECORD = {"id": "feed1", "text": "Plain body sentence one. Jane Doe said “x” and more.\n",
          "meta": {"title": f"Meta {OSC52} title {TITLE} {C1_TITLE} {RLO}x {CSI}{OSC52_ST}"}}


def write_hostile_corpus(folder: Path) -> list[Path]:
    """The hostile article (its file name hostile too) and a JSONL record whose ``meta.title`` is."""
    folder.mkdir(parents=True, exist_ok=True)
    article = folder / FILE_NAME
    article.write_text(ARTICLE, encoding="utf-8")
    records = folder / "feed.jsonl"
    records.write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    return [article, records]


def obeyed(text: str) -> list[str]:
    """The characters of ``text`` a terminal would obey, for a readable failure."""
    return sorted({repr(found) for found in OBEYED.findall(text)})
