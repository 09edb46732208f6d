"""First-mention links: the first time a page names a person, place or term, it links there."""

from __future__ import annotations

import dataclasses
import html as htmllib
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from itertools import accumulate
from operator import add

from .errors import ContentError
from .model import Person, Place, Site, Term
from .provenance.text import SENTENCE_END_RE
from .records import frozen
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
STATE_TAGS = NO_MENTIONS | {"main"}
"""The tags that change whether the text after them is linked."""
APOSTROPHES = "'\u2019"
FIELD_NOUNS = {"name": "the name", "term": "the term", "abbr": "the abbreviation", "aliases": "an alias"}
WORD_RE = re.compile(r"\w+")
TEXT_WORD_RE = re.compile(r"(?<![\w-])\w+")
"""Where an alias may start in text: a word not glued to a word or hyphen before it."""
TEXT_WORD_SPLIT_RE = re.compile(f"({TEXT_WORD_RE.pattern})")
"""TEXT_WORD_RE for re.split: the text between words, a word, the text between..."""
SEPARATOR = "\x00"
"""Between the text runs of a page searched as one string: not a word character, a hyphen
nor white space, so no alias (Matcher.one_string says none holds it) matches across it, and
each run's edges read to the patterns' look-arounds as the ends of a string."""


@frozen
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
    return "".join(part for part, _ in alias_parts(text))


SPACE = r"\s+"
"""What white space between an alias's words is in its regex."""

Part = tuple[str, str]
"""A piece of an alias's regex and the characters its one character may be ('' for SPACE)."""


def alias_parts(text: str) -> list[Part]:
    """alias_regex's pieces: one per character, or SPACE per run of white space."""
    parts: list[Part] = []
    first_letter = next((i for i, c in enumerate(text) if c.isalpha()), -1)
    flexible = not is_abbreviation(text)
    for index, char in enumerate(text):
        if char.isalnum() and index != first_letter:  # the usual case, never escaped
            parts.append((char, char))
        elif char.isspace():
            if not parts or parts[-1][0] != SPACE:
                parts.append((SPACE, ""))
        elif char in APOSTROPHES:
            parts.append((f"[{APOSTROPHES}]", APOSTROPHES))
        elif index == first_letter and flexible and char.lower() != char.upper():
            cased = char.lower() + char.upper()
            parts.append((f"[{re.escape(char.lower())}{re.escape(char.upper())}]", cased))
        else:
            parts.append((re.escape(char), char))
    return parts


def alternatives(texts: tuple[str, ...]) -> str:
    """The aliases' regexes as one alternation that matches what they match joined by '|', in
    that order, written as a tree: 'the\\s+(?:K(?:abul\\s+accord|...)|D(?:oha...))'.

    re tries every alternative of a flat alternation at each place it is asked (600 aliases
    "The ... group" cost 17 us at each "the" of a text); in the tree, only the branches
    whose first character is the text's (about 1 us)."""
    return "|".join(branches([alias_parts(text) for text in texts]))


def branches(alternatives: list[list[Part]]) -> list[str]:
    """The alternatives (parts) as a tree, in an order that never changes which one matches
    first: those whose first parts match the same characters are merged, and one is moved
    ahead of another only past alternatives whose first part no text character can match
    along with its own. A SPACE is always followed by a part that matches no white space,
    so it matches the same whole run in both forms."""
    written: list[str] = []
    groups: dict[str, list[list[Part]]] = {}
    """First part -> the rest of each alternative starting with it, since the last barrier."""
    taken: dict[str, str] = {}

    def flush() -> None:
        for first, rests in groups.items():
            tree = branches(rests) if len(rests) > 1 else ["".join(part for part, _ in rests[0])]
            written.append(first + (tree[0] if len(tree) == 1 else f"(?:{'|'.join(tree)})"))
        groups.clear()
        taken.clear()

    for parts in alternatives:
        if not parts:  # an alternative that is done matches whatever comes next: a barrier
            flush()
            written.append("")
            continue
        (first, chars), rest = parts[0], parts[1:]
        if first not in groups and any(
            overlaps(chars, other) for key, other in taken.items() if key != first
        ):
            flush()
        groups.setdefault(first, []).append(rest)
        taken[first] = chars
    flush()
    return written


def overlaps(one: str, other: str) -> bool:
    """Whether two first parts may match the same character ('': white space, SPACE's)."""
    if not one or not other:
        return one == other
    return any(char in other for char in one)


@frozen(eq=False, repr=False)
class NextWords:
    """The aliases of a common first word, compiled by the text's next word (first_word_pattern)."""

    keys: tuple[str | None, ...]
    """next_word_key of each alias, in their order."""
    named: frozenset[str]
    """The next words some alias has."""
    patterns: dict[str, re.Pattern[str]]
    """A next word that some alias has, or '' for any other -> the regex of the aliases that
    may match before it."""


