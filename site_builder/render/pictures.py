"""Pictures on pages: the files each used picture publishes under /media/ (made once per content
and settings, in parallel, memoised in the build cache), and what templates need to show one."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..cache import BuildCache, content_key
from ..errors import BuildFailed, SiteError
from ..markup import RenderedBody, fill_pictures
from ..media import image_limits
from ..model import Item, MediaFile, Site
from ..records import frozen

if TYPE_CHECKING:
    import jinja2

    from ..images import Derivative, Derivatives

MEDIA_URL = "/media/"
"""Where derivatives are published: their names carry a hash of their bytes, so they never go
stale in a cache."""
TEMPLATE = "partials/picture.html"
PICTURES_STYLESHEET = "pictures.css"
"""In the theme's static/: linked (and published) only by sites that have pictures."""
CONTENT_SIZES = "(min-width: 42.5rem) 40rem, calc(100vw - 2.5rem)"
"""The text column: --measure (40rem) wide once the window has room for it and the gutters
(2 x 1.25rem), else the window less the gutters (style.css)."""
THUMBNAIL_SIZES = "8rem"
"""A timeline entry's thumbnail (.picture.thumbnail in style.css)."""


@frozen
class PictureView:
    """One use of a picture, as its template shows it."""

    alt: str
    caption: str
    credit: str
    license: str
    source_url: str
    src: str
    """Site-absolute URL path of the <img src> (JPEG or PNG; an SVG itself)."""
    width: int
    """Width of the <img src> in pixels: with height, the box reserved before it loads."""
    height: int
    mime_type: str
    sources: tuple[tuple[str, int], ...]
    """(URL path, width) of each WebP, narrowest first: the srcset; () for an SVG."""


def used_pictures(site: Site) -> list[MediaFile]:
    """The pictures the built items show (an item's `image`, a body's pictures), in path order;
    a picture nothing shows is not published."""
    refs = {getattr(item, "image", "") for item in site.items.values()}
    refs.update(image.ref for body in site.bodies.values() for image in body.images)
    return [site.media[ref] for ref in sorted(refs) if ref in site.media]


def picture_keys(site: Site, root: Path) -> dict[str, str]:
    """The cache key of each used picture's derivatives: its bytes, its name (derivative names
    start with it) and the settings."""
    return {ref: key for ref, (key, _) in read_pictures(site, root).items()}


def read_pictures(site: Site, root: Path) -> dict[str, tuple[str, bytes]]:
    """Each used picture's cache key and bytes."""
    from ..images import DEFAULT_SETTINGS, derivative_key, read_image_file

    limits = image_limits(site.config)
    found: dict[str, tuple[str, bytes]] = {}
    for media_file in used_pictures(site):
        data = read_image_file(root / "content" / media_file.ref, media_file.path, limits)
        key = content_key(derivative_key(data, DEFAULT_SETTINGS), media_file.ref)
        found[media_file.ref] = (key, data)
    return found


def make_pictures(site: Site, root: Path, cache: BuildCache, workers: int = 1) -> dict[str, Derivatives]:
    """The derivatives of every used picture by reference: taken from the cache when its bytes,
    name and settings are unchanged, else made, in up to `workers` processes when there are
    several; raise BuildFailed with every picture that cannot be made."""
    found = read_pictures(site, root)
    missing = [ref for ref, (key, _) in found.items() if not cache.has("pictures", key)]
    made, errors = encode_all([(found[ref][1], site.media[ref].path) for ref in missing], workers)
    if errors:
        raise BuildFailed(errors)
    fresh = dict(zip(missing, made, strict=True))
    pictures: dict[str, Derivatives] = {}
    for ref, (key, _) in found.items():
        pictures[ref] = cache.memo("pictures", key, partial(fresh.__getitem__, ref))
    return pictures


