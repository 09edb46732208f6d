"""The checks: every quote in its source, every figure's number in its quote."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, TypeVar

from ..cache import content_key
from ..errors import ContentError, SiteError
from ..languages import site_languages
from ..model import Event, Figure, Item, Person, Place, Site, Source, Term
from ..records import frozen
from .numbers import ascii_digits, number_forms, number_pattern
from .text import NormalText, closest_passage, find_quote, line_in_body, normalise

# --- the checks --------------------------------------------------------------------------


T = TypeVar("T")
Memo = Callable[[str, str, Callable[[], Any]], Any]
"""BuildCache.memo: (table, key, compute) -> compute() or its remembered result."""


def compute_now(table: str, key: str, compute: Callable[[], T]) -> T:
    """The memo to use without a build cache: always compute."""
    return compute()


@frozen(eq=False, repr=False)
class QuoteUse:
    """One quote on the site: who uses it, where it sits in its file, and which source holds it."""

    item: Item
    text: str
    source: str
    line: int


def quote_uses(site: Site) -> list[QuoteUse]:
    """Every quote on the site, in item order: figures' and events', the words people say, and
    the quotes that support a term's definition, a place's kind or a person's role."""
    uses: list[QuoteUse] = []
    for item in site.items.values():
        if isinstance(item, Person):
            uses.extend(QuoteUse(item, quote.text, quote.source, quote.line) for quote in item.quotes)
        if isinstance(item, Figure | Event | Term | Place | Person) and item.quote:
            uses.append(QuoteUse(item, item.quote, item.source, item.lines.get("quote", 1)))
    return uses


def normal_sources(site: Site, memo: Memo = compute_now) -> dict[str, NormalText]:
    """Each source's body, normalised once (and, with a build cache, once per text)."""
    return {
        item.slug: memo("normal-sources", content_key(item.body), partial(normalise, item.body))
        for item in site.of_kind("sources")
    }


def own_quote_source(text: str, sources: Mapping[str, Source], memo: Memo = compute_now) -> str | None:
    """The slug of the first of these sources (a translation's, in its language) that holds the
    quote, or None."""
    for slug, source in sources.items():
        normal = memo("normal-sources", content_key(source.body), partial(normalise, source.body))
        if memo(
            "quotes-found", content_key(text, content_key(source.body)), partial(quote_found, text, normal)
        ):
            return slug
    return None


def quote_found(quote: str, source: NormalText) -> bool:
    """Whether the quote occurs in the normalised source."""
    return find_quote(quote, source) is not None


def check_provenance(site: Site, memo: Memo = compute_now, sourceless_ok: bool = False) -> list[SiteError]:
    """Every quote missing from its source, every figure its quote does not support. `memo`
    (BuildCache.memo) keeps the verdicts of unchanged quotes.

    Runs on a site that may have link errors: a quote whose source is not a loaded source is
    skipped (link already reported the bad slug), and with `sourceless_ok` (site.yaml is broken,
    so default_source is unknown) so is a quote that names no source."""
    errors: list[SiteError] = list(check_source_languages(site))
    sources = normal_sources(site, memo)
    source_keys = {slug: content_key(site.items[slug].body) for slug in sources}  # hash once
    for use in quote_uses(site):
        path = use.item.path
        if not use.source and not sourceless_ok:
            errors.append(
                ContentError(
                    path,
                    use.line,
                    1,
                    "quote has no source: add 'source:' or set default_source in content/site.yaml",
                )
            )
        if use.source not in sources:
            continue
        found = memo(
            "quotes-found",
            content_key(use.text, source_keys[use.source]),
            partial(quote_found, use.text, sources[use.source]),
        )
        if not found:
            errors.append(ContentError(path, use.line, 1, quote_missing_message(use, site, sources)))
    for figure in site.of_kind("figures"):
        assert isinstance(figure, Figure)
        key = content_key(
            repr((figure.path, figure.value, figure.unit, figure.quote, figure.display, figure.lines))
        )
        errors.extend(memo("figure-numbers", key, partial(check_figure_number, figure)))
    return errors


def check_source_languages(site: Site) -> list[ContentError]:
    """A source's `language` must be one of the site's: a quote in a translation is looked
    for in the sources in its language."""
    languages = site_languages(site.config)
    return [
        ContentError(
            source.path,
            source.lines.get("language", 1),
            1,
            f"'language' is {source.language!r}, which is not one of the site's languages "
            f"({', '.join(languages)})",
        )
        for source in site.of_kind("sources")
        if isinstance(source, Source) and source.language and source.language not in languages
    ]


def quote_missing_message(use: QuoteUse, site: Site, sources: dict[str, NormalText]) -> str:
    """The error text, with the nearest passage of the source and the words that differ."""
    source = site.items[use.source]
    assert isinstance(source, Source)
    offset, passage, marked = closest_passage(use.text, source, sources[use.source])
    message = f"quote not found in source '{use.source}'"
    if not passage:
        return message
    return (
        f"{message}\n    closest passage ({source.path}:{line_in_body(source, offset)}): "
        f"{passage}\n    difference ([-source-] {{+quote+}}): {marked}"
    )


def check_figure_number(figure: Figure) -> list[ContentError]:
    """The quote must state the figure's number, and its display must show that number."""
    pattern = number_pattern(figure.value, figure.unit)
    errors: list[ContentError] = []
    shown = f"{figure.value:g} {figure.unit}"
    examples = ", ".join(dict.fromkeys(number_forms(figure.value, figure.unit)[:4]))
    if not pattern.search(ascii_digits(normalise(figure.quote).text)):
        errors.append(
            ContentError(
                figure.path,
                figure.lines.get("quote", 1),
                1,
                f"the quote does not contain the figure's number ({shown}, shown as "
                f"'{figure.display}'); it should say it in some form, e.g. {examples}",
            )
        )
    if "display" in figure.lines and not pattern.search(ascii_digits(normalise(figure.display).text)):
        errors.append(
            ContentError(
                figure.path,
                figure.lines["display"],
                1,
                f"display '{figure.display}' does not show the value {shown}",
            )
        )
    return errors
