"""What the site's sources back, and what it adds from general knowledge: the `check --sources`
report, and the list of declared words that /sources/ shows too (render/provenance_view.py)."""

from __future__ import annotations

import re
from collections import defaultdict

from ..model import Figure, Person, Place, Site, Source, Term, item_name
from ..records import frozen
from .checks import normal_sources, quote_uses
from .text import SENTENCE_END_RE, find_quote, line_in_body


@frozen(eq=False, repr=False)
class Declared:
    """Words the site adds from general knowledge: a glossary definition, a place's kind or a
    person's role that no quote from a source supports."""

    item: Term | Place | Person
    field: str
    """The front-matter key that holds the words: definition, kind or role."""
    text: str
    line: int
    """1-based line of that key in the item's file."""


DECLARED_FIELDS = {
    "glossary": ("definition", "definition"),
    "places": ("kind", "place_kind"),
    "people": ("role", "role"),
}
"""Kind -> (front-matter key, attribute) of the words a `quote` supports, in the order the
sources page and `check --sources` list them."""


def declared_knowledge(site: Site) -> list[Declared]:
    """Every definition, place kind and role with no supporting `quote`, by kind, then name."""
    found: list[Declared] = []
    for kind, (key, attribute) in DECLARED_FIELDS.items():
        for item in sorted(site.of_kind(kind), key=lambda item: item_name(item).casefold()):
            text = getattr(item, attribute)
            if isinstance(item, Term | Place | Person) and not item.quote and text:
                found.append(Declared(item, key, text, item.lines.get(key, 1)))
    return found


def source_passages(source: Source) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence of each paragraph of a source's body.

    A sentence ends at a full stop, question or exclamation mark whatever comes next, so one
    starting with `[13]`, a quotation mark or a small letter counts on its own; the closing quote
    marks and brackets after the stop stay with it. Not a sentence end: the full stop of a title,
    month or initial (`Mr.`, `Aug.`, `U.S.`), a decimal point, or an ellipsis before a small
    letter (text.SENTENCE_END_RE)."""
    passages: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", source.body):
        start = paragraph.start()
        for end_match in SENTENCE_END_RE.finditer(paragraph[0]):
            closers = len(end_match[0].rstrip())  # the marks before the white space
            passages.append((start, paragraph.start() + end_match.start() + closers))
            start = paragraph.start() + end_match.end()
        passages.append((start, paragraph.end()))
    return [(s, e) for s, e in passages if source.body[s:e].strip()]


def sources_report(site: Site) -> str:
    """The `check --sources` table: per source, what cites it and which passages nothing uses."""
    sources = normal_sources(site)
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    quote_counts: dict[str, int] = defaultdict(int)
    figure_counts: dict[str, int] = defaultdict(int)
    for use in quote_uses(site):
        found = find_quote(use.text, sources[use.source]) if use.source in sources else None
        if found:
            spans[use.source].append(found)
        if isinstance(use.item, Figure):
            figure_counts[use.source] += 1
        else:
            quote_counts[use.source] += 1
    rows = [("source", "quotes", "figures", "passages used")]
    unused_sections: list[str] = []
    for source in site.of_kind("sources"):
        assert isinstance(source, Source)
        passages = source_passages(source)
        unused = [(s, e) for s, e in passages if not any(qs < e and s < qe for qs, qe in spans[source.slug])]
        rows.append(
            (
                source.slug,
                str(quote_counts[source.slug]),
                str(figure_counts[source.slug]),
                f"{len(passages) - len(unused)} of {len(passages)}",
            )
        )
        if unused:
            lines = [f"Passages of '{source.slug}' ({source.title}) that nothing uses ({len(unused)}):"]
            for start, end in unused:
                text = " ".join(source.body[start:end].split())
                text = text if len(text) <= 100 else text[:99] + "\u2026"
                lines.append(f"  {source.path}:{line_in_body(source, start)}: {text}")
            unused_sections.append("\n".join(lines))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    table = [
        "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]
    return "\n\n".join(["\n".join(table), *unused_sections, *declared_section(site)]) + "\n"


def declared_section(site: Site) -> list[str]:
    """`check --sources`' list of what the site adds from general knowledge (none: empty)."""
    declared = declared_knowledge(site)
    if not declared:
        return []
    lines = [f"Added from general knowledge, with no quote from a source ({len(declared)}):"]
    for entry in declared:  # whole, unlike passages: this is what the site says
        lines.append(f"  {entry.item.path}:{entry.line}: {entry.field}: {' '.join(entry.text.split())}")
    return ["\n".join(lines)]
