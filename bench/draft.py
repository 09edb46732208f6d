"""How good `site-builder draft` is: its proposals against explainers people wrote by hand.

    python bench/draft.py [--only NAME ...] [--rounds 5]

For each fixture (a project whose content/ holds a source article and the items a person wrote
from it), drafts the source into an empty project (as `site-builder draft` does) and prints,
per kind, recall (the share of hand-written items the draft proposes) and precision (the share
of proposals that match a hand-written item), against the targets of issue 17, then how long
drafting took (median of --rounds).

Matching: people and places by name or alias (casefolded); figures by value, with the hand
quote and the proposal's quote overlapping in the source; events by date (the same date, span
start or bound, at the same precision) with overlapping quotes (hand events dated only by
`after: [slugs]` are left out of the event counts, their quotes still count); quotes when a
proposed quote (a person's quotes, a figure's or event's quote) contains the hand-picked words;
terms with an abbreviation when a proposed term has that abbreviation or that name. Figures and
events are matched one to one.

The held-out fixture (tests/fixtures/draft-heldout) was written before the rules and not looked
at while they were tuned; it is measured last.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from site_builder.build import load_items
from site_builder.cache import BuildCache
from site_builder.config import load_config
from site_builder.model import Event, Figure, Item, Person, Place, Source, Term
from site_builder.proposals import Proposal, draft_source
from site_builder.provenance.text import NormalText, find_quote, normalise

REPO = Path(__file__).resolve().parent.parent
FIXTURES: tuple[tuple[str, Path, str], ...] = (
    ("panjshir", REPO, "article"),
    ("second-explainer", REPO / "tests/fixtures/second-explainer", "report"),
    ("encyclopedia", REPO / "tests/fixtures/draft-encyclopedia", "article"),
    ("held-out", REPO / "tests/fixtures/draft-heldout", "report"),
)
TARGETS = {
    "quotes": (0.90, None),
    "figures (value)": (0.85, 0.50),
    "people (name)": (0.85, 0.60),
    "places (name)": (0.75, 0.50),
    "events (date)": (0.70, 0.40),
    "terms with an abbreviation": (0.80, None),
}


@dataclass(frozen=True, slots=True)
class Score:
    """One row: how many a person wrote, how many were proposed, and how many of each matched."""

    kind: str
    hand: int
    proposed: int
    found: int
    kept: int | None


def overlap(a: str, b: str, normal: NormalText) -> bool:
    """Whether two quotes cover overlapping words of the source."""
    first, second = find_quote(a, normal), find_quote(b, normal)
    return first is not None and second is not None and first[0] < second[1] and second[0] < first[1]


def names_of(item: Item) -> set[str]:
    """A hand-written person's, place's or term's names, casefolded."""
    if isinstance(item, Person | Place):
        return {n.casefold() for n in (item.name, *item.aliases)}
    if isinstance(item, Term):
        return {n.casefold() for n in (item.term, *item.aliases, item.abbr) if n}
    return set()


def by_name(kind: str, hand: list[Item], proposals: list[Proposal]) -> Score:
    """Recall and precision of named items."""
    proposed = [{n.casefold() for n in p.names} for p in proposals]
    found = sum(1 for item in hand if any(names_of(item) & names for names in proposed))
    kept = sum(1 for names in proposed if any(names_of(item) & names for item in hand))
    return Score(kind, len(hand), len(proposals), found, kept)


def one_to_one(
    kind: str, hand: list[Item], proposals: list[Proposal], same: Callable[[Item, Proposal], bool]
) -> Score:
    """Recall and precision where each proposal can match one hand-written item only."""
    used: set[int] = set()
    for item in hand:
        for index, proposal in enumerate(proposals):
            if index not in used and same(item, proposal):
                used.add(index)
                break
    return Score(kind, len(hand), len(proposals), len(used), len(used))


def event_date(item: Event) -> str:
    """A hand event's date as draft writes it: ISO, `after X`/`before X`, or a span's start."""
    if item.after is not None:
        return f"after {item.after.iso}"
    if item.before is not None:
        return f"before {item.before.iso}"
    assert item.start is not None
    return item.start.iso


def proposed_date(proposal: Proposal) -> str:
    """A proposed event's date in the same form."""
    value = proposal.fields.get("date", proposal.fields.get("start", ""))
    if isinstance(value, dict):
        ((bound, when),) = value.items()
        return f"{bound} {when}"
    return str(value)


