"""Typing front matter: every field type, every YAML trap, every date form, one broken file each."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ADA, TALKS, assert_fails_leaving_output, break_project, person

from site_builder.load import parse_entry
from site_builder.model import Event, Figure, FuzzyDate, Item, Person, Place
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
        [
            f"{ADA}:1:1: missing required field 'role'",
            f"{ADA}:3:1: unknown field 'rloe' (did you mean 'role'?)",
        ],
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
        [
            f"{ADA}:3:7: 'role' must be text, but YAML reads 'no' as true/false; "
            'put it in quotes: role: "no"'
        ],
        id="no-reads-as-false",
    ),
    pytest.param(
        {FIGURE: figure("value: 300\ndisplay: 010\n")},
        [
            f"{FIGURE}:5:10: 'display' must be text, but YAML reads '010' as a number; "
            'put it in quotes: display: "010"'
        ],
        id="octal-in-text-field",
    ),
    pytest.param(
        {FIGURE: figure("value: 300\ndisplay: 12:30\n")},
        [
            f"{FIGURE}:5:10: 'display' must be text, but YAML reads '12:30' as a number; "
            'put it in quotes: display: "12:30"'
        ],
        id="sexagesimal-in-text-field",
    ),
    pytest.param(
        {ADA: "---\nname: Ada Lovelace\nrole: Negotiator\nsummary: Number # one\n---\n"},
        [
            f"{ADA}:4:10: 'summary': the text after '#' is a YAML comment and was dropped; "
            "put the whole value in quotes if it belongs to it"
        ],
        id="hash-starts-a-comment",
    ),
    pytest.param(
        {ADA: "---\nname: Ada Lovelace\nrole: 2021-08-27\nsummary: Led.\n---\n"},
        [
            f"{ADA}:3:7: 'role' must be text, but YAML reads '2021-08-27' as a date; "
            'put it in quotes: role: "2021-08-27"'
        ],
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
        [
            f"{FIGURE}:4:8: 'value': write '0300' without the leading zero "
            "(YAML reads a number that starts with 0 as octal: 010 is 8)"
        ],
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
        [
            f"{TALKS}:3:7: 'date': 'next week' is not a date: "
            "write YYYY, YYYY-MM, YYYY-MM-DD or a decade YYYYs"
        ],
        id="not-a-date",
    ),
    pytest.param(
        {TALKS: event("date: 2021\nstart: 2021\n")},
        [f"{TALKS}:4:1: give either 'date' or 'start'/'end', not both"],
        id="date-and-start",
    ),
    pytest.param(
        {TALKS: event("")},
        [
            f"{TALKS}:1:1: missing required field 'date' (or 'start' for a span, or 'after' "
            "naming an earlier event)"
        ],
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
        [
            "content/places/town.md:5:14: 'coordinates' must be [latitude, longitude] in decimal "
            "degrees, like coordinates: [20.3817, 99.8683]"
        ],
        id="coordinates-not-a-pair",
    ),
    pytest.param(
        {
            "content/places/town.md": "---\nname: T\nkind: town\nsummary: x\n"
            "coordinates: 20°75'N 99°52'E\n---\n"
        },
        ["content/places/town.md:5:14: 'coordinates': '20°75'N': minutes must be under 60, not 75"],
        id="coordinates-printed-but-wrong",
    ),
    pytest.param(
        {FIGURE: figure("value: 10,000\n")},
        [
            f"{FIGURE}:4:8: 'value' must be a number like 42 or 9.7, not '10,000': "
            "write it without separators: value: 10000"
        ],
        id="number-with-separators",
    ),
    pytest.param(
        {TALKS: event("date: 2 July 2018\n")},
        [f"{TALKS}:3:7: 'date': '2 July 2018' is not a date: write YYYY-MM-DD, like date: 2018-07-02"],
        id="date-written-out",
    ),
    pytest.param(
        {ADA: "---\ntitle: Ada Lovelace\nrole: Negotiator\nsummary: Led.\n---\n"},
        [
            f"{ADA}:1:1: missing required field 'name'",
            f"{ADA}:2:1: unknown field 'title' (did you mean 'name'?)",
        ],
        id="unknown-key-synonym",
    ),
    pytest.param(
        {
            "content/sources/article.md": "---\ntitle: T\nurl: javascript:alert(1)\n---\n"
            "More than 300 people came to the town hall.\n"
        },
        ["content/sources/article.md:3:6: 'url' must be an absolute http(s) URL, not 'javascript:alert(1)'"],
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
        [
            "content/people/Bob_Smith.md: file name 'Bob_Smith.md' is not a valid slug: use "
            "lowercase letters a-z, digits and single hyphens, like 'bob-smith.md'"
        ],
        id="slug-uppercase-underscore",
    ),
    pytest.param(
        {"content/people/bob--smith.md": person("").replace("Ada Lovelace", "Bob")},
        [
            "content/people/bob--smith.md: file name 'bob--smith.md' is not a valid slug: use "
            "lowercase letters a-z, digits and single hyphens, like 'bob-smith.md'"
        ],
        id="slug-double-hyphen",
    ),
    pytest.param(
        {"content/people/-bob.md": person("").replace("Ada Lovelace", "Bob")},
        [
            "content/people/-bob.md: file name '-bob.md' is not a valid slug: use "
            "lowercase letters a-z, digits and single hyphens, like 'bob.md'"
        ],
        id="slug-leading-hyphen",
    ),
    # Several problems in one file: all of them, in line order
    pytest.param(
        {ADA: "---\nname: Ada Lovelace\nrloe: Negotiator\nsummary: yes\nage: old\n---\n"},
        [
            f"{ADA}:1:1: missing required field 'role'",
            f"{ADA}:3:1: unknown field 'rloe' (did you mean 'role'?)",
            f"{ADA}:4:10: 'summary' must be text, but YAML reads 'yes' as true/false; "
            'put it in quotes: summary: "yes"',
            f"{ADA}:5:6: 'age' must be a number like 42 or 9.7, not 'old'",
        ],
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
    [
        ("300", 300),
        ("10_000", 10_000),
        ("7_000_000_000", 7_000_000_000),
        ("9.7", 9.7),
        ("-3", -3),
        ("1e9", 1e9),
        ("1.5e9", 1.5e9),
        ("0", 0),
        ("0.5", 0.5),
    ],
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


PRIME, DOUBLE_PRIME = "\u2032", "\u2033"
LAT, LON = f"20°22{PRIME}54{DOUBLE_PRIME}N", f"99°52{PRIME}06{DOUBLE_PRIME}E"
TYPED = f"{LAT} {LON}"
"""20°22'54"N 99°52'06"E as an encyclopedia prints it, with primes (escapes: ruff flags them)."""
PLACE_LINES = "name: T\nkind: town\nsummary: S.\n"
FIGURE_LINES = "label: L\nunit: people\nquote: q\n"
EVENT_LINES = "title: T\nsummary: S.\n"
PERSON_LINES = "name: N\nrole: R\nsummary: S.\n"


