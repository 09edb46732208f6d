"""URL rules: where each kind of item is shown, its output file, its absolute URL, and the
relative links between pages that must work at a domain's root and under any sub-path."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from site_builder.model import Config, Event, Figure, Item, Page, Person, Place, Site, Source, Term
from site_builder.urls import absolute_url, item_url, output_path, relative_url

BASES = ("https://example.org/", "https://example.org/news/explainers/story/")
"""Where a built site may be served: a domain's root, or a folder deep inside one."""
ITEM_CLASSES: dict[str, type[Source | Page | Person | Place | Figure | Term]] = {
    "sources": Source,
    "pages": Page,
    "people": Person,
    "places": Place,
    "figures": Figure,
    "glossary": Term,
}


def make_item(kind: str, slug: str) -> Item:
    """A bare item of a kind: URLs depend on its kind and slug alone."""
    fields = (kind, slug, f"content/{kind}/{slug}.md", "", 1, {}, (), None)
    if kind == "events":
        return Event(*fields, start=None)  # an event may be dated by what it follows
    return ITEM_CLASSES[kind](*fields)


def make_site(base_url: str) -> Site:
    """An empty site served at base_url ('' when unknown)."""
    config = Config(title="T", description="D", language="en", base_url=base_url)
    return Site(config=config, items={}, urls={}, backlinks={}, timeline=(), bodies={})


@pytest.mark.parametrize(
    ("kind", "slug", "url"),
    [
        ("people", "ada", "/people/ada/"),
        ("places", "kabul", "/places/kabul/"),
        ("pages", "index", "/"),
        ("pages", "about", "/about/"),
        # Kinds whose section lists them whole: an anchor on the section's page.
        ("events", "talks", "/timeline/#talks"),
        ("figures", "gdp", "/figures/#gdp"),
        ("glossary", "nrf", "/glossary/#nrf"),
        ("sources", "report", "/sources/#report"),
    ],
)
def test_item_url_by_kind(kind: str, slug: str, url: str) -> None:
    assert item_url(make_item(kind, slug)) == url


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("/", "index.html"),
        ("/about/", "about/index.html"),
        ("/people/ada/", "people/ada/index.html"),
        ("/404.html", "404.html"),  # hosts serve it for any missing path: a file, not a folder
        ("/assets/style.1a2b3c4d5e.css", "assets/style.1a2b3c4d5e.css"),
    ],
)
def test_output_path(url: str, path: str) -> None:
    assert output_path(url) == path


@pytest.mark.parametrize(
    ("base_url", "path", "url"),
    [
        ("https://example.org/", "/people/ada/", "https://example.org/people/ada/"),
        ("https://example.org/", "/", "https://example.org/"),
        ("https://example.org/news/", "/people/ada/", "https://example.org/news/people/ada/"),
        ("https://example.org/news/", "/", "https://example.org/news/"),
        ("https://example.org/news/", "/timeline/#talks", "https://example.org/news/timeline/#talks"),
        ("", "/people/ada/", "/people/ada/"),  # base_url unknown: the site-absolute path as it is
    ],
)
def test_absolute_url(base_url: str, path: str, url: str) -> None:
    assert absolute_url(make_site(base_url), path) == url


RELATIVE_CASES = [
    # (target, page, link): how the renderer's url(), menus and first-mention links call it
    ("/people/ada/", "/people/ada/", "./"),
    ("/", "/", "./"),
    ("/timeline/#talks", "/timeline/", "#talks"),  # an anchor on the page itself
    ("/people/ada/#relations", "/people/ada/", "#relations"),
    ("/timeline/#talks", "/people/ada/", "../../timeline/#talks"),
    ("/", "/people/ada/", "../../"),
    ("/", "/about/", "../"),
    ("/people/ada/", "/", "people/ada/"),
    ("/people/bob/", "/people/ada/", "../bob/"),
    ("/people/", "/people/ada/", "../"),
    ("/people/ada/", "/people/", "ada/"),
    ("/places/kabul/", "/people/ada/", "../../places/kabul/"),
    ("/glossary/#nrf", "/", "glossary/#nrf"),
    ("/assets/style.1a2b3c4d5e.css", "/people/ada/", "../../assets/style.1a2b3c4d5e.css"),
    ("/assets/style.1a2b3c4d5e.css", "/", "assets/style.1a2b3c4d5e.css"),
    ("/pagefind/pagefind-ui.js", "/about/", "../pagefind/pagefind-ui.js"),
    # A file page's links start from its folder (the renderer gives /404.html, which hosts serve
    # at any depth, root-based links instead; relative_url is right for a file page all the same).
    ("/about/", "/404.html", "about/"),
    ("/", "/404.html", "./"),
    ("/#top", "/404.html", "./#top"),  # not '#top': that stays on /404.html
    ("/404.html#top", "/404.html", "404.html#top"),
]


@pytest.mark.parametrize(("target", "page_url", "link"), RELATIVE_CASES)
def test_relative_url(target: str, page_url: str, link: str) -> None:
    assert relative_url(target, page_url) == link


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize(("target", "page_url", "link"), RELATIVE_CASES)
def test_relative_url_resolves_at_root_and_under_a_sub_path(
    base: str, target: str, page_url: str, link: str
) -> None:
    """What a browser does with the link: it lands on target wherever the site is served."""
    assert urljoin(base + page_url.lstrip("/"), link) == base + target.lstrip("/")


# --- properties --------------------------------------------------------------------------

segments = st.lists(st.sampled_from(["a", "b", "people", "ada", "a-b"]), max_size=4)
"""Few names, so paths share leading folders, and one may be another's prefix ('a', 'a-b')."""
folder_urls = segments.map(lambda parts: "/" + "".join(f"{part}/" for part in parts))
"""Clean folder URLs, as every page but /404.html has."""
file_urls = st.builds(
    lambda folder, name: folder + name, folder_urls, st.sampled_from(["404.html", "style.css", "a.js"])
)
"""Files: names with an extension, which no slug (a-z, 0-9, hyphens) has."""
fragments = st.sampled_from(["", "#talks", "#a"])
targets = st.builds(lambda path, fragment: path + fragment, folder_urls | file_urls, fragments)


@given(target=targets, page_url=folder_urls | file_urls, base=st.sampled_from(BASES))
@example(target="/a/#a", page_url="/a/", base=BASES[1])
@example(target="/a/#a", page_url="/a/404.html", base=BASES[1])
@example(target="/", page_url="/a/b/a/", base=BASES[0])
def test_relative_url_always_lands_on_its_target(target: str, page_url: str, base: str) -> None:
    assert urljoin(base + page_url.lstrip("/"), relative_url(target, page_url)) == (base + target.lstrip("/"))


@given(target=targets, page_url=folder_urls | file_urls)
def test_relative_url_is_relative(target: str, page_url: str) -> None:
    """Never root-based or empty, so it works wherever the site is served."""
    link = relative_url(target, page_url)
    assert link
    assert not link.startswith("/")
    assert "//" not in link
