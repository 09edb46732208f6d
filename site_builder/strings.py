"""Every English word the default theme and the engine show readers, in one table.

A theme or a translation changes words here, in one place, or key by key in its own
templates/strings.yaml (render/theme.py reads it). Templates read them as `ui['key']`
(StrictUndefined makes a missing key an error that names it); a `{name}` in a value is filled
in by str.format (in templates, the `fill` filter, which escapes what it fills in).

A string that counts something (COUNTED) has one form per CLDR plural category of the language,
as keys of their own: `home.all_places.one`, `home.all_places.other` (French adds `.many`);
count_text() picks the form for a count, and templates call `counted(key, count, ...)`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .model import Event, FuzzyDate

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Spelled out, not calendar.month_name: that follows the process locale.

STRINGS: dict[str, str] = {
    # The built sections: title (page <h1> and <title>), menu label, meta description.
    "timeline.title": "Timeline",
    "timeline.nav": "Timeline",
    "timeline.description": "What happened when, in order.",
    "people.title": "People",
    "people.nav": "People",
    "people.description": "Who's who: everyone named in this explainer.",
    "places.title": "Places",
    "places.nav": "Places",
    "places.description": "Where it happens: every place named.",
    "figures.title": "Key figures",
    "figures.nav": "Key figures",
    "figures.description": "The numbers, with who says so.",
    "glossary.title": "Glossary",
    "glossary.nav": "Glossary",
    "glossary.description": "Terms and organisations, A to Z.",
    "sources.title": "Sources",
    "sources.nav": "Sources",
    "sources.description": "Where every quote and number comes from.",
    "corrections.title": "Corrections",
    "corrections.nav": "Corrections",
    "corrections.description": "Every correction, newest first.",
    "404.title": "Page not found",
    "404.description": "This page does not exist.",
    "redirect.title": "Page moved",
    "redirect.description": "This page is now {name}.",
    "redirect.moved": "This page has moved to {link}.",
    # Every page: skip link, header, search box, footer, draft banner.
    "page.skip_link": "Skip to content",
    "nav.header_label": "Sections",
    "languages.label": "Languages",
    "search.label": "Search",
    "search.fallback": "Search the glossary",
    "search.fallback_home": "Browse from the home page",
    "search.no_results": "No results for \u201c{term}\u201d.",
    "search.results.one": "{count} result for \u201c{term}\u201d.",
    "search.results.other": "{count} results for \u201c{term}\u201d.",
    "search.results_capped.one": "{total} result for \u201c{term}\u201d (the first {count} shown).",
    "search.results_capped.other": "{total} results for \u201c{term}\u201d (the first {count} shown).",
    "search.unavailable": "Search could not load.",
    "search.filter_legend": "Show only",
    "search.kind.people": "People",
    "search.kind.places": "Places",
    "search.kind.figures": "Figures",
    "search.kind.events": "Events",
    "search.kind.terms": "Terms",
    "footer.note": "{site_title}. Every quote and number on this site is traced to its source.",
    "draft.banner": "Draft: not published. This page is left out of build and publish.",
    "draft.embargo_banner": "Embargoed until {until}: not published. This page is left out of "
    "build and publish until then.",
    "draft.label": "Draft",
    # The home page's bands.
    "home.at_a_glance": "At a glance",
    "home.timeline_caption.one": "{count} event on a time axis; its mark links to it on the "
    "timeline. A bar covers a span or a date known only to the month, "
    "year or decade; an arrow points from a date known only to be before "
    "or after it; a hollow mark is a probable date.",
    "home.timeline_caption.other": "{count} events on one time axis; each mark links to it on the "
    "timeline. A bar covers a span or a date known only to the month, "
    "year or decade; an arrow points from a date known only to be before "
    "or after it; a hollow mark is a probable date. The axis is broken "
    "where long empty stretches are cut out.",
    "home.latest_events": "The latest:",
    "home.featured_events": "Highlights:",
    "home.full_timeline": "The full timeline",
    "home.whos_who": "Who's who",
    "home.key_figures": "Key figures",
    "home.all_figures.one": "{count} key figure",
    "home.all_figures.other": "All {count} key figures",
    "home.places": "Places",
    "home.all_places.one": "{count} place",
    "home.all_places.other": "All {count} places",
    # Section pages.
    "timeline.lede_inferred": 'A date that reads "probably" is worked out from the source rather '
    'than stated in it; "before" and "after" say all the source '
    "tells about when.",
    "timeline.strip_caption": "Every event at a glance; each mark links to its entry below. A dot is "
    "a single day, a bar a span or the whole month, year or decade a date "
    "names; an arrow points from a date known only to be before or after "
    "it, and a hollow mark is a probable date. Where a double slash breaks "
    "the axis, a long stretch with no events is cut out, and each part "
    "has its own scale.",
    "figures.side_by_side": "Side by side",
    "figures.compared_caption.one": "{count} figure from {attribution}, in {unit}, drawn to scale from zero:",
    "figures.compared_caption.other": "{count} figures from {attribution}, in {unit}, drawn to one scale "
    "from zero:",
    "figures.every_figure": "Every figure",
    "figures.the_figures": "The figures",
    "figure.attribution": "Source of the number: {attribution}.",
    "figure.attribution_as_of": "Source of the number: {attribution}, as of {date}.",
    # Claims stay claims (render/claims.py): a figure's number is never shown without its
    # qualifier, and a figure's label or an event's title standing on its own says who says so.
    "figure.number": "{qualifier} {number}",
    "claim.attributed": "{claim}, according to {attribution}",
    "entry.figure_number": "{claim}: {number}",
    "glossary.letters_label": "Glossary letters",
    "glossary.also": "Also: {aliases}",
    "glossary.see_also": "See also:",
    "places.tree_caption": "What lies within what: each box holds the places inside it.",
    "places.map_caption": "Where the places are, by latitude and longitude, over country "
    "borders and coastlines (Natural Earth).",
    "places.every_place": "Every place",
    "places.card_kind_in": "{kind}, in {place}",
    "sources.lede_checked": "Every quote on this site is checked, word for word, against the "
    "source below it.",
    "sources.quoted_count": "Quoted on this site ({count})",
    "sources.unquoted": "Nothing on this site quotes this source.",
    # Outside knowledge, declared (/sources/, provenance/report.py declared_knowledge): what the
    # site says about a term, place or person that no quote from a source supports.
    "sources.general_knowledge": "Added from general knowledge",
    "sources.general_knowledge_lede": "The sources above do not say these things: the site adds "
    "them from general knowledge, and no quote supports them.",
    "sources.declared": "{name} ({kind}), {field}: {words}",
    "sources.declared_field.definition": "definition",
    "sources.declared_field.kind": "kind of place",
    "sources.declared_field.role": "role",
    "corrections.none": "No corrections have been made.",
    "corrections.heading": "Corrections and updates",
    "corrections.updated": "Updated {date}.",
    "corrections.all": "All corrections",
    "corrections.feed": "Follow every correction and update in a feed reader: {link}.",
    "corrections.feed_link": "the updates feed (Atom)",
    # Embeds (embeds.py): the code offered on an item's page, and the embed page's credit line.
    "embed.summary": "Embed this",
    "embed.label": "HTML for an article",
    "embed.copy": "Copy the code",
    "embed.copied": "Copied.",
    "embed.copy_failed": "Could not copy: select the code and copy it.",
    "embed.frame_title": "{name}, from {site_title}",
    "embed.once": (
        "To embed entries of this page in an article, copy an entry's code, then add this line "
        "once, after the last one:"
    ),
    "embed.from": "From {site_link}",
    "embed.new_tab": "(opens in a new tab)",
    # The updates feed, feed.xml (feed.py).
    "feed.title": "{site_title}: corrections and updates",
    "feed.corrected": "Corrected: {name}",
    "feed.updated": "Updated: {name}",
    "feed.updated_summary": "{name} was updated on {date}.",
    # timeline.json (outputs.py): the link from a slide to its event on the site.
    "timeline_json.more": "More",
    "404.lost": "There is no page at this address.",
    "404.try": "Try {pages}.",
    "404.suggested_page": "the {link}",
    "404.home_link": "home page",
    "404.timeline_link": "timeline",
    "404.glossary_link": "glossary",
    "list.or": "{first} or {last}",
    "list.separator": ", ",
    "list.clause_separator": "; ",
    # Person and place pages, and what they share.
    "person.role_aged": "{role}, aged {age}",
    "person.in_their_words": "In their words",
    "person.relations": "Relations",
    "person.relation_back": "{other} is {label} {name}",
    "person.affiliations": "Affiliations",
    "person.figures": "Figures",
    "place.kind_in": "{kind} in {place}",
    "place.lies_within": "Lies within",
    "place.places_within": "Places within {name}",
    "place.location": "Location",
    "place.coordinates": "{latitude}, {longitude} (latitude, longitude)",
    "picture.credit": "Picture: {credit}",
    "profile.also_called": "Also called: {aliases}",
    "profile.facts_label": "Facts about {name}",
    "profile.on_timeline": "On the timeline",
    "profile.mentioned_in": "Mentioned in",
    "entry.related": "Related:",
    "entry.used_in": "Used in:",
    "quote.source_link": "Source of this quote",
    "quote.translated": "(translated)",
    # What kind of item a link leads to: "Ali Nasary (person)".
    "noun.people": "person",
    "noun.places": "place",
    "noun.glossary": "glossary term",
    "noun.sources": "source",
    "noun.events": "event",
    "noun.figures": "figure",
    "noun.pages": "page",
    # Dates: date_text() below builds them from these. With a CLDR locale in date.locale
    # (every built-in table but this one), days, months and years take that locale's forms and
    # digits (cldr.py), and the patterns below say only what surrounds them.
    "date.locale": "",
    "date.decade": "the {year}s",
    "date.decade_alone": "{year}s",
    "date.month_year": "{month} {year}",
    "date.day_month_year": "{day} {month} {year}",
    **{f"date.month.{number}": month for number, month in enumerate(_MONTHS, 1)},
    **{f"date.month_abbr.{number}": month[:3] for number, month in enumerate(_MONTHS, 1)},
    "date.with_time": "{date}, {time}",
    "date.span": "{first} to {last}",
    "date.day_month": "{day} {month}",
    "date.probably": "probably {date}",
    "date.before": "before {date}",
    "date.after": "after {date}",
    "date.between": "between {first} and {last}",
    # The pictures' names and descriptions for assistive technology (render/charts.py).
    "chart.timeline.title": "The timeline at a glance",
    "chart.timeline.desc.one": "{count} event, dated {first}.",
    "chart.timeline.desc.other": "{count} events: the first dated {first}, the last {last}.",
    "chart.timeline.broken_axis": "The axis is broken where nothing happens: {cuts} are cut out, "
    "and each part has its own scale.",
    "chart.timeline.cut": "{length} between {start} and {end}",
    "chart.timeline.cut_label": "{length} cut",
    "chart.timeline.mark": "{title}, {date}",
    "chart.years.one": "{count} year",
    "chart.years.other": "{count} years",
    "chart.months.one": "{count} month",
    "chart.months.other": "{count} months",
    "chart.figures.title.one": "{count} figure from {attribution}",
    "chart.figures.title.other": "Comparing {count} figures from {attribution}",
    "chart.figures.desc": "{figures}. Bars start at zero ({unit}).",
    "chart.places.title": "Which place lies within which",
    "chart.places.contains": "{place} contains {parts}",
    "chart.map.title": "Where the places are",
    "chart.map.point": "{place} at {latitude}, {longitude}",
    "chart.map.place_title": "Where {place} is",
    "chart.map.desc": "{points}. Country borders and coastlines from Natural Earth.",
    "chart.map.north": "N",
    "chart.map.south": "S",
    "chart.map.east": "E",
    "chart.map.west": "W",
}


COUNTED = (
    "home.timeline_caption",
    "home.all_figures",
    "home.all_places",
    "figures.compared_caption",
    "chart.timeline.desc",
    "chart.years",
    "chart.months",
    "chart.figures.title",
    "search.results",
    "search.results_capped",
)
"""The strings that count something: each has a form per plural category (`.one`, `.other`)."""
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
"""CLDR's plural categories: the suffixes a counted string's forms may take."""
ENGLISH_CATEGORIES = ("one", "other")
"""CLDR's plural categories of English (one: 1; other: the rest), for the default table, which
names no locale: a site in English only does not load Babel (a fifth of a second) for them."""


def plural_categories(strings: Mapping[str, str]) -> tuple[str, ...]:
    """The plural categories a table must give each counted string: its locale's, from CLDR."""
    locale = _locale(strings)
    if not locale:
        return ENGLISH_CATEGORIES
    from . import cldr

    return cldr.plural_categories(locale)


