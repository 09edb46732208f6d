"""The built explainer read like a browser reads it: every page there, every link and #anchor
resolving, and each page carrying its title, description, language, skip link, nav and own CSS."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest
import yaml
from conftest import REPO, SMALL_PROJECT, run_main, write_files

from site_builder.sections import SECTIONS as REGISTERED_SECTIONS
from site_builder.validate import parse_date

VOID_TAGS = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr")
)
FETCHING_TAGS = frozenset(
    (
        "img",
        "script",
        "iframe",
        "source",
        "video",
        "audio",
        "embed",
        "object",
        "image",
        "use",
        "track",
        "input",
    )
)
"""Elements whose src/href the browser fetches when the page loads."""
SECTIONS = tuple(f"{section.slug}/" for section in REGISTERED_SECTIONS)
"""Every section's folder: the explainers tested here have items of every kind, so all are built."""
HEADER_SECTIONS = tuple(f"{section.slug}/" for section in REGISTERED_SECTIONS if "header" in section.nav)
SITE = "https://site.test/"
"""Stand-in origin the site is resolved against when it has no base_url."""


@dataclass
class Element:
    """A parsed element: tag, attributes, children in order (text as str)."""

    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    def walk(self) -> Iterator[Element]:
        """This element and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.walk()

    def find_all(self, tag: str) -> list[Element]:
        """Descendants (and self) with this tag."""
        return [element for element in self.walk() if element.tag == tag]

    def has_class(self, name: str) -> bool:
        """Whether the class attribute lists name."""
        return name in self.attrs.get("class", "").split()

    @property
    def text(self) -> str:
        """Text content with whitespace collapsed."""
        parts = [c if isinstance(c, str) else c.text for c in self.children]
        return " ".join(" ".join(parts).split())


class TreeBuilder(HTMLParser):
    """stdlib html.parser events -> an Element tree."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID_TAGS:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(data: bytes) -> Element:
    """A page's element tree."""
    builder = TreeBuilder()
    builder.feed(data.decode("utf-8"))
    builder.close()
    return builder.root


@dataclass
class BuiltSite:
    """A built output folder, with every HTML page parsed."""

    out_dir: Path
    root_url: str
    """Absolute URL of the site root the pages are resolved against (ends in '/')."""
    files: set[str]
    pages: dict[str, Element]
    """Output path ('people/x/index.html') -> parsed page."""

    def page_url(self, path: str) -> str:
        """The URL a page is served at: 'people/x/index.html' -> ROOT/people/x/."""
        return self.root_url + path.removesuffix("index.html")

    def target_file(self, url: str) -> str | None:
        """Output path a URL inside the site resolves to, or None for a URL outside it."""
        if not url.startswith(self.root_url):
            return None
        path = url[len(self.root_url) :].split("?")[0]
        return path + "index.html" if path == "" or path.endswith("/") else path

    def ids(self, path: str) -> list[str]:
        """Every id on a page, in document order (duplicates kept)."""
        return [e.attrs["id"] for e in self.pages[path].walk() if "id" in e.attrs]


def build_site(root: Path, out_dir: Path, root_url: str = SITE) -> BuiltSite:
    """Build root with the CLI (no cache, so nothing is written into root) and parse it."""
    result = run_main("build", "--root", root, "--out", out_dir, "--no-cache", cwd=out_dir.parent)
    assert result.returncode == 0, result.stderr
    return read_site(out_dir, root_url)


