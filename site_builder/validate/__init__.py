"""Raw entries -> typed items: one schema per kind (the converters are in fields.py)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import yaml

from ..errors import ContentError
from ..load import RawEntry, YamlDoc
from ..model import (
    Correction,
    Event,
    Figure,
    Item,
    Page,
    Person,
    Place,
    Quote,
    Relation,
    Source,
    Term,
)
from ..sections import NAV_PLACES
from .fields import (
    LANGUAGE_RE,
    SLUG_RE,
    DateBounds,
    Field,
    convert_fields,
    list_of,
    one_of,
    parse_date,
    record,
    suggest_slug,
    to_bool,
    to_coordinates,
    to_date,
    to_date_or_bounds,
    to_host,
    to_language,
    to_media_ref,
    to_moment,
    to_number,
    to_origin,
    to_positive,
    to_slug,
    to_text,
    to_time,
    to_url,
    to_whole,
)

__all__ = [
    "LANGUAGE_RE",
    "MEDIA_SCHEMA",
    "SITE_SCHEMA",
    "SLUG_RE",
    "convert_fields",
    "format_number",
    "parse_date",
    "to_date",
    "to_slug",
    "validate_entry",
]


def describe(field: Field, doc: str) -> Field:
    """The same field with its one-line doc (many keys share one Field constant)."""
    return replace(field, doc=doc)


TEXT = Field(to_text)
REQUIRED_TEXT = Field(to_text, required=True)
TEXTS = Field(list_of(to_text))
SLUG = Field(to_slug)
SLUGS = Field(list_of(to_slug))
DATE = Field(to_date)
QUOTE = record(
    {
        "text": describe(REQUIRED_TEXT, "The words, exactly as they appear in the source."),
        "context": describe(TEXT, "Where or to whom they were said."),
        "source": describe(SLUG, "Slug of the source that holds them (default: the item's source)."),
    },
    Quote,
)
RELATION = record(
    {
        "person": describe(Field(to_slug, required=True), "Slug of the other person."),
        "label": describe(REQUIRED_TEXT, "What this person is to them, like 'sister of'."),
    },
    Relation,
)
CORRECTION = record(
    {
        "date": describe(Field(to_date, required=True), "When the correction was made."),
        "text": describe(REQUIRED_TEXT, "What was wrong, and what it now says."),
    },
    Correction,
)
SOURCE = describe(SLUG, "Slug of the source backing this item (default: default_source in site.yaml).")
ALIASES = describe(TEXTS, "Other names the text uses; each mention of one links here too.")
FEATURED = describe(Field(to_bool), "Show it on the home page (once any of its kind is, only those).")
WEIGHT = describe(Field(to_whole), "Order in lists: lower first, then by name; 0 or none: after those.")
PEOPLE = describe(SLUGS, "Slugs of the people involved.")
PLACES = describe(SLUGS, "Slugs of the places involved.")
TERMS = describe(SLUGS, "Slugs of the glossary terms involved.")
IMAGE_FIELDS = {
    "image": describe(Field(to_media_ref), "A picture in content/media/, like media/aldrin.jpg."),
    "image_alt": describe(TEXT, "Alt text for the picture here (default: its sidecar's alt)."),
    "image_caption": describe(TEXT, "Caption for the picture here (default: its sidecar's caption)."),
}
COMMON = {
    "updated": describe(DATE, "When the item was last substantially updated; shown on its page."),
    "corrections": describe(Field(list_of(CORRECTION)), "Dated corrections, shown at the foot of its page."),
    "draft": describe(Field(to_bool), "Keep it out of build and publish (serve and --drafts show it)."),
    "embargo": describe(
        Field(to_moment), "A date-time with a time zone: until then it is treated as a draft."
    ),
    "redirect_from": describe(
        SLUGS, "Slugs it had before a rename: their old URLs lead here, and no item may take them."
    ),
}

SCHEMAS: dict[str, tuple[type[Item], dict[str, Field]]] = {
    "sources": (
        Source,
        {
            "title": describe(REQUIRED_TEXT, "The source's own headline or title."),
            "publisher": describe(TEXT, "Who published it."),
            "date": describe(DATE, "When it was published."),
            "url": describe(Field(to_url), "Where readers can find it (an absolute http(s) URL)."),
            "language": describe(
                Field(to_language), "The language it is written in, one of the site's (default: the first)."
            ),
        },
    ),
    "pages": (
        Page,
        {
            "title": describe(REQUIRED_TEXT, "The page's heading and <title>."),
            "summary": describe(TEXT, "One line for the meta description (default: the site's)."),
            "mentions": describe(Field(to_bool), "false turns mention links off on this page."),
            "nav": describe(
                Field(one_of(*NAV_PLACES)), "Which menu lists the page: header, footer (the default) or none."
            ),
            "weight": describe(WEIGHT, "Order in its menu: lower first, then by title; 0 or none: last."),
            **IMAGE_FIELDS,
        },
    ),
    "people": (
        Person,
        {
            "name": describe(REQUIRED_TEXT, "Full name, as the story first gives it."),
            "role": describe(REQUIRED_TEXT, "What they are in this story, in a few words."),
            "summary": describe(REQUIRED_TEXT, "One line on who they are."),
            "aliases": ALIASES,
            "age": describe(Field(to_whole), "Age in years, as the sources give it."),
            "affiliations": describe(SLUGS, "Slugs of the glossary terms (organisations) they belong to."),
            "relations": describe(
                Field(list_of(RELATION)),
                "Links to other people: a person's slug and a label like 'sister of'.",
            ),
            "quotes": describe(
                Field(list_of(QUOTE)),
                "Their words, each found verbatim in its source (text, context, source).",
            ),
            "quote": describe(TEXT, "The source's words giving their role (else: general knowledge)."),
            **IMAGE_FIELDS,
            "source": SOURCE,
            "featured": FEATURED,
            "weight": WEIGHT,
        },
    ),
    "places": (
        Place,
        {
            "name": describe(REQUIRED_TEXT, "The place's name."),
            "kind": describe(
                Field(to_text, True, "place_kind"),
                "What sort of place: town, river, valley, province, country...",
            ),
            "summary": describe(REQUIRED_TEXT, "One line on why it matters to the story."),
            "aliases": ALIASES,
            "part_of": describe(SLUG, "Slug of the place this one lies within."),
            "coordinates": describe(Field(to_coordinates), "[latitude, longitude], for the locator map."),
            **IMAGE_FIELDS,
            "quote": describe(TEXT, "The source's words saying what it is (else: general knowledge)."),
            "source": SOURCE,
            "featured": FEATURED,
            "weight": WEIGHT,
        },
    ),
    "figures": (
        Figure,
        {
            "label": describe(REQUIRED_TEXT, "What the number counts, in a phrase."),
            "value": describe(
                Field(to_number, required=True), "The number itself, unquoted: 1.8, 7000000000."
            ),
            "unit": describe(REQUIRED_TEXT, "Its unit: people, metres, days, %, GBP, USD..."),
            "display": describe(TEXT, "How to show it, like '£7bn' (default: from value and unit)."),
            "qualifier": describe(TEXT, "A hedge shown before it: more than, at least, about..."),
            "as_of": describe(DATE, "The date the number describes."),
            "attribution": describe(
                TEXT, "Who says so, like 'the NRF' (the label then reads '..., according to the NRF')."
            ),
            "quote": describe(REQUIRED_TEXT, "The source's own words, stating the number."),
            "source": SOURCE,
            "people": PEOPLE,
            "places": PLACES,
            "terms": TERMS,
            "featured": FEATURED,
            "weight": WEIGHT,
        },
    ),
    "events": (
        Event,
        {
            "title": describe(REQUIRED_TEXT, "What happened, as a headline."),
            "date": describe(
                Field(to_date_or_bounds, attr="start"),
                "When it happened, or {after: ..., before: ...} when only bounds are "
                "known (or give start, and maybe end, for a span).",
            ),
            "start": describe(DATE, "For a span instead of a date: when it began."),
            "end": describe(DATE, "For a span: when it ended (after start)."),
            "time": describe(
                Field(to_time), '24-hour time of day, in quotes, like "19:00" (needs a full date).'
            ),
            "summary": describe(REQUIRED_TEXT, "One or two sentences on what happened."),
            "approximate": describe(
                Field(to_bool), "true when the date is inferred: shown as 'probably ...'."
            ),
            "after": describe(
                Field(list_of(to_slug), attr="follows"),
                "Slugs of events it came after (then 'date' may be left out).",
            ),
            "attribution": describe(
                TEXT,
                "Who says it happened, like 'the NRF' (the title then reads '..., according to the NRF').",
            ),
            "people": PEOPLE,
            "places": PLACES,
            "terms": TERMS,
            "quote": describe(TEXT, "Words from the source about it, found there verbatim."),
            **IMAGE_FIELDS,
            "source": SOURCE,
            "featured": FEATURED,
            "weight": describe(WEIGHT, "Orders events of the same date and no time: lower first; 0: last."),
        },
    ),
    "glossary": (
        Term,
        {
            "term": describe(REQUIRED_TEXT, "The term, written out in full."),
            "definition": describe(REQUIRED_TEXT, "One or two sentences saying what it means."),
            "short": describe(
                TEXT, "One neutral line for mention tooltips (default: the definition's first sentence)."
            ),
            "quote": describe(TEXT, "The source's words defining it (else: general knowledge)."),
            "abbr": describe(TEXT, "Its abbreviation, if the text uses one."),
            "aliases": ALIASES,
            "category": describe(TEXT, "What sort of term: organization, concept..."),
            "see_also": describe(SLUGS, "Slugs of related glossary terms."),
            "source": SOURCE,
            "weight": WEIGHT,
        },
    ),
}

SITE_SCHEMA: dict[str, Field] = {
    "title": describe(REQUIRED_TEXT, "The site's title, in every <title> and the header."),
    "description": describe(REQUIRED_TEXT, "One line for the home page's meta description."),
    "language": describe(REQUIRED_TEXT, "The language of the text, a BCP 47 tag: en, en-GB, fr..."),
    "languages": describe(
        TEXTS, "BCP 47 tags of every language the site is built in, the default first: [en, fr]."
    ),
    "require_translations": describe(
        Field(to_bool), "Make an item not translated into every language an error, not a note."
    ),
    "base_url": describe(Field(to_url), "Where the site will live; for canonical links and the sitemap."),
    "default_source": describe(SLUG, "Slug of the source of any item that names none."),
    "cname": describe(
        Field(to_host), "Host name for a CNAME file (GitHub Pages), like explainers.example.org."
    ),
    "mentions": describe(Field(to_bool), "Link the first mention of each person, place and term."),
    "raw_html": describe(Field(to_bool), "Allow raw HTML in Markdown bodies (shown as text if false)."),
    "search": describe(Field(to_bool), "Add a search box and an offline-built index."),
    "social_cards": describe(Field(to_bool), "Draw a link-preview picture for pages without one."),
    "embeds": describe(
        Field(to_bool), "Give the timeline and each figure, person, place and term an embed page."
    ),
    "embed_origins": describe(
        Field(list_of(to_origin)),
        "Origins (https://news.example.org) whose pages may embed this site's items; default: any.",
    ),
    "max_file_mb": describe(Field(to_number), "Refuse content files larger than this many MB."),
    "max_image_mb": describe(Field(to_positive), "Refuse pictures larger than this many MB (default 25)."),
    "max_image_megapixels": describe(
        Field(to_positive),
        "Refuse pictures of more than this many million pixels, width x height (default 60).",
    ),
}

MEDIA_SCHEMA: dict[str, Field] = {
    "alt": describe(REQUIRED_TEXT, "What the picture shows, for someone who cannot see it."),
    "credit": describe(REQUIRED_TEXT, "Who made it and for whom, like 'Jalaluddin Sekandar / AP'."),
    "caption": describe(TEXT, "A line shown under the picture."),
    "license": describe(TEXT, "Its licence, like 'CC BY 4.0' or 'All rights reserved'."),
    "source_url": describe(Field(to_url), "Where it was published (an absolute http(s) URL)."),
}
"""A picture's sidecar, content/media/<file name>.yaml."""


