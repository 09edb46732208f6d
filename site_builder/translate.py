"""Translations: `people/ali.fr.md` beside `people/ali.md` gives the French text of the item.

A translation holds the translated text fields and body only; everything that is not text
(dates, slugs, numbers, coordinates, references, flags) comes from the original, so the
languages cannot drift apart on facts. Each language other than the default gets a Site of its
own (`translate_site`): the translated items, and the untranslated ones kept only so that links
to them go to the default language (`Site.fallback`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from .errors import ContentError, did_you_mean
from .link import check_body_links
from .load import parse_entry
from .markup import RenderedBody
from .model import Backlink, Event, Figure, Item, Person, Place, Site, Source, Term
from .provenance.checks import Memo, check_figure_number, compute_now, own_quote_source
from .records import frozen
from .validate import COMMON, SCHEMAS, convert_fields
from .validate.fields import Field, list_of, record, to_bool, to_text

TRANSLATED_FIELDS: dict[str, tuple[str, ...]] = {
    "pages": ("title", "summary", "image_alt", "image_caption"),
    "people": ("name", "role", "summary", "aliases", "image_alt", "image_caption"),
    "places": ("name", "kind", "summary", "aliases", "image_alt", "image_caption"),
    "figures": ("label", "display", "qualifier", "attribution"),
    "events": ("title", "summary", "attribution", "image_alt", "image_caption"),
    "glossary": ("term", "definition", "short", "abbr", "aliases", "category"),
}
"""Per kind, the front-matter keys a translation may give: the words a reader reads."""
SHARED_KINDS = frozenset(("sources",))
"""Kinds shown as they are in every language: a source is evidence, quoted word for word."""
TRANSLATED_QUOTE = record(
    {
        "text": Field(to_text, required=True),
        "context": Field(to_text),
        "translated": Field(to_bool),
    },
    dict,
)
"""One of `quotes` in a translation: the words in the translation's language, at the same place
as the original's; `translated: true` says they translate the original's words, else they are
found in a source in the translation's language."""
QUOTE_SCHEMA = {
    "quote": Field(to_text),
    "quotes": Field(list_of(TRANSLATED_QUOTE)),
    "translated": Field(to_bool),
}


@frozen(eq=False, repr=False)
class Translation:
    """One translation file's text fields and body, checked, not yet laid over its original."""

    kind: str
    slug: str
    """The original's slug: 'ali' for people/ali.fr.md."""
    language: str
    path: str
    values: dict[str, Any]
    """Translated field values by model attribute (a place's `kind` is `place_kind`)."""
    body: str
    body_line: int
    own_quotes: tuple[tuple[str, int, int], ...] = ()
    """The quotes given without `translated: true`, in the translation's own language: each
    one's field ('quote', 'quotes[2]'), line and column, for finding it in a source."""


def parse_translation(
    data: bytes, kind: str, slug: str, language: str, shown: str
) -> tuple[Translation | None, list[ContentError]]:
    """A translation file's bytes -> its checked text fields and body, or every problem in it."""
    try:
        raw = parse_entry(data, kind, slug, shown)
    except ContentError as e:
        return None, [e]
    doc = raw.doc
    errors = list(doc.problems)
    if kind in SHARED_KINDS:
        return None, [
            ContentError(
                shown, 1, 1, "sources are not translated: a source is shown as it is in every language"
            )
        ]
    allowed = TRANSLATED_FIELDS[kind]
    _, schema = SCHEMAS[kind]
    text_schema = {key: replace(schema[key], required=False) for key in allowed}
    text_schema.update(
        {key: field for key, field in QUOTE_SCHEMA.items() if key in schema or key == "translated"}
    )
    fields = {}
    original = shown.replace(f".{language}.md", ".md")
    given = ", ".join([*allowed, *(key for key in ("quote", "quotes") if key in schema)])
    for key, field in doc.fields.items():
        if key in allowed:
            fields[key] = field
            continue
        if key in QUOTE_SCHEMA and (key in schema or key == "translated"):
            fields[key] = field
            continue
        if key in schema or key in COMMON:
            message = (
                f"'{key}' comes from the original ({original}) and may not be repeated in a "
                f"translation, which gives only {given} and the body; delete this line"
            )
        else:
            fields[key] = field
            continue
        errors.append(ContentError(shown, field.line, field.column, message))
    values = convert_fields(fields, doc, text_schema, errors)
    own: list[tuple[str, int, int]] = []
    if "quote" in values and values.pop("translated", False) is not True:
        field = doc.fields["quote"]
        own.append(("quote", field.line, field.column))
    values.pop("translated", None)
    for index, quote in enumerate(values.get("quotes", ())):
        if not quote.get("translated", False):
            node = doc.fields["quotes"].node.value[index]
            own.append((f"quotes[{index + 1}]", doc.line_of(node), node.start_mark.column + 1))
    if errors:
        return None, errors
    return Translation(kind, slug, language, shown, values, raw.body, raw.body_line, tuple(own)), []


