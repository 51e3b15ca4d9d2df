from __future__ import annotations

import pytest

from tui.errors import AnnottyError

from .helpers import CORPORA, export, import_into, store_with, stored

TEXT = "Jane Doe met the Bank of England.\n\n“We will win,” she said in Zürich."


def sample_store(root):
    text = TEXT
    spans = [(0, 8, "PERSON", {}), (text.index("Bank"), text.index("England") + 7, "ORG", {}),
             (text.index("England"), text.index("England") + 7, "LOC", {}),
             (text.index("Zürich"), text.index("Zürich") + 6, "LOC", {}),
             (text.index("“"), text.index("”") + 1, "QUOTE", {})]
    return store_with(root, [("d1", text, spans, [])])


def test_export_format(tmp_path):
    out, report = export(sample_store(tmp_path / "s"), "conll")
    blocks = out.split("\n\n")
    assert blocks[0] == "-DOCSTART- -X- O O"
    assert blocks[1].splitlines()[:3] == ["Jane -X- _ B-PERSON", "Doe -X- _ I-PERSON", "met -X- _ O"]
    assert "Bank -X- _ B-ORG\nof -X- _ I-ORG\nEngland -X- _ I-ORG" in blocks[1]
    assert "Zürich -X- _ B-LOC" in blocks[2]
    assert "“ -X- _ O" in blocks[2]  # quotes are not entities: not in CoNLL
    assert out.endswith(". -X- _ O\n\n")
    assert report.dropped[0].endswith("1 quote/claim span(s) and 0 relation(s): conll holds entities only")
    assert len(report.dropped) == 2 and "England" in report.dropped[1]
    assert report.labels == ["O", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-PERSON", "I-PERSON"]


def test_spacy_reads_it(tmp_path):
    """The real consumer: spaCy's own CoNLL NER converter (no model needed)."""
    pytest.importorskip("spacy")
    from spacy.training.converters import conll_ner_to_docs

    store = sample_store(tmp_path / "s")
    store_with(tmp_path / "s", [("d2", "Paris is nice.", [(0, 5, "LOC", {})], [])])
    out, _ = export(store, "conll")
    docs = list(conll_ner_to_docs(out, n_sents=0))
    assert len(docs) == 2
    assert [(e.text, e.label_) for e in docs[0].ents] == [
        ("Jane Doe", "PERSON"), ("Bank of England", "ORG"), ("Zürich", "LOC")]
    assert [(e.text, e.label_) for e in docs[1].ents] == [("Paris", "LOC")]


def test_round_trip_of_the_entity_layer(tmp_path):
    out = tmp_path / "out.conll"
    export(sample_store(tmp_path / "s"), "conll", out)
    store, _report, items = import_into(tmp_path / "back", out, "conll")
    assert len(items) == 1
    annotations = stored(store, "out-1", "imported")
    assert [(s.text, s.label, s.kind) for s in annotations.spans()] == [
        ("Jane Doe", "PERSON", "entity"), ("Bank of England", "ORG", "entity"), ("Zürich", "LOC", "entity")]
    assert store.load_document("out-1").text.splitlines()[0] == "Jane Doe met the Bank of England."


def test_two_columns_iob1_and_bioes(tmp_path):
    path = tmp_path / "data.conll"
    path.write_text(
        "JAPAN\tI-LOC\nGET\tO\n\nNadim\tB-PER\nLadki\tE-PER\nin\tO\nAl\tS-LOC\nAin\tS-LOC\n", encoding="utf-8"
    )
    store, _report, items = import_into(tmp_path / "s", path, "conll")
    assert [i.document.text for i in items] == ["JAPAN GET", "Nadim Ladki in Al Ain"]  # a document per block
    assert [[(s.text, s.label) for s in i.annotations.spans()] for i in items] == [
        [("JAPAN", "LOC")], [("Nadim Ladki", "PER"), ("Al", "LOC"), ("Ain", "LOC")]]


@pytest.mark.parametrize("content, line, message", [
    ("-DOCSTART- -X- O O\n\nJane B-PER\nDoe X-PER\n", 4, "tag 'X-PER'"),
    ("Jane B-PER\nDoe\n", 2, "a token and a tag"),
])
def test_bad_lines(tmp_path, content, line, message):
    path = tmp_path / "bad.conll"
    path.write_text(content)
    with pytest.raises(AnnottyError) as caught:
        import_into(tmp_path / "s", path, "conll")
    assert str(caught.value).startswith(f"{path}:{line}: ") and message in str(caught.value)


def test_real_conll_sample(tmp_path):
    path = CORPORA / "doccano" / "data_import_tests_data_sequence_labeling_example.conll"
    if not path.is_file():
        pytest.skip("shared corpora not present")
    _store, _report, items = import_into(tmp_path / "s", path, "conll")
    assert [[(s.text, s.label) for s in i.annotations.spans()] for i in items] == [
        [("JAPAN", "LOC")],
        [("Nadim Ladki", "PER")],
    ]


def test_import_joins_clitics_back_to_their_word(tmp_path):
    path = tmp_path / "in.conll"
    path.write_text("Zoë B-PER\n’s O\ncar O\nwo O\nn't O\nstart O\n. O\n")
    _store, _report, items = import_into(tmp_path / "s", path, "conll")
    assert items[0].document.text == "Zoë’s car won't start."


def test_label_studio_conll_export_is_a_document_per_task(tmp_path):
    # As Label Studio's converter writes it: one -DOCSTART- (three columns), a blank line after each task.
    path = tmp_path / "result.conll"
    path.write_text(
        "-DOCSTART- -X- O\nJane -X- _ B-PERSON\nspoke -X- _ O\n\nParis -X- _ B-LOC\nis -X- _ O\nnice -X- _ O\n\n"
    )
    _store, _report, items = import_into(tmp_path / "s", path, "conll")
    assert [i.document.text for i in items] == ["Jane spoke", "Paris is nice"]
    annotty_style = tmp_path / "one.conll"
    annotty_style.write_text("-DOCSTART- -X- O O\n\nJane B-PERSON\nspoke O\n. O\n\nShe O\nleft O\n. O\n\n")
    _store, _report, items = import_into(tmp_path / "s2", annotty_style, "conll")
    assert [i.document.text for i in items] == ["Jane spoke.\n\nShe left."]
