"""Connect the items: slug references, [[links]], backlinks and timeline order (URLs: urls.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import NamedTuple

from .cache import BuildCache, content_key
from .errors import ContentError, did_you_mean
from .markup import RenderedBody
from .model import Backlink, Config, Event, Item, Person, Place, Site
from .sections import RESERVED_SLUGS, SECTION_BY_SLUG, built_sections
from .timeline import place_events
from .urls import item_url

REFERENCE_FIELDS: dict[str, tuple[str, ...]] = {
    # field -> kinds it may name
    "people": ("people",),
    "places": ("places",),
    "terms": ("glossary",),
    "affiliations": ("glossary",),
    "see_also": ("glossary",),
    "part_of": ("places",),
    "source": ("sources",),
}
FIELD_KINDS = {**REFERENCE_FIELDS, "relations": ("people",), "quotes": ("sources",), "after": ("events",)}
KIND_NOUN = {
    "people": "person",
    "places": "place",
    "glossary": "glossary term",
    "sources": "source",
    "events": "event",
    "figures": "figure",
    "pages": "page",
}


def index_items(
    items: Iterable[Item], errors: list[ContentError], duplicated: set[str] | None = None
) -> dict[str, Item]:
    """Items by slug; a slug used twice (in any kinds) is an error naming both files.

    Duplicated slugs are added to `duplicated`, so references to them are not judged.
    """
    by_slug: dict[str, Item] = {}
    for item in items:
        other = by_slug.get(item.slug)
        if other is not None:
            if duplicated is not None:
                duplicated.add(item.slug)
            errors.append(
                ContentError(
                    item.path,
                    1,
                    1,
                    f"duplicate slug '{item.slug}': {other.path} has it too "
                    "(slugs are shared by all kinds, so [[links]] stay unambiguous)",
                )
            )
            continue
        if item.slug in RESERVED_SLUGS:
            errors.append(ContentError(item.path, 1, 1, reserved_slug_message(item)))
            continue
        by_slug[item.slug] = item
    return dict(sorted(by_slug.items()))


def reserved_slug_message(item: Item) -> str:
    """Why an item may not take a slug the site uses for a section or a folder of its own."""
    slug = item.slug
    if slug in SECTION_BY_SLUG:
        what = f"the built /{slug}/ section ([[{slug}]] links there)"
    else:
        what = f"the site's /{slug}/ folder"
    claim = (
        f"page slug '{slug}' would overwrite" if item.kind == "pages" else (f"slug '{slug}' is reserved for")
    )
    return f"{claim} {what}; rename the file"


def index_redirects(items: Mapping[str, Item], errors: list[ContentError]) -> dict[str, str]:
    """Old slug -> the slug of the item renamed from it, from every `redirect_from`.

    An old slug stays reserved for its redirect: an item, a built section or another redirect
    that has it is an error at the `redirect_from` line naming the other file.
    """
    redirects: dict[str, str] = {}
    lines: dict[str, str] = {}
    for item in items.values():
        for index, old in enumerate(item.redirect_from):
            line = item.lines.get(f"redirect_from[{index + 1}]", item.lines.get("redirect_from", 1))
            taken = items.get(old)
            problem = ""
            if old == item.slug:
                problem = "'redirect_from' names the item's own slug"
            elif taken is not None:
                problem = (
                    f"'redirect_from' keeps '{old}' for this item's old URL, but {taken.path} "
                    "has that slug: rename that file (an old slug stays reserved, so links to "
                    "the old URL keep working)"
                )
            elif old in RESERVED_SLUGS:
                problem = f"'redirect_from' names '{old}', which is reserved for the site's /{old}/"
            elif old in redirects:
                problem = (
                    f"'redirect_from' names '{old}', which {lines[old]} already redirects "
                    f"to '{redirects[old]}'"
                )
            if problem:
                errors.append(ContentError(item.path, line, 1, problem))
                continue
            redirects[old] = item.slug
            lines[old] = f"{item.path}:{line}"
    return dict(sorted(redirects.items()))


def renamed_message(old: str, renamed: Item, written: str) -> str:
    """Why a reference to an old slug fails, and what to write instead."""
    return (
        f"the old slug of '{renamed.slug}' ({renamed.path} lists '{old}' in redirect_from): write {written}"
    )


def _references(item: Item) -> Iterable[tuple[str, str, str, str, int]]:
    """(field, slug, how, label, line) for every slug this item's front matter names.

    A `source` inherited from site.yaml's default_source is not the item's to fix, so it is
    checked once, in link_site, not once per item.
    """
    for field in REFERENCE_FIELDS:
        if field not in item.lines:  # first: a kind without the field raises inside getattr
            continue
        value = getattr(item, field, None)
        if not value:
            continue
        if isinstance(value, str):
            yield field, value, field, "", item.lines[field]
            continue
        for index, slug in enumerate(value):
            yield field, slug, field, "", item.lines.get(f"{field}[{index + 1}]", item.lines[field])
    if isinstance(item, Event):
        for index, slug in enumerate(item.follows):
            yield "after", slug, "after", "", item.lines.get(f"after[{index + 1}]", 1)
    if isinstance(item, Person):
        for relation in item.relations:
            yield "relations", relation.person, "relation", relation.label, relation.line
    for quote in getattr(item, "quotes", ()):
        if quote.source and quote.source != getattr(item, "source", ""):
            yield "quotes", quote.source, "source", "", quote.line


def _a(noun: str) -> str:
    """The noun with its indefinite article: a person, an event."""
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def withheld_message(target: Item) -> str:
    """Why a reference to a draft or embargoed item fails, naming its file."""
    if target.draft:
        why = f"is a draft ({target.path})"
    else:
        assert target.embargo is not None
        why = f"is under embargo until {target.embargo.isoformat()} ({target.path})"
    return (
        f"{why}, so it is left out of the build: publish it first, or remove the reference "
        "(build --drafts shows drafts)"
    )


def check_references(
    items: dict[str, Item],
    errors: list[ContentError],
    broken: frozenset[str] = frozenset(),
    withheld: Mapping[str, Item] | None = None,
    redirects: Mapping[str, str] | None = None,
) -> dict[str, list[Backlink]]:
    """Every slug named in front matter exists and is of the right kind; returns backlinks
    (item_references, item by item)."""
    backlinks: dict[str, list[Backlink]] = defaultdict(list)
    for item in items.values():
        found_errors, found = item_references(item, items, broken, withheld or {}, redirects or {})
        errors += found_errors
        for slug, backlink in found:
            backlinks[slug].append(backlink)
    return backlinks


def item_references(
    item: Item,
    items: Mapping[str, Item],
    broken: frozenset[str],
    withheld: Mapping[str, Item],
    redirects: Mapping[str, str],
) -> tuple[list[ContentError], list[tuple[str, Backlink]]]:
    """The problems with the slugs one item's front matter names, and its backlinks (target,
    backlink), in order.

    Slugs in `broken` belong to files that failed to load: their own error says why, so a
    reference to them is not reported again. A reference to a `withheld` item (a draft, or under
    embargo) is an error naming both files: the published page would point at nothing; one to
    an old slug (`redirect_from`) is an error naming the new one.
    """
    errors: list[ContentError] = []
    backlinks: list[tuple[str, Backlink]] = []
    for field, slug, how, label, line in _references(item):
        target = items.get(slug)
        kinds = FIELD_KINDS[field]
        if slug in broken:
            continue
        if target is None and slug in withheld:
            errors.append(
                ContentError(
                    item.path,
                    line,
                    1,
                    f"'{field}' names '{slug}', which {withheld_message(withheld[slug])}",
                )
            )
        elif target is None and slug in redirects:
            errors.append(
                ContentError(
                    item.path,
                    line,
                    1,
                    f"'{field}' names "
                    + renamed_message(slug, items[redirects[slug]], f"'{redirects[slug]}'"),
                )
            )
        elif target is None:
            same_kind = [s for s, other in items.items() if other.kind in kinds]
            errors.append(
                ContentError(
                    item.path,
                    line,
                    1,
                    f"'{field}' names unknown {KIND_NOUN[kinds[0]]} '{slug}'{did_you_mean(slug, same_kind)}",
                )
            )
        elif target.kind not in kinds:
            errors.append(
                ContentError(
                    item.path,
                    line,
                    1,
                    f"'{field}' must name {_a(KIND_NOUN[kinds[0]])}, but "
                    f"'{slug}' is a {KIND_NOUN[target.kind]} ({target.path})",
                )
            )
        elif slug == item.slug:
            errors.append(ContentError(item.path, line, 1, f"'{field}' names the item itself"))
        elif how not in ("source", "after"):
            backlinks.append((slug, Backlink(item.slug, how, label)))
    return errors, backlinks


def waiting_on(site: Site, broken: frozenset[str]) -> int:
    """How many references and [[links]] name files that failed to load: they are judged only
    once those files are fixed."""
    if not broken:
        return 0
    count = 0
    for item in site.items.values():
        count += sum(slug in broken for _, slug, *_ in _references(item))
        body = site.bodies.get(item.slug)
        count += sum(link.slug in broken for link in body.links) if body else 0
    return count


def check_place_cycles(items: dict[str, Item], errors: list[ContentError]) -> None:
    """`part_of` must not loop (a within b within a)."""
    for item in items.values():
        if not isinstance(item, Place):
            continue
        chain = [item.slug]
        current: Item | None = item
        while isinstance(current, Place) and current.part_of:
            if current.part_of in chain:
                if current.part_of == item.slug and len(chain) > 1:
                    loop = " -> ".join([*chain, item.slug])
                    errors.append(
                        ContentError(item.path, item.lines.get("part_of", 1), 1, f"'part_of' loops: {loop}")
                    )
                break
            chain.append(current.part_of)
            current = items.get(current.part_of)


def check_body_links(
    items: dict[str, Item],
    bodies: dict[str, RenderedBody],
    errors: list[ContentError],
    backlinks: dict[str, list[Backlink]],
    broken: frozenset[str] = frozenset(),
    withheld: Mapping[str, Item] | None = None,
    redirects: Mapping[str, str] | None = None,
) -> None:
    """Every [[link]] must name an item other than its own, or a built section (item_body_links,
    body by body)."""
    targets = LinkTargets(items, broken, withheld or {}, redirects or {})
    for slug, body in bodies.items():
        found_errors, linked = item_body_links(items[slug], body, targets)
        errors += found_errors
        backlink = Backlink(slug, "link")  # one for all its links: the same value
        for target in linked:
            backlinks[target].append(backlink)


class LinkTargets:
    """What a [[link]] may name, worked out once per site, not once per body: the items (and
    which failed, are withheld or were renamed) and the built sections."""

    def __init__(
        self,
        items: Mapping[str, Item],
        broken: frozenset[str],
        withheld: Mapping[str, Item],
        redirects: Mapping[str, str],
    ) -> None:
        self.items, self.broken, self.withheld, self.redirects = items, broken, withheld, redirects
        self.built = {section.slug for section in built_sections(items.values())}
        self.choices = [*items, *SECTION_BY_SLUG]  # for did-you-mean: made once, not per broken link
        self.hints: dict[str, str] = {}
        """Broken slug -> its did-you-mean hint: worked out once however often the slug is linked."""

    def hint(self, broken_slug: str) -> str:
        """' (did you mean ...?)' for a slug no item or section has."""
        found = self.hints.get(broken_slug)
        if found is None:
            found = self.hints[broken_slug] = did_you_mean(broken_slug, self.choices)
        return found


def item_body_links(
    item: Item, body: RenderedBody, targets: LinkTargets
) -> tuple[list[ContentError], list[str]]:
    """The problems with one body's [[links]], and the slugs of the items they link, in order.

    A link must name an item other than its own, or a built section; links to broken files are
    skipped; links to drafts, or to an item's old slug, are errors naming the fix."""
    errors: list[ContentError] = []
    linked: list[str] = []
    items, broken, withheld, redirects = targets.items, targets.broken, targets.withheld, targets.redirects
    for link in body.links:
        slug = link.slug
        if slug in items and slug != item.slug and slug not in broken and slug not in withheld:
            # the usual case, first (a withheld item's slug may be a published one's too)
            linked.append(slug)
            continue
        line = item.body_line + link.line
        section = SECTION_BY_SLUG.get(slug)
        if slug in broken:
            continue
        if section is not None:
            if section.slug not in targets.built:
                errors.append(
                    ContentError(
                        item.path,
                        line,
                        link.column,
                        f"[[{slug}]] links to the "
                        f"{slug} section, which is not built: the site has no "
                        f"{KIND_NOUN[section.kind]} items (content/{section.kind}/ is empty)",
                    )
                )
        elif slug in withheld:
            errors.append(
                ContentError(
                    item.path,
                    line,
                    link.column,
                    f"[[{slug}]] links to an item that {withheld_message(withheld[slug])}",
                )
            )
        elif slug in redirects:
            errors.append(
                ContentError(
                    item.path,
                    line,
                    link.column,
                    f"[[{slug}]] links to "
                    + renamed_message(slug, items[redirects[slug]], f"[[{redirects[slug]}]]"),
                )
            )
        elif slug not in items:
            errors.append(
                ContentError(item.path, line, link.column, f"[[{slug}]] links to no item{targets.hint(slug)}")
            )
        else:  # the item itself
            errors.append(ContentError(item.path, line, link.column, f"[[{slug}]] links to the page itself"))
    return errors, linked


