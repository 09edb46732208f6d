"""axe-core finds no WCAG 2.1 A/AA violation on any page of the explainer, light or dark."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pytest
from site_server import REPO, html_pages, serve_folder

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def site(built_explainer: Path) -> Path:
    """The explainer built once per run (read only)."""
    return built_explainer


def violations_on(page: Page, url: str) -> list[str]:
    """axe's WCAG A/AA violations on one page, one line each: rule, impact and the elements."""
    page.goto(url)
    # resultTypes: axe works out every violation in full, and only samples the passes it would
    # otherwise list node by node, which nobody reads here.
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']][:5]}"
        for v in result["violations"]
    ]


def wcag_violations(
    browser: Browser, site_dir: Path, paths: list[str], scheme: Literal["light", "dark"] = "light"
) -> dict[str, list[str]]:
    """Page path -> its violations, for each of `paths` of the site that has any.

    One tab, going from page to page (each goto is a new document): a context per page cost more
    than axe itself. The pages' CSP allows only their own scripts; bypassing it is how axe gets
    in, loaded into every document before the page's own scripts run."""
    context = browser.new_context(bypass_csp=True, color_scheme=scheme)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    found: dict[str, list[str]] = {}
    try:
        with serve_folder(site_dir) as base_url:
            for path in paths:
                problems = violations_on(page, base_url + path)
                if problems:
                    found["/" + path] = problems
    finally:
        context.close()
    return found


def test_axe_is_installed() -> None:
    assert AXE.is_file(), "run `npm ci` in the repo root to install axe-core"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_wcag_violations_on_any_page(
    site: Path, browser: Browser, scheme: Literal["light", "dark"]
) -> None:
    pages = html_pages(site)
    assert len(pages) > 10  # the whole explainer, not a stub
    assert wcag_violations(browser, site, pages, scheme) == {}
