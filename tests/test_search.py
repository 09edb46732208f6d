"""Search: Pagefind indexes the built explainer; the header's box finds pages in a real browser
and is a plain link to the glossary without JavaScript. A site without `search:` has none of it."""

from __future__ import annotations

import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import run_main, snapshot
from site_server import REPO, html_pages, serve_folder

from site_builder.search import SEARCH_DIR, SearchIndex, index_search

if TYPE_CHECKING:
    from playwright.sync_api import Browser

SECOND_EXPLAINER = REPO / "tests" / "fixtures" / "second-explainer"


class HeaderParser(HTMLParser):
    """The page's CSP, its search box (box, input, labels, fallback link) and external scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.csp = ""
        self.search_boxes: list[dict[str, str | None]] = []
        self.search_inputs: list[dict[str, str | None]] = []
        self.label_fors: list[str | None] = []
        self.fallback_hrefs: list[str | None] = []
        self.script_srcs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta" and found.get("http-equiv") == "Content-Security-Policy":
            self.csp = found.get("content") or ""
        elif tag == "search":
            self.search_boxes.append(found)
        elif tag == "input" and found.get("type") == "search":
            self.search_inputs.append(found)
        elif tag == "label":
            self.label_fors.append(found.get("for"))
        elif tag == "a" and "search-fallback" in (found.get("class") or "").split():
            self.fallback_hrefs.append(found.get("href"))
        elif tag == "script" and found.get("src"):  # not the JSON-LD block
            self.script_srcs.append(found["src"])


def parse_page(path: Path) -> HeaderParser:
    parser = HeaderParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def script_src_of(csp: str) -> list[str]:
    """The sources the CSP's script-src directive allows."""
    for directive in csp.split(";"):
        name, *sources = directive.split()
        if name == "script-src":
            return sources
    raise AssertionError(f"no script-src in {csp!r}")


@pytest.fixture(scope="module")
def site(built_explainer: Path) -> Path:
    """The explainer built once per run (read only)."""
    return built_explainer


