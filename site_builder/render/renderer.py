"""Site -> {output path: bytes} through one jinja2 Environment; touches no disk but templates."""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, NoReturn

import jinja2
from markupsafe import Markup, escape

from .. import outputs
from ..errors import BuildFailed, EnvironmentFailure, SiteError, UsageError
from ..markup import fill_links
from ..mentions import Matcher, link_mentions, site_matcher
from ..model import Event, FuzzyDate, Item, Place, Site, item_name
from ..sections import SECTION_BY_SLUG, MenuEntry, built_sections, menu
from ..strings import date_text, when_text
from ..urls import output_path, relative_url
from . import charts, claims, pictures, provenance_view
from .chart_sizes import read_chart_sizes
from .pages import PagePlan, featured_items, hashed_name, sort_for_reading, terms_by_letter
from .theme import Theme, make_environment, template_problem

if TYPE_CHECKING:
    from ..images import Derivatives


def time_element(date: FuzzyDate, words: str, time: str) -> Markup:
    """<time> around a date's words, its machine form carrying the time of day when known."""
    moment = f"{date.machine}T{time}" if time else date.machine
    return Markup('<time datetime="{}">{}</time>').format(moment, words)


class Renderer:
    """Renders the pages of one site."""

    def __init__(
        self, site: Site, theme: Theme, root_path: str = "/",
        environment: jinja2.Environment | None = None,
        made_pictures: dict[str, Derivatives] | None = None,
    ) -> None:
        self.site = site
        self.pictures = made_pictures or {}
        """'media/x.jpg' -> its files (pictures.make_pictures), for the pictures pages show."""
        self.relative_urls: dict[tuple[str, str], str] = {}
        self.reading_order: dict[str, list[Item]] = {}
        self.reading_position: dict[str, dict[str, int]] = {}
        self.mention_matcher: Matcher | None = None
        """(target, page) -> relative URL: pages share most of their links (nav, names)."""
        self.root_path = root_path
        """URL path the site is served under; used by pages served at any depth (404)."""
        self.assets = {}
        for name, path in theme.static_files.items():
            data = path.read_bytes()
            self.assets[name] = (hashed_name(name, data), data)
        self.menus: dict[str, list[MenuEntry]] = {}
        self.strings = theme.strings
        """Every word pages show (strings.STRINGS under the theme's strings.yaml)."""
        self.env = environment or make_environment(theme)
        self.env.globals.update(
            site=site, config=site.config, items=self.items_of, name=item_name,
            backlinks=self.backlinks_of, referrers=self.referrers, terms_by_letter=terms_by_letter,
            containing_places=self.containing_places, ui=self.strings, featured=self.featured,
            is_draft=self.is_draft,
            menu=self.menu,
            sections={section.slug: section for section in built_sections(site.items.values())},
        )
        for module in (outputs, provenance_view):  # each feature owns its template helpers
            self.env.globals.update(module.template_globals(site))
        self.env.globals.update(charts.template_globals(site, read_chart_sizes(theme), self.strings))
        self.env.globals.update(claims.template_globals(self.strings))
        self.env.globals.update(pictures.template_globals(site, self.pictures))
        self.env.filters["noun"] = lambda kind: self.strings[f"noun.{kind}"]
        self.env.filters["date_words"] = partial(date_text, strings=self.strings)
        self.escaped_strings = {key: escape(text) for key, text in self.strings.items()}
        self.event_dates: dict[str, Markup] = {}
        self.env.globals["when"] = self.when
        # ui['key'] | fill(name=value): the string's {name}s filled in, each value escaped unless
        # it is markup already (a link built in the template), so words may wrap elements.
        self.env.filters["fill"] = lambda text, **values: escape(text).format(**values)

    def menu(self, place: str) -> list[MenuEntry]:
        """One menu's entries, worked out once per site: every page shows them."""
        found = self.menus.get(place)
        if found is None:
            found = self.menus[place] = menu(self.site, place, self.strings)
        return found

    def items_of(self, kind: str) -> list[Item]:
        """Items of a kind in reading order: people and places by name, events by date."""
        found = self.reading_order.get(kind)
        if found is None:
            found = self.reading_order[kind] = sort_for_reading(self.site, kind)
        return found

    def featured(self, kind: str) -> list[Item]:
        """The featured items of a kind for the home page, by weight; empty when none is."""
        return featured_items(self.items_of(kind))

    def when(self, event: Event) -> Markup:
        """An event's date as words in <time> elements (strings.when_text), escaped; made once
        per event, however many pages show it."""
        if event.slug not in self.event_dates:
            self.event_dates[event.slug] = Markup(
                when_text(event, self.escaped_strings, show=time_element))
        return self.event_dates[event.slug]

    def is_draft(self, item: Item | None) -> bool:
        """Whether a page's item is a draft (or embargoed) shown only because drafts are built."""
        return item is not None and item.slug in self.site.drafts

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
            parent = self.site.items[current.part_of]
            assert isinstance(parent, Place), "link lets part_of name only a place"
            current = parent
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
            item = site.items.get(slug)
            if item is None:  # [[timeline]]: link.check_body_links let only built sections by
                return url(SECTION_BY_SLUG[slug].url), self.strings[f"{slug}.title"]
            return url(item), item_name(item)

        def body(item: Item) -> Markup:
            rendered = site.bodies.get(item.slug)
            if not rendered:
                return Markup("")
            html = fill_links(rendered.html, link_target)
            if rendered.images:
                html = pictures.fill_body_pictures(html, rendered, item, site, self.pictures,
                                                   self.env, url)
            return Markup(html)

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

    The result is merged in plan order, so it is byte-identical to a one-process render. A
    worker that raises sends its traceback back (see receive); workers die with this process
    (prctl on Linux), and when anything here fails the workers still running are killed and
    reaped before the exception goes on.
    """
    chunks = [plans[index::workers] for index in range(workers)]
    parent = os.getpid()
    prctl = find_prctl()
    children: list[tuple[int, int]] = []
    """(pid, read end of its pipe, or -1 once a file object owns it) of workers not reaped."""
    try:
        for chunk in chunks[1:]:
            read_fd, write_fd = os.pipe()
            try:
                pid = os.fork()
            except BaseException:
                os.close(read_fd)
                os.close(write_fd)
                raise
            if pid == 0:
                run_worker(renderer, chunk, write_fd, parent, prctl,
                           [read_fd, *(fd for _, fd in children)])
            os.close(write_fd)
            children.append((pid, read_fd))
        results = [renderer.render_pages(chunks[0])]
        while children:
            pid, read_fd = children[0]
            pipe = os.fdopen(read_fd, "rb")
            children[0] = (pid, -1)
            with pipe:
                data = pipe.read()
            _, status = os.waitpid(pid, 0)
            children.pop(0)
            results.append(receive(pid, data, status))
    finally:
        stop_workers(children)
    rendered: dict[str, bytes] = {}
    errors: list[SiteError] = []
    for files, chunk_errors in results:
        rendered.update(files)
        errors.extend(chunk_errors)
    ordered = {output_path(plan.url): rendered[output_path(plan.url)]
               for plan in plans if output_path(plan.url) in rendered}
    unique = {(e.path, e.line, e.message): e for e in errors}
    return ordered, list(unique.values())


class RenderWorkerFailed(RuntimeError):
    """A forked render worker raised or died: a bug, or the machine (a signal), not the user's
    content. The message names the worker and carries its traceback or the signal."""


PASSED_ON = (SiteError, BuildFailed, UsageError, EnvironmentFailure, OSError)
"""What a worker may raise that the CLI reports by itself (exit 1, 2 or 3): raised again in the
parent as it was, so a parallel build fails as a one-process build does; the worker's
traceback is its __cause__."""
PR_SET_PDEATHSIG = 1
"""prctl option (linux/prctl.h): the signal this process gets when its parent dies."""


def find_prctl() -> Callable[..., int] | None:
    """libc's prctl on Linux, else None. Looked up before forking: a forked child of a process
    with threads (serve) should not dlopen."""
    if not sys.platform.startswith("linux"):
        return None
    prctl: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
    return prctl


def run_worker(
    renderer: Renderer, chunk: Sequence[PagePlan], write_fd: int, parent: int,
    prctl: Callable[..., int] | None, inherited_fds: list[int],
) -> NoReturn:
    """In a forked child: render a chunk and send the result, or the exception with its
    traceback, to the parent; then leave without running the parent's cleanup (finally blocks
    up the stack, atexit, buffered output)."""
    status = 1
    try:
        if prctl is not None:
            # Die with the parent (a killed build leaves no worker rendering for nobody). Best
            # effort: if prctl fails, the worker still renders, as it did before.
            prctl(PR_SET_PDEATHSIG, ctypes.c_ulong(signal.SIGKILL), ctypes.c_ulong(0),
                  ctypes.c_ulong(0), ctypes.c_ulong(0))
            if os.getppid() != parent:  # the parent died before prctl: nobody will read us
                os._exit(1)
        for fd in inherited_fds:  # our pipe's read end, and earlier workers'
            os.close(fd)
        try:
            payload = b"R" + pickle.dumps(renderer.render_pages(chunk), protocol=5)
            status = 0
        except BaseException as error:
            payload = b"E" + pickle.dumps((traceback.format_exc(), pickled(error)), protocol=5)
        with os.fdopen(write_fd, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(status)


def pickled(error: BaseException) -> bytes | None:
    """The exception pickled, or None when it cannot be (its traceback text still travels)."""
    try:
        return pickle.dumps(error, protocol=5)
    except Exception:  # unpicklable attributes: the traceback text says what happened
        return None


def receive(pid: int, data: bytes, status: int) -> tuple[dict[str, bytes], list[SiteError]]:
    """A worker's pages and errors, from what it sent and how it ended; else raise: its own
    exception (PASSED_ON) or RenderWorkerFailed with its traceback, or naming the signal that
    killed it."""
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        name = signal.Signals(number).name if number in signal.valid_signals() else str(number)
        raise RenderWorkerFailed(f"render worker {pid} was killed by {name}")
    kind, payload = data[:1], data[1:]
    if kind == b"E":
        text, error_data = pickle.loads(payload)
        failure = RenderWorkerFailed(f"render worker {pid} failed:\n{text}")
        error = unpickled(error_data)
        if isinstance(error, PASSED_ON):
            raise error from failure
        raise failure
    code = os.waitstatus_to_exitcode(status)
    if kind != b"R" or code != 0:
        raise RenderWorkerFailed(
            f"render worker {pid} exited with status {code} and sent {len(data)} bytes")
    try:
        result: tuple[dict[str, bytes], list[SiteError]] = pickle.loads(payload)
    except Exception as error:  # cut short: the worker wrote part of its pages and exited
        raise RenderWorkerFailed(f"render worker {pid} sent pages that cannot be read "
                                 f"({len(data)} bytes): {error!r}") from error
    return result


def unpickled(data: bytes | None) -> BaseException | None:
    """A worker's exception, or None when it did not travel or cannot be rebuilt here."""
    if data is None:
        return None
    try:
        error = pickle.loads(data)
    except Exception:  # an exception class whose __init__ pickle cannot call again
        return None
    return error if isinstance(error, BaseException) else None


def stop_workers(children: list[tuple[int, int]]) -> None:
    """Kill and reap the workers not collected (this process failed first, or one of them did):
    none is left rendering, blocked on a full pipe, or a zombie."""
    for pid, read_fd in children:
        os.kill(pid, signal.SIGKILL)
        if read_fd >= 0:
            os.close(read_fd)
        os.waitpid(pid, 0)
