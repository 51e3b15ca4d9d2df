"""The bottom line of keys: the bindings marked ``show``, drawn once.

Textual's Footer restyles itself on every focus change and costs a good part
of the start-up time; this line shows the same keys as plain text.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; padding: 0 1; }
    """

    def show_bindings(self, bindings: list[Binding], extra: list[tuple[str, str]] = ()) -> None:
        line = Text(no_wrap=True, overflow="ellipsis")
        for binding in bindings:
            if not binding.show:
                continue
            first = Binding(binding.key.split(",")[0].strip(), binding.action, key_display=binding.key_display)
            self._add(line, self.app.get_key_display(first), binding.description)
        for key, description in extra:
            self._add(line, key, description)
        self.update(line)

    @staticmethod
    def _add(line: Text, key: str, description: str) -> None:
        line.append(f" {key} ", style="bold reverse")
        line.append(f" {description}  ")
