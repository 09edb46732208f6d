"""People: a role from the words around a name, quotations given to their speaker, and the
other names the text calls them by (a surname alone, "the younger Massoud")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..validate.fields import suggest_slug
from .candidate import Proposal, Ref
from .names import Named, Names, Run, appositive_role, role_before
from .passages import Quotation, Reading
from .words import SPEECH_VERBS

SPEECH_RE = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
PRONOUN_RE = re.compile(r"\b(?:he|she|He|She)\b")
CONTEXT_RE = re.compile(
    r"\b(?P<context>(?:[Ss]peaking|[Tt]alking|[Ww]riting) (?:to|in|on) [^,.;:]+?"
    r"|in an? (?:interview|statement|speech|recorded speech|letter|post)"
    r"(?: (?:with|to|addressed to|on) [^,.;:]+?)?"
    r"|told (?P<told>[^,.;:]+?))"
    r"(?=,| that\b| on \w+day\b|[.;:]|$)"
)
CREDIT_RES = (
    re.compile(r"Photo by (?P<name>[^/()]+?)\s*/\s*(?P<agency>[A-Z]{2,5})\b"),
    re.compile(r"(?P<agency>\b[A-Z]{2,5}) Photo/(?P<name>[^)/]+)"),
)
RELATION_RE = re.compile(
    r"^,? (?:the )?(?P<label>son|daughter|brother|sister|wife|husband|father|mother|widow) of"
)
YOUNGER_RE = re.compile(r"\bthe (?:younger|elder|older) $")
PLACEHOLDER_SUMMARY = "To write: one line on who they are (see the source line named above)."
PLACEHOLDER_ROLE = "Named in the source"


@dataclass(slots=True)
class Said:
    """What the text says of one person as it is read in order."""

    named: Named
    aliases: list[str] = field(default_factory=list)
    quotes: list[dict[str, str]] = field(default_factory=list)


def mentions(reading: Reading, found: dict[str, Named], names: Names) -> list[tuple[Run, Said]]:
    """Every mention of a person in text order, a surname shared by two people given to the one
    first named in the latest paragraph that named either."""
    said = {named.name.casefold(): Said(named) for named in names.people}
    surnames: dict[str, list[Said]] = {}
    for each in said.values():
        surnames.setdefault(each.named.name.split()[-1], []).append(each)
    runs = sorted((run for named in found.values() for run in named.runs), key=lambda run: run.start)
    order: list[tuple[Run, Said]] = []
    for run in runs:
        person = said.get(run.text.casefold())
        if person is None:
            for owner, aliases in names.aliases.items():
                if run.text in aliases and owner in said:
                    person = said[owner]
        if person is None and run.text in surnames:
            person = latest_of(surnames[run.text], order)
            if person is not None and YOUNGER_RE.search(run.before):
                alias = YOUNGER_RE.search(run.before)
                assert alias is not None
                phrase = f"{alias[0]}{run.text}"
                if phrase not in person.aliases:
                    person.aliases.append(phrase)
        if person is not None:
            order.append((run, person))
    return order


def latest_of(candidates: list[Said], order: list[tuple[Run, Said]]) -> Said | None:
    """Of people sharing a surname, the one first named in the latest paragraph naming any."""
    if len(candidates) == 1:
        return candidates[0]
    for index in range(len(order) - 1, -1, -1):
        if order[index][1] in candidates:
            paragraph = order[index][0].passage.paragraph
            for run, person in order:
                if run.passage.paragraph == paragraph and person in candidates:
                    return person
    return None


def speaker_of(
    quotation: Quotation,
    reading: Reading,
    order: list[tuple[Run, Said]],
    mentioned: Said | None,
    last: Said | None,
) -> tuple[Said | None, str]:
    """Who says a quotation, and where ("speaking to CNN"): a name or he/she before a speech
    verb in the sentence leading up to it, a name or he/she with a speech verb right after it,
    or, for a paragraph that opens with a quotation and names nobody, the previous speaker.
    He or she is the person named last before the quotation."""
    body = reading.source.body
    passage = reading.passage_at(quotation.span.start)
    paragraph = reading.paragraphs[quotation.paragraph]
    lead_start = passage.span.start if passage.span.start < quotation.span.start else paragraph.start
    if not SPEECH_RE.search(body, lead_start, quotation.span.start):
        lead_start = paragraph.start  # `said Mara Quill. "More words"`: the verb is a sentence back
    lead = body[lead_start : quotation.span.start]
    before = [(run, person) for run, person in order if lead_start <= run.start < quotation.span.start]
    end_passage = reading.passage_at(quotation.span.end)
    context = CONTEXT_RE.search(lead) or CONTEXT_RE.search(body, quotation.span.end, end_passage.span.end)
    where = context_text(context[0]) if context else ""
    verbs = list(SPEECH_RE.finditer(lead))
    if verbs:
        verb_at = lead_start + verbs[-1].start()
        named = [person for run, person in before if run.start < verb_at]
        if named:
            return named[-1], where
        named_after = [person for run, person in before if 0 <= run.start - verb_at < 20]
        if named_after:  # `said Mara Quill, the mayor. "More words"`
            return named_after[0], where
        if PRONOUN_RE.search(body, lead_start, verb_at) and mentioned is not None:
            return mentioned, where
    after = body[quotation.span.end : min(quotation.span.end + 80, paragraph.end)]
    if SPEECH_RE.search(after[:60]):
        following = [
            person for run, person in order if quotation.span.end <= run.start < quotation.span.end + 60
        ]
        if following and run_close(following[0], order, quotation.span.end):
            return following[0], where
        if PRONOUN_RE.search(after[:25]) and mentioned is not None:
            return mentioned, where
        role = re.search(r"\bthe ([a-z]+) (?:" + SPEECH_VERBS + r")\b", after[:40])
        if role:
            holder = [p for _, p in order if role[1] in role_of(p.named).casefold()]
            if holder:
                return holder[0], where
    opens = quotation.span.start - paragraph.start <= 1
    if opens and last is not None and not before:
        return last, ""
    return None, where


def run_close(person: Said, order: list[tuple[Run, Said]], offset: int) -> bool:
    """Whether the person's first mention after the offset is right after it."""
    return any(said is person and 0 <= run.start - offset < 60 for run, said in order)


