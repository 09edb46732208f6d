"""Raw entries -> typed items: one schema per kind (the converters are in fields.py)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import yaml

from ..errors import ContentError
from ..load import RawEntry, YamlDoc
from ..model import (
    Correction,
    Entry,
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
from .fields import (
    LANGUAGE_RE,
    SLUG_RE,
    Field,
    convert_fields,
    list_of,
    one_of,
    parse_date,
    record,
    to_bool,
    to_coordinates,
    to_date,
    to_moment,
    to_number,
    to_slug,
    to_text,
    to_time,
    to_url,
    to_whole,
)

__all__ = ["LANGUAGE_RE", "SITE_SCHEMA", "SLUG_RE", "convert_fields", "format_number",
           "parse_date", "to_date", "to_slug", "validate_entry"]


TEXT = Field(to_text)
REQUIRED_TEXT = Field(to_text, required=True)
TEXTS = Field(list_of(to_text))
SLUG = Field(to_slug)
SLUGS = Field(list_of(to_slug))
DATE = Field(to_date)
QUOTE = record({"text": REQUIRED_TEXT, "context": TEXT, "source": SLUG}, Quote)
RELATION = record({"person": Field(to_slug, required=True), "label": REQUIRED_TEXT}, Relation)
CORRECTION = record(
    {"date": Field(to_date, required=True), "text": REQUIRED_TEXT}, Correction
)
FEATURED = Field(to_bool)
WEIGHT = Field(to_whole)
COMMON = {
    "updated": DATE, "corrections": Field(list_of(CORRECTION)), "draft": Field(to_bool),
    "embargo": Field(to_moment),
}

SCHEMAS: dict[str, tuple[type[Entry], dict[str, Field]]] = {
    "sources": (Source, {"title": REQUIRED_TEXT, "publisher": TEXT, "date": DATE,
                         "url": Field(to_url)}),
    "pages": (Page, {"title": REQUIRED_TEXT, "summary": TEXT, "mentions": Field(to_bool),
                     "nav": Field(one_of("header", "footer", "none")), "weight": WEIGHT}),
    "people": (Person, {
        "name": REQUIRED_TEXT, "role": REQUIRED_TEXT, "summary": REQUIRED_TEXT, "aliases": TEXTS,
        "age": Field(to_whole), "affiliations": SLUGS, "relations": Field(list_of(RELATION)),
        "quotes": Field(list_of(QUOTE)), "source": SLUG, "featured": FEATURED, "weight": WEIGHT,
    }),
    "places": (Place, {
        "name": REQUIRED_TEXT, "kind": Field(to_text, True, "place_kind"),
        "summary": REQUIRED_TEXT, "aliases": TEXTS, "part_of": SLUG,
        "coordinates": Field(to_coordinates), "source": SLUG, "featured": FEATURED,
        "weight": WEIGHT,
    }),
    "figures": (Figure, {
        "label": REQUIRED_TEXT, "value": Field(to_number, required=True), "unit": REQUIRED_TEXT,
        "display": TEXT, "qualifier": TEXT, "as_of": DATE, "attribution": TEXT,
        "quote": REQUIRED_TEXT, "source": SLUG, "people": SLUGS, "places": SLUGS, "terms": SLUGS,
        "featured": FEATURED, "weight": WEIGHT,
    }),
    "events": (Event, {
        "title": REQUIRED_TEXT, "date": Field(to_date, attr="start"), "start": DATE,
        "end": DATE, "time": Field(to_time), "summary": REQUIRED_TEXT, "approximate": Field(to_bool),
        "people": SLUGS, "places": SLUGS, "terms": SLUGS, "quote": TEXT, "source": SLUG,
        "featured": FEATURED, "weight": WEIGHT,
    }),
    "glossary": (Term, {
        "term": REQUIRED_TEXT, "definition": REQUIRED_TEXT, "abbr": TEXT, "aliases": TEXTS,
        "category": TEXT, "see_also": SLUGS, "source": SLUG, "weight": WEIGHT,
    }),
}

SITE_SCHEMA: dict[str, Field] = {
    "title": REQUIRED_TEXT, "description": REQUIRED_TEXT, "language": REQUIRED_TEXT,
    "base_url": Field(to_url), "default_source": SLUG, "cname": TEXT,
    "mentions": Field(to_bool), "raw_html": Field(to_bool), "search": Field(to_bool),
    "max_file_mb": Field(to_number),
}


def validate_entry(raw: RawEntry, default_source: str) -> tuple[Item | None, list[ContentError]]:
    """Type one entry against its kind's schema; every problem in it is returned."""
    doc = raw.doc
    errors: list[ContentError] = list(doc.problems)
    if not SLUG_RE.fullmatch(raw.slug):
        suggestion = "-".join(re.findall(r"[a-z0-9]+", raw.slug.lower())) or "ahmad-massoud"
        errors.append(ContentError(
            doc.path, 0, 0, f"file name '{raw.slug}.md' is not a valid slug: use lowercase "
            f"letters a-z, digits and single hyphens, like '{suggestion}.md'"
        ))
    cls, schema = SCHEMAS[raw.kind]
    values = convert_fields(raw.doc.fields, doc, {**schema, **COMMON}, errors)
    if raw.kind == "events":
        _check_event_dates(raw, values, errors)
    if "source" in schema and not values.get("source"):
        values["source"] = default_source
    if values.get("quotes"):
        values["quotes"] = tuple(
            quote if quote.source else replace(quote, source=values["source"])
            for quote in values["quotes"]
        )
    if raw.kind == "figures" and "display" not in values and "value" in values:
        values["display"] = format_number(values["value"], values.get("unit", ""))
    if errors:
        return None, errors
    item = cls(
        kind=raw.kind, slug=raw.slug, path=doc.path, body=raw.body, body_line=raw.body_line,
        lines=field_lines(doc),
        corrections=values.pop("corrections", ()), updated=values.pop("updated", None),
        draft=values.pop("draft", False), embargo=values.pop("embargo", None),
        **values,
    )
    return item, []  # type: ignore[return-value]


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
        errors.append(ContentError(raw.doc.path, other.line, other.column,
                                   "give either 'date' or 'start'/'end', not both"))
    elif "date" not in fields and "start" not in fields:
        errors.append(ContentError(raw.doc.path, 1, 1,
                                   "missing required field 'date' (or 'start' for a span)"))
    start, end = values.get("start"), values.get("end")
    if "time" in fields and start is not None and start.precision < 3:
        field = fields["time"]
        errors.append(ContentError(raw.doc.path, field.line, field.column,
                                   f"'time' needs a full date (YYYY-MM-DD), not {start.iso}"))
    if start and end and not start < end:
        field = fields["end"]
        errors.append(ContentError(raw.doc.path, field.line, field.column,
                                   f"'end' ({end.iso}) must come after 'start' ({start.iso})"))


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