def number_text(value: float, strings: Mapping[str, str]) -> str:
    """A count or other number in the table's language: grouped and in its digits through CLDR
    (1 234, or in Persian digits); the English table's as Python writes it (1234), as it always was."""
    locale = _locale(strings)
    if not locale:
        return str(value)
    from . import cldr

    return cldr.number_text(value, locale)


def digits_text(value: int, strings: Mapping[str, str]) -> str:
    """A year or a day of the month in the table's digits, never grouped: 1969, ۱۹۶۹."""
    locale = _locale(strings)
    if not locale:
        return str(value)
    from . import cldr

    return cldr.year_text(value, locale)


def plural_form(key: str, count: float, strings: Mapping[str, str]) -> str:
    """The form of a counted string for this count, by the table's CLDR plural rules: French
    "1 événement" (one), "2 événements" (other)."""
    locale = _locale(strings)
    if not locale:
        category = "one" if count == 1 else "other"  # CLDR's English rule, for whole counts
    else:
        from . import cldr

        category = cldr.plural_category(count, locale)
    return strings[f"{key}.{category}"]


def count_text(key: str, count: int, strings: Mapping[str, str], **values: str) -> str:
    """A counted string's form for the count, filled in, the count in the language's digits."""
    return plural_form(key, count, strings).format(count=number_text(count, strings), **values)


