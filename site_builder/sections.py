"""The built sections (timeline, people...) and the navigation: one registry the engine and the
templates both read, so a section's URL, template and place in the menus are said once.

A section's words (title, menu label, description) live in the string table, strings.py."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .model import Item, Page, Site, weight_order
from .records import frozen


@frozen
class Section:
    """A page the engine builds from the items of one kind."""

    slug: str
    """Its [[link]] name and URL folder: [[timeline]] -> /timeline/."""
    kind: str
    """The content kind it lists; a section with no items of it is neither built nor linked.
    Empty for a section that is always built."""
    template: str
    nav: tuple[str, ...]
    """Which menus list it: 'header', 'footer'."""
    anchored: bool = False
    """Its items have no page of their own: each is an anchor on this page (/timeline/#slug)."""

    @property
    def url(self) -> str:
        """Site-absolute URL of the section page."""
        return f"/{self.slug}/"


SECTIONS: tuple[Section, ...] = (
    Section("timeline", "events", "timeline.html", ("header",), anchored=True),
    Section("people", "people", "people.html", ("header",)),
    Section("places", "places", "places.html", ("header",)),
    Section("figures", "figures", "figures.html", ("header",), anchored=True),
    Section("glossary", "glossary", "glossary.html", ("header", "footer"), anchored=True),
    Section("sources", "sources", "sources.html", ("header", "footer"), anchored=True),
    # Always built: "no corrections have been made" is itself something readers may check.
    Section("corrections", "", "corrections.html", ("footer",)),
)
SECTION_BY_SLUG = {section.slug: section for section in SECTIONS}
ANCHOR_PAGES = {section.kind: section.url for section in SECTIONS if section.anchored}
"""Kind -> the section page its items are anchors on."""
RESERVED_SLUGS = frozenset((*SECTION_BY_SLUG, "404", "assets", "search", "pagefind", "embed"))
"""Slugs no item may take: they are the built sections' [[links]] and URL folders."""
NAV_PLACES = ("header", "footer", "none")
"""Where a free page's `nav` may put it (pages: nav in the schema)."""


def built_sections(items: Iterable[Item]) -> list[Section]:
    """The sections a site of these items has: those whose kind has at least one item (link
    checks [[section]] links with it before the Site exists)."""
    kinds = {item.kind for item in items}
    return [section for section in SECTIONS if not section.kind or section.kind in kinds]


def nav_pages(site: Site, place: str) -> list[Page]:
    """Free pages listed in one menu ('header' or 'footer'), by weight, then title.

    The home page is the site title's link, never a menu entry."""
    pages = [
        item for item in site.shown() if isinstance(item, Page) and item.slug != "index" and item.nav == place
    ]
    return sorted(pages, key=lambda page: (weight_order(page.weight), page.title.casefold(), page.slug))


@frozen
class MenuEntry:
    """One link in a menu: where it goes and what it says."""

    url: str
    """Site-absolute; templates pass it through url() to make it relative."""
    label: str


def menu(site: Site, place: str, strings: Mapping[str, str]) -> list[MenuEntry]:
    """Every entry of one menu: its built sections, then its free pages."""
    entries = [
        MenuEntry(section.url, strings[f"{section.slug}.nav"])
        for section in built_sections(site.shown())
        if place in section.nav
    ]
    entries += [MenuEntry(site.urls[page.slug], page.title) for page in nav_pages(site, place)]
    return entries
