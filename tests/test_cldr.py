"""Dates in a language's conventions (cldr.py, through the string tables' date.locale)."""

from __future__ import annotations

import pytest

from site_builder.model import FuzzyDate
from site_builder.strings import STRINGS, date_text, month_year_text

FRENCH = {**STRINGS, "date.locale": "fr", "date.decade": "les années {year}"}
PERSIAN = {**STRINGS, "date.locale": "fa", "date.decade": "دههٔ {year}"}


@pytest.mark.parametrize(
    ("date", "table", "text"),
    [
        (FuzzyDate(1969, 7, 20, 3), FRENCH, "20 juillet 1969"),
        (FuzzyDate(1969, 7, 0, 2), FRENCH, "juillet 1969"),
        (FuzzyDate(1969, 0, 0, 1), FRENCH, "1969"),
        (FuzzyDate(1980, 0, 0, 0), FRENCH, "les années 1980"),
        (FuzzyDate(1969, 7, 20, 3), PERSIAN, "۲۰ ژوئیه ۱۹۶۹"),
        (FuzzyDate(1969, 0, 0, 1), PERSIAN, "۱۹۶۹"),
        (FuzzyDate(1980, 0, 0, 0), PERSIAN, "دههٔ ۱۹۸۰"),
        (FuzzyDate(1969, 7, 20, 3), {**STRINGS, "date.locale": "en-GB"}, "20 July 1969"),
        (FuzzyDate(1969, 7, 20, 3), STRINGS, "20 July 1969"),
    ],
)
def test_date_text_follows_the_tables_locale(date: FuzzyDate, table: dict[str, str], text: str) -> None:
    assert date_text(date, table) == text


def test_month_on_a_time_axis() -> None:
    assert month_year_text(2021, 8, FRENCH, abbreviated=True) == "août 2021"
    assert month_year_text(2021, 8, PERSIAN) == "اوت ۲۰۲۱"
