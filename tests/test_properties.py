"""Property tests: on any input the splitter, the date reader, the slug rules and the mention
linker either succeed or raise our own located ContentError, never another exception."""

from __future__ import annotations

import datetime
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import SMALL_PROJECT, write_files
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape

from site_builder.build import load_site
from site_builder.errors import ContentError
from site_builder.load import YamlDoc, compose_mapping, parse_entry, split_front_matter
from site_builder.mentions import (
    NO_MENTIONS,
    PageLinker,
    alias_regex,
    alternatives,
    link_mentions,
    link_runs_one_by_one,
    site_matcher,
)
from site_builder.model import KINDS, Site
from site_builder.render.theme import Fill
from site_builder.validate import SLUG_RE, to_date, to_slug, validate_entry

EXAMPLES = 400
"""Examples per property (the README's table counts them)."""
SHOWN = "content/people/x.md"
settings.register_profile(
    "hostile", max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("hostile")

YAML_PIECES = st.sampled_from(
    [
        "name",
        "role",
        "summary",
        "aliases",
        "date",
        ":",
        ": ",
        "-",
        "- ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&a ",
        "*a",
        "!!python/object:os.system ",
        "!tag ",
        "<<: ",
        "? ",
        "|",
        ">",
        "#",
        "'",
        '"',
        "\t",
        "\n",
        "\n  ",
        "\r\n",
        "---",
        "...",
        "\ufeff",
        "\x00",
        "\x85",
        "\u2028",
        "é",
        "2021-02-30",
        "010",
        "12:30",
        "yes",
        "~",
        "null",
        "0x1F",
        ".inf",
        "%YAML 1.1\n",
        "%TAG ! !foo\n",
    ]
)
FRONT_MATTER = st.lists(YAML_PIECES | st.text(max_size=5), max_size=40).map("".join)
FILE_TEXT = st.one_of(
    st.text(max_size=200),
    st.builds(lambda front, body: f"---\n{front}\n---\n{body}", FRONT_MATTER, st.text(max_size=50)),
    st.builds(lambda front: f"---\n{front}", FRONT_MATTER),
)


def assert_located(error: ContentError, text: str) -> None:
    """The error names the file and a line that exists in it (or the file as a whole)."""
    assert error.path == SHOWN
    assert 0 <= error.line <= text.count("\n") + text.count("\r") + 2, error
    assert "\n" not in str(error), error


@given(FILE_TEXT)
def test_splitter_succeeds_or_raises_located_error(text: str) -> None:
    try:
        front, body, body_line = split_front_matter(text, SHOWN)
    except ContentError as e:
        assert_located(e, text)
        return
    lines = text.split("\n")
    assert lines[body_line - 2].rstrip() in ("---", "...")  # the closing line is just before
    assert "\n".join(lines[body_line - 1 :]) == body
    assert front == "\n".join(lines[1 : body_line - 2])


@given(
    st.one_of(FILE_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=200)),
    st.sampled_from(KINDS),
)
@example(b"---\nname: " + b"[" * 100_000 + b"\n---\n", "people")  # once segfaulted libyaml
@example(b"---\nname: Bob\x00\n---\n", "people")
@example(b"---\n\xc2\x85\xc2\x85\xc2\x85\xc2\x85name\n---\n", "sources")  # NEL: a YAML line break
def test_entry_parse_and_validate_never_crash(data: bytes, kind: str) -> None:
    """parse_entry then validate_entry: an item, or ContentErrors that point into the file."""
    text = data.decode("utf-8", "replace")
    try:
        raw = parse_entry(data, kind, "x", SHOWN)
    except ContentError as e:
        assert_located(e, text)
        return
    item, errors = validate_entry(raw, "article")
    assert (item is None) == bool(errors)
    for error in errors:
        assert_located(error, text)