def context_text(words: str) -> str:
    """Context as a phrase after the quote: `told X` reads `to X`."""
    words = " ".join(words.split())
    words = words[:1].lower() + words[1:]
    return "to " + words[5:] if words.startswith("told ") else words


def role_of(named: Named) -> str:
    """The first role the text gives a person, before or after a name."""
    return role_with_quote(named)[0]


def role_with_quote(named: Named) -> tuple[str, str]:
    """(role, the source words giving it) from the first mention that gives one."""
    for run in named.runs:
        role = role_before(run.before)
        if role:
            start = run.start - run.honorific_width - len(role) - 1
            return role, run.passage.span.text[
                start - run.passage.span.start : run.end - run.passage.span.start
            ]
    for run in named.runs:
        role = appositive_role(run.after)
        if role:
            start = run.start - run.honorific_width
            end = run.end + (2 if run.possessive else 0) + 2 + len(role)
            local = run.passage.span.start
            return role, run.passage.span.text[start - local : end - local]
    for run in named.runs:
        for pattern in CREDIT_RES:
            match = pattern.search(run.passage.span.text)
            if (
                match
                and match["name"].strip().casefold()
                == run.passage.span.text[
                    run.start - run.passage.span.start : run.end - run.passage.span.start
                ].casefold()
            ):
                return f"Photographer credited by {match['agency']}", match[0]
    return "", ""


def sentence_case(text: str) -> str:
    """The text with its first letter capitalised and a leading article dropped."""
    text = re.sub(r"^(?:the|a|an|who) ", "", text)
    return text[:1].upper() + text[1:]


def propose_people(
    reading: Reading, found: dict[str, Named], names: Names
) -> tuple[list[Proposal], dict[int, tuple[int, str]]]:
    """A person proposal for each name the rules call a person, and who says each quotation
    that has a speaker: its start offset -> (end offset, the speaker's name)."""
    order = mentions(reading, found, names)
    last: Said | None = None
    speakers: dict[int, tuple[int, str]] = {}
    for quotation in reading.quotations:
        before = [person for run, person in order if run.start < quotation.span.start]
        mentioned = before[-1] if before else None
        speaker, where = speaker_of(quotation, reading, order, mentioned, last)
        if speaker is None or len(quotation.span.text.split()) < 3:
            continue
        if not where and speaker.quotes:
            where = speaker.quotes[-1].get("context", "")
        entry = {"text": quotation.span.text}
        if where:
            entry["context"] = where
        speaker.quotes.append(entry)
        speakers[quotation.span.start] = (quotation.span.end, speaker.named.name)
        last = speaker
    people: dict[str, Said] = {}
    for _, person in order:
        people.setdefault(person.named.name.casefold(), person)
    for named in names.people:  # named but never resolved in order (should not happen)
        people.setdefault(named.name.casefold(), Said(named))
    return [person_proposal(reading, person, names) for person in people.values()], speakers


def person_proposal(reading: Reading, person: Said, names: Names) -> Proposal:
    """One person's file."""
    named = person.named
    role, quote = role_with_quote(named)
    fields: dict[str, Any] = {
        "name": named.name,
        "role": sentence_case(role) if role else PLACEHOLDER_ROLE,
        "summary": PLACEHOLDER_SUMMARY,
    }
    if quote:
        fields["quote"] = quote
    aliases = [*names.aliases.get(named.name.casefold(), []), *person.aliases]
    if aliases:
        fields["aliases"] = list(dict.fromkeys(aliases))
    for run in named.runs:
        age = re.search(r"\b(\d{1,3})-year-old $", run.before)
        if age:
            fields["age"] = int(age[1])
            break
    affiliations = [
        Ref("glossary", term.name)
        for term in names.terms
        if quote and (term.name in quote or (term.abbr and re.search(rf"\b{term.abbr}\b", quote)))
    ]
    if affiliations:
        fields["affiliations"] = affiliations
    relations = []
    for run in named.runs:
        relation = RELATION_RE.match(run.after)
        if relation:
            rest = run.after[relation.end() :]
            for other in names.people:
                if other is not named and re.match(
                    rf"^ (?:the late )?(?:[a-z]+ )*{re.escape(other.name)}\b", rest
                ):
                    relations.append(
                        {"person": Ref("people", other.name), "label": f"{relation['label']} of"}
                    )
    if relations:
        fields["relations"] = relations[:1]
    if person.quotes:
        fields["quotes"] = person.quotes
    first = named.runs[0]
    return Proposal(
        "people",
        suggest_slug(named.name, "person"),
        fields,
        reading.line(first.start),
        first.passage.span.text,
        (named.name, *aliases),
    )