def encode_all(jobs: list[tuple[bytes, str]], workers: int = 1) -> tuple[list[Derivatives], list[SiteError]]:
    """make_derivatives for each (bytes, shown path): in up to `workers` processes when there are
    several (Pillow's encoders hold the GIL for most of their work), else here."""
    from ..images import DEFAULT_SETTINGS, make_derivatives

    if not jobs:
        return [], []
    made: list[Derivatives] = []
    errors: list[SiteError] = []
    workers = min(len(jobs), workers)
    if workers < 2:
        for data, shown in jobs:
            try:
                made.append(make_derivatives(data, shown, DEFAULT_SETTINGS))
            except BuildFailed as failed:
                errors.extend(failed.errors)
        return made, errors
    # forkserver: a clean process per worker, never a fork of a build that may run threads (serve)
    import multiprocessing  # here: a build without pictures to encode in a pool needs neither
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(make_derivatives, data, shown, DEFAULT_SETTINGS) for data, shown in jobs]
        for future in futures:
            try:
                made.append(future.result())
            except BuildFailed as failed:
                errors.extend(failed.errors)
    return made, errors


def picture_files(pictures: dict[str, Derivatives]) -> dict[str, bytes]:
    """Output path -> bytes of every derivative: written like any other output file."""
    files: dict[str, bytes] = {}
    for derivatives in pictures.values():
        for derivative in (*derivatives.sources, derivatives.fallback):
            files[MEDIA_URL.lstrip("/") + derivative.file_name] = derivative.data
    return files


def without_bytes(pictures: dict[str, Derivatives]) -> dict[str, Derivatives]:
    """The pictures as pages need them: names and sizes, not the files' bytes (which go to the
    output once, and need not travel to render workers)."""

    def light(derivative: Derivative) -> Derivative:
        return replace(derivative, data=b"")

    return {
        ref: replace(made, sources=tuple(map(light, made.sources)), fallback=light(made.fallback))
        for ref, made in pictures.items()
    }


def picture_view(
    media_file: MediaFile, derivatives: Derivatives, alt: str = "", caption: str = ""
) -> PictureView:
    """One use of a picture, with the alt text and caption given there over its sidecar's."""
    fallback = derivatives.fallback
    return PictureView(
        alt=alt or media_file.alt,
        caption=caption or media_file.caption,
        credit=media_file.credit,
        license=media_file.license,
        source_url=media_file.source_url,
        src=MEDIA_URL + fallback.file_name,
        width=fallback.width,
        height=fallback.height,
        mime_type=fallback.mime_type,
        sources=tuple((MEDIA_URL + source.file_name, source.width) for source in derivatives.sources),
    )


def item_picture(site: Site, item: Item | None, pictures: Mapping[str, Derivatives]) -> PictureView | None:
    """The PictureView of an item's `image`, with its alt text and caption, or None when it has none."""
    ref = getattr(item, "image", "")
    if not ref or ref not in pictures:
        return None
    return picture_view(
        site.media[ref], pictures[ref], getattr(item, "image_alt", ""), getattr(item, "image_caption", "")
    )


def template_globals(site: Site, pictures: dict[str, Derivatives]) -> dict[str, Any]:
    """picture(item): the PictureView of an item's `image`, or None when it has none."""
    return {
        "picture": partial(item_picture, site, pictures=pictures),
        "content_sizes": CONTENT_SIZES,
        "thumbnail_sizes": THUMBNAIL_SIZES,
    }


def fill_body_pictures(
    html: str,
    rendered: RenderedBody,
    item: Item,
    site: Site,
    pictures: dict[str, Derivatives],
    environment: jinja2.Environment,
    url: Callable[[str], str],
) -> str:
    """A body's picture placeholders as figures for this page; the first is the page's lead
    picture (no lazy loading, high priority) when the item shows none of its own above it."""
    if not rendered.images:
        return html
    template = environment.get_template(TEMPLATE)

    def figure(index: int) -> str:
        image = rendered.images[index]
        view = picture_view(site.media[image.ref], pictures[image.ref], image.alt)
        lead = index == 0 and not getattr(item, "image", "")
        return str(template.render(picture=view, lead=lead, sizes=CONTENT_SIZES, picture_class="", url=url))

    return fill_pictures(html, figure)
