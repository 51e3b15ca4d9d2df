from __future__ import annotations

import pytest

from tui.model import (
    AddRelation, AddSpan, Annotations, AnnotationError, Batch, Relation, RemoveSpan, make_span,
)

TEXT = "Maj. Gen. Christopher Ghika said “these tactics won’t succeed” on Thursday."


def spans():
    person = make_span(TEXT, 10, 27, "PERSON", "entity")
    quote = make_span(TEXT, 34, 61, "QUOTE", "quote")
    date = make_span(TEXT, 66, 74, "DATE", "entity")
    return person, quote, date


def test_spans_are_in_reading_order_and_found_by_position():
    person, quote, date = spans()
    annotations = Annotations([date, quote, person])
    assert [s.label for s in annotations.spans()] == ["PERSON", "QUOTE", "DATE"]
    assert annotations.at(12) == [person]
    assert annotations.at(27) == []
    assert annotations.overlapping(20, 40) == [person, quote]
    assert annotations.next_after(10) == quote
    assert annotations.previous_before(66) == quote
    assert annotations.next_after(66) is None


def test_nested_spans_innermost_first():
    outer = make_span(TEXT, 0, 27, "MISC", "entity")
    inner = make_span(TEXT, 10, 27, "PERSON", "entity")
    annotations = Annotations([outer, inner])
    assert annotations.at(15) == [inner, outer]


def test_changes_have_exact_inverses():
    person, quote, _ = spans()
    annotations = Annotations()
    link = Relation("r1", quote.id, person.id, "SPEAKER")
    change = Batch((AddSpan(person), AddSpan(quote), AddRelation(link)))
    change.apply(annotations)
    assert annotations.attribution(quote.id) == person
    change.inverse().apply(annotations)
    assert len(annotations) == 0 and annotations.relations() == []


def test_failed_batch_is_rolled_back():
    person, quote, _ = spans()
    annotations = Annotations([person])
    bad = Batch((AddSpan(quote), AddSpan(person)))  # second one is a duplicate id
    with pytest.raises(AnnotationError):
        bad.apply(annotations)
    assert annotations.spans() == [person]


def test_a_linked_span_cannot_be_removed_alone():
    person, quote, _ = spans()
    annotations = Annotations([person, quote], [Relation("r1", quote.id, person.id, "SPEAKER")])
    with pytest.raises(AnnotationError):
        RemoveSpan(person).apply(annotations)


@pytest.mark.parametrize("start, end", [(5, 5), (-1, 3), (70, 200)])
def test_bad_spans_are_refused(start, end):
    with pytest.raises(AnnotationError):
        make_span(TEXT, start, end, "PERSON", "entity")


def test_changes_are_values_as_frozen_dataclasses_are():
    """Changes are written-out classes (start-up): they behave as the frozen dataclasses they were."""
    import dataclasses

    @dataclasses.dataclass(frozen=True)
    class UpdateSpan:  # the reference: what @dataclass(frozen=True) made
        old: object
        new: object

    text = "Ana met Bo."
    a, b = make_span(text, 0, 3, "PERSON", "entity"), make_span(text, 8, 10, "PERSON", "entity")
    from tui.model import UpdateSpan as Written

    ours, reference = Written(a, b), UpdateSpan(a, b)
    assert repr(ours) == repr(reference).replace(UpdateSpan.__qualname__, "UpdateSpan")
    assert ours == Written(a, b) and hash(ours) == hash(Written(a, b)) and ours != Written(b, a)
    assert ours not in (reference, (a, b))  # another class is never equal
    assert Batch((AddSpan(a),), "tag") == Batch((AddSpan(a),), "tag") != Batch((AddSpan(a),))
    assert AddSpan(a) != RemoveSpan(a) and len({AddSpan(a), AddSpan(a), RemoveSpan(a)}) == 2
    assert Batch((AddSpan(a),)).description == ""
    for change in (ours, Batch((AddSpan(a),))):
        with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field"):
            change.old = b  # type: ignore[misc]
        with pytest.raises(dataclasses.FrozenInstanceError, match="cannot delete field"):
            del change.changes  # type: ignore[misc]
    with pytest.raises(TypeError):
        AddSpan(a, b)  # type: ignore[call-arg]
