"""The built-in suggester: pre-annotation by rules, no model needed.

``suggest(text, annotations)`` proposes spans for a person to accept or
reject; nothing here changes annotations. The rules, English and Spanish:

* **Direct quotes**: words inside quotation marks (“ ” « » „ “ ‘ ’ ‹ › 「 」
  "straight"), marks left out, ``attrs.type = "direct"``. A quotation left
  open at the end of a paragraph goes on in the next one when that paragraph
  opens with a quotation mark again (news style); in texts with one sentence
  per line (no blank lines) it goes on until its closing mark, a few lines
  on at most. A quotation still open ends with its paragraph, with a lower
  score. **Scare quotes** — one or two words, e.g. “caliphate” — are not
  suggested at all (in news they are mostly irony or names, rarely speech);
  three or four words get a lower score.
* **Speakers**: the nearest PERSON or ORG (tagged by the user, else a
  capitalised name found here) tied to the quotation by a speech cue
  ("said", "told", "according to", "dijo", "afirmó", "según", ...) on either
  side, in the same sentence or the sentence before that ends with a colon:
  "X said", "said X", "X, the minister, said", "according to X". A pronoun
  ("he said", "ella dijo") and a cue with no subject ("”, dijo.", Spanish
  drops the pronoun) resolve to the nearest PERSON before the quotation,
  outside quotations.
* **Dates**: month names, weekdays, ISO dates, "June 2014", "24 de mayo",
  "en 1994", each checked by python-dateutil (``fuzzy=False``); those with a
  year carry ``attrs.value`` ("2014-06").
* **Claims**: a sentence holding a percentage or a number with a quantity
  word ("37,000 people", "diez millones de dólares") is a CLAIM candidate;
  its source, when a cue names one, is given as ``speaker``.
* **Entities**: sequences of capitalised words (joined by "de", "of",
  "for"...). PERSON after a title (Mr., Gen., President) or a role word
  ("el entrenador X"), and a lone word that is part of a person's name
  found elsewhere in the text (a surname); ORG for acronyms and names with
  words such as Forces, Council, Ministry, Partido; LOC for a short list
  of countries and cities, place words (River, Estadio) and datelines
  ("BEIRUT -", "Madrid, 24 may"), and for a lone word after in/near/of/en;
  MISC for nationalities (Syrian, Kurdish) and events (Cup, Liga). The rest:
  two words or more are a PERSON, a lone word is MISC with a low score.
  A word capitalised only because it starts a sentence or a quotation
  needs other evidence (it is capitalised elsewhere, or is a known place),
  and words in an all-capitals or Title Case headline line are suggested
  only when found elsewhere in the text.
* **Further mentions** of a name the user has tagged in this document
  ("another mention of X"), whole words only.

Nothing already annotated is suggested again: an entity suggestion over an
entity the user tagged (with any label) is dropped, and so is a quote or a
claim over one of the same label.
"""

from __future__ import annotations

from dataclasses import replace
from collections.abc import Iterable

from ..model import ENTITY
from .suggestion import Suggestion
from .context import _Intervals, _existing_spans, _label_map, _user_mentions
from .dates import _dates
from .document import DEFAULT_LABELS, _Doc
from .names import _NameFinder
from .quotes import _claims, _quotes
from ..attribution.engine import Engine



def suggest(
    text: str,
    annotations=None,
    labels=DEFAULT_LABELS,
    *,
    entities: list[Suggestion] | None = None,
) -> list[Suggestion]:
    """Suggestions for ``text``, in reading order.

    ``annotations``: the user's annotations on this text (an ``Annotations``
    or spans), used for speakers, further mentions and to leave out what is
    done. ``labels``: the label names that may be suggested, or a ``Schema``
    (its quote and claim labels stand in for QUOTE and CLAIM when those
    names are missing). ``entities``: entity suggestions from elsewhere (a
    spaCy model) that replace the capitalised-name rule.
    """
    if not text or not text.strip():
        return []
    existing = _existing_spans(annotations)
    label_map, allowed = _label_map(labels)
    doc = _Doc(text)

    found: list[Suggestion] = []
    mentions = _user_mentions(doc, existing)
    names = list(entities) if entities is not None else _NameFinder(doc, existing).find()
    found.extend(mentions)
    found.extend(names)
    dates = _dates(doc)
    found.extend(dates)

    known = names + mentions + [s for s in existing if s.kind == ENTITY]
    engine = Engine(text, known, doc)
    found.extend(_quotes(doc, engine))
    found.extend(_claims(doc, engine))
    return _finish(text, found, existing, label_map, allowed)


# ---------------------------------------------------------------------------
# Putting it together


def _finish(text: str, found: list[Suggestion], existing: list, label_map: dict[str, str],
            allowed: set[str]) -> list[Suggestion]:
    existing_keys = {(s.start, s.end, s.label) for s in existing}
    taken_entities = _Intervals((s.start, s.end) for s in existing if s.kind == ENTITY)
    taken_by_label = {
        label: _Intervals((s.start, s.end) for s in existing if s.kind != ENTITY and s.label == label)
        for label in {s.label for s in existing}
    }
    nothing = _Intervals(())
    best: dict[tuple[int, int, str], Suggestion] = {}
    from_user = _Intervals((s.start, s.end) for s in found if s.reason.startswith("another mention of "))
    for candidate in found:
        from_mention = candidate.reason.startswith("another mention of ")
        label = candidate.label if from_mention else label_map.get(candidate.label)
        if label is None or label not in allowed:
            continue
        if not (0 <= candidate.start < candidate.end <= len(text)):
            continue
        if text[candidate.start:candidate.end] != candidate.text:
            continue
        suggestion = _replace_label(candidate, label) if label != candidate.label else candidate
        if suggestion.key in existing_keys:
            continue
        if suggestion.kind == ENTITY:
            if not from_mention and taken_entities.overlaps(suggestion.start, suggestion.end):
                continue
            if not from_mention and from_user.overlaps(suggestion.start, suggestion.end):
                continue
        elif taken_by_label.get(suggestion.label, nothing).overlaps(suggestion.start, suggestion.end):
            continue
        kept = best.get(suggestion.key)
        if kept is None or suggestion.score > kept.score:
            best[suggestion.key] = suggestion
    # One label per entity span: the better-scored one.
    by_offsets: dict[tuple[int, int], Suggestion] = {}
    others = []
    for suggestion in best.values():
        if suggestion.kind != ENTITY:
            others.append(suggestion)
            continue
        kept = by_offsets.get((suggestion.start, suggestion.end))
        if kept is None or (suggestion.score, suggestion.label) > (kept.score, kept.label):
            by_offsets[(suggestion.start, suggestion.end)] = suggestion
    result = list(by_offsets.values()) + others
    result.sort(key=lambda s: (s.start, -s.end, s.label, s.kind))
    return result


def _replace_label(suggestion: Suggestion, label: str) -> Suggestion:
    return replace(suggestion, label=label)


def iter_labels(suggestions: Iterable[Suggestion]) -> dict[str, int]:
    """How many suggestions per label, labels sorted."""
    counts: dict[str, int] = {}
    for suggestion in suggestions:
        counts[suggestion.label] = counts.get(suggestion.label, 0) + 1
    return dict(sorted(counts.items()))
