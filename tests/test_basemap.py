"""The locator map's basemap (render/basemap.py): Natural Earth land and borders under the points,
clipped to the frame, at the scale the window calls for, light, and from no other origin."""

from __future__ import annotations

import dataclasses
import itertools
import random
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest

from site_builder.model import Place
from site_builder.render.basemap import (
    BLEED,
    CONTINENT_SPAN_DEG,
    NUMBERS_KEPT,
    SCALES,
    Window,
    _at_x,
    _at_y,
    _clip_segment,
    _near,
    _num,
    _path,
    _signed,
    choose_scale,
    clip_polygon,
    clip_polyline,
    index_lines,
    lines_near,
    load_basemap,
    pack_lines,
    unpack_lines,
)
from site_builder.render.chart_sizes import read_chart_sizes
from site_builder.render.charts import CHAR_WIDTH, PICTURE_WIDTH, PLACE_MAP_POINTS, locator_map, map_window
from site_builder.render.theme import find_theme

SIZES = read_chart_sizes(find_theme(Path(__file__).parent / "no-project"))
SVG = "{http://www.w3.org/2000/svg}"
WIDTH, HEIGHT = PICTURE_WIDTH, PICTURE_WIDTH / 1.4
"""The locator map's viewBox."""

BASEMAP_BUDGET = 4_000
"""Most bytes the basemap's path data may add to the explainer's places page (about 3 kB today:
its window is all land, so the land is one rectangle and the rest is borders)."""

CONTINENT_BUDGET = 12_000
"""Most bytes of basemap for a map of a continent (Europe with its coasts: about 8 kB)."""

Point = tuple[float, float]


class SvgCollector(HTMLParser):
    """Every <svg> of a page as an ElementTree element, parsed from the page's HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.svgs: list[ElementTree.Element] = []
        self.builder: ElementTree.TreeBuilder | None = None
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg" and self.builder is None:
            self.builder = ElementTree.TreeBuilder()
        if self.builder is not None:
            self.depth += 1
            self.builder.start(SVG + tag, {name: value or "" for name, value in attrs})

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.builder is None:
            return
        self.builder.end(SVG + tag)
        self.depth -= 1
        if not self.depth:
            self.svgs.append(self.builder.close())
            self.builder = None

    def handle_data(self, data: str) -> None:
        if self.builder is not None:
            self.builder.data(data)


def page_svgs(path: Path, css_class: str) -> list[ElementTree.Element]:
    collector = SvgCollector()
    collector.feed(path.read_text("utf-8"))
    return [svg for svg in collector.svgs if css_class in svg.get("class", "").split()]


def subpaths(d: str) -> list[list[Point]]:
    """The vertices of each subpath of SVG path data (M, L, Z and their relative forms)."""
    found: list[list[Point]] = []
    x = y = 0.0
    for command, numbers in re.findall(r"([MmLlZz])([^MmLlZz]*)", d):
        values = [float(n) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", numbers)]
        pairs = list(zip(values[::2], values[1::2], strict=True))
        for index, (dx, dy) in enumerate(pairs):
            relative = command.islower()
            x, y = (x + dx, y + dy) if relative else (dx, dy)
            if command in "Mm" and index == 0:
                found.append([])
            found[-1].append((x, y))
        if command in "Zz" and found:
            x, y = found[-1][0]
    return found


def inside(rings: list[list[Point]], point: Point) -> bool:
    """Even-odd point in polygon, as the land's fill-rule draws it."""
    px, py = point
    crossings = 0
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y0 > py) != (y1 > py) and px < x0 + (py - y0) * (x1 - x0) / (y1 - y0):
                crossings += 1
    return crossings % 2 == 1


def paths(svg: ElementTree.Element, css_class: str) -> list[list[Point]]:
    return [
        line
        for path in svg.iter(f"{SVG}path")
        if path.get("class") == css_class
        for line in subpaths(path.get("d", ""))
    ]


def place(slug: str, name: str, at: Point) -> Place:
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
        part_of="",
        coordinates=at,
    )


