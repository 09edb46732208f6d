"""Inline, accessible SVG pictures drawn at build time: no chart library ever reaches the browser.

Each picture is an <svg role="group"> (its marks are links) with a <title> and <desc>; the
template puts a text equivalent (the timeline list, a caption, a nested list) beside it.
Colours come from classes in the theme's style.css, so dark mode and print restyle them too.
Text sizes come from there too, as one value per role (the --chart-* custom properties in its
:root rule): the build reads them (chart_sizes.read_chart_sizes) and lays labels out for them, so a theme that
sets a bigger size gets labels with room for it.
"""

from __future__ import annotations

import bisect
import datetime
import hashlib
import heapq
import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any

from markupsafe import Markup, escape

from ..languages import text_direction
from ..model import Event, Figure, FuzzyDate, Place, Site
from ..records import frozen
from ..strings import STRINGS, count_text, date_text, digits_text, month_year_text, number_text, when_text
from .basemap import BasemapPaths, Window, draw_basemap
from .chart_sizes import ChartSizes
from .claims import claim_attribution, claim_text, figure_number

UrlFor = Callable[[Any], str]
"""The page-bound url() templates have: an item or a slug -> a link relative to the page."""

CHAR_WIDTH = 0.56
"""Average glyph width of the system sans-serif, in ems; enough to wrap and place labels."""

VALUE_CHAR_WIDTH = 0.572
"""Average width of a bar value's characters (bold digits, a qualifier's words), in ems."""


Words = Mapping[str, str]
"""The string table (strings.STRINGS, or a theme's): every word a picture shows or says."""


def template_globals(site: Site, sizes: ChartSizes, strings: Words = STRINGS) -> dict[str, Any]:
    """Functions templates call to draw the timeline strip, figure bars and place pictures, in
    the direction of the site's language (right to left: time and bars run from the right).

    The place maps share one memo of drawn basemaps: a place's page and its embed page show
    the same window, and drawing the land and borders is most of a map's cost."""
    rtl = text_direction(site.language or site.config.language) == "rtl"
    basemaps: dict[Window, BasemapPaths] = {}
    located: list[PlaceIndex] = []
    return {
        "timeline_strip": partial(timeline_strip, sizes=sizes, strings=strings, rtl=rtl),
        "events_by_year": partial(events_by_year, strings=strings),
        "comparable_figures": comparable_figures,
        "figure_bars": partial(figure_bars, sizes=sizes, strings=strings, rtl=rtl),
        "places_tree": places_tree,
        "places_diagram": partial(places_diagram, sizes=sizes, strings=strings, rtl=rtl),
        "locator_map": partial(locator_map, sizes=sizes, strings=strings, rtl=rtl, basemaps=basemaps),
        "place_locator": partial(
            place_locator, sizes=sizes, strings=strings, rtl=rtl, basemaps=basemaps, located=located
        ),
    }


@frozen(eq=False, repr=False)
class PlaceIndex:
    """A list of places by latitude, so that a place's map finds those in its window without
    comparing every place of the site (1,200 place pages, each with an embed page, scanned
    all 1,200)."""

    places: Sequence[Place]
    slugs: frozenset[str]
    latitudes: list[float]
    entries: list[tuple[float, int, tuple[float, float]]]
    """(latitude, position in places, coordinates) of each place with coordinates, in order."""

    @staticmethod
    def of(places: Sequence[Place]) -> PlaceIndex:
        """The index of a list of places."""
        entries = sorted(
            (at[0], position, at)
            for position, place in enumerate(places)
            if (at := place.coordinates) and not math.isnan(at[0])  # NaN: never in a window
        )
        return PlaceIndex(places, frozenset(p.slug for p in places), [e[0] for e in entries], entries)

    def nearest(
        self, window: Window, at: tuple[float, float], count: int
    ) -> list[tuple[Place, tuple[float, float]]]:
        """(place, coordinates) of the `count` places inside the window nearest to `at`, nearest
        first, ties in the list's order: the first `count` of the window's places sorted by
        that distance. They are looked at outward from `at`'s latitude, nearer latitude first,
        until the latitude alone puts the next further away than the count-th nearest so far
        (the window holds 600 places at 4,000 items; a place's map looks at a few dozen)."""
        lat0, lon0 = at
        stretch = math.cos(math.radians(lat0))
        latitudes, entries = self.latitudes, self.entries
        start = bisect.bisect_left(latitudes, window.south)
        stop = bisect.bisect_right(latitudes, window.north)
        west, east = window.west, window.east
        above = bisect.bisect_left(latitudes, lat0, start, stop)
        below = above - 1
        kept: list[tuple[float, int, tuple[float, float]]] = []
        """The nearest so far, as (-distance, -position, coordinates): a heap, the furthest first."""
        while below >= start or above < stop:
            if below < start or (above < stop and latitudes[above] - lat0 <= lat0 - latitudes[below]):
                lat, position, coordinates = entries[above]
                above += 1
            else:
                lat, position, coordinates = entries[below]
                below -= 1
            if len(kept) == count and (lat - lat0) ** 2 > -kept[0][0]:
                break  # this latitude is the nearest left: every place left is further
            lon = coordinates[1]
            if not west <= lon <= east:
                continue
            away = (lat - lat0) ** 2 + ((lon - lon0) * stretch) ** 2
            if len(kept) < count:
                heapq.heappush(kept, (-away, -position, coordinates))
            elif (away, position) < (-kept[0][0], -kept[0][1]):
                heapq.heapreplace(kept, (-away, -position, coordinates))
        found = sorted((-away, -position, coordinates) for away, position, coordinates in kept)
        return [(self.places[position], coordinates) for _, position, coordinates in found]


