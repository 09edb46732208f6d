"""The default theme as a reader meets it: pictures drawn at build time, people both ways,
page weight, and in a real browser no other origin, no sideways scroll, dark, print, focus."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import ADA, REPO, SMALL_PROJECT, fenced_blocks, person, run_main, write_files
from site_server import KEY_PAGES, SIZES, html_pages, serve_folder

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

MAX_PAGE_BYTES = 60_000
TABS = 16
"""Pages a browser test loads at once."""
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    """A parsed element: enough of a DOM to ask what a reader (or a screen reader) gets."""

    tag: str
    attrs: dict[str, str]
    content: list[Element | str] = field(default_factory=list)
    """Child elements and text, in document order."""

    @property
    def text(self) -> str:
        return " ".join(" ".join(c if isinstance(c, str) else c.text for c in self.content).split())

    def find_all(self, tag: str, css_class: str = "") -> list[Element]:
        found = []
        for child in self.content:
            if isinstance(child, str):
                continue
            if child.tag == tag and (not css_class or css_class in child.attrs.get("class", "").split()):
                found.append(child)
            found.extend(child.find_all(tag, css_class))
        return found


class TreeBuilder(HTMLParser):
    """html.parser events -> an Element tree (void and self-closing elements have no children)."""

    def __init__(self) -> None:
        super().__init__()
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].content.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].content.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data: str) -> None:
        self.stack[-1].content.append(data)


def parse(path: Path) -> Element:
    builder = TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    return builder.root


def only_svg(page: Element, css_class: str) -> Element:
    svgs = page.find_all("svg", css_class)
    assert len(svgs) == 1, f"expected one svg.{css_class}, found {len(svgs)}"
    return svgs[0]


def assert_named(svg: Element) -> None:
    """A picture has a <title> and <desc> that it is labelled by, and a text equivalent beside it."""
    title, desc = svg.find_all("title")[0], svg.find_all("desc")[0]
    assert svg.attrs["aria-labelledby"].split() == [title.attrs["id"], desc.attrs["id"]]
    assert title.text and desc.text


CHART_PROJECT: dict[str, str] = {
    **SMALL_PROJECT,
    "content/sources/article.md": (
        "---\ntitle: Talks in the town\npublisher: Test Press\ndate: 2021-09\n---\n"
        "Ada Lovelace said the talks would resume. More than 300 people came to the town hall.\n"
        "The bureau says output rose by 4% this year and will rise by 2.5% next year.\n"
    ),
    "content/events/old-flood.md": (
        "---\ntitle: The old flood\ndate: 1950s\nsummary: The river flooded the town.\n---\n"
    ),
    "content/events/summer.md": (
        "---\ntitle: A long summer\ndate: 2021-08\nsummary: Nothing was agreed.\n---\n"
    ),
    "content/events/strike.md": (
        "---\ntitle: The strike\nstart: 2021-09-04\nend: 2021-09-07\nsummary: Workers stopped.\n---\n"
    ),
    "content/figures/growth-now.md": (
        '---\nlabel: Growth this year\nvalue: 4\nunit: "%"\ndisplay: 4%\nattribution: The bureau\n'
        'quote: "output rose by 4% this year"\n---\n'
    ),
    "content/figures/growth-next.md": (
        '---\nlabel: Growth next year\nvalue: 2.5\nunit: "%"\ndisplay: 2.5%\nattribution: The bureau\n'
        'quote: "will rise by 2.5% next year"\n---\n'
    ),
    "content/places/town.md": (
        "---\nname: The Town\nkind: town\nsummary: Where the talks took place.\npart_of: shire\n"
        "coordinates: [51.5, -1.2]\n---\n"
    ),
    "content/places/shire.md": (
        "---\nname: The Shire\nkind: county\nsummary: Farmland around the town.\n"
        "coordinates: [51.8, -1.0]\n---\n"
    ),
}


@pytest.fixture(scope="module")
def chart_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_files(tmp_path_factory.mktemp("charts") / "project", CHART_PROJECT)
    out_dir = root.parent / "site"
    result = run_main("build", "--root", root, "--out", out_dir)
    assert result.returncode == 0, result.stderr
    return out_dir


def test_timeline_strip_links_every_event_and_marks_the_cut(chart_site: Path) -> None:
    page = parse(chart_site / "timeline" / "index.html")
    strip = only_svg(page, "timeline-strip")
    assert_named(strip)
    hrefs = [a.attrs["href"] for a in strip.find_all("a")]
    assert sorted(hrefs) == ["#old-flood", "#strike", "#summer", "#talks"]
    assert all(a.attrs["aria-label"] for a in strip.find_all("a"))
    assert len(strip.find_all("path", "break")) == 1
    labels = [t.text for t in strip.find_all("text", "break-label")]
    assert labels == ["62 years cut"]  # the 1950s end in 1960; August 2021 starts 61.6 years on
    assert "62 years between 1960 and August 2021 are cut out" in strip.find_all("desc")[0].text
    for anchor in hrefs:
        assert page.find_all("li", "event") and any(
            li.attrs["id"] == anchor[1:] for li in page.find_all("li", "event")
        )


def test_timeline_without_a_long_gap_has_an_unbroken_axis(tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    assert run_main("build", "--root", root, "--out", tmp_path / "site").returncode == 0
    strip = only_svg(parse(tmp_path / "site" / "timeline" / "index.html"), "timeline-strip")
    assert strip.find_all("path", "break") == []
    assert [a.attrs["href"] for a in strip.find_all("a")] == ["#talks"]


def test_comparable_figures_get_a_labelled_bar_chart(chart_site: Path) -> None:
    page = parse(chart_site / "figures" / "index.html")
    bars = only_svg(page, "figure-bars")
    assert_named(bars)
    assert sorted(t.text for t in bars.find_all("text", "bar-value")) == ["2.5%", "4%"]
    widths = {a.attrs["href"]: float(a.find_all("rect", "bar")[0].attrs["width"]) for a in bars.find_all("a")}
    assert set(widths) == {"#growth-now", "#growth-next"}
    # Drawn to one scale from zero: 2.5 is 5/8 of 4.
    assert widths["#growth-next"] == pytest.approx(widths["#growth-now"] * 2.5 / 4, rel=0.01)
    # The unattributed head count is not dragged into a comparison.
    assert "#attendance" not in [a.attrs["href"] for a in bars.find_all("a")]
    values = {
        figure.attrs["id"]: figure.find_all("p", "figure-value")[0].text
        for figure in page.find_all("article", "figure")
    }
    assert values["attendance"] == "more than 300 people"  # big, with its qualifier


def test_places_page_draws_what_lies_within_what_and_a_locator_map(chart_site: Path) -> None:
    page = parse(chart_site / "places" / "index.html")
    diagram = only_svg(page, "places-diagram")
    assert_named(diagram)
    assert "The Shire contains The Town" in diagram.find_all("desc")[0].text
    boxes = {a.attrs["href"]: a.find_all("rect")[0] for a in diagram.find_all("a")}
    shire, town = boxes["shire/"], boxes["town/"]
    assert float(shire.attrs["y"]) < float(town.attrs["y"])
    assert float(shire.attrs["y"]) + float(shire.attrs["height"]) > float(town.attrs["y"]) + float(
        town.attrs["height"]
    )  # the town's box lies inside the shire's
    map_svg = only_svg(page, "locator-map")
    assert_named(map_svg)
    points = {a.attrs["aria-label"]: a.find_all("circle")[0] for a in map_svg.find_all("a")}
    assert set(points) == {"The Town", "The Shire"}
    # North is up and east is right: the shire lies north-east of the town.
    assert float(points["The Shire"].attrs["cy"]) < float(points["The Town"].attrs["cy"])
    assert float(points["The Shire"].attrs["cx"]) > float(points["The Town"].attrs["cx"])
    assert any("°N" in t.text for t in map_svg.find_all("text", "grid-label"))


def test_places_without_coordinates_or_nesting_get_no_pictures(tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    assert run_main("build", "--root", root, "--out", tmp_path / "site").returncode == 0
    page = parse(tmp_path / "site" / "places" / "index.html")
    assert page.find_all("svg") == []
    assert [h.text for h in page.find_all("h3", "card-title")] == ["The Town"]


def test_an_event_time_is_shown_with_its_date(tmp_path: Path) -> None:
    root = write_files(
        tmp_path / "project",
        {
            **SMALL_PROJECT,
            "content/events/talks.md": SMALL_PROJECT["content/events/talks.md"].replace(
                "date: 2021-09-02\n", 'date: 2021-09-02\ntime: "19:00"\n'
            ),
        },
    )
    assert run_main("build", "--root", root, "--out", tmp_path / "site").returncode == 0
    for path in ("timeline/index.html", "index.html", "people/ada/index.html"):
        times = [
            t
            for t in parse(tmp_path / "site" / path).find_all("time")
            if t.attrs["datetime"].startswith("2021-09-02")
        ]
        assert [(t.attrs["datetime"], t.text) for t in times] == [
            ("2021-09-02T19:00", "2 September 2021, 19:00")
        ], path
    strip = only_svg(parse(tmp_path / "site" / "timeline" / "index.html"), "timeline-strip")
    assert [a.attrs["aria-label"] for a in strip.find_all("a")] == ["Talks resume, 2 September 2021, 19:00"]


def test_base_blocks_let_a_theme_replace_a_part_and_keep_the_rest(tmp_path: Path) -> None:
    """A project's page.html fills base.html's nav and aside blocks; every other page keeps the
    default theme's, and the header around the nav stays."""
    root = write_files(
        tmp_path / "project",
        {
            **SMALL_PROJECT,
            "content/pages/about.md": "---\ntitle: About\n---\nWho made this.\n",
            "templates/page.html": (
                '{% extends "base.html" %}\n'
                '{% block nav %}<nav aria-label="Our menu"><a href="{{ url(\'/\') }}">Start</a></nav>'
                "{% endblock %}\n"
                "{% block content %}<h1>{{ item.title }}</h1>{% endblock %}\n"
                '{% block aside %}<aside aria-label="Aside">More.</aside>{% endblock %}\n'
            ),
        },
    )
    assert run_main("build", "--root", root, "--out", tmp_path / "site").returncode == 0
    about = parse(tmp_path / "site" / "about" / "index.html")
    [header] = about.find_all("header", "site-header")
    assert [nav.attrs["aria-label"] for nav in header.find_all("nav")] == ["Our menu"]
    assert header.find_all("a", "site-title")
    [main] = about.find_all("main")
    assert [a.attrs["aria-label"] for a in main.find_all("aside")] == ["Aside"]
    assert about.find_all("footer", "site-footer")
    home = parse(tmp_path / "site" / "index.html")
    [header] = home.find_all("header", "site-header")
    assert [nav.attrs["aria-label"] for nav in header.find_all("nav")] == ["Sections"]


