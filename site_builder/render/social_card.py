"""Social cards: the 1200x630 PNG a link preview shows for a page that has no picture of its own.

A card says the site's title, the page's section and the page's title, in the theme's colours
(custom properties of the stylesheet's :root rule, read like the chart sizes) and a font that
ships with site-builder (DejaVu Sans Bold, subset: site_builder/data/DEJAVU.md) or the theme's own
`templates/social-card.ttf`/`.otf`.
A card is drawn once per distinct text, colours and font (memoised through the build cache) and
named by a hash of its key: what its bytes are a function of (the text, colours, font, the
design's version CARD_DESIGN and the libraries Pillow draws with). So a page can name its card
before it is drawn, a no-change build draws nothing, and a card that could look different gets a
new URL.

The default font covers Latin (every accented letter), Greek, Cyrillic, Arabic and Persian,
Hebrew and the usual punctuation; a page whose text needs a glyph the font lacks (CJK, emoji...)
gets no card rather than a card with empty boxes, and `check` names it. A right-to-left page's
card is drawn from the right, shaped and ordered by Pillow's Raqm layout (HarfBuzz, which the
PyPI wheels bundle, and FriBiDi, which Pillow loads from the system); without Raqm, a page whose
text must be shaped gets no card either, rather than letters that do not join.
"""

from __future__ import annotations

import unicodedata
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import field, replace
from functools import cache, lru_cache, partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..cache import content_key
from ..errors import BuildFailed, TemplateProblem
from ..inputs import default_theme_dir
from ..languages import text_direction
from ..model import Config, Item, Site, item_name
from ..records import frozen
from ..urls import NOT_FOUND_URL, absolute_url
from .card_png import card_png, head_run
from .chart_sizes import STYLESHEET, scan_custom_properties
from .pages import PagePlan
from .theme import Theme

if TYPE_CHECKING:  # Pillow is imported by the functions that draw: a site without cards never loads it
    from concurrent.futures import Future

    from PIL import Image, ImageFont

    from ..markup import RenderedBody

T = TypeVar("T")
Memo = Callable[[str, str, Callable[[], T]], T]

CARD_WIDTH, CARD_HEIGHT = 1200, 630
"""The size Open Graph and X (Twitter) show large, 1.91:1."""
CARD_DIR = "social"
"""Output folder of the cards: /social/<page>.<hash>.png."""
FONT_FILES = ("social-card.ttf", "social-card.otf")
"""A theme's own card font, in its templates/ folder (not static/: it is not a page asset)."""
DEFAULT_FONT = "card-font.ttf"
"""The default card font, in site_builder/data/ (tools/make_card_font.py made it)."""

MARGIN = 80
BAND = 16
"""The accent band across the top, in px."""
SITE_SIZE = 36
SECTION_SIZE = 34
TITLE_SIZES = tuple(range(84, 43, -4))
"""Page title sizes tried, largest first: the largest at which the title fits is drawn."""
LINE_SPACING = 1.15
RTL_LINE_SPACING = 1.4
"""For a right-to-left card: Arabic letters' dots and marks reach further above and below."""
SITE_TOP = 64
SECTION_TOP = 176
TEXT_BOTTOM = CARD_HEIGHT - MARGIN
ELLIPSIS = "\u2026"
INK_LEVELS = 16
"""Shades per ink colour: text edges blend the ink into the background in 16 steps."""
CARD_DESIGN = "4"
"""The version of the card's drawing: its layout, palette and PNG encoding (3: Pillow's
encoder at zlib level 1; 4: card_png, the same pixels in fewer bytes). Every card's name
hashes it (drawing_digest), so bump it with any change that alters a card's bytes, and only
then (the build cache keeps a card's bytes by its name's key): tests/test_social_card.py pins
the pixels of a few cards, and the bytes of one, and fails until it is bumped.
A refactor or a comment here renames no published card."""


@frozen
class CardColours:
    """A card's colours, each the value of a custom property in the stylesheet's :root rule."""

    background: tuple[int, int, int]
    """--bg: the card's ground."""
    text: tuple[int, int, int]
    """--fg: the page title."""
    muted: tuple[int, int, int]
    """--muted: the site title."""
    accent: tuple[int, int, int]
    """--accent: the band along the top and the section name."""
    line: tuple[int, int, int]
    """--line: the rule under the site title."""


CARD_COLOUR_PROPERTIES = {
    "--bg": "background",
    "--fg": "text",
    "--muted": "muted",
    "--accent": "accent",
    "--line": "line",
}
"""Custom property -> CardColours field."""


