"""What an image file is (format, size, frames, transparency), read from its header alone.

A file is refused here before any pixel is decoded: not an image, a format we do not publish,
over the byte or pixel limit (a decompression bomb claims 30000x30000 in a few hundred bytes),
or cut short. Pillow's `Image.open` is lazy (it reads the header only), so this is cheap.
"""

from __future__ import annotations

import io
import re
import struct
import warnings
from pathlib import Path

from PIL import Image

from ..errors import BuildFailed, ContentError, EnvironmentFailure
from ..records import frozen
from .svg import check_svg

RASTER_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
"""Pillow's names of the raster formats we publish; every other decoder stays switched off."""

FORMAT_NAMES = {"JPEG": "jpeg", "MPO": "jpeg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
"""Pillow's format names -> ours (ImageInfo.format); 'svg' is ours alone. MPO is a JPEG with
more pictures after the first (a camera's preview, a stereo pair), which browsers and we show."""

SHOWN_NAMES = {"jpeg": "JPEG", "png": "PNG", "webp": "WebP", "gif": "GIF"}
"""Our format names as messages write them."""

SUPPORTED = "JPEG, PNG, WebP, GIF or SVG"

OTHER_FORMATS = (
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"8BPS", "Photoshop (PSD)"),
    (b"%PDF", "PDF"),
    (b"\x00\x00\x01\x00", "ICO"),
    (b"\x00\x00\x00\x0cjP  ", "JPEG 2000"),
    (b"\x00\x00\x00\x0cJXL ", "JPEG XL"),
    (b"\xff\x0a", "JPEG XL"),
    (b"\x1f\x8b", "gzip (an .svgz?)"),
)
"""Signatures of image formats we refuse, so the message can name what the file is."""

FTYP_BRANDS = {b"heic": "HEIC", b"heix": "HEIC", b"mif1": "HEIF", b"avif": "AVIF", b"avis": "AVIF"}
"""ISO media brands (bytes 8-12 after 'ftyp'): phones save HEIC; browsers differ on AVIF."""

SIGNATURES = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
)
"""How each raster format we publish starts (WebP: 'RIFF', 4 bytes of size, 'WEBP')."""

DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError, KeyError)
"""What Pillow raises on a damaged or cut file (its GIF and EXIF parsers let an IndexError or a
KeyError through on some): the file's problem, reported as such, never a traceback."""

ORIENTATION_TAG = 0x0112
"""EXIF Orientation: 1 is upright; 5 to 8 turn the picture a quarter, swapping width and height."""


@frozen
class ImageLimits:
    """How big an image file may be (site.yaml `max_image_mb`, `max_image_megapixels`)."""

    max_image_mb: float = 25
    """Largest file accepted, in megabytes (10**6 bytes)."""
    max_image_megapixels: float = 60
    """Largest width x height accepted, in millions of pixels: a 60 MP photo decodes to 180 MB
    of RGB; a decompression bomb claims far more, and is refused from its header."""

    @property
    def max_bytes(self) -> int:
        """max_image_mb in bytes."""
        return int(self.max_image_mb * 1_000_000)

    @property
    def max_pixels(self) -> int:
        """max_image_megapixels in pixels."""
        return int(self.max_image_megapixels * 1_000_000)


DEFAULT_LIMITS = ImageLimits()


@frozen
class ImageInfo:
    """An image as a page needs to know it, before anything is decoded."""

    format: str
    """'jpeg', 'png', 'webp', 'gif' or 'svg'."""
    width: int
    """Width in pixels as shown, after the EXIF orientation (a quarter turn swaps width and height);
    for an SVG, its CSS pixels (from width/height, else the viewBox)."""
    height: int
    """Height in pixels as shown, like width."""
    frames: int
    """Frames in an animation (GIF, WebP, APNG); 1 for a still image or an SVG."""
    has_alpha: bool
    """Whether the header allows transparency (an alpha channel or a transparent colour)."""


