"""images/: inspecting an image from its header, making its derivatives (upright, sRGB, without a
trace of metadata, deterministic), refusing bad files with a message naming them, and checking
SVGs. Every image is made here with Pillow; planted metadata is searched for in every output."""

from __future__ import annotations

import gzip
import io
import multiprocessing
import random
import struct
import subprocess
import sys
import textwrap
import zlib
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from conftest import REPO
from PIL import ExifTags, Image, ImageCms, ImageOps, PngImagePlugin

from site_builder.errors import BuildFailed, ContentError, EnvironmentFailure
from site_builder.images import (
    Derivative,
    Derivatives,
    DerivativeSettings,
    ImageInfo,
    ImageLimits,
    derivative_key,
    derivative_widths,
    inspect_image,
    make_derivatives,
    read_image_file,
)

PLANTED = b"PLANTED"
"""Every planted metadata value contains this, so a byte scan of an output finds any survivor."""
GPS_DATUM = "PLANTED-GPS-WGS-84"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    b'exif:GPSLatitude="34,5.9N">PLANTED-XMP</rdf:Description></rdf:RDF></x:xmpmeta>'
)
MARKERS = (
    PLANTED,
    b"Exif\x00",
    b"http://ns.adobe.com/xap",
    b"xmpmeta",
    b"Photoshop 3.0",
    b"8BIM",
    b"ICC_PROFILE",
    b"GPS",
)
"""Byte strings no output may contain: planted values, EXIF and XMP headers, IPTC, ICC."""
RED, BLUE = (230, 20, 20), (20, 20, 230)


def as_bytes(image: Image.Image, file_format: str, **options: object) -> bytes:
    """The image saved as file_format."""
    buffer = io.BytesIO()
    image.save(buffer, format=file_format, **options)
    return buffer.getvalue()


def planted_exif(orientation: int = 1) -> Image.Exif:
    """EXIF with a GPS position, a camera and an orientation."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PLANTED-CAMERA"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (34.0, 5.0, 59.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (69.0, 30.0, 1.0)
    gps[ExifTags.GPS.GPSMapDatum] = GPS_DATUM
    return exif


def with_thumbnail(exif: bytes) -> bytes:
    """EXIF bytes (as Pillow writes them: IFD0 first, then its data) with an IFD1 that holds an
    embedded JPEG thumbnail, as cameras write it (Pillow writes no IFD1 itself)."""
    thumbnail = as_bytes(Image.new("RGB", (16, 12), RED), "JPEG", comment=b"PLANTED-THUMBNAIL")
    tiff = bytearray(exif[6:])
    order = {b"II": "<", b"MM": ">"}[bytes(tiff[:2])]
    next_ifd_at = 8 + 2 + 12 * struct.unpack_from(order + "H", tiff, 8)[0]
    tiff += b"\0" * (len(tiff) & 1)
    ifd1_at = len(tiff)
    thumbnail_at = ifd1_at + 2 + 2 * 12 + 4
    struct.pack_into(order + "I", tiff, next_ifd_at, ifd1_at)
    tiff += (
        struct.pack(order + "H", 2)
        + struct.pack(order + "HHII", 0x0201, 4, 1, thumbnail_at)
        + struct.pack(order + "HHII", 0x0202, 4, 1, len(thumbnail))
        + struct.pack(order + "I", 0)
        + thumbnail
    )
    return b"Exif\0\0" + bytes(tiff)


def iptc_segment() -> bytes:
    """A JPEG APP13 segment with IPTC (Photoshop 3.0 / 8BIM), as newsroom tools write it."""
    record = b"\x1c\x02\x78" + struct.pack(">H", 13) + b"PLANTED-IPTC!"  # 2:120 caption
    block = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record
    body = b"Photoshop 3.0\x00" + block
    return b"\xff\xed" + struct.pack(">H", len(body) + 2) + body


def top_red_bottom_blue(width: int, height: int) -> Image.Image:
    """An RGB image whose top half is red and bottom half blue."""
    image = Image.new("RGB", (width, height), BLUE)
    image.paste(RED, (0, 0, width, height // 2))
    return image


def leaky_jpeg(width: int = 40, height: int = 20, orientation: int = 6) -> bytes:
    """A photo with everything that must not leave: EXIF with GPS, orientation and a thumbnail,
    XMP, a comment, IPTC, and an sRGB ICC profile."""
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return as_bytes(
        top_red_bottom_blue(width, height),
        "JPEG",
        quality=95,
        exif=with_thumbnail(planted_exif(orientation).tobytes()),
        xmp=XMP,
        comment=b"PLANTED-COMMENT",
        icc_profile=srgb,
        extra=iptc_segment(),
    )


def leaky_png() -> bytes:
    """A transparent PNG with EXIF GPS, XMP, text chunks and an ICC profile."""
    image = Image.new("RGBA", (64, 48), (*RED, 255))
    image.paste((0, 0, 0, 0), (0, 0, 32, 48))
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "PLANTED-PNG-TEXT")
    text.add_itxt("XML:com.adobe.xmp", XMP.decode())
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return as_bytes(image, "PNG", pnginfo=text, exif=planted_exif().tobytes(), icc_profile=srgb)


def leaky_webp() -> bytes:
    """A WebP photo with EXIF GPS and XMP."""
    return as_bytes(top_red_bottom_blue(64, 48), "WEBP", quality=90, exif=planted_exif().tobytes(), xmp=XMP)


def outputs(result: Derivatives) -> tuple[Derivative, ...]:
    """Every file of a result."""
    return (*result.sources, result.fallback)


def opened(derivative: Derivative) -> Image.Image:
    """A derivative read back with Pillow (fully loaded)."""
    image = Image.open(io.BytesIO(derivative.data))
    image.load()
    return image


def riff_chunks(data: bytes) -> list[bytes]:
    """A WebP file's chunk names."""
    names, offset = [], 12
    while offset + 8 <= len(data):
        name, size = data[offset : offset + 4], struct.unpack("<I", data[offset + 4 : offset + 8])[0]
        names.append(name)
        offset += 8 + size + (size & 1)
    return names


