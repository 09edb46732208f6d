"""URL rules, said once: where an item is shown, how one page links to another, and the
absolute URL of a page for hosts and feeds; a URL's output file.

Pure functions of site-absolute URL paths ('/people/x/', '/timeline/#x', '/404.html'): the
linking stage, the renderer and its provenance view, first-mention links, the files for hosts
(outputs.py) and `check` all read them here.
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

from .model import Item, Site
from .sections import ANCHOR_PAGES


def item_url(item: Item) -> str:
    """Where an item is shown: its own page, or an anchor on its section's page."""
    return slug_url(item.kind, item.slug)


def slug_url(kind: str, slug: str) -> str:
    """Where an item of `kind` with `slug` is shown (item_url; also an old slug's old URL)."""
    if kind in ANCHOR_PAGES:
        return f"{ANCHOR_PAGES[kind]}#{slug}"
    if kind == "pages":
        return "/" if slug == "index" else f"/{slug}/"
    return f"/{kind}/{slug}/"


def moved_pages(site: Site) -> dict[str, tuple[str, str]]:
    """Old URL -> (current URL, slug) of every page a renamed item had, by old URL: its own page
    (people, places, free pages) and its embed page, which articles may still frame.

    A renamed item shown as an anchor (/glossary/#old) keeps its old id on its section page
    instead: a fragment never reaches the server, so no redirect could see it. In a language
    other than the default, only the items translated into it (paths as in the default's
    folder: in_language puts them in the language's)."""
    moved = {}
    for old, slug in site.redirects.items():
        if slug in site.fallback:  # not in this language: neither its old URL nor its new
            continue
        item = site.items[slug]
        if item.kind not in ANCHOR_PAGES:
            moved[slug_url(item.kind, old)] = (site.urls[slug], slug)
        if item.kind in EMBED_KINDS and site.config.embeds:
            moved[embed_path(item.kind, old)] = (embed_url(item), slug)
    return dict(sorted(moved.items()))


EMBED_KINDS = ("figures", "people", "places", "glossary")
"""The kinds whose items have an embed page; the timeline has one too (TIMELINE_EMBED)."""
TIMELINE_EMBED = "/embed/timeline/"


def embed_url(item: Item | None) -> str:
    """Where an item's embed page is ('/embed/people/x/'); None: the timeline's."""
    return TIMELINE_EMBED if item is None else embed_path(item.kind, item.slug)


def embed_path(kind: str, slug: str) -> str:
    """Where the embed page of an item of `kind` with `slug` is (embed_url; also an old slug's)."""
    return f"/embed/{kind}/{slug}/"


NOT_FOUND_URL = "/404.html"
"""The page a host serves for an address the site does not have: a file, not a folder, because
hosts look for /404.html at the root (GitHub Pages, Netlify, Cloudflare Pages)."""


SHARED_FOLDERS = ("/assets/", "/media/", "/pagefind/", "/embed.js")
"""What every language's pages share, at the root: the theme's assets, the pictures, the search
index and the script host pages size embeds with. Everything else (the embed pages, the updates
feed, data.json...) is built in each language, in its folder."""


def in_language(path: str, folder: str) -> str:
    """A site-absolute path of the default language ('/people/x/') in a language's folder
    ('fr/' -> '/fr/people/x/'); shared files and the default language ('') stay where they are."""
    if not folder or path.startswith(SHARED_FOLDERS):
        return path
    return "/" + folder + path.lstrip("/")


def absolute_url(site: Site, path: str) -> str:
    """A site-absolute path ('/people/x/') of the site's language as an absolute URL, or the
    path when base_url is unset."""
    base_url = site.config.base_url
    path = in_language(path, site.folder)
    return base_url + path.lstrip("/") if base_url else path


@functools.lru_cache(maxsize=1 << 16)
def output_path(url: str) -> str:
    """'/people/x/' -> 'people/x/index.html'; '/404.html' stays a file. Remembered: a build
    asks it some six times of each page."""
    if url.endswith("/"):
        return url.lstrip("/") + "index.html"
    return url.lstrip("/")


def relative_url(target: str, page_url: str) -> str:
    """A link from page_url to target (both site-absolute) that works under any sub-path.

    Plain segment arithmetic: both are clean URL paths, and posixpath.relpath is slow per link.
    """
    path, _, fragment = target.partition("#")
    suffix = f"#{fragment}" if fragment else ""
    page_dir = page_url if page_url.endswith("/") else page_url.rsplit("/", 1)[0] + "/"
    if path == page_dir:  # '#x' alone stays on the page, so a file page ('/404.html') needs './#x'
        return suffix if suffix and page_url == page_dir else "./" + suffix
    dir_parts = page_dir.strip("/").split("/") if page_dir != "/" else []
    target_parts = path.strip("/").split("/") if path != "/" else []
    common = 0
    limit = min(len(dir_parts), len(target_parts))
    while common < limit and dir_parts[common] == target_parts[common]:
        common += 1
    rest = "/".join(target_parts[common:])
    relative = "../" * (len(dir_parts) - common) + rest + ("/" if rest and path.endswith("/") else "")
    return (relative or "./") + suffix


def is_http_url(text: str) -> bool:
    """Whether text is an absolute http(s) URL: the one rule for every URL a page links to
    (a field's url, site.yaml's base_url, --base-url)."""
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not any(c.isspace() for c in text)
