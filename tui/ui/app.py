"""The annotty App: the screen's layout, global keys, and the wiring from
user actions to the editing session (core) and back to the widgets."""

from __future__ import annotations

import gc
from contextlib import suppress
from typing import Iterable

from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen

from . import keys
from .corpus_actions import CorpusActions
from .editing import EditingActions
from ..errors import AnnottyError
from ..folder_check import FolderReport, merged
from .messages import AnnotationChosen, AnnotationHighlighted, CaretMoved, SpanResized
from ..model import Annotations, Span
from ..resources import resource
from ..session import Session
from .shown_data import SafeNotifications
from .suggesting import SuggestionActions
from ..terminal_text import one_line
from ..text_units import find
from .widgets.article_view import ArticleView
from .widgets.describe import shorten
from .widgets.header import ArticleHeader
from .widgets.key_bar import KeyBar
from .widgets.sidebar import Sidebar
from .widgets.text_lines import TextLines
from ..workspace import Workspace

class AnnottyApp(EditingActions, SuggestionActions, CorpusActions, SafeNotifications, App):
    """Read an article and annotate it by keyboard."""

    TITLE = "annotty"
    CSS_PATH = str(resource("styles", "app.tcss"))

    BINDINGS = keys.APP_BINDINGS

    def __init__(self, workspace: Workspace, first: Session | None = None, answer_key: Annotations | None = None,
                 ask_name: bool = False, opening: FolderReport | None = None):
        """``first``: the session on the first article; without it the article
        shows at once and its annotations load in the background (after
        asking the reader's name, with ``ask_name``)."""
        super().__init__()
        self._ask_name = ask_name
        # The articles found unreadable before opening; the others are read after the first frame.
        self._opening = opening or FolderReport(list(workspace.paths))
        self.answer_key = answer_key  # the tutorial's: ctrl+g scores against it
        self.workspace = workspace
        self._loading = first is None
        self._quitting = False
        self.session = first if first is not None else workspace.placeholder(0)
        self.index = 0
        self._query = ""
        self._key_count = 0
        self._done = 0  # articles of the run marked done, for the status line
        self._last_key: events.Key | None = None
        for label in workspace.schema.labels:
            self.bind(label.key, f"tag('{label.name}')", description=label.name, show=False)

    # -- layout -------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield ArticleHeader(id="header")
        with Horizontal(id="main"):
            yield ArticleView(id="article")
            yield Sidebar(id="sidebar")
        yield TextLines(wrap=False, id="status")
        yield KeyBar(id="keys")

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    def on_mount(self) -> None:
        self._show_session()
        self.article.focus()
        # What the first frame does not need waits until after it.
        self.call_after_refresh(self._after_first_frame)
        if self._loading and self._ask_name:
            from .name_prompt import NameScreen

            def named(name: str | None) -> None:
                self.workspace.annotator = name or self.workspace.annotator
                self._load_session(0)

            self.push_screen(NameScreen(), named)
        elif self._loading:
            # After the first frame: the loading thread's imports (the file
            # lock library alone takes 40 ms) would hold the GIL against it.
            self.call_after_refresh(self._start_loading)

    def _start_loading(self) -> None:
        if not self._quitting:  # quit before the first frame: nothing to open, nothing to close
            self._load_session(0)

    @work(thread=True, exclusive=True, group="open")
    def _load_session(self, index: int) -> None:
        """Open the article's annotations (parse, lock, re-anchor) off the UI thread."""
        try:
            session = self.workspace.open(index)
        except AnnottyError as error:
            self.call_from_thread(self._loading_failed, error)
            return
        self.call_from_thread(self._session_loaded, session)

    def _session_loaded(self, session: Session) -> None:
        self._loading = False
        caret, scroll = self.article.caret, self.article.scroll_offset.y
        self.session = session
        self._show_session()
        self.article.scroll_to(y=scroll, animate=False, immediate=True)
        self.article.move_caret(min(caret, len(session.document.text)))
        # What is loaded now lives as long as the session: keep it out of the
        # garbage collector's full passes, which otherwise stall a keypress
        # now and then for tens of milliseconds.
        gc.freeze()

    def _loading_failed(self, error: AnnottyError) -> None:
        self._loading = False
        self.session.notice = f"read-only: {error}"
        self.session.alarm = True
        self._fail(error)

    def _unreadable_found(self, later: FolderReport) -> None:
        """(In the index's thread.) All the articles that cannot be opened, in one warning."""
        report = merged(self._opening, later)
        if report.problems:
            with suppress(RuntimeError):  # the app has closed meanwhile
                self.call_from_thread(self.notify, report.warning(), severity="warning", timeout=20, markup=False)

    def _after_first_frame(self) -> None:
        gc.freeze()  # the app's own objects, as after loading a session
        self.query_one(KeyBar).show_bindings(
            [b for b in self.BINDINGS if isinstance(b, Binding)], [("ctrl+p", "Palette"), ("ctrl+q", "Quit")]
        )
        self.sidebar.show_legend(self.workspace.schema)
        self.workspace.corpus_index.start(self._unreadable_found)  # the article list and corpus find use it
        if len(self.workspace) > 1:
            self._count_done()
            self._status(self.session.notice or "ready: select text and press a label key (? for keys)")
            self.prepare_neighbours_soon()

    def _show_session(self) -> None:
        session = self.session
        position = f"[{self.index + 1}/{len(self.workspace)}]" if len(self.workspace) > 1 else ""
        self.query_one(ArticleHeader).show(session.document, position)
        self.article.load(session.document.text, session.annotations, session.schema)
        self.resizing = None
        self.suggesting = False
        self.suggestions = []
        self.article.suggestions = []
        self.sidebar.list.to_top()
        self._list_annotations()  # the article view has them from load()
        self.query_one("#status", TextLines).set_class(session.read_only, "read-only")
        for warning in session.document.warnings:
            self.notify(warning, severity="warning", timeout=8, markup=False)
        if session.file.set_aside:
            self.notify(session.notice, severity="error", timeout=15, markup=False)
        if session.file.moved:
            self.notify(
                f"the article changed since it was annotated: {len(session.file.moved)} annotation(s) "
                "followed their words to new places", severity="warning", timeout=10,
            )
        if session.file.flagged:
            self.notify(
                f"{len(session.file.flagged)} annotation(s) could not be placed in the changed article; "
                "they are kept in the store, listed under Needs attention",
                severity="warning", timeout=10,
            )
        self._status(session.notice or "ready: select text and press a label key (? for keys)")

    def _refresh_annotations(self, keep: str | None = None) -> None:
        self.article.set_annotations(self.session.annotations)
        self._list_annotations(keep)

    def _list_annotations(self, keep: str | None = None) -> None:
        self.sidebar.show(
            self.session.annotations, self.session.schema, keep or self.article.emphasised,
            flagged=self.session.file.flagged,
        )

    def _status(self, message: str) -> None:
        session = self.session
        facts = [session.annotator, f"{len(session.annotations)} annotations", f"snap {session.snap_mode}"]
        if len(self.workspace) > 1:
            facts.insert(1, f"article {self.index + 1} of {len(self.workspace)}, {self._done} done")
        if session.status == "done":
            facts.insert(1, "DONE")
        if session.read_only:
            facts.insert(0, "READ-ONLY")
        line = f"{' · '.join(facts)}  │  {message}"
        if session.unsaved:
            # Said first and in red on every line until saved: the disk may stay full for a while.
            line = (f"{session.unsaved} change(s) not saved: {session.save_problem}; "
                    f"they are kept and retried with the next change  │  {line}")
        # One line whatever it says: no layout pass. Plain text, not markup:
        # messages quote the article, whose brackets are text (and escapes shown, not obeyed).
        alarm = session.unsaved or session.alarm
        line = one_line(line)
        self.query_one("#status", TextLines).update(Text(line, style="bold red") if alarm else line)

    def _fail(self, error: Exception) -> None:
        self.notify(str(error), severity="error", timeout=6, markup=False)
        self._status(str(error))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in keys.RESIZE_ACTIONS or action in keys.SUGGESTION_ACTIONS:
            # Modes take the arrows and Enter only on the article screen, not while finding.
            finding = self.focused is not None and self.focused.id == "find"
            on_article = self.screen is self.screen_stack[0] and not finding
            mode = self.resizing is not None if action in keys.RESIZE_ACTIONS else self.suggesting
            return on_article and mode
        if action in keys.MAIN_SCREEN_ACTIONS and self.screen is not self.screen_stack[0]:
            return False
        return True

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and event is not self._last_key:
            # Confirmations ("press * again") hold for the next key only. A key
            # can reach the app twice (before and after its widget), so count once.
            self._last_key = event
            self._key_count += 1
        await super().on_event(event)

    def _focus_span(self, span: Span, centre: bool = True) -> None:
        article = self.article
        article.emphasised = span.id
        article.move_caret(span.start, centre=centre)
        self.sidebar.highlight(span.id)

    # -- messages from widgets -------------------------------------------------
    def on_caret_moved(self, message: CaretMoved) -> None:
        article = self.article
        annotations = self.session.annotations
        current = annotations.get(article.emphasised) if article.emphasised else None
        if current is None or not current.start <= message.offset < current.end:
            under = annotations.at(message.offset)
            new = under[0].id if under else None
            if new != article.emphasised:
                article.emphasised = new
                article.redraw()
                if new:
                    self.sidebar.highlight(new)

    def on_span_resized(self, message: SpanResized) -> None:
        try:
            span = self.session.resize(message.span_id, message.start, message.end)
        except AnnottyError as error:
            self._fail(error)
            return
        self._focus_span(span, centre=False)
        self._refresh_annotations(span.id)
        self._status(f"{span.label} is now “{shorten(span.text, 60)}” (ctrl+z undoes)")

    def on_annotation_highlighted(self, message: AnnotationHighlighted) -> None:
        span = self.session.annotations.get(message.span_id)
        if span:
            self.article.emphasised = span.id
            self.article.move_caret(span.start, centre=True)

    def on_annotation_chosen(self, message: AnnotationChosen) -> None:
        span = self.session.annotations.get(message.span_id)
        if span:
            self._focus_span(span)
            self.article.focus()

    # -- moving around -----------------------------------------------------------
    def action_next_annotation(self) -> None:
        annotations = self.session.annotations
        span = annotations.next_after(self.article.caret) or (annotations.first() if len(annotations) else None)
        if span:
            self._focus_span(span)

    def action_previous_annotation(self) -> None:
        annotations = self.session.annotations
        span = annotations.previous_before(self.article.caret) or (annotations.last() if len(annotations) else None)
        if span:
            self._focus_span(span)

    def _find_bar(self):
        """The find bar, mounted the first time it is needed (it is not on the first screen)."""
        from .widgets.find_bar import FindBar

        found = self.query(FindBar)
        if found:
            return found.first()
        bar = FindBar(id="find")
        self.mount(bar, before=self.query_one(KeyBar))
        return bar

    def action_find(self) -> None:
        bar = self._find_bar()
        self.call_after_refresh(bar.open, self._query)

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

    def action_toggle_snap(self) -> None:
        session = self.session
        session.snap_mode = "off" if session.snap_mode == "word" else "word"
        self._status(f"snapping to whole words {'on' if session.snap_mode == 'word' else 'off'}")

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen(self.workspace.schema, self))

    async def action_quit(self) -> None:
        self._quitting = True
        if self._loading:
            await self.workers.wait_for_complete()  # the opening session must be closed too
        try:
            self.session.close()
        except AnnottyError as error:
            # The error says what was kept, where, and what was lost.
            self.exit(return_code=1, message=one_line(f"annotty: {error}"))
            return
        self.exit()

    def on_unmount(self) -> None:
        try:
            self.session.close()
        except AnnottyError:
            pass  # already reported by action_quit

    # -- command palette -----------------------------------------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for label in self.workspace.schema.labels:
            yield SystemCommand(
                f"Tag as {label.name}", f"Tag the selection as {label.kind} {label.name} (key {label.key})",
                lambda name=label.name: self.run_action(f"tag('{name}')"),
            )
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            if binding.group is keys.RESIZING:
                continue
            yield SystemCommand(
                binding.description, f"key {self.get_key_display(binding)}",
                lambda action=binding.action: self.run_action(action),
            )
