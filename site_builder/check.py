"""`check`: everything build validates, plus what would break once the site is served."""

from __future__ import annotations

import json
import posixpath
import re
import sys
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .build import load_site, render_site
from .embeds import embedded_items
from .errors import BuildFailed, SiteError, report_lines
from .media import unused_media
from .model import Figure, Item, Site
from .progress import Progress
from .provenance import sources_report
from .records import frozen
from .render import find_theme, plan_pages
from .render.charts import comparable_figures
from .render.claims import claim_attribution
from .render.social_card import cards_note
from .sections import built_sections
from .translate import untranslated_notes
from .urls import NOT_FOUND_URL, TIMELINE_EMBED, embed_url, moved_pages, output_path

LINK_ATTRS: dict[str, tuple[str, ...]] = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "script": ("src",),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}
"""Attributes that make the browser fetch or navigate to a URL."""
NAVIGATION_TAGS = frozenset(("a", "area"))
"""Links a reader can follow: these decide whether a page is reachable."""
NOT_ORPHANS = frozenset((output_path(NOT_FOUND_URL),))
"""Pages hosts serve without a link: the not-found page."""
OUTSIDE = "../"
"""Stands for a target above the site's root path, where no file of ours can be."""
CSS_URL_RE = re.compile(r"""url\(\s*['"]?([^'")\s]+)""")
BODY_URL_RE = re.compile(r"""\]\(\s*<?([^\s)>]+)|<((?:https?|mailto):[^\s>]+)>""")
"""Where a Markdown body writes a link's URL: [text](url), [text](<url>) or <autolink>."""


class Problem(SiteError):
    """Something in the rendered site that would break in production."""


@frozen
class Link:
    """One URL in a page, located in it."""

    url: str
    tag: str
    line: int
    column: int


@dataclass(slots=True)
class PageScan:
    """What check needs from one HTML page."""

    titles: list[str] = field(default_factory=list)
    ids: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    links: list[Link] = field(default_factory=list)


