"""The cue of a quote or claim: recorded as offsets plus text, read back checked."""

import pytest

from tui.attribution import read_cue, write_cue
from tui.attribution.cue import CueError
from tui.model import Span

TEXT = '"We will win," 🇸🇾 Ghika said on Monday.'


def test_a_cue_is_written_as_offsets_and_text_and_read_back():
    start = TEXT.index("said")
    attrs = write_cue({"type": "direct"}, TEXT, start, start + 4)
    assert attrs == {"type": "direct", "cue": {"start": start, "end": start + 4, "text": "said"}}
    cue = read_cue(attrs, TEXT)
    assert (cue.start, cue.end, cue.text) == (start, start + 4, "said")
    assert TEXT[cue.start:cue.end] == cue.text  # code points: the flag before it counts as two


def test_no_cue_reads_as_none():
    assert read_cue({"type": "direct"}) is None


@pytest.mark.parametrize("attrs", [
    {"cue": "said"},
    {"cue": {"start": 5, "end": 3, "text": "x"}},
    {"cue": {"start": "1", "end": 3, "text": "x"}},
    {"cue": {"start": 0, "end": 4, "text": "said"}},  # does not match the text
])
def test_a_damaged_cue_is_refused(attrs):
    with pytest.raises(CueError):
        read_cue(attrs, TEXT)


def test_a_cue_outside_the_text_cannot_be_written():
    with pytest.raises(CueError):
        write_cue({}, TEXT, 10, 10_000)


def test_a_span_with_a_cue_survives_its_record():
    start = TEXT.index("said")
    span = Span("s1", 1, 12, "QUOTE", "quote", TEXT[1:12], write_cue({}, TEXT, start, start + 4))
    again = Span.from_dict(span.to_dict())
    assert read_cue(again.attrs, TEXT).text == "said"