def errors_of(kind: str, front_matter: str) -> list[str]:
    """One file's front matter typed as `kind`: its errors as the CLI prints them, in order."""
    raw = parse_entry(f"---\n{front_matter}---\n".encode(), kind, "x", f"content/{kind}/x.md")
    return sorted(str(error) for error in validate_entry(raw, "article")[1])


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        pytest.param(TYPED, (20.381667, 99.868333), id="primes"),
        pytest.param("20°22'54\"N 99°52'06\"E", (20.381667, 99.868333), id="straight-plain"),
        pytest.param('"20°22\'54\\"N 99°52\'06\\"E"', (20.381667, 99.868333), id="straight-double-quoted"),
        pytest.param("'20°22''54\"N 99°52''06\"E'", (20.381667, 99.868333), id="straight-single-quoted"),
        pytest.param("20°22'54''N 99°52'06''E", (20.381667, 99.868333), id="two-apostrophes"),
        pytest.param("20°22\u201954\u201dN 99°52\u201906\u201dE", (20.381667, 99.868333), id="curly-quotes"),
        pytest.param(TYPED.replace("N ", "N, "), (20.381667, 99.868333), id="comma"),
        pytest.param(
            f"20° 22{PRIME} 54{DOUBLE_PRIME} N 99° 52{PRIME} 06{DOUBLE_PRIME} E",
            (20.381667, 99.868333),
            id="spaced",
        ),
        pytest.param(
            "20°22" + PRIME + "N 99°52" + PRIME + "E", (20.366667, 99.866667), id="degrees-and-minutes"
        ),
        pytest.param("20.3817°N 99.8683°E", (20.3817, 99.8683), id="decimal-degrees"),
        pytest.param(
            "33°52" + PRIME + "S 151°12" + PRIME + "W", (-33.866667, -151.2), id="south-and-west-negative"
        ),
        pytest.param("20.3817, 99.8683", (20.3817, 99.8683), id="decimal-pair-text"),
        pytest.param('"-33.86, 151.21"', (-33.86, 151.21), id="decimal-pair-quoted"),
        pytest.param("[20.3817, 99.8683]", (20.3817, 99.8683), id="list"),
        pytest.param("[-33.86, 151]", (-33.86, 151.0), id="list-with-whole-number"),
    ],
)
def test_coordinates_as_printed_become_decimal_degrees(written: str, expected: tuple[float, float]) -> None:
    """Coordinates pasted from an encyclopedia reach the model in decimal degrees, 6 places."""
    item = typed("places", f"{PLACE_LINES}coordinates: {written}\n")
    assert isinstance(item, Place)
    assert item.coordinates == expected


