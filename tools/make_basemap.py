"""Convert Natural Earth's countries, as the npm package world-atlas@2 ships them (TopoJSON), into
the compact files site_builder/render/basemap.py reads: site_builder/data/basemap-110m.bin.gz
and basemap-50m.bin.gz.

Run once, by hand, when the data should change; the build never needs npm:

    npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
    python tools/make_basemap.py package/ site_builder/data/

Each output file holds two lists of lines in whole hundredths of a degree, delta-encoded
([lon0, lat0, dlon1, dlat1, ...]), packed by basemap.pack_lines with each line's box: "land",
the closed rings of land (outer shores and lake or sea holes alike: an even-odd fill tells them
apart), and "borders", the arcs two countries share.
Longitudes run on past 180 degrees where a line crosses the antimeridian (basemap.py draws
such a line once more a turn of the earth away). Each shared arc is simplified once
(Douglas-Peucker, DATA_TOLERANCE_DEG) before rings are built from it, so a border and the
shore it meets stay joined.
"""

from __future__ import annotations

import gzip
import itertools
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from site_builder.render.basemap import pack_lines

QUANTUM = 100
"""Stored units per degree: hundredths, about 1 km, finer than 1:50m's own detail."""

DATA_TOLERANCE_DEG = {"110m": 0.05, "50m": 0.02}
"""How far simplification may move a line, in degrees: under half a unit of the smallest window
each scale is drawn at (basemap.py's MIN_SPAN_DEG and CONTINENT_SPAN_DEG over 200 units)."""

Point = tuple[float, float]


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """TopoJSON's quantized, delta-encoded arcs as lists of (lon, lat)."""
    transform = topology["transform"]
    (scale_x, scale_y), (shift_x, shift_y) = transform["scale"], transform["translate"]
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: list[Point] = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker with an explicit stack (the 50m coasts are too long to recurse over)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x0, y0), (x1, y1) = points[first], points[last]
        length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
        far, far_index = 0.0, -1
        for index in range(first + 1, last):
            x, y = points[index]
            if length:
                distance = abs((x1 - x0) * (y0 - y) - (x0 - x) * (y1 - y0)) / length
            else:
                distance = ((x - x0) ** 2 + (y - y0) ** 2) ** 0.5
            if distance > far:
                far, far_index = distance, index
        if far > tolerance:
            keep[far_index] = True
            stack += [(first, far_index), (far_index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def arc_points(arcs: list[list[Point]], index: int) -> list[Point]:
    """One arc of a ring, reversed when TopoJSON names it by its one's complement."""
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def ring_points(arcs: list[list[Point]], ring: list[int]) -> list[Point]:
    """A closed ring from its arcs, each arc's first point dropped after the first arc."""
    points: list[Point] = []
    for index in ring:
        points += arc_points(arcs, index)[1 if points else 0 :]
    return points


def polygons_of(geometry: dict[str, Any]) -> list[list[list[int]]]:
    """A Polygon's or MultiPolygon's polygons, each a list of rings of arc indices."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def unwrap(points: list[Point]) -> list[Point]:
    """A line with its longitudes made continuous: a step across the antimeridian (Chukotka, Fiji)
    becomes a step past 180 degrees instead of a jump across the whole map."""
    shift = 0.0
    unwrapped = points[:1]
    for (lon0, _), (lon, lat) in itertools.pairwise(points):
        if lon - lon0 > 180:
            shift -= 360
        elif lon0 - lon > 180:
            shift += 360
        unwrapped.append((lon + shift, lat))
    return unwrapped


def close_ring(points: list[Point]) -> list[Point]:
    """An unwrapped ring that ends a turn of the earth away from its start goes round a pole
    (Antarctica): close it along that pole's parallel so its fill stays on the right side."""
    if abs(points[-1][0] - points[0][0]) < 180:
        return points
    pole = -90.0 if sum(lat for _, lat in points) < 0 else 90.0
    return [*points, (points[-1][0], pole), (points[0][0], pole)]


def encode(points: list[Point]) -> list[int]:
    """A line in hundredths of a degree, delta-encoded, repeated points dropped."""
    cells: list[tuple[int, int]] = []
    for lon, lat in points:
        cell = (round(lon * QUANTUM), round(lat * QUANTUM))
        if not cells or cell != cells[-1]:
            cells.append(cell)
    flat = list(cells[0])
    for (x0, y0), (x1, y1) in itertools.pairwise(cells):
        flat += [x1 - x0, y1 - y0]
    return flat


def convert(topology: dict[str, Any], tolerance: float) -> dict[str, Any]:
    """One scale's land rings and shared borders, ready to store."""
    arcs = [simplify(arc, tolerance) for arc in decode_arcs(topology)]
    users: Counter[int] = Counter()
    for geometry in topology["objects"]["countries"]["geometries"]:
        used = {
            index if index >= 0 else ~index
            for polygon in polygons_of(geometry)
            for ring in polygon
            for index in ring
        }
        users.update(used)
    land = [
        encode(close_ring(unwrap(ring_points(arcs, ring))))
        for geometry in topology["objects"]["land"]["geometries"]
        for polygon in polygons_of(geometry)
        for ring in polygon
    ]
    borders = [encode(unwrap(arcs[index])) for index, count in sorted(users.items()) if count >= 2]
    return {
        "quantum": QUANTUM,
        "land": [ring for ring in land if len(ring) >= 8],
        "borders": [line for line in borders if len(line) >= 4],
    }


def main(package_dir: Path, out_dir: Path) -> None:
    """Write basemap-<scale>.bin.gz for each scale into out_dir."""
    for scale, tolerance in DATA_TOLERANCE_DEG.items():
        topology = json.loads((package_dir / f"countries-{scale}.json").read_text("utf-8"))
        data = convert(topology, tolerance)
        packed = pack_lines(data["quantum"], data["land"], data["borders"])
        dest_path = out_dir / f"basemap-{scale}.bin.gz"
        dest_path.write_bytes(gzip.compress(packed, compresslevel=9, mtime=0))
        points = sum(len(line) // 2 for key in ("land", "borders") for line in data[key])
        print(
            f"{dest_path}: {len(data['land'])} rings, {len(data['borders'])} borders, "
            f"{points} points, {dest_path.stat().st_size} bytes"
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