def date_field(value: str) -> tuple[yaml.Node, YamlDoc]:
    """The node and document of `date: <value>`, as validate sees a front-matter date."""
    doc = compose_mapping(f"date: {value}", SHOWN, line_offset=2)
    return doc.fields["date"].node, doc


DATE_LIKE = st.text(alphabet="0123456789-s: .'\"T+Z\u0663\U0001d7d8", max_size=14)


@given(st.one_of(DATE_LIKE, st.text(max_size=20).map(json.dumps)))
@example("2021-02-30")
@example("\u0662\u0660\u0662\u0661")  # Arabic-Indic digits: not the ASCII digits the docs ask for
def test_date_reader_succeeds_or_raises_located_error(value: str) -> None:
    try:
        node, doc = date_field(value)
        date = to_date(node, doc, "date")
    except ContentError as e:
        assert e.path == SHOWN and e.line == 2, e
        return
    assert re.fullmatch(r"[0-9]{4}(s|-[0-9]{2}(-[0-9]{2})?)?", date.iso), date
    assert date.iso == node.value.strip()


@given(st.dates(min_value=datetime.date(1000, 1, 1)), st.sampled_from([0, 1, 2, 3]))
def test_every_real_date_is_read_back(day: datetime.date, precision: int) -> None:
    """Every calendar date, at every precision, quoted or not, reads back as written."""
    written = {0: f"{day.year // 10 * 10}s", 1: f"{day.year}", 2: day.isoformat()[:7], 3: day.isoformat()}[
        precision
    ]
    for value in (written, f'"{written}"'):
        node, doc = date_field(value)
        date = to_date(node, doc, "date")
        assert (date.iso, date.precision) == (written, precision)


@given(st.dates(), st.integers(min_value=29, max_value=99))
def test_impossible_days_are_refused(day: datetime.date, day_number: int) -> None:
    """A day past the end of its month is an error at the field's line, never a date."""
    try:
        datetime.date(day.year, day.month, day_number)
        return  # a real date
    except ValueError:
        pass
    node, doc = date_field(f"{day.year:04d}-{day.month:02d}-{day_number:02d}")
    with pytest.raises(ContentError) as caught:
        to_date(node, doc, "date")
    assert caught.value.line == 2 and "has" in caught.value.message


@given(st.text(max_size=30))
@example("..")
@example("../../etc/passwd")
@example("Ada Lovelace")
def test_slug_fields_are_slugs_or_errors(value: str) -> None:
    """A slug field yields a name that is safe as a file and URL segment, or a located error."""
    try:
        doc = compose_mapping(f"part_of: {json.dumps(value)}", SHOWN, line_offset=2)
        slug = to_slug(doc.fields["part_of"].node, doc, "part_of")
    except ContentError as e:
        assert e.path == SHOWN and e.line == 2, e
        return
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    assert (Path("/site/people") / slug).resolve().parent == Path("/site/people")


@given(st.text(max_size=30))
@example("bob..smith")
@example("Bob")
@example("bob smith")
def test_file_name_slugs_are_checked(slug: str) -> None:
    """A bad file name is one error whose suggested name is itself a valid slug."""
    raw = parse_entry(b"---\nname: Bob\nrole: Driver\nsummary: Drove.\n---\n", "people", slug, SHOWN)
    item, errors = validate_entry(raw, "")
    if SLUG_RE.fullmatch(slug):
        assert item is not None and item.slug == slug
        return
    assert item is None and len(errors) == 1
    suggestion = re.search(r"like '([^']*)\.md'", errors[0].message)
    assert suggestion and SLUG_RE.fullmatch(suggestion[1]), errors[0]


