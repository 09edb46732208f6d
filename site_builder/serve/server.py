"""livereload's Server with our handlers, run until Ctrl-C."""

from __future__ import annotations

import asyncio
import signal
import socket
from typing import Any

from livereload import Server  # type: ignore[import-untyped]  # livereload ships no types
from livereload.handlers import (  # type: ignore[import-untyped]  # livereload ships no types
    LiveReloadJSHandler,
)
from tornado import web
from tornado.httpserver import HTTPServer

from .handlers import GuardedForceReloadHandler, GuardedHandler, PreviewFileHandler, PreviewReloadHandler
from .preview import Preview
from .watch import PreviewWatcher


class PreviewServer(Server):  # type: ignore[misc]  # livereload ships no types
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
        bases = (GuardedHandler, PreviewReloadHandler)
        reload_handler: type[PreviewReloadHandler] = type("ReloadHandler", bases, {
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