def translated_item(
    original: Item, translation: Translation
) -> tuple[Item, list[ContentError], dict[str, str]]:
    """The original with the translation's text and body laid over it (it now points at the
    translation's file, whose body any [[link]] error is in), the problems, and each translated
    quote's original words (so the page links the quote checked in the source)."""
    values = dict(translation.values)
    errors: list[ContentError] = []
    originals: dict[str, str] = {}
    original_quote: str = getattr(original, "quote", "")
    own = {label for label, _, _ in translation.own_quotes}
    if "quote" in values and "quote" not in own:
        if not original_quote:
            errors.append(
                ContentError(
                    translation.path, 1, 1, f"'quote' translates nothing: {original.path} gives no quote"
                )
            )
        else:
            originals[values["quote"]] = original_quote
    if "quotes" in values:
        given, quotes = values.pop("quotes"), getattr(original, "quotes", ())
        if len(given) != len(quotes):
            errors.append(
                ContentError(
                    translation.path,
                    given[0]["line"] if given else 1,
                    1,
                    f"'quotes' gives {len(given)} quote{'s' if len(given) != 1 else ''}, but "
                    f"{original.path} has {len(quotes)}: a translation translates each one, in order",
                )
            )
        else:
            values["quotes"] = tuple(
                replace(quote, text=mine["text"], context=mine.get("context", quote.context))
                for quote, mine in zip(quotes, given, strict=True)
            )
            originals.update(
                {
                    mine["text"]: quote.text
                    for index, (quote, mine) in enumerate(zip(quotes, given, strict=True))
                    if f"quotes[{index + 1}]" not in own
                }
            )
    item = replace(
        original, path=translation.path, body=translation.body, body_line=translation.body_line, **values
    )
    return item, errors, originals


def place_own_quotes(
    item: Item, translation: Translation, sources: Mapping[str, Source], memo: Memo
) -> tuple[Item, list[ContentError], list[str]]:
    """The item with each quote given in the translation's own language linked to the source in
    that language that holds it, or an error at the quote's line when none does."""
    errors: list[ContentError] = []
    texts: list[str] = []
    for label, line, column in translation.own_quotes:
        index = int(label[len("quotes[") : -1]) - 1 if label != "quote" else -1
        if isinstance(item, Person) and index >= 0:
            if index >= len(item.quotes):  # the count is wrong: reported by translated_item
                continue
            text = item.quotes[index].text
        elif isinstance(item, Figure | Event | Term | Place | Person) and index < 0:
            text = item.quote
        else:  # a kind without quotes: parse_translation refused the field
            continue
        texts.append(text)
        found = own_quote_source(text, sources, memo)
        if found is None:
            where = (
                f"the '{translation.language}' sources ({', '.join(sources)})"
                if sources
                else f"any source: no source says language: {translation.language}"
            )
            errors.append(
                ContentError(
                    translation.path,
                    line,
                    column,
                    f"'{label}' in '{translation.language}' is not found in {where}; quote a source "
                    f"in this language word for word, or add translated: true if it translates the "
                    "original's quote",
                )
            )
        elif isinstance(item, Person) and index >= 0:
            quotes = list(item.quotes)
            quotes[index] = replace(quotes[index], source=found)
            item = replace(item, quotes=tuple(quotes))
        elif isinstance(item, Figure):  # its own words must state its number too
            item = replace(item, source=found)
            errors += check_figure_number(replace(item, lines={"quote": line}))
        elif isinstance(item, Event | Term | Place | Person):
            item = replace(item, source=found)
    return item, errors, texts


