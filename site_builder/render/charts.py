"""Inline, accessible SVG pictures drawn at build time: no chart library ever reaches the browser.

Each picture is an <svg role="group"> (its marks are links) with a <title> and <desc>; the
template puts a text equivalent (the timeline list, a caption, a nested list) beside it.
Colours come from classes in the theme's style.css, so dark mode and print restyle them too.
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from markupsafe import Markup, escape

from ..model import Event, Figure, FuzzyDate, Place, Site
from ..strings import STRINGS, date_text, month_year_text
from .claims import claim_attribution, claim_text, figure_number

UrlFor = Callable[[Any], str]
"""The page-bound url() templates have: an item or a slug -> a link relative to the page."""

CHAR_WIDTH = 0.56
"""Average glyph width of the system sans-serif, in ems; enough to wrap and place labels."""


Words = Mapping[str, str]
"""The string table (strings.STRINGS, or a theme's): every word a picture shows or says."""


def template_globals(site: Site, strings: Words = STRINGS) -> dict[str, Any]:
    """Functions templates call to draw the timeline strip, figure bars and place pictures."""
    return {
        "timeline_strip": partial(timeline_strip, strings=strings),
        "events_by_year": partial(events_by_year, strings=strings),
        "comparable_figures": comparable_figures,
        "figure_bars": partial(figure_bars, strings=strings),
        "places_tree": places_tree,
        "places_diagram": partial(places_diagram, strings=strings),
        "locator_map": partial(locator_map, strings=strings),
    }


def _svg(css_class: str, width: float, height: float, title: str, desc: str, body: str) -> Markup:
    """The <svg> wrapper every picture shares: sized by its viewBox, named for assistive tech."""
    ident = f"{css_class}-{hashlib.sha256((title + desc).encode()).hexdigest()[:8]}"
    return Markup(
        f'<svg class="chart {css_class}" viewBox="0 0 {width:.0f} {height:.0f}" role="group" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
        f"{body}</svg>"
    )


def _text(x: float, y: float, content: str, css_class: str = "", anchor: str = "start") -> str:
    """One <text> element; anchor is start, middle or end."""
    klass = f' class="{css_class}"' if css_class else ""
    anchor_attr = f' text-anchor="{anchor}"' if anchor != "start" else ""
    return f'<text x="{x:.1f}" y="{y:.1f}"{klass}{anchor_attr}>{escape(content)}</text>'


def wrap_words(text: str, max_chars: int) -> list[str]:
    """Greedy word wrap for SVG text, which has no line breaking of its own."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= max_chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


# --- timeline strip ---------------------------------------------------------------------------

def date_bounds(date: FuzzyDate) -> tuple[float, float]:
    """The stretch of time a date names, as fractional years: a decade covers ten of them."""
    if date.precision == 0:
        return float(date.year), float(date.year + 10)
    if date.precision == 1:
        return float(date.year), float(date.year + 1)
    if date.precision == 2:
        return date.year + (date.month - 1) / 12, date.year + date.month / 12
    day = datetime.date(date.year, date.month, date.day)
    days_in_year = 366 if day.year % 4 == 0 and (day.year % 100 or day.year % 400 == 0) else 365
    start = date.year + (day.timetuple().tm_yday - 1) / days_in_year
    return start, start + 1 / days_in_year


def event_bounds(event: Event) -> tuple[float, float]:
    """From the start of an event's first date to the end of its last."""
    return date_bounds(event.start)[0], date_bounds(event.end or event.start)[1]


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of the time axis drawn to one linear scale; gaps between segments are cut out."""

    start: float
    end: float
    events: tuple[Event, ...]


def split_segments(events: Sequence[Event], gap_share: float = 0.25) -> list[Segment]:
    """Cut the axis wherever nothing happens for more than gap_share of the whole period."""
    spans = sorted(((event_bounds(e), e) for e in events), key=lambda pair: pair[0])
    total = max(end for (_, end), _ in spans) - spans[0][0][0]
    groups: list[list[tuple[tuple[float, float], Event]]] = []
    covered_to = -math.inf
    for span, event in spans:
        if not groups or span[0] - covered_to > gap_share * total:
            groups.append([])
        groups[-1].append((span, event))
        covered_to = max(covered_to, span[1])
    return [
        Segment(group[0][0][0], max(end for (_, end), _ in group), tuple(e for _, e in group))
        for group in groups
    ]


def _ticks(start: float, end: float, room: float, strings: Words) -> list[tuple[float, str]]:
    """(position, label) ticks for one segment: years, months or days by what fits."""
    span = end - start
    most = max(2, int(room // 62))
    if span > 1.5:
        step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 1000) if span / s <= most)
        first = math.ceil(start / step) * step
        return [(float(year), str(year)) for year in range(first, int(end) + 1, step)]
    months: list[tuple[float, str]] = []
    month_index = math.ceil(round(start * 12, 6))
    while month_index / 12 <= end:
        year, month = divmod(month_index, 12)
        label = (strings[f"date.month_abbr.{month + 1}"] if months else
                 month_year_text(year, month + 1, strings, abbreviated=True))
        months.append((month_index / 12, label))
        month_index += 1
    if len(months) > most:
        keep = math.ceil(len(months) / most)
        months = months[::keep]
    return months


def timeline_strip(events: Sequence[Event], url: UrlFor, strings: Words = STRINGS) -> Markup:
    """All events on one time axis; long empty stretches are cut out and marked as a broken axis."""
    if not events:
        return Markup("")
    width, pad, gap = 400.0, 12.0, 54.0
    mark_h, lane_h, top = 10.0, 14.0, 6.0
    segments = split_segments(events)
    room = width - 2 * pad - gap * (len(segments) - 1)
    floor = 1 / (2 * len(segments))
    shares = [max(floor, len(s.events) / len(events)) for s in segments]
    scales: list[tuple[float, float, float, float]] = []  # (x, width, first year, last year) shown
    marks: list[tuple[float, float, int, Event]] = []
    x0 = pad
    for segment, share in zip(segments, shares, strict=True):
        seg_width = room * share / sum(shares)
        margin = (segment.end - segment.start) * 0.03
        scales.append((x0, seg_width, segment.start - margin, segment.end + margin))
        lanes: list[float] = []  # right edge of the last mark in each lane
        for event in segment.events:
            left, right = (_on_scale(scales[-1], t) for t in event_bounds(event))
            right = max(right, left + mark_h)
            lane = next((i for i, edge in enumerate(lanes) if left > edge + 3), len(lanes))
            lanes[lane:lane + 1] = [right]
            marks.append((left, right, lane, event))
        x0 += seg_width + gap
    axis_y = top + (1 + max(lane for _, _, lane, _ in marks)) * lane_h + 4
    body: list[str] = []
    for index, scale in enumerate(scales):
        x, seg_width, lo, hi = scale
        body.append(f'<line class="axis" x1="{x:.1f}" x2="{x + seg_width:.1f}" '
                    f'y1="{axis_y:.1f}" y2="{axis_y:.1f}"/>')
        for when, label in _ticks(lo, hi, seg_width, strings):
            tick_x = _on_scale(scale, when)
            body.append(f'<line class="grid" x1="{tick_x:.1f}" x2="{tick_x:.1f}" y1="{top - 4:.1f}" '
                        f'y2="{axis_y:.1f}"/>')
            body.append(f'<line class="tick" x1="{tick_x:.1f}" x2="{tick_x:.1f}" y1="{axis_y:.1f}" '
                        f'y2="{axis_y + 5:.1f}"/>')
            body.append(_text(tick_x, axis_y + 18, label, "tick-label", "middle"))
        if index < len(scales) - 1:
            cut_x = x + seg_width + gap / 2
            body.append(f'<path class="break" d="M{cut_x - 8:.1f} {axis_y + 6:.1f} l6 -12 '
                        f'M{cut_x + 2:.1f} {axis_y + 6:.1f} l6 -12"/>')
            years = segments[index + 1].start - segments[index].end
            cut_label = strings["chart.timeline.cut_label"].format(length=_years_text(years, strings))
            body.append(_text(cut_x, axis_y + 34, cut_label, "break-label", "middle"))
    for left, right, lane, event in marks:
        y = top + lane * lane_h
        label = strings["chart.timeline.mark"].format(title=event.title, date=_date_text(event, strings))
        shape = (f'<circle cx="{left + mark_h / 2:.1f}" cy="{y + mark_h / 2:.1f}" r="{mark_h / 2:.1f}"/>'
                 if event.start.precision == 3 and event.end is None else
                 f'<rect x="{left:.1f}" y="{y:.1f}" width="{right - left:.1f}" '
                 f'height="{mark_h:.0f}" rx="3"/>')
        body.append(f'<a href="{escape(url(event))}" aria-label="{escape(label)}">'
                    f"<title>{escape(label)}</title>{shape}</a>")
    cuts = [strings["chart.timeline.cut"].format(length=_years_text(b.start - a.end, strings),
                                                 start=_bound_text(a.end, strings),
                                                 end=_bound_text(b.start, strings))
            for a, b in itertools.pairwise(segments)]
    last = events[-1].end or events[-1].start
    desc = strings["chart.timeline.desc"].format(count=len(events),
                                                 first=date_text(events[0].start, strings),
                                                 last=date_text(last, strings))
    if cuts:
        desc += " " + strings["chart.timeline.broken_axis"].format(cuts="; ".join(cuts))
    return _svg("timeline-strip", width, axis_y + (40 if cuts else 24),
                strings["chart.timeline.title"], desc, "".join(body))


def events_by_year(events: Sequence[Event], strings: Words = STRINGS) -> list[tuple[str, list[Event]]]:
    """Timeline events under year headings, in order: "the 1980s", "1989", "2021"."""
    groups: list[tuple[str, list[Event]]] = []
    for event in events:
        heading = (date_text(event.start, strings) if event.start.precision == 0 else
                   str(event.start.year))
        if not groups or groups[-1][0] != heading:
            groups.append((heading, []))
        groups[-1][1].append(event)
    return groups


def _on_scale(scale: tuple[float, float, float, float], when: float) -> float:
    """x of a moment on one segment's linear scale."""
    x, seg_width, lo, hi = scale
    return x + (when - lo) / (hi - lo) * seg_width


def _date_text(event: Event, strings: Words) -> str:
    text = date_text(event.start, strings)
    if event.time:
        text = strings["date.with_time"].format(date=text, time=event.time)
    if event.end:
        text += f" {strings['date.to']} {date_text(event.end, strings)}"
    return text


def _years_text(years: float, strings: Words) -> str:
    if years >= 1.5:
        return strings["chart.years"].format(count=round(years))
    return strings["chart.months"].format(count=round(years * 12))


def _bound_text(moment: float, strings: Words) -> str:
    year = int(moment)
    month = round((moment - year) * 12)
    if month in (0, 12):
        return str(year + month // 12)
    return month_year_text(year, month + 1, strings)


# --- figures ----------------------------------------------------------------------------------

def comparable_figures(figures: Iterable[Figure]) -> list[list[Figure]]:
    """Groups of two or more figures worth comparing: same unit and the same attribution."""
    groups: dict[tuple[str, str], list[Figure]] = {}
    for figure in figures:
        source = claim_attribution(figure)
        if source:
            groups.setdefault((figure.unit, source.casefold()), []).append(figure)
    return [group for group in groups.values() if len(group) > 1]


def figure_bars(figures: Sequence[Figure], url: UrlFor, strings: Words = STRINGS) -> Markup:
    """Comparable figures as horizontal bars from zero, each labelled with its value (qualifier
    included); the title says whose figures they are, and so does each bar's link."""
    width, pad, value_room = 360.0, 4.0, 60.0
    top_value = max(abs(f.value) for f in figures) or 1.0
    body: list[str] = []
    y = 4.0
    for figure in figures:
        for line in wrap_words(figure.label, int((width - 2 * pad) / (13 * CHAR_WIDTH))):
            y += 16
            body.append(_text(pad, y, line, "bar-label"))
        y += 6
        bar_width = (width - 2 * pad - value_room) * abs(figure.value) / top_value
        shown = figure_number(figure, strings)
        label = strings["entry.figure_number"].format(claim=claim_text(figure, strings), number=shown)
        body.append(f'<a href="{escape(url(figure))}" aria-label="{escape(label)}">'
                    f'<rect class="bar" x="{pad}" y="{y:.1f}" width="{max(bar_width, 2):.1f}" height="22"/>'
                    f"</a>")
        body.append(_text(pad + bar_width + 6, y + 16, shown, "bar-value"))
        y += 30
    unit = figures[0].unit
    desc = strings["chart.figures.desc"].format(
        figures="; ".join(strings["entry.figure_number"].format(claim=f.label,
                                                                number=figure_number(f, strings))
                          for f in figures), unit=unit)
    title = strings["chart.figures.title"].format(count=len(figures),
                                                  attribution=claim_attribution(figures[0]))
    return _svg("figure-bars", width, y + 4, title, desc, "".join(body))


# --- places -----------------------------------------------------------------------------------

def places_tree(places: Sequence[Place]) -> list[tuple[Place, list[Any]]]:
    """(place, children) trees by part_of, each level sorted by name; roots lie within nothing."""
    by_parent: dict[str, list[Place]] = {}
    for place in places:
        by_parent.setdefault(place.part_of, []).append(place)

    def grow(parent: str) -> list[tuple[Place, list[Any]]]:
        children = sorted(by_parent.get(parent, []), key=lambda p: p.name.casefold())
        return [(place, grow(place.slug)) for place in children]

    return grow("")


def places_diagram(places: Sequence[Place], url: UrlFor, strings: Words = STRINGS) -> Markup:
    """What lies within what, as nested boxes: a place's box holds the boxes of its parts."""
    tree = places_tree(places)
    if not any(children for _, children in tree):
        return Markup("")
    width, inset, header = 360.0, 10.0, 26.0
    body: list[str] = []

    def draw(nodes: list[tuple[Place, list[Any]]], x: float, y: float, w: float, depth: int) -> float:
        for place, children in nodes:
            top = y
            inner_y = draw(children, x + inset, y + header, w - 2 * inset, depth + 1)
            height = (inner_y - top) + (inset if children else 4)
            label = f"{place.name} ({place.place_kind})"
            body.insert(0, f'<a href="{escape(url(place))}" aria-label="{escape(label)}">'
                           f'<rect class="box depth-{min(depth, 3)}" x="{x:.1f}" y="{top:.1f}" '
                           f'width="{w:.1f}" height="{height:.1f}" rx="6"/>'
                           f'{_text(x + 10, top + 18, place.name, "box-name")}'
                           f'{_text(x + w - 10, top + 18, place.place_kind, "box-kind", "end")}</a>')
            y = top + height + 8
        return y

    height = draw(tree, 1, 1, width - 2, 0)
    desc = "; ".join(_tree_sentences(tree, strings)) + "."
    return _svg("places-diagram", width, height - 7, strings["chart.places.title"], desc,
                "".join(body))


def _tree_sentences(tree: list[tuple[Place, list[Any]]], strings: Words) -> list[str]:
    sentences: list[str] = []
    for place, children in tree:
        if children:
            names = ", ".join(child.name for child, _ in children)
            sentences.append(strings["chart.places.contains"].format(place=place.name, parts=names))
            sentences.extend(_tree_sentences(children, strings))
    return sentences


MAX_MAP_LABELS = 40
"""Beyond this many places a map's labels only pile up (and placing them costs n squared)."""


def locator_map(places: Sequence[Place], url: UrlFor, strings: Words = STRINGS) -> Markup:
    """Places with coordinates as labelled points on a latitude/longitude graticule.

    No borders: the theme ships no boundary data, and a made-up outline would mislead.
    Equirectangular projection, with longitude scaled by cos(mid latitude) so shapes hold.
    """
    located = sorted((p for p in places if p.coordinates), key=lambda p: -p.coordinates[0])  # type: ignore[index]
    if not located:
        return Markup("")
    lats = [p.coordinates[0] for p in located]  # type: ignore[index]
    lons = [p.coordinates[1] for p in located]  # type: ignore[index]
    mid_lat = (max(lats) + min(lats)) / 2
    stretch = max(math.cos(math.radians(mid_lat)), 0.2)
    span = max(max(lats) - min(lats), (max(lons) - min(lons)) * stretch, 2.0) * 1.5
    lat_lo, lat_hi = mid_lat - span / 2, mid_lat + span / 2
    mid_lon = (max(lons) + min(lons)) / 2
    lon_lo, lon_hi = mid_lon - span / stretch / 2 * 1.4, mid_lon + span / stretch / 2 * 1.4
    width, height = 360.0, 360.0 / 1.4

    def project(lat: float, lon: float) -> tuple[float, float]:
        return ((lon - lon_lo) / (lon_hi - lon_lo) * width, (lat_hi - lat) / (lat_hi - lat_lo) * height)

    step = next((s for s in (0.5, 1, 2, 5, 10, 15, 30) if span / s <= 5), 90)
    body: list[str] = []
    lat = math.ceil(lat_lo / step) * step
    while lat < lat_hi:
        _, y = project(lat, lon_lo)
        body.append(f'<line class="graticule" x1="0" x2="{width:.0f}" y1="{y:.1f}" y2="{y:.1f}"/>')
        if y > 16:  # a label above the top edge would be cut off
            hemisphere = strings["chart.map.north" if lat >= 0 else "chart.map.south"]
            body.append(_text(4, y - 3, f"{abs(lat):g}°{hemisphere}", "grid-label"))
        lat += step
    lon = math.ceil(lon_lo / step) * step
    while lon < lon_hi:
        x, _ = project(lat_lo, lon)
        body.append(f'<line class="graticule" x1="{x:.1f}" x2="{x:.1f}" y1="0" y2="{height:.0f}"/>')
        if x < width - 40:
            hemisphere = strings["chart.map.east" if lon >= 0 else "chart.map.west"]
            body.append(_text(x + 3, height - 4, f"{abs(lon):g}°{hemisphere}", "grid-label"))
        lon += step
    taken: list[tuple[float, float, float, float]] = []
    labelled = len(located) <= MAX_MAP_LABELS
    for place in located:
        x, y = project(*place.coordinates)  # type: ignore[misc]
        if not labelled:  # too many to label legibly: points, each named by its link
            body.append(f'<a href="{escape(url(place))}" aria-label="{escape(place.name)}">'
                        f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="3"/></a>')
            continue
        text_width = len(place.name) * 13 * CHAR_WIDTH
        anchor = "end" if x + 10 + text_width > width else "start"
        left = x - 10 - text_width if anchor == "end" else x + 10
        label_y = y + 4
        while any(left < r and left + text_width > lft and label_y - 12 < b and label_y + 2 > t
                  for lft, t, r, b in taken):
            label_y += 16
        taken.append((left, label_y - 12, left + text_width, label_y + 2))
        text_x = x + 10 if anchor == "start" else x - 10
        lead = (f'<line class="leader" x1="{x:.1f}" y1="{y:.1f}" x2="{text_x:.1f}" '
                f'y2="{label_y - 4:.1f}"/>' if label_y != y + 4 else "")
        body.append(f'<a href="{escape(url(place))}" aria-label="{escape(place.name)}">{lead}'
                    f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="4.5"/>'
                    f'{_text(text_x, label_y, place.name, "point-label", anchor)}'
                    "</a>")
    points = "; ".join(
        strings["chart.map.point"].format(place=p.name, latitude=f"{p.coordinates[0]:.2f}",  # type: ignore[index]
                                          longitude=f"{p.coordinates[1]:.2f}")  # type: ignore[index]
        for p in located
    )
    desc = strings["chart.map.desc"].format(points=points)
    return _svg("locator-map", width, height, strings["chart.map.title"], desc, "".join(body))
