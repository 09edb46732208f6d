"""`site-builder new`: the example explainer builds and checks as written; a new file has every
field of its kind, explained, and still validates with every optional line uncommented."""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from conftest import REPO, LinkCollector, run_cli, run_main, snapshot, write_files

import site_builder
from site_builder.build import typed_entry
from site_builder.model import Event, Item, Person
from site_builder.provenance.text import find_quote, normalise
from site_builder.scaffold import EXAMPLE_FILES, KIND_NAMES, SOURCE, required_fields
from site_builder.validate import COMMON, SCHEMAS, SITE_SCHEMA, SLUG_RE

KINDS = list(SCHEMAS)
FIELD_LINE_RE = re.compile(r"(# )?([a-z_]+):(?: |$)")
"""A field line, written out or commented out (doc comments are sentences, never 'key: ')."""


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`site-builder new` into a folder that does not exist yet, parents included."""
    root = tmp_path_factory.mktemp("scaffold") / "newsroom" / "wrenmouth"
    result = run_main("new", root)
    assert result.returncode == 0, result.stderr
    assert f"site-builder serve --root {root}" in result.stdout
    assert f"site-builder check --root {root}" in result.stdout
    return root


@pytest.fixture
def project(example: Path, tmp_path: Path) -> Path:
    """A private copy of the example explainer, to add files to."""
    return Path(shutil.copytree(example, tmp_path / "project"))


def fields_of(text: str) -> list[tuple[str, bool, str]]:
    """(key, commented out?, the comment line above it) for each field line of a file's front
    matter; the continuation lines of a block value are skipped."""
    front = text.split("---\n")[1].splitlines()
    found = []
    for number, line in enumerate(front):
        match = FIELD_LINE_RE.match(line)
        if match:
            found.append((match[2], bool(match[1]), front[number - 1] if number else ""))
    return found


def validate(text: str, kind: str, slug: str) -> Item:
    """The typed item of a content file's text, failing the test with every error otherwise."""
    item, errors = typed_entry(text.encode(), kind, slug, f"content/{kind}/{slug}.md", SOURCE)
    assert not errors, "\n".join(map(str, errors))
    assert item is not None
    return item


def uncomment(text: str, skip: tuple[str, ...] = ()) -> str:
    """Every commented-out field line written out, except the keys in skip."""
    lines = []
    for line in text.splitlines(keepends=True):
        match = FIELD_LINE_RE.match(line)
        if match and match[1] and match[2] not in skip:
            line = line[2:]
        lines.append(line)
    return "".join(lines)


# --- new DIR ---------------------------------------------------------------------------------


def test_example_builds_and_checks_as_written(example: Path, tmp_path: Path) -> None:
    """The example explainer builds, passes check, and its home page links to its items."""
    out_dir = tmp_path / "public"
    built = run_main("build", "--root", example, "--out", out_dir)
    assert built.returncode == 0, built.stderr
    home = out_dir / "index.html"
    assert home.is_file()
    links = LinkCollector()
    links.feed(home.read_text(encoding="utf-8"))
    for slug in ("mara-quill", "wrenmouth", "timeline", "about"):
        assert any(href.rstrip("/").endswith(slug) for href in links.hrefs), links.hrefs
    checked = run_main("check", "--root", example)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_example_has_every_field_of_each_kind_explained_once(example: Path) -> None:
    """Each item file shows every field of its kind once, under its doc from the schema."""
    item_files = [f for f in EXAMPLE_FILES if f.kind not in ("pages", "sources")]
    assert sorted(f.kind for f in item_files) == sorted(("people", "places", "figures", "events", "glossary"))
    for example_file in EXAMPLE_FILES:
        text = (example / f"content/{example_file.kind}/{example_file.slug}.md").read_text()
        schema = {**SCHEMAS[example_file.kind][1], **COMMON}
        fields = fields_of(text)
        keys = [key for key, _, _ in fields]
        assert len(keys) == len(set(keys)), keys
        if example_file.every_field:
            assert keys == list(schema), example_file.slug
        for key, _, above in fields:
            assert schema[key].doc and above == f"# {schema[key].doc}", (example_file.slug, key)


def test_example_site_yaml_is_explained(example: Path) -> None:
    """site.yaml sets title, description, language and default_source, each under its doc."""
    fields = fields_of("---\n" + (example / "content/site.yaml").read_text())
    written = [key for key, commented, _ in fields if not commented]
    assert written == ["title", "description", "language", "default_source"]
    assert [key for key, _, _ in fields] == list(SITE_SCHEMA)
    for key, _, above in fields:
        assert above == f"# {SITE_SCHEMA[key].doc}"


def test_example_source_is_marked_as_a_placeholder(example: Path) -> None:
    """The made-up source says so, in its front matter and its text."""
    text = (example / f"content/sources/{SOURCE}.md").read_text()
    front, body = text.split("---\n")[1:3]
    assert "PLACEHOLDER" in front
    assert body.startswith("[PLACEHOLDER")


def test_new_dir_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    """A folder with anything in it is refused with exit 2, and nothing is written."""
    write_files(tmp_path / "mine", {"notes.txt": "precious"})
    before = snapshot(tmp_path)
    result = run_main("new", tmp_path / "mine")
    assert result.returncode == 2
    assert "it is not empty" in result.stderr
    assert snapshot(tmp_path) == before


def test_new_dir_accepts_an_empty_folder(tmp_path: Path) -> None:
    """An existing empty folder is filled."""
    (tmp_path / "empty").mkdir()
    assert run_main("new", tmp_path / "empty").returncode == 0
    assert (tmp_path / "empty/content/pages/index.md").is_file()


