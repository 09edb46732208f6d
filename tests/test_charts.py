"""render/charts.py: the chart text sizes come from the theme's stylesheet (one --chart-* custom
property per role), and the layout follows them; a size that is missing or not one px value is
a build error naming the stylesheet's line. How Chromium draws the charts: test_charts_browser."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import REPO, assert_fails_leaving_output, break_project, fenced_blocks

from site_builder.errors import BuildFailed
from site_builder.model import Event, Figure, FuzzyDate, Place
from site_builder.render.charts import (
    ChartSizes,
    _place_label,
    _ticks,
    figure_bars,
    locator_map,
    places_diagram,
    read_chart_sizes,
    timeline_strip,
)
from site_builder.render.theme import default_theme_dir, find_theme
from site_builder.strings import STRINGS

SVG = "{http://www.w3.org/2000/svg}"
DEFAULT_CSS = (default_theme_dir() / "static" / "style.css").read_text("utf-8")
ROOT_LINE = next(number for number, line in enumerate(DEFAULT_CSS.splitlines(), 1)
                 if line.startswith(":root {"))
SIZES_LINE = next(number for number, line in enumerate(DEFAULT_CSS.splitlines(), 1)
                  if "--chart-text:" in line)
SIZES = read_chart_sizes(find_theme(Path(__file__).parent / "no-project"))
"""The default theme's sizes."""
BIG = dataclasses.replace(SIZES, text=SIZES.text * 1.5, small=SIZES.small * 1.5,
                          axis=SIZES.axis * 1.5, value=SIZES.value * 1.5)


def sizes_of(tmp_path: Path, files: dict[str, str]) -> ChartSizes:
    """The chart sizes of a project whose templates/static/ holds these stylesheets."""
    for name, text in files.items():
        path = tmp_path / "templates" / "static" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return read_chart_sizes(find_theme(tmp_path))


def errors_of(tmp_path: Path, files: dict[str, str]) -> list[str]:
    with pytest.raises(BuildFailed) as raised:
        sizes_of(tmp_path, files)
    return [str(error) for error in raised.value.errors]


def test_the_default_theme_sets_every_size_in_its_root_rule() -> None:
    assert dataclasses.asdict(SIZES) == {"text": 13, "small": 11, "axis": 12, "value": 15}


def test_a_project_stylesheet_sets_the_sizes(tmp_path: Path) -> None:
    css = DEFAULT_CSS.replace("--chart-text: 13px;", "--chart-text: 16.5px;")
    assert sizes_of(tmp_path, {"style.css": css}) == dataclasses.replace(SIZES, text=16.5)


def test_a_stylesheet_linked_after_style_css_overrides_its_sizes(tmp_path: Path) -> None:
    """docs/theming.md: a project's own stylesheet, linked in the head block, sets a size."""
    newsroom = "/* bigger charts */\n:root { --chart-text: 16px; --chart-axis: 14px }\n"
    assert sizes_of(tmp_path, {"newsroom.css": newsroom}) == dataclasses.replace(
        SIZES, text=16, axis=14)


def test_the_theming_guide_example_sets_the_sizes_and_its_error_is_the_real_one(tmp_path: Path) -> None:
    """docs/theming.md, "Chart text size": its stylesheet and the error it shows."""
    fences = fenced_blocks((REPO / "docs" / "theming.md").read_text("utf-8"))
    [css] = [fence.content for fence in fences if fence.info == "css" and "--chart-" in fence.content]
    assert sizes_of(tmp_path / "good", {"newsroom.css": css}) == ChartSizes(
        text=16, small=13, axis=14, value=18)
    [shown] = [fence.content for fence in fences if fence.info == "text" and "--chart-" in fence.content]
    bad = css.replace("--chart-text: 16px", "--chart-text: 1rem")
    assert errors_of(tmp_path / "bad", {"newsroom.css": bad}) == [shown.strip()]


def test_comments_strings_and_other_rules_do_not_confuse_the_reader(tmp_path: Path) -> None:
    css = ('/* :root { --chart-text: 99px; } */\n'
           '.x::after { content: "} :root { --chart-text: 98px; }"; }\n'
           ':root {\n  --chart-textual: 1em; --chart-small: 10px;\n}\n')
    assert sizes_of(tmp_path, {"extra.css": css}) == dataclasses.replace(SIZES, small=10)


@pytest.mark.parametrize(("files", "expected"), [
    pytest.param({"style.css": DEFAULT_CSS.replace(" --chart-axis: 12px;", "")}, [
        f"templates/static/style.css:{ROOT_LINE}:1: --chart-axis is not set: charts lay their "
        "labels out for it; add '--chart-axis: 12px;' to the top-level ':root' rule",
    ], id="missing"),
    pytest.param({"style.css": DEFAULT_CSS.replace("--chart-text: 13px;", "--chart-text: 1rem;")}, [
        f"templates/static/style.css:{SIZES_LINE}:3: --chart-text must be a size in px, like 13px, "
        "not '1rem': charts lay their labels out for it at build time",
    ], id="not-px"),
    pytest.param({"style.css": DEFAULT_CSS.replace(
        "--chart-value: 15px;", "--chart-value: 15px; --chart-value: 16px;")}, [
        f"templates/static/style.css:{SIZES_LINE}:85: --chart-value is set twice (first on line "
        f"{SIZES_LINE}): charts are laid out for one value; keep one",
    ], id="twice"),
    pytest.param({"print.css": "@media print {\n  :root { --chart-small: 9pt; }\n}\n"}, [
        "templates/static/print.css:2:11: --chart-small is set inside '@media print > :root': "
        "charts are laid out once, at build time, so set it only in the top-level ':root' rule",
    ], id="in-media-query"),
    pytest.param({"a.css": ":root { --chart-text: 14px }", "b.css": ":root {\n--chart-text: 15px }"}, [
        "templates/static/b.css:2:1: --chart-text is set in two stylesheets (first in "
        "templates/static/a.css:1): which one wins depends on the order pages link them; set it "
        "in one",
    ], id="two-stylesheets"),
])
def test_a_size_that_is_not_one_px_value_names_the_file_and_line(
        tmp_path: Path, files: dict[str, str], expected: list[str]) -> None:
    assert errors_of(tmp_path, files) == expected