def date_text(date: FuzzyDate, strings: Mapping[str, str], alone: bool = False) -> str:
    """A date as a reader reads it: the 1980s, 1989, August 2021, 27 August 2021.

    `alone`: a decade standing by itself rather than in a sentence ("1980s")."""
    locale = _locale(strings)
    if locale:
        return _cldr_date_text(date, strings, locale, alone)
    if date.precision == 0:
        return strings["date.decade_alone" if alone else "date.decade"].format(year=date.year)
    if date.precision == 1:
        return str(date.year)
    month = strings[f"date.month.{date.month}"]
    if date.precision == 2:
        return strings["date.month_year"].format(month=month, year=date.year)
    return strings["date.day_month_year"].format(day=date.day, month=month, year=date.year)


def _locale(strings: Mapping[str, str]) -> str:
    """The CLDR locale a table's dates follow; '' for the English table's own forms."""
    return strings["date.locale"]


def _cldr_date_text(date: FuzzyDate, strings: Mapping[str, str], locale: str, alone: bool) -> str:
    """date_text in a CLDR locale's forms and digits: 20 juillet 1969, ۲۰ ژوئیه ۱۹۶۹."""
    from . import cldr  # Babel is loaded only by sites whose tables name a locale

    if date.precision == 0:
        year = cldr.year_text(date.year, locale)
        return strings["date.decade_alone" if alone else "date.decade"].format(year=year)
    if date.precision == 1:
        return cldr.year_text(date.year, locale)
    if date.precision == 2:
        return cldr.month_text(date.first_day, locale)
    return cldr.day_text(date.first_day, locale)


