"""Build the repo's explainer and serve a folder on loopback: shared by the browser tests and bench/."""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
"""Debian's Chromium: Playwright drives it, and never downloads a browser of its own."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

SIZES = {"phone": (375, 812), "desktop": (1280, 800)}
KEY_PAGES = {
    "home": "",
    "timeline": "timeline/",
    "glossary": "glossary/",
    "figures": "figures/",
    "person": "people/ahmad-massoud/",
    "places": "places/",
}
"""The pages the issue names (home, timeline, glossary, figures, one person), plus places."""


def build_explainer(out_dir: Path) -> Path:
    """Build the explainer in the repo's content/ into out_dir with the real CLI."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "site_builder",
            "build",
            "--root",
            str(REPO),
            "--out",
            str(out_dir),
            "--no-cache",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"build failed:\n{result.stderr}")
    return out_dir


def html_pages(site_dir: Path) -> list[str]:
    """URL paths (relative to the site root) of every HTML page ('', 'people/x/', '404.html'),
    and of one embed page per kind, the largest: the embed pages of a kind share their template,
    and a browser test that walked all of them (42 on the explainer) would triple its time.
    Every embed page is still checked by the Nu checker and by tests/test_embeds*.py."""
    paths = []
    largest: dict[str, tuple[int, str]] = {}
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel.startswith("embed/"):
            kind = rel.split("/")[1]
            size = path.stat().st_size
            if kind not in largest or size > largest[kind][0]:
                largest[kind] = (size, rel)
            continue
        paths.append(rel.removesuffix("index.html"))
    paths += [
        rel.removesuffix("index.html") for _, rel in sorted(largest.values(), key=lambda found: found[1])
    ]
    return paths


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:
        return


@contextmanager
def serve_folder(
    folder: Path,
    handler_class: type[http.server.SimpleHTTPRequestHandler] = QuietHandler,
    prefix: str = "/",
) -> Iterator[str]:
    """Serve folder on 127.0.0.1 (a free port) for the duration; yields the URL of `prefix`."""
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
