"""The benchmark's synthetic explainer is valid content: a benchmark of a failing build times nothing."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from conftest import REPO, LinkCollector, run_main


def load_corpus_module() -> ModuleType:
    """bench/corpus.py is a script folder, not a package: load it by path."""
    spec = importlib.util.spec_from_file_location("bench_corpus", REPO / "bench" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def test_generated_corpus_builds_without_errors(tmp_path: Path) -> None:
    corpus_module = load_corpus_module()
    corpus = corpus_module.make_corpus(120)
    project, plain, out = tmp_path / "project", tmp_path / "plain", tmp_path / "public"
    corpus_module.write_corpus(corpus, project, plain)

    result = run_main("build", "--root", project, "--out", out)

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    people = [item for item in corpus.items if item.kind == "people"]
    for person in people:
        assert (out / "people" / person.slug / "index.html").is_file()
    first = people[0]
    collector = LinkCollector()
    collector.feed((out / "people" / first.slug / "index.html").read_text("utf-8"))
    linked_targets = corpus_module.WIKILINK_RE.findall(first.body)
    assert linked_targets
    for slug, _text in linked_targets:
        assert any(href.rstrip("/").endswith(slug) for href in collector.hrefs), slug


def test_every_content_kind_and_date_form_is_generated() -> None:
    corpus = load_corpus_module().make_corpus(120)
    kinds = {item.kind for item in corpus.items}
    event_dates = "\n".join(item.front_matter for item in corpus.items if item.kind == "events")

    assert kinds == {"sources", "pages", "people", "places", "figures", "events", "glossary"}
    for date_form in (
        "date: 1950\n",
        "date: 1951-02\n",
        "date: 1952-03-03\n",
        "date: 1950s\n",
        "start: 1954-05-01\nend: 1955-05",
    ):
        assert date_form in event_dates


def test_plain_copy_has_the_same_pages_and_no_wiki_links(tmp_path: Path) -> None:
    corpus_module = load_corpus_module()
    corpus = corpus_module.make_corpus(120)
    corpus_module.write_corpus(corpus, tmp_path / "project", tmp_path / "plain")

    plain_files = sorted(tmp_path.joinpath("plain").rglob("*.md"))
    assert len(plain_files) == len(corpus.items) - 1  # the source is evidence, not a page
    assert not any("[[" in path.read_text("utf-8") for path in plain_files)
