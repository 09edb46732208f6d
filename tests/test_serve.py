"""site-builder serve, as a user runs it: a real subprocess, real HTTP, real headless Chromium."""

from __future__ import annotations

import base64
import http.client
import json
import os
import queue
import random
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from conftest import REPO, SMALL_PROJECT, run_main, snapshot, write_files
from watchfiles import Change

from site_builder.serve.handlers import BadPath, find_file, is_allowed_host, nearest_not_found, parse_message
from site_builder.serve.preview import Preview, generation_cookie, inject
from site_builder.serve.watch import existed_before

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, WebSocket

WAIT_SECONDS = 30.0
"""How long a condition may take to come true before the test fails (not a timing assertion)."""
ADA = SMALL_PROJECT["content/people/ada.md"]


class ServeProcess:
    """`site-builder serve --port 0` on a project; reads its terminal lines as they come."""

    def __init__(self, root: Path, *options: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "site_builder", "serve", "--root", str(root), "--port", "0", *options],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        banner = self.wait_for_line(lambda line: line.startswith("serving "))
        found = re.search(r"on (http://127\.0\.0\.1:(\d+)/) \(preview built in (.+)\)", banner)
        assert found, banner
        self.url, self.port, self.temp_dir = found[1], int(found[2]), Path(found[3])
        self.preview_dir = self.temp_dir / "site"
        self.wait_for_line(lambda line: line.startswith("first build"))

    def _read(self) -> None:
        assert self.process.stdout is not None
        try:
            for line in self.process.stdout:
                self.lines.put(line.rstrip("\n"))
        except ValueError:  # stop() closed the pipe while this thread was reading: done
            return

    def wait_for_line(self, wanted: Callable[[str], bool]) -> str:
        """The next stdout line for which wanted() holds; fails after WAIT_SECONDS."""
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"serve never printed the expected line; it printed {self.seen}")
            self.seen.append(line)
            if wanted(line):
                return line

    def get(self, raw_path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        """GET a raw, unnormalised path: (status, body)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=WAIT_SECONDS)
        try:
            connection.putrequest("GET", raw_path, skip_host=True)
            sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
            for name, value in sent.items():
                connection.putheader(name, value)
            connection.endheaders()
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def stop(self) -> tuple[int, str]:
        """Ctrl-C: (exit code, stderr)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        _, stderr = self.process.communicate(timeout=WAIT_SECONDS)
        return self.process.returncode, stderr


VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class PageText(HTMLParser):
    """A page's h1 text, its script sources and its overlay items, via a real HTML parser."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.headings: list[str] = []
        self.overlay_items: list[str] = []
        self.banner: list[str] = []
        self._open: list[str] = []
        self._overlay_depth: int | None = None
        self._banner_depth: int | None = None
        self.feed(data.decode("utf-8"))
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script" and attributes.get("src"):
            self.scripts.append(attributes["src"] or "")
        if attributes.get("id") == "site-builder-build-errors":
            self._overlay_depth = len(self._open)
        if "draft-banner" in (attributes.get("class") or "").split():
            self._banner_depth = len(self._open)
        if tag not in VOID_TAGS:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]
        if self._overlay_depth is not None and len(self._open) <= self._overlay_depth:
            self._overlay_depth = None
        if self._banner_depth is not None and len(self._open) <= self._banner_depth:
            self._banner_depth = None

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] == "h1":
            self.headings.append(data.strip())
        if self._overlay_depth is not None and self._open and self._open[-1] == "li":
            self.overlay_items.append(data)
        if self._banner_depth is not None:
            self.banner.append(data)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the small valid project, ours to edit."""
    return write_files(tmp_path / "project", dict(SMALL_PROJECT))


@pytest.fixture
def server(project: Path) -> Iterator[ServeProcess]:
    """serve running on the project; stopped with Ctrl-C afterwards."""
    serving = ServeProcess(project)
    yield serving
    serving.stop()


def wait_until(condition: Callable[[], bool]) -> None:
    """Poll condition until it holds; fail after WAIT_SECONDS."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert time.monotonic() < deadline, "condition never became true"
        time.sleep(0.05)


def open_live(browser: Browser, url: str) -> Page:
    """Open url and return once livereload.js has told the server it listens (its 'info')."""
    page = browser.new_page()
    page.set_default_timeout(WAIT_SECONDS * 1000)
    listening = threading.Event()

    def watch_socket(websocket: WebSocket) -> None:
        websocket.on("framesent", lambda payload: listening.set() if '"info"' in str(payload) else None)

    page.on("websocket", watch_socket)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(url)
    deadline = time.monotonic() + WAIT_SECONDS
    while not listening.is_set():  # playwright delivers events while we wait inside it
        assert time.monotonic() < deadline, f"livereload never connected; console errors: {errors}"
        page.wait_for_timeout(20)
    return page


def test_edit_break_fix_in_the_browser(server: ServeProcess, project: Path, browser: Browser) -> None:
    """The tab follows edits by itself, shows every error with its path:line, then comes back."""
    from playwright.sync_api import expect

    page = open_live(browser, server.url + "people/ada/")
    main = page.locator("main")
    expect(main).to_contain_text("Ada lives in")

    write_files(project, {"content/people/ada.md": ADA.replace("Ada lives in", "Ada moved to the coast of")})
    expect(main).to_contain_text("Ada moved to the coast of")

    write_files(project, {"content/people/ada.md": ADA.replace("role: Negotiator", "role: [Negotiator")})
    overlay_items = page.locator("#site-builder-build-errors li")
    expect(overlay_items).to_have_text(
        ["content/people/ada.md:4:8: invalid YAML: did not find expected ',' or ']'"]
    )
    expect(page.locator("#site-builder-build-errors")).to_be_visible()

    write_files(project, {"content/people/ada.md": ADA.replace("Ada lives in", "Ada is back in")})
    expect(main).to_contain_text("Ada is back in")
    expect(page.locator("#site-builder-build-errors")).to_have_count(0)
    assert page.url == server.url + "people/ada/"
    page.close()


def test_two_saves_half_a_second_apart_show_the_second(
    server: ServeProcess, project: Path, browser: Browser
) -> None:
    """livereload alone drops a reload within 3 s of the previous one; ours shows the last save."""
    from playwright.sync_api import expect

    page = open_live(browser, server.url + "people/ada/")
    write_files(project, {"content/people/ada.md": ADA.replace("Ada lives in", "First save:")})
    time.sleep(0.5)  # the scenario: a user saving twice, half a second apart
    write_files(project, {"content/people/ada.md": ADA.replace("Ada lives in", "Second save:")})
    expect(page.locator("main")).to_contain_text("Second save:")
    page.close()


def test_a_reload_takes_the_stylesheet_and_scripts_from_the_browser_cache(
    server: ServeProcess, project: Path, browser: Browser
) -> None:
    """The theme's assets are named by their bytes' hash, and serve lets the browser keep them
    as hosts do: a reload after a save asks serve for the page alone. The page is never kept."""
    from playwright.sync_api import expect

    page = open_live(browser, server.url + "people/ada/")
    write_files(project, {"content/people/ada.md": ADA.replace("Ada lives in", "Ada moved to")})
    expect(page.locator("main")).to_contain_text("Ada moved to")
    fetched = page.evaluate(
        "() => performance.getEntriesByType('resource')"
        ".filter(entry => entry.name.includes('/assets/')).map(entry => [entry.name, entry.transferSize])"
    )
    page.close()
    assert fetched and all(size == 0 for _, size in fetched), fetched  # 0: from the cache
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=WAIT_SECONDS)
    try:
        headers = {}
        for path in [urlsplit(fetched[0][0]).path, "/people/ada/"]:
            connection.request("GET", path, headers={"Host": f"127.0.0.1:{server.port}"})
            response = connection.getresponse()
            response.read()
            headers[path] = response.getheader("Cache-Control")
    finally:
        connection.close()
    assert list(headers.values()) == ["public, max-age=31536000, immutable", "no-cache"]


def test_a_template_edit_reloads_the_page(server: ServeProcess, project: Path, browser: Browser) -> None:
    """Themes are watched too: a project template override shows up live."""
    from playwright.sync_api import expect

    page = open_live(browser, server.url)
    base = (Path(__file__).resolve().parent.parent / "templates" / "base.html").read_text("utf-8")
    block = "{% block content %}{% endblock %}"
    banner = '<p id="banner">Preview banner</p>'
    write_files(project, {"templates/base.html": base.replace(block, banner + block)})
    expect(page.locator("#banner")).to_have_text("Preview banner")
    page.close()


def test_save_storm_makes_one_rebuild(server: ServeProcess, project: Path) -> None:
    """An editor's temp files, backup and atomic rename in one burst: one rebuild of the real file."""
    people = project / "content" / "people"
    (people / ".#ada.md").write_text("lock")
    (people / ".ada.md.swp").write_text("swap")
    (people / "ada.md~").write_text(ADA)
    (people / "#ada.md#").write_text("autosave")
    (people / "4913").write_text("")
    (people / "4913").unlink()
    (people / ".ada.md.tmp").write_text(ADA.replace("Ada lives in", "Stormy"))
    os.replace(people / ".ada.md.tmp", people / "ada.md")
    (people / ".ada.md.swp").unlink()
    (people / "#ada.md#").unlink()
    (people / ".#ada.md").unlink()
    storm = server.wait_for_line(lambda line: "changed" in line)
    assert storm.startswith("content/people/ada.md changed: "), storm

    write_files(project, {"content/places/town.md": SMALL_PROJECT["content/places/town.md"] + "Quiet.\n"})
    after = server.wait_for_line(lambda line: "changed" in line)
    assert after.startswith("content/places/town.md changed: "), server.seen
    status, body = server.get("/people/ada/")
    assert status == 200 and b"Stormy" in body


def test_a_sed_save_is_logged_as_the_file_alone(server: ServeProcess, project: Path) -> None:
    """`sed -i` writes a temporary file beside the real one (content/people/sedXXXXXX) and renames
    it over it: the log names the real file only, not "and 1 more" for a file already gone."""
    subprocess.run(
        ["sed", "-i", "s/Ada lives in/Ada works in/", "content/people/ada.md"], cwd=project, check=True
    )
    line = server.wait_for_line(lambda line: "changed" in line)
    assert line.startswith("content/people/ada.md changed: "), line
    # The same by hand, with a temporary name no editor filter knows, and a real file removed.
    people = project / "content" / "people"
    (people / "qzTmp1").write_text(ADA.replace("Ada lives in", "Ada rests in"))
    os.replace(people / "qzTmp1", people / "ada.md")
    line = server.wait_for_line(lambda line: "changed" in line)
    assert line.startswith("content/people/ada.md changed: "), line
    (project / "content" / "figures" / "attendance.md").unlink()
    line = server.wait_for_line(lambda line: "changed" in line)
    assert line.startswith("content/figures/attendance.md changed: "), line
    status, body = server.get("/people/ada/")
    assert status == 200 and b"Ada rests in" in body


def test_pages_are_never_half_written(server: ServeProcess, project: Path) -> None:
    """Readers during rebuilds get a whole page, old or new, every time."""
    stop = threading.Event()
    bodies: list[bytes] = []

    def fetch_until_stopped() -> None:
        while not stop.is_set():
            bodies.append(server.get("/people/ada/")[1])

    reader = threading.Thread(target=fetch_until_stopped)
    reader.start()
    try:
        for number in range(8):
            text = f"Edit number {number} " + "long text " * 2000
            write_files(project, {"content/people/ada.md": ADA.replace("Ada lives in", text)})
            server.wait_for_line(lambda line: line.startswith("content/people/ada.md changed"))
    finally:
        stop.set()
        reader.join()
    assert len(bodies) > 8
    for body in bodies:
        page = PageText(body)
        assert page.headings[:1] == ["Ada Lovelace"]
        assert body.rstrip().endswith(b"</html>")
        assert page.scripts.count(f"/livereload.js?port={server.port}") == 1


@pytest.fixture(scope="module")
def server_with_a_secret(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    """One serve for every path below (they only read): a secret beside its preview folder, and
    symlinks to it inside the folder."""
    project = write_files(tmp_path_factory.mktemp("serve-secret") / "project", dict(SMALL_PROJECT))
    serving = ServeProcess(project)
    secret = serving.temp_dir / "secret.txt"
    secret.write_text("TOP SECRET")
    (serving.preview_dir / "leak.txt").symlink_to(secret)
    (serving.preview_dir / "leaks").symlink_to(serving.temp_dir, target_is_directory=True)
    yield serving
    serving.stop()


@pytest.mark.parametrize(
    "raw_path",
    [
        "/../",
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2fetc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..\\..\\etc\\passwd",
        "/%5c..%5c..%5cetc%5cpasswd",
        "/people/../../secret.txt",
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/.%2e/secret.txt",
        "//etc/passwd",
        "/leak.txt",
        "/leaks/secret.txt",
        "/.site-builder-output",
    ],
)
def test_nothing_outside_the_preview_is_served(server_with_a_secret: ServeProcess, raw_path: str) -> None:
    """However the path is written, and through symlinks, only the preview folder is reachable."""
    status, body = server_with_a_secret.get(raw_path)
    assert status in (400, 404)
    assert b"TOP SECRET" not in body and b"root:" not in body


def test_unknown_paths_get_the_sites_404_page(project: Path) -> None:
    """Status 404 with the site's own page, live-reloading like any other; the terminal stays
    for rebuilds (no access-log line per 404)."""
    server = ServeProcess(project)
    status, body = server.get("/no/such/page/")
    assert status == 404
    page = PageText(body)
    assert page.headings == ["Page not found"]
    assert page.scripts == [f"/livereload.js?port={server.port}"]
    assert server.get("/favicon.ico")[0] == 404
    code, stderr = server.stop()
    assert code == 0
    assert "404" not in stderr, stderr


def test_every_html_page_gets_the_script_and_nothing_else_is_touched(tmp_path: Path) -> None:
    """Upper-case <HEAD>, pages with no </head>: injected; CSS, JSON, XML: byte for byte."""
    base = (Path(__file__).resolve().parent.parent / "templates" / "base.html").read_text("utf-8")
    root = write_files(
        tmp_path / "project",
        {
            **SMALL_PROJECT,
            "templates/base.html": base.replace("<head>", "<HEAD>").replace("</head>", "</HEAD>"),
            "templates/404.html": "<!doctype html><title>Lost</title><p>Nothing here</p>\n",
        },
    )
    serving = ServeProcess(root)
    try:
        files = snapshot(serving.preview_dir)
        assert any(path.endswith(".json") for path in files)
        for rel_path, data in files.items():
            if rel_path.startswith("."):
                continue
            status, body = serving.get("/" + rel_path)
            assert status == 200, rel_path
            if rel_path.endswith(".html"):
                assert PageText(body).scripts.count(f"/livereload.js?port={serving.port}") == 1, rel_path
            else:
                assert body == data, rel_path
        assert b"</HEAD>" in files["index.html"]  # the overrides took effect
        assert b"</head>" not in files["404.html"].lower()
    finally:
        serving.stop()


def test_foreign_hosts_and_origins_are_refused(server: ServeProcess) -> None:
    """DNS rebinding (a foreign Host), foreign WebSocket Origins, cross-site /forcereload."""
    own = f"127.0.0.1:{server.port}"
    assert server.get("/", {"Host": f"evil.example:{server.port}"})[0] == 403
    assert server.get("/livereload.js", {"Host": f"evil.example:{server.port}"})[0] == 403
    assert server.get("/", {"Host": f"localhost:{server.port}"})[0] == 200
    assert server.get("/forcereload", {"Origin": "http://evil.example"})[0] == 403
    assert server.get("/forcereload", {"Sec-Fetch-Site": "cross-site"})[0] == 403
    assert server.get("/forcereload", {"Origin": f"http://{own}"}) == (200, b"ok")

    upgrade = {
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    }
    assert server.get("/livereload", {**upgrade, "Origin": "http://evil.example"})[0] == 403
    assert server.get("/livereload", {**upgrade, "Origin": f"http://localhost:{server.port + 1}"})[0] == 403
    with socket.create_connection(("127.0.0.1", server.port), timeout=WAIT_SECONDS) as connection:
        request = "".join(
            f"{name}: {value}\r\n"
            for name, value in {**upgrade, "Host": own, "Origin": f"http://{own}"}.items()
        )
        connection.sendall(f"GET /livereload HTTP/1.1\r\n{request}\r\n".encode())
        assert connection.recv(4096).startswith(b"HTTP/1.1 101")


class RawWebSocket:
    """A minimal RFC 6455 client on a plain socket, so a test can send what no browser would."""

    def __init__(self, port: int, headers: dict[str, str] | None = None) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=WAIT_SECONDS)
        self.buffer = b""
        sent = {
            "Host": f"127.0.0.1:{port}",
            "Origin": f"http://127.0.0.1:{port}",
            "Connection": "Upgrade",
            "Upgrade": "websocket",
            "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode(),
            **(headers or {}),
        }
        request = "".join(f"{name}: {value}\r\n" for name, value in sent.items())
        self.sock.sendall(f"GET /livereload HTTP/1.1\r\n{request}\r\n".encode("latin-1"))
        response = self._read_until(b"\r\n\r\n")
        assert response.startswith(b"HTTP/1.1 101"), response

    def _read_exactly(self, count: int) -> bytes:
        while len(self.buffer) < count:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("the server closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def _read_until(self, end: bytes) -> bytes:
        while end not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("the server closed the connection")
            self.buffer += chunk
        head, _, self.buffer = self.buffer.partition(end)
        return head

    def send(self, payload: bytes | str, opcode: int | None = None) -> None:
        """One masked, final frame: text for str, binary for bytes, unless opcode says otherwise."""
        data = payload.encode() if isinstance(payload, str) else payload
        if opcode is None:
            opcode = 0x1 if isinstance(payload, str) else 0x2
        length = len(data)
        if length < 126:
            header = struct.pack("!BB", 0x80 | opcode, 0x80 | length)
        elif length < 1 << 16:
            header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, length)
        else:
            header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, length)
        mask = os.urandom(4)
        key = (mask * (length // 4 + 1))[:length]
        masked = (int.from_bytes(data, "big") ^ int.from_bytes(key, "big")).to_bytes(length, "big")
        self.sock.sendall(header + mask + masked)

    def receive(self) -> tuple[int, bytes]:
        """(opcode, payload) of the next frame from the server; EOFError once it closed."""
        first, second = self._read_exactly(2)
        length = second & 0x7F
        if length == 126:
            (length,) = struct.unpack("!H", self._read_exactly(2))
        elif length == 127:
            (length,) = struct.unpack("!Q", self._read_exactly(8))
        return first & 0x0F, self._read_exactly(length)

    def receive_json(self) -> object:
        """The next text message, decoded."""
        opcode, payload = self.receive()
        assert opcode == 0x1, (opcode, payload[:200])
        return json.loads(payload)

    def close(self) -> None:
        """Drop the connection."""
        self.sock.close()


HELLO = json.dumps(
    {
        "command": "hello",
        "protocols": [
            "http://livereload.com/protocols/official-6",
            "http://livereload.com/protocols/official-7",
        ],
    }
)
MALFORMED_MESSAGES: list[str | bytes] = [
    "garbage",
    "",
    "null",
    "[]",
    "{}",
    '"string"',
    "123",
    "1e999",
    "NaN",
    "true",
    '{"command": null}',
    '{"command": 7}',
    '{"command": ["hello"]}',
    '{"command": {"a": 1}}',
    '{"command": "hello"}',
    '{"command": "hello", "protocols": "official-7"}',
    '{"command": "hello", "protocols": [7, null]}',
    '{"command": "info"}',
    '{"command": "info", "url": 7}',
    '{"command": "info", "url": null}',
    '{"command": "reload", "path": "*"}',
    '{"command": "hello"} trailing',
    '{"command": "\\ud800"}',
    '{"command": "hello", "protocols": [' * 50_000,
    "[" * 1_000_000,
    "x" * (8 << 20),
    '{"command": "' + "a" * (8 << 20) + '"}',
    b"\xff\xfe\x00garbage",
    b"\x80" * 1000,
    HELLO.encode(),
    b"",
]


def test_malformed_live_reload_messages_are_ignored_quietly(project: Path) -> None:
    """Garbage, wrong JSON types, missing fields, huge and binary messages on the live-reload
    socket: no traceback, the socket stays open and still gets the next reload."""
    serving = ServeProcess(project)
    try:
        listener = RawWebSocket(serving.port)
        listener.send(HELLO)
        assert listener.receive_json() == {
            "command": "hello",
            "protocols": ["http://livereload.com/protocols/official-7"],
            "serverName": "livereload-tornado",
        }
        for message in MALFORMED_MESSAGES:
            listener.send(message)
        listener.send(json.dumps({"command": "info", "plugins": {}, "url": serving.url}))
        for message in MALFORMED_MESSAGES:
            listener.send(message)
        # The server answers in order: a hello reply next means every message above was read,
        # none was answered, and the socket is still open.
        listener.send(HELLO)
        assert listener.receive_json() == {
            "command": "hello",
            "protocols": ["http://livereload.com/protocols/official-7"],
            "serverName": "livereload-tornado",
        }

        # Text that is not UTF-8 fails the connection (RFC 6455 8.1; tornado does it), quietly.
        broken = RawWebSocket(serving.port)
        broken.send(b"\xff\xfe{}", opcode=0x1)
        with pytest.raises(EOFError):
            broken.receive()
        broken.close()

        # Over tornado's 10 MiB limit: "message too big" (1009) as soon as the length is read.
        oversized = RawWebSocket(serving.port)
        oversized.sock.sendall(struct.pack("!BBQ", 0x81, 0xFF, (10 << 20) + 1) + os.urandom(4))
        opcode, payload = oversized.receive()
        assert (opcode, payload[:2]) == (0x8, struct.pack("!H", 1009))
        oversized.close()

        write_files(project, {"content/people/ada.md": ADA.replace("Ada lives in", "Ada reloads in")})
        assert listener.receive_json() == {"command": "reload", "path": "*", "liveCSS": True, "liveImg": True}
        assert serving.get("/people/ada/")[0] == 200
        listener.close()
    finally:
        code, stderr = serving.stop()
    assert code == 0
    assert stderr == ""


def test_malformed_requests_are_answered_without_a_traceback(project: Path) -> None:
    """The other client input serve parses: a Host or Origin urlsplit rejects, a path too long
    for the file system, a generation cookie int() rejects. An answer, no traceback."""
    serving = ServeProcess(project)
    upgrade = {
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    }
    hello_reply = {
        "command": "hello",
        "protocols": ["http://livereload.com/protocols/official-7"],
        "serverName": "livereload-tornado",
    }
    try:
        for host in ("[::1", f"a]:{serving.port}", f"[127.0.0.1:{serving.port}"):
            assert serving.get("/", {"Host": host})[0] == 403, host
        assert serving.get("/forcereload", {"Origin": "http://["})[0] == 403
        assert serving.get("/livereload", {**upgrade, "Origin": "http://["})[0] == 403
        assert serving.get("/livereload", {**upgrade, "Origin": "http://x]"})[0] == 403
        assert serving.get("/" + "a" * 300 + "/")[0] == 404
        assert serving.get("/" + "a/" * 3000)[0] == 404
        for shown in ("\u00b2", "9" * 5000, "-1", "1.5"):
            listener = RawWebSocket(serving.port, {"Cookie": f"{generation_cookie(serving.port)}={shown}"})
            listener.send(HELLO)
            assert listener.receive_json() == hello_reply
            listener.send(json.dumps({"command": "info", "plugins": {}, "url": serving.url}))
            listener.send(HELLO)  # answered, not dropped; and no catch-up reload came first
            assert listener.receive_json() == hello_reply, shown
            listener.close()
        assert serving.get("/people/ada/")[0] == 200
    finally:
        code, stderr = serving.stop()
    assert code == 0
    assert "Traceback" not in stderr and "Uncaught exception" not in stderr, stderr[:3000]


@pytest.mark.parametrize("message", MALFORMED_MESSAGES)
def test_parse_message_refuses_malformed(message: str | bytes) -> None:
    """Anything but a JSON object with a command livereload.js sends, as it sends it, is None."""
    assert parse_message(message) is None


@pytest.mark.parametrize(
    "message",
    [
        HELLO,
        '{"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"], "ver": "2"}',
        '{"command": "info", "plugins": {}, "url": "http://127.0.0.1:8000/people/ada/"}',
    ],
)
def test_parse_message_accepts_livereload_js(message: str) -> None:
    """What livereload.js sends reaches livereload's handler unchanged."""
    assert parse_message(message) == message


def test_a_broken_first_build_still_serves_the_errors(project: Path) -> None:
    """Starting on a broken project shows the overlay instead of nothing."""
    write_files(project, {"content/people/ada.md": ADA.replace("role: Negotiator", "role: [Negotiator")})
    serving = ServeProcess(project)
    try:
        assert serving.seen[-1].startswith("first build: build failed with 1 error ")
        status, body = serving.get("/people/ada/")
        assert status in (404, 500)
        assert PageText(body).overlay_items == [
            "content/people/ada.md:4:8: invalid YAML: did not find expected ',' or ']'"
        ]
    finally:
        serving.stop()


def test_drafts_are_previewed_with_a_banner_unless_no_drafts(project: Path) -> None:
    """serve shows what an editor is working on; --no-drafts shows the site as published."""
    write_files(
        project,
        {
            "content/people/bea.md": (
                "---\nname: Bea Quill\nrole: Mayor\nsummary: Not announced yet.\ndraft: true\n---\n"
            )
        },
    )
    serving = ServeProcess(project)
    try:
        status, body = serving.get("/people/bea/")
        assert status == 200
        page = PageText(body)
        assert page.headings == ["Bea Quill"]
        assert "Draft" in " ".join(page.banner)
    finally:
        serving.stop()
    published = ServeProcess(project, "--no-drafts")
    try:
        assert published.get("/people/bea/")[0] == 404
        assert published.get("/people/ada/")[0] == 200
    finally:
        published.stop()


def test_preview_matches_a_clean_build_after_edits(server: ServeProcess, project: Path) -> None:
    """After edits, a rename and a deletion, the preview is byte for byte a clean build."""
    content = project / "content"
    write_files(project, {"content/people/ada.md": ADA.replace("Ada lives in", "Ada works in")})
    write_files(project, {"content/glossary/un.md": "---\nterm: United Nations\ndefinition: A body.\n---\n"})
    (content / "glossary" / "un.md").rename(content / "glossary" / "united-nations.md")
    (content / "figures" / "attendance.md").unlink()
    write_files(project, {"content/places/town.md": SMALL_PROJECT["content/places/town.md"] + "Done.\n"})
    # The last edit on screen means every earlier one was built: batches are built in order.
    wait_until(lambda: b"Done." in server.get("/places/town/")[1])
    clean = project.parent / "clean"
    result = run_main("build", "--root", project, "--out", clean, "--base-url", server.url)
    assert result.returncode == 0, result.stderr
    assert snapshot(server.preview_dir) == snapshot(clean)


def random_edit(project: Path, rng: random.Random, step: int) -> None:
    """One change a writer might make: edit a body, add, rename or delete a term, edit a summary."""
    content = project / "content"
    extras = sorted((content / "glossary").glob("extra-*.md"))
    action = rng.choice(["body", "summary", "add", "rename", "delete"])
    if action == "body":
        path = rng.choice(
            sorted((content / "people").glob("*.md")) + sorted((content / "places").glob("*.md"))
        )
        path.write_text(path.read_text("utf-8") + f"\nStep {step} was here.\n", "utf-8")
    elif action == "summary":
        path = content / "people" / "ada.md"
        path.write_text(path.read_text("utf-8").replace("summary: ", f"summary: ({step}) ", 1), "utf-8")
    elif action == "rename" and extras:
        extras[0].rename(content / "glossary" / f"extra-{step}.md")
    elif action == "delete" and extras:
        extras[-1].unlink()
    else:
        write_files(
            project,
            {
                f"content/glossary/extra-{step}.md": (
                    f"---\nterm: Extra {step}\ndefinition: Added at step {step}.\n---\n"
                )
            },
        )


def test_preview_matches_a_clean_build_after_random_edits(server: ServeProcess, project: Path) -> None:
    """A seeded random sequence of edits, additions, renames and deletions, checked against a
    clean build three times along the way."""
    rng = random.Random(3)
    town = project / "content" / "places" / "town.md"
    for checkpoint in range(3):
        for step in range(checkpoint * 6, checkpoint * 6 + 6):
            random_edit(project, rng, step)
            if rng.random() < 0.5:
                time.sleep(rng.uniform(0.0, 0.3))  # some edits land mid-rebuild, some together
        marker = f"Checkpoint {checkpoint}."
        town.write_text(town.read_text("utf-8") + marker + "\n", "utf-8")
        # Batches are built in order, so the marker on screen means every earlier edit is built.
        wait_until(lambda marker=marker: marker.encode() in server.get("/places/town/")[1])
        clean = project.parent / f"clean-{checkpoint}"
        result = run_main("build", "--root", project, "--out", clean, "--base-url", server.url, "--no-cache")
        assert result.returncode == 0, result.stderr
        assert snapshot(server.preview_dir) == snapshot(clean), f"checkpoint {checkpoint}"


def test_ctrl_c_stops_cleanly(project: Path) -> None:
    """No traceback, exit 0, port released, temp folder gone."""
    serving = ServeProcess(project)
    assert serving.temp_dir.is_dir()
    code, stderr = serving.stop()
    assert code == 0
    assert "Traceback" not in stderr
    assert not serving.temp_dir.exists()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", serving.port))


@pytest.mark.parametrize(
    ("raw_path", "expected"),
    [
        ("/", "index.html"),
        ("/people/ada/", "people/ada/index.html"),
        ("/people/ada/index.html", "people/ada/index.html"),
        ("/no/such/", None),
        ("/" + "a" * 300 + "/", None),
        ("/a" * 3000, None),
    ],
)
def test_find_file(tmp_path: Path, raw_path: str, expected: str | None) -> None:
    """URL paths map onto the preview folder's files."""
    write_files(tmp_path, {"index.html": "home", "people/ada/index.html": "ada"})
    path, _ = find_file(tmp_path, raw_path)
    assert path == (tmp_path / expected if expected else None)


@pytest.mark.parametrize("raw_path", ["/..", "/a/../b", "/%2e%2e/", "/a%2fb", "/a\\b", "/a%00b", "x"])
def test_find_file_refuses_escapes(tmp_path: Path, raw_path: str) -> None:
    """Dot segments and hidden separators are refused before touching the disk."""
    with pytest.raises(BadPath):
        find_file(tmp_path, raw_path)


@pytest.mark.parametrize(
    ("netloc", "bound", "allowed"),
    [
        ("127.0.0.1:8000", "127.0.0.1", True),
        ("localhost:8000", "127.0.0.1", True),
        ("LOCALHOST:8000", "127.0.0.1", True),
        ("127.0.0.1:8001", "127.0.0.1", False),
        ("127.0.0.1", "127.0.0.1", False),
        ("evil.example:8000", "127.0.0.1", False),
        ("192.168.1.5:8000", "127.0.0.1", False),
        ("192.168.1.5:8000", "0.0.0.0", True),
        ("evil.example:8000", "0.0.0.0", False),
        ("127.0.0.1:notaport", "127.0.0.1", False),
    ],
)
def test_is_allowed_host(netloc: str, bound: str, allowed: bool) -> None:
    """Only the bound address or localhost, on our port."""
    assert is_allowed_host(netloc, bound, 8000) is allowed


@pytest.mark.parametrize(
    "page",
    [
        b"<!doctype html><html><head><title>x</title></head><body><p>x</p></body></html>",
        b"<!DOCTYPE html><HTML><HEAD><TITLE>x</TITLE></HEAD><BODY><P>x</P></BODY></HTML>",
        b"<!doctype html><title>x</title><p>x</p>",
    ],
)
def test_inject_script_and_overlay(page: bytes) -> None:
    """Any HTML page gets exactly one script, and the overlay lists each error, escaped."""
    parsed = PageText(inject(page, 8000, ["content/a.md:1:1: bad <tag>"]))
    assert parsed.scripts == ["/livereload.js?port=8000"]
    assert parsed.overlay_items == ["content/a.md:1:1: bad <tag>"]


def test_existed_before_knows_a_path_added_in_the_batch(tmp_path: Path) -> None:
    changes = {
        (Change.added, str(tmp_path / "content/people/sedAbC123")),
        (Change.deleted, str(tmp_path / "content/people/sedAbC123")),
        (Change.modified, str(tmp_path / "content/people/ada.md")),
        (Change.deleted, str(tmp_path / "content/figures/attendance.md")),
    }
    assert existed_before(tmp_path, changes) == {
        "content/people/sedAbC123": False,
        "content/people/ada.md": True,
        "content/figures/attendance.md": True,
    }


def test_the_nearest_not_found_page_answers(tmp_path: Path) -> None:
    """A missing address in a language's folder gets that language's 404.html; elsewhere, the
    root's; nothing before a first good build."""
    out = tmp_path / "preview"
    assert nearest_not_found(out, "/fr/x/") is None
    write_files(out, {"404.html": "root", "fr/404.html": "fr", "fr/people/anna/index.html": "anna"})
    deep = "/fr/" + "a/" * 3000  # one look per folder that exists, not one per segment
    paths = ("/fr/no/such/", "/fr/", "/fr", "/fra/x", "/x/y", deep)
    found = {path: nearest_not_found(out, path) for path in paths}
    assert found == {
        deep: (out / "fr/404.html").resolve(),
        "/fr/no/such/": (out / "fr/404.html").resolve(),
        "/fr/": (out / "fr/404.html").resolve(),
        "/fr": (out / "fr/404.html").resolve(),
        "/fra/x": (out / "404.html").resolve(),
        "/x/y": (out / "404.html").resolve(),
    }


def test_a_missing_page_of_a_language_gets_its_404_page(tmp_path: Path) -> None:
    """serve answers a missing /fr/... address with the French 404 page, as hosts do."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "tests/fixtures/languages-en-fr", root)
    server = ServeProcess(root)
    try:
        status, body = server.get("/fr/personnes/nobody/")
        assert (status, PageText(body).headings) == (404, ["Page introuvable"])
        status, body = server.get("/people/nobody/")
        assert (status, PageText(body).headings) == (404, ["Page not found"])
    finally:
        server.stop()


class Cycle:
    """An object that refers to itself: freed only by a garbage collection, never by refcount."""

    def __init__(self) -> None:
        self.itself = self


def test_serve_frees_a_frozen_cycle_at_its_full_collection(tmp_path: Path) -> None:
    """serve freezes what each build leaves in memory (gc.freeze), so later collections do not
    walk it again; a cycle so frozen that becomes garbage is freed by the full collection that
    serve makes every `full_collection_every` builds, so a long session cannot pile them up."""
    import gc
    import weakref

    from site_builder.serve.preview import Preview

    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    preview = Preview(root, tmp_path / "preview", "http://127.0.0.1:8000/")
    preview.full_collection_every = 3
    cycle = Cycle()
    alive = weakref.ref(cycle)
    try:
        preview.rebuild([])  # frozen with what the build left
        del cycle
        preview.rebuild([])
        gc.collect()
        assert alive() is not None, "frozen: no ordinary collection sees it"
        preview.rebuild([])  # the third build: a full collection
        assert alive() is None
    finally:
        gc.unfreeze()


def memo_parts(root: Path) -> dict[str, bytes]:
    """The build cache's parts on disk (table-shard.pickle -> bytes)."""
    folder = root / ".site-builder-cache" / "memo"
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.pickle"))}


def test_serve_writes_the_build_cache_after_the_reload(tmp_path: Path) -> None:
    """On serve's event loop a rebuild leaves the build cache's files for later, so the reload
    goes out first; write_cache (a second later, or as serve stops) then writes what the
    builds since made: the same parts, table for table, as writing after every build."""
    import asyncio
    import gc

    from site_builder.cache import BuildCache
    from site_builder.serve.preview import Preview

    edited = ADA.replace("Ada lives in", "Ada works in")
    roots = [write_files(tmp_path / name, dict(SMALL_PROJECT)) for name in ("served", "twin")]
    loop = asyncio.new_event_loop()  # not run: what it would write a second later stays there
    try:
        preview = Preview(roots[0], tmp_path / "served-preview", "http://127.0.0.1:8000/")
        preview.loop = loop
        preview.rebuild([])
        write_files(roots[0], {"content/people/ada.md": edited})
        preview.rebuild(["content/people/ada.md"])
        assert memo_parts(roots[0]) == {}, "nothing written before the reload"
        preview.write_cache()
        twin = Preview(roots[1], tmp_path / "twin-preview", "http://127.0.0.1:8000/")  # no loop: at once
        twin.rebuild([])
        write_files(roots[1], {"content/people/ada.md": edited})
        twin.rebuild(["content/people/ada.md"])
    finally:
        loop.close()
        gc.unfreeze()
    by_folder = ("outputs-", "pages-")  # keyed by the output folder, which differs: its own parts
    served, written = (
        {name for name in memo_parts(root) if not name.startswith(by_folder)} for root in roots
    )
    assert served == written and served
    for table in {name.rpartition("-")[0] for name in served}:
        assert BuildCache(roots[0] / ".site-builder-cache").stored(table).keys() == (
            BuildCache(roots[1] / ".site-builder-cache").stored(table).keys()
        ), table


PREVIEW_URL = "http://127.0.0.1:8000/"
TALKS, SITE_YAML = "content/events/talks.md", "content/site.yaml"
BO = "---\nname: Bo Ek\nrole: Mediator\nsummary: Mediated.\n---\n"


def preview_of(root: Path, out: Path) -> Preview:
    """A Preview of root built once, as serve starts (no watcher, no server)."""
    preview = Preview(root, out, PREVIEW_URL)
    preview.rebuild([])
    return preview


def assert_preview_is_clean_build(preview: Preview, clean: Path) -> None:
    """The preview folder is byte for byte what a clean build of the same project writes."""
    assert not preview.errors, preview.errors
    result = run_main(
        "build", "--root", preview.root, "--out", clean, "--base-url", PREVIEW_URL, "--no-cache"
    )
    assert result.returncode == 0, result.stderr
    assert snapshot(preview.out_dir) == snapshot(clean)


INCREMENTAL_EDITS: list[dict[str, str]] = [
    # a body edit that mentions another item, then one that no longer does
    {"content/people/ada.md": ADA + "The National Resistance Front met in the hall.\n"},
    {"content/people/ada.md": ADA + "Nobody met in the hall.\n"},
    # an alias added to a term, and a mention of it elsewhere
    {
        "content/glossary/nrf.md": (
            "---\nterm: National Resistance Front\nabbr: NRF\naliases: [the resistance]\n"
            "definition: An armed group.\n---\n"
        ),
        "content/places/town.md": SMALL_PROJECT["content/places/town.md"] + "Home of the resistance.\n",
    },
    # a name changed: the text of every [[link]] to it, the lists, the mentions
    {"content/places/town.md": SMALL_PROJECT["content/places/town.md"].replace("The Town", "Old Town")},
    # an event's date: the timeline's order
    {TALKS: SMALL_PROJECT[TALKS].replace("2021-09-02", "2020-01-05")},
    # site.yaml
    {SITE_YAML: SMALL_PROJECT[SITE_YAML].replace("A tiny explainer", "A small explainer")},
    # a template of the project's own
    {"templates/person.html": (REPO / "templates" / "person.html").read_text("utf-8") + "<!-- edited -->\n"},
    # a new item that names an existing one, and a quote changed
    {
        "content/people/bo.md": BO + "Bo met [[ada]].\n",
        "content/figures/attendance.md": SMALL_PROJECT["content/figures/attendance.md"].replace(
            "More than 300 people came", "300 people came"
        ),
    },
]


def test_preview_matches_a_clean_build_after_each_kind_of_edit(tmp_path: Path) -> None:
    """What serve keeps from one build to the next (the content read, the items' bodies and
    links, the plans' digests) is what a clean build makes, after each kind of edit: a mention
    added and removed, an alias, a name shown elsewhere, an event's date, site.yaml, a
    template, a new item and a changed quote; each reported as the watcher reports it."""
    import gc

    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    try:
        preview = preview_of(root, tmp_path / "preview")
        for step, files in enumerate(INCREMENTAL_EDITS):
            write_files(root, files)
            preview.rebuild(sorted(files))
            assert_preview_is_clean_build(preview, tmp_path / f"clean-{step}")
    finally:
        gc.unfreeze()


def test_a_rebuild_reads_again_only_the_files_the_watcher_reported(tmp_path: Path) -> None:
    """serve trusts its watcher: a rebuild after a save reads that file again, not the stat of
    every other. A change it did not report (made before serve started watching, say) shows
    once a rebuild must read every file's stat: a file added, removed or renamed."""
    import gc

    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    try:
        preview = preview_of(root, tmp_path / "preview")
        town = SMALL_PROJECT["content/places/town.md"]
        write_files(root, {"content/places/town.md": town + "Unreported.\n"})
        write_files(root, {"content/people/ada.md": ADA + "Reported.\n"})
        preview.rebuild(["content/people/ada.md"])
        assert b"Reported." in (preview.out_dir / "people" / "ada" / "index.html").read_bytes()
        assert b"Unreported." not in (preview.out_dir / "places" / "town" / "index.html").read_bytes()
        write_files(root, {"content/people/bo.md": BO})
        preview.rebuild(["content/people/bo.md"])
        assert_preview_is_clean_build(preview, tmp_path / "clean")
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("link", ["symbolic", "hard"])
def test_a_content_file_saved_through_a_link_is_seen(tmp_path: Path, link: str) -> None:
    """A content file that is a link to a file the watcher does not report (here outside
    content/) changes when that file is saved: with such a file in the project, every
    rebuild reads every file's stat, so a save of any file shows the change too."""
    import gc

    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    kept = write_files(root, {"notes/ada.md": ADA}) / "notes" / "ada.md"
    (root / "content" / "people" / "ada.md").unlink()
    if link == "symbolic":
        (root / "content" / "people" / "ada.md").symlink_to(Path("..") / ".." / "notes" / "ada.md")
    else:
        os.link(kept, root / "content" / "people" / "ada.md")
    try:
        preview = preview_of(root, tmp_path / "preview")
        with kept.open("r+", encoding="utf-8") as file:  # in place: the same inode
            file.write(ADA.replace("Ada lives in", "Ada works in"))
        write_files(root, {"content/places/town.md": SMALL_PROJECT["content/places/town.md"] + "Saved.\n"})
        preview.rebuild(["content/places/town.md"])
        assert b"Ada works in" in (preview.out_dir / "people" / "ada" / "index.html").read_bytes()
        assert_preview_is_clean_build(preview, tmp_path / "clean")
    finally:
        gc.unfreeze()