@frozen
class CardText:
    """What one card says."""

    site_title: str
    section: str
    """The section's name ('People'), or '' for a page in no section."""
    title: str
    language: str = ""
    """The page's language (BCP 47) for shaping, given for a right-to-left page only."""
    direction: str = ""
    """'rtl' for a page in a right-to-left language: the card is drawn from the right."""


@frozen
class SocialCard:
    """A drawn card as a page's <head> names it (templates read these fields)."""

    path: str
    """Output path: 'social/people-ada.1a2b3c4d5e.png'."""
    url: str
    """Absolute URL, as og:image requires."""
    alt: str
    width: int = CARD_WIDTH
    height: int = CARD_HEIGHT


@frozen(eq=False, repr=False)
class FittedText:
    """Text broken into lines at one font size."""

    size: int
    lines: tuple[str, ...]


def read_card_colours(theme: Theme) -> CardColours:
    """The card colours from the theme's stylesheets (a later stylesheet's value wins, as in
    the browser); a property a theme leaves out keeps the default theme's value. BuildFailed
    naming the file and line of a value Pillow cannot read as one colour."""
    from PIL import ImageColor

    default_dir = default_theme_dir().resolve()
    sheets = [(str(default_dir / "static" / STYLESHEET), default_dir / "static" / STYLESHEET)]
    for name in sorted(
        (n for n in theme.static_files if n.endswith(".css")), key=lambda n: (n != STYLESHEET, n)
    ):
        path = theme.static_files[name]
        shown = str(path) if path.resolve().is_relative_to(default_dir) else f"templates/static/{name}"
        sheets.append((shown, path))
    found: dict[str, tuple[int, int, int]] = {}
    problems: list[TemplateProblem] = []
    for shown, path in sheets:
        try:
            css = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            problems.append(TemplateProblem(shown, 0, 0, f"cannot read the stylesheet: {e}"))
            continue
        declarations, _ = scan_custom_properties(css, CARD_COLOUR_PROPERTIES)
        for decl in declarations:
            if decl.rule != ":root":  # dark mode's values: a card is one picture, in light
                continue
            try:
                found[decl.prop] = ImageColor.getrgb(decl.value)[:3]
            except ValueError:
                problems.append(
                    TemplateProblem(
                        shown,
                        decl.line,
                        decl.column,
                        (
                            f"{decl.prop} must be one colour, like #fbfaf6, not '{decl.value}': the "
                            "social cards are drawn in it at build time"
                        ),
                    )
                )
    if problems:
        raise BuildFailed(problems)
    return CardColours(**{field: found[prop] for prop, field in CARD_COLOUR_PROPERTIES.items()})


def find_card_font(theme: Theme) -> Path | None:
    """The theme's own card font file, or None for the default font."""
    for directory in theme.template_dirs:
        for name in FONT_FILES:
            if (directory / name).is_file():
                return directory / name
    return None


@cache
def card_font(font_file: str, size: int) -> ImageFont.FreeTypeFont:
    """The card font at a size ('' names the default font); loaded once per process."""
    from PIL import ImageFont

    try:
        return ImageFont.truetype(font_file or default_font_file(), size)
    except ImportError as e:  # Pillow built without FreeType
        raise BuildFailed(
            [
                TemplateProblem(
                    "templates",
                    0,
                    0,
                    "Pillow has no FreeType support, so social cards cannot be "
                    "drawn; install a Pillow wheel from PyPI, which has it",
                )
            ]
        ) from e


def default_font_file() -> str:
    """The path of the font site-builder ships for cards (a file in the installed package)."""
    return str(resources.files("site_builder").joinpath("data", DEFAULT_FONT))


def missing_glyphs(text: str, font_file: str = "") -> str:
    """The characters of text the card font has no glyph for (drawn, they would be boxes)."""
    return "".join(sorted({char for char in text if not char.isspace() and glyph_missing(font_file, char)}))


@cache
def glyph_missing(font_file: str, char: str) -> bool:
    """Whether the font draws char as its "no glyph" box (the one a noncharacter gets);
    asked once per character and font, as a 4,000-page site asks it 100,000 times."""
    font = card_font(font_file, SITE_SIZE)
    return _glyph_signature(font, char) == _glyph_signature(font, "\uffff")


def _glyph_signature(font: ImageFont.FreeTypeFont, char: str) -> tuple[tuple[int, int], bytes]:
    mask = font.getmask(char)
    return mask.size, bytes(mask)


