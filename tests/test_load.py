"""Reading content/: front matter, YAML, encodings and the folder layout, one broken project each."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from conftest import (
    SMALL_PROJECT,
    assert_fails_leaving_output,
    break_project,
    run_main,
    snapshot,
    write_files,
)

from site_builder import load
from site_builder.errors import ContentError
from site_builder.load import parse_entry

BOB = "content/people/bob.md"
"""A file nothing links to, so breaking it gives exactly one error and no knock-on ones."""

LOAD_ERRORS = [
    pytest.param(
        {BOB: "name: Bob\nrole: Driver\nsummary: Drove.\n"},
        [
            f"{BOB}:1:1: missing front matter: the first line must be '---'. "
            "Did you forget to add '---' before the fields?"
        ],
        id="missing-opening-dashes",
    ),
    pytest.param(
        {BOB: "---\nname: Bob\nrole: Driver\nsummary: Drove.\n"},
        [f"{BOB}:1:1: front matter is never closed: add a line '---' after the last field"],
        id="missing-closing-dashes",
    ),
    pytest.param(
        {BOB: ""},
        [f"{BOB}:1:1: empty file: expected front matter between '---' lines"],
        id="empty-file",
    ),
    pytest.param(
        {BOB: "---\nname: Bob\nrole: Driver: chief\nsummary: Drove.\n---\n"},
        [
            f"{BOB}:3:13: invalid YAML: mapping values are not allowed here: a ':' followed by a "
            "space inside an unquoted value starts a new field; put the whole value in quotes: "
            'role: "Driver: chief"'
        ],
        id="malformed-yaml-colon",
    ),
    pytest.param(
        {BOB: "---\nname: Bob\nrole: Driver\nsummary: Drove.\nquotes:\n  - text: He said: go\n---\n"},
        [
            f"{BOB}:6:18: invalid YAML: mapping values are not allowed here: a ':' followed by a "
            "space inside an unquoted value starts a new field; put the whole value in quotes: "
            '- text: "He said: go"'
        ],
        id="malformed-yaml-colon-in-list-item",
    ),
    pytest.param(
        {BOB: "---\nname: Bob\naliases: [Bobby\nrole: Driver\nsummary: Drove.\n---\n"},
        [f"{BOB}:4:5: invalid YAML: did not find expected ',' or ']'"],
        id="malformed-yaml-unclosed-list",
    ),
    pytest.param(
        {BOB: "---\nname: Bob\nrole: Driver\nsummary: Drove.\naliases:\n\t- Bobby\n---\n"},
        [
            f"{BOB}:6:1: invalid YAML: found character that cannot start any token "
            "(YAML does not allow tabs for indentation; use spaces)"
        ],
        id="tab-indentation",
    ),
    pytest.param(
        {BOB: b"---\nname: Bob\nrole: Caf\xe9 owner\nsummary: Drove.\n---\n"},
        [f"{BOB}:3:10: file is not UTF-8 (byte 0xe9); save it as UTF-8"],
        id="not-utf8",
    ),
    pytest.param(
        {BOB: "---\nname: Bob\nrole: Driver\nsummary: Drove.\nrole: Chief\n---\n"},
        [f"{BOB}:5:1: duplicate key 'role' (first on line 3); YAML would silently keep only the last one"],
        id="duplicate-key",
    ),
    pytest.param(
        {BOB: "---\nname: Bob\nrole: Driver\nrole: Chief\nsumary: Drove.\n---\n"},
        [
            f"{BOB}:1:1: missing required field 'summary'",
            f"{BOB}:4:1: duplicate key 'role' (first on line 3); YAML would silently keep only the last one",
            f"{BOB}:5:1: unknown field 'sumary' (did you mean 'summary'?)",
        ],
        id="duplicate-key-reported-with-the-other-errors",
    ),
    pytest.param(
        {BOB: "---\nname: &n Bob\nrole: *n\nsummary: Drove.\n---\n"},
        [f"{BOB}:2:7: YAML anchors and aliases (&name, *name) are not allowed"],
        id="yaml-alias",
    ),
    pytest.param(
        {BOB: "---\nname: Bob\nrole: !!python/object:os.system x\nsummary: Drove.\n---\n"},
        [f"{BOB}:3:7: YAML tag '!!python/object:os.system' is not allowed (only plain values are)"],
        id="yaml-unsafe-tag",
    ),
    pytest.param(
        {BOB: "---\n- name\n- role\n---\n"},
        [f"{BOB}:2:1: front matter must be 'key: value' fields, found a list"],
        id="front-matter-is-a-list",
    ),
    pytest.param(
        {BOB: "---\nname: Bob\nrole: Driver\nsummary: Drove.\n1989: born\n---\n"},
        [f"{BOB}:5:1: field name '1989' must be text (a word like 'name'), not a number, date or list"],
        id="key-is-a-number",
    ),
    pytest.param(
        {"content/notes.txt": "remember the milk"},
        ["content/notes.txt: unexpected file: content/ holds site.yaml and kind folders"],
        id="stray-file-in-content",
    ),
    pytest.param(
        {"content/peple/bob.md": "---\nname: Bob\n---\n"},
        [
            "content/peple: unknown content folder 'peple' (did you mean 'people'?); "
            "kinds are: sources, pages, people, places, figures, events, glossary"
        ],
        id="unknown-kind-folder",
    ),
    pytest.param(
        {"content/people/bob.txt": "name: Bob"},
        ["content/people/bob.txt: content files end in .md"],
        id="not-markdown",
    ),
    pytest.param(
        {"content/people/extra/bob.md": "---\nname: Bob\n---\n"},
        ["content/people/extra: folders inside a kind folder are not read"],
        id="folder-in-kind-folder",
    ),
    pytest.param(
        {
            "content/site.yaml": SMALL_PROJECT["content/site.yaml"] + "max_file_mb: 0.001\n",
            BOB: "---\nname: Bob\nrole: Driver\nsummary: Drove.\n---\n" + "x" * 2000,
        },
        [f"{BOB}: file is 0.00205 MB, over the 0.001 MB limit (max_file_mb in site.yaml)"],
        id="file-too-large",
    ),
]

SITE_YAML_ERRORS = [
    pytest.param(
        None,
        [
            "content/site.yaml: missing: every explainer needs content/site.yaml "
            "with title, description and language"
        ],
        id="missing",
    ),
    pytest.param(
        "title: Small\ndescription: [Tiny\nlanguage: en\n",
        ["content/site.yaml:3:9: invalid YAML: did not find expected ',' or ']'"],
        id="malformed-yaml",
    ),
    pytest.param(
        "title: Small\ndescription: Tiny\nlanguage: en\ntitel: Big\nmentions: maybe\n",
        [
            "content/site.yaml:4:1: unknown field 'titel' (did you mean 'title'?)",
            "content/site.yaml:5:11: 'mentions' must be true or false, not 'maybe'",
        ],
        id="unknown-key-and-bad-bool",
    ),
    pytest.param(
        "title: Small\ndescription: Tiny\nlanguage: english please\n",
        ["content/site.yaml:3:1: 'language' must be a BCP 47 tag like 'en' or 'en-GB', not 'english please'"],
        id="bad-language",
    ),
    pytest.param(
        "title: Small\n",
        [
            "content/site.yaml:1:1: missing required field 'description'",
            "content/site.yaml:1:1: missing required field 'language'",
        ],
        id="missing-required",
    ),
    pytest.param(
        "title: Small\ndescription: Tiny\nlanguage: en\ntitle: Big\n",
        [
            "content/site.yaml:4:1: duplicate key 'title' (first on line 1); "
            "YAML would silently keep only the last one"
        ],
        id="duplicate-key",
    ),
    pytest.param(
        "title: Small\ndescription: Tiny\nlanguage: en\nbase_url: example.org/x\n",
        ["content/site.yaml:4:11: 'base_url' must be an absolute http(s) URL, not 'example.org/x'"],
        id="base-url-not-absolute",
    ),
]


@pytest.mark.parametrize(("files", "expected"), LOAD_ERRORS)
def test_load_error_is_located_and_output_untouched(
    built_project: tuple[Path, Path], files: dict[str, str | bytes], expected: list[str]
) -> None:
    """Each way a file can fail to load is reported at its line; public/ keeps the last good site."""
    root, out_dir = built_project
    break_project(root, files)
    assert_fails_leaving_output(root, out_dir, expected)


@pytest.mark.parametrize(("site_yaml", "expected"), SITE_YAML_ERRORS)
def test_site_yaml_error_is_located_and_output_untouched(
    built_project: tuple[Path, Path], site_yaml: str | None, expected: list[str]
) -> None:
    """site.yaml problems are all reported at once, at their lines."""
    root, out_dir = built_project
    break_project(root, {"content/site.yaml": site_yaml})
    assert_fails_leaving_output(root, out_dir, expected)


def test_every_broken_file_is_reported_in_one_run(built_project: tuple[Path, Path]) -> None:
    """Errors are gathered over the whole tree, not stopped at the first."""
    root, out_dir = built_project
    break_project(
        root,
        {
            "content/people/bob.md": "name: Bob\n",
            "content/people/carol.md": "---\nname: Carol\nrole: [x\n---\n",
            "content/people/dan.md": b"---\nname: D\xffn\n---\n",
            "content/people/erin.md": "---\nname: Erin\nrole: Pilot\nsummary: Flew.\nrloe: x\n---\n",
        },
    )
    assert_fails_leaving_output(
        root,
        out_dir,
        [
            "content/people/bob.md:1:1: missing front matter: the first line must be '---'. "
            "Did you forget to add '---' before the fields?",
            "content/people/carol.md:4:1: invalid YAML: did not find expected ',' or ']'",
            "content/people/dan.md:2:8: file is not UTF-8 (byte 0xff); save it as UTF-8",
            "content/people/erin.md:5:1: unknown field 'rloe' (did you mean 'role'?)",
        ],
    )


def test_symlink_leaving_the_project_is_refused(built_project: tuple[Path, Path], tmp_path: Path) -> None:
    """A symlink to a file outside the project could publish anything on the machine."""
    root, out_dir = built_project
    secret = tmp_path / "secret.md"
    secret.write_text("---\nname: S\nrole: R\nsummary: S.\n---\n", encoding="utf-8")
    os.symlink(secret, root / "content/people/bob.md")
    assert_fails_leaving_output(
        root,
        out_dir,
        [
            "content/people/bob.md: symlink points outside the project; refused",
        ],
    )


def test_bom_crlf_and_editor_files_are_accepted(tmp_path: Path) -> None:
    """A BOM, Windows line endings and editor temporaries never break a build."""
    root = tmp_path / "project"
    break_project(root, dict(SMALL_PROJECT))
    crlf_bob = "\ufeff---\r\nname: Bob\r\nrole: Driver\r\nsummary: Drove.\r\n---\r\nBody [[bob-typo]].\r\n"
    break_project(
        root,
        {
            "content/people/bob.md": crlf_bob.replace("[[bob-typo]]", "[[ada]]"),
            "content/people/bob.md~": "junk",
            "content/people/.bob.md.swp": "junk",
            "content/people/.#bob.md": "junk",
            "content/.DS_Store": "junk",
        },
    )
    result = run_main("build", "--root", root, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "people/bob/index.html" in snapshot(tmp_path / "out")
    # Line numbers still count CRLF lines correctly: the link is on line 6.
    break_project(root, {"content/people/bob.md": crlf_bob})
    result = run_main("build", "--root", root, "--out", tmp_path / "out")
    assert result.returncode == 1
    assert "content/people/bob.md:6:6: [[bob-typo]] links to no item" in result.stderr


def test_parse_entry_keeps_field_lines() -> None:
    """Every field keeps the 1-based line of its key, for later stages to point back at."""
    text = "---\n\nname: Bob\n# a comment\nrole: Driver\n---\nbody\n"
    bob = parse_entry(text.encode(), "people", "bob", "content/people/bob.md")
    assert (bob.slug, bob.kind, bob.body, bob.body_line) == ("bob", "people", "body\n", 7)
    assert {key: field.line for key, field in bob.doc.fields.items()} == {"name": 3, "role": 5}


PAGE = "content/pages/x.md"
COLON = (
    "invalid YAML: mapping values are not allowed here: a ':' followed by a space inside "
    "an unquoted value starts a new field; put the whole value in quotes"
)


@pytest.mark.parametrize(
    ("front_matter", "expected", "fix"),
    [
        pytest.param(
            "title: Tham Luang: the rescue\n",
            f'{PAGE}:2:18: {COLON}: title: "Tham Luang: the rescue"',
            {"title": "Tham Luang: the rescue"},
            id="value",
        ),
        pytest.param(
            "summary: S.\ntitle: A: B: C\n",
            f'{PAGE}:3:9: {COLON}: title: "A: B: C"',
            {"title": "A: B: C"},
            id="two-colons-first-one-located",
        ),
        pytest.param(
            "title: Tham Luang:\n",
            f'{PAGE}:2:18: {COLON}: title: "Tham Luang:"',
            {"title": "Tham Luang:"},
            id="colon-at-end-of-line",
        ),
        pytest.param(
            "title: Tham Luang: the rescue   # from the wires\n",
            f'{PAGE}:2:18: {COLON}: title: "Tham Luang: the rescue" # from the wires',
            {"title": "Tham Luang: the rescue"},
            id="comment-stays-a-comment",
        ),
        pytest.param(
            "title: C# in 2024: a review\n",
            f'{PAGE}:2:18: {COLON}: title: "C# in 2024: a review"',
            {"title": "C# in 2024: a review"},
            id="hash-inside-a-word-is-text",
        ),
        pytest.param(
            'title: The "Wild Boars": rescued\n',
            f"{PAGE}:2:24: {COLON}: title: 'The \"Wild Boars\": rescued'",
            {"title": 'The "Wild Boars": rescued'},
            id="double-quotes-inside",
        ),
        pytest.param(
            'title: The "Boars": Thailand\'s rescue\n',
            f"{PAGE}:2:19: {COLON}: title: 'The \"Boars\": Thailand''s rescue'",
            {"title": 'The "Boars": Thailand\'s rescue'},
            id="both-quotes-inside",
        ),
        pytest.param(
            "title: Thailand's rescue: day 1\n",
            f'{PAGE}:2:25: {COLON}: title: "Thailand\'s rescue: day 1"',
            {"title": "Thailand's rescue: day 1"},
            id="apostrophe-inside",
        ),
        pytest.param(
            "title: C:\\caves: a path\n",
            f"{PAGE}:2:16: {COLON}: title: 'C:\\caves: a path'",
            {"title": "C:\\caves: a path"},
            id="backslash-inside",
        ),
        pytest.param(
            "title: See https://example.org: it helps\n",
            f'{PAGE}:2:31: {COLON}: title: "See https://example.org: it helps"',
            {"title": "See https://example.org: it helps"},
            id="url-colon-is-text",
        ),
        pytest.param(
            "title: Tham Luang: the\n  rescue\nsummary: S.\n",
            f'{PAGE}:2:18: {COLON}: title: "Tham Luang: the rescue"',
            {"title": "Tham Luang: the rescue"},
            id="value-folded-over-two-lines",
        ),
        pytest.param(
            "quotes:\n  - text: He said: go\n    context: x\n",
            f'{PAGE}:3:18: {COLON}: - text: "He said: go"',
            [{"text": "He said: go"}],
            id="list-item",
        ),
        pytest.param(
            "- a: b: c\n", f'{PAGE}:2:7: {COLON}: - a: "b: c"', [{"a": "b: c"}], id="list-item-at-top"
        ),
        pytest.param(
            "relations:\n  - person: ada\n    label:   Father: of Bob\n",
            f'{PAGE}:4:20: {COLON}: label: "Father: of Bob"',
            {"label": "Father: of Bob"},
            id="nested-and-extra-spaces",
        ),
        pytest.param(
            "summary: A long\n  line: that goes on\n",
            f"{PAGE}:3:7: {COLON}",
            None,
            id="key-not-on-the-line-no-example",
        ),
    ],
)
def test_colon_in_unquoted_value_shows_the_value_quoted(
    front_matter: str, expected: str, fix: object
) -> None:
    """The error points at the ':' and, when the key is on its line, shows the field quoted;
    the suggested line reads back as the value the author meant."""
    with pytest.raises(ContentError) as caught:
        parse_entry(f"---\n{front_matter}---\n".encode(), "pages", "x", PAGE)
    assert str(caught.value) == expected
    if fix is not None:
        suggested = expected.rsplit("put the whole value in quotes: ", 1)[1]
        assert yaml.safe_load(suggested) == fix


def test_colon_hint_is_the_same_without_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pure PyYAML words the error 'here', libyaml 'in this context': the message is one."""
    front_matter = b"---\ntitle: Tham Luang: the rescue\n---\n"
    messages = []
    for loader in (load._Loader, yaml.SafeLoader):
        monkeypatch.setattr(load, "_Loader", loader)
        with pytest.raises(ContentError) as caught:
            parse_entry(front_matter, "pages", "x", PAGE)
        messages.append(str(caught.value))
    assert messages == [f'{PAGE}:2:18: {COLON}: title: "Tham Luang: the rescue"'] * 2


