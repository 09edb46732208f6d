"""feed.xml, the updates feed: Atom 1.0 as RFC 4287 requires it, one entry per correction and
per `updated` date, newest first, dated and identified from the content alone."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ADA, SMALL_PROJECT, TALKS, person, run_main, write_files

from site_builder.feed import rfc3339
from site_builder.model import FuzzyDate

A = "{http://www.w3.org/2005/Atom}"
BASE = "https://news.example.org/town/"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
CORRECTED_PROJECT = {
    **SMALL_PROJECT,
    "content/site.yaml": SMALL_PROJECT["content/site.yaml"] + f"base_url: {BASE}\n",
    ADA: person(
        "updated: 2021-09-10\n"
        "corrections:\n"
        "  - {date: 2021-09-05, text: An earlier version gave her role as mediator.}\n"
        "  - {date: 2021-09-05, text: An earlier version misspelt her name.}\n"
    ),
    TALKS: SMALL_PROJECT[TALKS].replace(
        "people: [ada]\n",
        "people: [ada]\ncorrections: [{date: 2021-09, text: The talks resumed a day later.}]\n",
    ),
    "content/glossary/nrf.md": (
        "---\nterm: National Resistance Front\nabbr: NRF\ndefinition: An armed group.\n"
        "updated: 2021-09-12\n---\n"
    ),
}


def build(root: Path, out_dir: Path) -> Path:
    result = run_main("build", "--root", root, "--out", out_dir)
    assert result.returncode == 0, result.stderr
    return out_dir


def entries(feed: ET.Element) -> list[dict[str, str]]:
    """Each entry's id, title, updated, summary and alternate link."""
    found = []
    for entry in feed.iter(f"{A}entry"):
        fields = {child.tag.removeprefix(A): child.text or "" for child in entry if child.tag != f"{A}link"}
        links = [link.attrib for link in entry.iter(f"{A}link")]
        fields["link"] = next(link["href"] for link in links if link.get("rel", "alternate") == "alternate")
        found.append(fields)
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("feed")
    return build(write_files(where / "project", CORRECTED_PROJECT), where / "public")


def test_feed_is_atom_with_every_element_rfc_4287_requires(built: Path) -> None:
    feed = ET.parse(built / "feed.xml").getroot()
    assert feed.tag == f"{A}feed"
    for required in ("id", "title", "updated"):  # 4.1.1: exactly one of each
        assert len(feed.findall(f"{A}{required}")) == 1, required
    assert feed.findtext(f"{A}author/{A}name") == "Small explainer"  # no entry has its own
    self_links = [link for link in feed.findall(f"{A}link") if link.get("rel") == "self"]
    assert [link.get("href") for link in self_links] == [BASE + "feed.xml"]
    dates = [feed.findtext(f"{A}updated") or ""] + [entry["updated"] for entry in entries(feed)]
    for date in dates:
        assert RFC3339.fullmatch(date), date
        datetime.fromisoformat(date)
    for entry in feed.iter(f"{A}entry"):  # 4.1.2: id, title, updated; no content: a summary, a link
        for required in ("id", "title", "updated", "summary"):
            assert len(entry.findall(f"{A}{required}")) == 1, required
    ids = [entry["id"] for entry in entries(feed)]
    assert len(set(ids)) == len(ids)
    assert all(re.match(r"https://", entry_id) for entry_id in ids)  # absolute IRIs


