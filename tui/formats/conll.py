"""CoNLL-2003 style NER: the entity layer only, one token per line::

    -DOCSTART- -X- O O

    Jane -X- _ B-PERSON
    Doe -X- _ I-PERSON
    spoke -X- _ O
    . -X- _ O

Four space-separated columns as in CoNLL-2003 (token, part of speech, chunk,
tag), the two middle ones empty (``-X-``, ``_``) since annotty has none; the
tag is BIO (IOB2). Each (document, annotator) opens with ``-DOCSTART-``;
sentences are separated by a blank line. Tokens and sentences come from
``tokens.py``; overlapping entities keep the longest, and the rest are
counted in the report, as are the quotes, claims and relations it cannot
hold. The label list is as for ``hf``.

Import reads the first column as the token and the last as the tag (so
two-column files work too), accepting IOB2, IOB1 and BIOES/BILOU tags. The
text is rebuilt from the tokens: joined by spaces (none before closing or
after opening punctuation), a sentence per paragraph. A file
with ``-DOCSTART-`` lines has a document per ``-DOCSTART-``; one without has
a document per sentence block (as doccano reads it), and so has Label
Studio's CoNLL export, whose one ``-DOCSTART- -X- O`` opens the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO
from collections.abc import Iterable

from ..errors import AnnottyError
from ..model import ENTITY
from .importing import ImportContext, Imported, RawSpan, build_document
from .reading import read_text
from .records import ExportRecord, ExportReport
from .tokenizer import CLITIC
from .tokens import bio_labels, entity_sentences

DOCSTART = "-DOCSTART- -X- O O"


def write(records: Iterable[ExportRecord], out: IO[str], report: ExportReport, options: dict | None = None) -> int:
    labels = set()
    for record in records:
        sentences = entity_sentences(record, report, "conll")
        out.write(DOCSTART + "\n\n")
        for sentence in sentences:
            for token in sentence:
                out.write(f"{token.text} -X- _ {token.tag}\n")
                if token.tag != "O":
                    labels.add(token.tag[2:])
            out.write("\n")
        report.written += 1
    report.labels = bio_labels(labels | set((options or {}).get("entity_labels") or ()))
    return report.written


# ---------------------------------------------------------------------------
# Import


def _blocks(path: Path):
    """(first line number, [(line number, token, tag)...]) per document."""
    lines = read_text(path).split("\n")
    docstarts = [line.split() for line in lines if line.startswith("-DOCSTART-")]
    # Label Studio's CoNLL export: one "-DOCSTART- -X- O" at the top, then a task per blank-line block.
    has_docstart = bool(docstarts) and docstarts != [["-DOCSTART-", "-X-", "O"]]
    document: list = []
    sentence: list = []
    first = 1

    def close_sentence():
        nonlocal sentence
        if sentence:
            document.append(sentence)
        sentence = []

    for number, raw_line in enumerate(lines, 1):
        line = raw_line.rstrip("\r")
        if line.startswith("-DOCSTART-"):
            close_sentence()
            if document:
                yield first, document
            document, first = [], number
        elif not line.strip():
            close_sentence()
            if not has_docstart and document:
                yield first, document
                document = []
        else:
            columns = line.split()
            if len(columns) < 2:
                raise AnnottyError("expected a token and a tag separated by spaces or a tab", path, number)
            if not document and not sentence and not has_docstart:
                first = number
            sentence.append((number, columns[0], columns[-1]))
    close_sentence()
    if document:
        yield first, document


def _entities(tokens: list, path: Path) -> list[tuple[int, int, str, int]]:
    """(first token, last token exclusive, label, line) of each entity."""
    found = []
    current = None  # [first, label, line]
    for index, (number, _token, tag) in enumerate(tokens):
        if tag == "O":
            prefix, label = "O", None
        elif len(tag) > 2 and tag[1] == "-" and tag[0] in "BIESLU":
            prefix, label = tag[0], tag[2:]
        else:
            raise AnnottyError(f"tag {tag!r} is not O or B-, I-, E-, S-, L-, U- with a label", path, number)
        continues = current is not None and prefix in "IEL" and current[1] == label
        if current is not None and not continues:
            found.append((current[0], index, current[1], current[2]))
            current = None
        if prefix != "O" and current is None:
            current = [index, label, number]
        if prefix in "ESLU" and current is not None:
            found.append((current[0], index + 1, current[1], current[2]))
            current = None
    if current is not None:
        found.append((current[0], len(tokens), current[1], current[2]))
    return found


# Detokenising: no space before closing punctuation or a clitic ("n't",
# "'s"), none after an opening mark, so that "Gen ." comes back as "Gen." and is not taken for the end of a
# sentence when the text is exported again.
_NO_SPACE_BEFORE = set(".,;:!?%)]}”’»›")
_NO_SPACE_AFTER = set("([{“‘«‹")


def _join(tokens: list[str]) -> tuple[str, list[int]]:
    """The sentence's text and where each token starts in it."""
    text, starts = "", []
    for index, token in enumerate(tokens):
        if (index and token[:1] not in _NO_SPACE_BEFORE and tokens[index - 1][-1:] not in _NO_SPACE_AFTER
                and not CLITIC.fullmatch(token)):
            text += " "
        starts.append(len(text))
        text += token
    return text, starts


def read(path: Path, context: ImportContext) -> Iterable[Imported]:
    for count, (line, sentences) in enumerate(_blocks(path), 1):
        parts, spans, offset = [], [], 0
        for sentence in sentences:
            tokens = [token for _number, token, _tag in sentence]
            joined, starts = _join(tokens)
            for first, last, label, number in _entities(sentence, path):
                start = offset + starts[first]
                end = offset + starts[last - 1] + len(tokens[last - 1])
                spans.append(RawSpan(f"line {number}", start, end, label, line=number, kind=ENTITY))
            parts.append(joined)
            offset += len(joined) + 2
        # Sentences become paragraphs: a blank line is a sentence break for every reader.
        yield build_document(f"{path.stem}-{count}", "\n\n".join(parts), path=path, line=line,
                             spans=spans, context=context)
