"""The pipeline, in order: config, load, validate, link, render, write."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .cache import CACHE_DIR, BuildCache, bytes_key, content_key, joined_key
from .config import load_config
from .drafts import build_moment, select_items
from .embeds import EMBED_ASSETS, HOST_SCRIPT, render_headers, render_oembeds
from .errors import BuildFailed, ContentError, SiteError
from .inputs import Read, StatSignature, stat_signature
from .item_digests import ItemDigests, item_digests, start_item_digests
from .languages import language_folder, other_languages, split_translation
from .link import LinkMemo, has_linked_body, link_site, waiting_on
from .load import ContentPath, parse_entry, read_file, walk_content
from .markup import RenderedBody, make_markdown, render_bodies, render_body
from .media import check_media_refs, load_media
from .mentions import Aliases, Matcher, check_aliases, compile_matcher
from .model import Config, Item, MediaFile, Site
from .outputs import render_outputs
from .progress import Progress
from .provenance import check_provenance, quote_uses
from .records import frozen
from .render import Theme, find_theme, make_environment, plan_pages, template_files
from .render.card_files import CardFiles, prune_card_files
from .render.pages import add_alternates, hashed_name, plan_embeds, plan_redirects
from .render.pictures import PICTURES_STYLESHEET, make_pictures, picture_files, without_bytes
from .render.reads import (
    PageRecord,
    PlanDigests,
    ReadDigests,
    SavedReads,
    page_records,
    reusable_pages,
    saved_reads,
    site_wide_digest,
    templates_read_raw_bodies,
)
from .render.renderer import Rendered
from .render.social_card import (
    CARD_TABLE,
    POOL_MIN_CARDS,
    CardPool,
    Cards,
    draw_cards,
    likely_cards,
    plan_cards,
)
from .render.theme import language_strings
from .render.workers import PARALLEL_MIN_PAGES, RenderJob, render_job, start_fork_server
from .search import SearchIndex, index_search, pages_to_index
from .translate import Translation, parse_translation, translate_site
from .uptodate import Freshness, check_output, kept_folders, make_stamp, output_stamp
from .urls import output_path
from .validate import validate_entry
from .write import HashedFiles, KnownManifests, Staging, WriteStats, check_out_dir, open_staging


@frozen(eq=False, repr=False)
class BuildResult:
    """What a build made, and what it cost."""

    files: dict[str, bytes]
    """Output path -> bytes, the whole site; empty when nothing changed and nothing was
    rendered, or when the caller did not ask to keep them (build's keep_files)."""
    stats: WriteStats | None
    seconds: float
    rendered: int = 0
    """Pages rendered; the others were unchanged in what they read and taken as they were."""


@frozen(eq=False, repr=False)
class RenderedSite:
    """Every output file of a site, what each page read, and how many pages were rendered."""

    files: dict[str, bytes]
    """Output path -> bytes; without the pages already put in the staging folder and not kept
    (render_site_reusing)."""
    records: SavedReads | None
    """What each page read, for the next build (with a cache only)."""
    rendered: int
    placed: frozenset[str] = frozenset()
    """Paths of `files` already in the staging folder as they are (Staging.put_unread)."""


def typed_entry(
    data: bytes | None, kind: str, slug: str, shown: str, default_source: str
) -> tuple[Item | None, list[ContentError]]:
    """One content file's bytes -> its item, or every problem in it."""
    assert data is not None, "read_content reads each file whose item the cache lacks"
    try:
        raw = parse_entry(data, kind, slug, shown)
    except ContentError as e:
        return None, [e]
    return validate_entry(raw, default_source)


@frozen(eq=False, repr=False)
class ContentFile:
    """One content file read: where it is, its bytes, and its memo key."""

    kind: str
    slug: str
    shown: str
    """Its path as errors show it."""
    data: bytes | None
    """None: not read, as the up-to-date check took it by its stat and the cache holds its
    item (read_content)."""
    key: str
    translation_of: tuple[str, str] | None
    """(original slug, language) for a translation file, else None."""


@frozen(eq=False, repr=False)
class ContentScan:
    """Every content file read and keyed, before any is parsed: the keys alone tell a build
    whether anything changed (build's up-to-date check), without the parsed items."""

    found: list[ContentFile | SiteError]
    """Each file read, or the problem that kept it from being read, in the walk's order."""
    broken: frozenset[str]
    linked: bool = False
    """Some file is a symbolic link, or has hard links (read_content with `known` says)."""

    def keys(self) -> list[str]:
        """The memo keys of the files, sorted."""
        return sorted(found.key for found in self.found if isinstance(found, ContentFile))

    def has_problems(self) -> bool:
        """Whether a file could not be read (or is misnamed)."""
        return any(not isinstance(found, ContentFile) for found in self.found)


@dataclass(slots=True)
class KnownFile:
    """A content file as this process last read it (serve keeps them between builds)."""

    signature: StatSignature
    """What its stat said, then."""
    data: bytes
    key: tuple[tuple[str, ...], str] = ((), "")
    """The other parts of its memo key, and the key they made with `data` ('' before any)."""


Known = dict[str, KnownFile]
"""A content file's path (ContentPath.path) -> what it was when last read."""


def read_content(
    root: Path,
    config: Config,
    progress: Progress | None = None,
    known: Known | None = None,
    read: Read | None = None,
    parsed: Callable[[str], bool] | None = None,
) -> ContentScan:
    """Every content file's bytes and key, and the problems found before parsing any. With
    `known` (updated here), a file whose size, inode, modification and change times are
    those it had when last read is not read again, nor hashed. `read`: the bytes the
    up-to-date check read and their keys (Freshness.content), taken as they are; a file it
    took by its stat alone is read only if `parsed` (whether the cache holds the item of a
    key) says its item is not at hand."""
    files: list[ContentFile | SiteError] = []
    broken: set[str] = set()
    walked = list(walk_content(root / "content", root))
    seen: Known = {}
    if progress:
        progress.stage("reading", len(walked))
    for found in walked:
        if progress:
            progress.advance()
        if isinstance(found, ContentError):
            files.append(found)
            continue
        shown = found.shown
        slug = found.name[:-3]
        hashed = read.get(found.path) if read is not None else None
        data_key = None
        try:
            if hashed is None or hashed[2] > config.max_file_bytes:  # read_file says why
                data: bytes | None = read_known(found.path, shown, config.max_file_bytes, known, seen)
            else:
                data, data_key, _ = hashed
            keyed = content_file(found.kind, slug, shown, data, config, seen.get(found.path), data_key)
            if isinstance(keyed, ContentFile) and keyed.data is None and not (parsed and parsed(keyed.key)):
                data = read_file(Path(found.path), shown, config.max_file_bytes)
                keyed = content_file(found.kind, slug, shown, data, config, None)
        except ContentError as e:
            files.append(e)
            broken.add(slug)
            continue
        files.append(keyed)
        if isinstance(keyed, ContentError):
            broken.add(slug)
    linked = False
    if known is not None:
        known.clear()
        known.update(seen)
        linked = any(isinstance(found, ContentPath) and found.linked for found in walked)
        linked = linked or any(kept.signature.links > 1 for kept in seen.values())
    return ContentScan(files, frozenset(broken), linked)


def content_file(
    kind: str,
    slug: str,
    shown: str,
    data: bytes | None,
    config: Config,
    kept: KnownFile | None,
    data_key: str | None = None,
) -> ContentFile | ContentError:
    """One content file's bytes, keyed (`data_key`: their bytes_key, when known); or why its
    name is wrong (a translation's language)."""
    translation_of = split_translation(slug, config) if config.languages else None
    if translation_of is None and config.languages and "." in slug:
        tag = slug.rpartition(".")[2]
        return ContentError(
            shown,
            0,
            0,
            f"'{tag}' is not one of the site's other languages "
            f"({', '.join(other_languages(config))}): a translation's file name ends in one "
            "of them, like x.fr.md; add it to 'languages' in site.yaml, or rename the file",
        )
    if translation_of is not None:
        parts: tuple[str, ...] = ("translation", kind, shown, translation_of[1])
    else:
        parts = (kind, shown, config.default_source)
    return ContentFile(kind, slug, shown, data, file_key(parts, data, kept, data_key), translation_of)


@frozen(eq=False, repr=False)
class LastScan:
    """serve's last read of content/, for a rebuild told by the watcher what changed."""

    config: Config
    scan: ContentScan
    at: dict[str, int]
    """The shown path of each file read -> its place in scan.found."""
    linked: bool
    """Some file is a symbolic link, or a hard link (a save through one name changes another
    the watcher does not report): every rebuild reads the stat of every file."""


LAST_SCAN = "last scan"
"""Where BuildCache.live keeps serve's LastScan, with the root."""


def read_content_watched(
    root: Path,
    config: Config,
    cache: BuildCache,
    known: Known,
    changed: list[str] | None,
    last: LastScan | None,
    progress: Progress | None = None,
) -> ContentScan:
    """read_content for serve, whose watcher reported `changed` (paths relative to root; None
    when it was not asked): when each path is a content file the last scan read (a save, not
    a file added, removed or renamed, nor site.yaml) and no file is a link, only those files
    are read again; the others are the last scan's, without a stat of 4,000 files. Anything
    else reads every file's stat (read_content). `last`: the LastScan the build took out of
    the cache as it started (a build that fails before it reads leaves none: the next reads
    every file's stat, as the paths reported to it are lost)."""
    scan = None
    if changed is not None and last is not None:
        scan = rescan_content(root, config, last, changed, known)
    if scan is None:
        scan = read_content(root, config, progress, known)
        at = {found.shown: place for place, found in enumerate(scan.found) if isinstance(found, ContentFile)}
        last = LastScan(config, scan, at, scan.linked)
    else:
        assert last is not None
        last = replace(last, scan=scan)
    cache.hold((LAST_SCAN, str(root)), last)
    return scan


def rescan_content(
    root: Path, config: Config, last: LastScan, changed: list[str], known: Known
) -> ContentScan | None:
    """The last scan with the `changed` files read again; None when that is not enough."""
    if last.linked or last.config != config:
        return None
    places = [last.at.get(path) for path in changed if not path.startswith("templates/")]
    found = list(last.scan.found)
    seen: Known = {}
    for place in places:
        if place is None:
            return None
        was = found[place]
        assert isinstance(was, ContentFile)
        path = str(root / was.shown)
        try:
            data = read_known(path, was.shown, config.max_file_bytes, known, seen)
        except (ContentError, OSError):  # gone, or unreadable: read_content says why
            return None
        keyed = content_file(was.kind, was.slug, was.shown, data, config, None)
        if not isinstance(keyed, ContentFile) or seen[path].signature.links > 1:
            return None
        found[place] = keyed
    known.update(seen)
    return ContentScan(found, last.scan.broken, False)


def file_key(
    parts: tuple[str, ...], data: bytes | None, kept: KnownFile | None, data_key: str | None = None
) -> str:
    """content_key(*parts, bytes_key(data)) (`data_key`: that of data, when known; always, when
    data was not read), or the key `kept` made of the same parts and its bytes."""
    if kept is not None and kept.key[0] == parts and kept.data is data:
        return kept.key[1]
    if data_key is None:
        assert data is not None
        data_key = bytes_key(data)
    key = content_key(*parts, data_key)
    if kept is not None and kept.data is data:
        kept.key = (parts, key)
    return key


def read_known(path: str, shown: str, max_bytes: int, known: Known | None, seen: Known) -> bytes:
    """read_file, or the bytes `known` has for the file if its stat signature is the same."""
    if known is None:
        return read_file(Path(path), shown, max_bytes)
    try:
        stat = os.stat(path)
    except OSError:
        return read_file(Path(path), shown, max_bytes)  # which says what is wrong
    signature = stat_signature(stat)
    remembered = known.get(path)
    if remembered is not None and remembered.signature == signature and stat.st_size <= max_bytes:
        seen[path] = remembered
        return remembered.data
    data = read_file(Path(path), shown, max_bytes)
    seen[path] = KnownFile(signature, data)
    return data


def parse_content(
    scan: ContentScan,
    config: Config,
    cache: BuildCache,
    translations: list[Translation] | None = None,
) -> tuple[list[Item], list[SiteError], frozenset[str]]:
    """The scan's files as typed items (memoised by key), the problems, and the slugs of
    files that failed; translations go into `translations` when given, else are skipped.
    Starts the build's item digests: an item is digested by its file's key."""
    digests = start_item_digests(cache)
    items: list[Item] = []
    problems: list[SiteError] = []
    broken = set(scan.broken)
    for found in scan.found:
        if not isinstance(found, ContentFile):
            problems.append(found)
            continue
        if found.translation_of is not None:
            if translations is not None:
                original, language = found.translation_of
                translation, errors = cache.memo(
                    "items",
                    found.key,
                    partial(translated_entry, found.data, found.kind, original, language, found.shown),
                )
                problems.extend(errors)
                if translation is not None:
                    translations.append(translation)
            continue
        item, errors = cache.memo(
            "items",
            found.key,
            partial(typed_entry, found.data, found.kind, found.slug, found.shown, config.default_source),
        )
        problems.extend(errors)
        if item is not None:
            items.append(item)
            digests.know(item, found.key)
        else:
            broken.add(found.slug)
    return items, problems, frozenset(broken)


def translated_entry(
    data: bytes | None, kind: str, original: str, language: str, shown: str
) -> tuple[Translation | None, list[ContentError]]:
    """parse_translation of a file read (typed_entry's)."""
    assert data is not None, "read_content reads each file whose item the cache lacks"
    return parse_translation(data, kind, original, language, shown)


def load_items(
    root: Path,
    config: Config,
    cache: BuildCache,
    progress: Progress | None = None,
    translations: list[Translation] | None = None,
) -> tuple[list[Item], list[SiteError], frozenset[str]]:
    """Every content file as a typed item, the problems, and the slugs of files that failed.

    A translation file (people/x.fr.md, for a language in `languages`) goes into
    `translations` when given, and is skipped otherwise."""
    return parse_content(read_content(root, config, progress), config, cache, translations)


def load_site(
    root: Path,
    overrides: Mapping[str, Any],
    cache: BuildCache | None = None,
    moment: datetime | None = None,
    progress: Progress | None = None,
) -> Site:
    """Read and check everything; raise BuildFailed with every problem found."""
    cache = cache or BuildCache(None)
    config, problems = load_config(root, overrides)
    translations: list[Translation] = []
    items, item_problems, broken = load_items(root, config, cache, progress, translations)
    media, media_problems, broken_media = load_media(root, config, cache)
    return link_checked(
        config,
        items,
        [*problems, *item_problems, *media_problems],
        broken,
        cache,
        moment or build_moment(),
        site_yaml_failed=bool(problems),
        media=media,
        broken_media=broken_media,
        translations=translations,
    )


def link_checked(
    config: Config,
    items: list[Item],
    problems: list[SiteError],
    broken: frozenset[str],
    cache: BuildCache,
    moment: datetime,
    site_yaml_failed: bool = False,
    media: dict[str, MediaFile] | None = None,
    broken_media: frozenset[str] = frozenset(),
    translations: list[Translation] | None = None,
    rendered: Mapping[str, RenderedBody] | None = None,
) -> Site:
    """Link the items and check the whole; raise BuildFailed with every problem found.

    `site_yaml_failed`: site.yaml has errors; if it gave no default_source either, a quote
    naming no source is not judged (the fix to site.yaml may supply it).

    Everything that does not depend on a failed step is checked in this one pass: links and
    references between the good items, aliases, and the provenance of every good item's quotes.
    `rendered`: bodies rendered already, by memo key (body_key), as render_body renders them.
    """
    rendered = rendered or {}
    config_broken = site_yaml_failed and not config.default_source
    selection = select_items(items, config.drafts, moment)
    md = make_markdown(config.raw_html)

    digests = item_digests(cache)

    earlier: KnownBodies = cache.live.get(KNOWN_BODIES, {})
    known: KnownBodies = {}
    cache.hold(KNOWN_BODIES, known)

    def render_markdown(item: Item) -> RenderedBody:
        # the last build's for the same item object (serve), kept in the cache's table as it was
        kept = earlier.get(id(item))
        if kept is not None and kept[0] is item and kept[1] == config.raw_html:
            cache.reuse("bodies", kept[2], kept[3])
            known[id(item)] = kept
            return kept[3]
        key = body_key(digests, item, config.raw_html)
        made = rendered.get(key)  # by a pool beside this process (draw_ahead)
        body = cache.memo("bodies", key, lambda: made if made is not None else render_body(md, item.body))
        known[id(item)] = (item, config.raw_html, key, body)
        return body

    # the last build's in serve; those the build cache keeps, in a new process
    memo = LinkMemo(cache.live.get(LINK_MEMO), cache if cache.folder is not None else None)
    cache.hold(LINK_MEMO, memo)
    site, link_errors = link_site(
        config,
        selection.items,
        render_markdown,
        broken,
        selection.withheld,
        selection.drafts,
        memo,
        digests,
    )
    media = media or {}
    site = replace(site, media=media)
    if config.languages:
        versions = []
        for language in other_languages(config):
            version, version_errors = translate_site(
                site,
                language,
                language_folder(config, language),
                [translation for translation in translations or () if translation.language == language],
                render_markdown,
                broken,
                selection.withheld,
                cache.memo,
            )
            texts = {tag: (title, description) for tag, title, description in config.translated_texts}
            if language in texts:  # the site's own title and description in the language
                title, description = texts[language]
                version = replace(version, config=replace(config, title=title, description=description))
            versions.append(version)
            link_errors += version_errors
        site = replace(site, language=config.language, translations=tuple(versions))
    problems = [
        *problems,
        *link_errors,
        *check_aliases(site),
        *check_media_refs(selection.items, site.bodies, media, broken_media),
        *check_provenance(site, cache.memo, sourceless_ok=config_broken),
    ]
    if problems:
        unsourced = config_broken and any(not use.source for use in quote_uses(site))
        raise BuildFailed(problems, skipped_checks(waiting_on(site, broken), unsourced))
    return site


def body_key(digests: ItemDigests, item: Item, raw_html: bool) -> str:
    """The memo key of an item's rendered body: by its file's key when it has one (no hash of
    4,000 bodies a build), else its text."""
    of_file = digests.of_file(item)
    return joined_key(of_file, str(raw_html)) if of_file else content_key(str(raw_html), "text", item.body)


KnownBodies = dict[int, tuple[Item, bool, str, RenderedBody]]
"""id(item) -> (the item, kept so that its id is not reused; raw_html; the memo key of its
rendered body; the body): a build of serve finds the last build's by identity, without a key."""
KNOWN_BODIES = ("known bodies",)
"""Where BuildCache.live keeps the last build's KnownBodies."""
LINK_MEMO = ("link memo",)
"""Where BuildCache.live keeps what linking found item by item (LinkMemo)."""


def skipped_checks(waiting: int, unsourced: bool) -> str:
    """What this run could not judge because of a failed step ('' when nothing)."""
    skipped = []
    if waiting:
        skipped.append(
            f"{waiting} reference{'s' if waiting != 1 else ''} to files with errors "
            f"{'were' if waiting != 1 else 'was'} not checked"
        )
    if unsourced:
        skipped.append(
            "content/site.yaml has errors and gave no default_source, so quotes "
            "that name no source were not checked"
        )
    return "; ".join(skipped)


@frozen(eq=False, repr=False)
class Reuse:
    """An output folder an earlier build wrote, and what each of its pages read then."""

    out_dir: Path
    records: SavedReads
    written: Mapping[str, bytes] | None = None
    """What this process last wrote there, if it did (serve): no need to read it back."""


def render_site(
    site: Site,
    root: Path,
    workers: int = 1,
    cache: BuildCache | None = None,
    theme: Theme | None = None,
    progress: Progress | None = None,
) -> dict[str, bytes]:
    """Every output file of the site, in memory (workers > 1: pages rendered in parallel)."""
    return render_site_reusing(site, root, workers, cache, theme, progress=progress).files


def render_site_reusing(
    site: Site,
    root: Path,
    workers: int = 1,
    cache: BuildCache | None = None,
    theme: Theme | None = None,
    reuse: Reuse | None = None,
    progress: Progress | None = None,
    staging: Staging | None = None,
    keep: bool = True,
    ahead: CardPool | None = None,
    search: SearchIndex | None = None,
) -> RenderedSite:
    """Every output file of the site, and what each page read (with a cache only); with
    `reuse`, a page whose reads are unchanged is not rendered: its bytes come from there.

    With `staging`, the pages of the default language go into it as they are rendered (disk
    work beside rendering), and so do the files that need no page (cards, data.json...) once
    made; they are in the files returned too only with `keep` or when the site has search (its
    index reads the pages). The caller puts the files returned and finishes the staging.
    `ahead`: cards being drawn since before the site was linked (draw_ahead), used by key; the
    other missing cards are drawn in it too (or in a pool of their own when they are many, else
    here), while the pages render. `search`: Pagefind started by the caller, fed the pages as
    they are rendered (else, with search on, started once they all are). An item parsed from
    an unchanged file (item_digests) keeps the read digests of the last build without working
    them out."""
    root_path = urlsplit(site.config.base_url).path or "/"
    theme = theme or find_theme(root)
    bytecode_dir = cache.folder / "jinja" if cache is not None and cache.folder else None
    environment = None
    compile_mentions = compile_matcher
    if cache is not None:  # kept between the builds of one process (serve) while inputs stay
        environment = cache.keep(
            ("jinja", template_files(theme)),
            lambda: make_environment(theme, bytecode_dir, cache.warn_unsaved),
        )

        def compile_mentions(aliases: Aliases) -> Matcher:
            return cache.keep(("mentions", aliases), lambda: compile_matcher(aliases))

    memos = cache or BuildCache(None)  # pictures and cards are remembered between builds
    card_files = CardFiles(memos, hold=keep)  # not held in memory unless the files are
    made = make_pictures(site, root, memos, workers) if site.media else {}
    themes = {site.language: theme}
    if site.config.languages:  # each language speaks its own words
        tables = language_strings(theme, root, site.config.languages)
        themes = {language: replace(theme, strings=table) for language, table in tables.items()}
    own_theme = themes[site.language]
    # Each page names its card by the card's key: the cards are drawn while the pages render.
    cards, plans = plan_cards(site, plan_pages(site, own_theme.strings), own_theme)
    versions = []
    for version in site.translations:  # each other language: its pages in its folder
        version_theme = themes[version.language]
        version_cards, version_plans = plan_cards(
            version, plan_pages(version, version_theme.strings), version_theme
        )
        cards = cards.merged(version_cards.moved(version.folder))
        versions.append((version, version_plans))
    if versions:  # each page links itself in the other languages
        with_alternates = add_alternates([(site, plans), *versions])
        plans = with_alternates[0]
        versions = [
            (version, found) for (version, _), found in zip(versions, with_alternates[1:], strict=True)
        ]
    # pages at old URLs and embed pages: no card, no sitemap entry, no search entry
    elsewhere = [*plan_redirects(site, own_theme.strings), *plan_embeds(site, own_theme.strings)]
    every_plan = [*plans, *elsewhere]
    elsewhere_in = {  # and each other language's, in its folder
        version.language: [
            *plan_redirects(version, themes[version.language].strings),
            *plan_embeds(version, themes[version.language].strings),
        ]
        for version, _ in versions
    }
    every_version_plan = [
        (version, [*version_plans, *elsewhere_in[version.language]]) for version, version_plans in versions
    ]
    # the pages searched, in the index's order: not those at old URLs, embed pages or 404s
    search_order: list[str] = []
    if site.config.search:
        search_order = pages_to_index(output_path(plan.url) for plan in plans)
        for version, version_plans in versions:
            searched = pages_to_index(output_path(plan.url) for plan in version_plans)
            search_order += [version.folder + path for path in searched]
    if search is not None:
        search.expect(search_order)
    pictures = without_bytes(made)
    digests: dict[str, ReadDigests] = {}
    """Language folder ('' for the default) -> the digests of what its pages may read."""
    reused: dict[str, bytes] = {}
    keep = keep or staging is None or site.config.search
    sunk: set[str] = set()
    """Reused pages put straight into the staging folder and not kept (see reusable_pages)."""
    placed: set[str] = set()
    """Reused pages kept, but already in the staging folder (the caller need not put them)."""
    saved = reuse.records if reuse is not None else None
    previous = saved.pages if saved is not None else {}
    if cache is not None and cache.folder is not None:
        shown_pictures = repr(sorted(pictures.items()))
        engine_theme = (cache.version, theme_digest(theme), root_path, shown_pictures)
        raw_bodies = templates_read_raw_bodies(theme)
        for version, strings in [(site, own_theme.strings)] + [
            (version, themes[version.language].strings) for version, _ in versions
        ]:
            wide = site_wide_digest(version, *engine_theme)
            known: dict[str, tuple[object, object, str]] = cache.keep(
                ("read digests", version.folder, raw_bodies), dict
            )
            tokens = None
            if version is site:  # a translation's items are not the parse
                by_file = item_digests(cache)
                tokens = {
                    slug: token
                    for slug, item in site.items.items()
                    if (token := by_file.of_file(item)) is not None
                }
            last = saved.languages.get(version.folder) if saved is not None else None
            plans_key = ("plan digests", version.folder)
            plan_digests = PlanDigests(cache.live.get(plans_key))
            cache.hold(plans_key, plan_digests)
            digests[version.folder] = ReadDigests(
                version, strings, wide, raw_bodies, known, tokens, last, plan_digests
            )
        if reuse is not None:
            put = put_unread = None
            if staging is not None and not keep:

                def put(path: str, data: bytes) -> None:
                    staging.put(path, data)
                    sunk.add(path)

                def put_unread(path: str, data_digest: str) -> bool:
                    if not staging.put_unread(path, data_digest):
                        return False
                    sunk.add(path)
                    return True

            elif staging is not None:  # serve: kept, and in place without hashing them again

                def put_unread(path: str, data_digest: str) -> bool:
                    if not staging.put_unread(path, data_digest):
                        return False
                    placed.add(path)
                    return True

            reused = reusable_pages(
                every_plan, saved, digests[""], reuse.out_dir, "", reuse.written, put, put_unread
            )
            for version, version_plans in every_version_plan:
                found = reusable_pages(
                    version_plans,
                    saved,
                    digests[version.folder],
                    reuse.out_dir,
                    version.folder,
                    reuse.written,
                )
                reused.update(found)
    if search is not None:  # the pages reused are the first it can read
        search.offer(reused)
    taken = reused.keys() | sunk
    to_render = tuple(plan for plan in every_plan if output_path(plan.url) not in taken)
    job = RenderJob(site, own_theme, to_render, root_path, bytecode_dir, pictures)
    records: dict[str, PageRecord] = {}
    kept: dict[str, bytes] = {}
    streamed: set[str] = set(sunk)
    """Pages put in the staging folder and not kept."""
    in_place = cards_in_place(cards, staging, memos) if staging is not None and not keep else set()
    streamed.update(path for key in in_place for path in cards.paths[key])
    missing = cards.missing(lambda table, key: key in in_place or memos.has(table, key))
    memoised = [key for key in cards.paths if key not in missing and key not in in_place]
    pool = ahead  # the likely cards, drawn since before the site was linked
    if pool is not None:
        missing = {key: drawing for key, drawing in missing.items() if key not in pool.drawing}
    if missing and (pool is not None or (workers > 1 and len(missing) >= POOL_MIN_CARDS)):
        if pool is None:
            pool = CardPool(missing, workers)
        else:
            pool.add(missing)
        missing = {}  # drawn over there while the pages render; a few are drawn here
    take = None
    if staging is not None:
        plan_at = {output_path(plan.url): plan for plan in to_render}

        def take(chunk: Rendered) -> None:
            """A chunk of rendered pages: into the staging folder, and its pages' records."""
            chunk_files, _, chunk_reads = chunk
            for path, data in chunk_files.items():
                staging.put(path, data)
            if digests:
                chunk_plans = [plan_at[path] for path in chunk_files]
                records.update(page_records(chunk_plans, chunk_files, chunk_reads, previous))
            if keep:
                kept.update(chunk_files)
            else:
                streamed.update(chunk_files)
            if search is not None:
                search.offer(chunk_files)
            if pool is not None:  # the cards drawn meanwhile go in too
                cards_drawn(pool.ready())

    drawn_cards: dict[str, bytes] = {}
    """The cards drawn while the pages rendered, when they are kept."""

    def emit(found: dict[str, bytes]) -> None:
        """Files made beside the pages: into the staging folder when the pages are not kept."""
        if staging is not None and not keep:
            for path, data in found.items():
                staging.put(path, data)
            streamed.update(found)
            found.clear()

    def cards_drawn(drawn: dict[str, bytes]) -> None:
        """Cards drawn (key -> PNG): remembered, and the files of those the pages name handed
        on (a likely card no page names is dropped)."""
        found = cards.files(card_files.memo, drawn, [key for key in drawn if key in cards.paths])
        emit(found)
        drawn_cards.update(found)

    early: list[dict[str, bytes]] = []
    """Files that need no page: pictures and the cards memoised, then data.json and the others
    (outputs.py), then each language's oEmbed answers; made while the pages render (render_job's
    meanwhile)."""

    def meanwhile() -> None:
        """Make the files that need no page, and put them into the staging folder when the
        pages are not kept: this process does it while the render workers start and render."""
        digest = item_digests(memos)
        early.append(picture_files(made))
        early.append(cards.files(card_files.memo, keys=memoised))
        early.append(
            render_outputs(
                site,
                [plan.url for plan in plans],
                own_theme.strings,
                made,
                [
                    (version, [plan.url for plan in version_plans], themes[version.language].strings)
                    for version, version_plans in versions
                ],
                memos.memo,
                digest,
            )
        )
        early.append(render_oembeds(site, own_theme.strings, memos.memo, digest))
        for version, _ in versions:
            oembeds = render_oembeds(version, themes[version.language].strings, memos.memo, digest)
            early.append({version.folder + path: data for path, data in oembeds.items()})
        for found in early:
            emit(found)
        cards_drawn(draw_cards(missing))

    if cache is not None:
        cache.resume_collection()  # rendering makes cycles (Jinja, markdown-it): collected
    try:
        rendered, errors, reads = render_job(
            job, workers, environment, compile_mentions, progress, memos.memo, take, meanwhile
        )
        if pool is not None:
            cards_drawn(pool.rest())
    finally:
        if pool is not None:
            pool.close()
    rendered.update(kept)
    translated: dict[str, bytes] = {}
    count = len(to_render)
    for version, version_plans in every_version_plan:
        version_job = RenderJob(
            version,
            themes[version.language],
            tuple(plan for plan in version_plans if version.folder + output_path(plan.url) not in reused),
            root_path,
            bytecode_dir,
            pictures,
        )
        count += len(version_job.plans)
        version_files, version_errors, version_reads = render_job(
            version_job, workers, environment, compile_mentions, memo=memos.memo
        )
        errors += [error for error in version_errors if error not in errors]
        # the theme's assets are shared, at the root
        own = {path: data for path, data in version_files.items() if not path.startswith("assets/")}
        own.update(
            (path.removeprefix(version.folder), data)
            for path, data in reused.items()
            if path.startswith(version.folder)
        )
        translated.update((version.folder + path, data) for path, data in own.items())
        if digests:
            records.update(page_records(version_plans, own, version_reads, previous, version.folder))
    if errors:
        raise BuildFailed(errors)
    pages = [output_path(plan.url) for plan in every_plan]
    files = {
        path: reused[path] if path in reused else rendered[path] for path in pages if path not in streamed
    }
    files.update((path, data) for path, data in rendered.items() if path not in files)  # the assets
    if digests:  # the pages handed over (take) have theirs
        recorded = [plan for plan in every_plan if take is None or output_path(plan.url) in reused]
        records.update(page_records(recorded, files, reads, previous))
        records.update((plan.url, previous[plan.url]) for plan in every_plan if output_path(plan.url) in sunk)
    remembered = remembered_reads(records, previous, digests) if digests else None
    pictures_made, cards_made, outputs_made, *oembeds_made = early
    files.update(pictures_made)
    files.update(cards_made)
    files.update(drawn_cards)
    if not site.media:  # a site without pictures publishes what it did before they existed
        unused = unused_assets(theme)  # once: it reads and hashes the stylesheet
        files = {path: data for path, data in files.items() if path not in unused}
    files.update(translated)
    files.update(outputs_made)  # made while the pages rendered (meanwhile)
    for oembeds in oembeds_made:
        files.update(oembeds)
    for script in EMBED_ASSETS:  # published only with embeds
        script_file = theme.static_files.get(script)
        if script_file is None:
            continue
        script_bytes = script_file.read_bytes()
        hashed = "assets/" + hashed_name(script, script_bytes)
        if script == HOST_SCRIPT:  # host pages name it for good: at the root, never hashed
            files.pop(hashed, None)
            if site.config.embeds:
                files[HOST_SCRIPT] = script_bytes
        elif not site.config.embeds:
            files.pop(hashed, None)
    if site.config.search:
        files.update(search.result(files) if search is not None else index_search(files, search_order))
    files["_headers"] = render_headers(site, [*files, *streamed])
    return RenderedSite(files, remembered, count, frozenset(placed))


def remembered_reads(
    records: dict[str, PageRecord],
    previous: Mapping[str, PageRecord],
    digests: Mapping[str, ReadDigests],
) -> SavedReads:
    """The pages' records, and each language's read names with their digests now, for the
    next build: a page is keyed by its language's folder ('fr/') and its URL ('/x/'). A
    reused page's record is the previous one: its names are among those the last build
    remembered (ReadDigests.remembered keeps them)."""
    read: dict[str, set[str]] = {folder: set() for folder in digests}
    others = [folder for folder in digests if folder]
    for key, record in records.items():
        if previous.get(key) is record:
            continue
        folder = next((folder for folder in others if key.startswith(folder)), "")
        read[folder].update(record.names)
    return SavedReads(records, {folder: digests[folder].remembered(read[folder]) for folder in digests})


def draw_ahead(
    config: Config, items: list[Item], theme: Theme, cache: BuildCache, workers: int
) -> tuple[CardPool | None, dict[str, RenderedBody]]:
    """Start a pool of `workers - 1` processes on the cores this process leaves idle while it
    links a large site in a cold build: they render the bodies' Markdown with this process
    (CardPool.shared), then draw the cards the build will most likely need (likely_cards) while
    it links. The pool (None when there are too few cards to pay for one, or the colours or
    font are wrong: plan_cards says so after the content's own errors), and the bodies
    rendered, by memo key (link_checked's `rendered`)."""
    try:
        likely = likely_cards(config, items, theme)
    except BuildFailed:
        return None, {}
    missing = {key: drawing for key, drawing in likely.items() if not cache.has(CARD_TABLE, key)}
    if len(missing) < POOL_MIN_CARDS:
        return None, {}
    bodies = bodies_to_render(config, items, cache)
    texts = list(bodies.values()) if len(bodies) >= BODIES_MIN_SHARED else []
    tasks = [
        partial(render_bodies, config.raw_html, texts[start : start + BODIES_PER_TASK])
        for start in range(0, len(texts), BODIES_PER_TASK)
    ]
    pool = CardPool(missing, workers - 1, tasks)
    try:
        rendered = [body for task in pool.shared() for body in task]
    except BaseException:  # a worker killed, Ctrl-C
        pool.close()
        raise
    return pool, dict(zip(bodies, rendered, strict=True)) if tasks else {}


BODIES_PER_TASK = 50
"""Bodies rendered by one task of a pool beside the link stage (about 15 ms): this process and
the worker meet in the middle of the list, neither waiting long for the other's last task."""
BODIES_MIN_SHARED = 1000
"""Fewer bodies than this are rendered where they are linked (PARALLEL_MIN_PAGES' reason)."""


def bodies_to_render(config: Config, items: list[Item], cache: BuildCache) -> dict[str, str]:
    """Memo key -> text of each body linking will render (link.has_linked_body) and the build
    cache does not hold."""
    digests = item_digests(cache)
    bodies: dict[str, str] = {}
    for item in (item for item in items if has_linked_body(item)):
        key = body_key(digests, item, config.raw_html)
        if not cache.has("bodies", key):
            bodies[key] = item.body
    return bodies


def cards_in_place(cards: Cards, staging: Staging, cache: BuildCache) -> set[str]:
    """Keys of the cards whose files the output holds already, each put in the staging folder
    as it is (Staging.put_unread): a card's file name is a hash of its key (what it is drawn
    from), so a file of that name holds its PNG. Their bytes are neither read from the build
    cache nor hashed (21 MB at 4,000 items), and the cache keeps them unread."""
    placed = {
        key
        for key, paths in cards.paths.items()
        if all(path in staging.old and staging.put_unread(path, staging.old[path]) for path in paths)
    }
    cache.keep_unread(CARD_TABLE, placed)
    return placed


def unused_assets(theme: Theme) -> set[str]:
    """Output paths of the theme's picture stylesheet, which only sites with pictures link."""
    path = theme.static_files.get(PICTURES_STYLESHEET)
    return {"assets/" + hashed_name(PICTURES_STYLESHEET, path.read_bytes())} if path else set()


def theme_digest(theme: Theme) -> str:
    """A hash of every file of the theme's folders (templates, static files, strings.yaml)."""
    parts = []
    for directory in theme.template_dirs:
        for path in sorted(directory.rglob("*")):
            if path.is_file():
                parts += [path.as_posix(), content_key(path.read_bytes())]
    return content_key(*parts)


def build(
    root: Path,
    out_dir: Path | None,
    overrides: Mapping[str, Any],
    use_cache: bool = True,
    workers: int = 1,
    cache: BuildCache | None = None,
    moment: datetime | None = None,
    progress: Progress | None = None,
    changed: Iterable[str] = (),
    freshness: Freshness | None = None,
    keep_files: bool = True,
    in_place: bool = False,
    watched: bool = False,
) -> BuildResult:
    """Build the project at root into out_dir (None: check only, write nothing).

    A long-running caller (serve) passes the same `cache` to every build, so memoised results,
    compiled templates, the bytes of the content files and of the pages last written stay in
    memory between rebuilds; `changed` (paths relative to root, from serve's watcher) are read
    again whatever their stat says. `moment` is when embargoes are judged (default: --now's
    parse, SOURCE_DATE_EPOCH or the clock; see drafts.build_moment). `freshness` is what
    uptodate.check_output found, when the caller asked it before importing this module (cli).
    `keep_files`: the result holds every file's bytes (serve compares them between rebuilds),
    and the cache the content files' bytes; without it, pages go to the output's staging folder
    as they are rendered and are not held (the CLI: a large site's pages are most of a build's
    memory), nor are the content files once parsed. `in_place`: out_dir is updated where it is,
    not swapped (write.InPlaceUpdate: serve, whose folder no one reads while it builds).
    `watched`: `changed` is every path a watcher saw change since the last build with this
    cache (read_content_watched).
    """
    started = time.perf_counter()
    if cache is None:
        cache = BuildCache(root / CACHE_DIR if use_cache else None)
    last_scan = cache.live.pop((LAST_SCAN, str(root)), None)  # held again once read
    moment = moment or build_moment()
    changed = list(changed)
    if out_dir is not None:
        if freshness is None and not changed:
            freshness = check_output(root, out_dir, overrides, moment, cache)
        elif freshness is None:  # serve, after a change: not current, so hash nothing (and
            check_out_dir(root, out_dir)  # keep no stamp: no later build reads its folder's)
            freshness = Freshness("")
        if freshness.unchanged is not None and use_cache:
            cache.carry_over()
            cache.save()
            unchanged = WriteStats(0, freshness.unchanged, 0)
            return BuildResult({}, unchanged, time.perf_counter() - started)
    out_key = str(out_dir.absolute()) if out_dir is not None else ""
    records = saved_reads(cache.stored("pages").get(out_key)) if out_dir is not None and use_cache else None
    if records:  # an edit: the CLI collects nothing until its pages render (pause_collection)
        cache.pause_collection()
    config, config_problems = load_config(root, overrides)
    known: Known | None = None  # the files' bytes, for serve's next build
    if keep_files:
        kept: Known = cache.keep(("content", str(root)), dict)
        for path in changed:
            kept.pop(str(root / path), None)
        known = kept
    # one build per process (the CLI): the bytes the up-to-date check read, not read again
    read = freshness.content if freshness is not None and not keep_files else None
    if known is not None:
        watched_paths = changed if watched else None
        scan = read_content_watched(root, config, cache, known, watched_paths, last_scan, progress)
    else:
        scan = read_content(root, config, progress, known, read, partial(cache.has, "items"))
    # a large cold build may render in a pool, and draws cards in one: the fork server imports
    # the engine (0.3 s) while the items parse, not while the card pool waits for it to start
    cold_pool = workers > 1 and not (out_dir is not None and records)
    if cold_pool and len(scan.found) >= PARALLEL_MIN_PAGES:
        start_fork_server()
    media, media_problems, broken_media = load_media(root, config, cache)
    theme = find_theme(root)  # walked once per build: its digest and the renderer share it
    folders = kept_folders(cache, out_dir) if out_dir is not None else None
    spare_dir, manifests = folders if folders is not None else (None, None)
    translations: list[Translation] = []
    items, item_problems, broken = parse_content(scan, config, cache, translations)
    del scan  # the files' bytes: 30 MB at 16,000 items, not needed once parsed (unless known)
    problems = [*config_problems, *item_problems, *media_problems]
    written = cache.live.get(("written", out_key))
    reuse = Reuse(out_dir, records, written) if out_dir is not None and records else None
    ahead = None
    rendered_bodies: dict[str, RenderedBody] = {}
    if cold_pool and len(items) >= PARALLEL_MIN_PAGES:  # the fork server started (as many files)
        ahead, rendered_bodies = draw_ahead(config, items, theme, cache, workers)
    search = SearchIndex() if config.search else None  # Pagefind starts while the site links
    try:
        site = link_checked(
            config,
            items,
            problems,
            broken,
            cache,
            moment,
            bool(config_problems),
            media,
            broken_media,
            translations,
            rendered_bodies,
        )
        staging = None
        if out_dir is not None:
            known_manifests: KnownManifests | None = None  # kept between the builds of serve
            hashed: HashedFiles | None = None
            if use_cache:
                known_manifests = cache.keep(("manifests", out_key), dict)
            if use_cache and keep_files:
                hashed = cache.keep(("hashed", out_key), dict)
            staging = open_staging(
                out_dir,
                spare_dir,
                use_cache,
                manifests,
                cache.warn_unsaved,
                known_manifests,
                hashed,
                in_place,
            )
    except BaseException:
        if ahead is not None:
            ahead.close()
        if search is not None:
            search.close()
        raise
    try:
        rendered = render_site_reusing(
            site, root, workers, cache, theme, reuse, progress, staging, keep_files, ahead, search
        )
        files = rendered.files
        if staging is None or out_dir is None:
            return BuildResult(files, None, time.perf_counter() - started, rendered.rendered)
        unplaced = files
        if rendered.placed:  # serve's reused pages: in place already
            unplaced = {path: data for path, data in files.items() if path not in rendered.placed}
        stats = staging.put_all(unplaced, progress).finish()
    except BaseException as failure:  # a template error, a full disk, Ctrl-C: nothing half-built is left
        if ahead is not None:
            ahead.close()
        if search is not None:
            search.close()
        if staging is not None:
            staging.abort(keep_as_spare=isinstance(failure, BuildFailed))
        raise
    if use_cache:
        stamp = output_stamp(freshness.sources, out_dir) if freshness is not None else ""
        if stamp:  # '' when the inputs could not be hashed: then no build is taken as current
            cache.remember("outputs", out_key, make_stamp(stamp, items, moment))
        if rendered.records is not None:
            cache.remember("pages", out_key, rendered.records)
        keep_other_outputs(cache, out_key)
        if keep_files:
            cache.hold(("written", out_key), files)  # for the next build of this process (serve)
    cache.save()
    prune_card_files(cache)
    return BuildResult(files if keep_files else {}, stats, time.perf_counter() - started, rendered.rendered)


OUTPUT_TABLES = ("outputs", "pages")
"""The build cache's tables keyed by output folder: its stamp (uptodate.py), its pages' reads."""


def keep_other_outputs(cache: BuildCache, out_key: str) -> None:
    """Keep what the cache holds for the other output folders that still exist: a cache keeps
    only what its build used, so `serve` (which builds into a folder of its own) would drop
    public/'s stamp and page records, and the next `build` would render every page. A folder
    gone (serve's, after it stopped) loses its entries."""
    for table in OUTPUT_TABLES:
        for other, saved in cache.stored(table).items():
            if other != out_key and os.path.isdir(other):
                cache.remember(table, other, saved)


__all__ = ["BuildFailed", "BuildResult", "build", "load_site", "render_site"]
