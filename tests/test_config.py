"""content/site.yaml -> Config: overrides, defaults and every bad key at once; the host name
written into CNAME."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SMALL_PROJECT, write_files

from site_builder.config import fallback_config, load_config, make_config


def load_site_yaml(tmp_path: Path, extra: str) -> tuple[str, list[str]]:
    """SMALL_PROJECT's site.yaml plus extra lines -> (its cname, its errors as printed)."""
    site_yaml = SMALL_PROJECT["content/site.yaml"] + extra
    root = write_files(tmp_path / "project", {"content/site.yaml": site_yaml})
    config, errors = load_config(root, {})
    return config.cname, [str(error) for error in errors]


@pytest.mark.parametrize(
    "host", ["explainers.example.org", "news.example.org", "Floods-2021.example.co.uk", "localhost"]
)
def test_cname_host_name_is_accepted(tmp_path: Path, host: str) -> None:
    """Letters, digits, hyphens and dots: written into CNAME as given."""
    assert load_site_yaml(tmp_path, f"cname: {host}\n") == (host, [])


@pytest.mark.parametrize(
    ("value", "example"),
    [
        pytest.param("https://explainers.example.org/", "explainers.example.org", id="url"),
        pytest.param("http://Explainers.Example.org/floods/", "explainers.example.org", id="url-path"),
        pytest.param("explainers.example.org/floods/", "explainers.example.org", id="path"),
        pytest.param("explainers.example.org:8080", "explainers.example.org", id="port"),
        pytest.param("explainers example.org", "explainers.example.org", id="space"),
        pytest.param("-explainers.example.org", "explainers.example.org", id="leading-hyphen"),
        pytest.param("explainers..example.org", "explainers.example.org", id="empty-label"),
        pytest.param("https://", "explainers.example.org", id="scheme-only"),
    ],
)
def test_cname_that_is_not_a_host_name_is_an_error(tmp_path: Path, value: str, example: str) -> None:
    """A scheme, path or port would land in CNAME and break the custom domain: the hint is the
    bare host name."""
    cname, errors = load_site_yaml(tmp_path, f"cname: '{value}'\n")
    assert cname == ""
    assert errors == [f"content/site.yaml:5:8: 'cname' must be a host name like {example}, not {value!r}"]


def test_make_config_applies_overrides_and_normalises() -> None:
    """--base-url and friends win over site.yaml, a None override (flag not given) does not,
    base_url always ends in '/', and max_file_mb becomes bytes."""
    values = {
        "title": "T",
        "description": "D",
        "language": "en",
        "base_url": "https://a.example/x",
        "max_file_mb": 1.5,
    }
    config = make_config(dict(values), {"base_url": None, "drafts": True})
    assert (config.base_url, config.max_file_bytes) == ("https://a.example/x/", 1_500_000)
    assert config.drafts
    config = make_config(dict(values), {"base_url": "https://b.example/"})
    assert config.base_url == "https://b.example/"
    assert make_config({"title": "T", "description": "D", "language": "en"}, {}).base_url == ""


def test_a_broken_site_yaml_still_gives_a_config_of_its_good_fields(tmp_path: Path) -> None:
    root = write_files(
        tmp_path / "project",
        {
            "content/site.yaml": (
                "title: Kept\nlanguage: English\nsearch: maybe\nbase_url: https://a.example\n"
            )
        },
    )
    config, errors = load_config(root, {"drafts": True})
    assert (config.title, config.description, config.language) == ("Kept", "", "en")
    assert (config.base_url, config.search, config.drafts) == ("https://a.example/", False, True)
    assert [str(error) for error in errors] == [
        "content/site.yaml:3:9: 'search' must be true or false, not 'maybe'",
        "content/site.yaml:1:1: missing required field 'description'",
        "content/site.yaml:2:1: 'language' must be a BCP 47 tag like 'en' or 'en-GB', not 'English'",
    ]


def test_a_missing_site_yaml_is_one_error(tmp_path: Path) -> None:
    config, errors = fallback_config({}, {}), load_config(tmp_path, {})[1]
    assert (config.title, config.language) == ("", "en")
    assert [str(error) for error in errors] == [
        "content/site.yaml: missing: every explainer needs content/site.yaml with title, description "
        "and language"
    ]
