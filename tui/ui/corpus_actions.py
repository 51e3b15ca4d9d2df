"""The app's actions across articles and on the store as a whole: the
document list, done, next and previous, find everywhere, taking over a
read-only article, review, compare, statistics and the tutorial's score.

A mixin of ``AnnottyApp``, like ``editing`` and ``suggesting``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from collections.abc import Callable

from textual.css.query import NoMatches

from ..errors import AnnottyError
from ..store.annotator_file import DONE
from ..workspace_index import progress_where_any

#: How often a read-only article looks whether the session editing it has gone.
RELEASE_POLL_SECONDS = 1.0

if TYPE_CHECKING:
    from textual.timer import Timer

    from ..model import Annotations
    from ..session import Session
    from .widgets.article_view import ArticleView
    from .widgets.sidebar import Sidebar
    from ..workspace import Workspace


class CorpusActions:
    session: Session
    workspace: Workspace
    index: int
    answer_key: Annotations | None
    _done: int
    _query: str
    _status: Callable[[str], None]
    _fail: Callable[[Exception], None]
    # The host App's.
    push_screen: Callable[..., Any]
    notify: Callable[..., None]
    call_after_refresh: Callable[..., bool]
    _show_session: Callable[[], None]
    _refresh_annotations: Callable[..., None]
    _focus_span: Callable[..., None]
    _neighbour_timer: Timer | None = None
    _release_timer: Timer | None = None

    if TYPE_CHECKING:
        # The host app's widgets: read-only, it finds them on screen.
        @property
        def article(self) -> ArticleView: ...

        @property
        def sidebar(self) -> Sidebar: ...

    def _count_done(self) -> None:
        # One listing of the annotator's folder, not two file checks per article (60,000 in an archive).
        workspace = self.workspace
        progress = progress_where_any(workspace.store, workspace.annotator, workspace.ids)
        self._done = sum(1 for done in progress.values() if not isinstance(done, AnnottyError) and done[1] == DONE)

    def action_toggle_done(self) -> None:
        session = self.session
        done = session.status != "done"
        try:
            session.set_done(done)
        except AnnottyError as error:
            self._fail(error)
            return
        self._done += 1 if done else -1
        if done and self.index + 1 < len(self.workspace):
            self._status("marked done (ctrl+d again undoes); > goes to the next article")
        else:
            self._status("marked done" if done else "marked not done")

    def action_review(self) -> None:
        from .screens.review import ReviewScreen

        annotations = self.session.annotations
        current = self.article.emphasised
        start = next((i for i, span in enumerate(annotations.spans()) if span.id == current), 0)

        def changed(span_id: str | None) -> None:
            self._refresh_annotations(span_id)
            span = annotations.get(span_id) if span_id else None
            if span:
                self._focus_span(span)

        self.push_screen(ReviewScreen(self.session, changed, start))

    def action_compare(self) -> None:
        from ..compare import compare
        from .screens.compare import CompareScreen

        session = self.session
        document = session.document
        key = self.answer_key
        title = "the exercise's answer key"
        gold = self.workspace.gold
        if key is None and gold:
            key_store = self.workspace.key_store
            if document.id not in key_store.annotated_documents(gold):
                self._fail(AnnottyError(f"{gold} (the answer key) has not annotated this article: nothing to "
                                        "compare with"))
                return
            key, _flagged = key_store.load_annotations(gold, document.id, document.text)
            title = f"{gold}'s annotations"
        if key is None:
            self._status("give an answer key with --gold NAME (an annotator in the store) to compare")
            return
        comparison = compare(key, session.annotations, document.id)
        self.push_screen(CompareScreen(document.text, comparison, f"{title} on {document.headline or document.id}"))

    def action_stats(self) -> None:
        from .screens.stats import StatsScreen
        from ..stats import collect, report_lines

        store, protected = self.workspace.store, self.workspace.protected
        # A reader sees no answer key's counts (who it quotes would tell them).
        shown = [name for name in store.annotators() if name not in protected] if protected else None
        self.push_screen(StatsScreen(report_lines(collect(store, shown))))

    def action_score(self) -> None:
        if self.answer_key is None:
            self._status("scoring is for the tutorial (annotty tutorial)")
            return
        from .screens.score import ScoreScreen
        from ..tutorial import score

        self.push_screen(ScoreScreen(score(self.answer_key, self.session.annotations).lines()))

    def action_take_over(self) -> None:
        if not self.session.read_only or self.workspace.read_only:
            self._status("already editing" if not self.session.read_only else "opened with --read-only")
            return
        try:
            session = self.workspace.open(self.index)
        except AnnottyError as error:
            self._fail(error)
            return
        if session.read_only:
            session.close()
            self._status("the other session is still open: close it first, then ctrl+r again")
            return
        caret = self.article.caret
        self.session.close()
        self.session = session
        self._show_session()  # reloaded from the store: the other session's last changes included
        self.article.move_caret(min(caret, len(session.document.text)), centre=True)
        self._status("now editing: the other session has closed")

    def watch_for_release(self) -> None:
        """While the article is read-only because another session edits it,
        look every second whether that session has gone (closed, or its
        browser tab dropped) and take over at once when it has."""
        if self._release_timer is not None:
            self._release_timer.stop()
            self._release_timer = None
        if self.session.locked_out and not self.workspace.read_only:
            self._release_timer = self.set_interval(RELEASE_POLL_SECONDS, self._take_over_when_free)  # type: ignore[attr-defined]

    def _take_over_when_free(self) -> None:
        session = self.session
        if not session.locked_out:
            self.watch_for_release()  # stops the timer
            return
        if self.screen is not self.screen_stack[0]:  # type: ignore[attr-defined]
            return  # not under a dialog: it would change the article behind it
        if self.workspace.store.lock_is_free(session.annotator, session.document.id):
            self.action_take_over()

    def action_documents(self) -> None:
        from .screens.document_list import DocumentList

        def chosen(index: int | None) -> None:
            if index is not None and index != self.index:
                self._switch(index)

        self.push_screen(DocumentList(self.workspace.summaries(), self.index), chosen)
        if self.workspace.corpus_index.building:
            self.notify("the corpus index is being built: the articles it has not read yet are listed by file name",
                        timeout=6, markup=False)

    def action_find_everywhere(self) -> None:
        from .screens.corpus_find import CorpusFind

        def chosen(match) -> None:
            if match is None:
                return
            if match.index != self.index:
                self._switch(match.index)
            if match.index == self.index:
                self.article.match = (match.start, match.end)
                self.article.select(match.start, match.end)
                self._status("found: press a label key to tag it")

        self.push_screen(CorpusFind(self.workspace.find_everywhere, self._query), chosen)

    def action_next_document(self) -> None:
        self._switch(self.index + 1, step=1)

    def action_previous_document(self) -> None:
        self._switch(self.index - 1, step=-1)

    def _switch(self, index: int, step: int = 0) -> None:
        """Open article ``index``; with a ``step`` (``>``, ``<``), an article
        that cannot be opened (empty, unreadable) is passed over, and said so."""
        if not 0 <= index < len(self.workspace):
            self._status("no more articles that way")
            return
        if not self.session.retry_save():
            # Closing now would lose them: stay until they are saved (or the user quits).
            self._status("free some space (or quit, losing them) before leaving this article")
            return
        try:
            self.session.close()
        except AnnottyError as error:
            # It says what was kept (in the journal, folded in on the next open) and where.
            self.notify(str(error), severity="warning", markup=False)
        skipped: list[AnnottyError] = []
        was = self.index
        while True:
            try:
                session = self.workspace.open(index)
                break
            except AnnottyError as error:
                skipped.append(error)
                index += step
                if step == 0 or not 0 <= index < len(self.workspace):
                    session = self.workspace.open(self.index)  # back to the article we were on
                    index = self.index
                    break
        if skipped:
            said = "; ".join(str(error) for error in skipped[:3]) + ("; …" if len(skipped) > 3 else "")
            session.notice = " ".join(filter(None, [f"skipped {said}" if index != was else said, session.notice]))
            self.notify(said, severity="warning", markup=False)
        self.session = session
        self.index = index
        old_lines = [self.article.hand_over_lines(), self.sidebar.list.hand_over_lines()]
        self.call_after_refresh(old_lines.clear)  # freed once the new article is on screen
        self._show_session()
        self.prepare_neighbours_soon()

    def prepare_neighbours_soon(self) -> None:
        """Once the screen is drawn, load and wrap the articles on either side
        and read their store files, so that ``>`` and ``<`` have little left to do."""
        if self._neighbour_timer is not None:
            self._neighbour_timer.stop()
        self._neighbour_timer = self.set_timer(0.1, self._prepare_neighbours)  # type: ignore[attr-defined]

    def _prepare_neighbours(self) -> None:
        self._neighbour_timer = None
        try:
            article, sidebar = self.article, self.sidebar
        except NoMatches:
            return  # a dialog is over the article, or the app is closing: ``>`` will do it all
        for index in (self.index + 1, self.index - 1):
            if 0 <= index < len(self.workspace):
                try:
                    document, opened = self.workspace.read_ahead(index)
                except AnnottyError:
                    continue  # said when the user goes there
                article.draw_ahead(document.text, opened[0] if opened else None)
                if opened:
                    sidebar.draw_ahead(opened[0], self.workspace.schema, opened[1])
