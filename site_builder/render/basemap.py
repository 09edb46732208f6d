"""Land, coastlines and country borders under the locator map, from Natural Earth (public domain;
site_builder/data/NATURAL_EARTH.md), drawn as inline SVG path data clipped to the map's frame.

The data ships inside the package at two scales, 1:110m for a continent and 1:50m for a region
(tools/make_basemap.py made it from world-atlas@2), and is read once per process, the first time
a map needs it; a line's points are decoded only when a map comes near it (a map of a region
draws a few dozen of 1:50m's 1,761 lines, and decoding them all cost 0.08 s of CPU, a tenth of
the explainer's cold build). Every line is simplified to the picture: vertices closer than
MIN_STEP units to the last one kept are dropped and coordinates are rounded to tenths of a unit.
"""

from __future__ import annotations

import gzip
import itertools
import math
import sys
import types
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import overload

from ..records import frozen

Project = Callable[[float, float], tuple[float, float]]
"""(latitude, longitude) -> (x, y) on the picture."""

Point = tuple[float, float]

CONTINENT_SPAN_DEG = 25.0
"""A window taller than this many degrees of latitude shows a continent and takes the 1:110m
data; a smaller one, a region, takes 1:50m (tools/make_basemap.py simplified each for this)."""

SCALES = ("110m", "50m")

MIN_STEP = 0.5
"""Least distance between two drawn vertices, in picture units: closer ones are one pixel."""

BLEED = 1.0
"""How far past the frame shapes are clipped, in units: the shore's stroke then never runs along
the frame's edge, where land is cut rather than ends (the <svg> hides what lies outside)."""


@frozen
class Window:
    """The stretch of the earth a map shows, in degrees."""

    south: float
    north: float
    west: float
    east: float


CHUNK = 32
"""Points per stretch of a line that has its own box: a stretch wholly off one side of the frame
is clipped as its two ends alone (a continent's shore is thousands of points, most of them off
the frame)."""

Box = tuple[float, float, float, float]
"""west, south, east, north; or a frame's left, top, right, bottom: the least and greatest
coordinate on each axis."""


@frozen(eq=False, repr=False)
class Line:
    """A polyline or ring in (longitude, latitude), with its bounding box for a quick skip and
    the box of each CHUNK of its points."""

    points: tuple[Point, ...]
    west: float
    south: float
    east: float
    north: float
    chunk_boxes: tuple[Box, ...]

    def meets(self, window: Window) -> bool:
        """Whether the line's box overlaps the window (the line itself may still miss it)."""
        return (
            self.west <= window.east
            and self.east >= window.west
            and self.south <= window.north
            and self.north >= window.south
        )


CELL_DEG = 10.0
"""Side of the cells a LineIndex buckets lines by, in degrees: a region's window touches a few."""


@frozen(eq=False, repr=False)
class LineIndex:
    """Which lines' boxes touch each CELL_DEG cell, so a window looks only at the lines near it
    (a map shows a few dozen of a scale's 1,800 lines)."""

    cells: Mapping[tuple[int, int], tuple[int, ...]]
    """(column, row) -> positions in the line tuple, ascending; column = floor(lon / CELL_DEG)."""
    columns: tuple[int, int]
    """The least and greatest column any line touches; rows likewise."""
    rows: tuple[int, int]


class Lines(Sequence[Line]):
    """A scale's stored lines, each decoded into a Line the first time it is asked for; their
    boxes, which the index and a window's first test need, come stored with them."""

    def __init__(self, stored: Sequence[Sequence[int]], quantum: int, boxes: tuple[Box, ...]) -> None:
        self._stored = stored
        self._quantum = quantum
        self._decoded: list[Line | None] = [None] * len(stored)
        self.boxes = boxes
        """Each line's west, south, east, north: Line's own, without decoding the line."""

    def __len__(self) -> int:
        return len(self._stored)

    @overload
    def __getitem__(self, position: int) -> Line: ...

    @overload
    def __getitem__(self, position: slice) -> Sequence[Line]: ...

    def __getitem__(self, position: int | slice) -> Line | Sequence[Line]:
        if isinstance(position, slice):
            return [self[found] for found in range(len(self))[position]]
        line = self._decoded[position]
        if line is None:
            line = self._decoded[position] = _decode(self._stored[position], self._quantum)
        return line


@frozen(eq=False, repr=False)
class Basemap:
    """One scale of Natural Earth: land rings (shores and lake holes) and shared borders."""

    scale: str
    land: Lines
    borders: Lines
    land_index: LineIndex
    borders_index: LineIndex


