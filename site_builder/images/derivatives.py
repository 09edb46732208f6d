"""The files a page serves for one image: WebP at a few widths plus one JPEG or PNG fallback,
upright, in sRGB, and carrying no metadata at all; an SVG as it is.

A photo's EXIF can hold the GPS position where it was taken, which can put a source in danger:
every output is encoded from a new image that holds pixels only, so nothing the camera or an
editor wrote (EXIF, GPS, XMP, IPTC, comments, thumbnails, ICC profile) can ride along.
Pure and deterministic: bytes in, bytes out (the same input gives the same bytes), so the build
can run it in worker processes and memoise it by derivative_key().
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any

import PIL
from PIL import Image, ImageCms

from ..records import frozen
from .formats import (
    DECODE_ERRORS,
    DEFAULT_LIMITS,
    ImageInfo,
    ImageLimits,
    damaged,
    describe,
    inspect_image,
    looks_like_svg,
    open_raster,
    orientation_of,
    problem,
)

DEFAULT_WIDTHS = (480, 960, 1600)
"""WebP widths: a phone's column (480 CSS px, or 960 at 2x), a desktop column at 2x (1600)."""

WEBP_QUALITY = 80
"""libwebp's own default and the usual choice (sharp, Squoosh: 75-80): a photo looks like the
JPEG fallback at about two thirds of its bytes."""

WEBP_METHOD = 4
"""libwebp's effort (0 fast to 6 small): 4 is its default; 6 takes about twice as long for a few
per cent fewer bytes."""

JPEG_QUALITY = 82
"""The fallback, which only browsers without WebP load: libjpeg 82 with optimised Huffman tables
and progressive scans shows no artefacts on photos at a sensible size (WordPress uses 82)."""

WEBP_LOSSLESS_EFFORT = 50
"""libwebp's effort in lossless mode (Pillow passes it as quality): 50 gives files within 1% of
80's (the default) in half the time."""

PNG_COMPRESS_LEVEL = 6
"""zlib's default: level 9 took 8 times as long on a 1600 px photo with transparency, for 7% fewer
bytes, in a fallback that only browsers without WebP load."""

RESAMPLE = Image.Resampling.LANCZOS
"""The sharpest of Pillow's filters for downscaling photos without aliasing."""

REDUCING_GAP = 3.0
"""Pillow first shrinks by a whole factor (fast box averaging) to no less than 3x the target,
then applies LANCZOS; its docs: from 3 on, "indistinguishable from fair resampling in most cases"."""

WEBP_MAX_SIDE = 16383
"""libwebp's largest width or height: a tall infographic is narrowed to fit."""

HASH_LENGTH = 8
"""Hex digits of SHA-256 in file names: one image in 4 billion shares a name by chance."""

ENCODINGS: dict[str, tuple[str, dict[str, Any]]] = {
    "webp": ("WEBP", {"quality": WEBP_QUALITY, "method": WEBP_METHOD}),
    "webp-lossless": ("WEBP", {"lossless": True, "quality": WEBP_LOSSLESS_EFFORT, "method": WEBP_METHOD}),
    "jpeg": (
        "JPEG",
        {"quality": JPEG_QUALITY, "optimize": True, "progressive": True, "subsampling": "4:2:0"},
    ),
    "png": ("PNG", {"compress_level": PNG_COMPRESS_LEVEL}),
}
"""Our encodings -> Pillow's format and save() options, with no metadata among them (no exif,
icc_profile, xmp or comment)."""

UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
"""EXIF orientation -> the transposition that makes the picture upright (as ImageOps.exif_transpose,
which would read the orientation from getexif(): see formats.orientation_of)."""

MIME_TYPES = {"WEBP": "image/webp", "JPEG": "image/jpeg", "PNG": "image/png"}
EXTENSIONS = {"WEBP": "webp", "JPEG": "jpg", "PNG": "png"}
COLOUR_SPACES = {"L": "GRAY", "RGB": "RGB", "CMYK": "CMYK"}
"""Our working modes -> the ICC colour space their profile must describe."""


@frozen
class DerivativeSettings:
    """What the site asks of derivatives (the parts a site may change)."""

    widths: tuple[int, ...] = DEFAULT_WIDTHS
    """WebP widths in pixels; those wider than the image are left out (it is never upscaled)."""


DEFAULT_SETTINGS = DerivativeSettings()


@frozen
class Derivative:
    """One file to publish."""

    file_name: str
    """'aldrin-960.3f2a9c1b.webp': the source's name, the width, and a hash of these bytes."""
    width: int
    """Width in pixels."""
    height: int
    """Height in pixels."""
    mime_type: str
    """'image/webp', 'image/jpeg', 'image/png' or 'image/svg+xml'."""
    data: bytes
    """The file's bytes."""


