"""Files for hosts and other tools (sitemap, robots, CNAME, timeline.json, data.json) and page metadata."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, run_main, write_files

from site_builder.model import FuzzyDate, Quote
from site_builder.outputs import dump_json, plain, timeline_date

FIXTURE = REPO / "tests" / "fixtures" / "second-explainer"
BASE_URL = "https://news.example.org/explainers/rivermouth/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the second explainer, free to edit."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return root


def build(root: Path, *args: str) -> Path:
    """Build root with the real CLI; returns the output folder."""
    out_dir = root.parent / "public"
    result = run_main("build", "--root", root, "--out", out_dir, *args)
    assert result.returncode == 0, result.stderr
    return out_dir


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder of the second explainer as it is, built once with BASE_URL, for the
    tests that only read it (never write into it; a test that edits the project builds its own)."""
    root = tmp_path_factory.mktemp("published") / "project"
    shutil.copytree(FIXTURE, root)
    return build(root, "--base-url", BASE_URL)


class HeadReader(HTMLParser):
    """<meta> values by property/name, <link rel> hrefs and JSON-LD blocks of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta" and ("property" in values or "name" in values):
            self.meta[values.get("property") or values["name"]] = values.get("content", "")
        if tag == "link" and "rel" in values:
            self.links[values["rel"]] = values.get("href", "")
        self._in_json_ld = tag == "script" and values.get("type") == "application/ld+json"
        if self._in_json_ld:
            self.json_ld.append("")

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld[-1] += data

    def handle_endtag(self, tag: str) -> None:
        self._in_json_ld = False


def read_head(path: Path) -> HeadReader:
    reader = HeadReader()
    reader.feed(path.read_text("utf-8"))
    return reader


def graph_of(page: Path) -> list[dict[str, object]]:
    """The page's one JSON-LD block, parsed: it must be valid JSON."""
    blocks = read_head(page).json_ld
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    return data["@graph"]


def page_urls_on_disk(out_dir: Path) -> set[str]:
    """The absolute URL of every HTML page in the output, except the not-found page."""
    urls = set()
    for page in out_dir.rglob("*.html"):
        rel = page.relative_to(out_dir).as_posix()
        if rel != "404.html" and not rel.startswith("embed/"):  # embeds are noindex
            urls.add(BASE_URL + rel.removesuffix("index.html"))
    return urls


