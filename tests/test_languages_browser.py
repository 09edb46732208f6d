"""Right to left in Chromium: the Persian fixture's pages lay out from the right, its English
pages from the left, with the same stylesheet (CSS logical properties), and neither overflows
a phone's width."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


STRIP = """() => {
  const svg = document.querySelector('svg.timeline-strip');
  const box = svg.getBoundingClientRect();
  const centre = (slug) => {
    const mark = svg.querySelector(`a[href$="#${slug}"]`).getBoundingClientRect();
    return mark.left + mark.width / 2;
  };
  const texts = [...svg.querySelectorAll('text')].map((text) => text.getBoundingClientRect());
  return {
    earliest: centre('planning'),
    latest: centre('opening'),
    textsInside: texts.every((t) => t.left >= box.left - 0.5 && t.right <= box.right + 0.5),
    firstTick: texts[0].left + texts[0].width / 2,
    lastTick: texts[texts.length - 1].left + texts[texts.length - 1].width / 2,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""

BARS = """() => {
  const svg = document.querySelector('svg.figure-bars');
  const box = svg.getBoundingClientRect();
  const all = (selector) => [...svg.querySelectorAll(selector)].map((e) => e.getBoundingClientRect());
  const bars = all('rect.bar'), values = all('text.bar-value'), labels = all('text.bar-label');
  return {
    fromRight: bars.every((bar) => box.right - bar.right < 20 &&
                                   Math.abs(bar.right - bars[0].right) < 0.5),
    fromLeft: bars.every((bar) => Math.abs(bar.left - bars[0].left) < 0.5 && bar.left - box.left < 20),
    valuesBeyondBars: values.every((value, i) => value.right <= bars[i].left + 0.5) ? 'left'
      : values.every((value, i) => value.left >= bars[i].right - 0.5) ? 'right' : 'mixed',
    labelsInside: [...labels, ...values].every((t) => t.left >= box.left - 0.5 && t.right <= box.right + 0.5),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""


def evaluate_at_375(browser: Browser, site: Path, path: str, script: str) -> Any:
    """What `script` finds on a page of the site, in a 375 px wide tab."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    try:
        with serve_folder(site) as base_url:
            page.goto(base_url + path, wait_until="load")
            return page.evaluate(script)
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("path", "rtl"), [("timeline/", True), ("en/timeline/", False), ("", True)])
def test_timeline_strip_runs_in_the_reading_direction(
    browser: Browser, site: Path, path: str, rtl: bool
) -> None:
    """On Persian pages time runs from the right: the earliest event (and the first tick) is right
    of the latest; on English pages, left. Every label stays inside the picture, at 375 px."""
    found = evaluate_at_375(browser, site, path, STRIP)
    assert (found["earliest"] > found["latest"]) is rtl, found
    assert (found["firstTick"] > found["lastTick"]) is rtl, found
    assert (found["textsInside"], found["overflow"]) == (True, 0), found


@pytest.mark.browser
@pytest.mark.parametrize(("path", "rtl"), [("figures/", True), ("en/figures/", False)])
def test_figure_bars_grow_from_the_reading_start(browser: Browser, site: Path, path: str, rtl: bool) -> None:
    """On the Persian page the bars grow from the right edge with each value to their left; on
    the English page from the left, values to their right; all text inside, at 375 px."""
    found = evaluate_at_375(browser, site, path, BARS)
    assert (found["fromRight"], found["fromLeft"]) == (rtl, not rtl), found
    assert found["valuesBeyondBars"] == ("left" if rtl else "right"), found
    assert (found["labelsInside"], found["overflow"]) == (True, 0), found
