"""What each page read while it rendered, so that the next build renders only pages whose reads
changed and reuses the previous bytes of the others.

A page notes names as it reads: `item:<slug>` (an item's fields, without its body),
`body:<slug>` (its body: `body(item)` in a template reads the rendered body), `name:<slug>`
(only its display name: `name(slug)` in a template, a [[link]]'s text), `backlinks:<slug>`,
`kind:<kind>` (every item of a kind, e.g. a list of people), `order:<kind>` (only the reading
order of a kind), `menu:<place>`, `mentions` (the table of names first mentions link), `all`
(the whole of a mapping of items was walked) and `bodies` (every body was walked). Each name has
a digest worked out from the linked site; a page's record is its names, the digest of its plan
and the hash of its bytes. The cache keeps the records with, per language, the site-wide digest
(engine, theme, config, which items exist at which URL, drafts, pictures) and every name's
digest (SavedReads). A build whose site-wide digest is the last build's works out which names
changed, each once (ReadDigests.changed), and does not render a page whose plan is the same and
which read none of them: its bytes are taken from the output folder by the hash its record holds
(or read back and checked against it). When in doubt a read is noted broadly (walking
`site.items` is `all`).

Working out a name's digest is the cost (a repr of the item), so a name of one item is worked
out only when it may have changed: an item whose content file has the key it had last time is
the same parse, with the same item:, body: and name: digests (tokens), and its backlinks changed
only if an item that cites it now or cited it then changed (a backlink is made from its source
item alone). Everything else a page reads is in the site-wide digest or a name of no one item,
worked out every build.

Bodies are apart because most pages that show an item (lists, cards, what refers to it) show
its name, summary and URL, never its body: a body-only edit then renders again only the pages
that show the body. Two readers of an item's raw `body` text are not noted, so their items'
digests keep the body: a source's (quotes are found in its text, on /sources/), and every
item's when a template of the theme names `body` otherwise than as the `body(item)` call
(templates_read_raw_bodies).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields, replace
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from ..cache import content_key
from ..manifest import digest
from ..markup import RenderedBody
from ..mentions import alias_table
from ..model import Backlink, Event, Item, Site, Source, item_name
from ..sections import menu
from ..urls import output_path
from .pages import PagePlan, sort_for_reading
from .theme import Theme

V = TypeVar("V")
T = TypeVar("T")
WHOLE = "all"
"""The name noted when a page walks a whole mapping of the site: it depends on every item's
fields and backlinks."""
BODIES = "bodies"
"""The name noted when a page walks the bodies: it depends on every body."""
JINJA_TAG_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
RAW_BODY_RE = re.compile(r"\bbody\b(?!\s*\()")
"""`body` in a template tag, not called: item.body, item['body'], attr('body'), a renamed body."""


class Reads:
    """The names the page being rendered has read (one per renderer)."""

    def __init__(self) -> None:
        self.current: set[str] = set()

    def note(self, name: str) -> None:
        """Say that the page being rendered read `name`."""
        self.current.add(name)

    def sticky(self, function: Callable[..., T]) -> Callable[..., T]:
        """`function`, noting on every call all that any call of it read: for a function that
        works something out once and then answers from memory (what it read the first time
        would otherwise be noted only on the first page that called it)."""
        seen: set[str] = set()

        def call(*args: Any, **kwargs: Any) -> T:
            outer, self.current = self.current, set()
            try:
                return function(*args, **kwargs)
            finally:
                seen.update(self.current)
                outer.update(seen)
                self.current = outer

        return call


class ReadMap(dict[str, V]):
    """A mapping of the site that notes `<prefix><key>` for each key read, and `whole` when it
    is walked. Whether a key is present is not noted: which items exist is site-wide."""

    __slots__ = ("prefix", "reads", "whole")

    def __init__(self, data: Mapping[str, V], reads: Reads, prefix: str, whole: str = WHOLE) -> None:
        super().__init__(data)
        self.reads = reads
        self.prefix = prefix
        self.whole = whole

    def __getitem__(self, key: str) -> V:
        self.reads.note(self.prefix + key)
        return dict.__getitem__(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        self.reads.note(self.prefix + key)
        return dict.get(self, key, default)

    def __iter__(self) -> Iterator[str]:
        self.reads.note(self.whole)
        return dict.__iter__(self)

    def keys(self) -> Any:
        self.reads.note(self.whole)
        return dict.keys(self)

    def values(self) -> Any:
        self.reads.note(self.whole)
        return dict.values(self)

    def items(self) -> Any:
        self.reads.note(self.whole)
        return dict.items(self)


class ReadTimeline(tuple[Event, ...]):
    """The site's timeline, noting `kind:events` however it is read (its order comes from the
    events' own dates)."""

    reads: Reads

    def __new__(cls, events: tuple[Event, ...], reads: Reads) -> ReadTimeline:
        made = super().__new__(cls, events)
        made.reads = reads
        return made

    def __iter__(self) -> Iterator[Event]:
        self.reads.note("kind:events")
        return tuple.__iter__(self)

    def __getitem__(self, index: Any) -> Any:
        self.reads.note("kind:events")
        return tuple.__getitem__(self, index)


