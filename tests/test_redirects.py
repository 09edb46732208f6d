"""Renamed items (`redirect_from`): the old URL still leads to the item, the old slug stays
reserved, and a link to it is an error that names the new slug."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ADA, SMALL_PROJECT, assert_fails_leaving_output, run_main, write_files

ADA_RENAMED = (
    "---\n"
    "name: Ada Lovelace\n"
    "role: Negotiator\n"
    "summary: Led the talks.\n"
    "affiliations: [nrf]\n"
    "redirect_from: [ada, ada-king]\n"
    "---\n"
    "Ada lives in [[town]].\n"
)
"""SMALL_PROJECT's ada.md, renamed to ada-lovelace.md (the old slugs on line 6)."""
NRF_RENAMED = (
    "---\nterm: National Resistance Front\nabbr: NRF\ndefinition: An armed group.\n"
    "redirect_from: [nrf]\n---\n"
)


def renamed_project(root: Path, base_url: str = "") -> Path:
    """SMALL_PROJECT with ada renamed to ada-lovelace and nrf to front, links updated."""
    files = dict(SMALL_PROJECT)
    del files[ADA], files["content/glossary/nrf.md"]
    files["content/glossary/front.md"] = NRF_RENAMED
    files["content/pages/index.md"] = files["content/pages/index.md"].replace("[[ada]]", "[[ada-lovelace]]")
    files["content/pages/index.md"] = files["content/pages/index.md"].replace("[[nrf|", "[[front|")
    files["content/people/ada-lovelace.md"] = ADA_RENAMED.replace("[nrf]", "[front]")
    files["content/events/talks.md"] = files["content/events/talks.md"].replace("[ada]", "[ada-lovelace]")
    if base_url:
        files["content/site.yaml"] += f"base_url: {base_url}\n"
    return write_files(root, files)


