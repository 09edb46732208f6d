"""render/charts.py: the layout follows the chart text sizes (render/chart_sizes.py reads them from
the theme's stylesheet: test_chart_sizes). How Chromium draws the charts: test_charts_browser."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from xml.etree import ElementTree

import pytest

from site_builder.model import Event, Figure, FuzzyDate, Place
from site_builder.render.basemap import BasemapPaths, Window
from site_builder.render.chart_sizes import read_chart_sizes
from site_builder.render.charts import (
    PlaceIndex,
    _place_label,
    _ticks,
    figure_bars,
    locator_map,
    place_locator,
    places_diagram,
    timeline_strip,
)
from site_builder.render.theme import default_theme_dir, find_theme
from site_builder.strings import STRINGS

SVG = "{http://www.w3.org/2000/svg}"
DEFAULT_CSS = (default_theme_dir() / "static" / "style.css").read_text("utf-8")
ROOT_LINE = next(
    number for number, line in enumerate(DEFAULT_CSS.splitlines(), 1) if line.startswith(":root {")
)
SIZES_LINE = next(
    number for number, line in enumerate(DEFAULT_CSS.splitlines(), 1) if "--chart-text:" in line
)
SIZES = read_chart_sizes(find_theme(Path(__file__).parent / "no-project"))
"""The default theme's sizes."""
BIG = dataclasses.replace(
    SIZES, text=SIZES.text * 1.5, small=SIZES.small * 1.5, axis=SIZES.axis * 1.5, value=SIZES.value * 1.5
)


# --- the layout follows the sizes ---------------------------------------------------------------


def svg_of(markup: str) -> ElementTree.Element:
    return ElementTree.fromstring(markup)


def texts(svg: ElementTree.Element, css_class: str) -> list[ElementTree.Element]:
    return [t for t in svg.iter(f"{SVG}text") if t.get("class") == css_class]


def test_a_bigger_axis_size_gives_strip_labels_more_room_and_fewer_ticks() -> None:
    small, big = _place_label(140, "Sep 2021", SIZES.axis), _place_label(140, "Sep 2021", BIG.axis)
    assert big.right - big.left == pytest.approx((small.right - small.left) * 1.5)
    scale = (10.0, 200.0, 2021.0, 2021.5)  # half a year: quarters fit at 12 px, not at 18
    assert [label.text for label in _ticks(scale, -100, SIZES.axis, STRINGS)] == ["Jan 2021", "Apr", "Jul"]
    assert [label.text for label in _ticks(scale, -100, BIG.axis, STRINGS)] == ["Jan 2021", "Jul"]
    events = [
        Event(
            kind="events",
            slug=f"e{year}",
            path=f"content/events/e{year}.md",
            body="",
            body_line=1,
            lines={},
            corrections=(),
            updated=None,
            title=f"E{year}",
            start=FuzzyDate(year, 0, 0, 1),
        )
        for year in (1990, 1991, 2020)
    ]
    heights = [
        float(svg_of(timeline_strip(events, lambda e: "#", sizes)).get("height", ""))
        for sizes in (SIZES, BIG)
    ]
    assert heights[1] > heights[0]  # the tick and cut labels' rows grow with their text


def figure(slug: str, value: float, label: str) -> Figure:
    return Figure(
        kind="figures",
        slug=slug,
        path=f"content/figures/{slug}.md",
        body="",
        body_line=1,
        lines={},
        corrections=(),
        updated=None,
        label=label,
        value=value,
        display=f"{value:,.0f}",
        unit="people",
        source="a census",
    )


def test_bigger_figure_text_wraps_labels_sooner_and_keeps_more_room_for_values() -> None:
    figures = [
        figure("a", 3000, "People who left the valley in the first week of the fighting"),
        figure("b", 1200, "People who stayed"),
    ]
    drawn = {sizes: svg_of(figure_bars(figures, lambda f: "#", sizes)) for sizes in (SIZES, BIG)}
    lines = {sizes: len(texts(svg, "bar-label")) for sizes, svg in drawn.items()}
    longest = {
        sizes: max(float(r.get("width", "")) for r in svg.iter(f"{SVG}rect")) for sizes, svg in drawn.items()
    }
    assert lines[BIG] > lines[SIZES]
    assert longest[BIG] < longest[SIZES]  # the value beside it needs more room


def place(slug: str, name: str, part_of: str = "", coordinates: tuple[float, float] | None = None) -> Place:
    return Place(
        kind="places",
        slug=slug,
        path=f"content/places/{slug}.md",
        body="",
        body_line=1,
        lines={},
        corrections=(),
        updated=None,
        name=name,
        place_kind="town",
        part_of=part_of,
        coordinates=coordinates,
    )


def test_bigger_map_labels_turn_inward_sooner_and_stack_further_apart() -> None:
    places = [
        place("west", "Westbury", coordinates=(35.0, 69.0)),
        place("east", "Eastfield Town", coordinates=(35.0, 69.9)),
        place("near", "Nearby", coordinates=(35.02, 69.02)),
    ]
    drawn = {sizes: svg_of(locator_map(places, lambda p: "#", sizes)) for sizes in (SIZES, BIG)}
    labels = {sizes: {t.text: t for t in texts(svg, "point-label")} for sizes, svg in drawn.items()}
    anchors = {sizes: found["Eastfield Town"].get("text-anchor") for sizes, found in labels.items()}
    assert anchors == {SIZES: None, BIG: "end"}  # at the bigger size it would cross the edge
    gaps = {
        sizes: abs(float(found["Nearby"].get("y", "")) - float(found["Westbury"].get("y", "")))
        for sizes, found in labels.items()
    }
    assert gaps[BIG] > gaps[SIZES] >= SIZES.text  # stacked a line apart, a bigger line
    assert gaps[BIG] >= BIG.text


