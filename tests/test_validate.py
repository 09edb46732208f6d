"""Typing front matter: every field type, every YAML trap, every date form, one broken file each."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ADA, TALKS, assert_fails_leaving_output, break_project, person

from site_builder.load import parse_entry
from site_builder.model import Event, Figure, FuzzyDate, Item, Person
from site_builder.validate import parse_date, validate_entry

FIGURE = "content/figures/attendance.md"
QUOTE = 'quote: "More than 300 people came to the town hall"\n'


def event(lines: str) -> str:
    """talks.md with the given front matter (title and summary included)."""
    return f"---\ntitle: Talks resume\n{lines}summary: The talks resumed.\n---\n"


def figure(lines: str) -> str:
    """attendance.md with label, unit and quote plus the given lines."""
    return f"---\nlabel: People\nunit: people\n{lines}{QUOTE}---\n"


FIELD_ERRORS = [
    # Unknown and missing keys
    pytest.param(
        {ADA: "---\nname: Ada Lovelace\nrloe: Negotiator\nsummary: Led.\n---\n"},
        [f"{ADA}:1:1: missing required field 'role'",
         f"{ADA}:3:1: unknown field 'rloe' (did you mean 'role'?)"],
        id="unknown-key-did-you-mean",
    ),
    pytest.param(
        {ADA: person("colour: blue\n")},
        [f"{ADA}:5:1: unknown field 'colour'"],
        id="unknown-key-no-close-match",
    ),
    # YAML traps in text fields: the message says how YAML read it and the quoting that fixes it
    pytest.param(
        {ADA: "---\nname: Ada Lovelace\nrole: no\nsummary: Led.\n---\n"},
        [f"{ADA}:3:7: 'role' must be text, but YAML reads 'no' as true/false; "
         "put it in quotes: role: \"no\""],
        id="no-reads-as-false",
    ),
    pytest.param(
        {FIGURE: figure("value: 300\ndisplay: 010\n")},
        [f"{FIGURE}:5:10: 'display' must be text, but YAML reads '010' as a number; "
         "put it in quotes: display: \"010\""],
        id="octal-in-text-field",
    ),
    pytest.param(
        {FIGURE: figure("value: 300\ndisplay: 12:30\n")},
        [f"{FIGURE}:5:10: 'display' must be text, but YAML reads '12:30' as a number; "
         "put it in quotes: display: \"12:30\""],
        id="sexagesimal-in-text-field",
    ),
    pytest.param(
        {ADA: "---\nname: Ada Lovelace\nrole: Negotiator\nsummary: Number # one\n---\n"},
        [f"{ADA}:4:10: 'summary': the text after '#' is a YAML comment and was dropped; "
         "put the whole value in quotes if it belongs to it"],
        id="hash-starts-a-comment",
    ),
    pytest.param(
        {ADA: "---\nname: Ada Lovelace\nrole: 2021-08-27\nsummary: Led.\n---\n"},
        [f"{ADA}:3:7: 'role' must be text, but YAML reads '2021-08-27' as a date; "
         "put it in quotes: role: \"2021-08-27\""],
        id="date-in-text-field",
    ),
    pytest.param(
        {ADA: "---\nname: Ada Lovelace\nrole:\nsummary: Led.\n---\n"},
        [f"{ADA}:3:6: 'role' is empty: write its value after the colon"],
        id="empty-value",
    ),
    pytest.param(
        {ADA: "---\nname: Ada Lovelace\nrole: [a, b]\nsummary: Led.\n---\n"},
        [f"{ADA}:3:7: 'role' must be text, found a list"],
        id="list-for-text",
    ),
    pytest.param(
        {ADA: person("aliases: Ada\n")},
        [f"{ADA}:5:10: 'aliases' must be a list, like: aliases: [Ada]"],
        id="text-for-list",
    ),
    # Numbers
    pytest.param(
        {FIGURE: figure("value: 0300\n")},
        [f"{FIGURE}:4:8: 'value': write '0300' without the leading zero "
         "(YAML reads a number that starts with 0 as octal: 010 is 8)"],
        id="octal-in-number-field",
    ),
    pytest.param(
        {FIGURE: figure("value: 12:30\n")},
        [f"{FIGURE}:4:8: 'value' must be a number like 42 or 9.7, not '12:30'"],
        id="sexagesimal-in-number-field",
    ),
    pytest.param(
        {FIGURE: figure('value: "300"\n')},
        [f"{FIGURE}:4:8: 'value' must be a number, not quoted text: remove the quotes"],
        id="quoted-number",
    ),
    pytest.param(
        {FIGURE: figure("value: lots\n")},
        [f"{FIGURE}:4:8: 'value' must be a number like 42 or 9.7, not 'lots'"],
        id="text-for-number",
    ),
    pytest.param(
        {FIGURE: figure("")},
        [f"{FIGURE}:1:1: missing required field 'value'"],
        id="missing-number",
    ),
    pytest.param(
        {ADA: person("age: 32.5\n")},
        [f"{ADA}:5:6: 'age' must be a whole number"],
        id="fraction-for-whole-number",
    ),
    # Booleans
    pytest.param(
        {TALKS: event("date: 2021\napproximate: maybe\n")},
        [f"{TALKS}:4:14: 'approximate' must be true or false, not 'maybe'"],
        id="not-a-bool",
    ),
    pytest.param(
        {TALKS: event('date: 2021\napproximate: "true"\n')},
        [f"{TALKS}:4:14: 'approximate' must be true or false, not 'true': remove the quotes"],
        id="quoted-bool",
    ),
    # Dates
    pytest.param(
        {TALKS: event("date: 2021-02-30\n")},
        [f"{TALKS}:3:7: 'date': '2021-02-30': February 2021 has 28 days, not 30"],
        id="impossible-day",
    ),
    pytest.param(
        {TALKS: event("date: 2021-13\n")},
        [f"{TALKS}:3:7: 'date': '2021-13': month 13 does not exist"],
        id="impossible-month",
    ),
    pytest.param(
        {TALKS: event("date: 1985s\n")},
        [f"{TALKS}:3:7: 'date': '1985s' is not a decade: a decade ends in 0, like 1980s"],
        id="bad-decade",
    ),
    pytest.param(
        {TALKS: event("date: next week\n")},
        [f"{TALKS}:3:7: 'date': 'next week' is not a date: "
         "write YYYY, YYYY-MM, YYYY-MM-DD or a decade YYYYs"],
        id="not-a-date",
    ),
    pytest.param(
        {TALKS: event("date: 2021\nstart: 2021\n")},
        [f"{TALKS}:4:1: give either 'date' or 'start'/'end', not both"],
        id="date-and-start",
    ),
    pytest.param(
        {TALKS: event("")},
        [f"{TALKS}:1:1: missing required field 'date' (or 'start' for a span)"],
        id="no-date",
    ),
    pytest.param(
        {TALKS: event("start: 2021-09\nend: 2021-08\n")},
        [f"{TALKS}:4:1: 'end' (2021-08) must come after 'start' (2021-09)"],
        id="end-before-start",
    ),
    # Other field types
    pytest.param(
        {"content/places/town.md": "---\nname: T\nkind: town\nsummary: x\ncoordinates: [95, 10]\n---\n"},
        ["content/places/town.md:5:14: 'coordinates': latitude 95 is outside -90..90"],
        id="latitude-out-of-range",
    ),
    pytest.param(
        {"content/places/town.md": "---\nname: T\nkind: town\nsummary: x\ncoordinates: [5]\n---\n"},
        ["content/places/town.md:5:14: 'coordinates' must be [latitude, longitude]"],
        id="coordinates-not-a-pair",
    ),
    pytest.param(
        {"content/sources/article.md": "---\ntitle: T\nurl: javascript:alert(1)\n---\n"
                                       "More than 300 people came to the town hall.\n"},
        ["content/sources/article.md:3:6: 'url' must be an absolute http(s) URL, "
         "not 'javascript:alert(1)'"],
        id="url-not-http",
    ),
    pytest.param(
        {TALKS: event("date: 2021\npeople: [Ada Lovelace]\n")},
        [f"{TALKS}:4:10: 'people[1]': 'Ada Lovelace' is not a slug (lowercase a-z, 0-9, hyphens)"],
        id="name-instead-of-slug",
    ),
    pytest.param(
        {ADA: person("quotes:\n  - txt: the talks would resume\n")},
        [f"{ADA}:6:5: unknown field 'quotes[1].txt' (did you mean 'text'?)"],
        id="typo-in-nested-record",
    ),
    pytest.param(
        {ADA: person("relations:\n  - person: ada\n    label: self\n    label: again\n")},
        [f"{ADA}:8:5: duplicate key 'relations[1].label'"],
        id="duplicate-key-in-nested-record",
    ),
    # File names
    pytest.param(
        {"content/people/Bob_Smith.md": person("").replace("Ada Lovelace", "Bob")},
        ["content/people/Bob_Smith.md: file name 'Bob_Smith.md' is not a valid slug: use "
         "lowercase letters a-z, digits and single hyphens, like 'bob-smith.md'"],
        id="slug-uppercase-underscore",
    ),
    pytest.param(
        {"content/people/bob--smith.md": person("").replace("Ada Lovelace", "Bob")},
        ["content/people/bob--smith.md: file name 'bob--smith.md' is not a valid slug: use "
         "lowercase letters a-z, digits and single hyphens, like 'bob-smith.md'"],
        id="slug-double-hyphen",
    ),
    pytest.param(
        {"content/people/-bob.md": person("").replace("Ada Lovelace", "Bob")},
        ["content/people/-bob.md: file name '-bob.md' is not a valid slug: use "
         "lowercase letters a-z, digits and single hyphens, like 'bob.md'"],
        id="slug-leading-hyphen",
    ),
    # Several problems in one file: all of them, in line order
    pytest.param(
        {ADA: "---\nname: Ada Lovelace\nrloe: Negotiator\nsummary: yes\nage: old\n---\n"},
        [f"{ADA}:1:1: missing required field 'role'",
         f"{ADA}:3:1: unknown field 'rloe' (did you mean 'role'?)",
         f"{ADA}:4:10: 'summary' must be text, but YAML reads 'yes' as true/false; "
         "put it in quotes: summary: \"yes\"",
         f"{ADA}:5:6: 'age' must be a number like 42 or 9.7, not 'old'"],
        id="every-problem-in-a-file",
    ),
]


@pytest.mark.parametrize(("files", "expected"), FIELD_ERRORS)
def test_field_error_is_located_and_output_untouched(
    built_project: tuple[Path, Path], files: dict[str, str], expected: list[str]
) -> None:
    """Each bad value is reported at its line with the fix; public/ keeps the last good site."""
    root, out_dir = built_project
    break_project(root, files)
    assert_fails_leaving_output(root, out_dir, expected)


def typed(kind: str, front_matter: str, body: str = "") -> Item:
    """One file's front matter typed as `kind`, asserting it has no errors."""
    raw = parse_entry(f"---\n{front_matter}---\n{body}".encode(), kind, "x", f"content/{kind}/x.md")
    item, errors = validate_entry(raw, "article")
    assert errors == []
    assert item is not None
    return item


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2021-08-27", FuzzyDate(2021, 8, 27, precision=3)),  # YAML: a date
        ('"2021-08-27"', FuzzyDate(2021, 8, 27, precision=3)),
        ("2021-08", FuzzyDate(2021, 8, precision=2)),  # YAML: text
        ("'2021-08'", FuzzyDate(2021, 8, precision=2)),
        ("1989", FuzzyDate(1989)),  # YAML: a number
        ('"1989"', FuzzyDate(1989)),
        ("1980s", FuzzyDate(1980, precision=0)),
        ('"1980s"', FuzzyDate(1980, precision=0)),
        ("2024-02-29", FuzzyDate(2024, 2, 29, precision=3)),  # a leap day
    ],
)
def test_every_date_form_is_accepted_quoted_or_not(written: str, expected: FuzzyDate) -> None:
    """Whatever type YAML gives a date, it reaches the model as the date the author meant."""
    item = typed("events", f"title: T\ndate: {written}\nsummary: S.\n")
    assert isinstance(item, Event)
    assert item.start == expected


