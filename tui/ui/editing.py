"""The app's annotation actions: tag, relabel, link, resize, delete, undo.

A mixin of ``AnnottyApp`` (the actions live in the app's namespace so that
bindings and the command palette reach them); every change goes through the
editing session, and the widgets are refreshed afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Callable

from ..errors import AnnottyError
from ..model import ENTITY, QUOTE, Span
from ..text_units import (
    next_word_start, paragraph_of, previous_word_start, quotation_at, sentence_at, word_at, word_end_after,
)
from .widgets.describe import counted, describe_change, shorten

if TYPE_CHECKING:
    from ..session import Session
    from .widgets.article_view import ArticleView
    from .widgets.sidebar import Sidebar

ROLE = {"SPEAKER": "speaker", "SOURCE": "source", "COREF": "referent (same as)"}


class EditingActions:
    """Actions on annotations. Expects the host app's session and widgets."""

    session: Session
    _status: Callable[[str], None]
    _fail: Callable[[Exception], None]
    _refresh_annotations: Callable[..., None]
    _focus_span: Callable[..., None]
    _key_count: int

    _last_label: str | None = None
    _pending: tuple | None = None  # a confirmation awaited: (what, ..., key count)
    resizing: str | None = None  # id of the span whose edges the arrows move

    # -- what the actions act on -------------------------------------------
    if TYPE_CHECKING:
        # The host app's widgets: read-only, it finds them on screen.
        @property
        def article(self) -> ArticleView: ...

        @property
        def sidebar(self) -> Sidebar: ...

    def _current_span(self) -> Span | None:
        """The sidebar's highlighted row when it has focus, else the annotation
        at the caret."""
        annotations = self.session.annotations
        span_id = self.sidebar.highlighted_span if self.sidebar.list.has_focus else self.article.emphasised
        return annotations.get(span_id) if span_id else None

    def _require_span(self) -> Span | None:
        span = self._current_span()
        if span is None:
            self._status("put the caret on an annotation (or pick one in the sidebar) first")
        return span

    def _confirmed(self, *what: object) -> bool:
        """True when the previous key asked for exactly this confirmation."""
        pending, self._pending = self._pending, None
        return pending == (*what, self._key_count - 1)

    def _ask(self, *what: object) -> None:
        self._pending = (*what, self._key_count)

    # -- tagging ----------------------------------------------------------------
    def action_tag(self, label_name: str) -> None:
        session = self.session
        if self.sidebar.list.has_focus:
            span = self._require_span()
            if span:
                self._relabel(span, label_name)
            return
        article = self.article
        current = self._current_span()
        label = session.schema.label(label_name)
        if article.selection is None and current and label and current.kind == label.kind:
            # A label key on an annotation of the same kind relabels it, once confirmed.
            if current.label == label_name:
                self._status(f"“{shorten(current.text, 40)}” is already {label_name}")
            elif self._confirmed("relabel", current.id, label_name):
                self._relabel(current, label_name)
            else:
                self._ask("relabel", current.id, label_name)
                self._status(
                    f"“{shorten(current.text, 40)}” is {current.label}: press {label.key} again to make it {label_name}"
                )
            return
        bounds = article.selection or word_at(session.document.text, article.caret)
        if bounds is None:
            self._status("select some text first (shift+arrows, s, \", mouse, or / to find)")
            return
        try:
            span = session.tag(bounds[0], bounds[1], label_name)
        except AnnottyError as error:
            self._fail(error)
            return
        self._last_label = label_name
        article.match = None
        self._focus_span(span, centre=False)
        self._refresh_annotations(span.id)
        self._status(f"tagged {span.label} “{shorten(span.text, 50)}” (ctrl+z undoes, * tags its other mentions)")
        if span.kind != ENTITY:
            self._open_link_picker(span, after_tagging=True)

    def action_repeat_label(self) -> None:
        if self._last_label is None:
            self._status("no label used yet: tag something first, then . repeats its label")
            return
        self.action_tag(self._last_label)

    def action_tag_mentions(self) -> None:
        span = self._require_span()
        if span is None:
            return
        mentions = self.session.further_mentions(span.id)
        if not mentions:
            self._status(f"no further untagged mentions of “{shorten(span.text, 40)}”")
        elif self._confirmed("mentions", span.id, len(mentions)):
            try:
                added = self.session.tag_mentions(span.id)
            except AnnottyError as error:
                self._fail(error)
                return
            self._refresh_annotations(span.id)
            self._status(
                f"tagged {counted(len(added), 'more mention')} of “{shorten(span.text, 30)}” as {span.label}"
                " (ctrl+z undoes them all)"
            )
        else:
            self._ask("mentions", span.id, len(mentions))
            self._status(
                f"tag all {counted(len(mentions), 'further mention')} of “{shorten(span.text, 30)}” as {span.label}?"
                " press * again"
            )

    def _relabel(self, span: Span, label_name: str) -> None:
        try:
            new = self.session.relabel(span.id, label_name)
        except AnnottyError as error:
            self._fail(error)
            return
        self._refresh_annotations(new.id)
        self._status(f"relabelled “{shorten(new.text, 40)}”: {span.label} → {new.label}")

    # -- selecting by unit -----------------------------------------------------
    def action_select_sentence(self) -> None:
        """Select the sentence at the caret; again, the paragraph."""
        text = self.session.document.text
        article = self.article
        point = article.selection[0] if article.selection else article.caret
        sentence = sentence_at(text, point)
        if article.selection == sentence:
            start, end = paragraph_of(text, point)
            while end > start and text[end - 1].isspace():
                end -= 1
            article.select(start, end, centre=False)
            self._status("paragraph selected: press a label key (q, c...) to tag it")
        else:
            article.select(*sentence, centre=False)
            self._status("sentence selected: a label key tags it; s again selects the paragraph")

    def action_select_quotation(self) -> None:
        found = quotation_at(self.session.document.text, self.article.caret)
        if found is None:
            self._status("the caret is not inside quotation marks")
            return
        self.article.select(*found, centre=False)
        self._status("quotation selected: q tags it as a quote")

    # -- changing an annotation ------------------------------------------------
    def action_delete(self) -> None:
        span = self._require_span()
        if span is None:
            return
        try:
            self.session.delete(span.id)
        except AnnottyError as error:
            self._fail(error)
            return
        self.article.emphasised = None
        self._refresh_annotations()
        self._status(f"deleted {span.label} “{shorten(span.text, 40)}” (ctrl+z brings it back)")

    def _edit(self, describe_change: str, edit: Callable[[Span], Span]) -> None:
        span = self._require_span()
        if span is None:
            return
        try:
            new = edit(span)
        except AnnottyError as error:
            self._fail(error)
            return
        self._refresh_annotations(new.id)
        self._status(describe_change.format(**new.attrs, text=shorten(new.text, 40)))

    def action_toggle(self) -> None:
        span = self._current_span()
        if span is not None and span.kind == QUOTE:
            self._edit("quote “{text}” is now {type}", lambda s: self.session.toggle_attr(s.id))
        else:
            self._edit("claim “{text}”: check-worthy {checkworthy}", lambda s: self.session.toggle_attr(s.id))

    def action_verdict(self) -> None:
        self._edit("claim “{text}”: verdict {verdict}", lambda s: self.session.cycle_verdict(s.id))

    def action_note(self) -> None:
        span = self._require_span()
        if span is None:
            return

        from .screens.note_editor import NoteEditor

        def done(note: str | None) -> None:
            if note is not None:
                self._edit("note saved on “{text}”", lambda s: self.session.set_attr(s.id, "note", note))

        self.push_screen(NoteEditor(f"Note on {span.label} “{shorten(span.text, 50)}”", span.note), done)  # type: ignore[attr-defined]

    # -- resizing ----------------------------------------------------------------
    def action_resize(self) -> None:
        if self.resizing:
            self.resizing = None
            self._status("resizing done")
            return
        span = self._require_span()
        if span is None:
            return
        self.resizing = span.id
        self._status("resize: ← → move the end, shift+← → the start (ctrl: by word); Enter or Esc when done")

    def action_resize_edge(self, edge: str, direction: int, by_word: bool = False) -> None:
        span = self.session.annotations.get(self.resizing or "")
        if span is None:
            self.resizing = None
            return
        text = self.session.document.text
        position = span.start if edge == "start" else span.end
        if by_word:
            if direction > 0:
                position = word_end_after(text, position) if edge == "end" else next_word_start(text, position)
            else:
                position = previous_word_start(text, position)
                if edge == "end":  # end after the previous word, not at its start
                    while position > 0 and text[position - 1].isspace():
                        position -= 1
                    position = word_end_after(text, previous_word_start(text, position))
        else:
            position += direction
        start, end = (position, span.end) if edge == "start" else (span.start, position)
        try:
            new = self.session.resize(span.id, start, end)
        except AnnottyError as error:
            self._fail(error)
            return
        self.article.emphasised = new.id
        self._refresh_annotations(new.id)
        self.article.move_caret(new.start if edge == "start" else max(new.start, new.end - 1))
        self._status(f"{new.label} “{shorten(new.text, 60)}” ({new.end - new.start} characters; Enter when done)")

    def action_resize_done(self) -> None:
        self.resizing = None
        self._status("resizing done (ctrl+z undoes each step)")

    # -- links -------------------------------------------------------------------
    def action_link(self) -> None:
        span = self._require_span()
        if span is not None:
            self._open_link_picker(span)

    def _open_link_picker(self, span: Span, after_tagging: bool = False) -> None:
        from .screens.link_picker import ANONYMOUS_CHOICE, UNLINK, LinkPicker

        session = self.session
        ranking = session.rank_links(span.id)
        candidates = ranking.candidates
        role = ROLE[session.link_label(span)]
        if not candidates:
            if not after_tagging:
                self._status(f"no entities to link as {role}: tag the {role} first, then press a")
            return
        relations = [r for r in session.annotations.relations_of(span.id) if r.head == span.id]
        current_id = relations[0].child if relations else None
        title = f"Choose the {role} of {span.label} “{shorten(span.text, 50)}” (Enter picks, Esc skips)"

        def chosen(child_id: str | None) -> None:
            if child_id is None:
                return
            try:
                if child_id == UNLINK:
                    session.unlink(span.id)
                    message = f"unlinked “{shorten(span.text, 40)}”"
                elif child_id == ANONYMOUS_CHOICE:
                    session.mark_anonymous(span.id)
                    message = f"{role} of “{shorten(span.text, 30)}”: anonymous"
                else:
                    # The engine's choice taken: its cue is recorded with the link.
                    taken = ranking.chosen is not None and ranking.chosen.id == child_id
                    session.link(span.id, child_id, cue=ranking.cue if taken else None)
                    message = f"{role} of “{shorten(span.text, 30)}”: {session.annotations.span(child_id).text}"
            except AnnottyError as error:
                self._fail(error)
                return
            self._refresh_annotations(span.id)
            self._status(message)

        picker = LinkPicker(title, candidates, session.annotations, session.schema, current_id,
                            ranking.reason, anonymous=span.kind in ("quote", "claim"), untagged=ranking.untagged)
        self.push_screen(picker, chosen)  # type: ignore[attr-defined]

    # -- undo ----------------------------------------------------------------------
    def action_undo(self) -> None:
        self._history(self.session.undo, "undone", "nothing to undo")

    def action_redo(self) -> None:
        self._history(self.session.redo, "redone", "nothing to redo")

    def _history(self, step: Callable, done: str, nothing: str) -> None:
        try:
            change = step()
        except AnnottyError as error:
            self._fail(error)
            return
        if change is None:
            self._status(nothing)
            return
        self.article.emphasised = None
        self._refresh_annotations()
        annotations = self.session.annotations
        touched = [item_id for what, item_id in change.touched() if what == "span"]
        span = next((annotations.get(i) for i in touched if i in annotations), None)
        if span:
            self._focus_span(span, centre=True)
        self._status(f"{done}: {describe_change(change, annotations)}")
