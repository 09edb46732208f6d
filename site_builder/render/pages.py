"""Which pages a site has, and what each one shows (where it is written: urls.output_path)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import field
from typing import Any

from ..languages import language_name
from ..model import Item, Page, Site, Term, item_name, weight_order
from ..records import frozen
from ..sections import built_sections
from ..strings import STRINGS
from ..urls import (
    EMBED_KINDS,
    NOT_FOUND_URL,
    TIMELINE_EMBED,
    embed_url,
    in_language,
    moved_pages,
    relative_url,
)
from .claims import claim_text


@frozen
class PagePlan:
    """One page to render: its URL, its template and what it is about."""

    url: str
    template: str
    title: str
    description: str
    item: Item | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    mentions: bool = True
    """False: no mention links (a redirect page links only where it leads)."""

    def with_extra(self, **extra: Any) -> PagePlan:
        """This plan with more in its extra: what dataclasses.replace makes, in a third of its
        time (a build gives every page its card, and each language's pages their alternates)."""
        more = {**self.extra, **extra}
        return PagePlan(self.url, self.template, self.title, self.description, self.item, more, self.mentions)


@frozen
class Alternate:
    """The page a plan makes, in one of the site's languages: for the language switcher and
    the hreflang alternates."""

    language: str
    name: str
    """The language's name in itself: English, français, فارسی."""
    href: str
    """Relative to the page it is shown on."""
    absolute: str
    """Its absolute URL (with base_url), else href: what hreflang alternates should carry."""
    current: bool
    """It is the page it is shown on."""


def add_alternates(sites_plans: list[tuple[Site, list[PagePlan]]]) -> list[list[PagePlan]]:
    """Each language's plans with `alternates` in their extra: the same page (the same URL
    within each language's folder) in every language that has it, the default first. A page
    that only one language has gets none, and neither does a 404 page: a host serves it at any
    missing address, so it is the same page in no other language's sense."""
    where: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for site, plans in sites_plans:
        for plan in plans:
            where[plan.url].append((site.language, in_language(plan.url, site.folder)))
    planned = []
    for site, plans in sites_plans:
        with_alternates = []
        for plan in plans:
            here = in_language(plan.url, site.folder)
            base_url = site.config.base_url
            alternates = tuple(
                Alternate(
                    language,
                    language_name(language),
                    relative_url(path, here),
                    base_url + path.lstrip("/") if base_url else relative_url(path, here),
                    path == here,
                )
                for language, path in where[plan.url]
            )
            shared = len(alternates) > 1 and plan.url != NOT_FOUND_URL
            with_alternates.append(plan.with_extra(alternates=alternates if shared else ()))
        planned.append(with_alternates)
    return planned


def hashed_name(name: str, data: bytes) -> str:
    """style.css -> style.1a2b3c4d.css, so asset URLs can be cached forever."""
    digest = hashlib.sha256(data).hexdigest()[:10]
    stem, dot, ext = name.rpartition(".")
    return f"{stem}.{digest}.{ext}" if dot else f"{name}.{digest}"


def plan_pages(site: Site, strings: Mapping[str, str] = STRINGS) -> list[PagePlan]:
    """Every page the site has, in a fixed order; section titles and descriptions come from
    `strings` (the theme's table: render.Theme.strings)."""
    config = site.config
    plans: list[PagePlan] = []
    for item in site.of_kind("pages"):
        assert isinstance(item, Page)
        plans.append(
            PagePlan(
                site.urls[item.slug],
                "home.html" if item.slug == "index" else "page.html",
                config.title if item.slug == "index" else item.title,
                item.summary or config.description,
                item,
            )
        )
    for section in built_sections(site.shown()):
        plans.append(
            PagePlan(
                section.url,
                section.template,
                strings[f"{section.slug}.title"],
                strings[f"{section.slug}.description"],
            )
        )
    for kind, template in (("people", "person.html"), ("places", "place.html")):
        for item in site.of_kind(kind):
            summary = getattr(item, "summary", "")
            plans.append(PagePlan(site.urls[item.slug], template, item_name(item), summary, item))
    plans.append(PagePlan(NOT_FOUND_URL, "404.html", strings["404.title"], strings["404.description"]))
    return plans


def plan_redirects(site: Site, strings: Mapping[str, str] = STRINGS) -> list[PagePlan]:
    """A page at each renamed item's old URL that sends the reader on to its current one."""
    plans = []
    for old_url, (url, slug) in moved_pages(site).items():
        item = site.items[slug]
        title = strings["redirect.title"]
        description = strings["redirect.description"].format(name=item_name(item))
        plans.append(PagePlan(old_url, "redirect.html", title, description, item, {"target": url}, False))
    return plans


def plan_embeds(site: Site, strings: Mapping[str, str] = STRINGS) -> list[PagePlan]:
    """The embed pages (embeds.py): the timeline, then each figure, person, place and term;
    none when site.yaml says `embeds: false`."""
    plans: list[PagePlan] = []
    if not site.config.embeds:
        return plans
    if site.timeline:
        extra = {"embedded": "timeline", "full_url": "/timeline/"}
        title, description = strings["timeline.title"], strings["timeline.description"]
        plans.append(PagePlan(TIMELINE_EMBED, "embed.html", title, description, None, extra, False))
    for kind in EMBED_KINDS:
        for item in site.of_kind(kind):
            extra = {"embedded": kind, "full_url": site.urls[item.slug]}
            description = getattr(item, "summary", "") or getattr(item, "definition", "") or item_name(item)
            title = claim_text(item, strings)
            plans.append(PagePlan(embed_url(item), "embed.html", title, description, item, extra, False))
    return plans


def sort_for_reading(site: Site, kind: str) -> list[Item]:
    """Items of a kind in reading order: events by date, the rest by weight, then name."""
    if kind == "events":
        return list(site.timeline)
    items = site.of_kind(kind)
    if kind in ("people", "places", "figures", "glossary"):
        return sorted(
            items, key=lambda i: (weight_order(getattr(i, "weight", 0)), item_name(i).casefold(), i.slug)
        )
    return items


def featured_items(ordered: list[Item]) -> list[Item]:
    """The featured items of a list in reading order, by weight first (a stable sort keeps
    reading order among equal weights); empty when none is featured."""
    chosen = [item for item in ordered if getattr(item, "featured", False)]
    return sorted(chosen, key=lambda item: weight_order(getattr(item, "weight", 0)))


def terms_by_letter(terms: Iterable[Term]) -> dict[str, list[Term]]:
    """Glossary terms grouped A-Z by first letter (non-letters under "#"), by weight within a letter."""
    groups: dict[str, list[Term]] = defaultdict(list)
    for term in sorted(terms, key=lambda t: (weight_order(t.weight), t.term.casefold())):
        first = term.term[:1].upper()
        groups[first if first.isalpha() else "#"].append(term)
    return dict(sorted(groups.items()))
