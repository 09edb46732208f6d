"""The string table: every key used and every key used there, date words, and a theme's
templates/strings.yaml changing words key by key (or reported, with its line, when it cannot)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from conftest import REPO, SMALL_PROJECT, error_lines, run_main, write_files
from jinja2 import nodes
from test_built_site import parse_html

from site_builder.build import build, load_site
from site_builder.model import Event, FuzzyDate
from site_builder.render import plan_pages
from site_builder.render.theme import find_theme, read_strings
from site_builder.strings import STRINGS, date_text, month_year_text, when_text

TEMPLATES = REPO / "templates"
ENGINE = REPO / "site_builder"


def template_asts() -> Iterator[tuple[str, nodes.Template]]:
    """Every template of the default theme, parsed (no rendering, so no globals are needed)."""
    env = jinja2.Environment()
    for path in sorted(TEMPLATES.rglob("*.html")):
        yield path.relative_to(REPO).as_posix(), env.parse(path.read_text("utf-8"))


def ui_keys_in_templates() -> dict[str, set[str]]:
    """Key -> templates that read it as ui['key']."""
    found: dict[str, set[str]] = {}
    for name, tree in template_asts():
        for node in tree.find_all(nodes.Getitem):
            table, key = node.node, node.arg
            if isinstance(table, nodes.Name) and table.name == "ui" and isinstance(key, nodes.Const):
                found.setdefault(key.value, set()).add(name)
    return found


def constants_in_templates() -> set[str]:
    """Every string constant in a template (keys chosen in a template, like 404.html's list)."""
    return {
        node.value
        for _, tree in template_asts()
        for node in tree.find_all(nodes.Const)
        if isinstance(node.value, str)
    }


def engine_lookups() -> tuple[set[str], list[re.Pattern[str]]]:
    """Keys the engine reads as strings['key'] (or self.strings[...]), and the patterns of the
    keys it builds, like strings[f"{section.slug}.nav"]."""
    literal: set[str] = set()
    patterns: list[re.Pattern[str]] = []

    def collect(node: ast.AST) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            literal.add(node.value)
        elif isinstance(node, ast.JoinedStr):  # its constant parts are pieces, not keys
            patterns.append(
                re.compile(
                    "".join(
                        re.escape(part.value) if isinstance(part, ast.Constant) else ".+"
                        for part in node.values
                    )
                )
            )
        else:
            for child in ast.iter_child_nodes(node):
                collect(child)

    for path in sorted(ENGINE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Subscript):
                table = node.value
                name = table.attr if isinstance(table, ast.Attribute) else getattr(table, "id", "")
                if name == "strings":
                    collect(node.slice)
    return literal, patterns


def test_every_key_a_template_reads_exists() -> None:
    missing = {key: sorted(where) for key, where in ui_keys_in_templates().items() if key not in STRINGS}
    assert missing == {}


def test_every_key_the_engine_reads_exists() -> None:
    literal, _ = engine_lookups()
    assert literal, "the scan found no strings[...] lookups"
    assert sorted(literal - set(STRINGS)) == []


def test_every_key_is_used_somewhere() -> None:
    used = set(ui_keys_in_templates()) | (constants_in_templates() & set(STRINGS))
    literal, patterns = engine_lookups()
    used |= literal
    unused = [key for key in STRINGS if key not in used and not any(p.fullmatch(key) for p in patterns)]
    assert unused == []


class ShownText(HTMLParser):
    """Text a reader (or a screen reader) gets from template markup: text between tags and the
    attributes that are read out."""

    SPOKEN = frozenset(("aria-label", "title", "alt", "placeholder"))

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.shown += [value or "" for name, value in attrs if name in self.SPOKEN]

    def handle_data(self, data: str) -> None:
        self.shown.append(data)


def test_templates_show_no_word_outside_the_table() -> None:
    """The English the theme shows lives in the table: with every Jinja tag and expression taken
    out of a template (and its comments, which are not output), no word is left to show."""
    jinja = re.compile(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        parser = ShownText()
        parser.feed(jinja.sub("x", path.read_text("utf-8")))  # "x": also a tag name, as in <{{ heading }}>
        parser.close()
        found += [
            f"{path.relative_to(REPO)}: {word}"
            for text in parser.shown
            for word in re.findall(r"[A-Za-z]{2,}", text)
            if word.strip("x")
        ]
    assert found == []


@pytest.mark.parametrize(
    ("date", "alone", "text"),
    [
        (FuzzyDate(1980, precision=0), False, "the 1980s"),
        (FuzzyDate(1980, precision=0), True, "1980s"),
        (FuzzyDate(1989), False, "1989"),
        (FuzzyDate(2021, 8, precision=2), False, "August 2021"),
        (FuzzyDate(2021, 8, 27, precision=3), False, "27 August 2021"),
    ],
)
def test_date_words(date: FuzzyDate, alone: bool, text: str) -> None:
    assert date_text(date, STRINGS, alone=alone) == text


def test_date_words_come_from_the_table_given() -> None:
    french = {
        **STRINGS,
        "date.month.8": "août",
        "date.day_month_year": "{day} {month} {year}",
        "date.decade": "les années {year}",
    }
    assert date_text(FuzzyDate(2021, 8, 27, precision=3), french) == "27 août 2021"
    assert date_text(FuzzyDate(1980, precision=0), french) == "les années 1980"


def event_dated(**fields: object) -> Event:
    """An event with the given date fields and nothing else."""
    return Event(
        kind="events",
        slug="x",
        path="x",
        body="",
        body_line=1,
        lines={},
        corrections=(),
        updated=None,
        **{"start": fields.get("after") or fields.get("before"), **fields},
    )


D = FuzzyDate
AUG_30, SEP_30 = D(2021, 8, 30, precision=3), D(2021, 9, 30, precision=3)


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"start": D(1980, precision=0)}, "1980s"),
        ({"start": D(1979), "end": D(1989)}, "1979 to 1989"),
        ({"start": D(1979), "end": D(1979)}, "1979"),  # a span of one date is that date
        ({"start": D(2021, 8, 27, precision=3), "time": "19:00"}, "27 August 2021, 19:00"),
        ({"before": D(2021, 8, 27, precision=3)}, "before 27 August 2021"),
        ({"after": D(2021, 8, precision=2)}, "after August 2021"),
        ({"after": AUG_30, "before": SEP_30}, "between 30 August and 30 September 2021"),
        (
            {"after": D(2020, 12, 30, precision=3), "before": SEP_30},
            "between 30 December 2020 and 30 September 2021",
        ),  # another year: said in full
        ({"after": D(2021), "before": SEP_30}, "between 2021 and 30 September 2021"),
        ({"start": D(2021, 9, 2, precision=3), "approximate": True}, "probably 2 September 2021"),
    ],
)
def test_when_text_says_no_more_than_is_known(fields: dict[str, object], text: str) -> None:
    assert when_text(event_dated(**fields), STRINGS) == text


