"""render/social_card.py: every page without a picture of its own gets a 1200x630 PNG card (site
title, section, page title in the theme's colours) as og:image and twitter:image, when base_url
is known. Text cannot be read back from pixels, so the layout functions are tested directly and
the pictures through colours sampled where the layout puts things; the built pages' <head> is
parsed and every card it names is read back."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import shutil
import struct
import sys
import zlib
from collections.abc import Callable
from functools import partial
from importlib import resources
from pathlib import Path
from typing import TypeVar

import pytest
from conftest import REPO, run_main, snapshot, write_files
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from test_outputs import HeadReader

from site_builder.arenas import POOL_SWITCH_INTERVAL
from site_builder.build import load_site
from site_builder.cache import BuildCache
from site_builder.errors import BuildFailed
from site_builder.markup import render_bodies
from site_builder.render import find_theme, plan_pages
from site_builder.render.social_card import (
    BAND,
    CARD_DESIGN,
    CARD_HEIGHT,
    CARD_WIDTH,
    ELLIPSIS,
    MARGIN,
    SECTION_SIZE,
    SECTION_TOP,
    SITE_SIZE,
    SITE_TOP,
    TEXT_BOTTOM,
    CardColours,
    CardDrawing,
    CardPool,
    CardText,
    card_font,
    draw_card,
    draw_cards,
    fit_text,
    lay_out_title,
    line_height,
    missing_glyphs,
    needs_shaping,
    plan_cards,
    read_card_colours,
    shorten,
    text_width,
    title_top,
    wrap_words,
)

T = TypeVar("T")
FIXTURE = REPO / "tests" / "fixtures" / "second-explainer"
BASE_URL = "https://news.example.org/explainers/rivermouth/"
DEFAULT_COLOURS = read_card_colours(find_theme(Path(__file__).parent / "no-project"))
MAX_WIDTH = CARD_WIDTH - 2 * MARGIN


def ten_per_char(text: str) -> float:
    """A monospaced stand-in for a font's advance widths: 10 px a character."""
    return 10.0 * len(text)


# --- Layout ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "max_width", "lines"),
    [
        ("aa bb cc", 50, ["aa bb", "cc"]),
        ("aa bb cc", 80, ["aa bb cc"]),
        ("aa  bb\n cc", 50, ["aa bb", "cc"]),  # any run of white space is one break opportunity
        ("supercalifragilistic aa", 50, ["supercalifragilistic", "aa"]),  # too wide: kept whole
        ("", 50, []),
    ],
)
def test_words_wrap_at_spaces(text: str, max_width: float, lines: list[str]) -> None:
    assert wrap_words(text, ten_per_char, max_width) == lines


@pytest.mark.parametrize(
    ("line", "max_width", "shown"),
    [
        ("aa bb", 50, "aa bb"),  # fits: untouched
        ("aa bb cc dd", 70, "aa bb" + ELLIPSIS),  # cut after a whole word, with an ellipsis
        ("aa bb, cc", 70, "aa bb" + ELLIPSIS),  # no stray comma before the ellipsis
        ("abcdefghij", 50, "abcd" + ELLIPSIS),  # one word wider than the line: cut, with an ellipsis
    ],
)
def test_a_line_too_wide_is_cut_with_an_ellipsis(line: str, max_width: float, shown: str) -> None:
    assert shorten(line, ten_per_char, max_width) == shown
    assert ten_per_char(shown) <= max_width


def test_text_takes_the_largest_size_at_which_it_fits() -> None:
    def width_at(size: int) -> Callable[[str], float]:
        return lambda text: size * len(text)

    fitted = fit_text("aa bb cc dd", width_at, (30, 20, 10), 100, lambda size: 2)
    assert fitted.size == 20  # at 30 each word takes a line of its own: four lines
    assert fitted.lines == ("aa bb", "cc dd")


def test_text_too_long_at_the_smallest_size_ends_in_an_ellipsis() -> None:
    fitted = fit_text("one two three four five six", lambda size: ten_per_char, (20, 10), 90, lambda size: 2)
    assert fitted.size == 10
    assert fitted.lines == ("one two", "three" + ELLIPSIS)


