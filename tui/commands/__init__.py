"""The subcommands of ``annotty``: one module each, with ``build_parser()``
and ``run(args) -> exit code``. ``annotty NAME`` runs ``tui/commands/NAME.py``
(``import_.py`` for ``import``; dashes in a name are underscores in its
module). The list is written out, not discovered, to keep start-up quick; a
test checks it against the folder."""

from __future__ import annotations

import importlib
import keyword
from types import ModuleType

COMMANDS = (
    "add", "adjudicate", "agree", "check", "export", "grade", "import", "merge", "pack", "serve", "stats", "suggest",
    "train", "tutorial",
)


def module_name(command: str) -> str:
    module = command.replace("-", "_")
    return module + "_" if keyword.iskeyword(module) else module


def find_command(name: str) -> ModuleType | None:
    if name not in COMMANDS:
        return None
    return importlib.import_module(f"{__name__}.{module_name(name)}")
