"""Raw entries -> typed items: one small converter per field type, one schema per kind."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

import yaml

from .errors import ContentError, did_you_mean
from .load import RawEntry, RawField, YamlDoc
from .model import (
    Correction,
    Entry,
    Event,
    Figure,
    FuzzyDate,
    Item,
    Page,
    Person,
    Place,
    Quote,
    Relation,
    Source,
    Term,
)

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DATE_RE = re.compile(r"(\d{4})(s|-(\d{2})(?:-(\d{2}))?)?", re.ASCII)
NUMBER_RE = re.compile(r"[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?", re.ASCII)
LANGUAGE_RE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp")
)
TYPE_NAMES = {
    INT: "a number", FLOAT: "a number", BOOL: "true/false", NULL: "empty (null)",
    TIMESTAMP: "a date", STR: "text",
}

Converter = Callable[[yaml.Node, YamlDoc, str], Any]


def parse_date(text: str) -> FuzzyDate:
    """YYYY, YYYY-MM, YYYY-MM-DD or a decade YYYYs; raises ValueError saying what is wrong."""
    match = DATE_RE.fullmatch(text.strip())
    if not match:
        raise ValueError(f"'{text}' is not a date: write YYYY, YYYY-MM, YYYY-MM-DD or a decade YYYYs")
    year = int(match[1])
    if match[2] == "s":
        if year % 10:
            raise ValueError(f"'{text}' is not a decade: a decade ends in 0, like {year - year % 10}s")
        return FuzzyDate(year, precision=0)
    if match[3] is None:
        return FuzzyDate(year)
    month = int(match[3])
    if not 1 <= month <= 12:
        raise ValueError(f"'{text}': month {month} does not exist")
    if match[4] is None:
        return FuzzyDate(year, month, precision=2)
    day = int(match[4])
    last_day = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= last_day:
        raise ValueError(
            f"'{text}': {calendar.month_name[month]} {year} has {last_day} days, not {day}"
        )
    return FuzzyDate(year, month, day, precision=3)


def _scalar(node: yaml.Node, doc: YamlDoc, label: str, wanted: str) -> yaml.ScalarNode:
    if not isinstance(node, yaml.ScalarNode):
        found = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
        raise doc.error(node, f"'{label}' must be {wanted}, found {found}")
    return node


def _plain(node: yaml.ScalarNode) -> bool:
    return node.style in (None, "")


def to_text(node: yaml.Node, doc: YamlDoc, label: str) -> str:
    """Text; a plain value YAML read as something else is an error that shows the quoting."""
    scalar = _scalar(node, doc, label, "text")
    if scalar.tag == NULL and not scalar.value:
        raise doc.error(scalar, f"'{label}' is empty: write its value after the colon")
    if scalar.tag != STR:
        raise doc.error(
            scalar,
            f"'{label}' must be text, but YAML reads {scalar.value!r} as "
            f"{TYPE_NAMES.get(scalar.tag, scalar.tag)}; put it in quotes: "
            f"{label.rsplit('.', 1)[-1]}: \"{scalar.value}\"",
        )
    if _plain(scalar):
        rest = doc.lines[scalar.end_mark.line][scalar.end_mark.column :]
        if rest.lstrip().startswith("#"):
            raise doc.error(
                scalar,
                f"'{label}': the text after '#' is a YAML comment and was dropped; "
                "put the whole value in quotes if it belongs to it",
            )
    text = str(scalar.value).strip()
    if not text:
        raise doc.error(scalar, f"'{label}' is empty")
    return text


def to_number(node: yaml.Node, doc: YamlDoc, label: str) -> float | int:
    """A plain decimal number; octal (010) and sexagesimal (12:30) readings are refused."""
    scalar = _scalar(node, doc, label, "a number")
    raw = scalar.value.strip()
    if scalar.tag == STR and not _plain(scalar):
        raise doc.error(scalar, f"'{label}' must be a number, not quoted text: remove the quotes")
    # YAML 1.1 reads 1e9 and 1.5e9 as text (its floats need a dot and a signed exponent).
    if not NUMBER_RE.fullmatch(raw) or scalar.tag not in (INT, FLOAT, STR):
        raise doc.error(scalar, f"'{label}' must be a number like 42 or 9.7, not {raw!r}")
    digits = raw.lstrip("+-").replace("_", "")
    if len(digits) > 1 and digits[0] == "0" and digits[1].isdigit():
        raise doc.error(
            scalar, f"'{label}': write {raw!r} without the leading zero (YAML reads a number "
            "that starts with 0 as octal: 010 is 8)"
        )
    is_float = scalar.tag == FLOAT or any(c in digits for c in ".eE")
    value = float(digits) if is_float else int(digits)
    return -value if raw.startswith("-") else value


def to_whole(node: yaml.Node, doc: YamlDoc, label: str) -> int:
    """A whole number."""
    value = to_number(node, doc, label)
    if not isinstance(value, int):
        raise doc.error(node, f"'{label}' must be a whole number")
    return value


def to_bool(node: yaml.Node, doc: YamlDoc, label: str) -> bool:
    """true or false."""
    scalar = _scalar(node, doc, label, "true or false")
    if scalar.tag != BOOL:
        hint = ": remove the quotes" if scalar.value.lower() in ("true", "false") else ""
        raise doc.error(scalar, f"'{label}' must be true or false, not {scalar.value!r}{hint}")
    return scalar.value.lower() in ("true", "yes", "on", "y")


def to_date(node: yaml.Node, doc: YamlDoc, label: str) -> FuzzyDate:
    """Any date form, quoted or not (YAML reads 2021-08-27 as a date but 1989 as a number)."""
    scalar = _scalar(node, doc, label, "a date")
    try:
        return parse_date(scalar.value)
    except ValueError as e:
        raise doc.error(scalar, f"'{label}': {e}") from e


def to_slug(node: yaml.Node, doc: YamlDoc, label: str) -> str:
    """A slug (checked against the site's items later, in link)."""
    text = to_text(node, doc, label)
    if not SLUG_RE.fullmatch(text):
        raise doc.error(node, f"'{label}': {text!r} is not a slug (lowercase a-z, 0-9, hyphens)")
    return text


def to_url(node: yaml.Node, doc: YamlDoc, label: str) -> str:
    """An absolute http(s) URL: anything else (javascript:, data:) never reaches a page."""
    text = to_text(node, doc, label)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in text):
        raise doc.error(node, f"'{label}' must be an absolute http(s) URL, not {text!r}")
    return text


