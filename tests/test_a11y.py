"""axe-core finds no WCAG 2.1 A/AA violation on any page of the explainer, light or dark."""

from __future__ import annotations

from collections.abc import Sequence
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


Scheme = Literal["light", "dark"]


def violations_on(page: Page) -> list[str]:
    """axe's WCAG A/AA violations on the page as it shows now, one line each: rule, impact and
    the elements."""
    # A scheme switched on a loaded page starts the stylesheet's colour transitions: finished
    # first, axe reads the colours the scheme settles on, as a page loaded in it shows them.
    # resultTypes: axe works out every violation in full, and only samples the passes it would
    # otherwise list node by node, which nobody reads here.
    result = page.evaluate(
        """tags => {
          for (const animation of document.getAnimations()) animation.finish();
          return axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        }""",
        WCAG_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']][:5]}"
        for v in result["violations"]
    ]


def wcag_violations(
    browser: Browser, site_dir: Path, paths: list[str], schemes: Sequence[Scheme] = ("light",)
) -> dict[str, list[str]]:
    """'/page path (scheme)' -> its violations, for each of `paths` of the site in each of
    `schemes` that has any.

    One tab, going from page to page (each goto is a new document): a context per page cost more
    than axe itself. Each page is loaded once and checked in every scheme, switched by media
    emulation (the scheme is CSS only: no script of the theme reads it), which costs less than
    loading it again. The pages' CSP allows only their own scripts; bypassing it is how axe gets
    in, loaded into every document before the page's own scripts run."""
    context = browser.new_context(bypass_csp=True, color_scheme=schemes[0])
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    found: dict[str, list[str]] = {}
    try:
        with serve_folder(site_dir) as base_url:
            for path in paths:
                page.goto(base_url + path)
                for scheme in schemes:
                    page.emulate_media(color_scheme=scheme)
                    problems = violations_on(page)
                    if problems:
                        found[f"/{path} ({scheme})"] = problems
    finally:
        context.close()
    return found


def test_axe_is_installed() -> None:
    assert AXE.is_file(), "run `npm ci` in the repo root to install axe-core"


def test_no_wcag_violations_on_any_page_light_or_dark(site: Path, browser: Browser) -> None:
    pages = html_pages(site)
    assert len(pages) > 10  # the whole explainer, not a stub
    assert wcag_violations(browser, site, pages, ("light", "dark")) == {}
