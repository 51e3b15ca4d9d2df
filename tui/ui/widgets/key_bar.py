"""The bottom line of keys: the bindings marked ``show``, drawn once.

Textual's Footer restyles itself on every focus change and costs a good part
of the start-up time; this line shows the same keys as plain text.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

#: Actions shown first whatever the width: how to learn the keys, and how to leave.
FIRST = ("help", "quit")


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; padding: 0 1; }
    """

    _items: tuple[tuple[str, str], ...] = ()
    _fitted_to: int = -1

    def show_bindings(self, bindings: list[Binding], extra: Sequence[tuple[str, str, str]] = ()) -> None:
        """The shown ``bindings`` and ``extra`` (key, description, action), the
        help and quit keys first; at the width, only the items that fit whole."""
        items: list[tuple[str, str, str]] = []
        for binding in bindings:
            if not binding.show:
                continue
            first = Binding(binding.key.split(",")[0].strip(), binding.action, key_display=binding.key_display)
            items.append((self.app.get_key_display(first), binding.description, binding.action))
        items.extend(extra)
        items.sort(key=lambda item: FIRST.index(item[2]) if item[2] in FIRST else len(FIRST))
        self._items = tuple((key, description) for key, description, _action in items)
        self._fitted_to = -1
        self._fit()

    def _fit(self) -> None:
        width = self.content_region.width or self.app.size.width
        if width == self._fitted_to:
            return
        self._fitted_to = width
        line = Text(no_wrap=True)
        for key, description in self._items:
            piece = f" {key}  {description}  "
            if line.cell_len + cell_len(piece.rstrip()) > width:
                break
            line.append(f" {key} ", style="bold reverse")
            line.append(f" {description}  ")
        self.update(line)

    def on_resize(self) -> None:
        if self._items:
            self._fit()