class HeadReader(HTMLParser):
    """The refresh, canonical and robots of a page's head, and its links' hrefs."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.hrefs: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.append(values["id"])
        if tag == "meta":
            key = values.get("http-equiv") or values.get("name") or ""
            self.meta[key.lower()] = values.get("content", "")
        elif tag == "link" and values.get("rel") == "canonical":
            self.canonical = values["href"]
        elif tag == "a":
            self.hrefs.append(values.get("href", ""))


def read(path: Path) -> HeadReader:
    reader = HeadReader()
    reader.feed(path.read_text("utf-8"))
    return reader


@pytest.mark.parametrize(
    ("base_url", "canonical", "prefix"),
    [
        ("", "../ada-lovelace/", ""),
        ("https://news.example.org/x/", "https://news.example.org/x/people/ada-lovelace/", "/x"),
    ],
)
def test_old_url_of_a_page_leads_to_the_new_one(
    tmp_path: Path, base_url: str, canonical: str, prefix: str
) -> None:
    root = renamed_project(tmp_path / "project", base_url)
    result = run_main("build", "--root", root, "--out", tmp_path / "public")
    assert result.returncode == 0, result.stderr
    public = tmp_path / "public"
    page = read(public / "people/ada/index.html")
    assert page.meta["refresh"] == "0; url=../ada-lovelace/"
    assert page.meta["robots"] == "noindex"
    assert page.canonical == canonical
    assert page.hrefs == ["../ada-lovelace/"]  # the way on without a refresh, and nothing else
    assert (public / "people/ada-king/index.html").is_file()
    # its embed's old URL too, which articles may still frame; an anchored item's page keeps
    # its old anchor (next test), but its embed page had a URL of its own
    assert (public / "embed/people/ada/index.html").is_file()
    assert read(public / "embed/glossary/nrf/index.html").meta["refresh"] == "0; url=../front/"
    assert (public / "_redirects").read_text() == (
        f"{prefix}/embed/glossary/nrf/ {prefix}/embed/glossary/front/ 301\n"
        f"{prefix}/embed/people/ada-king/ {prefix}/embed/people/ada-lovelace/ 301\n"
        f"{prefix}/embed/people/ada/ {prefix}/embed/people/ada-lovelace/ 301\n"
        f"{prefix}/people/ada-king/ {prefix}/people/ada-lovelace/ 301\n"
        f"{prefix}/people/ada/ {prefix}/people/ada-lovelace/ 301\n"
    )
    if base_url:  # the old URL is no page of the site's own: not in the sitemap
        assert "people/ada/" not in (public / "sitemap.xml").read_text()


def test_an_anchored_item_keeps_its_old_anchor(tmp_path: Path) -> None:
    """/glossary/#nrf cannot be redirected by a server (the fragment never reaches it), so the
    glossary keeps an element with the old id right by the renamed term."""
    root = renamed_project(tmp_path / "project")
    assert run_main("build", "--root", root, "--out", tmp_path / "public").returncode == 0
    ids = read(tmp_path / "public/glossary/index.html").ids
    assert ids.index("nrf") == ids.index("front") + 1
    assert not (tmp_path / "public/glossary/nrf").exists()
    assert "\n/glossary/" not in "\n" + (tmp_path / "public/_redirects").read_text()


def test_no_redirect_no_redirects_file(tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    assert run_main("build", "--root", root, "--out", tmp_path / "public").returncode == 0
    assert not (tmp_path / "public/_redirects").exists()


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (  # a new item takes an old slug
            {"content/places/ada.md": "---\nname: Ada\nkind: town\nsummary: A town.\n---\n"},
            [
                "content/people/ada-lovelace.md:6:1: 'redirect_from' keeps 'ada' for this item's "
                "old URL, but content/places/ada.md has that slug: rename that file (an old slug "
                "stays reserved, so links to the old URL keep working)"
            ],
        ),
        (  # a [[link]] to the old slug
            {
                "content/places/town.md": (
                    "---\nname: The Town\nkind: town\nsummary: Where.\n---\nSee [[ada]].\n"
                )
            },
            [
                "content/places/town.md:6:5: [[ada]] links to the old slug of 'ada-lovelace' "
                "(content/people/ada-lovelace.md lists 'ada' in redirect_from): write [[ada-lovelace]]"
            ],
        ),
        (  # a front-matter reference to the old slug
            {
                "content/events/talks.md": "---\ntitle: Talks resume\ndate: 2021-09-02\n"
                "summary: The talks resumed.\npeople: [ada]\n---\n"
            },
            [
                "content/events/talks.md:5:1: 'people' names the old slug of 'ada-lovelace' "
                "(content/people/ada-lovelace.md lists 'ada' in redirect_from): write 'ada-lovelace'"
            ],
        ),
        (  # two items claim one old slug, and one claims its own and a section's
            {
                "content/places/town.md": "---\nname: The Town\nkind: town\nsummary: Where.\n"
                "redirect_from:\n  - ada-king\n  - town\n  - timeline\n---\n"
            },
            [
                "content/places/town.md:6:1: 'redirect_from' names 'ada-king', which "
                "content/people/ada-lovelace.md:6 already redirects to 'ada-lovelace'",
                "content/places/town.md:7:1: 'redirect_from' names the item's own slug",
                "content/places/town.md:8:1: 'redirect_from' names 'timeline', which is reserved "
                "for the site's /timeline/",
            ],
        ),
    ],
)
def test_old_slugs_are_reserved_and_links_to_them_name_the_new_one(
    tmp_path: Path, files: dict[str, str], expected: list[str]
) -> None:
    root = renamed_project(tmp_path / "project")
    out_dir = tmp_path / "public"
    assert run_main("build", "--root", root, "--out", out_dir).returncode == 0
    write_files(root, files)
    assert_fails_leaving_output(root, out_dir, expected)


def test_check_passes_a_site_with_renamed_items(tmp_path: Path) -> None:
    """The pages at old URLs share a title and no link of the site's own leads to them: that is
    what they are for, so `check` reports neither."""
    root = renamed_project(tmp_path / "project", "https://news.example.org/x/")
    result = run_main("check", "--root", root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stdout