@pytest.fixture(scope="module")
def mention_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The small project without glossary terms, so linking adds no text (no tooltips)."""
    files = {path: text for path, text in SMALL_PROJECT.items() if "glossary" not in path}
    files["content/people/ada.md"] = files["content/people/ada.md"].replace(
        "affiliations: [nrf]\n", "aliases: [Lovelace, Ada]\n"
    )
    files["content/pages/index.md"] = files["content/pages/index.md"].replace(" and [[nrf|the front]]", "")
    root = write_files(tmp_path_factory.mktemp("mentions"), files)
    return load_site(root, {})


class Reader(HTMLParser):
    """Visible text, and each mention link with the elements it sits in."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.open: list[str] = []
        self.mention_parents: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a" and ("class", "mention") in attrs:
            self.mention_parents.append(list(self.open))
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def read(html: str) -> Reader:
    reader = Reader()
    reader.feed(html)
    reader.close()
    return reader


WORDS = st.sampled_from(
    [
        "Ada",
        "Lovelace",
        "Ada Lovelace",
        "The Town",
        "town",
        " ",
        ", ",
        "said",
        "&",
        "<",
        ">",
        '"',
        "'",
        "Ada\u2019s",
        "x-Ada",
        "ada",
        "AdaLovelace",
        "\n",
        "\u00a0",
        "é",
    ]
)
TEXT = st.lists(WORDS, max_size=8).map("".join)
ELEMENTS = st.sampled_from(["p", "em", "a", "h2", "code", "pre", "script", "nav", "li"])


