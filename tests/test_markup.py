"""Markdown bodies: where each [[link]] is (0-based line, 1-based column), the link rule itself,
links filled in per page, and what markdown-it is allowed to render."""

from __future__ import annotations

import pytest

from site_builder.markup import fill_links, make_markdown, render_body

MD = make_markdown(raw_html=False)


def links_of(body: str) -> list[tuple[str, int, int]]:
    """(slug, line, column) of every [[link]] found in a body."""
    return [(link.slug, link.line, link.column) for link in render_body(MD, body).links]


LOCATIONS = [
    pytest.param(
        "See [[qq]] and again [[qq]] here.", [("qq", 0, 5), ("qq", 0, 22)], id="repeated-link-on-a-line"
    ),
    pytest.param("`[[qq]]` is code, [[qq]] is a link", [("qq", 0, 19)], id="same-text-in-a-code-span-first"),
    pytest.param(
        "[[a|the A]] and [[a]] and [[ a ]]",
        [("a", 0, 1), ("a", 0, 17), ("a", 0, 27)],
        id="with-text-and-spaces",
    ),
    pytest.param(
        "First line\n  second [[a]] and [[a]]\nthird [[b]] [[a]]",
        [("a", 1, 10), ("a", 1, 20), ("b", 2, 7), ("a", 2, 13)],
        id="multi-line-paragraph",
    ),
    pytest.param(
        "Intro.\n\nNext paragraph [[a]].\n\n\n[[a]] again",
        [("a", 2, 16), ("a", 5, 1)],
        id="paragraphs-and-blank-lines",
    ),
    pytest.param(
        "*[[a]]* and **x [[a]]** and _y *[[b]]*_",
        [("a", 0, 2), ("a", 0, 17), ("b", 0, 33)],
        id="inside-emphasis",
    ),
    pytest.param(
        "[see [[a]] here](https://example.org) [[a]]", [("a", 0, 6), ("a", 0, 39)], id="inside-a-link-label"
    ),
    pytest.param(
        "| h | [[a]] |\n| - | - |\n| [[a]] | [[a]] |\n|  x  |   [[b]] [[b]] |",
        [("a", 0, 7), ("a", 2, 3), ("a", 2, 11), ("b", 3, 11), ("b", 3, 17)],
        id="table-cells",
    ),
    pytest.param(
        "| a | b |\n| - | - |\n| `[[a]]` | [[a]] |",
        [("a", 2, 13)],
        id="table-cell-after-a-code-span-with-the-same-text",
    ),
    pytest.param(
        "| a | b |\n| - | - |\n| x \\| y [[a]] | [[a]] |",
        [("a", 2, 10), ("a", 2, 18)],
        id="table-cell-with-an-escaped-pipe",
    ),
    pytest.param(
        "- [[a]]\n- x [[a]]\n  - nested [[b]] [[b]]\n\n1. one [[c]]\n10. ten [[c]]",
        [("a", 0, 3), ("a", 1, 5), ("b", 2, 12), ("b", 2, 18), ("c", 4, 8), ("c", 5, 9)],
        id="list-items",
    ),
    pytest.param(
        "- item\n  more [[a]]\n\n  second paragraph [[a]]\n      deeper [[a]]",
        [("a", 1, 8), ("a", 3, 20), ("a", 4, 14)],
        id="list-item-continuation",
    ),
    pytest.param("-\t[[a]] after a tab\n\n  \tx [[a]]", [("a", 0, 3), ("a", 2, 6)], id="tabs"),
    pytest.param(
        "> quoted [[a]]\n> > deeper [[a]]\nlazy [[a]]",
        [("a", 0, 10), ("a", 1, 12), ("a", 2, 6)],
        id="blockquotes",
    ),
    pytest.param(
        "## [[a]] title [[a]] ##\n\nSetext [[b]]\n[[b]]\n---",
        [("a", 0, 4), ("a", 0, 16), ("b", 2, 8), ("b", 3, 1)],
        id="headings",
    ),
    pytest.param("a\r\nb [[x]] [[x]]\r\n\r\n[[y]]", [("x", 1, 3), ("x", 1, 9), ("y", 3, 1)], id="crlf"),
    pytest.param("a\rb [[x]] [[x]]\r[[y]]", [("x", 1, 3), ("x", 1, 9), ("y", 2, 1)], id="old-mac-line-ends"),
    pytest.param(
        "caf\u00e9 \U0001f600 [[a]] [[a]]", [("a", 0, 8), ("a", 0, 14)], id="columns-count-characters"
    ),
    pytest.param("[[a [[b]] c]] [[d\ne]] [[]] [[ ]] \\[[f]]", [("b", 0, 5)], id="not-links"),
]


