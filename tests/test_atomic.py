"""The output swap is atomic: a build killed with SIGKILL at any moment leaves public/ as the
complete old site or the complete new one, and the next build clears what the killed one left."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import REPO, snapshot
from test_bench_corpus import load_corpus_module

from site_builder.cli import main

KILLS = 20
SEED = 8
NEW_PAGE = "content/pages/late-addition.md"


def set_state(root: Path, site_yaml: str, new: bool) -> None:
    """Old: the generated corpus. New: another site title (every page changes) and one more page."""
    title = "title: Atomic new site\n" if new else "title: Atomic old site\n"
    (root / "content/site.yaml").write_text(title + site_yaml, "utf-8")
    page = root / NEW_PAGE
    if new:
        page.write_text("---\ntitle: A late addition\n---\nOnly the new site has this page.\n")
    else:
        page.unlink(missing_ok=True)


def start_build(root: Path, out_dir: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "site_builder", "build", "--root", str(root), "--out", str(out_dir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )


def test_sigkill_never_leaves_a_half_site(tmp_path: Path) -> None:
    corpus_module = load_corpus_module()
    root, out_dir = tmp_path / "project", tmp_path / "public"
    corpus_module.write_corpus(corpus_module.make_corpus(300), root, tmp_path / "plain")
    site_yaml = "".join(
        line
        for line in (root / "content/site.yaml").read_text("utf-8").splitlines(keepends=True)
        if not line.startswith("title:")
    )
    # Social cards would only lengthen every build (a card per page, in worker processes): what
    # is under test is the write, which is the same with or without them.
    site_yaml += "social_cards: false\n"
    references: dict[bool, dict[str, bytes]] = {}
    for new in (False, True):
        set_state(root, site_yaml, new)
        reference_dir = tmp_path / f"reference-{'new' if new else 'old'}"
        assert main(["build", "--root", str(root), "--out", str(reference_dir)]) == 0
        references[new] = snapshot(reference_dir)
    assert references[False].keys() != references[True].keys()

    set_state(root, site_yaml, new=False)
    started = time.monotonic()
    finished = start_build(root, out_dir)
    assert finished.wait(timeout=120) == 0
    run_time = time.monotonic() - started  # to spread the kills over a whole build
    assert snapshot(out_dir) == references[False]

    rng = random.Random(SEED)
    current = False
    outcomes = {"old": 0, "new": 0}
    for _ in range(KILLS):
        set_state(root, site_yaml, new=not current)
        build = start_build(root, out_dir)
        # half anywhere in the run, half near its end, where the output is written and swapped
        time.sleep(run_time * (rng.uniform(0, 1) if rng.random() < 0.5 else rng.uniform(0.6, 1.1)))
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=60)
        assert build.stderr is not None and b"Traceback" not in build.stderr.read()
        build.stderr.close()
        after = snapshot(out_dir)
        assert after in (references[False], references[True]), "public/ is a half-written site"
        current = after == references[True]
        outcomes["new" if current else "old"] += 1
    print(f"{KILLS} kills within {run_time:.1f} s builds: {outcomes}")

    set_state(root, site_yaml, new=not current)
    assert main(["build", "--root", str(root), "--out", str(out_dir)]) == 0
    assert snapshot(out_dir) == references[not current]
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".")) == []
