"""Whole builds: reproducible output, safe rewrites, template errors, projects with only content/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import (
    REPO,
    SMALL_PROJECT,
    assert_fails_leaving_output,
    break_project,
    error_lines,
    person,
    run_cli,
    run_main,
    snapshot,
    write_files,
)

SECOND_EXPLAINER = REPO / "tests" / "fixtures" / "second-explainer"

PERSON_WITH_TYPO = """{% extends "base.html" %}
{% block content %}
<h1>{{ item.name }}</h1>
<p>{{ item.nmae }}</p>
{% endblock %}
"""


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path: Path) -> None:
    """Same content, same bytes: no timestamps, no dict-order or set-order leaks."""
    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    first = run_cli("build", "--root", root, "--out", tmp_path / "one", "--no-cache")
    second = run_cli("build", "--root", root, "--out", tmp_path / "two", "--no-cache")
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_cached_rebuild_equals_fresh_build(tmp_path: Path) -> None:
    """A build that reuses the cache writes exactly what a build from nothing writes."""
    root = write_files(tmp_path / "project", dict(SMALL_PROJECT))
    assert run_main("build", "--root", root, "--out", tmp_path / "cached").returncode == 0
    break_project(
        root,
        {
            "content/people/ada.md": SMALL_PROJECT["content/people/ada.md"].replace(
                "Led the talks.", "Led the talks in 2021."
            )
        },
    )
    assert run_main("build", "--root", root, "--out", tmp_path / "cached").returncode == 0
    assert run_main("build", "--root", root, "--out", tmp_path / "fresh", "--no-cache").returncode == 0
    assert snapshot(tmp_path / "cached") == snapshot(tmp_path / "fresh")
    assert b"Led the talks in 2021." in snapshot(tmp_path / "fresh")["people/ada/index.html"]


def test_rebuild_removes_pages_of_deleted_items(built_project: tuple[Path, Path]) -> None:
    """public/ is replaced, not added to: a deleted person's page disappears."""
    root, out_dir = built_project
    assert (out_dir / "places/town/index.html").is_file()
    break_project(
        root,
        {
            "content/places/town.md": None,
            "content/people/ada.md": SMALL_PROJECT["content/people/ada.md"].replace("[[town]]", "town"),
            "content/events/talks.md": SMALL_PROJECT["content/events/talks.md"].replace(
                "places: [town]\n", ""
            ),
            "content/figures/attendance.md": SMALL_PROJECT["content/figures/attendance.md"].replace(
                "places: [town]\n", ""
            ),
        },
    )
    result = run_main("build", "--root", root, "--out", out_dir)
    assert result.returncode == 0, result.stderr
    assert not (out_dir / "places/town").exists()
    assert (out_dir / "people/ada/index.html").is_file()


@pytest.mark.parametrize(
    ("templates", "expected_start"),
    [
        pytest.param(
            {"templates/person.html": PERSON_WITH_TYPO},
            "templates/person.html:4:1: undefined in template: ",
            id="undefined-attribute",
        ),
        pytest.param(
            {"templates/person.html": PERSON_WITH_TYPO.replace("item.nmae", "nmae")},
            "templates/person.html:4:1: undefined in template: 'nmae' is undefined",
            id="undefined-name",
        ),
        pytest.param(
            {"templates/person.html": PERSON_WITH_TYPO.replace("{{ item.name }}", "{{ item.name }")},
            "templates/person.html:3:1: template syntax: ",
            id="syntax-error",
        ),
        pytest.param(
            {"templates/partials/footer.html": "<footer>\n{{ config.titel }}\n</footer>\n"},
            "templates/partials/footer.html:2:1: undefined in template: ",
            id="typo-in-a-partial",
        ),
    ],
)
def test_template_error_names_file_and_line(
    built_project: tuple[Path, Path], templates: dict[str, str], expected_start: str
) -> None:
    """StrictUndefined: a typo in a project's template override stops the build at its line."""
    root, out_dir = built_project
    before = snapshot(out_dir)
    write_files(root, templates)
    result = run_main("build", "--root", root, "--out", out_dir)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = error_lines(result.stderr)
    assert errors and all(line.startswith(expected_start) for line in errors), result.stderr
    assert snapshot(out_dir) == before


def test_template_override_is_used(built_project: tuple[Path, Path]) -> None:
    """A file in the project's templates/ replaces the default theme's file of that name."""
    root, out_dir = built_project
    write_files(
        root,
        {
            "templates/person.html": PERSON_WITH_TYPO.replace(
                "{{ item.nmae }}", '<span id="custom">{{ item.role }}</span>'
            )
        },
    )
    assert run_main("build", "--root", root, "--out", out_dir).returncode == 0
    assert '<span id="custom">Negotiator</span>' in (out_dir / "people/ada/index.html").read_text("utf-8")


def test_project_with_only_content_builds(tmp_path: Path) -> None:
    """The second explainer fixture has no templates/: the default theme builds all of it."""
    assert (SECOND_EXPLAINER / "content" / "site.yaml").is_file()
    assert not (SECOND_EXPLAINER / "templates").exists()
    root = tmp_path / "second"
    shutil.copytree(SECOND_EXPLAINER, root)  # the build cache must not land in the repo
    out_dir = tmp_path / "site"
    result = run_main("build", "--root", root, "--out", out_dir)
    assert result.returncode == 0, result.stderr
    built = snapshot(out_dir)
    people = sorted(p.stem for p in (root / "content" / "people").glob("*.md"))
    places = sorted(p.stem for p in (root / "content" / "places").glob("*.md"))
    expected = {
        "index.html",
        "404.html",
        "people/index.html",
        "places/index.html",
        "figures/index.html",
        "timeline/index.html",
        "glossary/index.html",
        "sources/index.html",
    }
    expected |= {f"people/{slug}/index.html" for slug in people}
    expected |= {f"places/{slug}/index.html" for slug in places}
    assert expected <= set(built)
    assert b"Mara Quill" in built["people/mara-quill/index.html"]


