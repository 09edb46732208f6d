"""validate/pasted.py: values pasted from elsewhere read as their writer meant them (the fixes
the field converters show come from here; test_validate checks them in whole error lines)."""

from __future__ import annotations

import pytest

from site_builder.validate.pasted import number_hint, parse_coordinates, read_written_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 July 2018", (2018, 7, 2)),
        ("2nd July, 2018", (2018, 7, 2)),
        ("31st Dec. 1999", (1999, 12, 31)),
        ("July 2, 2018", (2018, 7, 2)),
        ("Sept 9 2001", (2001, 9, 9)),
        ("sep 9, 2001", (2001, 9, 9)),
        ("  August 2021 ", (2021, 8, None)),
        ("August, 2021", (2021, 8, None)),
        ("JULY 2018", (2018, 7, None)),
        ("2/7/2018", None),  # day and month order would be a guess
        ("2 Julember 2018", None),
        ("2018-07-02", None),  # ISO is not a written date: parse_date reads it
        ("", None),
    ],
)
def test_written_dates_are_read_in_english(text: str, expected: tuple[int, int, int | None] | None) -> None:
    assert read_written_date(text) == expected


@pytest.mark.parametrize(
    ("raw", "label", "hint"),
    [
        ("10,000", "value", ": write it without separators: value: 10000"),
        ("10 000", "age", ": write it without separators: age: 10000"),
        ("10\u202f000.5", "value", ": write it without separators: value: 10000.5"),
        ("-1,300", "value", ": write it without separators: value: -1300"),
        ("£7bn", "value", ": write it in full, value: 7000000000, with unit: GBP"),
        ("$1.5m", "value", ": write it in full, value: 1500000, with unit: USD"),
        ("€ 300", "value", ": write the number alone, value: 300, with unit: EUR"),
        ("9.7%", "value", ': write the number alone, value: 9.7, with unit: "%"'),
        ("2 million", "value", ": write it in full, value: 2000000, with the unit in 'unit'"),
        ("£7bn", "figures.age", ""),  # only a figure's value has a unit beside it
        ("5m", "value", ""),  # five metres, or five million: not clear without a currency
        ("£5%", "value", ""),
        ("300", "value", ""),  # nothing to fix
        ("a few", "value", ""),
    ],
)
def test_number_hint_writes_the_number_in_full_when_the_intent_is_clear(
    raw: str, label: str, hint: str
) -> None:
    assert number_hint(raw, label) == hint


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("35.3, 69.6", (35.3, 69.6)),
        ("-33.9,151.2", (-33.9, 151.2)),
        ("20°22\u203254\u2033N 99°52\u203206\u2033E", (20.381667, 99.868333)),
        ("20°22'54\"N, 99°52'06\"E", (20.381667, 99.868333)),
        ("20°22\u2019N 99°52\u2019E", (20.366667, 99.866667)),  # minutes as a word processor quotes them
        (
            "20°22\u2019 54\u2019\u2019N 99°52\u2019 6\u2019\u2019E",
            (20.381667, 99.868333),
        ),  # two marks: seconds
        ("33.9°S 151.2°E", (-33.9, 151.2)),
        ("35 N 69 W", (35.0, -69.0)),
        ("somewhere", None),
        ("", None),
    ],
)
def test_coordinates_as_printed_become_decimal_degrees(
    text: str, expected: tuple[float, float] | None
) -> None:
    assert parse_coordinates(text) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("20°22\u203254\u2033 99°52\u203206\u2033E", "add N or S after the latitude"),
        ("99°52\u203206\u2033E 20°22\u203254\u2033N", "the latitude comes first and ends in N or S"),
        ("20°22\u203254\u2033N", "the longitude is missing"),
        ("99°E", "the latitude is missing"),
        ("20°N 99°E 5°N", "found 3 positions"),
        ("-20°N 99°E", "use S or W instead of a minus sign"),
        ("20°N / 99°E", "keep one of the forms only"),
        ("20°75\u2032N 99°E", "minutes must be under 60, not 75"),
        ("20.5°30\u2032N 99°E", "only the last number may have decimals"),
        ("20°54\u2033N 99°E", "write degrees, minutes and seconds in that order"),
        ("N 20° 99°E", "'N' has no degrees before it"),
    ],
)
def test_coordinates_that_look_printed_but_are_wrong_say_what_to_fix(text: str, problem: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_coordinates(text)
    assert problem in str(raised.value)
