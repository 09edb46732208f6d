"""render/chart_sizes.py: the chart text sizes come from the theme's stylesheet (one --chart-*
custom property per role); a size that is missing or not one px value is a build error naming the
stylesheet's line. How the layout follows the sizes: test_charts; how Chromium draws them:
test_charts_browser."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import REPO, assert_fails_leaving_output, break_project, fenced_blocks

from site_builder.errors import BuildFailed
from site_builder.render.chart_sizes import ChartSizes, read_chart_sizes
from site_builder.render.theme import default_theme_dir, find_theme

DEFAULT_CSS = (default_theme_dir() / "static" / "style.css").read_text("utf-8")
ROOT_LINE = next(
    number for number, line in enumerate(DEFAULT_CSS.splitlines(), 1) if line.startswith(":root {")
)
SIZES_LINE = next(
    number for number, line in enumerate(DEFAULT_CSS.splitlines(), 1) if "--chart-text:" in line
)
SIZES = read_chart_sizes(find_theme(Path(__file__).parent / "no-project"))
"""The default theme's sizes."""


def sizes_of(tmp_path: Path, files: dict[str, str]) -> ChartSizes:
    """The chart sizes of a project whose templates/static/ holds these stylesheets."""
    for name, text in files.items():
        path = tmp_path / "templates" / "static" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return read_chart_sizes(find_theme(tmp_path))


def errors_of(tmp_path: Path, files: dict[str, str]) -> list[str]:
    with pytest.raises(BuildFailed) as raised:
        sizes_of(tmp_path, files)
    return [str(error) for error in raised.value.errors]


def test_the_default_theme_sets_every_size_in_its_root_rule() -> None:
    assert dataclasses.asdict(SIZES) == {"text": 13, "small": 11, "axis": 12, "value": 15}


def test_a_project_stylesheet_sets_the_sizes(tmp_path: Path) -> None:
    css = DEFAULT_CSS.replace("--chart-text: 13px;", "--chart-text: 16.5px;")
    assert sizes_of(tmp_path, {"style.css": css}) == dataclasses.replace(SIZES, text=16.5)


def test_a_stylesheet_linked_after_style_css_overrides_its_sizes(tmp_path: Path) -> None:
    """docs/theming.md: a project's own stylesheet, linked in the head block, sets a size."""
    newsroom = "/* bigger charts */\n:root { --chart-text: 16px; --chart-axis: 14px }\n"
    assert sizes_of(tmp_path, {"newsroom.css": newsroom}) == dataclasses.replace(SIZES, text=16, axis=14)


def test_the_theming_guide_example_sets_the_sizes_and_its_error_is_the_real_one(tmp_path: Path) -> None:
    """docs/theming.md, "Chart text size": its stylesheet and the error it shows."""
    fences = fenced_blocks((REPO / "docs" / "theming.md").read_text("utf-8"))
    [css] = [fence.content for fence in fences if fence.info == "css" and "--chart-" in fence.content]
    assert sizes_of(tmp_path / "good", {"newsroom.css": css}) == ChartSizes(
        text=16, small=13, axis=14, value=18
    )
    [shown] = [fence.content for fence in fences if fence.info == "text" and "--chart-" in fence.content]
    bad = css.replace("--chart-text: 16px", "--chart-text: 1rem")
    assert errors_of(tmp_path / "bad", {"newsroom.css": bad}) == [shown.strip()]


def test_comments_strings_and_other_rules_do_not_confuse_the_reader(tmp_path: Path) -> None:
    css = (
        "/* :root { --chart-text: 99px; } */\n"
        '.x::after { content: "} :root { --chart-text: 98px; }"; }\n'
        ":root {\n  --chart-textual: 1em; --chart-small: 10px;\n}\n"
    )
    assert sizes_of(tmp_path, {"extra.css": css}) == dataclasses.replace(SIZES, small=10)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"style.css": DEFAULT_CSS.replace(" --chart-axis: 12px;", "")},
            [
                f"templates/static/style.css:{ROOT_LINE}:1: --chart-axis is not set: charts lay their "
                "labels out for it; add '--chart-axis: 12px;' to the top-level ':root' rule",
            ],
            id="missing",
        ),
        pytest.param(
            {"style.css": DEFAULT_CSS.replace("--chart-text: 13px;", "--chart-text: 1rem;")},
            [
                f"templates/static/style.css:{SIZES_LINE}:3: --chart-text must be a size in px, like 13px, "
                "not '1rem': charts lay their labels out for it at build time",
            ],
            id="not-px",
        ),
        pytest.param(
            {
                "style.css": DEFAULT_CSS.replace(
                    "--chart-value: 15px;", "--chart-value: 15px; --chart-value: 16px;"
                )
            },
            [
                f"templates/static/style.css:{SIZES_LINE}:85: --chart-value is set twice (first on line "
                f"{SIZES_LINE}): charts are laid out for one value; keep one",
            ],
            id="twice",
        ),
        pytest.param(
            {"print.css": "@media print {\n  :root { --chart-small: 9pt; }\n}\n"},
            [
                "templates/static/print.css:2:11: --chart-small is set inside '@media print > :root': "
                "charts are laid out once, at build time, so set it only in the top-level ':root' rule",
            ],
            id="in-media-query",
        ),
        pytest.param(
            {"a.css": ":root { --chart-text: 14px }", "b.css": ":root {\n--chart-text: 15px }"},
            [
                "templates/static/b.css:2:1: --chart-text is set in two stylesheets (first in "
                "templates/static/a.css:1): which one wins depends on the order pages link them; set it "
                "in one",
            ],
            id="two-stylesheets",
        ),
    ],
)
def test_a_size_that_is_not_one_px_value_names_the_file_and_line(
    tmp_path: Path, files: dict[str, str], expected: list[str]
) -> None:
    assert errors_of(tmp_path, files) == expected


def test_an_unreadable_stylesheet_is_one_error(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "static"
    folder.mkdir(parents=True)
    (folder / "style.css").write_bytes(b":root { --chart-text: 13px; } /* \xff */")
    with pytest.raises(BuildFailed) as raised:
        read_chart_sizes(find_theme(tmp_path))
    [error] = raised.value.errors  # and not four "is not set" besides
    assert str(error).startswith("templates/static/style.css: cannot read the stylesheet: 'utf-8'")


def test_the_build_fails_on_a_missing_size_without_a_traceback(built_project: tuple[Path, Path]) -> None:
    root, out_dir = built_project
    break_project(root, {"templates/static/style.css": DEFAULT_CSS.replace("--chart-text: 13px; ", "")})
    assert_fails_leaving_output(
        root,
        out_dir,
        [
            f"templates/static/style.css:{ROOT_LINE}:1: --chart-text is not set: charts lay their "
            "labels out for it; add '--chart-text: 13px;' to the top-level ':root' rule",
        ],
    )