def _svg(
    css_class: str,
    width: float,
    height: float,
    title: str,
    desc: str,
    body: str,
    fluid: bool = False,
    direction: str = "",
) -> Markup:
    """The <svg> wrapper every picture shares, named for assistive tech.

    A fluid picture is drawn in percentages of whatever width it is given, at its height in px;
    any other is scaled by its viewBox, at most to MAX_SCALE times its width (CSS shrinks it to
    fit a narrower column). `direction` is said where the page's would be wrong or implicit: a
    text's anchor (start, end) is taken in its direction, so a picture drawn mirrored for a
    right-to-left page says rtl, and one never mirrored (a map) on such a page says ltr."""
    ident = f"{css_class}-{hashlib.sha256((title + desc).encode()).hexdigest()[:8]}"
    size = (
        f'width="100%" height="{height:.0f}"'
        if fluid
        else f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width * MAX_SCALE:.0f}"'
    )
    direction_attr = f' direction="{direction}"' if direction else ""
    return Markup(
        f'<svg class="chart {css_class}" {size}{direction_attr} role="group" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
        f"{body}</svg>"
    )


MAX_SCALE = 1.6
"""How far a viewBox picture may grow: the default theme's 11 px labels stay under 18 px."""


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
    """Where an event lies in time, as fractional years: from the start of its first date to the
    end of its last. A bounded date claims no more than its bounds: the end of its `after`, the
    start of its `before`; with one bound, that moment alone."""
    if event.after is not None and event.before is not None:
        return date_bounds(event.after)[1], date_bounds(event.before)[0]
    if event.after is not None:
        return date_bounds(event.after)[1], date_bounds(event.after)[1]
    if event.before is not None:
        return date_bounds(event.before)[0], date_bounds(event.before)[0]
    start = event.dated_start
    return date_bounds(start)[0], date_bounds(event.end or start)[1]


def mark_kind(event: Event) -> str:
    """How the strip draws an event: "after" or "before" (a dot at its one bound, open towards
    the unknown side), "between" (a dashed line from bound to bound), "point" (a day) or "bar"."""
    if event.after is not None and event.before is not None:
        return "between"
    if event.after is not None:
        return "after"
    if event.before is not None:
        return "before"
    if event.start is not None and event.start.precision == 3 and event.end is None:
        return "point"
    return "bar"


@frozen(eq=False, repr=False)
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


STRIP_MIN_PX = 280.0
"""The narrowest strip laid out (a 320 px phone less the page margins). The strip is drawn in
percentages, so only positions stretch on a wider screen: labels and marks that clear each other
and the edges at this width clear them at every wider one."""

LABEL_CHAR_WIDTH = 0.62
"""Glyph width in ems assumed for axis labels: wide enough for the widest common sans (DejaVu)."""

LABEL_GAP = 6.0
"""Least room between two axis labels, in px."""


def _tick_text(year: int, month: int, day: int, first: bool, strings: Words) -> str:
    """A tick's label: the first one in a segment says the year ("27 Aug 2021", "Jun 2018"),
    later ones only what changed ("28", "Sep", "Jan 2022", "2019")."""
    if not month:
        return digits_text(year, strings)
    abbreviation = strings[f"date.month_abbr.{month}"]
    if day and first:
        return strings["date.day_month_year"].format(
            day=digits_text(day, strings), month=abbreviation, year=digits_text(year, strings)
        )
    if day and day != 1:
        return digits_text(day, strings)
    if first or month == 1:
        return month_year_text(year, month, strings, abbreviated=True)
    return abbreviation


@frozen(eq=False, repr=False)
class _Label:
    """An axis label placed on the narrowest strip: where it is anchored and what it covers."""

    x: float
    text: str
    anchor: str
    left: float
    right: float


