"""One small converter per field type: YAML node -> value, or a ContentError at its line."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..drafts import parse_moment
from ..errors import ContentError, did_you_mean
from ..load import RawField, YamlDoc
from ..model import (
    FuzzyDate,
)
from ..records import frozen
from ..urls import is_http_url

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def suggest_slug(text: str, fallback: str) -> str:
    """A valid slug made of the text's a-z and 0-9 runs ('Bob Smith' -> 'bob-smith'), or fallback."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())) or fallback


DATE_RE = re.compile(r"(\d{4})(s|-(\d{2})(?:-(\d{2}))?)?", re.ASCII)
NUMBER_RE = re.compile(r"[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?", re.ASCII)
LANGUAGE_RE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp")
)
TYPE_NAMES = {
    INT: "a number",
    FLOAT: "a number",
    BOOL: "true/false",
    NULL: "empty (null)",
    TIMESTAMP: "a date",
    STR: "text",
}

Converter = Callable[[yaml.Node, YamlDoc, str], Any]


def _check_day(text: str, year: int, month: int, day: int) -> None:
    last_day = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= last_day:
        from .pasted import MONTHS  # pasted.py (its patterns, decimal): only for unusual input

        raise ValueError(f"'{text}': {MONTHS[month - 1].capitalize()} {year} has {last_day} days, not {day}")


def parse_date(text: str, key: str = "") -> FuzzyDate:
    """YYYY, YYYY-MM, YYYY-MM-DD or a decade YYYYs; raises ValueError saying what is wrong.

    A date written out in English ('2 July 2018') is refused with its ISO form as the fix,
    shown as `key: 2018-07-02` when the field's key is given.
    """
    match = DATE_RE.fullmatch(text.strip())
    if not match:
        from .pasted import read_written_date

        written = read_written_date(text)
        if written is None:
            raise ValueError(f"'{text}' is not a date: write YYYY, YYYY-MM, YYYY-MM-DD or a decade YYYYs")
        year, month, day = written
        like = f"{key}: " if key else ""
        if day is None:
            raise ValueError(f"'{text}' is not a date: write YYYY-MM, like {like}{year:04d}-{month:02d}")
        _check_day(text, year, month, day)
        raise ValueError(
            f"'{text}' is not a date: write YYYY-MM-DD, like {like}{year:04d}-{month:02d}-{day:02d}"
        )
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
    _check_day(text, year, month, day)
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
            f'{label.rsplit(".", 1)[-1]}: "{scalar.value}"',
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


def to_language(node: yaml.Node, doc: YamlDoc, label: str) -> str:
    """A BCP 47 language tag: en, fr, fa-AF."""
    text = to_text(node, doc, label)
    if not LANGUAGE_RE.fullmatch(text):
        raise doc.error(node, f"'{label}' must be a BCP 47 tag like 'en' or 'fr-CA', not {text!r}")
    return text


def to_number(node: yaml.Node, doc: YamlDoc, label: str) -> float | int:
    """A plain decimal number; octal (010) and sexagesimal (12:30) readings are refused."""
    scalar = _scalar(node, doc, label, "a number")
    raw = scalar.value.strip()
    if scalar.tag == STR and not _plain(scalar) and NUMBER_RE.fullmatch(raw):
        raise doc.error(scalar, f"'{label}' must be a number, not quoted text: remove the quotes")
    # YAML 1.1 reads 1e9 and 1.5e9 as text (its floats need a dot and a signed exponent).
    if not NUMBER_RE.fullmatch(raw) or scalar.tag not in (INT, FLOAT, STR):
        from .pasted import number_hint

        raise doc.error(
            scalar, f"'{label}' must be a number like 42 or 9.7, not {raw!r}{number_hint(raw, label)}"
        )
    digits = raw.lstrip("+-").replace("_", "")
    if len(digits) > 1 and digits[0] == "0" and digits[1].isdigit():
        raise doc.error(
            scalar,
            f"'{label}': write {raw!r} without the leading zero (YAML reads a number "
            "that starts with 0 as octal: 010 is 8)",
        )
    is_float = scalar.tag == FLOAT or any(c in digits for c in ".eE")
    value = float(digits) if is_float else int(digits)
    return -value if raw.startswith("-") else value


