"""The cost of a second language: the bench corpus built cold in one language, then with
`languages: [en, fr]` and a translation beside every item (its text fields and body, copied:
the work is the same whatever the words). Prints the median of --runs cold builds of each.

    python bench/languages.py --pages 1000
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import time
from pathlib import Path

import yaml
from corpus import make_corpus, write_corpus
from run import site_builder_argv

from site_builder.translate import TRANSLATED_FIELDS

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent


def add_french(project: Path) -> int:
    """languages: [en, fr] in site.yaml and an x.fr.md beside every item but sources; returns
    how many translations were written."""
    content = project / "content"
    site_yaml = (content / "site.yaml").read_text("utf-8").replace("language: en\n", "")
    (content / "site.yaml").write_text(site_yaml + "languages: [en, fr]\n", "utf-8")
    written = 0
    for path in sorted(content.glob("*/*.md")):
        kind = path.parent.name
        if kind not in TRANSLATED_FIELDS:
            continue
        _, front, body = path.read_text("utf-8").split("---\n", 2)
        fields = yaml.safe_load(front) or {}
        kept = {key: value for key, value in fields.items() if key in TRANSLATED_FIELDS[kind]}
        text = yaml.safe_dump(kept, allow_unicode=True, sort_keys=False) if kept else ""
        path.with_name(path.stem + ".fr.md").write_text(f"---\n{text}---\n{body}", "utf-8")
        written += 1
    return written


def cold_build(project: Path, out: Path) -> float:
    """Seconds for one cold build in a new process, with no cache, into a new folder `out`
    (nothing is deleted while timing: see bench/README.md on this disk)."""
    started = time.perf_counter()
    subprocess.run(
        [*site_builder_argv(project, out), "--no-cache"],
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="items in the corpus (default 1000)")
    parser.add_argument("--runs", type=int, default=3, help="cold builds timed per variant (default 3)")
    args = parser.parse_args()
    base = BENCH / "out" / f"languages-n{args.pages}"
    shutil.rmtree(base, ignore_errors=True)
    project = base / "site-builder"
    write_corpus(make_corpus(args.pages), project, base / "plain")
    one = statistics.median(cold_build(project, base / f"one-{run}") for run in range(args.runs))
    translations = add_french(project)
    two = statistics.median(cold_build(project, base / f"two-{run}") for run in range(args.runs))
    pages = len(list((base / "two-0").rglob("*.html")))
    print(
        f"N = {args.pages}: one language {one:.2f} s; two languages ({translations} translations, "
        f"{pages} pages) {two:.2f} s; x{two / one:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
