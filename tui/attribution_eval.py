"""How well the suggester attributes quotes, measured against an attribution
corpus in brat (PolNeAR-style Source / Cue / Content events), read by
annotty's own brat importer. Core: no printing, no UI.

``load_gold(folder)`` gives each article's gold attributions;
``evaluate(documents)`` runs the suggester on every article and counts;
``measure_speed(texts)`` (attribution_speed.py) times it. The figures, as defined here:

* **direct quotes**: gold content is *direct* when it starts or ends with a
  quotation mark (or one is right beside it; see ``brat_attribution``),
  else *indirect*. Direct quotes of 3+ words (``\\w+`` runs in its longest
  quotation: "called it “a con”" has 2) are compared
  with the suggested direct quotes of 3+ words: *partial precision* is the
  share of those suggestions overlapping some gold content (of any type:
  a quoted phrase inside reported speech is still attributed speech),
  *partial recall* the share of gold direct quotes overlapped (in one of
  their parts) by a suggestion.
* **found quotes** are the suggested quotes of 3+ words overlapping a gold
  direct quote of 3+ words, each compared with the gold quote it overlaps
  most. *with a speaker*: the share that offers one (``suggestion.speaker``).
* A gold source is a **pronoun** (he, she, they...), a **name** (its words
  capitalised, connecting words such as "of" aside, after an optional
  "The"; not opening with a determiner such as "A" or "His"; one word at a
  sentence start counts only when it is never written in lower case in the
  article) or else a **description** ("a spokeswoman", "the Britain-based
  war monitor", "Trump's campaign"). *name right*: among found quotes whose
  gold source is a name, the share whose offered speaker overlaps that
  source span or is another mention of the same name (its last word, e.g.
  "Clinton" for "Hillary Clinton"); no speaker offered counts as wrong.
  *description overlap*: the same for descriptions, by overlap only.
* **indirect attributions**: gold content that is not direct, against the
  suggested quotes of type ``indirect`` and the suggested claims that name
  a source. Partial precision (overlapping any gold content) and recall;
  *speaker overlap*: among the gold indirect attributions found that have a
  source, the share whose suggestion's speaker is right as above.
* **speed**: articles of about 5 KB (each dev article's paragraphs, repeated
  when short) written to files; suggesting = reading a file and running the
  suggester, baseline = reading the file and splitting it into paragraphs
  and sentences with a regular expression. Best of several runs, on one
  core (pinned where the system allows), by CPU time; the wall-clock figure
  is shown beside it, as on a busy machine it also counts other programs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .attribution_speed import Speed, measure_speed, sized_articles
from .model import ATTRIBUTION_FOR_KIND, span_parts

__all__ = ["Figures", "GoldDocument", "GoldQuote", "Speed", "evaluate", "load_gold", "measure_speed",
           "quoted_words", "sized_articles", "source_kind", "table"]

_WORD = re.compile(r"\w+")
PRONOUNS = frozenset(
    [
        "he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "us", "me", "his", "hers", "their", "its",
        "who", "one",
    ]
)
DETERMINERS = frozenset(
    [
        "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your", "some",
        "another", "one", "many", "several", "both", "each", "every", "two", "three", "four", "any", "most", "all",
        "no", "other", "such",
    ]
)
CONNECTORS = frozenset(
    ["of", "de", "del", "the", "for", "and", "van", "von", "al", "bin", "ibn", "du", "la", "le", "da", "di", "&", "on"]
)
NAME, DESCRIPTION, PRONOUN = "name", "description", "pronoun"


@dataclass
class GoldQuote:
    start: int
    end: int
    parts: list[tuple[int, int]]
    direct: bool
    #: Words of its longest quotation (see ``quoted_words``).
    words: int
    #: (start, end, NAME / DESCRIPTION / PRONOUN) of each linked source.
    sources: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def source_kind(self) -> str | None:
        kinds = {kind for _s, _e, kind in self.sources}
        return next((kind for kind in (NAME, DESCRIPTION, PRONOUN) if kind in kinds), None)


@dataclass
class GoldDocument:
    id: str
    text: str
    quotes: list[GoldQuote]


def load_gold(folder: Path | str, role_labels: dict[str, str] | None = None) -> list[GoldDocument]:
    """Every article of a brat attribution folder with its gold quotes
    (content of any type) and their sources, as ``annotty import`` reads them."""
    from .formats import brat
    from .formats.importing import ImportContext

    context = ImportContext(role_labels=role_labels or {})
    documents = []
    for item in brat.read(Path(folder), context):
        text, annotations = item.document.text, item.annotations
        quotes = []
        for span in annotations.spans():
            if span.kind not in ATTRIBUTION_FOR_KIND:
                continue
            label = ATTRIBUTION_FOR_KIND[span.kind]
            sources = [annotations.span(r.child) for r in annotations.relations_of(span.id)
                       if r.head == span.id and r.label == label]
            quotes.append(GoldQuote(
                span.start, span.end, span_parts(span), span.attrs.get("type") == "direct",
                quoted_words(text, span_parts(span)),
                [(s.start, s.end, source_kind(text, s.start, s.end)) for s in sources]))
        documents.append(GoldDocument(item.document.id, text, quotes))
    return documents


_QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)|''.*?(?:''|$)|«[^»]*(?:»|$)|„[^“”]*(?:[“”]|$)|‘[^’]*(?:’|$)",
                     re.DOTALL)


def quoted_words(text: str, parts: list[tuple[int, int]]) -> int:
    """Words of the longest quotation in ``parts`` ("Clinton as a “disgrace”":
    1; "“disgusting” and “a con”": 2), or of the longest part when no mark
    is inside them (the marks are outside the span)."""
    quoted = [m.group() for s, e in parts for m in _QUOTED.finditer(text[s:e])]
    pieces = quoted if quoted else [text[s:e] for s, e in parts]
    return max(len(_WORD.findall(piece)) for piece in pieces)


def source_kind(text: str, start: int, end: int) -> str:
    """PRONOUN, NAME or DESCRIPTION, as defined in this module's docstring."""
    return _classify(text, start, end)[0]


