"""brat attribution events (PolNeAR's Source, Cue, Content) imported as quotes
or claims linked to their speaker, with their cue and their parts."""

from __future__ import annotations

import re

import pytest

from tui.cli import main
from tui.formats import brat_attribution
from tui.model import span_parts

from .helpers import CORPORA, attribution_ann, export, import_into, stored

TEXT = (
    "“We will not back down,” Jane Doe said on Monday. “The talks are over.”\n\n"
    "A spokeswoman for the ministry announced that the offer had been withdrawn.\n\n"
    "He told reporters that prices would rise.\n\n"
    "Prices fell, according to the bank.\n\n"
    "The plan was criticised as reckless.\n"
)
ATTRIBUTIONS = [
    {"source": "Jane Doe", "cue": "said", "content": ["“We will not back down,”", "“The talks are over.”"]},
    {"source": "A spokeswoman for the ministry", "cue": "announced", "content": "that the offer had been withdrawn"},
    {"source": "He", "cue": "told", "content": "that prices would rise"},
    {"source": "the bank", "cue": "according to", "content": "Prices fell"},
    {"source": None, "cue": "criticised", "content": "as reckless"},
]


def write(folder, name="news", text=TEXT, ann=None, newline="\n"):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_bytes(text.replace("\n", newline).encode("utf-8"))
    (folder / f"{name}.ann").write_text(
        ann if ann is not None else attribution_ann(text, ATTRIBUTIONS), encoding="utf-8"
    )
    return folder


def by_text(annotations):
    return {span.text: span for span in annotations.spans()}


def speakers(annotations):
    return {annotations.span(r.head).text: (annotations.span(r.child).text, r.label) for r in annotations.relations()}


def test_events_become_quotes_linked_to_their_speaker_with_their_cue(tmp_path):
    store, report, _ = import_into(tmp_path / "s", write(tmp_path / "in"), "brat")
    annotations = stored(store, "news", "imported")
    spans = by_text(annotations)
    assert {s.label for s in annotations.spans()} == {"QUOTE", "PERSON"}  # no Source, Cue, Content or trigger left
    split = next(s for s in annotations.spans() if s.text.startswith("“We will"))
    assert split.text.endswith("over.”") and split.attrs["type"] == "direct"
    assert [TEXT[s:e] for s, e in span_parts(split)] == ["“We will not back down,”", "“The talks are over.”"]
    assert split.attrs["cue"] == {"start": TEXT.index("said"), "end": TEXT.index("said") + 4, "text": "said"}
    assert spans["that the offer had been withdrawn"].attrs["type"] == "indirect"
    assert spans["Prices fell"].attrs["cue"]["text"] == "according to"
    links = speakers(annotations)
    assert links == {
        split.text: ("Jane Doe", "SPEAKER"),
        "that the offer had been withdrawn": ("A spokeswoman for the ministry", "SPEAKER"),
        "that prices would rise": ("He", "SPEAKER"),
        "Prices fell": ("the bank", "SPEAKER"),
    }
    assert spans["as reckless"].kind == "quote" and "as reckless" not in links
    assert all(spans[name].kind == "entity" for name in ("Jane Doe", "He", "the bank"))
    assert any("5 attribution(s) became quotes or claims with 4 speaker or source link(s); 1 name no source" in note
               for note in report.notes)
    assert not report.skipped


def test_map_chooses_labels_claims_and_keeps_cues(tmp_path, capsys):
    folder = write(tmp_path / "in")
    code = main(["import", str(folder), "--format", "brat", "--store", str(tmp_path / "s"),
                 "--map", "content=CLAIM, Source=ORG,CUE=CUE"])
    assert code == 0
    from tui.store import Store

    annotations = stored(Store(tmp_path / "s"), "news", "brat")
    spans = by_text(annotations)
    assert spans["Prices fell"].kind == "claim" and spans["Prices fell"].label == "CLAIM"
    assert spans["the bank"].label == "ORG"
    assert spans["according to"].label == "CUE" and spans["according to"].kind == "entity"
    assert speakers(annotations)["Prices fell"] == ("the bank", "SOURCE")


