"""Live preview: build into a folder of its own, serve it, rebuild and reload on every save.

Everything livereload stays in here, and only livereload_adapter.py imports it or touches its
internals. We use livereload's Server, its WebSocket protocol, its LiveReloadHandler and its
livereload.js; we replace what 2.7.1 gets wrong for us (each place says why): its polling
watcher, its 3 s reload window, its class-level state, its permissive Origin, Host and
/forcereload handling, its unchecked WebSocket messages, its script injection and its static
file handler.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import socket
import sys
import tempfile
from pathlib import Path

from tornado import netutil

from ..errors import UsageError
from .handlers import is_loopback
from .preview import Preview
from .server import PreviewServer
from .watch import PreviewWatcher

__all__ = ["serve"]


def open_sockets(host: str, port: int) -> list[socket.socket]:
    """Bind before building, so the printed URL and the pages' base_url carry the real port."""
    try:
        return netutil.bind_sockets(port, host)
    except OSError as error:
        raise UsageError(
            f"cannot listen on {host}:{port}: {error.strerror} (choose another --port)"
        ) from error


def serve(root: Path, host: str, port: int, drafts: bool = True) -> int:
    """site-builder serve: preview root on http://host:port/ until Ctrl-C; drafts and embargoed
    items are shown, with a banner, unless `drafts` is False."""
    # tornado logs every 4xx (a missing favicon) as a warning on stderr; the terminal is for one
    # line per rebuild, so only server errors (5xx) are let through.
    logging.getLogger("tornado.access").setLevel(logging.ERROR)
    sockets = open_sockets(host, port)
    port = sockets[0].getsockname()[1]
    url_host = f"[{host}]" if ":" in host else host
    if not is_loopback(host):
        print(
            f"warning: serving on {host}: anyone who can reach this machine can see the preview",
            file=sys.stderr,
        )
        url_host = "127.0.0.1"
    temp_dir = Path(tempfile.mkdtemp(prefix="site-builder-serve-"))
    preview = None
    try:
        base_url = f"http://{url_host}:{port}/"
        preview = Preview(root, temp_dir / "site", base_url, drafts)
        print(
            f"serving {root.resolve()} on {base_url} (preview built in {temp_dir}); Ctrl-C stops", flush=True
        )
        server = PreviewServer(preview, PreviewWatcher(root))
        asyncio.run(server.run(sockets, host, port))
    except KeyboardInterrupt:  # Ctrl-C before the loop took over the signal
        pass
    finally:
        if preview is not None:  # what the last rebuilds left for the build cache (LaterWrites)
            preview.write_cache()
        for sock in sockets:
            sock.close()
        shutil.rmtree(temp_dir, ignore_errors=True)
    print("stopped", flush=True)
    return 0
