"""annotty suggest: pre-annotate articles and keep the suggestions for review."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import CommandParser, add_store_option, print_json, print_lines, say


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
    parser.add_argument("--json", action="store_true",
                        help="print one JSON line per document (id, file, counts, suggestions) instead of a summary")
    return parser


def run(args: argparse.Namespace) -> int:
    from ..loading import find_articles
    from ..schema import DEFAULT_SCHEMA
    from ..store import Store, check_name
    from ..store.annotator_file import journal_path
    from ..suggest.chunks import suggest_in_chunks
    from ..suggest.builtin import iter_labels
    from ..suggest.storage import write_suggestions
    from ..workspace import Workspace
    from .common import default_annotator

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
        from ..suggest import spacy_suggester

        if is_model(args.model):
            learned = LearnedSuggester(args.model)
        else:
            nlp = spacy_suggester.load(args.model)
    for document in documents:
        for warning in document.warnings:
            say(warning)
        annotations = None
        path = store.annotator_path(annotator, document.id)
        if path.exists() or journal_path(path).exists():
            annotations, _stale = store.load_annotations(annotator, document.id, document.text)
        entities = None
        if nlp is not None:
            from ..suggest import spacy_suggester

            entities = spacy_suggester.entities(nlp, document.text)
        if learned is not None:
            suggestions = learned.suggest(document.text, annotations, limit=None)
        else:
            # By pieces of the article: memory follows a piece, not the article.
            suggestions = suggest_in_chunks(document.text, annotations, entities=entities, limit=None)
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
    sys.stdout.flush()
    return 0
