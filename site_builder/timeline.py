"""Place the events in time: dates that follow from `after`, `after`s that contradict the
dates or loop, and the timeline's order. Part of the link stage."""

from __future__ import annotations

import heapq
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from .errors import ContentError
from .model import Event, Item, weight_order

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
    return (start, side, event.time, event.end or start, weight_order(event.weight),
            event.title.casefold(), event.slug)


def _earlier_events(event: Event, events: dict[str, Event]) -> list[Event]:
    return [events[slug] for slug in event.follows if slug in events and slug != event.slug]


def _loop(start: Event, events: dict[str, Event]) -> list[Event] | None:
    """A chain of `after`s from `start` back to itself, if there is one."""
    path: list[Event] = []
    seen: set[str] = set()

    def walk(event: Event) -> bool:
        path.append(event)
        seen.add(event.slug)
        for earlier in _earlier_events(event, events):
            if earlier.slug == start.slug or (earlier.slug not in seen and walk(earlier)):
                return True
        path.pop()
        return False

    return path if walk(start) else None


def _after_line(event: Event, slug: str) -> int:
    index = event.follows.index(slug)
    return event.lines.get(f"after[{index + 1}]", event.lines.get("after", 1))


def place_events(items: dict[str, Item], errors: list[ContentError]) -> tuple[Event, ...]:
    """Date the events that have only `after`, check every `after`, and return the timeline.

    An event dated by `after` alone falls after the latest known date of the events it follows
    (their end, or their own lower bound) and is inferred when any of those is. Events appear in
    date order, and never before an event they follow. Replaces the dated events in `items`.
    """
    events = {slug: item for slug, item in items.items() if isinstance(item, Event)}
    looped: set[str] = set()
    for event in events.values():
        if event.follows and event.slug not in looped and (loop := _loop(event, events)):
            looped.update(e.slug for e in loop)
            chain = " -> ".join(f"{e.slug} ({e.path})" for e in [*loop, event])
            errors.append(ContentError(event.path, _after_line(event, loop[1].slug if len(loop) > 1
                                                               else event.slug), 1,
                                       f"'after' loops: {chain}"))
    for slug in _in_dependency_order(events, looped):
        event = events[slug]
        if event.start is None:
            event = _dated_by_predecessors(event, events, errors)
            events[slug] = items[slug] = event
        if event.start is None:
            continue
        for earlier in _earlier_events(event, events):
            if earlier.start is None:
                continue
            last, first = possible_days(event)[1], possible_days(earlier)[0]
            if last < first:
                errors.append(ContentError(
                    event.path, _after_line(event, earlier.slug), 1,
                    f"'after' names '{earlier.slug}', but {event.slug} is dated "
                    f"{_date_words(event)}, before {earlier.slug} ({_date_words(earlier)}, "
                    f"{earlier.path}): fix one of the dates or remove the 'after'"))
    dated = {slug: event for slug, event in events.items() if event.start is not None}
    return _ordered(dated)


def _date_words(event: Event) -> str:
    if event.after or event.before:
        parts = [f"after {event.after.iso}" if event.after else "",
                 f"before {event.before.iso}" if event.before else ""]
        return " and ".join(part for part in parts if part)
    return event.dated_start.iso + (f" to {event.end.iso}" if event.end else "")


def _in_dependency_order(events: dict[str, Event], looped: set[str]) -> list[str]:
    """Slugs with every event an event follows before it (events in a loop are left out)."""
    done: set[str] = set()
    order: list[str] = []

    def visit(slug: str) -> None:
        if slug in done or slug in looped:
            return
        done.add(slug)
        for earlier in _earlier_events(events[slug], events):
            visit(earlier.slug)
        order.append(slug)

    for slug in sorted(events):
        visit(slug)
    return order


def _dated_by_predecessors(event: Event, events: dict[str, Event],
                           errors: list[ContentError]) -> Event:
    bounds: list[tuple[Any, bool]] = []
    for earlier in _earlier_events(event, events):
        if earlier.start is None:
            continue
        if earlier.after is not None or earlier.before is None:
            latest = earlier.after if earlier.after is not None else earlier.end or earlier.start
            bounds.append((latest, earlier.approximate))
    if not bounds:
        if any(slug in events for slug in event.follows):
            errors.append(ContentError(
                event.path, event.lines.get("after", 1), 1,
                "has no date, and no event it comes 'after' has a known start to date it by: "
                "give it a 'date'"))
        return event
    after = max(bound for bound, _ in bounds)
    inferred = event.approximate or any(approx for bound, approx in bounds if bound == after)
    return replace(event, start=after, after=after, approximate=inferred)


def _ordered(events: dict[str, Event]) -> tuple[Event, ...]:
    """Date order, except that an event never comes before one it follows."""
    waiting = {slug: {e.slug for e in _earlier_events(event, events)}
               for slug, event in events.items()}
    later: dict[str, list[str]] = {slug: [] for slug in events}
    for slug, earlier in waiting.items():
        for other in earlier:
            later[other].append(slug)
    ready = [(sort_key(event), slug) for slug, event in events.items() if not waiting[slug]]
    heapq.heapify(ready)
    order: list[Event] = []
    while ready:
        _, slug = heapq.heappop(ready)
        order.append(events[slug])
        for follower in later[slug]:
            waiting[follower].discard(slug)
            if not waiting[follower]:
                heapq.heappush(ready, (sort_key(events[follower]), follower))
    placed = {event.slug for event in order}
    order.extend(sorted((e for s, e in events.items() if s not in placed), key=sort_key))
    return tuple(order)
