"""The content model: one frozen dataclass per kind of item, plain data between the stages."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

if TYPE_CHECKING:  # Pillow is loaded only by builds that have pictures
    from .images import ImageInfo

V = TypeVar("V")


@dataclass(frozen=True, slots=True, order=True)
class FuzzyDate:
    """A date known to a decade, a year, a month or a day; sorts coarse before fine."""

    year: int
    """The year; for a decade, its first year (1980 for the 1980s)."""
    month: int = 0
    """1-12, or 0 when only the year (or decade) is known."""
    day: int = 0
    """1-31, or 0 when only the month or less is known."""
    precision: int = 1
    """0 decade, 1 year, 2 month, 3 day: a decade sorts before its first year."""

    @property
    def iso(self) -> str:
        """The form the author wrote: 1980s, 1989, 2021-08 or 2021-08-27."""
        if self.precision == 0:
            return f"{self.year:04d}s"
        if self.precision == 1:
            return f"{self.year:04d}"
        if self.precision == 2:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def machine(self) -> str:
        """A valid HTML <time datetime> value (a decade is given as its first year)."""
        return self.iso.rstrip("s")

    @property
    def first_day(self) -> date:
        """The first day the date may mean (1 January 1980 for the 1980s)."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> date:
        """The last day the date may mean (31 December 1989 for the 1980s)."""
        year = self.year + 9 if self.precision == 0 else self.year
        month = self.month or 12
        return date(year, month, self.day or calendar.monthrange(year, month)[1])

    @property
    def decade(self) -> int:
        """The first year of the decade the date falls in."""
        return self.year - self.year % 10


@dataclass(frozen=True, slots=True)
class Correction:
    """A dated correction shown at the foot of the page that carries it."""

    date: FuzzyDate
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Quote:
    """Somebody's verbatim words, with the source that holds them."""

    text: str
    source: str = ""
    """Slug of the source whose text contains the quote (the item's own source if not given)."""
    context: str = ""
    """Where or to whom it was said, e.g. "to BBC Radio 4's Today programme"."""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Relation:
    """A labelled link from one person to another ("son of")."""

    person: str
    label: str
    line: int = 0


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Entry:
    """Fields every item has: where it came from, and its editorial history. Never made itself:
    each kind below compares, hashes and shows all its fields with its own methods."""

    kind: str
    """The content folder it came from: people, places, figures, events, glossary, pages, sources."""
    slug: str
    path: str
    """Path of the source file relative to the project root, as shown in error messages."""
    body: str
    """Markdown body after the front matter (may be empty)."""
    body_line: int
    """1-based line of the file on which the body starts."""
    lines: dict[str, int]
    """1-based line of each front-matter key, so later stages can point back at a field."""
    corrections: tuple[Correction, ...]
    updated: FuzzyDate | None
    draft: bool = False
    """True keeps the item out of `build` and `publish` (shown, bannered, by `--drafts` and serve)."""
    embargo: datetime | None = None
    """A moment with a time zone: until then the item is treated as a draft."""
    redirect_from: tuple[str, ...] = ()
    """Slugs the item had before it was renamed: their URLs lead here, and no item may take them."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Source(Entry):
    """Evidence: the verbatim text quotes and figures are checked against. Never published whole."""

    title: str = ""
    publisher: str = ""
    date: FuzzyDate | None = None
    url: str = ""
    language: str = ""
    """The language it is written in, one of the site's; empty: the site's default language."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Page(Entry):
    """A free-form page; pages/index.md is the home page."""

    title: str = ""
    summary: str = ""
    mentions: bool = True
    """False turns automatic mention links off for this page."""
    nav: str = "footer"
    """Where the site's navigation lists the page: header, footer or none."""
    image: str = ""
    """A picture in content/media/, as 'media/x.jpg'; empty when it has none."""
    image_alt: str = ""
    """Alt text for the picture here, over its sidecar's `alt`."""
    image_caption: str = ""
    """Caption for the picture here, over its sidecar's `caption`."""
    weight: int = 0
    """Order in the navigation: lower first, then title."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Person(Entry):
    """Somebody the story names."""

    name: str = ""
    role: str = ""
    summary: str = ""
    aliases: tuple[str, ...] = ()
    age: int | None = None
    affiliations: tuple[str, ...] = ()
    """Glossary slugs (organisations the person belongs to)."""
    relations: tuple[Relation, ...] = ()
    quotes: tuple[Quote, ...] = ()
    quote: str = ""
    """The source's words that support the role and summary; without it they are declared
    general knowledge on the sources page."""
    source: str = ""
    featured: bool = False
    """Shown on the home page (when any item of the kind is featured, only those are)."""
    image: str = ""
    """A picture in content/media/, as 'media/x.jpg'; empty when it has none."""
    image_alt: str = ""
    """Alt text for the picture here, over its sidecar's `alt`."""
    image_caption: str = ""
    """Caption for the picture here, over its sidecar's `caption`."""
    weight: int = 0
    """Order in lists: lower first, then name."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Place(Entry):
    """A place the story names."""

    name: str = ""
    place_kind: str = ""
    """valley, province, town, country... (the front-matter key is `kind`)."""
    summary: str = ""
    aliases: tuple[str, ...] = ()
    part_of: str = ""
    """Slug of the place this one lies within."""
    coordinates: tuple[float, float] | None = None
    quote: str = ""
    """The source's words that say what kind of place it is; without it the kind is declared
    general knowledge on the sources page."""
    source: str = ""
    featured: bool = False
    """Shown on the home page (when any item of the kind is featured, only those are)."""
    image: str = ""
    """A picture in content/media/, as 'media/x.jpg'; empty when it has none."""
    image_alt: str = ""
    """Alt text for the picture here, over its sidecar's `alt`."""
    image_caption: str = ""
    """Caption for the picture here, over its sidecar's `caption`."""
    weight: int = 0
    """Order in lists: lower first, then name."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure(Entry):
    """A key number, with the words of the source that support it."""

    label: str = ""
    value: float = 0
    unit: str = ""
    display: str = ""
    """How the number is shown (e.g. "£7bn"); formatted from value and unit when not given."""
    qualifier: str = ""
    as_of: FuzzyDate | None = None
    attribution: str = ""
    quote: str = ""
    source: str = ""
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    featured: bool = False
    """Shown on the home page (when any item of the kind is featured, only those are)."""
    weight: int = 0
    """Order in lists: lower first, then name."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Event(Entry):
    """A dated happening on the timeline: a `date` (exact or bounded), a `start` (and maybe
    `end`), or only `after` other events."""

    title: str = ""
    start: FuzzyDate | None
    """Where the timeline places it: its date, a span's start, or its bound (`after` if it has
    one, else `before`). None only before linking, for an event dated by `follows` alone."""
    end: FuzzyDate | None = None
    after: FuzzyDate | None = None
    """Lower bound of a date known only to fall after it (`date: {after: ...}`)."""
    before: FuzzyDate | None = None
    """Upper bound of a date known only to fall before it (`date: {before: ...}`)."""
    follows: tuple[str, ...] = ()
    """Slugs of events it happened after (the front-matter key `after`), whatever their dates."""
    summary: str = ""
    approximate: bool = False
    """The date is inferred: shown as "probably ..."."""
    attribution: str = ""
    """Who says it happened, when the site should not say so in its own voice."""
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    quote: str = ""
    source: str = ""
    featured: bool = False
    """Shown on the home page (when any item of the kind is featured, only those are)."""
    time: str = ""
    """24-hour "HH:MM" on the event's day: orders events of the same day, and is shown."""
    image: str = ""
    """A picture in content/media/, as 'media/x.jpg'; empty when it has none."""
    image_alt: str = ""
    """Alt text for the picture here, over its sidecar's `alt`."""
    image_caption: str = ""
    """Caption for the picture here, over its sidecar's `caption`."""
    weight: int = 0
    """Orders events of the same date and no time: lower first, then title."""

    @property
    def dated_start(self) -> FuzzyDate:
        """`start` of an event the link stage has dated: every event on the timeline."""
        assert self.start is not None, f"event {self.slug} is dated by the link stage"
        return self.start