class ReadSite(Site):
    """A Site whose items, bodies, backlinks and timeline note what is read of them."""

    __slots__ = ("reads",)
    reads: Reads

    def of_kind(self, kind: str) -> list[Item]:
        """Items of one kind this site shows, in slug order (Site.of_kind), noted as `kind:<kind>`."""
        self.reads.note(f"kind:{kind}")
        shown = (item for item in dict.values(self.items) if item.slug not in self.fallback)
        return [item for item in shown if item.kind == kind]

    def shown(self) -> list[Item]:
        """Every item this site shows (Site.shown), walked each time: walking notes `all`."""
        return [item for item in self.items.values() if item.slug not in self.fallback]

    def worked_out(self, name: str, compute: Callable[[], V]) -> V:
        """compute() each time: what it reads is noted for the page that asks."""
        return compute()

    def name_of(self, slug: str) -> str:
        """The display name of the item with this slug, noted as `name:<slug>`."""
        self.reads.note(f"name:{slug}")
        return item_name(dict.__getitem__(self.items, slug))


def read_site(site: Site, reads: Reads) -> ReadSite:
    """A copy of `site` that notes into `reads` what is read of it."""
    values = {field.name: getattr(site, field.name) for field in fields(site) if field.init}
    values["items"] = ReadMap(site.items, reads, "item:")
    values["bodies"] = ReadMap(site.bodies, reads, "body:", BODIES)
    values["backlinks"] = ReadMap(site.backlinks, reads, "backlinks:")
    values["timeline"] = ReadTimeline(site.timeline, reads)
    tracked = ReadSite(**values)
    object.__setattr__(tracked, "reads", reads)
    return tracked


BACKLINK_FIELDS = attrgetter(*(field.name for field in fields(Backlink)))
"""A backlink's fields as a plain tuple: a tuple's repr is C code, a dataclass's is Python."""
TOKENED = ("item", "body", "name")
"""The names whose digest is a function of their item alone (given the site-wide digest)."""
NARROW = frozenset([*TOKENED, "backlinks"])
"""The names of one item: a build works out only those of the items that may have changed."""


@dataclass(frozen=True, slots=True)
class LanguageReads:
    """What the last build worked out for one language's pages (its folder's)."""

    site_wide: str
    digests: dict[str, str]
    """Each name a page of the language read -> its digest then."""
    tokens: dict[str, str]
    """Slug -> the key of the content file its item was parsed from (the default language)."""
    cited_by: dict[str, tuple[str, ...]]
    """Slug -> the slugs of the items its backlinks come from (with tokens only)."""
    wide: tuple[str, ...]
    """The names in `digests` not of one item (kind:, order:, menu:, mentions, all, bodies):
    worked out again every build, whatever changed."""


RECORDS_FORMAT = 2
"""The form of SavedReads; a saved value of another form (or another type) is ignored."""


@dataclass(frozen=True, slots=True)
class SavedReads:
    """What the build cache keeps for one output folder: each page's record, and per language
    folder ('' for the default) the digest every read name had, so that the next build works
    out which names changed once, not once per page that read them."""

    pages: dict[str, PageRecord]
    """Language folder + URL -> the page's record."""
    languages: dict[str, LanguageReads]
    format: int = RECORDS_FORMAT


def saved_reads(found: object) -> SavedReads | None:
    """`found` as the reads of an earlier build when it is of this form, else None: a value
    another form saved is ignored, never trusted."""
    if isinstance(found, SavedReads) and found.format == RECORDS_FORMAT:
        return found
    return None


