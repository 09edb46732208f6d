"""Pictures as Chromium shows them: at a phone's and a desktop's width every picture loads (its
WebP where there is one) and nothing moves while they do (cumulative layout shift 0); axe finds
nothing wrong with the pages that show them (the Nu HTML Checker checks them in test_html_valid,
in the same run of the checker as the explainer's pages)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import write_files
from site_server import serve_folder
from test_media import media_project

from site_builder.build import build

if TYPE_CHECKING:
    from playwright.sync_api import Browser

WIDTHS = (375, 1280)
PAGES = ("", "people/ada/", "places/town/", "timeline/")
"""Every page of the fixture with a picture: the home page's SVG, a portrait with a body
figure, a place's CMYK photo, a timeline thumbnail of an animated GIF."""
RECORD_SHIFTS = """
window.layoutShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.layoutShifts.push(entry.value);
  }
}).observe({type: "layout-shift", buffered: true});
"""
LOADED = """() => {
  const images = [...document.querySelectorAll("figure.picture img")];
  return images.map((img) => ({src: img.currentSrc, complete: img.complete,
                               natural: img.naturalWidth, shown: img.getBoundingClientRect().width}));
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_files(tmp_path_factory.mktemp("pictures-browser") / "project", media_project())
    out_dir = root.parent / "public"
    build(root, out_dir, {}, use_cache=False)
    return out_dir


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_every_picture_loads_without_layout_shift(browser: Browser, site: Path, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_init_script(RECORD_SHIFTS)
    page = context.new_page()
    try:
        with serve_folder(site) as base_url:
            for path in PAGES:
                page.goto(base_url + path, wait_until="load")
                page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # the lazy ones
                page.wait_for_function(
                    "[...document.querySelectorAll('figure.picture img')].every("
                    "(img) => img.complete && img.naturalWidth > 0)",
                    timeout=10_000,
                )
                page.evaluate("window.scrollTo(0, 0)")
                images = page.evaluate(LOADED)
                assert images, path
                for image in images:
                    assert image["natural"] > 0 and image["shown"] > 0, (path, image)
                    assert image["shown"] <= width, (path, image)
                    if not image["src"].endswith(".svg"):
                        assert image["src"].endswith(".webp"), (path, image)
                page.wait_for_timeout(100)  # let the observer deliver the last entries
                shifts = page.evaluate("window.layoutShifts")
                assert sum(shifts) == 0, (path, width, shifts)
    finally:
        context.close()


@pytest.mark.browser
def test_picture_pages_have_no_wcag_violations(browser: Browser, site: Path) -> None:
    """axe finds no WCAG 2.1 A/AA violation on the pages with pictures (alt text, caption and
    credit contrast), light or dark."""
    from test_a11y import wcag_violations

    assert wcag_violations(browser, site, list(PAGES), ("light", "dark")) == {}
