"""Embeds in Chromium: a news article on another origin embeds the explainer's timeline and a
figure; embed.js fits each iframe to its content, nothing logs an error, and axe finds no WCAG
violation inside the iframes. Without JavaScript the iframes keep the height their code gives."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from site_server import REPO, serve_folder
from test_a11y import WCAG_TAGS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Frame, Page

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
EMBEDDED = {"timeline": ("embed/timeline/", 640), "figure": ("embed/figures/attack-days/", 460)}
"""iframe id -> (embed page, the height its code gives)."""
NARROWEST = 280
AXE_RUN = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"


def host_page(site_url: str) -> str:
    """A news article on another origin, with the two embeds as a web producer pastes them."""
    frames = "\n".join(
        f'<iframe id="{name}" src="{site_url}{path}" title="{name}" height="{height}" '
        'style="width:100%;border:0"></iframe>'
        for name, (path, height) in EMBEDDED.items()
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An article</title>'
        '<link rel="icon" href="data:,"><style>body{margin:0}</style></head>'
        "<body><main><h1>An article</h1><p>Some news.</p>"
        f'{frames}<p>More news.</p><script src="{site_url}embed.js" async></script></main></body></html>'
    )


@pytest.fixture(scope="module")
def article(built_explainer: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The host page's folder (its page names the site's URL, so it is written per server)."""
    return tmp_path_factory.mktemp("host")


def frame_of(page: Page, name: str) -> Frame:
    handle = page.locator(f"#{name}").element_handle()
    frame = handle.content_frame() if handle is not None else None
    assert frame is not None
    return frame


@pytest.mark.parametrize("width", [NARROWEST, 1000])
def test_iframes_fit_their_content_without_errors_and_pass_axe(
    built_explainer: Path, article: Path, browser: Browser, width: int
) -> None:
    errors: list[str] = []
    # axe is loaded into every frame before its own scripts; bypassing CSP is how it gets in
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 800})
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            errors.append(f"{message.location['url']}: {message.text}") if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    with serve_folder(built_explainer) as site_url, serve_folder(article) as host_url:
        assert site_url.split(":")[2] != host_url.split(":")[2]  # two origins: another port
        (article / "index.html").write_text(host_page(site_url), "utf-8")
        page.goto(host_url)
        for name, (_, height) in EMBEDDED.items():
            page.wait_for_function(
                "name => document.getElementById(name).style.height !== ''", arg=name, timeout=30_000
            )
            frame = frame_of(page, name)
            frame.wait_for_load_state("load")
            page.wait_for_timeout(100)  # a last ResizeObserver report, after fonts and layout
            shown = page.evaluate(
                "name => document.getElementById(name).getBoundingClientRect().height", name
            )
            content = frame.evaluate("document.documentElement.getBoundingClientRect().height")
            assert abs(shown - content) <= 1, (name, shown, content)
            assert shown != height  # sized to its content, not left at the code's height
            overflow = frame.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth,"
                " document.documentElement.scrollHeight, window.innerHeight]"
            )
            assert overflow[0] <= overflow[1], (name, width, overflow)  # no sideways scrolling
            assert overflow[2] <= overflow[3] + 1, (name, overflow)  # nor any scroll bar
            result = frame.evaluate(AXE_RUN, WCAG_TAGS)
            assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []
    context.close()
    assert errors == []


def test_without_javascript_the_iframes_keep_their_height(
    built_explainer: Path, tmp_path: Path, browser: Browser
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    with serve_folder(built_explainer) as site_url, serve_folder(tmp_path) as host_url:
        (tmp_path / "index.html").write_text(host_page(site_url), "utf-8")
        page.goto(host_url)
        for name, (_, height) in EMBEDDED.items():
            frame = frame_of(page, name)
            frame.wait_for_load_state("load")
            box = page.locator(f"#{name}").bounding_box()
            assert box is not None and box["height"] == height
            assert frame.locator("main").inner_text().strip()  # the content shows
    context.close()


def test_the_copy_button_copies_the_embed_code(built_explainer: Path, browser: Browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    with serve_folder(built_explainer) as site_url:
        origin = site_url.rstrip("/")
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
        page.goto(site_url + "people/ali-nasary/")
        details = page.locator("details.embed-code")
        details.locator("summary").click()
        button = details.get_by_role("button", name="Copy the code")
        button.click()
        status = details.locator("[role=status]")
        status.wait_for(state="attached")
        page.wait_for_function("() => document.querySelector('.embed-code [role=status]').textContent !== ''")
        assert status.inner_text() == "Copied."
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == details.locator("textarea").input_value()
        assert copied.startswith(
            '<iframe src="https://news.example.org/explainers/panjshir/embed/people/ali-nasary/"'
        )
    context.close()


def test_without_javascript_the_code_is_there_and_no_dead_button(
    built_explainer: Path, browser: Browser
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    with serve_folder(built_explainer) as site_url:
        page.goto(site_url + "people/ali-nasary/")
        details = page.locator("details.embed-code")
        details.locator("summary").click()  # <details> opens without JavaScript
        assert details.locator("textarea").is_visible()
        assert not details.get_by_role("button").is_visible()
    context.close()