def quotes_proposed(proposals: list[Proposal]) -> list[str]:
    """Every quote text a draft proposes, normalised."""
    texts: list[str] = []
    for proposal in proposals:
        if "quote" in proposal.fields:
            texts.append(str(proposal.fields["quote"]))
        texts += [quote["text"] for quote in proposal.fields.get("quotes", [])]
    return [normalise(text).text.casefold() for text in texts]


def hand_quotes(items: list[Item]) -> list[str]:
    """The quotes a person picked: people's words, figures' and events' quotes."""
    texts: list[str] = []
    for item in items:
        if isinstance(item, Person):
            texts += [quote.text for quote in item.quotes]
        if isinstance(item, Figure | Event) and item.quote:
            texts.append(item.quote)
    return texts


def measure(root: Path, slug: str) -> tuple[list[Score], list[Proposal]]:
    """Draft one fixture's source into an empty project and score the proposals."""
    config, _ = load_config(root, {})
    items, problems, _ = load_items(root, config, BuildCache(None))
    assert not problems, problems
    source = next(item for item in items if isinstance(item, Source) and item.slug == slug)
    proposals = draft_source(source, [], set()).proposals
    normal = normalise(source.body)

    def of(kind: str) -> list[Proposal]:
        return [p for p in proposals if p.kind == kind]

    def hand(kind: str) -> list[Item]:
        return [item for item in items if item.kind == kind]

    def same_figure(item: Item, proposal: Proposal) -> bool:
        assert isinstance(item, Figure)
        value = float(proposal.fields["value"])
        return abs(value - item.value) <= 1e-9 * max(abs(value), 1) and overlap(
            item.quote, str(proposal.fields["quote"]), normal
        )

    def same_event(item: Item, proposal: Proposal) -> bool:
        assert isinstance(item, Event)
        return event_date(item) == proposed_date(proposal) and overlap(
            item.quote or item.title, str(proposal.fields["quote"]), normal
        )

    picked = hand_quotes(items)
    offered = quotes_proposed(proposals)
    quotes_found = sum(1 for text in picked if any(normalise(text).text.casefold() in q for q in offered))
    dated = [item for item in hand("events") if isinstance(item, Event) and (item.start or item.after)]
    with_abbr = [item for item in hand("glossary") if isinstance(item, Term) and item.abbr]
    terms = of("glossary")
    abbr_found = sum(
        1
        for item in with_abbr
        if any({item.abbr.casefold(), item.term.casefold()} & {n.casefold() for n in p.names} for p in terms)
    )
    scores = [
        Score("quotes", len(picked), len(offered), quotes_found, None),
        one_to_one("figures (value)", hand("figures"), of("figures"), same_figure),
        by_name("people (name)", hand("people"), of("people")),
        by_name("places (name)", hand("places"), of("places")),
        one_to_one("events (date)", dated, of("events"), same_event),
        Score("terms with an abbreviation", len(with_abbr), len(terms), abbr_found, None),
        by_name("glossary terms (name, all)", hand("glossary"), terms),
    ]
    return scores, proposals


def share(part: int | None, whole: int) -> str:
    """A percentage, or a dash where there is nothing to divide."""
    if part is None or whole == 0:
        return "\u2013"
    return f"{100 * part / whole:.0f}%"


def verdict(score: Score) -> str:
    """Whether a row meets its target."""
    if score.kind not in TARGETS:
        return ""
    recall, precision = TARGETS[score.kind]
    ok = score.hand == 0 or score.found / score.hand >= recall
    if precision is not None and score.kept is not None and score.proposed:
        ok = ok and score.kept / score.proposed >= precision
    wanted = f"≥ {recall:.0%}" + (f" / ≥ {precision:.0%}" if precision is not None else "")
    return f"{wanted} {'met' if ok else 'NOT met'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="fixture names (default: all)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    for name, root, slug in FIXTURES:
        if args.only and name not in args.only:
            continue
        seconds = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            scores, proposals = measure(root, slug)
            seconds.append(time.perf_counter() - start)
        size = len(normalise((root / "content/sources" / f"{slug}.md").read_text("utf-8")).text)
        where = root.relative_to(REPO) if root != REPO else "content"
        print(f"\n### {name} ({where}, {size:,} characters)\n")
        print("| kind | by hand | proposed | recall | precision | target |")
        print("|---|---|---|---|---|---|")
        for score in scores:
            print(
                f"| {score.kind} | {score.hand} | {score.proposed} | {share(score.found, score.hand)} "
                f"| {share(score.kept, score.proposed)} | {verdict(score)} |"
            )
        print(
            f"\n{len(proposals)} proposals; load and draft took {statistics.median(seconds) * 1000:.0f} ms "
            f"(median of {args.rounds})"
        )


if __name__ == "__main__":
    main()