def test_a_place_map_drawn_again_from_the_memo_is_the_same_map_with_the_other_page_links() -> None:
    places = [
        place("west", "Westbury", coordinates=(35.0, 69.0)),
        place("east", "Eastfield Town", coordinates=(35.0, 69.9)),
    ]
    memo: dict[Window, BasemapPaths] = {}  # what a renderer's template globals keep
    own_page = place_locator(places[0], places, lambda p: f"../{p.slug}/", SIZES, basemaps=memo)
    embed_page = place_locator(
        places[0], places, lambda p: f"../../../places/{p.slug}/", SIZES, basemaps=memo
    )
    assert len(memo) == 1  # one window: drawn once
    assert own_page == place_locator(places[0], places, lambda p: f"../{p.slug}/", SIZES)
    assert embed_page == place_locator(places[0], places, lambda p: f"../../../places/{p.slug}/", SIZES)
    land = [path.get("d") for path in svg_of(embed_page).iter(f"{SVG}path") if path.get("class") == "land"]
    assert land and land[0]  # the memo kept the land, not an empty drawing
    links = [a.get("href") for a in svg_of(embed_page).iter(f"{SVG}a")]
    assert "../../../places/east/" in links


def test_bigger_place_names_get_taller_box_headers() -> None:
    places = [place("valley", "Valley"), place("town", "Town", part_of="valley")]
    tops = {}
    for sizes in (SIZES, BIG):
        rects = list(svg_of(places_diagram(places, lambda p: "#", sizes)).iter(f"{SVG}rect"))
        inner = next(r for r in rects if "depth-1" in r.get("class", ""))
        tops[sizes] = float(inner.get("y", ""))
    assert tops[BIG] - 1 == pytest.approx((tops[SIZES] - 1) + (BIG.text - SIZES.text))


# --- right to left ------------------------------------------------------------------------------


def test_figure_bars_on_a_right_to_left_page_are_mirrored_not_their_text() -> None:
    """Each bar ends at the right edge where it began at the left, each text sits where it sat
    seen from the right, anchored the same in the picture's own direction (rtl)."""
    figures = [figure("a", 3000, "People who left"), figure("b", 1200, "People who stayed")]
    ltr, rtl = (
        svg_of(figure_bars(figures, lambda f: "#", SIZES, rtl=mirrored)) for mirrored in (False, True)
    )
    assert (ltr.get("direction"), rtl.get("direction")) == (None, "rtl")
    width = float(ltr.get("viewBox", "").split()[2])
    for left, right in zip(ltr.iter(f"{SVG}rect"), rtl.iter(f"{SVG}rect"), strict=True):
        assert float(right.get("x", "")) == pytest.approx(
            width - float(left.get("x", "")) - float(left.get("width", "")), abs=0.1
        )
    for left, right in zip(ltr.iter(f"{SVG}text"), rtl.iter(f"{SVG}text"), strict=True):
        assert (right.text, right.get("text-anchor")) == (left.text, left.get("text-anchor"))
        assert float(right.get("x", "")) == pytest.approx(width - float(left.get("x", "")), abs=0.1)


def test_maps_and_the_places_diagram_are_never_mirrored() -> None:
    """Geography reads the same on a right-to-left page: only direction="ltr" is added, so the
    labels' anchors keep their meaning."""
    places = [
        place("valley", "Valley"),
        place("west", "Westbury", "valley", coordinates=(35.0, 69.0)),
        place("east", "Eastfield", "valley", coordinates=(35.0, 69.9)),
    ]
    for draw in (locator_map, places_diagram):
        ltr, rtl = (str(draw(places, lambda p: "#", SIZES, rtl=mirrored)) for mirrored in (False, True))
        assert rtl == ltr.replace(' role="group"', ' direction="ltr" role="group"', 1), draw


def test_a_place_map_from_the_index_by_latitude_shows_what_a_scan_of_every_place_shows() -> None:
    """place_locator finds a place's neighbours in an index of the list by latitude, made once
    per list (`located`), looking outward from the place's latitude: the same maps as comparing
    every place, ties in list order kept."""
    places = [
        place(f"p{n}", f"Place {n}", coordinates=(35.0 + (n % 7) * 0.03, 69.0 + (n % 5) * 0.04))
        for n in range(30)
    ]
    places += [place("none", "Nowhere"), place("far", "Far", coordinates=(10.0, 10.0))]
    # one place's eight nearest end in a tie, south and north of it: the first listed is shown
    ring = [35.0, 35.25, 34.75, 35.5, 34.5, 35.75, 34.25, 36.0, 34.0]
    places += [place(f"r{n}", f"Ring {n}", coordinates=(lat, 60.0)) for n, lat in enumerate(ring)]
    # two places at one spot, and places of one latitude east and west of the window
    places += [place(f"same{n}", f"Same {n}", coordinates=(35.06, 69.04)) for n in range(2)]
    places += [place(f"lon{n}", f"Lon {n}", coordinates=(35.06, 67.0 + n * 2.0)) for n in range(3)]
    outside = place("out", "Outside", coordinates=(35.05, 69.05))  # a focus not in the list
    basemaps: dict[Window, BasemapPaths] = {}
    located: list[PlaceIndex] = []
    for focus in [*places, outside]:
        indexed = place_locator(
            focus, places, lambda p: f"../{p.slug}/", SIZES, basemaps=basemaps, located=located
        )
        assert indexed == place_locator(focus, places, lambda p: f"../{p.slug}/", SIZES, basemaps=basemaps)
    assert len(located) == 1 and located[0].places is places
