"""First-mention links: the first time a page names a person, place or term, it links there."""

from __future__ import annotations

import dataclasses
import html as htmllib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .errors import ContentError
from .model import Person, Place, Site, Term
from .provenance.text import SENTENCE_END_RE
from .urls import item_url, relative_url

TAG_RE = re.compile(r"""<!--.*?-->|<(/?)([a-zA-Z][\w-]*)(?:[^>"']|"[^"]*"|'[^']*')*>|<![^>]*>""", re.DOTALL)
RAW_TEXT = frozenset({"script", "style", "textarea", "title"})
"""Elements whose content is not HTML: skipped whole, up to their closing tag."""
NO_MENTIONS = frozenset(
    {
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "code",
        "pre",
        "kbd",
        "samp",
        "nav",
        "header",
        "footer",
        "button",
        "select",
        "svg",
        "template",
        *RAW_TEXT,
    }
)
"""Text inside these is never linked: headings, links, code, and the page's chrome."""
APOSTROPHES = "'\u2019"
FIELD_NOUNS = {"name": "the name", "term": "the term", "abbr": "the abbreviation", "aliases": "an alias"}
WORD_RE = re.compile(r"\w+")
TEXT_WORD_RE = re.compile(r"(?<![\w-])\w+")
"""Where an alias may start in text: a word not glued to a word or hyphen before it."""


@dataclass(frozen=True, slots=True)
class Alias:
    """One name an item is known by, and the front-matter field that gives it."""

    text: str
    slug: str
    field: str


def item_aliases(site: Site) -> tuple[Alias, ...]:
    """Every name, term, abbreviation and alias of the people, places and glossary terms the
    site shows (in a language's site, only those translated into it)."""
    return site.worked_out("aliases", lambda: tuple(find_aliases(site)))


def alias_table(site: Site) -> Aliases:
    """Each (alias, slug) of the site once, sorted: what a mention matcher is compiled from."""
    return site.worked_out(
        "alias table", lambda: tuple(sorted({(a.text, a.slug) for a in item_aliases(site)}))
    )


def find_aliases(site: Site) -> Iterator[Alias]:
    """item_aliases, walked."""
    for item in site.shown():
        if isinstance(item, Person | Place):
            names = [(item.name, "name"), *((alias, "aliases") for alias in item.aliases)]
        elif isinstance(item, Term):
            names = [
                (item.term, "term"),
                (item.abbr, "abbr"),
                *((alias, "aliases") for alias in item.aliases),
            ]
        else:
            continue
        for text, field in names:
            if text.strip():
                yield Alias(text.strip(), item.slug, field)


def fold(text: str) -> str:
    """The identity of an alias: case, apostrophe style and spacing do not matter."""
    for apostrophe in APOSTROPHES[1:]:
        text = text.replace(apostrophe, "'")
    return " ".join(text.split()).casefold()


def check_aliases(site: Site) -> list[ContentError]:
    """The same alias (ignoring case) on two items is an error naming both files."""
    owners: dict[str, Alias] = {}
    errors: list[ContentError] = []
    for alias in item_aliases(site):
        other = owners.setdefault(fold(alias.text), alias)
        if other.slug == alias.slug:
            continue
        item, other_item = site.items[alias.slug], site.items[other.slug]
        errors.append(
            ContentError(
                item.path,
                item.lines.get(alias.field, 1),
                1,
                f"'{alias.text}' ({alias.field}) is also {FIELD_NOUNS[other.field]} of {other_item.path}: "
                "a mention of it could link to either, so keep it on one of them only",
            )
        )
    return errors


def first_sentence(text: str) -> str:
    """The first sentence of a text (all of it when it is one sentence), where a source's
    passages end too (provenance.text.SENTENCE_END_RE): not after "U.S.", "Dr." or "9.7"."""
    text = " ".join(text.split())
    end = SENTENCE_END_RE.search(text)
    return text[: end.end()].rstrip() if end else text


def tooltip_text(term: Term) -> str:
    """What a mention's tooltip says of a term: its `short` line, else its definition's first
    sentence; the whole definition, which may characterise, stays on the glossary page."""
    return " ".join(term.short.split()) or first_sentence(term.definition)


