"""annotty suggest: pre-annotate articles and keep the suggestions for review."""

from __future__ import annotations

import argparse
import sys
from itertools import chain
from pathlib import Path

from .common import CommandParser, add_store_option, print_json, print_lines, say

#: Articles a core is given at a time: enough to pay for the fork, few enough to print as they go.
GROUP_PER_JOB = 16


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="annotty suggest",
        description="Suggest quotes (with their likely speaker), claims, dates and names in articles, "
        "by built-in rules (no model needed), and store them under STORE/suggestions/<doc>.json "
        "for review. Nothing is annotated: suggestions are not annotations.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files (.txt, .md) or folders of them")
    add_store_option(parser)
    parser.add_argument("--annotator", default=None, metavar="NAME",
                        help="whose annotations to take into account: nothing they tagged is suggested again, "
                        "and further mentions of the names they tagged are (default: your login name)")
    parser.add_argument("--model", default=None, metavar="MODEL",
                        help="a model 'annotty train' wrote: its labels come from it, the rest from the rules; "
                        "or an installed spaCy pipeline (a package name such as en_core_web_sm, or a folder) "
                        "to take the entities from; never downloaded")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="suggest for N articles at once, each on its own core (default: every core)")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON line per document (id, file, counts, suggestions) instead of a summary")
    return parser


def run(args: argparse.Namespace) -> int:
    from ..loading import find_articles
    from ..schema import DEFAULT_SCHEMA
    from ..store import Store, check_name
    from ..store.annotator_file import journal_path
    from ..errors import AnnottyError
    from ..forked import available_cores, map_forked, split
    from ..suggest import spacy_suggester
    from ..suggest.chunks import suggest_in_chunks
    from ..workspace import Workspace
    from .common import default_annotator

    if args.jobs is not None and args.jobs < 1:
        raise AnnottyError("--jobs needs a number of one or more")
    annotator = check_name(args.annotator or default_annotator())
    store = Store(args.store)
    # The same articles and document ids as the app gives them (records of a
    # JSONL file are articles; two desks' story.txt get distinct ids).
    workspace = Workspace(find_articles(args.paths), store, annotator, DEFAULT_SCHEMA, read_only=True)
    documents = [
        workspace.document(i) for i in range(len(workspace))
    ]  # bad input fails here, before anything is written
    nlp = learned = None
    if args.model:
        from ..learn.model_folder import is_model
        from ..learn.suggester import LearnedSuggester

        if is_model(args.model):
            learned = LearnedSuggester(args.model)
        else:
            nlp = spacy_suggester.load(args.model)
    jobs = args.jobs or available_cores()

    def suggestions_for(batch) -> list:
        found = []
        for document, annotations in batch:
            if learned is not None:
                found.append(learned.suggest(document.text, annotations, limit=None))
                continue
            entities = None if nlp is None else spacy_suggester.entities(nlp, document.text)
            # By pieces of the article: memory follows a piece, not the article.
            found.append(suggest_in_chunks(document.text, annotations, entities=entities, limit=None))
        return found

    # A group of articles at a time, split over the cores; written and printed here, in order.
    for first in range(0, len(documents), jobs * GROUP_PER_JOB):
        group = []
        for document in documents[first:first + jobs * GROUP_PER_JOB]:
            for warning in document.warnings:
                say(warning)
            annotations = None
            path = store.annotator_path(annotator, document.id)
            if path.exists() or journal_path(path).exists():
                annotations, _stale = store.load_annotations(annotator, document.id, document.text)
            group.append((document, annotations))
        results = map_forked(suggestions_for, split(group, jobs))
        for (document, _annotations), suggestions in zip(group, chain.from_iterable(results), strict=True):
            _report(args, store, document, suggestions)
    sys.stdout.flush()
    return 0


def _report(args: argparse.Namespace, store, document, suggestions: list) -> None:
    """Keep one document's suggestions in the store and say what they are."""
    from ..suggest.builtin import iter_labels
    from ..suggest.storage import write_suggestions

    store.save_document(document)
    written = write_suggestions(Path(args.store), document.id, suggestions)
    counts = iter_labels(suggestions)
    if args.json:
        line = {
            "id": document.id, "source": document.source, "file": str(written),
            "counts": counts, "suggestions": [s.to_dict() for s in suggestions],
        }
        print_json(line, sort_keys=True)
    else:
        detail = ", ".join(f"{label} {count}" for label, count in counts.items()) or "none"
        speakers = sum(1 for s in suggestions if s.kind == "quote" and s.speaker)
        quotes = counts.get("QUOTE", 0)
        extra = f"; {speakers}/{quotes} quotes with a speaker" if quotes else ""
        print_lines([f"{document.id}: {len(suggestions)} suggestion(s) ({detail}{extra}) -> {written}"])
