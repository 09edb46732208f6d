"""Where a build's time and memory go, stage by stage: wall time, this process's CPU time, and
its peak RSS when each stage ended.

    python bench/stages.py build --root PROJECT --out NEW_FOLDER [build options]

It runs `site-builder` in this process with the pipeline's stages wrapped in timers (the names
build.py imports them by), then prints one line per stage call, in the order they ended; a
stage inside another (render_job inside render_site_reusing) is counted in both. The render
and card workers are other processes: their CPU time is not in a stage's (a stage that waits
for them shows wall time without CPU), so the last line gives the whole process tree's CPU as
the kernel counts it. For a cold build, give a project without `.site-builder-cache/` and a
new --out (move old ones aside: on this disk, deleting many files slows creating them).
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from typing import Any

Row = tuple[str, float, float, float]
"""Stage, wall seconds, CPU seconds of this process, peak RSS (MB) when it ended."""

STAGES = (
    "read_content",
    "load_media",
    "parse_content",
    "link_checked",
    "render_site_reusing",
    "make_pictures",
    "make_cards",
    "plan_cards",
    "render_job",
    "page_records",
    "render_outputs",
    "render_oembeds",
    "index_search",
    "render_headers",
    "write_site",
    "open_staging",
)
"""Names in site_builder.build's namespace, wrapped when there (older engines lack some)."""


def peak_mb() -> float:
    """This process's peak RSS so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(rows: list[Row], label: str, real: Callable[..., Any]) -> Callable[..., Any]:
    """real, noting a row each time it returns or raises."""

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return real(*args, **kwargs)
        finally:
            rows.append((label, time.perf_counter() - wall, time.process_time() - cpu, peak_mb()))

    return wrapped


def main(argv: list[str]) -> int:
    import site_builder.build as build
    from site_builder.cache import BuildCache
    from site_builder.cli import main as site_builder

    rows: list[Row] = []
    for name in STAGES:
        if hasattr(build, name):
            setattr(build, name, timed(rows, name, getattr(build, name)))
    BuildCache.save = timed(rows, "cache save", BuildCache.save)  # type: ignore[method-assign]
    wall, cpu = time.perf_counter(), time.process_time()
    code = site_builder(argv)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    for label, seconds, cpu_seconds, peak in rows:
        print(f"{label:22} wall {seconds:7.2f} s  cpu {cpu_seconds:6.2f} s  peak {peak:5.0f} MB")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"{'the whole build':22} wall {wall:7.2f} s  cpu {cpu:6.2f} s  peak {peak_mb():5.0f} MB; "
        f"CPU of the reaped children {children.ru_utime + children.ru_stime:.2f} s"
    )
    return code


if __name__ == "__main__":  # workers re-import this module as __mp_main__: only run once
    sys.exit(main(sys.argv[1:]))