def test_one_entry_per_correction_and_update_newest_first(built: Path) -> None:
    feed = ET.parse(built / "feed.xml").getroot()
    assert feed.findtext(f"{A}updated") == "2021-09-12T00:00:00Z"  # the newest entry, not the clock
    assert [(e["updated"][:10], e["title"], e["summary"], e["link"]) for e in entries(feed)] == [
        (
            "2021-09-12",
            "Updated: National Resistance Front",
            "National Resistance Front was updated on 12 September 2021.",
            BASE + "glossary/#nrf",
        ),
        (
            "2021-09-10",
            "Updated: Ada Lovelace",
            "Ada Lovelace was updated on 10 September 2021.",
            BASE + "people/ada/",
        ),
        (
            "2021-09-05",
            "Corrected: Ada Lovelace",
            "An earlier version gave her role as mediator.",
            BASE + "people/ada/",
        ),
        (
            "2021-09-05",
            "Corrected: Ada Lovelace",
            "An earlier version misspelt her name.",
            BASE + "people/ada/",
        ),
        ("2021-09-01", "Corrected: Talks resume", "The talks resumed a day later.", BASE + "timeline/#talks"),
    ]


def test_ids_stay_when_the_build_or_the_wording_changes(built: Path, tmp_path: Path) -> None:
    """Two builds write the same feed, and rewording a correction keeps its entry's id."""
    files = dict(CORRECTED_PROJECT)
    files[ADA] = files[ADA].replace("misspelt her name", "spelt her name wrongly")
    again = build(write_files(tmp_path / "project", files), tmp_path / "public")
    before, after = (entries(ET.parse(site / "feed.xml").getroot()) for site in (built, again))
    assert [entry["id"] for entry in before] == [entry["id"] for entry in after]
    assert before[:3] == after[:3] and before[4] == after[4]
    assert before[3]["id"] == BASE + "feed.xml#ada/corrected/2021-09-05/2"
    build(write_files(tmp_path / "project", CORRECTED_PROJECT), tmp_path / "public")
    assert (tmp_path / "public/feed.xml").read_bytes() == (built / "feed.xml").read_bytes()


class FeedLinks(HTMLParser):
    """The feed links of a page: in its head (rel=alternate) and in its text."""

    def __init__(self) -> None:
        super().__init__()
        self.head: list[str] = []
        self.body: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("type") != "application/atom+xml":
            return
        if tag == "link" and values.get("rel") == "alternate":
            self.head.append(values.get("href") or "")
        elif tag == "a":
            self.body.append(values.get("href") or "")


def feed_links(path: Path) -> FeedLinks:
    reader = FeedLinks()
    reader.feed(path.read_text("utf-8"))
    return reader


def test_every_page_links_the_feed_and_the_corrections_page_says_so(built: Path) -> None:
    pages = sorted(built.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        links = feed_links(page)
        depth = len(page.relative_to(built).parts) - 1
        expected = "/town/feed.xml" if page.name == "404.html" else "../" * depth + "feed.xml"
        assert links.head == [expected], page
    assert feed_links(built / "corrections/index.html").body == ["../feed.xml"]


def test_no_base_url_no_feed(tmp_path: Path) -> None:
    """Atom needs absolute URLs: without base_url no feed is written, and no page links one."""
    site = build(write_files(tmp_path / "project", dict(SMALL_PROJECT)), tmp_path / "public")
    assert not (site / "feed.xml").exists()
    assert feed_links(site / "index.html").head == []
    assert feed_links(site / "corrections/index.html").body == []


def test_an_empty_feed_is_dated_by_the_content(tmp_path: Path) -> None:
    files = {**SMALL_PROJECT, "content/site.yaml": CORRECTED_PROJECT["content/site.yaml"]}
    site = build(write_files(tmp_path / "project", files), tmp_path / "public")
    feed = ET.parse(site / "feed.xml").getroot()
    assert entries(feed) == []
    assert feed.findtext(f"{A}updated") == "2021-09-02T00:00:00Z"  # the talks, the newest date


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (FuzzyDate(2021, 8, 27, 3), "2021-08-27T00:00:00Z"),
        (FuzzyDate(2021, 8, 0, 2), "2021-08-01T00:00:00Z"),
        (FuzzyDate(1980, 0, 0, 0), "1980-01-01T00:00:00Z"),
    ],
)
def test_rfc3339_is_the_first_moment_a_date_may_mean(date: FuzzyDate, expected: str) -> None:
    assert rfc3339(date) == expected
