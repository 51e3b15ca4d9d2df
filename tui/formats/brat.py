"""brat standoff: a folder of ``<doc>.txt`` (the text exactly, UTF-8, LF)
and ``<doc>.ann``, plus an ``annotation.conf`` that brat accepts::

    T1	PERSON 10 23	Jane Doe-Smith
    T2	QUOTE 30 41;42 50	first line second line
    R1	SPEAKER Arg1:T2 Arg2:T1
    A1	type T2 direct
    #1	AnnotatorNotes T1	a note

Offsets are code points into the .txt, end exclusive. brat spans cannot hold
a line break, so a span across one is written as fragments split there, its
text the fragments joined by a space (brat's own way). Span attributes are
``A`` lines named as in annotty (``type``, ``checkworthy``, ``verdict``);
notes are ``AnnotatorNotes``. ``annotation.conf`` groups the labels under
``!annotty_entity``, ``!annotty_quote`` and ``!annotty_claim``, which is how
an import tells the kinds apart. With several annotators, each gets a
subfolder (brat collections), and an import names the annotator after it.

A quote or claim in several parts (``attrs.parts``) is written as one
discontinuous span, ``QUOTE 10 20;35 60``, and read back the same way.

Import takes a folder (every .ann in it and below), one .ann, or its .txt.
A text and its .ann may have different names when the text's name (without
.txt) begins the .ann's, followed by ``_`` or ``-`` and the annotator
(``article_alice.ann`` beside ``article.txt``, as PolNeAR names them).
Attribution events (source, cue and content roles) become quotes or claims
linked to their speaker (see brat_attribution.py). Other events,
normalisations, equivalences and entity spans in several pieces have no
place in annotty: they are left out and reported.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from glob import escape as glob_escape
from pathlib import Path
from collections.abc import Iterable

from ..errors import AnnottyError
from ..model import CLAIM, KINDS, PARTS, QUOTE, span_parts
from . import brat_attribution as attribution
from .importing import ImportContext, Imported, RawRelation, RawSpan, build_document
from .reading import read_text
from .output import atomic_folder
from .records import ExportRecord, ExportReport, attr_text, attr_value, relations_in_reading_order

#: What ``str.splitlines`` (and so brat reading an .ann) takes for a line end.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK = re.compile(f"[{LINE_BREAKS}]")
_PIECE = re.compile(f"[^{LINE_BREAKS}]+")
_TYPE_UNSAFE = re.compile(r"[^A-Za-z0-9_\-]")
GROUP = "annotty_"


def brat_type(name: str) -> str:
    return _TYPE_UNSAFE.sub("_", name) or "_"


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in _PIECE.finditer(text[start:end])]


def ann_text(record: ExportRecord, report: ExportReport, conf: _Conf) -> str:
    text, lines, t_ids = record.document.text, [], {}
    counts: Counter[str] = Counter()

    def next_id(prefix: str) -> str:
        counts[prefix] += 1
        return f"{prefix}{counts[prefix]}"

    for span in record.annotations.spans():
        pieces = [piece for start, end in span_parts(span) for piece in fragments(text, start, end)]
        if not pieces:
            report.drop(record, f"span {span.label} {span.text!r}: only line breaks, which brat cannot hold")
            continue
        if (pieces[0][0], pieces[-1][1]) != (span.start, span.end):
            report.adjust(record, f"span {span.label} {span.text!r}: line breaks at its edges left out")
        label = brat_type(span.label)
        if label != span.label:
            report.adjust(record, f"label {span.label!r} written as {label!r} (brat types are A-Z, 0-9, _ and -)")
        conf.labels[span.kind].add(label)
        t_ids[span.id] = tid = next_id("T")
        where = ";".join(f"{s} {e}" for s, e in pieces)
        lines.append(f"{tid}\t{label} {where}\t{' '.join(text[s:e] for s, e in pieces)}")
        for key, value in span.attrs.items():
            if key in ("note", PARTS) or value is False or value in (None, ""):
                continue
            if key.startswith("#"):  # a brat note of another type than AnnotatorNotes: a note again
                lines.append(f"{next_id('#')}\t{brat_type(key[1:])} {tid}\t{_BREAK.sub(' ', str(value))}")
                continue
            name, shown = brat_type(str(key)), attr_text(value)
            if value is not True and not re.fullmatch(r"[^\s,|:]+", shown):
                # Not a value brat's attributes can hold: a one-line comment of that type instead.
                lines.append(f"{next_id('#')}\t{name} {tid}\t{_BREAK.sub(' ', shown)}")
                continue
            conf.attributes[name][0].add(label)
            lines.append(f"{next_id('A')}\t{name} {tid}" + ("" if value is True else f" {shown}"))
            if value is not True:
                conf.attributes[name][1].add(shown)
        if span.note:
            note = _BREAK.sub(" ", span.note)
            if note != span.note:
                report.adjust(record, f"note of {span.text!r}: line breaks written as spaces")
            lines.append(f"{next_id('#')}\tAnnotatorNotes {tid}\t{note}")
    for relation in relations_in_reading_order(record.annotations):
        if relation.head not in t_ids or relation.child not in t_ids:
            report.drop(record, f"relation {relation.label}: one of its spans was left out")
            continue
        label = brat_type(relation.label)
        head, child = record.annotations.span(relation.head), record.annotations.span(relation.child)
        conf.relations[label][0].add(brat_type(head.label))
        conf.relations[label][1].add(brat_type(child.label))
        lines.append(f"{next_id('R')}\t{label} Arg1:{t_ids[relation.head]} Arg2:{t_ids[relation.child]}")
    return "".join(line + "\n" for line in lines)


class _Conf:
    def __init__(self):
        self.labels: dict[str, set[str]] = defaultdict(set)
        self.relations: dict[str, tuple[set, set]] = defaultdict(lambda: (set(), set()))
        self.attributes: dict[str, tuple[set, set]] = defaultdict(lambda: (set(), set()))

    def text(self) -> str:
        out = ["# Written by annotty: labels grouped by kind (entity, quote, claim).", "[entities]"]
        for kind in KINDS:
            if self.labels[kind]:
                out += [f"!{GROUP}{kind}"] + [f"\t{label}" for label in sorted(self.labels[kind])]
        out += ["", "[relations]", "<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>"]
        for name, (heads, children) in sorted(self.relations.items()):
            out.append(f"{name}\tArg1:{'|'.join(sorted(heads))}, Arg2:{'|'.join(sorted(children))}")
        out += ["", "[events]", "", "[attributes]"]
        for name, (owners, values) in sorted(self.attributes.items()):
            out.append(
                f"{name}\tArg:{'|'.join(sorted(owners))}" + (f", Value:{'|'.join(sorted(values))}" if values else "")
            )
        return "\n".join(out) + "\n"


def _is_export(folder: Path) -> bool:
    return (folder / "annotation.conf").is_file() and all(
        p.suffix in (".txt", ".ann", ".conf") or p.is_dir() for p in folder.iterdir())


def write(records: Iterable[ExportRecord], out: Path, report: ExportReport, options: dict | None = None) -> int:
    records = list(records)
    several = len({r.annotator for r in records}) > 1
    conf = _Conf()
    with atomic_folder(out, _is_export) as folder:
        for record in records:
            where = folder / record.annotator if several else folder
            where.mkdir(exist_ok=True)
            name = record.document.id
            if (where / f"{name}.ann").exists():
                raise AnnottyError(f"two records would both write {name}.ann", out)
            with open(where / f"{name}.txt", "w", encoding="utf-8", newline="\n") as handle:
                handle.write(record.document.text)
            with open(where / f"{name}.ann", "w", encoding="utf-8", newline="\n") as handle:
                handle.write(ann_text(record, report, conf))
            report.written += 1
        (folder / "annotation.conf").write_text(conf.text(), encoding="utf-8", newline="\n")
    return report.written


# ---------------------------------------------------------------------------
# Import


def _ann_files(path: Path) -> list[tuple[Path, Path]]:
    """(root, .ann file) pairs to read."""
    if path.is_dir():
        found = sorted(path.rglob("*.ann"))
        if not found:
            raise AnnottyError("no .ann files in this folder", path)
        return [(path, ann) for ann in found]
    if path.suffix == ".txt":
        if not path.with_suffix(".ann").is_file():
            # Its annotators' files: article_alice.ann, article_bob.ann.
            named = sorted(ann for ann in path.parent.glob(f"{glob_escape(path.stem)}[_-]*.ann")
                           if _pairs_with(ann, path))
            if named:
                return [(path.parent, ann) for ann in named]
        path = path.with_suffix(".ann")
    if not path.is_file():
        raise AnnottyError("no such .ann file", path)
    return [(path.parent, path)]


def conf_kinds(folder: Path, root: Path) -> dict[str, str]:
    """label -> kind from the nearest annotation.conf written by annotty."""
    for where in [folder, *folder.parents]:
        conf = where / "annotation.conf"
        if conf.is_file():
            kinds, group, section = {}, None, None
            for line in read_text(conf).splitlines():
                if line.strip().startswith("["):
                    section = line.strip()
                elif section == "[entities]" and line.strip() and not line.lstrip().startswith("#"):
                    name = line.strip()
                    if not line[0].isspace():
                        group = name[len(GROUP) + 1:] if name.startswith(f"!{GROUP}") else None
                    elif group in KINDS:
                        kinds[name] = group
            return kinds
        if where == root:
            break
    return {}


def _ours(root: Path) -> bool:
    conf = root / "annotation.conf"
    return conf.is_file() and read_text(conf).startswith("# Written by annotty")


def read(path: Path, context: ImportContext) -> Iterable[Imported]:
    tally: Counter = Counter()
    for root, ann in _ann_files(path):
        relative = ann.parent.relative_to(root).parts
        # An annotty export with several annotators has a subfolder for each.
        annotator = relative[0] if relative and _ours(root) else None
        yield _read_one(ann, conf_kinds(ann.parent, root), annotator, context, tally)
    if tally["events"]:
        lost = ", ".join(f"{count} {what}" for what, count in sorted(tally.items())
                         if what in attribution.LOST and count)
        context.report.notes.append(
            f"{path}: {tally['events']} attribution(s) became quotes or claims with {tally['links']} speaker or "
            f"source link(s); {tally['no source']} name no source" + (f"; not mapped: {lost}" if lost else ""))


def text_for(ann: Path) -> tuple[Path, str | None]:
    """The text of ``ann`` and the annotator its name adds, if any: ``x.txt``
    for ``x.ann``, else for ``x_alice.ann`` the .txt whose name (the longest
    such) begins it, followed by ``_`` or ``-``."""
    txt = ann.with_suffix(".txt")
    if txt.is_file():
        return txt, None
    stem = ann.stem
    candidates = [other for other in ann.parent.glob("*.txt")
                  if stem.startswith(other.stem) and stem[len(other.stem):][:1] in ("_", "-", ".")
                  and len(stem) > len(other.stem) + 1]
    if not candidates:
        raise AnnottyError(f"no text file beside it: name the text {txt.name}, or name the .ann after "
                           "its text followed by _ANNOTATOR (article.txt, article_alice.ann)", ann)
    txt = max(candidates, key=lambda other: len(other.stem))
    return txt, stem[len(txt.stem) + 1:]


def _pairs_with(ann: Path, txt: Path) -> bool:
    try:
        return text_for(ann)[0] == txt
    except AnnottyError:
        return False


def _read_one(ann: Path, kinds: dict[str, str], annotator: str | None, context: ImportContext,
              tally: Counter) -> Imported:
    txt, named = text_for(ann)
    raw_text = read_text(txt, keep_bom=True)
    lines, continued = _ann_lines(read_text(ann))
    first_error = None
    for text in [raw_text] + ([raw_text.replace("\r\n", "\n")] if "\r\n" in raw_text else []):
        try:
            skipped: Counter = Counter()
            made: Counter = Counter()
            spans, relations = _parse(ann, lines, continued, text, kinds, skipped=skipped, context=context, made=made)
            imported = build_document(txt.stem, text, path=ann, line=None, spans=spans, relations=relations,
                                      context=context, source=str(txt), annotator=annotator or named)
        except AnnottyError as error:
            first_error = first_error or error
            continue
        for what, count in sorted(skipped.items()):
            if count:
                context.report.skipped.append(f"{ann}: left out {count} {what}")
        tally.update(made)
        tally.update({what: count for what, count in skipped.items() if what in attribution.LOST})
        if text is not raw_text:
            context.report.notes.append(f"{ann}: offsets count CRLF line breaks as one character")
        return imported
    assert first_error is not None
    raise first_error


_ANNOTATION_LINE = re.compile(r"(?:[TRAEMN#][0-9]+|\*)\t")


def _ann_lines(content: str) -> tuple[list[tuple[int, str]], dict[int, tuple[str, list[int]]]]:
    """The non-blank lines of an .ann, numbered, and for a T line followed by
    lines that are no annotation: what they add to its text (some tools
    write a span's line breaks as they are) and their numbers."""
    lines: list[tuple[int, str]] = []
    continued: dict[int, tuple[str, list[int]]] = {}
    owner, gap = None, []
    for number, raw_line in enumerate(content.split("\n"), 1):
        line = raw_line.rstrip("\r")
        if not line.strip():
            gap.append(line)
            continue
        if _ANNOTATION_LINE.match(line):
            owner = number if line.startswith("T") else None
        elif owner is not None:
            more, numbers = continued.get(owner, ("", []))
            continued[owner] = (more + "\n" + "".join(g + "\n" for g in gap) + line, numbers + [number])
        gap = []
        lines.append((number, line))
    return lines, continued


# One pass over the .ann lines in their order: each kind of line is a branch of the same loop.
def _parse(  # noqa: PLR0912, PLR0915
    ann: Path, lines, continued, text: str, kinds: dict[str, str], *, skipped: Counter, context: ImportContext,
    made: Counter,
):
    events = [attribution.parse_event(line.split("\t", 1)[0], line.partition("\t")[2], n)
              for n, line in lines if line.startswith("E") and "\t" in line]
    triggers = {event.trigger for event in events if event.trigger}
    spans: dict[str, RawSpan] = {}
    relations: list[RawRelation] = []
    # Text-bound lines first: the others may name a span defined below them.
    consumed: set[int] = set()
    for number, line in sorted(lines, key=lambda item: not item[1].startswith("T")):
        if number in consumed:
            continue
        if "\t" not in line:
            raise AnnottyError("not a brat annotation line (no tab)", ann, number)
        ident, rest = line.split("\t", 1)
        data, _, tail = rest.partition("\t")
        fields = data.split()
        prefix = ident[:1]
        if prefix == "T":
            if ident in triggers:
                continue
            if ident in spans:
                raise AnnottyError(f"{ident} is defined twice", ann, number)
            more, numbers = continued.get(number, ("", []))
            span, used = _textbound(ann, number, ident, data, tail, text, kinds=kinds, more=more)
            spans[ident] = span
            consumed.update(numbers if used else ())
        elif prefix == "R" and len(fields) == 3:
            args = dict(arg.split(":", 1) for arg in fields[1:] if ":" in arg)
            head, child = args.get("Arg1"), args.get("Arg2")
            if head is None or child is None:
                raise AnnottyError("a relation needs Arg1:ID and Arg2:ID", ann, number)
            if head in spans and child in spans:
                relations.append(RawRelation(head, child, fields[0], number))
            else:
                skipped["relation(s) to events or left-out spans"] += 1
        elif prefix in ("A", "M") and len(fields) in (2, 3):
            if fields[1] in spans:
                spans[fields[1]].attrs[fields[0]] = fields[2] if len(fields) == 3 else True
            else:
                skipped["attribute(s) of events or relations"] += 1
        elif prefix == "#" and len(fields) == 2:
            if fields[1] in spans:
                # Other note types keep theirs, marked "#" so they are written back as notes, not attributes.
                # A structured value annotty wrote as a comment (a quote's cue) comes back as it was.
                value = attr_value(tail.strip())
                if fields[0] == "AnnotatorNotes":
                    spans[fields[1]].attrs["note"] = tail
                elif isinstance(value, (dict, list)):
                    spans[fields[1]].attrs[fields[0]] = value
                else:
                    spans[fields[1]].attrs["#" + fields[0]] = tail
            else:
                skipped["note(s) on events or relations"] += 1
        elif prefix == "E":
            pass
        elif prefix in ("N", "*"):
            skipped[{"N": "normalisation(s)", "*": "equivalence(s)"}[prefix]] += 1
        else:
            raise AnnottyError(f"cannot read this brat line: {line[:60]!r}", ann, number)
    relations += attribution.map_events(events, spans, text, context.role_labels, context.label_kinds,
                                        skipped=skipped, tally=made)
    if skipped[attribution.NOT_ATTRIBUTION]:
        # Events of another kind: their triggers were not kept either.
        unmapped = {
            e.trigger for e in events if e.trigger and not any(r == attribution.CONTENT_ROLE for r, _ in e.arguments)
        }
        skipped["event trigger(s)"] += len(unmapped)
    for key, span in list(spans.items()):
        if span.attrs.get(PARTS) and not _may_have_parts(span, context.label_kinds):
            del spans[key]
            skipped["discontinuous span(s) with words in the gaps"] += 1
    kept = [r for r in relations if r.head in spans and r.child in spans]
    skipped["relation(s) to events or left-out spans"] += len(relations) - len(kept)
    return list(spans.values()), kept


def _may_have_parts(span: RawSpan, label_kinds: dict[str, str]) -> bool:
    """Only quotes and claims come in parts ("…," she said, "…")."""
    kind = span.kind or label_kinds.get(str(span.label))
    return kind in (QUOTE, CLAIM) or (kind is None and str(span.label).upper() in ("QUOTE", "QUOTATION", "CLAIM"))


def _textbound(ann: Path, number: int, ident: str, data: str, tail: str, text: str, *, kinds,
               more: str = "") -> tuple[RawSpan, bool]:
    """A T line's span; in several pieces with words between them (a split
    quote), it covers the first to the last with ``attrs.parts``. ``more``:
    the lines after it that are no annotation, its text's own line breaks
    if the text needs them; the bool says whether it did."""
    label, _, where = data.partition(" ")
    if not re.fullmatch(r"[0-9]+ [0-9]+(;[0-9]+ [0-9]+)*", where.strip()):
        raise AnnottyError(f"{ident}: expected 'LABEL START END', got {data!r}", ann, number)
    pieces = [tuple(int(x) for x in part.split()) for part in where.strip().split(";")]
    for start, end in pieces:
        if not 0 <= start < end <= len(text):
            raise AnnottyError(
                f"{ident}: span {start}:{end} is empty or outside the text (length {len(text)})", ann, number
            )
    joined = " ".join(text[s:e] for s, e in pieces)
    used = bool(more) and tail != joined and tail + more == joined
    if tail and tail != joined and not used:
        raise AnnottyError(f"{ident}: the file says {tail!r} but the text there is {joined!r}", ann, number)
    # Pieces split only by line breaks (brat's way to cross one) are one part.
    parts = attribution.merge_parts(text, pieces)
    span = RawSpan(ident, parts[0][0], parts[-1][1], label, text=None if len(pieces) > 1 else (tail or None),
                   line=number, kind=kinds.get(label))
    if len(parts) > 1:
        span.attrs[PARTS] = parts
    return span, used