def _place_label(x: float, text: str, text_px: float, width: float = STRIP_MIN_PX) -> _Label:
    """A label centred on x, or anchored inward where centring would cut it at an edge."""
    half = len(text) * text_px * LABEL_CHAR_WIDTH / 2
    if x - half < 0:
        return _Label(x, text, "start", x, x + 2 * half)
    if x + half > width:
        return _Label(x, text, "end", x - 2 * half, x)
    return _Label(x, text, "middle", x - half, x + half)


def _tick_candidates(lo: float, hi: float) -> Iterator[list[tuple[float, int, int, int]]]:
    """Possible ticks from finest to coarsest: (moment, year, month, day); 0 for what a tick
    does not name (a month tick has day 0, a year tick month 0 too)."""
    if hi - lo <= 0.25:
        first = datetime.date(int(lo), 1, 1) + datetime.timedelta(days=math.floor((lo % 1) * 365))
        for step in (1, 2, 7, 14):
            day = first + datetime.timedelta(days=-first.toordinal() % step)
            ticks = []
            while (when := date_bounds(FuzzyDate(day.year, day.month, day.day, 3))[0]) <= hi:
                if when >= lo:
                    ticks.append((when, day.year, day.month, day.day))
                day += datetime.timedelta(days=step)
            yield ticks
    if hi - lo <= 3:
        for step in (1, 2, 3, 6):
            index = math.ceil(math.ceil(round(lo * 12, 6)) / step) * step
            ticks = []
            while index / 12 <= hi:
                year, month = divmod(index, 12)
                ticks.append((index / 12, year, month + 1, 0))
                index += step
            yield ticks
    for step in (1, 2, 5, 10, 20, 50, 100, 1000):
        first_year = math.ceil(lo / step) * step
        yield [(float(year), year, 0, 0) for year in range(first_year, math.floor(hi) + 1, step)]


def _ticks(
    scale: tuple[float, float, float, float], left_limit: float, text_px: float, strings: Words
) -> list[_Label]:
    """One segment's tick labels: the finest years or months whose labels (text_px high) clear
    each other on the narrowest strip. Ticks whose labels would run into the last label left of
    the segment (left_limit) are left out."""
    fallback: list[_Label] = []
    for candidate in _tick_candidates(scale[2], scale[3]):
        kept: list[_Label] = []
        edge, regular = left_limit, True
        for when, year, month, day in candidate:
            text = _tick_text(year, month, day, not kept, strings)
            label = _place_label(_on_scale(scale, when), text, text_px)
            if label.left >= edge + LABEL_GAP:
                kept.append(label)
                edge = label.right
            elif kept:  # a gap in the middle: too fine for this width
                regular = False
        if kept and regular:
            return kept
        if kept:
            fallback = kept
    return fallback


def _pct(x: float, rtl: bool = False) -> str:
    """A position on the narrowest strip as a share of the strip's width; measured from the
    right for a right-to-left page (a width is passed without `rtl`)."""
    return f"{(STRIP_MIN_PX - x if rtl else x) / STRIP_MIN_PX * 100:.2f}%"


