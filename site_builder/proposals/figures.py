"""Figures: every number the text states, in figures or words, with its currency or unit, its
qualifier ("more than"), who the text says it comes from, and the source words as its quote.

Dates are not figures: the spans events.py reads as dates are blanked first."""

from __future__ import annotations

import re
from typing import Any

from ..provenance.numbers import SMALL_NUMBERS, TENS, number_pattern
from ..provenance.text import normalise
from ..records import frozen
from ..validate.fields import suggest_slug
from ..validate.pasted import CURRENCIES, CURRENCY_SCALES, SCALES
from .candidate import Proposal
from .events import Dated, clause_around
from .passages import Passage, Reading
from .words import SPEECH_VERBS, word_set

WORD_VALUES: dict[str, int] = {
    **{word: value for value, word in enumerate(SMALL_NUMBERS) if value >= 2},
    **{word: value * 10 for value, word in enumerate(TENS) if word},
    "a dozen": 12,
    "dozen": 12,
}
UNITS_WORDS = "|".join(sorted((re.escape(word) for word in WORD_VALUES), key=len, reverse=True))
TENS_WORDS = "|".join(word for word in TENS if word)
UNIT_WORDS = "|".join(SMALL_NUMBERS[1:10])
NUMBER_WORDS = rf"(?:(?:{TENS_WORDS})-(?:{UNIT_WORDS})|{UNITS_WORDS})"
QUALIFIERS = (
    "more than|less than|fewer than|at least|at most|up to|about|around|almost|nearly|over|"
    "under|some|roughly|approximately|as many as|as much as|a further|further|just over|"
    "just under|only"
)
FIGURE_RE = re.compile(
    rf"(?:(?P<qualifier>\b(?i:{QUALIFIERS})) )?"
    r"(?P<amount>(?P<currency>[£$€])?"
    rf"(?P<number>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\b(?i:{NUMBER_WORDS})\b)"
    r"(?:(?P<scale> ?(?:bn|tn|mn|m|k|b|million|billion|trillion|thousand)\b)|(?P<year_old>-year-old\b))?"
    r"(?P<percent> ?%| per ?cent\b)?)"
)
SPANS_RE = re.compile(r"\b(?P<amount>half a (?P<unit>century|decade))\b")
STOP_WORDS = word_set(
    "of the a an and or to in on at for with from by were was is are have has had be been that "
    "which who when since before after during this next last seen into than as but its their his "
    "her north south east west per each every"
)
SPEECH_RE = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
ATTRIBUTION_RE = re.compile(r"\baccording to (?P<who>[^,.;:]+)")


@frozen
class Number:
    """A number as the text writes it, read."""

    value: float
    unit: str
    display: str
    qualifier: str
    start: int
    end: int
    """Body offsets of the amount (qualifier not included)."""


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with these [start, end) spans replaced by spaces."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def read_numbers(passage: Passage, dates: list[Dated]) -> list[Number]:
    """The numbers of a passage, dates left out."""
    base = passage.span.start
    text = blank(
        passage.masked, [(d.span.start - base, d.span.end - base) for d in dates if d.passage is passage]
    )
    numbers: list[Number] = []
    for match in SPANS_RE.finditer(text):
        value = 50 if match["unit"] == "century" else 5
        numbers.append(Number(value, "years", match["amount"], "", base + match.start(), base + match.end()))
    for match in FIGURE_RE.finditer(text):
        if any(n.start <= base + match.start("amount") < n.end for n in numbers):
            continue
        number = read_number(match, text)
        if number is not None:
            numbers.append(
                Number(
                    number[0],
                    number[1],
                    match["amount"].strip(),
                    (match["qualifier"] or "").lower(),
                    base + match.start("amount"),
                    base + match.end("amount"),
                )
            )
    return sorted(numbers, key=lambda n: n.start)


