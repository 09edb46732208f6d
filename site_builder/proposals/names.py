"""Names in a source: runs of capitalised words, and the words around them that say whether a
run names a person, a place or an organisation or term.

Rules, not a model: a person is a name with an honorific, a role before it ("senior Taliban
leader X"), an appositive after it ("X, head of ..."), a speech verb, an age or a photo
credit; a place has a place word in or after it ("Panjshir Valley", "Panjshir province",
"the town of X") or a locative preposition before it; an organisation has an organisation word
("Front", "Board", "Gazette") or an abbreviation in brackets after it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from ..records import frozen
from ..validate.pasted import MONTH_NUMBERS
from .passages import Passage, Reading
from .words import (
    COMPASS,
    CONNECTORS,
    COUNTRY_ABBREVIATIONS,
    HONORIFICS,
    MEDIA_HEADS,
    OF_HEADS,
    ORG_HEADS,
    PLACE_FIRSTS,
    PLACE_HEADS,
    PLACE_NOUNS,
    PLACE_NOUNS_IN_NAME,
    ROLE_NOUNS,
    SPEECH_VERBS,
    STOP_WORDS,
    WEEKDAYS,
)

TOKEN_RE = re.compile(r"[^\W\d_][\w\u2019'-]*|\d+")
POSSESSIVE_RE = re.compile(r"['\u2019]s?$")

PERSON_BEFORE_RE = re.compile(
    rf"(?:\b(?:{SPEECH_VERBS})|\bPhoto by|\bPhoto/|\bPhotograph:|-year-old|\b(?:son|daughter|brother|"
    r"sister|wife|husband|father|mother|widow) of(?: the late)?|\bloyal to)\s*$"
)
PERSON_AFTER_RE = re.compile(rf"^(?:,? (?:{SPEECH_VERBS})\b|, who\b|,? (?:the )?\d+-year-old\b)")
PLACE_BEFORE_RE = re.compile(
    r"(?:\bthe (?P<kind>town|city|village|hamlet|district|county|province|region|island|country|"
    r"state|capital|suburb|port) of|\b(?P<compass>" + COMPASS + r")|\b(?P<prep>in|at|near|across|"
    r"throughout|between|around|into|outside|inside|from|above|below|beyond|area of|(?:north|south|"
    r"east|west|outskirts|centre|center|residents|people|mayor) of)(?: the)?)\s$"
)
PLACE_AFTER_RE = re.compile(r"^ (?P<noun>[a-z]+)\b")


@frozen
class Run:
    """One mention: a run of capitalised words in a passage."""

    text: str
    start: int
    end: int
    """Body offsets of the words (an honorific before them and a possessive 's after are out)."""
    passage: Passage
    initial: bool
    """Whether it starts its passage, where every word is capitalised."""
    possessive: bool = False
    honorific: str = ""

    @property
    def before(self) -> str:
        """The passage's text before the run (citation markers blanked)."""
        return self.passage.masked[: self.start - self.passage.span.start - self.honorific_width]

    @property
    def after(self) -> str:
        """The passage's text after the run (and after its possessive)."""
        offset = self.end - self.passage.span.start
        rest = self.passage.masked[offset:]
        return POSSESSIVE_RE.sub("", rest[:2]) + rest[2:] if self.possessive else rest

    @property
    def honorific_width(self) -> int:
        """Characters of the honorific and its space before the words."""
        return len(self.honorific) + 1 if self.honorific else 0


@dataclass(slots=True)
class Named:
    """Everything the text says about one name, gathered over all its mentions."""

    name: str
    runs: list[Run] = field(default_factory=list)
    person: int = 0
    place: int = 0
    place_kind: str = ""
    weak_place: int = 0
    term: int = 0
    category: str = ""
    abbr: str = ""
    abbr_span: tuple[int, int] | None = None
    """Body offsets of `Name (ABBR)`: the term's quote."""


def is_name_word(word: str) -> bool:
    """A capitalised word that can be part of a name (not a month or a weekday, not
    `Soviet-era`, where the hyphen makes a lowercase adjective)."""
    if not word[0].isupper() or word in WEEKDAYS or word.lower().rstrip(".") in MONTH_NUMBERS:
        return False
    return not re.search(r"-[a-z]", word)


def name_case(words: list[str]) -> str:
    """Words joined as a name; in a run of capitals (a photo credit) each long word title-cased."""
    if any(len(word) > 3 and word.isupper() for word in words):
        words = [word.title() if len(word) > 3 and word.isupper() else word for word in words]
    return " ".join(words)


def find_runs(passage: Passage) -> list[Run]:
    """Runs of capitalised words of a passage, joined by `of` after an organisation word,
    without a leading stop word (`The`, `In`) or honorific (kept on the run)."""
    text = passage.masked
    tokens = list(TOKEN_RE.finditer(text))
    runs: list[Run] = []
    index = 0
    while index < len(tokens):
        if not is_name_word(tokens[index][0]):
            index += 1
            continue
        last = index
        while last + 1 < len(tokens):
            gap = text[tokens[last].end() : tokens[last + 1].start()]
            nxt = tokens[last + 1][0]
            word = tokens[last][0]
            # `Water's head` ends a name; a plural possessive before a capital goes on:
            # `Residents' Association`
            joins = not POSSESSIVE_RE.search(word) or re.search(r"s['\u2019]$", word)
            if gap == " " and is_name_word(nxt) and joins:
                last += 1
                continue
            if (
                gap == " "
                and nxt in CONNECTORS
                and last + 2 < len(tokens)
                and text[tokens[last + 1].end() : tokens[last + 2].start()] == " "
                and is_name_word(tokens[last + 2][0])
                and (nxt != "of" or tokens[last][0] in OF_HEADS)
            ):
                last += 2
                continue
            break
        run = make_run(passage, tokens[index : last + 1])
        if run is not None:
            runs.append(run)
        index = last + 1
    return runs


def make_run(passage: Passage, tokens: list[re.Match[str]]) -> Run | None:
    """The run of these tokens, without leading stop words, its honorific split off."""
    initial = passage.masked[: tokens[0].start()].strip(" \"'\u201c\u2018(") == ""
    while tokens and tokens[0][0] in STOP_WORDS:
        tokens = tokens[1:]
    honorific = ""
    if len(tokens) > 1 and tokens[0][0].rstrip(".") in HONORIFICS:
        honorific, tokens = tokens[0][0], tokens[1:]
        initial = False
    while tokens and tokens[-1][0] in ("Photo", "Photos"):
        tokens = tokens[:-1]
    if not tokens:
        return None
    words = [token[0] for token in tokens]
    possessive = bool(POSSESSIVE_RE.search(words[-1])) and not words[-1].isupper()
    end = tokens[-1].end()
    if possessive:
        stripped = POSSESSIVE_RE.sub("", words[-1])
        end -= len(words[-1]) - len(stripped)
        words[-1] = stripped
    base = passage.span.start
    return Run(
        name_case(words), base + tokens[0].start(), base + end, passage, initial, possessive, honorific
    )


def gather(reading: Reading) -> dict[str, Named]:
    """Every name of the source with the evidence for its kind, by casefolded name."""
    runs = [with_place_noun(run) for passage in reading.passages for run in find_runs(passage)]
    mid_sentence = {word for run in runs if not run.initial for word in run.text.split()}
    found: dict[str, Named] = {}
    for run in runs:
        if run.initial and " " not in run.text and run.text not in mid_sentence and not run.text.isupper():
            continue  # `Luckily`, `Despite`: capitalised only because a sentence starts there
        named = found.setdefault(run.text.casefold(), Named(run.text))
        named.runs.append(run)
        weigh(named, run)
    return found


def with_place_noun(run: Run) -> Run:
    """`Panjshir` followed by `province` is the place `Panjshir province`: the noun is part of
    the name as the text writes it."""
    noun = PLACE_AFTER_RE.match(run.after)
    if run.possessive or not noun or noun["noun"] not in PLACE_NOUNS_IN_NAME:
        return run
    return replace(run, text=f"{run.text} {noun['noun']}", end=run.end + len(noun[0]))


def weigh(named: Named, run: Run) -> None:
    """Add what the words around one mention say about the name's kind."""
    words = run.text.split()
    before, after = run.before, run.after
    if run.honorific or PERSON_BEFORE_RE.search(before) or PERSON_AFTER_RE.search(after):
        named.person += 1
    if role_before(before) or appositive_role(after):
        named.person += 1
    abbr = re.match(r"^ \(([A-Z][A-Za-z]{1,7})\)", after)
    if abbr and abbr[1][0] == words[0][0]:
        named.term += 2
        named.abbr = abbr[1]
        named.abbr_span = (run.start, run.end + abbr.end())
        named.category = named.category or "organization"
    heads = set(words)
    if words[-1] in MEDIA_HEADS or (heads & MEDIA_HEADS and "of" not in words):
        named.term += 2
        named.category = "media"
    elif words[-1] in ORG_HEADS or any(word in OF_HEADS and word in ORG_HEADS for word in words):
        named.term += 2
        named.category = named.category or "organization"
    if run.possessive and re.match(r"^ [a-z]+ (?:[a-z]+ )?(?:of|for)\b", after):
        role = after.split()[0]
        if role in ROLE_NOUNS:
            named.term += 1
            named.category = named.category or "organization"
    if run.text in COUNTRY_ABBREVIATIONS:
        named.place += 2
        named.place_kind = "country"
    elif len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 5:
        named.term += 1
    if words[-1] in PLACE_NOUNS_IN_NAME and len(words) > 1:
        named.place += 2
        named.place_kind = named.place_kind or words[-1]
    if words[-1] in PLACE_HEADS and len(words) > 1:
        named.place += 2
        named.place_kind = named.place_kind or PLACE_HEADS[words[-1]]
    if words[0] in PLACE_FIRSTS and len(words) > 1:
        named.place += 2
        named.place_kind = named.place_kind or PLACE_FIRSTS[words[0]]
    place_before = PLACE_BEFORE_RE.search(before)
    if place_before and place_before["kind"]:
        named.place += 2
        named.place_kind = named.place_kind or place_before["kind"]
    elif place_before and place_before["compass"]:
        named.place += 2
    elif place_before:
        named.weak_place += 1
    noun = PLACE_AFTER_RE.match(after)
    if noun and noun["noun"] in PLACE_NOUNS:
        named.place += 2
        named.place_kind = named.place_kind or noun["noun"]


def role_before(before: str) -> str:
    """A role written just before a name ("senior Taliban leader", "the engineer"), or ''."""
    match = re.search(
        r"(?:^|[,;:(]\s*|\b(?:the|a|an|by|of|to|from|with|and|said|told|as|that)\s+)"
        r"((?:(?!(?:of|the|a|an|to|by|for|and|in|on|at|with)\b)[A-Za-z][\w\u2019'-]* ){0,3}?)"
        r"([a-z][a-z-]+) $",
        before,
    )
    if match and match[2] in ROLE_NOUNS:
        return (match[1] + match[2]).strip()
    return ""


def appositive_role(after: str) -> str:
    """A role in an appositive just after a name (", head of foreign relations for the NRF,"),
    or ''."""
    match = re.match(r"^, ((?:the |a |an )?[^,.;:\"\u201c]{2,80}?)(?=,|\.(?:\s|$)|;|:| told| said|$)", after)
    if not match:
        return ""
    words = re.findall(r"[a-z][a-z-]+", match[1])
    if match[1].startswith("who ") or any(word in ROLE_NOUNS for word in words[:4]):
        return match[1]
    return ""


@frozen
class Names:
    """The names of a source sorted into kinds, with the single-word mentions each one has."""

    people: list[Named]
    places: list[Named]
    terms: list[Named]
    aliases: dict[str, list[str]]
    """Casefolded name -> the other names the text uses for it (a surname, a first word)."""


def sort_names(found: dict[str, Named]) -> Names:
    """People, places and terms, in order of first mention. A name with no evidence of its own
    that stands for exactly one longer name (a surname, `Getty` for Getty Images, `NRF` for the
    National Resistance Front) becomes its alias; one that could stand for two is left out."""
    kinds: dict[str, str] = {}
    abbreviations = {named.abbr: named for named in found.values() if named.abbr}
    for key, named in found.items():
        if named.name in abbreviations and abbreviations[named.name] is not named:
            continue
        if named.person and (" " in named.name or named.runs[0].honorific) and named.term < 2:
            kinds[key] = "people"
        elif named.term and named.term >= named.place:
            kinds[key] = "glossary"
        elif named.place:
            kinds[key] = "places"
    strong = [found[key] for key in kinds]
    aliases: dict[str, list[str]] = defaultdict(list)
    for key, named in found.items():
        if key in kinds:
            continue
        owners = [other for other in strong if stands_for(named.name, other)]
        if len(owners) == 1:
            aliases[owners[0].name.casefold()].append(named.name)
        elif owners:
            continue
        elif named.weak_place and not named.person:
            kinds[key] = "places"
        elif mid_sentence_count(named) >= 2 and is_noun(named):
            kinds[key] = "glossary"
    sort = {
        kind: [found[key] for key in kinds if kinds[key] == kind] for kind in ("people", "places", "glossary")
    }
    return Names(sort["people"], sort["places"], sort["glossary"], dict(aliases))


def stands_for(short: str, other: Named) -> bool:
    """Whether a shorter name can stand for a longer one: its surname, its first words, its
    abbreviation."""
    words, long_words = short.split(), other.name.split()
    if short == other.abbr:
        return True
    if len(words) >= len(long_words):
        return False
    return long_words[-len(words) :] == words or long_words[: len(words)] == words


def mid_sentence_count(named: Named) -> int:
    """Mentions of a name not at the start of a passage."""
    return sum(1 for run in named.runs if not run.initial)


def is_noun(named: Named) -> bool:
    """Whether a single word is used as a noun at least once (`the Taliban,`), not only as an
    adjective before another word (`Afghan commander`); a plural of people (`Afghans`) is not a term."""
    if named.name.endswith("ans") or named.name.endswith("ians"):
        return False
    return any(not re.match(r"^ [a-z]", run.after) for run in named.runs)