def read_site(out_dir: Path, root_url: str = SITE) -> BuiltSite:
    """Parse every page of a built site."""
    files = {p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*") if p.is_file()}
    pages = {path: parse_html((out_dir / path).read_bytes()) for path in files if path.endswith(".html")}
    return BuiltSite(out_dir, root_url, files, pages)


def site_yaml(root: Path) -> dict[str, object]:
    """The project's site.yaml as plain data (for base_url and language)."""
    data: dict[str, object] = yaml.safe_load((root / "content" / "site.yaml").read_text("utf-8"))
    return data


def slugs(root: Path, kind: str) -> list[str]:
    """Slugs of every item of a kind in a project."""
    return sorted(path.stem for path in (root / "content" / kind).glob("*.md"))


@pytest.fixture(scope="module")
def explainer(built_explainer: Path) -> BuiltSite:
    """The repo's own explainer (content/), built once per run, parsed."""
    base_url = str(site_yaml(REPO).get("base_url") or SITE)
    return read_site(built_explainer, base_url if base_url.endswith("/") else base_url + "/")


def test_every_page_exists(explainer: BuiltSite) -> None:
    """Home, every section, one page per person and place, and the 404 page."""
    expected = {"index.html", "404.html", *(f"{section}index.html" for section in SECTIONS)}
    expected |= {f"people/{slug}/index.html" for slug in slugs(REPO, "people")}
    expected |= {f"places/{slug}/index.html" for slug in slugs(REPO, "places")}
    missing = expected - explainer.files
    assert not missing


def test_every_internal_link_and_anchor_resolves(explainer: BuiltSite) -> None:
    """Each href/src inside the site names a built file, and each #fragment an id on that page."""
    broken: list[str] = []
    checked = 0
    for path, page in sorted(explainer.pages.items()):
        page_url = explainer.page_url(path)
        for element in page.walk():
            for attr in ("href", "src", "xlink:href"):
                if attr not in element.attrs or element.attrs[attr].startswith(("mailto:", "tel:")):
                    continue
                url, fragment = urldefrag(urljoin(page_url, element.attrs[attr]))
                target = explainer.target_file(url)
                if target is None:
                    continue
                checked += 1
                if target not in explainer.files:
                    broken.append(f"{path}: <{element.tag} {attr}={element.attrs[attr]!r}>: no {target}")
                elif fragment and fragment not in explainer.ids(target):
                    broken.append(
                        f"{path}: <{element.tag} {attr}={element.attrs[attr]!r}>: "
                        f"no id {fragment!r} on {target}"
                    )
    assert not broken, "\n".join(broken)
    assert checked > 500  # the walk really followed the site's links


def test_internal_links_are_relative(explainer: BuiltSite) -> None:
    """Pages work from any folder or sub-path: internal <a> links are written relative.

    404.html is served at any depth, so it alone links from the site root.
    """
    absolute: list[str] = []
    for path, page in explainer.pages.items():
        if path == "404.html":
            continue
        for link in page.find_all("a"):
            href = link.attrs.get("href", "")
            inside = explainer.target_file(urljoin(explainer.page_url(path), href)) is not None
            if inside and (href.startswith("/") or "://" in href):
                absolute.append(f"{path}: {href}")
    assert not absolute, absolute


def test_ids_are_unique_on_every_page(explainer: BuiltSite) -> None:
    """A repeated id makes '#anchor' links ambiguous."""
    for path in explainer.pages:
        ids = explainer.ids(path)
        assert len(ids) == len(set(ids)), (path, sorted({i for i in ids if ids.count(i) > 1}))


def test_every_page_has_title_description_lang_skip_link_and_nav(explainer: BuiltSite) -> None:
    """What every page needs for readers, screen readers and search engines."""
    language = str(site_yaml(REPO)["language"])
    for path, page in explainer.pages.items():
        [html] = page.find_all("html")
        assert html.attrs.get("lang") == language, path
        [head] = page.find_all("head")
        [title] = head.find_all("title")  # SVG charts in the body have <title>s of their own
        assert title.text, path
        descriptions = [m for m in head.find_all("meta") if m.attrs.get("name") == "description"]
        assert len(descriptions) == 1 and descriptions[0].attrs.get("content"), path
        if path.startswith("embed/"):  # the item alone in an iframe: no menus to skip or follow
            assert not page.find_all("nav"), path
            continue
        [body] = page.find_all("body")
        first_link = body.find_all("a")[0]
        assert first_link.attrs["href"].startswith("#"), path  # the skip link comes first
        assert first_link.attrs["href"][1:] in explainer.ids(path), path
        page_url = explainer.page_url(path)
        nav_targets = {
            explainer.target_file(urljoin(page_url, a.attrs.get("href", "")))
            for nav in page.find_all("nav")
            for a in nav.find_all("a")
        }
        assert {f"{section}index.html" for section in HEADER_SECTIONS} <= nav_targets, path


def test_pages_load_only_the_sites_own_files(explainer: BuiltSite) -> None:
    """The site's own CSS on every page, and no request to any other origin."""
    for path, page in explainer.pages.items():
        page_url = explainer.page_url(path)
        stylesheets = [link for link in page.find_all("link") if "stylesheet" in link.attrs.get("rel", "")]
        assert stylesheets, path
        for element in page.walk():
            fetches = element.tag in FETCHING_TAGS or (
                element.tag == "link" and element.attrs.get("rel") not in ("canonical", "alternate")
            )
            for attr in ("src", "href", "srcset", "data", "poster"):
                if fetches and attr in element.attrs:
                    url = urljoin(page_url, element.attrs[attr].split()[0])
                    target = explainer.target_file(url)
                    assert target in explainer.files, f"{path}: <{element.tag}> loads {url}"
    for css in (name for name in explainer.files if name.endswith(".css")):
        text = (explainer.out_dir / css).read_text("utf-8")
        assert not re.search(r"(url\(\s*['\"]?|@import\s+['\"]?)(https?:)?//", text), css


def test_glossary_has_jump_bar_anchors_abbreviations_and_see_also(explainer: BuiltSite) -> None:
    """A-Z letters that jump, /glossary/#slug for every term, <abbr>, and see-also links."""
    page = explainer.pages["glossary/index.html"]
    ids = explainer.ids("glossary/index.html")
    jump_bars = [
        nav
        for nav in page.find_all("nav")
        if all(a.attrs.get("href", "").startswith("#") for a in nav.find_all("a")) and nav.find_all("a")
    ]
    assert jump_bars
    letters = [a.text for a in jump_bars[0].find_all("a")]
    assert letters == sorted(letters) and all(len(letter) == 1 for letter in letters)
    for slug in slugs(REPO, "glossary"):
        front = yaml.safe_load((REPO / "content/glossary" / f"{slug}.md").read_text("utf-8").split("---")[1])
        assert slug in ids
        term = next(e for e in page.walk() if e.attrs.get("id") == slug)
        assert term.text.upper()[:1] in letters
        if front.get("abbr"):
            assert [a.text for a in term.find_all("abbr")] == [front["abbr"]], slug
        if front.get("see_also"):
            entry = glossary_entry(page, slug)
            see_also = [a.attrs["href"] for a in entry.find_all("a")]
            for other in front["see_also"]:
                assert f"#{other}" in see_also, (slug, other)


def glossary_entry(page: Element, slug: str) -> Element:
    """The element holding a term's definition: its <dd> when the term is a <dt>, else itself."""
    for element in page.walk():
        children = [c for c in element.children if isinstance(c, Element)]
        for index, child in enumerate(children):
            if child.attrs.get("id") == slug:
                if child.tag == "dt" and index + 1 < len(children):
                    return children[index + 1]
                return child
    raise AssertionError(f"no glossary entry {slug}")


def timeline_events(page: Element) -> list[Element]:
    """Event <li>s of the timeline's ordered lists, in page order."""
    return [
        li
        for ol in page.find_all("ol")
        for li in ol.children
        if isinstance(li, Element) and li.tag == "li" and "id" in li.attrs
    ]


def test_timeline_of_the_explainer_is_in_order(explainer: BuiltSite) -> None:
    """Every event is an <li> in an <ol>, with a <time datetime>, in chronological order."""
    events = timeline_events(explainer.pages["timeline/index.html"])
    assert sorted(e.attrs["id"] for e in events) == slugs(REPO, "events")
    starts = []
    for event in events:
        times = event.find_all("time")
        assert times, event.attrs["id"]
        starts.append(parse_date(times[0].attrs["datetime"]))
    assert [(d.year, d.month, d.day) for d in starts] == sorted((d.year, d.month, d.day) for d in starts)


TIMELINE_EVENTS = {
    "e-decade": "date: 1980s\n",
    "e-1980": "date: 1980\n",
    "e-1989-02-15": "date: 1989-02-15\n",
    "e-1989-02": "date: 1989-02\n",
    "e-1989": "date: '1989'\n",
    "e-span": "start: 2021-08\nend: 2021-09\n",
    "e-approx": "date: 2021-09-02\napproximate: true\n",
}


def test_timeline_puts_decade_before_year_before_month_and_shows_spans(tmp_path: Path) -> None:
    """Coarse dates come first; a span shows both ends; an inferred date says so."""
    events = {
        f"content/events/{slug}.md": f"---\ntitle: Event {slug}\n{dates}summary: Something.\n---\n"
        for slug, dates in TIMELINE_EVENTS.items()
    }
    root = write_files(tmp_path / "project", {**SMALL_PROJECT, **events})
    site = build_site(root, tmp_path / "site")
    by_id = {e.attrs["id"]: e for e in timeline_events(site.pages["timeline/index.html"])}
    order = [slug for slug in by_id if slug.startswith("e-")]
    assert order == ["e-decade", "e-1980", "e-1989", "e-1989-02", "e-1989-02-15", "e-span", "e-approx"]
    datetimes = {slug: [t.attrs["datetime"] for t in by_id[slug].find_all("time")] for slug in order}
    assert datetimes == {
        "e-decade": ["1980"],
        "e-1980": ["1980"],
        "e-1989": ["1989"],
        "e-1989-02": ["1989-02"],
        "e-1989-02-15": ["1989-02-15"],
        "e-span": ["2021-08", "2021-09"],
        "e-approx": ["2021-09-02"],
    }
    assert "1980s" in by_id["e-decade"].text
    assert "August 2021" in by_id["e-span"].text and "September 2021" in by_id["e-span"].text
    probable = [
        slug
        for slug in order
        if any(
            p.has_class("event-date") and p.text.strip().startswith("probably ")
            for p in by_id[slug].find_all("p")
        )
    ]
    assert probable == ["e-approx"]


def test_wikilinks_render_as_links_with_the_items_name(tmp_path: Path) -> None:
    """[[slug]] shows the item's name; [[slug|text]] shows the text; both link to the item."""
    site = build_site(write_files(tmp_path / "project", dict(SMALL_PROJECT)), tmp_path / "site")
    home = site.pages["index.html"]
    links = {
        a.text: site.target_file(urldefrag(urljoin(site.page_url("index.html"), a.attrs["href"]))[0])
        for a in home.find_all("main")[0].find_all("a")
    }
    assert links["Ada Lovelace"] == "people/ada/index.html"
    assert links["the front"] == "glossary/index.html"
    hrefs = [a.attrs["href"] for a in home.find_all("main")[0].find_all("a") if a.text == "the front"]
    assert hrefs == ["glossary/#nrf"]


def test_second_explainer_passes_the_same_link_walk(tmp_path: Path) -> None:
    """The fixture project (content/ only) builds into a site whose links all resolve too."""
    fixture = REPO / "tests" / "fixtures" / "second-explainer"
    site = build_site(fixture, tmp_path / "site")
    expected = {f"people/{slug}/index.html" for slug in slugs(fixture, "people")}
    expected |= {f"places/{slug}/index.html" for slug in slugs(fixture, "places")}
    expected |= {"index.html", "404.html", *(f"{s}index.html" for s in SECTIONS)}
    assert expected <= site.files
    language = str(site_yaml(fixture)["language"])
    for path, page in site.pages.items():
        assert page.find_all("html")[0].attrs.get("lang") == language
        for a in page.find_all("a"):
            url, fragment = urldefrag(urljoin(site.page_url(path), a.attrs.get("href", "")))
            target = site.target_file(url)
            if target is not None:
                assert target in site.files, (path, a.attrs["href"])
                assert not fragment or fragment in site.ids(target), (path, a.attrs["href"])
