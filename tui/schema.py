"""The label schema: which labels exist, their kind, key and colour.

A schema is a TOML file::

    snap = "word"            # or "off": how selections are snapped when tagged

    [labels.PERSON]
    kind = "entity"          # entity, quote or claim
    key = "p"                # one character, pressed to tag the selection
    color = "#e5a50a"        # highlight colour, #rgb or #rrggbb

Without one, ``DEFAULT_SCHEMA`` is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import AnnottyError
from .model import CLAIM, ENTITY, KINDS, QUOTE

#: Keys the app binds to its own actions; a label cannot take them.
RESERVED_KEYS = frozenset("aeiknrstuvxyzAFGNRSUWX/?[]{}<>.,;:-=+*\"' 0123456789")
SNAP_MODES = ("word", "off")
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


@dataclass(frozen=True)
class Label:
    """A label to tag with: its name, its kind, the key that tags with it and its colour."""

    name: str
    kind: str
    key: str
    color: str


@dataclass(frozen=True)
class Schema:
    """The labels of a run, whether selections snap to whole words, and where the schema came from."""

    labels: tuple[Label, ...]
    snap: str = "word"
    source: str = "built-in"

    def label(self, name: str) -> Label | None:
        for label in self.labels:
            if label.name == name:
                return label
        return None

    def by_key(self, key: str) -> Label | None:
        for label in self.labels:
            if label.key == key:
                return label
        return None

    def kind_of(self, name: str) -> str | None:
        label = self.label(name)
        return label.kind if label else None


DEFAULT_SCHEMA = Schema(
    labels=(
        Label("PERSON", ENTITY, "p", "#e5a50a"),
        Label("ORG", ENTITY, "o", "#3584e4"),
        Label("LOC", ENTITY, "l", "#2ec27e"),
        Label("DATE", ENTITY, "d", "#c061cb"),
        Label("MISC", ENTITY, "m", "#9a9996"),
        Label("QUOTE", QUOTE, "q", "#f66151"),
        Label("CLAIM", CLAIM, "c", "#62a0ea"),
    )
)


def load_schema(path: str | Path) -> Schema:
    """Read and check a schema file; AnnottyError names the file and the problem."""
    import tomllib  # only when a schema file is given: it costs start-up time otherwise

    from .loading import read_input_file  # refuses a pipe or a device before reading

    path = Path(path)
    raw = read_input_file(path)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise AnnottyError("schema is not UTF-8 text", path) from None
    except tomllib.TOMLDecodeError as error:
        line = _toml_error_line(str(error))
        raise AnnottyError(f"not valid TOML: {str(error).split(' (at line')[0]}", path, line) from None
    return schema_from_dict(data, path)


def schema_from_dict(data: dict, path: str | Path = "schema") -> Schema:
    labels_table = data.get("labels")
    if not isinstance(labels_table, dict) or not labels_table:
        raise AnnottyError("schema needs a [labels.NAME] table for at least one label", path)
    snap = data.get("snap", "word")
    if snap not in SNAP_MODES:
        raise AnnottyError(f"snap must be one of {', '.join(SNAP_MODES)}, not {snap!r}", path)
    labels: list[Label] = []
    keys: dict[str, str] = {}
    for name, table in labels_table.items():
        where = f"label {name}"
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_\-]*", name):
            raise AnnottyError(f"{where}: names are letters, digits, '_' or '-'", path)
        if not isinstance(table, dict):
            raise AnnottyError(f"{where}: expected a table with kind, key and color", path)
        kind = table.get("kind", ENTITY)
        if kind not in KINDS:
            raise AnnottyError(f"{where}: kind must be one of {', '.join(KINDS)}, not {kind!r}", path)
        key = table.get("key")
        if not isinstance(key, str) or len(key) != 1 or not key.isprintable() or key.isspace():
            raise AnnottyError(f"{where}: key must be a single character, one that prints", path)
        if key in RESERVED_KEYS:
            raise AnnottyError(f"{where}: key {key!r} is taken by annotty itself", path)
        if key in keys:
            raise AnnottyError(f"{where}: key {key!r} is already used by {keys[key]}", path)
        keys[key] = name
        color = table.get("color", "#9a9996")
        if not isinstance(color, str) or not _HEX.fullmatch(color):
            raise AnnottyError(f"{where}: color must look like #rrggbb, not {color!r}", path)
        labels.append(Label(name, kind, key, color))
    return Schema(tuple(labels), snap=snap, source=str(path))


def _toml_error_line(message: str) -> int | None:
    match = re.search(r"at line (\d+)", message)
    return int(match.group(1)) if match else None
