"""The tutorial: an exercise article with its instructions in the text, and
its answer key, scored when the student asks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import ATTRIBUTION_FOR_KIND, Annotations, Relation, Span, make_span

EXERCISE = Path(__file__).resolve().parent / "annotty-tutorial.txt"
DOC_ID = "annotty-tutorial"

#: The answer key: (phrase, occurrence, label) for each span, and links.
_KEY_SPANS = [
    ("Portvale Harbour Council", 0, "ORG"),
    ("Lena Okafor", 0, "PERSON"),
    ("Regional Water Authority", 0, "ORG"),
    ("Tomas Berg", 0, "PERSON"),
    ("Okafor", 1, "PERSON"),
    ("We cannot wait for the next storm", 0, "QUOTE"),
    ("It will cut us off from the sea", 0, "QUOTE"),
    ("The wall will cost 14 million euros", 0, "CLAIM"),
]
_KEY_LINKS = [
    ("We cannot wait for the next storm", "Lena Okafor"),
    ("It will cut us off from the sea", "Tomas Berg"),
    ("The wall will cost 14 million euros", "Regional Water Authority"),
]
_KINDS = {"PERSON": "entity", "ORG": "entity", "QUOTE": "quote", "CLAIM": "claim"}


def answer_key(text: str) -> Annotations:
    """The exercise's gold annotations, found in ``text`` (the story part)."""
    story = text.index("Harbour council approves")
    spans: dict[str, Span] = {}
    for phrase, occurrence, label in _KEY_SPANS:
        start = story - 1
        for _ in range(occurrence + 1):
            start = text.index(phrase, start + 1)
        spans[phrase] = make_span(text, start, start + len(phrase), label, _KINDS[label])
    relations = [
        Relation(f"r{number}", spans[head].id, spans[child].id, ATTRIBUTION_FOR_KIND[spans[head].kind])
        for number, (head, child) in enumerate(_KEY_LINKS)
    ]
    return Annotations(spans.values(), relations)


@dataclass
class Score:
    found: int  # gold spans the student found (overlapping, same label)
    total: int
    linked: int  # gold quotes and claims found with the right speaker or source
    links: int
    extra: int  # student spans that match nothing in the key
    missed: list[str]
    wrongly_linked: list[str]

    def lines(self) -> list[str]:
        lines = [
            f"Spans found: {self.found} of {self.total}",
            f"Speakers and sources right: {self.linked} of {self.links}",
            f"Extra spans (not in the key): {self.extra}",
        ]
        lines += [f"  missed: {item}" for item in self.missed]
        lines += [f"  wrong or no speaker/source: {item}" for item in self.wrongly_linked]
        if self.found == self.total and self.linked == self.links and not self.extra:
            lines.append("Perfect. You know the whole loop: find, tag, link, undo.")
        return lines


def _overlaps(a: Span, b: Span) -> bool:
    return a.label == b.label and a.start < b.end and b.start < a.end


def score(key: Annotations, work: Annotations) -> Score:
    """A plain count against the key: a span is found when the student has an
    overlapping span of the same label; a link is right when the student's
    speaker or source overlaps the key's."""
    found, missed, linked, wrong, links = 0, [], 0, [], 0
    for gold in key.spans():
        match = next((s for s in work.overlapping(gold.start, gold.end) if _overlaps(s, gold)), None)
        found += match is not None
        if match is None:
            missed.append(f"{gold.label} “{gold.text}”")
        gold_target = key.attribution(gold.id)
        if gold_target is None:
            continue
        links += 1
        target = work.attribution(match.id) if match else None
        if target is not None and target.start < gold_target.end and gold_target.start < target.end:
            linked += 1
        else:
            wrong.append(f"“{gold.text}” (the key says {gold_target.text})")
    extra = sum(1 for s in work.spans() if not any(_overlaps(s, g) for g in key.overlapping(s.start, s.end)))
    return Score(found, len(key), linked, links, extra, missed, wrong)
