"""Outside knowledge is declared: a definition, a place's kind or a person's role that no quote
supports is listed on /sources/ and by `check --sources`; a supporting `quote` is checked like
any other; a term's tooltip is its `short` line, else its definition's first sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SMALL_PROJECT, run_main, write_files
from test_built_site import BuiltSite, Element, build_site

from site_builder.mentions import first_sentence

SOURCE = (
    "---\ntitle: Talks in the town\npublisher: Test Press\ndate: 2021-09\n---\n"
    "Ada Lovelace, the negotiator, said the talks would resume.\n\n"
    "The National Resistance Front is an armed group.\n\n"
    "The town of Wrenmouth held them. More than 300 people came to the town hall.\n"
)
NRF = "content/glossary/nrf.md"
TOWN = "content/places/town.md"
ADA = "content/people/ada.md"


def term(extra: str = "", definition: str = "An armed group.") -> str:
    """SMALL_PROJECT's nrf.md with extra front-matter lines after the definition."""
    return f"---\nterm: National Resistance Front\nabbr: NRF\ndefinition: {definition}\n{extra}---\n"


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    """SMALL_PROJECT with our source as the default, plus `files`."""
    return write_files(tmp_path / "project", {**SMALL_PROJECT, "content/sources/article.md": SOURCE, **files})


def general_knowledge(site: BuiltSite) -> Element | None:
    """The /sources/ section headed "Added from general knowledge", if the page has one."""
    for section in site.pages["sources/index.html"].find_all("section"):
        headings = section.find_all("h2")
        if headings and headings[0].text == "Added from general knowledge":
            return section
    return None


def declared_entries(site: BuiltSite) -> list[tuple[str, str]]:
    """(link href, text) of each entry of the general-knowledge section."""
    section = general_knowledge(site)
    assert section is not None, "no 'Added from general knowledge' section on /sources/"
    return [(item.find_all("a")[0].attrs["href"], shown_text(item)) for item in section.find_all("li")]


def check_sources_lines(root: Path) -> list[str]:
    """`check --sources`' list of general knowledge: its heading and entries (empty: none)."""
    result = run_main("check", "--root", root, "--sources")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("Added from general knowledge")), None)
    if start is None:
        return []
    end = next(i for i in range(start, len(lines) + 1) if i == len(lines) or not lines[i])
    return lines[start:end]


def unused_passages(root: Path) -> list[str]:
    """The passages of the source `check --sources` says nothing uses."""
    result = run_main("check", "--root", root, "--sources")
    assert result.returncode == 0, result.stdout + result.stderr
    return [line for line in result.stdout.splitlines() if line.startswith("  content/sources/article.md:")]


def shown_text(element: Element) -> str:
    """Text content without mention tooltips (hidden until hovered)."""
    parts = [
        child if isinstance(child, str) else shown_text(child)
        for child in element.children
        if isinstance(child, str) or child.attrs.get("role") != "tooltip"
    ]
    return " ".join(" ".join(parts).split())


def tooltips(site: BuiltSite, slug: str) -> list[str]:
    """The text of every mention tooltip of a term, on every page of the site."""
    return [
        element.text
        for page in site.pages.values()
        for element in page.walk()
        if element.attrs.get("id") == f"mention-tip-{slug}" and element.attrs.get("role") == "tooltip"
    ]


# --- declared on /sources/ and by check --sources ------------------------------------------


def test_definitions_kinds_and_roles_without_a_quote_are_declared(tmp_path: Path) -> None:
    root = project(tmp_path, {})
    site = build_site(root, tmp_path / "public")
    assert declared_entries(site) == [
        ("../glossary/#nrf", "National Resistance Front (glossary term), definition: An armed group."),
        ("../places/town/", "The Town (place), kind of place: town"),
        ("../people/ada/", "Ada Lovelace (person), role: Negotiator"),
    ]
    assert check_sources_lines(root) == [
        "Added from general knowledge, with no quote from a source (3):",
        f"  {NRF}:4: definition: An armed group.",
        f"  {TOWN}:3: kind: town",
        f"  {ADA}:3: role: Negotiator",
    ]


def test_an_item_with_a_supporting_quote_is_not_declared_and_its_quote_is_used(
    tmp_path: Path,
) -> None:
    root = project(
        tmp_path,
        {
            NRF: term('quote: "The National Resistance Front is an armed group"\n'),
            TOWN: (
                "---\nname: The Town\nkind: town\nsummary: Where the talks took place.\n"
                'quote: "The town of Wrenmouth held them."\n---\n'
            ),
        },
    )
    site = build_site(root, tmp_path / "public")
    assert declared_entries(site) == [("../people/ada/", "Ada Lovelace (person), role: Negotiator")]
    assert check_sources_lines(root) == [
        "Added from general knowledge, with no quote from a source (1):",
        f"  {ADA}:3: role: Negotiator",
    ]
    # the quotes are used text of the source, listed with the items they support
    assert unused_passages(root) == [
        "  content/sources/article.md:6: Ada Lovelace, the negotiator, said the talks would resume."
    ]
    quotes = site.pages["sources/index.html"].find_all("blockquote")
    assert [shown_text(quote) for quote in quotes] == [
        "The National Resistance Front is an armed group",
        "The town of Wrenmouth held them.",
        "More than 300 people came to the town hall",
    ]