def is_abbreviation(text: str) -> bool:
    """NRF, AP, BBC: written in capitals, so matched exactly."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def alias_regex(text: str) -> str:
    """An alias as a regex: any white space between words, either apostrophe, and the first
    letter in either case (a headword 'Civil war' is found in 'a civil war'), except for
    abbreviations, which match as written."""
    parts: list[str] = []
    first_letter = next((i for i, c in enumerate(text) if c.isalpha()), -1)
    flexible = not is_abbreviation(text)
    for index, char in enumerate(text):
        if char.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif char in APOSTROPHES:
            parts.append(f"[{APOSTROPHES}]")
        elif index == first_letter and flexible and char.lower() != char.upper():
            parts.append(f"[{re.escape(char.lower())}{re.escape(char.upper())}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Matcher:
    """One compiled regex for all aliases of a site, and which item each alias names."""

    pattern: re.Pattern[str] | None
    """The aliases that do not start with a word character (a currency sign) in one
    alternation; None when every alias starts with a word."""
    by_first_word: dict[str, re.Pattern[str] | tuple[str, ...]]
    """casefold(first word) -> the aliases starting with it: a dict look-up per word of text
    instead of trying thousands of alternatives at every position. Each is the aliases as
    written, longest first, until the first time a text holds the word: then their regex,
    compiled once (first_word_pattern), so a build that renders a few pages compiles only the
    words they hold, not one regex per word of a site's thousands of names."""
    slugs: dict[str, str]
    """fold(alias) -> slug, and alias as written -> slug."""
    own: dict[str, frozenset[str]]
    """Page URL -> slugs of the items shown there, which are never linked on their own page."""
    terms: frozenset[str] = frozenset()
    """Slugs of the glossary terms among them: only their links read the item (a tooltip)."""


Aliases = tuple[tuple[str, str], ...]
"""(alias as written, slug) of every name a site's items are known by, sorted."""


def compile_matcher(aliases: Aliases) -> Matcher:
    """Longest alias first, so 'Ahmad Shah Massoud' wins over 'Ahmad Massoud' and 'Massoud'.
    A build makes it once for all its pages, and `serve` keeps it between rebuilds in the build
    cache (see build.render_site), with the regexes compiled so far."""
    ordered = sorted(aliases, key=lambda pair: (-len(pair[0]), pair[0]))
    others = [(text, slug) for text, slug in ordered if not WORD_RE.match(text)]
    pattern = None
    if others:
        alternatives = "|".join(alias_regex(text) for text, _ in others)
        first_chars = {c for text, _ in others for c in (text[0].lower(), text[0].upper())}
        starts = "".join(re.escape(c) for c in sorted(first_chars))  # lets the regex skip ahead
        pattern = re.compile(rf"(?<![\w-])(?=[{starts}])(?:{alternatives})(?![\w-])")
    groups: dict[str, list[str]] = {}
    for text, _ in ordered:  # longest first within each group too
        first = WORD_RE.match(text)
        if first:
            groups.setdefault(first[0].casefold(), []).append(text)
    by_first_word: dict[str, re.Pattern[str] | tuple[str, ...]] = {
        word: tuple(texts) for word, texts in groups.items()
    }
    slugs = {fold(text): slug for text, slug in aliases}
    slugs.update(aliases)  # as written: the usual case, found without folding
    return Matcher(pattern, by_first_word, slugs, {})


def site_matcher(
    site: Site, compile_aliases: Callable[[Aliases], Matcher] = compile_matcher
) -> Matcher | None:
    """The site's matcher, or None when nothing can be mentioned; build it once per render.
    `compile_aliases` makes the compiled part (e.g. compile_matcher through the build cache)."""
    aliases = alias_table(site)
    if not aliases:
        return None
    own: dict[str, set[str]] = {}
    for slug in {slug for _, slug in aliases}:
        own.setdefault(item_url(site.items[slug]).partition("#")[0], set()).add(slug)
    matcher = compile_aliases(aliases)
    terms = frozenset(slug for _, slug in aliases if isinstance(site.items[slug], Term))
    return dataclasses.replace(
        matcher, own={url: frozenset(slugs) for url, slugs in own.items()}, terms=terms
    )


def first_word_pattern(
    by_first_word: dict[str, re.Pattern[str] | tuple[str, ...]], word: str
) -> re.Pattern[str]:
    """The regex of the aliases starting with `word` (a key of by_first_word), compiled the
    first time it is asked for and kept there."""
    found = by_first_word[word]
    if isinstance(found, re.Pattern):
        return found
    pattern = by_first_word[word] = re.compile(rf"(?:{'|'.join(map(alias_regex, found))})(?![\w-])")
    return pattern


