"""content/site.yaml -> a frozen Config; every bad key reported at once."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import BuildFailed, ContentError
from .load import YamlDoc, load_yaml_file
from .model import Config
from .validate import LANGUAGE_RE, SITE_SCHEMA, convert_fields

DEFAULT_MAX_BYTES = 5_000_000


def load_config(root: Path, overrides: Mapping[str, Any]) -> Config:
    """Read content/site.yaml and apply command-line overrides (a None override is ignored)."""
    path = root / "content" / "site.yaml"
    if not path.is_file():
        raise BuildFailed([ContentError("content/site.yaml", 0, 0,
                                        "missing: every explainer needs content/site.yaml "
                                        "with title, description and language")])
    try:
        doc = load_yaml_file(path, root, DEFAULT_MAX_BYTES)
    except ContentError as e:
        raise BuildFailed([e]) from e
    return validate_config(doc, overrides)


def validate_config(doc: YamlDoc, overrides: Mapping[str, Any]) -> Config:
    """site.yaml -> Config, every bad key reported at once."""
    errors: list[ContentError] = list(doc.problems)
    values = convert_fields(doc.fields, doc, SITE_SCHEMA, errors)
    language = values.get("language", "")
    if language and not LANGUAGE_RE.fullmatch(language):
        field = doc.fields["language"]
        errors.append(ContentError(doc.path, field.line, field.column,
                                   f"'language' must be a BCP 47 tag like 'en' or 'en-GB', "
                                   f"not {language!r}"))
    if errors:
        raise BuildFailed(errors)
    if "max_file_mb" in values:
        values["max_file_bytes"] = int(values.pop("max_file_mb") * 1_000_000)
    values.update({key: value for key, value in overrides.items() if value is not None})
    if values.get("base_url") and not values["base_url"].endswith("/"):
        values["base_url"] += "/"
    return Config(**values)
