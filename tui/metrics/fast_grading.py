"""Grading a student's document straight from the records of their store file.

``grade_document`` needs ``Annotations``, and building them (a ``Span`` per
record, each checked against the text) costs more than reading the file. A
class of students mostly agrees with the key, so here each span record is
compared whole with the key's spans: its row (start, end, label, kind, text)
is looked up among the key's rows, and one set operation finds the strict
matches. A record equal to a key span needs no further check (the key's
spans were checked against this very text); only the rest (inexact, extra,
relabelled: a few per document) is checked one by one and matched by
overlap, as ``matching`` does.

``grade_records`` gives exactly what ``grade_document`` gives on the
annotations the store would load, or None when the records are not the plain
case it handles (anything malformed or flagged, two spans with the same label
at the same place, a kind with several labels...): the caller then takes the
store's loading and ``grade_document``, which also report what is wrong.
The records must come from a JSON decoding that refused floats (a float
equals an int: 5.0 would pass for a key span's 5), as ``store_grading`` does.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import itemgetter

from ..model import Span
from .grading import ATTRIBUTED_KINDS, Attribution, DocumentGrade, Prepared, WrongAttribution, normalise
from .matching import Counts, match_intervals, pair_same_place
from .raw_records import ROW, attributions, span_index, span_of, span_row

_KIND_LABEL = itemgetter(3, 2)  # of a row: its key in ``DocumentGrade.counts``
_FIRST = itemgetter(0)

#: Rows (a span record's values as a tuple): the key's are frozen, a student's not.
Rows = frozenset[tuple] | set[tuple]
_PLACE = itemgetter(0, 1, 3)  # of a row: where it stands, as ``grading.place``
# Counts and a document's attribution repeat the same few values across a
# class: each is made once and shared (a document gets its own dict).
_COUNTS: dict[tuple[int, int, int, int], Counts] = {}
_ATTRIBUTIONS: dict[tuple[int, ...], dict[str, Attribution]] = {}


def _counts(gold: int, predicted: int, strict: int, partial: int) -> Counts:
    value = (gold, predicted, strict, partial)
    counts = _COUNTS.get(value)
    if counts is None:
        counts = _COUNTS[value] = Counts(*value)
    return counts


def _row_order(row: tuple) -> tuple:
    """The order ``grade_document`` leaves its lists in: position, label, kind."""
    return (row[0], -row[1], row[2], row[3])


class GoldKey:
    """The key's spans on one document (whose text is ``text``), indexed by their rows."""

    def __init__(self, prepared: Prepared, text: str):
        self.text = text
        spans = prepared.annotations.spans()
        #: row -> the key's span
        self.spans: dict[tuple, Span] = {span_row(span): span for span in spans}
        self.rows = frozenset(self.spans)
        self.order = {row: _row_order(row) for row in self.spans}
        # Labels by number, so that a document's rest is counted by label
        # with list.count rather than a dict update per row; labels only
        # students use are numbered after the key's as they come.
        self.labels: list[tuple[str, str]] = sorted(prepared.labels)  # (kind, label)
        self.label_number = {label: number for number, label in enumerate(self.labels)}
        self.gold_counts = [prepared.labels[label] for label in self.labels]
        self.row_label = {row: self.label_number[_KIND_LABEL(row)] for row in self.spans}
        #: (kind, label) -> the counts of a student with exactly the key's spans of that label
        self.perfect_counts = {label: _counts(n, n, n, n)
                               for label, n in zip(self.labels, self.gold_counts, strict=True)}
        #: by label number: its rows by start, their starts, the longest one's length (for ``describe``)
        self.by_start: list[tuple[list, list, int] | None] = []
        for label in self.labels:
            rows = sorted(row for row in self.spans if _KIND_LABEL(row) == label)
            self.by_start.append((rows, [row[0] for row in rows], max(row[1] - row[0] for row in rows)))
        self.kind_labels = {kind: frozenset(prepared.kind_labels.get(kind, ())) for kind in ATTRIBUTED_KINDS}
        #: by label number: for a student's label of a quote or claim kind the key has no label
        #: of, that kind (the student's spans of that kind must then all have one label)
        self.lonely: list[str | None] = [None] * len(self.labels)
        self.any_lonely = False
        # Left to ``grade_document``: two key spans with the same label at the
        # same place, or a kind with several labels (attribution then matches
        # quotes or claims across labels).
        self.usable = (not prepared.duplicates and len(self.spans) == len(spans)
                       and all(len(labels) <= 1 for labels in self.kind_labels.values()))
        # The key's quotes and claims, by row: their kind's place in
        # ATTRIBUTED_KINDS; and of those linked to a speaker or source: that
        # span, the spans of its COREF cluster as (start, end), and their
        # normalised texts (what ``speaker_is_right`` compares with).
        self.kind_number: dict[tuple, int] = {}
        self.linked: dict[tuple, tuple] = {}
        for span in spans:
            if span.kind in ATTRIBUTED_KINDS:
                row = span_row(span)
                self.kind_number[row] = ATTRIBUTED_KINDS.index(span.kind)
                speaker = prepared.attributed.get(span.id)
                if speaker is not None:
                    members, texts = prepared.cluster(speaker)
                    self.linked[row] = (speaker, [(s.start, s.end) for s in members], texts)
        #: per kind (as in ATTRIBUTED_KINDS): the key's quotes or claims linked
        self.linked_by_kind = [frozenset(row for row in self.linked if self.kind_number[row] == number)
                               for number in range(len(ATTRIBUTED_KINDS))]
        self.unlinked = frozenset(self.kind_number.keys() - self.linked.keys())
        # JSON's true and false equal 1 and 0: where the key has such an
        # offset, the records get a type check, or a true would pass for a 1.
        self.small_offsets = any(span.start <= 1 or span.end <= 1 for span in spans)

    def describe(self, row: tuple) -> tuple | None:
        """Of a student's row not among the key's: None when it cannot be
        graded here (not sound, or a second label for a quote or claim),
        else (the number of its label, the key's rows it overlaps with that
        label, and its kind when the key has no label of that kind: then the
        student's other rows of the kind must have the same label)."""
        start, end, label, kind, span_text = row
        text = self.text
        if not (type(start) is type(end) is int and type(label) is type(kind) is type(span_text) is str
                and 0 <= start < end <= len(text) and text[start:end] == span_text):  # as ``row_fits``
            return None
        number = self.label_number.get((kind, label))
        if number is None:  # a label the key does not use
            labels = self.kind_labels.get(kind)
            if labels:
                return None
            number = self.label_number[(kind, label)] = len(self.labels)
            self.labels.append((kind, label))
            self.gold_counts.append(0)
            self.by_start.append(None)
            self.lonely.append(kind if labels is not None else None)
            self.any_lonely = self.any_lonely or labels is not None
        found = self.by_start[number]
        if found is None:
            return number, [], self.lonely[number]
        rows, starts, longest = found
        if len(rows) > 16:  # else a plain scan costs less than the bisection
            rows = rows[bisect_right(starts, start - longest):bisect_left(starts, end)]
        return number, [g for g in rows if g[0] < end and start < g[1]], self.lonely[number]


