"""One annotator's work as a single zip, to hand in or send, and merging it.

A pack holds, with the store's own layout::

    manifest.json                      annotator, annotty version, each document's sha256
    documents/<doc>.txt                the text of every document the annotator annotated
    documents/<doc>.json               its record
    annotators/<name>/<doc>.json       the annotator's file on it (a leftover journal folded in)

The zip is written atomically and deterministically (entries sorted, fixed
timestamps): packing the same work twice gives the same bytes.

Unpacking checks the pack before anything is written: entry names that could
land outside the store (``..``, absolute paths, links) or that are not part
of a pack are refused, every text must have the size (``bytes``) and sha256
the manifest gives (checked while it is copied a block at a time, never read
whole into memory), and a
document the target store already holds with another text is refused with
its name. The pack is then merged like a store folder (tui.store.merge).

This module is core: no printing, no terminal UI.
"""

from __future__ import annotations

import json
import re
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .. import __version__
from ..atomic import atomic_writer
from ..errors import AnnottyError
from ..loading import MAX_INPUT_BYTES
from .annotator_file import FORMAT_VERSION, journal_path
from .merge import JOURNAL_SUFFIX, MergeReport, effective_annotator_file, lazy_text, merge_store, read_record
from .storage import dump_json
from .store import Store, check_name
from .streams import BLOCK, copy_checked, text_file_sha256

#: Version of the pack layout, written into every manifest.
PACK_FORMAT = 1
MANIFEST = "manifest.json"
#: Every entry gets this time stamp, so that the zip depends on the data only.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MAX_MANIFEST_BYTES = 16 * 2**20

_PART = r"[\w][\w.\-]*"
_DOCUMENT_ENTRY = re.compile(rf"documents/(?P<doc>{_PART})\.(?P<ext>txt|json)", re.UNICODE)
_ANNOTATOR_ENTRY = re.compile(rf"annotators/(?P<name>{_PART})/(?P<doc>{_PART})\.json", re.UNICODE)
_FOLDER_ENTRY = re.compile(rf"(documents|annotators|annotators/{_PART})/", re.UNICODE)


@dataclass
class PackReport:
    path: Path
    annotator: str
    documents: list[str] = field(default_factory=list)
    #: Files whose leftover journal was folded in.
    folded: list[str] = field(default_factory=list)


def _annotated(store: Store, annotator: str) -> list[str]:
    folder = store.root / "annotators" / annotator
    if not folder.is_dir():
        return []
    ids = set()
    for p in folder.iterdir():
        if p.name.endswith(JOURNAL_SUFFIX):
            ids.add(p.name[: -len(JOURNAL_SUFFIX)])
        elif p.suffix == ".json" and not p.name.startswith("."):
            ids.add(p.stem)
    return sorted(ids)