def list_of(convert: Converter) -> Converter:
    """A converter for a YAML list whose items each go through `convert`."""

    def to_list(node: yaml.Node, doc: YamlDoc, label: str) -> tuple[Any, ...]:
        if not isinstance(node, yaml.SequenceNode):
            shown = node.value if isinstance(node, yaml.ScalarNode) else "..."
            raise doc.error(node, f"'{label}' must be a list, like: {label}: [{shown}]")
        return tuple(convert(item, doc, f"{label}[{i + 1}]") for i, item in enumerate(node.value))

    return to_list


def to_coordinates(node: yaml.Node, doc: YamlDoc, label: str) -> tuple[float, float]:
    """[latitude, longitude] in range."""
    values = list_of(to_number)(node, doc, label)
    if len(values) != 2:
        raise doc.error(node, f"'{label}' must be [latitude, longitude]")
    lat, lon = float(values[0]), float(values[1])
    if not -90 <= lat <= 90:
        raise doc.error(node, f"'{label}': latitude {lat:g} is outside -90..90")
    if not -180 <= lon <= 180:
        raise doc.error(node, f"'{label}': longitude {lon:g} is outside -180..180")
    return lat, lon


@dataclass(frozen=True, slots=True)
class Field:
    """How one front-matter key is read."""

    convert: Converter
    required: bool = False
    attr: str = ""
    """Dataclass attribute when it differs from the key."""