def grade_records(key: GoldKey, spans: dict, relations: dict, doc_id: str = "",
                  lists: bool = True) -> DocumentGrade | None:
    """``grade_document`` of the key against a student's records on the
    key's text (``spans`` and ``relations``: id -> record, as stored), or
    None when they are not the plain case (see the module's notes). Without
    ``lists``, the grade does not list the student's extra and inexact spans
    (``DocumentGrade.counts_only``)."""
    if not key.usable:
        return None
    index = span_index(spans)  # row -> span id
    if index is None:
        return None
    if key.small_offsets and not all(type(row[0]) is type(row[1]) is int for row in index):
        return None
    attributed = attributions(spans, relations)
    if attributed is None:
        return None
    # One symmetric difference compares each row once (set operations reuse
    # the hashes the dict and the key's set hold); the rest is small.
    rest = set(index)
    rest ^= key.rows
    missing = key.rows.intersection(rest) if rest else rest
    partial: list[tuple[tuple, str]] = []  # the key's quotes and claims matched inexactly: (key row, student's id)
    if rest:
        graded = _match_rest(key, spans, index, missing, rest - missing, partial, lists=lists)
        if graded is None:
            return None
        counts, missed, added, inexact, wrong_label = graded
    else:
        counts, missed, added, inexact, wrong_label = dict(key.perfect_counts), [], [], [], []
    wrong: list[WrongAttribution] = []
    attribution, unattributed = _grade_attribution(key, spans, index, attributed, missing, partial=partial, wrong=wrong)
    if not lists:
        return DocumentGrade.counts_only(doc_id, counts, attribution, missed=missed, wrong=wrong,
                                         unattributed=unattributed, wrong_label=wrong_label)
    return DocumentGrade(doc_id, counts, attribution, missed, added, inexact, wrong, unattributed, wrong_label)


