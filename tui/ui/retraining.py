"""The model in the loop: after every N new or corrected annotations the app
retrains its ``--model`` in the background, says so in the status line, and
shows the new model's suggestions when it is done.

A mixin of ``AnnottyApp``, like ``suggesting``. Training runs in a child
process (``tui.learn.retrain``), waited for by a thread worker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from ..errors import AnnottyError
from ..terminal_text import one_line

if TYPE_CHECKING:
    from ..session import Session
    from ..workspace import Workspace

#: Default for ``--retrain-every``: edits between two trainings.
RETRAIN_EVERY = 25


@dataclass(frozen=True)
class ModelInLoop:
    """The ``--model`` folder, and after how many edits it is retrained (0: never)."""

    path: str
    retrain_every: int = 0


class RetrainActions:
    session: Session
    workspace: Workspace
    _status: Callable[[str], None]
    notify: Callable[..., None]  # the host App's
    call_from_thread: Callable[..., object]  # the host App's
    model_path: str | None  # SuggestionActions'
    _learned: object  # SuggestionActions'
    suggesting: bool  # SuggestionActions'
    action_suggest: Callable[[], None]  # SuggestionActions'

    retrain_every: int = 0
    #: A training is running in the background.
    retraining: bool = False
    _edits_since_training: int = 0
    _counted: tuple[int, int] = (0, 0)  # (id of the session, its edits already counted)

    def _count_edits(self) -> None:
        """Called after each change shown: starts a training once ``retrain_every`` edits have been made."""
        if not self.model_path or self.retrain_every <= 0 or self.session.read_only:
            return
        session = self.session
        seen = self._counted[1] if self._counted[0] == id(session) else 0
        self._edits_since_training += max(0, session.edits - seen)
        self._counted = (id(session), session.edits)
        if self._edits_since_training >= self.retrain_every and not self.retraining:
            edits, self._edits_since_training = self._edits_since_training, 0
            self.retraining = True
            self._status(f"retraining the model in the background after {edits} edits; keep going")
            self._retrain(self.workspace.store.root, self._training_annotators(), self.model_path)

    def _training_annotators(self) -> list[str]:
        """Whose work the model learnt from (those in this store), and the reader's."""
        from ..learn.model_folder import read_meta

        try:
            names = list(read_meta(self.model_path or "").get("annotators") or [])
        except AnnottyError:
            names = []
        known = set(self.workspace.store.annotators())
        chosen = [name for name in names if name in known]
        if self.session.annotator not in chosen:
            chosen.append(self.session.annotator)
        return chosen

    @work(thread=True, exclusive=True, group="retrain")
    def _retrain(self, store_root: Path, annotators: list[str], model: str) -> None:
        from textual.worker import get_current_worker

        from ..learn.retrain import retrain_in_child

        worker = get_current_worker()
        problem = retrain_in_child(store_root, annotators, model, lambda: worker.is_cancelled)
        if worker.is_cancelled:
            return  # the app is closing: the training is dropped, the old model kept
        if problem is not None:
            self.call_from_thread(self._retrain_failed, problem)
            return
        from ..learn.suggester import LearnedSuggester

        try:
            learned = LearnedSuggester(model)
        except AnnottyError as error:
            self.call_from_thread(self._retrain_failed, str(error))
            return
        self.call_from_thread(self._retrained, learned)

    def _retrained(self, learned) -> None:
        self._learned = learned
        self.retraining = False
        micro = learned.meta.get("micro") or {}
        documents = sum((learned.meta.get("documents") or {}).values())
        message = f"model retrained on {documents} documents: held-out F1 {micro.get('f1', 0):.2f}"
        self.notify(message, timeout=5, markup=False)
        if self.suggesting:
            self.action_suggest()  # the open article's suggestions, from the new model
        else:
            self._status(message)

    def _retrain_failed(self, problem: str) -> None:
        self.retraining = False
        said = f"model not retrained: {one_line(problem)}"  # the child's words may name any file
        self.notify(said, severity="warning", timeout=8, markup=False)
        self._status(said)