def draw(*places: Place, focus: Place | None = None) -> ElementTree.Element:
    return ElementTree.fromstring(locator_map(places, lambda p: f"{p.slug}/", SIZES, focus=focus))


def where(svg: ElementTree.Element, name: str) -> Point:
    """The centre of a place's point, as drawn."""
    link = next(a for a in svg.iter(f"{SVG}a") if a.get("aria-label") == name)
    circle = next(link.iter(f"{SVG}circle"))
    return float(circle.get("cx", "")), float(circle.get("cy", ""))


EUROPE = (
    place("lisbon", "Lisbon", (38.72, -9.14)),
    place("oslo", "Oslo", (59.91, 10.75)),
    place("athens", "Athens", (37.98, 23.73)),
    place("moscow", "Moscow", (55.76, 37.62)),
)
CHILE = (place("valparaiso", "Valparaíso", (-33.05, -71.62)),)
PACIFIC = (place("buoy", "Buoy 51", (-35.0, -130.0)),)
ICELAND = (place("reykjavik", "Reykjavík", (64.15, -21.94)),)
PANJSHIR = (
    place("afghanistan", "Afghanistan", (33.9, 67.7)),
    place("bazarak", "Bazarak", (35.31, 69.52)),
    place("panjshir-valley", "Panjshir Valley", (35.3, 69.5)),
)


@pytest.fixture(scope="module")
def explainer(built_explainer: Path) -> Path:
    """The explainer built once per run (read only): its maps are read, never changed."""
    return built_explainer


@pytest.fixture(scope="module")
def places_map(explainer: Path) -> ElementTree.Element:
    (svg,) = page_svgs(explainer / "places" / "index.html", "locator-map")
    return svg


def test_the_explainers_map_draws_afghanistan_under_its_points(places_map: ElementTree.Element) -> None:
    order = [child.get("class") or child.tag.removeprefix(SVG) for child in places_map]
    assert order.index("land") < order.index("border") < order.index("graticule") < order.index("a")
    land = paths(places_map, "land")
    points = {
        a.get("aria-label", ""): where(places_map, a.get("aria-label", ""))
        for a in places_map.iter(f"{SVG}a")
    }
    assert set(points) == {"Afghanistan", "Bazarak", "Panjshir Valley"}
    assert all(inside(land, at) for at in points.values())  # every point stands on land
    # Afghanistan's outline lies within the frame: borders on every side of its middle.
    x, y = points["Afghanistan"]
    vertices = [vertex for line in paths(places_map, "border") for vertex in line]
    assert min(vx for vx, _ in vertices) < x - 60 and max(vx for vx, _ in vertices) > x + 60
    assert min(vy for _, vy in vertices) < y - 40 and max(vy for _, vy in vertices) > y + 40
    assert "Natural Earth" in next(places_map.iter(f"{SVG}desc")).text  # type: ignore[operator]


def test_the_basemap_adds_little_weight_to_the_places_page(places_map: ElementTree.Element) -> None:
    drawn = sum(
        len(path.get("d", ""))
        for path in places_map.iter(f"{SVG}path")
        if path.get("class") in ("land", "border")
    )
    assert 0 < drawn <= BASEMAP_BUDGET
    europe = sum(len(path.get("d", "")) for path in draw(*EUROPE).iter(f"{SVG}path"))
    assert 0 < europe <= CONTINENT_BUDGET


@pytest.mark.parametrize(
    "places", [PANJSHIR, EUROPE, CHILE, PACIFIC], ids=["region", "continent", "coast", "ocean"]
)
def test_every_path_vertex_lies_in_the_frame(places: tuple[Place, ...]) -> None:
    svg = draw(*places)
    for css_class in ("land", "border"):
        for line in paths(svg, css_class):
            for x, y in line:
                assert -BLEED - 1e-6 <= x <= WIDTH + BLEED + 1e-6, (css_class, x, y)
                assert -BLEED - 1e-6 <= y <= HEIGHT + BLEED + 1e-6, (css_class, x, y)


