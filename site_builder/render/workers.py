"""Render workers: a process pool that renders chunks of a large site's pages beside us.

Workers start from a fork server (never a fork of this process, which may be the preview server
with its threads) that has imported site_builder once. Each worker loads the build's plain data
once, pickled (RenderJob) into a temporary file, and makes its own Renderer from it; a task is
then a chunk of page numbers. This process renders chunks too, taking them from the end of the
list while the workers take them from the start, so neither waits for the other; a build hands
each chunk on (to the staging folder) as it comes. An exception raised in a worker is raised
here as itself, the worker's traceback as its cause (concurrent.futures).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import io
import os
import pickle
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeVar

import jinja2

from .. import markup, model
from ..cache import DataclassPickler, collection_paused
from ..errors import SiteError
from ..mentions import Aliases, Matcher, compile_matcher
from ..progress import Progress
from ..provenance.checks import Memo, compute_now
from ..records import frozen
from ..urls import output_path
from .pages import PagePlan
from .renderer import Rendered, Renderer
from .theme import Theme, make_environment

if TYPE_CHECKING:  # Pillow is loaded only by builds that have pictures; multiprocessing and
    # concurrent.futures only by those that render in a pool (imported where they start one)
    import multiprocessing.connection
    from concurrent.futures import Future

    from ..images import Derivatives

T = TypeVar("T")

START_METHOD = "forkserver"
"""Workers are forked from a server process started for the purpose: safe under threads, and
only the server pays for importing site_builder."""
PARALLEL_MIN_PAGES = 1000
"""Below this many pages one process is faster: a worker's start-up (unpickling the site,
making its renderer, compiling the templates and the mention matcher) costs more than it saves.
Measured on 2 cores, cold builds of bench/corpus.py sites: 322 pages, one process 1.6 s, a pool
2.6 s; 682 pages, 3.8 s either way; 1,807 pages, the pool faster."""
PROGRESS_SLICE = 16
"""Pages rendered between two progress reports in one process, and handed on together: small
enough that Pagefind reads the first while the others render."""
CHUNKS_PER_PROCESS = 32
"""Tasks per process (us and the workers): small enough that nobody waits long for the last
chunk, large enough that sending each costs little."""


def available_workers() -> int:
    """The processes a build may use: the CPUs, or 1 when worker processes cannot start because
    they could not re-import the program's main module, as every start method but fork does:
    a script read from standard input (`python -`) has a __main__ with a file that is not there."""
    main = sys.modules.get("__main__")
    main_file = getattr(main, "__file__", None)
    if getattr(main, "__spec__", None) is None and main_file and not os.path.exists(main_file):
        return 1
    return os.cpu_count() or 1


WORKER_KILLED = (
    "a render worker stopped abruptly (killed by a signal: the out-of-memory killer, kill -9?) "
    "while rendering; nothing was written"
)


class RenderWorkerFailed(RuntimeError):
    """A render worker died (a signal: the out-of-memory killer, kill -9), or raised an
    exception that cannot travel to the parent: a bug or the machine, not the user's content.
    The message carries the worker's traceback when there was one."""


@frozen
class RenderJob:
    """Everything a worker needs to render any page of one build, as plain data."""

    site: model.Site
    theme: Theme
    plans: tuple[PagePlan, ...]
    root_path: str
    """URL path the site is served under (Renderer.root_path)."""
    bytecode_dir: Path | None
    """Jinja's bytecode cache (the parent's): workers load compiled templates from it when it
    holds them, and never report failing to save there (the parent does, once)."""
    pictures: dict[str, Derivatives] = field(default_factory=dict)
    """'media/x.jpg' -> its files' names and sizes, without their bytes (pictures.without_bytes):
    what pages need to show the pictures, cheap to send to a worker."""


