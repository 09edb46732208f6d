"""Lighthouse 12.2.3 (mobile preset) scores for the key pages, and the heaviest page on disk.

Run: python bench/lighthouse.py   (needs `npm ci`; about 30 s a page on two cores)
Prints one line per page: performance, accessibility, best practices, SEO (0-100).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from site_server import CHROMIUM, KEY_PAGES, REPO, build_explainer, serve_folder

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = ("home", "timeline", "glossary", "person", "figures")


def score_page(url: str, report_path: Path) -> dict[str, int]:
    """One Lighthouse run (mobile is its default form factor); category -> score out of 100."""
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={report_path}",
            "--quiet",
            "--only-categories=" + ",".join(CATEGORIES),
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        timeout=300,
    )
    report = json.loads(report_path.read_text(encoding="utf-8"))
    failing = [
        audit["id"]
        for audit in report["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric")
    ]
    if failing:
        print(f"  audits below 1 on {url}: {', '.join(sorted(failing))}")
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def heaviest_page(site: Path) -> tuple[str, int]:
    """The page with the most bytes of HTML plus the CSS and icon every page links."""
    assets = sum(p.stat().st_size for p in (site / "assets").iterdir() if p.suffix in (".css", ".svg"))
    path = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    return path.relative_to(site).as_posix(), path.stat().st_size + assets


def main() -> None:
    """Build the explainer, serve it on loopback and score each key page."""
    with tempfile.TemporaryDirectory() as tmp:
        site = build_explainer(Path(tmp) / "site")
        page, weight = heaviest_page(site)
        print(f"heaviest page: {page}, {weight / 1000:.1f} kB with CSS and icon (limit 60 kB)")
        with serve_folder(site) as base_url:
            print(f"{'page':10} " + " ".join(f"{name:>14}" for name in CATEGORIES))
            for name in PAGES:
                scores = score_page(base_url + KEY_PAGES[name], Path(tmp) / f"{name}.json")
                print(f"{name:10} " + " ".join(f"{scores[c]:>14}" for c in CATEGORIES), flush=True)


if __name__ == "__main__":
    main()
