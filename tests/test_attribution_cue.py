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


# -- exports: the cue kept where the format can hold it, counted where not --

FORMAT_FILES = {"jsonl": "a.jsonl", "brat": "brat", "label-studio": "a.json"}


def _store_with_a_cue(tmp_path):
    from tests.formats.helpers import store_with

    quote, name, cue = TEXT.index("We"), TEXT.index("Ghika"), TEXT.index("said")
    spans = [(quote, TEXT.index(",\""), "QUOTE", write_cue({"type": "direct"}, TEXT, cue, cue + 4)),
             (name, name + 5, "PERSON", {})]
    return store_with(tmp_path / "a", [("doc", TEXT, spans, [(0, 1, "SPEAKER")])])


@pytest.mark.parametrize("fmt", sorted(FORMAT_FILES))
def test_a_cue_round_trips_through_formats_that_hold_attributes(tmp_path, fmt):
    from tests.formats.helpers import export, import_into

    out = tmp_path / FORMAT_FILES[fmt]
    export(_store_with_a_cue(tmp_path), fmt, out)
    _store, _report, items = import_into(tmp_path / "b", out, fmt)
    quote = next(s for s in items[0].annotations.spans() if s.kind == "quote")
    cue = read_cue(quote.attrs, TEXT)
    assert cue is not None and cue.text == "said"


@pytest.mark.parametrize("fmt", ["doccano", "doccano-seq", "w3c", "conll", "hf"])
def test_formats_without_structured_attributes_do_not_crash_and_say_so(tmp_path, fmt):
    from tests.formats.helpers import export

    text, report = export(_store_with_a_cue(tmp_path), fmt)
    assert "{'" not in text  # never Python's repr of the dict
    if fmt.startswith("doccano"):
        assert any("span attribute(s): doccano holds neither" in line for line in report.dropped)
    if fmt == "w3c":
        assert f'cue:{{\\"end\\": {TEXT.index("said") + 4}' in text