def jpeg_markers(data: bytes) -> list[int]:
    """A JPEG file's marker codes up to the first scan."""
    markers, offset = [], 2
    while offset + 4 <= len(data) and data[offset] == 0xFF:
        marker = data[offset + 1]
        markers.append(marker)
        if marker == 0xDA:
            break
        offset += 2 + struct.unpack(">H", data[offset + 2 : offset + 4])[0]
    return markers


def png_chunks(data: bytes) -> list[bytes]:
    """A PNG file's chunk names."""
    names, offset = [], 8
    while offset + 8 <= len(data):
        size = struct.unpack(">I", data[offset : offset + 4])[0]
        names.append(data[offset + 4 : offset + 8])
        offset += 12 + size
    return names


def assert_bare(derivative: Derivative) -> None:
    """Nothing but pixels: no metadata chunk, marker or planted value, read back or in bytes."""
    for marker in MARKERS:
        assert marker not in derivative.data, (derivative.file_name, marker)
    image = opened(derivative)
    assert not dict(image.getexif()), derivative.file_name
    for key in ("exif", "xmp", "XML:com.adobe.xmp", "comment", "Comment", "icc_profile", "photoshop", "iptc"):
        assert key not in image.info, (derivative.file_name, key)
    if derivative.mime_type == "image/webp":
        assert set(riff_chunks(derivative.data)) <= {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}
    elif derivative.mime_type == "image/jpeg":
        assert set(jpeg_markers(derivative.data)) <= {0xD8, 0xE0, 0xDB, 0xC4, 0xC0, 0xC2, 0xDA, 0xDD}
    else:
        assert set(png_chunks(derivative.data)) <= {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}


# Metadata, orientation, colour


@pytest.mark.parametrize(
    "make, formats",
    [
        (leaky_jpeg, {"image/webp", "image/jpeg"}),
        (leaky_png, {"image/webp", "image/png"}),
        (leaky_webp, {"image/webp", "image/jpeg"}),
    ],
    ids=["jpeg", "png", "webp"],
)
def test_no_metadata_survives_in_any_output(make: object, formats: set[str]) -> None:
    data = make()  # type: ignore[operator]
    assert GPS_DATUM.encode() in data and b"PLANTED" in data  # the plant took
    if make is leaky_jpeg:
        source = Image.open(io.BytesIO(data))
        assert source.getexif().get_ifd(ExifTags.IFD.IFD1)[0x0201] > 0  # the thumbnail's offset
        assert b"PLANTED-THUMBNAIL" in data and b"PLANTED-IPTC" in data
    result = make_derivatives(data, "media/leaky.img")
    assert {derivative.mime_type for derivative in outputs(result)} == formats
    for derivative in outputs(result):
        assert_bare(derivative)


def test_the_orientation_is_applied_and_the_picture_is_upright() -> None:
    # Stored 40x20 with red on top; orientation 6 means "turn 90 degrees clockwise to view",
    # which brings the top to the right: shown 20x40, red on the right, blue on the left.
    data = leaky_jpeg(40, 20, orientation=6)
    assert inspect_image(data, "media/turned.jpg") == ImageInfo("jpeg", 20, 40, 1, False)
    result = make_derivatives(data, "media/turned.jpg")
    for derivative in outputs(result):
        image = opened(derivative).convert("RGB")
        assert image.size == (20, 40) == (derivative.width, derivative.height)
        right, left = image.getpixel((16, 20)), image.getpixel((3, 20))
        assert isinstance(right, tuple) and isinstance(left, tuple)
        assert right[0] > 180 and right[2] < 80, (derivative.file_name, right)
        assert left[2] > 180 and left[0] < 80, (derivative.file_name, left)