def whole_words_or_cut(lines: tuple[str, ...], title: str) -> bool:
    """Every line is whole words of the title, except that a cut line ends in an ellipsis."""
    words = title.split()
    for line in lines:
        shown = line.removesuffix(ELLIPSIS).split()
        if not line.endswith(ELLIPSIS) and any(word not in words for word in shown):
            return False
    return True


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.,'-", min_size=1, max_size=40),
        min_size=1,
        max_size=60,
    ),
    st.sampled_from(["", "People"]),
)
def test_any_title_fits_inside_the_margins(words: list[str], section: str) -> None:
    title = " ".join(words)
    fitted = lay_out_title(CardText("Site", section, title))
    font = card_font("", fitted.size)
    assert fitted.lines
    assert all(font.getlength(line) <= MAX_WIDTH for line in fitted.lines)
    last_top = title_top(section) + (len(fitted.lines) - 1) * line_height(fitted.size)
    assert last_top + fitted.size <= TEXT_BOTTOM
    assert whole_words_or_cut(fitted.lines, title)
    if not any(line.endswith(ELLIPSIS) for line in fitted.lines):
        assert " ".join(fitted.lines).split() == title.split()  # nothing lost


def test_short_titles_are_drawn_large_and_long_ones_shrink() -> None:
    short = lay_out_title(CardText("Site", "People", "Ahmad Massoud"))
    long = lay_out_title(
        CardText(
            "Site",
            "People",
            "The long negotiations over the road to the "
            "valley, the winter supply convoys and the ceasefire talks",
        )
    )
    assert short.lines == ("Ahmad Massoud",) and short.size == 84
    assert long.size < short.size and len(long.lines) > 1


# --- The picture ------------------------------------------------------------------------------


