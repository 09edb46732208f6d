"""Events: every date the text gives, as precisely as it gives it (a day, a month, a year, a
decade, a span, a bound), and `approximate` where the date is inferred ("a decade later", a
weekday or a day without its year, read against the source's own date)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from ..model import FuzzyDate
from ..records import frozen
from ..validate.fields import suggest_slug
from ..validate.pasted import MONTH_NUMBERS
from .candidate import Proposal
from .passages import Passage, Reading, Span, trimmed

MONTH = (
    r"(?P<{0}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
YEAR = r"(?P<{0}>1[0-9]{{3}}|20[0-9]{{2}})"
DAY = r"(?P<{0}>[0-3]?[0-9])(?:st|nd|rd|th)?"
WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?"
FULL = (
    rf"{WEEKDAY}(?:{DAY.format('day')} {MONTH.format('month')},? {YEAR.format('year')}"
    rf"|{MONTH.format('month2')} {DAY.format('day2')},? {YEAR.format('year2')})"
)
DATE_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "span",
        re.compile(
            rf"\b(?:from|between) (?:{DAY.format('d1')} {MONTH.format('m1')}|{YEAR.format('y1')})"
            rf" (?:to|and|until) (?:{DAY.format('d2')} {MONTH.format('m2')} {YEAR.format('y2')}"
            rf"|{YEAR.format('y3')})\b"
        ),
    ),
    ("full", re.compile(rf"\b{FULL}\b")),
    ("month", re.compile(rf"\b{MONTH.format('month')},? {YEAR.format('year')}\b")),
    ("decade", re.compile(rf"\b(?:the )?{YEAR.format('year')}s\b")),
    ("decade_later", re.compile(r"\ba decade later\b")),
    (
        "day_month",
        re.compile(
            rf"\b(?:{DAY.format('day')} {MONTH.format('month')}"
            rf"|{MONTH.format('month2')} {DAY.format('day2')})\b(?!,? \d)"
        ),
    ),
    ("by_year", re.compile(rf"\bby {YEAR.format('year')}\b(?!,? ?\d)")),
    ("year", re.compile(rf"(?<![\d,.£$€])\b{YEAR.format('year')}\b(?![\d,.]\d|s\b| ?%)")),
    (
        "weekday",
        re.compile(
            r"\b(?:on|last|this) (?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)"
            r"(?: (?:morning|afternoon|evening|night))?\b"
        ),
    ),
)
FOLLOWING_RE = re.compile(r"\bfollowing (?:their|the|its|his|her) [a-z]+(?: of [A-Z][\w-]*)?")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PLACEHOLDER_SUMMARY = "To write: one or two sentences on what happened (see the source line named above)."


@frozen
class Dated:
    """One date in the text: where it is and the date fields it gives an event."""

    span: Span
    passage: Passage
    when: dict[str, Any]
    """date (ISO text or {after:/before:}) or start and end, and approximate when inferred."""


def month_number(name: str) -> int:
    """1-12 for an English month name or abbreviation."""
    key = name.lower().rstrip(".")
    return MONTH_NUMBERS.get(key) or MONTH_NUMBERS[key[:3]]


def group(match: re.Match[str], *names: str) -> str:
    """The first of these groups that matched."""
    return next((match[name] for name in names if match[name]), "")


def find_dates(reading: Reading) -> list[Dated]:
    """Every date expression of the source, in text order, each read once (a full date is not
    also read as its year)."""
    source_date = reading.source.date
    found: list[Dated] = []
    for passage in reading.passages:
        taken: list[tuple[int, int]] = []
        last_year: int | None = None
        last_decade: int | None = None
        for kind, pattern in DATE_RES:
            for match in pattern.finditer(passage.masked):
                if any(match.start() < end and start < match.end() for start, end in taken):
                    continue
                when = read_date(kind, match, source_date, last_year, last_decade)
                if when is None:
                    continue
                taken.append((match.start(), match.end()))
                offset = passage.span.start
                span = Span(offset + match.start(), offset + match.end(), match[0])
                found.append(Dated(span, passage, when))
            last_year, last_decade = latest_years(found, passage, last_year, last_decade)
        found += happened_before(passage, found)
    return sorted(found, key=lambda dated: dated.span.start)


def happened_before(passage: Passage, found: list[Dated]) -> list[Dated]:
    """`following their takeover` in a passage dated to the day: the takeover came before that
    day, and that bound is all the text says of its date."""
    days = [
        str(dated.when["date"])
        for dated in found
        if dated.passage is passage
        and len(str(dated.when.get("date", ""))) == 10
        and not dated.when.get("approximate")
    ]
    if not days:
        return []
    offset = passage.span.start
    return [
        Dated(
            Span(offset + match.start(), offset + match.end(), match[0]),
            passage,
            {"date": {"before": days[0]}},
        )
        for match in FOLLOWING_RE.finditer(passage.masked)
    ]


def latest_years(
    found: list[Dated], passage: Passage, last_year: int | None, last_decade: int | None
) -> tuple[int | None, int | None]:
    """The last year and decade a passage has given so far: what `on 7 March` and `a decade
    later` are read against."""
    for dated in found:
        if dated.passage is not passage:
            continue
        for value in dated.when.values():
            if isinstance(value, str) and value[:4].isdigit():
                if value.endswith("s"):
                    last_decade = int(value[:4])
                else:
                    last_year = int(value[:4])
    return last_year, last_decade


def read_date(
    kind: str,
    match: re.Match[str],
    source_date: FuzzyDate | None,
    last_year: int | None,
    last_decade: int | None,
) -> dict[str, Any] | None:
    """The date fields one match gives, or None when it cannot be dated."""
    if kind == "span":
        if match["y1"] and match["y3"]:
            return {"start": match["y1"], "end": match["y3"]}
        if match["d1"] and match["y2"]:
            year = int(match["y2"])
            start = FuzzyDate(year, month_number(match["m1"]), int(match["d1"]), 3)
            end = FuzzyDate(year, month_number(match["m2"]), int(match["d2"]), 3)
            return {"start": start.iso, "end": end.iso}
        return None
    if kind == "full":
        year = int(group(match, "year", "year2"))
        month, day = month_number(group(match, "month", "month2")), int(group(match, "day", "day2"))
        return {"date": valid_day(year, month, day)} if valid_day(year, month, day) else None
    if kind == "month":
        return {"date": FuzzyDate(int(match["year"]), month_number(match["month"]), 0, 2).iso}
    if kind == "decade":
        year = int(match["year"])
        return {"date": f"{year}s"} if year % 10 == 0 else None
    if kind == "decade_later":
        return {"date": f"{last_decade + 10}s", "approximate": True} if last_decade else None
    if kind == "year":
        return {"date": match["year"]}
    if kind == "by_year":
        return {"date": {"before": match["year"]}}
    if kind == "day_month":
        month, day = month_number(group(match, "month", "month2")), int(group(match, "day", "day2"))
        if last_year is not None:
            iso = valid_day(last_year, month, day)
            return {"date": iso} if iso else None
        if source_date is None:
            return None
        nearest = min(
            (
                valid_day(year, month, day)
                for year in (source_date.year - 1, source_date.year, source_date.year + 1)
            ),
            key=lambda iso: abs((date.fromisoformat(iso) - source_date.first_day).days) if iso else 10**6,
        )
        return {"date": nearest, "approximate": True} if nearest else None
    if kind == "weekday" and source_date is not None and source_date.precision == 3:
        published = source_date.first_day
        back = (published.weekday() - WEEKDAYS.index(match["weekday"])) % 7
        return {"date": (published - timedelta(days=back)).isoformat(), "approximate": True}
    return None


def valid_day(year: int, month: int, day: int) -> str:
    """An ISO day, or '' when the day does not exist."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def clause_around(body: str, passage: Passage, start: int, end: int, limit: int = 220) -> Span:
    """The passage, or when it is long the clause holding [start, end): the quote a proposal
    gives, so that it holds the words a person would pick."""
    whole = passage.span
    if len(whole.text) <= limit:
        return whole
    text = passage.masked
    local_start, local_end = start - whole.start, end - whole.start
    cuts = [0, *(m.end() for m in re.finditer(r"[,;()]\s+|\s[\u2013\u2014-]\s", text)), len(text)]
    left = max(cut for cut in cuts if cut <= local_start)
    right = min(cut for cut in cuts if cut >= local_end)
    clause_end = right
    while clause_end > left and text[clause_end - 1] in " ,;()\u2013\u2014-":
        clause_end -= 1
    return trimmed(body, whole.start + left, whole.start + clause_end)


