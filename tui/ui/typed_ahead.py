"""Keys typed while an article's annotations load: held, then replayed in order.

The article shows before its annotations have loaded (a few tens of
milliseconds, more on a slow disk); a fast typist's ``/ Ghika Enter p`` in
that moment would otherwise meet a read-only placeholder. Each held key is
sent again as the terminal would send it, one at a time, the next only once
the previous one's work is done (so that ``/`` has opened the find bar
before the letters arrive).
"""

from __future__ import annotations

from textual import events

from .textual_private import wait_for_idle

#: Keys that act at once even while loading: leaving must never wait.
NEVER_HELD = {"ctrl+q", "ctrl+c"}


class TypedAhead:
    """Mixin for the App: ``_holding_keys()`` says when keys are held;
    ``_replay_typed_ahead()`` runs once the annotations are in."""

    _typed_ahead: list[tuple[str, str | None]]
    _replaying = False

    def _hold_key(self, event: events.Key) -> bool:
        """Hold ``event`` if keys are held now; True if it was held."""
        if getattr(event, "replayed", False) or event.key in NEVER_HELD:
            return False
        if not (self._holding_keys() or self._replaying):
            return False
        if event.key == "ctrl+j":
            # Typed before the app set the terminal raw, Enter reached it as
            # the line feed the terminal turned it into.
            self._typed_ahead.append(("enter", "\r"))
        else:
            self._typed_ahead.append((event.key, event.character))
        event.stop()
        event.prevent_default()
        return True

    def _holding_keys(self) -> bool:  # pragma: no cover - the app says
        raise NotImplementedError

    def _replay_soon(self) -> None:
        if self._typed_ahead and not self._replaying:
            self._replaying = True
            self.run_worker(self._replay_typed_ahead(), group="typed-ahead")  # type: ignore[attr-defined]

    async def _replay_typed_ahead(self) -> None:
        try:
            while self._typed_ahead:
                key, character = self._typed_ahead.pop(0)
                event = events.Key(key, character)
                event.replayed = True  # type: ignore[attr-defined]
                event.set_sender(self)  # type: ignore[arg-type]
                self.post_message(event)  # type: ignore[attr-defined]
                await wait_for_idle()
        finally:
            self._replaying = False