def test_dates_sort_decade_then_year_then_month_then_day() -> None:
    """Coarse dates sort before finer dates inside them, which the timeline relies on."""
    written = ["2021-08-27", "1980s", "2021", "1989", "2021-08", "1979"]
    ordered = sorted(written, key=parse_date)
    assert ordered == ["1979", "1980s", "1989", "2021", "2021-08", "2021-08-27"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [("300", 300), ("7_000_000_000", 7_000_000_000), ("9.7", 9.7), ("-3", -3), ("1e9", 1e9),
     ("1.5e9", 1.5e9), ("0", 0), ("0.5", 0.5)],
)
def test_numbers_read_as_written(written: str, expected: float) -> None:
    """Plain numbers, including the exponent forms YAML 1.1 reads as text, are numbers."""
    item = typed("figures", f"label: L\nvalue: {written}\nunit: people\nquote: q\n")
    assert isinstance(item, Figure)
    assert item.value == expected
    assert type(item.value) is type(expected)


def test_yaml_true_spellings_and_quoted_text() -> None:
    """YAML's yes/no are booleans in bool fields; quoting keeps them as text in text fields."""
    event = typed("events", "title: T\ndate: 2021\nsummary: S.\napproximate: yes\n")
    assert isinstance(event, Event) and event.approximate is True
    ada = typed("people", 'name: "No"\nrole: "12:30"\nsummary: "Number # one"\naliases: ["010"]\n')
    assert isinstance(ada, Person)
    assert (ada.name, ada.role, ada.summary, ada.aliases) == ("No", "12:30", "Number # one", ("010",))
