"""The built sections and the navigation: menus from the registry (sections.py) with free pages
by weight, no page or link for a section without items, featured items on the home page, and
drafts marked as such."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import SMALL_PROJECT, run_main, write_files
from test_built_site import Element, parse_html

from site_builder.build import build
from site_builder.model import KINDS, Item, Page
from site_builder.sections import RESERVED_SLUGS, SECTIONS, built_sections, menu, nav_pages
from site_builder.strings import STRINGS

SITE = "https://site.test/"
"""Stand-in origin the pages' relative links are resolved against (the fixtures have no base_url)."""


def page_file(title: str, extra: str = "", body: str = "") -> str:
    """A free page's file: its title, extra front-matter lines, a body."""
    return f"---\ntitle: {title}\n{extra}---\n{body}"


def built_pages(root: Path, out_dir: Path, **overrides: object) -> dict[str, Element]:
    """Build root in-process into out_dir; every page of the site (not the embed pages, which
    have no menus and are always noindex) parsed, by output path."""
    build(root, out_dir, dict(overrides), use_cache=False, moment=datetime(2026, 1, 1, tzinfo=UTC))
    return {
        path.relative_to(out_dir).as_posix(): parse_html(path.read_bytes())
        for path in sorted(out_dir.rglob("*.html"))
        if not path.relative_to(out_dir).as_posix().startswith("embed/")
    }


def page_url(path: str) -> str:
    """The URL a page is served at: 'people/x/index.html' -> SITE/people/x/."""
    return SITE + path.removesuffix("index.html")


def links(page: Element, path: str) -> list[str]:
    """Every link of a page, resolved to a site-absolute path ('/people/ada/')."""
    resolved = []
    for a in page.find_all("a"):
        url = urljoin(page_url(path), a.attrs.get("href", ""))
        if url.startswith(SITE):
            resolved.append("/" + url[len(SITE) :].split("#")[0])
    return resolved


def header_menu(page: Element) -> list[str]:
    """The header nav's labels in order."""
    [header] = [h for h in page.find_all("header") if h.has_class("site-header")]
    [nav] = header.find_all("nav")
    return [a.text for a in nav.find_all("a")]


def footer_menu(page: Element) -> list[str]:
    """The footer's links in order."""
    [footer] = page.find_all("footer")
    return [a.text for a in footer.find_all("a")]


def section_labels(place: str) -> list[str]:
    """The menu labels of the registered sections of one menu, in registry order."""
    return [STRINGS[f"{section.slug}.nav"] for section in SECTIONS if place in section.nav]


MENU_PAGES = {
    # nothing links to any of these: the menus are their only way in
    "content/pages/zeta.md": page_file("Zeta", "weight: 1\n"),
    "content/pages/alpha.md": page_file("Alpha", "weight: 2\n"),
    "content/pages/mango.md": page_file("Mango", "weight: 1\n"),
    "content/pages/kiwi.md": page_file("Kiwi"),  # no weight: after every weighted page
    "content/pages/background.md": page_file("Background", "nav: header\n"),
}


