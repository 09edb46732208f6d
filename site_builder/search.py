"""The search index: Pagefind reads the rendered pages and writes a static index the browser queries.

Pagefind (PyPI `pagefind-bin`, the indexer's own binary) runs offline and ships its own search
code, so we write no index format of our own. The binary is run directly over a scratch copy of
the pages: 0.04 s for the explainer, where its Python wrapper's 0.1 s polling of every reply
took 0.3 s (too slow for a live preview). It runs in its own process while the build goes on
with what does not need the index (start_indexing, then Indexing.result).
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import EnvironmentFailure
from .urls import NOT_FOUND_URL, output_path

SEARCH_DIR = "pagefind"
"""Where the index lives in the output; the theme's search.js imports pagefind.js from here."""
NOT_INDEXED = frozenset((output_path(NOT_FOUND_URL),))
UNUSED_FILES = ("pagefind-ui", "pagefind-component-ui", "pagefind-modular-ui", "pagefind-highlight")
"""Pagefind's ready-made UIs: the theme has its own small one, so they are not shipped."""
ROOT_SELECTOR = "main"
"""Only the page's own content: the header, navigation and footer repeat on every page."""
EXCLUDE_SELECTORS = ".mention-tip"
"""A mention's tooltip repeats a definition the glossary page already holds."""
SEARCH_KINDS = {
    "people": "people",
    "places": "places",
    "figures": "figures",
    "timeline": "events",
    "glossary": "terms",
}
"""Built section -> the `kind` its pages carry (data-pagefind-meta on their <h1>), which the
header's "Show only" boxes offer; the words are the strings `search.kind.*`. A meta, not a
data-pagefind-filter: Pagefind 1.5 writes its filter index in a new order on every run."""
ENTRY_META = "entry-"
"""On a section page each entry's title carries data-pagefind-meta="entry-<its id>", so Pagefind
records its name: search.js then turns a hit on the page into a hit on the entry (its anchor and
name), which Pagefind's own sub-results cannot do, as they follow only headings with an id."""


def index_search(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """Output path -> bytes of the Pagefind index of every HTML page, and pagefind.js with it."""
    with start_indexing(files) as indexing:
        return indexing.result()


def pages_to_index(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """The files Pagefind reads: every HTML page but NOT_INDEXED."""
    return {path: data for path, data in files.items() if path.endswith(".html") and path not in NOT_INDEXED}


class Indexing:
    """Pagefind at work on a scratch copy of the pages, in its own process."""

    def __init__(self, scratch: Path, process: subprocess.Popen[str], executable: Any) -> None:
        self.scratch = scratch
        """The scratch folder: the pages' copy and the index, removed on leaving start_indexing."""
        self.process = process
        self._index_dir = scratch / SEARCH_DIR
        self._executable = executable

    def result(self) -> dict[str, bytes]:
        """Output path -> bytes of the index, once Pagefind is done; EnvironmentFailure if it failed."""
        stdout, stderr = self.process.communicate()
        if self.process.returncode != 0:
            said = [line.strip() for line in (stderr or stdout).splitlines()]
            raise EnvironmentFailure(
                f"search: {self._executable} failed (exit code {self.process.returncode})"
                + (f": {'; '.join(line for line in said if line)}" if any(said) else "")
            )
        try:
            return {
                f"{SEARCH_DIR}/{path.relative_to(self._index_dir).as_posix()}": path.read_bytes()
                for path in sorted(self._index_dir.rglob("*"))
                if path.is_file() and not path.name.startswith(UNUSED_FILES)
            }
        except OSError as e:
            raise scratch_failure(e) from e


@contextmanager
def start_indexing(files: Mapping[str, bytes]) -> Iterator[Indexing]:
    """Start Pagefind on every HTML page of `files` (but NOT_INDEXED) and go on: the build does
    what does not need the index meanwhile (0.1-0.2 s of Pagefind's for the explainer), then
    asks Indexing.result. On leaving, a Pagefind still running is stopped and the scratch
    folder removed."""
    try:
        scratch_dir = tempfile.TemporaryDirectory(prefix="site-builder-search-")
    except OSError as e:
        raise scratch_failure(e) from e
    with scratch_dir as scratch:
        site_dir = Path(scratch) / "site"
        try:
            for path, data in pages_to_index(files).items():
                page_path = site_dir / path
                page_path.parent.mkdir(parents=True, exist_ok=True)
                page_path.write_bytes(data)
        except OSError as e:
            raise scratch_failure(e) from e
        executable, process = start_pagefind(site_dir, Path(scratch) / SEARCH_DIR)
        try:
            yield Indexing(Path(scratch), process, executable)
        finally:
            if process.poll() is None:  # the build failed meanwhile: no index is wanted
                process.kill()
                process.communicate()


def scratch_failure(e: OSError) -> EnvironmentFailure:
    """The scratch folder failed: a full or read-only temporary folder."""
    return EnvironmentFailure(
        f"search: could not index the pages in {e.filename or tempfile.gettempdir()}: {e.strerror or e}"
    )


def get_executable() -> Any:
    """pagefind-bin's binary (a path), or None; the package is imported here, on first use, as
    only sites with search need it."""
    from pagefind_bin import get_executable as find  # type: ignore[import-untyped]  # pagefind-bin ships no types

    return find()


def start_pagefind(site_dir: Path, index_dir: Path) -> tuple[Any, subprocess.Popen[str]]:
    """Start indexing site_dir into index_dir with the Pagefind binary: the binary and its process."""
    executable = get_executable()
    if executable is None:
        raise EnvironmentFailure("search: true needs Pagefind's binary (pip install pagefind-bin)")
    try:
        process = subprocess.Popen(
            [
                str(executable),
                "--site",
                str(site_dir),
                "--output-path",
                str(index_dir),
                "--root-selector",
                ROOT_SELECTOR,
                "--exclude-selectors",
                EXCLUDE_SELECTORS,
                "--silent",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    except OSError as e:
        raise EnvironmentFailure(f"search: could not run {executable}: {e.strerror or e}") from e
    return executable, process