@frozen(eq=False, repr=False)
class BasemapPaths:
    """SVG path data for one map: land to fill (even-odd) and stroke as shore, borders to stroke."""

    scale: str
    land: str
    borders: str


def choose_scale(window: Window) -> str:
    """1:110m for a continent-sized window, 1:50m for a region."""
    return "110m" if window.north - window.south > CONTINENT_SPAN_DEG else "50m"


@cache
def load_basemap(scale: str) -> Basemap:
    """One scale's data from the package, decoded once per process (it never changes)."""
    packed = resources.files("site_builder").joinpath("data", f"basemap-{scale}.bin.gz").read_bytes()
    land, borders = unpack_lines(gzip.decompress(packed))
    return Basemap(scale, land, borders, index_boxes(land.boxes), index_boxes(borders.boxes))


def pack_lines(quantum: int, land: Sequence[Sequence[int]], borders: Sequence[Sequence[int]]) -> bytes:
    """A scale's stored lines (tools/make_basemap.py) as the file load_basemap reads: 32-bit
    little-endian whole numbers, read in C (parsing them as JSON and summing each line's box on
    every start cost 0.02 s of a build that draws a map). The quantum, the counts of land rings
    and of borders; then for each of the two, every line's length, every line's box (west,
    south, east, north, in quanta) and the lines themselves, one after another."""
    numbers = array("i", [quantum, len(land), len(borders)])
    for lines in (land, borders):
        numbers.extend(len(flat) for flat in lines)
        for flat in lines:
            numbers.extend(_stored_box(flat))
        for flat in lines:
            numbers.extend(flat)
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers.tobytes()


def unpack_lines(packed: bytes) -> tuple[Lines, Lines]:
    """The land rings and the borders pack_lines wrote."""
    numbers = array("i")
    numbers.frombytes(packed)
    if sys.byteorder == "big":
        numbers.byteswap()
    quantum, at = numbers[0], 3
    found = []
    for count in numbers[1:3]:
        lengths = numbers[at : at + count]
        corners = [corner / quantum for corner in numbers[at + count : at + 5 * count]]
        at += 5 * count
        stored = []
        for length in lengths:
            stored.append(numbers[at : at + length])
            at += length
        boxes = tuple(zip(*[iter(corners)] * 4, strict=True))
        found.append(Lines(stored, quantum, boxes))
    return found[0], found[1]


def index_lines(lines: Sequence[Line]) -> LineIndex:
    """Each line under every cell its box touches."""
    return index_boxes([(line.west, line.south, line.east, line.north) for line in lines])


def index_boxes(boxes: Sequence[Box]) -> LineIndex:
    """Each line, given by its box (west, south, east, north), under every cell the box touches."""
    cells: dict[tuple[int, int], list[int]] = {}
    for position, (west, south, east, north) in enumerate(boxes):
        for column in range(_cell(west), _cell(east) + 1):
            for row in range(_cell(south), _cell(north) + 1):
                cells.setdefault((column, row), []).append(position)
    columns = [column for column, _ in cells] or [0]
    rows = [row for _, row in cells] or [0]
    return LineIndex(
        types.MappingProxyType({cell: tuple(found) for cell, found in cells.items()}),
        (min(columns), max(columns)),
        (min(rows), max(rows)),
    )


def _cell(degrees: float) -> int:
    return math.floor(degrees / CELL_DEG)


def lines_near(index: LineIndex, window: Window) -> list[int]:
    """Positions, ascending, of every line whose box may meet the window: all of those that do
    (a point common to both boxes lies in a cell of each), and some that do not."""
    found: set[int] = set()
    for column in range(
        max(_cell(window.west), index.columns[0]), min(_cell(window.east), index.columns[1]) + 1
    ):
        for row in range(
            max(_cell(window.south), index.rows[0]), min(_cell(window.north), index.rows[1]) + 1
        ):
            found.update(index.cells.get((column, row), ()))
    return sorted(found)


def _decode(flat: Sequence[int], quantum: int) -> Line:
    """A stored line (delta-encoded whole hundredths of a degree) as degrees with its box."""
    x = y = 0
    points: list[Point] = []
    for index in range(0, len(flat), 2):
        x, y = x + flat[index], y + flat[index + 1]
        points.append((x / quantum, y / quantum))
    boxes = [_box(points[start : start + CHUNK]) for start in range(0, len(points), CHUNK)]
    return Line(tuple(points), *_box(points), tuple(boxes))