def to_positive(node: yaml.Node, doc: YamlDoc, label: str) -> float | int:
    """A number above zero (a limit)."""
    value = to_number(node, doc, label)
    if value <= 0:
        raise doc.error(node, f"'{label}' must be more than 0, not {value:g}")
    return value


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
        return parse_date(scalar.value, key=label.rsplit(".", 1)[-1])
    except ValueError as e:
        raise doc.error(scalar, f"'{label}': {e}") from e


@frozen
class DateBounds:
    """`date: {after: ..., before: ...}`: a date known only to lie after and/or before others."""

    after: FuzzyDate | None
    before: FuzzyDate | None


def to_date_or_bounds(node: yaml.Node, doc: YamlDoc, label: str) -> FuzzyDate | DateBounds:
    """A date, or a mapping bounding it: {before: 2021-08-27}, {after: 2021-08-30}, or both."""
    if not isinstance(node, yaml.MappingNode):
        return to_date(node, doc, label)
    bounds: dict[str, FuzzyDate] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if key not in ("after", "before"):
            raise doc.error(
                key_node,
                f"unknown field '{label}.{key}': a bounded date takes "
                f"'after' and 'before'{did_you_mean(key, ('after', 'before'))}",
            )
        if key in bounds:
            raise doc.error(key_node, f"duplicate key '{label}.{key}'")
        bounds[key] = to_date(value_node, doc, f"{label}.{key}")
    if not bounds:
        raise doc.error(node, f"'{label}' is empty: give a date, or after: and/or before:")
    after, before = bounds.get("after"), bounds.get("before")
    if after and before and not after < before:
        raise doc.error(node, f"'{label}': after ({after.iso}) must come before before ({before.iso})")
    return DateBounds(after, before)


def to_slug(node: yaml.Node, doc: YamlDoc, label: str) -> str:
    """A slug (checked against the site's items later, in link)."""
    text = to_text(node, doc, label)
    if not SLUG_RE.fullmatch(text):
        raise doc.error(node, f"'{label}': {text!r} is not a slug (lowercase a-z, 0-9, hyphens)")
    return text


def to_url(node: yaml.Node, doc: YamlDoc, label: str) -> str:
    """An absolute http(s) URL: anything else (javascript:, data:) never reaches a page."""
    text = to_text(node, doc, label)
    if not is_http_url(text):
        raise doc.error(node, f"'{label}' must be an absolute http(s) URL, not {text!r}")
    return text


HOST_RE = re.compile(
    r"(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*",
    re.ASCII,
)


def to_host(node: yaml.Node, doc: YamlDoc, label: str) -> str:
    """A host name, explainers.example.org (letters, digits, hyphens, dots): written as given
    into a CNAME file, where a scheme, path or port would make the custom domain fail."""
    text = to_text(node, doc, label)
    if HOST_RE.fullmatch(text):
        return text
    host = urlsplit(text if "://" in text else "//" + text).hostname or ""
    example = host if HOST_RE.fullmatch(host) else "explainers.example.org"
    raise doc.error(node, f"'{label}' must be a host name like {example}, not {text!r}")


def to_origin(node: yaml.Node, doc: YamlDoc, label: str) -> str:
    """A web origin, https://news.example.org or http://localhost:8000: scheme, host and port
    only, as a Content-Security-Policy source names a site that may frame the embeds."""
    text = to_text(node, doc, label)
    parts = urlsplit(text)
    try:
        port = parts.port
    except ValueError:
        port = None
    host = parts.hostname or ""
    origin = f"{parts.scheme}://{host}" + (f":{port}" if port is not None else "")
    if parts.scheme in ("http", "https") and HOST_RE.fullmatch(host) and text.rstrip("/") == origin:
        return origin
    example = (
        origin
        if parts.scheme in ("http", "https") and HOST_RE.fullmatch(host)
        else "https://news.example.org"
    )
    raise doc.error(
        node, f"'{label}' must name an origin (scheme and host, no path) like {example}, not {text!r}"
    )


MEDIA_PREFIX = "media/"


def to_media_ref(node: yaml.Node, doc: YamlDoc, label: str) -> str:
    """A picture in content/media/, named from content/ as 'media/aldrin.jpg' (whether the
    file exists is checked once every picture is loaded)."""
    text = to_text(node, doc, label)
    parts = text.split("/")
    if not text.startswith(MEDIA_PREFIX) or any(part in ("", ".", "..") for part in parts):
        name = parts[-1] or "photo.jpg"
        raise doc.error(
            node,
            f"'{label}' names a picture in content/media/, like "
            f"{label.rsplit('.', 1)[-1]}: media/{name}, not {text!r}",
        )
    return text


