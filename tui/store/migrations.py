"""Bringing store files written by older versions up to the current format.

Format 0 is what plain TinyDB writes (the layout before annotty kept a
format number): records keyed by insertion counters ("1", "2"...), spans
possibly in TinyDB's ``_default`` table. Format 1 keys every record by its
own stable id and records the format in the ``annotty`` table.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import AnnottyError
from .storage import StoreDamaged

CURRENT = 1
#: The tables a store file may hold, each a JSON object of records.
_TABLES = ("annotty", "document", "spans", "relations", "_default")


def version_of(raw: dict) -> int:
    if not raw:
        return CURRENT  # a new file
    version = ((raw.get("annotty") or {}).get("format") or {}).get("version")
    return version if isinstance(version, int) else 0


def migrate(raw: dict, path: Path) -> tuple[dict, bool]:
    """``raw`` in the current format, and whether anything changed."""
    for name in _TABLES:
        if not isinstance(raw.get(name, {}), dict):  # "spans": [] too: no annotty or TinyDB wrote it
            raise StoreDamaged(f"store file has a malformed {name} table", path)
    version = version_of(raw)
    if version > CURRENT:
        raise AnnottyError(f"written by a newer annotty (format {version}, this one reads {CURRENT})", path)
    changed = False
    while version < CURRENT:
        raw = _STEPS[version](raw)
        version += 1
        changed = True
    return raw, changed


def _from_0(raw: dict) -> dict:
    import hashlib  # only old files need it: not imported at start-up

    spans = dict(raw.get("spans") or {})
    spans.update(raw.get("_default") or {})
    migrated = {"annotty": {"format": {"version": 1}}, "document": raw.get("document") or {}}
    for name, table, prefix in (("spans", spans, "s"), ("relations", raw.get("relations") or {}, "r")):
        keyed = {}
        for old_key, stored in table.items():
            if not isinstance(stored, dict):
                continue
            record = dict(stored)
            # Without an id, one made from the content: migrating twice gives the same file.
            digest = hashlib.sha256((old_key + json.dumps(record, sort_keys=True)).encode("utf-8")).hexdigest()
            record["id"] = str(record.get("id") or f"{prefix}{digest[:10]}")
            keyed[record["id"]] = record
        migrated[name] = keyed
    return migrated


_STEPS = {0: _from_0}