class ItemLinks(NamedTuple):
    """What linking finds from one item alone, given what its links may name (link_context)."""

    reference_errors: list[ContentError]
    references: list[tuple[str, Backlink]]
    """(target slug, backlink) for each reference in its front matter, in order."""
    body_errors: list[ContentError]
    linked: list[str]
    """The slugs its body's [[links]] name, in order."""


LINK_TABLE = "links"
"""The build cache's table of each item's ItemLinks, by link context and item digest."""


class LinkMemo:
    """Each item's ItemLinks by (link context, item digest): after a one-file edit only that
    item is linked again. What changes what a link may name (an item added, removed or
    renamed, a kind, a draft, an old slug, raw_html) changes the context, and then every item
    is linked again. The last build's are carried in memory from one build of a process to the
    next (serve), and kept in the build cache (`saved`, a table of LINK_TABLE) for the next
    process (a `build` after an edit): the context and an item's digest (its file's key,
    item_digests) are the same in every process, and the cache holds what only this engine
    found."""

    def __init__(self, earlier: LinkMemo | None = None, saved: BuildCache | None = None) -> None:
        self.found: dict[tuple[str, str], ItemLinks] = {}
        self.earlier = earlier.found if earlier is not None else {}
        """The last build's (the one before is let go)."""
        self.saved = saved

    def __call__(self, key: tuple[str, str], compute: Callable[[], ItemLinks]) -> ItemLinks:
        found = self.found.get(key)
        earlier = found is None and key in self.earlier
        if earlier:
            found = self.earlier[key]
        if self.saved is not None:
            entry = f"{key[0]} {key[1]}"
            if found is None:
                found = self.saved.memo(LINK_TABLE, entry, compute)
            elif earlier:  # kept for the next process too, as the last build did
                self.saved.reuse(LINK_TABLE, entry, found)
            else:
                self.saved.remember(LINK_TABLE, entry, found)
        elif found is None:
            found = compute()
        self.found[key] = found
        return found


