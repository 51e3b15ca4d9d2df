"""The app's key bindings, in groups: the help screen lists every binding by
group, so it is generated from the bindings themselves and never goes stale."""

from __future__ import annotations

from textual.binding import Binding, BindingType

READING = Binding.Group("Reading")
SELECTING = Binding.Group("Selecting")
ANNOTATING = Binding.Group("Annotating")
EDITING = Binding.Group("Changing an annotation")
MOVING = Binding.Group("Going places")
RESIZING = Binding.Group("Resizing a span (after r)")
SUGGESTING = Binding.Group("Reviewing suggestions (after G)")
SIDEBAR = Binding.Group("In the sidebar (Tab goes there and back; label keys relabel, a e x as above)")
GENERAL = Binding.Group("General")

ORDER = (READING, SELECTING, ANNOTATING, EDITING, RESIZING, SUGGESTING, MOVING, SIDEBAR, GENERAL)

# The footer draws bindings of one group as a single item under the group's
# name, so bindings shown in the footer carry no group; their group for the
# help screen is kept here instead.
_GROUP_OF_ID: dict[str, Binding.Group] = {}


def shown(key: str, action: str, description: str, group: Binding.Group, id: str, **options) -> Binding:
    """A binding shown in the footer, listed under ``group`` in the help."""
    _GROUP_OF_ID[id] = group
    return Binding(key, action, description, id=id, **options)


def group_of(binding: Binding) -> Binding.Group | None:
    return binding.group or _GROUP_OF_ID.get(binding.id or "")


#: Actions that need the article screen: off while a dialog is open.
MAIN_SCREEN_ACTIONS = {
    "tag", "repeat_label", "tag_mentions", "select_sentence", "select_quotation", "link", "toggle",
    "verdict", "note", "delete", "resize", "undo", "redo", "find", "find_next", "find_previous",
    "next_annotation", "previous_annotation", "toggle_snap", "next_document", "previous_document", "help",
    "documents", "find_everywhere", "toggle_done", "take_over", "score", "review", "stats", "compare", "suggest",
    "toggle_tags",
}
RESIZE_ACTIONS = {"resize_edge", "resize_done"}
SUGGESTION_ACTIONS = {"suggestion_accept", "suggestion_reject", "suggestion_step", "suggestions_done"}


def _resize_binding(key: str, edge: str, direction: int, by_word: bool, description: str) -> Binding:
    return Binding(
        key, f"resize_edge('{edge}', {direction}, {by_word})", description,
        show=False, priority=True, group=RESIZING,
    )


def _suggestion_binding(key: str, action: str, description: str) -> Binding:
    return Binding(key, action, description, show=False, priority=True, group=SUGGESTING)


#: The app's own bindings (the widgets add theirs: the article's caret keys, the sidebar's).
APP_BINDINGS: list[BindingType] = [
    shown("slash", "find", "Find", group=SELECTING, id="find"),
    Binding("n", "find_next", "Next match", show=False, group=SELECTING, id="find-next"),
    Binding("N", "find_previous", "Previous match", show=False, group=SELECTING, id="find-previous"),
    Binding("s", "select_sentence", "Select the sentence (again: the paragraph)", show=False,
            group=SELECTING, id="select-sentence"),
    Binding("quotation_mark", "select_quotation", "Select the quotation around the caret", show=False,
            key_display='"', group=SELECTING, id="select-quotation"),
    Binding("full_stop", "repeat_label", "Tag with the last label again", show=False, key_display=".",
            group=ANNOTATING, id="repeat-label"),
    Binding("asterisk", "tag_mentions", "Tag every further mention of this span", show=False,
            key_display="*", group=ANNOTATING, id="tag-mentions"),
    shown("a", "link", "Link", group=ANNOTATING, id="link",
            tooltip="speaker of a quote, source of a claim, referent of an entity"),
    Binding("t", "toggle", "Quote direct/indirect; claim check-worthy", show=False,
            group=EDITING, id="toggle"),
    Binding("v", "verdict", "Claim verdict: next", show=False, group=EDITING, id="verdict"),
    Binding("e", "note", "Note", show=False, group=EDITING, id="note"),
    Binding("r", "resize", "Resize the span (arrows move its ends)", show=False, group=EDITING, id="resize"),
    shown("x,delete", "delete", "Delete", group=EDITING, id="delete"),
    shown("ctrl+z", "undo", "Undo", group=EDITING, id="undo"),
    shown("ctrl+y", "redo", "Redo", group=EDITING, id="redo", show=False),
    shown("right_square_bracket", "next_annotation", "Next", key_display="]",
            group=MOVING, id="next-annotation"),
    shown("left_square_bracket", "previous_annotation", "Prev", key_display="[",
            group=MOVING, id="previous-annotation"),
    shown("greater_than_sign,ctrl+n", "next_document", "Next article", key_display=">",
               group=MOVING, id="next-document"),
    Binding("less_than_sign", "previous_document", "Previous article", show=False, key_display="<",
            group=MOVING, id="previous-document"),
    shown("ctrl+o", "documents", "Articles", group=MOVING, id="documents"),
    Binding("F", "find_everywhere", "Find in every article", show=False, group=MOVING,
            id="find-everywhere"),
    shown("ctrl+d", "toggle_done", "Done", group=MOVING, id="done"),
    Binding("ctrl+r", "take_over", "Edit a read-only article once its other session has closed", show=False,
            group=GENERAL, id="take-over"),
    Binding("R", "review", "Review the annotations one by one", show=False, group=EDITING, id="review"),
    Binding("ctrl+k", "compare", "Compare with the answer key (--gold NAME, or the tutorial's)", show=False,
            group=GENERAL, id="compare"),
    Binding("ctrl+t", "stats", "Statistics of the store", show=False, group=GENERAL, id="stats"),
    Binding("ctrl+g", "score", "Score the exercise (tutorial)", show=False, group=GENERAL, id="score"),
    Binding("A", "toggle_tags", "Speakers and sources in the text on/off", show=False, group=READING,
            id="attribution-tags"),
    Binding("W", "toggle_snap", "Snapping to whole words on/off", show=False, group=GENERAL, id="snap"),
    shown("question_mark", "help", "Keys", key_display="?", group=GENERAL, id="help"),
    _resize_binding("right", "end", 1, False, "Grow the end by a character"),
    _resize_binding("left", "end", -1, False, "Shrink the end by a character"),
    _resize_binding("ctrl+right", "end", 1, True, "Grow the end by a word"),
    _resize_binding("ctrl+left", "end", -1, True, "Shrink the end by a word"),
    _resize_binding("shift+left", "start", -1, False, "Grow the start by a character"),
    _resize_binding("shift+right", "start", 1, False, "Shrink the start by a character"),
    _resize_binding("ctrl+shift+left", "start", -1, True, "Grow the start by a word"),
    _resize_binding("ctrl+shift+right", "start", 1, True, "Shrink the start by a word"),
    Binding("enter,escape", "resize_done", "Done resizing", show=False, priority=True, group=RESIZING),
    Binding("G", "suggest", "Suggestions: step through proposed spans", show=False, group=ANNOTATING,
            id="suggest"),
    _suggestion_binding("y,enter", "suggestion_accept", "Accept the suggestion"),
    _suggestion_binding("n,x", "suggestion_reject", "Reject it"),
    _suggestion_binding("right,right_square_bracket", "suggestion_step(1)", "Next suggestion"),
    _suggestion_binding("left,left_square_bracket", "suggestion_step(-1)", "Previous suggestion"),
    _suggestion_binding("escape", "suggestions_done", "Stop reviewing suggestions"),
]
