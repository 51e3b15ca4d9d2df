"""Suggestions on a long article: by pieces, memory bounded by the piece,
at most MAX_SUGGESTIONS held, the same as the whole on a short one."""

from __future__ import annotations

from itertools import pairwise

from tests.peak_memory import run_measuring_peak
from tui.model import Annotations, make_span
from tui.suggest import suggest
from tui.suggest.chunks import MAX_SUGGESTIONS, chunk_bounds, suggest_in_chunks

PARAGRAPHS = [
    "BEIRUT - Syrian forces shelled the town on Monday, the Syrian Observatory for Human Rights said.",
    "“We will not leave,” said Ahmed Hassan, a teacher. “This is our home.”",
    "President Maria Lopez told reporters in Madrid that 37,000 people had fled since June 2014.",
    "Lopez said the Council would meet again on 24 May.",
]


def _article(paragraphs: int) -> str:
    return "Fighting goes on\n\n" + "\n\n".join(PARAGRAPHS[i % len(PARAGRAPHS)] for i in range(paragraphs)) + "\n"


def test_pieces_cover_the_text_and_end_at_paragraph_breaks():
    text = _article(400)
    bounds = chunk_bounds(text, 2_000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(bounds))
    assert all(end - start <= 2_000 for start, end in bounds)
    assert all(text[end - 2:end] == "\n\n" for _start, end in bounds[:-1])
    assert chunk_bounds("x" * 5_000, 2_000) == [(0, 2_000), (2_000, 4_000), (4_000, 5_000)]  # no break at all


def test_a_short_article_gets_what_the_whole_text_gets():
    text = _article(12)
    tagged = Annotations([make_span(text, text.index("Ahmed"), text.index("Ahmed") + 12, "PERSON", "entity")])
    assert suggest_in_chunks(text, tagged) == suggest(text, tagged)


def test_a_long_article_by_pieces_matches_the_whole_piece_by_piece():
    text = _article(120)
    whole = suggest(text)
    pieces = suggest_in_chunks(text, size=3_000, limit=None)
    assert all(text[s.start:s.end] == s.text for s in pieces)
    assert all(text[s.speaker[0]:s.speaker[1]] == s.speaker_text for s in pieces if s.speaker)
    # The rules look within a piece: what they find there is what they find in the whole.
    assert len(pieces) >= 0.95 * len(whole)
    assert len({s.key for s in pieces} & {s.key for s in whole}) >= 0.95 * len(whole)


def test_at_most_the_cap_is_held_starting_where_the_reader_is():
    text = _article(2_000)
    middle = len(text) // 2
    found = suggest_in_chunks(text, limit=50, size=3_000, start_at=middle)
    assert len(found) == 50 and min(s.start for s in found) >= middle - 3_000
    asked = []
    assert suggest_in_chunks(text, size=3_000, should_stop=lambda: asked.append(1) or len(asked) > 2)
    assert len(asked) == 3  # stopped between pieces when told


def test_g_on_a_long_article_holds_memory_of_a_piece_not_the_article(tmp_path):
    article = tmp_path / "long.txt"
    article.write_text(_article(12_000), encoding="utf-8")  # 1 MB
    code = (
        "from tui.loading import read_article\n"
        "from tui.schema import DEFAULT_SCHEMA\n"
        "from tui.model import Annotations\n"
        "from tui.suggest.chunks import suggestions_to_review\n"
        "document = read_article(sys.argv[1])\n"
        "import tui.suggest.builtin\n"
        "before = peak()\n"
        "found = suggestions_to_review(document, Annotations(), DEFAULT_SCHEMA, sys.argv[2], start_at=0)\n"
        "print(len(found), (peak() - before) // 1024)\n"
    )
    output = run_measuring_peak(code, str(article), str(tmp_path / "store"))
    count, grown_mb = map(int, output.split())
    assert count == MAX_SUGGESTIONS
    assert grown_mb < 25, f"peak memory grew {grown_mb} MB"  # the whole article at once: 75 MB
