"""site-builder check: validation plus dead links, missing anchors, orphans and duplicates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import REPO, run_main, write_files

from site_builder.check import OUTSIDE, check_css, duplicate_ids, find_file, link_problem, resolve, scan_page

FIXTURE = REPO / "tests" / "fixtures" / "second-explainer"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the second explainer, free to break."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return root


def append_to_home(root: Path, text: str) -> int:
    """Add lines to the home page's body; returns the file line the first one lands on."""
    home = root / "content/pages/index.md"
    before = home.read_text("utf-8")
    home.write_text(before + text, "utf-8")
    return before.count("\n") + 1


def test_a_good_site_passes_and_nothing_is_written(project: Path) -> None:
    result = run_main("check", "--root", project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].endswith(": no problems")
    assert not (project / "public").exists()
    assert sorted(p.name for p in project.iterdir()) == ["content"]


def test_planted_broken_link_missing_anchor_and_orphan_each_name_their_file(project: Path) -> None:
    planted = "See [the archive](archive/) and [the rain](timeline/#no-such-day)."
    line = append_to_home(project, f"\n{planted}\n")
    # nav: none takes the page out of the menus, so nothing leads to it
    write_files(
        project, {"content/pages/lonely.md": "---\ntitle: Nobody links here\nnav: none\n---\nAlone.\n"}
    )
    result = run_main("check", "--root", project)
    assert result.returncode == 1
    problems = result.stdout.splitlines()[:-1]
    at = f"content/pages/index.md:{line + 1}"
    assert problems == [
        f"{at}:{planted.index('archive/') + 1}: link 'archive/' points to 'archive/', which the site "
        "does not have (on index.html)",
        f"{at}:{planted.index('timeline/') + 1}: link 'timeline/#no-such-day': timeline/index.html "
        "has no element with id 'no-such-day' (on index.html)",
        "content/pages/lonely.md:1:1: no link leads here from the home page (orphan page): link to it "
        "from a page readers can reach (lonely/index.html)",
    ]
    assert result.stdout.splitlines()[-1].endswith(": 3 problems")


def test_problem_from_a_template_names_the_template_output(project: Path) -> None:
    footer = (REPO / "templates/partials/footer.html").read_text("utf-8")
    write_files(
        project,
        {
            "templates/partials/footer.html": footer.replace(
                "</footer>", "<a href=\"{{ url('/press/') }}\">Press</a>\n</footer>"
            )
        },
    )
    result = run_main("check", "--root", project)
    assert result.returncode == 1
    problems = result.stdout.splitlines()[:-1]
    pages = [line.split(":", 1)[0] for line in problems]
    assert "index.html" in pages and "people/mara-quill/index.html" in pages
    assert all("link '" in line and "press/" in line for line in problems)


def test_duplicate_titles_and_ids(project: Path) -> None:
    site_yaml = project / "content/site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "raw_html: true\n")
    append_to_home(project, "\nSee [[people-again]].\n")
    write_files(
        project,
        {
            "content/pages/people-again.md": (
                '---\ntitle: People\n---\n<p id="main">Same id as the main element.</p>\n'
            )
        },
    )
    result = run_main("check", "--root", project)
    assert result.returncode == 1
    problems = result.stdout.splitlines()[:-1]
    assert (
        "content/pages/people-again.md:1:1: <title> 'People | Rivermouth flood 2024 (test fixture)' "
        "is also the title of people/index.html (people-again/index.html)" in problems
    )
    duplicate_id = [line for line in problems if "id 'main'" in line]
    assert len(duplicate_id) == 1
    assert duplicate_id[0].startswith("people-again/index.html:")
    assert "is used 2 times on this page" in duplicate_id[0]