def problem(path: str, message: str, line: int = 0, column: int = 0) -> BuildFailed:
    """One problem with the file at path, as the build reports it."""
    return BuildFailed([ContentError(path, line, column, message)])


def read_image_file(src_path: Path, path: str, limits: ImageLimits = DEFAULT_LIMITS) -> bytes:
    """The file's bytes; a file over the size limit is refused from its size, before it is read."""
    try:
        size = src_path.stat().st_size
        if size > limits.max_bytes:
            raise too_large(path, size, limits)
        return src_path.read_bytes()
    except OSError as error:
        raise EnvironmentFailure(f"{path}: cannot read: {error.strerror or error}") from error


def too_large(path: str, size: int, limits: ImageLimits) -> BuildFailed:
    """The over-the-size-limit problem."""
    shown = f"{size / 1_000_000:,.1f} MB" if size >= 100_000 else f"{size:,} bytes"
    return problem(
        path,
        f"the file is {shown}, over the limit of "
        f"{limits.max_image_mb:g} MB (site.yaml max_image_mb): make it smaller",
    )


def inspect_image(data: bytes, path: str, limits: ImageLimits = DEFAULT_LIMITS) -> ImageInfo:
    """Format, shown size, frames and transparency of an image file, from its header; raises
    BuildFailed naming path when it is not one we publish. Decodes no pixels."""
    if len(data) > limits.max_bytes:
        raise too_large(path, len(data), limits)
    if looks_like_svg(data):
        width, height = check_svg(data, path)
        return ImageInfo(format="svg", width=width, height=height, frames=1, has_alpha=True)
    with open_raster(data, path, limits) as image:
        return describe(image, data, path)


def looks_like_svg(data: bytes) -> bool:
    """Whether the file is text that starts like XML (the SVG checker decides the rest)."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") or head.startswith(b"\xff\xfe<") or head.startswith(b"\xfe\xff\x00<")


def signature_format(data: bytes) -> str | None:
    """Which of our raster formats the file's first bytes say it is ('jpeg'...), if any."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return next((name for signature, name in SIGNATURES if data.startswith(signature)), None)


def name_format(data: bytes) -> str | None:
    """The name of a format we refuse, when the file's signature shows one."""
    for signature, name in OTHER_FORMATS:
        if data.startswith(signature):
            return name
    if data[4:8] == b"ftyp":
        return FTYP_BRANDS.get(data[8:12], "an ISO media file (HEIF, AVIF or video)")
    return None


def open_raster(data: bytes, path: str, limits: ImageLimits) -> Image.Image:
    """The image opened lazily (header read, no pixels) with only our four decoders allowed,
    checked against the pixel limit; raises BuildFailed otherwise."""
    other = name_format(data)
    if other:
        raise problem(path, f"{other} is not a format we publish: save it as {SUPPORTED}")
    try:
        with warnings.catch_warnings():
            # Pillow warns from 89 MP (our own limit is checked below) and of damaged EXIF tags
            # it skips: noise beside the build's own report. (Processes, not threads, run this.)
            warnings.simplefilter("ignore")
            image = Image.open(io.BytesIO(data), formats=RASTER_FORMATS)
    except Image.DecompressionBombError as error:
        # Pillow's own limit (179 MP) is above ours: its message's count, in our words.
        claimed = re.search(r"\((\d+) pixels\)", str(error))
        size = f"{int(claimed[1]) / 1_000_000:,.1f} megapixels" if claimed else "its size"
        raise problem(path, f"the header claims {size}: {over_pixels_message(limits)}") from error
    except DECODE_ERRORS as error:
        raise unreadable(path, data, error) from error
    width, height = image.size
    if width * height > limits.max_pixels:
        image.close()
        raise problem(
            path,
            f"{width}x{height} pixels is {width * height / 1_000_000:,.1f} "
            f"megapixels: {over_pixels_message(limits)}",
        )
    return image


def unreadable(path: str, data: bytes, error: Exception) -> BuildFailed:
    """The problem with a file Pillow could not open: cut short, damaged, or no image at all."""
    image_format = signature_format(data)
    if image_format is None:
        return problem(path, f"not an image ({SUPPORTED})")
    return damaged(path, image_format, data, error)


