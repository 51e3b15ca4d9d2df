"""Reading and copying store files a block at a time, so that merging a
pack or a store holds one block of a text in memory, not the whole text."""

from __future__ import annotations

import codecs
import hashlib
import shutil
from pathlib import Path
from typing import IO

from ..atomic import atomic_writer
from ..errors import AnnottyError

BLOCK = 1 << 20


def copy_checked(source: IO[bytes], target: IO[bytes], expected_size: int, where: Path, name: str) -> str:
    """Copy ``source`` into ``target`` a block at a time; refuse (naming
    ``where`` and ``name``) anything but exactly ``expected_size`` bytes of
    UTF-8 for a ``.txt``. Returns the sha256 of what was copied."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")() if name.endswith(".txt") else None
    copied = 0
    while True:
        block = source.read(BLOCK)
        if not block:
            break
        copied += len(block)
        if copied > expected_size:
            raise AnnottyError(f"the pack is damaged: {name} is longer than the {expected_size:,} bytes it "
                               "declares; refused, nothing was written", where)
        if decoder is not None:
            try:
                decoder.decode(block)
            except UnicodeDecodeError:
                raise AnnottyError(f"the pack's {name} is not UTF-8 text; refused", where) from None
        digest.update(block)
        target.write(block)
    if copied != expected_size:
        raise AnnottyError(f"the pack is damaged: {name} holds {copied:,} bytes, not the {expected_size:,} "
                           "it declares; refused, nothing was written", where)
    if decoder is not None:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise AnnottyError(f"the pack's {name} is not UTF-8 text; refused", where) from None
    return digest.hexdigest()


def text_file_sha256(path: Path) -> str:
    """The sha256 of a stored UTF-8 text (as ``text_sha256`` of its content),
    read a block at a time; AnnottyError if it is not UTF-8."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open(path, "rb") as handle:
            while block := handle.read(BLOCK):
                decoder.decode(block)
                digest.update(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise AnnottyError("stored text is not UTF-8", path) from None
    except OSError as error:
        raise AnnottyError(f"cannot read: {error.strerror or error}", path) from None
    return digest.hexdigest()


def same_file_content(a: Path, b: Path) -> bool:
    """Whether two files hold the same bytes, compared a block at a time."""
    if a.stat().st_size != b.stat().st_size:
        return False
    with open(a, "rb") as first, open(b, "rb") as second:
        while True:
            block = first.read(BLOCK)
            if block != second.read(BLOCK):
                return False
            if not block:
                return True


def copy_file_atomically(source: Path, target: Path) -> None:
    with open(source, "rb") as handle, atomic_writer(target, binary=True) as out:
        shutil.copyfileobj(handle, out, BLOCK)
