"""The built folder works when a plain static server serves it at a sub-path or at a domain root."""

from __future__ import annotations

import http.server
import io
import shutil
import urllib.error
import urllib.request
from contextlib import AbstractContextManager
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import REPO, run_main
from site_server import serve_folder

FIXTURE = REPO / "tests" / "fixtures" / "second-explainer"


class PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` under `prefix` only, and 404.html for anything missing, as hosts do."""

    prefix = "/"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        path = urlsplit(self.path).path
        if not path.startswith(self.prefix) and path + "/" != self.prefix:
            self.not_found()
            return None
        self.path = "/" + path[len(self.prefix) :]
        target = Path(self.translate_path(self.path))
        if not target.exists() or (
            target.is_dir() and not (target / "index.html").exists() and self.path.endswith("/")
        ):
            self.not_found()
            return None
        return super().send_head()

    def not_found(self) -> None:
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(directory: Path, prefix: str) -> AbstractContextManager[str]:
    """Serve directory at http://127.0.0.1:PORT{prefix}, as a host would; yields that URL."""
    handler = type("Handler", (PrefixHandler,), {"prefix": prefix})
    return serve_folder(directory, handler, prefix)


class LinkCollector(HTMLParser):
    """Every URL a page makes the browser follow or fetch, and every id on it."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value}
        if "id" in values:
            self.ids.add(values["id"])
        for attr in ("href", "src"):
            if attr in values:
                self.urls.append(values[attr])


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers.get_content_type()
    except urllib.error.HTTPError as e:
        return e.code, e.read(), e.headers.get_content_type()


def crawl(start: str) -> tuple[dict[str, int], list[str]]:
    """Follow every link on our host from start: (status by URL, missing #fragments)."""
    host = urlsplit(start).netloc
    statuses: dict[str, int] = {}
    ids: dict[str, set[str]] = {}
    fragments: list[tuple[str, str, str]] = []
    queue = [start]
    while queue:
        url = queue.pop()
        if url in statuses:
            continue
        status, body, content_type = fetch(url)
        statuses[url] = status
        if content_type != "text/html":
            continue
        collector = LinkCollector()
        collector.feed(body.decode("utf-8"))
        ids[url] = collector.ids
        for href in collector.urls:
            absolute = urljoin(url, href)
            parts = urlsplit(absolute)
            if parts.netloc != host:
                continue
            page = absolute.split("#")[0]
            if parts.fragment:
                fragments.append((url, page, parts.fragment))
            queue.append(page)
    missing = [
        f"{source} -> {page}#{fragment}"
        for source, page, fragment in fragments
        if fragment not in ids.get(page, set())
    ]
    return statuses, missing


def build(tmp_path: Path, base_url: str) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    out_dir = tmp_path / "public"
    args = ("--base-url", base_url) if base_url else ()
    result = run_main("build", "--root", root, "--out", out_dir, *args)
    assert result.returncode == 0, result.stderr
    return out_dir


@pytest.mark.parametrize(
    ("base_url", "prefix"),
    [
        ("https://news.example.org/explainers/panjshir/", "/explainers/panjshir/"),
        ("https://news.example.org/", "/"),
        ("", "/"),
    ],
)
def test_every_link_from_home_works(tmp_path: Path, base_url: str, prefix: str) -> None:
    out_dir = build(tmp_path, base_url)
    pages = {p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*.html")} - {"404.html"}
    pages = {page for page in pages if not page.startswith("embed/")}  # reached from other sites
    with serve(out_dir, prefix) as start:
        statuses, missing_fragments = crawl(start)
        not_found_status, _, _ = fetch(start + "no/such/page/")
        deep_404 = crawl(start + "no/such/page/")
        from_embed = crawl(start + "embed/timeline/")  # an embed's links lead into the site too
    broken = {url: status for url, status in statuses.items() if status != 200}
    assert broken == {}
    assert missing_fragments == []
    reached = {urlsplit(url).path[len(prefix) :] for url in statuses}
    reached_pages = {path + "index.html" if path.endswith("/") or not path else path for path in reached}
    assert pages <= reached_pages, "every page is reached from home"
    assert any(path.startswith("assets/") and path.endswith(".css") for path in reached)
    # The not-found page is served at any depth; its links must still lead into the site.
    assert not_found_status == 404
    deep_statuses, deep_missing = deep_404
    assert {url: s for url, s in deep_statuses.items() if "no/such" not in url and s != 200} == {}
    assert deep_missing == []
    assert len(deep_statuses) == len(statuses) + 1
    embed_statuses, embed_missing = from_embed
    assert {url: s for url, s in embed_statuses.items() if s != 200} == {}
    assert embed_missing == []