def validate_entry(raw: RawEntry, default_source: str) -> tuple[Item | None, list[ContentError]]:
    """Type one entry against its kind's schema; every problem in it is returned."""
    doc = raw.doc
    errors: list[ContentError] = list(doc.problems)
    if not SLUG_RE.fullmatch(raw.slug):
        suggestion = suggest_slug(raw.slug, "ahmad-massoud")
        errors.append(
            ContentError(
                doc.path,
                0,
                0,
                f"file name '{raw.slug}.md' is not a valid slug: use lowercase "
                f"letters a-z, digits and single hyphens, like '{suggestion}.md'",
            )
        )
    cls, schema = SCHEMAS[raw.kind]
    values = convert_fields(raw.doc.fields, doc, {**schema, **COMMON}, errors)
    if raw.kind == "events":
        _check_event_dates(raw, values, errors)
    if "source" in schema and not values.get("source"):
        values["source"] = default_source
    if raw.kind == "events":
        values.setdefault("start", None)
    if values.get("quotes"):
        values["quotes"] = tuple(
            quote if quote.source else replace(quote, source=values["source"]) for quote in values["quotes"]
        )
    if raw.kind == "figures" and "display" not in values and "value" in values:
        values["display"] = format_number(values["value"], values.get("unit", ""))
    if errors:
        return None, errors
    item = cls(
        kind=raw.kind,
        slug=raw.slug,
        path=doc.path,
        body=raw.body,
        body_line=raw.body_line,
        lines=field_lines(doc),
        corrections=values.pop("corrections", ()),
        updated=values.pop("updated", None),
        draft=values.pop("draft", False),
        embargo=values.pop("embargo", None),
        redirect_from=values.pop("redirect_from", ()),
        **values,
    )
    return item, []


