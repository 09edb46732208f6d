"""Embeds: an embed page per figure, person, place, glossary term and the timeline; the code
each item's page offers; oEmbed; and the _headers file that says who may frame what."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SMALL_PROJECT, run_main, write_files

from site_builder.embeds import render_headers
from site_builder.model import Config, Site

BASE = "https://news.example.org/town/"
EMBEDS = {
    "embed/timeline/": "timeline/",
    "embed/figures/attendance/": "figures/#attendance",
    "embed/people/ada/": "people/ada/",
    "embed/places/town/": "places/town/",
    "embed/glossary/nrf/": "glossary/#nrf",
}
"""Embed page -> the full page its credit links to."""
WITH_BASE_URL = {
    **SMALL_PROJECT,
    "content/site.yaml": SMALL_PROJECT["content/site.yaml"] + f"base_url: {BASE}\n",
}


class Reader(HTMLParser):
    """What the tests look at in a page: tags seen, head links and metas, the embed code."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.codes: list[str] = []
        self.in_textarea = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        self.in_textarea = tag == "textarea"
        if self.in_textarea:
            self.codes.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self.in_textarea = False

    def handle_data(self, data: str) -> None:
        if self.in_textarea:
            self.codes[-1] += data

    def all(self, tag: str, **wanted: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag and wanted.items() <= attrs.items()]


def read(path: Path) -> Reader:
    reader = Reader()
    reader.feed(path.read_text("utf-8"))
    return reader


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("embeds")
    root = write_files(where / "project", WITH_BASE_URL)
    result = run_main("build", "--root", root, "--out", where / "public")
    assert result.returncode == 0, result.stderr
    return where / "public"


@pytest.mark.parametrize(("embed", "full"), EMBEDS.items())
def test_an_embed_page_is_the_item_alone_with_a_link_back(built: Path, embed: str, full: str) -> None:
    page = read(built / embed / "index.html")
    assert page.all("meta", name="robots") == [{"name": "robots", "content": "noindex"}]
    assert page.all("meta", name="viewport")
    assert page.all("base") == [{"target": "_blank"}]  # every link opens a new tab, not the frame
    assert not page.all("nav") and not page.all("header")  # no site navigation
    depth = embed.count("/")
    assert page.all("footer", **{"class": "embed-credit"})
    assert page.all("a")[-1]["href"] == "../" * depth + full  # the credit: "From <site title>"
    assert page.all("link", rel="canonical")[0]["href"] == BASE + full.partition("#")[0]
    assert [script["src"].rsplit("/", 1)[1].split(".")[0] for script in page.all("script")] == ["embed-frame"]


def test_embed_credit_names_the_site(built: Path) -> None:
    text = (built / "embed/people/ada/index.html").read_text("utf-8")
    assert 'From <a href="../../../people/ada/">Small explainer<span' in text


def test_each_item_page_offers_its_embed_code(built: Path) -> None:
    offered = {
        "people/ada/index.html": ["embed/people/ada/"],
        "places/town/index.html": ["embed/places/town/"],
        "figures/index.html": ["embed/figures/attendance/"],
        "glossary/index.html": ["embed/glossary/nrf/"],
        "timeline/index.html": ["embed/timeline/"],
    }
    for page_path, embeds in offered.items():
        page = read(built / page_path)
        assert len(page.all("details", **{"class": "embed-code"})) == len(embeds), page_path
        assert not page.all("button")  # copy.js makes the copy button: none without JavaScript
        listed = page_path in ("figures/index.html", "glossary/index.html")
        assert len(page.all("p", **{"class": "embed-once"})) == listed  # the embed.js line, once
        frames = []
        for code in page.codes:
            snippet = Reader()
            snippet.feed(code)
            (frame,) = snippet.all("iframe")
            assert frame["title"].endswith(", from Small explainer"), frame
            assert int(frame["height"]) >= 300  # a sensible height without JavaScript
            assert [script["src"] for script in snippet.all("script")] == (
                [] if listed else [BASE + "embed.js"]
            )
            frames.append(frame["src"])
        assert frames == [BASE + embed for embed in embeds], page_path
    assert not read(built / "index.html").all("details")


def test_oembed_per_item_and_discovery_on_its_page(built: Path) -> None:
    for embed in EMBEDS:
        data = json.loads((built / embed / "oembed.json").read_text("utf-8"))
        assert data["version"] == "1.0" and data["type"] == "rich"
        assert data["provider_name"] == "Small explainer" and data["provider_url"] == BASE
        assert isinstance(data["width"], int) and isinstance(data["height"], int)
        assert data["title"] and f'src="{BASE}{embed}"' in data["html"]
    for page_path, embed in (
        ("people/ada/index.html", "embed/people/ada/"),
        ("places/town/index.html", "embed/places/town/"),
        ("timeline/index.html", "embed/timeline/"),
    ):
        links = read(built / page_path).all("link", type="application/json+oembed")
        assert [link["href"] for link in links] == [BASE + embed + "oembed.json"], page_path
    # a page of many items is not one thing a consumer could embed from its URL
    assert not read(built / "figures/index.html").all("link", type="application/json+oembed")