def test_when_text_wraps_each_date_with_show() -> None:
    event = event_dated(after=AUG_30, before=SEP_30)
    shown = when_text(event, STRINGS, lambda date, words, time: f"<{date.machine}|{words}>")
    assert shown == "between <2021-08-30|30 August> and <2021-09-30|30 September 2021>"


@pytest.mark.parametrize(("abbreviated", "text"), [(False, "September 2021"), (True, "Sep 2021")])
def test_month_year_text(abbreviated: bool, text: str) -> None:
    assert month_year_text(2021, 9, STRINGS, abbreviated) == text


def header_labels(page_path: Path) -> list[str]:
    page = parse_html(page_path.read_bytes())
    [header] = [h for h in page.find_all("header") if h.has_class("site-header")]
    return [a.text for a in header.find_all("nav")[0].find_all("a")]


def test_a_themes_strings_yaml_changes_the_words_it_names(tmp_path: Path) -> None:
    root = write_files(
        tmp_path / "project",
        {
            **SMALL_PROJECT,
            "templates/strings.yaml": (
                "# the theme's words\n"
                "timeline.nav: Events\n"
                "date.month.9: Septembre\n"
                'home.all_figures.one: "The only figure ({count})"\n'
            ),
        },
    )
    out_dir = tmp_path / "public"
    build(root, out_dir, {}, use_cache=False)
    for path in ("index.html", "people/ada/index.html", "404.html"):
        labels = header_labels(out_dir / path)
        assert "Events" in labels and "Timeline" not in labels, path
        assert "People" in labels, path  # the other words stay
    timeline = (out_dir / "timeline" / "index.html").read_text("utf-8")
    assert "2 Septembre 2021" in timeline and "September" not in timeline
    home = parse_html((out_dir / "index.html").read_bytes())
    assert "The only figure (1)" in [a.text for a in home.find_all("a")]


