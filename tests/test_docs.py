"""The docs cannot go stale: the tutorial is run step by step, and every example in the docs parses.

docs/tutorial.md is executed in order in an empty folder. Its ```sh blocks are run line by line
(each line one command, checked against exit code 0 unless an `<!-- exit: N -->` marker comes
before the block); `<!-- file: PATH -->` before a fenced block writes that block to PATH;
`<!-- output -->` before a fenced block says the block appears verbatim in what the previous
command printed; `<!-- serve -->` runs `site-builder serve` for real (on a free port), fetches the
home page and stops it with Ctrl-C; `<!-- not run: REASON -->` skips a block, saying why.

Every other fenced block in README.md, CONTRIBUTING.md and docs/*.md must parse: `yaml` with
yaml.safe_load, and each `site-builder ...` or `python -m site_builder ...` command in
`sh`/`bash`/`shell` blocks and in blocks with no language with the real argument parser (shell
variables replaced by a value the option accepts, `&&`/`||`/`;`/`|` chains split, `# comments`
dropped); a `yaml` block that is an item's front matter (`name` and `role`: a person...) also
passes its kind's schema. Failures name file:line.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import signal
import subprocess
import sys
import threading
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from conftest import fenced_blocks, run_main

from site_builder.cli import make_parser
from site_builder.load import parse_entry
from site_builder.translate import parse_translation
from site_builder.validate import validate_entry

REPO = Path(__file__).resolve().parent.parent
TUTORIAL = REPO / "docs" / "tutorial.md"
MARKER = re.compile(r"^<!--\s*([a-z ]+?)\s*(?::\s*(.*?))?\s*-->\s*$")
SHELL = {"sh", "bash", "shell"}


@dataclass
class Block:
    """One fenced block: its language, first content line (1-based), lines and markers."""

    path: Path
    lang: str
    line: int
    lines: list[str]
    markers: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "".join(line + "\n" for line in self.lines)

    def where(self, offset: int = 0) -> str:
        return f"{self.path.relative_to(REPO)}:{self.line + offset}"


def blocks(path: Path) -> list[Block]:
    """The fenced blocks of a Markdown file, each with the HTML-comment markers just before it."""
    found: list[Block] = []
    for fence in fenced_blocks(path.read_text(encoding="utf-8")):
        markers = {}
        for comment in fence.comments:
            marker = MARKER.match(comment)
            if marker:
                markers[marker.group(1)] = marker.group(2) or ""
        found.append(Block(path, fence.info, fence.line, fence.content.splitlines(), markers))
    return found


def commands(block: Block) -> list[tuple[int, str]]:
    """(line offset, command) for each command line of a shell block, comments dropped."""
    found = []
    for offset, line in enumerate(block.lines):
        line = line.strip()
        if line and not line.startswith("#"):
            found.append((offset, line))
    return found


# --- the tutorial, run --------------------------------------------------------------------------


def site_builder(command: str) -> str:
    """The command with a leading `site-builder` run through this Python's site_builder."""
    return re.sub(r"^site-builder\b", f"{shlex.quote(sys.executable)} -m site_builder", command)


def run_serve(command: str, cwd: Path, env: dict[str, str]) -> None:
    """Start `site-builder serve` on a free port, fetch the home page, stop it with Ctrl-C."""
    argv = [sys.executable, "-m", "site_builder", *shlex.split(command)[1:], "--port", "0"]
    process = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    watchdog = threading.Timer(120, process.kill)  # a serve that never says where: fail, not hang
    watchdog.start()
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        url = re.search(r"on (http://\S+/) ", first)
        assert url, f"serve printed no address: {first!r}"
        with urllib.request.urlopen(url.group(1), timeout=30) as response:
            assert response.status == 200
            assert "Ashgrove" in response.read().decode()
    finally:
        watchdog.cancel()
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


SHELL_SYNTAX = re.compile(r"[|&;<>()$`*?\[\]{}'\"\\~]")
"""What only a shell reads in a command line: quoting, pipes, redirections, globs, variables."""