def _match_rest(key: GoldKey, spans: dict, index: dict, missing: Rows, extra_rows: Rows, partial: list, *,
                lists: bool):
    """Counts per label, and the overlap matching of what is not a strict
    match: the missed, the extra and the inexact (the key's span, the
    student's; with ``lists`` only, as the extra), and the wrong labels, in
    ``grade_document``'s order; None when an extra row cannot be graded here."""
    extra = list(extra_rows)
    described = [description for description in map(key.describe, extra) if description is not None]
    if len(described) < len(extra):
        return None
    if key.any_lonely:
        seen: dict[str, int] = {}  # kind -> the number of the label the student gives it
        for number, _overlapping, kind in described:
            if kind is not None and seen.setdefault(kind, number) != number:
                return None  # a kind with two labels: attribution then matches across labels
    pairs = [(gold_row, row) for row, (_n, overlapping, _k) in zip(extra, described, strict=True)
             for gold_row in overlapping if gold_row in missing]
    matched = dict(pairs)  # key row -> student row
    if len(pairs) > 1 and not len(matched) == len(pairs) == len({row for _, row in pairs}):
        matched = _greedy(missing, extra)  # a span overlaps two: ``match_intervals`` label by label
    # Else every overlapping pair is a match, as ``overlap_matching`` finds when no span overlaps two.

    missed_labels = list(map(key.row_label.__getitem__, missing))
    extra_labels = list(map(_FIRST, described))
    matched_labels = list(map(key.row_label.__getitem__, matched))
    perfect, changed = key.perfect_counts, {}
    for number in set(missed_labels).union(extra_labels):
        gold = key.gold_counts[number]
        strict = gold - missed_labels.count(number)
        changed[key.labels[number]] = _counts(gold, strict + extra_labels.count(number), strict,
                                              strict + matched_labels.count(number))
    if changed.keys() <= perfect.keys():
        counts = {**perfect, **changed}
    else:
        counts = {label: changed.get(label) or perfect[label] for label in sorted(perfect.keys() | changed.keys())}

    key_spans = key.spans
    inexact, added = [], []
    if matched:
        partial += [(gold_row, index[row]) for gold_row, row in matched.items() if gold_row in key.kind_number]
        missing = missing.difference(matched)
    missed_rows = sorted(missing, key=key.order.__getitem__)
    unmatched = set(extra).difference(matched.values())
    wrong_label = []
    if missed_rows and unmatched and not {_PLACE(row) for row in unmatched}.isdisjoint(map(_PLACE, missed_rows)):
        # A key span and a student's at the same place: a wrong label (rare, so only then sorted).
        ordered = sorted(unmatched, key=_row_order)
        relabelled = pair_same_place(missed_rows, ordered, _PLACE)
        wrong_label = [(key_spans[missed_rows[i]], span_of(spans[index[ordered[j]]])) for i, j in relabelled]
        paired_gold = {i for i, _ in relabelled}
        missed_rows = [row for i, row in enumerate(missed_rows) if i not in paired_gold]
        unmatched.difference_update(ordered[j] for _, j in relabelled)
    missed = list(map(key_spans.__getitem__, missed_rows))
    if lists:
        inexact = [(key_spans[gold_row], span_of(spans[index[matched[gold_row]]]))
                   for gold_row in sorted(matched, key=key.order.__getitem__)]
        added = [span_of(spans[index[row]]) for row in sorted(unmatched, key=_row_order)]
    return counts, missed, added, inexact, wrong_label


