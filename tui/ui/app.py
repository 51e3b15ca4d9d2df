"""The annotty App: the screen's layout, global keys, and the wiring from
user actions to the editing session (core) and back to the widgets."""

from __future__ import annotations

import gc
from contextlib import suppress
from collections.abc import Iterable

from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen

from . import keys
from .corpus_actions import CorpusActions
from .editing import EditingActions
from .finding import FindActions
from ..errors import AnnottyError
from ..folder_check import FolderReport, merged
from .messages import AnnotationChosen, AnnotationHighlighted, CaretMoved, SpanResized
from ..model import ENTITY, Annotations, Span
from ..resources import resource
from ..session import Session
from .shown_data import SafeNotifications
from .retraining import ModelInLoop, RetrainActions
from .suggesting import SuggestionActions
from ..terminal_text import one_line
from .typed_ahead import TypedAhead
from .widgets.article_view import ArticleView
from .widgets.attribution_tags import attributed_to
from .widgets.describe import counted, describe, shorten
from .widgets.header import ArticleHeader
from .widgets.key_bar import KeyBar
from .widgets.sidebar import Sidebar
from .widgets.text_lines import TextLines
from ..workspace import Workspace

# action_toggle (t: a quote's direct/indirect) replaces DOMNode's generic toggle action on purpose.
class AnnottyApp(  # type: ignore[misc]
    EditingActions, SuggestionActions, RetrainActions, CorpusActions, FindActions, TypedAhead, SafeNotifications,
    App,
):
    """Read an article and annotate it by keyboard."""

    TITLE = "annotty"
    CSS_PATH = str(resource("styles", "app.tcss"))

    BINDINGS = keys.APP_BINDINGS

    def __init__(self, workspace: Workspace, first: Session | None = None, *, answer_key: Annotations | None = None,
                 ask_name: bool = False, start: int = 0, skipped: list[AnnottyError] | None = None,
                 opening: FolderReport | None = None, model: ModelInLoop | None = None):
        """``first``: the session on the first article; without it the article
        shows at once and its annotations load in the background (after
        asking the reader's name, with ``ask_name``). ``start``: the article
        to show first, past the unreadable ones (``skipped``) before it.
        ``model``: a model ``annotty train`` wrote, whose suggestions ``G`` shows,
        and how often to retrain it."""
        super().__init__()
        self.model_path = model.path if model else None
        self.retrain_every = model.retrain_every if model else 0
        self._ask_name = ask_name
        #: Until the reader has typed a name, the status line says nothing of the
        #: server (its login, read-only) but what to do.
        self._awaiting_name = ask_name and first is None
        # The articles found unreadable before opening; the others are read after the first frame.
        self._opening = opening or FolderReport(list(workspace.paths))
        self.answer_key = answer_key  # the tutorial's: ctrl+g scores against it
        self.workspace = workspace
        self._loading = first is None
        self._quitting = False
        self.session = first if first is not None else workspace.placeholder(start)
        self.index = start if first is None else 0
        self._skipped = skipped or []
        self._query = ""
        self._key_count = 0
        self._done = 0  # articles of the run marked done, for the status line
        self._last_key: events.Key | None = None
        self._warned: set[tuple[str, str]] = set()  # (document id, warning) already shown
        self._typed_ahead = []  # keys typed while the annotations load (TypedAhead)
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
        if self._skipped:
            said = "; ".join(str(error) for error in self._skipped[:3]) + ("; …" if len(self._skipped) > 3 else "")
            self.notify(f"skipped {said}", severity="warning", timeout=10, markup=False)
        self.article.focus()
        # What the first frame does not need waits until after it.
        self.call_after_refresh(self._after_first_frame)
        if self._loading and self._ask_name:
            from .name_prompt import NameScreen

            def named(name: str | None) -> None:
                self._awaiting_name = False
                self.workspace.annotator = name or self.workspace.annotator
                self._load_session(self.index)

            self.push_screen(NameScreen(self.workspace.protected), named)
        elif self._loading:
            # After the first frame: the loading thread's imports (the file
            # lock library alone takes 40 ms) would hold the GIL against it.
            self.call_after_refresh(self._start_loading)

    def _start_loading(self) -> None:
        if not self._quitting:  # quit before the first frame: nothing to open, nothing to close
            self._load_session(self.index)

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
        self._replay_soon()

    def _holding_keys(self) -> bool:
        """While the first article's annotations load, on its screen (not while
        asking a name), and while the find bar opens."""
        return (self._loading or self._opening_find) and self.screen is self.screen_stack[0]

    def _loading_failed(self, error: AnnottyError) -> None:
        self._loading = False
        self.session.notice = f"read-only: {error}"
        self.session.alarm = True
        self._fail(error)
        self._replay_soon()  # what they do on a read-only article, the status line says

    def _unreadable_found(self, later: FolderReport) -> None:
        """(In the index's thread.) All the articles that cannot be opened, in one warning."""
        report = merged(self._opening, later)
        if report.problems:
            with suppress(RuntimeError):  # the app has closed meanwhile
                self.call_from_thread(self.notify, report.warning(), severity="warning", timeout=20, markup=False)

    def _after_first_frame(self) -> None:
        gc.freeze()  # the app's own objects, as after loading a session
        gc.enable()  # paused until the first frame (annotty's start: cli.run_open)
        self.query_one(KeyBar).show_bindings(
            [b for b in self.BINDINGS if isinstance(b, Binding)],
            [("^p", "Palette", "command_palette"), ("^q", "Quit", "quit")],
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
        self.query_one("#status", TextLines).set_class(session.read_only and not self._awaiting_name, "read-only")
        for warning in session.document.warnings:
            # Shown once an article: it is shown again when its annotations have loaded.
            if (session.document.id, warning) not in self._warned:
                self._warned.add((session.document.id, warning))
                self.notify(warning, severity="warning", timeout=8, markup=False)
        if session.file.set_aside:
            self.notify(session.notice, severity="error", timeout=15, markup=False)
        if session.file.moved:
            self.notify(
                f"the article changed since it was annotated: {counted(len(session.file.moved), 'annotation')} "
                "followed their words to new places", severity="warning", timeout=10,
            )
        if session.file.flagged:
            self.notify(
                f"{counted(len(session.file.flagged), 'annotation')} could not be placed in the changed article; "
                "they are kept in the store, listed under Needs attention",
                severity="warning", timeout=10,
            )
        # Where the work goes, said once it is open (the placeholder says "loading").
        self._status(session.notice or "ready: select text and press a label key · "
                     f"saving in {self.workspace.saved_in} · ? for keys")
        self.watch_for_release()

    def _refresh_annotations(self, keep: str | None = None) -> None:
        self.article.set_annotations(self.session.annotations)
        self._list_annotations(keep)
        self._count_edits()

    def _list_annotations(self, keep: str | None = None) -> None:
        self.sidebar.show(
            self.session.annotations, self.session.schema, keep or self.article.emphasised,
            flagged=self.session.file.flagged,
        )

    def _status(self, message: str) -> None:
        self._selection_in_status = False
        session = self.session
        if self._awaiting_name:
            self.query_one("#status", TextLines).update("type your name to begin")
            return
        facts = [session.annotator, counted(len(session.annotations), "annotation")]
        if session.snap_mode != "word":
            facts.append("snap off")  # the default goes unsaid: the message needs the room at 80 columns
        if len(self.workspace) > 1:
            facts.insert(1, f"article {self.index + 1} of {len(self.workspace)}, {self._done} done")
        if session.status == "done":
            facts.insert(1, "DONE")
        if session.read_only:
            facts.insert(0, "READ-ONLY")
        if self.retraining:
            facts.append("model retraining")
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
        # The main screen's actions wait while another screen is on top.
        return action not in keys.MAIN_SCREEN_ACTIONS or self.screen is self.screen_stack[0]

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and event is not self._last_key and self._hold_key(event):
            return
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
        self._show_related(span)

    # -- messages from widgets -------------------------------------------------
    def on_caret_moved(self, message: CaretMoved) -> None:
        article = self.article
        annotations = self.session.annotations
        if self._selection_in_status:
            self._say_selection()
        current = annotations.get(article.emphasised) if article.emphasised else None
        if current is None or not current.start <= message.offset < current.end:
            under = annotations.at(message.offset)
            new = under[0].id if under else None
            if new != article.emphasised:
                article.emphasised = new
                article.redraw()
                if new:
                    self.sidebar.highlight(new)
                self._show_related(annotations.get(new) if new else None)

    def _show_related(self, span: Span | None) -> None:
        """On a speaker or source: its quotes and claims marked in the text. On
        an annotation with a note: the note in the status line."""
        related = attributed_to(self.session.annotations, span.id) if span and span.kind == ENTITY else set()
        self.article.set_related(frozenset(related))
        if span is not None and span.note:
            self._status(f"note on {span.label} “{shorten(span.text, 30)}”: {shorten(span.note, 200)}")

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
        self._go_to_annotation(span)

    def action_previous_annotation(self) -> None:
        annotations = self.session.annotations
        span = annotations.previous_before(self.article.caret) or (annotations.last() if len(annotations) else None)
        self._go_to_annotation(span)

    def _go_to_annotation(self, span: Span | None) -> None:
        """Go to ``span`` and say which annotation it is (``[`` and ``]``)."""
        if span is None:
            self._status("no annotations yet: select text and press a label key")
            return
        self._focus_span(span)
        annotations = self.session.annotations
        place = annotations.spans().index(span) + 1
        described = " ".join(describe(span, annotations, self.session.schema).plain.split())
        self._status(f"{place} of {len(annotations)}: {described}")

    def action_toggle_tags(self) -> None:
        shown = not self.article.show_tags
        self.article.set_tags_shown(shown)
        self._status("speakers and sources shown after each quote and claim (A hides them)" if shown
                     else "speakers and sources hidden (A shows them)")

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
        """Every action by name, once; reviewing suggestions' only while reviewing them."""
        ours: list[SystemCommand] = []
        for label in self.workspace.schema.labels:
            ours.append(SystemCommand(
                f"Tag as {label.name}", f"Tag the selection as {label.kind} {label.name} (key {label.key})",
                lambda name=label.name: self.run_action(f"tag('{name}')"),
            ))
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            if binding.group is keys.RESIZING or (binding.group is keys.SUGGESTING and not self.suggesting):
                continue
            ours.append(SystemCommand(
                binding.description, f"key {self.get_key_display(binding)}",
                lambda action=binding.action: self.run_action(action),
            ))
        titles: set[str] = set()
        for command in ours:
            if command.title not in titles:
                titles.add(command.title)
                yield command
        for command in super().get_system_commands(screen):
            if command.title not in titles:  # Textual's "Keys" panel: ours (?) is the one for this app
                yield command
