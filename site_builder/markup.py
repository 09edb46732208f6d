"""Markdown: one MarkdownIt per site, with the [[slug]] / [[slug|text]] link rule."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import OptionsDict
from markupsafe import escape

from .records import frozen


@frozen
class WikiLink:
    """A [[slug]] found in a body, located in its file."""

    slug: str
    line: int
    """0-based line within the body."""
    column: int
    """1-based column within that line."""


WIKILINK_RE = re.compile(r"\[\[([^\[\n]*?)\]\]")
"""[[inner]]: up to the first ']]', with no '[' or newline before it. A failed attempt stops at
the next '[' or line end, so a line of unclosed '[[' is scanned once, not once per '[['."""


def wikilink_rule(state: StateInline, silent: bool) -> bool:
    """Inline rule: [[slug]] or [[slug|text]] on one line becomes a `wikilink` token."""
    start = state.pos
    if not state.src.startswith("[[", start):
        return False
    match = WIKILINK_RE.match(state.src, start)
    if match is None:
        return False
    inner = match[1]
    if not inner.strip():
        return False
    if not silent:
        slug, _, text = inner.partition("|")
        token = state.push("wikilink", "", 0)
        token.content = inner
        token.meta = {"slug": slug.strip(), "text": text.strip(), "offset": start}
    state.pos = match.end()
    return True


PLACEHOLDER_RE = re.compile("\x00([HN]):([^\x00]*)\x00")
"""Marks left in rendered bodies for what depends on the page: H(ref) and N(ame) of a slug.
NUL never survives markdown-it's input normalisation, so it cannot come from the author."""


@frozen
class BodyImage:
    """A `![alt](media/x.jpg)` found in a body, located in its file."""

    ref: str
    """'media/x.jpg', as written."""
    alt: str
    """The alt text written between the brackets ('' to keep the sidecar's)."""
    line: int
    """0-based line within the body."""
    column: int
    """1-based column of its '![' within that line."""
    alone: bool
    """Whether it is a paragraph of its own (and so can be a figure)."""


@frozen
class RenderedBody:
    """A body rendered once, independent of the page it is shown on."""

    html: str
    """HTML with placeholders for [[link]] hrefs and default texts (see fill_links) and for
    pictures (see fill_pictures)."""
    spots: tuple[tuple[str, int, int], ...]
    """Its [[links]] in order, each as a WikiLink's (slug, line, column): see `links`. Plain
    tuples: a one-file edit loads every body from the build cache and reads the links of
    one, and 40,000 WikiLinks at 4,000 items took five times as long to load."""
    images: tuple[BodyImage, ...] = ()
    """Its pictures from content/media/, in order: placeholder n is images[n]."""

    @property
    def links(self) -> tuple[WikiLink, ...]:
        """Its [[links]], in order."""
        return tuple(WikiLink(*spot) for spot in self.spots)


def render_wikilink(
    renderer: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: dict[str, Any],
) -> str:
    """<a> whose href (and text, unless given) is filled in per page by fill_links."""
    meta = tokens[idx].meta
    slug = meta["slug"]
    text = escape(meta["text"]) if meta["text"] else f"\x00N:{slug}\x00"
    return f'<a href="\x00H:{slug}\x00">{text}</a>'


def fill_links(html: str, link: Callable[[str], tuple[str, str, str]]) -> str:
    """Replace a rendered body's placeholders with the href and name for this page; a link to a
    page in another language (the third value: its tag, else '') gets an hreflang after its href."""
    if "\x00" not in html:
        return html

    def fill(match: re.Match[str]) -> str:
        href, name, hreflang = link(match[2])
        if match[1] == "H" and hreflang:  # the placeholder is always a whole href="..." value
            return f'{escape(href)}" hreflang="{escape(hreflang)}" lang="{escape(hreflang)}'
        return str(escape(href if match[1] == "H" else name))

    return PLACEHOLDER_RE.sub(fill, html)


PICTURE_RE = re.compile("\x00P:([0-9]+)\x00")
"""Where a body's picture n goes: a <figure> made per page (its URLs are relative to the page)."""


def render_body(md: MarkdownIt, body: str) -> RenderedBody:
    """Parse and render a body once; its links and pictures are checked later against the site."""
    tokens = md.parse(body, {})
    images = tuple(find_images(tokens, body))
    return RenderedBody(
        md.renderer.render(tokens, md.options, {}), tuple(find_wikilinks(tokens, body)), images
    )


def render_bodies(raw_html: bool, bodies: Sequence[str]) -> list[RenderedBody]:
    """Each body as render_body renders it with make_markdown(raw_html), in another process
    (a large cold build shares the bodies with its card pool's worker: build.draw_ahead)."""
    md = process_markdown(raw_html)
    return [render_body(md, body) for body in bodies]


@cache
def process_markdown(raw_html: bool) -> MarkdownIt:
    """One MarkdownIt per setting for the life of a worker process (render_bodies)."""
    return make_markdown(raw_html)


def render_picture(
    renderer: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: dict[str, Any],
) -> str:
    """A picture from content/media/ becomes a placeholder (see fill_pictures); any other image
    stays an <img>, as CommonMark renders it."""
    token = tokens[idx]
    if "picture" in token.meta:
        return f"\x00P:{token.meta['picture']}\x00"
    return renderer.image(tokens, idx, options, env)


def fill_pictures(html: str, picture: Callable[[int], str]) -> str:
    """Replace a rendered body's picture placeholders with the HTML for this page."""
    if "\x00P:" not in html:
        return html
    return PICTURE_RE.sub(lambda match: picture(int(match[1])), html)