@pytest.mark.parametrize("argv, message", [
    (["--map", "Speaker=PERSON"], "--map takes ROLE=LABEL pairs"),
    (["--map", "Source"], "--map takes ROLE=LABEL pairs"),
    (["--map", "Content=PERSON"], "PERSON is an entity label"),
])
def test_bad_map_is_one_line_and_fails(tmp_path, capsys, argv, message):
    folder = write(tmp_path / "in")
    code = main(["import", str(folder), "--format", "brat", "--store", str(tmp_path / "s"), *argv])
    err = capsys.readouterr().err
    assert code != 0 and message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_map_is_refused_for_other_formats(tmp_path, capsys):
    (tmp_path / "x.jsonl").write_text("", encoding="utf-8")
    code = main(["import", str(tmp_path / "x.jsonl"), "--format", "jsonl", "--map", "Source=PERSON"])
    assert code != 0 and "--map is for brat" in capsys.readouterr().err


def test_what_cannot_be_mapped_is_counted_by_reason(tmp_path):
    ann = attribution_ann(TEXT, ATTRIBUTIONS[:2]) + (
        "E3\tAttribution:T4 Content:T1 Source:E1 Theme:T2\n"  # a source that is an event, an unknown role
        "E4\tAttribution:T4 Content:E1 Source:T3\n"  # content that is an event
        "E5\tOpinion:T4 Holder:T3\n"  # no content role: another kind of event
    )
    store, report, _ = import_into(tmp_path / "s", write(tmp_path / "in", ann=ann), "brat")
    skipped = "\n".join(report.skipped)
    for what in ["1 attribution source(s) that are not a text span", "1 event role(s) other than source",
                 "1 attribution event(s) whose content is not a text span", "1 event(s) with no content role"]:
        assert what in skipped
    assert len(stored(store, "news", "imported").relations()) == 2


def test_offsets_counting_crlf_move_parts_and_cue(tmp_path):
    crlf = TEXT.replace("\n", "\r\n")
    folder = write(tmp_path / "in", text=TEXT, ann=attribution_ann(crlf, ATTRIBUTIONS), newline="\r\n")
    store, _report, _ = import_into(tmp_path / "s", folder, "brat")
    annotations = stored(store, "news", "imported")
    split = next(s for s in annotations.spans() if s.text.startswith("“We will"))
    assert [TEXT[s:e] for s, e in span_parts(split)] == ["“We will not back down,”", "“The talks are over.”"]
    rise = by_text(annotations)["that prices would rise"]
    assert TEXT[rise.attrs["cue"]["start"]:rise.attrs["cue"]["end"]] == rise.attrs["cue"]["text"] == "told"


def test_parts_and_links_survive_brat_and_jsonl_export(tmp_path):
    store, _report, _ = import_into(tmp_path / "s", write(tmp_path / "in"), "brat")
    export(store, "brat", tmp_path / "out")
    ann = (tmp_path / "out" / "news.ann").read_text(encoding="utf-8")
    assert re.search(r"\tQUOTE 0 24;\d+ \d+\t“We will not back down,” “The talks are over.”\n", ann)
    back, _report, _ = import_into(tmp_path / "back", tmp_path / "out", "brat")

    def shape(annotations):
        return sorted((s.start, s.end, s.label, s.kind, str(s.attrs.get("parts")), s.attrs.get("type"))
                      for s in annotations.spans()), sorted(speakers(annotations).items())

    assert shape(stored(back, "news", "imported")) == shape(stored(store, "news", "imported"))
    import json

    text, _ = export(store, "jsonl")
    record = json.loads(text)
    for span in record["spans"]:
        assert record["text"][span["start"]:span["end"]] == span["text"]
        for start, end in span["attrs"].get("parts", []):
            assert span["start"] <= start < end <= span["end"]


def test_ann_named_after_its_text_and_annotator_is_paired(tmp_path):
    folder = tmp_path / "in"
    write(folder)
    (folder / "news.ann").rename(folder / "news_alice.ann")
    (folder / "news_bob-2.ann").write_text(attribution_ann(TEXT, ATTRIBUTIONS[:1]), encoding="utf-8")
    (folder / "news1.txt").write_text(TEXT, encoding="utf-8")  # a shorter name that must not be taken
    store, _report, items = import_into(tmp_path / "s", folder, "brat")
    assert sorted((item.document.id, item.annotator) for item in items) == [("news", "alice"), ("news", "bob-2")]
    assert len(stored(store, "news", "alice").relations()) == 4


