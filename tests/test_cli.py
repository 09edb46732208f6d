"""The command line: exit codes, usage errors, refused output folders, no tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SMALL_PROJECT, run_cli, snapshot, write_files


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A valid project with a templates/ folder, inside tmp_path/work."""
    root = write_files(tmp_path / "work" / "project", dict(SMALL_PROJECT))
    write_files(root, {"templates/partials/keep.html": "<p>mine</p>\n"})
    return root


REFUSED_OUT = [
    pytest.param(".", "refusing to build into {out}: it would replace {root}", id="project-root"),
    pytest.param("content", "refusing to build into {out}: it would replace {root}/content", id="content"),
    pytest.param(
        "templates", "refusing to build into {out}: it would replace {root}/templates", id="templates"
    ),
    pytest.param("..", "refusing to build into {out}: it would replace {root}", id="parent-of-root"),
    pytest.param(
        "content/public", "refusing to build into {out}: it is inside {root}/content", id="inside-content"
    ),
    pytest.param(
        "templates/out", "refusing to build into {out}: it is inside {root}/templates", id="inside-templates"
    ),
    pytest.param(
        "content/site.yaml", "refusing to build into {out}: it is inside {root}/content", id="a-content-file"
    ),
    pytest.param(
        "mine",
        "refusing to build into {out}: it is not empty and site-builder did "
        "not create it (choose an empty or new folder)",
        id="non-empty-foreign-folder",
    ),
    pytest.param("notes.txt", "refusing to build into {out}: it is a file", id="a-file"),
    pytest.param(
        "notes.txt/site",
        "cannot build into {out}: {root}/notes.txt is a file, not a folder",
        id="below-a-file",
    ),
]


@pytest.mark.parametrize(("out", "message"), REFUSED_OUT)
def test_dangerous_out_is_refused_with_exit_2(project: Path, out: str, message: str) -> None:
    """An --out whose replacement would destroy the user's files is refused, touching nothing."""
    write_files(project, {"mine/photo.txt": "precious", "notes.txt": "precious"})
    before = snapshot(project.parent)
    out_dir = project / out
    result = run_cli("build", "--root", project, "--out", out_dir)
    assert result.returncode == 2, result.stdout + result.stderr
    expected = message.format(out=out_dir, root=project.resolve())
    assert result.stderr.splitlines() == [f"site-builder: error: {expected}"]
    assert snapshot(project.parent) == before


def test_out_folder_we_created_may_be_rebuilt(project: Path, tmp_path: Path) -> None:
    """Our own output (it carries our manifest) is replaced without complaint, even non-empty."""
    out_dir = tmp_path / "site"
    assert run_cli("build", "--root", project, "--out", out_dir).returncode == 0
    result = run_cli("build", "--root", project, "--out", out_dir, "--no-cache")
    assert result.returncode == 0, result.stderr
    assert (out_dir / "index.html").is_file()


def test_empty_existing_out_folder_is_accepted(project: Path, tmp_path: Path) -> None:
    """An empty folder holds nothing to lose."""
    out_dir = tmp_path / "empty"
    out_dir.mkdir()
    assert run_cli("build", "--root", project, "--out", out_dir).returncode == 0
    assert (out_dir / "index.html").is_file()


def test_default_out_is_public_in_root(project: Path) -> None:
    """Without --out the site goes to ROOT/public/."""
    result = run_cli("build", "--root", project)
    assert result.returncode == 0, result.stderr
    assert (project / "public" / "index.html").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["build", "--root", "{tmp}/nowhere"],
            "site-builder: error: {tmp}/nowhere/content does not exist: --root must hold a content/ folder",
            id="root-without-content",
        ),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    project: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    """A command that cannot be carried out says why in one line, exit code 2, no traceback."""
    result = run_cli(*(arg.format(tmp=tmp_path) for arg in args))
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.splitlines() == [message.format(tmp=tmp_path)]


