"""Answer keys: where a key is read from, and which names are keys.

A key is an annotator. It can live in the class store, in another store
folder (``--key DIR``) or in a key pack the teacher made with ``annotty
pack --annotator NAME`` (``--key FILE.zip``): students who only receive the
class store and the articles never receive the key.

The names of answer keys are never a reader's name: ``serve --ask-name``
refuses them (and any name the teacher protects), so no reader can open a
key's file. A store records the keys it was graded against in
``answer-keys.txt`` (one name per line), which ``serve`` reads.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .errors import AnnottyError
from .store import Store, check_name

KEYS_FILE = "answer-keys.txt"


class AnswerKey:
    """The annotator ``name`` of ``store``, the store it was found in (a
    folder, or a pack unpacked into a scratch folder until ``close``)."""

    def __init__(self, name: str, store: Store, where: str, apart: bool, scratch: Path | None = None):
        self.name = name
        self.store = store
        self.where = where  # what to name in messages: the store folder or the pack
        self.apart = apart  # whether the key lives outside the class store
        self._scratch = scratch

    def close(self) -> None:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def __enter__(self) -> AnswerKey:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def open_key(name: str, class_store: Store, key: str | Path | None = None) -> AnswerKey:
    """The answer key ``name``: in ``class_store``, or in ``key`` (a store
    folder or a key pack). Raises AnnottyError, in one line, when it is not
    there."""
    check_name(name)
    if key is None:
        answer = AnswerKey(name, class_store, str(class_store.root), apart=False)
        known = class_store.annotators() if (class_store.root / "annotators").is_dir() else []
        if name not in known:
            raise AnnottyError(f"no annotations by {name} (the answer key) in this store", class_store.root)
        return answer
    path = Path(key)
    if path.is_dir():
        if not (path / "annotators").is_dir():
            raise AnnottyError("not an annotation store (no annotators folder): give --key a store folder "
                               "or a key pack", path)
        answer = AnswerKey(name, Store(path), str(path), apart=True)
    elif path.is_file():
        from .store.pack import extract_pack

        scratch = Path(tempfile.mkdtemp(prefix="annotty-key-"))
        try:
            (scratch / "store" / "documents").mkdir(parents=True)
            manifest = extract_pack(path, scratch / "store")
            if manifest["annotator"] != name:
                raise AnnottyError(f"this key pack holds {manifest['annotator']}'s annotations, not {name}'s", path)
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
        answer = AnswerKey(name, Store(scratch / "store"), str(path), apart=True, scratch=scratch)
    else:
        raise AnnottyError("no such folder or key pack", path)
    if name not in answer.store.annotators():
        answer.close()
        raise AnnottyError(f"no annotations by {name} (the answer key) here", path)
    return answer


def same_texts(answer: AnswerKey, class_store: Store, doc_ids) -> None:
    """Refuse a key kept apart whose documents have another text than the
    class store's of the same id (its offsets would point elsewhere)."""
    if not answer.apart:
        return
    for doc_id in doc_ids:
        if not class_store.text_path(doc_id).exists() or not answer.store.text_path(doc_id).exists():
            continue
        if class_store.load_document(doc_id).text != answer.store.load_document(doc_id).text:
            raise AnnottyError(f"the answer key was made on another text of document {doc_id} than this store's",
                               answer.where)


# -- names that are keys --------------------------------------------------------


def recorded_keys(store_root: str | Path) -> set[str]:
    """The names a store records as answer keys."""
    try:
        lines = (Path(store_root) / KEYS_FILE).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return set()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def record_key(store_root: str | Path, name: str) -> None:
    """Record ``name`` as an answer key of the store (kept once; a store that
    cannot be written to is left as it is: recording only protects)."""
    from .atomic import atomic_writer

    root = Path(store_root)
    names = recorded_keys(root)
    if name in names or not root.is_dir():
        return
    try:
        with atomic_writer(root / KEYS_FILE) as handle:
            handle.write("# answer keys: annotty serve --ask-name refuses these names\n")
            handle.write("".join(f"{key}\n" for key in sorted(names | {name})))
    except OSError:
        pass


def read_names_file(path: str | Path) -> set[str]:
    """Names, one a line (blank lines and lines starting with # skipped);
    AnnottyError naming the file and line of a bad one."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise AnnottyError("no such file", path) from None
    except (OSError, UnicodeDecodeError) as error:
        raise AnnottyError(f"cannot read the names ({getattr(error, 'strerror', None) or error})", path) from None
    names = set()
    for number, line in enumerate(lines, 1):
        name = line.strip()
        if not name or name.startswith("#"):
            continue
        try:
            names.add(check_name(name))
        except AnnottyError as error:
            raise AnnottyError(error.message, path, number) from None
    return names


def protected_names(store_root: str | Path, given: str | None = None, file: str | Path | None = None) -> frozenset:
    """Names no reader may take: ``given`` ("a,b"), those in ``file``, and
    the store's recorded answer keys."""
    names = set(recorded_keys(store_root))
    if given:
        names |= {check_name(name.strip()) for name in given.split(",") if name.strip()}
    if file:
        names |= read_names_file(file)
    return frozenset(names)


def refuse_protected(name: str, protected) -> str:
    """``name``, unless it is protected (an answer key's name)."""
    if name in protected:
        raise AnnottyError(f"{name} is an answer key's name: choose your own name")
    return name
