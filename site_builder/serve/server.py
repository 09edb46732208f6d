"""livereload's Server with our handlers, run until Ctrl-C."""

from __future__ import annotations

import asyncio
import signal
import socket

from tornado import web
from tornado.httpserver import HTTPServer

from .handlers import GuardedForceReloadHandler, GuardedHandler, PreviewFileHandler, PreviewReloadHandler
from .livereload_adapter import ReloadScriptHandler, ReloadServer, handler_per_server
from .preview import Preview
from .watch import PreviewWatcher


class PreviewServer(ReloadServer):
    """livereload's Server, with its handlers made safe and its state kept per server."""

    watcher: PreviewWatcher

    def __init__(self, preview: Preview, watcher: PreviewWatcher) -> None:
        super().__init__(watcher)
        self.preview = preview
        self.watch(str(watcher.root), preview.rebuild)

    def make_application(self, host: str, port: int) -> web.Application:
        """Our handler set, each class holding this server's host, port and preview."""
        guard = {"bound_host": host, "port": port, "preview": self.preview}
        reload_handler = handler_per_server(PreviewReloadHandler, self.watcher, guard)
        force_handler = type(
            "ForceHandler", (GuardedForceReloadHandler,), {**guard, "reload_handler": reload_handler}
        )
        js_handler = type("JSHandler", (GuardedHandler, ReloadScriptHandler), guard)
        file_handler = type("FileHandler", (PreviewFileHandler,), guard)
        self.reload_handler = reload_handler
        return web.Application(
            [
                (r"/livereload", reload_handler),
                (r"/forcereload", force_handler),
                (r"/livereload\.js", js_handler),
                (r".*", file_handler),
            ]
        )

    async def run(self, sockets: list[socket.socket], host: str, port: int) -> None:
        """Serve until SIGINT or SIGTERM, then close sockets, connections and the watcher.

        Replaces Server.serve, which lets Ctrl-C unwind through the IOLoop without closing
        anything.
        """
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        http_server = HTTPServer(self.make_application(host, port))
        http_server.add_sockets(sockets)
        self.reload_handler.start_watching()
        self.preview.loop = loop  # the build cache is written on it, after the reloads
        # Watch first, then build, so a save made during the first build is not lost. One turn
        # of the loop runs the watch task up to its first wait, by which time watchfiles has
        # set up its inotify watches.
        await asyncio.sleep(0)
        self.preview.rebuild([])
        await stop.wait()
        self.preview.write_cache()
        http_server.stop()
        self.reload_handler.close_all()
        await self.watcher.stop()
        await http_server.close_all_connections()
