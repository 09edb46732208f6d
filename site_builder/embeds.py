"""Embeds: the timeline, figures, people, places and glossary terms, each alone on a page a news
article can show in an <iframe>; the code that does it, oEmbed JSON, and the _headers file that
says which sites may frame which pages.

An embed page (templates/embed.html) reports its height with postMessage (static/embed-frame.js);
the host page's embed.js, written at the output's root under a name that never changes, sizes
the iframe. Without JavaScript the iframe keeps the height its code gives. The embed code and
oEmbed need absolute URLs, so only a site with base_url offers them; the pages are always built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from .cache import content_key, joined_key
from .model import Item, Site
from .outputs import Memo, dump_json
from .render.claims import claim_text
from .urls import EMBED_KINDS, TIMELINE_EMBED, absolute_url, embed_url

HOST_SCRIPT = "embed.js"
"""The theme's static file a host page includes, written at the output's root (not hashed):
the URL an article's code names must stay the same from one build to the next."""
FRAME_SCRIPT = "embed-frame.js"
COPY_SCRIPT = "copy.js"
EMBED_ASSETS = (HOST_SCRIPT, FRAME_SCRIPT, COPY_SCRIPT, "embed.css")
"""The theme's files for embeds: published only when the site has them (`embeds`)."""
OEMBED_FILE = "oembed.json"
DEFAULT_HEIGHTS = {"timeline": 640, "figures": 460, "people": 480, "places": 560, "glossary": 300}
"""Pixels an iframe shows before embed.js sizes it (or always, without JavaScript): each kind's
content at a column's width, so that most of it shows without a scroll bar."""
OEMBED_WIDTH = 640
"""oEmbed's `width`: the embeds fill any width from 280 px; this is what a consumer that needs a
number should reserve."""
NO_FRAMING = "Content-Security-Policy: frame-ancestors 'none'"
IMMUTABLE = "Cache-Control: public, max-age=31536000, immutable"
NOT_PAGES = frozenset(("assets", "pagefind", "embed"))
"""Top-level folders of the output that hold no ordinary page."""


def embedded_items(site: Site) -> list[Item]:
    """The items with an embed page, by kind, then slug."""
    return [item for kind in EMBED_KINDS for item in site.of_kind(kind)]


def offers_code(site: Site) -> bool:
    """Whether pages offer embed code and oEmbed: the site has embeds, and a base_url to name
    them by (an iframe on another site needs an absolute URL)."""
    return bool(site.config.base_url) and site.config.embeds


def embed_name(item: Item | None, strings: Mapping[str, str]) -> str:
    """What an embed shows, in words: the item's name (a figure's label with who says so)."""
    return strings["timeline.title"] if item is None else claim_text(item, strings)


def embed_height(item: Item | None) -> int:
    """The iframe's height before embed.js sizes it."""
    return DEFAULT_HEIGHTS["timeline" if item is None else item.kind]


def embed_code(site: Site, item: Item | None, strings: Mapping[str, str], host_script: bool = True) -> str:
    """The HTML a web producer pastes into an article: the iframe, then embed.js (unless
    `host_script` is False: a page listing many entries gives that line once, host_script_code);
    '' when the site offers no code (offers_code)."""
    if not offers_code(site):
        return ""
    title = strings["embed.frame_title"].format(name=embed_name(item, strings), site_title=site.config.title)
    frame = (
        f'<iframe src="{escape(absolute_url(site, embed_url(item)))}" title="{escape(title)}" '
        f'height="{embed_height(item)}" style="width:100%;border:0" loading="lazy"></iframe>'
    )
    return frame + "\n" + host_script_code(site) if host_script else frame


def host_script_code(site: Site) -> str:
    """The line that includes embed.js, which an article needs once however many embeds it has."""
    return f'<script src="{escape(absolute_url(site, "/" + HOST_SCRIPT))}" async></script>'


def oembed(site: Site, item: Item | None, strings: Mapping[str, str]) -> dict[str, Any]:
    """An item's oEmbed response (type rich), as a consumer fetches it from its oembed.json."""
    return {
        "version": "1.0",
        "type": "rich",
        "title": embed_name(item, strings),
        "provider_name": site.config.title,
        "provider_url": absolute_url(site, "/"),  # the home page in the site's language
        "html": embed_code(site, item, strings),
        "width": OEMBED_WIDTH,
        "height": embed_height(item),
    }


def oembed_path(item: Item | None) -> str:
    """Output path of an item's oEmbed JSON: beside its embed page."""
    return embed_url(item).lstrip("/") + OEMBED_FILE


