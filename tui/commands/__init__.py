"""The subcommands of ``annotty``: one module each, with ``build_parser()``
and ``run(args) -> exit code``. A module here is a command: ``annotty NAME``
runs ``tui/commands/NAME.py`` (``import_.py`` for ``import``; dashes in a
name are underscores in its module)."""

from __future__ import annotations

import importlib
import keyword
import pkgutil
from types import ModuleType

_NOT_COMMANDS = {"common"}

COMMANDS = sorted(
    info.name.rstrip("_").replace("_", "-")
    for info in pkgutil.iter_modules(__path__)
    if info.name not in _NOT_COMMANDS
)


def find_command(name: str) -> ModuleType | None:
    if name not in COMMANDS:
        return None
    module = name.replace("-", "_")
    if keyword.iskeyword(module):
        module += "_"
    return importlib.import_module(f"{__name__}.{module}")