def damaged(path: str, image_format: str, data: bytes, error: Exception) -> BuildFailed:
    """A file of a format we publish that Pillow cannot read: truncated when its structure says
    it goes on, else damaged; either way the fix is the same."""
    if is_truncated(image_format, data):
        return truncated(path, image_format)
    return problem(
        path, f"the {SHOWN_NAMES[image_format]} file is damaged ({error}): export or download it again"
    )


def truncated(path: str, image_format: str) -> BuildFailed:
    """The cut-short problem."""
    return problem(
        path, f"the {SHOWN_NAMES[image_format]} file is truncated (cut short): export or download it again"
    )


def over_pixels_message(limits: ImageLimits) -> str:
    """The over-the-pixel-limit problem: refused without decoding."""
    return (
        f"over the limit of {limits.max_image_megapixels:g} megapixels (site.yaml "
        "max_image_megapixels); not decoded: make it smaller, or it may be a decompression bomb"
    )


def describe(image: Image.Image, data: bytes, path: str) -> ImageInfo:
    """ImageInfo for an opened raster image; raises BuildFailed when the file is cut short."""
    image_format = FORMAT_NAMES.get(str(image.format))
    if image_format is None:  # a variant a later Pillow might open under our four decoders
        raise problem(path, f"{image.format} is not a format we publish: save it as {SUPPORTED}")
    if is_truncated(image_format, data):
        raise truncated(path, image_format)
    try:
        frames = 1 if image.format == "MPO" else getattr(image, "n_frames", 1)
    except DECODE_ERRORS as error:
        raise damaged(path, image_format, data, error) from error
    width, height = image.size
    if orientation_of(image) >= 5:
        width, height = height, width
    return ImageInfo(
        format=image_format, width=width, height=height, frames=frames, has_alpha=has_alpha(image)
    )


def has_alpha(image: Image.Image) -> bool:
    """Whether the image may have transparent pixels: an alpha band or a transparent colour."""
    return "A" in image.getbands() or "transparency" in image.info


def orientation_of(image: Image.Image) -> int:
    """The EXIF orientation (1 to 8; 1 when absent or out of range), read from the header's EXIF
    block: Image.getexif() would decode a PNG's pixels to look for a late eXIf chunk."""
    exif_bytes = image.info.get("exif")
    if not isinstance(exif_bytes, bytes):
        return 1
    exif = Image.Exif()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns of each damaged tag it skips
            exif.load(exif_bytes)
            value = exif.get(ORIENTATION_TAG, 1)
    except DECODE_ERRORS:
        return 1  # an unreadable EXIF block orients nothing, as in browsers
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def is_truncated(image_format: str, data: bytes) -> bool:
    """Whether the file ends before its own structure says it does (no pixels decoded)."""
    if image_format == "jpeg":
        scan = first_scan_offset(data)
        return scan is None or data.find(b"\xff\xd9", scan) == -1
    if image_format == "png":
        return data.rfind(b"IEND\xaeB`\x82") == -1
    if len(data) < 12:
        return True
    if image_format == "webp":
        riff_size = int.from_bytes(data[4:8], "little")
        return len(data) < riff_size + 8
    return False  # GIF: a missing trailer is common and harmless; a cut frame fails to decode


def first_scan_offset(data: bytes) -> int | None:
    """Where the first scan's compressed data starts, walking the JPEG's marker segments (an EXIF
    thumbnail's own end marker sits inside a segment and is skipped); None when cut short."""
    offset = 2  # after SOI
    while offset + 4 <= len(data):
        if data[offset] != 0xFF:
            return None
        marker = data[offset + 1]
        if marker == 0xFF:  # fill byte
            offset += 1
            continue
        length = int.from_bytes(data[offset + 2 : offset + 4], "big")
        offset += 2 + length
        if marker == 0xDA:  # start of scan
            return offset if offset <= len(data) else None
    return None
