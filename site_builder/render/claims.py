"""Claims stay claims: a figure's number is never shown without its qualifier, and a figure's
label or an event's title, standing on its own, carries who says so.

Every template, chart and output file (data.json, timeline.json) words figures and claims
through these functions, so the rule holds in one place.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable, Mapping
from typing import Any

from markupsafe import Markup, escape

from ..model import Event, Figure, Item, item_name
from ..strings import STRINGS

Words = Mapping[str, str]
"""The string table (strings.STRINGS, or a theme's)."""

ACCORDING_TO = re.compile(r"^\s*according\s+to\s+", re.IGNORECASE)
"""A leading "according to" an editor may write in `attribution`; the table adds its own."""


def attribution_source(attribution: str) -> str:
    """Who says so, as a noun phrase: "according to two resistance leaders" and "two resistance
    leaders" both give "two resistance leaders"."""
    return " ".join(ACCORDING_TO.sub("", attribution).split())


def names_source(text: str, attribution: str, strings: Words = STRINGS) -> bool:
    """Whether `text` already says who says so: it names the source (the attribution without
    "according to", or for "Person, Organisation" the person) or it holds an attribution of
    its own (the words claim.attributed puts before the source: "according to"); whole words,
    whatever the case."""
    source = attribution_source(attribution)
    if not source:
        return True
    folded = " ".join(text.casefold().split())
    candidates = {source.casefold(), source.split(",")[0].strip().casefold(), attribution_words(strings)}
    return any(holds_word(folded, name) for name in candidates if name)


def holds_word(text: str, words: str) -> bool:
    """Whether `words` stand in `text` with no word character (re's \\w: a letter, a digit,
    '_') right before or after them: re.search(r"(?<!\\w)WORDS(?!\\w)"), without compiling a
    regex per source (a site's 600 figures name more sources than re's cache of 512 keeps, so
    each call compiled its regexes anew: most of the time of planning the embed pages)."""
    end = len(words)
    start = text.find(words)
    while start >= 0:
        after = start + end
        if (start == 0 or not is_word_char(text[start - 1])) and (
            after == len(text) or not is_word_char(text[after])
        ):
            return True
        start = text.find(words, start + 1)
    return False


def is_word_char(char: str) -> bool:
    """re's \\w for one character of a str pattern: alphanumeric or '_'."""
    return char.isalnum() or char == "_"


def attribution_words(strings: Words = STRINGS) -> str:
    """The words claim.attributed puts between a claim and its source ("according to"),
    casefolded; '' when it puts none."""
    return words_before_attribution(strings["claim.attributed"])


@functools.lru_cache(maxsize=64)
def words_before_attribution(pattern: str) -> str:
    """attribution_words of one claim.attributed, worked out once: every figure and event
    asks, for its embed page and its claim (twice a build at 4,000 items: 2,800 parses)."""
    before = next(
        (literal for literal, field, _, _ in string.Formatter().parse(pattern) if field == "attribution"),
        "",
    )
    return " ".join(re.sub(r"[^\w\s]", " ", before).casefold().split())


def claim_attribution(item: Item) -> str:
    """Who says a figure or an event is so, as a noun phrase; '' for anything else."""
    if isinstance(item, Figure | Event):
        return attribution_source(item.attribution)
    return ""


def claim_text(item: Item, strings: Words = STRINGS) -> str:
    """An item's name as shown on its own: a figure's label or an event's title with its
    attribution ("..., according to two resistance leaders") unless it names the source
    already; any other item's name as it is."""
    text = item_name(item)
    source = claim_attribution(item)
    if not source or names_source(text, source, strings):
        return text
    return strings["claim.attributed"].format(claim=text, attribution=source)


def figure_number(figure: Figure, strings: Words = STRINGS) -> str:
    """A figure's number as a reader must see it, qualifier first: "more than 30 miles"."""
    if not figure.qualifier:
        return figure.display
    return strings["figure.number"].format(qualifier=figure.qualifier, number=figure.display)


def figure_number_markup(figure: Figure, strings: Words = STRINGS) -> Markup:
    """figure_number as HTML: the qualifier in <span class="qualifier">, the number in
    <data value> (its machine-readable value)."""
    number = Markup('<data value="{}">{}</data>').format(figure.value, figure.display)
    if not figure.qualifier:
        return number
    qualifier = Markup('<span class="qualifier">{}</span>').format(figure.qualifier)
    return escape(strings["figure.number"]).format(qualifier=qualifier, number=number)


def template_globals(strings: Words = STRINGS) -> dict[str, Callable[..., Any]]:
    """What templates call: figure_number(figure) (markup), figure_number_text(figure),
    claim(item) and attribution(item). Each item's words are made once per build (a renderer
    asks for new globals each build), not once per page that shows them."""
    claims: dict[str, str] = {}
    numbers: dict[str, Markup] = {}

    def claim(item: Item) -> str:
        if item.slug not in claims:
            claims[item.slug] = claim_text(item, strings)
        return claims[item.slug]

    def number(figure: Figure) -> Markup:
        if figure.slug not in numbers:
            numbers[figure.slug] = figure_number_markup(figure, strings)
        return numbers[figure.slug]

    return {
        "figure_number": number,
        "figure_number_text": lambda figure: figure_number(figure, strings),
        "claim": claim,
        "attribution": claim_attribution,
    }