def link_context(
    items: Mapping[str, Item],
    broken: frozenset[str],
    withheld: Mapping[str, Item],
    redirects: Mapping[str, str],
    raw_html: bool,
) -> str:
    """A digest of all that an item's links are judged against besides the item itself (and
    its body, a function of its text and `raw_html`): every slug's kind and file, the files
    that failed, the withheld items (their messages name file, draft, embargo) and the old slugs."""
    return content_key(
        repr([(slug, item.kind, item.path) for slug, item in items.items()]),
        repr(sorted(broken)),
        repr(sorted((slug, item.path, item.draft, item.embargo) for slug, item in withheld.items())),
        repr(sorted(redirects.items())),
        repr(raw_html),
    )


def has_linked_body(item: Item) -> bool:
    """Whether link_site renders the item's body to find its links (a large cold build renders
    those ahead, build.bodies_to_render): not a source's, nor an empty one."""
    return item.kind != "sources" and bool(item.body) and not item.body.isspace()


def link_site(
    config: Config,
    items: list[Item],
    render_markdown: Callable[[Item], RenderedBody],
    broken: frozenset[str] = frozenset(),
    withheld: Mapping[str, Item] | None = None,
    drafts: frozenset[str] = frozenset(),
    memo: LinkMemo | None = None,
    digest: Callable[[Item], str] = repr,
) -> tuple[Site, list[ContentError]]:
    """Build the Site and every linking problem in it; bodies are rendered (memoised) here.

    `broken` holds the slugs of content files that failed to load or validate; no reference to
    them is judged, since their own errors explain what is wrong. `withheld` holds the drafts and
    embargoed items left out of this build (a reference to one is an error); `drafts` the slugs
    of those built anyway, with a banner. `memo` keeps each item's links (by `digest`, see
    LinkMemo); without it, each item is linked anew.
    """
    withheld = withheld or {}
    errors: list[ContentError] = []
    duplicated: set[str] = set()
    by_slug = index_items(items, errors, duplicated)
    broken = broken | duplicated
    if "index" in withheld:
        errors.append(
            ContentError(
                "content/pages/index.md", 0, 0, f"the home page {withheld_message(withheld['index'])}"
            )
        )
    elif "index" not in broken and ("index" not in by_slug or by_slug["index"].kind != "pages"):
        errors.append(
            ContentError(
                "content/pages/index.md", 0, 0, "the home page is missing: create content/pages/index.md"
            )
        )
    if config.default_source and config.default_source not in broken:
        target = by_slug.get(config.default_source)
        if target is None and config.default_source in withheld:
            errors.append(
                ContentError(
                    "content/site.yaml",
                    0,
                    0,
                    f"default_source '{config.default_source}' "
                    f"{withheld_message(withheld[config.default_source])}",
                )
            )
        elif target is None or target.kind != "sources":
            errors.append(
                ContentError(
                    "content/site.yaml",
                    0,
                    0,
                    f"default_source '{config.default_source}' is not a "
                    f"source in content/sources/{did_you_mean(config.default_source, by_slug)}",
                )
            )
    redirects = index_redirects(by_slug, errors)
    bodies = {slug: render_markdown(item) for slug, item in by_slug.items() if has_linked_body(item)}
    targets = LinkTargets(by_slug, broken, withheld, redirects)

    def item_links(item: Item) -> ItemLinks:
        body = bodies.get(item.slug)
        body_errors, linked = item_body_links(item, body, targets) if body is not None else ([], [])
        return ItemLinks(*item_references(item, by_slug, broken, withheld, redirects), body_errors, linked)

    if memo is None:
        found = {slug: item_links(item) for slug, item in by_slug.items()}
    else:
        context = link_context(by_slug, broken, withheld, redirects, config.raw_html)
        found = {
            slug: memo((context, digest(item)), partial(item_links, item)) for slug, item in by_slug.items()
        }
    backlinks: dict[str, list[Backlink]] = defaultdict(list)
    for facts in found.values():  # front matter's references first, then [[links]], as ever
        errors += facts.reference_errors
        for target_slug, backlink in facts.references:
            backlinks[target_slug].append(backlink)
    check_place_cycles(by_slug, errors)
    timeline = place_events(by_slug, errors)
    for slug in bodies:
        facts = found[slug]
        errors += facts.body_errors
        link_backlink = Backlink(slug, "link")  # one for all its links: the same value
        for target_slug in facts.linked:
            backlinks[target_slug].append(link_backlink)
    site = Site(
        config=config,
        items=by_slug,
        urls={slug: item_url(item) for slug, item in by_slug.items()},
        backlinks={slug: tuple(links) for slug, links in backlinks.items()},
        timeline=timeline,
        bodies=bodies,
        drafts=drafts,
        redirects=redirects,
    )
    return site, errors
