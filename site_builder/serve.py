"""Live preview: build into a folder of its own, serve it, rebuild and reload on every save.

Everything livereload stays in here. We use livereload's Server, its WebSocket protocol, its
LiveReloadHandler and its livereload.js; we replace what 2.7.1 gets wrong for us (each place says
why): its polling watcher, its 3 s reload window, its class-level state, its permissive Origin,
Host and /forcereload handling, its script injection and its static file handler.
"""

from __future__ import annotations

import asyncio
import html
import ipaddress
import mimetypes
import re
import shutil
import signal
import socket
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from livereload import Server
from livereload.handlers import ForceReloadHandler, LiveReloadHandler, LiveReloadJSHandler
from livereload.watcher import Watcher
from tornado import netutil, web
from tornado.httpserver import HTTPServer
from watchfiles import Change, DefaultFilter, awatch

from .build import build
from .errors import BuildFailed, SiteError, UsageError

QUIET_MS = 50
"""A rebuild starts once the watched folders were quiet this long: one save storm, one build."""
OVERLAY_CSS_URL = "/__site-builder__/overlay.css"
WATCHED_FOLDERS = ("content", "templates")
OVERLAY_CSS = b"""#site-builder-build-errors{position:fixed;inset:0;z-index:2147483647;overflow:auto;
margin:0;padding:2rem;background:#1d1f21;color:#f8f8f2;font:16px/1.5 system-ui,sans-serif}
#site-builder-build-errors h2{margin:0 0 1rem;color:#ff6b6b;font-size:1.5rem}
#site-builder-build-errors ol{padding-left:1.5rem}
#site-builder-build-errors li{margin:.5rem 0;white-space:pre-wrap;
font:15px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace}
"""
HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
BODY_START = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
EDITOR_TEMP = re.compile(r"^\.|~$|^#.*#$|^4913$")
"""Names the build ignores (dot files, backups) or editors write beside a file as they save it
(Emacs autosave `#x#`, Vim's `4913` write test): never a reason to rebuild."""


class BadPath(Exception):
    """A request path that tries to leave the preview folder or hides a separator."""


class Preview:
    """The preview folder and what the last build said about it; one per `serve`."""

    def __init__(self, root: Path, out_dir: Path, base_url: str) -> None:
        self.root = root
        self.out_dir = out_dir
        self.overrides = {"base_url": base_url}
        self.errors: tuple[str, ...] = ()
        """The last build's errors, `path:line:column: message`; () when it succeeded."""
        self._files: dict[str, bytes] = {}
        """Output path -> bytes of the last good build, to tell what a rebuild changed."""
        self.generation = 0
        """Counts the rebuilds that changed what a browser shows."""

    def rebuild(self, changed: list[str]) -> str | None:
        """Build once, print one line; the path for livereload to reload, None if nothing moved."""
        reload_path = self._build(changed)
        if reload_path is not None:
            self.generation += 1
        return reload_path

    def _build(self, changed: list[str]) -> str | None:
        started = time.perf_counter()
        had_errors = bool(self.errors)
        what = describe_changes(changed)
        try:
            result = build(self.root, self.out_dir, self.overrides)
        except BuildFailed as failure:
            self.errors = tuple(str(error) for error in failure.errors)
        except (SiteError, UsageError) as error:
            self.errors = (str(error),)
        except Exception as bug:  # a bug must not stop the preview; the traceback still shows
            traceback.print_exc()
            self.errors = (f"site-builder crashed ({type(bug).__name__}: {bug}); see the terminal",)
        else:
            self.errors = ()
            changed_outputs = sorted(
                path for path, data in result.files.items() if self._files.get(path) != data
            )
            self._files = result.files
            pages = sum(path.endswith(".html") for path in changed_outputs)
            seconds = time.perf_counter() - started
            print(f"{what}: {pages} page{'s' * (pages != 1)} written, "
                  f"{len(changed_outputs)} files changed, {seconds:.2f} s", flush=True)
            if not changed_outputs:
                return "*" if had_errors else None
            if all(path.endswith(".css") for path in changed_outputs):
                return changed_outputs[0]  # livereload.js swaps a stylesheet without reloading
            return "*"
        seconds = time.perf_counter() - started
        count = len(self.errors)
        print(f"{what}: build failed with {count} error{'s' * (count != 1)} "
              f"(shown in the browser), {seconds:.2f} s", flush=True)
        print("\n".join(self.errors), file=sys.stderr, flush=True)
        return "*"


def describe_changes(changed: list[str]) -> str:
    """'content/x.md changed', 'content/x.md and 2 more changed', or 'first build'."""
    if not changed:
        return "first build"
    more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
    return f"{changed[0]}{more} changed"