class ReadDigests:
    """The digest of each name a page may read, worked out from one linked site (memoised).
    `raw_bodies`: the theme's templates may read an item's body text themselves
    (templates_read_raw_bodies), so an item's digest keeps its body. `kept`: digests of items
    and bodies from an earlier build of this process (serve), each with the objects it was
    worked out from; reused while the site holds those very objects (the build cache gives an
    unchanged file's item and body back as they were), updated here.

    `tokens` (slug -> the key of the content file its item was parsed from, given only for
    items that are that parse unchanged) and `previous` (the last build's, given only when its
    site-wide digest is this one's): an item whose file has the key it had then has the digests
    it had then (item:, body:, name:), without working them out; `changed` lists the names
    whose digest is not the last build's."""

    def __init__(
        self,
        site: Site,
        strings: Mapping[str, str],
        site_wide: str,
        raw_bodies: bool = False,
        kept: dict[str, tuple[object, object, str]] | None = None,
        tokens: Mapping[str, str] | None = None,
        previous: LanguageReads | None = None,
        plans: Callable[[PagePlan], str] | None = None,
    ) -> None:
        self.site = site
        self.plan_digest = plans or plan_digest
        """plan_digest, or a PlanDigests (serve)."""
        self.strings = strings
        self.site_wide = site_wide
        self.raw_bodies = raw_bodies
        self.known: dict[str, str] = {}
        self.kept = kept if kept is not None else {}
        self.tokens = tokens or {}
        self.previous = previous if previous is not None and previous.site_wide == site_wide else None
        self.changed_names: set[str] | None = None
        self.cited_by: dict[str, tuple[str, ...]] = {}
        self.stale: set[str] = set()
        """Slugs of the items whose file's key is not the last build's (with `recited`)."""
        self.recited: set[str] | None = None
        """Slugs whose backlinks may differ from the last build's (None: any slug's may)."""
        if self.tokens:
            sources = attrgetter("source_slug")
            self.cited_by = {
                slug: tuple(dict.fromkeys(map(sources, links))) for slug, links in site.backlinks.items()
            }
        if self.tokens and self.previous is not None:
            self.recited = self.cited_anew(self.previous)

    def cited_anew(self, previous: LanguageReads) -> set[str]:
        """The slugs whose backlinks may have changed since the last build: a backlink is
        worked out from its source item alone (link.py: what it names and how), so only the
        items that an item whose file changed cites now or cited then (and those items)."""
        tokens, was = self.tokens, previous.tokens
        changed = self.stale = {
            slug for slug in self.site.items if tokens.get(slug) is None or was.get(slug) != tokens[slug]
        }
        recited = set(changed)
        for cited_by in (self.cited_by, previous.cited_by):
            recited.update(slug for slug, sources in cited_by.items() if not changed.isdisjoint(sources))
        return recited

    def __call__(self, name: str) -> str:
        found = self.known.get(name)
        if found is None:
            found = self.known[name] = self.work_out(name)
        return found

    def changed(self) -> set[str] | None:
        """The names the last build's pages read whose digest is not what it was then; None
        when there is no last build to compare with (or its site-wide digest differs)."""
        if self.previous is None:
            return None
        if self.changed_names is None:
            digests = self.previous.digests
            names: Iterable[str] = digests
            if self.recited is not None:  # the others have the digest they had (tokens)
                names = [
                    *self.previous.wide,
                    *(f"backlinks:{slug}" for slug in self.recited),
                    *(f"{what}:{slug}" for slug in self.stale for what in TOKENED),
                ]
            self.changed_names = {name for name in names if name in digests and self(name) != digests[name]}
        return self.changed_names

    def work_out(self, name: str) -> str:
        """The digest of one name (see the module's docstring for the names)."""
        site = self.site
        what, _, arg = name.partition(":")
        if what in TOKENED and self.previous is not None:
            token = self.tokens.get(arg)
            if token is not None and self.previous.tokens.get(arg) == token:
                was = self.previous.digests.get(name)
                if was is not None:
                    return was
        if what in ("item", "body"):
            item, rendered = site.items.get(arg), site.bodies.get(arg) if what == "body" else None
            kept = self.kept.get(name)
            if kept is not None and kept[0] is item and kept[1] is rendered:
                return kept[2]
            found = self.item_digest(item) if what == "item" else self.body_digest(item, rendered)
            self.kept[name] = (item, rendered, found)
            return found
        if what == "name":
            item = site.items.get(arg)
            return content_key(item_name(item) if item is not None else "")
        if what == "backlinks":
            if self.recited is not None and arg not in self.recited and self.previous is not None:
                was = self.previous.digests.get(name)
                if was is not None:
                    return was
            return content_key(repr([BACKLINK_FIELDS(link) for link in site.backlinks.get(arg, ())]))
        if self.previous is not None and self.made_of_items(what, name):
            return self.previous.digests[name]
        if what == "kind":
            return content_key(*(self(f"item:{item.slug}") for item in site.of_kind(arg)))
        if what == "order":
            return content_key(*(item.slug for item in sort_for_reading(site, arg)))
        if what == "menu":
            return content_key(repr(menu(site, arg, self.strings)))
        if name == "mentions":
            return content_key(repr(list(alias_table(site))))
        if name == WHOLE:
            parts = [self(f"item:{slug}") for slug in site.items]
            parts += [self(f"backlinks:{slug}") for slug in sorted(site.backlinks)]
            return content_key(*parts)
        if name == BODIES:
            return content_key(*(self(f"body:{slug}") for slug in site.items))
        raise ValueError(f"unknown read {name!r}")

    def made_of_items(self, what: str, name: str) -> bool:
        """Whether `name` is worked out from the items alone (a kind's list, its reading order,
        the mention table: their fields; 'bodies': their bodies; 'all': their fields and
        backlinks) and none of those of the items that may have changed (`stale`) differs from
        the last build's: then its digest is the last build's."""
        if self.recited is None or self.previous is None or name not in self.previous.digests:
            return False
        if what in ("kind", "order") or name == "mentions":
            return self.same("item", self.stale)
        if name == BODIES:
            return self.same("body", self.stale)
        if name == WHOLE:
            return self.same("item", self.stale) and self.same("backlinks", self.recited)
        return False

    def same(self, what: str, slugs: Iterable[str]) -> bool:
        """Whether the `what:<slug>` digest of each slug is the last build's."""
        was = self.previous.digests if self.previous is not None else {}
        return all(was.get(f"{what}:{slug}") == self(f"{what}:{slug}") for slug in slugs)

    def item_digest(self, item: Item | None) -> str:
        """An item's fields; its body too for a source, or when templates read bodies raw."""
        if item is not None and not self.raw_bodies and not isinstance(item, Source):
            item = replace(item, body="")  # its own name: body:<slug>
        return content_key(repr(item))

    @staticmethod
    def body_digest(item: Item | None, rendered: RenderedBody | None) -> str:
        """What body(item) shows: its rendered HTML and pictures (its [[links]] are backlinks)."""
        text = item.body if item is not None else ""
        if rendered is None:
            return content_key(text)
        return content_key(text, rendered.html, repr(rendered.images))

    def remembered(self, names: Iterable[str]) -> LanguageReads:
        """What the next build compares with: the digest of every name the last build's pages
        read (as it is now: see changed), of `names` (what the pages rendered now read) and of
        every other name worked out in this build ('all' reads every item's and backlinks'),
        with the tokens and who cites whom."""
        digests = dict(self.previous.digests) if self.previous is not None else {}
        digests.update(self.known)
        digests.update((name, self(name)) for name in names if name not in digests)
        wide = tuple(name for name in digests if name.partition(":")[0] not in NARROW)
        return LanguageReads(self.site_wide, digests, dict(self.tokens), self.cited_by, wide)


