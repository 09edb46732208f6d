"""What templates show of provenance: quote anchors on /sources/, each quote's users, a page's
last update and corrections, and what the site adds from general knowledge."""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Any

from ..cache import content_key
from ..model import Correction, FuzzyDate, Item, Site
from ..provenance.checks import Memo, QuoteUse, compute_now, normal_sources, quote_uses
from ..provenance.report import Declared, declared_knowledge
from ..provenance.text import NormalText, find_quote, normalise
from ..records import frozen
from ..sections import ANCHOR_PAGES


def quote_id(text: str, source: str) -> str:
    """A stable anchor for a quote: the same words from the same source share one entry."""
    digest = hashlib.sha1(f"{source}\x00{normalise(text).text}".encode()).hexdigest()
    return "q-" + digest[:10]


@frozen
class UsedQuote:
    """A quote as listed on /sources/: its words, its anchor, and the items showing it."""

    text: str
    anchor: str
    users: tuple[Item, ...]


def used_quotes(site: Site, memo: Memo = compute_now) -> dict[str, list[UsedQuote]]:
    """Source slug -> its quotes in the order they appear in the source. `memo` (the build
    cache's) keeps the normalised sources, each quote's anchor and its place in its source
    between builds, by their words and the source's text."""
    sources = normal_sources(site, memo)
    source_keys = {slug: content_key(site.items[slug].body) for slug in sources}
    grouped: dict[str, dict[str, list[QuoteUse]]] = defaultdict(dict)
    for use in quote_uses(site):
        original = site.quote_originals.get(use.text, use.text)  # the source holds the original
        anchor = memo("quote-ids", content_key(original, use.source), partial(quote_id, original, use.source))
        grouped[use.source].setdefault(anchor, []).append(replace(use, text=original))
    listing: dict[str, list[UsedQuote]] = {}
    for source_slug, by_anchor in grouped.items():
        normal = sources.get(source_slug)
        source_key = source_keys.get(source_slug, "")

        def place(text: str, normal: NormalText) -> int:
            found = find_quote(text, normal)
            return found[0] if found else 0

        def position(
            uses: list[QuoteUse], normal: NormalText | None = normal, source_key: str = source_key
        ) -> int:
            if normal is None:
                return 0
            text = uses[0].text
            found: int = memo("quote-places", content_key(text, source_key), partial(place, text, normal))
            return found

        ordered = sorted(by_anchor.items(), key=lambda pair: position(pair[1]))
        listing[source_slug] = [
            UsedQuote(uses[0].text, anchor, tuple({use.item.slug: use.item for use in uses}.values()))
            for anchor, uses in ordered
        ]
    return listing


@frozen
class PageHistory:
    """What a page's foot shows: when it was last updated and its corrections, newest first."""

    updated: FuzzyDate | None
    corrections: tuple[tuple[Correction, Item], ...]


def newest_first(pairs: list[tuple[Correction, Item]]) -> tuple[tuple[Correction, Item], ...]:
    """Corrections, newest first; ties keep file order so builds are reproducible."""
    return tuple(sorted(pairs, key=lambda pair: (pair[0].date, pair[1].path, pair[0].line), reverse=True))


def template_globals(
    site: Site,
    sticky: Callable[[Callable[..., Any]], Callable[..., Any]] = lambda function: function,
    memo: Memo = compute_now,
) -> dict[str, Any]:
    """quote_href, quotes_of, page_history, all_corrections and general_knowledge for the
    templates.

    The quotes are gathered on first use: only /sources/ shows them, and a render worker that
    does not render it should not pay for reading every item's quotes. Nothing else is read
    before a template asks, so what a page reads is what it shows (render/reads.py); `sticky`
    wraps what answers from memory (render.reads.Reads.sticky); `memo`, the build cache's
    (used_quotes)."""
    shown_on: dict[str, list[str]] = defaultdict(list)
    for slug, url in site.urls.items():  # which items a page shows: known from the URLs alone
        shown_on[url.partition("#")[0]].append(slug)

    hrefs: dict[tuple[str, str], str] = {}
    """(words, source) -> the link to that quote: a quote is shown on several pages (its
    figure's, its embed page, the people's it cites), and its anchor is a hash of its words
    normalised character by character."""

    def quote_href(text: str, source: str) -> str:
        # a translated quote links the original's words, which the source holds
        key = (site.quote_originals.get(text, text), source)
        href = hrefs.get(key)
        if href is None:
            href = hrefs[key] = f"{ANCHOR_PAGES['sources']}#{quote_id(*key)}"
        return href

    @functools.cache  # this build's closure: gathered once, on first use
    def quotes() -> dict[str, list[UsedQuote]]:
        return used_quotes(site, memo)

    @sticky
    def quotes_of(source: Item) -> list[UsedQuote]:
        return quotes().get(source.slug, [])

    def page_history(page_url: str) -> PageHistory:
        items = [site.items[slug] for slug in shown_on.get(page_url, [])]
        dates = [item.updated for item in items if item.updated]
        return PageHistory(
            max(dates) if dates else None,
            newest_first([(c, item) for item in items for c in item.corrections]),
        )

    def all_corrections() -> tuple[tuple[Correction, Item], ...]:
        return newest_first(
            [(correction, item) for item in site.items.values() for correction in item.corrections]
        )

    def general_knowledge() -> list[Declared]:
        return declared_knowledge(site)

    return {
        "quote_href": quote_href,
        "quotes_of": quotes_of,
        "page_history": page_history,
        "all_corrections": all_corrections,
        "general_knowledge": general_knowledge,
    }
