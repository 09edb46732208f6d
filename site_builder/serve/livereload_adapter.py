"""The one module that imports livereload, and the only one that relies on its internals.

livereload's public API is `Server(watcher=...)`, `Server.watch(path, func)` and
`Server.serve()`, plus the `Watcher` interface its docstrings describe (`watch`, `start`,
`examine`). `serve()` listens by itself on every Host, keeps its state on shared classes and
cannot be stopped, so the preview builds its own tornado application from livereload's handler
classes instead. What that relies on beyond the public API, in 2.7.1, and why:

- `livereload.handlers.LiveReloadHandler` (the WebSocket protocol), `LiveReloadJSHandler` (its
  `livereload.js`) and `livereload.watcher.Watcher`: not exported by `livereload`, subclassed here.
- `LiveReloadHandler.waiters`, `.watcher` and `.live_css` are class attributes that
  `Server.application` sets on `LiveReloadHandler` itself, so two servers in one process would
  share sockets and watcher. `handler_per_server` makes a subclass that holds its own.
- `LiveReloadHandler.on_message` answers the hello and, on the browser's `info`, adds the socket
  to `LiveReloadHandler.waiters` (the base class, whatever the socket's class):
  `ReloadSocket.join` moves it to its own class's set, and `on_close` forgets it there.
- `LiveReloadHandler.reload_waiters(path)` sends the reload to the class's `waiters`, with
  `liveCSS` from `live_css`; its log line reads `watcher.filepath`, which `examine` sets.
- `LiveReloadHandler.poll_tasks` drops a change that comes within 3 s of the last reload
  (`_last_reload_time`), which left a stale page after a second quick save: `ReloadSocket`
  overrides it to always reload. `start_tasks` is not called (it reads `_last_reload_time` and
  `Watcher._tasks`, and watches the working directory when that is empty):
  `ReloadSocket.start_watching` starts the watcher with `poll_tasks` itself.
- `Server.watch(path, func)` hands `func` to `watcher.watch(path, func, delay, ignore=...)`:
  `ChangeWatcher.watch` keeps it, and `examine` runs it with the changed paths.

tests/test_livereload_adapter.py runs each of these against the installed livereload and fails
if one changes; pyproject.toml pins the range they pass on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, NoReturn, TypeVar

from livereload import Server  # type: ignore[import-untyped]  # livereload ships no types
from livereload.handlers import (  # type: ignore[import-untyped]  # livereload ships no types
    LiveReloadHandler,
    LiveReloadJSHandler,
)
from livereload.watcher import Watcher  # type: ignore[import-untyped]  # livereload ships no types

Rebuild = Callable[[list[str]], str | None]
"""A watch task: the changed paths in, the path for the pages to reload out (None: no reload)."""


class ChangeWatcher(Watcher):  # type: ignore[misc]  # livereload ships no types
    """livereload's Watcher interface for a watcher that is told what changed (livereload's
    own compares mtimes every 0.8 s): subclasses implement `start` and `take_changes`."""

    def __init__(self) -> None:
        super().__init__()
        self.tasks: list[Rebuild] = []
        """What Server.watch registered, run in order on every batch of changes."""
        self.filepath: str | None = None
        """What the last batch's tasks said to reload; livereload logs it when reloading."""

    def watch(
        self, path: str, func: Rebuild | None = None, delay: object = None, ignore: object = None
    ) -> None:
        """Keep func, which Server.watch passes on; the subclass knows what it watches."""
        if func is None:
            raise TypeError("ChangeWatcher.watch needs a task to run on changes")
        self.tasks.append(func)

    def start(self, callback: Callable[[], None]) -> bool:
        """Call callback whenever something changed; True: the watcher needs no polling."""
        raise NotImplementedError

    def take_changes(self) -> list[str]:
        """The paths changed since the last call, sorted; [] if none."""
        raise NotImplementedError

    def examine(self) -> tuple[str | None, None]:
        """Run the tasks on what changed: (path for the pages to reload or None, no delay)."""
        changed = self.take_changes()
        self.filepath = None
        if changed:
            for task in self.tasks:
                self.filepath = task(changed)
        return self.filepath, None


Socket = TypeVar("Socket", bound="ReloadSocket")


class ReloadSocket(LiveReloadHandler):  # type: ignore[misc]  # livereload ships no types
    """livereload's WebSocket protocol with its state on this class (see handler_per_server)
    and a reload for every change."""

    waiters: ClassVar[set[ReloadSocket]] = set()
    """The sockets whose page listens for reloads."""
    watcher: ClassVar[ChangeWatcher]
    live_css: ClassVar[bool] = True
    """Let livereload.js swap a changed stylesheet in place instead of reloading the page."""

    def on_message(self, message: str) -> None:
        """livereload's handshake."""
        self.join(message)

    def join(self, message: str) -> bool:
        """livereload's answer to a hello or info; True when the socket now listens (an info)."""
        super().on_message(message)
        if self not in LiveReloadHandler.waiters:
            return False
        # livereload registers the socket on LiveReloadHandler itself; it belongs to our class.
        LiveReloadHandler.waiters.discard(self)
        type(self).waiters.add(self)
        return True

    def on_close(self) -> None:
        """Forget the socket (on our class, see join)."""
        type(self).waiters.discard(self)

    @classmethod
    def poll_tasks(cls) -> None:
        """Run the watch tasks, then reload every page, however soon after the last reload."""
        reload_path, _delay = cls.watcher.examine()
        if reload_path:
            cls.reload_waiters(reload_path)

    @classmethod
    def start_watching(cls) -> None:
        """Start the watcher; each batch of changes runs poll_tasks."""
        cls.watcher.start(cls.poll_tasks)

    @classmethod
    def reload_pages(cls, path: str) -> None:
        """Tell every listening page to reload ('*') or to swap the stylesheet at path."""
        cls.reload_waiters(path)

    @classmethod
    def close_all(cls) -> None:
        """Close every listening socket."""
        for waiter in list(cls.waiters):
            waiter.close()


def handler_per_server(
    handler: type[Socket], watcher: ChangeWatcher, attributes: dict[str, Any]
) -> type[Socket]:
    """A subclass of handler with its own sockets and watcher, and the given class attributes.

    livereload keeps them on LiveReloadHandler, so a second server in one process would reload
    the first one's pages and never watch.
    """
    return type(handler.__name__, (handler,), {**attributes, "waiters": set(), "watcher": watcher})


class ReloadScriptHandler(LiveReloadJSHandler):  # type: ignore[misc]  # livereload ships no types
    """Serves livereload's own livereload.js, which speaks to ReloadSocket."""


class ReloadServer(Server):  # type: ignore[misc]  # livereload ships no types
    """livereload's Server for its watch registry; the subclass builds and runs the application."""

    watcher: ChangeWatcher

    def __init__(self, watcher: ChangeWatcher) -> None:
        super().__init__(watcher=watcher)

    def watch(self, path: str, func: Rebuild) -> None:
        """Run func with the changed paths whenever something under path changes."""
        super().watch(path, func)

    def application(self, *args: object, **kwargs: object) -> NoReturn:
        """Not used: it sets LiveReloadHandler's shared state and listens on every Host."""
        raise NotImplementedError("the preview builds its own application")

    def serve(self, *args: object, **kwargs: object) -> NoReturn:
        """Not used: it cannot be stopped and bypasses the preview's Host and Origin checks."""
        raise NotImplementedError("the preview runs its own loop")
