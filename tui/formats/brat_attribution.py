"""brat attribution events into quotes and claims with their speaker.

Attribution corpora in brat (PolNeAR, PARC-style annotation) mark a
``Source``, a ``Cue`` and a ``Content`` span and tie them with an event::

    T1	Source 0 8	Jane Doe
    T2	Cue 9 13	said
    T3	Content 14 40	“We will not back down.”
    T4	Attribution 9 13	said
    E1	Attribution:T4 Source:T1 Cue:T2 Content:T3

Any event with a content role is read this way, whatever its type's name;
roles are matched by name, case aside, with brat's numbering dropped
(``Content2`` is a second content, ``Source2`` a second source). Each
event becomes:

* a quote (``QUOTE``, ``attrs.type`` ``direct`` when its text starts or
  ends with a quotation mark, or one is right beside it, else ``indirect``)
  or, with ``--map Content=CLAIM``, a claim; several content pieces
  (discontinuous, or ``Content`` and ``Content2``) make one span from the
  first to the last with ``attrs.parts``;
* its source(s) as entity spans (``PERSON`` unless mapped), linked by
  ``SPEAKER`` (quote) or ``SOURCE`` (claim), pronouns and descriptions too;
* its cue recorded on the quote or claim as ``attrs.cue = {start, end,
  text}``; the cue span itself is kept only when ``--map Cue=LABEL`` asks.

What cannot be mapped is counted by reason.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import cast
from dataclasses import dataclass

from ..errors import AnnottyError
from ..model import ATTRIBUTION_FOR_KIND, CLAIM, ENTITY, PARTS, QUOTE
from .importing import RawRelation, RawSpan

SOURCE_ROLE, CUE_ROLE, CONTENT_ROLE = "source", "cue", "content"
ROLES = (SOURCE_ROLE, CUE_ROLE, CONTENT_ROLE)
DEFAULT_LABELS = {SOURCE_ROLE: "PERSON", CONTENT_ROLE: "QUOTE", CUE_ROLE: None}
CUE_ATTR = "cue"

_OPENING = tuple("\"“„«»‹›「『‚") + ("''", "``", "‘")
_CLOSING = tuple("\"”“»«›‹」』") + ("''",)

#: Reasons an attribution could not be (fully) mapped, as reported.
NO_CONTENT_SPAN = "attribution event(s) whose content is not a text span"
NO_SOURCE_SPAN = "attribution source(s) that are not a text span (link lost)"
OTHER_ROLE = "event role(s) other than source, cue and content"
NOT_ATTRIBUTION = "event(s) with no content role"
#: The reasons a source -> content link, or the content itself, was lost.
LOST = (NO_CONTENT_SPAN, NO_SOURCE_SPAN, OTHER_ROLE, NOT_ATTRIBUTION)


@dataclass
class Event:
    ident: str
    line: int
    trigger: str | None
    #: (role lowercased without brat's numbering, argument id)
    arguments: list[tuple[str, str]]


def parse_event(ident: str, data: str, line: int) -> Event:
    fields = data.split()
    trigger = fields[0].split(":", 1)[1] if fields and ":" in fields[0] else None
    arguments = []
    for field in fields[1:]:
        role, _, target = field.partition(":")
        if target:
            arguments.append((re.sub(r"[0-9]+$", "", role).lower(), target))
    return Event(ident, line, trigger, arguments)


def parse_map(value: str | None) -> dict[str, str]:
    """``Source=PERSON,Content=QUOTE,Cue=CUE`` -> role -> label."""
    mapping: dict[str, str] = {}
    for item in (value or "").split(","):
        if not item.strip():
            continue
        role, sep, label = item.partition("=")
        role, label = role.strip().lower(), label.strip()
        if not sep or role not in ROLES or not re.fullmatch(r"[^\s,=]+", label):
            raise AnnottyError(f"--map takes ROLE=LABEL pairs for the roles Source, Cue and Content "
                               f"(e.g. Source=PERSON,Content=CLAIM), not {item.strip()!r}")
        mapping[role] = label
    return mapping


def content_kind(label: str, label_kinds: dict[str, str]) -> str:
    kind = label_kinds.get(label)
    if kind == ENTITY:
        raise AnnottyError(f"--map Content={label}: {label} is an entity label; content becomes a quote or a claim")
    return kind if kind in (QUOTE, CLAIM) else (CLAIM if label.upper() == CLAIM.upper() else QUOTE)


def is_direct(text: str, start: int, end: int) -> bool:
    """Whether the content is quoted: it starts or ends with a quotation mark
    (spaces aside), or a quotation mark is right beside it on its line."""
    inside = text[start:end].strip()
    # ’ and ' also end words ("voters’"): a closing mark only after their opening one.
    closes = inside.endswith(_CLOSING) or (inside.endswith("’") and "‘" in inside) or \
        (inside.endswith("'") and inside.startswith("'"))
    if inside.startswith(_OPENING) or closes:
        return True
    before = text[max(0, start - 4):start].rstrip(" ")
    after = text[end:end + 4].lstrip(" ")
    # A straight mark beside the content opens it only after a space, closes it only before one.
    opened = before.endswith(_OPENING) and (before[-1] not in "\"'" or len(before) < 2 or before[-2] in " \n(")
    closed = after.startswith(_CLOSING) and (after[0] not in "\"'" or len(after) < 2 or not after[1].isalnum())
    return opened or closed


def map_events(events: list[Event], spans: dict[str, RawSpan], text: str, role_labels: dict[str, str],
               label_kinds: dict[str, str], *, skipped: Counter, tally: Counter) -> list[RawRelation]:
    """Turn attribution events into quotes/claims, sources and links, in
    ``spans`` (changed in place); return the links. ``tally`` counts what
    was made (``events``, ``links``, ``no source``) for the import's summary."""
    labels = {**DEFAULT_LABELS, **role_labels}
    quote_label = labels[CONTENT_ROLE]
    assert quote_label is not None  # the content role always has a label (only the cue's may be none)
    kind = content_kind(quote_label, label_kinds)
    relation_label = ATTRIBUTION_FOR_KIND[kind]
    used: set[str] = set()
    sources: set[str] = set()
    relations: list[RawRelation] = []
    for event in events:
        contents = [target for role, target in event.arguments if role == CONTENT_ROLE]
        if not contents:
            skipped[NOT_ATTRIBUTION] += 1
            continue
        skipped[OTHER_ROLE] += sum(1 for role, _ in event.arguments if role not in ROLES)
        if any(target not in spans for target in contents):
            skipped[NO_CONTENT_SPAN] += 1
            continue
        key = "content:" + "+".join(sorted(contents))
        quote = spans.get(key) or _content_span(key, [spans[t] for t in contents], text, quote_label, kind, event.line)
        cue_ids = [t for role, t in event.arguments if role == CUE_ROLE and t in spans]
        if cue_ids and CUE_ATTR not in quote.attrs:
            cue = spans[cue_ids[0]]
            cue_start, cue_end = cast(int, cue.start), cast(int, cue.end)  # brat's offsets are read as numbers
            quote.attrs[CUE_ATTR] = {"start": cue.start, "end": cue.end, "text": text[cue_start:cue_end]}
        spans[key] = quote
        used.update(contents)
        used.update(cue_ids)
        tally["events"] += 1
        source_ids = [t for role, t in event.arguments if role == SOURCE_ROLE]
        if not source_ids:
            tally["no source"] += 1
        for target in source_ids:
            if target not in spans:
                skipped[NO_SOURCE_SPAN] += 1
                continue
            sources.add(target)
            relations.append(RawRelation(key, target, relation_label, event.line))
            tally["links"] += 1
    cue_label = labels[CUE_ROLE]
    cues = {target for event in events for role, target in event.arguments if role == CUE_ROLE}
    content_keys = contents_of(events)
    for key in used - sources:
        if cue_label and key in cues and key not in content_keys:
            spans[key].label, spans[key].kind = cue_label, ENTITY
            spans[key].attrs.pop(PARTS, None)
        else:
            del spans[key]
    for key in sources:
        spans[key].label, spans[key].kind = labels[SOURCE_ROLE], ENTITY
        spans[key].attrs.pop(PARTS, None)
    return relations


def contents_of(events: list[Event]) -> set[str]:
    return {target for event in events for role, target in event.arguments if role == CONTENT_ROLE}


def merge_parts(text: str, pieces) -> list[list[int]]:
    """(start, end) pieces as parts in text order: pieces that overlap or have
    only spaces and line breaks between them are one part."""
    parts: list[list[int]] = []
    for start, end in sorted(pieces):
        if parts and (start <= parts[-1][1] or not text[parts[-1][1]:start].strip()):
            parts[-1][1] = max(parts[-1][1], end)
        else:
            parts.append([start, end])
    return parts


def _content_span(key: str, pieces: list[RawSpan], text: str, label: str, kind: str, line: int) -> RawSpan:
    parts = merge_parts(
        text, [part for piece in pieces for part in (piece.attrs.get(PARTS) or [[piece.start, piece.end]])]
    )
    attrs = {k: v for piece in pieces for k, v in piece.attrs.items() if k != PARTS}
    attrs["type"] = "direct" if any(is_direct(text, s, e) for s, e in parts) else "indirect"
    if len(parts) > 1:
        attrs[PARTS] = parts
    return RawSpan(key, parts[0][0], parts[-1][1], label, text=None, line=line, kind=kind, attrs=attrs)