def _stored_box(flat: Sequence[int]) -> tuple[int, int, int, int]:
    """A stored line's box in quanta: divided by the quantum, _decode's (the same whole
    hundredths summed, then divided; the least quotient is the least number's, as dividing by
    a positive number keeps the order)."""
    lons = list(itertools.accumulate(flat[0::2]))
    lats = list(itertools.accumulate(flat[1::2]))
    return min(lons), min(lats), max(lons), max(lats)


def _box(points: Sequence[Point]) -> Box:
    lons = [lon for lon, _ in points]
    lats = [lat for _, lat in points]
    return min(lons), min(lats), max(lons), max(lats)


def draw_basemap(window: Window, width: float, height: float, project: Project) -> BasemapPaths:
    """Land and borders inside the window as path data for a width x height picture, clipped to
    its frame (plus BLEED); an empty string where there is nothing to draw.

    project must be affine in longitude and latitude (the locator map's equirectangular one):
    lines are clipped in degrees, to the window plus BLEED, and only what is left is projected."""
    basemap = load_basemap(choose_scale(window))
    bleed_lon = BLEED * (window.east - window.west) / width
    bleed_lat = BLEED * (window.north - window.south) / height
    land: list[str] = []
    borders: list[str] = []
    for lines, index, closed in (
        (basemap.land, basemap.land_index, True),
        (basemap.borders, basemap.borders_index, False),
    ):
        for line, turn in _meeting(lines, index, window):
            frame = (
                window.west - turn - bleed_lon,
                window.south - bleed_lat,
                window.east - turn + bleed_lon,
                window.north + bleed_lat,
            )
            points = _near(line, frame)
            pieces = [clip_polygon(points, frame)] if closed else clip_polyline(points, frame)
            for piece in pieces:
                drawn = _path([project(lat, lon + turn) for lon, lat in piece], closed)
                (land if closed else borders).append(drawn)
    return BasemapPaths(basemap.scale, "".join(land), "".join(borders))


def _near(line: Line, frame: Box) -> list[Point]:
    """The line's points, with each CHUNK that lies wholly off one side of the frame cut to its
    two ends: clipping then gives the same result (what lies off a side only ever yields the
    points where the line crosses that side, found from the segments into and out of it)."""
    left, top, right, bottom = frame
    points: list[Point] = []
    for index, (west, south, east, north) in enumerate(line.chunk_boxes):
        chunk = line.points[index * CHUNK : (index + 1) * CHUNK]
        if east < left or west > right or north < top or south > bottom:
            points += (chunk[0], chunk[-1]) if len(chunk) > 1 else chunk
        else:
            points += chunk
    return points


def _meeting(lines: Lines, index: LineIndex, window: Window) -> Iterator[tuple[Line, float]]:
    """(line, degrees to add to its longitudes) for each line whose box meets the window, as it
    is or a turn of the earth east or west (a line may run past 180 degrees, and a window too),
    in the order of the lines; the index limits the search to the lines near each, and only
    those whose box meets the window are decoded."""
    for turn in (0.0, 360.0, -360.0):
        west, east = window.west - turn, window.east - turn
        for position in lines_near(index, Window(window.south, window.north, west, east)):
            line_west, south, line_east, north = lines.boxes[position]
            if line_west <= east and line_east >= west and south <= window.north and north >= window.south:
                yield lines[position], turn


def clip_polygon(points: Sequence[Point], frame: Box) -> list[Point]:
    """A ring cut to the frame (Sutherland-Hodgman): where it leaves the frame it runs along the
    edge, so its fill is exact; what lies wholly outside comes back empty."""
    left, top, right, bottom = frame
    output = list(points)
    for axis, limit, above in ((0, left, True), (0, right, False), (1, top, True), (1, bottom, False)):
        if not output:
            break
        inside = (
            [point[axis] >= limit for point in output]
            if above
            else [point[axis] <= limit for point in output]
        )
        if all(inside):  # the pass would copy the ring as it is
            continue
        cross = _at_x if axis == 0 else _at_y
        source, output = output, []
        previous, previous_in = source[-1], inside[-1]
        for point, point_in in zip(source, inside, strict=True):
            if point_in:
                if not previous_in:
                    output.append(cross(previous, point, limit))
                output.append(point)
            elif previous_in:
                output.append(cross(previous, point, limit))
            previous, previous_in = point, point_in
    return output