def wrap_words(text: str, width: Callable[[str], float], max_width: float) -> list[str]:
    """Break text at spaces into lines no wider than max_width (a word wider than that stays
    whole on its own line: the caller shrinks the text or cuts it with an ellipsis)."""
    lines: list[str] = []
    for word in text.split():
        if lines and width(f"{lines[-1]} {word}") <= max_width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def shorten(line: str, width: Callable[[str], float], max_width: float) -> str:
    """line, or as much of it as fits with an ellipsis after it: cut after a whole word when
    one fits, else inside the word (the ellipsis shows the cut)."""
    if width(line) <= max_width:
        return line
    words = line.split()
    while len(words) > 1:
        words.pop()
        candidate = " ".join(words).rstrip(",;:.-\u2013\u2014") + ELLIPSIS
        if width(candidate) <= max_width:
            return candidate
    word = words[0] if words else ""
    while word and width(word + ELLIPSIS) > max_width:
        word = word[:-1]
    return word + ELLIPSIS


def fit_text(
    text: str,
    width_at: Callable[[int], Callable[[str], float]],
    sizes: Iterable[int],
    max_width: float,
    lines_at: Callable[[int], int],
) -> FittedText:
    """The largest size at which text wraps into at most lines_at(size) lines, each no wider
    than max_width; at the smallest size, the lines that fit, the last one ending in an
    ellipsis when words were left out."""
    size = 0
    lines: list[str] = []
    for size in sizes:
        width = width_at(size)
        lines = wrap_words(text, width, max_width)
        if len(lines) <= lines_at(size) and all(width(line) <= max_width for line in lines):
            return FittedText(size, tuple(lines))
    width = width_at(size)
    kept = lines[: max(lines_at(size), 1)]
    if len(kept) < len(lines):  # the next word did not fit on the last line: cut, and say so
        kept[-1] = shorten(f"{kept[-1]} {lines[len(kept)]}", width, max_width)
    return FittedText(size, tuple(shorten(line, width, max_width) for line in kept))


def line_height(size: int, text: CardText | None = None) -> int:
    """Baseline to baseline, in px, for text of a size (on a card that says `text`)."""
    spacing = RTL_LINE_SPACING if text is not None and text.direction == "rtl" else LINE_SPACING
    return round(size * spacing)


def title_top(section: str) -> int:
    """Where the page title's first line starts: under the section name when there is one."""
    return SECTION_TOP + (line_height(SECTION_SIZE) + 16 if section else 0)


