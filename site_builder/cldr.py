"""Dates and numbers in a language's conventions, from CLDR through Babel's public API:
"20 juillet 1969", "۲۰ ژوئیهٔ ۱۹۶۹". Used when the string table names a `date.locale` (every
built-in table but English, whose forms predate languages and stay as they were)."""

from __future__ import annotations

from datetime import date as Date
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, get_month_names
from babel.numbers import format_decimal

DIGITS = {"arab": "٠١٢٣٤٥٦٧٨٩", "arabext": "۰۱۲۳۴۵۶۷۸۹", "beng": "০১২৩৪৫৬৭৮৯", "deva": "०१२३४५६७८९"}
"""The digits of the numbering systems CLDR makes some locales' default (fa, ps: arabext).
Babel formats dates with ASCII digits whatever the locale, so they are swapped in here."""


@cache
def parse_locale(tag: str) -> Locale:
    """The Babel locale of a BCP 47 tag ('fa-AF'); ValueError naming the tag when CLDR has none."""
    try:
        return Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError) as e:
        raise ValueError(f"CLDR has no locale '{tag}'") from e


def local_digits(text: str, tag: str) -> str:
    """text with its ASCII digits written in the locale's own (Persian digits for fa)."""
    digits = DIGITS.get(parse_locale(tag).default_numbering_system)
    return text.translate(str.maketrans("0123456789", digits)) if digits else text


def day_text(day: Date, tag: str) -> str:
    """A full date, in the locale's long form: 20 July 1969 (en-GB), 20 juillet 1969."""
    return local_digits(format_date(day, "long", locale=parse_locale(tag)), tag)


def month_text(day: Date, tag: str, abbreviated: bool = False) -> str:
    """A month of a year: juillet 1969 (or juil. 1969)."""
    skeleton = "yMMM" if abbreviated else "yMMMM"
    return local_digits(format_skeleton(skeleton, day, locale=parse_locale(tag)), tag)


def year_text(year: int, tag: str) -> str:
    """A year in the locale's digits, never grouped: 1969, ۱۹۶۹."""
    return local_digits(str(year), tag)


def day_month_text(day: Date, tag: str) -> str:
    """A day of a month without the year (the first of two dates in one year): 30 août."""
    return local_digits(format_skeleton("MMMMd", day, locale=parse_locale(tag)), tag)


def month_name(month: int, tag: str, abbreviated: bool = False) -> str:
    """A month's name standing alone: juillet, juil."""
    names = get_month_names("abbreviated" if abbreviated else "wide", "stand-alone", locale=parse_locale(tag))
    return str(names[month])


def number_text(value: float, tag: str) -> str:
    """A number in the locale's format and digits: 1,234 (en), 1 234 (fr), and
    Persian digits with a Persian separator (fa)."""
    locale = parse_locale(tag)
    return local_digits(format_decimal(value, locale=locale, numbering_system="default"), tag)


def plural_category(count: float, tag: str) -> str:
    """The CLDR plural category of a count in the locale: 'one', 'many', 'other'..."""
    return str(parse_locale(tag).plural_form(count))


def plural_categories(tag: str) -> tuple[str, ...]:
    """Every plural category the locale distinguishes, 'other' last: ('one', 'many', 'other')."""
    return (*sorted(parse_locale(tag).plural_form.tags), "other")