def test_a_coast_draws_land_and_sea() -> None:
    svg = draw(*CHILE)
    land = paths(svg, "land")
    assert inside(land, where(svg, "Valparaíso"))
    assert not inside(land, (5, HEIGHT / 2))  # the Pacific, west of the coast
    assert inside(land, (WIDTH - 5, HEIGHT / 2))  # Argentina, east of the Andes


def test_an_ocean_window_draws_no_land() -> None:
    svg = draw(*PACIFIC)
    assert [path.get("class") for path in svg.iter(f"{SVG}path")] == []
    assert [a.get("aria-label") for a in svg.iter(f"{SVG}a")] == ["Buoy 51"]


def test_a_continent_takes_the_small_scale_and_a_region_the_medium() -> None:
    europe = map_window([p.coordinates for p in EUROPE if p.coordinates])
    panjshir = map_window([p.coordinates for p in PANJSHIR if p.coordinates])
    assert europe.north - europe.south > CONTINENT_SPAN_DEG >= panjshir.north - panjshir.south
    assert (choose_scale(europe), choose_scale(panjshir)) == ("110m", "50m")
    # 1:50m has the finer shores: more rings (islands) and more points.
    coarse, fine = load_basemap("110m"), load_basemap("50m")
    assert len(fine.land) > len(coarse.land)
    assert sum(len(r.points) for r in fine.land) > 3 * sum(len(r.points) for r in coarse.land)


def test_packed_lines_unpack_to_the_same_points_and_boxes() -> None:
    """A line crossing 180 degrees, one at its south-west and a ring: each comes back with the
    points its deltas sum to and the box of those points, land and borders apart."""
    land = [[17_990, 10, 20, -5, -30, 5], [-18_000, -9_000, 1, 1]]
    borders = [[5, 5, 0, 0, -10, 20, 10, -20]]
    unpacked = unpack_lines(pack_lines(100, land, borders))
    assert [[line.points for line in lines] for lines in unpacked] == [
        [((179.9, 0.1), (180.1, 0.05), (179.8, 0.1)), ((-180.0, -90.0), (-179.99, -89.99))],
        [((0.05, 0.05), (0.05, 0.05), (-0.05, 0.25), (0.05, 0.05))],
    ]
    assert [lines.boxes for lines in unpacked] == [
        ((179.8, 0.05, 180.1, 0.1), (-180.0, -90.0, -179.99, -89.99)),
        ((-0.05, 0.05, 0.05, 0.25),),
    ]


def test_the_map_names_no_other_origin(places_map: ElementTree.Element) -> None:
    for svg in (places_map, draw(*EUROPE)):
        for element in svg.iter():
            assert element.tag.removeprefix(SVG) not in ("image", "use", "foreignObject", "style")
            for name, value in element.attrib.items():
                if name == "xmlns":  # the SVG namespace's name, which nothing fetches
                    continue
                assert "http" not in value and "//" not in value and "url(" not in value, (name, value)


def label_boxes(svg: ElementTree.Element) -> Iterator[tuple[str, float, float, float, float]]:
    """(name, left, top, right, bottom) of each place label, as the layout reserves it."""
    for text in svg.iter(f"{SVG}text"):
        if text.get("class") == "point-label":
            name, x, y = text.text or "", float(text.get("x", "")), float(text.get("y", ""))
            width = len(name) * SIZES.text * CHAR_WIDTH
            left = x - width if text.get("text-anchor") == "end" else x
            yield name, left, y - SIZES.text + 1, left + width, y + 2