@frozen
class Derivatives:
    """Everything a <picture> needs for one image."""

    info: ImageInfo
    """The source as inspected (format, shown size, frames, transparency)."""
    sources: tuple[Derivative, ...]
    """WebP files, narrowest first: the srcset of <source type="image/webp">; () for an SVG."""
    fallback: Derivative
    """The <img src>: JPEG (an opaque photo), PNG (transparency, or a PNG or GIF source: a graphic
    whose edges JPEG would blur) at the largest width; an SVG itself, unchanged."""


def derivative_widths(
    width: int,
    widths: Sequence[int] = DEFAULT_WIDTHS,
    height: int = 1,
) -> tuple[int, ...]:
    """The widths to make for an image of width x height pixels: those of `widths` narrower than
    it, plus its own width when it is narrower than the widest asked for (never upscaled); none
    so wide that a side passes WebP's limit (a 1000x40000 strip is made at most 409 wide)."""
    widest = min(width, WEBP_MAX_SIDE, max(1, WEBP_MAX_SIDE * width // height))
    narrower = {wanted for wanted in widths if 0 < wanted < widest}
    if not widths or widest <= max(widths):
        narrower.add(widest)
    return tuple(sorted(narrower))


def derivative_key(data: bytes, settings: DerivativeSettings = DEFAULT_SETTINGS) -> str:
    """A key for memoising make_derivatives: the source's bytes, the settings, the encoders'
    settings and Pillow's version (a new libwebp may encode differently)."""
    digest = hashlib.sha256()
    recipe = (settings, ENCODINGS, RESAMPLE, REDUCING_GAP, PIL.__version__)
    digest.update(repr(recipe).encode())
    digest.update(data)
    return digest.hexdigest()


def make_derivatives(
    data: bytes,
    path: str,
    settings: DerivativeSettings = DEFAULT_SETTINGS,
    limits: ImageLimits = DEFAULT_LIMITS,
) -> Derivatives:
    """The files to publish for the image file at path (data is its bytes); raises BuildFailed
    naming path when it is not an image we publish. An animated GIF, WebP or PNG gives a still of
    its first frame (a moving picture needs a poster and a pause button, which pages lack)."""
    stem = file_stem(path)
    if len(data) > limits.max_bytes or looks_like_svg(data):
        info = inspect_image(data, path, limits)  # the SVG checks, or the size problem
        svg = Derivative(f"{stem}.{content_hash(data)}.svg", info.width, info.height, "image/svg+xml", data)
        return Derivatives(info=info, sources=(), fallback=svg)
    with open_raster(data, path, limits) as image:
        info = describe(image, data, path)
        widths = derivative_widths(info.width, settings.widths, info.height)
        if info.height * widths[-1] / info.width > WEBP_MAX_SIDE + 0.5:
            raise problem(
                path,
                f"{info.width}x{info.height} pixels is too narrow for its height "
                f"(WebP's sides stop at {WEBP_MAX_SIDE} pixels): crop it",
            )
        largest = decode_upright(image, data, info, widths[-1], path)
    graphic = info.format in ("png", "gif")
    sources = webp_sources(largest, widths, stem, graphic)
    fallback = encode(largest, "png" if graphic or "A" in largest.getbands() else "jpeg", stem)
    return Derivatives(info=info, sources=sources, fallback=fallback)


def webp_sources(
    largest: Image.Image,
    widths: tuple[int, ...],
    stem: str,
    graphic: bool,
) -> tuple[Derivative, ...]:
    """WebP at each width: lossy for a photo; for a graphic (a PNG or GIF source) the smaller of
    lossless (a chart, a logo: exact, and often a tenth of lossy's bytes) and lossy (a photo saved
    as PNG, where lossless is 40 times larger), width by width."""
    sources = []
    for width in widths:
        image = scaled(largest, width)
        candidates = [encode(image, "webp", stem)]
        if graphic:
            candidates.append(encode(image, "webp-lossless", stem))
        sources.append(min(candidates, key=lambda candidate: len(candidate.data)))
    return tuple(sources)


def file_stem(path: str) -> str:
    """The source's name without extension, as a URL-safe slug ('Aldrin EVA.JPG' -> 'aldrin-eva')."""
    name = unicodedata.normalize("NFKD", PurePosixPath(path).stem).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", name.lower())) or "image"


def content_hash(data: bytes) -> str:
    """The hash in a file name: of the output's own bytes, so the name changes exactly when what
    readers download does (safe to cache forever), however those bytes were made."""
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def decode_upright(
    image: Image.Image,
    data: bytes,
    info: ImageInfo,
    width: int,
    path: str,
) -> Image.Image:
    """The image decoded at `width` (the largest derivative), upright, in sRGB as RGB or RGBA."""
    orientation = orientation_of(image)
    height = max(1, round(info.height * width / info.width))
    stored_size = (height, width) if orientation >= 5 else (width, height)
    if info.format == "jpeg":
        # libjpeg's DCT scaling decodes at 1/2, 1/4 or 1/8 while staying at least stored_size:
        # a 4000x3000 photo for 1600 px decodes as 2000x1500, a quarter of the work and memory.
        image.draft(None, stored_size)
    try:
        image.load()
    except DECODE_ERRORS as error:
        raise damaged(path, info.format, data, error) from error
    icc_profile = image.info.get("icc_profile")
    pixels = working_mode(image)
    if pixels.size != stored_size:
        pixels = pixels.resize(stored_size, RESAMPLE, reducing_gap=REDUCING_GAP)
    if orientation in UPRIGHT:
        pixels = pixels.transpose(UPRIGHT[orientation])
    return to_srgb(pixels, icc_profile if isinstance(icc_profile, bytes) else None, path)


def working_mode(image: Image.Image) -> Image.Image:
    """The image in L, LA, RGB, RGBA or CMYK, the modes we resize and colour-convert in."""
    if "transparency" in image.info or image.mode in ("P", "PA"):
        # A transparent colour becomes alpha (dropped later if no pixel uses it); grey stays grey,
        # as a grey ICC profile describes it.
        return image.convert("LA" if image.mode in ("1", "L") else "RGBA")
    if image.mode in ("L", "LA", "RGB", "RGBA", "CMYK"):
        return image
    if image.mode == "1":
        return image.convert("L")
    if image.mode.startswith("I"):  # 16-bit grey (PNG): scale to 8 bits, do not clip
        return image.convert("I").point(lambda value: value / 256).convert("L")
    return image.convert("RGBA" if "A" in image.getbands() else "RGB")


def to_srgb(image: Image.Image, icc_profile: bytes | None, path: str) -> Image.Image:
    """The image as sRGB RGB, or RGBA when any pixel is transparent: through its ICC profile
    (CMYK, Adobe RGB, Display P3...), else as if it were sRGB already, as browsers show it."""
    alpha = image.getchannel("A") if image.mode in ("LA", "RGBA") else None
    colour = image.convert(image.mode[:-1]) if alpha is not None else image
    if icc_profile:
        colour = convert_profile(colour, icc_profile, path)
    elif colour.mode != "RGB":
        colour = colour.convert("RGB")
    if alpha is not None and alpha.getextrema() != (255, 255):
        colour.putalpha(alpha)
    return colour


def convert_profile(image: Image.Image, icc_profile: bytes, path: str) -> Image.Image:
    """The image converted from its embedded ICC profile to sRGB (as RGB)."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        space = str(source.profile.xcolor_space).strip()
    except (ImageCms.PyCMSError, OSError, ValueError) as error:  # UnicodeDecodeError is one
        raise problem(
            path, f"its ICC colour profile cannot be read ({error}): export it again in sRGB"
        ) from error
    if space != COLOUR_SPACES[image.mode]:
        raise problem(
            path,
            f"its ICC colour profile is for {space} but its pixels are {image.mode}: export it again in sRGB",
        )
    try:
        converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode="RGB")
    except ImageCms.PyCMSError as error:
        raise problem(
            path, f"its ICC colour profile cannot be applied ({error}): export it again in sRGB"
        ) from error
    assert converted is not None  # None only when converting in place
    return converted


def scaled(image: Image.Image, width: int) -> Image.Image:
    """The image at `width` pixels, its proportions kept."""
    if width == image.width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), RESAMPLE, reducing_gap=REDUCING_GAP)


def encode(image: Image.Image, encoding: str, stem: str) -> Derivative:
    """The image in an ENCODINGS encoding, from a new image that holds its pixels and nothing else:
    Pillow's encoders copy some of an image's info (a JPEG comment, a PNG's ICC profile)."""
    bare = Image.new(image.mode, image.size)
    bare.paste(image)
    buffer = io.BytesIO()
    file_format, options = ENCODINGS[encoding]
    bare.save(buffer, format=file_format, **options)
    data = buffer.getvalue()
    name = f"{stem}-{image.width}.{content_hash(data)}.{EXTENSIONS[file_format]}"
    return Derivative(name, image.width, image.height, MIME_TYPES[file_format], data)
