"""Site -> {output path: bytes} through one jinja2 Environment; touches no disk but templates."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import os
import pickle
import re
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import charts, model, outputs, provenance
from .errors import SiteError, TemplateProblem, did_you_mean
from .link import KIND_NOUN, item_name, relative_url, terms_by_letter
from .markup import fill_links
from .mentions import Matcher, link_mentions, site_matcher
from .model import Item, Place, Site


@dataclass(frozen=True, slots=True)
class Theme:
    """Where templates and static assets come from: the project's own first, then the default."""

    template_dirs: tuple[Path, ...]
    static_files: dict[str, Path]
    """Asset name ('style.css') -> file; a project file overrides the default theme's."""


@dataclass(frozen=True, slots=True)
class PagePlan:
    """One page to render: its URL, its template and what it is about."""

    url: str
    template: str
    title: str
    description: str
    item: Item | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def default_theme_dir() -> Path:
    """The default theme: the repo's templates/, installed as the package site_builder.theme."""
    spec = importlib.util.find_spec("site_builder.theme")
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            if (Path(location) / "base.html").is_file():
                return Path(location)
    return Path(__file__).resolve().parent.parent / "templates"


def find_theme(root: Path) -> Theme:
    """The project's templates/ over the default theme, file by file."""
    dirs = [d for d in (root / "templates", default_theme_dir()) if d.is_dir()]
    static: dict[str, Path] = {}
    for directory in reversed(dirs):
        static_dir = directory / "static"
        if static_dir.is_dir():
            for path in sorted(static_dir.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    static[path.relative_to(static_dir).as_posix()] = path
    return Theme(tuple(dirs), static)


class TemplateOutside(jinja2.TemplateNotFound):
    """A template, or a symlink in templates/, that resolves outside the theme folders."""


class ThemeLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that refuses templates resolving outside the theme folders."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        resolved = Path(filename).resolve()
        if not any(resolved.is_relative_to(Path(d).resolve()) for d in self.searchpath):
            raise TemplateOutside(template, f"'{template}' resolves outside the templates "
                                  "folders; refused")
        return source, filename, uptodate


def make_environment(theme: Theme, bytecode_dir: Path | None = None) -> jinja2.Environment:
    """The Jinja environment for a theme: autoescaping, StrictUndefined, templates from the
    theme folders only. Reusable across builds of the same template files (see build.py); with
    bytecode_dir, compiled templates are kept on disk for the next process."""
    bytecode_cache = None
    if bytecode_dir is not None:
        bytecode_dir.mkdir(parents=True, exist_ok=True)
        bytecode_cache = jinja2.FileSystemBytecodeCache(str(bytecode_dir))
    return jinja2.Environment(
        loader=ThemeLoader([str(d) for d in theme.template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=bytecode_cache,
        auto_reload=False,
    )


def template_files(theme: Theme) -> tuple[tuple[str, int, int], ...]:
    """Every template file with its modification time and size: an environment is reused only
    while this holds, so it never checks files itself (auto_reload off) and a new override file
    never hides behind a cached default."""
    found = []
    for directory in theme.template_dirs:
        for path in sorted(directory.rglob("*")):
            stat = path.stat()
            found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def output_path(url: str) -> str:
    """'/people/x/' -> 'people/x/index.html'; '/404.html' stays a file."""
    if url.endswith("/"):
        return url.lstrip("/") + "index.html"
    return url.lstrip("/")


def hashed_name(name: str, data: bytes) -> str:
    """style.css -> style.1a2b3c4d.css, so asset URLs can be cached forever."""
    digest = hashlib.sha256(data).hexdigest()[:10]
    stem, dot, ext = name.rpartition(".")
    return f"{stem}.{digest}.{ext}" if dot else f"{name}.{digest}"


def plan_pages(site: Site) -> list[PagePlan]:
    """Every page the site has, in a fixed order."""
    config = site.config
    plans: list[PagePlan] = []
    for item in site.of_kind("pages"):
        plans.append(PagePlan(
            site.urls[item.slug], "home.html" if item.slug == "index" else "page.html",
            config.title if item.slug == "index" else item.title,  # type: ignore[union-attr]
            item.summary or config.description, item))  # type: ignore[union-attr]
    sections = (
        ("/people/", "people.html", "People", "Who's who: everyone named in this explainer."),
        ("/places/", "places.html", "Places", "Where it happens: every place named."),
        ("/figures/", "figures.html", "Key figures", "The numbers, with who says so."),
        ("/timeline/", "timeline.html", "Timeline", "What happened when, in order."),
        ("/glossary/", "glossary.html", "Glossary", "Terms and organisations, A to Z."),
        ("/sources/", "sources.html", "Sources", "Where every quote and number comes from."),
        ("/corrections/", "corrections.html", "Corrections", "Every correction, newest first."),
    )
    for url, template, title, description in sections:
        plans.append(PagePlan(url, template, title, description))
    for kind, template in (("people", "person.html"), ("places", "place.html")):
        for item in site.of_kind(kind):
            summary = getattr(item, "summary", "")
            plans.append(PagePlan(site.urls[item.slug], template, item_name(item), summary, item))
    plans.append(PagePlan("/404.html", "404.html", "Page not found",
                          "This page does not exist."))
    return plans


def sort_for_reading(site: Site, kind: str) -> list[Item]:
    """Items of a kind in reading order: people and places by name, events by date."""
    if kind == "events":
        return list(site.timeline)
    items = site.of_kind(kind)
    if kind == "glossary":
        return sorted(items, key=lambda t: t.term.casefold())  # type: ignore[union-attr]
    if kind in ("people", "places"):
        return sorted(items, key=lambda i: item_name(i).casefold())
    return items


class Renderer:
    """Renders the pages of one site."""

    def __init__(
        self, site: Site, theme: Theme, root_path: str = "/",
        environment: jinja2.Environment | None = None,
    ) -> None:
        self.site = site
        self.relative_urls: dict[tuple[str, str], str] = {}
        self.reading_order: dict[str, list[Item]] = {}
        self.reading_position: dict[str, dict[str, int]] = {}
        self.mention_matcher: Matcher | None = None
        """(target, page) -> relative URL: pages share most of their links (nav, names)."""
        self.root_path = root_path
        """URL path the site is served under; used by pages served at any depth (404)."""
        self.assets = {
            name: (hashed_name(name, path.read_bytes()), path.read_bytes())
            for name, path in theme.static_files.items()
        }
        self.env = environment or make_environment(theme)
        self.env.globals.update(
            site=site, config=site.config, items=self.items_of, name=item_name,
            backlinks=self.backlinks_of, referrers=self.referrers, terms_by_letter=terms_by_letter,
            containing_places=self.containing_places,
        )
        for module in (outputs, provenance, charts):  # each feature owns its template helpers
            self.env.globals.update(module.template_globals(site))
        self.env.filters["noun"] = lambda kind: KIND_NOUN.get(kind, kind)

    def items_of(self, kind: str) -> list[Item]:
        """Items of a kind in reading order: people and places by name, events by date."""
        found = self.reading_order.get(kind)
        if found is None:
            found = self.reading_order[kind] = sort_for_reading(self.site, kind)
        return found

    def referrers(self, item: Item, kind: str, how: str = "") -> list[Item]:
        """Items of `kind` whose front matter or body refers to `item`, in reading order."""
        found = {
            backlink.source_slug for backlink in self.site.backlinks.get(item.slug, ())
            if (not how or backlink.how == how) and self.site.items[backlink.source_slug].kind == kind
        }
        if not found:
            return []
        position = self.reading_position.get(kind)
        if position is None:
            position = {other.slug: index for index, other in enumerate(self.items_of(kind))}
            self.reading_position[kind] = position
        return [self.site.items[slug] for slug in sorted(found, key=position.__getitem__)]

    def containing_places(self, place: Place) -> list[Place]:
        """What a place lies within, nearest first (link.check_place_cycles rules out loops)."""
        chain: list[Place] = []
        current = place
        while current.part_of:
            current = self.site.items[current.part_of]  # type: ignore[assignment]
            chain.append(current)
        return chain

    def backlinks_of(self, item: Item, *hows: str) -> list[tuple[Item, str]]:
        """(referring item, label) for what refers to `item`, optionally only some ways."""
        found: list[tuple[Item, str]] = []
        seen: set[str] = set()
        for backlink in self.site.backlinks.get(item.slug, ()):
            if hows and backlink.how not in hows:
                continue
            if backlink.source_slug in seen:
                continue
            seen.add(backlink.source_slug)
            found.append((self.site.items[backlink.source_slug], backlink.label))
        return found

    def page_functions(self, page_url: str) -> dict[str, Any]:
        """url(), asset() and body() bound to the page they are rendered on."""
        site = self.site
        absolute = page_url == "/404.html"  # served at any depth, so links are root-based

        def url(target: Item | str) -> str:
            path = target if isinstance(target, str) and target.startswith("/") else (
                site.urls[target if isinstance(target, str) else target.slug])
            if absolute:
                return self.root_path + path.lstrip("/")
            key = (path, page_url)
            found = self.relative_urls.get(key)
            if found is None:
                found = self.relative_urls[key] = relative_url(path, page_url)
            return found

        def asset(name: str) -> str:
            if name not in self.assets:
                raise jinja2.TemplateRuntimeError(f"asset '{name}' is not in the theme's static/")
            return url("/assets/" + self.assets[name][0])

        def link_target(slug: str) -> tuple[str, str]:
            item = site.items[slug]
            return url(item), item_name(item)

        def body(item: Item) -> Markup:
            rendered = site.bodies.get(item.slug)
            return Markup(fill_links(rendered.html, link_target) if rendered else "")

        canonical = site.config.base_url + page_url.lstrip("/") if site.config.base_url else ""
        return {"url": url, "asset": asset, "body": body, "page_url": page_url,
                "canonical": canonical}

    def render_page(self, plan: PagePlan) -> bytes:
        """One page's HTML."""
        template = self.env.get_template(plan.template)
        context = {
            "title": plan.title, "description": plan.description, "item": plan.item,
            **plan.extra, **self.page_functions(plan.url),
        }
        html = template.render(context)
        if self.site.config.mentions and getattr(plan.item, "mentions", True):
            if self.mention_matcher is None:
                self.mention_matcher = site_matcher(self.site)
            html = link_mentions(html, plan.url, self.site, self.mention_matcher)
        return html.encode("utf-8")

    def render_pages(self, plans: Sequence[PagePlan]) -> tuple[dict[str, bytes], list[SiteError]]:
        """Pages in order; template errors are gathered, one per template line."""
        files: dict[str, bytes] = {}
        errors: dict[tuple[str, int, str], SiteError] = {}
        for plan in plans:
            try:
                files[output_path(plan.url)] = self.render_page(plan)
            except (jinja2.TemplateError, RecursionError) as e:
                problem = template_problem(e, plan.template)
                errors.setdefault((problem.path, problem.line, problem.message), problem)
        return files, list(errors.values())

    def render_all(
        self, plans: Sequence[PagePlan], workers: int = 1
    ) -> tuple[dict[str, bytes], list[SiteError]]:
        """Every page and asset; with workers > 1 large sites render in forked processes."""
        if workers > 1 and len(plans) >= PARALLEL_MIN_PAGES and hasattr(os, "fork"):
            files, errors = render_forked(self, plans, workers)
        else:
            files, errors = self.render_pages(plans)
        for hashed, data in self.assets.values():
            files["assets/" + hashed] = data
        return files, errors


PARALLEL_MIN_PAGES = 300
"""Below this, forking costs more than it saves."""


def render_forked(
    renderer: Renderer, plans: Sequence[PagePlan], workers: int
) -> tuple[dict[str, bytes], list[SiteError]]:
    """Split the pages between forked children (which share the parsed site for free) and us.

    The result is merged in plan order, so it is byte-identical to a one-process render.
    """
    chunks = [plans[index::workers] for index in range(workers)]
    children: list[tuple[int, int]] = []
    for chunk in chunks[1:]:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: render, send, and leave without running the parent's cleanup
            status = 0
            try:
                os.close(read_fd)
                payload = pickle.dumps(renderer.render_pages(chunk), protocol=5)
                with os.fdopen(write_fd, "wb") as pipe:
                    pipe.write(payload)
            except BaseException:
                status = 1
            finally:
                os._exit(status)
        os.close(write_fd)
        children.append((pid, read_fd))
    results = [renderer.render_pages(chunks[0])]
    for pid, read_fd in children:
        with os.fdopen(read_fd, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status != 0 or not data:
            raise RuntimeError("a render worker process failed")
        results.append(pickle.loads(data))
    rendered: dict[str, bytes] = {}
    errors: list[SiteError] = []
    for files, chunk_errors in results:
        rendered.update(files)
        errors.extend(chunk_errors)
    ordered = {output_path(plan.url): rendered[output_path(plan.url)]
               for plan in plans if output_path(plan.url) in rendered}
    unique = {(e.path, e.line, e.message): e for e in errors}
    return ordered, list(unique.values())


def template_problem(error: BaseException, template: str) -> TemplateProblem:
    """Name the template file and line an error comes from, with the include chain."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        path = error.filename or error.name or template
        return TemplateProblem(_short(path), error.lineno, 1, f"template syntax: {error.message}")
    frames = [
        frame for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename.endswith((".html", ".xml", ".txt", ".json", ".j2"))
    ]
    chain = []
    for frame in frames:
        step = f"{_short(frame.filename)}:{frame.lineno}"
        if not chain or chain[-1] != step:
            chain.append(step)
    if isinstance(error, RecursionError):
        shown = " -> ".join(chain[:6]) + (" -> ..." if len(chain) > 6 else "")
        return TemplateProblem(_short(frames[0].filename) if frames else template,
                               frames[0].lineno if frames else 0, 1,
                               f"templates include each other without end: {shown}")
    last = frames[-1] if frames else None
    message = getattr(error, "message", None) or str(error)
    if isinstance(error, jinja2.UndefinedError):
        message = f"undefined in template: {_explain_undefined(message)}"
    elif isinstance(error, TemplateOutside):
        message = str(error.message)
    elif isinstance(error, jinja2.TemplateNotFound):
        message = (f"template not found: '{error.name}' is in neither the project's templates/ "
                   "nor the default theme")
    # No "(rendering page.html)" suffix: one typo in a partial is one error, not one per page.
    return TemplateProblem(_short(last.filename) if last else f"templates/{template}",
                           last.lineno if last else 0, 1, message)


def _explain_undefined(message: str) -> str:
    """"'site_builder.model.Person object' has no attribute 'nmae'" in the author's terms."""
    match = re.fullmatch(r"'site_builder\.model\.(\w+) object' has no attribute '(\w+)'", message)
    cls = getattr(model, match[1], None) if match else None
    if match is None or cls is None or not dataclasses.is_dataclass(cls):
        return message
    fields = [field.name for field in dataclasses.fields(cls)]
    return f"a {match[1]} has no field '{match[2]}'{did_you_mean(match[2], fields)}"


def _short(path: str) -> str:
    """A template path as the user knows it: 'templates/base.html'."""
    parts = Path(path).parts
    for index in range(len(parts) - 1, -1, -1):
        if parts[index] in ("templates", "theme"):
            return "templates/" + "/".join(parts[index + 1 :])
    return path

