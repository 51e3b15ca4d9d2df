"""The sidebar's rows: the current one unmistakable, each row telling its annotation apart."""

from __future__ import annotations

from tui.ui.widgets.annotation_list import AnnotationList

from .test_attribution_tags import linked_app


def rows(listing: AnnotationList) -> list:
    return [listing.render_line(y) for y in range(listing.scrollable_content_region.height)]


async def test_rows_show_the_quote_first_and_the_current_row_by_a_marker_and_reverse(seed_path, tmp_path):
    app, person, quote, claim = linked_app(seed_path, tmp_path, size=(80, 24))
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.sidebar.list
        await pilot.pause()
        texts = [strip.text for strip in rows(listing)]
        quote_row = next(t for t in texts if "QUOTE" in t)
        # the quote's own words before the speaker, even cut at 80 columns
        assert quote_row.split("QUOTE", 1)[1].strip().startswith("“These t")
        assert quote_row.rstrip().endswith("— Ghika")  # and the speaker still fits
        claim_row = next(t for t in texts if "CLAIM" in t)
        assert "✓ “intens" in claim_row  # the verdict, first
        # the entity row's label badge is in the label's colour, and only the badge
        person_y = next(y for y, t in enumerate(texts) if "Christopher Ghika" in t and "PERSON" in t)
        segments = list(rows(listing)[person_y])
        badge = next(s for s in segments if "PERSON" in s.text)
        name = next(s for s in segments if "Christopher" in s.text)
        assert badge.style.bgcolor is not None and badge.style.bgcolor != name.style.bgcolor
        # no row is current; then the person's is: a marker column and reversed
        assert not any(t.startswith("►") for t in texts)
        await pilot.press("tab", "down")
        await pilot.pause()
        current = rows(listing)[person_y]
        assert current.text.startswith("►")
        assert all(segment.style.reverse for segment in current if segment.text.strip())
        others = [strip for y, strip in enumerate(rows(listing)) if y != person_y]
        assert not any(strip.text.startswith("►") for strip in others)
        assert not any(segment.style.reverse for strip in others for segment in strip)
        await pilot.press("ctrl+q")