def inject(page: bytes, port: int, errors: Iterable[str]) -> bytes:
    """Add the livereload script (and the error overlay) to any HTML page, however it is written.

    livereload 2.7.1 injects only before a lower-case `</head>` in the first chunk, and as an
    inline script, which the pages' CSP (`script-src 'self'`) blocks; ours is a same-origin
    `src`, put before `</head>` in any case, or at the end when a page has none.
    """
    errors = list(errors)
    head = f'<script src="/livereload.js?port={port}"></script>'.encode()
    if errors:
        head += f'<link rel="stylesheet" href="{OVERLAY_CSS_URL}">'.encode()
    match = HEAD_END.search(page)
    page = page[:match.start()] + head + page[match.start():] if match else page + head
    if not errors:
        return page
    overlay = render_overlay(errors)
    body = BODY_START.search(page)
    return page[:body.end()] + overlay + page[body.end():] if body else page + overlay


def render_overlay(errors: list[str]) -> bytes:
    """Every error of the failed build, covering the stale page until a build succeeds."""
    count = len(errors)
    items = "".join(f"<li>{html.escape(error)}</li>" for error in errors)
    return (
        f'<div id="site-builder-build-errors" role="alert"><h2>Build failed: {count} '
        f'error{"s" * (count != 1)}</h2><ol>{items}</ol><p>Fix the file and save: this page '
        "reloads by itself.</p></div>"
    ).encode()


def find_file(out_dir: Path, raw_path: str) -> tuple[Path | None, bool]:
    """(the file a raw, still percent-encoded URL path names inside out_dir or None, whether
    the path names a folder without its trailing slash).

    Raises BadPath for anything that could step outside: dot segments, encoded separators,
    backslashes, NUL. Symlinks are followed, then the result must still be inside out_dir.
    """
    lowered = raw_path.lower()
    if not raw_path.startswith("/") or any(bad in lowered for bad in ("\\", "%5c", "%2f", "%00")):
        raise BadPath(raw_path)
    segments = unquote(raw_path).split("/")
    if any(segment in (".", "..") or "\0" in segment for segment in segments):
        raise BadPath(raw_path)
    if any(segment.startswith(".") for segment in segments):
        return None, False  # the build's manifest and other dot files are not part of the site
    base = out_dir.resolve()
    path = base.joinpath(*(segment for segment in segments if segment)).resolve()
    is_folder = path.is_dir()
    if is_folder:
        path = (path / "index.html").resolve()
    if not path.is_relative_to(base) or not path.is_file():
        return None, False
    return path, is_folder and not raw_path.endswith("/")


def is_allowed_host(netloc: str, bound_host: str, port: int) -> bool:
    """Host header or Origin authority we answer: the bound address or localhost, our port.

    A DNS-rebinding page reaches us under its own host name, so any other name is refused.
    When bound to every interface, IP literals are fine too: rebinding needs a name.
    """
    parsed = urlsplit(f"//{netloc}")
    try:
        netloc_port = parsed.port or 80
    except ValueError:
        return False
    name = (parsed.hostname or "").lower()
    if netloc_port != port:
        return False
    if name in (bound_host.lower().strip("[]"), "localhost"):
        return True
    if bound_host in ("0.0.0.0", "::"):
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True
    return False


def is_loopback(host: str) -> bool:
    """Whether binding host keeps the preview on this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class GuardedHandler(web.RequestHandler):
    """Refuses requests whose Host is not ours (livereload 2.7.1 accepts any)."""

    bound_host = "127.0.0.1"
    port = 0

    def prepare(self) -> None:
        """Runs before every method, WebSocket upgrade included."""
        if not is_allowed_host(self.request.host, self.bound_host, self.port):
            raise web.HTTPError(403, "unexpected Host header")

    def is_same_origin(self) -> bool:
        """Whether the browser says this request comes from one of our own pages."""
        origin = self.request.headers.get("Origin")
        if origin is not None:
            parsed = urlsplit(origin)
            if parsed.scheme != "http" or not is_allowed_host(parsed.netloc, self.bound_host, self.port):
                return False
        return self.request.headers.get("Sec-Fetch-Site", "same-origin") in ("same-origin", "none")


class PreviewWatcher(Watcher):
    """livereload's Watcher interface on watchfiles (inotify): 2.7.1 polls every 0.8 s without
    pyinotify, which alone would blow the latency budget."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root.resolve()
        self.stop_event = asyncio.Event()
        self._pending: set[str] = set()
        self._ignored = DefaultFilter()  # editor temporaries: .#x, x~, .x.swp, ...
        self._task: asyncio.Task[None] | None = None

    def is_source(self, change: Change, path: str) -> bool:
        """Only content/ and templates/ feed the build; editor temp files never do."""
        relative = Path(path).relative_to(self.root)
        if not self._ignored(change, path) or EDITOR_TEMP.search(relative.name):
            return False
        return bool(relative.parts) and relative.parts[0] in WATCHED_FOLDERS

    def start(self, callback: Callable[[], None]) -> bool:
        """Watch in the running loop; True tells livereload not to start its own polling."""
        self._task = asyncio.get_running_loop().create_task(self._watch(callback))
        return True

    async def _watch(self, callback: Callable[[], None]) -> None:
        # Changes arriving while a build runs wait in watchfiles' buffer and make one next build.
        async for changes in awatch(self.root, watch_filter=self.is_source, step=QUIET_MS,
                                    stop_event=self.stop_event):
            self._pending.update(Path(path).relative_to(self.root).as_posix() for _, path in changes)
            callback()

    async def stop(self) -> None:
        """End the watch and wait for its thread, so no build starts after this."""
        self.stop_event.set()
        if self._task is not None:
            await self._task

    def examine(self) -> tuple[str | None, None]:
        """Run the watch tasks on what changed; (path for livereload to reload, no delay)."""
        changed, self._pending = sorted(self._pending), set()
        self.filepath = None
        if changed:
            for task in self._tasks.values():
                self.filepath = task["func"](changed)
        return self.filepath, None


