"""provenance/numbers.py: every written form of a figure's number that counts as stating it
(test_provenance checks the same through whole builds)."""

from __future__ import annotations

import pytest

from site_builder.provenance.numbers import number_forms, number_pattern, number_words, numerals


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, ["zero"]),
        (7, ["seven"]),
        (12, ["twelve", "a dozen"]),
        (19, ["nineteen"]),
        (30, ["thirty"]),
        (32, ["thirty-two"]),
        (100, ["one hundred", "a hundred"]),
        (300, ["three hundred"]),
        (
            115,
            ["one hundred and fifteen", "one hundred fifteen", "a hundred and fifteen", "a hundred fifteen"],
        ),
        (1000, []),  # larger numbers are written in figures, or scaled (7bn, seven billion)
    ],
)
def test_number_words(number: int, words: list[str]) -> None:
    assert number_words(number) == words


def test_numerals_write_a_number_in_figures_scaled_and_in_words() -> None:
    forms = numerals(7_000_000_000)
    for form in (
        "7000000000",
        "7,000,000,000",
        "7 000 000 000",
        "7bn",
        "7 bn",
        "7 billion",
        "seven billion",
        "7b",
    ):
        assert form in forms
    assert "7 b" in forms and "seven b" not in forms  # words go with whole scale words only
    assert numerals(-300) == numerals(300)  # the sign is the wording's business
    assert numerals(9.7) == ["9.7"]
    assert "1.5m" in numerals(1_500_000) and "1.25 million" in numerals(1_250_000)
    assert not [form for form in numerals(1_234_567) if form.endswith("m")]  # 1.234567m: nobody writes it


@pytest.mark.parametrize(
    ("value", "unit", "present", "absent"),
    [
        (7e9, "GBP", ["£7bn", "GBP 7bn", "7bn pounds", "seven billion sterling", "7bn GBP"], ["7bn", "$7bn"]),
        (9.7, "%", ["9.7%", "9.7 %", "9.7 per cent", "9.7 percent"], ["9.7"]),
        (50, "years", ["50", "fifty", "half a century", "five decades"], ["a century"]),
        (100, "years", ["a century", "one century", "ten decades"], []),
        (14, "days", ["fourteen", "two weeks"], ["a fortnight"]),
        (12, "months", ["a dozen", "a year", "one year"], []),
        (300, "people", ["300", "three hundred"], ["300 people"]),
    ],
)
def test_number_forms_include_the_unit_as_writers_do(
    value: float, unit: str, present: list[str], absent: list[str]
) -> None:
    forms = number_forms(value, unit)
    assert [form for form in present if form not in forms] == []
    assert [form for form in absent if form in forms] == []


@pytest.mark.parametrize(
    ("value", "unit", "text", "found"),
    [
        (300, "people", "More than 300 people came", True),
        (300, "people", "about three hundred came", True),
        (300, "people", "it was 300.", True),
        (300, "people", "1,300 people left", False),  # part of a larger number
        (300, "people", "3,300", False),
        (300, "people", "300.5 tonnes", False),
        (300, "people", "A300 aircraft", False),
        (7e9, "GBP", "more than \u00a37bn was", True),
        (7e9, "GBP", "\u00a37 bn", True),
        (7e9, "GBP", "seven billion pounds", True),
        (7e9, "GBP", "\u00a317bn", False),
        (7e9, "GBP", "\u00a37.5bn", False),
        (9.7, "%", "rose by 9.7 per\u00a0cent", True),  # any space folds to one
        (9.7, "%", "\u201c9.7%\u201d", True),
    ],
)
def test_number_pattern_finds_the_number_as_a_whole(value: float, unit: str, text: str, found: bool) -> None:
    from site_builder.provenance.text import normalise

    assert bool(number_pattern(value, unit).search(normalise(text).text)) is found
