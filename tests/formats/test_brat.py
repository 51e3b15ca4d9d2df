from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from tui.errors import AnnottyError
from tui.formats.brat import LINE_BREAKS

from .helpers import CORPORA, documents, export, import_into, store_with, stored, summary

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def without_edge_breaks(doc):
    """brat cannot keep a line break at a span's edge (it is left out, and
    reported): keep such spans out of the round trip."""
    text, spans, relations = doc
    keep = [
        i for i, (s, e, _l, _a) in enumerate(spans) if text[s] not in LINE_BREAKS and text[e - 1] not in LINE_BREAKS
    ]
    index = {old: new for new, old in enumerate(keep)}
    return (
        text,
        [spans[i] for i in keep],
        [(index[h], index[c], label) for h, c, label in relations if h in index and c in index],
    )


@SETTINGS
@given(doc=documents())
def test_round_trip(tmp_path_factory, doc):
    text, spans, relations = without_edge_breaks(doc)
    root = tmp_path_factory.mktemp("rt")
    source = store_with(root / "a", [("doc", text, spans, relations)])
    export(source, "brat", root / "brat")
    assert (root / "brat" / "doc.txt").read_bytes() == text.encode("utf-8")
    store, _report, _ = import_into(root / "b", root / "brat", "brat")
    assert summary(stored(store, "doc", "imported")) == summary(stored(source, "doc", "alice"))


def test_written_files(tmp_path):
    text = "Jane Doe said:\n“We\nwill win.”\tDone."
    quote = (text.index("“"), text.index("”") + 1)
    store = store_with(tmp_path / "s", [("d1", text, [
        (0, 8, "PERSON", {"note": "the minister\nherself"}),
        (*quote, "QUOTE", {"type": "direct"}),
        (quote[0] + 1, quote[0] + 3, "Aussage", {"checkworthy": "yes", "verdict": "false"}),
    ], [(1, 0, "SPEAKER")])])
    _out, report = export(store, "brat", tmp_path / "out")
    ann = (tmp_path / "out" / "d1.ann").read_text(encoding="utf-8").splitlines()
    first, second = quote[0], text.index("\n", quote[0])
    assert ann[0] == "T1\tPERSON 0 8\tJane Doe"
    assert f"T2\tQUOTE {first} {second};{second + 1} {quote[1]}\t“We will win.”" in ann
    assert "A1\ttype T2 direct" in ann and "A2\tcheckworthy T3 yes" in ann and "A3\tverdict T3 false" in ann
    assert "#1\tAnnotatorNotes T1\tthe minister herself" in ann
    assert "R1\tSPEAKER Arg1:T2 Arg2:T1" in ann
    assert any("note" in line for line in report.adjusted)
    conf = (tmp_path / "out" / "annotation.conf").read_text()
    for line in ["[entities]", "!annotty_entity", "\tPERSON", "!annotty_quote", "\tQUOTE", "!annotty_claim",
                 "\tAussage", "[relations]", "SPEAKER\tArg1:QUOTE, Arg2:PERSON", "[events]", "[attributes]",
                 "type\tArg:QUOTE, Value:direct", "verdict\tArg:Aussage, Value:false"]:
        assert line in conf.splitlines()


def test_several_annotators_get_a_folder_each_and_come_back(tmp_path):
    store_with(tmp_path / "s", [("d1", "Jane Doe", [(0, 4, "PERSON", {})], [])], annotator="alice")
    store = store_with(tmp_path / "s", [("d1", "Jane Doe", [(5, 8, "PERSON", {})], [])], annotator="bob")
    export(store, "brat", tmp_path / "out")
    assert (tmp_path / "out" / "alice" / "d1.ann").is_file() and (tmp_path / "out" / "bob" / "d1.txt").is_file()
    back, _report, _ = import_into(tmp_path / "back", tmp_path / "out", "brat")
    assert back.annotators() == ["alice", "bob"]


