"""The content model's own logic: what a FuzzyDate means and how it sorts, and weight order."""

from __future__ import annotations

from datetime import date

import pytest

from site_builder.model import FuzzyDate, weight_order

DECADE = FuzzyDate(1980, precision=0)
YEAR = FuzzyDate(1989)
MONTH = FuzzyDate(2021, 8, precision=2)
DAY = FuzzyDate(2021, 8, 27, precision=3)


@pytest.mark.parametrize(
    ("fuzzy", "iso", "machine"),
    [
        (DECADE, "1980s", "1980"),
        (YEAR, "1989", "1989"),
        (MONTH, "2021-08", "2021-08"),
        (DAY, "2021-08-27", "2021-08-27"),
        (FuzzyDate(33), "0033", "0033"),  # four digits, as <time datetime> wants
    ],
)
def test_a_date_is_shown_as_written_and_as_a_time_element_value(
    fuzzy: FuzzyDate, iso: str, machine: str
) -> None:
    assert fuzzy.iso == iso
    assert fuzzy.machine == machine


@pytest.mark.parametrize(
    ("fuzzy", "first", "last"),
    [
        (DECADE, date(1980, 1, 1), date(1989, 12, 31)),
        (YEAR, date(1989, 1, 1), date(1989, 12, 31)),
        (MONTH, date(2021, 8, 1), date(2021, 8, 31)),
        (DAY, date(2021, 8, 27), date(2021, 8, 27)),
        (FuzzyDate(2024, 2, precision=2), date(2024, 2, 1), date(2024, 2, 29)),  # a leap year
        (FuzzyDate(2023, 2, precision=2), date(2023, 2, 1), date(2023, 2, 28)),
        (FuzzyDate(1900, 2, precision=2), date(1900, 2, 1), date(1900, 2, 28)),  # no leap century
        (FuzzyDate(2020, precision=0), date(2020, 1, 1), date(2029, 12, 31)),
    ],
)
def test_first_and_last_day_span_what_the_date_may_mean(fuzzy: FuzzyDate, first: date, last: date) -> None:
    assert (fuzzy.first_day, fuzzy.last_day) == (first, last)


@pytest.mark.parametrize(
    ("fuzzy", "decade"), [(DECADE, 1980), (YEAR, 1980), (DAY, 2020), (FuzzyDate(2000), 2000)]
)
def test_decade_is_its_first_year(fuzzy: FuzzyDate, decade: int) -> None:
    assert fuzzy.decade == decade


def test_coarse_dates_sort_before_finer_ones_inside_them() -> None:
    dates = [
        DAY,
        FuzzyDate(2021),
        MONTH,
        FuzzyDate(2020, precision=0),
        FuzzyDate(2021, 8, 2, precision=3),
        FuzzyDate(2019),
    ]
    assert [d.iso for d in sorted(dates)] == ["2019", "2020s", "2021", "2021-08", "2021-08-02", "2021-08-27"]
    assert DECADE < FuzzyDate(1980) < FuzzyDate(1980, 1, precision=2) < FuzzyDate(1980, 1, 1, precision=3)


def test_weighted_items_come_first_lower_first_then_the_unweighted() -> None:
    weights = [0, 5, -1, 0, 2]
    assert sorted(weights, key=weight_order) == [-1, 2, 5, 0, 0]
    assert weight_order(0) == weight_order(0)