def test_broken_fixture_copy_leaves_its_output(tmp_path: Path) -> None:
    """The same safety holds for a real-sized project: break one file, the old site stays."""
    root = tmp_path / "second"
    shutil.copytree(SECOND_EXPLAINER, root)
    out_dir = tmp_path / "site"
    assert run_main("build", "--root", root, "--out", out_dir).returncode == 0
    index = root / "content" / "pages" / "index.md"
    index.write_text(index.read_text("utf-8") + "\nSee [[mara-quil]].\n", "utf-8")
    line = index.read_text("utf-8").count("\n")
    column = len("See ") + 1
    assert_fails_leaving_output(
        root,
        out_dir,
        [
            f"content/pages/index.md:{line}:{column}: [[mara-quil]] links to no item "
            "(did you mean 'mara-quill'?)",
        ],
    )


EVERY_CLASS_OF_PROBLEM: dict[str, str] = {
    # site.yaml: a bad value does not stop the content from being checked
    "content/site.yaml": SMALL_PROJECT["content/site.yaml"].replace("language: en", "language: english!"),
    # a file whose YAML does not parse, and a file that refers to it (that reference waits)
    "content/places/valley.md": "---\nname: [The Valley\nkind: valley\n---\n",
    "content/events/flood.md": (
        "---\ntitle: Flood\ndate: 2021-09-05\nsummary: Water.\nplaces: [valley]\n---\n"
    ),
    # a field error
    "content/people/bea.md": "---\nname: Bea\nrloe: Mayor\nsummary: Runs the town.\n---\n",
    # an unknown person slug
    "content/events/talks.md": SMALL_PROJECT["content/events/talks.md"].replace(
        "people: [ada]", "people: [ada, adda]"
    ),
    # a broken [[link]]
    "content/pages/index.md": "---\ntitle: Home\n---\nThe talks involved [[nobody]].\n",
    # a misquote
    "content/people/ada.md": person('quotes:\n  - text: "the talks would never resume"\n'),
    # an alias two items share
    "content/glossary/nrf.md": (
        "---\nterm: National Resistance Front\nabbr: NRF\n"
        "definition: An armed group.\naliases: [Ada Lovelace]\n---\n"
    ),
    # a duplicate slug
    "content/glossary/town.md": "---\nterm: Town\ndefinition: A place.\n---\n",
}


def test_one_run_reports_every_independent_problem(tmp_path: Path) -> None:
    """Problems of every class, in different files, all in the first run's report."""
    root = write_files(tmp_path / "project", {**SMALL_PROJECT, **EVERY_CLASS_OF_PROBLEM})
    result = run_main("build", "--root", root, "--out", tmp_path / "public")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "content/events/talks.md:5:1: 'people' names unknown person 'adda' (did you mean 'ada'?)",
        "content/glossary/nrf.md:5:1: 'Ada Lovelace' (aliases) is also the name of "
        "content/people/ada.md: a mention of it could link to either, so keep it on one of them only",
        "content/pages/index.md:4:20: [[nobody]] links to no item",
        "content/people/ada.md:6:1: quote not found in source 'article'",
        "    closest passage (content/sources/article.md:6): the talks would resume.",
        "    difference ([-source-] {+quote+}): the talks would {+never+} resume",
        "content/people/bea.md:1:1: missing required field 'role'",
        "content/people/bea.md:3:1: unknown field 'rloe' (did you mean 'role'?)",
        "content/places/town.md:1:1: duplicate slug 'town': content/glossary/town.md has it too "
        "(slugs are shared by all kinds, so [[links]] stay unambiguous)",
        "content/places/valley.md:3:5: invalid YAML: did not find expected ',' or ']'",
        "content/site.yaml:3:1: 'language' must be a BCP 47 tag like 'en' or 'en-GB', not 'english!'",
        "9 errors",
        "more problems may follow once these are fixed: 1 reference to files with errors was not checked",
        "nothing was written; the previous output is unchanged",
    ]
    assert not (tmp_path / "public").exists()


def test_no_closing_note_when_every_file_was_read(tmp_path: Path) -> None:
    files = {**SMALL_PROJECT, "content/pages/index.md": "---\ntitle: Home\n---\n[[nobody]]\n"}
    result = run_main("build", "--root", write_files(tmp_path / "project", files))
    assert result.returncode == 1
    assert "more problems may follow" not in result.stderr


def test_a_site_yaml_that_does_not_parse_does_not_hide_content_problems(tmp_path: Path) -> None:
    files = {
        **SMALL_PROJECT,
        "content/site.yaml": "title: [Small\nlanguage: en\n",
        "content/pages/index.md": "---\ntitle: Home\n---\n[[nobody]]\n",
        "content/people/ada.md": person('quotes:\n  - text: "the talks would resume"\n'),
    }
    result = run_main("check", "--root", write_files(tmp_path / "project", files))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "content/pages/index.md:4:1: [[nobody]] links to no item",
        "content/site.yaml:2:9: invalid YAML: did not find expected ',' or ']'",
    ]
    assert lines[-1] == (
        "more problems may follow once these are fixed: content/site.yaml has "
        "errors and gave no default_source, so quotes that name no source were "
        "not checked"
    )