def test_output_folder_is_replaced_only_when_it_is_an_export(tmp_path):
    store = store_with(tmp_path / "s", [("d1", "Jane Doe", [(0, 4, "PERSON", {})], [])])
    out = tmp_path / "out"
    export(store, "brat", out)
    export(store, "brat", out)  # an earlier export: replaced
    assert sorted(p.name for p in out.iterdir()) == ["annotation.conf", "d1.ann", "d1.txt"]
    precious = tmp_path / "mine"
    precious.mkdir()
    (precious / "thesis.tex").write_text("...")
    with pytest.raises(AnnottyError, match="other files in it"):
        export(store, "brat", precious)
    assert [p.name for p in precious.iterdir()] == ["thesis.tex"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary folder left


def write_pair(folder, name, text, ann, newline="\n"):
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.txt").write_bytes(text.replace("\n", newline).encode("utf-8"))
    (folder / f"{name}.ann").write_text(ann, encoding="utf-8")


def test_import_of_brat_features_annotty_lacks(tmp_path):
    text = "Citibank was moving $100 million for Raul Salinas in Switzerland.\n"
    ann = (
        "T1\tOrganization 0 8\tCitibank\n"
        "T2\tMoney 20 32\t$100 million\n"
        "T3\tTransfer-money 13 19\tmoving\n"
        "E1\tTransfer-money:T3 Giver-Arg:T1 Money-Arg:T2\n"
        "R1\tOrigin Arg1:T4 Arg2:T5\t\n"
        "#1\tAnnotatorNotes T2\t100000000 USD\n"
        "A1\tMention T4 Name\n"
        "A2\tIndividual T4\n"
        "A3\tConfidence E1 High\n"
        "N1\tReference T4 Wikipedia:64488\tCarlos Salinas\n"
        "T4\tPerson 37 49\tRaul Salinas\n"
        "T5\tGPE 53 64\tSwitzerland\n"
        "T6\tPerson 37 41;42 49\tRaul Salinas\n"
        "T7\tPerson 0 3;37 41\tCit Raul\n"
    )
    write_pair(tmp_path / "in", "news", text, ann)
    store, report, _ = import_into(tmp_path / "s", tmp_path / "in" / "news.ann", "brat")
    spans = {s.text: s for s in stored(store, "news", "imported").spans()}
    assert set(spans) == {"Citibank", "$100 million", "Raul Salinas", "Switzerland"}
    assert spans["$100 million"].attrs == {"note": "100000000 USD"}
    person = [s for s in stored(store, "news", "imported").spans() if s.text == "Raul Salinas"]
    assert len(person) == 1 and person[0].attrs == {"Mention": "Name", "Individual": True}  # T6 merged into T4
    relation = stored(store, "news", "imported").relations()[0]
    assert relation.label == "Origin"
    skipped = "\n".join(report.skipped)
    for what in ["1 event(s)", "1 event trigger(s)", "1 normalisation(s)", "1 attribute(s) of events",
                 "1 discontinuous span(s) with words in the gaps"]:
        assert what in skipped


@pytest.mark.parametrize("line, message", [
    ("T2\tPERSON 0 4\tJohn", "the file says 'John' but the text there is 'Jane'"),
    ("T2\tPERSON 0 400\tJane", "outside the text"),
    ("T2\tPERSON zero four\tJane", "expected 'LABEL START END'"),
    ("no tab here", "no tab"),
    ("R1\tSPEAKER Arg1:T1", "cannot read this brat line"),
    ("R1\tSPEAKER Arg1:T1 Arg2:T9", None),  # a relation to nothing known: left out, reported
])
def test_bad_lines_name_the_file_and_line(tmp_path, line, message):
    write_pair(tmp_path, "d", "Jane Doe spoke.", f"T1\tPERSON 5 8\tDoe\n\n{line}\n")
    if message is None:
        _store, report, _ = import_into(tmp_path / "s", tmp_path / "d.ann", "brat")
        assert report.skipped
        return
    with pytest.raises(AnnottyError) as caught:
        import_into(tmp_path / "s", tmp_path / "d.ann", "brat")
    assert str(caught.value).startswith(f"{tmp_path / 'd.ann'}:3: ") and message in str(caught.value)


def test_crlf_text_either_way_of_counting(tmp_path):
    text = "Title\nJane Doe spoke.\n"
    # offsets counted on the CRLF file as it is on disk...
    write_pair(tmp_path / "a", "d", text, "T1\tPERSON 7 15\tJane Doe\n", newline="\r\n")
    store, _report, _ = import_into(tmp_path / "sa", tmp_path / "a", "brat")
    assert [s.text for s in stored(store, "d", "imported").spans()] == ["Jane Doe"]
    assert store.load_document("d").text == text
    # ...or on the text with its CRLF read as one line break
    write_pair(tmp_path / "b", "d", text, "T1\tPERSON 6 14\tJane Doe\n", newline="\r\n")
    store, report, _ = import_into(tmp_path / "sb", tmp_path / "b", "brat")
    assert [s.text for s in stored(store, "d", "imported").spans()] == ["Jane Doe"]
    assert any("CRLF" in note for note in report.notes)


def test_real_brat_corpora(tmp_path):
    if not (CORPORA / "brat-conll2002-esp").is_dir():
        pytest.skip("shared corpora not present")
    store, _report, items = import_into(tmp_path / "s", CORPORA / "brat-conll2002-esp", "brat")
    assert len(items) == 10 and sum(len(i.annotations) for i in items) == 540
    export(store, "brat", tmp_path / "out")
    for ann in (CORPORA / "brat-conll2002-esp").glob("*.ann"):
        original = sorted(line.split("\t", 1)[1] for line in ann.read_text(encoding="utf-8").splitlines() if line)
        again = sorted(
            line.split("\t", 1)[1] for line in (tmp_path / "out" / ann.name).read_text(encoding="utf-8").splitlines()
        )
        assert original == again
        assert (tmp_path / "out" / ann.with_suffix(".txt").name).read_bytes() == ann.with_suffix(".txt").read_bytes()
    _store, report, items = import_into(tmp_path / "t", CORPORA / "brat-tutorial-news", "brat")
    assert sum(len(i.annotations) for i in items) == 96
    assert sum(len(i.annotations.relations()) for i in items) == 8
    assert any("event(s)" in line for line in report.skipped)


def test_notes_stay_notes_with_their_text_and_only_attributes_are_declared(tmp_path):
    text = "Delilah met Samson.\n"
    ann = ("T1\tPerson 0 7\tDelilah\n"
           "T2\tPerson 12 18\tSamson\n"
           "#1\tLemma T1\t Delilah\n"
           "#2\tAnnotatorNotes T2\t  two spaces first\n"
           "A1\tNegated T2\n")
    write_pair(tmp_path / "in", "bible", text, ann)
    store, _report, _ = import_into(tmp_path / "s", tmp_path / "in" / "bible.ann", "brat")
    export(store, "brat", tmp_path / "out")
    lines = (tmp_path / "out" / "bible.ann").read_text().splitlines()
    assert "#1\tLemma T1\t Delilah" in lines
    assert "#2\tAnnotatorNotes T2\t  two spaces first" in lines
    assert "A1\tNegated T2" in lines and not any(line.startswith("A") and "Lemma" in line for line in lines)
    conf = (tmp_path / "out" / "annotation.conf").read_text()
    attributes = conf.split("[attributes]")[1]
    assert "Negated" in attributes and "Lemma" not in attributes


@pytest.mark.parametrize("umask, mode", [(0o022, 0o755), (0o027, 0o750)])
def test_export_folder_mode_follows_the_umask(tmp_path, monkeypatch, umask, mode):
    import stat

    from tui.formats import output

    monkeypatch.setattr(output, "_UMASK", umask)
    store = store_with(tmp_path / "s", [("d1", "Jane Doe spoke.", [(0, 8, "PERSON", {})], [])])
    export(store, "brat", tmp_path / "out")
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == mode