def png_chunks(png: bytes) -> list[str]:
    """The chunk types of a PNG file, in order."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = [], 8
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind = png[offset + 4 : offset + 8]
        assert struct.unpack(">I", png[offset + 8 + length : offset + 12 + length])[0] == (
            zlib.crc32(kind + png[offset + 8 : offset + 8 + length])
        )
        chunks.append(kind.decode("ascii"))
        offset += 12 + length
    return chunks


def pixels(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


def colours_in(image: Image.Image, box: tuple[int, int, int, int]) -> set[tuple[int, int, int]]:
    return {colour for _, colour in image.crop(box).getcolors(maxcolors=1 << 16) or []}


CARD = CardText("Rivermouth flood", "People", "Mara Quill")


def test_a_card_is_a_1200_by_630_png_with_nothing_but_its_pixels() -> None:
    png = draw_card(CARD, DEFAULT_COLOURS)
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG" and image.size == (CARD_WIDTH, CARD_HEIGHT)
        assert not image.info.get("exif") and "dpi" not in image.info
    assert png_chunks(png) == ["IHDR", "PLTE", "IDAT", "IEND"]  # no tIME, tEXt, pHYs, eXIf
    assert len(png) < 30_000


PERSIAN_CARD = CardText(
    # the river festival; people; Anna Berg
    "\u062c\u0634\u0646\u0648\u0627\u0631\u0647 \u0631\u0648\u062f\u062e\u0627\u0646\u0647",
    "\u0627\u0641\u0631\u0627\u062f",
    "\u0622\u0646\u0627 \u0628\u0631\u06af",
    language="fa",
    direction="rtl",
)


def ink_columns(png: bytes, top: int, bottom: int) -> tuple[int, int]:
    """The leftmost and rightmost columns with ink (anything but the ground) between two rows."""
    image = pixels(png).crop((0, top, CARD_WIDTH, bottom))
    ground = Image.new("RGB", image.size, DEFAULT_COLOURS.background)
    from PIL import ImageChops

    box = ImageChops.difference(image, ground).getbbox()
    assert box is not None
    return box[0], box[2]


def test_a_right_to_left_card_runs_from_the_right() -> None:
    """A Persian page's card: 1200x630, the same bytes every time, its lines starting at the
    right margin (an English card's start at the left one)."""
    png = draw_card(PERSIAN_CARD, DEFAULT_COLOURS)
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (CARD_WIDTH, CARD_HEIGHT)
    assert png == draw_card(dataclasses.replace(PERSIAN_CARD), DEFAULT_COLOURS)
    for top, bottom in ((SITE_TOP, SITE_TOP + 50), (SECTION_TOP, SECTION_TOP + 50), (260, 400)):
        left, right = ink_columns(png, top, bottom)
        assert CARD_WIDTH - MARGIN - 8 <= right <= CARD_WIDTH - MARGIN, (top, left, right)
        assert left > CARD_WIDTH / 2, (top, left, right)  # short: it ends well before the middle
        english_left, _ = ink_columns(draw_card(CARD, DEFAULT_COLOURS), top, bottom)
        assert MARGIN <= english_left <= MARGIN + 8


@pytest.mark.parametrize(
    ("text", "shaped"),
    [
        (CardText("Rivermouth", "People", "Mara Quill"), False),
        (CardText("Rivermouth", "People", "Mara Quill (\u0645\u0627\u0631\u0627)"), True),  # Arabic
        (CardText("Rivermouth", "People", "\u05e9\u05dc\u05d5\u05dd"), True),  # Hebrew runs from the right
        (CardText("x", "", "y", language="fa", direction="rtl"), True),  # a right-to-left page
    ],
)
def test_which_cards_need_shaping(text: CardText, shaped: bool) -> None:
    assert needs_shaping(text) is shaped


def test_arabic_letters_are_joined_on_the_card() -> None:
    """Shaped (Raqm, and the font's joining features, which the subset keeps), three behs join
    into one word much narrower than three isolated ones."""
    font = card_font("", 84)
    width = text_width(font, PERSIAN_CARD)
    assert width("\u0628\u0628\u0628") < 0.7 * 3 * width("\u0628")


def test_the_same_card_is_the_same_bytes() -> None:
    same = CardText("Rivermouth flood", "People", "Mara Quill")
    assert draw_card(CARD, DEFAULT_COLOURS) == draw_card(same, DEFAULT_COLOURS)
    assert draw_card(CARD, DEFAULT_COLOURS) != draw_card(
        CardText("Rivermouth flood", "People", "Tomas Quill"), DEFAULT_COLOURS
    )


def test_the_card_is_drawn_in_the_theme_colours_where_the_layout_puts_them() -> None:
    colours = DEFAULT_COLOURS
    image = pixels(draw_card(CARD, colours))
    assert colours_in(image, (0, 0, CARD_WIDTH, BAND)) == {colours.accent}  # the band
    assert colours_in(image, (0, TEXT_BOTTOM, CARD_WIDTH, CARD_HEIGHT)) == {colours.background}
    assert colours_in(image, (0, BAND, MARGIN, CARD_HEIGHT)) == {colours.background}  # margin
    rule = SITE_TOP + line_height(SITE_SIZE) + 12
    assert colours_in(image, (MARGIN, rule, CARD_WIDTH - MARGIN, rule + 2)) == {colours.line}
    # Each text is its own ink, edges shaded into the background: the ink itself is there.
    assert colours.muted in colours_in(image, (MARGIN, SITE_TOP, CARD_WIDTH, SITE_TOP + SITE_SIZE))
    assert colours.accent in colours_in(image, (MARGIN, SECTION_TOP, CARD_WIDTH, SECTION_TOP + SECTION_SIZE))
    top = title_top(CARD.section)
    title_colours = colours_in(image, (MARGIN, top, CARD_WIDTH, top + 84))
    assert colours.text in title_colours and colours.accent not in title_colours


def test_the_card_colours_come_from_the_theme_stylesheet(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "templates/static/newsroom.css": "/* our brand */\n"
            ":root { --bg: #002244; --accent: rgb(255, 200, 0) }\n"
            "@media (prefers-color-scheme: dark) { :root { --bg: #000 } }\n"
        },
    )
    colours = read_card_colours(find_theme(tmp_path))
    assert colours.background == (0x00, 0x22, 0x44)  # light :root only: a card is one picture
    assert colours.accent == (255, 200, 0)
    assert colours.text == DEFAULT_COLOURS.text  # not set by the theme: the default's
    image = pixels(draw_card(CARD, colours))
    assert image.getpixel((600, 600)) == (0x00, 0x22, 0x44)


def test_a_colour_pillow_cannot_read_names_the_file_and_line(tmp_path: Path) -> None:
    write_files(
        tmp_path, {"templates/static/newsroom.css": ":root {\n  --fg: #111;\n  --bg: var(--paper);\n}\n"}
    )
    with pytest.raises(BuildFailed) as raised:
        read_card_colours(find_theme(tmp_path))
    assert [str(error) for error in raised.value.errors] == [
        "templates/static/newsroom.css:3:3: --bg must be one colour, like #fbfaf6, not "
        "'var(--paper)': the social cards are drawn in it at build time"
    ]