def timeline_strip(
    events: Sequence[Event], url: UrlFor, sizes: ChartSizes, strings: Words = STRINGS, rtl: bool = False
) -> Markup:
    """All events on one time axis; long empty stretches are cut out and marked as a broken axis.

    Laid out for the narrowest strip (STRIP_MIN_PX) and drawn in percentages of the width, so it
    fills any width with its text at sizes.axis px and its dots round. Laid out left to right,
    and drawn mirrored for a right-to-left page (`rtl`): time runs from the right; the text is
    not mirrored, only placed."""
    if not events:
        return Markup("")
    width, pad, gap = STRIP_MIN_PX, 10.0, 40.0
    radius, mark_h, lane_h, top, open_side = 5.0, 10.0, 16.0, 8.0, 16.0
    segments = split_segments(events)
    kinds = [mark_kind(event) for event in events]
    left_pad = pad + (open_side if "before" in kinds else 0)  # room for an arrow off either end
    room = width - left_pad - pad - (open_side if "after" in kinds else 0) - gap * (len(segments) - 1)
    floor = 1 / (2 * len(segments))
    shares = [max(floor, len(s.events) / len(events)) for s in segments]
    scales: list[tuple[float, float, float, float]] = []  # (x, width, first year, last year) shown
    marks: list[tuple[float, float, int, Event]] = []
    x0 = left_pad
    for segment, share in zip(segments, shares, strict=True):
        seg_width = room * share / sum(shares)
        margin = max((segment.end - segment.start) * 0.03, 2 / 365)  # bounds alone span nothing
        scales.append((x0, seg_width, segment.start - margin, segment.end + margin))
        lanes: list[float] = []  # right edge of the last mark in each lane
        for event in segment.events:
            left, right = (_on_scale(scales[-1], t) for t in event_bounds(event))
            kind = mark_kind(event)
            if kind in ("point", "after", "before"):
                left = right = (left + right) / 2
                extent = (
                    left - radius - (open_side if kind == "before" else 0),
                    left + radius + (open_side if kind == "after" else 0),
                )
            else:
                extent = (left - 2, max(right, left + 3) + 2)
            lane = next((i for i, edge in enumerate(lanes) if extent[0] > edge + 3), len(lanes))
            lanes[lane : lane + 1] = [extent[1]]
            marks.append((left, max(right, left + 3), lane, event))
        x0 += seg_width + gap
    axis_y = top + (1 + max(lane for _, _, lane, _ in marks)) * lane_h + 4
    text_px = sizes.axis
    row_h = text_px + 4  # one row of cut labels
    body: list[str] = []
    label_edge = -math.inf
    cut_edges: list[float] = []  # right edge of the last cut label in each row
    for index, scale in enumerate(scales):
        x, seg_width = scale[:2]
        body.append(
            f'<line class="axis" x1="{_pct(x, rtl)}" x2="{_pct(x + seg_width, rtl)}" '
            f'y1="{axis_y:.1f}" y2="{axis_y:.1f}"/>'
        )
        labels = _ticks(scale, label_edge, text_px, strings)
        for label in labels:
            tick_x = _pct(label.x, rtl)
            body.append(
                f'<line class="grid" x1="{tick_x}" x2="{tick_x}" y1="{top - 4:.1f}" y2="{axis_y:.1f}"/>'
            )
            body.append(
                f'<line class="tick" x1="{tick_x}" x2="{tick_x}" y1="{axis_y:.1f}" y2="{axis_y + 5:.1f}"/>'
            )
            body.append(_strip_text(label, axis_y + 7 + text_px, "tick-label", rtl))  # under the tick
        label_edge = labels[-1].right if labels else label_edge
        if index < len(scales) - 1:
            cut_x = x + seg_width + gap / 2
            body.append(
                f'<svg x="{_pct(cut_x, rtl)}" width="1" height="1" overflow="visible" '
                f'aria-hidden="true"><path class="break" d="M-8 {axis_y + 6:.1f} l6 -12 '
                f'M2 {axis_y + 6:.1f} l6 -12"/></svg>'
            )
            years = segments[index + 1].start - segments[index].end
            cut_label = strings["chart.timeline.cut_label"].format(length=_years_text(years, strings))
            label = _place_label(cut_x, cut_label, text_px)
            row = next(
                (i for i, edge in enumerate(cut_edges) if label.left >= edge + LABEL_GAP), len(cut_edges)
            )
            cut_edges[row : row + 1] = [label.right]
            body.append(_strip_text(label, axis_y + 24 + text_px + row * row_h, "break-label", rtl))
    for left, right, lane, event in marks:
        y = top + lane * lane_h
        name = strings["chart.timeline.mark"].format(
            title=claim_text(event, strings), date=when_text(event, strings)
        )
        shape = _mark(
            mark_kind(event),
            left,
            right,
            y,
            mark_h,
            radius,
            open_side,
            ' class="probable"' if event.approximate else "",
            rtl,
        )
        body.append(
            f'<a href="{escape(url(event))}" aria-label="{escape(name)}">'
            f"<title>{escape(name)}</title>{shape}</a>"
        )
    cuts = [
        strings["chart.timeline.cut"].format(
            length=_years_text(b.start - a.end, strings),
            start=_bound_text(a.end, strings),
            end=_bound_text(b.start, strings),
        )
        for a, b in itertools.pairwise(segments)
    ]
    desc = count_text(
        "chart.timeline.desc",
        len(events),
        strings,
        first=when_text(events[0], strings),
        last=when_text(events[-1], strings),
    )
    if cuts:
        cuts_text = strings["list.clause_separator"].join(cuts)
        desc += " " + strings["chart.timeline.broken_axis"].format(cuts=cuts_text)
    height = axis_y + 14 + text_px + len(cut_edges) * row_h
    return _svg(
        "timeline-strip",
        width,
        height,
        strings["chart.timeline.title"],
        desc,
        "".join(body),
        fluid=True,
        direction="rtl" if rtl else "",
    )


