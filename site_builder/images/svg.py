"""SVG files checked before they are published: no script, no event handler, no embedded HTML,
nothing fetched from another origin or another file, no DOCTYPE (entities expand or fetch).

An SVG is a document, not a picture: one opened from our origin runs its scripts with the site's
rights. Expat (the standard library's parser) gives the line and column of every element, and
its handlers let us stop at a DOCTYPE before an entity is declared, let alone expanded.
"""

from __future__ import annotations

import re
from xml.parsers import expat

from ..errors import BuildFailed, ContentError

SVG_NAMESPACE = "http://www.w3.org/2000/svg"

REFUSED_ELEMENTS = {
    "script": "a script element (it runs with the site's rights)",
    "handler": "a handler element (SVG Tiny's script)",
    "foreignobject": "a foreignObject element (it embeds HTML)",
    "iframe": "an iframe element",
    "embed": "an embed element",
    "object": "an object element",
}
"""Elements refused in any namespace (lowercased local names): each runs code or embeds a page."""

URL_ATTRIBUTES = {"href", "src"}
"""Local names of attributes that hold a URL (href, xlink:href, src)."""

SAFE_DATA_URL = re.compile(r"data:image/(?:png|jpeg|gif|webp|avif)[;,]", re.IGNORECASE)
"""Data URLs allowed: raster images, which run nothing (data:image/svg+xml is a document)."""

CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
IMPORT = re.compile(r"@import", re.IGNORECASE)
SCRIPT_SCHEME = re.compile(r"(?:javascript|vbscript):", re.IGNORECASE)
"""A script URL anywhere in a value (with whitespace removed): refused in any attribute."""

ANIMATIONS = {"animate", "set"}
"""Elements that can write a value into another attribute: into an href, a script URL."""

IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")
"""Whitespace and controls, which browsers strip from URLs ('java\\tscript:' is javascript:)."""

LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in)?\s*")
CSS_PIXELS = {None: 1.0, "px": 1.0, "pt": 96 / 72, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}
"""CSS pixels per unit; '%' and 'em' depend on the page, so the viewBox decides instead."""


def check_svg(data: bytes, path: str) -> tuple[int, int]:
    """The width and height of a clean SVG, in CSS pixels (from its attributes or viewBox);
    raises BuildFailed with every problem found, each at its line, when it is unsafe to publish."""
    checker = SvgChecker(path)
    checker.check(data)
    if checker.problems:
        raise BuildFailed(checker.problems)
    return checker.size