@pytest.mark.parametrize(
    "orientation, size",
    [(1, (40, 20)), (3, (40, 20)), (5, (20, 40)), (8, (20, 40)), (0, (40, 20)), (99, (40, 20))],
)
def test_only_quarter_turns_swap_width_and_height(orientation: int, size: tuple[int, int]) -> None:
    info = inspect_image(leaky_jpeg(40, 20, orientation), "media/x.jpg")
    assert (info.width, info.height) == size
    assert {
        (d.width, d.height) for d in outputs(make_derivatives(leaky_jpeg(40, 20, orientation), "media/x.jpg"))
    } == {size}


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_orientation_turns_as_pillows_exif_transpose_does(orientation: int) -> None:
    # A lossless source and fallback (PNG), so the pixels compare exactly.
    image = Image.new("RGB", (3, 2))
    image.putdata([(10, 0, 0), (20, 0, 0), (30, 0, 0), (0, 40, 0), (0, 50, 0), (0, 60, 0)])
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    data = as_bytes(image, "PNG", exif=exif.tobytes())
    expected = ImageOps.exif_transpose(Image.open(io.BytesIO(data))).convert("RGB")
    result = make_derivatives(data, "media/turned.png")
    assert (result.info.width, result.info.height) == expected.size
    assert opened(result.fallback).convert("RGB").tobytes() == expected.tobytes()


def test_a_cmyk_jpeg_comes_out_rgb() -> None:
    data = as_bytes(Image.new("CMYK", (32, 32), (0, 255, 255, 0)), "JPEG", quality=95)
    assert Image.open(io.BytesIO(data)).mode == "CMYK"
    for derivative in outputs(make_derivatives(data, "media/print.jpg")):
        image = opened(derivative)
        assert image.mode == "RGB"
        pixel = image.getpixel((16, 16))
        assert isinstance(pixel, tuple) and pixel[0] > 200 and pixel[1] < 60 and pixel[2] < 60
        assert_bare(derivative)