def test_plan_pages_takes_section_titles_from_the_theme(tmp_path: Path) -> None:
    root = write_files(
        tmp_path / "project", {**SMALL_PROJECT, "templates/strings.yaml": "timeline.title: Chronology\n"}
    )
    theme = find_theme(root)
    assert theme.strings["timeline.title"] == "Chronology"
    assert theme.strings["people.title"] == STRINGS["people.title"]
    titles = {plan.url: plan.title for plan in plan_pages(load_site(root, {}), theme.strings)}
    assert titles["/timeline/"] == "Chronology"
    assert find_theme(tmp_path / "nothing").strings == STRINGS  # no strings.yaml: the defaults
    out_dir = tmp_path / "public"
    build(root, out_dir, {}, use_cache=False)  # the build passes the theme's table on
    timeline = parse_html((out_dir / "timeline" / "index.html").read_bytes())
    assert [h1.text for h1 in timeline.find_all("h1")] == ["Chronology"]


def test_strings_yaml_problems_name_the_file_and_line(tmp_path: Path) -> None:
    root = write_files(
        tmp_path / "project",
        {
            **SMALL_PROJECT,
            "templates/strings.yaml": (
                "timline.nav: Events\n"
                "people.nav: no\n"
                'home.all_figures.other: "All {n} figures"\n'
                "sources.nav: [a, list]\n"
                "glossary.nav: Terms\n"
                "home.all_places: All {count} places\n"
            ),
        },
    )
    result = run_main("build", "--root", root, "--out", tmp_path / "public")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert error_lines(result.stderr) == [
        "templates/strings.yaml:1:1: unknown string 'timline.nav' (did you mean 'timeline.nav'?)",
        "templates/strings.yaml:2:13: 'people.nav' must be text, but YAML reads 'no' as true/false; "
        'put it in quotes: people.nav: "no"',
        "templates/strings.yaml:3:25: 'home.all_figures.other': {n} is not filled in by anything "
        "(it may use {count})",
        "templates/strings.yaml:4:14: 'sources.nav' must be text, found a list",
        "templates/strings.yaml:6:1: 'home.all_places' counts something: give one form per plural "
        "category of the language instead (home.all_places.one, home.all_places.other in English; "
        "docs/theming.md, 'Plural forms')",
    ]
    assert not (tmp_path / "public").exists()


def test_a_quoted_string_keeps_its_spaces(tmp_path: Path) -> None:
    """A separator is its spaces as much as its comma: quoted, they are kept (the French table's
    ", " had become ",", and its 404 page read "page d'accueil,la chronologie")."""
    root = write_files(
        tmp_path / "project", {"templates/strings.yaml": 'list.separator: " / "\nfeed.title: x \n'}
    )
    strings = read_strings(root / "templates/strings.yaml", root)
    assert (strings["list.separator"], strings["feed.title"]) == (" / ", "x")
    french = read_strings(REPO / "site_builder/data/strings-fr.yaml", REPO, {})
    assert french["list.separator"] == ", "
