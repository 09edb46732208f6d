"""Every written form of a number (9.7%, £7bn, seven, thirty-two, half a century)."""

from __future__ import annotations

import re

from .text import normalise

SMALL_NUMBERS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
MAGNITUDES = (
    (1e12, ("tn", "trillion")),
    (1e9, ("bn", "billion", "b")),
    (1e6, ("m", "mn", "million")),
    (1e3, ("k", "thousand")),
)
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
        return [
            f"{head}{joiner}{tail}"
            for head in heads
            for joiner in (" and ", " ")
            for tail in number_words(rest)
        ]
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
        return (
            [symbol + form for form in plain]
            + [f"{unit} {form}" for form in plain]
            + [f"{form} {name}" for form in plain for name in (*names, unit)]
        )
    if unit == "%":
        return [f"{form}{sign}" for form in plain for sign in ("%", " %", " per cent", " percent")]
    forms = list(plain)
    for size, singular, plural in LONGER_SPANS.get(unit, ()):
        if value and value % size == 0:
            count = int(value // size)
            forms += (
                [f"a {singular}", f"one {singular}"]
                if count == 1
                else [f"{word} {plural}" for word in numerals(count)]
            )
        elif value and (value * 2) % size == 0:
            forms += [f"half a {singular}"] if value * 2 == size else []
    return forms


def number_pattern(value: float, unit: str) -> re.Pattern[str]:
    """A regex finding any written form of the number as a whole word (not inside 1,300 or 3.5)."""
    forms = sorted({normalise(form).text for form in number_forms(value, unit)}, key=len, reverse=True)
    alternatives = "|".join(re.escape(form).replace(r"\ ", r"\s?") for form in forms)
    return re.compile(rf"(?<![\w£$€])(?<!\d[.,])(?:{alternatives})(?!\w)(?![.,]\d)", re.IGNORECASE)


NATIVE_DIGITS = str.maketrans(
    "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
    "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9\u066b\u066c",
    "01234567890123456789.,",
)
"""Arabic-Indic and Persian digits, and the Arabic decimal and thousands separators, as the
ASCII a number pattern reads: a Persian source writes 300 as it reads, in Persian digits."""


def ascii_digits(text: str) -> str:
    """text with Arabic-Indic and Persian digits (and separators) written in ASCII."""
    return text.translate(NATIVE_DIGITS)
