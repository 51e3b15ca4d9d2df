"""The house rule, derived from the folders: everything that imports Textual
lives in ``tui/ui/``; the core (the rest of the package, commands aside) never
imports Textual or Rich, and never reaches into the UI."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tui"
#: Folders allowed to use Textual or Rich: the UI, and the commands' output.
UI, COMMANDS = PACKAGE / "ui", PACKAGE / "commands"
#: Thin entry points that start the app (late imports of tui.ui are their job).
ENTRY_POINTS = {PACKAGE / "cli.py", PACKAGE / "__main__.py"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def core_modules() -> list[Path]:
    return sorted(
        path for path in PACKAGE.rglob("*.py")
        if UI not in path.parents and COMMANDS not in path.parents and path not in ENTRY_POINTS
    )


def imported_names(path: Path) -> set[str]:
    """Absolute names of every module ``path`` imports (relative ones resolved)."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            names.add(target)
            names.update(f"{target}.{alias.name}" for alias in node.names)
    return names


def test_the_core_never_names_textual_rich_or_the_ui():
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            name for name in imported_names(path)
            if name.split(".")[0] in ("textual", "rich") or name.startswith("tui.ui")
        )
        for path in core_modules()
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_textual_is_only_imported_under_ui():
    outside = [
        str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
        if UI not in path.parents and any(name.split(".")[0] == "textual" for name in imported_names(path))
    ]
    assert outside == []


def test_importing_the_whole_core_loads_no_textual_or_rich():
    core = ", ".join(module_name(path) for path in core_modules() if not path.name.startswith("spacy"))
    code = (
        f"import sys, {core}; bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')];"
        " print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_layering_check_can_fail(tmp_path):
    bad = tmp_path / "tui" / "bad.py"
    bad.parent.mkdir()
    bad.write_text("from .ui.app import AnnottyApp\nimport rich.text\n")
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path / "tui"
    try:
        assert imported_names(bad) >= {"tui.ui.app", "tui.ui.app.AnnottyApp", "rich.text"}
    finally:
        PACKAGE = saved
