"""The annotty App: the screen's layout, global keys, and the wiring from
user actions to the editing session (core) and back to the widgets."""

from __future__ import annotations

from typing import Iterable

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from .errors import AnnottyError
from .messages import AnnotationChosen, AnnotationHighlighted, CaretMoved
from .model import ENTITY, QUOTE, Span
from .resources import resource
from .screens.help import HelpScreen
from .screens.link_picker import UNLINK, LinkPicker
from .screens.note_editor import NoteEditor
from .session import Session
from .text_units import find, word_at
from .widgets.article_view import ArticleView
from .widgets.describe import shorten
from .widgets.header import ArticleHeader
from .widgets.sidebar import Sidebar
from .workspace import Workspace

#: Actions that change or move within the article: off while a dialog is open.
_MAIN_SCREEN_ACTIONS = {
    "tag", "link", "toggle", "verdict", "note", "delete", "undo", "redo", "find", "find_next",
    "find_previous", "next_annotation", "previous_annotation", "toggle_snap", "next_document",
    "previous_document", "help",
}


class AnnottyApp(App):
    """Read an article and annotate it by keyboard."""

    TITLE = "annotty"
    CSS_PATH = str(resource("styles", "app.tcss"))

    BINDINGS = [
        Binding("question_mark", "help", "Keys"),
        Binding("slash", "find", "Find"),
        Binding("n", "find_next", "Next match", show=False),
        Binding("N", "find_previous", "Previous match", show=False),
        Binding("a", "link", "Link"),
        Binding("t", "toggle", "Direct/check-worthy", show=False),
        Binding("v", "verdict", "Verdict", show=False),
        Binding("e", "note", "Note", show=False),
        Binding("x,delete", "delete", "Delete"),
        Binding("right_square_bracket", "next_annotation", "Next", key_display="]"),
        Binding("left_square_bracket", "previous_annotation", "Prev", key_display="["),
        Binding("ctrl+z", "undo", "Undo"),
        Binding("ctrl+y", "redo", "Redo"),
        Binding("S", "toggle_snap", "Snap on/off", show=False),
        Binding("greater_than_sign,ctrl+n", "next_document", "Next article", show=False),
        Binding("less_than_sign", "previous_document", "Previous article", show=False),
    ]

    def __init__(self, workspace: Workspace, first: Session):
        super().__init__()
        self.workspace = workspace
        self.session = first
        self.index = 0
        self._query = ""
        for label in workspace.schema.labels:
            self.bind(label.key, f"tag('{label.name}')", description=label.name, show=False)

    # -- layout -------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield ArticleHeader(id="header")
        with Horizontal(id="main"):
            yield ArticleView(id="article")
            yield Sidebar(id="sidebar")
        yield Static(id="status")
        yield Input(placeholder="find: type a phrase, Enter selects it (Esc closes)", id="find")
        yield Footer()

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    def on_mount(self) -> None:
        self.sidebar.show_legend(self.workspace.schema)
        self._show_session()
        self.article.focus()

    def _show_session(self) -> None:
        session = self.session
        position = f"[{self.index + 1}/{len(self.workspace)}]" if len(self.workspace) > 1 else ""
        self.query_one(ArticleHeader).show(session.document, position)
        self.article.load(session.document.text, session.annotations, session.schema)
        self._refresh_annotations()
        status = self.query_one("#status", Static)
        status.set_class(session.read_only, "read-only")
        for warning in session.document.warnings:
            self.notify(warning, severity="warning", timeout=8)
        if session.file.flagged:
            self.notify(
                f"{len(session.file.flagged)} annotation(s) no longer match the article's text "
                "(it changed since); they are kept in the store but not shown",
                severity="warning", timeout=10,
            )
        self._status(session.notice or "ready: select text and press a label key (? for keys)")

    def _refresh_annotations(self, keep: str | None = None) -> None:
        self.article.set_annotations(self.session.annotations)
        self.sidebar.show(
            self.session.annotations, self.session.schema, keep or self.article.emphasised,
            flagged=self.session.file.flagged,
        )

    def _status(self, message: str) -> None:
        session = self.session
        facts = [
            session.annotator,
            f"{len(session.annotations)} annotations",
            f"snap {session.snap_mode}",
        ]
        if session.read_only:
            facts.insert(0, "READ-ONLY")
        self.query_one("#status", Static).update(f"{' · '.join(facts)}  │  {message}")

    def _fail(self, error: Exception) -> None:
        self.notify(str(error), severity="error", timeout=6)
        self._status(str(error))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _MAIN_SCREEN_ACTIONS and self.screen is not self.screen_stack[0]:
            return False
        return True

    # -- what the actions act on ---------------------------------------------
    def _current_span(self) -> Span | None:
        """The sidebar's highlighted row when it has focus, else the
        annotation at the caret."""
        annotations = self.session.annotations
        if self.sidebar.list.has_focus:
            span_id = self.sidebar.highlighted_span
            return annotations.get(span_id) if span_id else None
        span_id = self.article.emphasised
        return annotations.get(span_id) if span_id else None

    def _require_span(self) -> Span | None:
        span = self._current_span()
        if span is None:
            self._status("put the caret on an annotation (or pick one in the sidebar) first")
        return span

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

    # -- tagging ----------------------------------------------------------------
    def action_tag(self, label_name: str) -> None:
        session = self.session
        if self.sidebar.list.has_focus:
            span = self._require_span()
            if span:
                self._relabel(span, label_name)
            return
        article = self.article
        bounds = article.selection or word_at(session.document.text, article.caret)
        if bounds is None:
            self._status("select some text first (shift+arrows, mouse, or / to find)")
            return
        try:
            span = session.tag(bounds[0], bounds[1], label_name)
        except AnnottyError as error:
            self._fail(error)
            return
        article.match = None
        self._focus_span(span, centre=False)
        self._refresh_annotations(span.id)
        self._status(f"tagged {span.label} “{shorten(span.text, 50)}” (ctrl+z undoes)")
        if span.kind != ENTITY:
            self._open_link_picker(span, after_tagging=True)

    def _relabel(self, span: Span, label_name: str) -> None:
        try:
            new = self.session.relabel(span.id, label_name)
        except AnnottyError as error:
            self._fail(error)
            return
        self._refresh_annotations(new.id)
        self._status(f"relabelled “{shorten(new.text, 40)}”: {span.label} → {new.label}")

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

    def _edit(self, describe_change: str, edit) -> None:
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

        def done(note: str | None) -> None:
            if note is not None:
                self._edit("note saved on “{text}”", lambda s: self.session.set_attr(s.id, "note", note))

        self.push_screen(NoteEditor(f"Note on {span.label} “{shorten(span.text, 50)}”", span.note), done)

    # -- links -----------------------------------------------------------------
    def action_link(self) -> None:
        span = self._require_span()
        if span is not None:
            self._open_link_picker(span)

    def _open_link_picker(self, span: Span, after_tagging: bool = False) -> None:
        session = self.session
        candidates = session.link_candidates(span.id)
        role = {"SPEAKER": "speaker", "SOURCE": "source"}.get(session.link_label(span), "referent (same as)")
        if not candidates:
            if not after_tagging:
                self._status(f"no entities to link as {role}: tag the {role} first, then press a")
            return
        current = session.annotations.attribution(span.id)
        if span.kind == ENTITY:
            coref = [r for r in session.annotations.relations_of(span.id) if r.head == span.id]
            current_id = coref[0].child if coref else None
        else:
            current_id = current.id if current else None
        title = f"Choose the {role} of {span.label} “{shorten(span.text, 50)}” (Enter picks, Esc skips)"

        def chosen(child_id: str | None) -> None:
            if child_id is None:
                return
            try:
                if child_id == UNLINK:
                    session.unlink(span.id)
                    message = f"unlinked “{shorten(span.text, 40)}”"
                else:
                    session.link(span.id, child_id)
                    message = f"{role} of “{shorten(span.text, 30)}”: {session.annotations.span(child_id).text}"
            except AnnottyError as error:
                self._fail(error)
                return
            self._refresh_annotations(span.id)
            self._status(message)

        self.push_screen(LinkPicker(title, candidates, session.annotations, session.schema, current_id), chosen)

    # -- undo ------------------------------------------------------------------
    def action_undo(self) -> None:
        self._history(self.session.undo, "undone", "nothing to undo")

    def action_redo(self) -> None:
        self._history(self.session.redo, "redone", "nothing to redo")

    def _history(self, step, done: str, nothing: str) -> None:
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
        touched = [item_id for what, item_id in change.touched() if what == "span"]
        span = next((self.session.annotations.get(i) for i in touched if i in self.session.annotations), None)
        if span:
            self._focus_span(span, centre=True)
        self._status(f"{done} ({len(self.session.annotations)} annotations)")

    # -- moving around -----------------------------------------------------------
    def action_next_annotation(self) -> None:
        annotations = self.session.annotations
        span = annotations.next_after(self.article.caret)
        if span is None and len(annotations):
            span = annotations.spans()[0]
        if span:
            self._focus_span(span)

    def action_previous_annotation(self) -> None:
        annotations = self.session.annotations
        span = annotations.previous_before(self.article.caret)
        if span is None and len(annotations):
            span = annotations.spans()[-1]
        if span:
            self._focus_span(span)

    def action_find(self) -> None:
        finder = self.query_one("#find", Input)
        finder.add_class("visible")
        finder.value = self._query
        finder.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "find":
            return
        event.stop()
        self._close_find()
        self._query = event.value
        self._find(backwards=False)

    def _close_find(self) -> None:
        finder = self.query_one("#find", Input)
        finder.remove_class("visible")
        self.article.focus()

    def on_key(self, event) -> None:
        finder = self.query_one("#find", Input)
        if event.key == "escape" and finder.has_focus:
            event.stop()
            self._close_find()

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
        self.push_screen(HelpScreen(self.workspace.schema))

    # -- documents ---------------------------------------------------------------
    def action_next_document(self) -> None:
        self._switch(self.index + 1)

    def action_previous_document(self) -> None:
        self._switch(self.index - 1)

    def _switch(self, index: int) -> None:
        if not 0 <= index < len(self.workspace):
            self._status("no more articles that way")
            return
        try:
            session = self.workspace.open(index)
        except AnnottyError as error:
            self._fail(error)
            return
        try:
            self.session.close()
        except AnnottyError as error:
            # The changes stay in the journal and are folded in on the next open.
            self.notify(str(error), severity="warning")
        self.session = session
        self.index = index
        self._show_session()

    async def action_quit(self) -> None:
        try:
            self.session.close()
        except AnnottyError as error:
            self.exit(return_code=1, message=f"annotty: {error} (the changes are kept in the journal)")
            return
        self.exit()

    def on_unmount(self) -> None:
        try:
            self.session.close()
        except AnnottyError:
            pass  # already reported by action_quit; the journal keeps the changes

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
            yield SystemCommand(
                binding.description, f"key {binding.key_display or binding.key.split(',')[0]}",
                lambda action=binding.action: self.run_action(action),
            )
