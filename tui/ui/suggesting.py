"""The app's suggestion review: proposed spans shown apart (dim, underlined,
not yet in the store), accepted or rejected with one key each.

A mixin of ``AnnottyApp``, like ``editing``. Suggestions come from
``annotty suggest`` (stored under the store) when there are some for the
article, else from the built-in suggester, run in a worker thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Callable

from textual import work

from ..errors import AnnottyError
from ..model import Annotations
from .widgets.describe import shorten

if TYPE_CHECKING:
    from ..session import Session
    from ..suggest import Suggestion
    from .widgets.article_view import ArticleView
    from ..workspace import Workspace


class SuggestionActions:
    session: Session
    workspace: Workspace
    _status: Callable[[str], None]
    _fail: Callable[[Exception], None]
    _refresh_annotations: Callable[..., None]
    resizing: str | None  # EditingActions'
    notify: Callable[..., None]  # the host App's

    suggestions: list[Suggestion] = []
    suggesting: bool = False
    _suggestion_index: int = 0
    #: A model ``annotty train`` wrote (``--model``), loaded by the first ``G`` in its worker.
    model_path: str | None = None
    _learned = None

    if TYPE_CHECKING:
        # The host app's widgets: read-only, it finds them on screen.
        @property
        def article(self) -> ArticleView: ...

    def action_suggest(self) -> None:
        """Show suggestions for this article and step through them."""
        self.resizing = None
        self._status("looking for suggestions…")
        # The worker gets its own copy of the annotations, not the live ones.
        snapshot = Annotations(self.session.annotations.spans(), self.session.annotations.relations())
        self._find_suggestions(self.session, snapshot, self.workspace.store.root, self.article.caret)

    @work(thread=True, exclusive=True, group="suggest")
    def _find_suggestions(self, session: Session, annotations: Annotations, store_root, caret: int) -> None:
        from textual.worker import get_current_worker

        from ..suggest.chunks import suggestions_to_review

        worker = get_current_worker()
        try:
            found = suggestions_to_review(
                session.document, annotations, session.schema, store_root, start_at=caret,
                should_stop=lambda: worker.is_cancelled or session is not self.session, learned=self._learned_model(),
            )
        except AnnottyError as error:
            self.call_from_thread(self._fail, error)  # type: ignore[attr-defined]
            return
        self.call_from_thread(self._show_suggestions, session, found)  # type: ignore[attr-defined]

    def _learned_model(self):
        """The ``--model`` suggester, loaded once (spaCy is imported here, never at start-up)."""
        if self.model_path is None:
            return None
        if self._learned is None:
            from ..learn.suggester import LearnedSuggester

            self._learned = LearnedSuggester(self.model_path)
        return self._learned

    def _show_suggestions(self, session: Session, found: list[Suggestion]) -> None:
        if session is not self.session:
            return  # the user moved to another article meanwhile
        annotations = session.annotations
        self.suggestions = [s for s in found if not annotations.find_same(s.start, s.end, s.label)]
        if not self.suggestions:
            self.suggesting = False
            self._status("no suggestions for this article")
            return
        self.suggesting = True
        after = [i for i, s in enumerate(self.suggestions) if s.start >= self.article.caret]
        self._suggestion_index = after[0] if after else 0
        self._show_suggestion()
        from ..suggest.chunks import MAX_SUGGESTIONS

        if len(found) >= MAX_SUGGESTIONS:
            self.notify(f"a long article: the first {MAX_SUGGESTIONS:,} suggestions from here on; "
                        "G again further on finds more", timeout=8, markup=False)

    def _show_suggestion(self) -> None:
        article = self.article
        article.suggestions = [(s.start, s.end) for s in self.suggestions]
        if not self.suggestions:
            self.action_suggestions_done()
            return
        self._suggestion_index %= len(self.suggestions)
        current = self.suggestions[self._suggestion_index]
        article.select(current.start, current.end)
        speaker = f", said by {current.speaker_text}" if current.speaker_text else ""
        self._status(
            f"suggestion {self._suggestion_index + 1} of {len(self.suggestions)}: {current.label} "
            f"“{shorten(current.text, 40)}” ({current.reason}{speaker}) · y accept · n reject · → ← move · "
            "Esc stop"
        )

    def action_suggestion_step(self, step: int) -> None:
        self._suggestion_index += step
        self._show_suggestion()

    def action_suggestion_reject(self) -> None:
        if self.suggestions:
            self.suggestions.pop(self._suggestion_index)
            self._show_suggestion()

    def action_suggestion_accept(self) -> None:
        if not self.suggestions:
            return
        current = self.suggestions[self._suggestion_index]
        try:
            span = self.session.accept(current)
        except AnnottyError as error:
            self._fail(error)
            return
        self.suggestions.pop(self._suggestion_index)
        self._refresh_annotations(span.id)
        self._show_suggestion()

    def action_suggestions_done(self) -> None:
        self.suggesting = False
        self.suggestions = []
        self.article.suggestions = []
        self.article.anchor = None
        self.article.redraw()
        self._status("suggestions closed (G shows them again)")
