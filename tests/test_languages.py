"""Languages: site.yaml's `languages`, writing direction, translation file names."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_files

from site_builder.config import load_config
from site_builder.languages import language_folder, language_name, split_translation, text_direction

SITE_YAML = "title: T\ndescription: D\n"


def load(tmp_path: Path, extra: str) -> tuple[tuple[str, ...], str, list[str]]:
    """site.yaml with title, description and extra lines -> (languages, language, errors)."""
    root = write_files(tmp_path / "project", {"content/site.yaml": SITE_YAML + extra})
    config, errors = load_config(root, {})
    return config.languages, config.language, [str(error) for error in errors]


def test_languages_make_the_first_the_default(tmp_path: Path) -> None:
    """`language` may be left out: it is the first of `languages`."""
    assert load(tmp_path, "languages: [en, fr]\n") == (("en", "fr"), "en", [])


def test_language_agreeing_with_languages_is_accepted(tmp_path: Path) -> None:
    assert load(tmp_path, "language: fr\nlanguages: [fr, fa]\n") == (("fr", "fa"), "fr", [])


def test_without_languages_the_site_has_one_language(tmp_path: Path) -> None:
    assert load(tmp_path, "language: en\n") == ((), "en", [])


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        pytest.param(
            "languages: [en, 'f r']\n",
            "content/site.yaml:3:17: 'languages' must list BCP 47 tags like 'en' or 'fr-CA', not 'f r'",
            id="bad-tag",
        ),
        pytest.param(
            "languages:\n  - en\n  - fr\n  - FR\n",
            "content/site.yaml:6:5: language 'FR' is listed twice (first on line 5)",
            id="twice",
        ),
        pytest.param(
            "languages: [en]\n",
            "content/site.yaml:3:12: 'languages' needs two or more languages, the default first; "
            "for one, write 'language' alone",
            id="one",
        ),
        pytest.param(
            "language: fr\nlanguages: [en, fr]\n",
            "content/site.yaml:3:1: 'language' (fr) must be the first of 'languages' (en): "
            "the first language is the default; leave 'language' out",
            id="disagree",
        ),
        pytest.param(
            "languages: en\n",
            "content/site.yaml:3:12: 'languages' must be a list, like: languages: [en]",
            id="not-list",
        ),
    ],
)
def test_bad_languages_are_errors_at_their_line(tmp_path: Path, extra: str, message: str) -> None:
    languages, _, errors = load(tmp_path, extra)
    assert (languages, errors) == ((), [message])


@pytest.mark.parametrize(
    ("tag", "direction"),
    [
        ("en", "ltr"),
        ("fr-CA", "ltr"),
        ("fa", "rtl"),
        ("fa-AF", "rtl"),
        ("ps", "rtl"),
        ("ar", "rtl"),
        ("ur", "rtl"),
        ("he", "rtl"),
        ("az-Arab", "rtl"),
        ("ku-Latn", "ltr"),
        ("ckb", "rtl"),
    ],
)
def test_text_direction(tag: str, direction: str) -> None:
    assert text_direction(tag) == direction


def test_language_names_are_in_the_language_itself() -> None:
    assert [language_name(tag) for tag in ("en", "fr", "fa", "zz")] == ["English", "français", "فارسی", "zz"]


def test_translation_file_names(tmp_path: Path) -> None:
    """Only a tag among the site's other languages makes a file a translation."""
    root = write_files(tmp_path / "project", {"content/site.yaml": SITE_YAML + "languages: [en, fr]\n"})
    config, _ = load_config(root, {})
    assert split_translation("ali.fr", config) == ("ali", "fr")
    assert split_translation("ali", config) is None
    assert split_translation("ali.en", config) is None
    assert split_translation("ali.de", config) is None
    assert (language_folder(config, "en"), language_folder(config, "fr")) == ("", "fr/")
