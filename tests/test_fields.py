"""validate/fields.py's plain-text rules, called directly: dates, moments, URLs, slugs and the
hint for an unknown key (test_validate checks the converters through whole entries)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from site_builder.model import FuzzyDate
from site_builder.validate import SITE_SCHEMA
from site_builder.validate.fields import (
    is_http_url,
    parse_date,
    parse_moment,
    suggest_field,
    suggest_slug,
)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Bob Smith", "bob-smith"),
        ("  Ahmad Shah Massoud  ", "ahmad-shah-massoud"),
        ("UN Security Council (2021)", "un-security-council-2021"),
        ("Zoë's café", "zo-s-caf"),  # a-z and 0-9 only, as the slug rule says
        ("---", "fallback"),
        ("", "fallback"),
    ],
)
def test_suggest_slug(text: str, slug: str) -> None:
    assert suggest_slug(text, "fallback") == slug


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1980s", FuzzyDate(1980, precision=0)),
        ("1989", FuzzyDate(1989)),
        ("2021-08", FuzzyDate(2021, 8, precision=2)),
        ("2021-08-27", FuzzyDate(2021, 8, 27, precision=3)),
        (" 2024-02-29 ", FuzzyDate(2024, 2, 29, precision=3)),
    ],
)
def test_parse_date_reads_each_precision(text: str, expected: FuzzyDate) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "key", "message"),
    [
        ("1985s", "", "'1985s' is not a decade: a decade ends in 0, like 1980s"),
        ("2021-13", "", "'2021-13': month 13 does not exist"),
        ("2023-02-29", "", "'2023-02-29': February 2023 has 28 days, not 29"),
        ("2021-8-27", "", "'2021-8-27' is not a date: write YYYY, YYYY-MM, YYYY-MM-DD or a decade YYYYs"),
        ("2 July 2018", "date", "'2 July 2018' is not a date: write YYYY-MM-DD, like date: 2018-07-02"),
        ("2 July 2018", "", "'2 July 2018' is not a date: write YYYY-MM-DD, like 2018-07-02"),
        ("July 2018", "as_of", "'July 2018' is not a date: write YYYY-MM, like as_of: 2018-07"),
        ("31 June 2018", "date", "'31 June 2018': June 2018 has 30 days, not 31"),
    ],
)
def test_parse_date_says_what_is_wrong(text: str, key: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_date(text, key)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-03T09:00:00+00:00", datetime(2026, 12, 3, 9, tzinfo=UTC)),
        ("2026-12-03T09:00:00Z", datetime(2026, 12, 3, 9, tzinfo=UTC)),
        ("2026-12-03 09:00+01:00", datetime(2026, 12, 3, 9, tzinfo=timezone(timedelta(hours=1)))),
    ],
)
def test_parse_moment_needs_a_time_zone(text: str, expected: datetime) -> None:
    moment = parse_moment(text)
    assert moment == expected and moment.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-12-03T09:00:00", "'2026-12-03T09:00:00' has no time zone: add one (+00:00 for UTC)"),
        ("tomorrow", "'tomorrow' is not a date-time: write the date, 'T', the time and the time zone"),
    ],
)
def test_parse_moment_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_moment(text)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("https://example.org/", True),
        ("http://example.org/a?b=c#d", True),
        ("HTTPS://example.org/", True),  # a scheme is case-insensitive
        ("https://", False),
        ("//example.org/", False),
        ("example.org", False),
        ("javascript:alert(1)", False),
        ("data:text/html,hi", False),
        ("ftp://example.org/", False),
        ("https://exa mple.org/", False),
        ("https://example.org/\n", False),
    ],
)
def test_is_http_url(text: str, ok: bool) -> None:
    assert is_http_url(text) is ok


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("name", " (did you mean 'title'?)"),  # a synonym site.yaml has
        ("summary", ""),  # its synonym ('definition') is no key of site.yaml, and no key is close
        ("titel", " (did you mean 'title'?)"),  # else the closest key
        ("zzzzzz", ""),
    ],
)
def test_suggest_field(key: str, hint: str) -> None:
    assert suggest_field(key, SITE_SCHEMA) == hint
