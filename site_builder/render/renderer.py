"""Site -> {output path: bytes} through one jinja2 Environment; touches no disk but templates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup, escape

from .. import embeds, outputs
from ..errors import SiteError
from ..languages import text_direction
from ..markup import fill_links
from ..mentions import Aliases, Matcher, compile_matcher, link_mentions, site_matcher
from ..model import Event, FuzzyDate, Item, Place, Site, item_name
from ..provenance.checks import Memo, compute_now
from ..search import SEARCH_KINDS
from ..sections import SECTION_BY_SLUG, MenuEntry, built_sections, menu
from ..strings import date_text, number_text, plural_categories, plural_form, when_text
from ..urls import NOT_FOUND_URL, in_language, output_path, relative_url
from . import charts, claims, pictures, provenance_view
from .chart_sizes import read_chart_sizes
from .pages import PagePlan, featured_items, hashed_name, sort_for_reading, terms_by_letter
from .reads import Reads, read_site
from .theme import Fill, Theme, make_environment, template_problem

if TYPE_CHECKING:
    from ..images import Derivatives


Rendered = tuple[dict[str, bytes], list[SiteError], dict[str, frozenset[str]]]
"""Output path -> page bytes, the template errors, and page URL -> what it read."""
TEMPLATE_CACHE_SIZE = 400
"""Compiled templates an environment keeps (Jinja's default)."""


def site_environment(
    shared: jinja2.Environment,
    site_globals: dict[str, Any],
    site_filters: dict[str, Callable[..., Any]],
) -> jinja2.Environment:
    """An overlay of `shared` with one build's globals and filters, `shared` left untouched.

    Environment.overlay() shares the globals and filters dicts with its parent and copies its
    template cache, whose templates stay bound to the parent (they would read its globals): so
    the overlay gets dicts and a template cache of its own. Templates are compiled per build;
    the shared environment's bytecode cache makes that cheap for rebuilds (serve).
    """
    environment = shared.overlay(cache_size=TEMPLATE_CACHE_SIZE)
    environment.globals = {**shared.globals, **site_globals}
    environment.filters = {**shared.filters, **site_filters}
    return environment


def time_element(date: FuzzyDate, words: str, time: str) -> Markup:
    """<time> around a date's words, its machine form carrying the time of day when known."""
    moment = f"{date.machine}T{time}" if time else date.machine
    return Markup('<time datetime="{}">{}</time>').format(moment, words)


class Renderer:
    """Renders the pages of one site."""

    def __init__(
        self,
        site: Site,
        theme: Theme,
        root_path: str = "/",
        environment: jinja2.Environment | None = None,
        compile_mentions: Callable[[Aliases], Matcher] = compile_matcher,
        made_pictures: dict[str, Derivatives] | None = None,
        memo: Memo = compute_now,
    ) -> None:
        self.reads = Reads()
        """What the page being rendered has read (render/reads.py): templates and helpers read
        `self.site`, which notes it; what is worked out once per renderer from `self.source`
        notes by name on every use."""
        self.source = site
        self.site = read_site(site, self.reads)
        self.page_reads: dict[str, frozenset[str]] = {}
        """Page URL -> the names it read, for each page rendered so far."""
        self.pictures = made_pictures or {}
        """'media/x.jpg' -> its files (pictures.make_pictures), for the pictures pages show."""
        self.reading_order: dict[str, list[Item]] = {}
        self.reading_position: dict[str, dict[str, int]] = {}
        self.compile_mentions = compile_mentions
        """mentions.compile_matcher, or the build's way to reuse what it made (build cache)."""
        self.mention_matcher: Matcher | None = None
        self.root_path = root_path
        """URL path the site is served under; used by pages served at any depth (404)."""
        self.assets = {}
        for name, path in theme.static_files.items():
            data = path.read_bytes()
            self.assets[name] = (hashed_name(name, data), data)
        self.menus: dict[str, list[MenuEntry]] = {}
        self.strings = theme.strings
        """Every word pages show (strings.STRINGS under the theme's strings.yaml)."""
        self.escaped_strings = {key: escape(text) for key, text in self.strings.items()}
        self.event_dates: dict[str, Markup] = {}
        self.language = site.language or site.config.language
        """The language of the pages: `lang` on <html>, og:locale."""
        self.default_language = site.config.language
        """Where links to items without a translation go (hreflang on them)."""
        direction = text_direction(self.language)
        # dir on <html> when it says something: always for a site in several languages, and for
        # a right-to-left one; a one-language left-to-right site's pages stay as they were.
        self.direction = direction if site.config.languages or direction == "rtl" else ""
        self.original_lang = (
            Markup(' lang="{}"').format(self.default_language)
            if self.language != self.default_language
            else Markup("")
        )
        """Quotes and sources stay in the words of the original: marked so on other languages'
        pages (an attribute, or nothing)."""
        self.env = site_environment(
            environment or make_environment(theme),
            {
                "site": self.site,
                "config": site.config,
                "items": self.items_of,
                "name": self.name,
                "backlinks": self.backlinks_of,
                "referrers": self.referrers,
                "terms_by_letter": terms_by_letter,
                "containing_places": self.containing_places,
                "ui": self.strings,
                "page_language": self.language,
                "page_direction": self.direction,
                # quotes and sources stay in the words of the original: marked so on other
                # languages' pages (an attribute, or nothing)
                "link_lang": self.link_lang,
                "quote_lang": self.quote_lang,
                "counted": self.counted,
                "plural_forms": self.plural_forms,
                "source_lang": self.source_lang,
                "is_translated_quote": lambda text: text in site.quote_originals,
                "original_lang": self.original_lang,
                "featured": self.featured,
                "is_draft": self.is_draft,
                "old_anchors": self.old_anchors,
                "menu": self.menu,
                "when": self.when,
                "sections": {section.slug: section for section in built_sections(site.shown())},
                "search_kinds": SEARCH_KINDS,
                "search_boxes": [
                    (section, kind, self.strings[f"search.kind.{kind}"])
                    for section, kind in SEARCH_KINDS.items()
                ],
                # each feature owns its template helpers
                **outputs.template_globals(self.site),
                **embeds.template_globals(self.source, self.strings),  # which items embed: site-wide
                **provenance_view.template_globals(self.site, self.reads.sticky, memo),
                **charts.template_globals(self.site, read_chart_sizes(theme), self.strings),
                **claims.template_globals(self.strings),
                **pictures.template_globals(self.site, self.pictures),
            },
            {
                "noun": lambda kind: self.strings[f"noun.{kind}"],
                "date_words": partial(date_text, strings=self.strings),
                **self.number_filters(),
            },
        )
        """This build's environment: the shared one (reused by later builds, maybe of another
        site) with this site's globals and filters over it, in an overlay."""
        self.first_reads = frozenset(self.reads.current)
        """What making the helpers read: every page depends on it."""

    def name(self, target: Item | str) -> str:
        """An item's display name, given the item or its slug (which notes only the name as
        read, so a page is not rendered again when the rest of that item changes)."""
        return self.site.name_of(target) if isinstance(target, str) else item_name(target)

    def menu(self, place: str) -> list[MenuEntry]:
        """One menu's entries, worked out once per site: every page shows them."""
        self.reads.note(f"menu:{place}")
        found = self.menus.get(place)
        if found is None:
            found = self.menus[place] = menu(self.source, place, self.strings)
        return found

    def items_of(self, kind: str) -> list[Item]:
        """Items of a kind in reading order: people and places by name, events by date."""
        self.reads.note(f"kind:{kind}")
        return self.in_reading_order(kind)

    def in_reading_order(self, kind: str) -> list[Item]:
        """items_of(kind), noting nothing: the caller notes what it uses."""
        found = self.reading_order.get(kind)
        if found is None:
            found = self.reading_order[kind] = sort_for_reading(self.source, kind)
        return found

    def featured(self, kind: str) -> list[Item]:
        """The featured items of a kind for the home page, by weight; empty when none is."""
        return featured_items(self.items_of(kind))

    def when(self, event: Event) -> Markup:
        """An event's date as words in <time> elements (strings.when_text), escaped; made once
        per event, however many pages show it."""
        if event.slug not in self.event_dates:
            self.event_dates[event.slug] = Markup(when_text(event, self.escaped_strings, show=time_element))
        return self.event_dates[event.slug]

    def number_filters(self) -> dict[str, Callable[..., Any]]:
        """A `fill` that writes the whole numbers it fills in in the format and digits of the
        table's locale (1 234, Persian digits for fa), when it names one; else none (theme.py's)."""
        if not self.strings["date.locale"]:
            return {}

        filled = Fill()

        def fill(text: str, **values: Any) -> Markup:
            shown = {
                key: number_text(value, self.strings)
                if isinstance(value, int) and not isinstance(value, bool)
                else value
                for key, value in values.items()
            }
            return filled(text, **shown)

        return {"fill": fill}

    def counted(self, key: str, count: int, **values: Any) -> Markup:
        """A counted string (strings.COUNTED) in the form the language's plural rules give the
        count, filled in and escaped like `fill`: "1 événement", "2 événements"."""
        fill: Callable[..., Markup] = self.env.filters["fill"]
        return fill(plural_form(key, count, self.strings), count=count, **values)

    def plural_forms(self, key: str) -> list[tuple[str, str]]:
        """Every form of a counted string, by the language's plural categories, for a script
        that counts in the browser (search.js picks one with Intl.PluralRules)."""
        return [(category, self.strings[f"{key}.{category}"]) for category in plural_categories(self.strings)]

    def quote_lang(self, text: str) -> Markup:
        """lang for a quote: nothing for a translated one or one from a source in the page's
        language, the original's language for the original's words."""
        if text in self.site.quote_originals or text in self.site.own_quotes:
            return Markup("")
        return self.original_lang

    def source_lang(self, source: Item) -> Markup:
        """lang for a source's title and quotes: its own language (the default's unless it
        says), when that is not the page's; else nothing."""
        language = getattr(source, "language", "") or self.default_language
        return Markup("") if language == self.language else Markup(' lang="{}"').format(language)

    def link_lang(self, slug: str) -> Markup:
        """hreflang and lang for a link to an item shown only in the default language (it has no
        translation into this page's), else nothing."""
        if slug not in self.site.fallback:
            return Markup("")
        return Markup(' hreflang="{0}" lang="{0}"').format(self.default_language)

    def is_draft(self, item: Item | None) -> bool:
        """Whether a page's item is a draft (or embargoed) shown only because drafts are built."""
        return item is not None and item.slug in self.site.drafts

    def old_anchors(self, item: Item) -> Markup:
        """An empty element per old slug of a renamed item shown as an anchor, so that its old
        link (/glossary/#old-slug) still lands on it."""
        return Markup("").join(Markup('<span id="{}"></span>').format(old) for old in item.redirect_from)

    def referrers(self, item: Item, kind: str, how: str = "") -> list[Item]:
        """Items of `kind` whose front matter or body refers to `item`, in reading order."""
        found = {
            backlink.source_slug
            for backlink in self.site.backlinks.get(item.slug, ())
            if (not how or backlink.how == how) and self.source.items[backlink.source_slug].kind == kind
        }
        if not found:
            return []
        self.reads.note(f"order:{kind}")
        position = self.reading_position.get(kind)
        if position is None:
            position = {other.slug: index for index, other in enumerate(self.in_reading_order(kind))}
            self.reading_position[kind] = position
        return [self.site.items[slug] for slug in sorted(found, key=position.__getitem__)]

    def containing_places(self, place: Place) -> list[Place]:
        """What a place lies within, nearest first (link.check_place_cycles rules out loops)."""
        chain: list[Place] = []
        current = place
        while current.part_of:
            parent = self.site.items[current.part_of]
            assert isinstance(parent, Place), "link lets part_of name only a place"
            current = parent
            chain.append(current)
        return chain

    def backlinks_of(self, item: Item, *hows: str) -> list[tuple[Item, str]]:
        """(referring item, label) for what refers to `item`, optionally only some ways."""
        found: list[tuple[Item, str]] = []
        seen: set[str] = set()
        for backlink in self.site.backlinks.get(item.slug, ()):
            if hows and backlink.how not in hows:
                continue
            if backlink.source_slug in seen:
                continue
            seen.add(backlink.source_slug)
            found.append((self.site.items[backlink.source_slug], backlink.label))
        return found

    def page_functions(self, page_url: str) -> dict[str, Any]:
        """url(), asset() and body() bound to the page they are rendered on."""
        site = self.site
        absolute = page_url == NOT_FOUND_URL  # served at any depth, so links are root-based
        folder = site.folder  # a language's pages are planned as at the root, written in it
        shown_url = in_language(page_url, folder)
        relative_urls: dict[str, str] = {}
        """Target -> its URL relative to this page, which links some targets many times; kept
        for this page only, as no two pages share a key (a build-long table grew to 10^5)."""

        def url(target: Item | str) -> str:
            if isinstance(target, str) and target.startswith("/"):
                path = in_language(target, folder)
            else:
                slug = target if isinstance(target, str) else target.slug
                path = site.urls[slug]
                if slug not in site.fallback:  # untranslated: the default language's page
                    path = in_language(path, folder)
            if absolute:
                return self.root_path + path.lstrip("/")
            found = relative_urls.get(path)
            if found is None:
                found = relative_urls[path] = relative_url(path, shown_url)
            return found

        def asset(name: str) -> str:
            if name not in self.assets:
                raise jinja2.TemplateRuntimeError(f"asset '{name}' is not in the theme's static/")
            return url("/assets/" + self.assets[name][0])

        def link_target(slug: str) -> tuple[str, str, str]:
            if slug not in site.items:  # [[timeline]]: link.check_body_links let only built sections by
                return url(SECTION_BY_SLUG[slug].url), self.strings[f"{slug}.title"], ""
            return url(slug), self.name(slug), self.default_language if slug in site.fallback else ""

        def body(item: Item) -> Markup:
            rendered = site.bodies.get(item.slug)
            if not rendered:
                return Markup("")
            html = fill_links(rendered.html, link_target)
            if rendered.images:
                html = pictures.fill_body_pictures(html, rendered, item, site, self.pictures, self.env, url)
            return Markup(html)

        canonical = site.config.base_url + shown_url.lstrip("/") if site.config.base_url else ""
        return {"url": url, "asset": asset, "body": body, "page_url": page_url, "canonical": canonical}

    def render_page(self, plan: PagePlan) -> bytes:
        """One page's HTML; what it read goes to page_reads."""
        self.reads.current = set(self.first_reads)
        if plan.item is not None:
            self.reads.note(f"item:{plan.item.slug}")
        template = self.env.get_template(plan.template)
        context = {
            "title": plan.title,
            "description": plan.description,
            "item": plan.item,
            **plan.extra,
            **self.page_functions(plan.url),
        }
        html = template.render(context)
        if self.site.config.mentions and plan.mentions and getattr(plan.item, "mentions", True):
            self.reads.note("mentions")
            if self.mention_matcher is None:
                self.mention_matcher = site_matcher(self.source, self.compile_mentions)
            html = link_mentions(html, plan.url, self.site, self.mention_matcher)
        self.page_reads[plan.url] = frozenset(self.reads.current)
        return html.encode("utf-8")

    def render_pages(self, plans: Sequence[PagePlan]) -> Rendered:
        """Pages in order, what each read, and the template errors, one per template line."""
        files: dict[str, bytes] = {}
        errors: dict[tuple[str, int, str], SiteError] = {}
        for plan in plans:
            try:
                files[output_path(plan.url)] = self.render_page(plan)
            except (jinja2.TemplateError, RecursionError) as e:
                problem = template_problem(e, plan.template)
                errors.setdefault((problem.path, problem.line, problem.message), problem)
        reads = {plan.url: self.page_reads[plan.url] for plan in plans if plan.url in self.page_reads}
        return files, list(errors.values()), reads

    def asset_files(self) -> dict[str, bytes]:
        """The theme's static files under their hashed names: 'assets/style.1a2b3c4d5e.css'."""
        return {"assets/" + hashed: data for hashed, data in self.assets.values()}
