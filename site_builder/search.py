"""The search index: Pagefind reads the rendered pages and writes a static index the browser queries.

Pagefind (PyPI `pagefind[bin]`) runs offline and ships its own search code, so we write no index
format of our own. Its Python wrapper reads one reply per 0.1 s and returns `get_files()` through
a 2 MiB pipe buffer, so the pages go through a scratch folder in one `add_directory` call and the
index comes back with `write_files`: 0.3 s for the explainer instead of 0.1 s a page.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind.index import IndexConfig
from pagefind.service import PagefindService

SEARCH_DIR = "pagefind"
"""Where the index lives in the output; the theme's search.js imports pagefind.js from here."""
NOT_INDEXED = frozenset(("404.html",))
UNUSED_FILES = ("pagefind-ui", "pagefind-component-ui", "pagefind-modular-ui", "pagefind-highlight")
"""Pagefind's ready-made UIs: the theme has its own small one, so they are not shipped."""
INDEX_CONFIG: IndexConfig = {"root_selector": "main", "exclude_selectors": [".mention-tip"]}
"""Only the page's own content: the header, navigation and footer repeat on every page, and a
mention's tooltip repeats a definition the glossary page already holds."""


def index_search(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """Output path -> bytes of the Pagefind index of every HTML page, and pagefind.js with it."""
    pages = {path: data for path, data in files.items()
             if path.endswith(".html") and path not in NOT_INDEXED}
    with tempfile.TemporaryDirectory(prefix="site-builder-search-") as scratch:
        site_dir, index_dir = Path(scratch) / "site", Path(scratch) / SEARCH_DIR
        for path, data in pages.items():
            page_path = site_dir / path
            page_path.parent.mkdir(parents=True, exist_ok=True)
            page_path.write_bytes(data)
        # A thread with its own event loop: serve builds from inside its loop, where
        # asyncio.run refuses to start another.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, write_index(site_dir, index_dir)).result()
        return {
            f"{SEARCH_DIR}/{path.relative_to(index_dir).as_posix()}": path.read_bytes()
            for path in sorted(index_dir.rglob("*"))
            if path.is_file() and not path.name.startswith(UNUSED_FILES)
        }


async def write_index(site_dir: Path, index_dir: Path) -> None:
    """Run Pagefind's indexer over site_dir and write its bundle to index_dir."""
    async with PagefindService() as service:
        index = await service.create_index(INDEX_CONFIG)
        await index.add_directory(str(site_dir))
        await index.write_files(output_path=str(index_dir))