def field_lines(doc: YamlDoc) -> dict[str, int]:
    """Line of each key, and of each list element as 'key[n]', so link errors point at the slug."""
    lines: dict[str, int] = {}
    for key, field in doc.fields.items():
        lines[key] = field.line
        if isinstance(field.node, yaml.SequenceNode):
            for index, element in enumerate(field.node.value):
                lines[f"{key}[{index + 1}]"] = doc.line_of(element)
    return lines


def _check_event_dates(raw: RawEntry, values: dict[str, Any], errors: list[ContentError]) -> None:
    fields = raw.doc.fields
    if "date" in fields and ("start" in fields or "end" in fields):
        other = fields.get("start") or fields["end"]
        errors.append(
            ContentError(
                raw.doc.path, other.line, other.column, "give either 'date' or 'start'/'end', not both"
            )
        )
    elif "date" not in fields and "start" not in fields and "after" not in fields:
        errors.append(
            ContentError(
                raw.doc.path,
                1,
                1,
                "missing required field 'date' (or 'start' for a span, or 'after' naming an earlier event)",
            )
        )
    start = values.get("start")
    bounded = isinstance(start, DateBounds)
    if isinstance(start, DateBounds):
        values["after"], values["before"] = start.after, start.before
        values["start"] = start = start.after or start.before
        if "time" in fields:
            field = fields["time"]
            errors.append(
                ContentError(
                    raw.doc.path, field.line, field.column, "'time' needs a full date, not a bounded one"
                )
            )
    end = values.get("end")
    if "time" in fields and start is not None and start.precision < 3 and not bounded:
        field = fields["time"]
        errors.append(
            ContentError(
                raw.doc.path,
                field.line,
                field.column,
                f"'time' needs a full date (YYYY-MM-DD), not {start.iso}",
            )
        )
    if start and end and not start < end:
        field = fields["end"]
        errors.append(
            ContentError(
                raw.doc.path,
                field.line,
                field.column,
                f"'end' ({end.iso}) must come after 'start' ({start.iso})",
            )
        )


def format_number(value: float, unit: str) -> str:
    """A figure's display text when the author gave none: 7000000000 GBP -> £7bn."""
    symbols = {"GBP": "£", "USD": "$", "EUR": "€"}
    magnitude = ""
    number = float(value)
    if unit in symbols:
        for size, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
            if abs(number) >= size:
                number, magnitude = number / size, suffix
                break
    shown = f"{number:,.2f}".rstrip("0").rstrip(".")
    if unit in symbols:
        return f"{symbols[unit]}{shown}{magnitude}"
    if unit == "%":
        return f"{shown}%"
    return f"{shown} {unit}".strip()
