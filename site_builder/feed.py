"""The updates feed, feed.xml (Atom 1.0, RFC 4287): one entry per correction and per item's
`updated` date, newest first, so readers and newsroom tools can follow a story as it changes.

Every date comes from the content, never the clock, and every id from the item and the date,
so two builds of the same content write the same feed, and an entry keeps its id when its text
is reworded. Atom needs absolute URLs: without base_url there is no feed (as no sitemap).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping

from .model import Event, Figure, FuzzyDate, Item, Site, Source
from .records import frozen
from .render.claims import claim_text
from .strings import date_text
from .urls import absolute_url

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"
FEED_URL = "/" + FEED_PATH
FEED_TYPE = "application/atom+xml"
EPOCH = "1970-01-01T00:00:00Z"
"""A feed's <updated> when the content holds no date at all: fixed, never the clock."""


@frozen
class Update:
    """One entry of the feed: an item corrected, or marked updated, on a date."""

    date: FuzzyDate
    item: Item
    change: str
    """The correction's text; empty for an `updated` date."""
    ordinal: int = 1
    """Its number among the item's corrections of the same date (1 for the first)."""

    @property
    def corrected(self) -> bool:
        """A correction, rather than an `updated` date."""
        return bool(self.change)

    def entry_id(self, site: Site) -> str:
        """A stable IRI: the feed's URL and a fragment naming the item, what happened and when."""
        what = "corrected" if self.corrected else "updated"
        suffix = f"/{self.ordinal}" if self.ordinal > 1 else ""
        return f"{absolute_url(site, FEED_URL)}#{self.item.slug}/{what}/{self.date.iso}{suffix}"


def collect_updates(site: Site) -> list[Update]:
    """Every correction and `updated` date of the items the site shows, newest first; a tie
    keeps file order (path, then the correction's line), so builds are reproducible."""
    found: list[tuple[str, int, Update]] = []
    for item in site.shown():  # a language's feed: only the items translated into it
        if item.slug in site.drafts:  # shown only by --drafts, never announced
            continue
        if item.updated is not None:
            found.append((item.path, 0, Update(item.updated, item, "")))
        seen: dict[FuzzyDate, int] = {}
        for correction in sorted(item.corrections, key=lambda c: c.line):
            seen[correction.date] = seen.get(correction.date, 0) + 1
            update = Update(correction.date, item, correction.text, seen[correction.date])
            found.append((item.path, correction.line, update))
    found.sort(key=lambda found: found[:2])
    found.sort(key=lambda found: found[2].date, reverse=True)  # stable: file order stays
    return [update for *_, update in found]


def rfc3339(date: FuzzyDate) -> str:
    """The first moment a date may mean, as RFC 3339 (Atom's dates): 2021-08 -> 2021-08-01T00:00:00Z."""
    return date.first_day.isoformat() + "T00:00:00Z"


def content_dates(items: Iterable[Item]) -> Iterable[FuzzyDate]:
    """Every date the content gives: what an empty feed's <updated> is taken from."""
    for item in items:
        if item.updated is not None:
            yield item.updated
        yield from (correction.date for correction in item.corrections)
        if isinstance(item, Event):
            yield from (date for date in (item.start, item.end) if date is not None)
        if isinstance(item, Figure) and item.as_of is not None:
            yield item.as_of
        if isinstance(item, Source) and item.date is not None:
            yield item.date


def render_feed(site: Site, strings: Mapping[str, str]) -> bytes:
    """feed.xml: the feed's own elements, then one <entry> per update, newest first; in the
    site's language (each language has its own, in its folder), where a correction's text, which
    only the original gives, is marked with the original's language."""
    updates = collect_updates(site)
    language = site.language or site.config.language
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": language})

    def add(parent: ET.Element, tag: str, text: str = "", **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, tag, attributes)
        if text:
            element.text = text
        return element

    add(feed, "title", strings["feed.title"].format(site_title=site.config.title))
    add(feed, "subtitle", site.config.description)
    add(feed, "id", absolute_url(site, FEED_URL))
    add(feed, "link", rel="self", type=FEED_TYPE, href=absolute_url(site, FEED_URL))
    add(feed, "link", rel="alternate", type="text/html", href=absolute_url(site, "/corrections/"))
    newest = updates[0].date if updates else max(content_dates(site.items.values()), default=None)
    add(feed, "updated", rfc3339(newest) if newest is not None else EPOCH)
    author = add(feed, "author")
    add(author, "name", site.config.title)
    for update in updates:
        name = claim_text(update.item, strings)
        entry = add(feed, "entry")
        title = strings["feed.corrected" if update.corrected else "feed.updated"].format(name=name)
        add(entry, "title", title)
        add(entry, "id", update.entry_id(site))
        add(entry, "updated", rfc3339(update.date))
        add(
            entry,
            "link",
            rel="alternate",
            type="text/html",
            href=absolute_url(site, site.urls[update.item.slug]),
        )
        words = date_text(update.date, strings)
        summary = update.change or strings["feed.updated_summary"].format(name=name, date=words)
        marked = (
            {"xml:lang": site.config.language}
            if update.corrected and language != site.config.language
            else {}
        )
        add(entry, "summary", summary, type="text", **marked)
    ET.indent(feed)
    xml: bytes = ET.tostring(feed, encoding="UTF-8", xml_declaration=True)
    return xml + b"\n"
