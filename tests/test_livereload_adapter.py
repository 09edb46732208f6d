"""What serve/livereload_adapter.py relies on in livereload, checked against the installed copy.

Each test fails if livereload changes a behaviour the adapter depends on; run this file first
when upgrading livereload, then widen the pin in pyproject.toml if it passes.
"""

from __future__ import annotations

import ast
import asyncio
import importlib.metadata
import json
import threading
import tomllib
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, ClassVar

import pytest
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from tornado import httpclient, netutil, web, websocket
from tornado.httpserver import HTTPServer

from site_builder.serve.handlers import LIVERELOAD_PROTOCOL
from site_builder.serve.livereload_adapter import (
    ChangeWatcher,
    ReloadScriptHandler,
    ReloadServer,
    ReloadSocket,
    handler_per_server,
)

REPO = Path(__file__).resolve().parent.parent
ADAPTER = "site_builder/serve/livereload_adapter.py"
WAIT_SECONDS = 10.0
"""How long a condition may take to come true before the test fails (not a timing assertion)."""
HELLO = json.dumps({"command": "hello", "protocols": [LIVERELOAD_PROTOCOL]})
INFO = json.dumps({"command": "info", "url": "http://127.0.0.1/", "plugins": {}})
LIVERELOAD_INTERNALS = {
    "waiters",
    "live_css",
    "reload_waiters",
    "poll_tasks",
    "start_tasks",
    "_last_reload_time",
    "_tasks",
    "_changes",
    "filepath",
    "examine",
}
"""Names of livereload's internals; only the adapter may use them. (`Server.watcher` is public:
Server's docstring offers the argument.)"""