def test_an_unreadable_stylesheet_is_one_error(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "static"
    folder.mkdir(parents=True)
    (folder / "style.css").write_bytes(b":root { --chart-text: 13px; } /* \xff */")
    with pytest.raises(BuildFailed) as raised:
        read_chart_sizes(find_theme(tmp_path))
    [error] = raised.value.errors  # and not four "is not set" besides
    assert str(error).startswith("templates/static/style.css: cannot read the stylesheet: 'utf-8'")


def test_the_build_fails_on_a_missing_size_without_a_traceback(
        built_project: tuple[Path, Path]) -> None:
    root, out_dir = built_project
    break_project(root, {"templates/static/style.css": DEFAULT_CSS.replace("--chart-text: 13px; ", "")})
    assert_fails_leaving_output(root, out_dir, [
        f"templates/static/style.css:{ROOT_LINE}:1: --chart-text is not set: charts lay their "
        "labels out for it; add '--chart-text: 13px;' to the top-level ':root' rule",
    ])


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
    events = [Event(kind="events", slug=f"e{year}", path=f"content/events/e{year}.md", body="",
                    body_line=1, lines={}, corrections=(), updated=None, title=f"E{year}",
                    start=FuzzyDate(year, 0, 0, 1)) for year in (1990, 1991, 2020)]
    heights = [float(svg_of(timeline_strip(events, lambda e: "#", sizes)).get("height", ""))
               for sizes in (SIZES, BIG)]
    assert heights[1] > heights[0]  # the tick and cut labels' rows grow with their text


def figure(slug: str, value: float, label: str) -> Figure:
    return Figure(kind="figures", slug=slug, path=f"content/figures/{slug}.md", body="",
                  body_line=1, lines={}, corrections=(), updated=None, label=label, value=value,
                  display=f"{value:,.0f}", unit="people", source="a census")


def test_bigger_figure_text_wraps_labels_sooner_and_keeps_more_room_for_values() -> None:
    figures = [figure("a", 3000, "People who left the valley in the first week of the fighting"),
               figure("b", 1200, "People who stayed")]
    drawn = {sizes: svg_of(figure_bars(figures, lambda f: "#", sizes)) for sizes in (SIZES, BIG)}
    lines = {sizes: len(texts(svg, "bar-label")) for sizes, svg in drawn.items()}
    longest = {sizes: max(float(r.get("width", "")) for r in svg.iter(f"{SVG}rect"))
               for sizes, svg in drawn.items()}
    assert lines[BIG] > lines[SIZES]
    assert longest[BIG] < longest[SIZES]  # the value beside it needs more room


def place(slug: str, name: str, part_of: str = "",
          coordinates: tuple[float, float] | None = None) -> Place:
    return Place(kind="places", slug=slug, path=f"content/places/{slug}.md", body="", body_line=1,
                 lines={}, corrections=(), updated=None, name=name, place_kind="town",
                 part_of=part_of, coordinates=coordinates)


def test_bigger_map_labels_turn_inward_sooner_and_stack_further_apart() -> None:
    places = [place("west", "Westbury", coordinates=(35.0, 69.0)),
              place("east", "Eastfield Town", coordinates=(35.0, 69.9)),
              place("near", "Nearby", coordinates=(35.02, 69.02))]
    drawn = {sizes: svg_of(locator_map(places, lambda p: "#", sizes)) for sizes in (SIZES, BIG)}
    labels = {sizes: {t.text: t for t in texts(svg, "point-label")} for sizes, svg in drawn.items()}
    anchors = {sizes: found["Eastfield Town"].get("text-anchor") for sizes, found in labels.items()}
    assert anchors == {SIZES: None, BIG: "end"}  # at the bigger size it would cross the edge
    gaps = {sizes: abs(float(found["Nearby"].get("y", "")) - float(found["Westbury"].get("y", "")))
            for sizes, found in labels.items()}
    assert gaps[BIG] > gaps[SIZES] >= SIZES.text  # stacked a line apart, a bigger line
    assert gaps[BIG] >= BIG.text


def test_bigger_place_names_get_taller_box_headers() -> None:
    places = [place("valley", "Valley"), place("town", "Town", part_of="valley")]
    tops = {}
    for sizes in (SIZES, BIG):
        rects = list(svg_of(places_diagram(places, lambda p: "#", sizes)).iter(f"{SVG}rect"))
        inner = next(r for r in rects if "depth-1" in r.get("class", ""))
        tops[sizes] = float(inner.get("y", ""))
    assert tops[BIG] - 1 == pytest.approx((tops[SIZES] - 1) + (BIG.text - SIZES.text))