@frozen
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
    by_next_word: dict[str, NextWords] = dataclasses.field(default_factory=dict)
    """First word too common to compile whole at once (SPLIT_OVER) -> its aliases' regexes by
    the text's next word, so far."""
    one_string: bool = True
    """A page's text runs may be searched joined by SEPARATOR: no alias holds it."""


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
    one_string = not any(SEPARATOR in text for text, _ in aliases)
    return Matcher(pattern, by_first_word, slugs, {}, one_string=one_string)


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


SPLIT_OVER = 32
"""A first word that starts more aliases than this ('the' starts 600 in the 4,000-item bench
site: 25 ms to compile as one regex) is not compiled whole at first: its aliases are compiled
in small regexes by the text's next word (first_word_pattern), up to SPLIT_WORDS of them."""
SPLIT_WORDS = 8
"""Next words that some alias has that a common first word is compiled for one by one; at the
next such word, it is compiled whole. A page or two (an edit) meet a few, and compile a few
small regexes; a whole site meets hundreds ('the' before 600 of its aliases' second words at
4,000 items: 600 regexes, 0.5 s of a cold build's CPU per render process) and is better served
by one. A next word that no alias has shares one regex (those that may have any next word)."""


NO_ALIAS = re.compile(r"(?!)")
"""Matches nowhere: no alias of a common first word has the text's next word."""


def compile_aliases(texts: tuple[str, ...]) -> re.Pattern[str]:
    """One regex of these aliases, tried in their order (longest first), each a whole word,
    written as a tree (alternatives)."""
    return re.compile(rf"(?:{alternatives(texts)})(?![\w-])")


def next_word_key(alias: str) -> str | None:
    """casefold of the second word of an alias: a text it matches has that word next after its
    first (the words are matched as written, and what is between them is no word character);
    None when any word may come next (an alias of one word, or one whose case-free first
    letter (alias_regex) is in its second word)."""
    first = WORD_RE.match(alias)
    following = WORD_RE.search(alias, first.end()) if first else None
    if first is None or following is None or not any(c.isalpha() for c in first[0]):
        return None
    return following[0].casefold()


def first_word_pattern(matcher: Matcher, word: str, plain: str, end: int) -> re.Pattern[str]:
    """The regex of the aliases starting with `word` (a key of by_first_word) that may match
    where the text's word ends at `end`, compiled the first time it is asked for and kept:
    all of them in one regex, or for a common first word (SPLIT_OVER), until SPLIT_WORDS of its
    aliases' second words have been met, those whose second word is the text's next one, and
    those that may have any next word, in their order. The alternatives left out cannot match
    there, so the first that matches is the same."""
    found = matcher.by_first_word[word]
    if isinstance(found, re.Pattern):
        return found
    split = matcher.by_next_word.get(word)
    if split is None and len(found) > SPLIT_OVER:
        keys = tuple(map(next_word_key, found))
        split = NextWords(keys, frozenset(key for key in keys if key is not None), {})
        matcher.by_next_word[word] = split
    second = ""  # a next word no alias has: only those that may have any next word may match
    if split is not None:
        following = WORD_RE.search(plain, end)
        if following and (key := following[0].casefold()) in split.named:
            second = key
        if (kept := split.patterns.get(second)) is not None:
            return kept
    if split is None or (second and len(split.patterns.keys() - {""}) >= SPLIT_WORDS):
        matcher.by_next_word.pop(word, None)
        pattern = matcher.by_first_word[word] = compile_aliases(found)
        return pattern
    fitting = tuple(text for text, key in zip(found, split.keys, strict=True) if key in (None, second))
    kept = split.patterns[second] = compile_aliases(fitting) if fitting else NO_ALIAS
    return kept


PIECE = 1 << 16
"""About how many characters of a page's text find_mentions splits into words at a time: the
lists of a whole long page's words (a source quoted 10^5 words long) took some 30 MB at once."""