def test_characters_the_font_lacks_are_found() -> None:
    assert missing_glyphs("Ahmad Shah Massoud, 2021 \u2018Lion\u2019\u2026") == ""
    # The default font: every Latin letter, Greek, Cyrillic, dashes, curly quotes, currency.
    assert missing_glyphs("Zürich — Ελλάδα Київ Nguyễn “q” €") == ""
    assert missing_glyphs("\ue000 a private-use character") == "\ue000"
    persian = "\u067e\u0646\u062c\u0634\u06cc\u0631"  # Arabic script and Hebrew are in it
    assert missing_glyphs(f"{persian} \u06f1\u06f3\u06f0\u06f0 \u05e9\u05dc\u05d5\u05dd") == ""
    armenian = "\u0544\u0561\u0580\u0561"  # Armenian, CJK and emoji are not
    assert missing_glyphs(f"Panjshir {persian} {armenian} \u4e2d \U0001f600") == "".join(
        sorted(set(f"{armenian}\u4e2d\U0001f600"))
    )


PINNED_CARDS = {
    "latin": CARD,
    "right to left": PERSIAN_CARD,
    "wrapped and shortened": CardText(
        "Rivermouth flood 2024: the river, the town, the weeks after and the long inquiry that followed",
        "Events",
        "The long negotiations over the road to the valley, the winter supply convoys, the ceasefire "
        "talks and everything the envoys said, line by line, before and after the flood of the "
        "twenty-first, as the minutes record them, and what the town council made of it",
    ),
    "no section": CardText(
        "Rivermouth flood", "", "Zo\u00eb \u0152uill\u2019s \u0395\u03bb\u03ad\u03bd\u03b7"
    ),
}
"""Cards whose pixels are pinned: Latin, right-to-left Persian (shaped), a title that wraps and
is cut with an ellipsis under a site title cut too, and a page in no section."""
PINNED_PIXELS = {
    "latin": "0af8a052bc81f838174e037155c8d47a874327dcf61e45cfbcff347035ce9b8a",
    "right to left": "dc41a95edcbe52620c259558afda84bb5efa1b68ade338ffba0dcd8ec80a80a8",
    "wrapped and shortened": "5b09e5994a2baa39ae3d120e3af37aba16b85959b5ea78b259716bc2f74f876e",
    "no section": "41c30824f585428082dd7a4dbd991e8ead60c5a8a728214eecf4f0432a52ad52",
}
"""sha256 of each card's decoded pixels (size, mode, RGB), as drawn with PIXELS_MADE_WITH."""
PIXELS_MADE_WITH = {
    "Pillow": "13.0.0",
    "freetype2": "2.14.3",
    "harfbuzz": "14.5.0",
    "raqm": "0.11.0",
    "fribidi": "1.0.8",
}
"""The libraries that rasterise and shape the text. Another version of one may move a pixel (and
changes every card's name anyway, through drawing_digest), so the test is skipped, saying why,
where they differ. zlib is not here: it changes the PNG's bytes, never the decoded pixels."""


def pixel_digest(png: bytes) -> str:
    """A digest of what a card shows: its size, its mode and its palette-resolved RGB pixels."""
    with Image.open(io.BytesIO(png)) as image:
        shown = f"{image.size} {image.mode} ".encode() + image.convert("RGB").tobytes()
    return hashlib.sha256(shown).hexdigest()


def library_versions() -> dict[str, str | None]:
    import PIL
    from PIL import features

    return {"Pillow": PIL.__version__} | {name: features.version(name) for name in list(PIXELS_MADE_WITH)[1:]}


@pytest.mark.parametrize("name", PINNED_CARDS)
def test_the_card_drawing_is_pinned_by_its_design_version(name: str) -> None:
    """A card's name hashes CARD_DESIGN, not the drawing code: a change to this module that
    alters what a card shows must bump CARD_DESIGN, or published cards keep their old names with
    new pictures. These digests catch such a change; after bumping, write the new ones here."""
    differ = {
        lib: (made, now) for lib, made in PIXELS_MADE_WITH.items() if (now := library_versions()[lib]) != made
    }
    if differ:
        pytest.skip(f"the pinned pixels were drawn with other library versions: {differ} (made with, here)")
    drawn = pixel_digest(draw_card(PINNED_CARDS[name], DEFAULT_COLOURS))
    assert drawn == PINNED_PIXELS[name], (
        "the card drawing changed: bump CARD_DESIGN and update these digests (CARD_DESIGN is "
        f"{CARD_DESIGN!r}, in site_builder/render/social_card.py; the {name!r} card is now {drawn!r})"
    )


