"""Right to left in Chromium: the Persian fixture's pages lay out from the right, its English
pages from the left, with the same stylesheet (CSS logical properties), and neither overflows
a phone's width."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO
from playwright.sync_api import Browser
from site_server import html_pages, serve_folder
from test_a11y import wcag_violations

from site_builder.build import build

FA_FIXTURE = REPO / "tests" / "fixtures" / "languages-fa"

SIDES = """() => {
  const rule = getComputedStyle(document.querySelector('ol.timeline'));
  const html = document.documentElement;
  return {
    dir: getComputedStyle(html).direction,
    start: rule.borderRightWidth !== '0px' ? 'right' : (rule.borderLeftWidth !== '0px' ? 'left' : ''),
    overflow: html.scrollWidth - html.clientWidth,
  };
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out_dir = tmp_path_factory.mktemp("languages-browser") / "public"
    build(FA_FIXTURE, out_dir, {}, use_cache=False)
    return out_dir


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "direction", "side"), [("timeline/", "rtl", "right"), ("en/timeline/", "ltr", "left")]
)
def test_timeline_rule_is_on_the_reading_start_side(
    browser: Browser, site: Path, path: str, direction: str, side: str
) -> None:
    """The timeline's rule (border-inline-start) is on the right of a Persian page and the left
    of an English one; at 375 px nothing scrolls sideways."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    try:
        with serve_folder(site) as base_url:
            page.goto(base_url + path, wait_until="load")
            assert page.evaluate(SIDES) == {"dir": direction, "start": side, "overflow": 0}
    finally:
        context.close()


@pytest.mark.browser
def test_no_wcag_violations_in_either_direction(browser: Browser, site: Path) -> None:
    """axe on every page of the Persian fixture: Persian at the root, English under en/."""
    pages = html_pages(site)
    assert "" in pages and "en/" in pages
    assert wcag_violations(browser, site, pages) == {}
