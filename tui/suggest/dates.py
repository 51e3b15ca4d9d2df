"""Dates, checked with python-dateutil (English and Spanish).

Part of the built-in suggester (see builtin.py)."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from datetime import datetime

from ..model import ENTITY
from . import lexicon as lex
from .suggestion import Suggestion
from .document import _Doc

# ---------------------------------------------------------------------------
# Dates


_YEAR = r"(?:1[5-9][0-9]{2}|20[0-9]{2})"
_EN_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
             r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
_EN_DAY = r"(?:[0-3]?[0-9])(?:st|nd|rd|th)?"
_EN_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ES_MONTH = r"(?:" + "|".join(lex.MONTHS_ES) + r")"
_ES_MONTH_ABBR = r"(?:ene|feb|abr|may|jun|jul|ago|sept|sep|oct|nov|dic)"
_ES_WEEKDAY = r"(?:" + "|".join(lex.WEEKDAYS_ES) + r")"
_DATE = re.compile(
    r"(?<![\w\-])(?:"
    r"(?P<iso>[0-9]{4}-[0-1][0-9]-[0-3][0-9])"
    rf"|(?P<en>(?:{_EN_WEEKDAY},?\s)?(?:{_EN_DAY}\s(?:of\s)?{_EN_MONTH}|{_EN_MONTH}\s{_EN_DAY}(?![\w:]))(?:,?\s{_YEAR})?)"
    rf"|(?P<en_my>{_EN_MONTH},?\s{_YEAR})"
    rf"|(?P<es>[0-3]?[0-9]\sde\s{_ES_MONTH}(?:\sde(?:l)?\s{_YEAR})?)"
    rf"|(?P<es_my>{_ES_MONTH}\sde(?:l)?\s{_YEAR})"
    rf"|(?P<es_abbr>[0-3]?[0-9]\s{_ES_MONTH_ABBR}\.?(?=[\s,)(]))"
    rf"|(?P<en_m>{_EN_MONTH})"
    rf"|(?P<en_wd>{_EN_WEEKDAY})"
    rf"|(?P<es_m>{_ES_MONTH})"
    rf"|(?P<es_wd>{_ES_WEEKDAY})"
    rf"|(?i:in|since|until|by|from|during|en|desde|hasta|durante|año|year)\s(?P<year>{_YEAR})"
    r")(?![\w\-])"
)
_MONTH_ALONE_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|by|last|next|early|late|mid|from|of|en|desde|hasta|para|de|finales de"
    r"|principios de|mediados de|pasado|próximo)[\s\-])$", re.IGNORECASE)


def _dates(doc: _Doc) -> list[Suggestion]:
    text = doc.text
    found = []
    for match in _DATE.finditer(text):
        kind = match.lastgroup
        assert kind is not None  # every alternative of _DATE is a named group
        start, end = match.span(kind)
        value = text[start:end].rstrip(",")
        end = start + len(value)
        month_alone = kind in ("en_m", "es_m") or value == "May"
        if month_alone and not _MONTH_ALONE_BEFORE.search(text[max(0, start - 20):start]):
            continue
        if kind == "en_m" and value in lex.MONTH_ABBR_EN:
            continue  # a bare abbreviation without its dot ("Mar", "Dec") is too often something else
        parsed = _parse_date(value)
        if parsed is None:
            continue
        attrs = {"value": parsed} if parsed else {}
        reason = "date" if kind not in ("en_wd", "es_wd") else "weekday"
        found.append(Suggestion(start, end, "DATE", ENTITY, value, attrs, reason, 0.8 if parsed else 0.7))
    return found


@cache
def _parser_info():
    """dateutil's parser and its names of months and weekdays with the Spanish
    ones added: built on the first date read (dateutil is slow to import)."""
    from dateutil import parser as date_parser

    spanish = [("ene", "enero"), ("feb", "febrero"), ("mar", "marzo"), ("abr", "abril"), ("may", "mayo"),
               ("jun", "junio"), ("jul", "julio"), ("ago", "agosto"),
               ("sep", "sept", "septiembre", "setiembre"), ("oct", "octubre"), ("nov", "noviembre"),
               ("dic", "diciembre")]
    base = date_parser.parserinfo

    # The stubs type MONTHS and WEEKDAYS as dateutil's own pairs; the parser takes any number of names.
    class _Info(date_parser.parserinfo):
        MONTHS = [tuple(en) + tuple(es) for en, es in zip(base.MONTHS, spanish, strict=True)]  # type: ignore[misc]
        WEEKDAYS = [tuple(en) + (es,) for en, es in zip(base.WEEKDAYS, lex.WEEKDAYS_ES, strict=True)]  # type: ignore[misc]
        JUMP = list(base.JUMP) + ["de", "del"]

    return date_parser, _Info()


@lru_cache(maxsize=4096)  # the same few dates ("Tuesday", "in 2016") come back in every article
def _parse_date(value: str) -> str | None:
    """'' for a date without a year, 'YYYY[-MM[-DD]]' for one with it, None
    when dateutil does not read ``value`` as a date."""
    date_parser, info = _parser_info()
    try:
        first = date_parser.parse(value, parserinfo=info, fuzzy=False, default=datetime(2001, 1, 1))
        second = date_parser.parse(value, parserinfo=info, fuzzy=False, default=datetime(2002, 2, 2))
    except Exception:  # dateutil raises ParserError, OverflowError, TypeError... on odd input
        return None
    if first.year != second.year:
        return ""
    if first.month != second.month:
        return f"{first.year:04d}"
    if first.day != second.day:
        return f"{first.year:04d}-{first.month:02d}"
    return f"{first.year:04d}-{first.month:02d}-{first.day:02d}"