def read_number(match: re.Match[str], text: str) -> tuple[float, str] | None:
    """(value, unit) of one match, or None for what is not a figure (`Radio 4`, a lone `one`)."""
    raw = match["number"]
    before, after = text[: match.start("amount")], text[match.end("amount") :]
    if raw.lower() in WORD_VALUES or "-" in raw:
        tens, _, units = raw.lower().partition("-")
        value: float = WORD_VALUES.get(raw.lower(), 0) or WORD_VALUES[tens] + SMALL_NUMBERS.index(units)
    else:
        if re.search(r"\w\W+[A-Z][a-z]* $", before) and not match["currency"] and not match["qualifier"]:
            return None  # Radio 4, Channel 4: part of a name
        if re.match(r"^['\u2019]s\b|^[\w/]", after):
            return None
        value = float(raw.replace(",", ""))
    if match["scale"]:
        scales = CURRENCY_SCALES if match["currency"] else SCALES
        scale = match["scale"].strip()
        if scale not in scales:
            return None
        value *= 10 ** scales[scale]
    if value == int(value):
        value = int(value)
    if match["year_old"]:
        return value, "years"
    if match["percent"]:
        return value, "%"
    if match["currency"]:
        return value, CURRENCIES[match["currency"]]
    unit = unit_after(after)
    if not unit:
        return None
    return value, unit


def unit_after(after: str) -> str:
    """The noun a number counts: the last plural of the words after it, up to a stop word
    ('seven Taliban fighters were' -> fighters), else the first of them ('900 people live')."""
    words: list[str] = []
    for match in re.finditer(r"\S+", after):
        word = match[0]
        bare = word.strip(".,;:!?)\u2019'\"\u201d").lstrip("-")
        if not bare or bare.lower() in STOP_WORDS or not bare.isalpha() or len(words) == 3:
            break
        words.append(bare)
        if bare != word.lstrip("-"):
            break
    lowered = [word for word in words if word[0].islower()]
    if not lowered:
        return ""
    plurals = [word for word in lowered if word.endswith("s")]
    return plurals[-1] if plurals else lowered[0]


def attribution_of(
    passage: Passage, offset: int, speakers: dict[int, tuple[int, str]], names: Attributable
) -> str:
    """Who the text says a number comes from: the speaker of the quotation holding it, else
    `according to ...` in its passage (an organisation named there, if one is), else a person
    the passage has saying it (`X said that...`)."""
    for start, (end, speaker) in speakers.items():
        if start <= offset < end:
            return speaker
    match = ATTRIBUTION_RE.search(passage.masked)
    if match:
        who = match["who"].strip()
        named = [term for term in names.terms if term in who]
        return named[0] if named else who
    if SPEECH_RE.search(passage.masked):
        for name, said_as in names.people.items():
            if any(re.search(rf"\b{re.escape(form)}\b", passage.masked) for form in said_as):
                return name
    return ""


@frozen
class Attributable:
    """The names a figure may be attributed to: terms, and people with the names they go by."""

    terms: list[str]
    people: dict[str, list[str]]


def propose_figures(
    reading: Reading, dates: list[Dated], speakers: dict[int, tuple[int, str]], names: Attributable
) -> list[Proposal]:
    """A figure proposal for each number, once per value, unit and passage."""
    proposals: list[Proposal] = []
    seen: set[tuple[float, str, int]] = set()
    for passage in reading.passages:
        for number in read_numbers(passage, dates):
            key = (number.value, number.unit, passage.span.start)
            if key in seen:
                continue
            seen.add(key)
            quote = clause_around(reading.source.body, passage, number.start, number.end)
            pattern = number_pattern(number.value, number.unit)
            if not pattern.search(normalise(quote.text).text):
                continue  # never propose a figure whose own quote does not state it
            fields: dict[str, Any] = {
                "label": label_of(quote.text, number),
                "value": number.value,
                "unit": number.unit,
            }
            if pattern.search(normalise(number.display).text):
                fields["display"] = number.display
            if number.qualifier:
                fields["qualifier"] = number.qualifier
            who = attribution_of(passage, number.start, speakers, names)
            if who:
                fields["attribution"] = who
            fields["quote"] = quote.text
            unit = "percent" if number.unit == "%" else number.unit
            slug = suggest_slug(f"{number.display} {'' if unit in number.display else unit}", "figure")
            proposals.append(Proposal("figures", slug, fields, reading.line(number.start), quote.text))
    return proposals


def label_of(quote: str, number: Number) -> str:
    """A label from the source words: the clause the number is in, at most 12 words."""
    words = quote.rstrip(".…").split()
    label = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
    return label[:1].upper() + label[1:]
