"""The preview folder, its rebuilds, and what every HTML page gets added: script, error overlay."""

from __future__ import annotations

import asyncio
import gc
import html
import re
import sys
import time
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..build import build
from ..cache import CACHE_DIR, BuildCache
from ..errors import BuildFailed, EnvironmentFailure, SiteError, UsageError, report_lines
from ..render.workers import available_workers

OVERLAY_CSS_URL = "/__site-builder__/overlay.css"
OVERLAY_CSS = b"""#site-builder-build-errors{position:fixed;inset:0;z-index:2147483647;overflow:auto;
margin:0;padding:2rem;background:#1d1f21;color:#f8f8f2;font:16px/1.5 system-ui,sans-serif}
#site-builder-build-errors h2{margin:0 0 1rem;color:#ff6b6b;font-size:1.5rem}
#site-builder-build-errors ol{padding-left:1.5rem}
#site-builder-build-errors li{margin:.5rem 0;white-space:pre-wrap;
font:15px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace}
"""
HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
BODY_START = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
SERVE_PARALLEL_MIN_PAGES = 1500
"""A rebuild renders in a process pool only for a site of this many pages: the preview's own
process has the mention matcher and compiled templates ready from the last build, which each
worker makes anew, so a pool pays off later than in a cold `build` (PARALLEL_MIN_PAGES there).
Measured on 2 cores, rebuilds in one process: 682 pages, one process 3.0 s, a pool 4.2 s; 1,807
pages, one process 4.6 s, a pool 3.9 s."""

FULL_COLLECTION_EVERY = 25
"""Rebuilds between two full garbage collections in serve (see Preview.rebuild)."""
CACHE_WRITE_DELAY_S = 1.0
"""How long after a rebuild serve writes the build cache to disk (LaterWrites): by then the
reloaded page has loaded, as the same thread answers its requests."""


