"""What the annotators tagged, as training documents: entities, long spans
(quotes, claims) and the speaker/source links between them.

A document annotated by several of the chosen annotators is taken from the
first of them (in the order given) that has annotations on it. Held-out
documents are chosen by a hash of their id, so the same store always splits
the same way, whatever order its files are read in.
"""

from __future__ import annotations

import fnmatch
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import AnnottyError
from ..attribution.cue import CueError, read_cue
from ..model import ATTRIBUTION_FOR_KIND, CLAIM, ENTITY, QUOTE
from .cues import cue_beside

#: Below these, a model learns nothing worth reviewing: ``annotty train`` says how many more are needed.
MIN_DOCUMENTS = 10
MIN_EXAMPLES = 20
#: Links needed before the speaker ranker is trained (else the rules choose speakers).
MIN_LINKS = 20
HELD_OUT_SHARE = 0.2

LONG_KINDS = (QUOTE, CLAIM)


@dataclass(frozen=True)
class Link:
    """A quote (or claim) and its speaker (or source), as character offsets."""

    head: tuple[int, int]
    child: tuple[int, int]
    label: str  # SPEAKER or SOURCE


@dataclass
class TrainingDoc:
    id: str
    text: str
    annotator: str
    entities: list[tuple[int, int, str]] = field(default_factory=list)
    #: Quotes and claims: (start, end, label).
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    #: Quotes and claims with their cue, as the annotator recorded it (``attrs.cue``) or, for a linked one
    #: that records none, the word joining it to its speaker: ((start, end, label), (cue start, cue end)).
    cues: list[tuple[tuple[int, int, str], tuple[int, int]]] = field(default_factory=list)


@dataclass
class Gathered:
    docs: list[TrainingDoc]
    annotators: list[str]
    store: str
    #: label -> how many spans of it, over all documents.
    counts: Counter = field(default_factory=Counter)
    #: label -> entity or a long kind (quote, claim).
    kinds: dict[str, str] = field(default_factory=dict)

    @property
    def links(self) -> int:
        return sum(len(doc.links) for doc in self.docs)


def gather(store_root: str | Path, annotators: list[str] | None = None, patterns: list[str] | None = None,
           labels: list[str] | None = None) -> Gathered:
    """The annotated documents of ``annotators`` (default: everyone in the
    store) whose id matches one of ``patterns`` (shell patterns, default:
    all), keeping the spans of ``labels`` (default: all)."""
    from ..metrics.collect import collect, open_store

    store = open_store(store_root)
    names = list(annotators) if annotators else store.annotators()
    if not names:
        raise AnnottyError("no annotator has annotations in this store", store.root)
    collected = collect(store, names)
    wanted = set(labels) if labels else None
    gathered = Gathered([], names, str(store.root))
    seen: set[str] = set()
    for name in names:
        for doc_id, tagged in sorted(collected.annotations[name].items()):
            if doc_id in seen or not len(tagged):
                continue
            if patterns and not any(fnmatch.fnmatchcase(doc_id, p) for p in patterns):
                continue
            seen.add(doc_id)
            doc = TrainingDoc(doc_id, collected.texts[doc_id], name)
            for span in tagged.spans():
                if wanted is not None and span.label not in wanted:
                    continue
                if span.kind == ENTITY:
                    doc.entities.append((span.start, span.end, span.label))
                elif span.kind in LONG_KINDS:
                    doc.spans.append((span.start, span.end, span.label))
                    speaker = tagged.attribution(span.id)
                    cue = _cue_of(span.attrs, doc.text)
                    if cue is None and speaker is not None:
                        cue = cue_beside(doc.text, (span.start, span.end), (speaker.start, speaker.end))
                    if cue is not None:
                        doc.cues.append(((span.start, span.end, span.label), cue))
                    if speaker is not None:
                        doc.links.append(Link((span.start, span.end), (speaker.start, speaker.end),
                                              ATTRIBUTION_FOR_KIND[span.kind]))
                else:
                    continue
                gathered.counts[span.label] += 1
                gathered.kinds.setdefault(span.label, span.kind)
            if doc.entities or doc.spans:
                gathered.docs.append(doc)
    return gathered


def _cue_of(attrs: dict, text: str) -> tuple[int, int] | None:
    """The recorded cue's offsets, if it is sound (it still covers its text)."""
    try:
        cue = read_cue(attrs, text)
    except CueError:
        return None
    return None if cue is None else (cue.start, cue.end)


def labels_to_train(gathered: Gathered, requested: list[str] | None = None,
                    min_documents: int = MIN_DOCUMENTS, min_examples: int = MIN_EXAMPLES) -> list[str]:
    """The labels with enough examples to learn (all of ``requested`` must
    have); AnnottyError saying how many more are needed when there is not
    enough to train anything worth having."""
    wanted = list(requested) if requested else sorted(gathered.counts)
    short = {label: gathered.counts.get(label, 0) for label in wanted
             if gathered.counts.get(label, 0) < min_examples}
    enough = [label for label in wanted if label not in short]
    needs = []
    if len(gathered.docs) < min_documents:
        needs.append(f"{min_documents - len(gathered.docs)} more annotated document(s) "
                     f"(have {len(gathered.docs)} of {min_documents})")
    if short and (needs or requested or not enough):
        needs.extend(f"{label} {min_examples - count} more ({count} of {min_examples})"
                     for label, count in sorted(short.items()))
    if needs:
        raise AnnottyError("too few annotations to train a model: needs " + "; ".join(needs), gathered.store)
    return enough


def split(docs: list[TrainingDoc], share: float = HELD_OUT_SHARE) -> tuple[list[TrainingDoc], list[TrainingDoc]]:
    """(training, held out): the ``share`` of documents with the lowest
    hash of their id held out, at least one each side."""
    ordered = sorted(docs, key=lambda d: hashlib.sha1(d.id.encode("utf-8")).hexdigest())
    held = min(max(1, round(len(docs) * share)), max(len(docs) - 1, 0))
    held_ids = {d.id for d in ordered[:held]}
    return [d for d in docs if d.id not in held_ids], [d for d in docs if d.id in held_ids]


#: Languages a blank pipeline is guessed for, by their stop words.
_GUESSED = ("en", "es", "fr", "de", "it", "pt", "nl")


def guess_language(texts: list[str]) -> str:
    """The language (spaCy code) whose stop words cover most words of ``texts`` (English if unsure)."""
    import importlib
    import re

    words = Counter(w.lower() for text in texts[:50] for w in re.findall(r"\w+", text[:5000]))
    best, best_cover = "en", 0
    for code in _GUESSED:
        stop_words = importlib.import_module(f"spacy.lang.{code}.stop_words").STOP_WORDS
        # Among the commonest words only: a long stop list must not win by length.
        cover = sum(n for w, n in words.most_common(100) if w in stop_words)
        if cover > best_cover:
            best, best_cover = code, cover
    return best