def test_missing_asset_is_found(project: Path) -> None:
    base = (REPO / "templates/base.html").read_text("utf-8")
    write_files(
        project,
        {
            "templates/base.html": base.replace(
                "</head>", '<link rel="preload" href="{{ url(\'/assets/font.woff2\') }}" as="font">\n</head>'
            )
        },
    )
    result = run_main("check", "--root", project)
    assert result.returncode == 1
    assert "index.html:" in result.stdout
    assert "link '../assets/font.woff2' points to 'assets/font.woff2'" in result.stdout


def test_json_format_for_ci(project: Path) -> None:
    line = append_to_home(project, "\n[Gone](gone/)\n")
    result = run_main("check", "--root", project, "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert report["problems"] == [
        {
            "path": "content/pages/index.md",
            "line": line + 1,
            "column": len("[Gone](") + 1,
            "message": "link 'gone/' points to 'gone/', which the site does not have (on index.html)",
        }
    ]
    assert report["pages"] > 10
    assert report["summary"].endswith("1 problem")


def test_build_errors_are_check_problems(project: Path) -> None:
    append_to_home(project, "\n[[no-such-item]]\n")
    text = run_main("check", "--root", project)
    assert text.returncode == 1
    assert "content/pages/index.md:" in text.stdout
    assert "[[no-such-item]] links to no item" in text.stdout
    assert text.stdout.splitlines()[-1] == "1 error: the site could not be built"
    report = json.loads(run_main("check", "--root", project, "--format", "json").stdout)
    assert report["ok"] is False
    assert report["problems"][0]["path"] == "content/pages/index.md"


def test_sub_path_base_url_keeps_links_resolving(project: Path) -> None:
    result = run_main("check", "--root", project, "--base-url", "https://example.org/explainers/rivermouth/")
    assert result.returncode == 0, result.stdout
    assert "base_url" not in result.stderr  # its only note is the figures page's (no chart)


def test_without_base_url_check_says_what_is_left_out(project: Path) -> None:
    result = run_main("check", "--root", project)
    assert result.returncode == 0
    assert "note: content/site.yaml has no base_url: no sitemap.xml" in result.stderr


