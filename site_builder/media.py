"""Pictures in content/media/: each image with its YAML sidecar, checked like front matter, and
every reference to one (an item's `image`, a body's `![alt](media/x.jpg)`) checked against them."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import BuildCache, content_key
from .errors import BuildFailed, ContentError, SiteError, did_you_mean
from .inputs import is_ignored
from .load import MEDIA_FOLDER, compose_mapping, display_path, read_text
from .markup import RenderedBody
from .model import Config, Item, MediaFile

if TYPE_CHECKING:  # Pillow is loaded only by builds that have pictures
    from .images import ImageLimits

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg")
"""What content/media/ may hold besides sidecars (any case: a camera's .JPG too)."""
SIDECAR_SUFFIX = ".yaml"


def image_limits(config: Config) -> ImageLimits:
    """The site's limits on a picture's file size and pixels (site.yaml)."""
    from .images import ImageLimits  # Pillow is loaded only by builds that have pictures

    return ImageLimits(max_image_mb=config.max_image_mb, max_image_megapixels=config.max_image_megapixels)


def walk_media(media_dir: Path, root: Path) -> Iterator[Path | ContentError]:
    """Every file below content/media/ (subfolders too), or an error for a symlink out."""
    for entry in sorted(os.scandir(media_dir), key=lambda e: e.name):
        path = Path(entry.path)
        if is_ignored(entry.name):
            continue
        if entry.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
            yield ContentError(display_path(path, root), 0, 0, "symlink points outside the project; refused")
        elif entry.is_dir():
            yield from walk_media(path, root)
        elif entry.is_file():
            yield path


def load_media(
    root: Path,
    config: Config,
    cache: BuildCache,
) -> tuple[dict[str, MediaFile], list[SiteError], frozenset[str]]:
    """Every good picture in content/media/ by its reference ('media/x.jpg'), every problem
    (a picture without a sidecar, a sidecar without its picture, a bad sidecar, a bad file), and
    the references of the pictures that have problems (references to them are not judged)."""
    content_dir = root / "content"
    media_dir = content_dir / MEDIA_FOLDER
    if not media_dir.is_dir():
        return {}, [], frozenset()
    problems: list[SiteError] = []
    images: dict[str, Path] = {}
    sidecars: dict[str, Path] = {}
    for found in walk_media(media_dir, root):
        if isinstance(found, ContentError):
            problems.append(found)
            continue
        ref = found.relative_to(content_dir).as_posix()
        if found.name.lower().endswith(IMAGE_SUFFIXES):
            images[ref] = found
        elif found.name.endswith(SIDECAR_SUFFIX):
            sidecars[ref.removesuffix(SIDECAR_SUFFIX)] = found
        else:
            problems.append(
                ContentError(
                    display_path(found, root),
                    0,
                    0,
                    "content/media/ holds pictures (.jpg, .jpeg, "
                    ".png, .webp, .gif, .svg), each with a sidecar named after it plus .yaml",
                )
            )
    for ref, lone_sidecar in sidecars.items():
        if ref not in images:
            problems.append(
                ContentError(
                    display_path(lone_sidecar, root),
                    0,
                    0,
                    f"sidecar without its picture: there is no content/{ref}{did_you_mean(ref, images)}",
                )
            )
    media: dict[str, MediaFile] = {}
    for ref, image_path in images.items():
        shown = display_path(image_path, root)
        sidecar = sidecars.get(ref)
        if sidecar is None:
            problems.append(
                ContentError(
                    shown,
                    0,
                    0,
                    f"picture without a sidecar: add {shown}{SIDECAR_SUFFIX} with its "
                    "alt (what it shows) and credit (who made it)",
                )
            )
            continue
        try:
            media_file, errors = load_one(ref, image_path, sidecar, root, config, cache)
        except BuildFailed as failed:
            problems.extend(failed.errors)
            continue
        problems.extend(errors)
        if media_file is not None:
            media[ref] = media_file
    return media, problems, frozenset(images) - media.keys()


def load_one(
    ref: str,
    image_path: Path,
    sidecar: Path,
    root: Path,
    config: Config,
    cache: BuildCache,
) -> tuple[MediaFile | None, list[ContentError]]:
    """One picture and its sidecar, memoised by both files' bytes and the limits; a bad image
    file raises BuildFailed naming it."""
    from .images import inspect_image, read_image_file

    shown, sidecar_shown = display_path(image_path, root), display_path(sidecar, root)
    limits = image_limits(config)
    data = read_image_file(image_path, shown, limits)
    sidecar_bytes = sidecar.read_bytes() if sidecar.stat().st_size <= config.max_file_bytes else b""
    digest = content_key(data)
    key = content_key(
        "media", ref, shown, sidecar_shown, repr(limits), digest, sidecar_bytes, str(config.max_file_bytes)
    )

    def check() -> tuple[MediaFile | None, list[ContentError]]:
        errors: list[ContentError] = []
        values = read_sidecar(sidecar, sidecar_shown, config, errors)
        try:
            info = inspect_image(data, shown, limits)
        except BuildFailed as failed:
            errors.extend(e for e in failed.errors if isinstance(e, ContentError))
            return None, errors
        if errors:
            return None, errors
        return MediaFile(ref=ref, path=shown, sidecar=sidecar_shown, info=info, digest=digest, **values), []

    return cache.memo("media", key, check)


def read_sidecar(path: Path, shown: str, config: Config, errors: list[ContentError]) -> dict[str, str]:
    """A sidecar's fields, checked like front matter (errors are added to `errors`)."""
    from .validate import MEDIA_SCHEMA, convert_fields

    try:
        doc = compose_mapping(read_text(path, shown, config.max_file_bytes), shown, line_offset=1)
    except ContentError as e:
        errors.append(e)
        return {}
    errors.extend(doc.problems)
    return convert_fields(doc.fields, doc, MEDIA_SCHEMA, errors)


def check_media_refs(
    items: Iterable[Item],
    bodies: dict[str, RenderedBody],
    media: dict[str, MediaFile],
    broken: frozenset[str] = frozenset(),
) -> list[ContentError]:
    """Every picture an item or a body names exists (pictures with errors count as existing:
    their own errors say what to fix); a body's picture stands in a paragraph of its own."""
    errors: list[ContentError] = []

    def missing(ref: str) -> str:
        return f"no picture '{ref}' in content/media/{did_you_mean(ref, media)}" if ref not in broken else ""

    for item in items:
        ref = getattr(item, "image", "")
        if ref and ref not in media and missing(ref):
            errors.append(ContentError(item.path, item.lines.get("image", 1), 1, f"'image': {missing(ref)}"))
        body = bodies.get(item.slug)
        for image in body.images if body else ():
            line = item.body_line + image.line
            if image.ref not in media and missing(image.ref):
                errors.append(ContentError(item.path, line, image.column, missing(image.ref)))
            elif not image.alone:
                errors.append(
                    ContentError(
                        item.path,
                        line,
                        image.column,
                        f"picture '{image.ref}' is inside a line of "
                        "text: give it a paragraph of its own (a blank line before and after), "
                        "where it shows with its caption and credit",
                    )
                )
    return errors


def unused_media(
    items: Iterable[Item], bodies: dict[str, RenderedBody], media: dict[str, MediaFile]
) -> list[MediaFile]:
    """Pictures nothing shows, in path order (a `check` warning: maybe one for later)."""
    used = {getattr(item, "image", "") for item in items}
    used.update(image.ref for body in bodies.values() for image in body.images)
    return [media_file for ref, media_file in sorted(media.items()) if ref not in used]
