"""A model ``annotty train`` wrote, as a suggester: the same ``Suggestion``
objects as the rules, so ``G`` and review work unchanged.

The model proposes the labels it was trained on (entities; quotes and
claims with their speaker or source, chosen by the learned speaker model
when there is one, else by the rules' attribution engine). The rules fill
the rest: dates, and any label the model was not trained on; they use the
model's entities as the names they attribute quotes to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..attribution.cue import attribution_attrs
from ..errors import AnnottyError
from ..metrics.matching import overlaps
from ..model import ENTITY, default_attrs
from ..suggest.chunks import MAX_SUGGESTIONS, chunk_bounds, suggest_in_chunks
from ..suggest.context import _existing_spans, _label_map
from ..suggest.document import DEFAULT_LABELS
from ..suggest.spacy_suggester import LABELS as ANNOTTY_LABELS
from ..suggest.suggestion import Suggestion
from .choice import BOTH, MODEL, RULES
from .model_folder import read_meta
from .pipeline import entity_spans, finder_name, long_spans, require_spacy

ENTITY_SCORE = 0.7
SPAN_SCORE = 0.6


class LearnedSuggester:
    """A trained model loaded once, then asked about any number of texts."""

    def __init__(self, folder: str | Path):
        folder = Path(folder)
        self.meta = read_meta(folder)
        spacy = require_spacy()
        try:
            self.nlp = spacy.load(folder)
        except Exception as error:  # a damaged or incompatible folder
            raise AnnottyError(f"cannot load the model ({str(error).splitlines()[0]})", folder) from None
        from .attribution import SpeakerModel

        self.speakers = SpeakerModel.load(folder)
        from .cues import CueModel

        self.cues = CueModel.load(folder)
        self.entity_labels = list(self.meta["labels"]["entities"])
        self.long_labels = list(self.meta["labels"]["spans"])
        self.kinds = dict(self.meta.get("kinds") or {})
        # Label by label, the model, the rules or both: whichever was best on the held-out documents
        # (a model trained before that choice was made: its labels from the model).
        sources = self.meta.get("sources") or {}
        self.use = {label: (sources.get(label) or {}).get("use", BOTH if label in self.long_labels else MODEL)
                    for label in self.entity_labels + self.long_labels}
        # What the rules suggest alone is not worth the model's time (a span finder after too few passes).
        for label in self.long_labels:
            if self.use[label] == RULES and finder_name(label) in self.nlp.pipe_names:
                self.nlp.disable_pipe(finder_name(label))
        if self.entity_labels and all(self.use[label] == RULES for label in self.entity_labels) \
                and "ner" in self.nlp.pipe_names:
            self.nlp.disable_pipe("ner")
        self.name = folder.name

    @property
    def labels(self) -> list[str]:
        return self.entity_labels + self.long_labels

    def predict(self, text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
        """(entities, quotes and claims) the model finds in ``text``, a piece at a time."""
        entities: list[tuple[int, int, str]] = []
        spans: list[tuple[int, int, str]] = []
        bounds = chunk_bounds(text)
        for (start, _end), doc in zip(bounds, self.nlp.pipe(text[s:e] for s, e in bounds), strict=True):
            entities.extend((s + start, e + start, label) for s, e, label in entity_spans(doc))
            for label in self.long_labels:
                spans.extend((s + start, e + start, lab) for s, e, lab in long_spans(doc, label))
        return entities, spans

    def suggest(self, text: str, annotations=None, labels=DEFAULT_LABELS, *, start_at: int = 0,
                limit: int | None = MAX_SUGGESTIONS, should_stop: Callable[[], bool] | None = None) -> list[Suggestion]:
        """Suggestions for ``text``: the model's labels from the model, the rest from the rules."""
        if not text.strip():
            return []
        _mapping, allowed = _label_map(labels)
        entities, spans = self.predict(text)
        entities = [s for s in entities if self.use.get(s[2]) != RULES]
        spans = [s for s in spans if self.use.get(s[2]) != RULES]
        reason = f"learned ({self.name})"
        learned = [Suggestion(s, e, self._label(label, allowed), ENTITY, text[s:e], {}, reason, ENTITY_SCORE)
                   for s, e, label in entities]
        # The rules attribute their quotes to the names they find themselves: given the model's entities
        # instead, they named the right speaker less often (PolNeAR dev: 0.76 against 0.89).
        ruled = suggest_in_chunks(text, annotations, labels, start_at=start_at, limit=limit, should_stop=should_stop)
        use = {self._label(label, allowed): how for label, how in self.use.items()}
        long_covered = {self._label(label, allowed) for label in self.long_labels}
        kept = [s for s in ruled if s.label not in long_covered and self._rules_keep(s, use.get(s.label), learned)]
        existing = _existing_spans(annotations)
        mentions = [(s.start, s.end, s.label) for s in learned] + [
            (s.start, s.end, s.label) for s in existing if s.kind == ENTITY]
        if spans or self.cues is not None or any(s.label in long_covered for s in ruled):
            from .attribution import PairFeatures

            features = PairFeatures(text, mentions)
            ruled_long = [s for s in ruled if s.label in long_covered and use[s.label] != MODEL]
            # Both: the rules' quotes (or claims), standing on their marks and cues, and the model's where
            # the rules have none; the model names a speaker the rules' lack.
            long_learned = [o for o in self._long(text, spans, features, allowed, reason)
                            if not any(o.label == s.label and overlaps(o.start, o.end, s.start, s.end)
                                       for s in ruled_long)]
            learned.extend(long_learned)
            kept.extend(self._rechosen(s, features) for s in ruled_long)
            if self.cues is not None:
                taken = [(s.start, s.end) for s in learned + kept if s.kind != ENTITY]
                learned.extend(self._cued(self.cues, text, features, taken, allowed))
        from ..suggest.builtin import _finish

        learned = _finish(text, learned, existing, {label: label for label in allowed}, allowed)
        found = learned + kept
        found.sort(key=lambda s: (s.start, -s.end, s.label, s.kind))
        return found if limit is None else found[:limit]

    @staticmethod
    def _rules_keep(suggestion: Suggestion, use: str | None, learned: list[Suggestion]) -> bool:
        """Whether a rules' suggestion stays beside the model's, by where its label comes from."""
        if use is None or use == RULES or suggestion.reason.startswith("another mention of "):
            return True
        if use == MODEL:
            return False
        return not any(overlaps(o.start, o.end, suggestion.start, suggestion.end) for o in learned)

    def _label(self, label: str, allowed: set[str]) -> str:
        """The model's label, or annotty's name for it when only that is in the schema (PER: PERSON)."""
        if label in allowed:
            return label
        return ANNOTTY_LABELS.get(label, label)

    def _long(self, text: str, spans, features, allowed: set[str], reason: str) -> list[Suggestion]:
        found = []
        for start, end, label in spans:
            kind = self.kinds.get(label, "quote")
            speaker, why = None, reason
            if self.speakers is not None:
                best = self.speakers.speaker(features, start, end)
                if best is not None:
                    speaker = (best[0][0], best[0][1])
                    why = f"{reason}; speaker scored {best[1]:.2f}"
            else:
                chosen = features.engine.attribute(start, end).speaker
                if chosen is not None:
                    speaker, why = (chosen.start, chosen.end), f"{reason}; speaker by the rules"
            found.append(Suggestion(start, end, self._label(label, allowed), kind, text[start:end],
                                    default_attrs(text, start, end, kind), why, SPAN_SCORE, speaker,
                                    text[speaker[0]:speaker[1]] if speaker else ""))
        return found

    def _cued(self, cues, text: str, features, taken: list[tuple[int, int]], allowed: set[str]) -> list[Suggestion]:
        """The indirect statements the learned ``cues`` open where nothing else was suggested."""
        engine = features.engine
        label = self._label(cues.label, allowed)
        kind = self.kinds.get(cues.label, "quote")
        found = []
        for statement in cues.statements(text, engine.doc.sentences, taken):
            start, end = statement.start, statement.end
            cue = text[statement.cue_start:statement.cue_end]
            attribution = engine.statement(start, end, statement.cue_start, statement.cue_end)
            chosen = attribution.speaker
            span = None if chosen is None else (chosen.start, chosen.end)
            if span is None and self.speakers is not None:
                best = self.speakers.speaker(features, start, end)
                span = None if best is None else (best[0][0], best[0][1])
            attrs = attribution_attrs(attribution, default_attrs(text, start, end, kind))
            why = f"learned cue '{cue}' ({self.name})"
            found.append(Suggestion(start, end, label, kind, text[start:end], attrs, why, SPAN_SCORE, span,
                                    text[span[0]:span[1]] if span else ""))
        return found

    def _rechosen(self, suggestion: Suggestion, features) -> Suggestion:
        """A rules' quote or claim without a speaker, given the one the learned model scores best, if any.
        A speaker the rules found stays: on PolNeAR's dev split, replacing it lost more named speakers
        than it gained."""
        if suggestion.speaker is not None or self.speakers is None:
            return suggestion
        best = self.speakers.speaker(features, suggestion.start, suggestion.end)
        if best is None:
            return suggestion
        (start, end, _label), score = best
        return replace(suggestion, speaker=(start, end), speaker_text=features.text[start:end],
                       reason=f"{suggestion.reason}; speaker learned ({self.name}), scored {score:.2f}")

