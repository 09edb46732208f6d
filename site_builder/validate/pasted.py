"""Values pasted from elsewhere, read as their writer meant them: dates written out in English,
numbers as printed in prose, coordinates as encyclopedias print them. The converters in
fields.py use these to accept a value or to show the fix in their error."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_NUMBERS = {
    **{name: number for number, name in enumerate(MONTHS, 1)},
    **{name[:3]: number for number, name in enumerate(MONTHS, 1)},
    "sept": 9,
}
"""English month names, full or abbreviated, lowercase (not the locale's calendar.month_name)."""
_DAY, _MONTH, _YEAR = r"([0-9]{1,2})(?:st|nd|rd|th)?", r"([A-Za-z]+)\.?", r"([0-9]{4})"
WRITTEN_DATES = (
    (re.compile(rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}", re.IGNORECASE), (3, 2, 1)),  # 2 July 2018
    (re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.IGNORECASE), (3, 1, 2)),  # July 2, 2018
    (re.compile(rf"{_MONTH},?\s+{_YEAR}"), (2, 1, 0)),  # July 2018
)
"""Dates written out in English, with the groups holding (year, month, day); 0: no day.
All-number forms like 2/7/2018 are left out on purpose: day and month order is a guess."""


def read_written_date(text: str) -> tuple[int, int, int | None] | None:
    """(year, month, day or None) of an English date like '2 July 2018', or None."""
    for pattern, (year_group, month_group, day_group) in WRITTEN_DATES:
        match = pattern.fullmatch(text.strip())
        if match and match[month_group].lower() in MONTH_NUMBERS:
            day = int(match[day_group]) if day_group else None
            return int(match[year_group]), MONTH_NUMBERS[match[month_group].lower()], day
    return None


AMOUNT_RE = re.compile(
    r"(?P<sign>[-+]?)(?P<currency>[£$€]?)\s*"
    r"(?P<number>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?"  # 10,000
    r"|[0-9]{1,3}(?:[ \u00a0\u2009\u202f][0-9]{3})+(?:\.[0-9]+)?"  # 10 000, with any space
    r"|[0-9]+(?:\.[0-9]+)?)"
    r"\s*(?P<scale>[A-Za-z]+|%)?"
)
"""A number as written in prose: thousands separators, a currency, a scale word or a '%'."""
SCALES = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12, "bn": 9, "tn": 12}
CURRENCY_SCALES = {**SCALES, "k": 3, "m": 6, "mn": 6, "b": 9}
"""After a currency sign '£5m' is five million; alone, 5m may be five metres."""
CURRENCIES = {"£": "GBP", "$": "USD", "€": "EUR"}


def number_hint(raw: str, label: str) -> str:
    """': write it ...' with the number in full when the intent of `raw` is clear, else ''."""
    match = AMOUNT_RE.fullmatch(raw)
    if not match:
        return ""
    key = label.rsplit(".", 1)[-1]
    digits = re.sub(r"[^0-9.]", "", match["number"])
    scale, currency = (match["scale"] or "").lower(), match["currency"]
    if scale == "%" and currency:
        return ""
    if scale not in ("", "%"):
        if scale not in (CURRENCY_SCALES if currency else SCALES):
            return ""
        digits = str(Decimal(digits).scaleb((CURRENCY_SCALES | SCALES)[scale]))
    number = Decimal(digits)
    full = match["sign"].lstrip("+") + (
        str(int(number)) if number == number.to_integral_value() else f"{number.normalize():f}"
    )
    if not scale and not currency:
        return f": write it without separators: {key}: {full}" if digits != match["number"] else ""
    if key != "value":  # only a figure's value has a 'unit' beside it
        return ""
    unit = (
        f"unit: {CURRENCIES[currency]}" if currency else 'unit: "%"' if scale == "%" else "the unit in 'unit'"
    )
    how = "it in full" if scale not in ("", "%") else "the number alone"
    return f": write {how}, {key}: {full}, with {unit}"


