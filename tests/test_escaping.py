"""Script injection: hostile text in every field of every kind, and in bodies, stays text.

A real HTML parser reads every built page: the only scripts are the theme's JSON-LD (which must
parse as JSON and never contain '</script'), no element has an on* attribute, and no URL attribute
holds a javascript:, vbscript: or data: URL.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import write_files

from site_builder.cli import main


def bad(tag: str) -> str:
    """Hostile text, marked with `tag` so each field's copy can be found on the page."""
    return (
        f'{tag} <script>alert("{tag}")</script>" onmouseover="alert(1)" x=\' onfocus=\'alert(2)'
        f" </script><img src=x onerror=alert(3)> javascript:alert(4) <!-- {tag}"
    )


def yaml_text(tag: str) -> str:
    """bad(tag) as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(bad(tag))


SOURCE_SENTENCE = 'More than 300 people came <script>alert("q")</script> to the hall.'
BODY = (
    "Text <script>alert('body')</script> and <b onclick=\"alert(1)\">bold</b>.\n\n"
    "[a link](javascript:alert(1)) [caps](JaVaScRiPt:alert(1)) [spaced]( javascript:alert(1))\n"
    "[entity](&#106;avascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)\n"
    '![img](javascript:alert(1)) <javascript:alert(1)> <a href="javascript:alert(1)">raw</a>\n\n'
    "[[ada|<script>alert('wikilink')</script>]] and [[bob]].\n\n"
    '<iframe src="javascript:alert(1)"></iframe>\n'
)


def hostile_project() -> dict[str, str]:
    """Every kind, every text field hostile (slugs, dates and numbers are typed, so cannot be)."""

    def front(fields: str, body: str = BODY) -> str:
        return f"---\n{fields}---\n{body}"

    return {
        "content/site.yaml": (
            f"title: {yaml_text('SITETITLE')}\ndescription: {yaml_text('SITEDESC')}\n"
            "language: en\ndefault_source: article\nbase_url: https://example.org/x/\n"
        ),
        "content/sources/article.md": front(
            f"title: {yaml_text('SRCTITLE')}\npublisher: {yaml_text('SRCPUB')}\n"
            'url: https://example.org/a?b=<script>&c="d"\ndate: 2021-09\n',
            f"{SOURCE_SENTENCE}\n\n{bad('QUOTE')}\n",
        ),
        "content/pages/index.md": front(
            f"title: {yaml_text('PAGETITLE')}\nsummary: {yaml_text('PAGESUMMARY')}\n"
            f"corrections:\n  - date: 2021-09-03\n    text: {yaml_text('CORRECTION')}\n"
            "updated: 2021-09-04\n"
        ),
        "content/pages/about.md": front(f"title: {yaml_text('ABOUT')}\n"),
        "content/people/ada.md": front(
            f"name: {yaml_text('ADANAME')}\nrole: {yaml_text('ROLE')}\n"
            f"summary: {yaml_text('ADASUMMARY')}\naliases: [{yaml_text('ADAALIAS')}]\n"
            "affiliations: [nrf]\nage: 40\n"
            f"relations:\n  - person: bob\n    label: {yaml_text('RELLABEL')}\n"
            f"quotes:\n  - text: {yaml_text('QUOTE')}\n    context: {yaml_text('QCONTEXT')}\n",
            "Ada's body.\n",
        ),
        "content/people/bob.md": front(f"name: {yaml_text('BOBNAME')}\nrole: Driver\nsummary: Drove.\n", ""),
        "content/places/town.md": front(
            f"name: {yaml_text('TOWNNAME')}\nkind: {yaml_text('PLACEKIND')}\n"
            f"summary: {yaml_text('TOWNSUMMARY')}\naliases: [{yaml_text('TOWNALIAS')}]\n"
            "part_of: province\ncoordinates: [35.3, 69.5]\n"
        ),
        "content/places/province.md": front(
            f"name: {yaml_text('PROVNAME')}\nkind: province\nsummary: A province.\n"
            "coordinates: [35.0, 69.0]\n",
            "",
        ),
        "content/glossary/nrf.md": front(
            f"term: {yaml_text('TERM')}\nabbr: {yaml_text('ABBR')}\n"
            f"definition: {yaml_text('DEFINITION')}\ncategory: {yaml_text('CATEGORY')}\n"
            f"aliases: [{yaml_text('TERMALIAS')}]\n"
        ),
        "content/events/talks.md": front(
            f"title: {yaml_text('EVTITLE')}\ndate: 2021-09-02\nsummary: {yaml_text('EVSUMMARY')}\n"
            f"quote: {json.dumps(SOURCE_SENTENCE)}\npeople: [ada]\nplaces: [town]\n"
        ),
        "content/events/siege.md": front(
            f"title: {yaml_text('SPANTITLE')}\nstart: 2021-08\nend: 2021-10\napproximate: true\n"
            f"summary: {yaml_text('SPANSUMMARY')}\n"
        ),
        "content/figures/attendance.md": front(
            f"label: {yaml_text('FIGLABEL')}\nvalue: 300\nunit: people\n"
            f"display: {json.dumps('300 <script>alert(1)</script>')}\n"
            f"qualifier: {yaml_text('QUALIFIER')}\nattribution: {yaml_text('ATTRIB')}\n"
            f"quote: {json.dumps(SOURCE_SENTENCE)}\nplaces: [town]\nas_of: 2021-09\n"
        ),
    }


FIELD_TAGS = [
    "SITETITLE",
    "SITEDESC",
    "SRCTITLE",
    "SRCPUB",
    "PAGETITLE",
    "PAGESUMMARY",
    "CORRECTION",
    "ABOUT",
    "ADANAME",
    "ROLE",
    "ADASUMMARY",
    "RELLABEL",
    "QUOTE",
    "QCONTEXT",
    "BOBNAME",
    "TOWNNAME",
    "PLACEKIND",
    "TOWNSUMMARY",
    "PROVNAME",
    "TERM",
    "ABBR",
    "DEFINITION",
    "EVTITLE",
    "EVSUMMARY",
    "SPANTITLE",
    "SPANSUMMARY",
    "FIGLABEL",
    "QUALIFIER",
    "ATTRIB",
]
"""Fields whose hostile text must reach some page (the theme does not show a term's category)."""
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "data",
        "poster",
        "srcset",
        "background",
        "cite",
        "ping",
    }
)
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text")