def title_lines_at(top: int, text: CardText | None = None) -> Callable[[int], int]:
    """How many title lines of a size fit between top and the bottom margin."""
    return lambda size: max((TEXT_BOTTOM - top - size) // line_height(size, text) + 1, 1)


def text_width(font: ImageFont.FreeTypeFont, text: CardText) -> Callable[[str], float]:
    """How wide a line is drawn in the card's direction and language (shaped: joined Arabic
    letters are narrower than their isolated forms)."""
    if not text.direction:
        return font.getlength
    return partial(font.getlength, direction=text.direction, language=text.language or None)


def lay_out_title(text: CardText, font_file: str = "") -> FittedText:
    """The page title's size and lines on the card."""

    def width_at(size: int) -> Callable[[str], float]:
        return text_width(card_font(font_file, size), text)

    return fit_text(
        text.title,
        width_at,
        TITLE_SIZES,
        CARD_WIDTH - 2 * MARGIN,
        title_lines_at(title_top(text.section), text),
    )


INKS = ("text", "muted", "accent", "line")
"""The CardColours drawn over the background, in palette order."""
TEXT_INK, MUTED_INK, ACCENT_INK, LINE_INK = range(len(INKS))
"""Each ink's number in the palette (INKS' order)."""


@cache
def ink_table(ink: int) -> list[int]:
    """Coverage (0-255) of one ink -> palette index: 0 is the background, then INK_LEVELS
    shades of each ink over it, the last one the ink itself."""
    return [0] + [ink * INK_LEVELS + max(1, (value * INK_LEVELS + 127) // 255) for value in range(1, 256)]


@lru_cache(maxsize=4)
def card_palette(colours: CardColours) -> bytes:
    """The palette ink_table indexes: the background, then each ink's shades over it (worked
    out once per colours: a site's cards share them)."""
    background = colours.background
    palette = list(background)
    for name in INKS:
        ink = getattr(colours, name)
        for level in range(1, INK_LEVELS + 1):
            palette += [round(b + (i - b) * level / INK_LEVELS) for b, i in zip(background, ink, strict=True)]
    return bytes(palette)


def put_text(
    canvas: Image.Image,
    xy: tuple[int, int],
    text: str,
    font: ImageFont.FreeTypeFont,
    ink: int,
    card: CardText | None = None,
) -> tuple[int, int, int, int] | None:
    """Draw text (its top left at xy; its top right for a right-to-left card) into a canvas of
    palette indices, in shades of one ink; the box drawn into (None: nothing to draw).

    Only the text's own box is drawn and combined (the inks never overlap, so the larger index
    wins): a whole-card layer per ink costs more than the text does."""
    direction = card.direction or None if card is not None else None
    language = card.language or None if card is not None and direction else None
    anchor = "rt" if direction == "rtl" else "lt"
    bbox = font.getbbox(text, anchor=anchor, direction=direction, language=language)
    left, top, right, bottom = (round(v) for v in bbox)
    if right <= left or bottom <= top:
        return None
    box = (xy[0] + left, xy[1] + top, xy[0] + right, xy[1] + bottom)
    from PIL import Image, ImageChops, ImageDraw

    coverage = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(coverage).text(
        (-left, -top), text, font=font, fill=255, anchor=anchor, direction=direction, language=language
    )
    canvas.paste(ImageChops.lighter(canvas.crop(box), coverage.point(ink_table(ink))), box)
    return box


def draw_card(text: CardText, colours: CardColours, font_file: str = "") -> bytes:
    """The card as PNG bytes: the same text, colours and font always give the same bytes (no
    time, no metadata chunk; a palette image, so it stays small)."""
    from PIL import Image

    shared = replace(text, title="")
    ground = card_ground(shared, font_file)
    canvas = Image.new("L", (CARD_WIDTH, CARD_HEIGHT), 0)  # palette indices, 0: the background
    canvas.paste(ground, (0, 0))
    start = CARD_WIDTH - MARGIN if text.direction == "rtl" else MARGIN  # where lines begin
    fitted = lay_out_title(text, font_file)
    title_font = card_font(font_file, fitted.size)
    top = title_top(text.section)
    boxes = []
    for index, line in enumerate(fitted.lines):
        y = top + index * line_height(fitted.size, text)
        box = put_text(canvas, (start, y), line, title_font, TEXT_INK, text)
        if box is not None:
            boxes.append(box)
    # The rows the title drew in (and any of the ground's below them): the rest is the ground's
    # or background, which card_png takes ready-compressed.
    body_end = min(max([ground.height, *(box[3] for box in boxes)]), CARD_HEIGHT)
    body_top = max(min([body_end, *(box[1] for box in boxes)]), 0)
    body = canvas.crop((0, body_top, CARD_WIDTH, body_end)).tobytes()
    head = partial(card_head, shared, font_file)
    return card_png(CARD_WIDTH, CARD_HEIGHT, card_palette(colours), head, body_top, body)


@lru_cache(maxsize=16)
def card_ground(text: CardText, font_file: str) -> Image.Image:
    """What the cards of a site and section share, in palette indices: the band, the site
    title, the rule and the section's name (text's title is not drawn). Drawn once per process
    and pasted under each card's title, as text costs most of a card's drawing; cut below its
    last ink (the rest is background), so a few of them cost little memory."""
    from PIL import Image

    canvas = Image.new("L", (CARD_WIDTH, CARD_HEIGHT), 0)
    max_width = CARD_WIDTH - 2 * MARGIN
    start = CARD_WIDTH - MARGIN if text.direction == "rtl" else MARGIN
    canvas.paste(ACCENT_INK * INK_LEVELS + INK_LEVELS, (0, 0, CARD_WIDTH, BAND))
    site_font = card_font(font_file, SITE_SIZE)
    put_text(
        canvas,
        (start, SITE_TOP),
        shorten(text.site_title, text_width(site_font, text), max_width),
        site_font,
        MUTED_INK,
        text,
    )
    rule_y = SITE_TOP + line_height(SITE_SIZE) + 12
    canvas.paste(LINE_INK * INK_LEVELS + INK_LEVELS, (MARGIN, rule_y, CARD_WIDTH - MARGIN, rule_y + 2))
    if text.section:
        section_font = card_font(font_file, SECTION_SIZE)
        put_text(
            canvas,
            (start, SECTION_TOP),
            shorten(text.section, text_width(section_font, text), max_width),
            section_font,
            ACCENT_INK,
            text,
        )
    inked = canvas.getbbox()
    return canvas.crop((0, 0, CARD_WIDTH, inked[3] if inked else 1))


@lru_cache(maxsize=64)
def card_head(text: CardText, font_file: str, rows: int) -> tuple[bytes, int]:
    """The first `rows` rows of the cards of a site and section (card_ground's, then
    background), compressed, with their checksum: a site's cards start their titles at a few
    heights, so each is compressed once per process."""
    return head_run(card_ground(text, font_file).tobytes(), CARD_WIDTH, rows)


def card_texts(site: Site, plans: Iterable[PagePlan], strings: Mapping[str, str]) -> dict[str, CardText]:
    """Page URL -> what its card says, for every page that gets one: not the 404 page, and not
    a page whose item has a raster picture of its own (that picture is its og:image; an SVG
    is not, as no social site shows one, so its page gets a card)."""
    texts: dict[str, CardText] = {}
    language = site.language or site.config.language
    shaping = {"language": language, "direction": "rtl"} if text_direction(language) == "rtl" else {}
    for plan in plans:
        own = site.media.get(getattr(plan.item, "image", "") or "")
        if plan.url == NOT_FOUND_URL or (own is not None and own.info.format != "svg"):
            continue
        kind = plan.item.kind if plan.item is not None else ""
        section = strings.get(f"{kind}.title", "") if kind not in ("", "pages") else ""
        title = plan.title if plan.url != "/" else site.config.description or plan.title
        texts[plan.url] = CardText(site.config.title, section, " ".join(title.split()), **shaping)
    return texts


def card_name(page_url: str, key: str) -> str:
    """'/people/ada/' -> 'social/people-ada.<hash>.png' ('/' -> 'home'), the hash of the card's
    key (card_keys): known before the card is drawn, so pages can name it while it is."""
    stem = "-".join(part for part in page_url.strip("/").split("/") if part) or "home"
    return f"{CARD_DIR}/{stem}.{key[:10]}.png"


@cache
def drawing_digest() -> str:
    """A hash of what draws a card besides its text, colours and font: the design's version
    (CARD_DESIGN), the versions of Pillow and of the libraries it rasterises and shapes with
    (FreeType, Raqm, FriBiDi, HarfBuzz; FriBiDi comes from the system), and of the zlib that
    compresses the PNG (Python's: card_png). A card's name hashes it, so a new Pillow renames
    every card once, and an edit of this module renames none unless it bumps CARD_DESIGN.
    Asked once per process."""
    import PIL
    from PIL import features

    versions = [f"{name}={features.version(name)}" for name in ("freetype2", "raqm", "fribidi", "harfbuzz")]
    return content_key(
        f"card design {CARD_DESIGN}", PIL.__version__, *versions, f"zlib={zlib.ZLIB_RUNTIME_VERSION}"
    )


def card_keys(font_key: str, colours: CardColours) -> Callable[[CardText], str]:
    """The key of a card of this font and colours: what its bytes are a function of, so both
    its memo key and the hash in its name (what the cards share is hashed once)."""
    shared = (drawing_digest(), font_key, repr(colours))

    def key(text: CardText) -> str:
        return content_key(*shared, text.site_title, text.section, text.title, *shaping_key(text))

    return key


def card_alt(text: CardText) -> str:
    """The card's alt text: what it says, in reading order."""
    return " \u2014 ".join(part for part in (text.site_title, text.section, text.title) if part)


def card_font_file(theme: Theme) -> str:
    """The theme's card font file as card_font takes it ('' for the default); BuildFailed naming
    the file when Pillow cannot read it as a font."""
    font_path = find_card_font(theme)
    if font_path is None:
        return ""
    card_font.cache_clear()  # the file may have changed since the last build of this process
    glyph_missing.cache_clear()
    card_ground.cache_clear()
    card_head.cache_clear()
    try:
        card_font(str(font_path), SITE_SIZE)
    except OSError as e:
        shown = f"templates/{font_path.name}"
        raise BuildFailed(
            [
                TemplateProblem(
                    shown,
                    0,
                    0,
                    (f"the social card font is not a TrueType or OpenType font Pillow can read ({e})"),
                )
            ]
        ) from e
    return str(font_path)


def undrawable(texts: Mapping[str, CardText], font_file: str) -> dict[str, str]:
    """Page URL -> the characters of its card's text the font has no glyph for, for each card
    that cannot be drawn whole (it gets no card: a preview with empty boxes misleads). Each
    character is asked once: a large site's texts are mostly the same few letters."""
    wholes = {url: f"{text.site_title}{text.section}{text.title}" for url, text in texts.items()}
    lacking = set(missing_glyphs("".join(set("".join(wholes.values()))), font_file))
    if not lacking:
        return {}
    return {
        url: "".join(sorted(lacking.intersection(whole)))
        for url, whole in wholes.items()
        if lacking.intersection(whole)
    }


def can_shape() -> bool:
    """Whether Pillow lays text out with Raqm (HarfBuzz and FriBiDi): joined Arabic letters,
    right-to-left order. The PyPI wheels bundle HarfBuzz; FriBiDi comes from the system
    (Debian: libfribidi0)."""
    from PIL import features

    return bool(features.check("raqm"))


def needs_shaping(text: CardText) -> bool:
    """Whether a card's text can only be drawn by a shaping layout: a right-to-left page's, or
    one with right-to-left letters (Arabic joins; Hebrew and Arabic run from the right)."""
    whole = f"{text.site_title}{text.section}{text.title}"
    return bool(text.direction) or any(unicodedata.bidirectional(char) in ("R", "AL") for char in whole)


def unshapable(texts: Mapping[str, CardText]) -> list[str]:
    """Page URLs whose card needs shaping where Pillow has none (they get no card)."""
    if can_shape():
        return []
    return [url for url, text in texts.items() if needs_shaping(text)]


CARD_TABLE = "social_cards"
"""The build cache's table of drawn cards, by key (card_keys): the digest of each card's
PNG, whose bytes card_files.CardFiles keeps as a file; the PNG itself without a cache folder."""

POOL_MIN_CARDS = 200
"""Below this many cards to draw (about 1 ms each), starting worker processes costs more than
drawing them here."""
CARDS_PER_TASK = 32
"""Cards drawn by one task (about 35 ms): a worker's share arrives as it is drawn."""


@frozen(eq=False, repr=False)
class CardDrawing:
    """One card to draw: all draw_card needs, as plain data a worker process can be sent."""

    text: CardText
    colours: CardColours
    font_file: str


@frozen(eq=False, repr=False)
class Cards:
    """A build's cards as its pages name them, before any is drawn (plan_cards)."""

    paths: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Key -> the output paths of its card ('social/people-ada.<hash>.png'): pages whose cards
    say the same share a key, each with a file of its own name."""
    drawings: dict[str, CardDrawing] = field(default_factory=dict)
    """Key -> what to draw."""

    def moved(self, folder: str) -> Cards:
        """These cards with their paths in a language's folder ('fr/')."""
        return Cards(
            {key: tuple(folder + path for path in paths) for key, paths in self.paths.items()}, self.drawings
        )

    def merged(self, other: Cards) -> Cards:
        """The cards of both."""
        paths = dict(self.paths)
        for key, more in other.paths.items():
            paths[key] = paths.get(key, ()) + more
        return Cards(paths, {**self.drawings, **other.drawings})

    def missing(self, has: Callable[[str, str], bool]) -> dict[str, CardDrawing]:
        """Key -> drawing of each card the memo does not hold: what a build must draw."""
        return {key: drawing for key, drawing in self.drawings.items() if not has(CARD_TABLE, key)}

    def files(
        self, memo: Memo[bytes], drawn: Mapping[str, bytes] | None = None, keys: Iterable[str] | None = None
    ) -> dict[str, bytes]:
        """Output path -> PNG of the cards of `keys` (None: every card): from `drawn` (key ->
        PNG), else the memo, else drawn here; each recorded in the memo."""
        drawn = drawn or {}
        files: dict[str, bytes] = {}
        for key in self.paths if keys is None else keys:
            draw = partial(drawn.__getitem__, key) if key in drawn else partial(draw_one, self.drawings[key])
            png = memo(CARD_TABLE, key, draw)
            files.update(dict.fromkeys(self.paths[key], png))
        return files


def plan_cards(site: Site, plans: list[PagePlan], theme: Theme) -> tuple[Cards, list[PagePlan]]:
    """The site's cards, named by their keys, and the plans with each page's card (or None) as
    `social_card`: nothing is drawn yet (draw_cards, Cards.files), so pages can be rendered
    while the cards are drawn. Without base_url there is no card: og:image must be absolute."""
    cards: dict[str, SocialCard] = {}
    paths: dict[str, tuple[str, ...]] = {}
    drawings: dict[str, CardDrawing] = {}
    if site.config.base_url and site.config.social_cards:
        texts = card_texts(site, plans, theme.strings)
        for url, (key, drawing) in card_drawings(texts, theme).items():
            drawings.setdefault(key, drawing)
            path = card_name(url, key)
            paths[key] = (*paths.get(key, ()), path)
            cards[url] = SocialCard(path, absolute_url(site, "/" + path), card_alt(drawing.text))
    planned = [plan.with_extra(social_card=cards.get(plan.url)) for plan in plans]
    return Cards(paths, drawings), planned


def shaping_key(text: CardText) -> tuple[str, ...]:
    """What a card's key adds for its direction and language: nothing for a left-to-right card."""
    return (text.direction, text.language) if text.direction else ()


def draw_one(drawing: CardDrawing) -> bytes:
    """The card's PNG bytes."""
    return draw_card(drawing.text, drawing.colours, drawing.font_file)


def draw_cards(drawings: Mapping[str, CardDrawing]) -> dict[str, bytes]:
    """Key -> PNG of each card: a task of a CardPool, or run here."""
    return {key: draw_one(drawing) for key, drawing in drawings.items()}


def drawing_tasks(missing: Mapping[str, CardDrawing]) -> list[partial[dict[str, bytes]]]:
    """The cards as tasks of CARDS_PER_TASK cards each, for a CardPool."""
    keys = list(missing)
    return [
        partial(draw_cards, {key: missing[key] for key in keys[start : start + CARDS_PER_TASK]})
        for start in range(0, len(keys), CARDS_PER_TASK)
    ]


def likely_cards(config: Config, items: Iterable[Item], theme: Theme) -> dict[str, CardDrawing]:
    """Key -> drawing of the cards the people's and places' pages will most likely have, said
    as card_texts says them, known before the site is linked (items parsed, not yet linked):
    what a CardPool draws while this process links. Only a guess: a page takes its card by
    the key plan_cards gives it, so a card guessed wrong (a draft left out, a picture of its
    own, another language's section name) is simply not used."""
    if not (config.base_url and config.social_cards):
        return {}
    shaping = (
        {"language": config.language, "direction": "rtl"} if text_direction(config.language) == "rtl" else {}
    )
    texts = {
        item.slug: CardText(
            config.title,
            theme.strings.get(f"{item.kind}.title", ""),
            " ".join(item_name(item).split()),
            **shaping,
        )
        for item in items
        if item.kind in ("people", "places") and not own_picture(str(getattr(item, "image", "") or ""))
    }
    return dict(card_drawings(texts, theme).values())


def card_drawings(texts: Mapping[str, CardText], theme: Theme) -> dict[str, tuple[str, CardDrawing]]:
    """Name (a page's URL, an item's slug) -> the key and drawing of its card in this theme's
    colours and font, for each text the font can draw and this Pillow can lay out."""
    colours = read_card_colours(theme)
    font_file = card_font_file(theme)
    font_key = content_key(Path(font_file or default_font_file()).read_bytes())
    left_out = {**undrawable(texts, font_file), **dict.fromkeys(unshapable(texts), "")}
    key_of = card_keys(font_key, colours)
    return {
        name: (key_of(text), CardDrawing(text, colours, font_file))
        for name, text in texts.items()
        if name not in left_out
    }


def own_picture(image: str) -> bool:
    """Whether an item's `image` will most likely be its page's og:image rather than a card: a
    raster picture (card_texts asks the linked site's media; this is the guess before it)."""
    return bool(image) and not image.lower().endswith(".svg")


class CardPool:
    """Cards drawn in worker processes while this process does other work: linking the site
    (started before it with the likely cards), then rendering its pages. A fresh process draws a
    card faster than a render worker would (3.5 ms against 5.3 on the bench machine, before
    card_ground and card_png made a card about 1 ms), and what a worker of its own draws never
    waits for a page.

    Forkserver: never a fork of a build that may run threads, as serve does."""

    def __init__(
        self,
        drawings: Mapping[str, CardDrawing],
        workers: int,
        first: Sequence[partial[list[RenderedBody]]] = (),
    ) -> None:
        import contextlib
        import multiprocessing  # here: most builds draw their few cards without a pool
        from concurrent.futures import ProcessPoolExecutor

        from ..arenas import threads_switched_quickly
        from .workers import watch_parent

        context = multiprocessing.get_context("forkserver")
        self.switching = contextlib.ExitStack()
        """The GIL handed quickly to the pool's threads, until it is closed."""
        self.switching.enter_context(threads_switched_quickly())
        self.alive = context.Pipe(duplex=False)
        """A pipe nobody writes to: a worker sees it close when this process ends, however it
        ends (killed while the workers draw: they do not wait for work for good)."""
        self.pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=watch_parent, initargs=(self.alive[0],)
        )
        self.drawing: set[str] = set()
        """The keys of the cards drawn or being drawn."""
        self.pending: list[tuple[partial[dict[str, bytes]], Future[dict[str, bytes]]]] = []
        """The tasks whose cards were not taken yet, and their futures."""
        self.first = [(task, self.pool.submit(task)) for task in first]
        """Tasks sent before any card, and their futures: bodies to render, which this process
        waits for (shared), while the cards are wanted only once the pages render."""
        self.add(drawings)

    def shared(self) -> list[list[RenderedBody]]:
        """The results of the tasks sent `first`, in order: this process runs those no worker
        started, from the last, while the workers take them from the first; then waits for
        theirs. The workers go on to the cards."""
        from .workers import worker_result  # a worker killed reads as the render pool's

        ours = {}
        for index in reversed(range(len(self.first))):
            task, future = self.first[index]
            if future.cancel():  # not sent to a worker yet
                ours[index] = task()
        results = [
            ours[index] if index in ours else worker_result(future)
            for index, (_, future) in enumerate(self.first)
        ]
        self.first = []
        return results

    def add(self, drawings: Mapping[str, CardDrawing]) -> None:
        """Draw these cards too, after those asked for before."""
        self.drawing.update(drawings)
        self.pending += [(task, self.pool.submit(task)) for task in drawing_tasks(drawings)]

    def ready(self) -> dict[str, bytes]:
        """Key -> PNG of the cards drawn since the last ask, without waiting."""
        found: dict[str, bytes] = {}
        for task, future in list(self.pending):
            if future.done():
                found.update(future.result())  # what a worker raised is raised here
                self.pending.remove((task, future))
        return found

    def rest(self) -> dict[str, bytes]:
        """Key -> PNG of the cards not taken yet: this process draws those no worker started
        (from the last, while the workers finish theirs), then waits; the pool is closed."""
        found: dict[str, bytes] = {}
        try:
            for task, future in reversed(self.pending):
                if future.cancel():
                    found.update(task())
            for _, future in self.pending:
                if not future.cancelled():
                    found.update(future.result())
        finally:
            self.close()
        self.pending = []
        return found

    def close(self) -> None:
        """Drop the cards not started, and stop the workers once those being drawn are."""
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.switching.close()
        for end in self.alive:
            end.close()


def cards_note(site: Site, theme: Theme, plans: list[PagePlan]) -> str:
    """What `check` says about pages left without a card because the font lacks characters of
    their text ('' when there are none, or no cards are drawn)."""
    if not (site.config.base_url and site.config.social_cards):
        return ""
    font_file = card_font_file(theme)
    texts = card_texts(site, plans, theme.strings)
    left_out = undrawable(texts, font_file)
    unshaped = [url for url in unshapable(texts) if url not in left_out]
    notes = []
    if left_out:
        chars = "".join(sorted(set("".join(left_out.values()))))
        font = f"templates/{Path(font_file).name}" if font_file else "DejaVu Sans Bold, the default"
        notes.append(
            f"{pages_without_card(sorted(left_out))}: the card font ({font}) has no "
            f"{' '.join(chars)}; put a font that has them in templates/social-card.ttf "
            '(docs/theming.md, "Social cards")'
        )
    if unshaped:
        notes.append(
            f"{pages_without_card(sorted(unshaped))}: their text runs right to left or joins its "
            "letters, and this Pillow cannot lay it out (it has no Raqm, which needs FriBiDi: on "
            'Debian, apt-get install libfribidi0) (docs/theming.md, "Social cards")'
        )
    return "\n".join(notes)


def pages_without_card(urls: list[str]) -> str:
    """'3 pages (/a/, /b/, /c/, ...) have no social card'."""
    shown = ", ".join(urls[:3]) + (", ..." if len(urls) > 3 else "")
    count = len(urls)
    return (
        f"{count} page{'s' if count != 1 else ''} ({shown}) {'have' if count != 1 else 'has'} no social card"
    )