@pytest.mark.parametrize("extra", [("--root", "."), ()], ids=["with-root", "a-kind-as-dir"])
def test_new_dir_usage_mistakes_exit_2(tmp_path: Path, extra: tuple[str, ...]) -> None:
    """`new DIR --root X` and `new people` (a kind, no slug) are refused, writing nothing."""
    target = "people" if not extra else "explainer"
    result = run_main("new", target, *extra, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert list(tmp_path.iterdir()) == []


# --- new KIND SLUG ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(KIND_NAMES))
def test_new_item_has_every_field_required_first(project: Path, name: str) -> None:
    """Every field of the kind, once, under its doc: required ones written out first, then the
    optional ones commented out; the file validates as written."""
    kind = KIND_NAMES[name]
    result = run_main("new", name, "fresh-item", "--root", project)
    assert result.returncode == 0, result.stderr
    path = project / "content" / kind / "fresh-item.md"
    text = path.read_text(encoding="utf-8")
    schema = {**SCHEMAS[kind][1], **COMMON}
    fields = fields_of(text)
    assert sorted(key for key, _, _ in fields) == sorted(schema)
    required = required_fields(kind)
    assert [(key, commented) for key, commented, _ in fields[: len(required)]] == [
        (key, False) for key in required
    ]
    assert all(commented for _, commented, _ in fields[len(required) :])
    for key, _, above in fields:
        assert schema[key].doc and above == f"# {schema[key].doc}", key
    assert text.split("---\n", 2)[2].strip(), "a body placeholder"
    validate(text, kind, "fresh-item")


@pytest.mark.parametrize("kind", KINDS)
def test_new_item_validates_with_every_optional_line_uncommented(project: Path, kind: str) -> None:
    """Each example value is valid, every slug it names is an item of the example explainer,
    and every quote it gives is in the example's source."""
    assert run_main("new", kind, "fresh-item", "--root", project).returncode == 0
    text = (project / "content" / kind / "fresh-item.md").read_text(encoding="utf-8")
    variants = [uncomment(text, skip=("start", "end"))]
    if kind == "events":  # a span instead of a date
        variants.append(uncomment(text.replace("\ndate: ", "\n# date: "), skip=("date",)))
    slugs = {path.stem for path in (project / "content").glob("*/*.md")}
    source_text = normalise((project / f"content/sources/{SOURCE}.md").read_text())
    for variant in variants:
        assert not [
            key
            for key, commented, _ in fields_of(variant)
            if commented and key not in ("start", "end", "date")
        ]
        item = validate(variant, kind, "fresh-item")
        named = [
            getattr(item, key)
            for key in ("people", "places", "terms", "affiliations", "see_also", "part_of", "source")
            if hasattr(item, key)
        ]
        if isinstance(item, Person):
            named += [relation.person for relation in item.relations]
            named += [quote.source for quote in item.quotes]
            for quote in item.quotes:
                assert find_quote(quote.text, source_text), quote.text
        if isinstance(item, Event):
            assert find_quote(item.quote, source_text), item.quote
        flat = [slug for value in named for slug in ((value,) if isinstance(value, str) else value)]
        assert set(flat) <= slugs, flat
        if hasattr(item, "image"):  # the example ships the picture it names
            picture = project / "content" / item.image
            assert picture.is_file() and picture.with_name(picture.name + ".yaml").is_file()
        assert flat or kind in ("sources", "pages")


def test_new_item_refuses_to_overwrite(project: Path) -> None:
    """An existing file is never replaced (exit 2), nor is a slug of another kind reused."""
    before = snapshot(project)
    for kind in ("people", "glossary"):
        result = run_main("new", kind, "mara-quill", "--root", project)
        assert result.returncode == 2
        assert "mara-quill" in result.stderr
    assert snapshot(project) == before


@pytest.mark.parametrize(
    "slug", ["Mara", "two--hyphens", "-lead", "trail-", "with space", "caf\u00e9", "under_score", "timeline"]
)
def test_new_item_refuses_a_bad_slug(project: Path, slug: str) -> None:
    """A slug that is not lowercase a-z, 0-9 and single hyphens, or a section's, exits 2."""
    before = snapshot(project)
    result = run_main("new", "--root", project, "people", "--", slug)  # '--': slug may start with -
    assert result.returncode == 2
    assert result.stderr.startswith("site-builder: error: ")
    assert snapshot(project) == before
    if "is not a valid slug" in result.stderr:  # the slug it suggests instead is a valid one
        suggested = result.stderr.rsplit("like '", 1)[1].split("'", 1)[0]
        assert SLUG_RE.fullmatch(suggested), suggested


def test_new_item_needs_a_project(tmp_path: Path) -> None:
    """Without ROOT/content the command says so and exits 2."""
    result = run_main("new", "person", "ada", "--root", tmp_path)
    assert result.returncode == 2
    assert f"{tmp_path / 'content'} does not exist" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_new_item_refuses_an_unknown_kind(project: Path) -> None:
    """A kind that is not one of the content folders exits 2, with a suggestion."""
    result = run_main("new", "peple", "ada", "--root", project)
    assert result.returncode == 2
    assert "did you mean 'people'?" in result.stderr


# --- --version ---------------------------------------------------------------------------------


def test_version_has_one_source() -> None:
    """The version is written once, as `site_builder.__version__`: pyproject.toml reads it from
    there, the installed package's metadata carries it, and `--version` prints it."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "site_builder.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", site_builder.__version__)
    # After a bump, `pip install -e '.[test]'` again refreshes the installed metadata.
    assert importlib.metadata.version("site-builder") == site_builder.__version__
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout == f"site-builder {site_builder.__version__}\n"
    assert f"## [{site_builder.__version__}]" in (REPO / "CHANGELOG.md").read_text()
