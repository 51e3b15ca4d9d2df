"""Baseline of the grade benchmark: read and parse every file of a store.

    python benchmarks/grade_baseline.py STORE

json.load of annotators/*/*.json and documents/*.json, and reading
documents/*.txt: the least any grader must do before comparing anything.
"""

import json
import sys
from pathlib import Path


def main(store: Path) -> int:
    spans = documents = 0
    for path in sorted(store.glob("annotators/*/*.json")):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        spans += len(data.get("spans", {})) if isinstance(data, dict) else 0
    for path in sorted(store.glob("documents/*.json")):
        with open(path, encoding="utf-8") as f:
            json.load(f)
        documents += 1
    chars = sum(len(p.read_text(encoding="utf-8")) for p in sorted(store.glob("documents/*.txt")))
    print(f"{documents} documents, {chars} characters, {spans} span records")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
