"""Draw the README's pictures from the real app, so that they never go stale.

    python docs/screenshots.py            # writes docs/screenshots/*.svg

Each picture is Textual's own SVG export of a screen reached by keys through
Pilot, on the bundled sample (or the tutorial's exercise) annotated here, at
100×30, with no clock or toast on screen: the same code gives the same files.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # a checkout that is not installed still imports tui

from tui.loading import find_articles  # noqa: E402
from tui.resources import seed_articles  # noqa: E402
from tui.schema import DEFAULT_SCHEMA  # noqa: E402
from tui.session import Session  # noqa: E402
from tui.store import Store  # noqa: E402
from tui.tutorial import EXERCISE, answer_key  # noqa: E402
from tui.workspace import Workspace  # noqa: E402

SIZE = (100, 30)
OUT = HERE / "screenshots"
QUOTE = "These tactics won’t succeed, our Syrian partners are focused on finding ISIS wherever they hide, " \
        "and our Iraqi partners have secured their borders"
EARLIER = "are attempting to escape through intermixing with the innocent women and children attempting to flee " \
          "the fighting"
CLAIM = "have fled IS territory since the Kurdish-led Syrian Democratic Forces"


def annotate(store: Store, workspace: Workspace, annotator: str, spans: list[tuple[str, str]],
             links: list[tuple[str, str]], attrs: dict[str, tuple[str, str]] | None = None) -> None:
    """Tag each phrase (``"Ghika#2"``: its second occurrence), link and set attributes, as ``annotator``."""
    document = workspace.document(0)
    store.save_document(document)
    session = Session(document, DEFAULT_SCHEMA, store.open(document, annotator))
    text = document.text
    made = {}
    for phrase, label in spans:
        words, _, occurrence = phrase.partition("#")
        start = -1
        for _ in range(int(occurrence or 1)):
            start = text.index(words, start + 1)
        made[phrase] = session.tag(start, start + len(words), label)
    for head, child in links:
        session.link(made[head].id, made[child].id)
    for phrase, (key, value) in (attrs or {}).items():
        session.set_attr(made[phrase].id, key, value)
    session.close()


async def shoot(app, out: Path, name: str, keys: list[str], setup=None) -> Path:
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        if setup:
            setup(app)
            await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        app.clear_notifications()
        await pilot.pause()
        path = out / f"{name}.svg"
        path.write_text(app.export_screenshot(title=f"annotty: {name.replace('-', ' ')}"), encoding="utf-8")
        await pilot.press("ctrl+q")
    return path


async def main(out: Path = OUT) -> list[Path]:
    """Draw every picture into ``out``; the paths written."""
    out.mkdir(exist_ok=True)
    before = Path.cwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)  # the status line names the store as a user sees it: annotations/annotators/...
        try:
            written = await _shoot_all(Path(folder), out)
        finally:
            os.chdir(before)
    return written


async def _shoot_all(folder: Path, out: Path) -> list[Path]:
    from tui.ui.app import AnnottyApp

    written = []
    store = Store(folder / "annotations")
    workspace = Workspace(find_articles(seed_articles()[:1]), store, "maria", DEFAULT_SCHEMA, gold="teacher")
    annotate(store, workspace, "maria",
             [("Christopher Ghika", "PERSON"), ("Ghika#2", "PERSON"), ("Kurdish-led forces", "ORG"),
              ("Syrian Observatory for Human Rights", "ORG"), (EARLIER, "QUOTE"), (QUOTE, "QUOTE"),
              (CLAIM, "CLAIM")],
             [(QUOTE, "Christopher Ghika"), (EARLIER, "Ghika#2"),
              (CLAIM, "Syrian Observatory for Human Rights")],
             {CLAIM: ("verdict", "true")})
    annotate(store, workspace, "teacher",
             [("Christopher Ghika", "PERSON"), ("Syrian Observatory for Human Rights", "ORG"),
              ("Kurdish-led forces in Syria", "ORG"), ("Baghouz", "LOC"), (QUOTE, "QUOTE")],
             [(QUOTE, "Christopher Ghika")])

    def on_the_speaker(app) -> None:
        # On the second Ghika: the quote attributed to him is marked.
        text = app.session.document.text
        app.article.move_caret(text.index("general, Ghika") + len("general, "), centre=True)

    written.append(await shoot(AnnottyApp(workspace, workspace.open(0)), out, "main-screen", ["right"],
                               on_the_speaker))

    def in_the_quote(app) -> None:
        text = app.session.document.text
        app.article.move_caret(text.index(QUOTE) + 3, centre=True)

    written.append(await shoot(AnnottyApp(workspace, workspace.open(0)), out, "link-picker", ["a"], in_the_quote))
    written.append(await shoot(AnnottyApp(workspace, workspace.open(0)), out, "compare-view",
                               ["ctrl+k", "right_square_bracket"]))

    tutorial = Workspace([EXERCISE], Store(folder / "tutorial"), "student", DEFAULT_SCHEMA)
    session = tutorial.open(0)
    text = session.document.text
    for phrase, label in [("Lena Okafor", "PERSON"), ("Tomas Berg", "PERSON"), ("Portvale Harbour", "ORG"),
                          ("We cannot wait for the next storm", "QUOTE")]:
        start = text.index(phrase, text.index("Harbour council approves"))
        session.tag(start, start + len(phrase), label)
    spans = {s.text: s for s in session.annotations.spans()}
    session.link(spans["We cannot wait for the next storm"].id, spans["Tomas Berg"].id)
    app = AnnottyApp(tutorial, session, answer_key=answer_key(text))
    written.append(await shoot(app, out, "tutorial-score", ["ctrl+g"]))
    return written


if __name__ == "__main__":
    for path in asyncio.run(main()):
        print(path.relative_to(REPO).as_posix())
