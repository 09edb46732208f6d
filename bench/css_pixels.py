"""Pixel check for a style.css refactor: the same pages, shot before and after, must be identical.

    python bench/css_pixels.py shoot OUT_DIR [--css FILE] [--site DIR] [--only GLOB]
    python bench/css_pixels.py compare BEFORE_DIR AFTER_DIR

`shoot` builds the Panjshir explainer (`site-builder build --no-cache --out OUT_DIR/site`, from the
repo root) unless --site names an already built site, optionally puts FILE's text into the built
stylesheet (assets/style.*.css: the hash in its name is left alone, no page checks it), serves the
site with `python -m http.server` on a loopback port, and has Chromium (Playwright, the system
/usr/bin/chromium) take full-page screenshots of every HTML page:

- widths 320, 768, 1280, each in the light and the dark colour scheme;
- print media at 1280;
- prefers-reduced-motion: reduce at 320, 768 and 1280 (light);
- the home page at 1280 with keyboard focus on the first link (one Tab).

`compare` pairs the PNGs by name and compares their bytes (same Chromium, same settings: equal
pixels give equal files); it prints every name that differs or is missing and exits 1 if any.

Known flake, independent of the CSS: the sticky jump bar of the glossary at 320 px lands in one of
two places 1 px apart from run to run (glossary.320-light.png; seen with the same stylesheet twice).
Re-shoot a name with --only, several times on each side, to show both sides give the same states.

Not part of the test suite; OUT_DIR is best under /tmp or bench/out/ (git-ignored).
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--font-render-hinting=none",
]
WIDTHS = (320, 768, 1280)
HEIGHT = 800


def build(site: Path) -> None:
    """The real CLI, from the repo root, into site."""
    if site.exists():
        shutil.rmtree(site)
    subprocess.run(
        ["site-builder", "build", "--no-cache", "--out", str(site)],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )


def pages(site: Path) -> list[str]:
    """URL paths of every HTML page, relative to the site root."""
    return [p.relative_to(site).as_posix().removesuffix("index.html") for p in sorted(site.rglob("*.html"))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stem(path: str) -> str:
    return path.strip("/").replace("/", "__").removesuffix(".html") or "home"


def settle(page: Page) -> None:
    """Fonts loaded, scrolled to the top, two frames drawn: nothing left to move."""
    page.evaluate(
        "async () => { await document.fonts.ready; window.scrollTo({top: 0, behavior: 'instant'});"
        " await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); }"
    )


def shoot(out: Path, css: Path | None, site: Path | None, only: str | None) -> int:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    if site is None:
        site = out / "site"
        build(site)
    if css is not None:
        sheets = sorted((site / "assets").glob("style.*.css"))
        assert len(sheets) == 1, sheets
        sheets[0].write_bytes(css.read_bytes())
    sheet = next((site / "assets").glob("style.*.css"))
    print(
        f"site {site}, stylesheet {len(sheet.read_bytes())} bytes, "
        f"sha256 {hashlib.sha256(sheet.read_bytes()).hexdigest()[:12]}"
    )
    shots = out / "shots"
    if shots.exists() and not only:
        shutil.rmtree(shots)
    shots.mkdir(exist_ok=True)

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    count = 0
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base, timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        paths = pages(site)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

            def run(
                name: str,
                width: int,
                scheme: str = "light",
                media: str = "screen",
                motion: str = "no-preference",
            ) -> None:
                nonlocal count
                context = browser.new_context(
                    viewport={"width": width, "height": HEIGHT}, device_scale_factor=1
                )
                page = context.new_page()
                page.emulate_media(media=media, color_scheme=scheme, reduced_motion=motion)
                for path in paths:
                    target = f"{stem(path)}.{name}.png"
                    if only and not fnmatch.fnmatch(target, only):
                        continue
                    page.goto(base + path, wait_until="networkidle")
                    settle(page)
                    page.screenshot(
                        path=str(shots / target), full_page=True, animations="disabled", caret="hide"
                    )
                    count += 1
                context.close()

            for width in WIDTHS:
                for scheme in ("light", "dark"):
                    run(f"{width}-{scheme}", width, scheme=scheme)
            run("1280-print", 1280, media="print")
            for width in WIDTHS:
                run(f"{width}-reduced-motion", width, motion="reduce")

            if not only or fnmatch.fnmatch("home.1280-focus-first-link.png", only):
                context = browser.new_context(
                    viewport={"width": 1280, "height": HEIGHT}, device_scale_factor=1
                )
                page = context.new_page()
                page.goto(base, wait_until="networkidle")
                settle(page)
                page.keyboard.press("Tab")
                focused = page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
                page.screenshot(
                    path=str(shots / "home.1280-focus-first-link.png"),
                    full_page=True,
                    animations="disabled",
                    caret="hide",
                )
                count += 1
                print(f"focused: {focused}")
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"{count} screenshots of {len(paths)} pages in {shots}")
    return 0


def compare(before: Path, after: Path) -> int:
    a = {p.name: p for p in (before / "shots").glob("*.png")}
    b = {p.name: p for p in (after / "shots").glob("*.png")}
    same = sorted(n for n in a.keys() & b.keys() if a[n].read_bytes() == b[n].read_bytes())
    differ = sorted(n for n in a.keys() & b.keys() if n not in same)
    missing = sorted(a.keys() ^ b.keys())
    for name in differ:
        print(f"DIFFERS {name}")
    for name in missing:
        print(f"MISSING {name} (only in {'before' if name in a else 'after'})")
    print(
        f"compared {len(a.keys() & b.keys())}, identical {len(same)}, differ {len(differ)}, "
        f"unpaired {len(missing)}"
    )
    return 1 if differ or missing or not same else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("shoot")
    s.add_argument("out", type=Path)
    s.add_argument("--css", type=Path)
    s.add_argument("--site", type=Path)
    s.add_argument("--only", help="shoot only the PNG names matching this glob, keep the others")
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "shoot":
        return shoot(args.out.resolve(), args.css, args.site, args.only)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