@pytest.mark.parametrize(("body", "expected"), LOCATIONS)
def test_link_locations(body: str, expected: list[tuple[str, int, int]]) -> None:
    """Each link's own line and column, though the same text comes earlier on its line."""
    assert links_of(body) == expected


def test_long_line_of_links() -> None:
    """80,000 links on one line, seven slugs repeated: every column is the link's own."""
    count = 80_000
    body = "".join(f"[[s{index % 7}]] " for index in range(count))  # 7 characters each
    links = links_of(body)
    assert [link[0] for link in links] == [f"s{index % 7}" for index in range(count)]
    assert {link[1] for link in links} == {0}
    assert [link[2] for link in links] == [1 + 7 * index for index in range(count)]


def test_unclosed_brackets_on_a_long_line() -> None:
    """'[[' never closed, 20,000 times, then one real link: no link but the last."""
    body = "[[a " * 20_000 + "[[z]]"
    assert links_of(body) == [("z", 0, 4 * 20_000 + 1)]


def test_a_link_is_rendered_once_and_filled_in_per_page() -> None:
    """The body is rendered with placeholders; fill_links gives each page its href and name,
    escaped, and a [[slug|text]] keeps its own (escaped) text."""
    body = render_body(MD, 'See [[ada]], [[ada|<the "negotiator">]] and [[t&c]].')
    names = {"ada": "Ada <Lovelace>", "t&c": "Terms & conditions"}

    def link(slug: str) -> tuple[str, str, str]:
        return f"../{slug}/?a=1&b=2", names[slug], ""

    assert fill_links(body.html, link) == (
        '<p>See <a href="../ada/?a=1&amp;b=2">Ada &lt;Lovelace&gt;</a>, '
        '<a href="../ada/?a=1&amp;b=2">&lt;the &#34;negotiator&#34;&gt;</a> and '
        '<a href="../t&amp;c/?a=1&amp;b=2">Terms &amp; conditions</a>.</p>\n'
    )
    assert fill_links("<p>no links</p>", link) == "<p>no links</p>"


def test_a_link_to_another_language_says_which() -> None:
    """A [[link]] to an item shown only in another language carries hreflang and lang."""
    body = render_body(MD, "See [[parade]].")
    filled = fill_links(body.html, lambda slug: ("../../timeline/#parade", "The boat parade", "en"))
    assert filled == (
        '<p>See <a href="../../timeline/#parade" hreflang="en" lang="en">The boat parade</a>.</p>\n'
    )


@pytest.mark.parametrize(
    ("raw_html", "rendered"),
    [
        (False, "<p>&lt;b&gt;bold&lt;/b&gt; <s>gone</s></p>\n"),
        (True, "<p><b>bold</b> <s>gone</s></p>\n"),
    ],
)
def test_raw_html_only_when_the_site_allows_it(raw_html: bool, rendered: str) -> None:
    assert render_body(make_markdown(raw_html), "<b>bold</b> ~~gone~~").html == rendered


def test_tables_are_on() -> None:
    assert "<table>" in render_body(MD, "| a | b |\n| - | - |\n| 1 | 2 |").html