@pytest.mark.parametrize("line_break", ["\x85", "\u2028", "\u2029", "\r"])
def test_a_line_break_only_yaml_sees_is_an_error_not_a_crash(tmp_path: Path, line_break: str) -> None:
    # YAML breaks lines at NEL and the Unicode separators: the ': ' hint must find the line it
    # names (a property test found 'name\x85<<: ' crashing with IndexError).
    files = dict(SMALL_PROJECT)
    files["content/people/ada.md"] = f"---\nname{line_break}<<: \n---\n"
    root = write_files(tmp_path / "project", files)
    result = run_main("build", "--root", root, "--out", tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "content/people/ada.md:" in result.stderr


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029"])
def test_errors_name_the_files_lines_when_yaml_counts_more_line_breaks(separator: str) -> None:
    """YAML breaks lines at NEL, U+2028 and U+2029 too; a file's lines (and an editor's) are
    its newlines (a lone CR is read as one), so an error names the line of the file it is on."""
    doc = load.compose_mapping(f'name: Ada\nrole: "x{separator}{separator}y"\nname: Bob\n', "site.yaml", 1)
    assert [(problem.line, problem.message) for problem in doc.problems] == [
        (3, "duplicate key 'name' (first on line 1); YAML would silently keep only the last one")
    ]
    with pytest.raises(ContentError) as caught:
        parse_entry(f"---\n{separator * 4}name\n---\n".encode(), "sources", "x", "content/sources/x.md")
    assert caught.value.line == 2, caught.value
