"""Screenshots of the key pages at phone and desktop sizes, light and dark, into bench/out/,
and of the same pages in both writing directions (the Persian fixture, right to left, and its
English pages, left to right).

Each page is shot whole and as the first screen a reader sees.

Run: python bench/screenshots.py                    (not committed; bench/out/ is git-ignored)
     python bench/screenshots.py --only directions  (the two directions alone)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from playwright.sync_api import Browser, sync_playwright
from site_server import (
    CHROMIUM,
    CHROMIUM_ARGS,
    KEY_PAGES,
    REPO,
    SIZES,
    build_explainer,
    serve_folder,
)

from site_builder.build import build

OUT = REPO / "bench" / "out"
DIRECTIONS_FIXTURE = REPO / "tests" / "fixtures" / "languages-fa"
"""Persian at the root (right to left) and English under en/ (left to right): the same items,
so each pair of shots shows one page in both directions."""
DIRECTION_PAGES = {"home": "", "timeline": "timeline/", "figures": "figures/", "person": "people/anna/"}
DIRECTIONS = {"rtl-fa": "", "ltr-en": "en/"}


def shoot(browser: Browser, base_url: str, pages: dict[str, str], suffix: str, scheme: str) -> None:
    """Every page at every size in one colour scheme: whole, and its first screen."""
    for size_name, (width, height) in SIZES.items():
        context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
        page = context.new_page()
        for page_name, path in pages.items():
            page.goto(base_url + path)
            stem = f"{page_name}-{size_name}-{suffix}"
            page.screenshot(path=str(OUT / f"{stem}.png"), full_page=True)
            page.screenshot(path=str(OUT / f"{stem}-first-screen.png"))
            print(f"bench/out/{stem}.png and -first-screen.png")
        context.close()


def main() -> None:
    """Build, serve, and photograph every key page at every size and colour scheme, then the
    direction pages at every size in each direction."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("explainer", "directions"), help="shoot one set only")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        if args.only != "directions":
            site = build_explainer(Path(tmp) / "site")
            with serve_folder(site) as base_url:
                for scheme in ("light", "dark"):
                    shoot(browser, base_url, KEY_PAGES, scheme, scheme)
        if args.only != "explainer":
            site = Path(tmp) / "directions"
            build(DIRECTIONS_FIXTURE, site, {}, use_cache=False)
            with serve_folder(site) as base_url:
                for direction, folder in DIRECTIONS.items():
                    pages = {name: folder + path for name, path in DIRECTION_PAGES.items()}
                    shoot(browser, base_url, pages, direction, "light")
        browser.close()


if __name__ == "__main__":
    main()
