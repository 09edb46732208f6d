"""Time site-builder against Hugo, Pelican, MkDocs, Eleventy and the bare Python pipeline.

    python bench/run.py [--pages N ...] [--peers] [--runs 5]

Every timed run is a new process, measured from spawn to exit with its own peak RSS (wait4 on that
one child) and the CPU time of its whole process tree: this process is a child subreaper, so the
processes the child leaves behind (the fork server, whose children are the render and card
workers) come back to it when the child exits, and are waited for and counted too. Runs
alternate between the tools, round after round, and the medians of `--runs` rounds after
`--warmup` rounds are printed as a Markdown table. Outputs are never deleted while timing (on
this disk, creating files just after deleting many is slow for minutes): each run writes to a
fresh folder, old folders are renamed into bench/out/trash/, emptied at the end.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corpus import make_corpus, write_corpus
from peers import PEERS, Peer, install_peers

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
WORK_DIR = BENCH_DIR / "out"
CACHE_DIR_NAME = ".site-builder-cache"
IMPORT_FLOOR = [sys.executable, "-c", "import jinja2, markdown_it, yaml"]


@dataclass(frozen=True, slots=True)
class Measure:
    """One run of one tool."""

    seconds: float
    peak_rss_mb: float
    cpu_seconds: float
    """User plus system time of the child and of every process under it (see reap_tree)."""


@dataclass(slots=True)
class Series:
    """Every measured run of one tool at one N; `failure` once it failed (then it is not rerun)."""

    tool: str
    runs: list[Measure] = field(default_factory=list)
    failure: str = ""


class Trash:
    """Where old outputs go: renamed now (cheap, no inode churn), deleted when timing is over."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0
        folder.mkdir(parents=True, exist_ok=True)

    def retire(self, path: Path) -> None:
        """Move path out of the way if it exists."""
        if path.exists():
            self.count += 1
            path.rename(self.folder / f"{self.count}-{path.name}")

    def empty(self) -> None:
        """Delete everything retired (after the last timed run)."""
        shutil.rmtree(self.folder, ignore_errors=True)


PR_SET_CHILD_SUBREAPER = 36
"""prctl(2): orphans of our descendants are re-parented to us instead of to init."""


