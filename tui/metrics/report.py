"""Feedback a student can read: one self-contained HTML page per student.

The page holds the score table, a legend, and per document the article with
the student's annotations and the key's marked by outcome (matched,
inexact, wrong label, missed, extra, wrong speaker, wrong source: the words
and colours of ``explain``), each mistake numbered and explained below it.

Self-contained: the CSS is inline, there is no script, no image and no
link out of the page (only links to its own sections, and from the class
index to the students' pages beside it). Articles are hostile input: every
piece of text that reaches the page (article, labels, names, ids) is
HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from ..model import Annotations
from .explain import MATCHED, MISTAKES, OUTCOME_COLOURS, OUTCOME_MEANINGS, OUTCOMES, Mistake, mistakes
from .grading import DocumentGrade, Grade

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1e1e1e;
       background: #fff; margin: 0 auto; max-width: 52rem; padding: 1.5rem; line-height: 1.5; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin-top: 2rem;
     border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
.sub { color: #555; margin: 0 0 1rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-variant-numeric: tabular-nums; }
th, td { padding: .15rem .6rem; text-align: right; border-bottom: 1px solid #e5e5e5; }
th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
tr.total td { font-weight: 600; border-top: 1px solid #999; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1rem; margin: .5rem 0 1rem; padding: 0; list-style: none; }
.legend li { font-size: .9rem; }
.article { white-space: pre-wrap; overflow-wrap: anywhere; background: #fafafa; border: 1px solid #ddd;
           border-radius: 4px; padding: 1rem; font-size: 1rem; line-height: 1.9; }
.m { border-radius: 2px; padding: 0 1px; unicode-bidi: isolate; }
sup { font-size: .7rem; font-weight: 600; margin: 0 2px; }
sup a { color: inherit; text-decoration: none; }
.badge { display: inline-block; border-radius: 3px; padding: 0 .35rem; font-size: .8rem; font-weight: 600;
         color: #1e1e1e; white-space: nowrap; }
ol.mistakes li { margin: .3rem 0; }
.quote { font-style: italic; }
.none { color: #2a7a2a; }
"""


_CLASSES = {outcome: "o-" + outcome.replace(" ", "-") for outcome in OUTCOMES}
#: html.escape's table, applied in one pass (a class's pages escape millions of pieces).
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def _outcome_class(outcome: str) -> str:
    return _CLASSES[outcome]


def _outcome_css() -> str:
    rules = []
    for outcome, colour in OUTCOME_COLOURS.items():
        name = _outcome_class(outcome)
        rules.append(f".m.{name} {{ background: {colour}40; border-bottom: 3px solid {colour}; }}")
        rules.append(f".badge.{name} {{ background: {colour}66; border: 1px solid {colour}; }}")
        rules.append(f"sup.{name} {{ color: {colour}; filter: brightness(.6); }}")
    return "\n".join(rules)


def _page(title: str, body: list[str]) -> str:
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Nothing may load from anywhere: a report is read offline and handed around.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}{_outcome_css()}</style>",
        "</head><body>",
        *body,
        "</body></html>",
        "",
    ])


def _badge(outcome: str) -> str:
    return f'<span class="badge {_outcome_class(outcome)}">{escape(outcome)}</span>'


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def score_table(grade: Grade) -> list[str]:
    """The scores per kind and label, and the attribution, as HTML tables."""
    rows = ['<table><thead><tr><th>kind</th><th>label</th><th>key</th><th>yours</th>'
            '<th>exact: precision</th><th>recall</th><th>F1</th>'
            '<th>overlapping: precision</th><th>recall</th><th>F1</th></tr></thead><tbody>']

    def row(kind: str, label: str, counts, total: bool = False) -> str:
        s, p = counts.strict_scores, counts.partial_scores
        cells = [kind, label, str(counts.gold), str(counts.predicted), _percent(s.precision), _percent(s.recall),
                 _percent(s.f1), _percent(p.precision), _percent(p.recall), _percent(p.f1)]
        opening = '<tr class="total">' if total else "<tr>"
        return (opening + "".join(f"<td>{escape(cell)}</td>" for cell in cells) + "</tr>")

    by_label = grade.by_label()
    for kind in grade.by_kind():
        labels = [(label, c) for (of_kind, label), c in by_label.items() if of_kind == kind]
        for label, label_counts in labels:
            rows.append(row(kind, label, label_counts))
    rows.append(row("all", "", grade.total(), total=True))
    rows.append("</tbody></table>")
    rows.append("<table><thead><tr><th>linked</th><th></th><th>right</th><th>of</th><th>accuracy</th></tr>"
                "</thead><tbody>")
    names = {"quote": "quotes to their speaker", "claim": "claims to their source"}
    for kind, attribution in grade.attribution().items():
        rows.append(f"<tr><td>{escape(names.get(kind, kind))}</td><td></td><td>{attribution.correct}</td>"
                    f"<td>{attribution.total}</td><td>{_percent(attribution.accuracy)}</td></tr>")
    rows.append("</tbody></table>")
    return rows


