"""One malloc arena for a build's process: its threads' garbage otherwise stays in memory; no
full garbage collections in it; and its threads handed the GIL quickly while pools run.

glibc's malloc gives a thread that allocates while another holds the main arena an arena of
its own (up to 8 per core). A large build's threads are its pools' result handlers
(concurrent.futures): they unpickle every page a render worker sends and every card a card
worker draws, and the main thread frees them once written. The memory freed in those arenas
is left in holes between what they still hold, and the main arena grows beside them instead
of reusing it. With one arena for every thread, the same holes are filled again. Measured on a
cold build of 4,000 items: peak RSS 182 → 162 MB (bench/stages.py). The threads contend for
the one arena's lock only while a result arrives.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import sys
from collections.abc import Iterator

M_ARENA_MAX = -8
"""mallopt's parameter for the most arenas malloc makes (glibc's malloc.h)."""


def one_malloc_arena() -> None:
    """Ask glibc's malloc to use one arena for every thread of this process, from now on;
    nothing where the C library is not glibc (no mallopt, or one that ignores the request)."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(M_ARENA_MAX, 1)


FULL_COLLECTION_AFTER = 1000
"""Collections of the middle generation before a full one may run: 10 by default, which a
cold build of 4,000 items reaches five times, each walking every object the build holds (the
site, its bodies, the build cache's tables: 0.15-0.2 s of CPU each). That build makes some 80;
only a site many times larger (about 50,000 items) would reach 1,000."""


@contextlib.contextmanager
def full_collections_deferred() -> Iterator[None]:
    """Inside, only the young generations are collected, as a build goes: what it holds lives
    until its end, so a full collection finds next to nothing to free (the peak RSS of that
    build is the same, 156-158 MB). Young garbage cycles are freed as before; the threshold is
    put back on leaving (the tests build in their own process, which goes on)."""
    young, middle, full = gc.get_threshold()
    gc.set_threshold(young, middle, max(full, FULL_COLLECTION_AFTER))
    try:
        yield
    finally:
        gc.set_threshold(young, middle, full)


POOL_SWITCH_INTERVAL = 0.0005
"""Seconds the main thread keeps the GIL while another thread of the process waits for it, when
worker pools run: the pools' threads (concurrent.futures' manager, the queues' feeders) read
each result a worker sends 64 KB at a time (a pipe's size), and wait for the GIL before each
read. At Python's default (5 ms), a worker sending a chunk of pages (about 1 MB) while this
process renders or links waited for its pipe to be read and then for its next task: the render
and card workers of a cold build of 4,000 items used 55-70 % of a core; at 0.5 ms, 85-95 %."""


@contextlib.contextmanager
def threads_switched_quickly() -> Iterator[None]:
    """Inside, a thread waiting for the GIL gets it after POOL_SWITCH_INTERVAL at most (put
    back on leaving): for the life of a worker pool, whose threads in this process feed it."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, POOL_SWITCH_INTERVAL))
    try:
        yield
    finally:
        sys.setswitchinterval(interval)