def test_explainer_ships_the_index(site: Path) -> None:
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert list((site / "pagefind").glob("wasm.*.pagefind"))
    assert list((site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert not list((site / "pagefind").glob("pagefind-ui*")), "the theme has its own UI"


def test_every_page_has_a_search_box(site: Path) -> None:
    pages = [page for page in html_pages(site) if not page.startswith("embed/")]  # for iframes
    assert len(pages) > 10
    for page in pages:
        parsed = parse_page(site / page / "index.html" if not page.endswith(".html") else site / page)
        assert len(parsed.search_boxes) == 1, page
        assert len(parsed.search_inputs) == 1, page
        input_id = parsed.search_inputs[0]["id"]
        assert input_id in parsed.label_fors, f"{page}: the search input has no <label>"
        assert len(parsed.fallback_hrefs) == 1, page
        assert any("/search." in src for src in parsed.script_srcs), page
        pagefind_js = parsed.search_boxes[0]["data-pagefind"]
        assert pagefind_js is not None
        if page != "404.html":  # 404 links root-based: it is served at any depth
            assert (site / page / pagefind_js).resolve() == (site / "pagefind" / "pagefind.js"), page
        assert script_src_of(parsed.csp) == ["'self'", "'wasm-unsafe-eval'"], page


@pytest.fixture(scope="module")
def site_without_search(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The second explainer (no `search: true`) built once, for the tests that only read it."""
    out_dir = tmp_path_factory.mktemp("without-search") / "site"
    result = run_main("build", "--root", SECOND_EXPLAINER, "--out", out_dir, "--no-cache")
    assert result.returncode == 0, result.stderr
    return out_dir


def test_site_without_search_has_no_index_box_or_wasm(site_without_search: Path) -> None:
    out_dir = site_without_search
    assert not (out_dir / "pagefind").exists()
    pages = html_pages(out_dir)
    assert len(pages) > 5
    for page in pages:
        parsed = parse_page(out_dir / page / "index.html" if not page.endswith(".html") else out_dir / page)
        assert parsed.search_boxes == [] and parsed.search_inputs == [], page
        assert not [src for src in parsed.script_srcs if "/search." in src], page
        assert script_src_of(parsed.csp) == ["'self'"], page


def test_two_builds_are_byte_identical_wherever_the_temporary_folder_is(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index numbers the pages in the site's order, not in the order a folder lists them
    (ext4 and tmpfs list the same names in different orders): a second build, with the
    temporary folder on tmpfs, gives the same bytes."""
    elsewhere = Path("/dev/shm")
    monkeypatch.setattr(tempfile, "tempdir", str(elsewhere if elsewhere.is_dir() else tmp_path))
    result = run_main("build", "--root", REPO, "--out", tmp_path / "again", "--no-cache")
    assert result.returncode == 0, result.stderr
    first, second = snapshot(site / "pagefind"), snapshot(tmp_path / "again" / "pagefind")
    assert first and first == second


def test_pagefind_stopped_before_the_index_is_asked_for_leaves_no_process() -> None:
    page = b"<!doctype html><html lang='en'><body><main><h1>Ada</h1><p>Words.</p></main></body></html>"
    search = SearchIndex()
    search.expect(["index.html"])
    search.offer({"index.html": page})
    search.close()  # what build() does when a later stage fails
    assert search.process is not None and search.process.returncode is not None
    assert f"{SEARCH_DIR}/pagefind.js" in index_search({"index.html": page})


@pytest.mark.parametrize("worker", [True, False], ids=["in-worker", "main-thread"])
def test_typing_a_name_finds_the_person(site: Path, browser: Browser, worker: bool) -> None:
    from playwright.sync_api import expect

    context = browser.new_context()
    page = context.new_page()
    if not worker:  # Pagefind falls back to the page's thread, where the page's CSP governs wasm
        page.route("**/pagefind-worker.js", lambda route: route.abort())
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    warnings: list[str] = []
    page.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    with serve_folder(site) as base_url:
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(base_url + "timeline/", wait_until="networkidle")
        box = page.get_by_role("searchbox", name="Search")
        expect(box).to_be_visible()
        expect(page.locator(".search-fallback")).to_be_hidden()
        assert not [url for url in requested if "/pagefind/" in url], "the index loads on first use"
        box.click()
        page.keyboard.type("Nasary")
        result = page.locator(".search-results a", has_text="Ali Nasary")
        expect(result.first).to_be_visible()
        expect(page.get_by_role("status")).to_contain_text("Nasary")
        result.first.focus()
        page.keyboard.press("Enter")
        page.wait_for_url(base_url + "people/ali-nasary/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Ali Nasary")
        context.close()  # before the server stops: the new page is loading the index too
    assert errors == [], errors  # a CSP refusal (wasm without 'wasm-unsafe-eval') shows up here
    assert any("falling back to main thread" in text for text in warnings) != worker, warnings


def test_without_javascript_the_glossary_link_works(site: Path, browser: Browser) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    with serve_folder(site) as base_url:
        page.goto(base_url + "people/ali-nasary/")
        expect(page.get_by_role("searchbox")).to_have_count(0)  # the form stays hidden
        link = page.get_by_role("link", name="Search the glossary")
        expect(link).to_be_visible()
        link.click()
        page.wait_for_url(base_url + "glossary/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        context.close()


def test_when_the_index_cannot_load_the_glossary_link_comes_back(site: Path, browser: Browser) -> None:
    from playwright.sync_api import expect

    context = browser.new_context()
    page = context.new_page()
    page.route("**/pagefind/pagefind.js", lambda route: route.abort())
    with serve_folder(site) as base_url:
        page.goto(base_url + "places/")
        link = page.get_by_role("link", name="Search the glossary")
        expect(link).to_be_hidden()
        page.get_by_role("searchbox", name="Search").fill("Nasary")
        expect(page.get_by_role("status")).to_have_text("Search could not load.")
        expect(link).to_be_visible()
        context.close()


class PagefindAttributes(HTMLParser):
    """Every data-pagefind-* attribute of a page, as (tag, id, attribute, value), and the header's
    kind boxes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str | None, str, str | None]] = []
        self.kind_boxes: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.found += [
            (tag, found.get("id"), name, value) for name, value in attrs if name.startswith("data-pagefind-")
        ]
        if tag == "input" and found.get("name") == "kind":
            self.kind_boxes.append(found.get("value"))


def pagefind_attributes(path: Path) -> PagefindAttributes:
    parser = PagefindAttributes()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize(
    ("page", "kind"),
    [
        ("people/ali-nasary", "people"),
        ("places/panjshir-valley", "places"),
        ("figures", "figures"),
        ("timeline", "events"),
        ("glossary", "terms"),
    ],
)
def test_pages_of_a_kind_carry_its_filter(site: Path, page: str, kind: str) -> None:
    parsed = pagefind_attributes(site / page / "index.html")
    assert ("h1", None, "data-pagefind-meta", f"kind:{kind}") in parsed.found
    assert parsed.kind_boxes == ["people", "places", "figures", "events", "terms"]


@pytest.mark.parametrize("page", ["", "people", "sources", "corrections"])
def test_other_pages_carry_no_kind(site: Path, page: str) -> None:
    parsed = pagefind_attributes(site / page / "index.html")
    assert [found for found in parsed.found if (found[3] or "").startswith("kind:")] == []


def test_every_entry_on_a_section_page_names_itself_for_search(site: Path) -> None:
    """The id of each entry's anchor is what its name's meta key ends with: search.js joins them."""
    for page, tag in (("glossary", "dt"), ("timeline", "h3"), ("figures", "h3")):
        parsed = pagefind_attributes(site / page / "index.html")
        metas = [
            (found_tag, value)
            for found_tag, _, name, value in parsed.found
            if name == "data-pagefind-meta" and not (value or "").startswith("kind:")
        ]
        ids = {path.stem for path in (REPO / "content" / {"timeline": "events"}.get(page, page)).glob("*.md")}
        assert sorted(metas) == sorted((tag, f"entry-{slug}") for slug in ids), page
    glossary = pagefind_attributes(site / "glossary" / "index.html")
    assert ("dt", "nrf", "data-pagefind-meta", "entry-nrf") in glossary.found


def test_site_without_search_has_no_pagefind_attributes(site_without_search: Path) -> None:
    out_dir = site_without_search
    for page in html_pages(out_dir):
        parsed = pagefind_attributes(
            out_dir / page / "index.html" if not page.endswith(".html") else out_dir / page
        )
        assert parsed.found == [] and parsed.kind_boxes == [], page


def test_an_abbreviation_lands_on_its_glossary_entry(site: Path, browser: Browser) -> None:
    from playwright.sync_api import expect

    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    with serve_folder(site) as base_url:
        page.goto(base_url + "people/ali-nasary/")
        page.get_by_role("searchbox", name="Search").click()
        page.keyboard.type("NRF")
        expect(page.get_by_role("status")).to_contain_text("NRF")
        first = page.locator(".search-results a").first
        expect(first).to_have_text("National Resistance Front (NRF)")
        expect(first).to_have_attribute("href", "/glossary/#nrf")
        page.keyboard.press("Tab")  # from the box, past the "Show only" boxes, to the first result
        for _ in range(5):
            page.keyboard.press("Tab")
        expect(first).to_be_focused()
        page.keyboard.press("Enter")
        page.wait_for_url(base_url + "glossary/#nrf")
        entry = page.locator("#nrf")
        expect(entry).to_be_focused()
        expect(entry).to_be_in_viewport()
        expect(entry).to_have_text("National Resistance Front (NRF)")
        context.close()
    assert errors == [], errors


def test_show_only_narrows_results_to_a_kind(site: Path, browser: Browser) -> None:
    from playwright.sync_api import expect

    context = browser.new_context()
    page = context.new_page()
    with serve_folder(site) as base_url:
        page.goto(base_url + "timeline/")
        page.get_by_role("searchbox", name="Search").fill("NRF")
        links = page.locator(".search-results a")
        expect(links.first).to_have_attribute("href", "/glossary/#nrf")
        page.get_by_role("group", name="Show only").get_by_role("checkbox", name="People").check()
        expect(links.first).to_have_attribute("href", re.compile(r"^/people/[a-z-]+/$"))
        hrefs = [link.get_attribute("href") or "" for link in links.all()]
        assert hrefs and all(re.fullmatch(r"/people/[a-z-]+/", href) for href in hrefs), hrefs
        page.get_by_role("checkbox", name="Terms").check()  # people or terms
        expect(links.first).to_have_attribute("href", "/glossary/#nrf")
        context.close()


PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@pytest.mark.parametrize(
    ("fixture", "folder", "label", "term", "digits"),
    [
        ("languages-en-fr", "fr/", "Rechercher", "zygomorphe", ""),  # on one page: one result
        ("languages-en-fr", "fr/", "Rechercher", "Anna", ""),  # on several
        ("languages-fa", "", "جستجو", "آنا", "fa"),
    ],
)
def test_the_result_count_follows_the_page_languages_plural_rules_and_digits(
    tmp_path: Path, browser: Browser, fixture: str, folder: str, label: str, term: str, digits: str
) -> None:
    """French says "1 résultat" and "5 résultats" (CLDR's one and other, as the build words
    counts), Persian counts in Persian digits: the forms are in the page, Intl picks one."""
    from playwright.sync_api import expect

    root = tmp_path / "project"
    shutil.copytree(REPO / "tests" / "fixtures" / fixture, root)
    with (root / "content" / "site.yaml").open("a", encoding="utf-8") as site_yaml:
        site_yaml.write("search: true\n")
    if fixture == "languages-en-fr":  # a word only one French page has
        with (root / "content" / "people" / "anna.fr.md").open("a", encoding="utf-8") as anna:
            anna.write("\nUne fleur zygomorphe.\n")
    out = tmp_path / "public"
    assert run_main("build", "--root", root, "--out", out, "--no-cache").returncode == 0
    context = browser.new_context()
    page = context.new_page()
    with serve_folder(out) as base_url:
        page.goto(base_url + folder, wait_until="networkidle")
        page.get_by_role("searchbox", name=label).click()
        page.keyboard.type(term)
        results = page.locator(".search-results a")
        expect(results.first).to_be_visible()
        expect(page.get_by_role("status")).to_contain_text(term)
        count = results.count()
        shown = str(count).translate(PERSIAN_DIGITS) if digits == "fa" else str(count)
        if fixture == "languages-fa":  # Persian: one form for every count
            expected = f"{shown} نتیجه برای «{term}»."
        elif count == 1:
            expected = f"{shown} résultat pour « {term} »."
        else:
            expected = f"{shown} résultats pour « {term} »."
        expect(page.get_by_role("status")).to_have_text(expected)
        assert (count == 1) == (term == "zygomorphe")  # both French forms are shown
        context.close()
