from __future__ import annotations

from tui.adjudication import LinkPlace, SpanPlace, adjudicate
from tui.cli import main
from tui.commands.adjudicate import open_adjudication, report
from tui.loading import read_article
from tui.schema import DEFAULT_SCHEMA
from tui.session import Session
from tui.ui.adjudicate_app import AdjudicationApp

SIZE = (120, 40)
QUOTE = "These tactics won’t succeed"
SYRIAN_OBSERVATORY = "Syrian Observatory for Human Rights"
#: The teacher's claim, with its source inside it, and the student's longer one.
TEACHER_CLAIM = "More than 37,000 people, mostly wives and children of jihadi fighters, have fled IS territory"
STUDENT_CLAIM = TEACHER_CLAIM + " since the Kurdish-led Syrian Democratic Forces"
MONITOR = "Britain-based war monitor"
FIGURE_CLAIM = "that figure includes some 3,200 suspected jihadis"


def at(text, phrase):
    start = text.index(phrase)
    return start, start + len(phrase)


def annotate(store, document, name, items, links=()):
    session = Session(document, DEFAULT_SCHEMA, store.open(document, name))
    made = {phrase: session.tag(*at(document.text, phrase), label) for phrase, label in items}
    for head, child in links:
        session.link(made[head].id, made[child].id)
    session.close()


def seed(store, seed_path):
    document = read_article(seed_path)
    store.save_document(document)
    return document


def gold(store, document, into="gold"):
    return store.load_annotations(into, document.id, document.text)[0]


def spans_of(annotations):
    return sorted((s.label, s.text) for s in annotations.spans())


def links_of(annotations):
    return sorted((annotations.span(r.head).text, r.label, annotations.span(r.child).text)
                  for r in annotations.relations())


def teacher_and_student(store, seed_path):
    """The case reported: the ORG inside the teacher's claim is its source."""
    document = seed(store, seed_path)
    annotate(store, document, "teacher",
             [("Christopher Ghika", "PERSON"), (TEACHER_CLAIM, "CLAIM"), (SYRIAN_OBSERVATORY, "ORG")],
             [(TEACHER_CLAIM, SYRIAN_OBSERVATORY)])
    annotate(store, document, "student", [("Christopher Ghika", "PERSON"), (STUDENT_CLAIM, "CLAIM")],
             [(STUDENT_CLAIM, "Christopher Ghika")])
    return document


def app_for(store, names, into="gold"):
    result, save = open_adjudication(store, names, into)
    return AdjudicationApp(result, into, save)


def test_competing_spans_are_alternatives_other_kinds_apart(store, seed_path):
    document = seed(store, seed_path)
    annotate(store, document, "alice", [("Christopher Ghika", "PERSON"), ("Baghouz", "LOC")])
    deputy = "Maj. Gen. Christopher Ghika, the coalition’s deputy commander"
    annotate(store, document, "bob", [("Ghika", "PERSON"), ("Baghouz", "ORG"), (deputy, "CLAIM")])
    result, _save = open_adjudication(store, ["alice", "bob"], "gold")
    result.confirm()
    places = [[(v.label, v.text, v.annotators) for v in p.variants] for p in result.places()]
    assert places == [
        [("LOC", "Baghouz", ["alice"]), ("ORG", "Baghouz", ["bob"])],
        # the claim overlaps both names but is of another kind: a decision of its own
        [("CLAIM", "Maj. Gen. Christopher Ghika, the coalition’s deputy commander", ["bob"])],
        [("PERSON", "Christopher Ghika", ["alice"]), ("PERSON", "Ghika", ["bob"])],
    ]
    place, claim, names = result.places()
    result.decide(claim, [])
    result.decide(names, [names.variants[0].key])
    result.decide(place, [place.variants[1].key])
    assert spans_of(result.final(document.id)) == [("ORG", "Baghouz"), ("PERSON", "Christopher Ghika")]
    summary = result.summary()
    assert (summary["decided_spans"], summary["pending"], summary["gold_spans"]) == (3, 0, 2)


