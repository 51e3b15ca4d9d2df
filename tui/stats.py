"""Statistics over a store: what was annotated, by whom, who is quoted."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .model import CLAIM, QUOTE
from .store import Store
from .store.storage import StoreDamaged


@dataclass
class Statistics:
    labels: Counter = field(default_factory=Counter)  # label -> annotations
    annotators: Counter = field(default_factory=Counter)  # annotator -> annotations
    documents: Counter = field(default_factory=Counter)  # annotator -> documents annotated
    done: Counter = field(default_factory=Counter)  # annotator -> documents marked done
    speakers: Counter = field(default_factory=Counter)  # speaker text -> quotes
    quotes_without_speaker: int = 0
    quotes: int = 0
    sources: Counter = field(default_factory=Counter)  # source text -> claims
    verdicts: Counter = field(default_factory=Counter)  # verdict -> claims
    damaged: list[str] = field(default_factory=list)


def _name(text: str) -> str:
    return " ".join(text.split())


def collect(store: Store, annotators: list[str] | None = None) -> Statistics:
    stats = Statistics()
    texts: dict[str, str] = {}
    for annotator in annotators or store.annotators():
        for doc_id in store.annotated_documents(annotator):
            try:
                if doc_id not in texts:
                    texts[doc_id] = store.load_document(doc_id).text
                annotations, _flagged = store.load_annotations(annotator, doc_id, texts[doc_id])
                count, status = store.progress(annotator, doc_id)
            except StoreDamaged as damage:
                stats.damaged.append(str(damage))
                continue
            stats.documents[annotator] += 1
            stats.done[annotator] += status == "done"
            for span in annotations.spans():
                stats.labels[span.label] += 1
                stats.annotators[annotator] += 1
                who = annotations.attribution(span.id)
                if span.kind == QUOTE:
                    stats.quotes += 1
                    if who:
                        stats.speakers[_name(who.text)] += 1
                    else:
                        stats.quotes_without_speaker += 1
                elif span.kind == CLAIM:
                    stats.sources[_name(who.text) if who else "(no source)"] += 1
                    stats.verdicts[span.attrs.get("verdict", "unverified")] += 1
    return stats


def bar_rows(counter: Counter, limit: int = 10, width: int = 30) -> list[tuple[str, int, str]]:
    """(name, count, bar) for the largest ``limit`` entries, bars scaled to ``width``."""
    rows = [(name, count) for name, count in counter.most_common(limit) if count > 0]
    top = rows[0][1] if rows else 1
    return [(name, count, "█" * max(1, round(width * count / top))) for name, count in rows]


def report_lines(stats: Statistics, limit: int = 10) -> list[str]:
    """The statistics as a plain-text report with bar charts."""
    sections = [
        ("Annotations per label", stats.labels),
        ("Annotations per annotator", stats.annotators),
        ("Documents annotated per annotator", stats.documents),
        ("Documents done per annotator", stats.done),
        ("Who is quoted most", stats.speakers),
        ("Claims per source", stats.sources),
        ("Claims per verdict", stats.verdicts),
    ]
    lines: list[str] = []
    for title, counter in sections:
        lines.append(title)
        rows = bar_rows(counter, limit)
        if not rows:
            lines.append("  (none)")
        width = max((len(name) for name, _c, _b in rows), default=0)
        for name, count, bar in rows:
            lines.append(f"  {name:<{width}}  {count:>6}  {bar}")
        if title == "Who is quoted most" and stats.quotes:
            share = 100 * stats.quotes_without_speaker / stats.quotes
            lines.append(f"  quotes without a speaker: {stats.quotes_without_speaker} of {stats.quotes} ({share:.0f}%)")
        lines.append("")
    lines += [f"damaged, left out: {line}" for line in stats.damaged]
    return lines
