"""How annotations are described in one line (sidebar rows, pickers, status)."""

from __future__ import annotations

import re

from rich.text import Text

from ...model import (
    CLAIM, QUOTE, AddRelation, AddSpan, Annotations, Batch, Change, RemoveRelation, RemoveSpan, Span, UpdateSpan,
)
from ...schema import Schema
from ...terminal_text import one_line


def fold(value: str) -> str:
    """Runs of spaces and line breaks as one space, the edges kept (for
    context around a span), safe to draw."""
    return one_line(re.sub(r"\s+", " ", value))


def shorten(value: str, limit: int) -> str:
    """``value`` on one line, cut to about ``limit`` characters, safe to draw."""
    value = " ".join(value.split())
    return one_line(value if len(value) <= limit else value[: limit - 1] + "…")


def counted(number: int, noun: str) -> str:
    """``1 annotation``, ``2 annotations``, ``3 matches``."""
    if number == 1:
        return f"1 {noun}"
    return f"{number} {noun}{'es' if noun.endswith(('s', 'x', 'ch', 'sh')) else 's'}"


def describe_change(change: Change, annotations: Annotations) -> str:  # noqa: PLR0911  one answer per kind of change
    """What an edit did, in words: ``tagging QUOTE “These tactics…”``, for undo and redo to say."""
    def named(span_id: str) -> str:
        span = annotations.get(span_id)
        return f"{span.label} “{shorten(span.text, 30)}”" if span else "an annotation"

    if isinstance(change, Batch):
        parts = [describe_change(part, annotations) for part in change.changes]
        # The batch is named by its first change that is not a link's removal.
        not_removals = (p for p, c in zip(parts, change.changes, strict=True) if not isinstance(c, RemoveRelation))
        main = next(not_removals, parts[0]) if parts else change.description
        return main if len(parts) <= 1 else f"{main} (and {counted(len(parts) - 1, 'other change')})"
    if isinstance(change, AddSpan):
        return f"tagging {change.span.label} “{shorten(change.span.text, 30)}”"
    if isinstance(change, RemoveSpan):
        return f"deleting {change.span.label} “{shorten(change.span.text, 30)}”"
    if isinstance(change, UpdateSpan):
        old, new = change.old, change.new
        what = f"{new.label} “{shorten(new.text, 30)}”"
        if old.label != new.label:
            return f"relabelling {old.label} as {what}"
        if (old.start, old.end) != (new.start, new.end):
            return f"resizing {what}"
        if old.note != new.note:
            return f"the note on {what}"
        changed = sorted(k for k in {*old.attrs, *new.attrs} if old.attrs.get(k) != new.attrs.get(k))
        return f"changing the {', '.join(changed) or 'attributes'} of {what}"
    if isinstance(change, (AddRelation, RemoveRelation)):
        relation = change.relation
        verb = "linking" if isinstance(change, AddRelation) else "unlinking"
        return f"{verb} {named(relation.head)} to {named(relation.child)} ({relation.label.lower()})"
    return "the last change"


def label_badge(name: str, color: str) -> Text:
    """`` NAME `` on the label's colour; only these cells: text appended after it keeps its own style."""
    return Text.assemble((f" {one_line(name)} ", f"bold black on {color}"))


def badge(span: Span, schema: Schema) -> Text:
    label = schema.label(span.label)
    return label_badge(span.label, label.color if label else "#9a9996")


VERDICT_MARKS = {"true": "✓", "false": "✗", "misleading": "≈", "unverified": "?"}


def describe(span: Span, annotations: Annotations, schema: Schema, limit: int = 60, width: int = 0) -> Text:
    """``PERSON Christopher Ghika`` or ``QUOTE “These tactics…” — Ghika (direct)``:
    a quote's or claim's own words first, so that rows of one speaker differ
    at any width. ``width``: the words are cut so that the speaker fits too."""
    line = badge(span, schema)
    line.append(" ")
    if span.kind in (QUOTE, CLAIM):
        if span.kind == CLAIM:
            verdict = span.attrs.get("verdict", "unverified")
            line.append(f"{VERDICT_MARKS.get(verdict, '?')} ", style="bold")
        who = annotations.attribution(span.id)
        missing = "no speaker" if span.kind == QUOTE else "no source"
        name = shorten(who.text, 24) if who else missing
        if width:
            width -= 2 if span.note else 0  # room for the note's mark
            if width - line.cell_len - len(name) - 5 < 12:
                # Narrow: "Ghika" for "Christopher Ghika", "?" for no speaker (as in the article).
                name = shorten(who.text.split()[-1], 12) if who else "?"
            limit = min(limit, max(10, width - line.cell_len - len(name) - 5))
        line.append(f"“{shorten(span.text, limit)}”")
        line.append(" — ", style="dim")
        line.append(name, style="bold" if who else "dim italic")
        details = [span.attrs.get("type", "")] if span.kind == QUOTE else [
            span.attrs.get("verdict", ""), "check-worthy" if span.attrs.get("checkworthy") == "yes" else "",
        ]
        details = [one_line(d) for d in details if d]
        shown = f" ({', '.join(details)})"
        if details and not (width and line.cell_len + len(shown) > width):
            line.append(shown, style="dim")
    else:
        line.append(shorten(span.text, limit))
        refers = [r for r in annotations.relations_of(span.id) if r.head == span.id]
        if refers and refers[0].child in annotations:
            line.append(f" → {shorten(annotations.span(refers[0].child).text, 24)}", style="dim")
    if span.note:
        note = f"  ✎ {shorten(span.note, 30)}"
        line.append(" ✎" if width and line.cell_len + len(note) > width + 2 else note, style="italic dim")
    return line