def test_free_pages_are_in_their_menu_on_every_page_by_weight_then_title(tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", {**SMALL_PROJECT, **MENU_PAGES})
    pages = built_pages(root, tmp_path / "public")
    assert {"zeta/index.html", "alpha/index.html", "background/index.html"} <= set(pages)
    for path, page in pages.items():
        assert header_menu(page) == [*section_labels("header"), "Background"], path
        assert footer_menu(page) == [*section_labels("footer"), "Mango", "Zeta", "Alpha", "Kiwi"], path
    # the page a menu entry leads to is marked as the current one, and only there
    for path, label in (("background/index.html", "Background"), ("timeline/index.html", "Timeline")):
        [header] = [h for h in pages[path].find_all("header") if h.has_class("site-header")]
        current = [a.text for a in header.find_all("a") if a.attrs.get("aria-current") == "page"]
        assert current == [label], path
    [home_header] = [h for h in pages["index.html"].find_all("header") if h.has_class("site-header")]
    assert not [a for a in home_header.find_all("a") if "aria-current" in a.attrs]
    # a page in a menu is reachable, so check finds no orphan
    result = run_main("check", "--root", root)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_page_out_of_the_menus_that_nothing_links_to_is_an_orphan(tmp_path: Path) -> None:
    root = write_files(
        tmp_path / "project", {**SMALL_PROJECT, "content/pages/hidden.md": page_file("Hidden", "nav: none\n")}
    )
    result = run_main("check", "--root", root)
    assert result.returncode == 1
    orphans = [line for line in result.stdout.splitlines() if "orphan" in line]
    assert len(orphans) == 1 and orphans[0].startswith(
        "content/pages/hidden.md:1:1: no link leads here from the home page (orphan page)"
    ), result.stdout


def test_menus_come_from_the_registry_and_the_string_table(tmp_path: Path) -> None:
    from site_builder.build import load_site

    root = write_files(tmp_path / "project", {**SMALL_PROJECT, **MENU_PAGES})
    site = load_site(root, {})
    assert [page.slug for page in nav_pages(site, "footer")] == ["mango", "zeta", "alpha", "kiwi"]
    words = {**STRINGS, "glossary.nav": "Terms"}
    entries = menu(site, "footer", words)
    assert [(entry.url, entry.label) for entry in entries[:3]] == [
        ("/glossary/", "Terms"),
        ("/sources/", "Sources"),
        ("/corrections/", "Corrections"),
    ]
    assert entries[3].url == "/mango/"


WITHOUT = {
    # kind removed -> (its section's folder, the files that refer to it, rewritten)
    "places": (
        "places",
        {
            "content/people/ada.md": SMALL_PROJECT["content/people/ada.md"].replace(
                "Ada lives in [[town]].", "Ada lives here."
            ),
            "content/events/talks.md": SMALL_PROJECT["content/events/talks.md"].replace(
                "places: [town]\n", ""
            ),
            "content/figures/attendance.md": SMALL_PROJECT["content/figures/attendance.md"].replace(
                "places: [town]\n", ""
            ),
        },
    ),
    "events": ("timeline", {}),
    "figures": ("figures", {}),
}


@pytest.mark.parametrize("kind", sorted(WITHOUT))
def test_a_kind_without_items_has_no_section_page_and_no_link_to_one(tmp_path: Path, kind: str) -> None:
    folder, rewritten = WITHOUT[kind]
    files = {path: text for path, text in SMALL_PROJECT.items() if not path.startswith(f"content/{kind}/")}
    root = write_files(tmp_path / "project", {**files, **rewritten})
    pages = built_pages(root, tmp_path / "public")
    assert f"{folder}/index.html" not in pages
    assert "404.html" in pages and "index.html" in pages
    for path, page in pages.items():
        leading_there = [url for url in links(page, path) if url.startswith(f"/{folder}/")]
        assert leading_there == [], path
        assert STRINGS[f"{folder}.nav"] not in header_menu(page) + footer_menu(page), path


EXTRA_PEOPLE = {
    "content/people/bob.md": "---\nname: Bob Marsh\nrole: Mediator\nsummary: Chaired the talks.\n---\n",
    "content/people/cy.md": "---\nname: Cy Park\nrole: Observer\nsummary: Watched the talks.\n---\n",
}
SOURCE = (
    "---\ntitle: Talks in the town\npublisher: Test Press\ndate: 2021-09\n---\n"
    "Ada Lovelace said the talks would resume. More than 300 people came to the town hall.\n"
    + "".join(f"Count {n} was {n + 10} people.\n" for n in range(1, 8))
)


def count_figure(n: int, extra: str = "") -> str:
    """Figure 'Count n', whose quote in SOURCE states its number."""
    return (
        f"---\nlabel: Count {n}\nvalue: {n + 10}\nunit: people\n"
        f'quote: "Count {n} was {n + 10} people"\n{extra}---\n'
    )


def event_file(title: str, date: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\nsummary: It happened.\n{extra}---\n"


def home_band(home: Element, heading_id: str) -> Element | None:
    """The home page's band labelled by heading_id, or None."""
    bands = [s for s in home.find_all("section") if s.attrs.get("aria-labelledby") == heading_id]
    assert len(bands) <= 1
    return bands[0] if bands else None


def card_titles(band: Element) -> list[str]:
    return [h.text for h in band.walk() if h.has_class("card-title")]


def tile_labels(band: Element) -> list[str]:
    return [s.text for s in band.walk() if s.has_class("tile-label")]


def event_titles(band: Element) -> list[str]:
    [mini] = [ol for ol in band.find_all("ol") if ol.has_class("mini-timeline")]
    return [a.text for a in mini.find_all("a")]


def plenty(tmp_path: Path, changed: dict[str, str]) -> dict[str, Element]:
    """SMALL_PROJECT with three people, eight figures, five events and two places, built."""
    files: dict[str, str] = {**SMALL_PROJECT, **EXTRA_PEOPLE, "content/sources/article.md": SOURCE}
    files |= {f"content/figures/count-{n}.md": count_figure(n) for n in range(1, 8)}
    files |= {f"content/events/e{n}.md": event_file(f"Event {n}", f"2021-10-{n:02d}") for n in range(1, 5)}
    files["content/places/hall.md"] = (
        "---\nname: Town Hall\nkind: building\nsummary: Where they met.\npart_of: town\n---\n"
    )
    root = write_files(tmp_path / "project", {**files, **changed})
    return built_pages(root, tmp_path / "public")


def test_without_featured_items_the_home_page_makes_its_own_choice(tmp_path: Path) -> None:
    home = plenty(tmp_path, {})["index.html"]
    people = home_band(home, "whos-who")
    assert people is not None and card_titles(people) == ["Ada Lovelace", "Bob Marsh", "Cy Park"]
    figures = home_band(home, "key-figures")
    assert figures is not None and tile_labels(figures) == [f"Count {n}" for n in range(1, 7)]
    events = home_band(home, "at-a-glance")
    assert events is not None and event_titles(events) == [f"Event {n}" for n in range(1, 5)]
    assert STRINGS["home.latest_events"] in events.find_all("figcaption")[0].text
    assert home_band(home, "key-places") is None  # places are shown only when featured


def test_featured_items_lead_the_home_page_by_weight(tmp_path: Path) -> None:
    pages = plenty(
        tmp_path,
        {
            "content/people/bob.md": EXTRA_PEOPLE["content/people/bob.md"].replace(
                "---\n", "---\nfeatured: true\nweight: 2\n", 1
            ),
            "content/people/cy.md": EXTRA_PEOPLE["content/people/cy.md"].replace(
                "---\n", "---\nfeatured: true\nweight: 1\n", 1
            ),
            "content/figures/count-7.md": count_figure(7, "featured: true\nweight: 1\n"),
            "content/figures/count-2.md": count_figure(2, "featured: true\n"),
            "content/events/e1.md": event_file("Event 1", "2021-10-01", "featured: true\n"),
            "content/places/hall.md": (
                "---\nname: Town Hall\nkind: building\nsummary: Where they met.\n"
                "part_of: town\nfeatured: true\n---\n"
            ),
        },
    )
    home = pages["index.html"]
    people = home_band(home, "whos-who")
    assert people is not None and card_titles(people) == ["Cy Park", "Bob Marsh"]
    figures = home_band(home, "key-figures")
    assert figures is not None and tile_labels(figures) == ["Count 7", "Count 2"]
    events = home_band(home, "at-a-glance")
    assert events is not None and event_titles(events) == ["Event 1"]
    assert STRINGS["home.featured_events"] in events.find_all("figcaption")[0].text
    places = home_band(home, "key-places")
    assert places is not None and card_titles(places) == ["Town Hall"]
    assert "/places/hall/" in links(places, "index.html")
    # one h1, and every id once
    assert len(home.find_all("h1")) == 1
    ids = [e.attrs["id"] for e in home.walk() if "id" in e.attrs]
    assert len(ids) == len(set(ids))
    # the section pages keep every item, in list order
    people_page = pages["people/index.html"]
    assert [h.text for h in people_page.walk() if h.has_class("card-title")] == [
        "Cy Park",
        "Bob Marsh",
        "Ada Lovelace",
    ]


DRAFTS = {
    "content/people/zed.md": (
        "---\nname: Zed Quill\nrole: Envoy\nsummary: Not yet public.\ndraft: true\n---\n"
    ),
    "content/people/una.md": (
        "---\nname: Una Vale\nrole: Envoy\nsummary: Public at nine.\n"
        "embargo: 2026-12-03T09:00:00+01:00\n---\n"
    ),
    "content/events/secret.md": event_file("Secret meeting", "2021-09-03", "draft: true\n"),
    "content/glossary/pact.md": "---\nterm: Pact\ndefinition: An agreement.\ndraft: true\n---\n",
}


def raw_text(element: Element) -> str:
    """The text of an element as a browser shows it (Element.text puts spaces between children)."""
    return "".join(c if isinstance(c, str) else raw_text(c) for c in element.children)


def banner(page: Element) -> list[Element]:
    [main] = page.find_all("main")
    return [p for p in main.walk() if p.has_class("draft-banner")]


def robots(page: Element) -> list[str]:
    [head] = page.find_all("head")
    return [m.attrs.get("content", "") for m in head.find_all("meta") if m.attrs.get("name") == "robots"]


def test_a_draft_shown_with_drafts_on_is_bannered_and_not_indexed(tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", {**SMALL_PROJECT, **DRAFTS})
    pages = built_pages(root, tmp_path / "public", drafts=True)
    draft = pages["people/zed/index.html"]
    [note] = banner(draft)
    assert note.attrs.get("role") == "note" and raw_text(note) == STRINGS["draft.banner"]
    [main] = draft.find_all("main")
    assert next(c for c in main.children if isinstance(c, Element)) is note  # first in <main>
    assert robots(draft) == ["noindex"]
    embargoed = pages["people/una/index.html"]
    [note] = banner(embargoed)
    [moment] = note.find_all("time")
    assert moment.attrs["datetime"] == moment.text == "2026-12-03T09:00:00+01:00"
    assert raw_text(note) == STRINGS["draft.embargo_banner"].format(until="2026-12-03T09:00:00+01:00")
    assert robots(embargoed) == ["noindex"]
    published = pages["people/ada/index.html"]
    assert banner(published) == [] and robots(published) == []
    # drafts without a page of their own are labelled where they are shown
    timeline = pages["timeline/index.html"]
    assert banner(timeline) == [] and robots(timeline) == []
    labels = {h.text for h in timeline.walk() if h.has_class("event-title")}
    assert labels == {"Talks resume", f"Secret meeting {STRINGS['draft.label']}"}
    [pact] = [dt for dt in pages["glossary/index.html"].find_all("dt") if dt.attrs.get("id") == "pact"]
    assert [s.text for s in pact.walk() if s.has_class("draft-label")] == [STRINGS["draft.label"]]
    cards = {h.text for h in pages["people/index.html"].walk() if h.has_class("card-title")}
    assert f"Zed Quill {STRINGS['draft.label']}" in cards and "Ada Lovelace" in cards


def test_without_drafts_nothing_is_bannered(tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", {**SMALL_PROJECT, **DRAFTS})
    pages = built_pages(root, tmp_path / "public")
    assert "people/zed/index.html" not in pages
    for path, page in pages.items():
        assert banner(page) == [] and robots(page) == [], path
        assert not [s for s in page.walk() if s.has_class("draft-label")], path


def test_docs_list_every_reserved_slug() -> None:
    """docs/content.md's list of reserved slugs is RESERVED_SLUGS, the one the check uses."""
    docs = (Path(__file__).resolve().parent.parent / "docs" / "content.md").read_text(encoding="utf-8")
    paragraph = next(block for block in docs.split("\n\n") if block.startswith("Reserved slugs"))
    listed = re.findall(r"`([^`]+)`", paragraph.split("):", 1)[1])
    assert len(listed) == len(set(listed))
    assert set(listed) == RESERVED_SLUGS


def test_built_sections_are_those_with_items_and_corrections_always() -> None:
    """In registry order; a kind without items has no section (link checks [[section]] links
    against this before the Site exists)."""

    def item(kind: str) -> Item:
        return Page(
            kind=kind,
            slug=f"a-{kind}",
            path="x",
            body="",
            body_line=1,
            lines={},
            corrections=(),
            updated=None,
        )

    assert [s.slug for s in built_sections([])] == ["corrections"]
    assert [s.slug for s in built_sections([item("glossary"), item("events"), item("pages")])] == [
        "timeline",
        "glossary",
        "corrections",
    ]
    assert [s.slug for s in built_sections(item(kind) for kind in KINDS)] == [s.slug for s in SECTIONS]
