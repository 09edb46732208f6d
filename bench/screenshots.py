"""Screenshots of the key pages at phone and desktop sizes, light and dark, into bench/out/.

Each page is shot whole and as the first screen a reader sees.

Run: python bench/screenshots.py   (not committed; bench/out/ is git-ignored)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from playwright.sync_api import sync_playwright
from site_server import (
    CHROMIUM,
    CHROMIUM_ARGS,
    KEY_PAGES,
    REPO,
    SIZES,
    build_explainer,
    serve_folder,
)

OUT = REPO / "bench" / "out"


def main() -> None:
    """Build, serve, and photograph every key page at every size and colour scheme."""
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        site = build_explainer(Path(tmp) / "site")
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with serve_folder(site) as base_url:
            for scheme in ("light", "dark"):
                for size_name, (width, height) in SIZES.items():
                    context = browser.new_context(
                        viewport={"width": width, "height": height}, color_scheme=scheme
                    )
                    page = context.new_page()
                    for page_name, path in KEY_PAGES.items():
                        page.goto(base_url + path)
                        stem = f"{page_name}-{size_name}-{scheme}"
                        page.screenshot(path=str(OUT / f"{stem}.png"), full_page=True)
                        page.screenshot(path=str(OUT / f"{stem}-first-screen.png"))
                        print(f"bench/out/{stem}.png and -first-screen.png")
                    context.close()
        browser.close()


if __name__ == "__main__":
    main()