TIME_RE = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)", re.ASCII)


def to_time(node: yaml.Node, doc: YamlDoc, label: str) -> str:
    """A 24-hour time of day, "19:00"; unquoted, YAML 1.1 reads 19:00 as a number, so the text
    as written is what counts."""
    scalar = _scalar(node, doc, label, "a time")
    text = str(scalar.value).strip()
    match = TIME_RE.fullmatch(text)
    if not match:
        raise doc.error(scalar, f"'{label}' must be a 24-hour time like \"19:00\", not {text!r}")
    return f"{int(match[1]):02d}:{match[2]}"


def to_moment(node: yaml.Node, doc: YamlDoc, label: str) -> datetime:
    """A date-time with a time zone, like 2026-12-03T09:00:00+00:00 (a moment, not a day)."""
    scalar = _scalar(node, doc, label, "a date-time")
    text = str(scalar.value).strip()
    example = "2026-12-03T09:00:00+00:00"
    try:
        moment = parse_moment(text)
    except ValueError as e:
        raise doc.error(scalar, f"'{label}': {e}, like {example}") from e
    return moment


def one_of(*choices: str) -> Converter:
    """A converter for text that must be one of a few words."""

    def to_choice(node: yaml.Node, doc: YamlDoc, label: str) -> str:
        text = to_text(node, doc, label)
        if text not in choices:
            raise doc.error(
                node,
                f"'{label}' must be one of {', '.join(choices)}, not {text!r}{did_you_mean(text, choices)}",
            )
        return text

    return to_choice


def list_of(convert: Converter) -> Converter:
    """A converter for a YAML list whose items each go through `convert`."""

    def to_list(node: yaml.Node, doc: YamlDoc, label: str) -> tuple[Any, ...]:
        if not isinstance(node, yaml.SequenceNode):
            shown = node.value if isinstance(node, yaml.ScalarNode) else "..."
            raise doc.error(node, f"'{label}' must be a list, like: {label}: [{shown}]")
        return tuple(convert(item, doc, f"{label}[{i + 1}]") for i, item in enumerate(node.value))

    return to_list


def to_coordinates(node: yaml.Node, doc: YamlDoc, label: str) -> tuple[float, float]:
    """[latitude, longitude] in range, or as printed: 20°22'54"N 99°52'06"E or 20.3817°N 99.8683°E."""
    expected = (
        f"'{label}' must be [latitude, longitude] in decimal degrees, "
        f"like {label.rsplit('.', 1)[-1]}: [20.3817, 99.8683]"
    )
    if isinstance(node, yaml.SequenceNode):
        values = list_of(to_number)(node, doc, label)
        if len(values) != 2:
            raise doc.error(node, expected)
        lat, lon = float(values[0]), float(values[1])
    elif isinstance(node, yaml.ScalarNode) and node.tag == STR:
        from .pasted import parse_coordinates

        try:
            parsed = parse_coordinates(node.value)
        except ValueError as e:
            raise doc.error(node, f"'{label}': {e}") from e
        if parsed is None:
            raise doc.error(node, expected)
        lat, lon = parsed
    else:
        raise doc.error(node, expected)
    if not -90 <= lat <= 90:
        raise doc.error(node, f"'{label}': latitude {lat:g} is outside -90..90")
    if not -180 <= lon <= 180:
        raise doc.error(node, f"'{label}': longitude {lon:g} is outside -180..180")
    return lat, lon


@frozen(eq=False, repr=False)
class Field:
    """How one front-matter key is read."""

    convert: Converter
    required: bool = False
    attr: str = ""
    """Dataclass attribute when it differs from the key."""
    doc: str = ""
    """One line saying what the field is for (shown by `site-builder new` and in errors)."""


FIELD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "title": ("name", "term", "label"),
    "name": ("title", "term", "label"),
    "description": ("summary", "definition"),
    "summary": ("definition",),
    "start_date": ("start",),
    "end_date": ("end",),
}
"""Keys people bring from other tools, and what each kind calls them, in order of preference;
only a key the schema has is suggested."""


def suggest_field(key: str, schema: Mapping[str, Field]) -> str:
    """' (did you mean 'x'?)' for an unknown key: a known synonym first, else the closest key."""
    for synonym in FIELD_SYNONYMS.get(key, ()):
        if synonym in schema:
            return f" (did you mean '{synonym}'?)"
    return did_you_mean(key, schema)


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
            message = f"unknown field '{label}'{suggest_field(key, schema)}"
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
