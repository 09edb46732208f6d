"""Errors as printed: characters a terminal would not show as themselves are escaped, and a
report of many errors prints a bounded number of lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SMALL_PROJECT, write_files

from site_builder import cli
from site_builder.errors import (
    REPORT_LIMIT,
    BuildFailed,
    ContentError,
    EnvironmentFailure,
    SiteError,
    UsageError,
    error_kind,
    printable,
    report_lines,
)

PRINTABLE = [
    pytest.param("plain text, 'quoted' [[slug]] caf\u00e9 \U0001f600", None, id="printable-unchanged"),
    pytest.param("a\vb", "a\\x0bb", id="vertical-tab"),
    pytest.param("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m", id="terminal-escape"),
    pytest.param("\x1b]0;title\x07", "\\x1b]0;title\\x07", id="set-terminal-title"),
    pytest.param("a\tb", "a\\tb", id="tab-visible"),
    pytest.param("a\nb\rc", "a\\nb\\rc", id="line-ends"),
    pytest.param("\x7f\x85\x9b", "\\x7f\\x85\\x9b", id="del-and-c1-controls"),
    pytest.param("abc\u202edcba", "abc\\u202edcba", id="right-to-left-override"),
    pytest.param("zero\u200bwidth\u00adsoft", "zero\\u200bwidth\\xadsoft", id="invisible-format"),
    pytest.param("line\u2028sep", "line\\u2028sep", id="line-separator"),
    pytest.param("no\u00a0break\u3000space", "no\\xa0break\\u3000space", id="spaces-but-not-space"),
    pytest.param("bad\udcffname", "bad\\udcffname", id="lone-surrogate-from-a-file-name"),
    pytest.param("back\\slash", None, id="backslash-unchanged"),
]


@pytest.mark.parametrize(("text", "expected"), PRINTABLE)
def test_printable(text: str, expected: str | None) -> None:
    """Non-printing characters become the escapes Python's repr uses; the rest is unchanged."""
    assert printable(text) == (text if expected is None else expected)


SITE_ERRORS = [
    pytest.param(
        SiteError("content/people/a.md", 6, 8, "[[bo\vb]] links to no item"),
        "content/people/a.md:6:8: [[bo\\x0bb]] links to no item",
        id="slug-with-vt",
    ),
    pytest.param(
        SiteError("content/people/\x1b[2Jx.md", 0, 0, "file name '\x1b[2Jx.md' is bad"),
        "content/people/\\x1b[2Jx.md: file name '\\x1b[2Jx.md' is bad",
        id="path-and-message-with-esc",
    ),
    pytest.param(SiteError("content/a\nb.md", 2, 0, "x"), "content/a\\nb.md:2:1: x", id="newline-in-path"),
    pytest.param(
        SiteError(
            "a.md",
            3,
            1,
            "quote not found in source 's'\n    closest passage "
            "(s.md:2): the\tword\n    difference: {+x\x1b+}",
        ),
        "a.md:3:1: quote not found in source 's'\n    closest passage (s.md:2): "
        "the\\tword\n    difference: {+x\\x1b+}",
        id="continuation-lines-kept-controls-inside-escaped",
    ),
    pytest.param(
        SiteError("a.md", 3, 1, "field 'a\nb' and 'c\n  d'"),
        "a.md:3:1: field 'a\\nb' and 'c\\n  d'",
        id="other-newlines-escaped",
    ),
]


@pytest.mark.parametrize(("error", "expected"), SITE_ERRORS)
def test_site_error_str(error: SiteError, expected: str) -> None:
    """str(error) escapes what came from the user; the message keeps its own layout."""
    assert str(error) == expected


KINDS = [
    pytest.param("[[x12]] links to no item", "[[…]] links to no item", id="link"),
    pytest.param(
        "[[x12]] links to no item (did you mean 'x1'?)", "[[…]] links to no item", id="did-you-mean-dropped"
    ),
    pytest.param("unknown field 'rloe' (did you mean 'role'?)", "unknown field '…'", id="field"),
    pytest.param(
        "duplicate key 'role' (first on line 3); YAML would silently keep only the last one",
        "duplicate key '…' (first on line …); YAML would silently keep only the last one",
        id="number",
    ),
    pytest.param(
        "link '/a/b' points to 'a/b', which the site does not have (on people/x.html)",
        "link '…' points to '…', which the site does not have (on …)",
        id="paths",
    ),
    pytest.param(
        'the theme\'s "strings.yaml" can\'t say "x"',
        'the theme\'s "…" can\'t say "…"',
        id="apostrophes-are-not-quotes",
    ),
    pytest.param(
        "quote not found in source 'a'\n    closest passage (s.md:2): x",
        "quote not found in source '…'",
        id="first-line-only",
    ),
]


@pytest.mark.parametrize(("message", "kind"), KINDS)
def test_error_kind(message: str, kind: str) -> None:
    """A kind is the message with what varies between problems of one kind replaced by '…'."""
    assert error_kind(message) == kind


def link_errors(count: int, path: str = "content/people/bob.md") -> list[SiteError]:
    """count '[[xN]] links to no item' errors on one line, in order of column."""
    return [ContentError(path, 6, 1 + 7 * index, f"[[x{index}]] links to no item") for index in range(count)]