def test_the_panjshir_explainer_passes() -> None:
    result = run_main("check", "--root", REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_root_absolute_links_are_problems_with_the_link_form_to_use(project: Path) -> None:
    """/timeline/ works at a host's root and breaks under a sub-path: check names the fix."""
    planted = "See [the timeline](/timeline/), [Mara](/people/mara-quill/) and [the rest](/elsewhere/)."
    line = append_to_home(project, f"\n{planted}\n")
    result = run_main("check", "--root", project)
    assert result.returncode == 1
    absolute = [text for text in result.stdout.splitlines() if "root-absolute" in text]
    sub_path = "(a base_url like https://example.org/explainers/story/)"
    at = f"content/pages/index.md:{line + 1}"
    assert absolute == [
        f"{at}:{planted.index('/timeline/') + 1}: link '/timeline/' is root-absolute: it breaks "
        f"when the site lives under a sub-path {sub_path}; write [[timeline]] instead",
        f"{at}:{planted.index('/people/') + 1}: link '/people/mara-quill/' is root-absolute: it "
        f"breaks when the site lives under a sub-path {sub_path}; write [[mara-quill]] instead",
        f"{at}:{planted.index('/elsewhere/') + 1}: link '/elsewhere/' is root-absolute: it breaks "
        f"when the site lives under a sub-path {sub_path}; write a [[slug]] link to the item or "
        "section instead",
    ]


def test_a_dead_link_written_twice_is_reported_at_each_column(project: Path) -> None:
    planted = "See [one](gone/) and [two](gone/) and <https://example.org/fine>."
    line = append_to_home(project, f"\n{planted}\n")
    result = run_main("check", "--root", project)
    assert result.returncode == 1
    dead = [text for text in result.stdout.splitlines() if "'gone/'" in text]
    first = planted.index("gone/") + 1
    second = planted.index("gone/", first) + 1
    assert [text.split(": link")[0] for text in dead] == [
        f"content/pages/index.md:{line + 1}:{first}",
        f"content/pages/index.md:{line + 1}:{second}",
    ]


# --- check's own functions, called directly ----------------------------------------------------


def test_scan_page_finds_the_title_ids_and_every_url_the_browser_follows() -> None:
    scan = scan_page(
        b"<title> A \n page </title>\n<svg><title>a chart</title></svg>\n"
        b'<p id="x"><a href="../b/#y" name="z">l</a>\n'
        b'<img srcset="a.png 1x, b.png 2x" src="c.png"><p id="x">'
    )
    assert scan.titles == ["A page"]  # an SVG's title labels the graphic, not the page
    assert dict(scan.ids) == {"x": [4, 5], "z": [4]}
    assert [(link.url, link.tag, link.line) for link in scan.links] == [
        ("../b/#y", "a", 4),
        ("c.png", "img", 5),
        ("a.png", "img", 5),
        ("b.png", "img", 5),
    ]
    assert [str(problem) for problem in duplicate_ids("x.html", scan)] == [
        "x.html:5:1: id 'x' is used 2 times on this page (lines 4, 5)"
    ]


@pytest.mark.parametrize(
    ("url", "page", "root", "base_url", "target"),
    [
        ("../b/#y", "people/a/index.html", "/", "", ("people/b/", "y")),
        ("#top", "index.html", "/sub/", "", ("index.html", "top")),
        ("?q=1", "a/index.html", "/", "", ("a/index.html", "")),
        ("https://e.org/sub/people/", "x/index.html", "/sub/", "https://e.org/sub/", ("people/", "")),
        ("https://other.org/", "index.html", "/", "", None),
        ("mailto:a@e.org", "index.html", "/", "", None),
        ("../../..", "a/index.html", "/sub/", "", (OUTSIDE, "")),
        ("/elsewhere/", "index.html", "/sub/", "", (OUTSIDE, "")),
        ("/sub/a%20b#c%20d", "index.html", "/sub/", "", ("a b", "c d")),
        (".", "a/index.html", "/", "", ("a/", "")),
    ],
)
def test_resolve_a_url_to_an_output_path(
    url: str, page: str, root: str, base_url: str, target: tuple[str, str] | None
) -> None:
    assert resolve(url, page, root, base_url) == target


def test_find_file_serves_folders_as_static_hosts_do() -> None:
    files = {"index.html": b"", "about/index.html": b"", "a.css": b""}
    assert [find_file(path, files) for path in ("", "about", "about/", "a.css", "nope", "nope/")] == [
        "index.html",
        "about/index.html",
        "about/index.html",
        "a.css",
        None,
        None,
    ]


def test_link_problem_names_what_is_missing() -> None:
    files = {"index.html": b"", "b/index.html": b""}
    scans = {"b/index.html": scan_page(b'<p id="here">')}
    assert link_problem("b/#here", "b/", "here", files, scans, "/") == ("b/index.html", "")
    assert link_problem("b/#top", "b/", "top", files, scans, "/") == ("b/index.html", "")
    assert link_problem("b/#gone", "b/", "gone", files, scans, "/") == (
        "b/index.html",
        "link 'b/#gone': b/index.html has no element with id 'gone'",
    )
    assert link_problem("c/", "c/", "", files, scans, "/") == (
        "",
        "link 'c/' points to 'c/', which the site does not have",
    )
    assert link_problem("../..", OUTSIDE, "", files, scans, "/sub/") == (
        "",
        "link '../..' points outside the site, whose root is /sub/",
    )


def test_check_css_reports_each_url_that_names_no_file() -> None:
    css = 'a { background: url(../a.css) }\nb { x: url("missing.png") } c { y: url(data:x) }\n'
    problems = check_css("assets/style.css", css, {"a.css": b""}, "/")
    assert [str(problem) for problem in problems] == [
        "assets/style.css:2:8: url(missing.png) names a file the site does not have"
    ]