def clip_polyline(points: Sequence[Point], frame: Box) -> list[list[Point]]:
    """The pieces of a line inside the frame (Liang-Barsky on each segment that has an end
    outside it; a run of points inside comes through as it is, as Liang-Barsky would give it)."""
    left, top, right, bottom = frame
    inside = bytes([left <= x <= right and top <= y <= bottom for x, y in points])
    pieces: list[list[Point]] = []
    current: list[Point] = []
    index = 0
    while index < len(points) - 1:
        start, end = points[index], points[index + 1]
        if inside[index] and inside[index + 1]:
            run_end = inside.find(0, index + 1)  # the first point outside, found at C speed
            run_end = len(points) if run_end < 0 else run_end
            if not current:
                current = [start]
                pieces.append(current)
            current += points[index + 1 : run_end]
            index = run_end - 1
            continue
        index += 1
        segment = _clip_segment(start, end, frame)
        if segment is None:
            current = []
            continue
        if not current:
            current = [segment[0]]
            pieces.append(current)
        current.append(segment[1])
        if segment[1] != end:  # the line leaves the frame here
            current = []
    return pieces


def _clip_segment(start: Point, end: Point, frame: Box) -> tuple[Point, Point] | None:
    """The part of one segment inside the frame, or None."""
    left, top, right, bottom = frame
    (x0, y0), (x1, y1) = start, end
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return None
    return (
        (x0 + low * dx, y0 + low * dy) if low > 0 else start,
        (x0 + high * dx, y0 + high * dy) if high < 1 else end,
    )


def _at_x(a: Point, b: Point, x: float) -> Point:
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def _at_y(a: Point, b: Point, y: float) -> Point:
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y


def _path(points: Sequence[Point], closed: bool) -> str:
    """Path data in tenths of a unit, moves relative after the first, vertices nearer than
    MIN_STEP to the last one kept dropped (a polyline keeps its end); empty if nothing is left."""
    kept = _thin(points, closed)
    if len(kept) < (3 if closed else 2):
        return ""
    flat = [round(value * 10) for point in kept for value in point]  # x0, y0, x1, y1, ...
    moves = [b - a for a, b in zip(flat, itertools.islice(flat, 2, None), strict=False)]
    if min(moves) >= -NUMBERS_KEPT and max(moves) <= NUMBERS_KEPT:
        texts = list(map(signed_steps().__getitem__, moves))  # a lookup rather than a call each
    else:
        texts = list(map(_signed, moves))
    texts[0] = _num(moves[0])  # the first follows "l": no space before it
    return f"M{_num(flat[0])}{_signed(flat[1])}l{''.join(texts)}{'z' if closed else ''}"


def _thin(points: Sequence[Point], closed: bool) -> list[Point]:
    """The points at least MIN_STEP apart (a polyline's last point is always kept)."""
    if not points:
        return []
    kept = [points[0]]
    last_x, last_y = points[0]
    least = MIN_STEP**2
    for point in itertools.islice(points, 1, len(points) if closed else len(points) - 1):
        x, y = point
        if (x - last_x) ** 2 + (y - last_y) ** 2 >= least:
            last_x, last_y = x, y
            kept.append(point)
    if not closed and len(points) > 1:
        kept.append(points[-1])
    return kept


def _num(tenths: int) -> str:
    """A number given in tenths, as short as SVG allows: 12, 1.5, .5, -.5."""
    whole, tenth = divmod(abs(tenths), 10)
    sign = "-" if tenths < 0 else ""
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole if whole else ''}.{tenth}"


def _signed(tenths: int) -> str:
    """A number that follows another: a minus sign separates it, else a space."""
    text = _num(tenths)
    return text if text.startswith("-") else " " + text


NUMBERS_KEPT = 4_000
"""Moves of up to this many tenths (the locator map is 280 units wide) are looked up, written
once per process, not formatted each time."""


@cache
def signed_steps() -> tuple[str, ...]:
    """_signed(n) at index n, for n in -NUMBERS_KEPT..NUMBERS_KEPT (a negative n counts from the
    end). Made when the first map is drawn, not on import (a build without maps never needs it),
    and from whole numbers and tenths joined: a fifth of the time of 8,001 calls (0.6 ms, not 3)."""
    tenths = ["", *(f".{tenth}" for tenth in range(1, 10))]
    wholes = ["", *map(str, range(1, NUMBERS_KEPT // 10 + 1))]
    texts = [whole + tenth if tenth else whole or "0" for whole in wholes for tenth in tenths]
    texts = texts[: NUMBERS_KEPT + 1]  # _num(n) for n in 0..NUMBERS_KEPT
    return (*(" " + text for text in texts), *("-" + text for text in reversed(texts[1:])))