def pack(store_root: str | Path, annotator: str, out_path: str | Path) -> PackReport:
    """Write ``annotator``'s files, the documents they annotated and a
    manifest into one zip at ``out_path`` (atomically)."""
    store_root, out_path = Path(store_root), Path(out_path)
    check_name(annotator)
    if not store_root.is_dir():
        raise AnnottyError("no annotation store here (give --store DIR)", store_root)
    store = Store(store_root)
    doc_ids = _annotated(store, annotator)
    if not doc_ids:
        raise AnnottyError(f"no annotations by {annotator} in this store", store_root)
    report = PackReport(out_path, annotator)
    entries: dict[str, bytes | Path] = {}  # a text is copied from its file, a block at a time
    manifest_documents: dict[str, dict] = {}
    for doc_id in doc_ids:
        check_name(doc_id, "document")
        record_path, text_path = store.document_path(doc_id), store.text_path(doc_id)
        if not record_path.exists() or not text_path.exists():
            raise AnnottyError(f"no stored text for document {doc_id}; it cannot be packed", text_path)
        record_bytes, record = read_record(record_path)
        sha = text_file_sha256(text_path)
        if record.get("sha256") != sha:
            raise AnnottyError(f"the stored text of document {doc_id} does not match its record's sha256", text_path)
        path = store.annotator_path(annotator, doc_id)
        content = effective_annotator_file(path, annotator, doc_id, lazy_text(text_path), sha)
        if content is None:
            continue
        if journal_path(path).exists():
            report.folded.append(f"annotators/{annotator}/{doc_id}.json")
        entries[f"documents/{doc_id}.txt"] = text_path
        entries[f"documents/{doc_id}.json"] = record_bytes
        entries[f"annotators/{annotator}/{doc_id}.json"] = content
        manifest_documents[doc_id] = {"sha256": sha, "bytes": text_path.stat().st_size}
        report.documents.append(doc_id)
    if not report.documents:
        raise AnnottyError(f"no annotations by {annotator} in this store", store_root)
    manifest = {
        "pack": PACK_FORMAT,
        "annotator": annotator,
        "annotty_version": __version__,
        "store_format": FORMAT_VERSION,
        "documents": manifest_documents,
    }
    entries[MANIFEST] = dump_json(manifest).encode("utf-8")
    try:
        with atomic_writer(out_path, binary=True) as handle, zipfile.ZipFile(handle, "w") as archive:
            for name in sorted(entries):
                info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3  # unix, whatever the platform, for the same bytes everywhere
                info.external_attr = (stat.S_IFREG | 0o644) << 16
                entry = entries[name]
                if isinstance(entry, bytes):
                    archive.writestr(info, entry)
                    continue
                # As writestr does, with the size known first: the same bytes, a block at a time.
                info.file_size = entry.stat().st_size
                with open(entry, "rb") as source, archive.open(info, "w") as target:
                    shutil.copyfileobj(source, target, BLOCK)
    except OSError as error:
        raise AnnottyError(f"cannot write the pack: {error.strerror or error}", out_path) from None
    return report


# ---------------------------------------------------------------------------


def _check_entry_name(name: str, zip_path: Path) -> None:
    """Refuse names that could write outside the folder they are unpacked in."""
    parts = name.split("/")
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or name.startswith("/")
        or re.match(r"[A-Za-z]:", name)
        or any(part in ("..", ".") for part in parts)
        or PurePosixPath(name).is_absolute()
    ):
        raise AnnottyError(f"the pack holds an unsafe path {name!r}; refused, nothing was written", zip_path)


