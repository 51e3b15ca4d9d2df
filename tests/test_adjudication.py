from __future__ import annotations


from tui.ui.adjudicate_app import AdjudicationApp
from tui.adjudication import adjudicate
from tui.cli import main
from tui.loading import read_article
from tui.schema import DEFAULT_SCHEMA
from tui.session import Session

SIZE = (120, 40)


def at(text, phrase):
    start = text.index(phrase)
    return start, start + len(phrase)


def annotate(store, document, name, items, links=()):
    session = Session(document, DEFAULT_SCHEMA, store.open(document, name))
    made = {phrase: session.tag(*at(document.text, phrase), label) for phrase, label in items}
    for head, child in links:
        session.link(made[head].id, made[child].id)
    session.close()


def three_annotators(store, seed_path):
    document = read_article(seed_path)
    store.save_document(document)
    quote = "These tactics won’t succeed"
    annotate(store, document, "alice", [("Christopher Ghika", "PERSON"), ("Baghouz", "LOC"), (quote, "QUOTE")],
             [(quote, "Christopher Ghika")])
    annotate(store, document, "bob", [("Christopher Ghika", "PERSON"), ("Baghouz", "LOC"), (quote, "QUOTE")],
             [(quote, "Christopher Ghika")])
    annotate(store, document, "carol", [("Ghika", "PERSON"), ("Baghouz", "LOC")])
    return document


def load(store, names, document):
    return {n: {document.id: store.load_annotations(n, document.id, document.text)[0]} for n in names}


def test_unanimous_spans_and_places_of_disagreement(store, seed_path):
    document = three_annotators(store, seed_path)
    result = adjudicate(load(store, ["alice", "bob", "carol"], document), {document.id: document.text})
    assert [v.text for v in result.unanimous[document.id]] == ["Baghouz"]
    places = [[(v.text, v.annotators) for v in p.variants] for p in result.places]
    assert places == [
        [("Christopher Ghika", ["alice", "bob"]), ("Ghika", ["carol"])],
        [("These tactics won’t succeed", ["alice", "bob"])],
    ]
    result.places[0].chosen = [0]
    result.places[1].chosen = [0]
    final = result.final(document.id)
    assert sorted(s.text for s in final.spans()) == ["Baghouz", "Christopher Ghika", "These tactics won’t succeed"]
    quote = next(s for s in final.spans() if s.kind == "quote")
    assert final.attribution(quote.id).text == "Christopher Ghika"  # the link its annotators agreed on
    result.places[0].chosen = []
    assert final.attribution(quote.id) is not None
    assert sorted(s.text for s in result.final(document.id).spans()) == ["Baghouz", "These tactics won’t succeed"]


async def test_adjudication_by_keyboard_saves_gold(store, seed_path):
    document = three_annotators(store, seed_path)
    result = adjudicate(load(store, ["alice", "bob", "carol"], document), {document.id: document.text})

    def save(doc_id):
        store.write_annotations(document, "gold", result.final(doc_id))

    app = AdjudicationApp(result, "gold", save)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")  # nothing happens before the unanimous ones are confirmed
        assert not store.annotated_documents("gold")
        await pilot.press("enter")
        assert [s.text for s in store.load_annotations("gold", document.id, document.text)[0].spans()] == ["Baghouz"]
        await pilot.press("2")  # carol's "Ghika"
        await pilot.press("1")  # the quote
        await pilot.press("q")
    gold = store.load_annotations("gold", document.id, document.text)[0]
    assert sorted(s.text for s in gold.spans()) == ["Baghouz", "Ghika", "These tactics won’t succeed"]


def test_command_errors(store, seed_path, capsys):
    three_annotators(store, seed_path)
    assert main(["adjudicate", "--store", str(store.root), "--annotators", "alice"]) == 1
    assert "at least two" in capsys.readouterr().err
    assert main(["adjudicate", "--store", str(store.root), "--annotators", "alice,zed"]) == 1
    assert "no annotations by zed" in capsys.readouterr().err