def render_oembeds(
    site: Site,
    strings: Mapping[str, str],
    memo: Memo | None = None,
    digest: Callable[[Item], str] = repr,
) -> dict[str, bytes]:
    """Every embeddable item's oembed.json (none without base_url: oEmbed URLs are absolute, nor
    with `embeds: false`); `memo` keeps each between builds by all it is made of: the config,
    the words, the item (by `digest`, see outputs.dump_data)."""
    if not offers_code(site):
        return {}
    targets: list[Item | None] = [*([None] if site.timeline else []), *embedded_items(site)]
    if memo is None:
        return {oembed_path(item): dump_json(oembed(site, item, strings)) for item in targets}
    scope = content_key(repr(site.config), repr(site.folder), repr(sorted(strings.items())))
    return {
        oembed_path(item): memo(
            OEMBEDS,
            joined_key(scope, "None" if item is None else digest(item)),
            partial(oembed_bytes, site, item, strings),
        )
        for item in targets
    }


OEMBEDS = "oembeds"
"""The build cache's table of oembed.json files."""


def oembed_bytes(site: Site, item: Item | None, strings: Mapping[str, str]) -> bytes:
    """An item's oembed.json."""
    return dump_json(oembed(site, item, strings))


def render_headers(site: Site, paths: Iterable[str]) -> bytes:
    """_headers (Netlify, Cloudflare Pages): no site may frame an ordinary page; the embed pages
    may be framed by embed_origins (any, if none is given); hashed assets are cached for good.

    A path matched by two rules gets both rules' headers on these hosts, and two policies are
    both enforced (so 'none' would win): the rules name the ordinary pages' folders one by one
    rather than all of the site at once, in each language's folder as at the root (fr/people/*,
    then fr/embed/* for its embeds)."""
    root = urlsplit(site.config.base_url).path.rstrip("/")
    framing = " ".join(site.config.embed_origins) or "*"
    pages = [path for path in paths if path.endswith(".html")]
    others = tuple(version.folder for version in site.translations)
    rules: list[tuple[str, str]] = []
    for folder in ("", *others):
        within = [page.removeprefix(folder) for page in pages if page.startswith(folder)]
        if not folder:  # the default language's: not the other languages' folders
            within = [page for page in within if not page.startswith(others)]
        names = {page.split("/", 1)[0] for page in within if "/" in page}
        prefix = f"{root}/{folder}"
        rules += [(prefix, NO_FRAMING)]
        rules += [
            (f"{prefix}{page}", NO_FRAMING) for page in sorted(page for page in within if "/" not in page)
        ]
        rules += [(f"{prefix}{name}/*", NO_FRAMING) for name in sorted(names - NOT_PAGES)]
        if site.config.embeds:
            rules += [(f"{prefix}embed/*", f"Content-Security-Policy: frame-ancestors {framing}")]
    rules += [(f"{root}/assets/*", IMMUTABLE)]
    return "".join(f"{path}\n  {header}\n" for path, header in rules).encode()


def template_globals(site: Site, strings: Mapping[str, str]) -> dict[str, Any]:
    """embed_code(item, host_script), embed_host_script(), embed_url(item), oembed_link(page_url)
    and offers_embeds(page_url) for the templates (item None: the timeline)."""
    discovered: dict[str, str] = {}
    if offers_code(site):  # a page that is one embeddable thing's own: its oEmbed JSON
        if site.timeline:
            discovered["/timeline/"] = absolute_url(site, "/" + oembed_path(None))
        for item in embedded_items(site):
            url = site.urls[item.slug]
            if "#" not in url:
                discovered[url] = absolute_url(site, "/" + oembed_path(item))
    offering = {site.urls[item.slug].partition("#")[0] for item in embedded_items(site)}
    offering |= {"/timeline/"} if site.timeline else set()

    def as_text(code: str) -> Markup:
        # as a <textarea>'s or <code>'s text: only & and < need escaping there; quotes left as
        # they are keep a page that offers many codes (the glossary) small
        return Markup(code.replace("&", "&amp;").replace("<", "&lt;"))

    def page_embed_code(item: Item | None, host_script: bool = True) -> Markup:
        return as_text(embed_code(site, item, strings, host_script))

    def page_host_script() -> Markup:
        return as_text(host_script_code(site) if offers_code(site) else "")

    def oembed_link(page_url: str) -> str:
        return discovered.get(page_url, "")

    def offers_embeds(page_url: str) -> bool:
        return offers_code(site) and page_url in offering

    return {
        "embed_code": page_embed_code,
        "embed_host_script": page_host_script,
        "embed_url": embed_url,
        "oembed_link": oembed_link,
        "offers_embeds": offers_embeds,
        "timeline_embed": TIMELINE_EMBED,
    }