def named_part(text: str, start: int, end: int) -> str:
    """The name a NAME source gives ("Mike Pence" in "nominee Mike Pence")."""
    return _classify(text, start, end)[1]


def _classify(text: str, start: int, end: int) -> tuple[str, str]:
    source = text[start:end]
    words = re.findall(r"[\w’'.&-]+", source)
    if not words:
        return DESCRIPTION, ""
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return PRONOUN, ""
    head = source.split(",", 1)[0]
    for candidate in ([source, head] if "," in source else [source]):
        if _all_capitalised(re.findall(r"[\w’'.&-]+", candidate)):
            if len(words) == 1 and _at_sentence_start(text, start) and re.search(
                    rf"\b{re.escape(words[0].lower())}\b", text):
                return DESCRIPTION, ""  # "Officials said": a common noun written with a capital
            return NAME, candidate.strip()
    # "Republican nominee Mike Pence": a role, then the person's full name.
    run = 0
    while run < len(words) and (words[-1 - run][:1].isupper() or words[-1 - run] in ("and", "de", "van", "von")):
        run += 1
    before = words[-1 - run].lower() if run < len(words) else ""
    if run >= 2 and before[:1].isalpha() and before not in _NOT_A_ROLE and words[-1][:1].isupper():
        return NAME, " ".join(words[-run:])
    return DESCRIPTION, ""


_NOT_A_ROLE = (
    DETERMINERS
    | CONNECTORS
    | frozenset(["for", "with", "at", "to", "by", "from", "about", "both", "and", "among", "than"])
)


def _all_capitalised(words: list[str]) -> bool:
    rest = words[1:] if words and words[0] in ("The", "the") and len(words) > 1 else words
    if not rest or rest[0].lower() in DETERMINERS or rest[0].lower() in PRONOUNS:
        return False
    return all(w[:1].isupper() or w.lower() in CONNECTORS or not w[:1].isalpha() for w in rest)


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip(" \"“‘'")
    return not before or before[-1] in ".!?\n:"