def _same_year_text(date: FuzzyDate, strings: Mapping[str, str]) -> str:
    """The first date of a pair in the same year, without the year: 30 August, August."""
    locale = _locale(strings)
    if locale:
        from . import cldr

        if date.precision == 2:
            return cldr.month_name(date.month, locale)
        return cldr.day_month_text(date.first_day, locale)
    month = strings[f"date.month.{date.month}"]
    return month if date.precision == 2 else strings["date.day_month"].format(day=date.day, month=month)


def when_text(
    event: Event, strings: Mapping[str, str], show: Callable[[FuzzyDate, str, str], str] | None = None
) -> str:
    """An event's date as a reader reads it, saying no more than is known: "1980s",
    "1979 to 1989", "27 August 2021, 19:00", "before 27 August 2021", "between 30 August and
    30 September 2021", "probably 2 September 2021".

    `show(date, words, time)` wraps each date's words (the default: the words alone); a
    template passes one that makes a <time> element, and `strings` whose values escape."""

    def words(date: FuzzyDate, time: str = "", short: bool = False) -> str:
        text = _same_year_text(date, strings) if short else date_text(date, strings, alone=True)
        if time:
            text = strings["date.with_time"].format(date=text, time=time)
        return show(date, text, time) if show else text

    if event.after is not None and event.before is not None:
        short = (
            event.after.year == event.before.year and min(event.after.precision, event.before.precision) >= 2
        )
        text = strings["date.between"].format(first=words(event.after, short=short), last=words(event.before))
    elif event.after is not None:
        text = strings["date.after"].format(date=words(event.after))
    elif event.before is not None:
        text = strings["date.before"].format(date=words(event.before))
    else:
        text = words(event.dated_start, event.time)
        if event.end is not None and event.end != event.start:
            text = strings["date.span"].format(first=text, last=words(event.end))
    return strings["date.probably"].format(date=text) if event.approximate else text


def month_year_text(year: int, month: int, strings: Mapping[str, str], abbreviated: bool = False) -> str:
    """A month of a year, as on a time axis: "August 2021" (or "Aug 2021")."""
    locale = _locale(strings)
    if locale:
        from . import cldr

        return cldr.month_text(FuzzyDate(year, month, 1, 3).first_day, locale, abbreviated)
    name = strings[f"date.month_abbr.{month}" if abbreviated else f"date.month.{month}"]
    return strings["date.month_year"].format(month=name, year=year)
