"""Markdown: one MarkdownIt per site, with the [[slug]] / [[slug|text]] link rule."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import OptionsDict
from markupsafe import escape


@dataclass(frozen=True, slots=True)
class WikiLink:
    """A [[slug]] found in a body, located in its file."""

    slug: str
    line: int
    """0-based line within the body."""
    column: int
    """1-based column within that line."""


def wikilink_rule(state: StateInline, silent: bool) -> bool:
    """Inline rule: [[slug]] or [[slug|text]] on one line becomes a `wikilink` token."""
    start = state.pos
    if not state.src.startswith("[[", start):
        return False
    end = state.src.find("]]", start + 2)
    if end < 0:
        return False
    inner = state.src[start + 2 : end]
    if not inner.strip() or "\n" in inner or "[" in inner:
        return False
    if not silent:
        slug, _, text = inner.partition("|")
        token = state.push("wikilink", "", 0)
        token.content = inner
        token.meta = {"slug": slug.strip(), "text": text.strip(), "offset": start}
    state.pos = end + 2
    return True


PLACEHOLDER_RE = re.compile("\x00([HN]):([^\x00]*)\x00")
"""Marks left in rendered bodies for what depends on the page: H(ref) and N(ame) of a slug.
NUL never survives markdown-it's input normalisation, so it cannot come from the author."""


@dataclass(frozen=True, slots=True)
class RenderedBody:
    """A body rendered once, independent of the page it is shown on."""

    html: str
    """HTML with placeholders for [[link]] hrefs and default texts (see fill_links)."""
    links: tuple[WikiLink, ...]


def render_wikilink(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
    env: dict[str, Any],
) -> str:
    """<a> whose href (and text, unless given) is filled in per page by fill_links."""
    meta = tokens[idx].meta
    slug = meta["slug"]
    text = escape(meta["text"]) if meta["text"] else f"\x00N:{slug}\x00"
    return f'<a href="\x00H:{slug}\x00">{text}</a>'


def fill_links(html: str, link: Callable[[str], tuple[str, str]]) -> str:
    """Replace a rendered body's placeholders with the href and name for this page."""
    if "\x00" not in html:
        return html

    def fill(match: re.Match[str]) -> str:
        href, name = link(match[2])
        return str(escape(href if match[1] == "H" else name))

    return PLACEHOLDER_RE.sub(fill, html)


def render_body(md: MarkdownIt, body: str) -> RenderedBody:
    """Parse and render a body once; its links are checked later against the site."""
    tokens = md.parse(body, {})
    return RenderedBody(md.renderer.render(tokens, md.options, {}), tuple(find_wikilinks(tokens, body)))


def make_markdown(raw_html: bool) -> MarkdownIt:
    """CommonMark plus tables and strikethrough, raw HTML only when the site allows it."""
    md = MarkdownIt("commonmark", {"html": raw_html}).enable(["table", "strikethrough"])
    md.inline.ruler.before("link", "wikilink", wikilink_rule)
    md.add_render_rule("wikilink", render_wikilink)
    return md


def find_wikilinks(tokens: Sequence[Token], body: str) -> Iterator[WikiLink]:
    """Every [[link]] in parsed tokens, with its line and column in the body."""
    body_lines = body.split("\n")
    for token in tokens:
        if token.type != "inline" or not token.children or token.map is None:
            continue
        for child in token.children:
            if child.type != "wikilink":
                continue
            offset = child.meta["offset"]
            line = token.map[0] + token.content.count("\n", 0, offset)
            text_line = body_lines[line] if line < len(body_lines) else ""
            column = text_line.find("[[" + child.content + "]]") + 1
            yield WikiLink(child.meta["slug"], line, max(column, 1))