async def test_two_variants_of_one_place_kept_with_plus(store, seed_path):
    document = seed(store, seed_path)
    annotate(store, document, "alice", [("More than 37,000 people", "CLAIM"), ("have fled IS territory", "CLAIM")])
    annotate(store, document, "bob", [(TEACHER_CLAIM, "CLAIM")])
    app = app_for(store, ["alice", "bob"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        (place,) = app.adjudication.pending()
        assert [v.text for v in place.variants] == ["More than 37,000 people", "have fled IS territory", TEACHER_CLAIM]
        await pilot.press("plus", "1", "plus", "2")  # both, staying on the place
        assert spans_of(gold(store, document)) == [("CLAIM", "More than 37,000 people"),
                                                   ("CLAIM", "have fled IS territory")]
        await pilot.press("u")  # takes back the second one only
        assert spans_of(gold(store, document)) == [("CLAIM", "More than 37,000 people")]


async def test_entity_inside_a_disputed_claim_survives_with_the_claims_source(store, seed_path):
    document = teacher_and_student(store, seed_path)
    app = app_for(store, ["teacher", "student"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # Christopher Ghika, unanimous
        place = app.adjudication.pending()[0]
        assert isinstance(place, SpanPlace)
        assert [(v.text, v.annotators) for v in place.variants] == [(TEACHER_CLAIM, ["teacher"]),
                                                                   (STUDENT_CLAIM, ["student"])]
        body = str(app.query_one("#adjudication-body").render())
        assert "source “Syrian Observatory for Human Rights”" in body and "source “Christopher Ghika”" in body
        await pilot.press("1")  # the teacher's claim
        place = app.adjudication.pending()[0]
        assert [v.text for v in place.variants] == [SYRIAN_OBSERVATORY]  # decided on its own
        await pilot.press("1")
        assert not app.adjudication.pending()
        await pilot.press("q")
    final = gold(store, document)
    assert spans_of(final) == [("CLAIM", TEACHER_CLAIM), ("ORG", SYRIAN_OBSERVATORY), ("PERSON", "Christopher Ghika")]
    assert links_of(final) == [(TEACHER_CLAIM, "SOURCE", SYRIAN_OBSERVATORY)]


async def test_a_kept_link_whose_target_was_dropped_is_asked_not_lost(store, seed_path):
    document = teacher_and_student(store, seed_path)
    app = app_for(store, ["teacher", "student"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "1", "x")  # the teacher's claim, but not the ORG
        place = app.adjudication.pending()[0]
        assert isinstance(place, LinkPlace) and place.label == "SOURCE"
        assert [(o.target.text, o.annotators, o.kept) for o in place.options] == [
            (SYRIAN_OBSERVATORY, ["teacher"], False)]
        body = str(app.query_one("#adjudication-body").render())
        assert "its span was not kept: keeping this link keeps it too" in body
        await pilot.press("1")
    final = gold(store, document)
    assert links_of(final) == [(TEACHER_CLAIM, "SOURCE", SYRIAN_OBSERVATORY)]
    assert ("ORG", SYRIAN_OBSERVATORY) in spans_of(final)


async def test_link_disagreement_on_identical_spans_is_shown_and_decided(store, seed_path):
    document = seed(store, seed_path)
    items = [("Christopher Ghika", "PERSON"), (MONITOR, "ORG"), (FIGURE_CLAIM, "CLAIM")]
    annotate(store, document, "teacher", items, [(FIGURE_CLAIM, MONITOR)])
    annotate(store, document, "student", items, [(FIGURE_CLAIM, "Christopher Ghika")])
    app = app_for(store, ["teacher", "student"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert links_of(gold(store, document)) == []  # not decided yet: neither source is in
        (place,) = app.adjudication.pending()
        assert isinstance(place, LinkPlace)
        assert [(o.target.text, o.annotators) for o in place.options] == [(MONITOR, ["teacher"]),
                                                                         ("Christopher Ghika", ["student"])]
        body = str(app.query_one("#adjudication-body").render())
        assert "The source (SOURCE) of CLAIM" in body and "by student" in body
        await pilot.press("1")
    assert links_of(gold(store, document)) == [(FIGURE_CLAIM, "SOURCE", MONITOR)]


async def test_three_annotators_listed_in_the_order_given(store, seed_path):
    document = seed(store, seed_path)
    annotate(store, document, "alice", [("Christopher Ghika", "PERSON")])
    annotate(store, document, "bob", [("Gen. Christopher Ghika", "PERSON")])
    annotate(store, document, "carol", [("Ghika", "PERSON")])
    app = app_for(store, ["carol", "alice", "bob"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        (place,) = app.adjudication.pending()
        assert [(v.text, v.annotators) for v in place.variants] == [
            ("Ghika", ["carol"]), ("Christopher Ghika", ["alice"]), ("Gen. Christopher Ghika", ["bob"])]
        await pilot.press("3")
    assert spans_of(gold(store, document)) == [("PERSON", "Gen. Christopher Ghika")]


async def test_undo_takes_back_the_last_decision(store, seed_path):
    document = teacher_and_student(store, seed_path)
    app = app_for(store, ["teacher", "student"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "2")  # the student's claim
        assert ("CLAIM", STUDENT_CLAIM) in spans_of(gold(store, document))
        await pilot.press("u")
        assert ("CLAIM", STUDENT_CLAIM) not in spans_of(gold(store, document))
        assert app.adjudication.pending()[0].variants[0].text == TEACHER_CLAIM  # asked again
        await pilot.press("1", "x", "ctrl+z")  # the ORG decision is taken back
        assert [v.text for v in app.adjudication.pending()[0].variants] == [SYRIAN_OBSERVATORY]
        await pilot.press("u", "u")  # the claim, then accepting the unanimous ones
        assert not app.adjudication.confirmed
        assert spans_of(gold(store, document)) == []
        await pilot.press("u")  # nothing left to undo
        assert "nothing to undo" in str(app.query_one("#adjudication-body").render())


async def test_quit_halfway_and_resume_loses_nothing(store, seed_path):
    document = teacher_and_student(store, seed_path)
    app = app_for(store, ["teacher", "student"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "x")  # neither claim
        await pilot.press("q")
    assert spans_of(gold(store, document)) == [("PERSON", "Christopher Ghika")]

    app = app_for(store, ["teacher", "student"])  # as a second run of the command does
    async with app.run_test(size=SIZE) as pilot:
        assert app.adjudication.confirmed and len(app.adjudication.decisions) == 2
        place = app.adjudication.pending()[0]
        assert [v.text for v in place.variants] == [SYRIAN_OBSERVATORY]  # the claims are not asked again
        assert "Syrian Observatory" in str(app.query_one("#adjudication-body").render())
        await pilot.press("1")
        await pilot.press("q")
    final = gold(store, document)
    assert spans_of(final) == [("ORG", SYRIAN_OBSERVATORY), ("PERSON", "Christopher Ghika")]
    assert "2 span and 0 link decision(s)" in report(app.adjudication, "gold")

    app = app_for(store, ["teacher", "student"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u")  # undo reaches back into the first run
        assert [v.text for v in app.adjudication.pending()[0].variants] == [SYRIAN_OBSERVATORY]
    assert spans_of(gold(store, document)) == [("PERSON", "Christopher Ghika")]


async def test_unanimous_spans_and_links_accepted_after_one_confirmation(store, seed_path):
    document = seed(store, seed_path)
    items = [("Christopher Ghika", "PERSON"), (QUOTE, "QUOTE"), ("Baghouz", "LOC")]
    for name in ("alice", "bob", "carol"):
        annotate(store, document, name, items, [(QUOTE, "Christopher Ghika")])
    app = app_for(store, ["alice", "bob", "carol"])
    async with app.run_test(size=SIZE) as pilot:
        assert "3 span(s) and 1 link(s) are unanimous" in str(app.query_one("#adjudication-body").render())
        assert not store.annotated_documents("gold")
        await pilot.press("enter")
        assert "Everything decided" in str(app.query_one("#adjudication-head").render())
    final = gold(store, document)
    assert spans_of(final) == [("LOC", "Baghouz"), ("PERSON", "Christopher Ghika"), ("QUOTE", QUOTE)]
    assert links_of(final) == [(QUOTE, "SPEAKER", "Christopher Ghika")]


def test_variants_keep_what_each_annotator_linked(store, seed_path):
    document = teacher_and_student(store, seed_path)
    texts = {document.id: document.text}
    by_annotator = {n: {document.id: gold(store, document, n)} for n in ("teacher", "student")}
    result = adjudicate(by_annotator, texts, order=["student", "teacher"])
    claims = next(p for p in result.documents[document.id].span_places if len(p.variants) == 2)
    assert [v.annotators for v in claims.variants] == [["student"], ["teacher"]]
    student = claims.variants[0]
    assert [result.documents[document.id].variants[t].text for t in student.links["SOURCE"].values()] == [
        "Christopher Ghika"]


def test_command_errors(store, seed_path, capsys):
    document = teacher_and_student(store, seed_path)
    annotate(store, document, "gold", [("Baghouz", "LOC")])  # made by hand, not by adjudicating
    assert main(["adjudicate", "--store", str(store.root), "--annotators", "teacher,student"]) == 1
    assert "gold already has annotations here: --replace" in capsys.readouterr().err
    assert main(["adjudicate", "--store", str(store.root), "--annotators", "teacher"]) == 1
    assert "at least two" in capsys.readouterr().err
    assert main(["adjudicate", "--store", str(store.root), "--annotators", "teacher,zed"]) == 1
    assert "no annotations by zed" in capsys.readouterr().err
    with store.decision_record("gold").held():  # another teacher is deciding
        assert main(["adjudicate", "--store", str(store.root), "--annotators", "teacher,student"]) == 1
    assert "another annotty session is adjudicating" in capsys.readouterr().err
    store.decision_record("gold").write(["teacher", "carol"], [])
    assert main(["adjudicate", "--store", str(store.root), "--annotators", "teacher,student"]) == 1
    assert "--annotators teacher,carol to go on" in capsys.readouterr().err
    store.decision_record("gold").path.write_text('{"annotators": ["teacher", "student"], "decisions": [{}]}')
    assert main(["adjudicate", "--store", str(store.root), "--annotators", "teacher,student"]) == 1
    assert "decisions record is malformed" in capsys.readouterr().err
