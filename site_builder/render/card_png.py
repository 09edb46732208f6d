"""A social card's PNG, compressing only the rows its title drew.

A card is 630 rows of 1,200 palette indices. Pillow's PNG encoder spends about 1.5 ms a card
whatever the zlib level (storing uncompressed costs as much): it checksums and deflates all
756 kB. But a card's rows above its title are the site's and section's (card_ground), the same
on every card of that section, and the rows below are background. So the stream is written here
as three runs of deflate blocks: those rows above, compressed once per process and position;
the title's rows, compressed per card; and the blank rows below, once per count. Each run ends
on a byte boundary (a sync flush), so they join into one valid zlib stream; its Adler-32 checksum
continues over the title's rows and is worked out for the zero rows below without reading them.
The decoded pixels are those Pillow's encoder would write; only the compressed bytes differ
(smaller too: run-length deflate suits rows of long runs).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from functools import lru_cache

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ZLIB_HEADER = b"\x78\x01"
"""Deflate, 32 kB window, "fastest" (the header's check bits make 0x7801 a multiple of 31)."""
ADLER_BASE = 65521


def png_chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, CRC-32 of type and data."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def deflate_run(data: bytes, last: bool) -> bytes:
    """Raw deflate blocks of data that other runs can follow (sync flush: byte-aligned, not the
    final block) or that end the stream (last)."""
    compressor = zlib.compressobj(1, zlib.DEFLATED, -15, 9, zlib.Z_RLE)
    return compressor.compress(data) + compressor.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)


def scanlines(pixels: bytes, width: int) -> bytes:
    """Rows of palette indices as PNG scanlines: each after a 0 (no filter) byte."""
    rows = [pixels[start : start + width] for start in range(0, len(pixels), width)]
    return b"\0" + b"\0".join(rows) if rows else b""


def adler_after_zeros(adler: int, count: int) -> int:
    """Adler-32 continued over `count` zero bytes: the sum of bytes does not move, and the sum
    of sums grows by it once per byte."""
    low, high = adler & 0xFFFF, adler >> 16
    return ((high + count * low) % ADLER_BASE) << 16 | low


@lru_cache(maxsize=64)
def blank_rows(count: int, width: int) -> bytes:
    """The last run of the stream: `count` rows of index 0 (the background)."""
    return deflate_run(bytes(count * (width + 1)), last=True)


def card_png(
    width: int,
    height: int,
    palette: bytes,
    head: Callable[[int], tuple[bytes, int]],
    body_top: int,
    body: bytes,
) -> bytes:
    """The PNG of a palette image: rows above body_top from `head` (its deflate run and the
    Adler-32 of its scanlines, given the row count, as head_run makes them), then `body` (whole
    rows of indices, compressed here), then background rows to the bottom."""
    body_rows = len(body) // width
    head_run, adler = head(body_top)
    body_lines = scanlines(body, width)
    adler = zlib.adler32(body_lines, adler)
    blank = height - body_top - body_rows
    adler = adler_after_zeros(adler, blank * (width + 1))
    stream = ZLIB_HEADER + head_run + deflate_run(body_lines, last=False) + blank_rows(blank, width)
    stream += struct.pack(">I", adler)
    header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)  # 8 bits, palette, no interlace
    return (
        PNG_SIGNATURE
        + png_chunk(b"IHDR", header)
        + png_chunk(b"PLTE", palette)
        + png_chunk(b"IDAT", stream)
        + png_chunk(b"IEND", b"")
    )


def head_run(pixels: bytes, width: int, rows: int) -> tuple[bytes, int]:
    """The deflate run and Adler-32 of the first `rows` rows of an image whose indices (top rows
    first) are `pixels`, background below them."""
    shown = pixels[: rows * width]
    lines = scanlines(shown, width) + bytes((rows - len(shown) // width) * (width + 1))
    return deflate_run(lines, last=False), zlib.adler32(lines)