def test_a_write_the_machine_refuses_exits_3_with_one_line(project: Path) -> None:
    """Not the user's mistake but the environment's: exit 3, naming the path, no traceback."""
    result = run_cli("build", "--root", project, "--out", "/proc/site-builder-test")
    assert result.returncode == 3, result.stdout + result.stderr
    assert result.stderr.splitlines() == [
        "site-builder: failed: could not write the site into /proc/site-builder-test: "
        "No such file or directory"
    ]


@pytest.mark.parametrize(
    "args",
    [[], ["build", "--bogus"], ["frobnicate"], ["publish", "--to", "nowhere"]],
    ids=["no-command", "unknown-option", "unknown-command", "bad-choice"],
)
def test_argument_errors_exit_2(args: list[str]) -> None:
    """argparse's own errors are usage errors too."""
    result = run_cli(*args)
    assert result.returncode == 2
    assert "usage: site-builder" in result.stderr
    assert "Traceback" not in result.stderr


BAD_BASE_URLS = [
    pytest.param(
        "news.example.org/explainers/panjshir/",
        "https://news.example.org/explainers/panjshir/",
        id="no-scheme",
    ),
    pytest.param("", "https://news.example.org/explainers/story/", id="empty"),
    pytest.param("ftp://news.example.org/x/", "https://news.example.org/x/", id="not-http"),
    pytest.param("javascript:alert(1)", "https://news.example.org/explainers/story/", id="javascript"),
]


@pytest.mark.parametrize("command", [["build"], ["check"], ["publish", "--to", "archive", "x.tgz"]])
@pytest.mark.parametrize(("url", "hint"), BAD_BASE_URLS)
def test_base_url_must_be_absolute_http(project: Path, command: list[str], url: str, hint: str) -> None:
    """--base-url follows site.yaml's base_url rule: no scheme or an empty one is exit 2, with
    the URL to write instead, and nothing is built."""
    before = snapshot(project.parent)
    result = run_cli(*command, "--root", project, "--base-url", url)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"site-builder {command[0]}: error: argument --base-url: {url!r} is not an absolute "
        f"http(s) URL: write it with https://, like {hint}"
    )
    assert "Traceback" not in result.stderr
    assert snapshot(project.parent) == before


def test_base_url_with_a_sub_path_is_accepted(project: Path, tmp_path: Path) -> None:
    """A valid --base-url reaches the canonical links and the sitemap."""
    url = "https://news.example.org/explainers/panjshir/"
    result = run_cli("build", "--root", project, "--out", tmp_path / "site", "--base-url", url)
    assert result.returncode == 0, result.stderr
    assert url in (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")


def test_content_errors_exit_1_with_count_and_no_traceback(project: Path, tmp_path: Path) -> None:
    """Content errors: every one listed as path:line:column, a count, and exit code 1."""
    write_files(
        project,
        {
            "content/people/ada.md": "---\nname: Ada\nrloe: x\nsummary: yes\n---\n",
            "content/events/talks.md": "---\ntitle: T\ndate: 2021-02-30\nsummary: S.\n---\n",
        },
    )
    result = run_cli("build", "--root", project, "--out", tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[:5] == [
        "content/events/talks.md:3:7: 'date': '2021-02-30': February 2021 has 28 days, not 30",
        "content/people/ada.md:1:1: missing required field 'role'",
        "content/people/ada.md:3:1: unknown field 'rloe' (did you mean 'role'?)",
        "content/people/ada.md:4:10: 'summary' must be text, but YAML reads 'yes' as true/false; "
        'put it in quotes: summary: "yes"',
        "4 errors",
    ]
    assert not (tmp_path / "site").exists()


def test_success_prints_one_summary_line(project: Path, tmp_path: Path) -> None:
    """A good build says where it wrote, on stdout, and nothing on stderr."""
    result = run_cli("build", "--root", project, "--out", tmp_path / "site")
    assert result.returncode == 0
    assert result.stderr == ""
    assert str(tmp_path / "site") in result.stdout
