"""Files for hosts and other tools (sitemap, robots, timeline.json, data.json) and page metadata."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields, is_dataclass
from datetime import datetime
from functools import partial
from html import escape
from itertools import islice
from typing import TYPE_CHECKING, Any, Protocol, TypeVar
from urllib.parse import urlsplit

from .cache import content_key, joined_key
from .feed import FEED_PATH, render_feed
from .model import Event, Figure, FuzzyDate, Item, Person, Place, Site, Term
from .render.claims import claim_text, figure_number
from .render.pictures import PictureView, item_picture
from .strings import STRINGS, when_text
from .urls import NOT_FOUND_URL, absolute_url, in_language, moved_pages

if TYPE_CHECKING:  # the image code imports Pillow, which a site without pictures never needs
    from .images import Derivatives

T = TypeVar("T")
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NOT_IN_SITEMAP = frozenset((NOT_FOUND_URL,))
INTERNAL_FIELDS = frozenset(("path", "body_line", "lines", "line"))
"""Where an entry came from in the project: of no use to a reader of data.json."""


def render_outputs(
    site: Site,
    page_urls: list[str],
    strings: Mapping[str, str] = STRINGS,
    pictures: Mapping[str, Derivatives] | None = None,
    translated: Sequence[tuple[Site, list[str], Mapping[str, str]]] = (),
    memo: Memo | None = None,
    digest: Callable[[Item], str] = repr,
) -> dict[str, bytes]:
    """Output path -> bytes for every non-page file the site ships (`strings`: the theme's
    words, for the feed; `pictures`: the pictures as published, for data.json; `translated`:
    the site in each other language with its pages and words: the sitemap lists those pages,
    and each language has its own feed, data.json and timeline.json in its folder; `memo`:
    where data.json's records are remembered between builds, and `digest` what stands for
    an item in their keys, see dump_data)."""
    # A site in one language keeps the English words its data.json and timeline.json have
    # always had; a site in several gives each language's its own words.
    words = strings if site.config.languages else STRINGS
    files = {
        ".nojekyll": b"",  # GitHub Pages: serve the files as they are, no Jekyll pass
        "robots.txt": render_robots(site).encode("utf-8"),
        **language_files(site, strings, words, pictures or {}, memo, digest),
    }
    for version, _, version_strings in translated:
        found = language_files(version, version_strings, version_strings, pictures or {}, memo, digest)
        files.update((version.folder + path, data) for path, data in found.items())
    if site.config.base_url:  # the sitemap protocol only takes absolute URLs
        files["sitemap.xml"] = render_sitemap(
            [(site, page_urls), *((v, urls) for v, urls, _ in translated)], memo
        )
    if site.config.cname:
        files["CNAME"] = (site.config.cname.strip() + "\n").encode("utf-8")
    if any(moved_pages(version) for version in (site, *site.translations)):
        files["_redirects"] = render_redirects(site).encode("utf-8")
    return files


def language_files(
    site: Site,
    strings: Mapping[str, str],
    words: Mapping[str, str],
    pictures: Mapping[str, Derivatives],
    memo: Memo | None = None,
    digest: Callable[[Item], str] = repr,
) -> dict[str, bytes]:
    """The files each language has in its folder (paths within it): timeline.json and
    data.json, with `words` for what they word; feed.xml, with `strings`, when there is a
    base_url (Atom only takes absolute URLs)."""
    files = {
        "timeline.json": dump_timeline(site, words, memo, digest),
        "data.json": dump_data(site, pictures, words, memo, digest),
    }
    if site.config.base_url:
        files[FEED_PATH] = render_feed(site, strings)
    return files


JSON_BATCH = 4096
"""Pieces of JSON text joined and encoded at a time: json.dumps would hold every piece of a
large site's data.json (about a million) in one list, and then the whole text besides its bytes."""


def dump_json(data: Any) -> bytes:
    """Stable, readable JSON (same input, same bytes), encoded a batch of pieces at a time."""
    pieces = json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(data)
    encoded = ["".join(batch).encode("utf-8") for batch in iter(lambda: list(islice(pieces, JSON_BATCH)), [])]
    encoded.append(b"\n")
    return b"".join(encoded)


class Memo(Protocol):
    """BuildCache.memo: (table, key, compute) -> compute() or its remembered result."""

    def __call__(self, table: str, key: str, compute: Callable[[], T]) -> T: ...