PINNED_PNG = "27e245b9e01c55a8b6a856910243aa6fe1293ac6186ad33b8db8765aa5653a0e"
"""sha256 of the Latin card's PNG file, as written with zlib PNG_MADE_WITH."""
PNG_MADE_WITH = "1.2.13"


def test_the_card_encoding_is_pinned_by_its_design_version() -> None:
    """The build cache keeps a card's bytes under its name's key, so a change that alters only
    the PNG's bytes (another zlib strategy, another chunk) must bump CARD_DESIGN too, or a
    cached build and a clean one would publish different files under one name."""
    if zlib.ZLIB_RUNTIME_VERSION != PNG_MADE_WITH:
        pytest.skip(
            f"the pinned PNG was written with zlib {PNG_MADE_WITH}; here: {zlib.ZLIB_RUNTIME_VERSION}"
        )
    written = hashlib.sha256(draw_card(PINNED_CARDS["latin"], DEFAULT_COLOURS)).hexdigest()
    assert written == PINNED_PNG, (
        "the card's PNG changed: bump CARD_DESIGN and update these digests (CARD_DESIGN is "
        f"{CARD_DESIGN!r}, in site_builder/render/social_card.py; the PNG is now {written!r})"
    )


def test_pinned_cards_cover_wrapping_cutting_and_no_section() -> None:
    """The pinned cards are the cases they are meant to be: the long card's title wraps and both
    its last line ends cut, under a site title cut too; the Latin one is one line."""
    long = PINNED_CARDS["wrapped and shortened"]
    fitted = lay_out_title(long)
    assert len(fitted.lines) > 2 and fitted.lines[-1].endswith(ELLIPSIS)
    assert card_font("", SITE_SIZE).getlength(long.site_title) > MAX_WIDTH  # cut as well
    assert lay_out_title(PINNED_CARDS["latin"]).lines == ("Mara Quill",)
    assert PINNED_CARDS["no section"].section == "" and PINNED_CARDS["right to left"].direction == "rtl"


# --- The built site ---------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the second explainer, free to edit."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return root


def build(root: Path, *args: str) -> Path:
    out_dir = root.parent / "public"
    result = run_main("build", "--root", root, "--out", out_dir, *args)
    assert result.returncode == 0, result.stderr
    return out_dir


def head_of(page: Path) -> HeadReader:
    reader = HeadReader()
    reader.feed(page.read_text("utf-8"))
    return reader


def html_pages(out_dir: Path) -> dict[str, Path]:
    """Every page readers share; not the embed pages, which are for other sites' iframes."""
    pages = {page.relative_to(out_dir).as_posix(): page for page in sorted(out_dir.rglob("*.html"))}
    return {path: page for path, page in pages.items() if not path.startswith("embed/")}


def test_every_page_names_its_card_and_the_card_is_there(project: Path) -> None:
    out_dir = build(project, "--base-url", BASE_URL)
    pages = html_pages(out_dir)
    named = set()
    for path, page in pages.items():
        meta = head_of(page).meta
        if path == "404.html":  # served at any URL: nothing to share
            assert "og:image" not in meta and meta["twitter:card"] == "summary"
            continue
        image_url = meta["og:image"]
        assert image_url.startswith(BASE_URL + "social/") and image_url.endswith(".png"), path
        assert meta["twitter:image"] == image_url
        assert meta["twitter:card"] == "summary_large_image"
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
        assert meta["og:image:type"] == "image/png"
        assert meta["og:title"] in meta["og:image:alt"] or path == "index.html"
        assert meta["og:image:alt"] == meta["twitter:image:alt"]
        card = out_dir / image_url.removeprefix(BASE_URL)
        with Image.open(card) as image:
            assert image.format == "PNG" and image.size == (1200, 630)
        named.add(card.name)
    assert named == {card.name for card in (out_dir / "social").iterdir()}  # none left over
    person = head_of(pages["people/mara-quill/index.html"]).meta
    assert person["og:image:alt"] == "Rivermouth flood 2024 (test fixture) \u2014 People \u2014 Mara Quill"
    sitemap = (out_dir / "sitemap.xml").read_text("utf-8")
    assert "social/" not in sitemap and ".png" not in sitemap


