"""Editorial integrity: every quote found in its source, every figure's number in its quote."""

from __future__ import annotations

import difflib
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from .cache import content_key
from .errors import ContentError, SiteError
from .link import item_url
from .mentions import check_aliases
from .model import Correction, Event, Figure, FuzzyDate, Item, Person, Site, Source

QUOTE_MARKS = "\"'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033\u00ab\u00bb\u2039\u203a"
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
TYPOGRAPHY = str.maketrans({**dict.fromkeys(QUOTE_MARKS, "'"), **dict.fromkeys(DASHES, "-"),
                            "\u2026": "..."})
WORD_RE = re.compile(r"[^\s-]+")
PUNCTUATION = ".,;:!?'()[]"
SENTENCE_END_RE = re.compile(  # after . ! ? or at a line break, before a capital: a new passage
    r"(?:(?<=[.!?\u2026])[\"'\u2019\u201d)]*[ \t]+|[ \t]*\n\s*)(?=[\"'\u2018\u201c(]?[A-Z0-9])")

SMALL_NUMBERS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
MAGNITUDES = ((1e12, ("tn", "trillion")), (1e9, ("bn", "billion", "b")),
              (1e6, ("m", "mn", "million")), (1e3, ("k", "thousand")))
CURRENCIES: dict[str, tuple[str, tuple[str, ...]]] = {
    # code -> (symbol, names written after the number)
    "GBP": ("£", ("pounds", "pound", "sterling")),
    "USD": ("$", ("dollars", "dollar", "us dollars")),
    "EUR": ("€", ("euros", "euro")),
}
LONGER_SPANS: dict[str, tuple[tuple[int, str, str], ...]] = {
    # unit -> (size in that unit, singular, plural): 50 years is also "half a century"
    "years": ((100, "century", "centuries"), (10, "decade", "decades")),
    "days": ((7, "week", "weeks"),),
    "months": ((12, "year", "years"),),
}


# --- matching text against a source -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NormalText:
    """Text with typography folded away, and where each character came from in the original."""

    text: str
    origin: tuple[int, ...]


def normalise(text: str) -> NormalText:
    """Fold quote marks, dashes, ellipses and runs of white space: all that may differ."""
    chars: list[str] = []
    origin: list[int] = []
    for offset, char in enumerate(text):
        folded = char.translate(TYPOGRAPHY)
        if char.isspace():
            if chars and chars[-1] not in " -":
                chars.append(" ")
                origin.append(offset)
            continue
        if folded == "-" and chars and chars[-1] == " ":  # spaced and closed-up dashes are the same
            chars.pop()
            origin.pop()
        chars.extend(folded)
        origin.extend([offset] * len(folded))
    if chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return NormalText("".join(chars), tuple(origin))


def find_quote(quote: str, source: NormalText) -> tuple[int, int] | None:
    """(start, end) offsets of the quote in the source's original text, or None."""
    wanted = normalise(quote).text
    first_letter = next((i for i, c in enumerate(wanted) if c.isalpha()), None)
    candidates = [wanted]
    if first_letter is not None:
        letter = wanted[first_letter]
        for variant in (letter.lower(), letter.upper()):
            if variant != letter:
                candidates.append(wanted[:first_letter] + variant + wanted[first_letter + 1 :])
    for candidate in candidates:
        start = source.text.find(candidate) if candidate else -1
        if start >= 0:
            end = start + len(candidate)
            return source.origin[start], source.origin[end - 1] + 1
    return None


def words_of(text: str) -> list[tuple[str, int, int]]:
    """(word without surrounding punctuation, start, end) of each word of a normalised text."""
    found = []
    for match in WORD_RE.finditer(text):
        key = match[0].strip(PUNCTUATION)
        if key:
            found.append((key, match.start(), match.end()))
    return found