def test_sitemap_lists_every_page_once_with_absolute_urls(published: Path) -> None:
    out_dir = published
    root = ET.parse(out_dir / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    locs = [url.findtext(f"{SITEMAP}loc") for url in root.findall(f"{SITEMAP}url")]
    assert len(locs) == len(set(locs))
    assert set(locs) == page_urls_on_disk(out_dir)
    assert BASE_URL + "people/mara-quill/" in locs
    assert (out_dir / "robots.txt").read_text().splitlines() == [
        "User-agent: *",
        "Allow: /",
        f"Sitemap: {BASE_URL}sitemap.xml",
    ]


def test_sitemap_lastmod_follows_updated(project: Path) -> None:
    person = project / "content/people/tomas-quill.md"
    person.write_text(person.read_text().replace("---\n", "---\nupdated: 2024-03-09\n", 1))
    out_dir = build(project, "--base-url", BASE_URL)
    root = ET.parse(out_dir / "sitemap.xml").getroot()
    lastmod = {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in root.findall(f"{SITEMAP}url")
    }
    assert lastmod[BASE_URL + "people/tomas-quill/"] == "2024-03-09"
    assert lastmod[BASE_URL + "people/mara-quill/"] is None


def test_without_base_url_no_sitemap_and_robots_names_none(project: Path) -> None:
    out_dir = build(project)
    assert not (out_dir / "sitemap.xml").exists()
    assert "Sitemap" not in (out_dir / "robots.txt").read_text()
    assert read_head(out_dir / "index.html").links.get("canonical") is None


def test_host_files_nojekyll_and_cname(project: Path) -> None:
    out_dir = build(project)
    assert (out_dir / ".nojekyll").read_bytes() == b""
    assert not (out_dir / "CNAME").exists()
    with (project / "content/site.yaml").open("a") as site_yaml:
        site_yaml.write("cname: floods.example.org\n")
    out_dir = build(project)
    assert (out_dir / "CNAME").read_text() == "floods.example.org\n"


def test_timeline_json_is_timelinejs3(project: Path) -> None:
    event = project / "content/events/river-bursts.md"
    event.write_text(event.read_text().replace("---\n", "---\napproximate: true\n", 1))
    out_dir = build(project, "--base-url", BASE_URL)
    timeline = json.loads((out_dir / "timeline.json").read_text("utf-8"))
    assert timeline["title"]["text"]["headline"] == "Rivermouth flood 2024 (test fixture)"
    slides = {slide["unique_id"]: slide for slide in timeline["events"]}
    assert list(slides) == ["flood-1950s", "heavy-rain", "river-bursts"]
    decade = slides["flood-1950s"]
    assert decade["start_date"] == {"year": "1950"}
    assert decade["display_date"] == "1950s"
    assert "end_date" not in decade
    span = slides["heavy-rain"]
    assert span["start_date"] == {"year": "2024", "month": "3", "day": "4"}
    assert span["end_date"] == {"year": "2024", "month": "3", "day": "6"}
    assert "display_date" not in span
    inferred = slides["river-bursts"]
    assert inferred["start_date"] == {"year": "2024", "month": "3", "day": "7"}
    assert inferred["display_date"] == "probably 7 March 2024"
    assert inferred["text"]["headline"] == "The River Wend bursts its banks"
    assert f'href="{BASE_URL}timeline/#river-bursts"' in inferred["text"]["text"]
    for slide in timeline["events"]:
        for key in ("start_date", "end_date"):
            assert all(isinstance(part, str) for part in slide.get(key, {}).values())
        assert slide.get("end_date") != slide["start_date"]


def test_data_json_holds_the_content_model_with_urls(published: Path) -> None:
    out_dir = published
    data = json.loads((out_dir / "data.json").read_text("utf-8"))
    assert data["site"]["base_url"] == BASE_URL
    people = {person["slug"]: person for person in data["people"]}
    assert people["mara-quill"]["url"] == BASE_URL + "people/mara-quill/"
    assert people["mara-quill"]["name"] == "Mara Quill"
    assert people["mara-quill"]["aliases"] == ["the mayor"]
    assert people["mara-quill"]["quotes"][0]["text"] == "The water rose 1.8 metres in under six hours"
    assert [event["slug"] for event in data["events"]] == ["flood-1950s", "heavy-rain", "river-bursts"]
    assert data["events"][0]["start"] == "1950s"
    assert {term["url"] for term in data["glossary"]} == {
        BASE_URL + "glossary/#flood-barrier",
        BASE_URL + "glossary/#wend-rescue-team",
    }
    assert {place["slug"] for place in data["places"]} == {"lower-wend", "rivermouth"}
    assert {figure["slug"] for figure in data["figures"]} == {"homes-evacuated", "water-rise"}
    source_text = (FIXTURE / "content/sources/report.md").read_text().split("---\n", 2)[2]
    assert data["sources"][0]["title"]
    assert "body" not in data["sources"][0]
    assert source_text.strip()[:40] not in (out_dir / "data.json").read_text("utf-8")
    assert "path" not in people["mara-quill"]


def test_social_tags_and_canonical_use_the_absolute_base_url(published: Path) -> None:
    out_dir = published
    head = read_head(out_dir / "people/mara-quill/index.html")
    assert head.links["canonical"] == BASE_URL + "people/mara-quill/"
    assert head.meta["og:url"] == BASE_URL + "people/mara-quill/"
    assert head.meta["og:title"] == "Mara Quill"
    assert head.meta["og:description"] == "The mayor of the invented town of Rivermouth."
    assert head.meta["og:type"] == "article"
    assert head.meta["og:locale"] == "en_GB"
    assert head.meta["twitter:card"] == "summary_large_image"  # the social card: test_social_card
    assert head.meta["twitter:title"] == "Mara Quill"


@pytest.mark.parametrize(
    ("page", "expected_type"),
    [
        ("people/mara-quill/index.html", "Person"),
        ("places/lower-wend/index.html", "Place"),
        ("glossary/index.html", "DefinedTermSet"),
        ("timeline/index.html", "Event"),
        ("index.html", "WebSite"),
    ],
)
def test_json_ld_uses_the_right_types(published: Path, page: str, expected_type: str) -> None:
    out_dir = published
    graph = graph_of(out_dir / page)
    types = [node["@type"] for node in graph]
    assert expected_type in types
    ids = [node["@id"] for node in graph]
    assert len(ids) == len(set(ids)), "one @id for two nodes would merge them"


def test_json_ld_details(project: Path) -> None:
    person = project / "content/people/tomas-quill.md"
    person.write_text(person.read_text().replace("---\n", "---\nupdated: 2024-03\n", 1))
    out_dir = build(project, "--base-url", BASE_URL)
    page, person_node = graph_of(out_dir / "people/tomas-quill/index.html")
    assert page["@type"] == "WebPage"
    assert page["dateModified"] == "2024-03"
    assert page["mainEntity"] == {"@id": person_node["@id"]}
    assert person_node["url"] == BASE_URL + "people/tomas-quill/"
    glossary = {node["@type"]: node for node in graph_of(out_dir / "glossary/index.html")}
    terms = glossary["DefinedTermSet"]["hasDefinedTerm"]
    assert {term["@type"] for term in terms} == {"DefinedTerm"}
    assert len(terms) == 2
    events = [node for node in graph_of(out_dir / "timeline/index.html") if node["@type"] == "Event"]
    span = next(event for event in events if event["name"] == "Heavy rain on the hills")
    assert (span["startDate"], span["endDate"]) == ("2024-03-04", "2024-03-06")
    decade = next(event for event in events if event["name"] == "The last flood on this scale")
    assert decade["startDate"] == "1950" and "endDate" not in decade
    home = {node["@type"]: node for node in graph_of(out_dir / "index.html")}
    assert home["Article"]["headline"] == "Rivermouth flood 2024 (test fixture)"


def test_json_ld_cannot_be_closed_by_content(project: Path) -> None:
    hostile = "Ends </script><script>alert(1)</script> & <!-- here"
    person = project / "content/people/tomas-quill.md"
    text = person.read_text()
    summary_line = next(line for line in text.splitlines() if line.startswith("summary:"))
    person.write_text(text.replace(summary_line, f"summary: {json.dumps(hostile)}"))
    out_dir = build(project, "--base-url", BASE_URL)
    html = (out_dir / "people/tomas-quill/index.html").read_text("utf-8")
    _, person_node = graph_of(out_dir / "people/tomas-quill/index.html")
    assert person_node["description"] == hostile
    assert "<script>alert(1)" not in html


def test_project_with_every_kind_builds_its_outputs(tmp_path: Path) -> None:
    from conftest import SMALL_PROJECT

    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    out_dir = build(root, "--base-url", "https://example.org/")
    data = json.loads((out_dir / "data.json").read_text("utf-8"))
    assert data["figures"][0]["display"] == "300 people"
    assert data["figures"][0]["url"] == "https://example.org/figures/#attendance"


# --- outputs.py's own functions, called directly -------------------------------------------------


@pytest.mark.parametrize(
    ("date", "time", "parts"),
    [
        (FuzzyDate(1980, precision=0), "", {"year": "1980"}),
        (FuzzyDate(2021), "", {"year": "2021"}),
        (FuzzyDate(2021, 8, precision=2), "", {"year": "2021", "month": "8"}),
        (FuzzyDate(2021, 8, 27, precision=3), "", {"year": "2021", "month": "8", "day": "27"}),
        (
            FuzzyDate(2021, 8, 27, precision=3),
            "09:05",
            {"year": "2021", "month": "8", "day": "27", "hour": "9", "minute": "5"},
        ),
    ],
)
def test_timeline_dates_are_only_as_precise_as_known(
    date: FuzzyDate, time: str, parts: dict[str, str]
) -> None:
    assert timeline_date(date, time) == parts


def test_json_is_stable_readable_and_keeps_non_ascii() -> None:
    data = {"b": [1, {"c": "Zoë"}], "a": None}
    assert dump_json(data) == '{\n "b": [\n  1,\n  {\n   "c": "Zoë"\n  }\n ],\n "a": null\n}\n'.encode()
    assert dump_json(data) == dump_json(dict(data))


def test_plain_writes_model_values_as_json_without_file_positions() -> None:
    quote = Quote("We stay.", source="article", context="to the press", line=7)
    assert plain(quote) == {"text": "We stay.", "source": "article", "context": "to the press"}
    assert plain((FuzzyDate(2021, 8, precision=2), datetime(2026, 1, 1, tzinfo=UTC))) == [
        "2021-08",
        "2026-01-01T00:00:00+00:00",
    ]


def test_data_json_made_from_remembered_records_is_the_same_bytes() -> None:
    """dump_data assembles data.json from each record's JSON text, remembered between builds:
    byte for byte what dumping the whole gives, the first time and from memory (empty kinds
    and text in two scripts among the projects; pictures: test_reads' random edits)."""
    from site_builder.build import load_site
    from site_builder.cache import BuildCache
    from site_builder.outputs import dump_data, render_data
    from site_builder.render.theme import find_theme, language_strings

    for root in (
        REPO,
        REPO / "tests" / "fixtures" / "languages-fa",
        REPO / "tests" / "fixtures" / "second-explainer",
    ):
        site = load_site(root, {})
        cache = BuildCache(None)
        expected = dump_json(render_data(site, {}))
        assert dump_data(site, {}, memo=cache.memo) == expected
        assert dump_data(site, {}, memo=cache.memo) == expected, root
        tables = language_strings(find_theme(root), root, site.config.languages)
        for version in site.translations:  # each language's, in its words
            strings = tables[version.language]
            expected = dump_json(render_data(version, {}, strings))
            assert dump_data(version, {}, strings, cache.memo) == expected
            assert dump_data(version, {}, strings, cache.memo) == expected, version.language


def test_json_written_in_batches_is_the_json_of_the_whole() -> None:
    # Over many batches of pieces, with text that is not ASCII: the same bytes as one dump.
    data = {"items": [{"name": f"Ahmad Shāh {n}", "n": n, "tags": ["é", None, True]} for n in range(3000)]}
    assert dump_json(data) == (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    assert dump_json([]) == b"[]\n"
