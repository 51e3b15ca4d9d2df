"""The README's pictures are drawn by a script from the real app: it must keep working."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "screenshots.py"


async def test_the_screenshot_script_draws_every_picture(tmp_path):
    spec = importlib.util.spec_from_file_location("screenshots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    before = Path.cwd()
    written = await module.main(tmp_path)
    assert Path.cwd() == before
    assert sorted(p.name for p in written) == [
        "compare-view.svg", "link-picker.svg", "main-screen.svg", "tutorial-score.svg",
    ]
    main_screen = (tmp_path / "main-screen.svg").read_text(encoding="utf-8")
    assert main_screen.startswith("<svg") and "Christopher&#160;Ghika" in main_screen
    assert "/tmp" not in main_screen and str(tmp_path) not in main_screen  # no machine path on the picture
    for name in ("main-screen", "link-picker", "compare-view", "tutorial-score"):
        readme_picture = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / f"{name}.svg"
        assert readme_picture.exists()