def _mark(
    kind: str,
    left: float,
    right: float,
    y: float,
    height: float,
    radius: float,
    open_side: float,
    probable: str,
    rtl: bool = False,
) -> str:
    """One event's shape on the strip (x on the narrowest strip, y and sizes in px), mirrored
    for a right-to-left page.

    A bound is a point, never a bar across its month: a dot with an arrow into the unknown
    (later for "after", earlier for "before"), or a dashed line between two bounds; an inferred
    date is drawn hollow ("probable")."""
    middle = y + height / 2
    if kind == "bar":
        return (
            f'<rect x="{_pct(right if rtl else left, rtl)}" y="{y:.1f}" width="{_pct(right - left)}" '
            f'height="{height:.0f}" rx="3"{probable}/>'
        )
    if kind == "between":
        caps = "".join(
            f'<line class="bound-cap" x1="{_pct(x, rtl)}" x2="{_pct(x, rtl)}" '
            f'y1="{middle - 4:.1f}" y2="{middle + 4:.1f}"/>'
            for x in (left, right)
        )
        return (
            f'<line class="bound-range" x1="{_pct(left, rtl)}" x2="{_pct(right, rtl)}" '
            f'y1="{middle:.1f}" y2="{middle:.1f}"/>{caps}'
        )
    dot = f'<circle cx="{_pct(left, rtl)}" cy="{middle:.1f}" r="{radius:.1f}"{probable}/>'
    if kind == "point":
        return dot
    sign = (1 if kind == "after" else -1) * (-1 if rtl else 1)
    reach = sign * (radius + open_side - 1)
    arrow = (
        f"M{sign * (radius + 2):.0f} {middle:.1f} H{reach:.0f} "
        f"M{reach - sign * 4:.0f} {middle - 4:.1f} L{reach:.0f} {middle:.1f} "
        f"L{reach - sign * 4:.0f} {middle + 4:.1f}"
    )
    return (
        f'{dot}<svg x="{_pct(left, rtl)}" width="1" height="1" overflow="visible">'
        f'<path class="open-{kind}" d="{arrow}"/></svg>'
    )


def _strip_text(label: _Label, y: float, css_class: str, rtl: bool = False) -> str:
    """A label on the strip; its size is the stylesheet's (--chart-axis), as for every picture.
    Mirrored for a right-to-left page, its anchor stays: the picture says direction="rtl", in
    which start is a text's right end."""
    anchor = f' text-anchor="{label.anchor}"' if label.anchor != "start" else ""
    return (
        f'<text x="{_pct(label.x, rtl)}" y="{y:.1f}" class="{css_class}"{anchor}>{escape(label.text)}</text>'
    )


def events_by_year(events: Sequence[Event], strings: Words = STRINGS) -> list[tuple[str, list[Event]]]:
    """Timeline events under year headings, in order: "1980s", "1989", "2021"."""
    groups: list[tuple[str, list[Event]]] = []
    for event in events:
        start = event.dated_start
        heading = (
            date_text(start, strings, alone=True)
            if start.precision == 0
            else digits_text(start.year, strings)
        )
        if not groups or groups[-1][0] != heading:
            groups.append((heading, []))
        groups[-1][1].append(event)
    return groups


def _on_scale(scale: tuple[float, float, float, float], when: float) -> float:
    """x of a moment on one segment's linear scale."""
    x, seg_width, lo, hi = scale
    return x + (when - lo) / (hi - lo) * seg_width


def _years_text(years: float, strings: Words) -> str:
    if years >= 1.5:
        return count_text("chart.years", round(years), strings)
    return count_text("chart.months", round(years * 12), strings)


