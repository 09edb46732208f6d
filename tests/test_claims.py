"""Claims stay claims (render/claims.py): a figure's number is never shown without its qualifier,
a figure's label or an event's title standing on its own carries its attribution unless it names
the source, and `check` says why a figures page has no chart."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import SMALL_PROJECT, run_main, write_files
from hypothesis import given
from hypothesis import strategies as st
from test_built_site import BuiltSite, Element, build_site

from site_builder.model import Event, Figure
from site_builder.render.claims import (
    attribution_source,
    claim_text,
    figure_number,
    figure_number_markup,
    holds_word,
    names_source,
)
from site_builder.strings import STRINGS

SOURCE = (
    "---\ntitle: Talks in the town\npublisher: Test Press\ndate: 2021-09\n---\n"
    "Ada Lovelace said the talks would resume. More than 300 people came to the town hall. "
    "The front holds more than 30 miles of road, she said. The mayor counted 120 people at "
    "the market.\n"
)
ROAD = (
    "---\nlabel: Road the front holds\nvalue: 30\nunit: miles\ndisplay: 30 miles\n"
    "qualifier: more than\nattribution: according to Ada Lovelace\n"
    'quote: "The front holds more than 30 miles of road"\n'
    "people: [ada]\nplaces: [town]\nterms: [nrf]\nfeatured: true\n---\n"
)
ATTENDANCE = (
    "---\nlabel: People at the town hall\nvalue: 300\nunit: people\nqualifier: more than\n"
    "attribution: two resistance leaders\n"
    'quote: "More than 300 people came to the town hall"\nplaces: [town]\n---\n'
)
MARKET = (
    "---\nlabel: People the mayor counted at the market\nvalue: 120\nunit: people\n"
    'attribution: The Mayor\nquote: "The mayor counted 120 people at the market"\n---\n'
)
TALKS = (
    "---\ntitle: Talks resume\ndate: 2021-09-02\nsummary: The talks resumed.\n"
    "attribution: Ada Lovelace, the front\npeople: [ada]\nplaces: [town]\n---\n"
)
ANNOUNCED = (
    "---\ntitle: Ada Lovelace announces the talks\ndate: 2021-09-01\nsummary: She said so.\n"
    "attribution: Ada Lovelace, the front\npeople: [ada]\n---\n"
)
PROJECT: dict[str, str] = {
    **SMALL_PROJECT,
    "content/site.yaml": SMALL_PROJECT["content/site.yaml"] + "base_url: https://example.org/\n",
    "content/sources/article.md": SOURCE,
    "content/figures/road.md": ROAD,
    "content/figures/attendance.md": ATTENDANCE,
    "content/figures/market.md": MARKET,
    "content/events/talks.md": TALKS,
    "content/events/announced.md": ANNOUNCED,
}
ROAD_HEADLINE = "Road the front holds, according to Ada Lovelace"
TALKS_HEADLINE = "Talks resume, according to Ada Lovelace, the front"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """PROJECT built with the real CLI."""
    root = write_files(tmp_path_factory.mktemp("claims"), PROJECT)
    return build_site(root, root / "site", "https://example.org/")


def with_class(page: Element, name: str) -> list[Element]:
    """Elements of a page with a class."""
    return [element for element in page.walk() if element.has_class(name)]


def item_lines(page: Element, href_end: str) -> list[str]:
    """Text of every <li> on a page holding a link whose href ends with href_end."""
    return [
        li.text
        for li in page.find_all("li")
        if any(a.attrs.get("href", "").endswith(href_end) for a in li.find_all("a"))
    ]


def test_person_page_lists_the_figure_with_its_qualifier_and_attribution(built: BuiltSite) -> None:
    page = built.pages["people/ada/index.html"]
    figures_list = [line for line in item_lines(page, "#road") if line.startswith("more than")]
    assert figures_list == [f"more than 30 miles : {ROAD_HEADLINE}"]
    mentioned = [line for line in item_lines(page, "#road") if not line.startswith("more than")]
    assert mentioned == [f"{ROAD_HEADLINE} : more than 30 miles (figure)"]


def test_place_page_shows_qualifiers_and_attributions(built: BuiltSite) -> None:
    page = built.pages["places/town/index.html"]
    assert item_lines(page, "#road") == [f"{ROAD_HEADLINE} : more than 30 miles (figure)"]
    assert item_lines(page, "#attendance") == [
        "People at the town hall, according to two resistance leaders : more than 300 people (figure)"
    ]
    mentioned, on_timeline = item_lines(page, "#talks")
    assert mentioned == f"{TALKS_HEADLINE} (event)"
    assert on_timeline.endswith(f" {TALKS_HEADLINE}")  # after its date


def test_glossary_entry_shows_the_figure_with_its_qualifier(built: BuiltSite) -> None:
    page = built.pages["glossary/index.html"]
    used_in = next(
        p
        for p in with_class(page, "used-in")
        if any(a.attrs.get("href", "").endswith("#road") for a in p.find_all("a"))
    )
    assert f"{ROAD_HEADLINE} : more than 30 miles" in used_in.text


def test_home_tile_and_mini_timeline(built: BuiltSite) -> None:
    page = built.pages["index.html"]
    values = [e.text for e in with_class(page, "tile-value")]
    labels = [e.text for e in with_class(page, "tile-label")]
    assert values == ["more than 30 miles"]  # the featured figure
    assert labels == [ROAD_HEADLINE]
    qualifier = with_class(with_class(page, "tile-value")[0], "qualifier")
    assert [e.text for e in qualifier] == ["more than"]
    events = [e.text for ol in with_class(page, "mini-timeline") for e in ol.find_all("a")]
    assert events == ["Ada Lovelace announces the talks", TALKS_HEADLINE]


def test_figures_page_headings_values_and_attribution_line(built: BuiltSite) -> None:
    page = built.pages["figures/index.html"]
    headings = {e.text for e in with_class(page, "figure-label")}
    assert headings == {
        ROAD_HEADLINE,
        "People at the town hall, according to two resistance leaders",
        "People the mayor counted at the market",
    }  # names its source
    values = {e.text for e in with_class(page, "figure-value")}
    assert values == {"more than 30 miles", "more than 300 people", "120 people"}
    lines = {e.text for e in with_class(page, "attribution")}
    assert "Source of the number: two resistance leaders." in lines
    road = [line for line in lines if "Ada Lovelace" in line]  # a mention link splits the text
    assert len(road) == 1 and "according to" not in road[0]  # the editor wrote it, the line not


def test_timeline_event_headings(built: BuiltSite) -> None:
    page = built.pages["timeline/index.html"]
    assert [e.text for e in with_class(page, "event-title")] == [
        "Ada Lovelace announces the talks",
        TALKS_HEADLINE,
    ]


def test_data_json_and_timeline_json(built: BuiltSite) -> None:
    data = json.loads((built.out_dir / "data.json").read_text("utf-8"))
    figures = {record["slug"]: record for record in data["figures"]}
    assert figures["road"]["shown"] == "more than 30 miles"
    assert figures["road"]["headline"] == ROAD_HEADLINE
    assert figures["market"]["shown"] == "120 people"
    assert figures["market"]["headline"] == "People the mayor counted at the market"
    events = {record["slug"]: record["headline"] for record in data["events"]}
    assert events == {"talks": TALKS_HEADLINE, "announced": "Ada Lovelace announces the talks"}
    timeline = json.loads((built.out_dir / "timeline.json").read_text("utf-8"))
    assert [slide["text"]["headline"] for slide in timeline["events"]] == [
        "Ada Lovelace announces the talks",
        TALKS_HEADLINE,
    ]


def chart_project(attribution_b: str, unit_b: str = "people") -> dict[str, str]:
    """PROJECT with the market figure's attribution and unit changed."""
    market = MARKET.replace(
        "attribution: The Mayor\n", f"attribution: {attribution_b}\n" if attribution_b else ""
    ).replace("unit: people", f"unit: {unit_b}")
    return {**PROJECT, "content/figures/market.md": market}