def render_job(
    job: RenderJob,
    workers: int = 1,
    environment: jinja2.Environment | None = None,
    compile_mentions: Callable[[Aliases], Matcher] = compile_matcher,
    progress: Progress | None = None,
    memo: Memo = compute_now,
    on_chunk: Callable[[Rendered], None] | None = None,
    meanwhile: Callable[[], None] = lambda: None,
) -> Rendered:
    """Every page and asset of the job, what each page read, and the template errors; with
    workers > 1, a large site's pages are rendered in a pool (render_in_pool). `environment`,
    `compile_mentions` and `memo`: what this process reuses between builds (see
    build.render_site); workers make their own.

    With `on_chunk`, each chunk of pages is handed to it as soon as it is rendered (a build
    writes them then) and not kept: the files returned are the assets alone. `meanwhile` is
    called once (work for this process that needs no page): in a pool, before this process
    renders any page, while the workers start and render; in this process alone, after the
    pages, while what was handed them (Pagefind) reads them."""
    if progress:
        progress.stage("rendering", len(job.plans))
    if workers > 1 and len(job.plans) >= PARALLEL_MIN_PAGES:
        with render_pool(job, workers, progress, on_chunk) as render:
            meanwhile()
            renderer = Renderer(
                job.site, job.theme, job.root_path, environment, compile_mentions, job.pictures, memo
            )
            files, errors, reads = render(renderer)
    else:
        renderer = Renderer(
            job.site, job.theme, job.root_path, environment, compile_mentions, job.pictures, memo
        )
        if progress or on_chunk:  # in slices, to say how far it got, or to hand them over
            slices = [
                job.plans[start : start + PROGRESS_SLICE]
                for start in range(0, len(job.plans), PROGRESS_SLICE)
            ]
            results = []
            for plans in slices:
                results.append(handed_over(renderer.render_pages(plans), on_chunk))
                if progress:
                    progress.advance(len(plans))
            files, errors, reads = merged(job.plans, results)
        else:
            files, errors, reads = renderer.render_pages(job.plans)
        meanwhile()  # after the pages: what reads them (the search index) works meanwhile
    files.update(renderer.asset_files())
    return files, errors, reads


def handed_over(result: Rendered, on_chunk: Callable[[Rendered], None] | None) -> Rendered:
    """result, or, with on_chunk, result handed to it and kept without its pages and reads."""
    if on_chunk is None:
        return result
    on_chunk(result)
    return {}, result[1], {}


def start_fork_server() -> None:
    """Start the process render workers are forked from, if it is not running: it imports
    site_builder (~0.3 s) while this process goes on (build() calls this before linking a
    large site), instead of when the pages are ready to render."""
    import multiprocessing.forkserver

    multiprocessing.get_context(START_METHOD).set_forkserver_preload([__name__])
    multiprocessing.forkserver.ensure_running()


def render_in_pool(renderer: Renderer, job: RenderJob, workers: int) -> Rendered:
    """Every page of the job, by `renderer` here and `workers - 1` worker processes."""
    with render_pool(job, workers) as render:
        return render(renderer)


