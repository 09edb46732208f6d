"""Every built page carries a Content-Security-Policy <meta> that forbids inline script and any
origin but the site's own, placed before anything it must govern."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, SMALL_PROJECT, write_files

from site_builder.cli import main

ALLOWED_SOURCES = {"'self'", "'none'"}
IMAGE_SOURCES = ALLOWED_SOURCES | {"data:"}
"""Inline SVG charts and the favicon may use data: images; nothing may load from elsewhere."""


class HeadReader(HTMLParser):
    """The CSP meta tags and what comes before the first one."""

    def __init__(self) -> None:
        super().__init__()
        self.policies: list[str] = []
        self.in_head = False
        self.before_policy: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(values.get("content") or "")
            if self.in_head is False:
                self.before_policy.append("(outside head)")
        elif tag == "head":
            self.in_head = True
        elif not self.policies and tag in ("script", "link", "style", "base", "img"):
            self.before_policy.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False


def directives(policy: str) -> dict[str, list[str]]:
    parsed: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed[words[0].lower()] = words[1:]
    return parsed


@pytest.fixture(scope="module", params=["small", "second-explainer"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("csp")
    if request.param == "small":
        root = write_files(where / "project", dict(SMALL_PROJECT))
    else:
        root = Path(shutil.copytree(REPO / "tests/fixtures/second-explainer", where / "project"))
    assert main(["build", "--root", str(root), "--out", str(where / "public"), "--no-cache"]) == 0
    return where / "public"


def test_every_page_has_a_strict_policy(built: Path) -> None:
    found = sorted(built.rglob("*.html"))
    assert len(found) > 5
    for path in found:
        reader = HeadReader()
        reader.feed(path.read_text("utf-8"))
        where = path.relative_to(built)
        assert len(reader.policies) == 1, where
        assert reader.before_policy == [], (where, reader.before_policy)
        policy = directives(reader.policies[0])
        assert policy.get("default-src") in (["'self'"], ["'none'"]), (where, policy)
        script = policy.get("script-src", policy["default-src"])
        assert set(script) <= ALLOWED_SOURCES, (where, script)  # no 'unsafe-inline', no hosts
        assert policy.get("object-src") == ["'none'"], where
        assert policy.get("base-uri") in (["'self'"], ["'none'"]), where
        for name, sources in policy.items():
            allowed = IMAGE_SOURCES if name == "img-src" else ALLOWED_SOURCES
            assert set(sources) <= allowed, (where, name, sources)
