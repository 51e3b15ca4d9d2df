"""The annotation store (TinyDB files under one folder)."""

from .store import FORMAT_VERSION, AnnotatorFile, Store, StoreLocked, check_name
from .storage import AtomicJSONStorage

__all__ = [
    "FORMAT_VERSION", "AnnotatorFile", "AtomicJSONStorage", "Store", "StoreLocked",
    "check_name",
]