def _bound_text(moment: float, strings: Words) -> str:
    year = int(moment)
    month = round((moment - year) * 12)
    if month in (0, 12):
        return digits_text(year + month // 12, strings)
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


def figure_bars(
    figures: Sequence[Figure], url: UrlFor, sizes: ChartSizes, strings: Words = STRINGS, rtl: bool = False
) -> Markup:
    """Comparable figures as horizontal bars from zero, each labelled with its value (qualifier
    included); the title says whose figures they are, and so does each bar's link.

    Drawn for the narrowest column (PICTURE_WIDTH), so its text is never shown smaller than its
    size; labels wrap for sizes.text, the value beside the longest bar (qualifier included)
    always has room for sizes.value to its right, and a bar is as thick as its value is high.
    For a right-to-left page (`rtl`) the picture is mirrored: bars grow from the right, and
    labels and values sit at the same places seen from the right (the text is not mirrored)."""
    width, pad = PICTURE_WIDTH, 4.0
    value_px = sizes.value
    value_room = max(len(figure_number(f, strings)) for f in figures) * value_px * VALUE_CHAR_WIDTH + 12
    top_value = max(abs(f.value) for f in figures) or 1.0
    body: list[str] = []

    def bar_x(bar_width: float) -> str:
        return f"{width - pad - max(bar_width, 2):.1f}" if rtl else f"{pad}"

    y = 4.0
    for figure in figures:
        for line in wrap_words(figure.label, int((width - 2 * pad) / (sizes.text * CHAR_WIDTH))):
            y += sizes.text + 3
            body.append(_text(width - pad if rtl else pad, y, line, "bar-label"))
        y += 6
        bar_width = (width - 2 * pad - value_room) * abs(figure.value) / top_value
        shown = figure_number(figure, strings)
        label = strings["entry.figure_number"].format(claim=claim_text(figure, strings), number=shown)
        body.append(
            f'<a href="{escape(url(figure))}" aria-label="{escape(label)}">'
            f'<rect class="bar" x="{bar_x(bar_width)}" y="{y:.1f}" width="{max(bar_width, 2):.1f}" '
            f'height="{value_px + 7:g}"/></a>'
        )
        value_x = pad + bar_width + 6
        body.append(_text(width - value_x if rtl else value_x, y + value_px + 1, shown, "bar-value"))
        y += value_px + 15
    unit = figures[0].unit
    desc = strings["chart.figures.desc"].format(
        figures=strings["list.clause_separator"].join(
            strings["entry.figure_number"].format(claim=f.label, number=figure_number(f, strings))
            for f in figures
        ),
        unit=unit,
    )
    title = count_text(
        "chart.figures.title", len(figures), strings, attribution=claim_attribution(figures[0])
    )
    return _svg("figure-bars", width, y + 4, title, desc, "".join(body), direction="rtl" if rtl else "")


# --- places -----------------------------------------------------------------------------------

PICTURE_WIDTH = 280.0
"""viewBox width of the place pictures: drawn at 1:1 on a 320 px phone, so their 11 px labels
are 11 px there, and up to MAX_SCALE times larger on a wider screen."""


def places_tree(places: Sequence[Place]) -> list[tuple[Place, list[Any]]]:
    """(place, children) trees by part_of, each level sorted by name; roots lie within nothing."""
    by_parent: dict[str, list[Place]] = {}
    for place in places:
        by_parent.setdefault(place.part_of, []).append(place)

    def grow(parent: str) -> list[tuple[Place, list[Any]]]:
        children = sorted(by_parent.get(parent, []), key=lambda p: p.name.casefold())
        return [(place, grow(place.slug)) for place in children]

    return grow("")


def places_diagram(
    places: Sequence[Place], url: UrlFor, sizes: ChartSizes, strings: Words = STRINGS, rtl: bool = False
) -> Markup:
    """What lies within what, as nested boxes: a place's box holds the boxes of its parts, under
    a header line as high as its name (sizes.text) needs. Drawn the same in either direction
    (it says ltr on a right-to-left page, so its text anchors keep their meaning)."""
    tree = places_tree(places)
    if not any(children for _, children in tree):
        return Markup("")
    width, inset, header = PICTURE_WIDTH, 10.0, sizes.text + 13
    baseline = sizes.text + 5
    body: list[str] = []

    def draw(nodes: list[tuple[Place, list[Any]]], x: float, y: float, w: float, depth: int) -> float:
        for place, children in nodes:
            top = y
            inner_y = draw(children, x + inset, y + header, w - 2 * inset, depth + 1)
            height = (inner_y - top) + (inset if children else 4)
            label = f"{place.name} ({place.place_kind})"
            body.insert(
                0,
                f'<a href="{escape(url(place))}" aria-label="{escape(label)}">'
                f'<rect class="box depth-{min(depth, 3)}" x="{x:.1f}" y="{top:.1f}" '
                f'width="{w:.1f}" height="{height:.1f}" rx="6"/>'
                f"{_text(x + 10, top + baseline, place.name, 'box-name')}"
                f"{_text(x + w - 10, top + baseline, place.place_kind, 'box-kind', 'end')}"
                "</a>",
            )
            y = top + height + 8
        return y

    height = draw(tree, 1, 1, width - 2, 0)
    desc = strings["list.clause_separator"].join(_tree_sentences(tree, strings)) + "."
    return _svg(
        "places-diagram",
        width,
        height - 7,
        strings["chart.places.title"],
        desc,
        "".join(body),
        direction="ltr" if rtl else "",
    )


def _tree_sentences(tree: list[tuple[Place, list[Any]]], strings: Words) -> list[str]:
    sentences: list[str] = []
    for place, children in tree:
        if children:
            names = strings["list.separator"].join(child.name for child, _ in children)
            sentences.append(strings["chart.places.contains"].format(place=place.name, parts=names))
            sentences.extend(_tree_sentences(children, strings))
    return sentences


GRID_LABEL_EMS = 40 / 11
"""Room kept free at the map's right edge for a longitude label ("120°W"), in ems of its size:
40 px at the default theme's 11 px."""

MAX_MAP_LABELS = 40
"""Beyond this many places a map's labels only pile up (and placing them costs n squared)."""


MIN_SPAN_DEG = 7.0
"""The least stretch of latitude a map's points are given before its margin (x1.5): enough for
the country around them to show (all of Afghanistan around the Panjshir), so a lone point is
located among borders and shores, not floating on a grid."""


PLACE_MAP_POINTS = 8
"""Most points on a place's own map: the place and its nearest neighbours, labelled, not a crowd
(a site with thousands of places in one valley must not put thousands of points on each page)."""


def map_window(points: Sequence[tuple[float, float]]) -> Window:
    """The stretch of the earth a map of these (latitude, longitude) points shows: all of them
    with a margin, at least MIN_SPAN_DEG tall, as wide as the picture (1.4 times its height)
    with longitude scaled by cos(mid latitude) so shapes hold."""
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    mid_lat = (max(lats) + min(lats)) / 2
    stretch = max(math.cos(math.radians(mid_lat)), 0.2)
    span = max(max(lats) - min(lats), (max(lons) - min(lons)) * stretch, MIN_SPAN_DEG) * 1.5
    mid_lon = (max(lons) + min(lons)) / 2
    half_width = span / stretch / 2 * 1.4
    return Window(mid_lat - span / 2, mid_lat + span / 2, mid_lon - half_width, mid_lon + half_width)


def locator_map(
    places: Sequence[Place],
    url: UrlFor,
    sizes: ChartSizes,
    strings: Words = STRINGS,
    focus: Place | None = None,
    rtl: bool = False,
    basemaps: dict[Window, BasemapPaths] | None = None,
    located: list[PlaceIndex] | None = None,
) -> Markup:
    """Places with coordinates as labelled points over land, shores and country borders
    (basemap.py, Natural Earth) and a latitude/longitude graticule; place labels (sizes.text) are
    placed and stacked clear of each other, grid labels (sizes.small) only where they fit.

    With a focus, the map is that place's own: centred on it, marked as "here" (aria-current),
    with its nearest neighbours inside the window (PLACE_MAP_POINTS in all). Equirectangular
    projection, with longitude scaled by cos(mid latitude) so shapes hold. A map is geography:
    never mirrored (it says ltr on a right-to-left page, so its text anchors keep their meaning).
    `basemaps`: what was drawn for each window already (the picture's size is fixed), filled in
    as maps are drawn; `located`: the index of the last list of places a focused map was
    given (PlaceIndex), kept there for the next.
    """
    if focus is not None:
        centres = [focus.coordinates] if focus.coordinates else []
    else:
        centres = [at for p in places if (at := p.coordinates)]
    if not centres:
        return Markup("")
    window = map_window(centres)
    by_latitude = None
    if focus is not None and located is not None:
        if not located or located[0].places is not places:
            located[:] = [PlaceIndex.of(places)]
        by_latitude = located[0]
    if focus is not None:
        shown = focus.slug in by_latitude.slugs if by_latitude else any(p.slug == focus.slug for p in places)
        if not shown:
            places, by_latitude = [focus, *places], None
    south, north, west, east = window.south, window.north, window.west, window.east
    centre = focus.coordinates if focus is not None else None
    if by_latitude is not None and centre and all(map(math.isfinite, centre)):
        in_window = by_latitude.nearest(window, centre, PLACE_MAP_POINTS)  # the place and its
        centre = None  # nearest neighbours, found
    else:
        in_window = [
            (p, at)
            for p in places
            if (at := p.coordinates) and south <= at[0] <= north and west <= at[1] <= east
        ]
    if centre:  # the place and its nearest neighbours
        lat0, lon0 = centre
        stretch = math.cos(math.radians(lat0))
        away = [(lat - lat0) ** 2 + ((lon - lon0) * stretch) ** 2 for _, (lat, lon) in in_window]
        nearest = heapq.nsmallest(PLACE_MAP_POINTS, range(len(in_window)), key=away.__getitem__)
        in_window = [in_window[index] for index in nearest]  # nearest first, ties in place order
    in_window.sort(key=lambda pair: -pair[1][0])
    lat_lo, lat_hi, lon_lo, lon_hi = window.south, window.north, window.west, window.east
    span = lat_hi - lat_lo
    width, height = PICTURE_WIDTH, PICTURE_WIDTH / 1.4

    def project(lat: float, lon: float) -> tuple[float, float]:
        return ((lon - lon_lo) / (lon_hi - lon_lo) * width, (lat_hi - lat) / (lat_hi - lat_lo) * height)

    step = next((s for s in (0.5, 1, 2, 5, 10, 15, 30) if span / s <= 5), 90)
    basemap = basemaps.get(window) if basemaps is not None else None
    if basemap is None:
        basemap = draw_basemap(window, width, height, project)
        if basemaps is not None:
            basemaps[window] = basemap
    body: list[str] = [
        f'<path class="land" d="{basemap.land}"/>' if basemap.land else "",
        f'<path class="border" d="{basemap.borders}"/>' if basemap.borders else "",
    ]
    lat = math.ceil(lat_lo / step) * step
    while lat < lat_hi:
        _, y = project(lat, lon_lo)
        body.append(f'<line class="graticule" x1="0" x2="{width:.0f}" y1="{y:.1f}" y2="{y:.1f}"/>')
        if y > sizes.small + 5:  # a label above the top edge would be cut off
            hemisphere = strings["chart.map.north" if lat >= 0 else "chart.map.south"]
            body.append(_text(4, y - 3, f"{_degrees(abs(lat), strings)}°{hemisphere}", "grid-label"))
        lat += step
    lon = math.ceil(lon_lo / step) * step
    label_edge = -math.inf  # right end of the last longitude label: a wide map skips some
    while lon < lon_hi:
        x, _ = project(lat_lo, lon)
        body.append(f'<line class="graticule" x1="{x:.1f}" x2="{x:.1f}" y1="0" y2="{height:.0f}"/>')
        hemisphere = strings["chart.map.east" if lon >= 0 else "chart.map.west"]
        label = f"{_degrees(abs(lon), strings)}°{hemisphere}"
        if x < width - sizes.small * GRID_LABEL_EMS and x + 3 > label_edge + LABEL_GAP:
            body.append(_text(x + 3, height - 4, label, "grid-label"))
            label_edge = x + 3 + len(label) * sizes.small * LABEL_CHAR_WIDTH
        lon += step
    taken: list[tuple[float, float, float, float]] = []
    labelled = len(in_window) <= MAX_MAP_LABELS
    text_px = sizes.text
    rise, line_h = text_px - 1, text_px + 3  # a label's ink above its baseline; its line
    for place, at in in_window:
        x, y = project(*at)
        if not labelled:  # too many to label legibly: points, each named by its link
            body.append(
                f'<a href="{escape(url(place))}" aria-label="{escape(place.name)}">'
                f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="3"/></a>'
            )
            continue
        text_width = len(place.name) * text_px * CHAR_WIDTH
        anchor = "end" if x + 10 + text_width > width else "start"
        left = x - 10 - text_width if anchor == "end" else x + 10
        label_y = next(
            (
                row
                for row in _label_rows(y + 4, line_h, rise, height)
                if not any(
                    left < r and left + text_width > lft and row - rise < b and row + 2 > t
                    for lft, t, r, b in taken
                )
            ),
            y + 4,
        )
        taken.append((left, label_y - rise, left + text_width, label_y + 2))
        text_x = x + 10 if anchor == "start" else x - 10
        lead = (
            f'<line class="leader" x1="{x:.1f}" y1="{y:.1f}" x2="{text_x:.1f}" '
            f'y2="{label_y - round(0.3 * text_px):.1f}"/>'
            if label_y != y + 4
            else ""
        )
        here = focus is not None and place.slug == focus.slug
        current, point_class, radius = (
            (' aria-current="page"', "point here", 6.0) if here else ("", "point", 4.5)
        )
        body.append(
            f'<a href="{escape(url(place))}" aria-label="{escape(place.name)}"{current}>{lead}'
            f'<circle class="{point_class}" cx="{x:.1f}" cy="{y:.1f}" r="{radius:g}"/>'
            f"{_text(text_x, label_y, place.name, 'point-label', anchor)}"
            "</a>"
        )
    points = "; ".join(
        strings["chart.map.point"].format(
            place=p.name, latitude=_degrees(lat, strings, 2), longitude=_degrees(lon, strings, 2)
        )
        for p, (lat, lon) in in_window
    )
    desc = strings["chart.map.desc"].format(points=points)
    title = (
        strings["chart.map.place_title"].format(place=focus.name)
        if focus is not None
        else strings["chart.map.title"]
    )
    return _svg("locator-map", width, height, title, desc, "".join(body), direction="ltr" if rtl else "")


def _label_rows(start: float, line_h: float, rise: float, height: float) -> Iterator[float]:
    """Baselines to try for a point's label, nearest first: beside the point, then a line
    further down or up at a time, only where the label stays inside the picture."""
    rows = [start] + [
        start + sign * step * line_h for step in range(1, int(height / line_h) + 1) for sign in (1, -1)
    ]
    return (row for row in rows if rise <= row <= height - 2)


def place_locator(
    place: Place,
    places: Sequence[Place],
    url: UrlFor,
    sizes: ChartSizes,
    strings: Words = STRINGS,
    rtl: bool = False,
    basemaps: dict[Window, BasemapPaths] | None = None,
    located: list[PlaceIndex] | None = None,
) -> Markup:
    """A place page's own small map: the place marked among the places around it; empty for a
    place without coordinates."""
    return locator_map(places, url, sizes, strings, focus=place, rtl=rtl, basemaps=basemaps, located=located)


def _degrees(value: float, strings: Words, places: int = 0) -> str:
    """A latitude or longitude in the language's digits: 35, 34.52 (English), in Persian
    digits with a Persian decimal separator (fa);
    to `places` decimals when given (then always that many in English, as it always was)."""
    if not strings["date.locale"]:
        return f"{value:.{places}f}" if places else f"{value:g}"
    return number_text(round(value, places) if places else value, strings)