def test_without_base_url_there_is_no_card(project: Path) -> None:
    """og:image must be an absolute URL: without base_url no card is drawn, and `check` says
    why there are no absolute social URLs."""
    out_dir = build(project)
    for page in html_pages(out_dir).values():
        meta = head_of(page).meta
        assert "og:image" not in meta and "twitter:image" not in meta
        assert meta["twitter:card"] == "summary"
    assert not (out_dir / "social").exists()
    check = run_main("check", "--root", project)
    assert "no base_url" in check.stdout + check.stderr


def test_social_cards_false_turns_the_cards_off(project: Path) -> None:
    site_yaml = project / "content" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text("utf-8") + "social_cards: false\n", "utf-8")
    out_dir = build(project, "--base-url", BASE_URL)
    meta = head_of(out_dir / "people" / "mara-quill" / "index.html").meta
    assert "og:image" not in meta and meta["twitter:card"] == "summary"
    assert not (out_dir / "social").exists()


UNCOVERED_NAME = "\u0544\u0561\u0580\u0561"
"""'Mara' in Armenian: a name the default card font cannot draw (the full DejaVu Sans can)."""


def rename_mara(project: Path, name: str) -> None:
    person = project / "content" / "people" / "mara-quill.md"
    person.write_text(person.read_text("utf-8").replace("Mara Quill", name), "utf-8")


def test_accented_latin_greek_and_cyrillic_titles_get_a_card(project: Path) -> None:
    rename_mara(project, "Zo\u00eb \u0152uill\u2019s \u0395\u03bb\u03ad\u03bd\u03b7 \u041c\u0430\u0440\u0430")
    out_dir = build(project, "--base-url", BASE_URL)
    meta = head_of(out_dir / "people" / "mara-quill" / "index.html").meta
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["og:image:alt"].endswith(
        "Zo\u00eb \u0152uill\u2019s \u0395\u03bb\u03ad\u03bd\u03b7 \u041c\u0430\u0440\u0430"
    )
    assert (out_dir / meta["og:image"].removeprefix(BASE_URL)).is_file()


def test_a_title_the_font_cannot_draw_gets_no_card_rather_than_boxes(project: Path) -> None:
    rename_mara(project, f"Mara Quill ({UNCOVERED_NAME})")
    out_dir = build(project, "--base-url", BASE_URL)
    meta = head_of(out_dir / "people" / "mara-quill" / "index.html").meta
    assert "og:image" not in meta and meta["twitter:card"] == "summary"
    other = head_of(out_dir / "people" / "tomas-quill" / "index.html").meta
    assert other["twitter:card"] == "summary_large_image"


def test_check_names_the_pages_left_without_a_card(project: Path) -> None:
    rename_mara(project, f"Mara Quill ({UNCOVERED_NAME})")
    result = run_main("check", "--root", project, "--base-url", BASE_URL)
    assert result.returncode == 0, result.stderr
    assert (
        "1 page (/people/mara-quill/) has no social card: the card font (DejaVu Sans Bold, the "
        f"default) has no {' '.join(sorted(set(UNCOVERED_NAME)))}; put a font that has them in "
        "templates/social-card.ttf"
    ) in result.stderr


DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@pytest.mark.skipif(not DEJAVU.is_file(), reason="needs a TrueType font with Armenian letters")
def test_a_theme_font_draws_what_the_default_cannot(project: Path) -> None:
    rename_mara(project, f"Mara Quill ({UNCOVERED_NAME})")
    write_files(project, {"templates/social-card.ttf": DEJAVU.read_bytes()})
    out_dir = build(project, "--base-url", BASE_URL)
    meta = head_of(out_dir / "people" / "mara-quill" / "index.html").meta
    assert meta["og:image:alt"].endswith(f"Mara Quill ({UNCOVERED_NAME})")
    assert (out_dir / meta["og:image"].removeprefix(BASE_URL)).is_file()
    assert "social-card.ttf" not in {path.name for path in out_dir.rglob("*")}  # not published


def test_a_card_font_that_is_not_a_font_is_an_error_naming_it(project: Path) -> None:
    write_files(project, {"templates/social-card.ttf": b"not a font"})
    result = run_main("build", "--root", project, "--out", project.parent / "public", "--base-url", BASE_URL)
    assert result.returncode == 1
    assert "templates/social-card.ttf: the social card font is not a TrueType or OpenType font" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_a_theme_stylesheet_colours_the_built_cards(project: Path) -> None:
    write_files(project, {"templates/static/newsroom.css": ":root { --bg: #102030 }\n"})
    out_dir = build(project, "--base-url", BASE_URL)
    card = head_of(out_dir / "people" / "mara-quill" / "index.html").meta["og:image"]
    with Image.open(out_dir / card.removeprefix(BASE_URL)) as image:
        assert image.convert("RGB").getpixel((600, 600)) == (0x10, 0x20, 0x30)