DECIMAL_PAIR_RE = re.compile(r"([-+]?[0-9]+(?:\.[0-9]+)?)\s*,\s*([-+]?[0-9]+(?:\.[0-9]+)?)")
"""'lat, lon' as one text, as map sites copy it: the same order as the [lat, lon] list."""
DEGREE_MARKS = "°\u00ba\u02da"
"""The degree sign, and the ordinal and ring above that stand in for it."""
MINUTE_MARKS = "\u2032'\u2019"
"""Prime, apostrophe and right single quotation mark (what a word processor makes of ')."""
SECOND_MARKS = '\u2033"\u201d'
"""Double prime, straight and right double quotation marks; two minute marks count too."""
DMS_LIKE_RE = re.compile(rf"[0-9]\s*(?:[{DEGREE_MARKS}{MINUTE_MARKS}{SECOND_MARKS}]|[NSEWnsew](?![A-Za-z]))")
COORDINATE_TOKEN_RE = re.compile(
    rf"(?P<number>[0-9]+(?:\.[0-9]+)?)\s*(?P<mark>[{DEGREE_MARKS}]|[{MINUTE_MARKS}]{{2}}"
    rf"|[{SECOND_MARKS}]|[{MINUTE_MARKS}])?\s*"
    r"|(?P<hemisphere>[NSEWnsew])(?![A-Za-z])\s*"
    r"|(?P<gap>[\s,]+)"
    r"|(?P<other>.)"
)
UNIT_OF_MARK = {**dict.fromkeys(DEGREE_MARKS, "degrees"), **dict.fromkeys(MINUTE_MARKS, "minutes")}
"""Any other mark is seconds; no mark at all is None."""
DMS_FORMS = (["degrees"], ["degrees", "minutes"], ["degrees", "minutes", "seconds"], [None])
HALVES = (
    ("latitude", "N or S", "first", "20°22\u203254\u2033N"),
    ("longitude", "E or W", "second", "99°52\u203206\u2033E"),
)
DMS_EXAMPLE = f"{HALVES[0][3]} {HALVES[1][3]}"


@dataclass(slots=True)
class _Position:
    """One half of printed coordinates while it is read: where it starts, its numbers, N/S/E/W."""

    start: int
    parts: list[tuple[str, str | None]]
    hemisphere: str = ""


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """(latitude, longitude) of text like 20°22'54"N 99°52'06"E, 20.3817°N 99.8683°E or
    '20.3817, 99.8683'; None when it looks like none of them; ValueError naming the bad part
    of something that looks like degrees, minutes and seconds."""
    text = text.strip()
    pair = DECIMAL_PAIR_RE.fullmatch(text)
    if pair:
        return float(pair[1]), float(pair[2])
    if not DMS_LIKE_RE.search(text):
        return None
    halves: list[_Position] = []
    for token in COORDINATE_TOKEN_RE.finditer(text):
        if token["number"]:
            mark = token["mark"]
            unit = UNIT_OF_MARK.get(mark, "seconds") if mark else None
            # a new half starts after N/S/E/W, or at a second degrees number (N/S forgotten)
            if not halves or halves[-1].hemisphere or (unit == "degrees" and halves[-1].parts):
                halves.append(_Position(token.start(), []))
            halves[-1].parts.append((token["number"], unit))
        elif token["hemisphere"]:
            if not halves or halves[-1].hemisphere:
                raise ValueError(f"'{token['hemisphere']}' has no degrees before it")
            halves[-1].hemisphere = token["hemisphere"].upper()
        elif token["other"]:
            char = token["other"]
            why = (
                "use S or W instead of a minus sign"
                if char == "-"
                else "keep one of the forms only"
                if char == "/"
                else f"write it like {DMS_EXAMPLE}"
            )
            raise ValueError(f"unexpected {char!r} in {text!r}: {why}")
    if len(halves) != 2:
        missing = (
            ("the latitude is missing" if halves[0].hemisphere in ("E", "W") else "the longitude is missing")
            if len(halves) == 1
            else f"found {len(halves)} positions"
        )
        raise ValueError(f"{text!r}: {missing}: write the latitude, then the longitude, like {DMS_EXAMPLE}")
    values = []
    for index, half in enumerate(halves):
        shown = text[half.start : halves[1].start if index == 0 else None].strip().strip(",").strip()
        name, letters, place, example = HALVES[index]
        if not half.hemisphere:
            raise ValueError(f"'{shown}': add {letters} after the {name}")
        if half.hemisphere not in letters:
            raise ValueError(f"'{shown}': the {name} comes {place} and ends in {letters}")
        if [unit for _, unit in half.parts] not in DMS_FORMS:
            raise ValueError(
                f"'{shown}': write degrees, minutes and seconds in that order, "
                f"each with its mark, like {example}"
            )
        if any("." in number for number, _ in half.parts[:-1]):
            raise ValueError(f"'{shown}': only the last number may have decimals")
        degrees, minutes, seconds = (float(number) for number, _ in [*half.parts, ("0", ""), ("0", "")][:3])
        for amount, unit in ((minutes, "minutes"), (seconds, "seconds")):
            if amount >= 60:
                raise ValueError(f"'{shown}': {unit} must be under 60, not {amount:g}")
        value = degrees + minutes / 60 + seconds / 3600
        values.append(round(-value if half.hemisphere in "SW" else value, 6))
    return values[0], values[1]