def find_mentions(matcher: Matcher, plain: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of every alias in plain text, in order, never overlapping."""
    candidates: list[tuple[int, int, str]] = []
    by_first_word = matcher.by_first_word
    for word in TEXT_WORD_RE.finditer(plain):
        pattern = by_first_word.get(key := word[0].casefold())
        if pattern is not None:
            if not isinstance(pattern, re.Pattern):
                pattern = first_word_pattern(by_first_word, key)
            found = pattern.match(plain, word.start())
            if found:
                candidates.append((found.start(), found.end(), found[0]))
    if matcher.pattern is not None:
        candidates += [(m.start(), m.end(), m[0]) for m in matcher.pattern.finditer(plain)]
        candidates.sort(key=lambda c: (c[0], -c[1]))
    end = 0
    for start, stop, text in candidates:
        if start >= end:
            yield start, stop, text
            end = stop


class PageLinker:
    """Links first mentions in the text of one page; remembers what it has linked."""

    def __init__(self, site: Site, page_url: str, matcher: Matcher) -> None:
        self.site = site
        self.page_url = page_url
        self.matcher = matcher
        self.seen: set[str] = set(matcher.own.get(page_url, ()))  # never on its own page

    def slug_of(self, mention: str) -> str:
        """The item a matched mention names."""
        slug = self.matcher.slugs.get(mention)
        return slug if slug is not None else self.matcher.slugs[fold(mention)]

    def note(self, text: str) -> None:
        """Text already inside a link: what it mentions counts as mentioned."""
        for _, _, mention in find_mentions(self.matcher, htmllib.unescape(text)):
            self.seen.add(self.slug_of(mention))

    def link(self, text: str) -> str:
        """A run of HTML text with its first mentions linked."""
        plain = htmllib.unescape(text)
        pieces: list[str] = []
        done = 0
        for start, end, mention in find_mentions(self.matcher, plain):
            slug = self.slug_of(mention)
            if slug in self.seen:
                continue
            self.seen.add(slug)
            pieces += [htmllib.escape(plain[done:start], quote=False), self.anchor(slug, mention)]
            done = end
        if not pieces:
            return text
        pieces.append(htmllib.escape(plain[done:], quote=False))
        return "".join(pieces)

    def anchor(self, slug: str, shown: str) -> str:
        """The link; a glossary term's carries a tooltip (tooltip_text) as its description."""
        href = htmllib.escape(relative_url(self.site.urls[slug], self.page_url))
        text = htmllib.escape(shown, quote=False)
        if slug not in self.matcher.terms:
            return f'<a class="mention" href="{href}">{text}</a>'
        item = self.site.items[slug]
        assert isinstance(item, Term), "site_matcher lists only terms"
        tip_id = f"mention-tip-{slug}"
        return (
            f'<span class="mention-term"><a class="mention" href="{href}" '
            f'aria-describedby="{tip_id}">{text}</a><span class="mention-tip" id="{tip_id}" '
            f'role="tooltip">{htmllib.escape(tooltip_text(item), quote=False)}</span></span>'
        )


def link_mentions(html: str, page_url: str, site: Site, matcher: Matcher | None = None) -> str:
    """The page with the first mention of each person, place and term inside <main> linked.

    Pass the site_matcher(site) when linking many pages: building it reads every alias.
    """
    matcher = matcher or site_matcher(site)
    if matcher is None or not page_url.endswith("/"):
        return html  # /404.html is served at any depth, so relative links would break there
    main_start, main_end = html.find("<main"), html.rfind("</main>")
    if main_start < 0 or main_end < main_start:
        return html
    # Only <main> is ever linked, so only it is tokenised; head and chrome pass through as is.
    prefix, html, suffix = html[:main_start], html[main_start:main_end], html[main_end:]
    linker = PageLinker(site, page_url, matcher)
    out: list[str] = [prefix]
    depth: dict[str, int] = dict.fromkeys(NO_MENTIONS, 0)
    blocked = 0
    """How many elements we are inside whose text is never linked."""
    in_main = False
    position = 0
    while position < len(html):
        tag = TAG_RE.search(html, position)
        text_end = tag.start() if tag else len(html)
        if text_end > position:
            text = html[position:text_end]
            if in_main and not blocked:
                text = linker.link(text)
            elif in_main and blocked == depth["a"]:
                linker.note(text)
            out.append(text)
        if tag is None:
            break
        out.append(tag[0])
        position = tag.end()
        name = (tag[2] or "").lower()
        closing = tag[1] == "/"
        if name == "main":
            in_main = not closing
        elif name in RAW_TEXT and not closing:
            closer = re.compile(f"</{name}", re.IGNORECASE).search(html, position)
            end = closer.start() if closer else len(html)
            out.append(html[position:end])
            position = end
        elif name in depth and not tag[0].endswith("/>"):
            change = -1 if closing else 1
            if depth[name] + change >= 0:
                depth[name] += change
                blocked += change
    out.append(suffix)
    return "".join(out)