DATA_RECORDS = "data-records"
"""The build cache's table of data.json's records, as record_piece makes them, by what makes them."""


def dump_data(
    site: Site,
    pictures: Mapping[str, Derivatives],
    strings: Mapping[str, str] = STRINGS,
    memo: Memo | None = None,
    digest: Callable[[Item], str] = repr,
) -> bytes:
    """data.json's bytes: dump_json(render_data(site, pictures, strings)), byte for byte, made
    from each item's record (record_piece), which `memo` keeps between builds by everything a
    record is made of (data_record): an edit re-encodes one record, not 9 MB at 4,000 items.
    `digest` stands for the item in that key: its repr, or anything that tells items apart
    as well (item_digests.py: not a repr of every item per build)."""
    scope = content_key(repr(site.config), repr(site.folder), repr(sorted(strings.items())))
    head = json.dumps({"site": data_head(site)}, ensure_ascii=False, indent=1)[2:-2]  # ' "site": {...}'
    pieces = [("{\n" + head).encode("utf-8")]
    """The file's bytes in pieces, each encoded as it is made: joined as one string first, the
    text of a large site was held three times over (the records, the lists, the whole)."""
    for kind in DATA_KINDS:
        records = []
        for item in list(site.timeline) if kind == "events" else site.of_kind(kind):
            ref = getattr(item, "image", "")
            if memo is None:
                records.append(record_piece(site, item, pictures, strings))
                continue
            key = joined_key(scope, site.urls[item.slug], digest(item))  # a picture's repr: hashed
            if ref:
                key = content_key(key, repr((site.media.get(ref), pictures.get(ref))))
            records.append(memo(DATA_RECORDS, key, partial(record_piece, site, item, pictures, strings)))
        if not records:
            pieces.append(f',\n "{kind}": []'.encode())
            continue
        pieces += (f',\n "{kind}": [\n'.encode(), b",\n".join(records), b"\n ]")
    pieces.append(b"\n}\n")
    return b"".join(pieces)


TIMELINES = "timelines"
"""The build cache's table of timeline.json files, by what makes them."""


def dump_timeline(
    site: Site,
    strings: Mapping[str, str] = STRINGS,
    memo: Memo | None = None,
    digest: Callable[[Item], str] = repr,
) -> bytes:
    """timeline.json's bytes: dump_json(render_timeline(site, strings)), which `memo` keeps
    between builds by all it is made of (the config, the language's folder, the words, and
    each event in order with its URL): JSON with an indent is encoded in Python, 30 ms at
    1,000 events, and a one-file edit seldom touches an event."""
    if memo is None:
        return dump_json(render_timeline(site, strings))
    key = content_key(
        repr(site.config),
        repr(site.folder),
        repr(sorted(strings.items())),
        repr([(digest(event), site.urls[event.slug]) for event in site.timeline]),
    )
    return memo(TIMELINES, key, lambda: dump_json(render_timeline(site, strings)))


def record_piece(
    site: Site, item: Item, pictures: Mapping[str, Derivatives], strings: Mapping[str, str] = STRINGS
) -> bytes:
    """One item's data.json record as the bytes of its place in a list: JSON text indented
    one level (a newline never occurs inside a JSON string, so nesting it is a matter of
    indenting its lines), encoded, as dump_data keeps it."""
    text = json.dumps(data_record(site, item, pictures, strings), ensure_ascii=False, indent=1)
    return ("  " + text.replace("\n", "\n  ")).encode("utf-8")


def render_redirects(site: Site) -> str:
    """_redirects (Netlify, Cloudflare Pages): each renamed item's old URL, a permanent
    redirect to its new one, in each language that has the item (/fr/old/ -> /fr/new/). Paths
    carry base_url's path: the host serves from its root."""
    root = urlsplit(site.config.base_url).path.rstrip("/")
    lines = [
        f"{root}{in_language(old, version.folder)} {root}{in_language(new, version.folder)} 301"
        for version in (site, *site.translations)
        for old, (new, _) in moved_pages(version).items()
    ]
    return "\n".join(lines) + "\n"


def render_robots(site: Site) -> str:
    """Allow everything and point at the sitemap (when there is one)."""
    lines = ["User-agent: *", "Allow: /"]
    if site.config.base_url:
        lines.append(f"Sitemap: {site.config.base_url}sitemap.xml")
    return "\n".join(lines) + "\n"


