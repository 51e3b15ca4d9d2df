"""Finding a phrase in the article: the find bar, n / N, and a status line
that follows the selection after a find.

A mixin of ``AnnottyApp``, like the editing actions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Callable

from ..text_units import find
from .widgets.describe import counted, shorten
from .widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from ..session import Session
    from .widgets.article_view import ArticleView


class FindActions:
    """``/``, ``n`` and ``N``. Expects the host app's session, article view and status line."""

    session: Session
    _status: Callable[[str], None]
    _replay_soon: Callable[[], None]
    _query = ""
    _opening_find = False
    _selection_in_status = False  # the status line describes the selection (after a find)

    if TYPE_CHECKING:
        # The host app's widgets: read-only, it finds them on screen.
        @property
        def article(self) -> ArticleView: ...

    def _find_bar(self):
        """The find bar, mounted the first time it is needed (it is not on the first screen)."""
        from .widgets.find_bar import FindBar

        found = self.query(FindBar)  # type: ignore[attr-defined]
        if found:
            return found.first()
        bar = FindBar(id="find")
        self.mount(bar, before=self.query_one(KeyBar))  # type: ignore[attr-defined]
        return bar

    def action_find(self) -> None:
        bar = self._find_bar()
        # Keys typed before the bar is open are the phrase's first letters: held, then typed into it.
        self._opening_find = True

        def opened() -> None:
            bar.open(self._query)
            self._opening_find = False
            self._replay_soon()

        self.call_after_refresh(opened)  # type: ignore[attr-defined]

    def on_find_bar_closed(self, message) -> None:
        self.article.focus()
        if message.query is not None:
            self._query = message.query
            self._find(backwards=False)

    def action_find_next(self) -> None:
        self._find(backwards=False)

    def action_find_previous(self) -> None:
        self._find(backwards=True)

    def _find(self, backwards: bool) -> None:
        if not self._query.strip():
            self._status("press / to find a phrase")
            return
        article = self.article
        selection = article.selection
        if backwards:
            origin = selection[0] if selection else article.caret
        else:
            origin = selection[1] if selection else article.caret
        found = find(self.session.document.text, self._query, origin, backwards)
        if found is None:
            self._status(f"“{self._query}” is not in this article")
            return
        article.match = found
        article.select(*found)
        self._status(f"found “{shorten(self._query, 30)}”: press a label key to tag it, n / N for more")
        self._selection_in_status = True

    def _say_selection(self) -> None:
        """After a find, the status line follows the selection: it never says "found" of another one."""
        article = self.article
        selection = article.selection
        if selection is not None and selection == article.match:
            return
        if selection is None:
            self._status("ready: select text and press a label key (? for keys)")
            return
        start, end = selection
        self._status(f"selected “{shorten(self.session.document.text[start:end], 40)}” "
                     f"({counted(end - start, 'character')}): press a label key to tag it")
        self._selection_in_status = True