def test_with_every_supporting_quote_nothing_is_declared(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            NRF: term('quote: "The National Resistance Front is an armed group"\n'),
            TOWN: (
                "---\nname: The Town\nkind: town\nsummary: Where the talks took place.\n"
                'quote: "The town of Wrenmouth"\n---\n'
            ),
            ADA: (
                "---\nname: Ada Lovelace\nrole: Negotiator\nsummary: Led the talks.\n"
                'quote: "Ada Lovelace, the negotiator"\n---\n'
            ),
        },
    )
    site = build_site(root, tmp_path / "public")
    assert general_knowledge(site) is None
    assert check_sources_lines(root) == []
    assert len(site.pages["sources/index.html"].find_all("blockquote")) == 4


@pytest.mark.parametrize(
    ("path", "text", "line"),
    [
        (NRF, term('quote: "The National Resistance Front is a armed group"\n'), 5),
        (
            TOWN,
            (
                "---\nname: The Town\nkind: town\nsummary: Where the talks took place.\n"
                'quote: "The city of Wrenmouth held them."\n---\n'
            ),
            5,
        ),
        (
            ADA,
            (
                '---\nname: Ada Lovelace\nquote: "Ada Lovelace, a negotiator"\nrole: Negotiator\n'
                "summary: Led the talks.\n---\n"
            ),
            3,
        ),
    ],
    ids=["term", "place", "person"],
)
def test_a_wrong_supporting_quote_fails_the_build_at_its_line(
    tmp_path: Path, path: str, text: str, line: int
) -> None:
    root = project(tmp_path, {path: text})
    result = run_main("build", "--root", root, "--out", tmp_path / "public", cwd=root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == f"{path}:{line}:1: quote not found in source 'article'", result.stderr
    assert lines[1].startswith("    closest passage (content/sources/article.md:"), result.stderr
    assert lines[2].startswith("    difference ([-source-] {+quote+}): "), result.stderr
    assert lines[3] == "1 error", result.stderr


# --- tooltips ----------------------------------------------------------------------------


MENTIONS_NRF = {
    "content/events/talks.md": (
        "---\ntitle: Talks resume\ndate: 2021-09-02\nsummary: The talks resumed.\n---\n"
        "The NRF came to the talks.\n"
    )
}


def test_a_terms_tooltip_is_its_short_line(tmp_path: Path) -> None:
    definition = "An armed group. Its critics call it a rabble."
    root = project(
        tmp_path, {**MENTIONS_NRF, NRF: term("short: A group of fighters in the valley.\n", definition)}
    )
    site = build_site(root, tmp_path / "public")
    tips = tooltips(site, "nrf")
    assert tips and set(tips) == {"A group of fighters in the valley."}
    # the glossary page keeps the whole definition
    glossary = site.pages["glossary/index.html"]
    assert definition in [element.text for element in glossary.find_all("p")]


def test_without_short_the_tooltip_is_the_definitions_first_sentence(tmp_path: Path) -> None:
    definition = "An armed group led by Dr. A. Smith of the U.S. Army. Its critics call it a rabble."
    root = project(tmp_path, {**MENTIONS_NRF, NRF: term(definition=definition)})
    site = build_site(root, tmp_path / "public")
    tips = tooltips(site, "nrf")
    assert tips and set(tips) == {"An armed group led by Dr. A. Smith of the U.S. Army."}
    glossary = site.pages["glossary/index.html"]
    assert definition in [element.text for element in glossary.find_all("p")]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("An armed group.", "An armed group."),
        ("One sentence with no full stop", "One sentence with no full stop"),
        (
            "A group; it calls them \u201cthe terror group\u201d. Founded in 1994.",
            "A group; it calls them \u201cthe terror group\u201d.",
        ),
        ("Led by J. Smith since 2001. Then more.", "Led by J. Smith since 2001."),
        ("Dr. Ali leads it. Yes.", "Dr. Ali leads it."),
        ("Used e.g. Sundays and i.e. Mondays. Then more.", "Used e.g. Sundays and i.e. Mondays."),
        ("It grew by 3.5 per cent. Then it fell.", "It grew by 3.5 per cent."),
        ("Who knows? Nobody.", "Who knows?"),
        ("A town\n  on the river. Old.", "A town on the river."),
    ],
)
def test_first_sentence(text: str, first: str) -> None:
    assert first_sentence(text) == first