def _greedy(missing: Rows, extra: list) -> dict[tuple, tuple]:
    """``match_intervals`` of each label's rows: key row -> student row."""
    groups: dict[tuple, tuple[list, list]] = {}
    for side, rows in ((0, missing), (1, extra)):
        for row in rows:
            groups.setdefault(_KIND_LABEL(row), ([], []))[side].append(row)
    matched: dict[tuple, tuple] = {}
    for g_rows, s_rows in groups.values():
        if g_rows and s_rows:
            pairs = match_intervals([row[:2] for row in g_rows], [row[:2] for row in s_rows])
            matched.update((g_rows[i], s_rows[j]) for i, j in pairs)
    return matched


def _speaker_is_right(child: dict, speaker: tuple) -> bool:
    """``grading.speaker_is_right`` for a student's speaker or source given
    as its record, and the key's as in ``GoldKey.linked``: overlapping the
    key's span or a COREF of it, or the same text."""
    start, end = child["start"], child["end"]
    for other_start, other_end in speaker[1]:
        if other_start < end and start < other_end:
            return True
    return normalise(child["text"]) in speaker[2]


def _grade_attribution(key: GoldKey, spans: dict, index: dict, attributed: dict[str, dict], missing: Rows, *,
                       partial: list[tuple[tuple, str]], wrong: list[WrongAttribution]):
    """Attribution per kind of the key's quotes and claims the student found
    (strictly: all but ``missing``; inexactly: ``partial``), and how many of
    them have no speaker or source in the key."""
    linked, kind_number = key.linked, key.kind_number
    graded = [len(rows.difference(missing)) for rows in key.linked_by_kind]
    unattributed = len(key.unlinked.difference(missing))
    # Strict matches: only the quotes and claims the student linked can be right.
    right = [0] * len(ATTRIBUTED_KINDS)
    right_rows = set()
    for head, child in attributed.items():
        row = ROW(spans[head])
        speaker = linked.get(row)
        if speaker is not None and _speaker_is_right(child, speaker):
            right[kind_number[row]] += 1
            right_rows.add(row)
    if len(right_rows) != sum(graded):
        for row in linked.keys() - right_rows - missing:
            student_id = index[row]
            given = attributed.get(student_id)
            wrong.append(WrongAttribution(key.spans[row], span_of(spans[student_id]), linked[row][0],
                                          None if given is None else span_of(given)))
    for gold_row, student_id in partial:
        speaker = linked.get(gold_row)
        if speaker is None:
            unattributed += 1
            continue
        graded[kind_number[gold_row]] += 1
        given = attributed.get(student_id)
        if given is not None and _speaker_is_right(given, speaker):
            right[kind_number[gold_row]] += 1
        else:
            wrong.append(WrongAttribution(key.spans[gold_row], span_of(spans[student_id]), speaker[0],
                                          None if given is None else span_of(given)))
    if len(wrong) > 1:
        wrong.sort(key=lambda w: (ATTRIBUTED_KINDS.index(w.gold.kind), _row_order(span_row(w.gold))))
    value = (*right, *graded)
    attribution = _ATTRIBUTIONS.get(value)
    if attribution is None:
        attribution = _ATTRIBUTIONS[value] = {kind: Attribution(right[number], graded[number])
                                              for number, kind in enumerate(ATTRIBUTED_KINDS)}
    return dict(attribution), unattributed
