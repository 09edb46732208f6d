"""render/card_png.py: a social card's PNG written as three runs of deflate blocks (the rows a
site's cards share, the title's rows, the blank rows below). Whatever the split, Pillow must
decode exactly the image the rows make."""

from __future__ import annotations

import io
import zlib
from functools import partial

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from site_builder.render.card_png import adler_after_zeros, card_png, head_run

PALETTE = bytes(range(3 * 65))


@given(st.integers(1, 2**32 - 1), st.integers(0, 200_000))
def test_the_checksum_after_zero_bytes_is_adler32s(adler: int, count: int) -> None:
    low, high = adler & 0xFFFF, adler >> 16
    adler = (high % 65521) << 16 | low % 65521  # a checksum Adler-32 can reach
    assert adler_after_zeros(adler, count) == zlib.adler32(bytes(count), adler)


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_a_card_decodes_to_its_ground_then_its_body_then_background(data: st.DataObject) -> None:
    width = data.draw(st.integers(1, 9))
    height = data.draw(st.integers(1, 12))
    ground_rows = data.draw(st.integers(0, height))
    ground = data.draw(st.binary(min_size=ground_rows * width, max_size=ground_rows * width))
    body_top = data.draw(st.integers(0, height))
    body_rows = data.draw(st.integers(0, height - body_top))
    body = data.draw(st.binary(min_size=body_rows * width, max_size=body_rows * width))
    expected = (ground + bytes(height * width))[: body_top * width] + body
    expected += bytes(height * width - len(expected))
    png = card_png(width, height, PALETTE, partial(head_run, ground, width), body_top, body)
    with Image.open(io.BytesIO(png)) as image:
        assert (image.size, image.mode) == ((width, height), "P")
        assert image.tobytes() == expected
        assert image.getpalette() == list(PALETTE)