def convert_fields(
    fields: Mapping[str, RawField | tuple[yaml.Node, yaml.Node]],
    doc: YamlDoc,
    schema: Mapping[str, Field],
    errors: list[ContentError],
    prefix: str = "",
    at: yaml.Node | None = None,
) -> dict[str, Any]:
    """Convert every known field, gathering one error per bad, unknown or missing field."""
    values: dict[str, Any] = {}
    for key, raw in fields.items():
        key_node, node = (raw[0], raw[1]) if isinstance(raw, tuple) else (None, raw.node)
        label = prefix + key
        spec = schema.get(key)
        if spec is None:
            message = f"unknown field '{label}'{did_you_mean(key, schema)}"
            if isinstance(raw, RawField):
                errors.append(ContentError(doc.path, raw.line, raw.column, message))
            else:
                errors.append(doc.error(key_node or node, message))
            continue
        try:
            values[spec.attr or key] = spec.convert(node, doc, label)
        except ContentError as e:
            errors.append(e)
    for key, spec in schema.items():
        if spec.required and key not in fields:
            message = f"missing required field '{prefix}{key}'"
            if at is not None:
                errors.append(doc.error(at, message))
            else:
                errors.append(ContentError(doc.path, max(doc.line_offset - 1, 1), 1, message))
    return values


def record(schema: Mapping[str, Field], build: Callable[..., Any]) -> Converter:
    """A converter for a nested mapping (a quote, a relation, a correction)."""

    def to_record(node: yaml.Node, doc: YamlDoc, label: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            raise doc.error(node, f"'{label}' must be a mapping of {', '.join(schema)}")
        errors: list[ContentError] = []
        pairs: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in pairs:
                errors.append(doc.error(key_node, f"duplicate key '{label}.{key}'"))
            pairs[key] = (key_node, value_node)
        values = convert_fields(pairs, doc, schema, errors, prefix=f"{label}.", at=node)
        if errors:
            raise errors[0]  # one per record keeps the report readable
        return build(line=doc.line_of(node), **values)

    return to_record


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
COMMON = {"updated": DATE, "corrections": Field(list_of(CORRECTION))}

SCHEMAS: dict[str, tuple[type[Entry], dict[str, Field]]] = {
    "sources": (Source, {"title": REQUIRED_TEXT, "publisher": TEXT, "date": DATE,
                         "url": Field(to_url)}),
    "pages": (Page, {"title": REQUIRED_TEXT, "summary": TEXT, "mentions": Field(to_bool)}),
    "people": (Person, {
        "name": REQUIRED_TEXT, "role": REQUIRED_TEXT, "summary": REQUIRED_TEXT, "aliases": TEXTS,
        "age": Field(to_whole), "affiliations": SLUGS, "relations": Field(list_of(RELATION)),
        "quotes": Field(list_of(QUOTE)), "source": SLUG,
    }),
    "places": (Place, {
        "name": REQUIRED_TEXT, "kind": Field(to_text, True, "place_kind"),
        "summary": REQUIRED_TEXT, "aliases": TEXTS, "part_of": SLUG,
        "coordinates": Field(to_coordinates), "source": SLUG,
    }),
    "figures": (Figure, {
        "label": REQUIRED_TEXT, "value": Field(to_number, required=True), "unit": REQUIRED_TEXT,
        "display": TEXT, "qualifier": TEXT, "as_of": DATE, "attribution": TEXT,
        "quote": REQUIRED_TEXT, "source": SLUG, "people": SLUGS, "places": SLUGS, "terms": SLUGS,
    }),
    "events": (Event, {
        "title": REQUIRED_TEXT, "date": Field(to_date, attr="start"), "start": DATE,
        "end": DATE, "summary": REQUIRED_TEXT, "approximate": Field(to_bool),
        "people": SLUGS, "places": SLUGS, "terms": SLUGS, "quote": TEXT, "source": SLUG,
    }),
    "glossary": (Term, {
        "term": REQUIRED_TEXT, "definition": REQUIRED_TEXT, "abbr": TEXT, "aliases": TEXTS,
        "category": TEXT, "see_also": SLUGS, "source": SLUG,
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