def title_of(span: Span) -> str:
    """A headline from the source words: the clause, at most 14 words, first letter capital."""
    words = span.text.rstrip(".…").split()
    title = " ".join(words[:14]) + ("…" if len(words) > 14 else "")
    return title[:1].upper() + title[1:]


def propose_events(reading: Reading, dates: list[Dated]) -> list[Proposal]:
    """An event proposal for each date, one per date and passage."""
    proposals: list[Proposal] = []
    seen: set[tuple[str, str]] = set()
    for dated in dates:
        quote = clause_around(reading.source.body, dated.passage, dated.span.start, dated.span.end)
        key = (repr(dated.when), quote.text)
        if key in seen:
            continue
        seen.add(key)
        fields: dict[str, Any] = {"title": title_of(quote)}
        fields.update({k: v for k, v in dated.when.items() if k != "approximate"})
        fields["summary"] = PLACEHOLDER_SUMMARY
        if dated.when.get("approximate"):
            fields["approximate"] = True
        fields["quote"] = quote.text
        stamp = str(dated.when.get("date", dated.when.get("start", "")))
        slug = suggest_slug(f"{stamp} {' '.join(fields['title'].split()[:5])}", "event")
        proposals.append(Proposal("events", slug, fields, reading.line(dated.span.start), quote.text))
    return proposals
