"""Which saves lead to a rebuild: a livereload watcher on watchfiles (inotify)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from pathlib import Path

from watchfiles import Change, DefaultFilter, awatch

from ..inputs import is_ignored
from .livereload_adapter import ChangeWatcher

QUIET_MS = 10
"""A rebuild starts once the watched folders were quiet this long: one save storm, one build.
An editor's save (a temporary file, a rename) takes a millisecond or two; watchfiles checks
every QUIET_MS, so a save is seen 10-20 ms after it (50 took 55-115 ms)."""
WATCHED_FOLDERS = ("content", "templates")
EDITOR_TEMP = re.compile(r"^\.|~$|^#.*#$|^4913$")
"""Names the build ignores (dot files, backups) or editors write beside a file as they save it
(Emacs autosave `#x#`, Vim's `4913` write test): never a reason to rebuild."""


class PreviewWatcher(ChangeWatcher):
    """livereload's Watcher interface on watchfiles (inotify): 2.7.1 polls every 0.8 s without
    pyinotify, which alone would blow the latency budget."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root.resolve()
        self.stop_event = asyncio.Event()
        self._pending: dict[str, bool] = {}
        """Changed path (relative to root) -> whether it existed before it changed."""
        self._ignored = DefaultFilter()  # editor temporaries: .#x, x~, .x.swp, ...
        self._task: asyncio.Task[None] | None = None

    def is_source(self, change: Change, path: str) -> bool:
        """Only content/ and templates/ feed the build; editor temp files never do."""
        relative = Path(path).relative_to(self.root)
        if not self._ignored(change, path) or EDITOR_TEMP.search(relative.name):
            return False
        return bool(relative.parts) and relative.parts[0] in WATCHED_FOLDERS

    def start(self, callback: Callable[[], None]) -> bool:
        """Watch in the running loop; True: no polling needed."""
        self._task = asyncio.get_running_loop().create_task(self._watch(callback))
        return True

    async def _watch(self, callback: Callable[[], None]) -> None:
        # Changes arriving while a build runs wait in watchfiles' buffer and make one next build.
        async for changes in awatch(
            self.root, watch_filter=self.is_source, step=QUIET_MS, stop_event=self.stop_event
        ):
            for relative, existed in existed_before(self.root, changes).items():
                self._pending.setdefault(relative, existed)
            callback()

    async def stop(self) -> None:
        """End the watch and wait for its thread, so no build starts after this."""
        self.stop_event.set()
        if self._task is not None:
            await self._task

    def take_changes(self) -> list[str]:
        """The paths (relative to root) changed since the last call that the build reads, sorted:
        those that exist now, after the quiet time (a new folder too), and those that existed and
        are gone. A file that came and went (`sed -i` writes content/people/sedAbC123 and
        renames it over the real file) is no change to report, nor a reason to rebuild."""
        pending, self._pending = self._pending, {}
        return sorted(
            relative
            for relative, existed in pending.items()
            if not is_ignored(Path(relative).name) and (existed or (self.root / relative).exists())
        )


def existed_before(root: Path, changes: set[tuple[Change, str]]) -> dict[str, bool]:
    """Each changed path (relative to root) -> whether it existed before this batch of changes:
    it did unless watchfiles saw it added (the batch is a set, so the order within it is lost)."""
    found: dict[str, bool] = {}
    for change, path in changes:
        relative = Path(path).relative_to(root).as_posix()
        found[relative] = found.get(relative, True) and change != Change.added
    return found
