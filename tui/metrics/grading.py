"""Grading a student's annotations against an answer key (the gold annotator).

Per document and summed over the documents both annotated:

- spans, per kind and per label: strict and partial precision, recall and F1
  (see ``matching`` for how spans are paired: one to one, greedy by overlap);
- attribution: of the gold quotes and claims the student found (a partial
  match of the same kind, any label), how many the student linked to the
  right speaker or source. The student's speaker is right when it overlaps
  the gold speaker or any span joined to it by COREF links (either
  direction, transitively), or when its text equals the text of one of those
  spans once case and runs of whitespace are ignored. Gold quotes and claims
  without a speaker or source are not graded (counted as ``unattributed``);
  a found quote the student left without a speaker is wrong;
- lists: missed (gold spans with no partial match), extra (student spans
  with no partial match), wrong label (a missed gold span and an extra
  student span of the same kind at the same place: listed once as a wrong
  label, counted in the scores as the miss and the extra it is), inexact
  (partial but not strict matches), wrongly attributed (with both speakers'
  texts): ``wrong_speaker`` for quotes, ``wrong_source`` for claims.

Documents only the gold annotator has are listed (``not_annotated``) but not
graded: a student is graded on the documents they worked on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import AnnottyError
from ..model import ATTRIBUTION_FOR_KIND, CLAIM, COREF, KINDS, QUOTE, Annotations, Span
from .matching import Counts, match_intervals, pair_same_place, sum_counts
from .speakers import coref_clusters, normalise, speaker_is_right

ATTRIBUTED_KINDS = (QUOTE, CLAIM)


@dataclass(frozen=True)
class Attribution:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    def __add__(self, other: Attribution) -> Attribution:
        return Attribution(self.correct + other.correct, self.total + other.total)

    def to_dict(self) -> dict:
        return {"correct": self.correct, "total": self.total, "accuracy": self.accuracy}


@dataclass(frozen=True)
class WrongAttribution:
    """A gold quote or claim the student found but attributed wrongly (or not at all)."""

    gold: Span                   # the gold quote or claim
    student: Span                # the student's span matched with it
    gold_speaker: Span           # the gold speaker or source
    student_speaker: Span | None  # the student's, None when not linked

    @property
    def cue(self) -> str:
        """The words that attribute the gold quote or claim, when its answer
        key recorded them (``attrs["cue"]``, as the attribution engine and
        attribution corpora write it): the why of the right answer."""
        cue = self.gold.attrs.get("cue")
        return cue.get("text", "") if isinstance(cue, dict) and isinstance(cue.get("text"), str) else ""

    def to_dict(self) -> dict:
        found = {
            "kind": self.gold.kind,
            "span": span_dict(self.gold),
            "student_span": span_dict(self.student),
            "gold": self.gold_speaker.text,
            "student": self.student_speaker.text if self.student_speaker else None,
        }
        if self.cue:
            found["cue"] = self.cue
        return found


def span_dict(span: Span) -> dict:
    return {"id": span.id, "start": span.start, "end": span.end, "label": span.label,
            "kind": span.kind, "text": span.text}


@dataclass
class DocumentGrade:
    id: str
    #: (kind, label) -> counts
    counts: dict[tuple[str, str], Counts] = field(default_factory=dict)
    #: kind (quote, claim) -> attribution
    attribution: dict[str, Attribution] = field(default_factory=dict)
    missed: list[Span] = field(default_factory=list)
    extra: list[Span] = field(default_factory=list)
    inexact: list[tuple[Span, Span]] = field(default_factory=list)
    wrong: list[WrongAttribution] = field(default_factory=list)
    #: found gold quotes/claims with no gold speaker/source (not graded)
    unattributed: int = 0
    #: (gold span, student span): the same place and kind, another label
    wrong_label: list[tuple[Span, Span]] = field(default_factory=list)

    @classmethod
    def counts_only(cls, doc_id: str, counts: dict, attribution: dict, *, missed: list[Span],
                    wrong: list[WrongAttribution], unattributed: int,
                    wrong_label: list[tuple[Span, Span]]) -> DocumentGrade:
        """A grade without the student's extra and inexact spans (a gradebook
        only counts them): reading ``extra`` or ``inexact`` raises AttributeError."""
        grade = cls.__new__(cls)
        grade.id, grade.counts, grade.attribution = doc_id, counts, attribution
        grade.missed, grade.wrong, grade.unattributed = missed, wrong, unattributed
        grade.wrong_label = wrong_label
        return grade

    @property
    def wrong_speaker(self) -> list[WrongAttribution]:
        """Quotes found with the wrong speaker (or none)."""
        return [w for w in self.wrong if w.gold.kind == QUOTE]

    @property
    def wrong_source(self) -> list[WrongAttribution]:
        """Claims found with the wrong source (or none)."""
        return [w for w in self.wrong if w.gold.kind == CLAIM]

    def __getattr__(self, name: str):  # only reached for an attribute not set: those ``counts_only`` leaves out
        if name in ("extra", "inexact"):
            raise AttributeError(f"{name} not kept: this grade of {self.id} only counts the student's spans")
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def total(self) -> Counts:
        return sum_counts(self.counts.values())

    def attribution_total(self) -> Attribution:
        return sum(self.attribution.values(), Attribution())

    def to_dict(self) -> dict:
        total = self.total()
        return {
            "strict": total.strict_scores.to_dict(),
            "partial": total.partial_scores.to_dict(),
            "attribution": self.attribution_total().to_dict(),
            "missed": [span_dict(s) for s in self.missed],
            "extra": [span_dict(s) for s in self.extra],
            "inexact": [{"gold": span_dict(g), "student": span_dict(s)} for g, s in self.inexact],
            "wrong_label": [{"gold": span_dict(g), "student": span_dict(s)} for g, s in self.wrong_label],
            "wrong_speaker": [w.to_dict() for w in self.wrong_speaker],
            "wrong_source": [w.to_dict() for w in self.wrong_source],
            "wrong_attribution": [w.to_dict() for w in self.wrong],
        }


@dataclass
class Grade:
    documents: dict[str, DocumentGrade] = field(default_factory=dict)
    #: gold documents the student has no annotations on (not graded)
    not_annotated: list[str] = field(default_factory=list)

    # Sums of plain ints, one Counts per result: a class's gradebook adds up tens of thousands.
    def by_label(self) -> dict[tuple[str, str], Counts]:
        sums: dict[tuple[str, str], list[int]] = {}
        for doc in self.documents.values():
            for key, counts in doc.counts.items():
                row = sums.get(key)
                if row is None:
                    row = sums[key] = [0, 0, 0, 0]
                row[0] += counts.gold
                row[1] += counts.predicted
                row[2] += counts.strict
                row[3] += counts.partial
        return {key: Counts(*sums[key]) for key in sorted(sums, key=label_order)}

    def by_kind(self) -> dict[str, Counts]:
        by_label = self.by_label()
        out = {kind: Counts() for kind in KINDS}
        for kind in dict.fromkeys(kind for kind, _label in by_label):
            out[kind] = sum_counts(counts for (of_kind, _label), counts in by_label.items() if of_kind == kind)
        return out

    def total(self) -> Counts:
        return sum_counts(counts for doc in self.documents.values() for counts in doc.counts.values())

    def attribution(self) -> dict[str, Attribution]:
        sums = {kind: [0, 0] for kind in ATTRIBUTED_KINDS}
        for doc in self.documents.values():
            for kind, value in doc.attribution.items():
                row = sums[kind]
                row[0] += value.correct
                row[1] += value.total
        return {kind: Attribution(*row) for kind, row in sums.items()}

    def attribution_total(self) -> Attribution:
        return sum(self.attribution().values(), Attribution())

    def unattributed(self) -> int:
        return sum(doc.unattributed for doc in self.documents.values())

    def to_dict(self) -> dict:
        total = self.total()
        return {
            "strict": total.strict_scores.to_dict(),
            "partial": total.partial_scores.to_dict(),
            "by_kind": {kind: _counts_dict(c) for kind, c in self.by_kind().items()},
            "by_label": {label: {"kind": kind, **_counts_dict(c)} for (kind, label), c in self.by_label().items()},
            "attribution": {
                **self.attribution_total().to_dict(),
                "by_kind": {kind: a.to_dict() for kind, a in self.attribution().items()},
                "unattributed_gold": self.unattributed(),
            },
            "documents": {doc_id: doc.to_dict() for doc_id, doc in self.documents.items()},
            "not_annotated": list(self.not_annotated),
        }


def label_order(key: tuple[str, str]) -> tuple[int, str]:
    kind, label = key
    return (KINDS.index(kind) if kind in KINDS else len(KINDS), label)


def _counts_dict(counts: Counts) -> dict:
    return {"strict": counts.strict_scores.to_dict(), "partial": counts.partial_scores.to_dict()}


class Prepared:
    """One annotator's spans on one document, indexed for grading (built once
    per gold document when a whole class is graded)."""

    __slots__ = ("annotations", "intervals", "duplicates", "labels", "kind_labels", "attributed", "_clusters")

    def __init__(self, annotations: Annotations):
        self.annotations = annotations
        #: (kind, label) -> (start, end) -> the span there
        self.intervals: dict[tuple[str, str], dict[tuple[int, int], Span]] = {}
        #: (kind, label) -> further spans at an interval already taken (duplicates, rare)
        self.duplicates: dict[tuple[str, str], list[Span]] = {}
        for span in annotations.spans():  # reading order
            kind_label = (span.kind, span.label)
            table = self.intervals.get(kind_label)
            if table is None:
                table = self.intervals[kind_label] = {}
            interval = (span.start, span.end)
            if interval in table:
                self.duplicates.setdefault(kind_label, []).append(span)
            else:
                table[interval] = span
        #: (kind, label) -> how many spans
        self.labels: dict[tuple[str, str], int] = {
            label: len(table) + len(self.duplicates.get(label, ())) for label, table in self.intervals.items()
        }
        #: kind -> its labels
        self.kind_labels: dict[str, set[str]] = defaultdict(set)
        for kind, label in self.intervals:
            self.kind_labels[kind].add(label)
        #: quote or claim id -> its speaker or source (what ``Annotations.attribution`` gives)
        self.attributed: dict[str, Span] = {}
        for relation in sorted(annotations.relations(), key=lambda r: r.id):
            if relation.label == COREF or relation.head in self.attributed:
                continue
            head = annotations.get(relation.head)
            if head is not None and relation.label == ATTRIBUTION_FOR_KIND.get(head.kind):
                child = annotations.get(relation.child)
                if child is not None:
                    self.attributed[relation.head] = child
        self._clusters: dict[str, tuple[list[Span], set[str]]] | None = None

    def spans_of_kind(self, kind: str) -> list[Span]:
        return self.annotations.spans(kind)

    def cluster(self, span: Span) -> tuple[list[Span], set[str]]:
        """The spans joined to ``span`` by COREF links (itself included), and their normalised texts."""
        if self._clusters is None:
            self._clusters = coref_clusters(self.annotations)
        found = self._clusters.get(span.id)
        return found if found is not None else ([span], {normalise(span.text)})


def _intervals(spans: list[Span]) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in spans]


def _order(span: Span) -> tuple[int, int, str]:
    return (span.start, -span.end, span.label)


def grade_document(gold: Annotations | Prepared, student: Annotations | Prepared, doc_id: str = "") -> DocumentGrade:
    """Grade one document (see the module's notes)."""
    gold = gold if isinstance(gold, Prepared) else Prepared(gold)
    student = student if isinstance(student, Prepared) else Prepared(student)
    result = DocumentGrade(doc_id)
    pairs: list[tuple[Span, Span]] = []  # matched quotes and claims, for attribution
    empty: dict[tuple[int, int], Span] = {}
    for label in sorted(gold.labels.keys() | student.labels.keys()):
        g_table, s_table = gold.intervals.get(label, empty), student.intervals.get(label, empty)
        # Strict matches (the same interval) are the partial matching's first
        # choices (see ``matching``): set operations find them, and only
        # what is left needs the overlap matching.
        same = g_table.keys() & s_table.keys()
        strict = len(same)
        if label[0] in ATTRIBUTED_KINDS:
            pairs += [(g_table[interval], s_table[interval]) for interval in same]
        g_rest = [g_table[i] for i in g_table.keys() - same] + gold.duplicates.get(label, [])
        s_rest = [s_table[i] for i in s_table.keys() - same] + student.duplicates.get(label, [])
        inexact = 0
        if g_rest and s_rest:
            g_rest.sort(key=_order)
            s_rest.sort(key=_order)
            matched = match_intervals(_intervals(g_rest), _intervals(s_rest))
            for i, j in matched:
                g, s = g_rest[i], s_rest[j]
                if (g.start, g.end) == (s.start, s.end):
                    strict += 1  # duplicates on both sides
                else:
                    inexact += 1
                    result.inexact.append((g, s))
                if label[0] in ATTRIBUTED_KINDS:
                    pairs.append((g, s))
            matched_g = {i for i, _ in matched}
            matched_s = {j for _, j in matched}
            g_rest = [s for i, s in enumerate(g_rest) if i not in matched_g]
            s_rest = [s for j, s in enumerate(s_rest) if j not in matched_s]
        result.missed += g_rest
        result.extra += s_rest
        result.counts[label] = Counts(gold.labels.get(label, 0), student.labels.get(label, 0), strict, strict + inexact)
    _grade_attribution(gold, student, pairs, result)
    result.missed.sort(key=_order)
    result.extra.sort(key=_order)
    result.missed, result.extra, result.wrong_label = split_wrong_labels(result.missed, result.extra)
    result.inexact.sort(key=lambda pair: _order(pair[0]))
    return result


def place(span: Span) -> tuple[int, int, str]:
    """Where a span stands, for a wrong label: its start, end and kind."""
    return (span.start, span.end, span.kind)


def split_wrong_labels(missed: list[Span], extra: list[Span]):
    """The missed and extra spans (in reading order) without those paired as
    wrong labels, and those pairs (gold, student)."""
    pairs = pair_same_place(missed, extra, place)
    if not pairs:
        return missed, extra, []
    paired_gold, paired_student = {i for i, _ in pairs}, {j for _, j in pairs}
    return ([s for i, s in enumerate(missed) if i not in paired_gold],
            [s for j, s in enumerate(extra) if j not in paired_student],
            [(missed[i], extra[j]) for i, j in pairs])


def _grade_attribution(gold: Prepared, student: Prepared, label_pairs: list[tuple[Span, Span]],
                       result: DocumentGrade) -> None:
    """Attribution of the gold quotes and claims the student found: matched by
    kind, whatever their labels (the label matching serves when each side
    uses one and the same label for the kind)."""
    found: dict[str, list[tuple[Span, Span]]] = {kind: [] for kind in ATTRIBUTED_KINDS}
    by_kind = set()
    for kind in ATTRIBUTED_KINDS:
        if len(gold.kind_labels.get(kind, set()) | student.kind_labels.get(kind, set())) > 1:
            by_kind.add(kind)
            g_spans, s_spans = gold.spans_of_kind(kind), student.spans_of_kind(kind)
            found[kind] = [(g_spans[i], s_spans[j])
                           for i, j in match_intervals(_intervals(g_spans), _intervals(s_spans))]
    for pair in label_pairs:
        if pair[0].kind not in by_kind:
            found[pair[0].kind].append(pair)
    gold_attributed, student_attributed = gold.attributed, student.attributed
    for kind, kind_pairs in found.items():
        correct = total = 0
        for gold_span, student_span in kind_pairs:
            gold_speaker = gold_attributed.get(gold_span.id)
            if gold_speaker is None:
                result.unattributed += 1
                continue
            student_speaker = student_attributed.get(student_span.id)
            total += 1
            if speaker_is_right(student_speaker, gold.cluster(gold_speaker)):
                correct += 1
            else:
                result.wrong.append(WrongAttribution(gold_span, student_span, gold_speaker, student_speaker))
        result.attribution[kind] = Attribution(correct, total)
    if len(result.wrong) > 1:
        result.wrong.sort(key=lambda w: (ATTRIBUTED_KINDS.index(w.gold.kind), _order(w.gold)))


def grade(gold: Mapping[str, Annotations], student: Mapping[str, Annotations],
          _prepared: dict[str, Prepared] | None = None, require_common: bool = True) -> Grade:
    """Grade ``student`` against ``gold``, both {document id: Annotations},
    on the documents both have. Raises AnnottyError when they share none."""
    common = [doc_id for doc_id in sorted(gold) if doc_id in student]
    if not common and require_common:
        raise AnnottyError("the answer key and the student have no document in common")
    result = Grade(not_annotated=[doc_id for doc_id in sorted(gold) if doc_id not in student])
    for doc_id in common:
        g = _prepared[doc_id] if _prepared is not None else gold[doc_id]
        result.documents[doc_id] = grade_document(g, student[doc_id], doc_id)
    return result


__all__ = [
    "Attribution", "DocumentGrade", "Grade", "Prepared", "WrongAttribution", "grade", "grade_document", "normalise",
    "speaker_is_right",
]