def render_sitemap(sites_pages: Sequence[tuple[Site, list[str]]], memo: Memo | None = None) -> bytes:
    """sitemap.xml: one <url> per page with its absolute <loc>, and <lastmod> when known; the
    pages of each language in turn, the default first (`memo` keeps the XML between builds by
    those entries: ElementTree takes 10 ms a build to write 4,000 of them)."""
    entries = sitemap_entries(sites_pages)
    if memo is None:
        return sitemap_xml(entries)
    return memo(SITEMAPS, content_key(repr(entries)), partial(sitemap_xml, entries))


SITEMAPS = "sitemaps"
"""The build cache's table of sitemap.xml files, by their entries."""


def sitemap_entries(sites_pages: Sequence[tuple[Site, list[str]]]) -> list[tuple[str, str]]:
    """(absolute URL, last modified or '') of each page the sitemap lists, in order."""
    entries = []
    for site, page_urls in sites_pages:
        updated = {site.urls[item.slug]: item.updated for item in site.shown() if item.updated is not None}
        drafts = {site.urls[slug] for slug in site.drafts}  # shown only by --drafts, never indexed
        for url in page_urls:
            if url in NOT_IN_SITEMAP or url in drafts:
                continue
            entries.append((absolute_url(site, url), updated[url].machine if url in updated else ""))
    return entries


def sitemap_xml(entries: list[tuple[str, str]]) -> bytes:
    """sitemap.xml of its entries (sitemap_entries)."""
    urlset = ET.Element("urlset", xmlns=SITEMAP_NS)
    for loc, lastmod in entries:
        entry = ET.SubElement(urlset, "url")
        ET.SubElement(entry, "loc").text = loc
        if lastmod:
            ET.SubElement(entry, "lastmod").text = lastmod
    ET.indent(urlset)
    xml: bytes = ET.tostring(urlset, encoding="UTF-8", xml_declaration=True)
    return xml + b"\n"


def timeline_date(date: FuzzyDate, time: str = "") -> dict[str, str]:
    """A TimelineJS3 date object: year, month, day (and hour, minute) as strings, only as
    precise as known."""
    parts = {"year": str(date.year)}
    if date.precision >= 2:
        parts["month"] = str(date.month)
    if date.precision >= 3:
        parts["day"] = str(date.day)
    if time:
        hour, minute = time.split(":")
        parts.update(hour=str(int(hour)), minute=str(int(minute)))
    return parts


def render_timeline(site: Site, strings: Mapping[str, str] = STRINGS) -> dict[str, Any]:
    """timeline.json in TimelineJS3's JSON format, so a CMS timeline embed can load it; worded
    with `strings` (the language's table)."""
    events: list[dict[str, Any]] = []
    for event in site.timeline:
        slide: dict[str, Any] = {
            "unique_id": event.slug,
            "start_date": timeline_date(event.dated_start, event.time),
            "text": {
                "headline": escape(claim_text(event, strings)),
                "text": timeline_text(site, event, strings),
            },
        }
        if event.end is not None and event.end != event.start:
            slide["end_date"] = timeline_date(event.end)
        decade = event.dated_start.precision == 0 or (event.end is not None and event.end.precision == 0)
        bounded = event.after is not None or event.before is not None
        if event.approximate or decade or bounded:  # TimelineJS would show "1980" for the 1980s
            slide["display_date"] = when_text(event, strings)
        events.append(slide)
    title = {
        "text": {"headline": escape(site.config.title), "text": f"<p>{escape(site.config.description)}</p>"}
    }
    return {"title": title, "events": events}


def timeline_text(site: Site, event: Event, strings: Mapping[str, str] = STRINGS) -> str:
    """A slide's HTML: the summary, and a link to the event on the site when its URL is known."""
    text = f"<p>{escape(event.summary)}</p>" if event.summary else ""
    if site.config.base_url:
        more = escape(strings["timeline_json.more"])
        text += f'<p><a href="{escape(absolute_url(site, site.urls[event.slug]))}">{more}</a></p>'
    return text


SPARSE_FIELDS = frozenset({"image", "image_alt", "image_caption", "redirect_from", "language"})
"""Left out of data.json when empty: an item without a picture (or never renamed, or a source
in the default language) reads as it did before those fields existed; a picture is replaced by
the picture as published (picture_record)."""