def s15_fixed16(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def xyz(x: float, y: float, z: float) -> bytes:
    return b"XYZ \0\0\0\0" + s15_fixed16(x) + s15_fixed16(y) + s15_fixed16(z)


def swapped_profile() -> bytes:
    """An ICC v2 RGB display profile whose red and blue primaries are swapped (sRGB's, gamma 2.2):
    a pixel stored red is meant as blue, so only a real conversion turns it blue."""
    red, green, blue = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, 0x0233) + b"\0\0"
    text = b"PLANTED red and blue swapped\0"
    desc = b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + b"\0" * 79
    tags = [
        (b"desc", desc),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(*blue)),
        (b"gXYZ", xyz(*green)),
        (b"bXYZ", xyz(*red)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, body = struct.pack(">I", len(tags)), b""
    for signature, tag in tags:
        tag += b"\0" * (-len(tag) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(tag))
        body += tag
    header = (
        struct.pack(">II", offset + len(body), 0)
        + struct.pack(">I", 0x02100000)
        + b"mntrRGB XYZ "
        + b"\0" * 12
        + b"acsp"
        + b"\0" * 28
        + s15_fixed16(0.9642)
        + s15_fixed16(1.0)
        + s15_fixed16(0.8249)
    )
    return header + b"\0" * (128 - len(header)) + table + body


@pytest.mark.parametrize("file_format", ["JPEG", "PNG", "WEBP"])
def test_an_icc_profile_is_converted_to_srgb_and_dropped(file_format: str) -> None:
    data = as_bytes(Image.new("RGB", (16, 16), RED), file_format, icc_profile=swapped_profile())
    for derivative in outputs(make_derivatives(data, "media/wide.img")):
        pixel = opened(derivative).getpixel((8, 8))
        assert isinstance(pixel, tuple) and pixel[2] > 200 and pixel[0] < 40, pixel
        assert_bare(derivative)


def test_a_profile_for_other_pixels_is_refused() -> None:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = as_bytes(Image.new("L", (8, 8), 128), "JPEG", icc_profile=srgb)
    with pytest.raises(BuildFailed) as failure:
        make_derivatives(data, "media/grey.jpg")
    assert str(failure.value.errors[0]) == (
        "media/grey.jpg: its ICC colour profile is for RGB but its pixels are L: export it again in sRGB"
    )


def test_transparency_is_kept_in_webp_and_the_png_fallback() -> None:
    result = make_derivatives(leaky_png(), "media/logo.png")
    assert result.info == ImageInfo("png", 64, 48, 1, True)
    assert result.fallback.mime_type == "image/png"
    for derivative in outputs(result):
        image = opened(derivative)
        assert image.mode == "RGBA", derivative.file_name
        assert image.getpixel((5, 20))[3] == 0  # type: ignore[index]
        assert image.getpixel((50, 20))[3] == 255  # type: ignore[index]


def test_a_palette_png_with_a_transparent_colour_keeps_it() -> None:
    image = Image.new("P", (20, 20), 1)
    image.putpalette([0, 0, 0, *RED] + [0] * 762)
    image.paste(0, (0, 0, 10, 20))
    result = make_derivatives(as_bytes(image, "PNG", transparency=0), "media/key.png")
    assert result.info.has_alpha
    for derivative in outputs(result):
        assert opened(derivative).getpixel((2, 10))[3] == 0  # type: ignore[index]


def test_a_grey_png_with_a_transparent_grey_keeps_it() -> None:
    image = Image.new("L", (20, 20), 7)
    image.paste(200, (10, 0, 20, 20))
    result = make_derivatives(as_bytes(image, "PNG", transparency=7), "media/grey.png")
    for derivative in outputs(result):
        assert opened(derivative).getpixel((2, 10))[3] == 0  # type: ignore[index]
        assert opened(derivative).getpixel((15, 10))[0] in range(196, 205)  # type: ignore[index]


def test_an_opaque_rgba_png_loses_its_useless_alpha() -> None:
    data = as_bytes(Image.new("RGBA", (20, 20), (*RED, 255)), "PNG")
    result = make_derivatives(data, "media/opaque.png")
    assert [opened(d).mode for d in outputs(result)] == ["RGB", "RGB"]
    assert result.fallback.mime_type == "image/png"  # a PNG source is a graphic: no JPEG blur


def test_a_graphic_gets_lossless_webp_and_a_photo_saved_as_png_lossy() -> None:
    chart = Image.new("RGB", (600, 400), "white")
    chart.paste((31, 119, 180), (50, 100, 150, 400))
    chart.paste((255, 127, 14), (200, 250, 300, 400))
    result = make_derivatives(as_bytes(chart, "PNG"), "media/chart.png")
    for derivative in result.sources:
        assert b"VP8L" in riff_chunks(derivative.data)
    assert opened(result.sources[-1]).getpixel((100, 200)) == (31, 119, 180)  # exact
    photo = Image.effect_noise((600, 400), 50).convert("RGB")
    result = make_derivatives(as_bytes(photo, "PNG"), "media/photo.png")
    for derivative in result.sources:
        assert b"VP8 " in riff_chunks(derivative.data)
    assert result.fallback.mime_type == "image/png"


def test_sixteen_bit_grey_is_scaled_not_clipped() -> None:
    image = Image.frombytes("I;16", (8, 8), (32768).to_bytes(2, "little") * 64)  # half white
    result = make_derivatives(as_bytes(image, "PNG"), "media/grey16.png")
    pixel = opened(result.fallback).getpixel((4, 4))
    assert isinstance(pixel, tuple) and 120 <= pixel[0] <= 136


def animated_gif() -> bytes:
    """Three frames: red, green, blue."""
    frames = [Image.new("RGB", (50, 40), colour) for colour in (RED, (20, 230, 20), BLUE)]
    return as_bytes(
        frames[0],
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=100,
        loop=0,
        comment=b"PLANTED-GIF-COMMENT",
    )


def test_an_animated_gif_gives_a_still_of_its_first_frame() -> None:
    data = animated_gif()
    assert inspect_image(data, "media/loop.gif") == ImageInfo("gif", 50, 40, 3, False)
    result = make_derivatives(data, "media/loop.gif")
    assert result.fallback.mime_type == "image/png"
    for derivative in outputs(result):
        image = opened(derivative)
        assert getattr(image, "n_frames", 1) == 1
        pixel = image.convert("RGB").getpixel((25, 20))
        assert isinstance(pixel, tuple) and pixel[0] > 180 and pixel[1] < 80
        assert_bare(derivative)


def test_a_multi_picture_jpeg_is_a_jpeg_of_its_first_picture() -> None:
    # Cameras write MPO: a JPEG followed by more pictures (a preview, a stereo pair).
    buffer = io.BytesIO()
    top_red_bottom_blue(40, 30).save(
        buffer, "MPO", save_all=True, append_images=[Image.new("RGB", (20, 15), BLUE)]
    )
    assert Image.open(io.BytesIO(buffer.getvalue())).format == "MPO"
    result = make_derivatives(buffer.getvalue(), "media/camera.jpg")
    assert result.info == ImageInfo("jpeg", 40, 30, 1, False)
    assert [(d.width, d.height) for d in outputs(result)] == [(40, 30), (40, 30)]
    assert opened(result.fallback).getpixel((20, 5))[0] > 180  # type: ignore[index]


# Widths, names, determinism


@pytest.mark.parametrize(
    "width, widths",
    [
        (4000, (480, 960, 1600)),
        (1600, (480, 960, 1600)),
        (1601, (480, 960, 1600)),
        (1200, (480, 960, 1200)),
        (960, (480, 960)),
        (500, (480, 500)),
        (300, (300,)),
        (1, (1,)),
    ],
)
def test_widths_are_never_upscaled(width: int, widths: tuple[int, ...]) -> None:
    assert derivative_widths(width) == widths


@pytest.mark.parametrize(
    "width, height, widths",
    [
        (1000, 40000, (409,)),
        (2000, 20000, (480, 960, 1600)),
        (1638, 16384, (480, 960, 1600)),
        (20000, 100, (480, 960, 1600)),
        (30, 20000, (24,)),
    ],
)
def test_no_side_passes_webps_limit(width: int, height: int, widths: tuple[int, ...]) -> None:
    assert derivative_widths(width, height=height) == widths
    assert derivative_widths(width, (20000, 40000), height) == (min(width, 16383, 16383 * width // height),)


def test_a_tall_strip_is_narrowed_to_fit_webp() -> None:
    data = as_bytes(Image.new("L", (40, 20000), 200), "PNG")
    result = make_derivatives(data, "media/strip.png")
    assert [(d.width, d.height) for d in outputs(result)] == [(32, 16000), (32, 16000)]


def test_derivatives_have_their_widths_names_and_types() -> None:
    data = as_bytes(top_red_bottom_blue(1200, 900), "JPEG")
    result = make_derivatives(data, "media/Aldrin EVA.JPG")
    assert [(d.width, d.height, d.mime_type) for d in outputs(result)] == [
        (480, 360, "image/webp"),
        (960, 720, "image/webp"),
        (1200, 900, "image/webp"),
        (1200, 900, "image/jpeg"),
    ]
    for derivative in outputs(result):
        name, digest, extension = derivative.file_name.split(".")
        assert name == f"aldrin-eva-{derivative.width}"
        assert extension == {"image/webp": "webp", "image/jpeg": "jpg"}[derivative.mime_type]
        assert len(digest) == 8 and int(digest, 16) >= 0
        assert opened(derivative).size == (derivative.width, derivative.height)
    small = make_derivatives(data, "media/a.jpg", DerivativeSettings(widths=(100, 200)))
    assert [d.width for d in small.sources] == [100, 200]


def test_the_same_input_gives_the_same_bytes() -> None:
    for data in (leaky_jpeg(300, 200), leaky_png(), animated_gif()):
        first, second = make_derivatives(data, "media/x.jpg"), make_derivatives(data, "media/x.jpg")
        assert first == second
    assert derivative_key(b"a") == derivative_key(b"a") != derivative_key(b"b")
    assert derivative_key(b"a") != derivative_key(b"a", DerivativeSettings(widths=(480,)))


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessPoolExecutor]:
    """One worker process started fresh (spawn), as the build's pool will be."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as executor:
        yield executor


def test_a_worker_process_gives_the_same_bytes_and_its_errors_travel(pool: ProcessPoolExecutor) -> None:
    data = leaky_jpeg(300, 200)
    assert pool.submit(make_derivatives, data, "media/x.jpg").result() == make_derivatives(
        data, "media/x.jpg"
    )
    with pytest.raises(BuildFailed) as failure:
        pool.submit(make_derivatives, b"nothing", "media/x.jpg").result()
    assert [str(error) for error in failure.value.errors] == [
        "media/x.jpg: not an image (JPEG, PNG, WebP, GIF or SVG)"
    ]


# Bad input: a message naming the file, never a traceback


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height, with almost no pixel data (a bomb's shape)."""

    def chunk(name: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + name + body + struct.pack(">I", zlib.crc32(name + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def jpeg_bytes() -> bytes:
    return as_bytes(top_red_bottom_blue(64, 48), "JPEG")


BAD_FILES = [
    (
        "not an image",
        lambda: b"Hello, I am a text file.\n",
        ImageLimits(),
        "not an image (JPEG, PNG, WebP, GIF or SVG)",
    ),
    ("empty", lambda: b"", ImageLimits(), "not an image (JPEG, PNG, WebP, GIF or SVG)"),
    (
        "truncated jpeg",
        lambda: jpeg_bytes()[: len(jpeg_bytes()) // 2],
        ImageLimits(),
        "the JPEG file is truncated (cut short): export or download it again",
    ),
    (
        "truncated png",
        lambda: leaky_png()[:-40],
        ImageLimits(),
        "the PNG file is truncated (cut short): export or download it again",
    ),
    (
        "truncated webp",
        lambda: leaky_webp()[:-100],
        ImageLimits(),
        "the WebP file is truncated (cut short): export or download it again",
    ),
    (
        "bmp",
        lambda: as_bytes(Image.new("RGB", (4, 4)), "BMP"),
        ImageLimits(),
        "BMP is not a format we publish: save it as JPEG, PNG, WebP, GIF or SVG",
    ),
    (
        "tiff",
        lambda: as_bytes(Image.new("RGB", (4, 4)), "TIFF"),
        ImageLimits(),
        "TIFF is not a format we publish: save it as JPEG, PNG, WebP, GIF or SVG",
    ),
    (
        "heic",
        lambda: b"\0\0\0\x18ftypheic\0\0\0\0mif1heic",
        ImageLimits(),
        "HEIC is not a format we publish: save it as JPEG, PNG, WebP, GIF or SVG",
    ),
    (
        "svgz",
        lambda: gzip.compress(CLEAN_SVG, mtime=0),
        ImageLimits(),
        "gzip (an .svgz?) is not a format we publish: save it as JPEG, PNG, WebP, GIF or SVG",
    ),
    (
        "too large",
        lambda: b"\xff\xd8\xff" * 100,
        ImageLimits(max_image_mb=0.0001),
        "the file is 300 bytes, over the limit of 0.0001 MB (site.yaml max_image_mb): make it smaller",
    ),
    (
        "too many pixels",
        lambda: png_header_only(9000, 9000),
        ImageLimits(),
        "9000x9000 pixels is 81.0 megapixels: over the limit of 60 megapixels (site.yaml "
        "max_image_megapixels); not decoded: make it smaller, or it may be a decompression bomb",
    ),
]


@pytest.mark.parametrize(
    "make, limits, message", [case[1:] for case in BAD_FILES], ids=[case[0] for case in BAD_FILES]
)
def test_a_bad_file_is_one_clear_error_naming_it(make: object, limits: ImageLimits, message: str) -> None:
    data = make()  # type: ignore[operator]
    for function in (inspect_image, make_derivatives):
        with pytest.raises(BuildFailed) as failure:
            function(data, "content/media/bad.jpg", limits=limits)  # type: ignore[operator]
        assert [str(error) for error in failure.value.errors] == [f"content/media/bad.jpg: {message}"]


def test_a_bomb_is_refused_from_its_header_by_pillow_too() -> None:
    with pytest.raises(BuildFailed) as failure:
        inspect_image(png_header_only(30000, 30000), "media/bomb.png")
    assert str(failure.value.errors[0]) == (
        "media/bomb.png: the header claims 900.0 megapixels: over the limit of 60 megapixels "
        "(site.yaml max_image_megapixels); not decoded: make it smaller, or it may be a "
        "decompression bomb"
    )


def test_a_bomb_is_never_decoded(tmp_path: Path) -> None:
    # In a fresh process, so the peak resident size measures this call alone.
    script = textwrap.dedent("""
        import resource, sys
        sys.path[:0] = [sys.argv[1], sys.argv[2]]
        from test_images import png_header_only
        from site_builder.errors import BuildFailed
        from site_builder.images import make_derivatives
        bombs = [png_header_only(30000, 30000), png_header_only(7000, 9000)]
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        for bomb in bombs:
            try:
                make_derivatives(bomb, "media/bomb.png")
            except BuildFailed:
                pass
            else:
                raise SystemExit("the bomb was accepted")
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
    """)
    done = subprocess.run(
        [sys.executable, "-c", script, str(REPO), str(REPO / "tests")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    grown_kib = int(done.stdout)
    assert grown_kib < 20_000, f"peak memory grew {grown_kib} KiB"  # decoded, it would be 2.7 GB


def test_inspecting_decodes_no_pixels() -> None:
    # Pixel data that cannot be decompressed, in a file whose structure is whole: inspecting reads
    # the header only and succeeds; making derivatives decodes, and reports the damage.
    data = png_header_only(4000, 3000).replace(zlib.compress(b"\0" * 64), b"garbage!" * 8)
    data = data.replace(
        struct.pack(">I", zlib.crc32(b"IDAT" + zlib.compress(b"\0" * 64))),
        struct.pack(">I", zlib.crc32(b"IDAT" + b"garbage!" * 8)),
    )
    assert inspect_image(data, "media/big.png") == ImageInfo("png", 4000, 3000, 1, False)
    with pytest.raises(BuildFailed) as failure:
        make_derivatives(data, "media/big.png")
    assert str(failure.value.errors[0]).startswith("media/big.png: the PNG file is damaged (")


def test_a_gif_cut_inside_a_frame_is_damaged_not_a_traceback() -> None:
    data = animated_gif()
    with pytest.raises(BuildFailed) as failure:
        make_derivatives(data[:60], "media/cut.gif")
    assert str(failure.value.errors[0]).startswith("media/cut.gif: the GIF file is ")


@pytest.mark.parametrize(
    "make", [leaky_jpeg, leaky_png, leaky_webp, animated_gif], ids=["jpeg", "png", "webp", "gif"]
)
def test_damaged_bytes_give_an_error_or_an_image_never_a_traceback(make: object) -> None:
    data = make()  # type: ignore[operator]
    chance = random.Random(16)
    for _ in range(40):
        damaged = bytearray(data)
        for _ in range(chance.randint(1, 8)):
            damaged[chance.randrange(len(damaged))] = chance.randrange(256)
        cut = damaged[: chance.randrange(len(damaged) // 2, len(damaged) + 1)]
        for attempt in (bytes(damaged), bytes(cut)):
            try:
                make_derivatives(attempt, "media/damaged.img")
            except BuildFailed as failure:
                assert all(str(error).startswith("media/damaged.img: ") for error in failure.errors)


def test_reading_a_file_refuses_it_from_its_size(tmp_path: Path) -> None:
    huge = tmp_path / "huge.jpg"
    with huge.open("wb") as handle:
        handle.truncate(30_000_000)  # sparse: the size is known without writing 30 MB
    with pytest.raises(BuildFailed) as failure:
        read_image_file(huge, "content/media/huge.jpg")
    assert str(failure.value.errors[0]) == (
        "content/media/huge.jpg: the file is 30.0 MB, over the limit of 25 MB (site.yaml "
        "max_image_mb): make it smaller"
    )
    small = tmp_path / "small.jpg"
    small.write_bytes(jpeg_bytes())
    assert read_image_file(small, "content/media/small.jpg") == jpeg_bytes()
    with pytest.raises(EnvironmentFailure, match=r"content/media/gone\.jpg: cannot read"):
        read_image_file(tmp_path / "gone.jpg", "content/media/gone.jpg")


# SVG

CLEAN_SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 400 300">
  <style>.land { fill: url(#sea); }</style>
  <defs><linearGradient id="sea"><stop offset="0" stop-color="#9cf"/></linearGradient></defs>
  <rect class="land" width="400" height="300" style="fill: url('#sea')"/>
  <use xlink:href="#sea"/><a href="#top"><text>Bazarak</text></a>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
  <text aria-label="Source data: NASA">javascript is a word here</text>
</svg>
"""


@pytest.mark.parametrize(
    "root, size",
    [
        ('viewBox="0 0 400 300"', (400, 300)),
        ('width="200" height="100"', (200, 100)),
        ('width="200px" height="100px" viewBox="0 0 20 10"', (200, 100)),
        ('width="72pt" height="1in"', (96, 96)),
        ('width="100%" height="100%" viewBox="0,0,640,480"', (640, 480)),
        ('width="320" viewBox="0 0 640 480"', (320, 240)),
    ],
)
def test_an_svg_size_comes_from_its_attributes_or_viewbox(root: str, size: tuple[int, int]) -> None:
    data = f'<svg xmlns="http://www.w3.org/2000/svg" {root}/>'.encode()
    assert inspect_image(data, "media/map.svg") == ImageInfo("svg", *size, 1, True)


def test_a_clean_svg_passes_through_unchanged() -> None:
    result = make_derivatives(CLEAN_SVG, "media/Map.svg")
    assert result.sources == ()
    assert result.fallback.data == CLEAN_SVG
    assert result.fallback.mime_type == "image/svg+xml"
    assert (result.fallback.width, result.fallback.height) == (400, 300)
    assert result.fallback.file_name.startswith("map.") and result.fallback.file_name.endswith(".svg")


def svg(body: str, attributes: str = "") -> bytes:
    """An SVG document around body; body starts on line 2."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 0 10 10"{attributes}>\n{body}\n</svg>\n'
    ).encode()


HOSTILE_SVGS = [
    (
        "script",
        svg("<script>alert(1)</script>"),
        2,
        "a script element (it runs with the site's rights) is not allowed in an SVG: remove it",
    ),
    (
        "xhtml script",
        svg('<script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script>'),
        2,
        "a script element (it runs with the site's rights) is not allowed in an SVG: remove it",
    ),
    (
        "onload",
        svg('<rect width="1" height="1" onload="alert(1)"/>'),
        2,
        "an event handler attribute (onload on <rect>) is not allowed in an SVG: remove it",
    ),
    (
        "root onload",
        svg("", ' onLoad="alert(1)"'),
        1,
        "an event handler attribute (onLoad on <svg>) is not allowed in an SVG: remove it",
    ),
    (
        "foreignObject",
        svg('<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>'),
        2,
        "a foreignObject element (it embeds HTML) is not allowed in an SVG: remove it",
    ),
    (
        "external href",
        svg('<image href="https://tracker.example/pixel.png"/>'),
        2,
        'href="https://tracker.example/pixel.png" on <image> is a reference to another origin (the '
        "page would fetch it from there): an SVG must be self-contained; embed it or remove it",
    ),
    (
        "protocol-relative xlink:href",
        svg('<use xlink:href="//cdn.example/icons.svg#a"/>'),
        2,
        'href="//cdn.example/icons.svg#a" on <use> is a reference to another origin (the page would '
        "fetch it from there): an SVG must be self-contained; embed it or remove it",
    ),
    (
        "javascript href",
        svg('<a href=" java&#9;script:alert(1)"><text>x</text></a>'),
        2,
        'href=" java\tscript:alert(1)" on <a> is a script URL: an SVG must be self-contained; embed '
        "it or remove it",
    ),
    (
        "data html href",
        svg('<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>'),
        2,
        'href="data:text/html,<script>alert(1)</script>" on <a> is a data URL that is not a raster '
        "image: an SVG must be self-contained; embed it or remove it",
    ),
    (
        "svg data image",
        svg('<image href="data:image/svg+xml;base64,PHN2Zz4="/>'),
        2,
        'href="data:image/svg+xml;base64,PHN2Zz4=" on <image> is a data URL that is not a raster '
        "image: an SVG must be self-contained; embed it or remove it",
    ),
    (
        "other file",
        svg('<image href="photo.jpg"/>'),
        2,
        'href="photo.jpg" on <image> is a reference to another file (it will not be published beside '
        "the SVG): an SVG must be self-contained; embed it or remove it",
    ),
    (
        "css url",
        svg('<rect style="fill: url(https://x.example/a.svg#p)"/>'),
        2,
        "url(https://x.example/a.svg#p) in style on <rect> is a reference to another origin (the page "
        "would fetch it from there): an SVG must be self-contained; embed it or remove it",
    ),
    (
        "style import",
        svg('<style>\n@import "https://x.example/a.css";\n</style>'),
        2,
        "@import in <style> fetches a style sheet: put the styles in the SVG",
    ),
    (
        "animated href",
        svg('<a><animate attributeName="href" values="#a"/>x</a>'),
        2,
        '<animate attributeName="href"> changes a link or an event handler, which can make it run a '
        "script: remove it",
    ),
    (
        "animated handler",
        svg('<set attributeName="onclick" to="alert(1)"/>'),
        2,
        '<set attributeName="onclick"> changes a link or an event handler, which can make it run a '
        "script: remove it",
    ),
    (
        "script in animation",
        svg('<a><set to="javascript:alert(1)"/></a>'),
        2,
        'to="javascript:alert(1)" on <set> holds a script URL: remove it',
    ),
    (
        "xml-stylesheet",
        b'<?xml-stylesheet href="https://x.example/a.css"?>\n' + svg(""),
        1,
        "an xml-stylesheet instruction is not allowed (it fetches a style sheet): put the styles in the SVG",
    ),
    (
        "doctype entity",
        b'<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY lol "lol">\n]>\n' + svg("<text>&lol;</text>"),
        2,
        "a DOCTYPE is not allowed in an SVG (its entities can expand or fetch files): remove it",
    ),
    (
        "external entity",
        b'<!DOCTYPE svg SYSTEM "file:///etc/passwd">\n' + svg(""),
        1,
        "a DOCTYPE is not allowed in an SVG (its entities can expand or fetch files): remove it",
    ),
    ("html root", b"<html><body>hi</body></html>", 1, "not an SVG: the root element is <html>"),
    (
        "no namespace",
        b'<svg viewBox="0 0 1 1"></svg>',
        1,
        "not an SVG: the root element is <svg>, not in the SVG namespace http://www.w3.org/2000/svg",
    ),
    (
        "no size",
        b'<svg xmlns="http://www.w3.org/2000/svg" width="50%"/>',
        1,
        'the SVG has no width and height in pixels and no viewBox: give it a viewBox (e.g. viewBox="0 '
        '0 800 600") so pages can reserve its space',
    ),
    ("broken xml", svg("<g><rect></g>"), 2, "not well-formed XML: mismatched tag"),
    (
        "unknown encoding",
        b'<?xml version="1.0" encoding="UTF-9"?>' + svg(""),
        1,
        "cannot be read as text: unknown encoding: UTF-9",
    ),
]


@pytest.mark.parametrize(
    "data, line, message", [case[1:] for case in HOSTILE_SVGS], ids=[case[0] for case in HOSTILE_SVGS]
)
def test_a_hostile_svg_is_refused_at_its_line(data: bytes, line: int, message: str) -> None:
    for function in (inspect_image, make_derivatives):
        with pytest.raises(BuildFailed) as failure:
            function(data, "content/media/map.svg")  # type: ignore[operator]
        errors = failure.value.errors
        assert [(error.path, error.line, error.message) for error in errors] == [
            ("content/media/map.svg", line, message)
        ]
        assert all(isinstance(error, ContentError) for error in errors)


def test_every_problem_of_an_svg_is_reported_at_once() -> None:
    data = svg('<script>1</script>\n<rect onclick="x()"/>\n<image href="http://a.example/b.png"/>')
    with pytest.raises(BuildFailed) as failure:
        inspect_image(data, "media/x.svg")
    assert [error.line for error in failure.value.errors] == [2, 3, 4]


def test_a_billion_laughs_stops_at_its_doctype_in_no_time() -> None:
    entities = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    data = (
        f'<!DOCTYPE svg [<!ENTITY l0 "lol">{entities}]>'
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><text>&l9;</text></svg>'
    )
    with pytest.raises(BuildFailed) as failure:
        inspect_image(data.encode(), "media/laughs.svg")
    assert failure.value.errors[0].line == 1


def test_mutated_svgs_give_an_error_or_pass_never_a_traceback() -> None:
    chance = random.Random(16)
    seeds = [CLEAN_SVG, *(case[1] for case in HOSTILE_SVGS)]
    pieces = [
        b"<",
        b">",
        b"&",
        b'"',
        b" on",
        b"url(",
        b"javascript:",
        b"<!DOCTYPE x>",
        b"\xff\xfe",
        b" encoding='x'",
        b"]]>",
        b"<![CDATA[",
        b"&#0;",
    ]
    for _ in range(400):
        data = bytearray(chance.choice(seeds))
        for _ in range(chance.randint(1, 4)):
            at = chance.randrange(len(data) + 1)
            if chance.random() < 0.5:
                del data[at : at + chance.randint(1, 20)]
            else:
                data[at:at] = chance.choice(pieces)
        try:
            make_derivatives(bytes(data), "media/mutant.svg")
        except BuildFailed as failure:
            assert all(error.path == "media/mutant.svg" for error in failure.errors)
