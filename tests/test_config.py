"""content/site.yaml -> Config: the host name written into CNAME."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SMALL_PROJECT, write_files

from site_builder.config import load_config


def load_site_yaml(tmp_path: Path, extra: str) -> tuple[str, list[str]]:
    """SMALL_PROJECT's site.yaml plus extra lines -> (its cname, its errors as printed)."""
    site_yaml = SMALL_PROJECT["content/site.yaml"] + extra
    root = write_files(tmp_path / "project", {"content/site.yaml": site_yaml})
    config, errors = load_config(root, {})
    return config.cname, [str(error) for error in errors]


@pytest.mark.parametrize("host", ["explainers.example.org", "news.example.org", "Floods-2021.example.co.uk",
                                  "localhost"])
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
    assert errors == [f"content/site.yaml:5:8: 'cname' must be a host name like {example}, "
                      f"not {value!r}"]
