"""The pictures' text sizes, read from the theme's stylesheet: one value per role, so the CSS that
draws chart text and the layout that makes room for it (charts.py) never disagree.

Each size is a custom property (--chart-text, --chart-small, --chart-axis, --chart-value) in the
top-level :root rule; a small scanner finds those declarations (skipping comments and strings)
and nothing else of the CSS.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import fields
from functools import lru_cache

from ..errors import BuildFailed, TemplateProblem
from ..inputs import default_theme_dir
from ..records import frozen
from .theme import Theme


@frozen
class ChartSizes:
    """The pictures' text sizes in CSS px, one per role, each the value of a custom property in
    the :root rule of the theme's stylesheet (see CHART_SIZE_PROPERTIES)."""

    text: float
    """--chart-text: bar labels, place names in the diagram, place labels on the map."""
    small: float
    """--chart-small: the map's latitude and longitude labels, place kinds in the diagram."""
    axis: float
    """--chart-axis: the timeline strip's tick and cut labels."""
    value: float
    """--chart-value: the (bold) value beside each figure bar."""


CHART_SIZE_PROPERTIES = {f"--chart-{field.name}": field.name for field in fields(ChartSizes)}
"""Custom property -> ChartSizes field."""

STYLESHEET = "style.css"
"""The theme's stylesheet, which base.html links first; any other .css file of the theme is
linked after it (in the head block), so its value of a property wins."""

_CSS_TOKEN = re.compile(r"""/\*.*?(?:\*/|\Z)|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|[{};]""", re.S)
"""What the stylesheet scan stops at: a comment, a string (kept whole: a brace in one does not
end a rule), or the end of a prelude or declaration."""

_PX = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)px")


@frozen(eq=False, repr=False)
class Declaration:
    """One `--name: value` found in a stylesheet, where it is and the rule it is in."""

    prop: str
    value: str
    line: int
    column: int
    rule: str
    """The enclosing rule's prelude, ' > '-joined when nested: ':root', '@media print > :root'."""


def read_chart_sizes(theme: Theme) -> ChartSizes:
    """The chart text sizes the theme's stylesheets set; BuildFailed naming the file and line of
    each size that is not a px value, not in the top-level :root rule, set twice, or missing.

    Charts are laid out once, at build time, so each size is one px value for every page, screen
    and medium: one declaration in `:root { }`. A stylesheet of the project's other than style.css
    (linked after it, in the head block) overrides style.css's value."""
    default_dir = default_theme_dir().resolve()
    names = sorted(
        (name for name in theme.static_files if name.endswith(".css")),
        key=lambda name: (name != STYLESHEET, name),
    )
    found: dict[str, tuple[float, str, int]] = {}  # property -> (px, file shown, line)
    problems: list[TemplateProblem] = []
    reported: set[str] = set()  # properties with a problem already: not "missing" too
    stylesheet_shown, root_line = f"templates/static/{STYLESHEET}", 0
    for name in names:
        path = theme.static_files[name]
        shown = str(path) if path.resolve().is_relative_to(default_dir) else f"templates/static/{name}"
        try:
            css = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            problems.append(TemplateProblem(shown, 0, 0, f"cannot read the stylesheet: {e}"))
            reported.update(CHART_SIZE_PROPERTIES)  # they may be in it: say only what is known
            continue
        declarations, rule_line = scan_custom_properties(css, CHART_SIZE_PROPERTIES)
        if name == STYLESHEET:
            stylesheet_shown, root_line = shown, rule_line
        first_here: dict[str, int] = {}
        for decl in declarations:
            earlier = found.get(decl.prop)
            if decl.rule != ":root":
                why = (
                    f"is set inside '{decl.rule}': charts are laid out once, at build time, "
                    "so set it only in the top-level ':root' rule"
                )
            elif decl.prop in first_here:
                why = (
                    f"is set twice (first on line {first_here[decl.prop]}): charts are laid "
                    "out for one value; keep one"
                )
            elif not _PX.fullmatch(decl.value) or float(decl.value[:-2]) <= 0:
                why = (
                    f"must be a size in px, like {_default_size(decl.prop)}, not "
                    f"'{decl.value}': charts lay their labels out for it at build time"
                )
            elif earlier is not None and earlier[1] != stylesheet_shown:
                why = (
                    f"is set in two stylesheets (first in {earlier[1]}:{earlier[2]}): which "
                    "one wins depends on the order pages link them; set it in one"
                )
            else:
                why = ""
                found[decl.prop] = (float(decl.value[:-2]), shown, decl.line)
            first_here.setdefault(decl.prop, decl.line)
            if why:
                problems.append(TemplateProblem(shown, decl.line, decl.column, f"{decl.prop} {why}"))
                reported.add(decl.prop)
    problems += [
        TemplateProblem(
            stylesheet_shown,
            root_line or 1,
            1,
            (
                f"{prop} is not set: charts lay their labels out for it; add '{prop}: "
                f"{_default_size(prop)};' to the top-level ':root' rule"
            ),
        )
        for prop in CHART_SIZE_PROPERTIES
        if prop not in found and prop not in reported
    ]
    if problems:
        raise BuildFailed(problems)
    return ChartSizes(**{field: found[prop][0] for prop, field in CHART_SIZE_PROPERTIES.items()})


def _default_size(prop: str) -> str:
    """The default theme's value of a size property, for an error message's example."""
    try:
        css = (default_theme_dir() / "static" / STYLESHEET).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        css = ""
    declarations, _ = scan_custom_properties(css, CHART_SIZE_PROPERTIES)
    return next((d.value for d in declarations if d.prop == prop and d.rule == ":root"), "12px")


def scan_custom_properties(css: str, wanted: Collection[str]) -> tuple[list[Declaration], int]:
    """Every declaration of a wanted custom property in a stylesheet (--chart-* here, the card
    colours in social_card.py), and the line of its top-level :root rule (0 when it has none).
    A stylesheet is scanned once for each set of properties: a build asked 7 times for 2 scans
    of the default theme's (2 ms each)."""
    declarations, root_line = _scanned(css, frozenset(wanted))
    return list(declarations), root_line


@lru_cache(maxsize=16)
def _scanned(css: str, wanted: frozenset[str]) -> tuple[tuple[Declaration, ...], int]:
    """scan_custom_properties's answer, kept by the stylesheet's text."""
    declarations: list[Declaration] = []
    rules: list[str] = []
    root_line = 0
    chunk: list[str] = []
    chunk_start = start = 0
    for token in _CSS_TOKEN.finditer(css):
        text = token.group()
        chunk.append(css[start : token.start()])
        start = token.end()
        if text[0] not in "{};":  # a comment (blanked, so offsets stay true) or a string
            chunk.append(text if text[0] in "\"'" else " " * len(text))
            continue
        body = "".join(chunk)
        at = chunk_start + len(body) - len(body.lstrip())
        chunk, chunk_start = [], token.end()
        if text == "{":
            rules.append(" ".join(body.split()))
            if rules == [":root"] and not root_line:
                root_line = css.count("\n", 0, at) + 1
            continue
        prop, colon, value = body.strip().partition(":")
        if rules and colon and prop.strip() in wanted:
            declarations.append(
                Declaration(
                    prop.strip(),
                    value.strip(),
                    css.count("\n", 0, at) + 1,
                    at - css.rfind("\n", 0, at),
                    " > ".join(rules),
                )
            )
        if text == "}" and rules:
            rules.pop()
    return tuple(declarations), root_line
