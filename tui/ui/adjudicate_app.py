"""The adjudication screen: one decision at a time, keys to choose."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..adjudication import Adjudication, Decision, LinkPlace, Place, SpanPlace, SpanVariant
from ..errors import AnnottyError
from ..model import SOURCE, SPEAKER
from ..resources import resource
from ..terminal_text import one_line
from .shown_data import SafeNotifications
from .widgets.describe import fold, shorten

#: What a link is called on screen.
LINK_NAMES = {SPEAKER: "speaker", SOURCE: "source"}


def link_name(label: str) -> str:
    return LINK_NAMES.get(label, "referent")


def both_ends(value: str, limit: int) -> str:
    """Long variants differ at their ends more often than in the middle: keep both."""
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    half = (limit - 3) // 2
    head, tail = value[:half], value[-half:]
    # Cut between words where there is a space to cut at.
    head = head.rsplit(" ", 1)[0] if " " in head else head
    tail = tail.split(" ", 1)[1] if " " in tail else tail
    return f"{head} … {tail}"


class AdjudicationApp(SafeNotifications, App):
    """``save(doc_ids)`` records the decisions and writes those documents'
    gold version (called after each decision and each undo)."""

    TITLE = "annotty adjudicate"
    CSS_PATH = str(resource("styles", "app.tcss"))
    BINDINGS = [
        *[Binding(str(n), f"keep({n})", f"Keep variant {n}", show=False) for n in range(1, 10)],
        Binding("a", "keep_all", "Keep every variant"),
        Binding("plus", "add", "Keep one more variant here (then 1–9)"),
        Binding("0,x", "keep_none", "Keep none"),
        Binding("right,n", "step(1)", "Next"),
        Binding("left,p", "step(-1)", "Previous"),
        Binding("u,ctrl+z", "undo", "Undo the last decision", priority=True),
        Binding("enter", "confirm", "Accept the unanimous ones", show=False),
        Binding("q", "quit", "Quit (decisions are saved)"),
    ]

    def __init__(self, adjudication: Adjudication, into: str, save: Callable[[list[str]], None]):
        super().__init__()
        self.adjudication = adjudication
        self.into = into
        self._save = save
        self.resumed = len(adjudication.decisions)
        #: The key of the place on screen (None: the first one still to decide).
        self.current: str | None = None
        #: After ``+``: the next digit adds a variant to those kept here.
        self.adding = False

    @property
    def confirmed(self) -> bool:
        return self.adjudication.confirmed

    def compose(self) -> ComposeResult:
        yield Static(id="adjudication-head")
        with VerticalScroll():
            yield Static(id="adjudication-body")
        yield Static(id="adjudication-keys")

    def on_mount(self) -> None:
        if self.resumed:
            self._show(f"Going on from {self.resumed} decision(s) recorded before (u takes them back one by one).")
        else:
            self._show()

    # -- what is on screen ----------------------------------------------------
    def _place(self) -> tuple[Place | None, list[Place]]:
        places = self.adjudication.places()
        for place in places:
            if place.key == self.current:
                return place, places
        pending = [p for p in places if p.chosen is None]
        return (pending[0] if pending else None), places

    def _show(self, message: str = "") -> None:
        head = self.query_one("#adjudication-head", Static)
        body = self.query_one("#adjudication-body", Static)
        keys = self.query_one("#adjudication-keys", Static)
        if not self.confirmed:
            head.update(
                Text(one_line(f"Adjudicating {', '.join(self.adjudication.annotators)} → {self.into}"), style="bold")
            )
            body.update(self._welcome(message))
            keys.update("Enter begin · q quit")
            return
        place, places = self._place()
        pending = sum(1 for p in places if p.chosen is None)
        if place is None:
            head.update(Text(one_line(f"Everything decided · {len(places)} place(s) → {self.into}"), style="bold"))
            body.update(self._summary(message))
            keys.update("← → review · u undo · q quit")
            return
        self.current = place.key
        where = f"place {places.index(place) + 1} of {len(places)}"
        head.update(Text(one_line(f"{place.doc_id} · {where} · {pending} to decide → {self.into}"), style="bold"))
        view = self._around(place)
        if isinstance(place, SpanPlace):
            self._span_choices(view, place)
            keys.update("1–9 keep that one · +1–9 keep it too · a all · 0/x none · u undo · ← → · q quit")
        else:
            self._link_choices(view, place)
            keys.update("1–9 that one · 0/x no link · u undo · ← → move · q quit (all saved)")
        if message:
            view.append(f"\n{one_line(message)}", style="bold")
        body.update(view)

    def _welcome(self, message: str) -> Text:
        spans, links = self.adjudication.unanimous_counts()
        places = sum(len(d.span_places) for d in self.adjudication.documents.values())
        view = Text(
            f"{len(self.adjudication.documents)} document(s) annotated by all of them.\n\n"
            f"{spans} span(s) and {links} link(s) are unanimous (same start, end and label, same speaker or "
            "source, for everyone): they will be accepted as they are.\n"
            f"{places} place(s) of spans where they differ come next, one at a time; then the speakers, sources "
            "and referents they differ on.\n\n"
            "Every decision is saved at once: quit whenever you like and run adjudicate again to go on.\n\n"
            "Press Enter to accept the unanimous ones and begin, q to quit without writing anything."
        )
        if message:
            view.append(f"\n\n{one_line(message)}", style="bold")
        return view

    def _summary(self, message: str) -> Text:
        summary = self.adjudication.summary()
        view = Text(
            f"{summary['decided_spans']} span decision(s), {summary['decided_links']} link decision(s), and the "
            f"unanimous ones accepted ({summary['unanimous_spans']} span(s), {summary['unanimous_links']} link(s)).\n"
            f"{self.into} now holds {summary['gold_spans']} span(s) and {summary['gold_links']} link(s); "
            "open it in the app to edit further.\n"
        )
        if message:
            view.append(f"\n{one_line(message)}", style="bold")
        return view

    def _around(self, place: Place) -> Text:
        text = self.adjudication.documents[place.doc_id].text
        lo, hi = max(0, place.start - 160), min(len(text), place.end + 160)
        view = Text(fold(text[lo:place.start]), style="dim")
        view.append(one_line(" ".join(text[place.start:place.end].split())), style="reverse")
        view.append(fold(text[place.end:hi]), style="dim")
        view.append("\n\n")
        return view

    def _links_of(self, doc_id: str, variant: SpanVariant) -> str:
        """The speaker, source or referent its annotators linked it to (who, when they differ)."""
        spans = self.adjudication.documents[doc_id].variants
        described = []
        for label, votes in sorted(variant.links.items()):
            by_target: dict = {}
            for name, target in votes.items():
                by_target.setdefault(target, []).append(name)
            if len(by_target) == 1:
                target = next(iter(by_target))
                described.append(f"{link_name(label)} “{shorten(spans[target].text, 40)}”" if target
                                 else f"no {link_name(label)}")
                continue
            described.append(" · ".join(
                f"{link_name(label)} “{shorten(spans[t].text, 30)}” ({', '.join(n)})" if t
                else f"no {link_name(label)} ({', '.join(n)})"
                for t, n in by_target.items()
            ))
        return "; ".join(described)


    def _span_choices(self, view: Text, place: SpanPlace) -> None:
        for number, variant in enumerate(place.variants, start=1):
            kept = place.chosen is not None and variant.key in place.chosen
            view.append(f"{'✓' if kept else ' '} {number}  ", style="bold green" if kept else "bold")
            shown = both_ends(variant.text, max(40, self.size.width - 20))
            view.append(one_line(f"{variant.label} “{shown}”") + "\n", style="bold" if kept else "")
            view.append(one_line(f"      by {', '.join(variant.annotators)}"), style="italic")
            links = self._links_of(place.doc_id, variant)
            if links:
                view.append(one_line(f" → {links}"), style="dim")
            view.append("\n")
        if place.chosen == []:
            view.append("✓ none of them\n", style="bold green")

    def _link_choices(self, view: Text, place: LinkPlace) -> None:
        name = link_name(place.label)
        view.append(
            one_line(f"The {name} ({place.label}) of {place.head.label} “{shorten(place.head.text, 60)}”:") + "\n",
            style="bold",
        )
        for number, option in enumerate(place.options, start=1):
            kept = place.chosen is not None and option.target.key in place.chosen
            view.append(f"{'✓' if kept else ' '} {number}  ", style="bold green" if kept else "bold")
            view.append(
                one_line(f"{option.target.label} “{shorten(option.target.text, 50)}”"), style="bold" if kept else ""
            )
            view.append(one_line(f"  by {', '.join(option.annotators)}"), style="italic")
            if not option.kept:
                view.append("\n      its span was not kept: keeping this link keeps it too", style="dim")
            view.append("\n")
        chose_none = place.chosen == []
        view.append(f"{'✓' if chose_none else ' '} 0  no {name}", style="bold green" if chose_none else "")
        if place.without:
            view.append(one_line(f"  by {', '.join(place.without)}"), style="italic")
        view.append("\n")

    # -- decisions ------------------------------------------------------------
    def _commit(self, decision: Decision, message: str) -> bool:
        doc_ids = [decision.doc_id] if decision.doc_id else list(self.adjudication.documents)
        try:
            self._save(doc_ids)
        except AnnottyError as error:
            self._show(f"not saved: {error}")
            return False
        self._show(message)
        return True

    def _decide(self, keep_of: Callable[[Place], list | None], stay: bool = False) -> None:
        if not self.confirmed:
            return
        place, places = self._place()
        if place is None:
            return
        keep = keep_of(place)
        if keep is None:
            return
        decision = self.adjudication.decide(place, keep)
        message = self._told(place, keep)
        # On to the next place still to decide, after this one in reading order.
        places = self.adjudication.places()
        at = next((i for i, p in enumerate(places) if p.key == place.key), 0)
        later = [p for p in places[at + 1:] + places[:at + 1] if p.chosen is None]
        self.current = place.key if stay else later[0].key if later else None
        if not self._commit(decision, message):
            self.adjudication.undo()

    def _told(self, place: Place, keep: list) -> str:
        """The decision in words, shown under the next place."""
        texts = {v.key: f"{v.label} “{shorten(v.text, 40)}”" for v in (
            place.variants if isinstance(place, SpanPlace) else [o.target for o in place.options])}
        if isinstance(place, LinkPlace):
            what = f"{link_name(place.label)} of “{shorten(place.head.text, 30)}”"
            return f"saved: {what} is {texts[keep[0]]}" if keep else f"saved: no {what}"
        return f"saved: kept {', '.join(texts[k] for k in keep)}" if keep else "saved: kept none of them"

    def action_keep(self, number: int) -> None:
        adding, self.adding = self.adding, False

        def keep(place: Place) -> list | None:
            choices = place.variants if isinstance(place, SpanPlace) else [o.target for o in place.options]
            if number > len(choices):
                return None
            if adding and isinstance(place, SpanPlace):
                return [*(place.chosen or []), choices[number - 1].key]
            return [choices[number - 1].key]

        self._decide(keep, stay=adding)

    def action_add(self) -> None:
        place, _places = self._place()
        if self.confirmed and isinstance(place, SpanPlace):
            self.adding = True
            self._show("+: which variant to keep as well (1–9)?")

    def action_keep_all(self) -> None:
        self.adding = False
        self._decide(lambda place: [v.key for v in place.variants] if isinstance(place, SpanPlace) else None)

    def action_keep_none(self) -> None:
        self.adding = False
        self._decide(lambda place: [])

    def action_undo(self) -> None:
        self.adding = False
        decision = self.adjudication.undo()
        if decision is None:
            self._show("nothing to undo")
            return
        self.current = decision.place
        if not self._commit(decision, "undone"):
            self.adjudication.decisions.append(decision)

    def action_step(self, step: int) -> None:
        self.adding = False
        if not self.confirmed:
            return
        place, places = self._place()
        if not places:
            return
        at = places.index(place) if place is not None else (len(places) if step < 0 else -1)
        self.current = places[min(max(0, at + step), len(places) - 1)].key
        self._show()

    def action_confirm(self) -> None:
        if self.confirmed:
            return
        decision = self.adjudication.confirm()
        if not self._commit(decision, ""):
            self.adjudication.undo()
