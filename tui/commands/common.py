"""What the commands share: the store option, the default annotator."""

from __future__ import annotations

import argparse
import getpass
import re

DEFAULT_STORE = "annotations"


def add_store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", default=DEFAULT_STORE, metavar="DIR",
                        help="folder of the annotation store (default: ./annotations)")


def default_annotator() -> str:
    try:
        name = getpass.getuser()
    except Exception:  # no login name (some containers): fall back quietly
        name = ""
    name = re.sub(r"[^\w.\-]+", "-", name).strip("-.")
    return name or "annotator"
