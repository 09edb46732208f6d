"""Drafts and embargo: left out of build and publish entirely, shown marked by --drafts."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SMALL_PROJECT, error_lines, person, run_main, snapshot, write_files

from site_builder.drafts import build_moment, is_withheld, select_items
from site_builder.errors import UsageError

DRAFT_PERSON = "content/people/zenobia-quarrel.md"
DRAFT_FILES = {
    DRAFT_PERSON: (
        "---\nname: Zenobia Quarrel\nrole: Unannounced envoy\nsummary: Not yet public.\n"
        "draft: true\n---\nShe met [[ada]].\n"
    ),
    "content/events/secret-meeting.md": (
        "---\ntitle: Xylophone summit\ndate: 2021-09-03\nsummary: Not yet public either.\n"
        "people: [zenobia-quarrel]\ndraft: true\n---\n"
    ),
    "content/pages/about.md": "---\ntitle: About us\n---\nWho made this.\n",
}
EMBARGOED = {
    "content/glossary/quokka-pact.md": (
        "---\nterm: Quokka pact\ndefinition: An agreement announced at the embargo.\n"
        "embargo: 2026-12-03T09:00:00+00:00\n---\n"
    ),
}
BASE_URL = "https://news.example.org/explainers/small/"


class PageMeta(HTMLParser):
    """The robots meta, the draft banner's text and the hrefs of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.robots = ""
        self.banner: list[str] = []
        self.hrefs: list[str] = []
        self._in_banner = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("name") == "robots":
            self.robots = values.get("content") or ""
        if "draft-banner" in (values.get("class") or "").split() or self._in_banner:
            self._in_banner += 1
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if self._in_banner:
            self._in_banner -= 1

    def handle_data(self, data: str) -> None:
        if self._in_banner:
            self.banner.append(data)


def parse(path: Path) -> PageMeta:
    page = PageMeta()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture
def project(tmp_path: Path) -> Path:
    files = {**SMALL_PROJECT, **DRAFT_FILES, **EMBARGOED}
    files["content/site.yaml"] += f"base_url: {BASE_URL}\n"
    return write_files(tmp_path / "project", dict(files))


def test_drafts_are_absent_from_every_output_file(project: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "public"
    result = run_main("build", "--root", project, "--out", out_dir, "--now", "2026-01-01T00:00:00Z")
    assert result.returncode == 0, result.stderr
    files = snapshot(out_dir)
    assert "about/index.html" in files and "sitemap.xml" in files
    assert not any("zenobia" in path or "secret-meeting" in path for path in files)
    for path, data in files.items():
        text = data.decode("utf-8", errors="replace")
        for word in ("Zenobia", "zenobia-quarrel", "Xylophone", "secret-meeting", "Quokka"):
            assert word not in text, f"{word} leaked into {path}"
    data = json.loads(files["data.json"])
    assert [p["slug"] for p in data["people"]] == ["ada"]
    timeline = json.loads(files["timeline.json"])
    assert [e["unique_id"] for e in timeline["events"]] == ["talks"]


def test_a_link_to_a_draft_names_both_files(project: Path) -> None:
    write_files(
        project,
        {
            "content/people/ada.md": person(body="Ada met [[zenobia-quarrel]].\n"),
            "content/events/talks.md": SMALL_PROJECT["content/events/talks.md"].replace(
                "people: [ada]", "people: [ada, zenobia-quarrel]"
            ),
        },
    )
    result = run_main("check", "--root", project)
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if "zenobia-quarrel" in line]
    assert problems == [
        "content/events/talks.md:5:1: 'people' names 'zenobia-quarrel', which is a draft "
        f"({DRAFT_PERSON}), so it is left out of the build: publish it first, or remove the "
        "reference (build --drafts shows drafts)",
        "content/people/ada.md:6:9: [[zenobia-quarrel]] links to an item that is a draft "
        f"({DRAFT_PERSON}), so it is left out of the build: publish it first, or remove the "
        "reference (build --drafts shows drafts)",
    ]
    # --drafts builds it, so the same links are fine there
    assert run_main("check", "--root", project, "--drafts").returncode == 0