def find_images(tokens: Sequence[Token], body: str) -> Iterator[BodyImage]:
    """Every `![alt](media/...)` in parsed tokens, numbered in order (token.meta['picture']);
    a picture alone in its paragraph loses the <p>, so its <figure> is not inside one."""
    body_lines = BODY_NEWLINE_RE.sub("\n", body).split("\n")
    count = 0
    for index, token in enumerate(tokens):
        if token.type != "inline" or token.map is None or "![" not in token.content:
            continue
        children = token.children or []
        shown = [
            child
            for child in children
            if not (
                child.type in ("softbreak", "hardbreak")
                or (child.type == "text" and not child.content.strip())
            )
        ]
        searched_from: dict[int, int] = {}
        for child in children:
            src = str(child.attrs.get("src", "")) if child.type == "image" else ""
            ref = unquote(src)  # markdown-it percent-encodes what a URL may not hold
            if not ref.startswith("media/"):
                continue
            child.meta["picture"] = count
            count += 1
            line, column = token.map[0], 1
            for at in range(token.map[0], min(token.map[1], len(body_lines))):
                found = body_lines[at].find(f"]({ref}", searched_from.get(at, 0))
                if found >= 0:
                    start = body_lines[at].rfind("![", 0, found)
                    line, column = at, (start if start >= 0 else found) + 1
                    searched_from[at] = found + 1
                    break
            alone = shown == [child]
            if alone and index > 0 and tokens[index - 1].type == "paragraph_open":
                tokens[index - 1].hidden = tokens[index + 1].hidden = True
            yield BodyImage(ref, child.content, line, column, alone)


def make_markdown(raw_html: bool) -> MarkdownIt:
    """CommonMark plus tables and strikethrough, raw HTML only when the site allows it."""
    md = MarkdownIt("commonmark", {"html": raw_html}).enable(["table", "strikethrough"])
    md.inline.ruler.before("link", "wikilink", wikilink_rule)
    md.add_render_rule("wikilink", render_wikilink)
    md.add_render_rule("image", render_picture)
    return md


def find_wikilinks(tokens: Sequence[Token], body: str) -> Iterator[tuple[str, int, int]]:
    """Every [[link]] in parsed tokens, with its line and column in the body: a WikiLink's
    (slug, line, column).

    markdown-it gives a link's offset in its inline token's text, whose lines are the body's
    lines less what the blocks took (indentation, '> ', list markers, table pipes). Each line of
    that text is found in its body line once, after the text of earlier tokens on that line (the
    cells of a table row), so a column costs no search of its own: linear in the body's size.
    """
    body_lines = BODY_NEWLINE_RE.sub("\n", body).replace("\x00", "\ufffd").split("\n")
    taken: dict[int, int] = {}
    """Per body line, where the text of the last token placed on it ends."""
    for token in tokens:
        if token.type != "inline" or token.map is None or "[[" not in token.content:
            continue
        places = place_lines(token.content, token.map[0], body_lines, taken)
        for child in token.children or ():
            if child.type != "wikilink":
                continue
            offset = child.meta["offset"]
            index = bisect_right(places, offset, key=lambda place: place.start) - 1
            place = places[index]
            yield child.meta["slug"], place.line, place.column(offset, child.content)


BODY_NEWLINE_RE = re.compile(r"\r\n?")
"""Line ends as markdown-it normalises them (load has already, but a body may come from
elsewhere): its line numbers are the body's."""


@frozen(eq=False, repr=False)
class LinePlace:
    """Where one line of an inline token's text sits in its body line."""

    start: int
    """Offset of the line in the token's text."""
    line: int
    """0-based body line."""
    source: int
    """Offset in the body line of the token line's first non-space character; -1: not found."""
    lead: int
    """Whitespace before that character in the token's line (markdown-it may expand tabs there)."""
    pipes: tuple[int, ...] = ()
    """Offsets (from that character) of the '|' that a table cell wrote as '\\|'."""
    text: str = ""
    """The body line, for the rare line not found (see column)."""

    def column(self, offset: int, inner: str) -> int:
        """1-based column in the body line of the [[link]] at this offset of the token's text."""
        in_line = offset - self.start - self.lead
        if self.source >= 0:
            return self.source + in_line + bisect_right(self.pipes, in_line - 1) + 1
        # not found: the link's own text, else its place in the token's line
        found = self.text.find(f"[[{inner}]]")
        return found + 1 if found >= 0 else in_line + self.lead + 1


def place_lines(
    content: str, first_line: int, body_lines: Sequence[str], taken: dict[int, int]
) -> list[LinePlace]:
    """Where each line of an inline token's text is in the body, in order of offset."""
    places: list[LinePlace] = []
    start = 0
    for line, text in enumerate(content.split("\n"), start=first_line):
        stripped = text.lstrip()
        lead = len(text) - len(stripped)
        body_line = body_lines[line] if line < len(body_lines) else ""
        after = taken.get(line, 0)
        source = body_line.find(stripped, after)
        pipes: tuple[int, ...] = ()
        if source < 0 and "|" in stripped:  # a table cell: markdown-it turned '\|' into '|'
            source = body_line.find(stripped.replace("|", "\\|"), after)
            pipes = tuple(index for index, char in enumerate(stripped) if char == "|")
        if source >= 0:
            taken[line] = source + len(stripped) + len(pipes)
        places.append(LinePlace(start, line, source, lead, pipes, body_line if source < 0 else ""))
        start += len(text) + 1
    return places