def test_embed_pages_stay_out_of_the_sitemap_and_check_passes(built: Path) -> None:
    sitemap = (built / "sitemap.xml").read_text("utf-8")
    assert "embed" not in sitemap
    assert (built / "embed.js").is_file()
    assert not list((built / "assets").glob("embed.*.js"))  # only its fixed-name copy


def test_check_passes_a_site_with_embeds(tmp_path: Path) -> None:
    """Embed pages share their items' titles and no link of the site's own leads to them."""
    root = write_files(tmp_path / "project", WITH_BASE_URL)
    result = run_main("check", "--root", root)
    assert result.returncode == 0, result.stdout + result.stderr


def test_without_base_url_the_pages_are_built_but_no_code_is_offered(tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    assert run_main("build", "--root", root, "--out", tmp_path / "public").returncode == 0
    public = tmp_path / "public"
    assert (public / "embed/people/ada/index.html").is_file()
    assert not list(public.rglob("oembed.json"))
    page = read(public / "people/ada/index.html")
    assert not page.all("details") and not page.all("link", type="application/json+oembed")
    assert not [script for script in page.all("script") if "copy" in script.get("src", "")]


def test_embeds_false_publishes_no_embed_page_code_or_script(tmp_path: Path) -> None:
    """A newsroom that does not want its items framed (or 2,800 more files at 4,000 items)."""
    files = dict(WITH_BASE_URL)
    files["content/site.yaml"] += "embeds: false\n"
    root = write_files(tmp_path / "project", files)
    result = run_main("build", "--root", root, "--out", tmp_path / "public")
    assert result.returncode == 0, result.stderr
    public = tmp_path / "public"
    published = {path.relative_to(public).as_posix() for path in public.rglob("*") if path.is_file()}
    assert not [path for path in published if path.startswith("embed/") or path.endswith("oembed.json")]
    assert not [
        path for path in published if path.split("/")[-1].split(".")[0] in ("embed", "embed-frame", "copy")
    ]
    for page_path in (
        "people/ada/index.html",
        "glossary/index.html",
        "figures/index.html",
        "timeline/index.html",
    ):
        page = read(public / page_path)
        assert not page.all("details") and not page.all("link", type="application/json+oembed"), page_path
        assert not page.all("p", **{"class": "embed-once"}), page_path
        assert not [script for script in page.all("script") if "src" in script], page_path
    assert "/embed/" not in (public / "_headers").read_text("utf-8")
    assert run_main("check", "--root", root).returncode == 0


def config(**fields: object) -> Config:
    return Config(title="T", description="D", language="en", **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("base_url", "origins", "expected"),
    [
        (
            "",
            (),
            "/\n  Content-Security-Policy: frame-ancestors 'none'\n"
            "/404.html\n  Content-Security-Policy: frame-ancestors 'none'\n"
            "/index.html\n  Content-Security-Policy: frame-ancestors 'none'\n"
            "/people/*\n  Content-Security-Policy: frame-ancestors 'none'\n"
            "/embed/*\n  Content-Security-Policy: frame-ancestors *\n"
            "/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n",
        ),
        (
            "https://news.example.org/town/",
            ("https://news.example.org", "https://www.example.com"),
            "/town/\n  Content-Security-Policy: frame-ancestors 'none'\n"
            "/town/404.html\n  Content-Security-Policy: frame-ancestors 'none'\n"
            "/town/index.html\n  Content-Security-Policy: frame-ancestors 'none'\n"
            "/town/people/*\n  Content-Security-Policy: frame-ancestors 'none'\n"
            "/town/embed/*\n  Content-Security-Policy: frame-ancestors https://news.example.org "
            "https://www.example.com\n"
            "/town/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n",
        ),
    ],
)
def test_headers_deny_framing_but_for_embeds(base_url: str, origins: tuple[str, ...], expected: str) -> None:
    """No rule of 'none' matches an embed page: these hosts send every matching rule's header."""
    site = Site(config(base_url=base_url, embed_origins=origins), {}, {}, {}, (), {})
    paths = [
        "index.html",
        "404.html",
        "people/ada/index.html",
        "embed/people/ada/index.html",
        "assets/style.1.css",
        "pagefind/pagefind.js",
        "social/index.png",
        "data.json",
    ]
    assert render_headers(site, paths).decode() == expected


def test_embed_origins_in_site_yaml(tmp_path: Path) -> None:
    files = {
        **SMALL_PROJECT,
        "content/site.yaml": SMALL_PROJECT["content/site.yaml"]
        + "embed_origins:\n  - https://news.example.org\n  - https://www.example.com/news/\n",
    }
    root = write_files(tmp_path / "project", files)
    result = run_main("build", "--root", root, "--out", tmp_path / "public")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "content/site.yaml:7:5: 'embed_origins[2]' must name an origin (scheme and host, no path) "
        "like https://www.example.com, not 'https://www.example.com/news/'"
    )
    (root / "content/site.yaml").write_text(files["content/site.yaml"].replace("/news/", ""), "utf-8")
    assert run_main("build", "--root", root, "--out", tmp_path / "public").returncode == 0
    headers = (tmp_path / "public/_headers").read_text("utf-8")
    assert (
        "/embed/*\n  Content-Security-Policy: frame-ancestors https://news.example.org https://www.example.com\n"
        in (headers)
    )
