"""Events in time (site_builder/timeline.py and strings.when_text): bounded dates, "probably",
`after`, and the errors an `after` can cause, seen in the built timeline and timeline.json."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from conftest import SMALL_PROJECT, TALKS, assert_fails_leaving_output, run_main, write_files
from test_built_site import parse_html, timeline_events

from site_builder.model import Event
from site_builder.strings import STRINGS, when_text
from site_builder.timeline import place_events, possible_days, sort_key
from site_builder.validate import parse_date


def event_file(title: str, dates: str) -> str:
    return f"---\ntitle: {title}\n{dates}summary: Something happened.\n---\n"


def build_events(tmp_path: Path, events: dict[str, str]) -> tuple[list[tuple[str, str]], dict]:
    """Build SMALL_PROJECT with these events ({slug: date lines}); returns the timeline page's
    (id, date text) in order, and timeline.json's slides by id."""
    files = {key: value for key, value in SMALL_PROJECT.items() if key != TALKS}
    for slug, dates in events.items():
        files[f"content/events/{slug}.md"] = event_file(slug.replace("-", " ").capitalize(), dates)
    root = write_files(tmp_path / "project", files)
    out_dir = tmp_path / "public"
    result = run_main("build", "--root", root, "--out", out_dir, "--no-cache", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = parse_html((out_dir / "timeline" / "index.html").read_bytes())
    shown = []
    for event in timeline_events(page):
        date = next(p for p in event.find_all("p") if p.has_class("event-date"))
        shown.append((event.attrs["id"], date.text))
    slides = json.loads((out_dir / "timeline.json").read_text("utf-8"))["events"]
    return shown, {slide["unique_id"]: slide for slide in slides}


def test_bounded_and_probable_dates_say_only_what_is_known(tmp_path: Path) -> None:
    shown, slides = build_events(
        tmp_path,
        {
            "photo": "date: 2021-08-27\n",
            "takeover": "date: {before: 2021-08-27}\n",
            "exercise": "date: 2021-08-30\n",
            "interview": "date: {after: 2021-08-30}\n",
            "plans": "date: {after: 2021-08-30, before: 2021-09-30}\n",
            "thursday": "date: 2021-09-02\napproximate: true\n",
            "decade": "date: {after: 1980s, before: 2001}\n",
        },
    )
    assert shown == [
        ("decade", "between 1980s and 2001"),
        ("takeover", "before 27 August 2021"),
        ("photo", "27 August 2021"),
        ("exercise", "30 August 2021"),
        ("interview", "after 30 August 2021"),
        ("plans", "between 30 August and 30 September 2021"),
        ("thursday", "probably 2 September 2021"),
    ]
    assert slides["takeover"]["start_date"] == {"year": "2021", "month": "8", "day": "27"}
    assert slides["takeover"]["display_date"] == "before 27 August 2021"
    assert slides["plans"]["display_date"] == "between 30 August and 30 September 2021"
    assert slides["thursday"]["display_date"] == "probably 2 September 2021"
    assert "display_date" not in slides["photo"]


def test_bounds_are_time_elements(tmp_path: Path) -> None:
    files = {key: value for key, value in SMALL_PROJECT.items() if key != TALKS}
    files["content/events/plans.md"] = event_file("Plans", "date: {after: 2021-08-30, before: 2021-09}\n")
    root = write_files(tmp_path / "project", files)
    result = run_main("build", "--root", root, "--out", tmp_path / "public", "--no-cache")
    assert result.returncode == 0, result.stderr
    page = parse_html((tmp_path / "public" / "timeline" / "index.html").read_bytes())
    (event,) = timeline_events(page)
    assert [t.attrs["datetime"] for t in event.find_all("time")] == ["2021-08-30", "2021-09"]


def test_an_event_after_another_is_dated_and_placed_after_it(tmp_path: Path) -> None:
    shown, slides = build_events(
        tmp_path,
        {
            "exercise": "date: 2021-08-30\n",
            "interview": "after: [exercise]\n",
            "speech": "after: [interview, exercise]\n",
            "attacks": "start: 2021-08-29\nend: 2021-09-01\napproximate: true\n",
            "reply": "after: [attacks]\n",
            # The month sorts before its days, but this event is said to follow the exercise.
            "plans": "date: 2021-08\nafter: [exercise]\n",
        },
    )
    assert shown == [
        ("attacks", "probably 29 August 2021 to 1 September 2021"),
        ("exercise", "30 August 2021"),
        ("plans", "August 2021"),
        ("interview", "after 30 August 2021"),
        ("speech", "after 30 August 2021"),
        ("reply", "probably after 1 September 2021"),
    ]
    assert slides["interview"]["start_date"] == {"year": "2021", "month": "8", "day": "30"}


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        pytest.param(
            {"exercise": "date: 2021-08-30\n", "interview": "date: 2021-08-29\nafter: [exercise]\n"},
            [
                "content/events/interview.md:4:1: 'after' names 'exercise', but interview is dated "
                "2021-08-29, before exercise (2021-08-30, content/events/exercise.md): fix one of "
                "the dates or remove the 'after'"
            ],
            id="contradicts-dates",
        ),
        pytest.param(
            {"exercise": "date: 2021-08-30\n", "takeover": "date: {before: 2021-08-01}\nafter: [exercise]\n"},
            [
                "content/events/takeover.md:4:1: 'after' names 'exercise', but takeover is dated "
                "before 2021-08-01, before exercise (2021-08-30, content/events/exercise.md): fix "
                "one of the dates or remove the 'after'"
            ],
            id="contradicts-bound",
        ),
        pytest.param(
            {"first": "date: 2021\nafter: [second]\n", "second": "date: 2021\nafter: [first]\n"},
            [
                "content/events/first.md:4:1: 'after' loops: first (content/events/first.md) -> "
                "second (content/events/second.md) -> first (content/events/first.md)"
            ],
            id="loop",
        ),
        pytest.param(
            {"interview": "after: [ada]\n"},
            [
                "content/events/interview.md:3:1: 'after' must name an event, but 'ada' is a "
                "person (content/people/ada.md)"
            ],
            id="not-an-event",
        ),
        pytest.param(
            {"takeover": "date: {before: 2021-08-27}\n", "reply": "after: [takeover]\n"},
            [
                "content/events/reply.md:3:1: has no date, and no event it comes 'after' has a "
                "known start to date it by: give it a 'date'"
            ],
            id="nothing-to-date-by",
        ),
        pytest.param(
            {"plans": "date: {after: 2021-09, before: 2021-08-30}\n"},
            ["content/events/plans.md:3:7: 'date': after (2021-09) must come before before (2021-08-30)"],
            id="bounds-reversed",
        ),
        pytest.param(
            {"plans": "date: {after: 2021-09, around: 2021-08-30}\n"},
            [
                "content/events/plans.md:3:24: unknown field 'date.around': a bounded date takes "
                "'after' and 'before'"
            ],
            id="unknown-bound",
        ),
        pytest.param(
            {"plans": 'date: {before: 2021-09}\ntime: "19:00"\n'},
            ["content/events/plans.md:4:1: 'time' needs a full date, not a bounded one"],
            id="time-on-bound",
        ),
    ],
)
def test_after_and_bounds_errors_name_the_files(
    built_project: tuple[Path, Path],
    events: dict[str, str],
    expected: list[str],
) -> None:
    root, out_dir = built_project
    (root / TALKS).unlink()
    write_files(
        root,
        {f"content/events/{slug}.md": event_file(slug.capitalize(), dates) for slug, dates in events.items()},
    )
    assert_fails_leaving_output(root, out_dir, expected)


