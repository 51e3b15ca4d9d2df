"""How annotations are described in one line (sidebar rows, pickers, status)."""

from __future__ import annotations

import re

from rich.text import Text

from ...model import CLAIM, QUOTE, Annotations, Span
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


def label_badge(name: str, color: str) -> Text:
    return Text(f" {one_line(name)} ", style=f"bold black on {color}")


def badge(span: Span, schema: Schema) -> Text:
    label = schema.label(span.label)
    return label_badge(span.label, label.color if label else "#9a9996")


def describe(span: Span, annotations: Annotations, schema: Schema, limit: int = 60) -> Text:
    """``PERSON Christopher Ghika`` or ``QUOTE Ghika: “These tactics…” (direct)``."""
    line = badge(span, schema)
    line.append(" ")
    if span.kind in (QUOTE, CLAIM):
        who = annotations.attribution(span.id)
        missing = "no speaker" if span.kind == QUOTE else "no source"
        line.append(shorten(who.text, 24) if who else missing, style="bold" if who else "dim italic")
        line.append(": ")
        line.append(f"“{shorten(span.text, limit)}”")
        details = [span.attrs.get("type", "")] if span.kind == QUOTE else [
            span.attrs.get("verdict", ""), "check-worthy" if span.attrs.get("checkworthy") == "yes" else "",
        ]
        details = [one_line(d) for d in details if d]
        if details:
            line.append(f" ({', '.join(details)})", style="dim")
    else:
        line.append(shorten(span.text, limit))
        refers = [r for r in annotations.relations_of(span.id) if r.head == span.id]
        if refers and refers[0].child in annotations:
            line.append(f" → {shorten(annotations.span(refers[0].child).text, 24)}", style="dim")
    if span.note:
        line.append(f"  ✎ {shorten(span.note, 30)}", style="italic dim")
    return line