def run_command(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """One command of the tutorial as a reader types it. A plain `site-builder ...` line is run
    by the CLI's main in this process (run_main: the same exit code and output, without starting
    an interpreter and importing the engine for each of the tutorial's fifteen commands; the
    environment is the process's own, set by the test); anything else by a shell."""
    if command.startswith("site-builder ") and not SHELL_SYNTAX.search(command):
        return run_main(*command.split()[1:], cwd=cwd)
    return subprocess.run(
        site_builder(command), shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def test_tutorial_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    variables = {
        "XDG_CACHE_HOME": str(tmp_path / "user-cache"),
        "GIT_AUTHOR_NAME": "Tutorial",
        "GIT_AUTHOR_EMAIL": "tutorial@example.org",
        "GIT_COMMITTER_NAME": "Tutorial",
        "GIT_COMMITTER_EMAIL": "tutorial@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "SOURCE_DATE_EPOCH": "1796000000",
    }
    for name, value in variables.items():  # for the commands run in this process, and git's
        monkeypatch.setenv(name, value)
    env = dict(os.environ)
    work = tmp_path / "work"
    work.mkdir()
    last_output = ""
    ran = 0
    for block in blocks(TUTORIAL):
        if "not run" in block.markers:
            assert block.markers["not run"], f"{block.where()}: say why a block is not run"
            continue
        if "file" in block.markers:
            target = work / block.markers["file"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.text, encoding="utf-8")
        elif "output" in block.markers:
            for offset, line in enumerate(block.lines):
                assert line in last_output.splitlines(), (
                    f"{block.where(offset)}: this line is not in what the command printed:\n"
                    f"{line}\n--- printed ---\n{last_output}"
                )
        elif block.lang in SHELL:
            if "serve" in block.markers:
                [(_, command)] = commands(block)
                run_serve(command, work, env)
                ran += 1
                continue
            expected = int(block.markers.get("exit", "0"))
            for offset, command in commands(block):
                done = run_command(command, work, env)
                last_output = done.stdout + done.stderr
                assert done.returncode == expected, (
                    f"{block.where(offset)}: `{command}` exited {done.returncode}, the tutorial "
                    f"says {expected}:\n{last_output}"
                )
                ran += 1
    assert ran >= 8, "the tutorial's commands were not found"


# --- every example in the docs parses -----------------------------------------------------------


DOCS = [REPO / "README.md", REPO / "CONTRIBUTING.md", *sorted((REPO / "docs").glob("*.md"))]
COMMAND = re.compile(r"^(site-builder|python3? -m site_builder)\b")
VARIABLE = re.compile(r"\$\{(\w+)[^}]*\}|\$(\w+)|\$\([^)]*\)")


def placeholder(variable: re.Match[str]) -> str:
    """A value the parser accepts where a shell variable stands: a number for a port or a count,
    else an absolute URL (which is also a valid path, for --root, --out and targets)."""
    name = (variable.group(1) or variable.group(2) or "").upper()
    return "1" if re.search(r"PORT|COUNT|MAX|^N$", name) else "https://placeholder.example"


def shell_commands(block: Block) -> list[tuple[int, str]]:
    """(line offset, argv string after the program) for each site-builder command in a block."""
    found: list[tuple[int, str]] = []
    joined: list[tuple[int, str]] = []
    for offset, line in enumerate(block.lines):  # a line ending in a backslash goes on
        if joined and joined[-1][1].endswith("\\"):
            joined[-1] = (joined[-1][0], joined[-1][1][:-1] + " " + line.strip())
        else:
            joined.append((offset, line.strip()))
    for offset, line in joined:
        if line.startswith("$ "):
            line = line[2:]
        line = VARIABLE.sub(placeholder, line)
        try:
            words = shlex.split(line, comments=True)
        except ValueError as error:
            if COMMAND.match(line):
                found.append((offset, f"<unparseable shell: {error}>"))
            continue
        # split `a && b`, `a || b`, `a; b` and `a | b` into their commands
        command: list[str] = []
        for word in [*words, "&&"]:
            ends = word in {"&&", "||", ";", "|"} or word.endswith(";")
            if word.endswith(";") and word != ";":
                command.append(word[:-1])
            elif not ends:
                command.append(word)
            if ends:
                if COMMAND.match(" ".join(command)):
                    found.append(
                        (offset, shlex.join(command[1:] if command[0] == "site-builder" else command[3:]))
                    )
                command = []
    return found


def doc_blocks() -> list[Block]:
    return [block for path in DOCS for block in blocks(path)]


def test_docs_yaml_blocks_parse() -> None:
    failures = []
    for block in doc_blocks():
        if block.lang in {"yaml", "yml"}:
            try:
                yaml.safe_load(block.text)
            except yaml.YAMLError as error:
                mark = getattr(error, "problem_mark", None)
                offset = mark.line if mark is not None else 0
                failures.append(f"{block.where(offset)}: {error}".replace("\n", " "))
    assert not failures, "\n".join(failures)


# The keys that tell which kind a front matter example is for.
KIND_KEYS = [
    ("people", {"name", "role"}),
    ("places", {"name", "kind"}),
    ("figures", {"label", "value"}),
    ("glossary", {"term", "definition"}),
    ("events", {"title", "summary"}),
]


TRANSLATION_HEADER_RE = re.compile(r"# content/(\w+)/[\w-]+\.([A-Za-z-]+)\.md\n")
"""The comment a docs example of a translation file starts with."""


def test_docs_front_matter_examples_validate() -> None:
    """A yaml block that is the front matter of an item passes that kind's schema (its fields
    and their values; references to other items are not checked, the example stands alone)."""
    failures, checked = [], 0
    for block in doc_blocks():
        if block.lang not in {"yaml", "yml"}:
            continue
        translation = TRANSLATION_HEADER_RE.match(block.text)
        if translation:  # "# content/people/anna.fr.md": checked as a translation of its kind
            checked += 1
            data = f"---\n{block.text}---\n".encode()
            _, errors = parse_translation(data, translation[1], "example", translation[2], block.where())
            failures += [f"{block.where(max(e.line - 2, 0))}: as a translation: {e.message}" for e in errors]
            continue
        fields = yaml.safe_load(block.text)
        kind = next(
            (kind for kind, keys in KIND_KEYS if isinstance(fields, dict) and keys <= fields.keys()), None
        )
        if kind is None:
            continue
        checked += 1
        raw = parse_entry(f"---\n{block.text}---\n".encode(), kind, "example", block.where())
        _, errors = validate_entry(raw, "article")
        for error in errors:  # line 2 of the file is the block's first line
            offset = max(error.line - 2, 0)
            failures.append(f"{block.where(offset)}: as {kind}: {error.message}")
    assert checked >= 5, "the docs' front matter examples were not found"
    assert not failures, "\n".join(failures)


def test_docs_commands_parse() -> None:
    parser = make_parser()
    failures, checked = [], 0
    for block in doc_blocks():
        if block.lang not in SHELL and block.lang:  # unlabelled blocks too: commands are shown
            continue
        for offset, argv in shell_commands(block):
            checked += 1
            if argv.startswith("<unparseable"):
                failures.append(f"{block.where(offset)}: {argv}")
                continue
            said = io.StringIO()
            try:
                with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(said):
                    parser.parse_args(shlex.split(argv))
            except SystemExit as stop:
                if stop.code not in (0, None):  # --help and --version exit 0
                    message = said.getvalue().strip().splitlines()[-1:]
                    failures.append(
                        f"{block.where(offset)}: site-builder {argv}: "
                        f"{''.join(message) or 'rejected by the argument parser'}"
                    )
    assert checked >= 20, "the docs' commands were not found"
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("line", "count"),
    [
        ("site-builder build --root x && site-builder check --root x  # both", 2),
        ('cd $DIR && python -m site_builder publish --to archive "$OUT/site.tar.gz"', 1),
        ("$ site-builder publish --to git \\\n    --branch gh-pages; site-builder check", 2),
        ('site-builder check --base-url "${BASE_URL:-$CF_PAGES_URL}/" --root $DIR', 1),
        ("site-builder serve --port $PORT", 1),
    ],
)
def test_shell_commands_splits_chains_and_variables(line: str, count: int) -> None:
    block = Block(REPO / "README.md", "sh", 1, line.split("\n"))
    found = [argv for _, argv in shell_commands(block)]
    assert len(found) == count and all(not argv.startswith("<") for argv in found)
    for argv in found:
        make_parser().parse_args(shlex.split(argv))


def test_troubleshooting_names_the_real_key_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from site_builder.cache import user_key

    text = (REPO / "docs" / "troubleshooting.md").read_text(encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert user_key() == (tmp_path / "site-builder" / "key").read_bytes()
    assert "`$XDG_CACHE_HOME/site-builder/key`" in text
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_key() == (tmp_path / "home" / ".cache" / "site-builder" / "key").read_bytes()
    assert "`~/.cache/site-builder/key`" in text


def readme_setup() -> tuple[str, list[str]]:
    """README's Set up section: its text, and the commands of its first sh block (no comments)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Set up\n", 1)[1].split("\n## ", 1)[0]
    block = next(block for block in fenced_blocks(section) if block.info == "sh")
    return section, [line for line in block.content.splitlines() if line.strip() and not line.startswith("#")]


def test_readme_sets_up_inside_a_virtual_environment(tmp_path: Path) -> None:
    """Debian's own Python refuses `pip install .` ("externally managed"): Set up makes and enters
    a virtual environment first, and says how to leave it. Its first line is run for real."""
    section, commands = readme_setup()
    assert commands == [  # two commands, as the guide asks: the main job, then the tests
        "python3 -m venv .venv && . .venv/bin/activate && pip install . && site-builder build",
        ". .venv/bin/activate && bash .ci/run",
    ]
    assert "`deactivate` leaves the virtual environment" in section
    enter = commands[0].split(" && pip install")[0]  # the installing and building are run elsewhere
    script = "\n".join(
        [enter, 'echo "in $VIRTUAL_ENV $(command -v pip)"', "deactivate", 'echo "out ${VIRTUAL_ENV:-}"']
    )
    ran = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert ran.returncode == 0, ran.stderr
    venv = tmp_path / ".venv"
    assert ran.stdout.splitlines() == [f"in {venv} {venv}/bin/pip", "out "]


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    said = re.search(r"then the test command, `([^`]+)`", readme)
    assert said is not None
    ci = [line for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert ci[-1] == said[1] == "python3 -m pytest -q"