def card_files(project: Path, memo: Callable[[str, str, Callable[[], bytes]], bytes]) -> dict[str, bytes]:
    """Every card of the project's site as a build publishes it (drawn here, or from memo)."""
    site = load_site(project, {"base_url": BASE_URL})
    theme = find_theme(project)
    cards, _ = plan_cards(site, plan_pages(site, theme.strings), theme)
    return cards.files(memo)


def test_cards_are_drawn_once_and_then_taken_from_the_cache(project: Path) -> None:
    """A card is memoised by what it shows: a build that changes one title draws one card."""
    cache = BuildCache(None)
    drawn: list[str] = []

    def memo(table: str, key: str, compute: Callable[[], T]) -> T:
        def counted() -> T:
            drawn.append(key)
            return compute()

        return cache.memo(table, key, counted)

    first = card_files(project, memo)
    assert len(drawn) == len(first) > 10
    cache.save()
    drawn.clear()
    again = card_files(project, memo)
    assert drawn == [] and again == first
    rename_mara(project, "Mara T. Quill")
    cache.save()
    third = card_files(project, memo)
    assert len(drawn) == 1
    assert set(third) ^ set(first) == {
        next(path for path in first if path.startswith("social/people-mara-quill.")),
        next(path for path in third if path.startswith("social/people-mara-quill.")),
    }


def card_urls(project: Path) -> dict[str, str]:
    """Page URL -> its card's URL, as planned before any card is drawn."""
    site = load_site(project, {"base_url": BASE_URL})
    theme = find_theme(project)
    _, plans = plan_cards(site, plan_pages(site, theme.strings), theme)
    return {plan.url: plan.extra["social_card"].url for plan in plans if plan.extra["social_card"]}


def test_a_card_is_named_by_what_it_shows_before_it_is_drawn(project: Path) -> None:
    """Pages name their cards before any is drawn: the same names while nothing changes, a new
    name for a card whose text changes, and for every card when the colours or the font do."""
    first = card_urls(project)
    assert len(first) > 10 and card_urls(project) == first
    rename_mara(project, "Mara T. Quill")
    renamed = card_urls(project)
    assert {url for url in first if renamed[url] != first[url]} == {"/people/mara-quill/"}
    write_files(project, {"templates/static/newsroom.css": ":root { --accent: #102030 }\n"})
    recoloured = card_urls(project)
    assert all(recoloured[url] != renamed[url] for url in renamed)
    (project / "templates/static/newsroom.css").unlink()
    assert card_urls(project) == renamed
    font = resources.files("site_builder").joinpath("data", "card-font.ttf").read_bytes()
    write_files(project, {"templates/social-card.ttf": font + b"\0"})  # the same glyphs, other bytes
    assert all(url != renamed[page] for page, url in card_urls(project).items())


def test_a_built_card_is_the_card_drawn_for_its_text(project: Path) -> None:
    """Naming a card by its key changes no byte of it: the published file is draw_card's PNG."""
    out_dir = build(project, "--base-url", BASE_URL)
    card = head_of(out_dir / "people" / "mara-quill" / "index.html").meta["og:image"]
    expected = draw_card(
        CardText("Rivermouth flood 2024 (test fixture)", "People", "Mara Quill"), DEFAULT_COLOURS
    )
    assert (out_dir / card.removeprefix(BASE_URL)).read_bytes() == expected


def test_default_colours_are_the_default_theme_light_ones() -> None:
    expected = CardColours(
        background=(0xFB, 0xFA, 0xF6),
        text=(0x1B, 0x1A, 0x17),
        muted=(0x58, 0x56, 0x4F),
        accent=(0x9B, 0x29, 0x15),
        line=(0xDC, 0xD7, 0xCB),
    )
    assert expected == DEFAULT_COLOURS


