"""Markdown: one MarkdownIt per site, with the [[slug]] / [[slug|text]] link rule."""

from __future__ import annotations

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


def render_wikilink(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
    env: dict[str, Any],
) -> str:
    """<a> to the item; env['link'] maps a slug to (href, default text)."""
    meta = tokens[idx].meta
    link: Callable[[str], tuple[str, str] | None] = env["link"]
    target = link(meta["slug"])
    if target is None:  # only reachable if link checking was skipped
        return str(escape(meta["text"] or meta["slug"]))
    href, default_text = target
    return f'<a href="{escape(href)}">{escape(meta["text"] or default_text)}</a>'


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