def test_labels_two_km_apart_do_not_overlap(places_map: ElementTree.Element) -> None:
    bazarak, valley = where(places_map, "Bazarak"), where(places_map, "Panjshir Valley")
    assert abs(bazarak[0] - valley[0]) < 1 and abs(bazarak[1] - valley[1]) < 1  # one spot
    boxes = list(label_boxes(places_map))
    assert {name for name, *_ in boxes} == {"Afghanistan", "Bazarak", "Panjshir Valley"}
    for index, (name, left, top, right, bottom) in enumerate(boxes):
        assert left >= 0 and right <= WIDTH and top >= 0 and bottom <= HEIGHT, name
        for other, o_left, o_top, o_right, o_bottom in boxes[index + 1 :]:
            assert right <= o_left or o_right <= left or bottom <= o_top or o_bottom <= top, (name, other)


def test_a_place_page_has_its_own_small_map(explainer: Path) -> None:
    (svg,) = page_svgs(explainer / "places" / "bazarak" / "index.html", "locator-map")
    assert next(svg.iter(f"{SVG}title")).text == "Where Bazarak is"
    here = [a.get("aria-label") for a in svg.iter(f"{SVG}a") if a.get("aria-current") == "page"]
    assert here == ["Bazarak"]
    assert {a.get("aria-label") for a in svg.iter(f"{SVG}a")} == {"Afghanistan", "Bazarak", "Panjshir Valley"}
    assert where(svg, "Bazarak") == pytest.approx((WIDTH / 2, HEIGHT / 2), abs=0.1)  # centred on it
    assert paths(svg, "land") and paths(svg, "border")
    for without in ("astana", "united-states", "panjshir-province"):  # no coordinates, no map
        assert page_svgs(explainer / "places" / without / "index.html", "locator-map") == []


def test_a_place_map_shows_only_the_places_in_its_window() -> None:
    svg = draw(*PANJSHIR, *EUROPE, focus=PANJSHIR[1])
    assert {a.get("aria-label") for a in svg.iter(f"{SVG}a")} == {"Afghanistan", "Bazarak", "Panjshir Valley"}
    alone = draw(*EUROPE, focus=PANJSHIR[1])  # the place itself is always on its own map
    assert [a.get("aria-label") for a in alone.iter(f"{SVG}a")] == ["Bazarak"]
    unplaced = dataclasses.replace(PANJSHIR[1], coordinates=None)
    assert locator_map(EUROPE, lambda p: "#", SIZES, focus=unplaced) == ""


def on_map(at: Point, points: list[Point]) -> Point:
    """Where (latitude, longitude) falls on the map of these points."""
    window = map_window(points)
    return (
        (at[1] - window.west) / (window.east - window.west) * WIDTH,
        (window.north - at[0]) / (window.north - window.south) * HEIGHT,
    )


def test_land_across_the_antimeridian_is_drawn_where_it_lies() -> None:
    # Russia's ring crosses 180 degrees to Chukotka: it must not streak across the North Atlantic.
    iceland = draw(*ICELAND)
    land = paths(iceland, "land")
    assert inside(land, on_map((64.9, -18.5), [(64.15, -21.94)]))  # the middle of Iceland
    assert not inside(land, (WIDTH - 5, 5))  # the Norwegian Sea, north-east of Iceland
    assert not inside(land, on_map((67.5, -18.0), [(64.15, -21.94)]))  # north of Iceland
    # Fiji's Lau islands lie past 180 degrees, east of Suva, and are drawn there.
    suva = draw(place("suva", "Suva", (-18.14, 178.44)))
    x_180, _ = on_map((0, 180), [(-18.14, 178.44)])
    assert any(x > x_180 + 5 for ring in paths(suva, "land") for x, _ in ring)


def test_a_place_map_shows_the_place_among_its_nearest_neighbours_only() -> None:
    crowd = [place(f"village-{i}", f"Village {i}", (35.3 + i / 100, 69.5 + i / 100)) for i in range(1, 30)]
    svg = draw(*crowd, *PANJSHIR, focus=PANJSHIR[1])
    names = [a.get("aria-label") for a in svg.iter(f"{SVG}a")]
    assert len(names) == PLACE_MAP_POINTS and "Bazarak" in names and "Panjshir Valley" in names
    assert "Village 29" not in names and "Afghanistan" not in names  # the farthest are left out