def test_chart_values_carry_qualifiers(tmp_path: Path) -> None:
    """Two figures from one source in one unit: a chart, its bar values, links and description
    with the qualifier; its title with the source written once."""
    root = write_files(tmp_path, chart_project("according to two resistance leaders"))
    page = build_site(root, root / "site").pages["figures/index.html"]
    svg = with_class(page, "figure-bars")[0]
    assert [e.text for e in with_class(svg, "bar-value")] == ["more than 300 people", "120 people"]
    labels = [a.attrs["aria-label"] for a in svg.find_all("a")]
    assert labels == [
        "People at the town hall, according to two resistance leaders: more than 300 people",
        "People the mayor counted at the market, according to two resistance leaders: 120 people",
    ]
    assert svg.find_all("title")[0].text == "Comparing 2 figures from two resistance leaders"
    assert "People at the town hall: more than 300 people" in svg.find_all("desc")[0].text
    caption = page.find_all("figcaption")[0].text
    assert "more than 300 people" in caption


def test_search_index_never_holds_a_number_without_its_qualifier(tmp_path: Path) -> None:
    """What Pagefind indexes (its search excerpts come from it) says "more than 30 miles"."""
    project = {**PROJECT, "content/site.yaml": PROJECT["content/site.yaml"] + "search: true\n"}
    root = write_files(tmp_path, project)
    built_site = build_site(root, root / "site")
    contents = {}
    for path in (built_site.out_dir / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        fragment = json.loads(raw[raw.index(b"{") :])
        contents[fragment["url"]] = fragment["content"]
    assert "30 miles" in contents["/people/ada/"]
    for url, content in contents.items():
        assert content.count("30 miles") == content.count("more than 30 miles"), url
        assert content.count("300 people") == content.count("ore than 300 people"), url


def run_check(tmp_path: Path, files: dict[str, str]) -> tuple[int, list[str]]:
    root = write_files(tmp_path, files)
    result = run_main("check", "--root", root, cwd=root)
    return result.returncode, [
        line for line in result.stderr.splitlines() if line.startswith("note: figures page")
    ]


RULE = (
    "note: figures page: no chart: a chart compares two or more figures with the same unit "
    "and the same attribution"
)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            PROJECT,
            [
                f"{RULE}, and no two figures share both (attendance, market share the "
                "unit people but not an attribution)"
            ],
            id="same-unit",
        ),
        pytest.param(
            chart_project("Two resistance leaders", "stalls"),
            [f"{RULE}, and no two figures share both ('two resistance leaders' gives people, stalls)"],
            id="same-source",
        ),
        pytest.param(
            {
                **PROJECT,
                "content/figures/road.md": ROAD.replace("attribution: according to Ada Lovelace\n", ""),
                "content/figures/attendance.md": ATTENDANCE.replace(
                    "attribution: two resistance leaders\n", ""
                ),
                "content/figures/market.md": MARKET.replace("attribution: The Mayor\n", ""),
            },
            [f"{RULE}, and no figure has an attribution"],
            id="none-attributed",
        ),
        pytest.param({**SMALL_PROJECT}, [f"{RULE}, and there is one figure"], id="one-figure"),
        pytest.param(chart_project("according to two resistance leaders"), [], id="chart-drawn"),
    ],
)
def test_check_says_why_the_figures_page_has_no_chart(
    tmp_path: Path, files: dict[str, str], expected: list[str]
) -> None:
    code, notes = run_check(tmp_path, files)
    assert code == 0
    assert notes == expected