def event(slug: str, day: str = "", time: str = "", weight: int = 0) -> Event:
    return Event(
        kind="events",
        slug=slug,
        path=f"content/events/{slug}.md",
        body="",
        body_line=1,
        lines={},
        corrections=(),
        updated=None,
        title=slug.title(),
        start=parse_date(day) if day else None,
        time=time,
        weight=weight,
    )


def test_same_day_events_order_by_time_then_weight_then_title() -> None:
    events = [
        event("evening", "2021-09-02", "19:00"),
        event("morning", "2021-09-02", "08:30"),
        event("zulu", "2021-09-02"),
        event("alpha", "2021-09-02"),
        event("heavy", "2021-09-02", weight=-1),
        event("next-day", "2021-09-03", "00:10"),
        event("the-month", "2021-09"),
    ]
    errors: list = []
    timeline = place_events({e.slug: e for e in events}, errors)
    assert not errors
    assert [e.slug for e in timeline] == [
        "the-month",
        "heavy",
        "alpha",
        "zulu",
        "morning",
        "evening",
        "next-day",
    ]


def test_when_text_uses_the_strings_given() -> None:
    french = {
        **STRINGS,
        "date.between": "entre le {first} et le {last}",
        "date.month.8": "août",
        "date.month.9": "septembre",
        "date.probably": "sans doute {date}",
    }
    bounded = Event(
        kind="events",
        slug="x",
        path="x",
        body="",
        body_line=1,
        lines={},
        corrections=(),
        updated=None,
        start=parse_date("2021-08-30"),
        after=parse_date("2021-08-30"),
        before=parse_date("2021-09-30"),
        approximate=True,
    )
    assert when_text(bounded, french) == "sans doute entre le 30 août et le 30 septembre 2021"


