"""HTTP and WebSocket handlers: livereload's, made safe, and a file handler for the preview only."""

from __future__ import annotations

import errno
import ipaddress
import json
import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tornado import web

from ..urls import NOT_FOUND_URL
from .livereload_adapter import ReloadSocket
from .preview import OVERLAY_CSS, OVERLAY_CSS_URL, Preview, generation_cookie, inject

LIVERELOAD_PROTOCOL = "http://livereload.com/protocols/official-7"
"""The one protocol livereload's handler speaks; livereload.js offers it in its hello."""
GENERATION = re.compile(r"[0-9]{1,18}")
"""A generation cookie as we set it: ASCII digits (str.isdigit also takes '²'), int-sized."""
HASHED_ASSET = re.compile(r"assets/[^/]+\.[0-9a-f]{10}(\.[A-Za-z0-9]+)?")
"""A theme asset named by a hash of its bytes (render.pages.hashed_name): new bytes, new name."""
FOREVER = "public, max-age=31536000, immutable"
"""How hosts serve those (embeds.IMMUTABLE): a reload then asks for the page alone, not for
each stylesheet and script again (a round trip each, some 10 ms, before the page is ready)."""


class BadPath(Exception):
    """A request path that tries to leave the preview folder or hides a separator."""


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
    try:
        is_folder = path.is_dir()
        if is_folder:
            path = (path / "index.html").resolve()
        if not path.is_relative_to(base) or not path.is_file():
            return None, False
    except OSError as error:  # pathlib passes ENAMETOOLONG on; such a name is in no folder
        if error.errno != errno.ENAMETOOLONG:
            raise
        return None, False
    return path, is_folder and not raw_path.endswith("/")


def nearest_not_found(out_dir: Path, raw_path: str) -> Path | None:
    """The not-found page for a missing address, as Cloudflare Pages finds it (and Netlify with
    a rule per language, publishing.md): the 404.html nearest it, in its folder or the one above,
    and so on up to the root's. A language's pages have theirs in its folder (/fr/x/ gets
    fr/404.html, in French); None when even the root has none (no good build yet).

    Walked from the root down, and only through folders that exist: a request for /a/a/a/...
    costs one look, however deep it claims to be."""
    segments = [segment for segment in raw_path.split("/") if segment]
    found = None
    for depth in range(len(segments) + 1):
        if depth:
            try:
                if not out_dir.joinpath(*(unquote(segment) for segment in segments[:depth])).is_dir():
                    break
            except OSError:  # a name too long for the file system is no folder of ours
                break
        path, _ = find_file(out_dir, "/".join(["", *segments[:depth], ""]) + NOT_FOUND_URL.lstrip("/"))
        found = path or found
    return found


def is_allowed_host(netloc: str, bound_host: str, port: int) -> bool:
    """Host header or Origin authority we answer: the bound address or localhost, our port.

    A DNS-rebinding page reaches us under its own host name, so any other name is refused.
    When bound to every interface, IP literals are fine too: rebinding needs a name.
    """
    try:
        parsed = urlsplit(f"//{netloc}")  # ValueError for an unbalanced '[' or ']'
        netloc_port = parsed.port or 80  # ValueError for a port that is not a number
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


def is_our_origin(origin: str, bound_host: str, port: int) -> bool:
    """Whether an Origin header names the preview itself (http, our host, our port)."""
    try:
        parsed = urlsplit(origin)
    except ValueError:  # 'http://[': no page of ours sends that
        return False
    return parsed.scheme == "http" and is_allowed_host(parsed.netloc, bound_host, port)