@contextlib.contextmanager
def render_pool(
    job: RenderJob,
    workers: int,
    progress: Progress | None = None,
    on_chunk: Callable[[Rendered], None] | None = None,
) -> Iterator[Callable[[Renderer], Rendered]]:
    """Start `workers - 1` workers on the job's pages; give render(renderer), which renders
    this process's share with `renderer` (made meanwhile, while the workers start) and returns
    every page merged in plan order, byte-identical to renderer.render_pages(plans).

    With `on_chunk`, each chunk is handed to it as it comes (the workers' between two of ours)
    and not kept (see render_job).

    On leaving, the chunks not started are cancelled and the pool is shut down (the chunks
    being rendered finish first): when anything failed, before the exception goes on.
    """
    plans = job.plans
    chunks = make_chunks(plans, min(len(plans), workers * CHUNKS_PER_PROCESS))
    start_fork_server()
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from ..arenas import threads_switched_quickly

    context = multiprocessing.get_context(START_METHOD)
    # A pipe nobody writes to: a worker sees it close when this process ends, however it ends.
    alive_read, alive_write = context.Pipe(duplex=False)
    with alive_read, alive_write, job_file(job) as payload, threads_switched_quickly():
        pool = ProcessPoolExecutor(
            workers - 1, mp_context=context, initializer=start_worker, initargs=(payload, alive_read)
        )
        try:
            try:
                futures = [pool.submit(render_chunk, chunk) for chunk in chunks]
            except (BrokenProcessPool, BrokenPipeError) as error:  # a worker killed as it started
                raise RenderWorkerFailed(WORKER_KILLED) from error

            def render(renderer: Renderer) -> Rendered:
                results: list[Rendered | None] = [None] * len(chunks)
                ours: set[int] = set()

                def take_finished(wait: bool) -> None:
                    """The workers' chunks that are done (all, waiting for them, when `wait`)."""
                    for index, future in enumerate(futures):
                        if results[index] is None and index not in ours and (wait or future.done()):
                            results[index] = handed_over(worker_result(future), on_chunk)
                            if progress:
                                progress.advance(len(chunks[index]))

                for index in reversed(range(len(chunks))):
                    if futures[index].cancel():  # not sent to a worker yet: ours
                        ours.add(index)
                        page_plans = [plans[n] for n in chunks[index]]
                        results[index] = handed_over(renderer.render_pages(page_plans), on_chunk)
                        if progress:
                            progress.advance(len(chunks[index]))
                        if on_chunk is not None:
                            take_finished(wait=False)
                take_finished(wait=True)
                return merged(plans, [result for result in results if result is not None])

            yield render
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def merged(plans: Sequence[PagePlan], results: list[Rendered]) -> Rendered:
    """The chunks' pages in plan order, and their errors, each once."""
    rendered: dict[str, bytes] = {}
    errors: dict[tuple[str, int, str], SiteError] = {}
    reads: dict[str, frozenset[str]] = {}
    for files, chunk_errors, chunk_reads in results:
        rendered.update(files)
        reads.update(chunk_reads)
        for error in chunk_errors:  # a typo in a partial fails every chunk that uses it: once
            errors.setdefault((error.path, error.line, error.message), error)
    pages = {
        path: rendered[path] for path in map(output_path, (plan.url for plan in plans)) if path in rendered
    }
    return pages, list(errors.values()), {plan.url: reads[plan.url] for plan in plans if plan.url in reads}


def make_chunks(plans: Sequence[PagePlan], count: int) -> list[list[int]]:
    """The page numbers in `count` chunks of about equal cost, for workers to take from the
    start and this process from the end. Pages that list a whole kind (the timeline, the index
    of people: plans without an item) cost many times a profile page: they are dealt first, one
    per chunk, alternately to the first chunks and the last, so they are rendered early on
    every side, and no process is left with one at the end while the others wait. The pages
    of one item (its own page, its embed page) go to one chunk: they draw the same map, which a
    renderer draws once."""
    chunks: list[list[int]] = [[] for _ in range(count)]
    heavy = [number for number, plan in enumerate(plans) if plan.item is None]
    for position, number in enumerate(heavy):
        place = position // 2 % count
        chunks[place if position % 2 == 0 else count - 1 - place].append(number)
    items: dict[str, int] = {}
    for number, plan in enumerate(plans):
        if plan.item is not None:
            position = items.setdefault(plan.item.slug, len(items))
            chunks[position % count].append(number)
    return chunks


def worker_result(future: Future[T]) -> T:
    """A worker's result (its pages, their reads and template errors); what it raised is
    raised here, and a worker killed reads as RenderWorkerFailed."""
    from concurrent.futures.process import BrokenProcessPool  # loaded with the pool

    try:
        return future.result()
    except BrokenProcessPool as error:
        raise RenderWorkerFailed(WORKER_KILLED) from error


# --- in a worker process ------------------------------------------------------------------


@dataclass(slots=True)
class Worker:
    """A worker process's renderer and pages, made once from the RenderJob it was sent."""

    renderer: Renderer
    plans: tuple[PagePlan, ...]


WORKER: list[Worker] = []
"""The one Worker of a worker process, set by start_worker; always empty in the parent. A pool
task is a plain function, so this is how its process's renderer reaches it."""


