"""The languages of a site, said once: which there are, the default, each one's URL folder,
writing direction and name, and which content files are translations.

A site without `languages` in site.yaml has one language (`language`) and works as it always
did; with `languages: [en, fr]` the first is served at the root and each other at /<tag>/.
"""

from __future__ import annotations

from .model import Config

RTL_LANGUAGES = frozenset(
    ("ar", "arc", "ckb", "dv", "fa", "he", "iw", "ku-arab", "ps", "sd", "ug", "ur", "yi")
)
"""Language subtags written right to left whatever script subtag follows (Dari is fa-AF)."""
RTL_SCRIPTS = frozenset(("arab", "adlm", "hebr", "mand", "nkoo", "rohg", "samr", "syrc", "thaa"))
"""Script subtags (ISO 15924) written right to left: az-Arab, pa-Arab, ms-Arab..."""
LTR_SCRIPTS = frozenset(("latn", "cyrl"))
"""Script subtags that make an otherwise right-to-left language left to right (ku-Latn)."""


def text_direction(tag: str) -> str:
    """'rtl' or 'ltr' for a BCP 47 tag: its script subtag decides when given, else its language."""
    parts = tag.lower().split("-")
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            if part in RTL_SCRIPTS:
                return "rtl"
            if part in LTR_SCRIPTS:
                return "ltr"
    return "rtl" if parts[0] in RTL_LANGUAGES else "ltr"


def site_languages(config: Config) -> tuple[str, ...]:
    """Every language the site is built in, the default first."""
    return config.languages or (config.language,)


def other_languages(config: Config) -> tuple[str, ...]:
    """The languages served in a folder of their own: all but the default."""
    return config.languages[1:]


def language_folder(config: Config, tag: str) -> str:
    """Output folder of a language's pages: '' for the default, 'fr/' for French."""
    return "" if tag == site_languages(config)[0] else f"{tag}/"


def language_name(tag: str) -> str:
    """The language's name in itself (CLDR, through Babel): English, français, فارسی; the tag
    itself when CLDR does not know it."""
    from babel import Locale, UnknownLocaleError  # loaded only by sites with languages

    try:
        name = Locale.parse(tag, sep="-").get_display_name(Locale.parse(tag, sep="-"))
    except (UnknownLocaleError, ValueError):
        return tag
    return name or tag


def split_translation(stem: str, config: Config) -> tuple[str, str] | None:
    """(slug, language) for a translation's file name without '.md' ('ali.fr' -> ('ali', 'fr')),
    or None when the file is an original (or the site has one language)."""
    slug, dot, tag = stem.rpartition(".")
    if dot and tag in other_languages(config):
        return slug, tag
    return None