def test_report_under_the_limit_is_whole() -> None:
    """Up to the limit, every error is printed, then the count."""
    errors = link_errors(REPORT_LIMIT)
    lines = BuildFailed(errors).report().splitlines()
    assert lines == [str(error) for error in errors] + [f"{REPORT_LIMIT} errors"]


def test_report_is_capped_with_counts_by_kind() -> None:
    """20,000 links to no item and one unknown field: 200 lines, then the rest by kind."""
    field = ContentError("content/people/zed.md", 5, 1, "unknown field 'rloe' (did you mean 'role'?)")
    errors = [*link_errors(20_000), field]
    failure = BuildFailed(errors, skipped="x")
    lines = failure.report().splitlines()
    assert lines[:REPORT_LIMIT] == [str(error) for error in link_errors(REPORT_LIMIT)]
    assert lines[REPORT_LIMIT:] == [
        "... and 19,801 more errors, by kind:",
        "  19,800  [[…]] links to no item",
        "       1  unknown field '…'",
        "20,001 errors",
        "more problems may follow once these are fixed: x",
    ]
    assert len(failure.errors) == 20_001  # nothing is lost for machine readers
    assert report_lines(failure.errors) == lines[:-2]


def test_report_kinds_are_escaped_and_ordered() -> None:
    """Kinds by count, then alphabetically; a control character in one is escaped."""
    errors = [
        *link_errors(REPORT_LIMIT),
        ContentError("content/z.md", 1, 1, "b\vkind"),
        ContentError("content/z.md", 2, 1, "a kind"),
        ContentError("content/z.md", 3, 1, "b\vkind"),
    ]
    assert report_lines(errors)[REPORT_LIMIT:] == [
        "... and 3 more errors, by kind:",
        "  2  b\\x0bkind",
        "  1  a kind",
    ]


def test_cli_escapes_site_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A [[link]] and a file name holding control characters: printed escaped."""
    root = write_files(
        tmp_path / "project",
        {
            **SMALL_PROJECT,
            "content/people/ada.md": SMALL_PROJECT["content/people/ada.md"] + "See [[bo\vb]].\n",
            "content/places/\x1b[2Jx.md": "---\nname: X\nkind: town\nsummary: X.\n---\n",
        },
    )
    code = cli.main(["build", "--root", str(root), "--out", str(tmp_path / "public")])
    stderr = capsys.readouterr().err
    assert code == 1
    assert "\x1b" not in stderr and "\v" not in stderr
    assert "content/places/\\x1b[2Jx.md: file name '\\x1b[2Jx.md' is not a valid slug" in stderr


def test_cli_escapes_link_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A [[link]] with a vertical tab in its slug is printed with \\x0b, at its column."""
    root = write_files(
        tmp_path / "project",
        {
            **SMALL_PROJECT,
            "content/people/ada.md": SMALL_PROJECT["content/people/ada.md"] + "See [[bo\vb]].\n",
        },
    )
    code = cli.main(["build", "--root", str(root), "--out", str(tmp_path / "public")])
    assert code == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/people/ada.md:8:5: [[bo\\x0bb]] links to no item"
    )


def test_cli_escapes_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A --root holding a terminal escape: the usage error shows it escaped."""
    root = tmp_path / "\x1b]0;pwned\x07"
    assert cli.main(["build", "--root", str(root)]) == 2
    stderr = capsys.readouterr().err
    assert stderr == (
        f"site-builder: error: {printable(str(root))}/content does not exist: "
        "--root must hold a content/ folder\n"
    )
    assert "\\x1b]0;pwned\\x07" in stderr


@pytest.mark.parametrize("failure", [UsageError, EnvironmentFailure])
def test_cli_escapes_other_failures(
    failure: type[Exception], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whatever path a usage error or an environment failure names is printed escaped."""

    def fail(args: object) -> int:
        raise failure("cannot write /tmp/a\x1b[2Jb\tc\nd")

    monkeypatch.setitem(cli.COMMANDS, "build", fail)
    code = cli.main(["build"])
    assert code == (2 if failure is UsageError else 3)
    assert capsys.readouterr().err.endswith(": cannot write /tmp/a\\x1b[2Jb\\tc\\nd\n")


def test_check_caps_text_but_not_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check: the text report stops at the limit; --format json lists every problem."""
    count = REPORT_LIMIT + 50
    links = " ".join(f"[[x{index:03d}]]" for index in range(count))  # 9 characters each
    root = write_files(
        tmp_path / "project",
        {
            **SMALL_PROJECT,
            "content/people/ada.md": SMALL_PROJECT["content/people/ada.md"] + links + "\n",
        },
    )
    assert cli.main(["check", "--root", str(root)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "content/people/ada.md:8:1: [[x000]] links to no item"
    assert lines[REPORT_LIMIT - 1] == (
        f"content/people/ada.md:8:{1 + 9 * (REPORT_LIMIT - 1)}: [[x199]] links to no item"
    )
    assert lines[REPORT_LIMIT:] == [
        "... and 50 more errors, by kind:",
        "  50  [[…]] links to no item",
        f"{count} errors: the site could not be built",
    ]
    assert cli.main(["check", "--root", str(root), "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [(p["line"], p["column"]) for p in problems] == [(8, 1 + 9 * index) for index in range(count)]