@dataclass(frozen=True, slots=True, kw_only=True)
class Term(Entry):
    """A glossary entry."""

    term: str = ""
    definition: str = ""
    short: str = ""
    """One neutral line for the tooltip shown on every page that mentions the term (default:
    the definition's first sentence)."""
    quote: str = ""
    """The source's words that support the definition; without it the definition is declared
    general knowledge on the sources page."""
    abbr: str = ""
    aliases: tuple[str, ...] = ()
    category: str = ""
    see_also: tuple[str, ...] = ()
    source: str = ""
    weight: int = 0
    """Order in lists: lower first, then name."""


Item = Source | Page | Person | Place | Figure | Event | Term


def weight_order(weight: int) -> tuple[int, int]:
    """Sort key for a `weight`: weighted items first, lower first; 0 (no weight given) after
    them all, so weighting one item never pushes it behind every unweighted one."""
    return (0, weight) if weight else (1, 0)


def item_name(item: Item) -> str:
    """The text a link to the item shows."""
    for attr in ("name", "term", "title", "label"):
        value = getattr(item, attr, "")
        if value:
            return str(value)
    return item.slug


KINDS: tuple[str, ...] = ("sources", "pages", "people", "places", "figures", "events", "glossary")
Kind = Literal["sources", "pages", "people", "places", "figures", "events", "glossary"]


