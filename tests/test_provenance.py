"""Provenance: quotes found word for word in their sources, figures' numbers in their quotes,
the /sources/ page, the corrections, and `check --sources`."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, SMALL_PROJECT, run_main, write_files

from site_builder.build import load_site
from site_builder.errors import BuildFailed
from site_builder.model import Person, Place, Source, Term
from site_builder.provenance import check_provenance, quote_uses
from site_builder.provenance.report import source_passages

SOURCE = (
    "---\ntitle: The report\npublisher: Test Press\ndate: 2021-09-03\n---\n"
    "Intro line.\n\n"
    "The mayor said: \u201cWe\u2019ve held the line \u2013 and we will hold it\u2026 for now.\u201d\n\n"
    "Officials said the river rose by 9.7% in a day, and more than \u00a37bn was\n"
    "needed. About seven boats and 32-year-old rescuers helped; the town has stood\n"
    "for half a century. 1,300 people left.\n"
)


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    """SMALL_PROJECT with our source as the default, plus `files`."""
    return write_files(
        tmp_path / "project",
        {
            **SMALL_PROJECT,
            "content/sources/article.md": SOURCE,
            "content/figures/attendance.md": figure(9.7, "%", "the river rose by 9.7% in a day"),
            **files,
        },
    )


def figure(value: float | str, unit: str, quote: str, extra: str = "") -> str:
    return f'---\nlabel: A number\nvalue: {value}\nunit: "{unit}"\n{extra}quote: "{quote}"\n---\n'


def person_quote(text: str) -> str:
    return (
        "---\nname: Ada Lovelace\nrole: Negotiator\nsummary: Led the talks.\n"
        f'affiliations: [nrf]\nquotes:\n  - text: "{text}"\n    context: to the press\n---\n'
    )


def errors_of(root: Path) -> list[str]:
    """Every error line a build reports (empty when the site is fine)."""
    try:
        load_site(root, {})
    except BuildFailed as failed:
        return [str(error) for error in failed.errors]
    return []


class Page(HTMLParser):
    """Links, ids and blockquote texts of one built page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.quotes: list[str] = []
        self.texts: dict[str, str] = {}
        self._href: str | None = None
        self._text: list[str] = []
        self._quote_depth = 0
        self._quote: list[str] = []
        self._foot: list[str] | None = None
        self.feed(html)
        self.foot = " ".join("".join(self._foot or []).split())
        """Text of the corrections box at the foot of the page."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        if tag == "a":
            self._href, self._text = str(attributes.get("href")), []
        if tag == "aside" and attributes.get("class") == "corrections":
            self._foot = []
        if tag == "blockquote":
            self._quote_depth += 1
            self._quote = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None
        if tag == "blockquote":
            self._quote_depth -= 1
            self.quotes.append(" ".join("".join(self._quote).split()))

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)
        if self._quote_depth:
            self._quote.append(data)
        if self._foot is not None:
            self._foot.append(data)


def resolve(href: str, page: str) -> str:
    """The output file and fragment a relative href on `page` (an output path) points at."""
    path, _, fragment = href.partition("#")
    base = Path(page).parent
    target = (base / path).as_posix() if path else page
    parts: list[str] = []
    for part in target.split("/"):
        if part == "..":
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    resolved = "/".join(parts)
    if path.endswith("/") or (path in ("", ".", "./") and not fragment):
        resolved = (resolved + "/index.html").lstrip("/")
    return f"{resolved}#{fragment}" if fragment else resolved


# --- the real explainer ----------------------------------------------------------------------


def test_panjshir_explainer_has_no_provenance_errors() -> None:
    site = load_site(REPO, {})
    assert len(quote_uses(site)) >= 20  # the checker really had quotes to check
    assert check_provenance(site) == []


def _copy_content(tmp_path: Path) -> Path:
    root = tmp_path / "panjshir"
    shutil.copytree(REPO / "content", root / "content")
    return root


def test_every_one_word_change_to_a_quote_is_caught_at_its_file_and_line(tmp_path: Path) -> None:
    root = _copy_content(tmp_path)
    expected: set[str] = set()
    for use in quote_uses(load_site(REPO, {})):
        path = root / use.item.path
        lines = path.read_text(encoding="utf-8").split("\n")
        line = lines[use.line - 1]
        start = line.find(use.text)
        assert start >= 0, f"{use.item.path}:{use.line} does not hold {use.text!r}"
        words = use.text.split(" ")
        middle = len(words) // 2
        words[middle] = "the" if words[middle].casefold() != "the" else "a"
        lines[use.line - 1] = line[:start] + " ".join(words) + line[start + len(use.text) :]
        path.write_text("\n".join(lines), encoding="utf-8")
        expected.add(f"{use.item.path}:{use.line}:1: quote not found in source '{use.source}'")
    reported = {error.split("\n")[0] for error in errors_of(root)}
    assert expected <= reported, sorted(expected - reported)
    assert len(expected) == len(quote_uses(load_site(REPO, {})))


def _swap_typography(text: str) -> str:
    swaps = {
        "\u2019": "'",
        "'": "\u2019",
        "\u201c": '"',
        "\u201d": '"',
        '"': "\u201c",
        "\u2026": "...",
        "\u2013": "-",
        "\u2014": " - ",
    }
    text = text.replace("...", "\x00")
    swapped = "".join(swaps.get(char, char) for char in text)
    return swapped.replace("\x00", "\u2026")


def test_swapping_curly_and_straight_quotes_flags_nothing(tmp_path: Path) -> None:
    root = _copy_content(tmp_path)
    for source in (root / "content" / "sources").glob("*.md"):
        front, _, body = source.read_text(encoding="utf-8").partition("\n---\n")
        source.write_text(front + "\n---\n" + _swap_typography(body), encoding="utf-8")
    for use in quote_uses(load_site(REPO, {})):  # and apostrophes inside the quotes themselves
        path = root / use.item.path
        lines = path.read_text(encoding="utf-8").split("\n")
        swapped = use.text.translate(str.maketrans({"'": "\u2019", "\u2019": "'"}))
        lines[use.line - 1] = lines[use.line - 1].replace(use.text, swapped)
        path.write_text("\n".join(lines), encoding="utf-8")
    changed = (root / "content/sources/article.md").read_text(encoding="utf-8")
    assert changed != (REPO / "content/sources/article.md").read_text(encoding="utf-8")
    assert errors_of(root) == []


# --- matching rules --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "quote",
    [
        "We've held the line - and we will hold it... for now.",  # straight marks, hyphen, dots
        "we\u2019ve held the line \u2014 and we will hold it\u2026",  # first letter, em dash
        "We\u2019ve held the line\u2013and we will   hold it",  # closed-up dash, extra spaces
        "'We've held the line",  # a quote mark at the start
        "was needed. About seven boats",  # across a line break
    ],
)
def test_typographic_differences_are_ignored(tmp_path: Path, quote: str) -> None:
    root = project(tmp_path, {"content/people/ada.md": person_quote(quote.replace('"', '\\"'))})
    assert errors_of(root) == []


@pytest.mark.parametrize(
    ("quote", "difference"),
    [
        (
            "We've held the line - and we will keep it",  # a changed word
            "We've held the line - and we will [-hold-] {+keep+} it",
        ),
        (
            "We've held the line - and we hold it",  # a dropped word
            "We've held the line - and we [-will-] hold it",
        ),
        (
            "We've held the line - and will we hold it",  # a reordered phrase
            "We've held the line - and {+will+} we [-will-] hold it",
        ),
        (
            "We've held the line and we will hold it",  # the dash left out
            "We've held the [-line \u2013 and-] {+line and+} we will hold it",
        ),
        ("We've held The line", "We've held [-the-] {+The+} line"),  # case beyond the first letter
        ("Officials said the river fell by 9.7%", "Officials said the river [-rose-] {+fell+} by 9.7%"),
    ],
)
def test_wording_differences_fail_with_the_closest_passage(
    tmp_path: Path, quote: str, difference: str
) -> None:
    root = project(tmp_path, {"content/people/ada.md": person_quote(quote)})
    errors = errors_of(root)
    assert len(errors) == 1, errors
    first, passage, marked = errors[0].split("\n")
    assert first == "content/people/ada.md:7:1: quote not found in source 'article'"
    line = 10 if quote.startswith("Officials") else 8
    assert passage.startswith(f"    closest passage (content/sources/article.md:{line}): ")
    assert passage.split(": ", 1)[1].replace("\u201c", "").startswith(quote[:10].replace("'", "\u2019"))
    assert marked == f"    difference ([-source-] {{+quote+}}): {difference}"


CLINIC = (
    "---\ntitle: The clinic\npublisher: Test Press\ndate: 2021-09-03\n---\n"
    "Intro line.\n\n"
    "The food is easy-to-digest and good for you, said the doctor\n\n"
    "Officials said the river rose by 9.7% in a day.\n"
)
MISQUOTED = "content/people/ada.md:7:1: quote not found in source 'article'"
CLOSEST = "    closest passage (content/sources/article.md:8): "
DIFFERENCE = "    difference ([-source-] {+quote+}): "


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        (
            "The food is easy to digest",  # spaces where the source has hyphens
            [
                MISQUOTED,
                CLOSEST + "The food is easy-to-digest",
                DIFFERENCE + "The food is [-easy-to-digest-] {+easy to digest+}",
            ],
        ),
        (
            "said the doctor.",  # a full stop the source does not have
            [MISQUOTED, CLOSEST + "said the doctor", DIFFERENCE + "said the doctor{+.+}"],
        ),
        (
            "easy to digest and good for you, said the doctor.",  # both
            [
                MISQUOTED,
                CLOSEST + "easy-to-digest and good for you, said the doctor",
                DIFFERENCE + "[-easy-to-digest-] {+easy to digest+} and good for you, said the doctor{+.+}",
            ],
        ),
        (
            "easy-to-digest and bad for you",  # a changed word
            [
                MISQUOTED,
                CLOSEST + "easy-to-digest and good for you,",
                DIFFERENCE + "easy-to-digest and [-good-] {+bad+} for you",
            ],
        ),
        (
            "easy-to-digest and good you",  # a missing word
            [
                MISQUOTED,
                CLOSEST + "easy-to-digest and good for you,",
                DIFFERENCE + "easy-to-digest and good [-for-] you",
            ],
        ),
        (
            "good for you said the doctor",  # a missing comma
            [
                MISQUOTED,
                CLOSEST + "good for you, said the doctor",
                DIFFERENCE + "good for you[-,-] said the doctor",
            ],
        ),
        (
            "digest and bad for you",  # starting inside a word is no difference
            [
                MISQUOTED,
                CLOSEST + "easy-to-digest and good for you,",
                DIFFERENCE + "digest and [-good-] {+bad+} for you",
            ],
        ),
        (
            "the river rose by 9.7 % in a day",  # a space
            [
                MISQUOTED,
                "    closest passage (content/sources/article.md:10): the river rose by 9.7% in a day.",
                DIFFERENCE + "the river rose by 9.7[-%-] {+%+} in a day",
            ],
        ),
    ],
)
def test_a_misquote_marks_exactly_what_differs(tmp_path: Path, quote: str, expected: list[str]) -> None:
    root = project(
        tmp_path, {"content/sources/article.md": CLINIC, "content/people/ada.md": person_quote(quote)}
    )
    result = run_main("check", "--root", root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.splitlines() == [*expected, "1 error: the site could not be built"]


@pytest.mark.parametrize(
    ("name", "change"),
    [
        ("a full stop added", lambda text: text.rstrip(".\u2026") + "."),
        ("a space made a hyphen", lambda text: text.replace(" ", "-", 1)),
        ("a hyphen made a space", lambda text: text.replace("-", " ", 1) if "-" in text else text + "!"),
        ("a comma dropped", lambda text: text.replace(",", "", 1) if "," in text else text + ","),
    ],
)
def test_every_misquote_of_the_explainer_shows_a_difference(
    tmp_path: Path, name: str, change: Callable[[str], str]
) -> None:
    root = _copy_content(tmp_path)
    uses = quote_uses(load_site(REPO, {}))
    for use in uses:
        path = root / use.item.path
        lines = path.read_text(encoding="utf-8").split("\n")
        lines[use.line - 1] = lines[use.line - 1].replace(use.text, change(use.text), 1)
        path.write_text("\n".join(lines), encoding="utf-8")
    differences = [
        error.split("\n")[2].split("): ", 1)[1] for error in errors_of(root) if "quote not found" in error
    ]
    assert len(differences) >= len(uses) // 2, name  # most changes make a misquote
    unmarked = [line for line in differences if "[-" not in line and "{+" not in line]
    assert unmarked == [], name


def test_figure_and_event_quotes_are_checked_at_their_quote_line(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "content/figures/attendance.md": figure(9.7, "%", "the river rose by 9.7% in an hour"),
            "content/events/talks.md": (
                "---\ntitle: Talks resume\ndate: 2021-09-02\nsummary: The talks resumed.\n"
                'quote: "The mayor said nothing"\n---\n'
            ),
        },
    )
    assert [e.split("\n")[0] for e in errors_of(root)] == [
        "content/events/talks.md:5:1: quote not found in source 'article'",
        "content/figures/attendance.md:5:1: quote not found in source 'article'",
    ]


def test_a_quote_is_checked_against_its_own_source(tmp_path: Path) -> None:
    other = "---\ntitle: Another paper\n---\nNothing about the river at all.\n"
    quote = person_quote("We've held the line").replace("    context:", "    source: other\n    context:")
    root = project(tmp_path, {"content/sources/other.md": other, "content/people/ada.md": quote})
    assert [e.split("\n")[0] for e in errors_of(root)] == [
        "content/people/ada.md:7:1: quote not found in source 'other'"
    ]


# --- figures' numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "quote"),
    [
        ("9.7", "%", "the river rose by 9.7% in a day"),
        ("7000000000", "GBP", "more than \u00a37bn was"),
        ("7", "people", "About seven boats"),
        ("32", "years", "32-year-old rescuers"),
        ("50", "years", "stood for half a century"),
        ("1300", "people", "1,300 people left"),
    ],
)
def test_a_figure_whose_quote_states_its_number_passes(
    tmp_path: Path, value: str, unit: str, quote: str
) -> None:
    root = project(tmp_path, {"content/figures/attendance.md": figure(value, unit, quote)})
    assert errors_of(root) == []


@pytest.mark.parametrize(
    ("value", "unit", "quote"),
    [
        ("9.8", "%", "the river rose by 9.7% in a day"),
        ("97", "%", "the river rose by 9.7% in a day"),
        ("7000000000", "USD", "more than \u00a37bn was"),  # pounds, not dollars
        ("8", "people", "About seven boats"),
        ("300", "people", "1,300 people left"),  # 300 is only part of 1,300
        ("30", "years", "32-year-old rescuers"),
        ("5", "years", "stood for half a century"),
        ("1", "people", "Intro line."),
    ],
)
def test_a_figure_whose_quote_lacks_its_number_fails(
    tmp_path: Path, value: str, unit: str, quote: str
) -> None:
    root = project(tmp_path, {"content/figures/attendance.md": figure(value, unit, quote)})
    errors = errors_of(root)
    assert len(errors) == 1, errors
    assert errors[0].startswith(
        "content/figures/attendance.md:5:1: the quote does not contain the figure's number"
    )


PERSIAN_SOURCE = (
    "---\ntitle: Notice\n---\n"
    "\u06f3\u06f0\u06f0 قایق در رژه بودند. \u06f1\u066c\u06f3\u06f0\u06f0 نفر رفتند.\n"
)
"""A source in Persian digits (three hundred boats; 1,300 people, with the Arabic thousands
separator)."""


@pytest.mark.parametrize(
    ("value", "quote", "errors"),
    [
        ("300", "\u06f3\u06f0\u06f0 قایق در رژه بودند", 0),
        ("1300", "\u06f1\u066c\u06f3\u06f0\u06f0 نفر رفتند", 0),
        ("300", "\u06f1\u066c\u06f3\u06f0\u06f0 نفر رفتند", 1),  # 300 is only part of 1,300
    ],
)
def test_a_figures_number_is_found_in_persian_digits(
    tmp_path: Path, value: str, quote: str, errors: int
) -> None:
    root = project(
        tmp_path,
        {
            "content/sources/article.md": PERSIAN_SOURCE,
            "content/figures/attendance.md": figure(value, "boats", quote),
        },
    )
    found = errors_of(root)
    assert len(found) == errors, found
    assert all(": the quote does not contain the figure's number" in error for error in found)


def test_a_display_that_shows_another_number_fails(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "content/figures/attendance.md": figure(
                7000000000, "GBP", "more than \u00a37bn was", extra="display: \u00a38bn\n"
            )
        },
    )
    assert errors_of(root) == [
        "content/figures/attendance.md:5:1: display '\u00a38bn' does not show the value 7e+09 GBP"
    ]


# --- what readers see ------------------------------------------------------------------------


def test_every_quote_links_to_its_entry_on_the_sources_page(built_explainer: Path) -> None:
    out_dir = built_explainer
    sources = Page((out_dir / "sources/index.html").read_text(encoding="utf-8"))
    site = load_site(REPO, {})
    assert len(set(sources.quotes)) == len({" ".join(u.text.split()) for u in quote_uses(site)})
    pages = [path.relative_to(out_dir).as_posix() for path in out_dir.rglob("*.html")]
    checked = 0
    for page_path in pages:
        if page_path.startswith("sources/"):
            continue
        page = Page((out_dir / page_path).read_text(encoding="utf-8"))
        source_links = [
            resolve(href, page_path) for href, text in page.links if text == "Source of this quote"
        ]
        assert len(source_links) == len(page.quotes), page_path
        for target in source_links:
            file, _, anchor = target.partition("#")
            assert file == "sources/index.html" and anchor in sources.ids, (page_path, target)
            checked += 1
    # a quote supporting a definition, a place's kind or a role is listed on /sources/ only
    shown = [
        use
        for use in quote_uses(site)
        if not (isinstance(use.item, Term | Place | Person) and use.line == use.item.lines.get("quote"))
    ]
    assert checked >= len(shown)
    # and every entry links back to the pages that use it
    used_in = {resolve(href, "sources/index.html").partition("#")[0] for href, _ in sources.links}
    assert {"figures/index.html", "timeline/index.html", "people/ali-nasary/index.html"} <= used_in


CORRECTED_PAGE = (
    "---\ntitle: Home\nsummary: What happened.\nupdated: 2021-09-10\ncorrections:\n"
    "  - date: 2021-09-05\n    text: An earlier version misspelt the mayor's name.\n"
    "  - date: 2021-09-09\n    text: The river rose by 9.7%, not 7.9%.\n---\nBody.\n"
)


def test_corrections_show_at_the_foot_and_on_the_corrections_page(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "content/pages/index.md": CORRECTED_PAGE,
            "content/figures/attendance.md": figure(
                9.7,
                "%",
                "the river rose by 9.7% in a day",
                extra="corrections:\n  - date: 2021-09\n    text: The figure was out of date.\n",
            ),
        },
    )
    out_dir = tmp_path / "public"
    result = run_main("build", "--root", root, "--out", out_dir)
    assert result.returncode == 0, result.stderr

    text = Page((out_dir / "index.html").read_text(encoding="utf-8")).foot
    assert "Updated 10 September 2021." in text
    assert text.index("9 September 2021: The river rose") < text.index("5 September 2021: An")

    page = Page((out_dir / "corrections/index.html").read_text(encoding="utf-8"))
    listed = [
        (resolve(href, "corrections/index.html"), text)
        for href, text in page.links
        if text in ("Home", "A number")
    ]
    # 9 September, 5 September, then "September" (a month sorts before its days)
    assert listed == [
        ("index.html", "Home"),
        ("index.html", "Home"),
        ("figures/index.html#attendance", "A number"),
    ]


# --- check --sources -------------------------------------------------------------------------


def test_check_sources_counts_citations_and_lists_unused_passages(tmp_path: Path) -> None:
    root = project(tmp_path, {"content/people/ada.md": person_quote("We've held the line")})
    result = run_main("check", "--root", root, "--sources")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    header = lines.index("source   quotes  figures  passages used")
    assert lines[header + 1].split() == ["article", "1", "1", "2", "of", "5"]
    assert [line for line in lines if line.startswith("  content/sources/article.md:")] == [
        "  content/sources/article.md:6: Intro line.",
        "  content/sources/article.md:11: About seven boats and 32-year-old rescuers helped; "
        "the town has stood for half a century.",
        "  content/sources/article.md:12: 1,300 people left.",
    ]


UNQUOTED_STARTS = (
    "---\ntitle: The report\npublisher: Test Press\ndate: 2021-09-03\n---\n"
    "Intro line.\n\n"
    "The mayor spoke first. [13] Pakbara died in the flood.\n"
    "\u201c\u2018Rebuild it,\u2019 they told me,\u201d the mayor said. the bridge\n"
    "was closed. Officials said the river rose by 9.7% in a day, and Mr. Khan of the U.S. team "
    "agreed.\n"
)


def test_check_sources_counts_a_sentence_unused_however_it_starts(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "content/sources/article.md": UNQUOTED_STARTS,
            "content/people/ada.md": person_quote("The mayor spoke first"),
        },
    )
    result = run_main("check", "--root", root, "--sources")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == (
        "source   quotes  figures  passages used\n"
        "article       1        1         2 of 6\n"
        "\n"
        "Passages of 'article' (The report) that nothing uses (4):\n"
        "  content/sources/article.md:6: Intro line.\n"
        "  content/sources/article.md:8: [13] Pakbara died in the flood.\n"
        "  content/sources/article.md:9: \u201c\u2018Rebuild it,\u2019 they told me,\u201d the mayor said.\n"
        "  content/sources/article.md:9: the bridge was closed.\n"
        "\n"
        "Added from general knowledge, with no quote from a source (3):\n"
        "  content/glossary/nrf.md:4: definition: An armed group.\n"
        "  content/places/town.md:3: kind: town\n"
        "  content/people/ada.md:3: role: Negotiator\n"
        "\n"
        "checked 16 pages and 200 links: no problems\n"
    )


@pytest.mark.parametrize(
    ("body", "passages"),
    [
        ("He left. [13] Pakbara died.", ["He left.", "[13] Pakbara died."]),
        (
            "He left. \u201cWe stay.\u201d the rest agreed.",
            ["He left.", "\u201cWe stay.\u201d", "the rest agreed."],
        ),
        ("Why? (Nobody knew.) It rained.", ["Why?", "(Nobody knew.)", "It rained."]),
        (
            "Mr. Khan of the U.S. team rose 9.7% on Aug. 30. J. R. Smith left.",
            ["Mr. Khan of the U.S. team rose 9.7% on Aug. 30.", "J. R. Smith left."],
        ),
        ("heavy losses... but need help", ["heavy losses... but need help"]),
        ("three directions\u2026 The next day", ["three directions\u2026", "The next day"]),
        (
            "a caption without a stop\nThe next line\nwrapped here.",
            ["a caption without a stop", "The next line\nwrapped here."],
        ),
    ],
)
def test_source_passages_end_at_sentence_ends(body: str, passages: list[str]) -> None:
    source = Source(
        kind="sources", slug="s", path="s.md", body=body, body_line=1, lines={}, corrections=(), updated=None
    )
    assert [body[start:end] for start, end in source_passages(source)] == passages


def test_a_quote_without_any_source_is_an_error(tmp_path: Path) -> None:
    site_yaml = SMALL_PROJECT["content/site.yaml"].replace("default_source: article\n", "")
    root = project(tmp_path, {"content/site.yaml": site_yaml})
    assert errors_of(root) == [
        "content/figures/attendance.md:5:1: quote has no source: add 'source:' or set "
        "default_source in content/site.yaml"
    ]