class LaterWrites(BuildCache):
    """The build cache, whose files are written when `write_now` is called, not by each build:
    the cache is for the next process, and writing it (some 50 ms at 4,000 items) would only
    delay the reload. The writes of several builds are merged: a part written again holds the
    last build's entries, and the tables the last build did not use are removed."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.pending: dict[tuple[str, int], dict[str, Any]] = {}
        """(table, part) -> the entries to write there ({}: remove the part)."""
        self.pending_kept: set[str] | None = None
        """The tables to keep (None: every one), as BuildCache.write_parts takes them."""
        self.memo_dir: Path | None = None

    def write_parts(
        self, memo_dir: Path, writes: list[tuple[str, int, dict[str, Any]]], kept: set[str] | None
    ) -> None:
        """Hold the writes until write_now."""
        self.memo_dir = memo_dir
        if kept is not None:  # the parts of tables this build did not use go, held ones too
            self.pending = {part: entries for part, entries in self.pending.items() if part[0] in kept}
            self.pending_kept = kept
        self.pending.update(((table, shard), entries) for table, shard, entries in writes)

    def write_now(self) -> None:
        """Write what the builds since the last call held back."""
        if self.memo_dir is None:
            return
        writes = [(table, shard, entries) for (table, shard), entries in self.pending.items()]
        memo_dir, kept = self.memo_dir, self.pending_kept
        self.pending, self.pending_kept, self.memo_dir = {}, None, None
        super().write_parts(memo_dir, writes, kept)


class Preview:
    """The preview folder and what the last build said about it; one per `serve`."""

    def __init__(self, root: Path, out_dir: Path, base_url: str, drafts: bool = True) -> None:
        self.root = root
        self.out_dir = out_dir
        self.overrides: dict[str, object] = {"base_url": base_url, "drafts": drafts}
        self.errors: tuple[str, ...] = ()
        """The last build's errors, `path:line:column: message`; () when it succeeded."""
        self._files: dict[str, bytes] = {}
        """Output path -> bytes of the last good build, to tell what a rebuild changed."""
        self.generation = 0
        """Counts the rebuilds that changed what a browser shows."""
        self.cache = LaterWrites(root / CACHE_DIR)
        """One cache for every rebuild: parsed items and compiled templates stay in memory."""
        self.loop: asyncio.AbstractEventLoop | None = None
        """serve's event loop (PreviewServer.run sets it): the cache is then written later on it."""
        self._cache_write: asyncio.TimerHandle | None = None
        self.builds = 0
        self.full_collection_every = FULL_COLLECTION_EVERY

    def rebuild(self, changed: list[str]) -> str | None:
        """Build once, print one line; the path for livereload to reload, None if nothing moved.

        What a build leaves in memory for the next (the cache, the pages: over 100,000 objects at
        4,000 items) is then frozen out of the garbage collector's sight (gc.freeze), so the
        next rebuild's collections do not walk it again: about a third of a rebuild's time at
        4,000 items. Frozen objects are still freed when nothing refers to them; only a cycle
        among them waits for the full collection made every `full_collection_every` builds."""
        reload_path = self._build(changed)
        if reload_path is not None:
            self.generation += 1
        self.builds += 1
        if self.builds % self.full_collection_every == 0:
            gc.unfreeze()
            gc.collect()
        gc.freeze()
        self._write_cache_later()
        return reload_path

    def _write_cache_later(self) -> None:
        """Write the build cache CACHE_WRITE_DELAY_S from now, after the reload, on `loop`
        (at once without one). Another rebuild before then puts it off again."""
        if self._cache_write is not None:
            self._cache_write.cancel()
            self._cache_write = None
        if self.loop is None:
            self.cache.write_now()
            return
        self._cache_write = self.loop.call_later(CACHE_WRITE_DELAY_S, self.write_cache)

    def write_cache(self) -> None:
        """Write what the rebuilds left for the build cache now (serve calls this as it stops)."""
        if self._cache_write is not None:
            self._cache_write.cancel()
            self._cache_write = None
        self.cache.write_now()

    def workers(self) -> int:
        """Processes for the next build: the CPUs for the first (cold, as a `build` is) and
        for a rebuild of a site as large as SERVE_PARALLEL_MIN_PAGES, else one."""
        pages = sum(path.endswith(".html") for path in self._files)
        if self._files and pages < SERVE_PARALLEL_MIN_PAGES:
            return 1
        return available_workers()

    def _build(self, changed: list[str]) -> str | None:
        started = time.perf_counter()
        had_errors = bool(self.errors)
        what = describe_changes(changed)
        try:
            # Large sites render in a process pool whose workers come from a fork server,
            # never from a fork of this process and its threads (render/workers.py).
            result = build(
                self.root,
                self.out_dir,
                self.overrides,
                cache=self.cache,
                workers=self.workers(),
                changed=changed,
                in_place=True,
                watched=bool(changed),  # the watcher's list: every save since the last build
            )
        except BuildFailed as failure:
            self.errors = tuple(report_lines(failure.errors))  # capped, as the terminal is
        except (SiteError, UsageError, EnvironmentFailure) as error:
            self.errors = (str(error),)
        except Exception as bug:  # a bug must not stop the preview; the traceback still shows
            traceback.print_exc()
            self.errors = (f"site-builder crashed ({type(bug).__name__}: {bug}); see the terminal",)
        else:
            self.errors = ()
            files = result.files or self._files  # no files: nothing changed, nothing rendered
            changed_outputs = sorted(path for path, data in files.items() if self._files.get(path) != data)
            self._files = files
            pages = sum(path.endswith(".html") for path in changed_outputs)
            seconds = time.perf_counter() - started
            print(
                f"{what}: {pages} page{'s' * (pages != 1)} written, "
                f"{len(changed_outputs)} files changed, {seconds:.2f} s",
                flush=True,
            )
            if not changed_outputs:
                return "*" if had_errors else None
            if all(path.endswith(".css") for path in changed_outputs):
                return changed_outputs[0]  # livereload.js swaps a stylesheet without reloading
            return "*"
        seconds = time.perf_counter() - started
        count = len(self.errors)
        print(
            f"{what}: build failed with {count} error{'s' * (count != 1)} "
            f"(shown in the browser), {seconds:.2f} s",
            flush=True,
        )
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
    page = page[: match.start()] + head + page[match.start() :] if match else page + head
    if not errors:
        return page
    overlay = render_overlay(errors)
    body = BODY_START.search(page)
    return page[: body.end()] + overlay + page[body.end() :] if body else page + overlay


def render_overlay(errors: list[str]) -> bytes:
    """Every error of the failed build, covering the stale page until a build succeeds."""
    count = len(errors)
    items = "".join(f"<li>{html.escape(error)}</li>" for error in errors)
    return (
        f'<div id="site-builder-build-errors" role="alert"><h2>Build failed: {count} '
        f"error{'s' * (count != 1)}</h2><ol>{items}</ol><p>Fix the file and save: this page "
        "reloads by itself.</p></div>"
    ).encode()


def generation_cookie(port: int) -> str:
    """Cookie naming the build a page came from; per port, as cookies ignore ports."""
    return f"site_builder_build_{port}"
