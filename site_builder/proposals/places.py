"""Places and glossary terms: a name, what the text says it is, and where it lies."""

from __future__ import annotations

import re
from typing import Any

from ..validate.fields import suggest_slug
from .candidate import Proposal, Ref
from .names import Named, Names, Run
from .passages import Reading
from .words import COMPASS

PLACE_SUMMARY = "To write: one line on why it matters to the story (see the source line named above)."
TERM_DEFINITION = "To write: one or two sentences on what it is (see the source line named above)."
PART_OF_RE = re.compile(
    rf"^(?: [a-z]+)?(?: is an? [a-z]+)? (?:in|of) (?:the )?(?:{COMPASS} )?$|^(?: [a-z]+)?, (?:{COMPASS} )?$"
)
"""What lies between a place and the place it is part of: `Valley in northern`, `area of`,
`province, northeastern`, `is a reservoir in the`."""
KIND_RE = re.compile(r"^ is an? (?P<kind>[a-z]+)\b")


def place_runs(reading: Reading, names: Names) -> dict[int, Named]:
    """Every mention of a place (by name or alias), by its start offset."""
    places: dict[int, Named] = {}
    for named in names.places:
        for run in named.runs:
            places[run.start] = named
    return places


def part_of(
    named: Named, mentions: dict[int, Named], runs: dict[int, Run], reading: Reading
) -> tuple[Named, str] | None:
    """The place a place is said to lie in, and the words that say so."""
    body = reading.source.body
    for run in named.runs:
        following = sorted(start for start in mentions if start > run.end and start - run.end < 40)
        if not following:
            continue
        other = mentions[following[0]]
        between = body[run.end : following[0]]
        if other is not named and PART_OF_RE.match(between):
            return other, body[run.start : runs[following[0]].end]
    return None


def propose_places(reading: Reading, names: Names) -> list[Proposal]:
    """A place proposal for each name the rules call a place; part_of where the text places it
    in another (never in a loop)."""
    mentions = place_runs(reading, names)
    runs = {run.start: run for named in names.places for run in named.runs}
    parents: dict[str, Named] = {}
    proposals: list[Proposal] = []
    for named in names.places:
        fields: dict[str, Any] = {"name": named.name}
        kind, quote = named.place_kind, ""
        for run in named.runs:
            said = KIND_RE.match(run.after)
            if said:
                kind = said["kind"]
                quote = reading.source.body[run.start : run.end + said.end()]
                break
        fields["kind"] = kind or "place"
        fields["summary"] = PLACE_SUMMARY
        aliases = names.aliases.get(named.name.casefold(), [])
        if aliases:
            fields["aliases"] = aliases
        inside = part_of(named, mentions, runs, reading)
        if inside is not None and not encloses(named, inside[0], parents):
            parents[named.name] = inside[0]
            fields["part_of"] = Ref("places", inside[0].name)
            quote = quote or inside[1]
        if quote:
            fields["quote"] = quote
        first = named.runs[0]
        proposals.append(
            Proposal(
                "places",
                suggest_slug(named.name, "place"),
                fields,
                reading.line(first.start),
                first.passage.span.text,
                (named.name, *aliases),
            )
        )
    return proposals


def encloses(inner: Named, outer: Named, parents: dict[str, Named]) -> bool:
    """Whether `outer` already lies (directly or not) within `inner`."""
    seen = outer
    while seen.name in parents:
        seen = parents[seen.name]
        if seen is inner:
            return True
    return outer is inner


def propose_terms(reading: Reading, names: Names) -> list[Proposal]:
    """A glossary proposal for each organisation, abbreviation or repeated name."""
    proposals: list[Proposal] = []
    for named in names.terms:
        fields: dict[str, Any] = {"term": named.name, "definition": TERM_DEFINITION}
        if named.abbr_span:
            fields["quote"] = reading.source.body[named.abbr_span[0] : named.abbr_span[1]]
        if named.abbr:
            fields["abbr"] = named.abbr
        aliases = [a for a in names.aliases.get(named.name.casefold(), []) if a != named.abbr]
        if aliases:
            fields["aliases"] = aliases
        if named.category:
            fields["category"] = named.category
        first = named.runs[0]
        proposals.append(
            Proposal(
                "glossary",
                suggest_slug(named.abbr or named.name, "term"),
                fields,
                reading.line(first.start),
                first.passage.span.text,
                tuple(n for n in (named.name, named.abbr, *aliases) if n),
            )
        )
    return proposals
