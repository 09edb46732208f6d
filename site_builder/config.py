"""content/site.yaml -> a frozen Config; every bad key reported at once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError
from .load import SITE_TRANSLATION_RE, YamlDoc, load_yaml_file
from .model import Config
from .validate import LANGUAGE_RE, SITE_SCHEMA, convert_fields

DEFAULT_MAX_BYTES = 5_000_000


def load_config(root: Path, overrides: Mapping[str, Any]) -> tuple[Config, list[ContentError]]:
    """Read content/site.yaml and apply command-line overrides (a None override is ignored).

    A broken site.yaml does not stop the build from checking the content: its problems are
    returned with a Config made of whatever fields were good, so one run reports everything."""
    path = root / "content" / "site.yaml"
    if not path.is_file():
        return fallback_config({}, overrides), [
            ContentError(
                "content/site.yaml",
                0,
                0,
                "missing: every explainer needs content/site.yaml with title, description and language",
            )
        ]
    try:
        doc = load_yaml_file(path, root, DEFAULT_MAX_BYTES)
    except ContentError as e:
        return fallback_config({}, overrides), [e]
    config, errors = validate_config(doc, overrides)
    return translate_config(root, config, errors)


SITE_TEXTS = ("title", "description")
"""What content/site.<tag>.yaml may give: the words of site.yaml a reader reads."""


def translate_config(
    root: Path, config: Config, errors: list[ContentError]
) -> tuple[Config, list[ContentError]]:
    """The site's title and description in each other language, from content/site.<tag>.yaml
    (the default's where a language has none); a file for a language the site does not list,
    or a field other than those, is an error."""
    texts = []
    others = config.languages[1:]
    for path in sorted((root / "content").glob("site.*.yaml")):
        match = SITE_TRANSLATION_RE.fullmatch(path.name)
        if match is None:
            continue
        shown = f"content/{path.name}"
        tag = match[1]
        if tag not in others:
            listed = (
                f"the site's other languages are {', '.join(others)}"
                if others
                else "site.yaml lists no languages"
            )
            errors.append(
                ContentError(shown, 0, 0, f"'{tag}' is not one of the site's other languages ({listed})")
            )
            continue
        try:
            doc = load_yaml_file(path, root, DEFAULT_MAX_BYTES)
        except ContentError as e:
            errors.append(e)
            continue
        errors.extend(doc.problems)
        fields = {}
        for key, field in doc.fields.items():
            if key in SITE_TEXTS:
                fields[key] = field
            else:
                errors.append(
                    ContentError(
                        shown,
                        field.line,
                        field.column,
                        f"'{key}' comes from content/site.yaml: {shown} gives only title and description",
                    )
                )
        schema = {key: replace(SITE_SCHEMA[key], required=False) for key in SITE_TEXTS}
        values = convert_fields(fields, doc, schema, errors)
        texts.append((tag, values.get("title", config.title), values.get("description", config.description)))
    return replace(config, translated_texts=tuple(texts)), errors


def validate_config(doc: YamlDoc, overrides: Mapping[str, Any]) -> tuple[Config, list[ContentError]]:
    """site.yaml -> Config and every bad key (the Config then holds the good ones)."""
    errors: list[ContentError] = list(doc.problems)
    values = convert_fields(doc.fields, doc, SITE_SCHEMA, errors)
    if "languages" in doc.fields:  # `language` may then be left out: it is the first of them
        errors = [error for error in errors if error.message != "missing required field 'language'"]
    language = values.get("language", "")
    if language and not LANGUAGE_RE.fullmatch(language):
        field = doc.fields["language"]
        errors.append(
            ContentError(
                doc.path,
                field.line,
                field.column,
                f"'language' must be a BCP 47 tag like 'en' or 'en-GB', not {language!r}",
            )
        )
        del values["language"]
    if "languages" in values:
        check_languages(doc, values, errors)
    return fallback_config(values, overrides) if errors else make_config(values, overrides), errors


def check_languages(doc: YamlDoc, values: dict[str, Any], errors: list[ContentError]) -> None:
    """`languages`: BCP 47 tags, each once, at least two, the first agreeing with `language`
    (which it stands in for when that is left out); each problem at its line."""
    node = doc.fields["languages"].node
    assert isinstance(node, yaml.SequenceNode)  # list_of accepted it
    tags: list[str] = values.pop("languages")
    seen: dict[str, int] = {}
    good = True
    for tag, element in zip(tags, node.value, strict=True):
        if not LANGUAGE_RE.fullmatch(tag):
            message = f"'languages' must list BCP 47 tags like 'en' or 'fr-CA', not {tag!r}"
        elif tag.lower() in seen:
            message = f"language '{tag}' is listed twice (first on line {seen[tag.lower()]})"
        else:
            seen[tag.lower()] = doc.line_of(element)
            continue
        good = False
        errors.append(doc.error(element, message))
    if good and len(tags) < 2:
        good = False
        errors.append(
            doc.error(
                node,
                "'languages' needs two or more languages, the default first; for one, write 'language' alone",
            )
        )
    language = values.get("language")
    if good and language and language != tags[0]:
        good = False
        field = doc.fields["language"]
        errors.append(
            ContentError(
                doc.path,
                field.line,
                field.column,
                f"'language' ({language}) must be the first of 'languages' ({tags[0]}): "
                "the first language is the default; leave 'language' out",
            )
        )
    if good:
        values["languages"] = tuple(tags)
        values["language"] = tags[0]


def make_config(values: dict[str, Any], overrides: Mapping[str, Any]) -> Config:
    """Checked site.yaml values plus the command-line overrides."""
    if "max_file_mb" in values:
        values["max_file_bytes"] = int(values.pop("max_file_mb") * 1_000_000)
    values.update({key: value for key, value in overrides.items() if value is not None})
    if values.get("base_url") and not values["base_url"].endswith("/"):
        values["base_url"] += "/"
    return Config(**values)


def fallback_config(values: dict[str, Any], overrides: Mapping[str, Any]) -> Config:
    """A Config from a broken site.yaml's good fields, used only to check the content."""
    return make_config({"title": "", "description": "", "language": "en", **values}, overrides)