def test_cards_drawn_in_worker_processes_are_the_cards_drawn_here(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large build draws its missing cards in a pool while its pages render: started after
    planning, or before linking with the likely cards (a guess no page names is dropped).
    Either way the output is the one a one-process build makes."""
    from site_builder import build as build_module

    overrides = {"base_url": BASE_URL}
    build_module.build(project, tmp_path / "here", overrides, use_cache=False, workers=1)
    here = snapshot(tmp_path / "here")
    assert sum(path.startswith("social/") for path in here) > 10
    monkeypatch.setattr(build_module, "POOL_MIN_CARDS", 1)  # this small site takes the pool
    build_module.build(project, tmp_path / "pooled", overrides, use_cache=False, workers=2)
    assert snapshot(tmp_path / "pooled") == here
    monkeypatch.setattr(build_module, "PARALLEL_MIN_PAGES", 1)  # and starts it before linking,
    monkeypatch.setattr(build_module, "BODIES_MIN_SHARED", 1)  # sharing the bodies' Markdown
    monkeypatch.setattr(build_module, "BODIES_PER_TASK", 2)
    build_module.build(project, tmp_path / "ahead", overrides, use_cache=False, workers=2)
    assert snapshot(tmp_path / "ahead") == here


def test_a_card_pool_draws_the_cards_draw_cards_draws() -> None:
    """Cards asked for at two times, taken as they are drawn and then all: each once, the
    bytes draw_cards gives here."""
    drawings = {
        f"key-{n}": CardDrawing(CardText("Rivermouth flood", "People", f"Person {n}"), DEFAULT_COLOURS, "")
        for n in range(80)
    }
    first = dict(list(drawings.items())[:50])
    pool = CardPool(first, workers=1)
    pool.add({key: drawing for key, drawing in drawings.items() if key not in first})
    assert pool.drawing == set(drawings)
    found = pool.ready()
    rest = pool.rest()
    assert not found.keys() & rest.keys()
    assert {**found, **rest} == draw_cards(drawings)


def test_a_card_pool_renders_the_bodies_it_is_given_first_then_draws() -> None:
    """A large cold build sends the bodies' Markdown before the likely cards, and renders them
    with the pool's worker: each body once, as render_bodies renders it here, in order. While the
    pool lives its threads get the GIL within POOL_SWITCH_INTERVAL; the interval is put back."""
    before = sys.getswitchinterval()
    bodies = [
        f"Body {n}: see [[person-{n}]], *twice*.\n\n| a | b |\n|---|---|\n| {n} | x |" for n in range(24)
    ]
    tasks = [partial(render_bodies, False, bodies[start : start + 3]) for start in range(0, 24, 3)]
    drawings = {
        f"key-{n}": CardDrawing(CardText("Rivermouth flood", "People", f"Person {n}"), DEFAULT_COLOURS, "")
        for n in range(4)
    }
    pool = CardPool(drawings, workers=1, first=tasks)
    assert sys.getswitchinterval() == POOL_SWITCH_INTERVAL < before
    shared = pool.shared()
    assert shared == [render_bodies(False, bodies[start : start + 3]) for start in range(0, 24, 3)]
    assert [body.spots[0][0] for task in shared for body in task] == [f"person-{n}" for n in range(24)]
    assert pool.rest() == draw_cards(drawings)
    assert sys.getswitchinterval() == before


FA_FIXTURE = REPO / "tests" / "fixtures" / "languages-fa"


def test_persian_pages_get_cards_and_check_has_nothing_to_say(tmp_path: Path) -> None:
    """The Persian fixture with a base URL: every page of both languages names a card that
    exists, 1200x630; the Persian ones run from the right, and `check` names no page without one."""
    root = tmp_path / "project"
    shutil.copytree(FA_FIXTURE, root)
    out_dir = build(root, "--base-url", BASE_URL)
    for path in ("index.html", "people/anna/index.html", "timeline/index.html", "en/people/anna/index.html"):
        meta = head_of(out_dir / path).meta
        assert meta["twitter:card"] == "summary_large_image", path
        png = (out_dir / meta["og:image"].removeprefix(BASE_URL)).read_bytes()
        with Image.open(io.BytesIO(png)) as image:
            assert image.size == (CARD_WIDTH, CARD_HEIGHT)
        left, right = ink_columns(png, SITE_TOP, SITE_TOP + 50)  # the site title's line
        persian = not path.startswith("en/")
        assert (right >= CARD_WIDTH - MARGIN - 8) is persian and (left <= MARGIN + 8) is not persian, path
    assert meta["og:image:alt"] == "The river festival \u2014 People \u2014 Anna Berg"
    result = run_main("check", "--root", root, "--base-url", BASE_URL)
    assert result.returncode == 0, result.stderr
    assert "social card" not in result.stderr
