"""Textual's private names that annotty relies on are all still there.

When a Textual upgrade removes one, this fails naming it, and
``tui/ui/textual_private.py`` is the one file to mend."""

from __future__ import annotations

import pytest

from tui.ui.textual_private import PRIVATE_FUNCTIONS, PRIVATE_INSTANCE_NAMES, PRIVATE_NAMES


@pytest.mark.parametrize("owner, name", PRIVATE_NAMES, ids=[f"{o.__name__}.{n}" for o, n in PRIVATE_NAMES])
def test_private_textual_name_exists(owner, name):
    assert hasattr(owner, name), f"Textual no longer has {owner.__name__}.{name}: mend tui/ui/textual_private.py"


@pytest.mark.parametrize("module, name", PRIVATE_FUNCTIONS, ids=[f"{m.__name__}.{n}" for m, n in PRIVATE_FUNCTIONS])
def test_private_textual_function_exists(module, name):
    assert callable(getattr(module, name, None)), f"Textual no longer has {module.__name__}.{name}"


async def test_private_instance_names_exist_on_a_live_view(tmp_path):
    from tests.ui.helpers import SIZE, make_app

    article = tmp_path / "story.txt"
    article.write_text("Headline\n\n" + "A line of the story.\n" * 80, encoding="utf-8")
    app = make_app([article], tmp_path / "store")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.article
        for name in PRIVATE_INSTANCE_NAMES:
            assert hasattr(view, name), f"Textual no longer sets {name} on widgets: mend tui/ui/textual_private.py"


def test_only_one_module_uses_textual_private_api():
    import re
    from pathlib import Path

    ui = Path(__file__).resolve().parents[2] / "tui" / "ui"
    pattern = re.compile(
        r"\.(" + "|".join(n for _o, n in PRIVATE_NAMES) + r"|_styles_cache|_bindings|_vertical_scrollbar|_wait)\b"
    )
    users = sorted(str(p.relative_to(ui)) for p in ui.rglob("*.py") if pattern.search(p.read_text(encoding="utf-8")))
    assert users == ["textual_private.py"]