TOWN = "content/places/x.md"
DECIMAL_HINT = (
    "'coordinates' must be [latitude, longitude] in decimal degrees, like coordinates: [20.3817, 99.8683]"
)
DMS = f"like {TYPED}"


HINTS = [
    # Coordinates: anything unreadable gets the decimal list form
    pytest.param(
        "places",
        f"{PLACE_LINES}coordinates: somewhere\n",
        [f"{TOWN}:5:14: {DECIMAL_HINT}"],
        id="coordinates-words",
    ),
    pytest.param(
        "places",
        f'{PLACE_LINES}coordinates: "20.3 99.8"\n',
        [f"{TOWN}:5:14: {DECIMAL_HINT}"],
        id="coordinates-no-comma",
    ),
    pytest.param(
        "places",
        f"{PLACE_LINES}coordinates: 20.3\n",
        [f"{TOWN}:5:14: {DECIMAL_HINT}"],
        id="coordinates-one-number",
    ),
    pytest.param(
        "places",
        f"{PLACE_LINES}coordinates: [20.3, 99.8, 5]\n",
        [f"{TOWN}:5:14: {DECIMAL_HINT}"],
        id="coordinates-three-numbers",
    ),
    pytest.param(
        "places",
        f"{PLACE_LINES}coordinates: {{lat: 20.3, lon: 99.8}}\n",
        [f"{TOWN}:5:14: {DECIMAL_HINT}"],
        id="coordinates-mapping",
    ),
    # Coordinates that look printed but are not quite: the message names the bad part
    pytest.param(
        "places",
        f"{PLACE_LINES}coordinates: {LAT}\n",
        [
            f"{TOWN}:5:14: 'coordinates': '{LAT}': the longitude is missing: "
            f"write the latitude, then the longitude, {DMS}"
        ],
        id="dms-one-half",
    ),
    pytest.param(
        "places",
        f"{PLACE_LINES}coordinates: {LAT[:-1]} {LON}\n",
        [f"{TOWN}:5:14: 'coordinates': '{LAT[:-1]}': add N or S after the latitude"],
        id="dms-no-hemisphere",
    ),
    pytest.param(
        "places",
        f"{PLACE_LINES}coordinates: {LON} {LAT}\n",
        [f"{TOWN}:5:14: 'coordinates': '{LON}': the latitude comes first and ends in N or S"],
        id="dms-longitude-first",
    ),
    pytest.param(
        "places",
        f"{PLACE_LINES}coordinates: {LAT}, {LON[:-1]}N\n",
        [f"{TOWN}:5:14: 'coordinates': '{LON[:-1]}N': the longitude comes second and ends in E or W"],
        id="dms-two-latitudes",
    ),
    pytest.param(
        "places",
        f"{PLACE_LINES}coordinates: 20°75{PRIME}N 99°52{PRIME}E\n",
        [f"{TOWN}:5:14: 'coordinates': '20°75{PRIME}N': minutes must be under 60, not 75"],
        id="dms-minutes-60-or-more",
    ),
    pytest.param(
        "places",
        f"{PLACE_LINES}coordinates: 20°22'60\"N 99°52'06\"E\n",
        [f"{TOWN}:5:14: 'coordinates': '20°22'60\"N': seconds must be under 60, not 60"],
        id="dms-seconds-60-or-more",
    ),
    pytest.param(
        "places",
        f"{PLACE_LINES}coordinates: 20 22 54 N 99 52 06 E\n",
        [
            f"{TOWN}:5:14: 'coordinates': '20 22 54 N': write degrees, minutes and seconds "
            f"in that order, each with its mark, like {LAT}"
        ],
        id="dms-no-marks",
    ),
    pytest.param(
        "places",
        f"{PLACE_LINES}coordinates: 20.5°22{PRIME}N 99°E\n",
        [f"{TOWN}:5:14: 'coordinates': '20.5°22{PRIME}N': only the last number may have decimals"],
        id="dms-decimals-not-last",
    ),
    pytest.param(
        "places",
        f"{PLACE_LINES}coordinates: -20.3°, 99.8°\n",
        [
            f"{TOWN}:5:14: 'coordinates': unexpected '-' in '-20.3°, 99.8°': "
            "use S or W instead of a minus sign"
        ],
        id="dms-minus-sign",
    ),
    pytest.param(
        "places",
        f"{PLACE_LINES}coordinates: 95°N 10°E\n",
        [f"{TOWN}:5:14: 'coordinates': latitude 95 is outside -90..90"],
        id="dms-latitude-out-of-range",
    ),
    pytest.param(
        "places",
        f"{PLACE_LINES}coordinates: 10°N 181°W\n",
        [f"{TOWN}:5:14: 'coordinates': longitude -181 is outside -180..180"],
        id="dms-longitude-out-of-range",
    ),
    # Numbers written as in prose: the fix when the intent is clear, nothing when it is not
    pytest.param(
        "figures",
        f"{FIGURE_LINES}value: 10,000\n",
        [
            "content/figures/x.md:5:8: 'value' must be a number like 42 or 9.7, not '10,000': "
            "write it without separators: value: 10000"
        ],
        id="number-commas",
    ),
    pytest.param(
        "figures",
        f"{FIGURE_LINES}value: 1 000 000\n",
        [
            "content/figures/x.md:5:8: 'value' must be a number like 42 or 9.7, not "
            "'1 000 000': write it without separators: value: 1000000"
        ],
        id="number-spaces",
    ),
    pytest.param(
        "figures",
        f"{FIGURE_LINES}value: 1,234.5\n",
        [
            "content/figures/x.md:5:8: 'value' must be a number like 42 or 9.7, not '1,234.5': "
            "write it without separators: value: 1234.5"
        ],
        id="number-commas-and-decimals",
    ),
    pytest.param(
        "figures",
        f'{FIGURE_LINES}value: "10,000"\n',
        [
            "content/figures/x.md:5:8: 'value' must be a number like 42 or 9.7, not '10,000': "
            "write it without separators: value: 10000"
        ],
        id="number-commas-quoted",
    ),
    pytest.param(
        "figures",
        f"{FIGURE_LINES}value: £7bn\n",
        [
            "content/figures/x.md:5:8: 'value' must be a number like 42 or 9.7, not '£7bn': "
            "write it in full, value: 7000000000, with unit: GBP"
        ],
        id="number-currency-bn",
    ),
    pytest.param(
        "figures",
        f"{FIGURE_LINES}value: $1.5m\n",
        [
            "content/figures/x.md:5:8: 'value' must be a number like 42 or 9.7, not '$1.5m': "
            "write it in full, value: 1500000, with unit: USD"
        ],
        id="number-currency-m",
    ),
    pytest.param(
        "figures",
        f"{FIGURE_LINES}value: 7bn\n",
        [
            "content/figures/x.md:5:8: 'value' must be a number like 42 or 9.7, not '7bn': "
            "write it in full, value: 7000000000, with the unit in 'unit'"
        ],
        id="number-bn",
    ),
    pytest.param(
        "figures",
        f"{FIGURE_LINES}value: 2.5 million\n",
        [
            "content/figures/x.md:5:8: 'value' must be a number like 42 or 9.7, not "
            "'2.5 million': write it in full, value: 2500000, with the unit in 'unit'"
        ],
        id="number-million",
    ),
    pytest.param(
        "figures",
        f"{FIGURE_LINES}value: 50%\n",
        [
            "content/figures/x.md:5:8: 'value' must be a number like 42 or 9.7, not '50%': "
            'write the number alone, value: 50, with unit: "%"'
        ],
        id="number-percent",
    ),
    pytest.param(
        "figures",
        f"{FIGURE_LINES}value: 5m\n",
        ["content/figures/x.md:5:8: 'value' must be a number like 42 or 9.7, not '5m'"],
        id="number-m-metres-or-million-no-guess",
    ),
    pytest.param(
        "figures",
        f"{FIGURE_LINES}value: 10,00\n",
        ["content/figures/x.md:5:8: 'value' must be a number like 42 or 9.7, not '10,00'"],
        id="number-decimal-comma-no-guess",
    ),
    pytest.param(
        "people",
        f"{PERSON_LINES}age: 1,000\n",
        [
            "content/people/x.md:5:6: 'age' must be a number like 42 or 9.7, not '1,000': "
            "write it without separators: age: 1000"
        ],
        id="number-commas-other-field",
    ),
    pytest.param(
        "people",
        f"{PERSON_LINES}age: 50%\n",
        ["content/people/x.md:5:6: 'age' must be a number like 42 or 9.7, not '50%'"],
        id="number-percent-no-unit-field",
    ),
    # Dates written out in English: the ISO form of the same date
    pytest.param(
        "events",
        f"{EVENT_LINES}date: 2 July 2018\n",
        [
            "content/events/x.md:4:7: 'date': '2 July 2018' is not a date: write YYYY-MM-DD, "
            "like date: 2018-07-02"
        ],
        id="date-day-month-year",
    ),
    pytest.param(
        "events",
        f"{EVENT_LINES}date: 2nd jul. 2018\n",
        [
            "content/events/x.md:4:7: 'date': '2nd jul. 2018' is not a date: write "
            "YYYY-MM-DD, like date: 2018-07-02"
        ],
        id="date-ordinal-abbreviated",
    ),
    pytest.param(
        "events",
        f"{EVENT_LINES}date: July 2, 2018\n",
        [
            "content/events/x.md:4:7: 'date': 'July 2, 2018' is not a date: write YYYY-MM-DD, "
            "like date: 2018-07-02"
        ],
        id="date-month-day-year",
    ),
    pytest.param(
        "events",
        f"{EVENT_LINES}date: SEP 30 2018\n",
        [
            "content/events/x.md:4:7: 'date': 'SEP 30 2018' is not a date: write YYYY-MM-DD, "
            "like date: 2018-09-30"
        ],
        id="date-upper-case-abbreviation",
    ),
    pytest.param(
        "events",
        f"{EVENT_LINES}date: July 2018\n",
        ["content/events/x.md:4:7: 'date': 'July 2018' is not a date: write YYYY-MM, like date: 2018-07"],
        id="date-month-year",
    ),
    pytest.param(
        "events",
        f"{EVENT_LINES}date: 2/7/2018\n",
        [
            "content/events/x.md:4:7: 'date': '2/7/2018' is not a date: "
            "write YYYY, YYYY-MM, YYYY-MM-DD or a decade YYYYs"
        ],
        id="date-numeric-no-guess",
    ),
    pytest.param(
        "events",
        f"{EVENT_LINES}date: 31 February 2018\n",
        ["content/events/x.md:4:7: 'date': '31 February 2018': February 2018 has 28 days, not 31"],
        id="date-written-impossible-day",
    ),
    pytest.param(
        "events",
        f"{EVENT_LINES}start: 2018-07-01\nend: 4 July 2018\n",
        [
            "content/events/x.md:5:6: 'end': '4 July 2018' is not a date: write YYYY-MM-DD, "
            "like end: 2018-07-04"
        ],
        id="date-other-key",
    ),
    pytest.param(
        "people",
        f"{PERSON_LINES}corrections:\n  - date: 2 July 2018\n    text: Fixed.\n",
        [
            "content/people/x.md:6:11: 'corrections[1].date': '2 July 2018' is not a date: "
            "write YYYY-MM-DD, like date: 2018-07-02"
        ],
        id="date-nested",
    ),
    # Keys from other tools: the synonym this kind uses, only if it has it
    pytest.param(
        "people",
        "title: N\nrole: R\nsummary: S.\n",
        [
            "content/people/x.md:1:1: missing required field 'name'",
            "content/people/x.md:2:1: unknown field 'title' (did you mean 'name'?)",
        ],
        id="synonym-title-person",
    ),
    pytest.param(
        "places",
        "title: T\nkind: town\nsummary: S.\n",
        [
            "content/places/x.md:1:1: missing required field 'name'",
            "content/places/x.md:2:1: unknown field 'title' (did you mean 'name'?)",
        ],
        id="synonym-title-place",
    ),
    pytest.param(
        "events",
        f"{EVENT_LINES}start_date: 2018-07\nend: 2018-08\n",
        [
            "content/events/x.md:1:1: missing required field 'date' (or 'start' for a span, "
            "or 'after' naming an earlier event)",
            "content/events/x.md:4:1: unknown field 'start_date' (did you mean 'start'?)",
        ],
        id="synonym-start-date",
    ),
    pytest.param(
        "events",
        f"{EVENT_LINES}start: 2018-07\nend_date: 2018-08\n",
        ["content/events/x.md:5:1: unknown field 'end_date' (did you mean 'end'?)"],
        id="synonym-end-date",
    ),
    pytest.param(
        "pages",
        "title: T\ndescription: D.\n",
        ["content/pages/x.md:3:1: unknown field 'description' (did you mean 'summary'?)"],
        id="synonym-description-page",
    ),
    pytest.param(
        "glossary",
        "term: T\ndescription: D.\n",
        [
            "content/glossary/x.md:1:1: missing required field 'definition'",
            "content/glossary/x.md:3:1: unknown field 'description' (did you mean 'definition'?)",
        ],
        id="synonym-description-term",
    ),
    pytest.param(
        "sources",
        "title: T\ndescription: D.\n",
        ["content/sources/x.md:3:1: unknown field 'description'"],
        id="synonym-only-when-the-kind-has-it",
    ),
]


