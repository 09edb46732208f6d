"""Every English word the default theme and the engine show readers, in one table.

A theme or a translation changes words here, in one place; templates read them as `ui.key`
(StrictUndefined makes a missing key an error that names it)."""

from __future__ import annotations

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
}