def test_build_drafts_shows_them_marked_and_unindexed(project: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "public"
    result = run_main("build", "--root", project, "--out", out_dir, "--drafts")
    assert result.returncode == 0, result.stderr
    draft = parse(out_dir / "people" / "zenobia-quarrel" / "index.html")
    assert "noindex" in draft.robots
    assert "Draft" in " ".join(draft.banner)
    published = parse(out_dir / "people" / "ada" / "index.html")
    assert published.robots == "" and published.banner == []
    sitemap = (out_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{BASE_URL}people/ada/" in sitemap and "zenobia" not in sitemap


@pytest.mark.parametrize(
    ("now", "published"),
    [
        ("2026-12-03T08:59:59+00:00", False),
        ("2026-12-03T10:59:59+02:00", False),  # the same moment as 08:59:59 UTC
        ("2026-12-03T09:00:00+00:00", True),
        ("2026-12-03T09:00:01Z", True),
    ],
)
def test_embargo_lifts_at_its_moment(project: Path, tmp_path: Path, now: str, published: bool) -> None:
    out_dir = tmp_path / "public"
    result = run_main("build", "--root", project, "--out", out_dir, "--now", now)
    assert result.returncode == 0, result.stderr
    glossary = (out_dir / "glossary" / "index.html").read_text(encoding="utf-8")
    assert ("Quokka pact" in glossary) is published


def test_source_date_epoch_is_the_moment_when_set(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    after = int(datetime(2026, 12, 3, 9, 0, tzinfo=UTC).timestamp())
    for epoch, published in ((after - 1, False), (after, True)):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
        out_dir = tmp_path / f"public-{epoch}"
        assert run_main("build", "--root", project, "--out", out_dir).returncode == 0
        assert ("Quokka" in (out_dir / "data.json").read_text(encoding="utf-8")) is published
    # --now wins over the environment
    out_dir = tmp_path / "public-now"
    assert (
        run_main("build", "--root", project, "--out", out_dir, "--now", "2030-01-01T00:00:00Z").returncode
        == 0
    )
    assert "Quokka" in (out_dir / "data.json").read_text(encoding="utf-8")


def test_bad_now_is_a_usage_error(project: Path) -> None:
    result = run_main("build", "--root", project, "--now", "tomorrow")
    assert result.returncode == 2
    assert "--now: 'tomorrow' is not a date-time" in result.stderr
    result = run_main("build", "--root", project, "--now", "2026-12-03T09:00:00")
    assert result.returncode == 2
    assert "has no time zone" in result.stderr


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "2026-12-03",
            "'embargo': '2026-12-03' has no time zone: add one (+00:00 for UTC), "
            "like 2026-12-03T09:00:00+00:00",
        ),
        (
            "next week",
            "'embargo': 'next week' is not a date-time: write the date, 'T', the time and "
            "the time zone, like 2026-12-03T09:00:00+00:00",
        ),
    ],
)
def test_bad_embargo_names_file_and_line(project: Path, value: str, message: str) -> None:
    write_files(project, {"content/people/ada.md": person(f"embargo: {value}\n")})
    result = run_main("build", "--root", project)
    assert result.returncode == 1
    assert error_lines(result.stderr) == [f"content/people/ada.md:5:10: {message}"]


def test_the_moment_and_the_split() -> None:
    assert build_moment("2026-12-03T09:00:00Z") == datetime(2026, 12, 3, 9, tzinfo=UTC)
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    assert abs((build_moment() - datetime.now(UTC)).total_seconds()) < 60
    with pytest.raises(UsageError):
        build_moment("soon")


def test_select_items_keeps_drafts_marked_only_when_asked(project: Path) -> None:
    from site_builder.build import BuildCache, load_items
    from site_builder.config import load_config

    config, _ = load_config(project, {})
    items, problems, _ = load_items(project, config, BuildCache(None))
    assert problems == []
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    withheld = {item.slug for item in items if is_withheld(item, moment)}
    assert withheld == {"zenobia-quarrel", "secret-meeting", "quokka-pact"}
    published = select_items(items, False, moment)
    assert set(published.withheld) == withheld and published.drafts == frozenset()
    assert not withheld & {item.slug for item in published.items}
    shown = select_items(items, True, moment)
    assert shown.drafts == withheld and len(shown.items) == len(items)


def test_a_cached_rebuild_publishes_when_the_embargo_lifts(project: Path, tmp_path: Path) -> None:
    """Nothing in the files changed, only the moment: the build must not call itself up to date."""
    out_dir = tmp_path / "public"
    for now, published in (
        ("2026-12-03T08:00:00Z", False),
        ("2026-12-03T08:30:00Z", False),
        ("2026-12-03T09:30:00Z", True),
    ):
        result = run_main("build", "--root", project, "--out", out_dir, "--now", now)
        assert result.returncode == 0, result.stderr
        assert ("Quokka" in (out_dir / "data.json").read_text(encoding="utf-8")) is published
    assert (
        "up to date"
        in run_main("build", "--root", project, "--out", out_dir, "--now", "2026-12-04T00:00:00Z").stdout
    )