class PreviewServer(Server):
    """livereload's Server, with its handlers made safe and its state kept per server."""

    def __init__(self, preview: Preview, watcher: PreviewWatcher) -> None:
        super().__init__(watcher=watcher)
        self.preview = preview
        self.watch(str(watcher.root), preview.rebuild)

    def application(self, port: int, host: str, liveport: Any = None, debug: Any = None,
                    live_css: bool = True) -> web.Application:
        """Our handler set; unlike Server.application it returns the app instead of listening."""
        guard = {"bound_host": host, "port": port, "preview": self.preview}
        # livereload keeps waiters, watcher and _last_reload_time on the LiveReloadHandler class,
        # so a second Server in one process never watches; a subclass per server holds its own.
        reload_handler = type("ReloadHandler", (GuardedHandler, PreviewReloadHandler), {
            **guard, "waiters": set(), "watcher": self.watcher, "live_css": live_css,
            "_last_reload_time": None,
        })
        force_handler = type("ForceHandler", (GuardedForceReloadHandler,),
                             {**guard, "reload_handler": reload_handler})
        js_handler = type("JSHandler", (GuardedHandler, LiveReloadJSHandler), guard)
        file_handler = type("FileHandler", (PreviewFileHandler,), guard)
        self.reload_handler = reload_handler
        return web.Application([
            (r"/livereload", reload_handler),
            (r"/forcereload", force_handler),
            (r"/livereload\.js", js_handler),
            (r".*", file_handler),
        ])

    async def run(self, sockets: list[socket.socket], host: str, port: int) -> None:
        """Serve until SIGINT or SIGTERM, then close sockets, connections and the watcher.

        Replaces Server.serve, which starts the shared base handler's tasks and lets Ctrl-C
        unwind through the IOLoop without closing anything.
        """
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        http_server = HTTPServer(self.application(port, host))
        http_server.add_sockets(sockets)
        self.reload_handler.start_tasks()
        # Watch first, then build, so a save made during the first build is not lost. One turn
        # of the loop runs the watch task up to its first wait, by which time watchfiles has
        # set up its inotify watches.
        await asyncio.sleep(0)
        self.preview.rebuild([])
        await stop.wait()
        http_server.stop()
        for waiter in list(self.reload_handler.waiters):
            waiter.close()
        await self.watcher.stop()
        await http_server.close_all_connections()


class PreviewReloadHandler(LiveReloadHandler):
    """livereload's WebSocket protocol, minus its Origin check (it accepts any) and 3 s window."""

    bound_host = "127.0.0.1"
    port = 0
    preview: Preview

    def check_origin(self, origin: str) -> bool:
        """Only our own pages may listen: a foreign page must not learn when we rebuild."""
        parsed = urlsplit(origin)
        return parsed.scheme == "http" and is_allowed_host(parsed.netloc, self.bound_host, self.port)

    def on_message(self, message: str | bytes) -> None:
        """livereload's handshake, then catch up a page that missed a reload while loading."""
        super().on_message(message)
        if self not in LiveReloadHandler.waiters:
            return
        # The base class registers the socket on LiveReloadHandler itself; we use our class.
        LiveReloadHandler.waiters.discard(self)
        type(self).waiters.add(self)
        # A reload sent while this page was loading reached no socket: the page's generation
        # cookie (set with its HTML) tells whether it is older than the last build.
        shown = self.get_cookie(generation_cookie(self.port), "")
        if shown.isdigit() and int(shown) < self.preview.generation:
            self.send_message({"command": "reload", "path": "*", "liveCSS": False, "liveImg": False})

    def on_close(self) -> None:
        """Forget the socket (on our class, see on_message)."""
        type(self).waiters.discard(self)

    @classmethod
    def poll_tasks(cls) -> None:
        """Build, then reload every page.

        livereload skips the reload when a change comes within 3 s of the last reload
        (_last_reload_time), so a second quick save left a stale page; we always reload.
        """
        reload_path, _delay = cls.watcher.examine()
        if reload_path:
            cls.reload_waiters(reload_path)