def same_ring(a: list[Point], b: list[Point]) -> bool:
    """Two rings with the same points in the same order, from wherever each starts."""
    return len(a) == len(b) and any((a + a)[start : start + len(b)] == b for start in range(len(a) or 1))


@pytest.mark.parametrize(
    "places", [PANJSHIR, EUROPE, CHILE, ICELAND], ids=["region", "continent", "coast", "north-atlantic"]
)
def test_skipping_stretches_off_the_frame_clips_to_the_same_shapes(places: tuple[Place, ...]) -> None:
    window = map_window([p.coordinates for p in places if p.coordinates])
    frame = (window.west - 0.1, window.south - 0.1, window.east + 0.1, window.north + 0.1)
    compared = 0
    for scale in SCALES:
        basemap = load_basemap(scale)
        for ring in basemap.land:
            whole = clip_polygon(ring.points, frame)
            assert same_ring(clip_polygon(_near(ring, frame), frame), whole)
            compared += bool(whole)
        for line in basemap.borders:
            assert clip_polyline(_near(line, frame), frame) == clip_polyline(line.points, frame)
    assert compared >= len(SCALES)  # at least one shore each time


def test_labels_of_places_at_one_spot_stack_clear_of_each_other_inside_the_map() -> None:
    # A valley's villages a few hundred metres apart, on the map of one of them: eight labels,
    # stacked above and below the spot rather than off the bottom of the picture.
    villages = [place(f"village-{i}", f"Village {i}", (35.3 + i / 1000, 69.5)) for i in range(8)]
    svg = draw(*villages, focus=villages[3])
    boxes = list(label_boxes(svg))
    assert len(boxes) == PLACE_MAP_POINTS
    for index, (name, left, top, right, bottom) in enumerate(boxes):
        assert left >= 0 and right <= WIDTH and top >= 0 and bottom <= HEIGHT, name
        for other, o_left, o_top, o_right, o_bottom in boxes[index + 1 :]:
            assert right <= o_left or o_right <= left or bottom <= o_top or o_bottom <= top, (name, other)


def random_windows(count: int) -> Iterator[Window]:
    """Windows of every size anywhere, many of them across 180 degrees, each also a turn of the
    earth east and west (as draw_basemap asks for them)."""
    rng = random.Random(16)
    for _ in range(count):
        lat, lon = (
            rng.uniform(-90, 90),
            rng.choice([rng.uniform(-180, 180), rng.uniform(170, 190), rng.uniform(-190, -170)]),
        )
        tall = rng.choice([0.5, 3, 12, 40, 120]) * rng.random()
        wide = rng.choice([1, 5, 20, 90, 300]) * rng.random()
        for turn in (0.0, 360.0, -360.0):
            yield Window(lat - tall / 2, lat + tall / 2, lon - wide / 2 - turn, lon + wide / 2 - turn)
    yield Window(-90, 90, -180, 180)  # the whole earth
    yield Window(0, 0, 10, 10)  # a line of latitude, and a window on a cell's edge


def test_the_line_index_finds_the_lines_a_full_scan_finds() -> None:
    for scale in SCALES:
        basemap = load_basemap(scale)
        for lines, index in ((basemap.land, basemap.land_index), (basemap.borders, basemap.borders_index)):
            for window in random_windows(300):
                near = lines_near(index, window)
                assert near == sorted(set(near))
                assert [i for i in near if lines[i].meets(window)] == [
                    i for i, line in enumerate(lines) if line.meets(window)
                ], (scale, window)


def test_an_empty_set_of_lines_has_an_empty_index() -> None:
    assert lines_near(index_lines(()), Window(-10, 10, -10, 10)) == []


def random_points(rng: random.Random, frame: tuple[float, float, float, float], count: int) -> list[Point]:
    """Points in and around the frame, some of them on its edges or repeated."""
    left, top, right, bottom = frame
    choices = [left, right, rng.uniform(left - 5, right + 5)]
    points: list[Point] = []
    for _ in range(count):
        point = (
            (rng.choice(choices), rng.uniform(top - 5, bottom + 5))
            if rng.random() < 0.2
            else (
                rng.uniform(left - 5, right + 5),
                rng.choice([top, bottom, rng.uniform(top - 5, bottom + 5)]),
            )
        )
        points.append(points[-1] if points and rng.random() < 0.05 else point)
    return points