def pieces_of(plain: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) of plain in pieces of about PIECE characters, each cut just before a
    SEPARATOR, which no word holds or follows glued (TEXT_WORD_RE reads it as a string's edge):
    the words of the pieces are the words of plain."""
    start = 0
    while len(plain) - start > PIECE:
        cut = plain.find(SEPARATOR, start + PIECE)
        if cut < 0:
            break
        yield start, plain[start:cut]
        start = cut
    yield start, plain[start:] if start else plain


def find_mentions(matcher: Matcher, plain: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of every alias in plain text, in order, never overlapping."""
    candidates: list[tuple[int, int, str]] = []
    by_first_word = matcher.by_first_word
    for offset, piece in pieces_of(plain):
        # The words, split apart in C, and where each starts: a page's text has 10^5 of them.
        parts = TEXT_WORD_SPLIT_RE.split(piece)
        keys = list(map(str.casefold, parts[1::2]))
        starts = list(accumulate(map(len, parts), initial=offset))
        for index in [index for index, key in enumerate(keys) if key in by_first_word]:
            key = keys[index]
            pattern = by_first_word[key]
            if not isinstance(pattern, re.Pattern):
                pattern = first_word_pattern(matcher, key, plain, starts[2 * index + 2])
            found = pattern.match(plain, starts[2 * index + 1])
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
    main = html[main_start:main_end]
    runs = text_runs(main) if matcher.one_string else None
    linker = PageLinker(site, page_url, matcher)
    if runs is None:  # raw text (a script) that could read as tags, or an odd alias: tag by tag
        return html[:main_start] + link_runs_one_by_one(main, linker) + html[main_end:]
    linked = link_runs(runs, linker)
    if not linked:
        return html
    out = [html[:main_start]]
    done = 0
    for start, end, text in linked:
        out += [main[done:start], text]
        done = end
    out += [main[done:], html[main_end:]]
    return "".join(out)


TAG_SPLIT_RE = re.compile(f"({TAG_RE.pattern})", re.DOTALL)
"""TAG_RE capturing the whole tag too: re.split gives text, tag, its '/', its name, text..."""

TextRun = tuple[int, str, bool]
"""Where a run of text starts in <main>, the run (HTML), and whether it is linked (True) or
only noted, being inside links alone (False)."""


def text_runs(main: str) -> list[TextRun] | None:
    """The runs of text in <main> that are linked or noted, in order, white space left out
    (no alias matches there); None when a raw-text element (script, style) holds what its
    tag-by-tag reading (link_runs_one_by_one) would not split where re.split does."""
    pieces = TAG_SPLIT_RE.split(main)
    texts, tags, slashes, names = pieces[0::4], pieces[1::4], pieces[2::4], pieces[3::4]
    places = accumulate(map(add, map(len, texts), map(len, tags)), initial=0)
    """Where each text starts."""
    runs: list[TextRun] = []
    depth = dict.fromkeys(NO_MENTIONS, 0)
    blocked = 0
    in_main = False
    state = 0
    """What is done with the next text: 0 nothing, 1 linked, 2 noted (inside links alone)."""
    skip = -1  # a raw-text element's content: not linked
    for index, (text, place, name) in enumerate(zip(texts, places, [*names, None], strict=True)):
        if state and text and index != skip and not text.isspace():
            runs.append((place, text, state == 1))
        if not name:
            continue
        name = name.lower()
        if name not in STATE_TAGS:
            continue
        slash = slashes[index]
        if name == "main":
            in_main = not slash
        elif name in RAW_TEXT and not slash:
            closer = tags[index + 1] if index + 1 < len(tags) else ""
            if "<" in texts[index + 1] or closer[: len(name) + 2].lower() != f"</{name}":
                return None
            skip = index + 1
        elif not tags[index].endswith("/>"):
            change = -1 if slash else 1
            if depth[name] + change >= 0:
                depth[name] += change
                blocked += change
        state = 0 if not in_main else 1 if not blocked else 2 if blocked == depth["a"] else 0
    return runs


def link_runs(runs: list[TextRun], linker: PageLinker) -> list[tuple[int, int, str]]:
    """(start, end, linked HTML) of each run whose text gains links. The runs are searched as
    one string (find_mentions), since a page's runs are many and most are short."""
    plains = [htmllib.unescape(text) if "&" in text else text for _, text, _ in runs]
    starts = list(accumulate((len(plain) + 1 for plain in plains), initial=0))
    linked: list[tuple[int, int, str]] = []
    current = -1
    pieces: list[str] = []
    done = 0
    seen = linker.seen
    for start, end, mention in find_mentions(linker.matcher, SEPARATOR.join(plains)):
        index = bisect_right(starts, start) - 1
        slug = linker.slug_of(mention)
        if not runs[index][2]:  # inside a link: counts as mentioned
            seen.add(slug)
            continue
        if slug in seen:
            continue
        seen.add(slug)
        if index != current:
            if pieces:
                linked.append(finished(runs[current], plains[current], pieces, done))
            current, pieces, done = index, [], 0
        offset = starts[index]
        plain = plains[index]
        pieces += [htmllib.escape(plain[done : start - offset], quote=False), linker.anchor(slug, mention)]
        done = end - offset
    if pieces:
        linked.append(finished(runs[current], plains[current], pieces, done))
    return linked


def finished(run: TextRun, plain: str, pieces: list[str], done: int) -> tuple[int, int, str]:
    """A run's place and its text with its links (pieces), as PageLinker.link gives it."""
    start, text, _ = run
    return start, start + len(text), "".join([*pieces, htmllib.escape(plain[done:], quote=False)])


def link_runs_one_by_one(html: str, linker: PageLinker) -> str:
    """<main> with its mentions linked, tag by tag: a raw-text element's content is skipped up
    to its closing tag, whatever it holds."""
    out: list[str] = []
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
    return "".join(out)