@dataclass(frozen=True, slots=True)
class Config:
    """content/site.yaml, after checking, plus the command-line overrides."""

    title: str
    description: str
    language: str
    base_url: str = ""
    """Absolute URL the site lives at, ending in '/'; empty when unknown."""
    default_source: str = ""
    cname: str = ""
    mentions: bool = True
    raw_html: bool = False
    search: bool = False
    social_cards: bool = True
    """Draw a social card (og:image) for each page without a picture; needs base_url."""
    embeds: bool = True
    """Give the timeline and each figure, person, place and term an embed page (embeds.py)."""
    embed_origins: tuple[str, ...] = ()
    """Origins whose pages may frame the embed pages (_headers); empty: any."""
    max_file_bytes: int = 5_000_000
    max_image_mb: float = 25
    """Largest image file accepted in content/media/, in MB."""
    max_image_megapixels: float = 60
    """Largest image accepted in content/media/, in millions of pixels (width x height)."""
    drafts: bool = False
    """Build drafts and embargoed items too, each with a banner and noindex (`--drafts`, serve)."""
    languages: tuple[str, ...] = ()
    """BCP 47 tags the site is built in, the default (`language`) first; empty for one language."""
    require_translations: bool = False
    """An item without a translation into every language is an error, not a note."""
    translated_texts: tuple[tuple[str, str, str], ...] = ()
    """(language, title, description) from each content/site.<tag>.yaml."""


@dataclass(frozen=True, slots=True)
class Backlink:
    """Item `source_slug` refers to the item this backlink is filed under, as `how`."""

    source_slug: str
    how: str
    """people, places, terms, relation, affiliation, part_of, see_also, link (a [[link]])."""
    label: str = ""
    """For a relation: its label ("son of")."""


@dataclass(frozen=True, slots=True)
class MediaFile:
    """A picture in content/media/ with its sidecar's fields: checked, not yet encoded."""

    ref: str
    """How items name it: 'media/aldrin.jpg' (its path below content/)."""
    path: str
    """The image file as error messages show it: 'content/media/aldrin.jpg'."""
    sidecar: str
    """Its sidecar as error messages show it: 'content/media/aldrin.jpg.yaml'."""
    alt: str
    """What the picture shows, for someone who cannot see it."""
    credit: str
    """Who made it and for whom ("Jalaluddin Sekandar / AP"): shown beside every use."""
    info: ImageInfo
    """Format and shown size, from the file's header."""
    digest: str
    """A hash of the file's bytes: what the derivatives and the build's input digest depend on."""
    caption: str = ""
    license: str = ""
    source_url: str = ""
    """Where the picture was published, an absolute http(s) URL."""


@dataclass(frozen=True, slots=True)
class Site:
    """Everything the renderer needs: checked items, their URLs and what links to what."""

    config: Config
    items: dict[str, Item]
    """Every item by slug (slugs are one namespace across kinds)."""
    urls: dict[str, str]
    """Slug -> site-absolute URL path ('/people/ali-nasary/', '/glossary/#nrf')."""
    backlinks: dict[str, tuple[Backlink, ...]]
    timeline: tuple[Event, ...]
    """Events in date order: a decade before its years, a year before its months."""
    bodies: dict[str, Any]
    """Slug -> markup.RenderedBody of its Markdown body (only items with a body)."""
    media: dict[str, MediaFile] = field(default_factory=dict)
    """'media/x.jpg' -> the picture in content/media/ and its sidecar's fields."""
    drafts: frozenset[str] = frozenset()
    """Slugs of the drafts (and embargoed items) built with a banner; empty unless config.drafts."""
    language: str = ""
    """The language of this site's pages; empty for the one language of a site without `languages`."""
    folder: str = ""
    """Output folder of the language's pages: '' at the root (the default language), else 'fr/'."""
    fallback: frozenset[str] = frozenset()
    """Slugs of items without a translation into `language`: not shown, linked in the default
    language (translate.py)."""
    translations: tuple[Site, ...] = ()
    """The same site in each other language, in site.yaml's order (only on the default's Site)."""
    quote_originals: dict[str, str] = field(default_factory=dict)
    """A translated quote's words -> the original's, which the source holds (translate.py)."""
    own_quotes: frozenset[str] = frozenset()
    """Quotes a translation gives in its own language, found in a source in that language."""
    redirects: dict[str, str] = field(default_factory=dict)
    """Old slug -> the slug of the item renamed from it (its `redirect_from`), in slug order."""

    derived: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    """What worked_out keeps: values made from this site alone, on the first ask."""

    def worked_out(self, name: str, compute: Callable[[], V]) -> V:
        """compute(), once per site: a build asks for some of these (a kind's items, the
        aliases) dozens of times, each a walk of every item. A Site is never changed once made
        (replace makes another, with nothing kept); `name` says what compute makes."""
        found = self.derived.get(name, self.derived)
        if found is self.derived:
            found = self.derived[name] = compute()
        return cast(V, found)

    def of_kind(self, kind: str) -> list[Item]:
        """Items of one kind this site shows, in slug order."""
        return list(self.worked_out("kind:" + kind, lambda: tuple(self.listed(kind))))

    def shown(self) -> list[Item]:
        """Every item this site shows: all but those without a translation into its language."""
        return list(self.worked_out("shown", lambda: tuple(self.listed(None))))

    def listed(self, kind: str | None) -> Iterator[Item]:
        """The items of a kind (None: of every kind) this site shows, walked."""
        for item in self.items.values():
            if (kind is None or item.kind == kind) and item.slug not in self.fallback:
                yield item

    def name_of(self, slug: str) -> str:
        """The display name of the item with this slug (item_name)."""
        return item_name(self.items[slug])
