"""Groups of key bindings: the help screen lists every binding by group, so it
is generated from the bindings themselves and never goes stale."""

from __future__ import annotations

from textual.binding import Binding

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
