"""provenance/text.py: matching a quote against its source with typography folded, called
directly (test_provenance checks the errors a whole build reports)."""

from __future__ import annotations

import pytest

from site_builder.provenance.text import (
    SENTENCE_END_RE,
    find_quote,
    first_letter_variants,
    normalise,
    same_but_first_case,
    tokens_of,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("He said: \u201cWe\u2019ll stay\u201d", "He said: 'We'll stay'"),
        (
            "\u00abnon\u00bb \u2039oui\u203a `x\u00b4",
            "'non' 'oui' 'x\u00b4",
        ),  # an acute accent is no quote mark
        ("wait\u2026", "wait..."),
        ("a  b\n\tc", "a b c"),
        ("a - b", "a-b"),  # a spaced dash and a closed-up one are the same
        ("a \u2014 b", "a-b"),
        ("a -b", "a-b"),
        ("a- b", "a-b"),
        ("  x  ", "x"),
        ("", ""),
        ("a\u00a0b", "a b"),  # any white space, alone too
        ("\t a", "a"),
        ("- a", "-a"),
        ("a -", "a-"),
        ("a \u2014\n\tb", "a-b"),
        ("a\u2026 b", "a... b"),
    ],
)
def test_normalise_folds_what_may_differ(text: str, folded: str) -> None:
    assert normalise(text).text == folded


def test_normalise_remembers_where_each_character_came_from() -> None:
    text = "He  said \u2014 \u201cgo\u2026\u201d"
    normal = normalise(text)
    assert len(normal.origin) == len(normal.text)
    assert normal.text == "He said-'go...'"
    assert [text[origin] for origin in normal.origin] == [
        "H",
        "e",
        " ",
        "s",
        "a",
        "i",
        "d",
        "\u2014",
        "\u201c",
        "g",
        "o",
        *["\u2026"] * 3,
        "\u201d",
    ]


SOURCE = "The talks, he said, \u201cwill resume soon.\u201d Then more."


@pytest.mark.parametrize(
    ("quote", "span"),
    [
        ("will resume soon.", (21, 38)),
        ("Will resume soon.", (21, 38)),  # the case of the first letter is free
        ("will  resume\nsoon", (21, 37)),
        ("\u201cwill resume soon.\u201d", (20, 39)),
        ("'will resume soon.'", (20, 39)),
        ("will resume later", None),
        ("wILL resume soon", None),  # only the first letter
        ("", None),
    ],
)
def test_find_quote_gives_the_span_in_the_original_text(quote: str, span: tuple[int, int] | None) -> None:
    assert find_quote(quote, normalise(SOURCE)) == span
    if span is not None:
        assert normalise(SOURCE[span[0] : span[1]]).text.lower() == normalise(quote).text.lower()


def test_tokens_are_words_from_first_to_last_letter_or_single_marks() -> None:
    text = normalise("easy-to-digest, we've 9.7% U.S. \u201cyes\u201d").text
    tokens = tokens_of(text)
    assert [t.text for t in tokens] == [
        "easy-to-digest",
        ",",
        "we've",
        "9.7",
        "%",
        "U.S",
        ".",
        "'",
        "yes",
        "'",
    ]
    assert [t.spaced for t in tokens] == [False, False, True, True, False, True, False, True, False, False]
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert [t.is_word for t in tokens][:3] == [True, False, True]


def test_the_first_letter_may_be_either_case() -> None:
    assert first_letter_variants("'hello") == ["'hello", "'Hello"]
    assert first_letter_variants("Hello") == ["Hello", "hello"]
    assert first_letter_variants("123") == ["123"]
    assert same_but_first_case("Hello there", "hello there")
    assert not same_but_first_case("Hello there", "hello There")


@pytest.mark.parametrize(
    ("paragraph", "passages"),
    [
        ("It rained. Then it stopped!", ["It rained.", "Then it stopped!"]),
        (
            "Mr. Smith and Dr. Jones met on Aug. 5 in the U.S. capital.",
            ["Mr. Smith and Dr. Jones met on Aug. 5 in the U.S. capital."],
        ),
        ("Prices rose 9.7% this year.", ["Prices rose 9.7% this year."]),
        ("It fell. [13] Then it rose.", ["It fell.", "[13] Then it rose."]),
        ("heavy losses... but need help", ["heavy losses... but need help"]),
        ("heavy losses... But they held", ["heavy losses...", "But they held"]),
        ("A caption\nA headline", ["A caption", "A headline"]),
        ("one line\nand its rest", ["one line\nand its rest"]),
    ],
)
def test_where_a_passage_ends(paragraph: str, passages: list[str]) -> None:
    assert SENTENCE_END_RE.split(paragraph) == passages
