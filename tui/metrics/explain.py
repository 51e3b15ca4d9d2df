"""What a student got wrong on a document, one mistake at a time, each with
a short explanation in plain words: the grade command's text, the app's
compare view and the feedback reports all say it the same way.

The outcomes, in the order a legend lists them: matched, inexact (the
boundaries differ), wrong label (the same place, another label), missed,
extra, wrong speaker (a quote) and wrong source (a claim).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import CLAIM, QUOTE, Span
from .grading import DocumentGrade, WrongAttribution

MATCHED, INEXACT, WRONG_LABEL, MISSED, EXTRA, WRONG_SPEAKER, WRONG_SOURCE = (
    "matched", "inexact", "wrong label", "missed", "extra", "wrong speaker", "wrong source")
OUTCOMES = (MATCHED, INEXACT, WRONG_LABEL, MISSED, EXTRA, WRONG_SPEAKER, WRONG_SOURCE)
MISTAKES = OUTCOMES[1:]
#: One colour per outcome: the app's compare view and the feedback reports use them.
OUTCOME_COLOURS = {
    MATCHED: "#2ec27e", INEXACT: "#f5c211", WRONG_LABEL: "#ff7800", MISSED: "#e01b24", EXTRA: "#9a9996",
    WRONG_SPEAKER: "#c061cb", WRONG_SOURCE: "#3584e4",
}
#: What each outcome means, for a legend.
OUTCOME_MEANINGS = {
    MATCHED: "you marked it as the key does",
    INEXACT: "the right label, but the boundaries differ",
    WRONG_LABEL: "the right place, but another label",
    MISSED: "the key marks it, you did not",
    EXTRA: "you marked it, the key does not",
    WRONG_SPEAKER: "a quote linked to the wrong speaker (or to none)",
    WRONG_SOURCE: "a claim linked to the wrong source (or to none)",
}
#: What a link from a quote or claim is called.
LINK_NAMES = {QUOTE: "speaker", CLAIM: "source"}


@dataclass(frozen=True)
class Mistake:
    outcome: str          # one of MISTAKES
    gold: Span | None     # the key's span (None for an extra one)
    student: Span | None  # the student's span (None for a missed one)
    explanation: str      # without the span's own text: the caller shows it
    wrong: WrongAttribution | None = None  # for a wrong speaker or source

    @property
    def span(self) -> Span:
        """The span the mistake is about: the key's, or the student's extra one."""
        span = self.gold if self.gold is not None else self.student
        assert span is not None  # a mistake has the key's span, the student's, or both
        return span

    def to_dict(self) -> dict:
        from .grading import span_dict

        return {"outcome": self.outcome, "gold": span_dict(self.gold) if self.gold else None,
                "student": span_dict(self.student) if self.student else None, "explanation": self.explanation}


def cue_of(span: Span) -> tuple[str, str] | None:
    """The cue recorded on a quote (``attrs["cue"]``: start, end, text) as
    its text and where it stands ("before it", "after it", "inside it"), or
    None when none is recorded (or the record is not one)."""
    cue = span.attrs.get("cue") if isinstance(span.attrs, dict) else None
    if not isinstance(cue, dict):
        return None
    text, start, end = cue.get("text"), cue.get("start"), cue.get("end")
    if not isinstance(text, str) or not text.strip():
        return None
    if type(start) is not int or type(end) is not int:
        return text, "near it"
    if end <= span.start:
        return text, "before it"
    if start >= span.end:
        return text, "after it"
    return text, "inside it"


def explain_wrong(wrong: WrongAttribution, who: str = "you") -> str:
    """Why a quote's speaker (or a claim's source) is wrong: who the key's
    is, the cue when the key records one, and what the student linked."""
    kind = wrong.gold.kind
    link = LINK_NAMES.get(kind, "link")
    what = "quote" if kind == QUOTE else "claim" if kind == CLAIM else wrong.gold.kind
    sentence = f"the {link} of this {what} is {wrong.gold_speaker.text}"
    cue = cue_of(wrong.gold)
    if cue is not None:
        sentence += f": the cue is '{cue[0]}' {cue[1]}"
    if wrong.student_speaker is None:
        return f"{sentence}; {who} linked no {link}"
    return f"{sentence}; {who} linked {wrong.student_speaker.text}"


def mistakes(grade: DocumentGrade, who: str = "you") -> list[Mistake]:
    """Every mistake of a document's grade, in reading order; ``who`` names
    the student in the explanations ("you" in feedback, a name for the teacher)."""
    out = [Mistake(MISSED, g, None, f"the key marks it {g.label}; {who} did not mark it") for g in grade.missed]
    out += [Mistake(EXTRA, None, s, f"{who} marked it {s.label}; the key does not mark it") for s in grade.extra]
    out += [Mistake(WRONG_LABEL, g, s, f"the key labels it {g.label}; {who} labelled it {s.label}")
            for g, s in grade.wrong_label]
    out += [Mistake(INEXACT, g, s, f"the key marks “{g.text}”, {who} marked “{s.text}”")
            for g, s in grade.inexact]
    out += [Mistake(WRONG_SPEAKER if w.gold.kind == QUOTE else WRONG_SOURCE, w.gold, w.student,
                    explain_wrong(w, who), w) for w in grade.wrong]
    out.sort(key=lambda m: (m.span.start, -m.span.end, MISTAKES.index(m.outcome)))
    return out


def counts_line(grade: DocumentGrade) -> str:
    """How many of each mistake: "missed 1 · extra 0 · ..." (the same words everywhere)."""
    found = {outcome: 0 for outcome in MISTAKES}
    for mistake in mistakes(grade):
        found[mistake.outcome] += 1
    return " · ".join(f"{outcome} {count}" for outcome, count in found.items())
