"""An editing session: one document, one annotator, undo and redo, saving.

Every edit is a model Change, applied to the annotations and persisted at
once. If saving fails (a full disk) the change stays applied and is kept in
order, to be saved before the next one; ``unsaved`` says how many are
waiting and ``save_problem`` why, so the UI can say so. The UI calls these
methods and repaints.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .attribution.cue import ANONYMOUS, Cue, write_cue
from .errors import AnnottyError
from .model import (
    ATTRIBUTION_FOR_KIND, CLAIM, COREF, ENTITY, QUOTE, VERDICTS, AddRelation, AddSpan,
    Annotations, Batch, Change, Document, Relation, RemoveRelation, RemoveSpan, Span,
    UpdateSpan, default_attrs, make_span, new_id, with_attrs,
)
from .schema import Schema
from .store import AnnotatorFile
from .text_units import snap, whole_word_matches

if TYPE_CHECKING:
    from .attribution.ranking import Ranking
    from .suggest import Suggestion

__all__ = ["Session"]


class Session:
    def __init__(self, document: Document, schema: Schema, file: AnnotatorFile):
        self.document = document
        self.schema = schema
        self.file = file
        self.snap_mode = schema.snap
        #: Why the session is read-only, or other things the user should know.
        self.notice = ""
        #: Whether the notice is a problem to show in red (the store cannot be written...).
        self.alarm = False
        #: Read-only because another session is editing it: editable once that closes.
        self.locked_out = False
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        #: Changes stored so far (undo and redo included): new or corrected annotations, for retraining.
        self.edits = 0

    @property
    def annotations(self) -> Annotations:
        return self.file.annotations

    @property
    def read_only(self) -> bool:
        return self.file.read_only

    @property
    def annotator(self) -> str:
        return self.file.annotator

    def close(self) -> None:
        """Save what is left and close; AnnottyError says what was kept and lost if that fails."""
        self.file.close()

    @property
    def unsaved(self) -> int:
        """Changes shown but not saved yet (a full disk...): kept, and retried
        before the next change is saved."""
        return self.file.unsaved

    @property
    def save_problem(self) -> str:
        """Why the unsaved changes could not be saved."""
        return self.file.save_problem

    def retry_save(self) -> bool:
        """Try again to save the unsaved changes; True once none is left."""
        return self.file.unsaved == 0 or self.file.retry_save()

    @property
    def status(self) -> str:
        return self.file.status

    def set_done(self, done: bool) -> None:
        if self.read_only:
            raise AnnottyError(f"{self.notice or 'read-only'}; nothing was changed")
        self.file.set_done(done)

    # -- the one way changes happen -----------------------------------------
    def apply(self, change: Change) -> None:
        self._commit(change)
        self._undo.append(change)
        self._redo.clear()

    def _commit(self, change: Change) -> None:
        if self.read_only:
            raise AnnottyError(f"{self.notice or 'read-only'}; nothing was changed")
        change.apply(self.annotations)
        try:
            # A change the disk cannot take now stays applied and is queued (see unsaved).
            self.file.persist(change)
        except BaseException:
            change.inverse().apply(self.annotations)
            raise
        self.edits += 1

    def undo(self) -> Change | None:
        if not self._undo:
            return None
        change = self._undo[-1]
        self._commit(change.inverse())
        self._redo.append(self._undo.pop())
        return change

    def redo(self) -> Change | None:
        if not self._redo:
            return None
        change = self._redo[-1]
        self._commit(change)
        self._undo.append(self._redo.pop())
        return change

    # -- edits ------------------------------------------------------------
    def tag(self, start: int, end: int, label_name: str) -> Span:
        """Tag ``[start, end)`` (snapped per the schema) with a label.
        Tagging exactly what is already tagged with that label returns it."""
        label = self.schema.label(label_name)
        if label is None:
            raise AnnottyError(f"unknown label {label_name!r}")
        text = self.document.text
        start, end = snap(text, start, end, label.kind, self.snap_mode)
        if start >= end:
            raise AnnottyError("nothing to tag: the selection holds no word")
        existing = self.annotations.find_same(start, end, label.name)
        if existing:
            return existing
        span = make_span(text, start, end, label.name, label.kind, default_attrs(text, start, end, label.kind))
        self.apply(AddSpan(span))
        return span

    def accept(self, suggestion: Suggestion) -> Span:
        """Store a suggestion as an annotation, checked against the schema as
        tagging is (its label must be one of the schema's, of the same kind),
        with its kind's defaults under the suggested attributes, and linked to
        the tagged entity at the suggested speaker's place when there is one.
        One change: one undo."""
        label = self.schema.label(suggestion.label)
        if label is None:
            raise AnnottyError(f"the suggested label {suggestion.label!r} is not in the schema")
        if label.kind != suggestion.kind:
            raise AnnottyError(f"the suggested {suggestion.label} is a {suggestion.kind}, the schema's a {label.kind}")
        text = self.document.text
        attrs = {**default_attrs(text, suggestion.start, suggestion.end, label.kind), **suggestion.attrs}
        span = make_span(text, suggestion.start, suggestion.end, label.name, label.kind, attrs)
        changes: list[Change] = [AddSpan(span)]
        speaker = self._entity_at(suggestion.speaker) if label.kind != ENTITY else None
        if speaker is not None:
            changes.append(AddRelation(Relation(new_id("r"), span.id, speaker.id, self.link_label(span))))
        self.apply(Batch(tuple(changes), "accept suggestion"))
        return span

    def _entity_at(self, place: tuple[int, int] | None) -> Span | None:
        """The tagged entity nearest to ``place`` among those overlapping it."""
        if not place:
            return None
        start, end = place
        entities = [s for s in self.annotations.overlapping(start, end) if s.kind == ENTITY]
        return min(entities, key=lambda s: abs(s.start - start), default=None)

    def resize(self, span_id: str, start: int, end: int) -> Span:
        """Move a span's edges (exactly: no snapping). Links and attributes stay."""
        old = self.annotations.span(span_id)
        text = self.document.text
        start, end = max(0, start), min(len(text), end)
        if start >= end:
            raise AnnottyError("a span cannot be shorter than one character")
        if (start, end) == (old.start, old.end):
            return old
        new = replace(old, start=start, end=end, text=text[start:end])
        self.apply(UpdateSpan(old, new))
        return new

    def further_mentions(self, span_id: str) -> list[tuple[int, int]]:
        """Where else the span's text stands as whole words, not yet tagged
        with its label."""
        span = self.annotations.span(span_id)
        found = []
        for start, end in whole_word_matches(self.document.text, span.text):
            if start != span.start and not self.annotations.find_same(start, end, span.label):
                found.append((start, end))
        return found

    def tag_mentions(self, span_id: str) -> list[Span]:
        """Tag every further mention of the span's text with its label, as one
        step (one undo)."""
        span = self.annotations.span(span_id)
        label = self.schema.label(span.label)
        kind = label.kind if label else span.kind
        attrs = {key: value for key, value in span.attrs.items() if key != "note"}
        new = [make_span(self.document.text, s, e, span.label, kind, attrs) for s, e in self.further_mentions(span_id)]
        if new:
            self.apply(Batch(tuple(AddSpan(s) for s in new), "tag mentions"))
        return new

    def delete(self, span_id: str) -> Span:
        span = self.annotations.span(span_id)
        removals = [RemoveRelation(r) for r in self.annotations.relations_of(span_id)]
        self.apply(Batch((*removals, RemoveSpan(span)), "delete"))
        return span

    def relabel(self, span_id: str, label_name: str) -> Span:
        label = self.schema.label(label_name)
        if label is None:
            raise AnnottyError(f"unknown label {label_name!r}")
        old = self.annotations.span(span_id)
        if old.label == label.name:
            return old
        new = replace(old, label=label.name, kind=label.kind)
        changes: list[Change] = []
        if label.kind != old.kind:
            # Links that made sense for the old kind do not for the new one.
            changes += [RemoveRelation(r) for r in self.annotations.relations_of(span_id)]
            attrs = default_attrs(self.document.text, old.start, old.end, label.kind)
            if old.note:
                attrs["note"] = old.note
            new = replace(new, attrs=attrs)
        changes.append(UpdateSpan(old, new))
        self.apply(Batch(tuple(changes), "relabel"))
        return new

    def set_attr(self, span_id: str, key: str, value: str | None) -> Span:
        old = self.annotations.span(span_id)
        new = with_attrs(old, **{key: value})
        if new != old:
            self.apply(UpdateSpan(old, new))
        return new

    def toggle_attr(self, span_id: str) -> Span:
        """Flip the attribute of a span's kind: quote type, claim checkworthiness."""
        span = self.annotations.span(span_id)
        if span.kind == QUOTE:
            value = "indirect" if span.attrs.get("type") == "direct" else "direct"
            return self.set_attr(span_id, "type", value)
        if span.kind == CLAIM:
            value = "no" if span.attrs.get("checkworthy", "yes") == "yes" else "yes"
            return self.set_attr(span_id, "checkworthy", value)
        raise AnnottyError("only quotes (direct/indirect) and claims (check-worthy) have a toggle")

    def cycle_verdict(self, span_id: str) -> Span:
        span = self.annotations.span(span_id)
        if span.kind != CLAIM:
            raise AnnottyError("only claims carry a verdict")
        current = span.attrs.get("verdict", VERDICTS[0])
        index = (VERDICTS.index(current) + 1) % len(VERDICTS) if current in VERDICTS else 0
        return self.set_attr(span_id, "verdict", VERDICTS[index])

    # -- links ------------------------------------------------------------
    @staticmethod
    def link_label(head: Span) -> str:
        return ATTRIBUTION_FOR_KIND.get(head.kind, COREF)

    def link(self, head_id: str, child_id: str, cue: Cue | None = None) -> Relation:
        """Link a quote to its speaker, a claim to its source, or an entity to
        the entity it refers to (COREF). A new link replaces the old one.
        ``cue``: the words the link was read from ("he said"), recorded on
        the quote or claim (``attrs.cue``) in the same change."""
        head = self.annotations.span(head_id)
        child = self.annotations.span(child_id)
        if child.kind != ENTITY:
            raise AnnottyError("a speaker, source or referent must be an entity")
        if head_id == child_id:
            raise AnnottyError("an entity cannot refer to itself")
        label = self.link_label(head)
        old = [
            RemoveRelation(r) for r in self.annotations.relations_of(head_id)
            if r.head == head_id and r.label == label
        ]
        relation = Relation(new_id("r"), head_id, child_id, label)
        named: tuple = ()
        updated = head
        if head.attrs.get("source") == ANONYMOUS:  # a source named now is no longer anonymous
            updated = with_attrs(updated, source=None)
        if cue is not None and head.kind in ATTRIBUTION_FOR_KIND:
            updated = replace(updated, attrs=write_cue(updated.attrs, self.document.text, cue.start, cue.end))
        if updated != head:
            named = (UpdateSpan(head, updated),)
        self.apply(Batch((*old, *named, AddRelation(relation)), "link"))
        return relation

    def mark_anonymous(self, head_id: str) -> Span:
        """A quote or claim whose cue names no one ("it was reported that…"):
        no speaker or source linked, ``attrs.source = "anonymous"``."""
        head = self.annotations.span(head_id)
        if head.kind not in ATTRIBUTION_FOR_KIND:
            raise AnnottyError("only quotes and claims have an anonymous source")
        label = self.link_label(head)
        old = [RemoveRelation(r) for r in self.annotations.relations_of(head_id)
               if r.head == head_id and r.label == label]
        new = with_attrs(head, source=ANONYMOUS)
        changes = (*old, UpdateSpan(head, new)) if new != head else tuple(old)
        if changes:
            self.apply(Batch(changes, "anonymous source"))
        return new

    def unlink(self, head_id: str) -> int:
        head = self.annotations.span(head_id)
        label = self.link_label(head)
        old = [
            RemoveRelation(r) for r in self.annotations.relations_of(head_id)
            if r.head == head_id and r.label == label
        ]
        if old:
            self.apply(Batch(tuple(old), "unlink"))
        return len(old)

    def link_candidates(self, head_id: str) -> list[Span]:
        """Entities the span could link to, the likeliest first (see ``rank_links``)."""
        return self.rank_links(head_id).candidates

    def rank_links(self, head_id: str) -> Ranking:
        """The attribution engine's order for the link picker: for a quote or
        claim its speaker or source first (with the reason: "cue 'he said'",
        "according to"), then people and organisations by distance; for a
        mention, the name a description stands for."""
        head = self.annotations.span(head_id)
        # Late: the engine compiles its rules on import, which the first frame need not wait for.
        from .attribution.ranking import rank_links

        return rank_links(self.document.text, head, self.annotations, head.kind in ATTRIBUTION_FOR_KIND)