def plain(value: Any) -> Any:
    """Model values as JSON: dates as written ('2021-08'), records without file positions."""
    if isinstance(value, FuzzyDate):
        return value.iso
    if isinstance(value, datetime):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: plain(getattr(value, f.name))
            for f in fields(value)
            if f.name not in INTERNAL_FIELDS and not (f.name in SPARSE_FIELDS and not getattr(value, f.name))
        }
    if isinstance(value, tuple | list):
        return [plain(element) for element in value]
    return value


def picture_record(view: PictureView, site: Site) -> dict[str, Any]:
    """An item's picture as data.json gives it: the published file (the <img> fallback, at its
    largest width) by URL, with its size, alt text, caption and credit as the page shows them."""
    record = {
        "url": absolute_url(site, view.src),
        "width": view.width,
        "height": view.height,
        "type": view.mime_type,
        "alt": view.alt,
        "caption": view.caption,
        "credit": view.credit,
        "license": view.license,
        "source_url": view.source_url,
    }
    return {key: value for key, value in record.items() if value != ""}


def render_data(
    site: Site, pictures: Mapping[str, Derivatives], strings: Mapping[str, str] = STRINGS
) -> dict[str, Any]:
    """data.json: every item of every kind with its URL; sources give metadata, never their text.
    An item's `image` is its picture as published (picture_record), not the file in content/.

    A figure's `shown` is its number as readers see it, qualifier included ("more than 30
    miles"); a figure's or an event's `headline` is its label or title with its attribution,
    both worded with `strings`. In a language other than the default, items without a
    translation into it are left out, and `language` is that language."""
    data: dict[str, Any] = {"site": data_head(site)}
    for kind in DATA_KINDS:
        items = list(site.timeline) if kind == "events" else site.of_kind(kind)
        data[kind] = [data_record(site, item, pictures, strings) for item in items]
    return data


DATA_KINDS = ("people", "places", "figures", "events", "glossary", "pages", "sources")
"""data.json's lists, in order."""


def data_head(site: Site) -> dict[str, Any]:
    """data.json's "site": what the site is."""
    return {
        "title": site.config.title,
        "description": site.config.description,
        "language": site.language or site.config.language,
        "base_url": site.config.base_url,
    }


def data_record(
    site: Site, item: Item, pictures: Mapping[str, Derivatives], strings: Mapping[str, str] = STRINGS
) -> dict[str, Any]:
    """One item as data.json gives it: a function of the item, its URL, the config, the words
    and its picture (dump_data memoises it by those)."""
    record = {"slug": item.slug, "url": absolute_url(site, site.urls[item.slug]), **plain(item)}
    if item.kind == "sources":
        del record["body"]  # verbatim evidence, not ours to republish
    if isinstance(item, Figure | Event):  # as the site words them (render/claims.py)
        record["headline"] = claim_text(item, strings)
    if isinstance(item, Figure):
        record["shown"] = figure_number(item, strings)
    picture = item_picture(site, item, pictures)
    if picture is not None:
        record.pop("image_alt", None)
        record.pop("image_caption", None)
        record["image"] = picture_record(picture, site)
    return record


def structured_data(
    site: Site, item: Item | None, title: str, description: str, page_url: str, image: str = ""
) -> dict[str, Any]:
    """schema.org JSON-LD for one page: what the page is about, with the right type; `image`
    is the absolute URL of the item's own picture (the one its og:image shares), if any."""
    graph: list[dict[str, Any]] = []
    page: dict[str, Any] = {
        "@type": "WebPage",
        "name": title,
        "description": description,
        "inLanguage": site.language or site.config.language,
    }
    _identify(site, page, page_url)
    if isinstance(item, Person):
        graph.append(_person(site, item))
    elif isinstance(item, Place):
        graph.append(_place(site, item))
    elif item is not None and item.kind == "pages":
        page["@type"] = "Article"
        page["headline"] = title
        if item.slug == "index":
            website = {
                "@type": "WebSite",
                "name": site.config.title,
                "description": site.config.description,
                "inLanguage": site.language or site.config.language,
            }
            _identify(site, website, "/")
            graph.append(website)
    elif page_url == "/glossary/":
        graph.append(_term_set(site, title, description))
    elif page_url == "/timeline/":
        graph.extend(_event(site, event) for event in site.timeline)
    if item is not None and item.updated is not None:
        page["dateModified"] = item.updated.machine
    if image:  # the page's picture, and the person's or place's own
        page["primaryImageOfPage"] = {"@type": "ImageObject", "url": image}
        if isinstance(item, Person | Place):
            graph[0]["image"] = image
    if isinstance(item, Person | Place):  # the page is about the node described above
        page["mainEntity"] = {"@id": graph[0]["@id"]} if "@id" in graph[0] else graph[0]
    graph.insert(0, page)
    return {"@context": "https://schema.org", "@graph": graph}


