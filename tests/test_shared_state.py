"""Builds in one process (as `serve` runs them) share no site's values: the Jinja environment
they reuse stays site-free, and what the build cache keeps in memory is only what builds use."""

from __future__ import annotations

from pathlib import Path

from conftest import SMALL_PROJECT, snapshot, write_files

from site_builder.build import build, load_site
from site_builder.cache import BuildCache
from site_builder.render import find_theme, make_environment, plan_pages
from site_builder.render.renderer import Renderer

OTHER_PROJECT = {
    **SMALL_PROJECT,
    "content/site.yaml": SMALL_PROJECT["content/site.yaml"].replace("Small explainer", "Another explainer"),
    "content/people/ada.md": SMALL_PROJECT["content/people/ada.md"].replace("Ada Lovelace", "Grace Hopper"),
}


def test_two_sites_rendered_with_one_environment_keep_their_own_values(tmp_path: Path) -> None:
    """Renderers of two sites made from one shared environment, the second made before the
    first renders: each page is the one its own site gives alone."""
    roots = [write_files(tmp_path / "a", SMALL_PROJECT), write_files(tmp_path / "b", OTHER_PROJECT)]
    sites = [load_site(root, {}) for root in roots]
    themes = [find_theme(root) for root in roots]
    shared = make_environment(themes[0])
    before = dict(shared.globals)
    renderers = [Renderer(site, theme, environment=shared) for site, theme in zip(sites, themes, strict=True)]
    for renderer, site, theme in zip(renderers, sites, themes, strict=True):
        plans = plan_pages(site, theme.strings)
        assert renderer.render_pages(plans) == Renderer(site, theme).render_pages(plans)
    assert shared.globals == before


def test_builds_of_two_sites_with_one_cache_match_clean_builds(tmp_path: Path) -> None:
    roots = [write_files(tmp_path / "a", SMALL_PROJECT), write_files(tmp_path / "b", OTHER_PROJECT)]
    clean = []
    for index, root in enumerate(roots):
        build(root, tmp_path / f"clean-{index}", {}, use_cache=False)
        clean.append(snapshot(tmp_path / f"clean-{index}"))
    assert clean[0] != clean[1]
    cache = BuildCache(None)  # one process, one cache, as serve keeps
    for step, index in enumerate([0, 1, 0, 1]):
        out_dir = tmp_path / f"out-{step}"
        build(roots[index], out_dir, {}, cache=cache)
        assert snapshot(out_dir) == clean[index]


def test_what_a_build_does_not_use_is_forgotten() -> None:
    """An environment or a mention matcher kept for serve's rebuilds goes once a build no longer
    asks for it (an edited theme, edited aliases), instead of piling up in memory."""
    cache = BuildCache(None)
    made: list[str] = []

    def make(name: str) -> str:
        made.append(name)
        return name

    assert cache.keep("old", lambda: make("old")) == "old"
    cache.save()
    assert cache.keep("old", lambda: make("old")) == "old"  # kept: the next build asked again
    cache.save()
    assert cache.keep("new", lambda: make("new")) == "new"
    cache.save()  # a build that did not ask for "old"
    assert cache.keep("old", lambda: make("old")) == "old"
    assert made == ["old", "new", "old"]