def become_subreaper() -> bool:
    """Make this process a child subreaper (Linux), so reap_tree can count a timed command's
    orphaned descendants; False where the kernel refuses (then CPU counts only what the
    command itself waited for)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def reap_tree(group: int) -> float:
    """Wait for every child of ours left in process group `group` (the timed command's
    orphans: its fork server, which has itself waited for the workers it forked) and return
    their user plus system CPU seconds."""
    cpu = 0.0
    while True:
        try:
            _, _, usage = os.wait4(-group, 0)
        except ChildProcessError:
            return cpu
        cpu += usage.ru_utime + usage.ru_stime


def run_measured(argv: Sequence[str], cwd: Path, log: Path) -> Measure:
    """Run argv to completion; wall time and peak RSS of this child, and the CPU time of the
    child and of every process under it (the render and card workers, through their fork
    server: not the child's own children, so wait4 on the child alone misses them)."""
    with log.open("wb") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(
            argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True
        )  # its own process group: what it leaves behind is told apart from our other children
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    orphans_cpu = reap_tree(process.pid)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text("utf-8", errors="replace")[-800:]
        raise RuntimeError(f"exit {process.returncode}: {' '.join(map(str, argv))}\n{tail}")
    return Measure(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime + orphans_cpu)


def site_builder_argv(root: Path, out: Path) -> list[str]:
    """The build command exactly as a user types it, in a new process."""
    return [sys.executable, "-m", "site_builder", "build", "--root", str(root), "--out", str(out)]


@dataclass(frozen=True, slots=True)
class Step:
    """One thing timed each round: a label and a function of the round number -> Measure."""

    tool: str
    run: Callable[[int], Measure]


def site_builder_steps(project: Path, edit_path: Path, outs: Path, trash: Trash, log: Path) -> list[Step]:
    """Cold (no cache, fresh --out), no-change rebuild (same out), then one edited file."""
    original = edit_path.read_text("utf-8")

    def cold(round_number: int) -> Measure:
        trash.retire(project / CACHE_DIR_NAME)
        edit_path.write_text(original, "utf-8")
        return run_measured(site_builder_argv(project, outs / f"sb-{round_number}"), project, log)

    def no_change(round_number: int) -> Measure:
        return run_measured(site_builder_argv(project, outs / f"sb-{round_number}"), project, log)

    def one_edit(round_number: int) -> Measure:
        edit_path.write_text(original + f"\nEdited in round {round_number}.\n", "utf-8")
        measure = run_measured(site_builder_argv(project, outs / f"sb-{round_number}"), project, log)
        trash.retire(outs / f"sb-{round_number}")
        return measure

    return [
        Step("site-builder cold", cold),
        Step("site-builder no-change rebuild", no_change),
        Step("site-builder one-file edit", one_edit),
    ]


def fresh_out_step(
    tool: str, argv_for: Callable[[Path], list[str]], cwd: Path, outs: Path, trash: Trash, log: Path
) -> Step:
    """A tool that builds from scratch into a new folder each round."""

    def run(round_number: int) -> Measure:
        out = outs / f"{tool.split()[0]}-{round_number}"
        measure = run_measured(argv_for(out), cwd, log)
        trash.retire(out)
        return measure

    return Step(tool, run)


def time_rounds(steps: list[Step], warmup: int, runs: int) -> list[Series]:
    """Alternate the steps round by round; keep the rounds after the warm-up."""
    series = [Series(step.tool) for step in steps]
    for round_number in range(warmup + runs):
        for step, results in zip(steps, series, strict=True):
            if results.failure:
                continue
            try:
                measure = step.run(round_number)
            except (RuntimeError, OSError) as e:
                results.failure = str(e).splitlines()[0]
                print(f"  {step.tool} failed: {e}", file=sys.stderr)
                continue
            if round_number >= warmup:
                results.runs.append(measure)
        print(f"  round {round_number + 1}/{warmup + runs} done", file=sys.stderr)
    return series


def bench_pages(
    total: int, with_peers: dict[str, Peer], warmup: int, runs: int, trash: Trash
) -> tuple[Path, Path, list[Series]]:
    """Generate the N-item corpus, lay out each peer's project, time every tool.

    Returns (the site-builder project, the person file the edits change, the series)."""
    base = WORK_DIR / f"n{total}"
    trash.retire(base)
    project, plain, outs = base / "site-builder", base / "plain", base / "runs"
    outs.mkdir(parents=True)
    corpus = make_corpus(total)
    write_corpus(corpus, project, plain)
    log = base / "stderr.log"
    first_person = next(item for item in corpus.items if item.kind == "people")
    edited = project / "content" / "people" / f"{first_person.slug}.md"
    steps = site_builder_steps(project, edited, outs, trash, log)
    for name, peer in with_peers.items():
        peer_project = base / name
        peer.prepare(plain, peer_project)
        steps.append(
            fresh_out_step(
                name, lambda out, p=peer, d=peer_project: p.command(d, out), peer_project, outs, trash, log
            )
        )
    bare = [sys.executable, str(BENCH_DIR / "peers.py"), "bare", str(plain)]
    steps.append(
        fresh_out_step("bare pipeline, 1 process", lambda out: [*bare, str(out)], base, outs, trash, log)
    )
    steps.append(
        fresh_out_step(
            "bare pipeline, 2 processes",
            lambda out: [*bare, str(out), "--processes", "2"],
            base,
            outs,
            trash,
            log,
        )
    )
    steps.append(Step("import floor", lambda _: run_measured(IMPORT_FLOOR, base, log)))
    print(f"N = {total}: {len(corpus.items)} content files", file=sys.stderr)
    return project, edited, time_rounds(steps, warmup, runs)


def serve_latency_ms(project: Path, edited: Path, edits: int) -> float:
    """Median save-to-reload of `site-builder serve` on project, in real Chromium (serve_latency.py)."""
    from playwright.sync_api import sync_playwright
    from serve_latency import launch, save_to_reload

    rel_file = edited.relative_to(project).as_posix()
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            _, latencies, _ = save_to_reload(browser, project, rel_file, f"people/{edited.stem}/", edits)
        finally:
            browser.close()
    return statistics.median(latencies)


def bench_panjshir(warmup: int, runs: int, trash: Trash) -> list[Series]:
    """The repository's own explainer, cold, against the import floor (in a copy: no cache)."""
    base = WORK_DIR / "panjshir"
    trash.retire(base)
    project, outs = base / "project", base / "runs"
    shutil.copytree(REPO_DIR / "content", project / "content")
    outs.mkdir(parents=True)
    log = base / "stderr.log"

    def cold(round_number: int) -> Measure:
        trash.retire(project / CACHE_DIR_NAME)
        return run_measured(site_builder_argv(project, outs / f"sb-{round_number}"), project, log)

    steps = [
        Step("site-builder cold (Panjshir)", cold),
        Step("import floor", lambda _: run_measured(IMPORT_FLOOR, base, log)),
    ]
    return time_rounds(steps, warmup, runs)


def median(series: Series) -> float:
    """Median wall time of a series."""
    return statistics.median(measure.seconds for measure in series.runs)


def median_cpu(series: Series) -> float:
    """Median CPU time (user + system) of a series."""
    return statistics.median(measure.cpu_seconds for measure in series.runs)


def peak_rss(series: Series) -> float:
    """The largest peak RSS of any run of a series, in MB."""
    return max(measure.peak_rss_mb for measure in series.runs)


def format_table(total: int | str, all_series: list[Series], reference_tools: Sequence[str]) -> str:
    """A Markdown table: median seconds, peak RSS and the ratio to each reference tool."""
    by_tool = {series.tool: series for series in all_series}
    references = {
        tool: median(by_tool[tool]) for tool in reference_tools if tool in by_tool and by_tool[tool].runs
    }
    ratio_names = [f"ratio to {tool}" for tool in reference_tools]
    header = ["N", "tool", "median wall (s)", "median CPU (s)", "peak RSS (MB)", *ratio_names]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for series in all_series:
        if not series.runs:
            blanks = ["", "", *("" for _ in reference_tools)]
            cells = [str(total), series.tool, f"failed: {series.failure}", *blanks]
        else:
            seconds = median(series)
            ratios = [
                f"{seconds / references[tool]:.2f}" if tool in references else "n/a"
                for tool in reference_tools
            ]
            cells = [
                str(total),
                series.tool,
                f"{seconds:.3f}",
                f"{median_cpu(series):.2f}",
                f"{peak_rss(series):.0f}",
                *ratios,
            ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


GOAL_N = 4000
"""The corpus size the issue's goals are stated at (peak RSS also at LARGE_N)."""
LARGE_N = 16000


def goals_table(results: dict[int, list[Series]], serve_ms: dict[int, float], panjshir: list[Series]) -> str:
    """The goals of issue 18, one row each: what was measured in this run, the goal, met or not."""

    def medians(series_list: list[Series]) -> dict[str, float]:
        return {series.tool: median(series) for series in series_list if series.runs}

    def ratio(series_list: list[Series] | None, tool: str, reference: str) -> float | None:
        found = medians(series_list or [])
        return found[tool] / found[reference] if tool in found and reference in found else None

    def build_rss(total: int) -> float | None:
        sizes = [peak_rss(s) for s in results.get(total, []) if s.tool.startswith("site-builder") and s.runs]
        return max(sizes) if sizes else None

    at = results.get(GOAL_N)
    rows: list[tuple[str, float | None, float, str]] = [
        (f"cold build, N = {GOAL_N:,}", ratio(at, "site-builder cold", "hugo"), 2.0, "x Hugo"),
        (
            f"one-file edit, N = {GOAL_N:,}",
            ratio(at, "site-builder one-file edit", "hugo"),
            0.25,
            "x Hugo cold",
        ),
        (
            f"no-change rebuild, N = {GOAL_N:,}",
            ratio(at, "site-builder no-change rebuild", "hugo"),
            0.3,
            "x Hugo cold",
        ),
        (
            "Panjshir explainer, cold",
            ratio(panjshir, "site-builder cold (Panjshir)", "import floor"),
            1.5,
            "x the import floor",
        ),
        (f"serve save-to-reload, N = {GOAL_N:,}", serve_ms.get(GOAL_N), 500.0, "ms"),
        (f"peak RSS, N = {GOAL_N:,}", build_rss(GOAL_N), 200.0, "MB"),
        (f"peak RSS, N = {LARGE_N:,}", build_rss(LARGE_N), 600.0, "MB"),
    ]
    lines = ["| goal | measured | target | met |", "|---|---|---|---|"]
    for name, value, target, unit in rows:
        if value is None:
            lines.append(f"| {name} | not run | ≤ {target:g} {unit} | |")
        else:
            shown = f"{value:.0f} {unit}" if unit in ("ms", "MB") else f"{value:.2f} {unit}"
            lines.append(f"| {name} | {shown} | ≤ {target:g} {unit} | {'yes' if value <= target else 'no'} |")
    return "\n".join(lines)


def compile_engine() -> None:
    """Write the bytecode of the site_builder the timed processes import, as `pip install` does
    for an installed package: under PYTHONDONTWRITEBYTECODE (set on these machines) a checkout
    would otherwise compile every module of the engine in every timed process, which no
    installed user pays (the peers and the libraries were installed by pip, compiled)."""
    compile_it = (
        "import compileall, os, site_builder; "
        "compileall.compile_dir(os.path.dirname(site_builder.__file__), quiet=1)"
    )
    subprocess.run([sys.executable, "-c", compile_it], cwd=WORK_DIR.parent, check=True)


def engine_revision() -> str:
    """The commit the timed engine is at, and whether site_builder/ or templates/ differ from it."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=REPO_DIR, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown commit"
    dirty = git("status", "--porcelain", "--", "site_builder", "templates")
    return f"{commit}{' with uncommitted changes' if dirty else ''}"


def main(argv: Sequence[str] | None = None) -> int:
    """Parse options, run every N (and the Panjshir build), print the tables."""
    if not become_subreaper():
        print("note: not a child subreaper here; CPU counts only what each command waited for")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pages",
        type=int,
        nargs="*",
        default=[100, 1000, 4000, 16000],
        help="corpus sizes in items (default 100 1000 4000 16000)",
    )
    parser.add_argument("--peers", action="store_true", help="also time Hugo, Pelican, MkDocs, Eleventy")
    parser.add_argument("--runs", type=int, default=5, help="measured rounds (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="rounds run first and not kept (default 1)")
    parser.add_argument("--no-panjshir", action="store_true", help="skip the Panjshir explainer timing")
    parser.add_argument(
        "--serve-edits",
        type=int,
        default=10,
        help="saves timed in `serve` (real Chromium) per N, after the builds; 0 skips it (default 10)",
    )
    args = parser.parse_args(argv)

    trash = Trash(WORK_DIR / "trash")
    compile_engine()
    with_peers: dict[str, Peer] = {}
    versions = [
        f"site-builder at {engine_revision()}",
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs",
    ]
    if args.peers:
        problems = install_peers()
        for peer in PEERS:
            if peer.name in problems:
                print(f"{peer.name}: cannot be installed here: {problems[peer.name]}", file=sys.stderr)
                versions.append(f"{peer.name}: not installed")
                continue
            with_peers[peer.name] = peer
            versions.append(f"{peer.name} {peer.version()}")
    print("; ".join(versions), flush=True)
    tables = []
    panjshir: list[Series] = []
    if not args.no_panjshir:
        panjshir = bench_panjshir(args.warmup, args.runs, trash)
        tables.append(format_table("Panjshir", panjshir, ["import floor"]))
        print(tables[-1] + "\n", file=sys.stderr, flush=True)  # as it goes; stdout gets each once
    results: dict[int, list[Series]] = {}
    serve_ms: dict[int, float] = {}
    for total in args.pages:
        project, edited, results[total] = bench_pages(total, with_peers, args.warmup, args.runs, trash)
        table = format_table(total, results[total], ["hugo", "bare pipeline, 1 process"])
        if args.serve_edits > 0:
            try:
                serve_ms[total] = serve_latency_ms(project, edited, args.serve_edits)
                table += (
                    f"\n\nN = {total:,}: `serve`, save to reloaded page in Chromium, median of "
                    f"{args.serve_edits} saves: {serve_ms[total]:.0f} ms"
                )
            except Exception as e:  # a browser problem must not lose the build figures
                table += f"\n\nN = {total:,}: `serve` save-to-reload failed: {e}"
        tables.append(table)
        print(tables[-1] + "\n", file=sys.stderr, flush=True)  # as it goes; stdout gets each once
    tables.append(goals_table(results, serve_ms, panjshir))
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"Medians of {args.runs} runs after {args.warmup} warm-up; {'; '.join(versions)}; "
        f"load average at the end {load} (other work on the machine skews every number alike)."
    )
    print("\n\n".join(tables))
    trash.empty()
    return 0


if __name__ == "__main__":
    sys.exit(main())