class GuardedForceReloadHandler(GuardedHandler, ForceReloadHandler):
    """/forcereload for our own pages only: 2.7.1 lets any site trigger it with an <img>."""

    reload_handler: type[LiveReloadHandler] = LiveReloadHandler

    def get(self) -> None:
        """Reload our waiters (the base handler reloads LiveReloadHandler's, not ours)."""
        if not self.is_same_origin():
            raise web.HTTPError(403, "cross-origin reload")
        self.reload_handler.reload_waiters(self.get_argument("path", default=None) or "*")
        self.write("ok")


class PreviewFileHandler(GuardedHandler):
    """Serves the preview folder and nothing else; every HTML page gets the reload script."""

    preview: Preview

    def head(self) -> None:
        """Same as GET; tornado drops the body."""
        self.get()

    def get(self) -> None:
        """A file of the preview, the overlay stylesheet, or the site's own 404 page."""
        if self.request.path == OVERLAY_CSS_URL:
            self.send(OVERLAY_CSS, "text/css; charset=utf-8")
            return
        try:
            path, needs_slash = find_file(self.preview.out_dir, self.request.path)
        except BadPath:
            self.set_status(400)
            self.send(b"bad path\n", "text/plain; charset=utf-8")
            return
        if needs_slash:  # rebuilt from segments: a raw '//host' must not redirect off-site
            segments = [segment for segment in unquote(self.request.path).split("/") if segment]
            self.redirect("/" + "/".join(segments) + "/")
            return
        if path is None:
            self.set_status(404)
            path, _ = find_file(self.preview.out_dir, "/404.html")
        if path is None:  # no good build yet: nothing to show but the errors
            page = b"<!doctype html><html><head><title>Build failed</title></head><body></body></html>"
            self.send(inject(page, self.port, self.preview.errors), "text/html; charset=utf-8")
            return
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        data = path.read_bytes()
        if content_type == "text/html":
            data = inject(data, self.port, self.preview.errors)
            self.set_cookie(generation_cookie(self.port), str(self.preview.generation),
                            path="/", httponly=True, samesite="Strict")
        if content_type.startswith("text/") or content_type in ("application/javascript",
                                                                 "application/json"):
            content_type += "; charset=utf-8"
        self.send(data, content_type)

    def send(self, data: bytes, content_type: str) -> None:
        """Write a response the browser revalidates each time (tornado's ETag answers 304)."""
        self.set_header("Content-Type", content_type)
        self.set_header("Cache-Control", "no-cache")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.write(data)


def generation_cookie(port: int) -> str:
    """Cookie naming the build a page came from; per port, as cookies ignore ports."""
    return f"site_builder_build_{port}"


def open_sockets(host: str, port: int) -> list[socket.socket]:
    """Bind before building, so the printed URL and the pages' base_url carry the real port."""
    try:
        return netutil.bind_sockets(port, host)
    except OSError as error:
        raise UsageError(f"cannot listen on {host}:{port}: {error.strerror} "
                         "(choose another --port)") from error


def serve(root: Path, host: str, port: int) -> int:
    """site-builder serve: preview root on http://host:port/ until Ctrl-C."""
    sockets = open_sockets(host, port)
    port = sockets[0].getsockname()[1]
    url_host = f"[{host}]" if ":" in host else host
    if not is_loopback(host):
        print(f"warning: serving on {host}: anyone who can reach this machine can see the preview",
              file=sys.stderr)
        url_host = "127.0.0.1"
    temp_dir = Path(tempfile.mkdtemp(prefix="site-builder-serve-"))
    try:
        base_url = f"http://{url_host}:{port}/"
        preview = Preview(root, temp_dir / "site", base_url)
        print(f"serving {root.resolve()} on {base_url} (preview built in {temp_dir}); "
              "Ctrl-C stops", flush=True)
        server = PreviewServer(preview, PreviewWatcher(root))
        asyncio.run(server.run(sockets, host, port))
    except KeyboardInterrupt:  # Ctrl-C before the loop took over the signal
        pass
    finally:
        for sock in sockets:
            sock.close()
        shutil.rmtree(temp_dir, ignore_errors=True)
    print("stopped", flush=True)
    return 0
