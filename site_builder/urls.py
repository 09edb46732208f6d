"""URL rules, said once: where an item is shown, how one page links to another, and the
absolute URL of a page for hosts and feeds; a URL's output file.

Pure functions of site-absolute URL paths ('/people/x/', '/timeline/#x', '/404.html'): the
linking stage, the renderer and its provenance view, first-mention links, the files for hosts
(outputs.py) and `check` all read them here.
"""

from __future__ import annotations

from .model import Item, Site
from .sections import ANCHOR_PAGES


def item_url(item: Item) -> str:
    """Where an item is shown: its own page, or an anchor on its section's page."""
    if item.kind in ANCHOR_PAGES:
        return f"{ANCHOR_PAGES[item.kind]}#{item.slug}"
    if item.kind == "pages":
        return "/" if item.slug == "index" else f"/{item.slug}/"
    return f"/{item.kind}/{item.slug}/"


NOT_FOUND_URL = "/404.html"
"""The page a host serves for an address the site does not have: a file, not a folder, because
hosts look for /404.html at the root (GitHub Pages, Netlify, Cloudflare Pages)."""


SHARED_FOLDERS = ("/assets/", "/media/", "/pagefind/")
"""Folders every language's pages share: the theme's assets, the pictures, the search index."""


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


def output_path(url: str) -> str:
    """'/people/x/' -> 'people/x/index.html'; '/404.html' stays a file."""
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