def extract_pack(zip_path: str | Path, folder: Path) -> dict:
    """Check the pack (names, layout, sizes, hashes) and write its files into
    ``folder`` (a scratch folder, laid out as a store), a block at a time:
    memory holds a block, not an entry. Every size is checked against the
    manifest (texts) and the zip's directory before anything is read.
    Returns the manifest; AnnottyError naming what is wrong."""
    zip_path = Path(zip_path)
    try:
        archive = zipfile.ZipFile(zip_path)
    except FileNotFoundError:
        raise AnnottyError("no such file", zip_path) from None
    except (zipfile.BadZipFile, OSError) as error:
        raise AnnottyError(f"not a readable zip file ({error})", zip_path) from None
    with archive:
        entries = _checked_entries(archive.infolist(), zip_path)
        manifest = _read_manifest(archive, entries, zip_path)
        listed = manifest["documents"]
        for doc_id, entry in listed.items():
            text = entries.get(f"documents/{doc_id}.txt")
            if text is None or f"documents/{doc_id}.json" not in entries:
                raise AnnottyError(f"the pack lacks the text or record of document {doc_id}", zip_path)
            declared = entry.get("bytes") if isinstance(entry, dict) else None
            if isinstance(declared, int) and text.file_size != declared:
                raise AnnottyError(f"the pack is damaged: documents/{doc_id}.txt is {text.file_size:,} bytes, "
                                   f"its manifest says {declared:,}; refused, nothing was written", zip_path)
        for name, info in entries.items():
            if name == MANIFEST:
                continue
            target = folder.joinpath(*name.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with archive.open(info) as source, open(target, "xb") as out:
                    sha = copy_checked(source, out, info.file_size, zip_path, name)
            except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as error:
                raise AnnottyError(f"the pack is damaged ({name}: {error})", zip_path) from None
            match = _DOCUMENT_ENTRY.fullmatch(name)
            if match and match["ext"] == "txt":
                entry = listed[match["doc"]]
                if sha != (entry.get("sha256") if isinstance(entry, dict) else None):
                    raise AnnottyError(f"the pack is damaged: the text of document {match['doc']} does not match "
                                       "its manifest", zip_path)
    return manifest


def _checked_entries(infos: list[zipfile.ZipInfo], zip_path: Path) -> dict[str, zipfile.ZipInfo]:
    """The pack's file entries by name, every name and size checked first:
    refused before anything is read."""
    for info in infos:
        _check_entry_name(info.filename, zip_path)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise AnnottyError(f"the pack holds a link {info.filename!r}; refused, nothing was written", zip_path)
    entries: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.filename
        if name.endswith("/"):
            if not _FOLDER_ENTRY.fullmatch(name):
                raise AnnottyError(f"not an annotty pack: unexpected folder {name!r}", zip_path)
            continue
        if name != MANIFEST and not (_DOCUMENT_ENTRY.fullmatch(name) or _ANNOTATOR_ENTRY.fullmatch(name)):
            raise AnnottyError(f"not an annotty pack: unexpected file {name!r}", zip_path)
        if name in entries:
            raise AnnottyError(f"the pack holds {name!r} twice; refused", zip_path)
        limit = MAX_MANIFEST_BYTES if name == MANIFEST else MAX_INPUT_BYTES
        if info.file_size > limit:
            raise AnnottyError(f"the pack's {name} is too large ({info.file_size / 2**20:,.0f} MB; at most "
                               f"{limit // 2**20:,} MB); refused, nothing was written", zip_path)
        entries[name] = info
    return entries


def _read_manifest(archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], zip_path: Path) -> dict:
    if MANIFEST not in entries:
        raise AnnottyError(f"not an annotty pack (no {MANIFEST})", zip_path)
    try:
        with archive.open(entries[MANIFEST]) as handle:
            raw = handle.read(MAX_MANIFEST_BYTES + 1)
        manifest = json.loads(raw.decode("utf-8"))
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as error:
        raise AnnottyError(f"the pack is damaged ({MANIFEST}: {error})", zip_path) from None
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise AnnottyError(f"the pack's {MANIFEST} is damaged", zip_path) from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("documents"), dict):
        raise AnnottyError(f"the pack's {MANIFEST} lists no documents", zip_path)
    version = manifest.get("pack", PACK_FORMAT)
    if not isinstance(version, int) or version > PACK_FORMAT:
        raise AnnottyError(f"written by a newer annotty (pack format {version}, this one reads {PACK_FORMAT})",
                           zip_path)
    annotator = manifest.get("annotator")
    if not isinstance(annotator, str):
        raise AnnottyError(f"the pack's {MANIFEST} names no annotator", zip_path)
    check_name(annotator)
    listed = manifest["documents"]
    for name in entries:
        match = _ANNOTATOR_ENTRY.fullmatch(name)
        if match and match["name"] != annotator:
            raise AnnottyError(f"the pack is {annotator}'s but holds {name!r}; refused", zip_path)
        match = match or _DOCUMENT_ENTRY.fullmatch(name)
        if match and match["doc"] not in listed:
            raise AnnottyError(f"the pack holds {name!r}, which its manifest does not list", zip_path)
    return manifest


def unpack_and_merge(zip_path: str | Path, target_root: str | Path, dry_run: bool = False) -> MergeReport:
    """Check the pack at ``zip_path`` against the store at ``target_root``,
    then merge it in (see tui.store.merge). Raises AnnottyError, before
    writing anything, for an unsafe or damaged pack, or one whose documents
    have another text than the target's documents of the same id."""
    zip_path, target_root = Path(zip_path), Path(target_root)
    target = Store(target_root)
    with tempfile.TemporaryDirectory(prefix="annotty-pack-") as scratch:
        root = Path(scratch) / "store"
        (root / "documents").mkdir(parents=True)
        manifest = extract_pack(zip_path, root)
        mismatched = []
        for doc_id, entry in sorted(manifest["documents"].items()):
            text_path = target.text_path(doc_id)
            if not text_path.exists():
                continue
            here = text_file_sha256(text_path)
            if here != entry["sha256"]:
                mismatched.append(f"{doc_id} (pack sha256 {entry['sha256'][:12]}…, this store {here[:12]}…)")
        if mismatched:
            raise AnnottyError(
                f"the pack's annotations were made on another text than this store's for document(s) "
                f"{', '.join(mismatched)}; refused, nothing was written", zip_path,
            )
        report = merge_store(root, target_root, dry_run=dry_run)
    report.source = str(zip_path)
    return report