def clip_each_segment(points: list[Point], frame: tuple[float, float, float, float]) -> list[list[Point]]:
    """clip_polyline as it was first written: Liang-Barsky on every segment."""
    pieces: list[list[Point]] = []
    current: list[Point] = []
    for start, end in itertools.pairwise(points):
        segment = _clip_segment(start, end, frame)
        if segment is None:
            current = []
            continue
        if not current:
            current = [segment[0]]
            pieces.append(current)
        current.append(segment[1])
        if segment[1] != end:
            current = []
    return pieces


def clip_every_edge(points: list[Point], frame: tuple[float, float, float, float]) -> list[Point]:
    """clip_polygon as it was first written: every Sutherland-Hodgman pass, even one that copies."""
    left, top, right, bottom = frame
    edges: tuple[tuple[Callable[[Point], bool], Callable[[Point, Point], Point]], ...] = (
        (lambda p: p[0] >= left, lambda a, b: _at_x(a, b, left)),
        (lambda p: p[0] <= right, lambda a, b: _at_x(a, b, right)),
        (lambda p: p[1] >= top, lambda a, b: _at_y(a, b, top)),
        (lambda p: p[1] <= bottom, lambda a, b: _at_y(a, b, bottom)),
    )
    output = list(points)
    for keeps, cross in edges:
        if not output:
            break
        source, output = output, []
        previous = source[-1]
        for point in source:
            if keeps(point):
                if not keeps(previous):
                    output.append(cross(previous, point))
                output.append(point)
            elif keeps(previous):
                output.append(cross(previous, point))
            previous = point
    return output


def test_clipping_shortcuts_give_what_clipping_every_segment_and_edge_gives() -> None:
    rng = random.Random(16)
    for _ in range(2_000):
        frame = (rng.uniform(-10, 0), rng.uniform(-10, 0), rng.uniform(0.5, 10), rng.uniform(0.5, 10))
        points = random_points(rng, frame, rng.randint(0, 40))
        assert clip_polyline(points, frame) == clip_each_segment(points, frame)
        assert clip_polygon(points, frame) == clip_every_edge(points, frame)
        inner = [(rng.uniform(frame[0], frame[2]), rng.uniform(frame[1], frame[3])) for _ in range(10)]
        assert clip_polygon(inner, frame) == inner  # every pass skipped
        assert clip_polyline(inner, frame) == [inner]


@pytest.mark.parametrize(
    "step",
    [
        0,
        0.05,
        0.55,
        -0.55,
        12.34,
        -12.36,
        NUMBERS_KEPT / 10,
        NUMBERS_KEPT / 10 + 0.1,
        -NUMBERS_KEPT / 10 - 0.1,
        10_000.0,
    ],
)
def test_path_data_is_the_same_from_the_table_as_formatted(step: float) -> None:
    points = [(1.0, 2.0), (1.0 + step, 2.0 - step), (1.0 + 2 * step, 2.0 + step), (3.0, -4.0)]
    tenths = [(round(x * 10), round(y * 10)) for x, y in points]
    for closed in (True, False):
        kept = tenths if abs(step) >= 0.5 else tenths[:1] + tenths[3:]
        if len(kept) < (3 if closed else 2):
            assert _path(points, closed) == ""
            continue
        expected = (
            f"M{_num(kept[0][0])}{_signed(kept[0][1])}l"
            + "".join(
                (_num(x1 - x0) if index == 0 else _signed(x1 - x0)) + _signed(y1 - y0)
                for index, ((x0, y0), (x1, y1)) in enumerate(itertools.pairwise(kept))
            )
            + ("z" if closed else "")
        )
        assert _path(points, closed) == expected