def parse_message(message: str | bytes) -> str | None:
    """message if it is a hello or info as livereload.js sends them, else None.

    livereload's on_message decodes any frame as JSON and reads its fields unchecked, so
    'garbage', 'null', '[]' or '"string"' raised inside tornado, which printed a traceback
    and dropped the socket. Only what the handshake needs gets through, unchanged.
    """
    if not isinstance(message, str):
        return None  # livereload.js sends text frames only
    try:
        fields = json.loads(message)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than the parser goes
        return None
    if not isinstance(fields, dict):
        return None
    command = fields.get("command")
    if command == "hello":
        protocols = fields.get("protocols")
        well_formed = isinstance(protocols, list) and LIVERELOAD_PROTOCOL in protocols
    elif command == "info":
        well_formed = isinstance(fields.get("url"), str)
    else:
        well_formed = False  # livereload's handler answers nothing else
    return message if well_formed else None


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
        origin = self.request.headers.get("Origin")
        if origin is not None:
            try:  # tornado's WebSocket upgrade parses it before check_origin, unguarded
                urlsplit(origin)
            except ValueError:
                raise web.HTTPError(403, "malformed Origin header") from None

    def is_same_origin(self) -> bool:
        """Whether the browser says this request comes from one of our own pages."""
        origin = self.request.headers.get("Origin")
        if origin is not None and not is_our_origin(origin, self.bound_host, self.port):
            return False
        return self.request.headers.get("Sec-Fetch-Site", "same-origin") in ("same-origin", "none")


class PreviewReloadHandler(GuardedHandler, ReloadSocket):
    """livereload's WebSocket protocol for our own pages only (livereload accepts any Origin)."""

    preview: Preview

    def check_origin(self, origin: str) -> bool:
        """Only our own pages may listen: a foreign page must not learn when we rebuild."""
        return is_our_origin(origin, self.bound_host, self.port)

    def on_message(self, message: str | bytes) -> None:
        """livereload's handshake, then catch up a page that missed a reload while loading.

        Anything else is ignored without a word and the socket stays open: a page that sends
        one odd frame still gets its reloads.
        """
        well_formed = parse_message(message)
        if well_formed is None or not self.join(well_formed):
            return
        # A reload sent while this page was loading reached no socket: the page's generation
        # cookie (set with its HTML) tells whether it is older than the last build.
        shown = self.get_cookie(generation_cookie(self.port), "")
        if GENERATION.fullmatch(shown) and int(shown) < self.preview.generation:
            self.send_message({"command": "reload", "path": "*", "liveCSS": False, "liveImg": False})


class GuardedForceReloadHandler(GuardedHandler):
    """/forcereload for our own pages only: livereload's lets any site trigger it with an <img>,
    and reloads the pages of LiveReloadHandler, not of our server's handler."""

    reload_handler: type[ReloadSocket] = ReloadSocket

    def get(self) -> None:
        """Reload our server's pages, or swap the stylesheet at ?path=."""
        if not self.is_same_origin():
            raise web.HTTPError(403, "cross-origin reload")
        self.reload_handler.reload_pages(self.get_argument("path", default=None) or "*")
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
            path = nearest_not_found(self.preview.out_dir, self.request.path)
        if path is None:  # no good build yet: nothing to show but the errors
            page = b"<!doctype html><html><head><title>Build failed</title></head><body></body></html>"
            self.send(inject(page, self.port, self.preview.errors), "text/html; charset=utf-8")
            return
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        data = path.read_bytes()
        if content_type == "text/html":
            data = inject(data, self.port, self.preview.errors)
            self.set_cookie(
                generation_cookie(self.port),
                str(self.preview.generation),
                path="/",
                httponly=True,
                samesite="Strict",
            )
        if content_type.startswith("text/") or content_type in ("application/javascript", "application/json"):
            content_type += "; charset=utf-8"
        relative = path.relative_to(self.preview.out_dir.resolve()).as_posix()
        self.send(data, content_type, FOREVER if HASHED_ASSET.fullmatch(relative) else "no-cache")

    def send(self, data: bytes, content_type: str, cache_control: str = "no-cache") -> None:
        """Write a response the browser revalidates each time (tornado's ETag answers 304),
        unless `cache_control` says otherwise."""
        self.set_header("Content-Type", content_type)
        self.set_header("Cache-Control", cache_control)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.write(data)
