"""Place the events in time: dates that follow from `after`, `after`s that contradict the
dates or loop, and the timeline's order. Part of the link stage."""

from __future__ import annotations

import heapq
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from .errors import ContentError
from .model import Event, FuzzyDate, Item, weight_order

EARLIEST, LATEST = date.min, date.max


def possible_days(event: Event) -> tuple[date, date]:
    """The first and last day the event may have happened on, as far as its date says.

    An inferred (`approximate`) date proves nothing, so it spans all time: only what the
    content states is held against an `after`."""
    if event.approximate or event.start is None:
        return EARLIEST, LATEST
    if event.after is not None or event.before is not None:
        first = event.after.last_day + timedelta(days=1) if event.after else EARLIEST
        last = event.before.first_day - timedelta(days=1) if event.before else LATEST
        return first, last
    return event.start.first_day, (event.end or event.start).last_day


def sort_key(event: Event) -> tuple[Any, ...]:
    """Date (a bounded one at its bound: "before" just ahead of that day's events, "after" just
    behind them), then time of day (none first), end, weight, title and slug: reproducible."""
    start = event.dated_start
    side = 1 if event.after is not None else -1 if event.before is not None else 0
    return (
        _date_order(start),
        side,
        event.time,
        _date_order(event.end or start),
        weight_order(event.weight),
        event.title.casefold(),
        event.slug,
    )


def _date_order(day: FuzzyDate) -> tuple[int, int, int, int]:
    """FuzzyDate's own order, as a tuple: the timeline's heap compares keys ~20,000 times at
    1,000 events, and a dataclass compares by building these tuples in Python each time."""
    return day.year, day.month, day.day, day.precision


def _earlier_events(event: Event, events: dict[str, Event]) -> list[Event]:
    return [events[slug] for slug in event.follows if slug in events and slug != event.slug]


def _after_line(event: Event, slug: str) -> int:
    index = event.follows.index(slug)
    return event.lines.get(f"after[{index + 1}]", event.lines.get("after", 1))


def place_events(items: dict[str, Item], errors: list[ContentError]) -> tuple[Event, ...]:
    """Date the events that have only `after`, check every `after`, and return the timeline.

    An event dated by `after` alone falls after the latest known date of the events it follows
    (their end, or their own lower bound) and is inferred when any of those is. Events appear in
    date order, and never before an event they follow. Replaces the dated events in `items`.

    One pass in dependency order (Kahn's, iterative, so a chain of thousands of `after`s is
    linear): an event is dated and checked when everything it follows has been, then waits in a
    heap by date. What never becomes ready lies on, or behind, a loop.
    """
    events = {slug: item for slug, item in items.items() if isinstance(item, Event)}
    waiting = {slug: {e.slug for e in _earlier_events(event, events)} for slug, event in events.items()}
    later: dict[str, list[str]] = {slug: [] for slug in events}
    for slug, earlier_slugs in waiting.items():
        for other in sorted(earlier_slugs):
            later[other].append(slug)
    ready: list[tuple[tuple[Any, ...], str]] = []
    order: list[Event] = []
    freed = [slug for slug, earlier_slugs in waiting.items() if not earlier_slugs]
    while freed or ready:
        if not freed:
            _, slug = heapq.heappop(ready)
            order.append(events[slug])
            freed += _settle(slug, later, waiting)
            continue
        slug = freed.pop()  # everything it follows is placed: date it, check it, queue it
        event = events[slug]
        if event.start is None:
            event = events[slug] = items[slug] = _dated_by_predecessors(event, events, errors)
        if event.start is None:  # nothing to date it by (its error says so): free its followers
            freed += _settle(slug, later, waiting)
            continue
        _check_after(event, events, errors)
        heapq.heappush(ready, (sort_key(event), slug))
    _report_loops([slug for slug in events if waiting[slug]], events, waiting, errors)
    return tuple(order)


def _settle(slug: str, later: dict[str, list[str]], waiting: dict[str, set[str]]) -> list[str]:
    """`slug` is placed: the events that now wait on nothing."""
    freed = []
    for follower in later[slug]:
        waiting[follower].discard(slug)
        if not waiting[follower]:
            freed.append(follower)
    return freed


def _check_after(event: Event, events: dict[str, Event], errors: list[ContentError]) -> None:
    """An `after` must not contradict the dates: the event's last possible day may not fall
    before the first possible day of an event it follows."""
    for earlier in _earlier_events(event, events):
        if earlier.start is None:
            continue
        last, first = possible_days(event)[1], possible_days(earlier)[0]
        if last < first:
            errors.append(
                ContentError(
                    event.path,
                    _after_line(event, earlier.slug),
                    1,
                    f"'after' names '{earlier.slug}', but {event.slug} is dated "
                    f"{_date_words(event)}, before {earlier.slug} ({_date_words(earlier)}, "
                    f"{earlier.path}): fix one of the dates or remove the 'after'",
                )
            )


def _report_loops(
    stuck: list[str], events: dict[str, Event], waiting: dict[str, set[str]], errors: list[ContentError]
) -> None:
    """One error per loop of `after`s, at the `after` of its member that comes first (every
    event left waiting waits on another left waiting, so walking back always meets a loop)."""
    position = {slug: index for index, slug in enumerate(events)}
    seen: set[str] = set()
    for slug in stuck:
        walked: dict[str, int] = {}
        while slug not in walked and slug not in seen:
            walked[slug] = len(walked)
            slug = next(s for s in events[slug].follows if waiting.get(s))
        seen.update(walked)
        if slug in walked:  # a loop not met before
            loop = list(walked)[walked[slug] :]
            first = min(range(len(loop)), key=lambda index: position[loop[index]])
            loop = loop[first:] + loop[:first]
            chain = " -> ".join(f"{s} ({events[s].path})" for s in [*loop, loop[0]])
            head = events[loop[0]]
            errors.append(
                ContentError(head.path, _after_line(head, loop[1 % len(loop)]), 1, f"'after' loops: {chain}")
            )


def _date_words(event: Event) -> str:
    if event.after or event.before:
        parts = [
            f"after {event.after.iso}" if event.after else "",
            f"before {event.before.iso}" if event.before else "",
        ]
        return " and ".join(part for part in parts if part)
    return event.dated_start.iso + (f" to {event.end.iso}" if event.end else "")


def _dated_by_predecessors(event: Event, events: dict[str, Event], errors: list[ContentError]) -> Event:
    bounds: list[tuple[Any, bool]] = []
    for earlier in _earlier_events(event, events):
        if earlier.start is None:
            continue
        if earlier.after is not None or earlier.before is None:
            latest = earlier.after if earlier.after is not None else earlier.end or earlier.start
            bounds.append((latest, earlier.approximate))
    if not bounds:
        if any(slug in events for slug in event.follows):
            errors.append(
                ContentError(
                    event.path,
                    event.lines.get("after", 1),
                    1,
                    "has no date, and no event it comes 'after' has a known start to date it by: "
                    "give it a 'date'",
                )
            )
        return event
    after = max(bound for bound, _ in bounds)
    inferred = event.approximate or any(approx for bound, approx in bounds if bound == after)
    return replace(event, start=after, after=after, approximate=inferred)