def test_theming_guide_overrides_one_block_and_keeps_the_rest(tmp_path: Path) -> None:
    """docs/theming.md's worked example, built: its person.html replaces only the lede of the
    default person page, and its base.html adds to <head> and the footer of every page."""
    files = {}
    for fence in fenced_blocks((REPO / "docs" / "theming.md").read_text("utf-8")):
        for comment in fence.comments:
            if comment.startswith("<!-- file:"):
                files[comment.removeprefix("<!-- file:").removesuffix("-->").strip()] = fence.content
    assert sorted(files) == ["templates/base.html", "templates/person.html"]
    root = write_files(tmp_path / "project", {**SMALL_PROJECT, **files})
    result = run_main("build", "--root", root, "--out", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    ada = parse(tmp_path / "site" / "people" / "ada" / "index.html")
    assert [p.text for p in ada.find_all("p", "role-box")] == ["Negotiator"]
    [facts] = ada.find_all("aside", "profile-facts")  # the default's other blocks stay
    assert "National Resistance Front" in facts.text
    assert ada.find_all("h1")[0].text == "Ada Lovelace"
    town = parse(tmp_path / "site" / "places" / "town" / "index.html")
    for page in (ada, town, parse(tmp_path / "site" / "index.html")):
        authors = [m.attrs.get("content") for m in page.find_all("meta") if m.attrs.get("name") == "author"]
        assert authors == ["The Newsroom"]
        assert page.find_all("footer", "site-footer")
        colophon = [p.text for p in page.find_all("p", "colophon")]
        assert colophon == ["Made by the newsroom's explainer desk."]
    assert [p.text for p in town.find_all("p", "lede")] == ["Town"]


@pytest.fixture(scope="module")
def explainer(built_explainer: Path) -> Path:
    """The explainer built once per run (read only)."""
    return built_explainer


def test_whos_who_grid_gives_name_role_and_one_line(explainer: Path) -> None:
    cards = parse(explainer / "people" / "index.html").find_all("li", "person-card")
    assert len(cards) >= 5
    for card in cards:
        assert card.find_all("a")[0].text
        assert card.find_all("p", "card-role")[0].text
        assert card.find_all("p", "card-line")[0].text


def test_relations_are_named_on_both_people_pages(explainer: Path) -> None:
    son = parse(explainer / "people" / "ahmad-massoud" / "index.html").text
    father = parse(explainer / "people" / "ahmad-shah-massoud" / "index.html").text
    assert "The son of Ahmad Shah Massoud" in son
    assert "Ahmad Massoud is the son of Ahmad Shah Massoud" in father


def page_weight(site: Path, html_path: Path) -> int:
    """Bytes a reader downloads for a page: its HTML plus the theme files it links to."""
    weight = html_path.stat().st_size
    for link in parse(html_path).find_all("link"):
        if link.attrs.get("rel") in ("stylesheet", "icon"):
            weight += (site / "assets" / Path(link.attrs["href"]).name).stat().st_size
    return weight


def test_every_page_weighs_under_60_kb(explainer: Path) -> None:
    weights = {
        p.relative_to(explainer).as_posix(): page_weight(explainer, p) for p in explainer.rglob("*.html")
    }
    assert len(weights) > 10
    heavy = {path: size for path, size in weights.items() if size >= MAX_PAGE_BYTES}
    assert heavy == {}


def test_pages_need_no_script(explainer: Path) -> None:
    for path in explainer.rglob("*.html"):
        page = parse(path)
        inline = [
            s
            for s in page.find_all("script")
            if not s.attrs.get("src") and s.attrs.get("type") != "application/ld+json"
        ]
        assert inline == [], path  # structured data is not script; anything else would be
        embed_page = path.relative_to(explainer).as_posix().startswith("embed/")  # no menus
        assert embed_page or page.find_all("nav")[0].find_all("a"), path


# --- in a real browser --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(explainer: Path) -> Iterator[str]:
    with serve_folder(explainer) as url:
        yield url


def test_no_page_loads_anything_from_another_origin(explainer: Path, browser: Browser, base_url: str) -> None:
    requested: list[str] = []
    context = browser.new_context()
    context.on("request", lambda request: requested.append(request.url))
    paths = html_pages(explainer)
    for start in range(0, len(paths), TABS):
        # Each page until the network has been idle for 500 ms, so late requests are seen too;
        # a few tabs at once wait out those 500 ms together instead of one after another.
        tabs = [(context.new_page(), path) for path in paths[start : start + TABS]]
        for page, path in tabs:
            page.goto(base_url + path, wait_until="commit")
        for page, path in tabs:
            page.wait_for_load_state("networkidle")
            assert page.url == base_url + path
            page.close()
    context.close()
    assert len(requested) > len(paths)  # pages and their CSS and icon were seen
    assert [url for url in requested if not url.startswith(base_url)] == []


@pytest.mark.parametrize("size", sorted(SIZES))
def test_no_page_scrolls_sideways(explainer: Path, browser: Browser, base_url: str, size: str) -> None:
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    too_wide = {}
    for path in html_pages(explainer):
        page.goto(base_url + path)
        overflow = page.evaluate("""() => ({
            scroll: document.documentElement.scrollWidth,
            wider: [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > innerWidth + 0.5)
                .map(el => el.tagName.toLowerCase() + '.' + el.className).slice(0, 5)})""")
        if overflow["scroll"] > width or overflow["wider"]:
            too_wide[path] = overflow
    context.close()
    assert too_wide == {}


def computed(page: Page, selector: str, prop: str, pseudo: str = "") -> str:
    return str(
        page.evaluate(
            "([s, p, ps]) => getComputedStyle(document.querySelector(s), ps || null).getPropertyValue(p)",
            [selector, prop, pseudo],
        )
    )


def test_dark_mode_follows_the_reader(browser: Browser, base_url: str) -> None:
    backgrounds = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(base_url + KEY_PAGES["timeline"])
        backgrounds[scheme] = computed(page, "html", "background-color")
        strip_mark = computed(page, ".timeline-strip a rect", "fill")
        assert strip_mark not in ("", "none", backgrounds[scheme])
        context.close()
    assert backgrounds["light"] != backgrounds["dark"]


PRINTED_TEXT = """() => {
    // What paper shows of <main>: its text, with each link's ::after (the address print adds) after it.
    const after = (a) => getComputedStyle(a, "::after").content;
    const links = [...document.querySelectorAll("main a[href]")];
    return {
        text: document.querySelector("main").innerText,
        links: links.map((a) => [a.getAttribute("href"), after(a)]),
    };
}"""


def test_print_hides_navigation_and_no_relative_address(browser: Browser, base_url: str) -> None:
    """A printed person page: no in-site link prints its relative path (../../glossary/#nrf)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "people/ali-nasary/")
    page.emulate_media(media="print")
    assert computed(page, ".site-header nav", "display") == "none"
    printed = page.evaluate(PRINTED_TEXT)
    context.close()
    assert len(printed["links"]) > 20
    assert any(href.startswith("../") for href, _ in printed["links"])
    assert [(href, after) for href, after in printed["links"] if after not in ("none", "normal")] == []
    assert "../" not in printed["text"]


def test_print_spells_out_external_links_only(browser: Browser, tmp_path: Path) -> None:
    root = write_files(
        tmp_path / "project",
        {
            **SMALL_PROJECT,
            ADA: person(
                body="Ada read [the report](https://example.org/reports/talks?year=2021) in [[town]].\n"
            ),
        },
    )
    assert run_main("build", "--root", root, "--out", tmp_path / "site").returncode == 0
    context = browser.new_context()
    page = context.new_page()
    with serve_folder(tmp_path / "site") as url:
        page.goto(url + "people/ada/")
        page.emulate_media(media="print")
        printed = dict(page.evaluate(PRINTED_TEXT)["links"])
    context.close()
    assert (
        printed["https://example.org/reports/talks?year=2021"]
        == '" (https://example.org/reports/talks?year=2021)"'
    )
    assert printed["../../places/town/"] == "none"


def test_keyboard_focus_is_visible_and_motion_can_be_reduced(browser: Browser, base_url: str) -> None:
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(base_url)
    assert computed(page, "html", "scroll-behavior") == "auto"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert computed(page, ".skip-link:focus", "outline-style") == "solid"
    assert computed(page, ".skip-link:focus", "left") != "-999px"  # it shows itself when focused
    page.keyboard.press("Tab")
    assert computed(page, ":focus", "outline-style") == "solid"
    context.close()


def test_templates_compiled_in_memory_are_reused_only_for_the_same_source(tmp_path: Path) -> None:
    """Builds without a cache folder share compiled templates in the process, never stale ones."""
    from site_builder.render.theme import IN_MEMORY_BYTECODE, find_theme, make_environment

    template = tmp_path / "templates" / "page.html"
    template.parent.mkdir(parents=True)
    template.write_text("first {{ 1 + 1 }}", "utf-8")
    assert make_environment(find_theme(tmp_path)).get_template("page.html").render() == "first 2"
    kept = dict(IN_MEMORY_BYTECODE.compiled)
    assert make_environment(find_theme(tmp_path)).get_template("page.html").render() == "first 2"
    assert IN_MEMORY_BYTECODE.compiled.keys() >= kept.keys()
    template.write_text("second {{ 2 + 2 }}", "utf-8")  # same file, new source: compiled anew
    assert make_environment(find_theme(tmp_path)).get_template("page.html").render() == "second 4"


def test_the_default_themes_compiled_code_is_current(tmp_path: Path) -> None:
    """The shipped code is what compiling templates/ gives now (else run tools/compile_theme.py:
    builds stay right, but compile the theme again, about 0.2 s)."""
    from site_builder.render.theme import THEME_CODE, write_theme_code

    write_theme_code(tmp_path / "code")
    made = {path.name: path.read_bytes() for path in (tmp_path / "code").iterdir()}
    assert {path.name: path.read_bytes() for path in THEME_CODE.glob("*.*")} == made
    # Two names that would share a module (each would load the other's code) are refused:
    two = write_files(tmp_path / "two", {"a-b.html": "1", "a_b.html": "2"})
    with pytest.raises(ValueError, match=r"a-b\.html and a_b\.html both compile to a_b_html\.py"):
        write_theme_code(tmp_path / "two-code", two)


def test_default_templates_are_loaded_compiled_and_errors_name_the_template(tmp_path: Path) -> None:
    """A default template (or a project's identical copy) comes from the shipped code, not
    compiled again, and its errors still name the template's file and line; a project's own
    template of that name is compiled."""
    from site_builder.render.theme import (
        THEME_CODE,
        _module_code,
        find_theme,
        make_environment,
        template_problem,
    )

    date = (REPO / "templates" / "partials" / "date.html").read_text("utf-8")
    copy = write_files(tmp_path / "copy", {"templates/partials/date.html": date})
    for root in (tmp_path, copy):
        template = make_environment(find_theme(root)).get_template("partials/date.html")
        assert Path(template.root_render_func.__code__.co_filename).parent == THEME_CODE
        with pytest.raises(AttributeError) as raised:
            template.render(when=lambda event: event.words, event=None)
        problem = template_problem(raised.value, "partials/date.html")
        assert (problem.path, problem.line) == ("templates/partials/date.html", 2)
    assert _module_code("not_shipped_html", "x.html") is None  # a module missing: compiled instead
    own = write_files(tmp_path / "own", {"templates/partials/date.html": "own {{ 1 + 1 }}"})
    template = make_environment(find_theme(own)).get_template("partials/date.html")
    assert template.render() == "own 2"
    assert template.root_render_func.__code__.co_filename == str(own / "templates/partials/date.html")


def test_templates_read_the_environments_globals_and_their_own_over_them(tmp_path: Path) -> None:
    """A template reads its environment's globals dict itself (copied into each context at C
    speed, not key by key through a ChainMap), and what is set later there; globals given to
    one template go over them for it alone."""
    from site_builder.render.theme import find_theme, make_environment

    template = tmp_path / "templates" / "page.html"
    template.parent.mkdir(parents=True)
    template.write_text("{{ greeting }} {{ name }}", "utf-8")
    environment = make_environment(find_theme(tmp_path))
    environment.globals.update(greeting="hello", name="Ada")
    page = environment.get_template("page.html")
    assert page.globals is environment.globals
    environment.globals["name"] = "Grace"
    assert page.render() == "hello Grace"
    own = environment.from_string("{{ greeting }} {{ name }}", globals={"name": "Lin"})
    assert own.render() == "hello Lin"
    assert environment.globals["name"] == "Grace"