class SvgChecker:
    """Expat handlers that gather the problems of one SVG file and read its root's size."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[ContentError] = []
        self.size = (0, 0)
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.depth = 0
        self.style_text: list[str] | None = None
        self.style_line = 0

    def check(self, data: bytes) -> None:
        """Parse data, gathering problems; stops at a DOCTYPE or broken XML."""
        parser = self.parser
        parser.StartDoctypeDeclHandler = self.refuse_doctype
        parser.EntityDeclHandler = self.refuse_entity
        parser.ProcessingInstructionHandler = self.check_instruction
        parser.StartElementHandler = self.check_element
        parser.EndElementHandler = self.end_element
        parser.CharacterDataHandler = self.keep_style_text
        try:
            parser.Parse(data, True)
        except StopParsing:
            return
        except expat.ExpatError as error:
            self.problems.append(
                ContentError(
                    self.path,
                    error.lineno,
                    error.offset + 1,
                    f"not well-formed XML: {expat.ErrorString(error.code)}",
                )
            )
        except (LookupError, ValueError) as error:  # an encoding Python does not know or decode
            self.problems.append(ContentError(self.path, 1, 1, f"cannot be read as text: {error}"))

    def add(self, message: str) -> None:
        """A problem at the parser's current position."""
        self.problems.append(
            ContentError(
                self.path, self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1, message
            )
        )

    def refuse_doctype(self, *_: object) -> None:
        """A DOCTYPE can declare entities that expand a few bytes into gigabytes, or fetch files."""
        self.add("a DOCTYPE is not allowed in an SVG (its entities can expand or fetch files): remove it")
        raise StopParsing

    def refuse_entity(self, *_: object) -> None:
        """Entities declared without a DOCTYPE handler seeing them first (defence in depth)."""
        self.add("an entity declaration is not allowed in an SVG: remove it")
        raise StopParsing

    def check_instruction(self, target: str, _data: str) -> None:
        """<?xml-stylesheet?> fetches a style sheet."""
        if target.lower() == "xml-stylesheet":
            self.add(
                "an xml-stylesheet instruction is not allowed (it fetches a style sheet): "
                "put the styles in the SVG"
            )

    def check_element(self, name: str, attributes: dict[str, str]) -> None:
        """An element and its attributes: refused elements, on* handlers, URLs."""
        namespace, _, local = name.rpartition(" ")
        if self.depth == 0:
            self.check_root(namespace, local, attributes)
        self.depth += 1
        refused = REFUSED_ELEMENTS.get(local.lower())
        if refused:
            self.add(f"{refused} is not allowed in an SVG: remove it")
        if local == "style":
            self.style_text = []
            self.style_line = self.parser.CurrentLineNumber
        for attribute_name, value in attributes.items():
            self.check_attribute(local, attribute_name.rpartition(" ")[2], value)

    def check_root(self, namespace: str, local: str, attributes: dict[str, str]) -> None:
        """The root must be <svg> in the SVG namespace, with a size we can read."""
        if local != "svg" or namespace != SVG_NAMESPACE:
            self.add(
                f"not an SVG: the root element is <{local}>"
                + ("" if local != "svg" else f", not in the SVG namespace {SVG_NAMESPACE}")
            )
            raise StopParsing
        size = read_size(attributes)
        if size is None:
            self.add(
                "the SVG has no width and height in pixels and no viewBox: give it a viewBox "
                '(e.g. viewBox="0 0 800 600") so pages can reserve its space'
            )
        else:
            self.size = size

    def check_attribute(self, element: str, name: str, value: str) -> None:
        """on* handlers, script URLs, and URLs to other files or origins."""
        if name.lower().startswith("on"):
            self.add(
                f"an event handler attribute ({name} on <{element}>) is not allowed in an SVG: remove it"
            )
            return
        if name.lower() in URL_ATTRIBUTES:
            self.check_url(f'{name}="{value}" on <{element}>', value)
        elif SCRIPT_SCHEME.search(IGNORED_IN_URLS.sub("", value)):
            self.add(f'{name}="{shorten(value)}" on <{element}> holds a script URL: remove it')
        elif (
            element in ANIMATIONS
            and name == "attributeName"
            and (value.rpartition(":")[2] in URL_ATTRIBUTES or value.lower().startswith("on"))
        ):
            self.add(
                f'<{element} attributeName="{value}"> changes a link or an event handler, '
                "which can make it run a script: remove it"
            )
        else:
            self.check_css(f"{name} on <{element}>", value)

    def check_url(self, where: str, url: str) -> None:
        """A URL may point inside the SVG ('#id') or hold a raster image (data:image/png...)."""
        bare = IGNORED_IN_URLS.sub("", url)
        if not bare or bare.startswith("#") or SAFE_DATA_URL.match(bare):
            return
        lowered = bare.lower()
        if lowered.startswith(("javascript:", "vbscript:")):
            reason = "a script URL"
        elif lowered.startswith("data:"):
            reason = "a data URL that is not a raster image"
        elif re.match(r"[a-z][a-z0-9+.-]*:|//", lowered):
            reason = "a reference to another origin (the page would fetch it from there)"
        else:
            reason = "a reference to another file (it will not be published beside the SVG)"
        self.add(f"{shorten(where)} is {reason}: an SVG must be self-contained; embed it or remove it")

    def check_css(self, where: str, css: str) -> None:
        """url(...) in a style attribute, a presentation attribute or a <style> sheet; @import."""
        if IMPORT.search(css):
            self.add(f"@import in {where} fetches a style sheet: put the styles in the SVG")
        for match in CSS_URL.finditer(css):
            self.check_url(f"url({match.group(2)}) in {where}", match.group(2))

    def keep_style_text(self, text: str) -> None:
        """The text of a <style> element, checked at its end."""
        if self.style_text is not None:
            self.style_text.append(text)

    def end_element(self, name: str) -> None:
        """Check a <style> sheet once it is complete."""
        self.depth -= 1
        if self.style_text is not None and name.rpartition(" ")[2] == "style":
            css = "".join(self.style_text)
            self.style_text = None
            before = len(self.problems)
            self.check_css("<style>", css)
            for index in range(before, len(self.problems)):  # the sheet's line, not its end's
                error = self.problems[index]
                self.problems[index] = ContentError(error.path, self.style_line, 1, error.message)


class StopParsing(Exception):
    """Raised from a handler to stop Expat at a problem that makes the rest unsafe to read."""


def shorten(text: str, limit: int = 80) -> str:
    """The text cut to limit characters, for a message (a data URL can be megabytes)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_size(attributes: dict[str, str]) -> tuple[int, int] | None:
    """Width and height in CSS pixels, from width/height in absolute units, else the viewBox's
    proportions (scaled to a given width or height); None when neither says."""
    width = css_pixels(attributes.get("width"))
    height = css_pixels(attributes.get("height"))
    box = view_box(attributes.get("viewBox"))
    if width and height:
        return round_size(width, height)
    if box:
        box_width, box_height = box
        if width:
            return round_size(width, width * box_height / box_width)
        if height:
            return round_size(height * box_width / box_height, height)
        return round_size(box_width, box_height)
    return None


def css_pixels(length: str | None) -> float | None:
    """A length attribute in CSS pixels, when it is absolute and positive."""
    match = LENGTH.fullmatch(length or "")
    if not match or float(match.group(1)) <= 0:
        return None
    return float(match.group(1)) * CSS_PIXELS[match.group(2)]


def view_box(text: str | None) -> tuple[float, float] | None:
    """The viewBox's width and height, when it is four numbers with a positive size."""
    parts = re.split(r"[\s,]+", (text or "").strip())
    try:
        numbers = [float(part) for part in parts]
    except ValueError:
        return None
    if len(numbers) != 4 or numbers[2] <= 0 or numbers[3] <= 0:
        return None
    return numbers[2], numbers[3]


def round_size(width: float, height: float) -> tuple[int, int]:
    """Whole pixels, at least 1."""
    return max(1, round(width)), max(1, round(height))