def plan_digest(plan: PagePlan) -> str:
    """The digest of what a page shows from its plan (what it reads is in its record's names)."""
    shown = (plan.url, plan.template, plan.title, plan.description, sorted(plan.extra.items()))
    return content_key(repr(shown))


class PlanDigests:
    """plan_digest, kept between the builds of one process (serve) by what it hashes: a plan
    is made anew each build, but what it shows (strings, a card, the alternates: values of
    one type each) is mostly equal to the last build's, and a lookup costs a tenth of a repr
    and a hash (4,608 plans at 4,000 items). A plan whose extra holds a value that cannot be
    hashed is digested as ever."""

    def __init__(self, earlier: PlanDigests | None = None) -> None:
        self.found: dict[tuple[object, ...], str] = {}
        self.earlier = earlier.found if earlier is not None else {}
        """The last build's (the one before is let go)."""

    def __call__(self, plan: PagePlan) -> str:
        shown = (plan.url, plan.template, plan.title, plan.description, *sorted(plan.extra.items()))
        try:
            found = self.found.get(shown) or self.earlier.get(shown)
        except TypeError:  # unhashable
            return plan_digest(plan)
        if found is None:
            found = plan_digest(plan)
        self.found[shown] = found
        return found


def templates_read_raw_bodies(theme: Theme) -> bool:
    """Whether a template of the theme may read an item's body text itself (`item.body` in a
    tag) rather than through `body(item)`, which notes what it reads; a file that is not text
    is no template. Said broadly: any `body` in a tag that is not a call counts."""
    for directory in theme.template_dirs:
        for path in sorted(directory.rglob("*")):
            try:
                text = path.read_text("utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if any(RAW_BODY_RE.search(tag[0]) for tag in JINJA_TAG_RE.finditer(text)):
                return True
    return False


def site_wide_digest(site: Site, *parts: str) -> str:
    """What every page depends on: the config, which item is at which URL, the drafts, the
    pictures, and `parts` (the engine, the theme, the pictures made); with `languages`, the
    page's language and folder, which items have no translation into it (links to them go to
    the default language, marked with hreflang) and which quotes are translated. A page's
    language switcher and hreflang alternates are in its plan (pages.add_alternates)."""
    shape = [(slug, item.kind, site.urls[slug]) for slug, item in site.items.items()]
    media = sorted((ref, repr(media_file)) for ref, media_file in site.media.items())
    language = (site.language, site.folder, sorted(site.fallback), sorted(site.quote_originals.items()))
    return content_key(
        *parts, repr(site.config), repr(shape), repr(sorted(site.drafts)), repr(media), repr(language)
    )


class PageRecord(NamedTuple):
    """What one page read, the digest of its plan (plan_digest), and the hash of the bytes it
    rendered to. A named tuple, its names interned: 4,000 pages' records load from the cache
    five times faster than as dataclasses with a string per name read."""

    names: tuple[str, ...]
    inputs: str
    output: str


def reusable_pages(
    plans: list[PagePlan],
    saved: SavedReads | None,
    digests: ReadDigests,
    out_dir: Path,
    folder: str = "",
    written: Mapping[str, bytes] | None = None,
    put: Callable[[str, bytes], None] | None = None,
    put_unread: Callable[[str, str], bool] | None = None,
) -> dict[str, bytes]:
    """Output path -> bytes of each page whose record still holds: its plan is the same and none
    of the names it read changed (ReadDigests.changed, worked out once per build); read back
    from out_dir only when they are the bytes the record says were written, or taken from
    `written` (what this process last wrote there, serve: the very bytes the records were made
    from, kept with them by the same build, so not hashed again). `folder`: the language's
    ('fr/'), which prefixes its pages' records and output paths. With `put` (into a build's
    staging folder), each such page is handed to it at once instead of kept in the mapping
    returned, so a rebuild of a large site does not hold every unchanged page in memory; with
    `put_unread` too, a page is first offered to it by the hash its record holds
    (Staging.put_unread: out_dir's manifest says it holds those bytes), and read only when it
    declines. Without `put`, a page taken from `written` is offered to `put_unread` (and
    returned): the caller need not put (and hash) it again if it took it."""
    changed = digests.changed()
    if saved is None or changed is None or digests.previous is None:
        return {}
    checked = digests.previous.digests.__contains__
    reused: dict[str, bytes] = {}
    for plan in plans:
        record = saved.pages.get(folder + plan.url)
        if (
            record is None
            or not changed.isdisjoint(record.names)
            or not all(map(checked, record.names))  # each name it read was checked: always so
            or digests.plan_digest(plan) != record.inputs
        ):
            continue
        path = folder + output_path(plan.url)
        if put is not None and put_unread is not None and put_unread(path, record.output):
            continue
        data = written.get(path) if written is not None else None
        if data is None:
            try:
                data = (out_dir / path).read_bytes()
            except OSError:
                continue
            if digest(data) != record.output:
                continue
        elif put is None and put_unread is not None:  # kept, and placed without hashing again
            put_unread(path, record.output)
        if put is not None:
            put(path, data)
        else:
            reused[path] = data
    return reused


def page_records(
    plans: list[PagePlan],
    files: Mapping[str, bytes],
    reads: Mapping[str, frozenset[str]],
    previous: Mapping[str, PageRecord],
    folder: str = "",
) -> dict[str, PageRecord]:
    """The record of every page: new for the pages rendered now (their `reads`), the previous
    one for the pages reused. `files` and `reads` are the language's own (its paths without
    `folder`), the records are keyed by `folder` + URL."""
    records: dict[str, PageRecord] = {}
    for plan in plans:
        path = output_path(plan.url)
        if path not in files:
            continue
        page_reads = reads.get(plan.url)
        if page_reads is None:
            records[folder + plan.url] = previous[folder + plan.url]
            continue
        names = tuple(sorted(map(sys.intern, page_reads)))
        records[folder + plan.url] = PageRecord(names, plan_digest(plan), digest(files[path]))
    return records


__all__ = [
    "LanguageReads",
    "PageRecord",
    "PlanDigests",
    "ReadDigests",
    "ReadSite",
    "Reads",
    "SavedReads",
    "page_records",
    "plan_digest",
    "read_site",
    "reusable_pages",
    "saved_reads",
    "site_wide_digest",
    "templates_read_raw_bodies",
]