def start_worker(payload: str, parent_alive: multiprocessing.connection.Connection) -> None:
    """Make this worker's renderer from the parent's RenderJob (pickled in the file `payload`,
    see job_file); exit when the parent does."""
    # Ctrl-C reaches the whole process group: the parent stops the pool, we just finish a chunk.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    watch_parent(parent_alive)
    with collection_paused(), open(payload, "rb") as file:
        job: RenderJob = pickle.load(file)
        gc.freeze()  # kept for the worker's life: later collections need not look at them
    environment = make_environment(job.theme, job.bytecode_dir)
    WORKER.append(
        Worker(
            Renderer(job.site, job.theme, job.root_path, environment, made_pictures=job.pictures), job.plans
        )
    )


def watch_parent(parent_alive: multiprocessing.connection.Connection) -> None:
    """Exit this worker process when the parent does (a thread waits: exit_with_parent); the
    initializer of a card pool's workers, and part of start_worker."""
    threading.Thread(target=exit_with_parent, args=(parent_alive,), daemon=True).start()


def exit_with_parent(parent_alive: multiprocessing.connection.Connection) -> None:
    """Wait for the parent's end of the pipe to close (it exited or was killed), then exit: a
    killed build leaves no worker waiting for work that will never come."""
    import multiprocessing.connection

    multiprocessing.connection.wait([parent_alive])
    os._exit(1)


def render_chunk(numbers: list[int]) -> Rendered:
    """The job's pages of these numbers (positions in its plans), as Renderer.render_pages
    gives them."""
    worker = WORKER[0]
    try:
        return worker.renderer.render_pages([worker.plans[number] for number in numbers])
    except Exception as error:
        if travels(error):
            raise  # concurrent.futures sends it, with our traceback as its cause
        raise RenderWorkerFailed(f"a render worker failed:\n{traceback.format_exc()}") from None


def travels(error: BaseException) -> bool:
    """Whether an exception survives the trip to the parent (pickled and rebuilt)."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # an attribute pickle refuses, or an __init__ it cannot call again
        return False
    return True


# --- sending a RenderJob ------------------------------------------------------------------


def dump(job: RenderJob, file: IO[bytes]) -> None:
    """The job pickled once into `file`, for every worker to load; its bodies without their
    [[link]] lists, which only the link stage reads (a large site's most numerous objects)."""
    bodies = {slug: markup.RenderedBody(body.html, ()) for slug, body in job.site.bodies.items()}
    job = dataclasses.replace(job, site=dataclasses.replace(job.site, bodies=bodies))
    with collection_paused():
        DataclassPickler(file, pickle.HIGHEST_PROTOCOL).dump(job)


def dumps(job: RenderJob) -> bytes:
    """The job pickled as dump() writes it."""
    buffer = io.BytesIO()
    dump(job, buffer)
    return buffer.getvalue()


JOB_FILE_PREFIX = "site-builder-job-"


def remove_orphan_job_files(folder: Path) -> None:
    """Remove the job files in `folder` whose build process is gone (killed: SIGKILL leaves no
    time to remove its own), so such builds do not fill the temporary folder."""
    for path in folder.glob(f"{JOB_FILE_PREFIX}*.pickle"):
        pid = path.name.removeprefix(JOB_FILE_PREFIX).partition("-")[0]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):  # another user's, in a shared /tmp
                path.unlink()
        except OSError:  # alive, another user's
            continue


@contextlib.contextmanager
def job_file(job: RenderJob) -> Iterator[str]:
    """The path of a temporary file holding the job pickled (dump), removed on leaving: sent
    through a file, the pickle (17 MB at 4,000 items) is not held in this process's memory for
    the pool's life, as arguments to the workers' initializer are. Its name holds this
    process's id, so that the next pool removes it if this process is killed before it can."""
    remove_orphan_job_files(Path(tempfile.gettempdir()))
    with tempfile.NamedTemporaryFile(prefix=f"{JOB_FILE_PREFIX}{os.getpid()}-", suffix=".pickle") as file:
        dump(job, file)
        file.flush()
        yield file.name