@pytest.mark.parametrize(("kind", "front_matter", "expected"), HINTS)
def test_pasted_value_error_shows_the_fix(kind: str, front_matter: str, expected: list[str]) -> None:
    """Values pasted from prose or other tools: located at the value, with the fix spelled out."""
    assert errors_of(kind, front_matter) == expected


def test_parse_date_without_a_key_shows_the_bare_date() -> None:
    """parse_date alone (no field to name) still shows the ISO form to write."""
    with pytest.raises(
        ValueError,
        match=r"^'2 July 2018' is not a date: write YYYY-MM-DD, "
        r"like 2018-07-02$",
    ):
        parse_date("2 July 2018")


EVENT = "title: Talks\ndate: 2021-09-02\nsummary: They met.\n"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("19:00", "19:00"),
        ('"19:00"', "19:00"),
        ("09:05", "09:05"),
        ("9:05", "09:05"),
        ("'23:59'", "23:59"),
        ("00:00", "00:00"),
    ],
)
def test_event_time_is_read_as_written(written: str, expected: str) -> None:
    """Unquoted, YAML 1.1 reads 19:00 as the number 1140: the text as written is what counts."""
    raw = parse_entry(f"---\n{EVENT}time: {written}\n---\n".encode(), "events", "x", "content/events/x.md")
    item, errors = validate_entry(raw, "article")
    assert errors == []
    assert isinstance(item, Event) and item.time == expected


