"""Who said it, drawn in the article: a dim ``— Ghika`` after each quote and
claim, with small badges for what the sidebar would otherwise be needed for.

A tag is drawn after the word that ends its span (so it never splits a word
and wraps with it); its cells are not text: the layout reserves them (see
``layout.py``), and no offset points into them.

Badges: quotes ``dir`` / ``ind`` (direct, indirect); claims ``✓`` true,
``✗`` false, ``≈`` misleading, ``?`` unverified, and ``!`` when check-worthy;
``✎`` when the annotation has a note (the status line shows it when the caret
is on the annotation).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style

from ...model import ATTRIBUTION_FOR_KIND, CLAIM, COREF, QUOTE, Annotations, Span

from .describe import shorten

ATTRIBUTION_LABELS = frozenset(ATTRIBUTION_FOR_KIND.values())

PLAIN = Style()
WHO = Style(dim=True, italic=True)
BADGE = Style(reverse=True, dim=True)
VERDICT_BADGES = {
    "true": (" ✓ ", Style(reverse=True, color="green")),
    "false": (" ✗ ", Style(reverse=True, color="red")),
    "misleading": (" ≈ ", Style(reverse=True, color="yellow")),
    "unverified": (" ? ", BADGE),
}
CHECKWORTHY = Style(reverse=True, bold=True)
#: How a tag of a quote attributed to the entity at the caret is drawn.
RELATED = Style(reverse=True, bold=True)


@dataclass(frozen=True)
class Tag:
    """What is drawn after one word: the pieces of the tags of the spans ending there."""

    pieces: tuple[tuple[str, Style, str], ...]  # (text, style, id of the span it belongs to)

    @property
    def cells(self) -> int:
        return sum(cell_len(text) for text, _style, _span in self.pieces)


def word_end(display: str, offset: int, limit: int = 64) -> int:
    """Where the word that ends at or runs past ``offset`` ends: the first
    space, tab or line break from ``offset`` on (or the text's end). A span
    ending in spaces gets its tag after its last word."""
    stop = min(len(display), offset + limit)
    position = offset
    while position < stop and display[position] not in " \t\n":
        position += 1
    if position == offset:
        while position > 1 and display[position - 1] in " \t":
            position -= 1
    return position


def tag_pieces(span: Span, who: Span | None) -> list[tuple[str, Style]]:
    """The tag of a quote or claim attributed to ``who`` (None: not yet)."""
    pieces: list[tuple[str, Style]] = [(f" — {shorten(who.text, 20)}" if who else " — ?", WHO)]
    if span.kind == QUOTE and span.attrs.get("type") in ("direct", "indirect"):
        pieces.append((" ", PLAIN))
        pieces.append((" dir " if span.attrs["type"] == "direct" else " ind ", BADGE))
    elif span.kind == CLAIM:
        verdict = VERDICT_BADGES.get(span.attrs.get("verdict", "unverified"), VERDICT_BADGES["unverified"])
        pieces.append((" ", PLAIN))
        pieces.append(verdict)
        if span.attrs.get("checkworthy") == "yes":
            pieces.append((" ", PLAIN))
            pieces.append((" ! ", CHECKWORTHY))
    if span.note:
        pieces.append((" ✎", WHO))
    return pieces


#: A span's tag as last made: (the span, its speaker or source, where, the pieces).
Made = tuple[Span, "Span | None", int, tuple[tuple[str, Style, str], ...]]


def attribution_tags(display: str, annotations: Annotations, made: dict[str, Made] | None = None) -> dict[int, Tag]:
    """The tags of every quote and claim, by the offset where each is drawn.

    ``made``: the tags made last time for this text, by span id, reused while
    the span and its speaker are the very same objects (spans are replaced,
    never changed, by an edit): an edit in an article of 20,000 annotations
    makes only its own tag again. Updated in place."""
    made = {} if made is None else made
    # As Annotations.attribution decides, for all at once: the first link (by id) of the head's kind.
    attributed: dict[tuple[str, str], tuple[str, str]] = {}
    for relation in annotations.relations():
        if relation.label in ATTRIBUTION_LABELS:
            key = (relation.head, relation.label)
            if key not in attributed or relation.id < attributed[key][0]:
                attributed[key] = (relation.id, relation.child)
    by_offset: dict[int, list[tuple[str, Style, str]]] = {}
    seen: set[str] = set()
    for span in annotations.spans():
        label = ATTRIBUTION_FOR_KIND.get(span.kind)
        if label is None:
            continue
        link = attributed.get((span.id, label))
        who = annotations.get(link[1]) if link else None
        seen.add(span.id)
        before = made.get(span.id)
        if before is not None and before[0] is span and before[1] is who:
            position, pieces = before[2], before[3]
        else:
            position = word_end(display, span.end)
            pieces = tuple((text, style, span.id) for text, style in tag_pieces(span, who))
            made[span.id] = (span, who, position, pieces)
        by_offset.setdefault(position, []).extend(pieces)
    for gone in made.keys() - seen:
        del made[gone]
    return {position: Tag(tuple(pieces)) for position, pieces in by_offset.items()}


def attributed_to(annotations: Annotations, entity_id: str) -> set[str]:
    """The quotes and claims whose speaker or source is the entity, or a
    mention linked to it as the same referent (COREF, either way)."""
    same = {entity_id}
    for relation in annotations.relations_of(entity_id):
        if relation.label == COREF:
            same.update((relation.head, relation.child))
    found: set[str] = set()
    for member in same:
        for relation in annotations.relations_of(member):
            if relation.child == member and relation.label != COREF:
                head = annotations.get(relation.head)
                if head is not None and ATTRIBUTION_FOR_KIND.get(head.kind) == relation.label:
                    found.add(head.id)
    return found
