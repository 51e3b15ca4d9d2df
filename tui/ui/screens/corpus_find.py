"""Find in every article: type a phrase, Enter lists the matches; Enter on
one opens its article with the match selected."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ...terminal_text import one_line
from ...workspace import CorpusMatch
from ..widgets.describe import counted


class CorpusFind(ModalScreen[CorpusMatch | None]):
    BINDINGS = [Binding("escape", "cancel", "Close")]

    DEFAULT_CSS = """
    CorpusFind { align: center middle; }
    CorpusFind > Vertical { width: 95%; height: 90%; border: round $accent; background: $surface; padding: 0 1; }
    CorpusFind OptionList { height: 1fr; }
    """

    def __init__(self, search: Callable[[str], list[CorpusMatch]], query: str = ""):
        super().__init__()
        self._search = search
        self._query = query
        self._matches: list[CorpusMatch] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Find in every article: type a phrase and press Enter; then ↓ and Enter open a match.",
                        id="summary")
            yield Input(self._query, placeholder="a phrase (case and line breaks ignored)", id="query")
            yield OptionList(id="matches")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        query = event.value.strip()
        if not query:
            return
        self.query_one("#summary", Label).update(Content(f"finding “{one_line(query)}” in every article…"))
        self._find(query)

    @work(thread=True, exclusive=True, group="corpus-find")
    def _find(self, query: str) -> None:
        """Off the screen's thread: while the corpus index is first built (or
        when it cannot tell), a find reads the articles themselves, which in
        an archive takes seconds; keys and Esc keep working meanwhile."""
        matches = self._search(query)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, query, matches)

    def _show(self, query: str, matches: list[CorpusMatch]) -> None:
        if not self.is_attached:
            return  # closed while the find ran
        self._matches = matches
        listing = self.query_one(OptionList)
        listing.clear_options()
        for number, match in enumerate(self._matches):
            line = Text(f"{one_line(match.title[:40])}  ", style="bold")
            line.append(one_line(match.before), style="dim")
            line.append(one_line(match.matched), style="reverse")
            line.append(one_line(match.after), style="dim")
            listing.add_option(Option(line, id=str(number)))
        documents = len({m.index for m in self._matches})
        self.query_one("#summary", Label).update(Content(
            f"“{one_line(query)}”: {counted(len(self._matches), 'match')} in {counted(documents, 'article')}. "
            "↓ and Enter open one; Esc closes."
        ))
        if self._matches:
            listing.focus()
            listing.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self._matches[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        self.dismiss(None)

