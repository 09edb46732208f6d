"""A build's process: its garbage collector defers full collections while it builds."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path
from typing import Any

from conftest import SMALL_PROJECT, run_main, write_files

from site_builder.arenas import FULL_COLLECTION_AFTER, full_collections_deferred


class Node:
    """A cycle's member that a weak reference can watch."""

    other: Node | None = None


def test_deferring_full_collections_frees_young_cycles_and_gives_the_threshold_back() -> None:
    """Inside, a full collection waits for FULL_COLLECTION_AFTER middle ones, and young cycles
    are still freed; on leaving, the threshold is what it was (the tests go on in this process)."""
    before = gc.get_threshold()
    with full_collections_deferred():
        assert gc.get_threshold() == (*before[:2], max(before[2], FULL_COLLECTION_AFTER))
        first, second = Node(), Node()
        first.other, second.other = second, first
        watched = weakref.ref(first)
        del first, second
        gc.collect(0)
        assert watched() is None
    assert gc.get_threshold() == before


def test_site_builder_build_runs_without_full_collections(tmp_path: Path) -> None:
    """`site-builder build` defers full collections while it builds (each walks all the build
    holds), and leaves the threshold as it found it."""
    root = write_files(tmp_path / "site", SMALL_PROJECT)
    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            seen.append(gc.get_threshold())

    gc.callbacks.append(note)
    try:
        result = run_main("build", "--root", root, "--out", tmp_path / "out")
    finally:
        gc.callbacks.remove(note)
    assert result.returncode == 0, result.stderr
    # The CLI collects after the build too (printing, the cache's thread), at the threshold put
    # back: some collection, not every one, ran while it was deferred.
    assert any(threshold[2] >= FULL_COLLECTION_AFTER for threshold in seen), seen
    assert gc.get_threshold() == before