def _identify(site: Site, node: dict[str, Any], path: str) -> None:
    """Give a node its absolute URL and an @id, when the site's base_url is known.

    A page and the thing it is about share a URL, so a thing's @id adds '#person', '#place'...
    (one @id for both would merge them into one node of two types)."""
    if not site.config.base_url:
        return
    node["url"] = absolute_url(site, path)
    is_page = node["@type"] in ("WebPage", "Article")
    node["@id"] = node["url"] if is_page or "#" in path else f"{node['url']}#{node['@type'].lower()}"


def _ref(site: Site, slug: str, schema_type: str) -> dict[str, Any]:
    """A short node naming another item, by name and URL."""
    node = {"@type": schema_type, "name": site.name_of(slug)}
    if site.config.base_url:
        node["url"] = absolute_url(site, site.urls[slug])
    return node


def _person(site: Site, person: Person) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@type": "Person",
        "name": person.name,
        "jobTitle": person.role,
        "description": person.summary,
    }
    _identify(site, node, site.urls[person.slug])
    if person.aliases:
        node["alternateName"] = list(person.aliases)
    if person.affiliations:
        node["affiliation"] = [_ref(site, slug, "Organization") for slug in person.affiliations]
    if person.relations:
        node["relatedTo"] = [_ref(site, r.person, "Person") for r in person.relations]
    return node


def _place(site: Site, place: Place) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "Place", "name": place.name, "description": place.summary}
    _identify(site, node, site.urls[place.slug])
    if place.aliases:
        node["alternateName"] = list(place.aliases)
    if place.part_of:
        node["containedInPlace"] = _ref(site, place.part_of, "Place")
    if place.coordinates is not None:
        latitude, longitude = place.coordinates
        node["geo"] = {"@type": "GeoCoordinates", "latitude": latitude, "longitude": longitude}
    return node


def _term_set(site: Site, title: str, description: str) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "DefinedTermSet", "name": title, "description": description}
    _identify(site, node, "/glossary/")
    terms = sorted(
        (t for t in site.of_kind("glossary") if isinstance(t, Term)), key=lambda t: t.term.casefold()
    )
    node["hasDefinedTerm"] = [_term(site, term, node) for term in terms]
    return node


def _term(site: Site, term: Term, term_set: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "DefinedTerm", "name": term.term, "description": term.definition}
    _identify(site, node, site.urls[term.slug])
    if term.abbr:
        node["alternateName"] = [term.abbr, *term.aliases]
    elif term.aliases:
        node["alternateName"] = list(term.aliases)
    if "@id" in term_set:
        node["inDefinedTermSet"] = {"@id": term_set["@id"]}
    return node


def _event(site: Site, event: Event) -> dict[str, Any]:
    """A schema.org Event; a date known only by its bounds gives no startDate (schema.org has
    no way to say "before 27 August"), rather than a wrong one."""
    node: dict[str, Any] = {"@type": "Event", "name": claim_text(event)}
    if event.after is None and event.before is None:
        start = event.dated_start.machine
        node["startDate"] = f"{start}T{event.time}" if event.time else start
    _identify(site, node, site.urls[event.slug])
    if event.summary:
        node["description"] = event.summary
    if event.end is not None and event.end != event.start:
        node["endDate"] = event.end.machine
    if event.places:
        node["location"] = [_ref(site, slug, "Place") for slug in event.places]
    if event.people:
        node["about"] = [_ref(site, slug, "Person") for slug in event.people]
    return node


def template_globals(site: Site) -> dict[str, Any]:
    """Functions templates may call: structured_data(item, title, description, page_url,
    image), and absolute_url(path): a path of the site's language as an absolute URL (or the
    path itself, without base_url)."""

    def page_absolute_url(path: str) -> str:
        return absolute_url(site, path)

    def page_structured_data(
        item: Item | None, title: str, description: str, page_url: str, image: str = ""
    ) -> dict[str, Any]:
        return structured_data(site, item, title, description, page_url, image)

    return {"structured_data": page_structured_data, "absolute_url": page_absolute_url}
