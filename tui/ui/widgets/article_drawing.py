"""How the article pane draws a line: the text cut wherever something on it
starts or ends, each piece in the colours of what covers it (label colours,
the selection, the caret, the find match, suggestions), and the attribution
tags between.

A mixin for ``ArticleView``, which keeps the state drawn here (the text, the
layout, the caret, the selection...) and moves it; this part only reads it.
Lines are drawn when Textual asks for them (``render_line``) and kept in the
view's cache until something drawn changes.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.color import Color
from textual.strip import Strip

from ...model import ENTITY, Annotations, Span
from ...schema import Schema
from .attribution_tags import RELATED, Tag
from .drawn_ahead import FirstScreens
from .layout import Layout, grapheme_step
from .line_styles import CachedBaseStyle

if TYPE_CHECKING:
    from textual.scroll_view import ScrollView

    _View = ScrollView
else:
    _View = object


class ArticleDrawing(CachedBaseStyle, _View):
    """Mixin: the article view's ``render_line`` and what it draws with."""

    # The view's state, read here (ArticleView sets and moves it).
    _text: str
    _display: str
    _annotations: Annotations
    _schema: Schema | None
    _layout: Layout
    caret: int
    match: tuple[int, int] | None
    suggestions: list[tuple[int, int]]
    emphasised: str | None
    related: frozenset[str]
    _tags: dict[int, Tag]
    _cache: LRUCache[tuple, Strip]
    _label_styles: dict[str, Style]
    _first_screens: FirstScreens

    if TYPE_CHECKING:
        @property
        def selection(self) -> tuple[int, int] | None: ...

    def _style_for_label(self, span: Span) -> Style:
        style = self._label_styles.get(span.label)
        if style is None:
            label = self._schema.label(span.label) if self._schema else None
            color = Color.parse(label.color) if label else Color(128, 128, 128)
            if span.kind == ENTITY:
                style = Style(color=color.get_contrast_text().rich_color, bgcolor=color.rich_color)
            else:
                base = self.background_colors[1]
                tint = base.blend(color, 0.35)
                style = Style(bgcolor=tint.rich_color, color=color.lighten(0.25).rich_color)
            self._label_styles[span.label] = style
        return style

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if index >= len(self._layout):
            return Strip.blank(width, self.base_style)
        key = (index, width)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._cache[key] = self._draw_line(index, width)
        return strip

    def _draw_line(self, index: int, width: int) -> Strip:
        base = self.base_style
        return Strip(self._segments(index, base)).crop_extend(0, width, base)

    def _segments(self, index: int, base: Style) -> list[Segment]:
        """Visual line ``index`` as segments: the text cut wherever a span,
        the selection, the caret, a find match or a suggestion starts or ends,
        each piece styled by what covers it, with link tags between."""
        start = self._layout.starts[index]
        end = self._layout.ends[index]
        display = self._display
        spans = self._annotations.overlapping(start, end) if end > start else []
        selection = self.selection
        caret = self.caret
        proposed = [r for r in self.suggestions if r[0] < end and r[1] > start] if self.suggestions else []
        tags = self._tags
        tagged = {p for p in self._layout.extras_in(start, end) if p in tags} if tags else set()
        selection_style = self.get_component_rich_style("article-view--selection")
        caret_style = self.get_component_rich_style("article-view--caret")
        match_style = self.get_component_rich_style("article-view--match")
        suggestion_style = self.get_component_rich_style("article-view--suggestion") if proposed else None
        segments: list[Segment] = []
        for left, right in pairwise(self._cut_points(start, end, spans, proposed, tagged)):
            if left == right:
                continue
            if left in tagged:
                segments.extend(self._tag_segments(tags[left], base))
            style = self._span_style([s for s in spans if s.start <= left and s.end >= right], base)
            if self.match and self.match[0] <= left and right <= self.match[1]:
                style += match_style
            if suggestion_style and any(a <= left and right <= b for a, b in proposed):
                style += suggestion_style
            if selection and selection[0] <= left and right <= selection[1]:
                style += selection_style
            if left == caret and self.has_focus:
                style += caret_style
            segments.append(Segment(display[left:right], style))
        if end in tagged:
            segments.extend(self._tag_segments(tags[end], base))
        if caret == end and self.has_focus and (caret == len(self._text) or self._text[caret] == "\n" or start == end):
            segments.append(Segment(" ", base + caret_style))
        return segments

    def _cut_points(self, start: int, end: int, spans: list[Span], proposed: list[tuple[int, int]],
                    tagged: set[int]) -> list[int]:
        """Where the line ``[start, end]`` must be cut: the ends of the spans,
        the selection, the find match, the caret's grapheme, the suggestions
        and the link tags on it, in order."""
        caret = self.caret
        caret_end = grapheme_step(self._text, caret, True) if caret < end else caret
        cuts = {start, end, *tagged}
        for span in spans:
            cuts.update((span.start, span.end))
        for rng in (self.selection, self.match, (caret, caret_end), *proposed):
            if rng:
                cuts.update(rng)
        return sorted(p for p in cuts if start <= p <= end)

    def _span_style(self, covering: list[Span], base: Style) -> Style:
        """The style of text under ``covering``: each label's colour, the
        outer spans first so that the innermost is the one seen; underlined
        under two or more; the annotation at the caret reversed, the quotes of
        the speaker at the caret marked."""
        style = base
        if not covering:
            return style
        covering.sort(key=lambda s: (-(s.end - s.start), s.start))
        for span in covering:
            style += self._style_for_label(span)
        if len(covering) > 1:
            style += Style(underline=True)
        related = self.related
        if self.emphasised and any(s.id == self.emphasised for s in covering):
            style += Style(bold=True, reverse=True)
        elif related and any(s.id in related for s in covering):
            style += Style(bold=True, underline=True)
        return style

    def _tag_segments(self, tag: Tag, base: Style) -> list[Segment]:
        related = self.related
        return [
            Segment(text, base + style + RELATED if span_id in related else base + style)
            for text, style, span_id in tag.pieces
        ]

    def styles_changed(self) -> None:
        self._label_styles = {}
        self._cache.clear()
        self._first_screens.clear()