@pytest.mark.parametrize(
    ("kind", "front_matter", "expected"),
    [
        pytest.param(
            "events",
            f"{EVENT}time: 25:00\n",
            ["content/events/x.md:5:7: 'time' must be a 24-hour time like \"19:00\", not '25:00'"],
            id="time-out-of-range",
        ),
        pytest.param(
            "events",
            f"{EVENT}time: 7pm\n",
            ["content/events/x.md:5:7: 'time' must be a 24-hour time like \"19:00\", not '7pm'"],
            id="time-not-24-hour",
        ),
        pytest.param(
            "events",
            "title: Talks\ndate: 2021-09\nsummary: They met.\ntime: 19:00\n",
            ["content/events/x.md:5:1: 'time' needs a full date (YYYY-MM-DD), not 2021-09"],
            id="time-on-a-month",
        ),
        pytest.param(
            "pages",
            "title: About\nnav: sidebar\n",
            ["content/pages/x.md:3:6: 'nav' must be one of header, footer, none, not 'sidebar'"],
            id="nav-unknown-place",
        ),
        pytest.param(
            "pages",
            "title: About\nnav: hedaer\n",
            [
                "content/pages/x.md:3:6: 'nav' must be one of header, footer, none, not 'hedaer' "
                "(did you mean 'header'?)"
            ],
            id="nav-typo",
        ),
        pytest.param(
            "people",
            "name: A\nrole: B\nsummary: C\nweight: 1.5\n",
            ["content/people/x.md:5:9: 'weight' must be a whole number"],
            id="weight-not-whole",
        ),
        pytest.param(
            "figures",
            "label: A\nvalue: 1\nunit: people\nquote: 1 person\nfeatured: yes please\n",
            ["content/figures/x.md:6:11: 'featured' must be true or false, not 'yes please'"],
            id="featured-not-bool",
        ),
        pytest.param(
            "glossary",
            "term: A\ndefinition: B\nfeatured: true\n",
            ["content/glossary/x.md:4:1: unknown field 'featured'"],
            id="terms-are-not-featured",
        ),
        pytest.param(
            "people",
            "name: A\nrole: B\nsummary: C\ndraft: maybe\n",
            ["content/people/x.md:5:8: 'draft' must be true or false, not 'maybe'"],
            id="draft-not-bool",
        ),
    ],
)
def test_new_field_errors(kind: str, front_matter: str, expected: list[str]) -> None:
    assert errors_of(kind, front_matter) == expected
