"""Save-to-browser latency of `site-builder serve`, observed in real headless Chromium.

For the explainer in content/ and for a synthetic 1,000-page site: start `serve` on a copy, open a
person's page, then 20 times append a unique sentence to that person's file and measure from just
before the write to the moment the reloaded page's DOM was ready (the page's own navigation
timing, on the same clock). Prints median, min and max, and the rebuild times serve reported.
With --corpus N the second site is bench/corpus.py's N-item corpus (the one bench/run.py times),
its first person edited, instead of the synthetic ring of people.

    python bench/serve_latency.py [--edits 20] [--pages 1000 | --corpus 4000]
"""

from __future__ import annotations

import argparse
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Page, Playwright, WebSocket, sync_playwright

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_S = 300.0
DCL_EPOCH_MS = """() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return performance.timeOrigin + nav.domContentLoadedEventEnd;
}"""


def make_synthetic(root: Path, pages: int) -> None:
    """A project of `pages` people linking in a ring, plus a home page."""
    people = root / "content" / "people"
    people.mkdir(parents=True)
    (root / "content" / "pages").mkdir()
    (root / "content" / "site.yaml").write_text(
        "title: Synthetic\ndescription: Many people.\nlanguage: en\n", "utf-8"
    )
    (root / "content" / "pages" / "index.md").write_text("---\ntitle: Home\n---\nHello.\n", "utf-8")
    for number in range(pages):
        (people / f"person-{number}.md").write_text(
            f"---\nname: Person {number}\nrole: Role {number}\nsummary: Summary {number}.\n---\n"
            f"Person {number} knows [[person-{(number + 1) % pages}]].\n",
            "utf-8",
        )


class Serve:
    """`site-builder serve --port 0` on root, its stdout lines collected."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "site_builder", "serve", "--root", str(root), "--port", "0"],
            stdout=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        banner = self.next_line()
        found = re.search(r"on (http://127\.0\.0\.1:\d+/)", banner)
        assert found, banner
        self.url = found[1]
        self.first_build = self.next_line()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def next_line(self) -> str:
        """The next terminal line."""
        return self.lines.get(timeout=TIMEOUT_S)

    def stop(self) -> None:
        """Ctrl-C, as a user would."""
        self.process.send_signal(2)
        self.process.wait(timeout=TIMEOUT_S)


class LivePage:
    """A tab on one page that knows when livereload.js has connected again after each load."""

    def __init__(self, browser: Browser, url: str) -> None:
        self.page: Page = browser.new_page()
        self.page.set_default_timeout(TIMEOUT_S * 1000)
        self.listening = threading.Event()
        self.page.on("websocket", self._watch_socket)
        self.page.goto(url)
        self.wait_listening()

    def _watch_socket(self, websocket: WebSocket) -> None:
        websocket.on("framesent", lambda payload: self.listening.set() if '"info"' in str(payload) else None)

    def wait_listening(self) -> None:
        """Until livereload.js has introduced itself to the server."""
        deadline = time.monotonic() + TIMEOUT_S
        while not self.listening.is_set():
            if time.monotonic() > deadline:
                raise TimeoutError("livereload never connected")
            self.page.wait_for_timeout(10)
        self.listening.clear()

    def latency_ms(self, write: Callable[[], object], marker: str) -> float:
        """Run write(); ms from just before it until the page showing marker had its DOM ready."""
        started_ms = time.time() * 1000
        write()
        while True:
            self.page.wait_for_event("domcontentloaded", timeout=TIMEOUT_S * 1000)
            if marker in self.page.content():
                ready_ms = float(self.page.evaluate(DCL_EPOCH_MS))
                self.wait_listening()
                return ready_ms - started_ms


def save_to_reload(
    browser: Browser, root: Path, rel_file: str, url_path: str, edits: int
) -> tuple[str, list[float], list[float]]:
    """Serve root, edit rel_file `edits` times: (first build line, latencies ms, rebuilds ms)."""
    serve = Serve(root)
    try:
        live = LivePage(browser, serve.url + url_path)
        path = root / rel_file
        original = path.read_text("utf-8")
        latencies: list[float] = []
        rebuilds: list[float] = []
        for number in range(edits):
            marker = f"Benchmark edit number {number} of {edits}."
            latencies.append(
                live.latency_ms(
                    lambda marker=marker: path.write_text(f"{original}\n{marker}\n", "utf-8"), marker
                )
            )
            line = serve.next_line()
            found = re.search(r"([\d.]+) s$", line)
            if found:
                rebuilds.append(float(found[1]) * 1000)
        live.page.close()
        path.write_text(original, "utf-8")
        return serve.first_build, latencies, rebuilds
    finally:
        serve.stop()


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless, with nothing reaching out to the network."""
    return playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)


def measure(browser: Browser, root: Path, rel_file: str, url_path: str, edits: int) -> None:
    """Print the latency figures for one project."""
    first_build, latencies, rebuilds = save_to_reload(browser, root, rel_file, url_path, edits)
    print(f"  {first_build}")
    print(
        f"  save -> browser updated, {edits} edits: median {statistics.median(latencies):.0f} ms, "
        f"min {min(latencies):.0f} ms, max {max(latencies):.0f} ms"
    )
    if len(rebuilds) == len(latencies):
        overhead = [total - build for total, build in zip(latencies, rebuilds, strict=True)]
        print(
            f"  of which rebuild (serve's own line): median {statistics.median(rebuilds):.0f} ms; "
            f"the rest (watch, reload, page load): median {statistics.median(overhead):.0f} ms"
        )


def main() -> None:
    """Explainer, then synthetic site."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--corpus", type=int, default=0, help="items of bench/corpus.py's corpus instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="serve-bench-") as temp, sync_playwright() as playwright:
        browser = launch(playwright)
        explainer = Path(temp) / "explainer"
        shutil.copytree(REPO / "content", explainer / "content")
        person = sorted((explainer / "content" / "people").glob("*.md"))[0]
        print(f"explainer ({REPO / 'content'}), editing people/{person.name} (goal: median < 250 ms)")
        measure(browser, explainer, f"content/people/{person.name}", f"people/{person.stem}/", args.edits)

        if args.corpus:
            sys.path.insert(0, str(Path(__file__).parent))
            import corpus

            made = corpus.make_corpus(args.corpus)
            project = Path(temp) / "corpus"
            corpus.write_corpus(made, project, Path(temp) / "plain")
            first = next(item for item in made.items if item.kind == "people")
            print(
                f"bench/corpus.py, {args.corpus} items, editing people/{first.slug} (goal: median < 500 ms)"
            )
            measure(browser, project, f"content/people/{first.slug}.md", f"people/{first.slug}/", args.edits)
            browser.close()
            return
        synthetic = Path(temp) / "synthetic"
        make_synthetic(synthetic, args.pages)
        print(f"synthetic site, {args.pages} people pages, editing one (goal: median < 500 ms)")
        edited = f"person-{args.pages // 2}"  # a page in the middle of the ring, whatever --pages
        measure(browser, synthetic, f"content/people/{edited}.md", f"people/{edited}/", args.edits)
        browser.close()


if __name__ == "__main__":
    main()