# The helpers themselves, for the forms an editor may write.


def figure(**fields: Any) -> Figure:
    base: dict[str, Any] = dict(
        kind="figures",
        slug="f",
        path="content/figures/f.md",
        body="",
        body_line=1,
        lines={},
        corrections=(),
        updated=None,
        label="Taliban fighters killed",
        value=7,
        unit="people",
        display="7",
    )
    return Figure(**{**base, **fields})


@pytest.mark.parametrize(
    ("fields", "number", "markup"),
    [
        (
            {"qualifier": "at least"},
            "at least 7",
            '<span class="qualifier">at least</span> <data value="7">7</data>',
        ),
        ({}, "7", '<data value="7">7</data>'),
        (
            {"display": "£7bn & more", "qualifier": "<b>"},
            "<b> £7bn & more",
            '<span class="qualifier">&lt;b&gt;</span> <data value="7">£7bn &amp; more</data>',
        ),
    ],
)
def test_figure_number(fields: dict[str, object], number: str, markup: str) -> None:
    assert figure_number(figure(**fields)) == number
    assert str(figure_number_markup(figure(**fields))) == markup


@pytest.mark.parametrize(
    ("label", "attribution", "shown"),
    [
        ("Fighters killed", "two resistance leaders", "Fighters killed, according to two resistance leaders"),
        (
            "Fighters killed",
            "According to  two resistance leaders",
            "Fighters killed, according to two resistance leaders",
        ),
        (
            "Fighters killed, say two Resistance Leaders",
            "two resistance leaders",
            "Fighters killed, say two Resistance Leaders",
        ),
        ("Districts Ali Nasary says were taken", "Ali Nasary, NRF", "Districts Ali Nasary says were taken"),
        ("Districts taken, according to the NRF", "Ali Nasary, NRF", "Districts taken, according to the NRF"),
        (
            "Sides of the valley Taliban forces surround",
            "Amir Khan Motaqi, Taliban",
            "Sides of the valley Taliban forces surround, according to Amir Khan Motaqi, Taliban",
        ),
        ("Fighters killed", "", "Fighters killed"),
    ],
)
def test_claim_text(label: str, attribution: str, shown: str) -> None:
    assert claim_text(figure(label=label, attribution=attribution)) == shown
    event = Event(
        kind="events",
        slug="e",
        path="content/events/e.md",
        body="",
        body_line=1,
        lines={},
        corrections=(),
        updated=None,
        title=label,
        start=None,
        attribution=attribution,
    )
    assert claim_text(event) == shown


def test_the_wording_is_the_themes() -> None:
    strings = {
        **STRINGS,
        "claim.attributed": "{claim} (says {attribution})",
        "figure.number": "{number} ({qualifier})",
    }
    assert claim_text(figure(attribution="NRF"), strings) == "Taliban fighters killed (says NRF)"
    assert names_source("Killed, says the NRF", "Ali Nasary", strings)
    assert figure_number(figure(qualifier="at least"), strings) == "7 (at least)"
    assert attribution_source("according to the NRF") == "the NRF"


@given(
    st.text(alphabet="ab_1 -'é\u00b2\u0663Ωx", max_size=12),
    st.text(alphabet="ab_1 -é\u0663", min_size=1, max_size=3),
)
def test_holds_word_is_the_regex_it_replaces(text: str, words: str) -> None:
    """Whole words, as re's (?<!\\w)...(?!\\w) finds them: letters of any script, digits of
    any script, superscripts and '_' are word characters; a hyphen, a space, an apostrophe
    are not."""
    expected = re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text) is not None
    assert holds_word(text, words) == expected