def _surname(text: str) -> str:
    words = [w for w in re.findall(r"\w+", text.replace("’s", "").replace("'s", "")) if w[:1].isupper()]
    return words[-1] if words else ""


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _overlap(parts: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(max(0, min(e, end) - max(s, start)) for s, e in parts)


def _offered(suggestion) -> list[tuple[int, int]]:
    """The speakers a suggestion offers (one today; a list if the suggester gives several)."""
    offered = [tuple(suggestion.speaker)] if getattr(suggestion, "speaker", None) else []
    offered += [tuple(s) for s in getattr(suggestion, "speakers", None) or () if tuple(s) not in offered]
    return offered


def speaker_right(
    text: str, quote: GoldQuote, offered: list[tuple[int, int]], kinds=(NAME, DESCRIPTION, PRONOUN)
) -> bool:
    """Whether an offered speaker is one of the gold sources of ``kinds``: it
    overlaps the source span, or (for a name) ends with the same name."""
    for start, end, kind in quote.sources:
        if kind not in kinds:
            continue
        surname = _surname(named_part(text, start, end)) if kind == NAME else ""
        for speaker in offered:
            if _overlaps(speaker, (start, end)) or (surname and _surname(text[speaker[0]:speaker[1]]) == surname):
                return True
    return False


@dataclass
class Figures:
    documents: int = 0
    # (a) direct quotes of 3+ words
    direct_gold: int = 0
    direct_recalled: int = 0
    direct_suggested: int = 0
    direct_precise: int = 0
    # (b) found quotes offered a speaker
    found: int = 0
    found_with_speaker: int = 0
    # (c) named sources, (d) descriptions, and pronouns (counted, not scored)
    named: int = 0
    named_right: int = 0
    described: int = 0
    described_right: int = 0
    pronoun: int = 0
    no_source: int = 0
    # (e) indirect attributions
    indirect_gold: int = 0
    indirect_recalled: int = 0
    indirect_suggested: int = 0
    indirect_suggested_claims: int = 0  # of which claims naming a source, not quotes
    indirect_precise: int = 0
    indirect_sourced: int = 0
    indirect_speaker_right: int = 0
    # (f) speed
    speed: Speed | None = None
    #: With ``keep_examples`` > 0, up to that many failures per kind, for a
    #: person to read: ``{"missed direct quote": ["doc: …", ...], ...}``.
    keep_examples: int = 0
    examples: dict[str, list[str]] = field(default_factory=dict)

    def example(self, kind: str, document: GoldDocument, where: tuple[int, int], detail: str = "") -> None:
        kept = self.examples.setdefault(kind, [])
        if len(kept) < self.keep_examples:
            shown = re.sub(r"\s+", " ", document.text[where[0]:where[1]])
            shown = shown if len(shown) <= 90 else shown[:60] + " … " + shown[-25:]
            kept.append(f"{document.id}@{where[0]}: {shown!r}" + (f" ({detail})" if detail else ""))

    def ratios(self) -> dict[str, float | None]:
        def ratio(part: int, whole: int) -> float | None:
            return round(part / whole, 3) if whole else None

        return {
            "direct_partial_precision": ratio(self.direct_precise, self.direct_suggested),
            "direct_partial_recall": ratio(self.direct_recalled, self.direct_gold),
            "found_with_speaker": ratio(self.found_with_speaker, self.found),
            "named_source_right": ratio(self.named_right, self.named),
            "description_overlap": ratio(self.described_right, self.described),
            "indirect_partial_precision": ratio(self.indirect_precise, self.indirect_suggested),
            "indirect_partial_recall": ratio(self.indirect_recalled, self.indirect_gold),
            "indirect_speaker_overlap": ratio(self.indirect_speaker_right, self.indirect_sourced),
        }

    def as_dict(self) -> dict:
        counts = {k: v for k, v in asdict(self).items() if k not in ("speed", "keep_examples", "examples")}
        return {"figures": self.ratios(), "counts": counts, "speed": asdict(self.speed) if self.speed else None,
                **({"examples": self.examples} if self.keep_examples else {})}


def _default_suggester() -> Callable:
    from .suggest import suggest

    return suggest


def is_indirect(suggestion) -> bool:
    """An indirect attribution: a quote without quotation marks, or a claim that names its source."""
    if suggestion.kind == "quote":
        return suggestion.attrs.get("type") == "indirect"
    return suggestion.kind == "claim" and bool(_offered(suggestion))


def evaluate(documents: Iterable[GoldDocument], suggester: Callable | None = None,
             figures: Figures | None = None) -> Figures:
    """Run ``suggester(text)`` (default: the built-in ``tui.suggest.suggest``)
    on every article and add up the figures."""
    suggester = suggester or _default_suggester()
    figures = figures or Figures()
    for document in documents:
        add_document(figures, document, suggester(document.text))
    return figures


def add_document(figures: Figures, document: GoldDocument, suggestions: list) -> None:
    text, gold = document.text, document.quotes
    figures.documents += 1
    direct_gold = [q for q in gold if q.direct and q.words >= 3]
    indirect_gold = [q for q in gold if not q.direct]
    direct = [s for s in suggestions if s.kind == "quote" and s.attrs.get("type", "direct") == "direct"
              and len(_WORD.findall(s.text)) >= 3]
    indirect = [s for s in suggestions if is_indirect(s)]

    def best(suggestion, quotes: list[GoldQuote]) -> GoldQuote | None:
        scored = [(_overlap(q.parts, suggestion.start, suggestion.end), -q.start, index)
                  for index, q in enumerate(quotes)]
        top = max(scored, default=(0, 0, -1))
        return quotes[top[2]] if top[0] > 0 else None

    figures.direct_gold += len(direct_gold)
    for quote in direct_gold:
        if any(_overlap(quote.parts, s.start, s.end) for s in direct):
            figures.direct_recalled += 1
        else:
            figures.example("direct quote missed", document, (quote.start, quote.end))
    figures.direct_suggested += len(direct)
    for suggestion in direct:
        if best(suggestion, gold) is not None:
            figures.direct_precise += 1
        else:
            figures.example("direct quote suggested, not in gold", document, (suggestion.start, suggestion.end))
    for suggestion in direct:
        matched = best(suggestion, direct_gold)
        if matched is None:
            continue
        offered = _offered(suggestion)
        figures.found += 1
        figures.found_with_speaker += bool(offered)
        if not offered:
            figures.example("found quote without a speaker", document, (suggestion.start, suggestion.end),
                            f"gold: {_sources_text(text, matched)}")
        kind = matched.source_kind
        if kind in (NAME, DESCRIPTION):
            right = speaker_right(text, matched, offered, (kind,))
            if kind == NAME:
                figures.named += 1
                figures.named_right += right
            else:
                figures.described += 1
                figures.described_right += right
            if offered and not right:
                figures.example(f"wrong speaker, gold source a {kind}", document, (suggestion.start, suggestion.end),
                                f"offered {text[offered[0][0]:offered[0][1]]!r}, gold {_sources_text(text, matched)}")
        elif kind == PRONOUN:
            figures.pronoun += 1
        else:
            figures.no_source += 1

    figures.indirect_gold += len(indirect_gold)
    figures.indirect_suggested += len(indirect)
    figures.indirect_suggested_claims += sum(1 for s in indirect if s.kind == "claim")
    figures.indirect_precise += sum(1 for s in indirect if best(s, gold) is not None)
    for quote in indirect_gold:
        matches = [s for s in indirect if _overlap(quote.parts, s.start, s.end)]
        if not matches:
            figures.example("indirect attribution missed", document, (quote.start, quote.end),
                            f"gold: {_sources_text(text, quote)}")
            continue
        figures.indirect_recalled += 1
        if quote.sources:
            figures.indirect_sourced += 1
            figures.indirect_speaker_right += any(speaker_right(text, quote, _offered(s)) for s in matches)


def _sources_text(text: str, quote: GoldQuote) -> str:
    return " + ".join(repr(text[s:e]) for s, e, _kind in quote.sources) or "no source"


# ---------------------------------------------------------------------------
# Table

#: (figure, what it is, the issue's target)
ROWS = [
    ("direct_partial_precision", "direct quotes 3+ words: partial precision", ">= 0.95"),
    ("direct_partial_recall", "direct quotes 3+ words: partial recall", ">= 0.92"),
    ("found_with_speaker", "found quotes offered a speaker", ">= 0.90"),
    ("named_source_right", "gold source a name: offered speaker is that person", ">= 0.85"),
    ("description_overlap", "gold source a description: offered source overlaps it", ">= 0.50"),
    ("indirect_partial_precision", "indirect attributions: partial precision", ">= 0.80"),
    ("indirect_partial_recall", "indirect attributions: partial recall", ">= 0.40"),
    ("indirect_speaker_overlap", "indirect found: speaker overlaps gold source", ">= 0.60"),
]

_COUNTS = {
    "direct_partial_precision": ("direct_precise", "direct_suggested"),
    "direct_partial_recall": ("direct_recalled", "direct_gold"),
    "found_with_speaker": ("found_with_speaker", "found"),
    "named_source_right": ("named_right", "named"),
    "description_overlap": ("described_right", "described"),
    "indirect_partial_precision": ("indirect_precise", "indirect_suggested"),
    "indirect_partial_recall": ("indirect_recalled", "indirect_gold"),
    "indirect_speaker_overlap": ("indirect_speaker_right", "indirect_sourced"),
}


def table(figures: Figures) -> str:
    ratios = figures.ratios()
    lines = [f"{'figure':55} {'value':>6} {'count':>11}  target", "-" * 83]
    for key, what, target in ROWS:
        part, whole = (getattr(figures, name) for name in _COUNTS[key])
        value = "-" if ratios[key] is None else f"{ratios[key]:.2f}"
        lines.append(f"{what:55} {value:>6} {f'{part}/{whole}':>11}  {target}")
    lines.append(f"{'(found quotes whose gold source is a pronoun / none)':55} {'':>6} "
                 f"{f'{figures.pronoun}/{figures.no_source}':>11}")
    lines.append(f"{'(indirect suggestions that are claims with a source)':55} {'':>6} "
                 f"{f'{figures.indirect_suggested_claims}/{figures.indirect_suggested}':>11}")
    if figures.speed:
        speed = figures.speed
        lines.append(f"{f'suggesting, {speed.mean_chars}-char articles, one core (articles/s)':55} "
                     f"{speed.articles_per_second:>6.0f} {'':>11}  >= 100")
        lines.append(f"{'  the same by the wall clock (other programs included)':55} "
                     f"{speed.wall_per_second:>6.0f}")
        lines.append(f"{'  read + split baseline (articles/s); times slower':55} "
                     f"{speed.baseline_per_second:>6.0f} {f'x{speed.ratio}':>11}")
    lines.append(f"{figures.documents} article(s)")
    for kind, shown in sorted(figures.examples.items()):
        lines += ["", f"{kind}:"] + [f"  {line}" for line in shown]
    return "\n".join(lines)