def translate_site(
    site: Site,
    language: str,
    folder: str,
    translations: list[Translation],
    render_markdown: Callable[[Item], RenderedBody],
    broken: frozenset[str],
    withheld: Mapping[str, Item],
    memo: Memo = compute_now,
) -> tuple[Site, list[ContentError]]:
    """The site in one other language: each translated item, and every [[link]] in the
    translations checked; an item without a translation stays only as a link target in the
    default language (Site.fallback). A translation of no item is an error; one of a draft or
    embargoed item is left out with it."""
    errors: list[ContentError] = []
    items = dict(site.items)
    translated: set[str] = set()
    quote_originals: dict[str, str] = {}
    own_quotes: set[str] = set()
    sources = {
        item.slug: item
        for item in sorted(site.of_kind("sources"), key=lambda source: source.slug)
        if isinstance(item, Source) and item.language == language
    }
    for translation in translations:
        original = site.items.get(translation.slug)
        if original is None or original.kind != translation.kind:
            if translation.slug not in broken and translation.slug not in withheld:
                same_kind = [slug for slug, item in site.items.items() if item.kind == translation.kind]
                errors.append(
                    ContentError(
                        translation.path,
                        1,
                        1,
                        f"translation of no item: content/{translation.kind}/{translation.slug}.md "
                        f"does not exist{did_you_mean(translation.slug, same_kind)}",
                    )
                )
            continue
        item, item_errors, originals = translated_item(original, translation)
        errors += item_errors
        if translation.own_quotes:
            item, own_errors, texts = place_own_quotes(item, translation, sources, memo)
            errors += own_errors
            own_quotes.update(texts)
        quote_originals.update(originals)
        items[translation.slug] = item
        translated.add(translation.slug)
    clash = site.items.get(language)
    if clash is not None and clash.kind == "pages":
        errors.append(
            ContentError(
                clash.path,
                1,
                1,
                f"page slug '{language}' would overwrite the folder of the '{language}' pages "
                f"(/{folder}); rename the file",
            )
        )
    fallback = frozenset(
        slug for slug, item in items.items() if slug not in translated and item.kind not in SHARED_KINDS
    )
    if site.config.require_translations:
        errors += [
            ContentError(
                items[slug].path,
                0,
                0,
                f"no '{language}' translation (site.yaml has require_translations: true): "
                f"add {items[slug].path.removesuffix('.md')}.{language}.md",
            )
            for slug in sorted(fallback)
        ]
    elif "index" in fallback:
        errors.append(
            ContentError(
                "content/pages/index.md",
                0,
                0,
                f"the home page has no '{language}' translation: add content/pages/index.{language}.md",
            )
        )
    bodies = {slug: body for slug, body in site.bodies.items() if slug not in translated}
    bodies.update(
        {
            slug: render_markdown(items[slug])
            for slug in translated
            if items[slug].kind not in SHARED_KINDS and items[slug].body.strip()
        }
    )
    bodies = dict(sorted(bodies.items()))
    link_backlinks: dict[str, list[Backlink]] = defaultdict(list)
    check_body_links(
        items,
        {slug: body for slug, body in bodies.items() if slug in translated},
        errors,
        link_backlinks,
        broken,
        withheld,
    )
    backlinks: dict[str, list[Backlink]] = defaultdict(list)
    for slug, links in site.backlinks.items():  # front matter: the same facts in every language
        backlinks[slug] += [link for link in links if link.how != "link" and link.source_slug not in fallback]
    for slug, found in link_backlinks.items():
        backlinks[slug] += found
    timeline = tuple(
        event for event in (items[dated.slug] for dated in site.timeline) if isinstance(event, Event)
    )
    timeline = tuple(event for event in timeline if event.slug not in fallback)
    return (
        replace(
            site,
            items=items,
            backlinks={slug: tuple(links) for slug, links in sorted(backlinks.items()) if links},
            timeline=timeline,
            bodies=bodies,
            language=language,
            folder=folder,
            fallback=fallback,
            translations=(),
            quote_originals=dict(sorted(quote_originals.items())),
            own_quotes=frozenset(own_quotes),
        ),
        errors,
    )


def untranslated_notes(site: Site) -> list[str]:
    """`check`'s note per language on the items without a translation into it, which its site
    leaves out (with require_translations each is an error instead)."""
    notes = []
    for version in site.translations:
        if version.fallback:
            paths = [site.items[slug].path for slug in sorted(version.fallback)]
            count = len(paths)
            for slug, body in version.bodies.items():
                if slug in version.fallback:
                    continue
                item = version.items[slug]
                notes += [
                    f"{item.path}:{item.body_line + link.line}:{link.column}: [[{link.slug}]] links "
                    f"to the '{site.language}' page: '{link.slug}' has no '{version.language}' translation"
                    for link in body.links
                    if link.slug in version.fallback
                ]
            notes.append(
                f"{count} item{'s are' if count != 1 else ' is'} not translated into '{version.language}' "
                f"and left out of its pages (links to {'them' if count != 1 else 'it'} go to "
                f"'{site.language}'): {', '.join(paths)}"
            )
    return notes