def run_in_own_loop(scenario: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """asyncio.run(scenario()) in a thread of its own: the worker's shared Playwright (sync API)
    keeps an event loop running in the main thread, where asyncio.run refuses to start."""
    failures: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(scenario())
        except BaseException as error:  # handed to the test's thread, which raises it
            failures.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


class ListWatcher(ChangeWatcher):
    """A ChangeWatcher told its changes by the test instead of by the file system."""

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[str] = []
        self.callback: Callable[[], None] | None = None

    def start(self, callback: Callable[[], None]) -> bool:
        """Keep callback; the test calls it as the file system would."""
        self.callback = callback
        return True

    def take_changes(self) -> list[str]:
        """The changes the test set, once."""
        changed, self.changes = sorted(self.changes), []
        return changed


def rebuild_log() -> tuple[list[list[str]], Callable[[list[str]], str | None]]:
    """(the batches a rebuild was called with, that rebuild: it always asks to reload '*')."""
    calls: list[list[str]] = []

    def rebuild(changed: list[str]) -> str | None:
        calls.append(changed)
        return "*"

    return calls, rebuild


@asynccontextmanager
async def serving(handlers: list[tuple[str, type[web.RequestHandler]]]) -> AsyncIterator[int]:
    """A real tornado server with handlers on 127.0.0.1; yields its port."""
    sockets = netutil.bind_sockets(0, "127.0.0.1")
    server = HTTPServer(web.Application(handlers))
    server.add_sockets(sockets)
    try:
        yield sockets[0].getsockname()[1]
    finally:
        server.stop()
        await server.close_all_connections()


async def eventually(condition: Callable[[], bool]) -> None:
    """Wait, in the loop, until condition holds; fail after WAIT_SECONDS."""
    deadline = asyncio.get_running_loop().time() + WAIT_SECONDS
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition never became true"
        await asyncio.sleep(0.01)


async def read_json(connection: websocket.WebSocketClientConnection) -> Any:
    """The next message the server sent, decoded."""
    message = await asyncio.wait_for(connection.read_message(), WAIT_SECONDS)
    assert isinstance(message, str), message
    return json.loads(message)


async def connect(port: int, path: str = "/livereload") -> websocket.WebSocketClientConnection:
    """A socket that did livereload.js's handshake: hello, hello back, info."""
    connection = await websocket.websocket_connect(f"ws://127.0.0.1:{port}{path}")
    await connection.write_message(HELLO)
    assert await read_json(connection) == {
        "command": "hello",
        "protocols": [LIVERELOAD_PROTOCOL],
        "serverName": "livereload-tornado",
    }
    await connection.write_message(INFO)
    return connection


def reload_message(path: str) -> dict[str, object]:
    """What livereload.js gets told to do: reload the page, or swap the stylesheet at path."""
    return {"command": "reload", "path": path, "liveCSS": True, "liveImg": True}


def test_installed_livereload_is_the_pinned_range() -> None:
    """pyproject.toml pins the range these tests passed on, and that range is what runs."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [spec for spec in pyproject["project"]["dependencies"] if spec.startswith("livereload")]
    assert pins == ["livereload>=2.7.1,<2.8"]
    installed = tuple(int(part) for part in importlib.metadata.version("livereload").split(".")[:3])
    assert (2, 7, 1) <= installed < (2, 8)


def python_sources() -> list[Path]:
    """Every module of site_builder."""
    return sorted((REPO / "site_builder").rglob("*.py"))


def imports_livereload(tree: ast.AST) -> bool:
    """Whether a module imports livereload or one of its modules."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        if any(name == "livereload" or name.startswith("livereload.") for name in names):
            return True
    return False


def internals_named(tree: ast.AST) -> set[str]:
    """livereload internals a module reads, sets, overrides or names as a class attribute."""
    named: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            named.add(node.attr)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            named.add(node.name)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            named.add(node.value)  # a key of a class dict given to type()
    return named & LIVERELOAD_INTERNALS


def test_only_the_adapter_imports_livereload() -> None:
    """One module to read, and to fix, when livereload changes."""
    importers = [
        path.relative_to(REPO).as_posix()
        for path in python_sources()
        if imports_livereload(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert importers == [ADAPTER]


def test_only_the_adapter_uses_livereloads_internals() -> None:
    """The other modules use the adapter's names, never livereload's undocumented ones."""
    users = {
        path.relative_to(REPO).as_posix(): sorted(named)
        for path in python_sources()
        if (named := internals_named(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert list(users) == [ADAPTER], users


def test_livereload_registers_every_socket_on_its_base_class() -> None:
    """livereload's handshake puts even a subclass's socket into LiveReloadHandler.waiters:
    the reason ReloadSocket.join moves it."""

    class Plain(LiveReloadHandler):
        waiters: ClassVar[set[LiveReloadHandler]] = set()

    async def scenario() -> None:
        async with serving([("/livereload", Plain)]) as port:
            connection = await connect(port)
            await eventually(lambda: len(LiveReloadHandler.waiters) == 1)
            assert Plain.waiters == set()
            assert all(type(waiter) is Plain for waiter in LiveReloadHandler.waiters)
            connection.close()
            await eventually(lambda: not LiveReloadHandler.waiters)

    run_in_own_loop(scenario)


def test_each_server_reloads_its_own_pages() -> None:
    """A socket listens on its server's handler class only: two servers, two sets of pages."""
    first = handler_per_server(ReloadSocket, ListWatcher(), {})
    second = handler_per_server(ReloadSocket, ListWatcher(), {})

    async def scenario() -> None:
        async with serving([("/first", first), ("/second", second)]) as port:
            first_page = await connect(port, "/first")
            second_page = await connect(port, "/second")
            await eventually(lambda: len(first.waiters) == len(second.waiters) == 1)
            assert not LiveReloadHandler.waiters
            assert not ReloadSocket.waiters
            first.reload_pages("assets/style.css")
            second.reload_pages("*")
            # Messages arrive in order: had the first reload reached the second page, it would
            # be what that page reads first.
            assert await read_json(first_page) == reload_message("assets/style.css")
            assert await read_json(second_page) == reload_message("*")
            first_page.close()
            await eventually(lambda: not first.waiters)
            assert len(second.waiters) == 1
            second.close_all()
            assert await second_page.read_message() is None  # closed by the server
            await eventually(lambda: not second.waiters)

    run_in_own_loop(scenario)


def test_livereload_drops_a_change_within_3_s_of_a_reload() -> None:
    """livereload's poll_tasks ignores a change soon after a reload (the page stays stale):
    the reason ReloadSocket overrides it."""
    calls, rebuild = rebuild_log()
    watcher = ListWatcher()
    watcher.watch("root", rebuild)

    class Plain(LiveReloadHandler):
        pass

    Plain.watcher = watcher
    Plain.live_css = True

    async def scenario() -> None:
        async with serving([("/livereload", Plain)]) as port:
            connection = await connect(port)
            await eventually(lambda: len(LiveReloadHandler.waiters) == 1)
            Plain.reload_waiters("first")
            assert await read_json(connection) == reload_message("first")
            watcher.changes = ["content/a.md"]
            Plain.poll_tasks()
            assert calls == [["content/a.md"]]  # rebuilt, and asked for a reload of '*'...
            Plain.reload_waiters("next")
            assert await read_json(connection) == reload_message("next")  # ...which never came
            connection.close()
            await eventually(lambda: not LiveReloadHandler.waiters)

    run_in_own_loop(scenario)


def test_every_change_reloads_the_pages() -> None:
    """The watcher started by start_watching rebuilds and reloads on each change, however soon."""
    calls, rebuild = rebuild_log()
    watcher = ListWatcher()
    watcher.watch("root", rebuild)
    handler = handler_per_server(ReloadSocket, watcher, {})

    async def scenario() -> None:
        async with serving([("/livereload", handler)]) as port:
            connection = await connect(port)
            await eventually(lambda: len(handler.waiters) == 1)
            handler.start_watching()
            assert watcher.callback is not None
            for saved in ("content/a.md", "content/b.md"):
                watcher.changes = [saved]
                watcher.callback()
                assert await read_json(connection) == reload_message("*")
            watcher.callback()  # nothing changed: no rebuild, no reload
            handler.reload_pages("last")
            assert await read_json(connection) == reload_message("last")
            assert calls == [["content/a.md"], ["content/b.md"]]
            handler.close_all()

    run_in_own_loop(scenario)


def test_server_watch_hands_the_task_to_the_watcher() -> None:
    """Server(watcher=...) keeps the watcher, and Server.watch gives it the task to run."""
    calls, rebuild = rebuild_log()
    watcher = ListWatcher()
    server = ReloadServer(watcher)
    server.watch("root", rebuild)
    assert server.watcher is watcher
    assert watcher.examine() == (None, None)
    watcher.changes = ["templates/page.html", "content/a.md"]
    assert watcher.examine() == ("*", None)
    assert calls == [["content/a.md", "templates/page.html"]]
    assert watcher.filepath == "*"  # what livereload's reload_waiters logs


def test_livereloads_watcher_has_the_interface_the_adapter_overrides() -> None:
    """Watcher.examine returns (path to reload, delay); start returning False means 'poll'."""
    watcher = Watcher()
    assert watcher.filepath is None
    assert watcher.examine() == (None, None)
    assert watcher.start(lambda: None) is False


def test_livereloads_own_entry_points_are_refused() -> None:
    """Server.application and Server.serve would share state and skip the Host checks."""
    server = ReloadServer(ListWatcher())
    with pytest.raises(NotImplementedError):
        server.application(0, "127.0.0.1")
    with pytest.raises(NotImplementedError):
        server.serve(port=0)


def test_livereload_js_speaks_to_the_reload_socket() -> None:
    """livereload's livereload.js offers protocol 7 and connects to /livereload, as we route it."""

    async def scenario() -> None:
        async with serving([("/livereload.js", ReloadScriptHandler)]) as port:
            response = await httpclient.AsyncHTTPClient().fetch(
                f"http://127.0.0.1:{port}/livereload.js?port={port}"
            )
        assert response.code == 200
        assert response.headers["Content-Type"] == "application/javascript"
        assert LIVERELOAD_PROTOCOL.encode() in response.body
        assert b'+ "/livereload";' in response.body

    run_in_own_loop(scenario)