@st.composite
def pages(draw: st.DrawFn) -> str:
    """Well-formed HTML with escaped text, as templates render it: what the linker is given."""

    def block(depth: int) -> str:
        parts = []
        for _ in range(draw(st.integers(0, 4))):
            if depth < 3 and draw(st.booleans()):
                tag = draw(ELEMENTS)
                attrs = ' href="../x/"' if tag == "a" else ""
                inner = draw(TEXT).replace("</", "< /") if tag == "script" else block(depth + 1)
                parts.append(f"<{tag}{attrs}>{inner}</{tag}>")
            else:
                parts.append(draw(TEXT).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
        return "".join(parts)

    return f"<header>{block(2)}</header><main>{block(0)}</main><footer>{block(2)}</footer>"


@given(pages(), st.sampled_from(["/", "/people/ada/", "/places/town/", "/about/"]))
def test_mention_linker_keeps_text_and_links_only_plain_prose(
    mention_site: Site, html: str, page_url: str
) -> None:
    """Linking mentions changes no visible text, nests no link in a link, heading or code."""
    linked = link_mentions(html, page_url, mention_site)
    before, after = read(html), read(linked)
    assert "".join(after.text) == "".join(before.text)
    for parents in after.mention_parents:
        assert "main" in parents and not set(parents) & NO_MENTIONS, (parents, linked)
    assert len(after.mention_parents) <= 2  # Ada and the town, each once at most


@given(st.text(max_size=300), st.sampled_from(["/", "/people/ada/", "/404.html"]))
@example("<main><script>Ada", "/")
@example("<main><!-- Ada", "/")
@example("<main><a href='Ada Lovelace>'>Ada Lovelace</main>", "/")
def test_mention_linker_never_crashes_on_any_text(mention_site: Site, html: str, page_url: str) -> None:
    """Arbitrary, broken HTML: the linker returns a string and loses no text outside tags."""
    linked = link_mentions(html, page_url, mention_site)
    assert isinstance(linked, str)
    if "<" not in html and "&" not in html:
        assert linked == html  # no <main>, so nothing may change


BROKEN = st.lists(
    st.sampled_from(
        ["<main>", "</main>", "<a>", "</a>", "<script>", "<STYLE x='>'>", "<p>", "</p>", "&amp;", "Ada", " "]
    )
).map("".join)
"""Pages of broken HTML: unclosed elements, a raw-text element never closed."""


@given(st.one_of(pages(), BROKEN), st.sampled_from(["/", "/people/ada/"]))
@settings(max_examples=EXAMPLES // 2)
@example("<main><p>Ada</p><textarea>Ada <b>Ada</b></textarea><p>Ada Lovelace</p></main>", "/")
@example("<main><a>Ada</a><script>Ada</p></script>Ada</main>", "/")
@example("<main><script>x</p>Ada</script>Ada Lovelace</main>", "/")
def test_the_linker_reads_a_page_as_its_tag_by_tag_reading_does(
    mention_site: Site, html: str, page_url: str
) -> None:
    """link_mentions searches a page's text runs joined into one string; the runs read tag by
    tag (each run searched alone, a raw-text element skipped to its closing tag) link the same."""
    matcher = site_matcher(mention_site)
    assert matcher is not None
    start, end = html.find("<main"), html.rfind("</main>")
    if start < 0 or end < start:
        return
    one_by_one = link_runs_one_by_one(html[start:end], PageLinker(mention_site, page_url, matcher))
    assert link_mentions(html, page_url, mention_site, matcher) == html[:start] + one_by_one + html[end:]


ALIAS_PIECES = st.sampled_from(
    ["a", "A", "b", "ß", "SS", "ss", "\u0130", " ", "  ", "\n", "'", "\u2019", "-", "1", "$"]
)


@given(
    st.lists(
        st.lists(ALIAS_PIECES, min_size=1, max_size=6).map("".join).map(str.strip).filter(bool), max_size=8
    ),
    st.lists(ALIAS_PIECES, max_size=12).map("".join),
)
@settings(max_examples=EXAMPLES // 2)
@example(["the Kabul accord", "the Kabul", "the Doha talks", "The Kabul x", "THE"], "the Kabul x")
@example(["a  b", "a b-", "a b"], "a b-")
@example(["aZ", "AB", "aB c"], "AB c")  # 'AB' (as written) before 'aB c' (either case)
def test_an_alias_tree_matches_what_the_aliases_match_in_turn(texts: list[str], text: str) -> None:
    """alternatives() writes aliases as a tree, faster to try: at every place of a text it
    matches what their regexes joined by '|' match, in the same order."""
    flat = re.compile(f"(?:{'|'.join(map(alias_regex, texts))})(?![\\w-])") if texts else None
    tree = re.compile(f"(?:{alternatives(tuple(texts))})(?![\\w-])") if texts else None
    for at in range(len(text) + 1):
        one = flat.match(text, at) if flat else None
        other = tree.match(text, at) if tree else None
        assert (one and one.span()) == (other and other.span()), (at, tree and tree.pattern)


FILL_PIECES = st.sampled_from(
    ["{", "}", "{a}", "{b}", "{a!r}", "{a:>4}", "{0}", "{}", "{a.b}", "x", "&", "<", "'"]
)
FILL_VALUES = st.one_of(st.text(st.sampled_from("x<&'\"")), st.integers(), st.text().map(Markup), st.none())


@given(
    st.lists(FILL_PIECES, max_size=8).map("".join),
    st.dictionaries(st.sampled_from(["a", "b", "c"]), FILL_VALUES),
)
@settings(max_examples=EXAMPLES // 2)
def test_fill_fills_in_as_markupsafe_formats(text: str, values: dict[str, object]) -> None:
    """The `fill` filter splits a string of plain {name}s once and joins it with its values:
    the same markup, or the same error, as escape(text).format(**values), every time."""
    fill = Fill()
    for _ in range(2):  # the second time from its split form
        try:
            expected: object = escape(text).format(**values)
        except Exception as error:  # the error is what is compared
            expected = repr(error)
        try:
            found: object = fill(text, **values)
        except Exception as error:
            found = repr(error)
        assert found == expected and type(found) is type(expected)


def test_the_linker_property_is_not_vacuous(mention_site: Site) -> None:
    """The mention site does link: the property above checks real links, not none."""
    linked = link_mentions("<main><p>Ada Lovelace met Ada in The Town.</p></main>", "/", mention_site)
    assert len(read(linked).mention_parents) == 2