def legend() -> list[str]:
    items = [f"<li>{_badge(outcome)} {escape(OUTCOME_MEANINGS[outcome])}</li>" for outcome in OUTCOMES]
    return ['<ul class="legend">', *items, "</ul>"]


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    outcome: str
    tag: str       # shown after it: a mistake's number, or a matched span's label
    anchor: str    # the mistake's id on the page ("" for a matched span)


def _marks(doc: DocumentGrade, found: list[Mistake], student: Annotations, prefix: str) -> list[_Mark]:
    marks = []
    shown_student: set[str] = set()
    for number, mistake in enumerate(found, 1):
        # On the text: where the student put it; a missed or relabelled span where the key has it.
        span = mistake.gold if mistake.outcome in ("missed", "wrong label") else mistake.student or mistake.gold
        assert span is not None  # a mistake has the key's span, the student's, or both
        if mistake.student is not None:
            shown_student.add(mistake.student.id)
        marks.append(_Mark(span.start, span.end, mistake.outcome, str(number), f"{prefix}-{number}"))
    for span in student.spans():
        if span.id not in shown_student:
            marks.append(_Mark(span.start, span.end, MATCHED, span.label, ""))
    return marks


def marked_text(text: str, marks: list[_Mark]) -> str:
    """The article as HTML: each stretch of text inside marks coloured by
    the innermost one (an outer one underlines it), each mark's tag after it."""
    points = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starting: dict[int, list[_Mark]] = {}
    ending: dict[int, list[_Mark]] = {}
    for mark in marks:
        starting.setdefault(mark.start, []).append(mark)
        ending.setdefault(mark.end, []).append(mark)
    active: list[_Mark] = []  # the marks over the stretch (one sweep: a few at a time)
    out = []
    for a, b in pairwise(points):
        if a in ending:
            active = [m for m in active if m.end > a]
        active += starting.get(a, ())
        piece = text[a:b].translate(_ESCAPES)
        if active:
            covering = sorted(active, key=lambda m: (m.end - m.start, OUTCOMES.index(m.outcome)))
            inner, outer = covering[0], covering[-1]
            style = ""
            if outer is not inner and outer.outcome != inner.outcome:
                style = f' style="box-shadow: 0 3px 0 {OUTCOME_COLOURS[outer.outcome]}"'
            out.append(f'<span class="m {_outcome_class(inner.outcome)}"{style}>{piece}</span>')
        else:
            out.append(piece)
        for mark in sorted(ending.get(b, ()), key=lambda m: -m.start):
            tag = escape(mark.tag)
            if mark.anchor:
                tag = f'<a href="#{escape(mark.anchor)}">[{tag}]</a>'
            out.append(f'<sup class="{_outcome_class(mark.outcome)}">{tag}</sup>')
    return "".join(out)


def _mistake_item(mistake: Mistake, anchor: str) -> str:
    span = mistake.span
    where = f"{span.label}, characters {span.start}–{span.end}"
    # Quotes round the text unless it has its own; isolated, so that a right-to-left name keeps its place.
    text = f"<bdi>{escape(span.text)}</bdi>"
    quoted = text if span.text[:1] in "“\"«„'‘" else f"“{text}”"
    return (f'<li id="{escape(anchor)}">{_badge(mistake.outcome)} <span class="quote">{quoted}</span> '
            f"({escape(where)}): {escape(mistake.explanation)}</li>")


