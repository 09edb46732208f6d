"""The hostile corpus: one broken project per folder, each with the exact stderr it must produce.

A case folder holds only the files that differ from base/ (a small good site), plus
expected.txt: the exact stderr lines. An empty expected.txt means the input is accepted (exit 0).
Inputs that cannot be committed (a 50 MB file, symlinks to outside the project) are made by
SETUPS at test time. Every refused case must leave a previously built good output untouched.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from site_builder.cli import main

HOSTILE = Path(__file__).resolve().parent
BASE = HOSTILE / "base"
CASES = sorted(path.name for path in HOSTILE.iterdir() if (path / "expected.txt").is_file())
BOB = "content/people/bob.md"
BOB_FRONT = b"---\nname: Bob\nrole: Driver\nsummary: Drove.\n"


def make_big_file(root: Path, outside: Path) -> None:
    """50 MB: refused by the default 5 MB limit before a byte of it is read."""
    with (root / BOB).open("wb") as file:
        file.write(BOB_FRONT + b"---\n")
        file.truncate(50_000_000)


def make_wide_list(root: Path, outside: Path) -> None:
    """Just under the 5 MB limit, 2.4 million list values: refused before composing them."""
    (root / BOB).write_bytes(BOB_FRONT + b"aliases: [" + b"B," * 2_400_000 + b"B]\n---\n")


def link_content_outside(root: Path, outside: Path) -> None:
    """A content file that is a symlink to a file outside the project."""
    (outside / "eve.md").write_text("---\nname: Eve\nrole: Spy\nsummary: Leaks.\n---\n")
    (root / "content/people/eve.md").symlink_to(outside / "eve.md")


def link_template_outside(root: Path, outside: Path) -> None:
    """A theme override that is a symlink to a file outside templates/."""
    (outside / "secret.html").write_text("SECRET {{ config.title }}\n")
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates/page.html").symlink_to(outside / "secret.html")


def name_file_with_controls(root: Path, outside: Path) -> None:
    """A content file whose name holds a terminal escape and a tab (git would carry it badly)."""
    (root / "content/places").mkdir(exist_ok=True)
    (root / "content/places/\x1b[2Jvalley\tx.md").write_text(
        "---\nname: Valley\nkind: valley\nsummary: A valley.\n---\n"
    )


LONG_LINE_LINKS = 80_000


def make_long_line_of_links(root: Path, outside: Path) -> None:
    """80,000 [[links]] to nothing on one line (800 KB), then one to the page itself: the
    report prints 200 and counts the rest by kind."""
    links = " ".join(f"[[x{index:05d}]]" for index in range(LONG_LINE_LINKS))
    (root / BOB).write_bytes(BOB_FRONT + b"---\nBob drove. " + links.encode() + b" [[bob]]\n")


SETUPS: dict[str, Callable[[Path, Path], None]] = {
    "file-too-big": make_big_file,
    "wide-list-near-limit": make_wide_list,
    "symlink-outside-content": link_content_outside,
    "template-symlink-outside": link_template_outside,
    "control-characters": name_file_with_controls,
    "long-line-of-links": make_long_line_of_links,
}


def make_case(case: str, where: Path) -> Path:
    """base/ overlaid with the case's files (and its setup); returns the project root."""
    root = where / "project"
    outside = where / "outside"
    outside.mkdir()
    shutil.copytree(BASE, root)
    shutil.copytree(HOSTILE / case, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    if case in SETUPS:
        SETUPS[case](root, outside)
    return root


def expected_lines(case: str) -> list[str]:
    return (HOSTILE / case / "expected.txt").read_text("utf-8").splitlines()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="session")
def good_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """base/ built once: the last good site every failing case must leave alone."""
    where = tmp_path_factory.mktemp("good")
    root = shutil.copytree(BASE, where / "project")
    assert main(["build", "--root", str(root), "--out", str(where / "public")]) == 0
    return where / "public"


class TextOf(HTMLParser):
    """The visible text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


def page_text(path: Path) -> str:
    parser = TextOf()
    parser.feed(path.read_text("utf-8"))
    return " ".join("".join(parser.chunks).split())


def test_corpus_covers_the_issue() -> None:
    """Every case the issue names has a folder (and an expected.txt)."""
    required = {
        "yaml-not-mapping",
        "tabs",
        "duplicate-keys",
        "billion-laughs",
        "python-object-tag",
        "file-too-big",
        "not-utf8",
        "bom-accepted",
        "crlf-accepted",
        "empty-file",
        "unclosed-front-matter",
        "impossible-date",
        "slug-dots",
        "slug-uppercase",
        "slug-spaces",
        "self-link",
        "part-of-cycle",
        "symlink-outside-content",
        "template-include-parent",
        "template-symlink-outside",
        "template-recursive-include",
    }
    assert required <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_case(case: str, tmp_path: Path, good_output: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Exact stderr; a refused build exits 1 and leaves the previous output byte for byte."""
    root = make_case(case, tmp_path)
    out_dir = tmp_path / "public"
    shutil.copytree(good_output, out_dir)
    before = snapshot(out_dir)
    code = main(["build", "--root", str(root), "--out", str(out_dir)])
    stderr = capsys.readouterr().err
    expected = expected_lines(case)
    assert stderr.splitlines() == expected
    if expected:
        assert code == 1
        assert snapshot(out_dir) == before
    else:  # accepted: Bob's page is built from the file, front matter and body
        assert code == 0
        assert page_text(out_dir / "people/bob/index.html").count("Bob drove.") == 1
    assert not list(tmp_path.glob(".public.tmp-*"))


SUBPROCESS_CASES = [
    "billion-laughs",
    "python-object-tag",
    "wide-list-near-limit",
    "template-recursive-include",
    "symlink-outside-content",
    "crlf-accepted",
]
"""One per layer, run as a user runs them: a real exit code and no traceback."""
MEMORY_LIMIT = 400_000_000
"""Address space for the build process: composing 2.4 million YAML nodes needed ~700 MB."""


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.parametrize("case", SUBPROCESS_CASES)
def test_case_as_a_process(case: str, tmp_path: Path) -> None:
    """The CLI in its own process, with bounded memory: exit code and stderr as the user sees."""
    root = make_case(case, tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "site_builder",
            "build",
            "--root",
            str(root),
            "--out",
            str(tmp_path / "public"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=limit_memory,
    )
    assert "Traceback" not in result.stderr
    expected = expected_lines(case)
    assert result.stderr.splitlines() == expected
    assert result.returncode == (1 if expected else 0)