class PageReader(HTMLParser):
    """Scripts, attributes and visible text of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []
        self.elements: set[str] = set()
        self._script: dict[str, str | None] | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.add(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]
        if tag == "script":
            self._script, self._script_text = dict(attrs), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)
        else:
            self.text.append(data)


def read_page(path: Path) -> PageReader:
    reader = PageReader()
    reader.feed(path.read_text("utf-8"))
    reader.close()
    return reader


def build(tmp_path: Path, files: dict[str, str]) -> Path:
    root = write_files(tmp_path / "project", files)
    out_dir = tmp_path / "public"
    assert main(["build", "--root", str(root), "--out", str(out_dir), "--no-cache"]) == 0
    return out_dir


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("escaping"), hostile_project())


def pages(out_dir: Path) -> list[Path]:
    found = sorted(out_dir.rglob("*.html"))
    assert len(found) > 10
    return found


def plain_url(value: str) -> str:
    """A URL as a browser reads its scheme: no white space or control characters, any case."""
    return re.sub(r"[\x00-\x20]", "", value).lower()


THEME_SCRIPT = re.compile(r"(\.\./)*assets/[a-z-]+\.[0-9a-f]{10}\.js")
"""A script file of the theme's own (embed pages, the embed code's copy button): no content in it."""


def test_no_script_runs_but_the_themes_json_ld(hostile_site: Path) -> None:
    for path in pages(hostile_site):
        reader = read_page(path)
        embed_page = path.relative_to(hostile_site).as_posix().startswith("embed/")
        assert reader.scripts or embed_page, f"{path}: the theme's JSON-LD is missing"
        for attrs, text in reader.scripts:
            where = f"{path.relative_to(hostile_site)}: {attrs} {text[:80]}"
            if attrs.get("src") is not None and THEME_SCRIPT.fullmatch(attrs["src"] or "") and not text:
                continue
            assert attrs.get("type") == "application/ld+json", where
            assert "</script" not in text.lower(), where
            json.loads(text)  # the hostile strings stay inside JSON strings


def test_no_event_handler_attributes(hostile_site: Path) -> None:
    for path in pages(hostile_site):
        reader = read_page(path)
        for tag, name, value in reader.attributes:
            assert not name.startswith("on"), f"{path}: <{tag} {name}={value!r}>"
        assert not reader.elements & {"iframe", "object", "embed"}, path
        assert ("img", "src", "x") not in reader.attributes, path  # the planted <img src=x>


def test_no_script_urls(hostile_site: Path) -> None:
    checked = 0
    for path in pages(hostile_site):
        for tag, name, value in read_page(path).attributes:
            if name in URL_ATTRIBUTES and value is not None:
                checked += 1
                assert not plain_url(value).startswith(BAD_SCHEMES), f"{path}: <{tag} {name}={value!r}>"
    assert checked > 100


def test_hostile_text_is_shown_as_text(hostile_site: Path) -> None:
    """Each field's text reaches a page intact, as text or an attribute value (a meta
    description): escaped, not dropped or mangled."""
    readers = [read_page(path) for path in pages(hostile_site)]
    visible = " ".join(" ".join(r.text) for r in readers) + " ".join(
        value or "" for r in readers for _, _, value in r.attributes
    )
    for tag in FIELD_TAGS:
        assert f'{tag} <script>alert("{tag}")</script>"' in visible, tag
    assert "<script>alert('body')</script>" in visible
    assert "<script>alert('wikilink')</script>" in visible


def test_javascript_url_field_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A source's url: javascript:... never reaches a page: the build stops at that line."""
    files = hostile_project()
    files["content/sources/article.md"] = files["content/sources/article.md"].replace(
        'url: https://example.org/a?b=<script>&c="d"', "url: javascript:alert(1)"
    )
    root = write_files(tmp_path / "project", files)
    assert main(["build", "--root", str(root), "--out", str(tmp_path / "public")]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/sources/article.md:4:6: 'url' must be an absolute http(s) URL, not 'javascript:alert(1)'"
    )
    assert not (tmp_path / "public").exists()


RAW_BODY = 'Before <b>bold</b> and <span class="x">span</span> after.\n'


@pytest.mark.parametrize("raw_html", [False, True])
def test_raw_html_in_bodies_only_when_the_site_allows_it(tmp_path: Path, raw_html: bool) -> None:
    """Off by default: the tags are shown as text. `raw_html: true` in site.yaml: they are HTML."""
    files = {
        "content/site.yaml": "title: T\ndescription: D.\nlanguage: en\n"
        + ("raw_html: true\n" if raw_html else ""),
        "content/pages/index.md": f"---\ntitle: Home\n---\n{RAW_BODY}",
    }
    reader = read_page(build(tmp_path, files) / "index.html")
    visible = "".join(reader.text)
    if raw_html:
        assert "b" in reader.elements and ("span", "class", "x") in reader.attributes
        assert "Before bold and span after." in visible
    else:
        assert "b" not in reader.elements and ("span", "class", "x") not in reader.attributes
        assert RAW_BODY.strip() in visible