def test_unpaired_ann_says_how_to_name_it(tmp_path, capsys):
    folder = write(tmp_path / "in")
    (folder / "news.txt").rename(folder / "new.txt")  # 'new' begins 'news' but not before a separator
    code = main(["import", str(folder), "--format", "brat", "--store", str(tmp_path / "s")])
    err = capsys.readouterr().err
    assert code != 0 and "news.ann" in err and "news.txt" in err and "_ANNOTATOR" in err


def test_polnear_dev_imports_with_its_links(tmp_path):
    folder = CORPORA / "polnear-dev"
    if not folder.is_dir():
        pytest.skip("the PolNeAR dev split is not here")
    with_source = with_content = 0
    for ann in folder.glob("*.ann"):
        for line in ann.read_text(encoding="utf-8").splitlines():
            if line.startswith("E"):
                roles = [re.sub(r"[0-9]+$", "", arg.split(":")[0]).lower() for arg in line.split("\t")[1].split()[1:]]
                with_content += "content" in roles
                with_source += roles.count("source") if "content" in roles else 0
    _store, report, items = import_into(tmp_path / "s", folder, "brat")
    lost = {reason: 0 for reason in brat_attribution.LOST}
    for line in report.skipped:
        for reason in lost:
            found = re.search(rf"left out (\d+) {re.escape(reason)}", line)
            lost[reason] += int(found.group(1)) if found else 0
    quotes = sum(len(item.annotations.spans("quote")) for item in items)
    links = sum(len([r for r in item.annotations.relations() if r.label == "SPEAKER"]) for item in items)
    assert with_source > 1900
    assert links == with_source - lost[brat_attribution.NO_SOURCE_SPAN]
    assert quotes == with_content - lost[brat_attribution.NO_CONTENT_SPAN]
    for item in items:
        text = item.document.text
        for span in item.annotations.spans("quote"):
            assert text[span.start:span.end] == span.text
            cue = span.attrs.get("cue")
            assert cue is None or text[cue["start"]:cue["end"]] == cue["text"]


def test_a_text_given_alone_brings_its_annotators_files(tmp_path):
    folder = write(tmp_path / "in")
    (folder / "news.ann").rename(folder / "news_alice.ann")
    (folder / "news_bob.ann").write_text(attribution_ann(TEXT, ATTRIBUTIONS[:1]), encoding="utf-8")
    _store, _report, items = import_into(tmp_path / "s", folder / "news.txt", "brat")
    assert sorted(item.annotator for item in items) == ["alice", "bob"]


def test_a_span_text_written_with_its_line_breaks_is_read(tmp_path):
    """Some tools write a span's text as it is, line breaks included, over
    several .ann lines (three files of PolNeAR's train split)."""
    text = "Jo said we are here.\n\nAnd we stay.\n"
    content = "we are here.\n\nAnd we stay."
    start = text.index(content)
    ann = (
        f"T1\tContent {start} {start + len(content)}\t{content}\n"
        "T2\tSource 0 2\tJo\nT3\tCue 3 7\tsaid\nT4\tAttribution 3 7\tsaid\n"
        "E1\tAttribution:T4 Source:T2 Cue:T3 Content:T1\n"
    )
    store, _report, _ = import_into(tmp_path / "s", write(tmp_path / "in", text=text, ann=ann), "brat")
    annotations = stored(store, "news", "imported")
    assert speakers(annotations) == {content: ("Jo", "SPEAKER")}
    assert by_text(annotations)[content].attrs["cue"]["text"] == "said"
    (tmp_path / "in" / "news.ann").write_text(ann.replace("And we stay.", "And we go."), encoding="utf-8")
    with pytest.raises(Exception, match=r"news.ann:1: T1: the file says"):
        import_into(tmp_path / "s2", tmp_path / "in", "brat")
