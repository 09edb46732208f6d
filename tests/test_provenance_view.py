"""What templates show of provenance: quote anchors, the quotes each source lists in its own
order, a page's last update and corrections newest first. Pure functions over a small Site built
in memory; the built /sources/ and /corrections/ pages are tested in test_provenance.py."""

from __future__ import annotations

from typing import Any

from site_builder.model import (
    Config,
    Correction,
    Figure,
    FuzzyDate,
    Item,
    Page,
    Person,
    Quote,
    Site,
    Source,
)
from site_builder.render.provenance_view import (
    PageHistory,
    newest_first,
    quote_id,
    template_globals,
    used_quotes,
)
from site_builder.urls import item_url

SOURCE_BODY = "First, the river rose by 9.7% in a day.\n\nThen the mayor said we will hold the line.\n"
SEPT_5 = FuzzyDate(2021, 9, 5, 3)
SEPT_9 = FuzzyDate(2021, 9, 9, 3)
SEPTEMBER = FuzzyDate(2021, 9, 0, 2)


def entry(
    kind: str, slug: str, corrections: tuple[Correction, ...] = (), updated: FuzzyDate | None = None
) -> tuple[Any, ...]:
    """The fields every item has, for an item of `kind` at content/<kind>/<slug>.md."""
    return (kind, slug, f"content/{kind}/{slug}.md", "", 1, {}, corrections, updated)


def make_site(*items: Item) -> Site:
    """A site of these items, with their real URLs."""
    config = Config(title="T", description="D", language="en")
    by_slug = {item.slug: item for item in items}
    return Site(
        config=config,
        items=by_slug,
        urls={s: item_url(i) for s, i in by_slug.items()},
        backlinks={},
        timeline=(),
        bodies={},
    )


def source() -> Source:
    return Source(
        "sources", "report", "content/sources/report.md", SOURCE_BODY, 5, {}, (), None, title="The report"
    )


def test_quote_id_is_the_same_for_the_same_words_from_the_same_source() -> None:
    anchor = quote_id("we will hold the line", "report")
    assert anchor.startswith("q-") and len(anchor) == 12
    assert quote_id("we  will hold\nthe line", "report") == anchor  # spacing is not wording
    assert quote_id("we will hold the line", "other") != anchor
    assert quote_id("we will hold the river", "report") != anchor


def test_used_quotes_follow_the_source_and_share_an_entry() -> None:
    mayor = Person(
        *entry("people", "mayor"),
        name="The mayor",
        quotes=(Quote("we will hold the line", "report"), Quote("the river rose by 9.7%", "report")),
    )
    rise = Figure(
        *entry("figures", "rise"),
        label="Rise",
        value=9.7,
        unit="%",
        quote="the river rose by 9.7%",
        source="report",
    )
    listing = used_quotes(make_site(source(), mayor, rise))
    # in the source's order, not the items': the rise comes first in the report
    assert [quote.text for quote in listing["report"]] == ["the river rose by 9.7%", "we will hold the line"]
    rise_entry = listing["report"][0]
    assert rise_entry.anchor == quote_id("the river rose by 9.7%", "report")
    assert [item.slug for item in rise_entry.users] == ["mayor", "rise"]  # one entry, both users


def test_newest_first_breaks_ties_by_file_and_line() -> None:
    home = Page(*entry("pages", "index"), title="Home")
    rise = Figure(*entry("figures", "rise"), label="Rise")
    pairs = [
        (Correction(SEPT_5, "a", 7), home),
        (Correction(SEPT_9, "b", 9), home),
        (Correction(SEPTEMBER, "c", 3), rise),
        (Correction(SEPT_9, "d", 4), rise),
        (Correction(SEPT_9, "e", 8), home),
    ]
    # newest first (a month sorts before its days); equal dates by path, then line, both reversed
    assert [correction.text for correction, _ in newest_first(pairs)] == ["b", "e", "d", "a", "c"]


def test_page_history_gathers_the_items_shown_on_a_page() -> None:
    home = Page(
        *entry("pages", "index", updated=SEPT_5, corrections=(Correction(SEPT_5, "home fixed", 6),)),
        title="Home",
    )
    rise = Figure(
        *entry("figures", "rise", updated=SEPT_9, corrections=(Correction(SEPT_9, "rise fixed", 8),)),
        label="Rise",
    )
    other = Figure(*entry("figures", "fall"), label="Fall")
    helpers = template_globals(make_site(home, rise, other))
    # figures are anchors on /figures/: that page carries their updates and corrections
    assert helpers["page_history"]("/figures/") == PageHistory(
        SEPT_9, ((Correction(SEPT_9, "rise fixed", 8), rise),)
    )
    assert helpers["page_history"]("/").updated == SEPT_5
    assert helpers["page_history"]("/people/") == PageHistory(None, ())
    assert [c.text for c, _ in helpers["all_corrections"]()] == ["rise fixed", "home fixed"]
    assert helpers["quote_href"]("a", "report") == f"/sources/#{quote_id('a', 'report')}"