def student_page(student: str, gold: str, grade: Grade, texts: Mapping[str, str],
                 annotations: Mapping[str, Annotations], headlines: Mapping[str, str] | None = None) -> str:
    """One student's feedback page: ``grade`` against ``gold``, with the
    documents' ``texts`` and the student's ``annotations`` on them."""
    headlines = headlines or {}
    total = grade.total()
    attribution = grade.attribution_total()
    docs = len(grade.documents)
    body = [f"<h1>Feedback for {escape(student)}</h1>",
            f'<p class="sub">Compared with the answer key ({escape(gold)}) on {docs} '
            f"document{'s' if docs != 1 else ''}: exact F1 {_percent(total.strict_scores.f1)}, "
            f"overlapping F1 {_percent(total.partial_scores.f1)}, speakers and sources right "
            f"{attribution.correct} of {attribution.total}.</p>"]
    if grade.not_annotated:
        body.append(f'<p class="sub">Not annotated (not graded): {escape(", ".join(grade.not_annotated))}.</p>')
    body += ["<h2>Scores</h2>", *score_table(grade), "<h2>Colours</h2>", *legend()]
    for number, (doc_id, doc) in enumerate(grade.documents.items(), 1):
        prefix = f"d{number}"
        found = mistakes(doc)
        title = headlines.get(doc_id) or doc_id
        counts = {outcome: 0 for outcome in MISTAKES}
        for mistake in found:
            counts[mistake.outcome] += 1
        summary = " · ".join(f"{outcome} {count}" for outcome, count in counts.items())
        body += [f'<h2 id="{prefix}">{escape(title)}</h2>',
                 f'<p class="sub">{escape(doc_id)}: exact F1 {_percent(doc.total().strict_scores.f1)} · '
                 f"{escape(summary)}</p>",
                 f'<div class="article">{marked_text(texts[doc_id], _marks(doc, found, annotations[doc_id], prefix))}'
                 "</div>"]
        if found:
            body += ['<ol class="mistakes">', *(_mistake_item(m, f"{prefix}-{n}") for n, m in enumerate(found, 1)),
                     "</ol>"]
        else:
            body.append('<p class="none">No mistake: everything matches the key.</p>')
    return _page(f"Feedback for {student}", body)


def page_name(student: str) -> str:
    """The file a student's page is written to (names are plain: letters, digits, . _ -)."""
    return f"{student}.html"


def index_page(gold: str, grades: Mapping[str, Grade], submitted_nothing: Sequence[str] = ()) -> str:
    """The class's page: each student's scores and a link to their page."""
    body = ["<h1>Feedback of the class</h1>",
            f'<p class="sub">Graded against the answer key ({escape(gold)}): {len(grades)} student(s).</p>',
            "<table><thead><tr><th>student</th><th>documents</th><th>exact F1</th><th>overlapping F1</th>"
            "<th>speakers and sources</th></tr></thead><tbody>"]
    for name, grade in grades.items():
        total, attribution = grade.total(), grade.attribution_total()
        link = f'<a href="{escape(page_name(name))}">{escape(name)}</a>' if grade.documents else escape(name)
        body.append(f"<tr><td>{link}</td><td>{len(grade.documents)}</td>"
                    f"<td>{_percent(total.strict_scores.f1)}</td><td>{_percent(total.partial_scores.f1)}</td>"
                    f"<td>{attribution.correct} of {attribution.total}</td></tr>")
    body.append("</tbody></table>")
    if submitted_nothing:
        body.append(f"<h2>Submitted nothing</h2><p>{escape(', '.join(submitted_nothing))}</p>")
    return _page("Feedback of the class", body)


def write_reports(folder, store, answer, grades: Mapping[str, Grade], submitted_nothing: list[str], *,
                  index: bool = True, jobs: int = 1) -> int:
    """Write each graded student's page into ``folder`` (made if need be),
    and with ``index`` the class's index.html; how many pages were written.
    The students' annotations are read from ``store`` (``answer``: the key's
    ``AnswerKey``, for its name); with ``jobs`` above 1, the students are
    shared among that many processes."""
    from pathlib import Path

    from ..atomic import atomic_writer
    from ..errors import AnnottyError
    from ..forked import map_forked, split

    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise AnnottyError(f"cannot make the report folder ({error.strerror or error})", folder) from None

    def write(name: str, html: str) -> None:
        path = folder / name
        try:
            with atomic_writer(path) as handle:
                handle.write(html)
        except OSError as error:
            raise AnnottyError(f"cannot write the report ({error.strerror or error})", path) from None

    documents: dict = {}  # id -> the stored document, read once for the class

    def write_pages(names: Sequence[str]) -> int:
        for name in names:
            grade = grades[name]
            annotations = {}
            for doc_id in grade.documents:
                if doc_id not in documents:
                    documents[doc_id] = store.load_document(doc_id)
                annotations[doc_id] = store.load_annotations(name, doc_id, documents[doc_id].text)[0]
            texts = {doc_id: documents[doc_id].text for doc_id in grade.documents}
            headlines = {doc_id: documents[doc_id].headline for doc_id in grade.documents}
            write(page_name(name), student_page(name, answer.name, grade, texts, annotations, headlines))
        return len(names)

    graded = [name for name, grade in grades.items() if grade.documents]
    written = sum(map_forked(write_pages, split(graded, min(jobs, len(graded) // 25)) or [[]]))
    if index:
        write("index.html", index_page(answer.name, grades, submitted_nothing))
        written += 1
    return written