def closest_passage(quote: str, source: Source, normal: NormalText) -> tuple[int, str, str]:
    """(offset in the body, passage as the source words it, the quote's words with differences
    marked) for the run of source words nearest the quote."""
    quote_text = normalise(quote).text
    quote_words = words_of(quote_text)
    words = words_of(normal.text)
    folded = [key.casefold() for key, _, _ in words]
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2([key.casefold() for key, _, _ in quote_words])
    width = len(quote_words) + 2  # room for words the quote dropped
    best_ratio, best_start = -1.0, 0
    for start in range(max(len(words) - width, 0) + 1):
        matcher.set_seq1(folded[start : start + width])
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best_ratio, best_start = ratio, start
    window = trim_window(words[best_start : best_start + width], quote_words)
    if not window:
        return 0, "", ""
    start = normal.origin[window[0][1]]
    end = normal.origin[window[-1][2] - 1] + 1
    return start, " ".join(source.body[start:end].split()), mark_difference(
        [key for key, _, _ in window], quote_text, quote_words)


def trim_window(
    window: list[tuple[str, int, int]], quote_words: list[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """The source words of a window that line up with the quote, without the extras around it."""
    matcher = difflib.SequenceMatcher(None, [w[0].casefold() for w in window],
                                      [w[0].casefold() for w in quote_words], autojunk=False)
    opcodes = matcher.get_opcodes()
    if len(opcodes) == 1:
        return window if opcodes[0][0] != "delete" else []
    tag, a_start, a_end, b_start, b_end = opcodes[0]
    first = a_end if tag == "delete" else a_start + max(0, (a_end - a_start) - (b_end - b_start))
    tag, a_start, a_end, b_start, b_end = opcodes[-1]
    last = a_start if tag == "delete" else a_end - max(0, (a_end - a_start) - (b_end - b_start))
    return window[first:last]


def mark_difference(source_keys: list[str], quote_text: str,
                    quote_words: list[tuple[str, int, int]]) -> str:
    """The quote's words, with [-source words it lacks-] and {+words the source lacks+}.
    The case of the quote's first letter is free, so it never shows as a difference."""
    quote_keys = [key for key, _, _ in quote_words]
    if quote_keys and source_keys and quote_keys[0][1:] == source_keys[0][1:] and (
            quote_keys[0][:1].casefold() == source_keys[0][:1].casefold()):
        quote_keys[0] = source_keys[0]
    matcher = difflib.SequenceMatcher(None, source_keys, quote_keys, autojunk=False)
    marked: list[str] = []
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        quoted = " ".join(quote_text[s:e] for _, s, e in quote_words[b_start:b_end])
        if tag == "equal":
            marked.append(quoted)
            continue
        if a_end > a_start:
            marked.append("[-" + " ".join(source_keys[a_start:a_end]) + "-]")
        if b_end > b_start:
            marked.append("{+" + quoted + "+}")
    return " ".join(marked)


def line_in_body(source: Source, offset: int) -> int:
    """File line of a character offset in a source's body."""
    return source.body_line + source.body.count("\n", 0, offset)


# --- numbers -----------------------------------------------------------------------------


def number_words(number: int) -> list[str]:
    """English words for 0-999: 7 -> seven, 32 -> thirty-two, 100 -> a hundred."""
    if number < 20:
        words = [SMALL_NUMBERS[number]]
    elif number < 100:
        tens, units = divmod(number, 10)
        words = [TENS[tens]] if not units else [f"{TENS[tens]}-{SMALL_NUMBERS[units]}"]
    elif number < 1000:
        hundreds, rest = divmod(number, 100)
        heads = [f"{SMALL_NUMBERS[hundreds]} hundred"] + (["a hundred"] if hundreds == 1 else [])
        if not rest:
            return heads
        return [f"{head}{joiner}{tail}" for head in heads for joiner in (" and ", " ")
                for tail in number_words(rest)]
    else:
        return []
    if number == 12:
        words += ["a dozen"]
    return words


def numerals(value: float) -> list[str]:
    """Ways to write a number in figures and words: 7000000000 -> 7,000,000,000, 7bn, seven billion."""
    value = abs(value)
    forms: list[str] = []
    if value == int(value):
        whole = int(value)
        forms += [str(whole), f"{whole:,}", f"{whole:,}".replace(",", " ")]
        forms += number_words(whole)
    else:
        forms.append(f"{round(value, 9):g}")
    for size, suffixes in MAGNITUDES:
        if value >= size:
            scaled = round(value / size, 9)
            shown = f"{scaled:g}"
            if "e" not in shown and len(shown.partition(".")[2]) <= 2:
                spoken = number_words(int(scaled)) if scaled == int(scaled) else []
                for suffix in suffixes:
                    forms += [f"{shown}{suffix}", f"{shown} {suffix}"]
                    if len(suffix) > 2:
                        forms += [f"{word} {suffix}" for word in spoken]
            break
    return forms


def number_forms(value: float, unit: str) -> list[str]:
    """Every written form of value in unit that counts as stating it (currency and % included)."""
    plain = numerals(value)
    if unit in CURRENCIES:
        symbol, names = CURRENCIES[unit]
        return ([symbol + form for form in plain] + [f"{unit} {form}" for form in plain]
                + [f"{form} {name}" for form in plain for name in (*names, unit)])
    if unit == "%":
        return [f"{form}{sign}" for form in plain for sign in ("%", " %", " per cent", " percent")]
    forms = list(plain)
    for size, singular, plural in LONGER_SPANS.get(unit, ()):
        if value and value % size == 0:
            count = int(value // size)
            forms += ([f"a {singular}", f"one {singular}"] if count == 1 else
                      [f"{word} {plural}" for word in numerals(count)])
        elif value and (value * 2) % size == 0:
            forms += [f"half a {singular}"] if value * 2 == size else []
    return forms


def number_pattern(value: float, unit: str) -> re.Pattern[str]:
    """A regex finding any written form of the number as a whole word (not inside 1,300 or 3.5)."""
    forms = sorted({normalise(form).text for form in number_forms(value, unit)}, key=len,
                   reverse=True)
    alternatives = "|".join(re.escape(form).replace(r"\ ", r"\s?") for form in forms)
    return re.compile(rf"(?<![\w£$€])(?<!\d[.,])(?:{alternatives})(?!\w)(?![.,]\d)", re.IGNORECASE)


# --- the checks --------------------------------------------------------------------------


T = TypeVar("T")
Memo = Callable[[str, str, Callable[[], Any]], Any]
"""BuildCache.memo: (table, key, compute) -> compute() or its remembered result."""


def compute_now(table: str, key: str, compute: Callable[[], T]) -> T:
    """The memo to use without a build cache: always compute."""
    return compute()


@dataclass(frozen=True, slots=True)
class QuoteUse:
    """One quote on the site: who uses it, where it sits in its file, and which source holds it."""

    item: Item
    text: str
    source: str
    line: int


def quote_uses(site: Site) -> list[QuoteUse]:
    """Every quote on the site, in item order: figures', events' and people's."""
    uses: list[QuoteUse] = []
    for item in site.items.values():
        if isinstance(item, Figure | Event) and item.quote:
            uses.append(QuoteUse(item, item.quote, item.source, item.lines.get("quote", 1)))
        elif isinstance(item, Person):
            uses.extend(QuoteUse(item, quote.text, quote.source, quote.line)
                        for quote in item.quotes)
    return uses


def normal_sources(site: Site, memo: Memo = compute_now) -> dict[str, NormalText]:
    """Each source's body, normalised once (and, with a build cache, once per text)."""
    return {
        item.slug: memo("normal-sources", content_key(item.body), lambda body=item.body: normalise(body))
        for item in site.of_kind("sources")
    }


def check_provenance(site: Site, memo: Memo = compute_now) -> list[SiteError]:
    """Every quote missing from its source, every figure its quote does not support, every alias
    two items share. `memo` (BuildCache.memo) keeps the verdicts of unchanged quotes."""
    errors: list[SiteError] = list(check_aliases(site))
    sources = normal_sources(site, memo)
    source_keys = {slug: content_key(site.items[slug].body) for slug in sources}  # hash once
    for use in quote_uses(site):
        path = use.item.path
        if use.source not in sources:
            errors.append(ContentError(path, use.line, 1, "quote has no source: add 'source:' "
                                       "or set default_source in content/site.yaml"))
            continue
        found = memo("quotes-found", content_key(use.text, source_keys[use.source]),
                     lambda use=use: find_quote(use.text, sources[use.source]) is not None)
        if not found:
            errors.append(ContentError(path, use.line, 1, quote_missing_message(use, site, sources)))
    for figure in site.of_kind("figures"):
        assert isinstance(figure, Figure)
        key = content_key(repr((figure.path, figure.value, figure.unit, figure.quote,
                                figure.display, figure.lines)))
        errors.extend(memo("figure-numbers", key, lambda figure=figure: check_figure_number(figure)))
    return errors


def quote_missing_message(use: QuoteUse, site: Site, sources: dict[str, NormalText]) -> str:
    """The error text, with the nearest passage of the source and the words that differ."""
    source = site.items[use.source]
    assert isinstance(source, Source)
    offset, passage, marked = closest_passage(use.text, source, sources[use.source])
    message = f"quote not found in source '{use.source}'"
    if not passage:
        return message
    return (f"{message}\n    closest passage ({source.path}:{line_in_body(source, offset)}): "
            f"{passage}\n    difference ([-source-] {{+quote+}}): {marked}")


def check_figure_number(figure: Figure) -> list[ContentError]:
    """The quote must state the figure's number, and its display must show that number."""
    pattern = number_pattern(figure.value, figure.unit)
    errors: list[ContentError] = []
    shown = f"{figure.value:g} {figure.unit}"
    examples = ", ".join(dict.fromkeys(number_forms(figure.value, figure.unit)[:4]))
    if not pattern.search(normalise(figure.quote).text):
        errors.append(ContentError(
            figure.path, figure.lines.get("quote", 1), 1,
            f"the quote does not contain the figure's number ({shown}, shown as "
            f"'{figure.display}'); it should say it in some form, e.g. {examples}"))
    if "display" in figure.lines and not pattern.search(normalise(figure.display).text):
        errors.append(ContentError(
            figure.path, figure.lines["display"], 1,
            f"display '{figure.display}' does not show the value {shown}"))
    return errors


# --- what templates show -----------------------------------------------------------------


def quote_id(text: str, source: str) -> str:
    """A stable anchor for a quote: the same words from the same source share one entry."""
    digest = hashlib.sha1(f"{source}\x00{normalise(text).text}".encode()).hexdigest()
    return "q-" + digest[:10]


@dataclass(frozen=True, slots=True)
class UsedQuote:
    """A quote as listed on /sources/: its words, its anchor, and the items showing it."""

    text: str
    anchor: str
    users: tuple[Item, ...]


def used_quotes(site: Site) -> dict[str, list[UsedQuote]]:
    """Source slug -> its quotes in the order they appear in the source."""
    sources = normal_sources(site)
    grouped: dict[str, dict[str, list[QuoteUse]]] = defaultdict(dict)
    for use in quote_uses(site):
        grouped[use.source].setdefault(quote_id(use.text, use.source), []).append(use)
    listing: dict[str, list[UsedQuote]] = {}
    for source_slug, by_anchor in grouped.items():
        normal = sources.get(source_slug)

        def position(uses: list[QuoteUse], normal: NormalText | None = normal) -> int:
            found = find_quote(uses[0].text, normal) if normal else None
            return found[0] if found else 0

        ordered = sorted(by_anchor.items(), key=lambda pair: position(pair[1]))
        listing[source_slug] = [
            UsedQuote(uses[0].text, anchor, tuple({use.item.slug: use.item for use in uses}.values()))
            for anchor, uses in ordered
        ]
    return listing


@dataclass(frozen=True, slots=True)
class PageHistory:
    """What a page's foot shows: when it was last updated and its corrections, newest first."""

    updated: FuzzyDate | None
    corrections: tuple[tuple[Correction, Item], ...]


def newest_first(pairs: list[tuple[Correction, Item]]) -> tuple[tuple[Correction, Item], ...]:
    """Corrections, newest first; ties keep file order so builds are reproducible."""
    return tuple(sorted(pairs, key=lambda pair: (pair[0].date, pair[1].path, pair[0].line),
                        reverse=True))


def template_globals(site: Site) -> dict[str, Any]:
    """quote_href, quotes_of, page_history and all_corrections for the templates."""
    quotes = used_quotes(site)
    shown_on: dict[str, list[Item]] = defaultdict(list)
    for item in site.items.values():
        shown_on[item_url(item).partition("#")[0]].append(item)
    every_correction = newest_first(
        [(correction, item) for item in site.items.values() for correction in item.corrections])

    def quote_href(text: str, source: str) -> str:
        return f"/sources/#{quote_id(text, source)}"

    def quotes_of(source: Item) -> list[UsedQuote]:
        return quotes.get(source.slug, [])

    def page_history(page_url: str) -> PageHistory:
        items = shown_on.get(page_url, [])
        dates = [item.updated for item in items if item.updated]
        return PageHistory(
            max(dates) if dates else None,
            newest_first([(c, item) for item in items for c in item.corrections]))

    def all_corrections() -> tuple[tuple[Correction, Item], ...]:
        return every_correction

    return {"quote_href": quote_href, "quotes_of": quotes_of, "page_history": page_history,
            "all_corrections": all_corrections}


# --- check --sources ---------------------------------------------------------------------


def source_passages(source: Source) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence of each paragraph of a source's body."""
    passages: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", source.body):
        start = paragraph.start()
        for end_match in SENTENCE_END_RE.finditer(paragraph[0]):
            passages.append((start, paragraph.start() + end_match.start()))
            start = paragraph.start() + end_match.end()
        passages.append((start, paragraph.end()))
    return [(s, e) for s, e in passages if source.body[s:e].strip()]


def sources_report(site: Site) -> str:
    """The `check --sources` table: per source, what cites it and which passages nothing uses."""
    sources = normal_sources(site)
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    quote_counts: dict[str, int] = defaultdict(int)
    figure_counts: dict[str, int] = defaultdict(int)
    for use in quote_uses(site):
        found = find_quote(use.text, sources[use.source]) if use.source in sources else None
        if found:
            spans[use.source].append(found)
        if isinstance(use.item, Figure):
            figure_counts[use.source] += 1
        else:
            quote_counts[use.source] += 1
    rows = [("source", "quotes", "figures", "passages used")]
    unused_sections: list[str] = []
    for source in site.of_kind("sources"):
        assert isinstance(source, Source)
        passages = source_passages(source)
        unused = [(s, e) for s, e in passages
                  if not any(qs < e and s < qe for qs, qe in spans[source.slug])]
        rows.append((source.slug, str(quote_counts[source.slug]), str(figure_counts[source.slug]),
                     f"{len(passages) - len(unused)} of {len(passages)}"))
        if unused:
            lines = [f"Passages of '{source.slug}' ({source.title}) that nothing uses "
                     f"({len(unused)}):"]
            for start, end in unused:
                text = " ".join(source.body[start:end].split())
                text = text if len(text) <= 100 else text[:99] + "\u2026"
                lines.append(f"  {source.path}:{line_in_body(source, start)}: {text}")
            unused_sections.append("\n".join(lines))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    table = [
        "  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
                  for i, cell in enumerate(row)).rstrip()
        for row in rows
    ]
    return "\n\n".join(["\n".join(table), *unused_sections]) + "\n"