def test_a_long_chain_of_afters_is_placed_and_a_loop_behind_it_reported_once() -> None:
    """Thousands of `after`s in a row: no recursion limit, each dated after the one before; a
    loop with a long tail behind it is one error, at its first member."""
    chain = {"e0": event("e0", "2021-08-30")}
    for index in range(1, 3000):
        chain[f"e{index}"] = replace(event(f"e{index}"), follows=(f"e{index - 1}",))
    errors: list = []
    timeline = place_events(chain, errors)
    assert not errors
    assert [e.slug for e in timeline] == list(chain)
    assert timeline[-1].after == parse_date("2021-08-30")
    looped = {slug: replace(e, start=parse_date("2021")) for slug, e in chain.items()}
    looped["e0"] = replace(looped["e0"], follows=("e2",))
    errors = []
    assert place_events(looped, errors) == ()
    assert [str(e) for e in errors] == [
        "content/events/e0.md:1:1: 'after' loops: e0 (content/events/e0.md) -> e2 "
        "(content/events/e2.md) -> e1 (content/events/e1.md) -> e0 (content/events/e0.md)"
    ]


def dated(**fields: object) -> Event:
    """An event with only the given date fields (dates written as in front matter)."""
    dates = {key: parse_date(value) if isinstance(value, str) else value for key, value in fields.items()}
    return Event(
        kind="events",
        slug="x",
        path="x",
        body="",
        body_line=1,
        lines={},
        corrections=(),
        updated=None,
        **{"start": dates.get("after") or dates.get("before"), **dates},
    )


@pytest.mark.parametrize(
    ("event", "first", "last"),
    [
        (dated(start="2021-08-27"), date(2021, 8, 27), date(2021, 8, 27)),
        (dated(start="2021-08"), date(2021, 8, 1), date(2021, 8, 31)),
        (dated(start="1979", end="1989"), date(1979, 1, 1), date(1989, 12, 31)),
        (dated(start="1980s"), date(1980, 1, 1), date(1989, 12, 31)),
        (dated(after="2021-08-30"), date(2021, 8, 31), date.max),  # strictly after the bound
        (dated(before="2021-09"), date.min, date(2021, 8, 31)),
        (dated(after="2021-08", before="2021-10"), date(2021, 9, 1), date(2021, 9, 30)),
        (dated(start="2021-08-27", approximate=True), date.min, date.max),  # inferred: proves nothing
        (dated(start=None), date.min, date.max),
    ],
)
def test_possible_days_say_only_what_the_date_says(event: Event, first: date, last: date) -> None:
    assert possible_days(event) == (first, last)


def test_a_bound_sorts_at_its_day_before_sorts_ahead_and_after_behind() -> None:
    on = dated(start="2021-09-02")
    before, after = dated(before="2021-09-02"), dated(after="2021-09-02")
    assert sorted([after, on, before], key=sort_key) == [before, on, after]
    assert sort_key(dated(start="2021-09")) < sort_key(before)  # the month before its days
