"""Articles for training tests: people, places and quotes linked to their
speakers, written as an annotator's work into a store."""

from __future__ import annotations

import random
from pathlib import Path

from tui.model import Annotations, Document, Relation, Span
from tui.store import Store

PEOPLE = ["Maria Lopez", "John Smith", "Ahmed Karim", "Laura Chen", "Peter Novak", "Sara Olsen", "David Brown",
          "Nadia Rahman", "Tom Fischer", "Ana Costa", "Omar Haddad", "Julia Weber"]
PLACES = ["Beirut", "Madrid", "Chicago", "Nairobi", "Lisbon", "Oslo", "Denver", "Cairo", "Lima", "Warsaw"]
SAYINGS = ["We will rebuild the bridge before the winter comes and the river rises again",
           "Nobody in this town has seen prices climb so fast in so few weeks",
           "The council has not answered a single letter we sent since the spring"]


def article_and_annotations(index: int) -> tuple[Document, Annotations]:
    """An article of three short paragraphs: people, places, and a quote linked to its speaker."""
    rng = random.Random(index)
    spans, relations = [], []
    text = ""

    def add(piece: str, label: str | None = None, kind: str = "entity") -> tuple[int, int]:
        nonlocal text
        start = len(text)
        text += piece
        if label:
            spans.append(Span(f"s{len(spans)}", start, len(text), label, kind, piece, {}))
        return start, len(text)

    for _ in range(3):
        person, other, place = rng.sample(PEOPLE, 2) + [rng.choice(PLACES)]
        add(person, "PERSON")
        add(" arrived in ")
        add(place, "LOC")
        add(" on Monday and met ")
        add(other, "PERSON")
        add(". “")
        add(rng.choice(SAYINGS), "QUOTE", "quote")
        quote_id = spans[-1].id
        add(",” said ")
        add(person, "PERSON")
        relations.append(Relation(f"r{len(relations)}", quote_id, spans[-1].id, "SPEAKER"))
        add(".\n\n")
    return Document(f"story-{index:02d}", text), Annotations(spans, relations)


def write_store(root: Path, documents: int = 14, annotator: str = "maria", article=None) -> Path:
    """A store of ``documents`` articles made by ``article(index)`` (default: ``article_and_annotations``)."""
    store = Store(root)
    for index in range(documents):
        document, annotations = (article or article_and_annotations)(index)
        store.write_annotations(document, annotator, annotations)
    return root


#: A cue no rule knows: only learning from the annotations can find it.
CUE = "zorbled"
STATEMENTS = ["the bridge would close before the winter", "prices had doubled in a single month",
              "the council would meet again in the spring", "the river was higher than anyone remembered"]


def cued_article(index: int) -> tuple[Document, Annotations]:
    """Sentences where a person ``zorbled`` an indirect statement (its cue recorded, as the picker's ★
    and the brat import record it), and sentences without a cue."""
    rng = random.Random(1000 + index)
    spans, relations = [], []
    text = ""

    def add(piece: str, label: str | None = None, kind: str = "entity", attrs: dict | None = None) -> tuple[int, int]:
        nonlocal text
        start = len(text)
        text += piece
        if label:
            spans.append(Span(f"s{len(spans)}", start, len(text), label, kind, piece, attrs or {}))
        return start, len(text)

    for _ in range(3):
        person, place = rng.choice(PEOPLE), rng.choice(PLACES)
        add(person, "PERSON")
        speaker_id = spans[-1].id
        add(" ")
        cue = add(CUE)
        add(" that ")
        statement = rng.choice(STATEMENTS)
        add(statement, "QUOTE", "quote", {"type": "indirect", "cue": {"start": cue[0], "end": cue[1], "text": CUE}})
        relations.append(Relation(f"r{len(relations)}", spans[-1].id, speaker_id, "SPEAKER"))
        add(f". The market in {place} opened early and the streets were full of people.\n\n")
    return Document(f"cued-{index:02d}", text), Annotations(spans, relations)
