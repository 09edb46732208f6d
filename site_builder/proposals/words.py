"""The words the draft rules look for around names, numbers and dates, in one place: which
words make a name a person's, a place's or an organisation's, and which words stop a name.
English only, as the rest of the rules are."""

from __future__ import annotations


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one string, one space between words: lists of words read best so."""
    return frozenset(words.split())


CONNECTORS = frozenset(("of", "de", "al", "bin", "ibn", "van", "von", "der", "du", "da", "la", "le"))
OF_HEADS = word_set(
    "University Institution Institute Emirate Republic Kingdom Bank Ministry Department Office "
    "Museum College School Society Association Federation Union Court Council Church Gulf Bay "
    "Isle Cape Duke Earl Prince Princess King Queen Chamber League House Board Academy Bishop "
    "Archbishop Commission Committee Secretary Minister Governor Mayor"
)
"""Words after which `of` continues a name (University of X), where it does not (Hills of X)."""
STOP_WORDS = word_set(
    "The A An In On At But And Or He She It They We I You This That These Those His Her Their Its "
    "Our My While When Since During After Before However Despite Although Though If As For From "
    "With By To Of So Yet Then There Here What Who Why How Where Which Meanwhile Speaking Watch "
    "Photo Read More Also Only Even Still Now Today Yesterday Tomorrow Advertisement"
)
WEEKDAYS = word_set("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
HONORIFICS = word_set("Mr Mrs Ms Miss Dr Prof Sir Dame Lord Lady Gen Col Capt Sgt Rev Sen Gov")
ROLE_NOUNS = word_set(
    "head chief leader director minister president spokesman spokeswoman spokesperson commander "
    "mayor chair chairman chairwoman founder member engineer ecologist scientist professor "
    "officer executive secretary governor manager editor reporter correspondent photographer son "
    "daughter brother sister wife husband father mother widow volunteer fighter general analyst "
    "economist adviser advisor lawyer judge doctor teacher author writer owner ambassador envoy "
    "official aide deputy captain coach historian researcher campaigner activist councillor "
    "chancellor premier boss founder-member warlord militant commissioner inspector surgeon "
    "architect farmer"
)
PLACE_HEADS: dict[str, str] = {
    word: word.lower()
    for word in word_set(
        "Valley River Province County District Island Hills Mountains Mountain Reservoir Lake Sea "
        "Bay Street Road Square Bridge City Region Desert Forest Park Coast Peninsula Canal Gorge "
        "Pass Plain Plateau Strait Islands Heights Estuary"
    )
}
"""A last word that makes a run a place, and the kind it gives."""
PLACE_FIRSTS = {"Port": "port", "Mount": "mountain", "Lake": "lake", "Fort": "town", "Cape": "cape"}
PLACE_NOUNS_IN_NAME = word_set("province county district valley river region state")
PLACE_NOUNS = PLACE_NOUNS_IN_NAME | word_set(
    "area town city village hamlet suburb neighbourhood neighborhood island capital port country"
)
COUNTRY_ABBREVIATIONS = frozenset(("US", "UK", "USA", "UAE", "EU"))
ORG_HEADS = word_set(
    "Front Board Authority Association Council University Institution Institute Bank Party Army "
    "Ministry Department Agency Company Corporation Group Solutions Team Trust Union Commission "
    "Committee Court Police Service Services Emirate Republic Organisation Organization "
    "Foundation Fund Society Club League Movement Airlines Airways Ltd Inc Network Parliament "
    "Assembly Congress Senate Government Alliance Coalition Brigade Forces Guard Marine "
    "Federation"
)
MEDIA_HEADS = word_set(
    "Gazette Times News Post Press Images Radio Television TV Herald Journal Tribune Telegraph "
    "Guardian Chronicle Observer Agency"
)
SPEECH_VERBS = (
    "said|says|told|added|explained|admitted|argued|insisted|warned|wrote|asked|replied|stated|"
    "believes|claimed|declared|urged|noted|called"
)
COMPASS = (
    r"(?:northern|southern|eastern|western|central|north-?eastern|north-?western|south-?eastern|"
    r"south-?western)"
)
