"""The annotation store (TinyDB files under one folder)."""

from .annotator_file import FORMAT_VERSION, AnnotatorFile
from .storage import AtomicJSONStorage, StoreNotWritable
from .store import Store, StoreLocked, check_name

__all__ = [
    "FORMAT_VERSION", "AnnotatorFile", "AtomicJSONStorage", "Store", "StoreLocked", "StoreNotWritable", "check_name",
]