class PageScanner(HTMLParser):
    """Collects a page's <title>, every id and every URL the browser would follow or fetch."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()
        self._title: list[str] | None = None
        self._svg_depth = 0
        """Inside inline SVG, <title> labels a graphic, not the page."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, column = self.getpos()
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.scan.ids[values["id"]].append(line)
        if tag == "a" and "name" in values:  # the old way to make an anchor
            self.scan.ids[values["name"]].append(line)
        for attr in LINK_ATTRS.get(tag, ()):
            value = values.get(attr, "").strip()
            if not value:
                continue
            if attr == "srcset":
                urls = [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
            else:
                urls = [value]
            self.scan.links.extend(Link(url, tag, line, column + 1) for url in urls)
        if tag == "svg":
            self._svg_depth += 1
        if tag == "title" and not self._svg_depth:
            self._title = []

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg" and self._svg_depth:
            self._svg_depth -= 1
        if tag == "title" and self._title is not None:
            self.scan.titles.append(" ".join("".join(self._title).split()))
            self._title = None


def scan_page(html: bytes) -> PageScan:
    """Parse one page."""
    scanner = PageScanner()
    scanner.feed(html.decode("utf-8", errors="replace"))
    scanner.close()
    return scanner.scan


@frozen
class CheckResult:
    """What check found; `files` is the rendered site when it could be rendered."""

    site: Site | None
    files: dict[str, bytes]
    problems: list[SiteError]
    pages: int = 0
    links: int = 0
    notes: tuple[str, ...] = ()
    skipped: str = ""
    """What could not be checked because of the problems found (BuildFailed.skipped)."""

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems

    def summary(self) -> str:
        """The last line of the report."""
        count = len(self.problems)
        if self.site is None:
            return f"{count} error{'s' if count != 1 else ''}: the site could not be built"
        checked = f"checked {self.pages} pages and {self.links} links"
        if not count:
            return f"{checked}: no problems"
        return f"{checked}: {count} problem{'s' if count != 1 else ''}"


def check_project(
    root: Path, overrides: Mapping[str, Any], moment: datetime | None = None, progress: Progress | None = None
) -> CheckResult:
    """Build in memory (writing nothing) and check the result."""
    try:
        site = load_site(root, overrides, moment=moment, progress=progress)
        files = render_site(site, root, progress=progress)
    except BuildFailed as e:
        return CheckResult(None, {}, list(e.errors), skipped=e.skipped)
    notes: tuple[str, ...] = (
        ()
        if site.config.base_url
        else (
            "content/site.yaml has no base_url: no sitemap.xml, updates feed, canonical links, "
            "social cards or absolute social URLs (set base_url, or pass --base-url)",
        )
    )
    notes += tuple(untranslated_notes(site))
    chart_note = figures_chart_note(site)
    notes += (chart_note,) if chart_note else ()
    notes += tuple(
        f"{media_file.path}: no page shows this picture (name it in an item's "
        f"image: or a body's ![alt]({media_file.ref}), or remove it)"
        for media_file in unused_media(site.items.values(), site.bodies, site.media)
    )
    theme = find_theme(root)
    card_note = cards_note(site, theme, plan_pages(site, theme.strings))
    notes += (card_note,) if card_note else ()
    problems, pages, links = check_files(site, files)
    return CheckResult(site, files, problems, pages, links, notes)


def figures_chart_note(site: Site) -> str:
    """Why the figures page draws no chart ('' when it draws one, or there is no such page):
    a chart compares two or more figures with the same `unit` and the same `attribution`."""
    figures = [item for item in site.of_kind("figures") if isinstance(item, Figure)]
    if not figures or comparable_figures(figures):
        return ""
    rule = (
        "figures page: no chart: a chart compares two or more figures with the same unit "
        "and the same attribution"
    )
    if len(figures) == 1:
        return f"{rule}, and there is one figure"
    attributed = [figure for figure in figures if claim_attribution(figure)]
    if not attributed:
        return f"{rule}, and no figure has an attribution"
    units_by_source: dict[str, tuple[str, set[str]]] = {}
    for figure in attributed:
        source = claim_attribution(figure)
        units_by_source.setdefault(source.casefold(), (source, set()))[1].add(figure.unit)
    slugs_by_unit: dict[str, list[str]] = defaultdict(list)
    for figure in figures:
        slugs_by_unit[figure.unit].append(figure.slug)
    near = [
        f"'{source}' gives {', '.join(sorted(units))}"
        for source, units in sorted(units_by_source.values())
        if len(units) > 1
    ]
    near += [
        f"{', '.join(sorted(slugs))} share the unit {unit} but not an attribution"
        for unit, slugs in sorted(slugs_by_unit.items())
        if len(slugs) > 1
    ]
    return f"{rule}, and no two figures share both" + (f" ({'; '.join(near)})" if near else "")


def check_files(site: Site, files: dict[str, bytes]) -> tuple[list[SiteError], int, int]:
    """Problems in a rendered site: dead links and anchors, missing assets, orphans, duplicates."""
    root_path = urlsplit(site.config.base_url).path or "/"
    scans = {path: scan_page(data) for path, data in files.items() if path.endswith(".html")}
    locate = Locator(site)
    problems: list[SiteError] = []
    followed: dict[str, set[str]] = defaultdict(set)
    link_count = 0
    for path, scan in sorted(scans.items()):
        for link in scan.links:
            link_count += 1
            target = resolve(link.url, path, root_path, site.config.base_url)
            if target is None:
                continue
            target_path, fragment = target
            file_path, message = link_problem(link.url, target_path, fragment, files, scans, root_path)
            if message:
                problems.append(locate.problem(path, link, message))
            elif link.tag in NAVIGATION_TAGS and file_path in scans:
                followed[path].add(file_path)
        problems.extend(duplicate_ids(path, scan))
    for path, data in sorted(files.items()):
        if path.endswith(".css"):
            problems.extend(check_css(path, data.decode("utf-8", errors="replace"), files, root_path))
    problems.extend(root_absolute_links(site, locate))
    # pages reached from elsewhere, never by the site's own links, and titled by their target
    reading = {path: scan for path, scan in scans.items() if path not in off_navigation(site)}
    folders = tuple(version.folder for version in site.translations)
    problems.extend(duplicate_titles(reading, locate, folders))
    problems.extend(orphans(reading, followed, locate))
    return problems, len(scans), link_count


def off_navigation(site: Site) -> frozenset[str]:
    """Output paths of the pages a reader reaches from elsewhere, never from the site's own
    links: the pages left at renamed items' old URLs, and the embed pages (in iframes), in
    every language's folder; and the other languages' not-found pages (the default's is one of
    NOT_ORPHANS), which hosts serve for a missing address in their folder."""
    found = {version.folder + output_path(NOT_FOUND_URL) for version in site.translations}
    for version in (site, *site.translations):
        embeds = [embed_url(item) for item in embedded_items(version)]
        embeds += [TIMELINE_EMBED] if version.timeline else []
        found |= {version.folder + output_path(url) for url in [*moved_pages(version), *embeds]}
    return frozenset(found)


def resolve(url: str, page_path: str, root_path: str, base_url: str) -> tuple[str, str] | None:
    """(output path, fragment) a URL on a page points at; None for another site's URL."""
    if base_url and url.startswith(base_url):  # absolute, but ours (canonical links)
        url = root_path + url[len(base_url) :]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:  # '#fragment' or '?query': this page
        return page_path, unquote(parts.fragment)
    page_dir = posixpath.dirname(root_path + page_path)
    absolute = parts.path if parts.path.startswith("/") else posixpath.join(page_dir, parts.path)
    folder = absolute.endswith(("/", "/.", "/..")) or parts.path in (".", "..")
    normal = posixpath.normpath(absolute).rstrip("/") + ("/" if folder else "")
    if not (normal + "/").startswith(root_path):
        return OUTSIDE, ""
    return unquote(normal[len(root_path) :]), unquote(parts.fragment)


def link_problem(
    url: str,
    target_path: str,
    fragment: str,
    files: Mapping[str, bytes],
    scans: Mapping[str, PageScan],
    root_path: str,
) -> tuple[str, str]:
    """(the file a link leads to, what is wrong with it or '' when it resolves)."""
    if target_path == OUTSIDE:
        return "", f"link {url!r} points outside the site, whose root is {root_path}"
    file_path = find_file(target_path, files)
    if file_path is None:
        return "", f"link {url!r} points to {target_path or '/'!r}, which the site does not have"
    if fragment and fragment != "top":
        scan = scans.get(file_path)
        if scan is not None and fragment not in scan.ids:
            return file_path, f"link {url!r}: {file_path} has no element with id {fragment!r}"
    return file_path, ""


def find_file(target_path: str, files: Mapping[str, bytes]) -> str | None:
    """The output file a request for target_path gets, as static hosts serve folders."""
    if target_path == "" or target_path.endswith("/"):
        candidate = output_path("/" + target_path)
        return candidate if candidate in files else None
    if target_path in files:
        return target_path
    folder_index = target_path + "/index.html"  # hosts redirect 'about' to 'about/'
    return folder_index if folder_index in files else None


def check_css(path: str, css: str, files: Mapping[str, bytes], root_path: str) -> list[SiteError]:
    """Every url() in a stylesheet names a file the site has."""
    problems: list[SiteError] = []
    for number, text in enumerate(css.splitlines(), start=1):
        for match in CSS_URL_RE.finditer(text):
            url = match[1]
            if url.startswith(("data:", "#")):
                continue
            target = resolve(url, path, root_path, "")
            if target is not None and find_file(target[0], files) is None:
                problems.append(
                    Problem(
                        path, number, match.start() + 1, f"url({url}) names a file the site does not have"
                    )
                )
    return problems


def root_absolute_links(site: Site, locate: Locator) -> list[SiteError]:
    """A Markdown link to '/timeline/' works only while the site lives at the host's root; the
    [[timeline]] form is made relative on every page, so it works under any sub-path."""
    by_url = {url: slug for slug, url in site.urls.items()}
    by_url.update({section.url: section.slug for section in built_sections(site.items.values())})
    problems: list[SiteError] = []
    for slug, body in site.bodies.items():
        for link in scan_page(body.html.encode("utf-8")).links:
            if link.tag != "a" or not link.url.startswith("/") or link.url.startswith("//"):
                continue
            target = by_url.get(link.url) or by_url.get(link.url.rstrip("/") + "/")
            instead = f"[[{target}]]" if target else "a [[slug]] link to the item or section"
            message = (
                f"link {link.url!r} is root-absolute: it breaks when the site lives under "
                f"a sub-path (a base_url like https://example.org/explainers/story/); "
                f"write {instead} instead"
            )
            problems.append(locate.body_problem(site.items[slug], link, message))
    return problems


def duplicate_ids(path: str, scan: PageScan) -> list[SiteError]:
    """An id used twice on one page makes its #links ambiguous."""
    problems: list[SiteError] = []
    for element_id, lines in scan.ids.items():
        if len(lines) > 1:
            where = ", ".join(str(line) for line in lines)
            problems.append(
                Problem(
                    path,
                    lines[1],
                    1,
                    f"id {element_id!r} is used {len(lines)} times on this page (lines {where})",
                )
            )
    return problems


def duplicate_titles(
    scans: Mapping[str, PageScan], locate: Locator, folders: tuple[str, ...] = ()
) -> list[SiteError]:
    """Two pages with one <title> look the same in search results, tabs and history; pages in
    two languages (`folders`: the other languages' 'fr/') may share one, as a name often is."""
    by_title: dict[tuple[str, str], list[str]] = defaultdict(list)
    problems: list[SiteError] = []
    for path, scan in sorted(scans.items()):
        if len(scan.titles) != 1:
            problems.append(Problem(path, 0, 0, f"has {len(scan.titles)} <title> elements, not 1"))
        folder = next((folder for folder in folders if path.startswith(folder)), "")
        for title in scan.titles[:1]:
            by_title[folder, title].append(path)
    for (_, title), paths in by_title.items():
        # blame the pages whose title an author chose over the built sections
        paths.sort(key=lambda path: (locate.item_of_page.get(path) is not None, path))
        for path in paths[1:]:
            problems.append(locate.page_problem(path, f"<title> {title!r} is also the title of {paths[0]}"))
    return problems


def orphans(
    scans: Mapping[str, PageScan], followed: Mapping[str, set[str]], locate: Locator
) -> list[SiteError]:
    """Pages no chain of links from the home page reaches."""
    reached = {"index.html"}
    queue = ["index.html"]
    while queue:
        for target in followed.get(queue.pop(), ()):
            if target not in reached:
                reached.add(target)
                queue.append(target)
    return [
        locate.page_problem(
            path,
            "no link leads here from the home page (orphan page): link to it from a page readers can reach",
        )
        for path in sorted(scans)
        if path not in reached and path not in NOT_ORPHANS
    ]


class Locator:
    """Points a problem in an output page back at the content file that caused it, if it can."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.item_of_page = {output_path(plan.url): plan.item for plan in plan_pages(site)}
        self._written: dict[str, dict[str, list[tuple[int, int]]]] | None = None
        self._reported: dict[tuple[str, str], int] = defaultdict(int)
        """(slug, url) -> how many problems already pointed at that URL in that body."""

    def page_problem(self, path: str, message: str) -> SiteError:
        """A problem with a whole page: blame its content file, else the output file."""
        item = self.item_of_page.get(path)
        if item is not None:
            return Problem(item.path, 1, 1, f"{message} ({path})")
        return Problem(path, 0, 0, message)

    def written_urls(self) -> dict[str, dict[str, list[tuple[int, int]]]]:
        """Slug -> URL -> (line, column) of every place its body writes a link's URL, in order:
        found once, so locating many problems costs one look-up each, not a search of every body."""
        if self._written is None:
            self._written = {}
            for item in self.site.items.values():
                if item.kind == "sources" or not item.body:  # see locate
                    continue
                places: dict[str, list[tuple[int, int]]] = defaultdict(list)
                for offset, text in enumerate(item.body.split("\n")):
                    for match in BODY_URL_RE.finditer(text):
                        group = 1 if match[1] else 2
                        places[match[group]].append((item.body_line + offset, match.start(group) + 1))
                self._written[item.slug] = places
        return self._written

    def locate(self, item: Item, url: str) -> tuple[int, int] | None:
        """Where the item's body writes `url`: the next place not yet blamed, so a URL written
        twice gets both of its columns."""
        if item.kind == "sources":  # evidence, never rendered: no link on a page comes from it
            return None
        places = self.written_urls().get(item.slug, {}).get(url)
        if not places:  # written some other way (a reference definition, say): search the text
            for offset, text in enumerate(item.body.split("\n")):
                column = text.find(url)
                if column >= 0:
                    return item.body_line + offset, column + 1
            return None
        count = self._reported[(item.slug, url)]
        self._reported[(item.slug, url)] += 1
        return places[min(count, len(places) - 1)]

    def body_problem(self, item: Item, link: Link, message: str) -> SiteError:
        """A problem with a link written in an item's Markdown body."""
        line, column = self.locate(item, link.url) or (item.body_line, 1)
        return Problem(item.path, line, column, message)

    def problem(self, path: str, link: Link, message: str) -> SiteError:
        """A problem with a link: blame the Markdown body that has it, else the output file."""
        item = self.item_of_page.get(path)
        candidates = [item] if item is not None else []
        candidates += [other for other in self.site.items.values() if other is not item]
        for candidate in candidates:
            found = self.locate(candidate, link.url)
            if found is not None:
                return Problem(candidate.path, *found, f"{message} (on {path})")
        return Problem(path, link.line, link.column, message)


def run_check(
    root: Path,
    fmt: str,
    sources: bool,
    overrides: Mapping[str, Any],
    moment: datetime | None = None,
    progress: Progress | None = None,
) -> int:
    """site-builder check: print one line per problem and a summary; 1 if anything is wrong."""
    result = check_project(root, overrides, moment, progress)
    if progress:
        progress.finish()
    report = sources_report(result.site) if sources and result.site is not None else ""
    if fmt == "json":
        print(
            json.dumps(
                {
                    "ok": result.ok,
                    "problems": [
                        {"path": p.path, "line": p.line, "column": p.column, "message": p.message}
                        for p in result.problems
                    ],
                    "pages": result.pages,
                    "links": result.links,
                    "notes": list(result.notes),
                    "skipped": result.skipped,
                    "summary": result.summary(),
                    **({"sources": report} if sources else {}),
                },
                indent=1,
            )
        )
    else:
        for problem in report_lines(result.problems):
            print(problem)
        for note in result.notes:
            print(f"note: {note}", file=sys.stderr)
        if report:
            print(report)
        print(result.summary())
        if result.skipped:
            print(f"more problems may follow once these are fixed: {result.skipped}")
    return 0 if result.ok else 1
