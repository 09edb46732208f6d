"""The theme: template folders (the project's over the default), the Jinja environment, template errors."""

from __future__ import annotations

import dataclasses
import functools
import importlib.machinery
import json
import os
import re
import string
import traceback
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import field
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
import jinja2.bccache
import yaml
from markupsafe import Markup, escape

from .. import model
from ..cache import content_key, user_cache_dir
from ..errors import BuildFailed, ContentError, SiteError, TemplateProblem, did_you_mean
from ..inputs import default_theme_dir
from ..load import load_yaml_file
from ..records import frozen
from ..strings import COUNTED, ENGLISH_CATEGORIES, PLURAL_CATEGORIES, STRINGS, plural_categories
from ..validate.fields import STR, TYPE_NAMES, to_text

STRINGS_FILE = "strings.yaml"
"""In a project's templates/: the theme's words, overriding the default table key by key."""
MAX_STRINGS_BYTES = 1_000_000


@frozen
class Theme:
    """Where templates and static assets come from: the project's own first, then the default."""

    template_dirs: tuple[Path, ...]
    static_files: dict[str, Path]
    """Asset name ('style.css') -> file; a project file overrides the default theme's."""
    strings: dict[str, str] = field(default_factory=lambda: dict(STRINGS))
    """Every word the theme shows: strings.STRINGS with the project's strings.yaml over it."""


def find_theme(root: Path) -> Theme:
    """The project's templates/ over the default theme, file by file, and its strings.yaml
    over the default words, key by key; raise BuildFailed with every problem in strings.yaml."""
    dirs = [d for d in (root / "templates", default_theme_dir()) if d.is_dir()]
    static: dict[str, Path] = {}
    for directory in reversed(dirs):
        static_dir = directory / "static"
        if static_dir.is_dir():
            for path in sorted(static_dir.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    static[path.relative_to(static_dir).as_posix()] = path
    strings_path = root / "templates" / STRINGS_FILE
    strings = read_strings(strings_path, root) if strings_path.is_file() else dict(STRINGS)
    return Theme(tuple(dirs), static, strings)


def read_strings(path: Path, root: Path, base: Mapping[str, str] = STRINGS) -> dict[str, str]:
    """`base` (the default string table) with a theme's strings.yaml over it; every unknown
    key, value that is not text and placeholder that does not match the English table's is
    reported at once."""
    try:
        doc = load_yaml_file(path, root, MAX_STRINGS_BYTES)
    except ContentError as e:
        raise BuildFailed([_as_template_problem(e)]) from e
    problems = [_as_template_problem(e) for e in doc.problems]
    strings = dict(base)
    for key, raw in doc.fields.items():
        if key in COUNTED:
            forms = ", ".join(f"{key}.{category}" for category in ENGLISH_CATEGORIES)
            problems.append(
                TemplateProblem(
                    doc.path,
                    raw.line,
                    raw.column,
                    f"'{key}' counts something: give one form per plural category of the "
                    f"language instead ({forms} in English; docs/theming.md, 'Plural forms')",
                )
            )
            continue
        if key not in STRINGS and not is_plural_form(key):
            problems.append(
                TemplateProblem(
                    doc.path, raw.line, raw.column, f"unknown string '{key}'{did_you_mean(key, STRINGS)}"
                )
            )
            continue
        node = raw.node
        if isinstance(node, yaml.ScalarNode) and node.tag != STR:
            problems.append(
                TemplateProblem(
                    doc.path,
                    doc.line_of(node),
                    node.start_mark.column + 1,
                    f"'{key}' must be text, but YAML reads {node.value!r} as "
                    f'{TYPE_NAMES.get(node.tag, node.tag)}; put it in quotes: {key}: "{node.value}"',
                )
            )
            continue
        try:
            text = to_text(node, doc, key)
        except ContentError as e:
            problems.append(_as_template_problem(e))
            continue
        if isinstance(node, yaml.ScalarNode) and node.style in ('"', "'"):
            text = node.value  # quoted: its spaces are words too (list.separator: ", ")
        mismatch = _placeholder_mismatch(text, STRINGS[key if key in STRINGS else plural_other(key)])
        if mismatch:
            problems.append(
                TemplateProblem(
                    doc.path, doc.line_of(node), node.start_mark.column + 1, f"'{key}': {mismatch}"
                )
            )
            continue
        strings[key] = text
    if problems:
        raise BuildFailed(problems)
    return strings


BUILT_IN_TABLES = {"fr": "strings-fr.yaml", "fa": "strings-fa.yaml"}
"""Languages (by primary subtag: fr-CA reads fr) the default theme speaks besides English: their
tables are in site_builder/data/, in the format of a theme's strings.yaml."""


def language_strings(theme: Theme, root: Path, languages: Sequence[str]) -> dict[str, dict[str, str]]:
    """Each language's string table, the default first: the built-in table of the language (if
    any), with the project's templates/strings.<tag>.yaml over it (and, for the default
    language, templates/strings.yaml, as for a site in one language). A string missing in a
    language is an error naming both; raise BuildFailed with every problem."""
    tables: dict[str, dict[str, str]] = {}
    problems: list[SiteError] = []
    templates = root / "templates"
    for index, tag in enumerate(languages):
        primary = tag.split("-")[0].lower()
        table: dict[str, str] = {}
        try:
            if primary == "en":
                table = dict(theme.strings) if index == 0 else dict(STRINGS)
            elif primary in BUILT_IN_TABLES:
                table = read_strings(Path(__file__).parents[1] / "data" / BUILT_IN_TABLES[primary], root, {})
                if index == 0 and (templates / STRINGS_FILE).is_file():
                    table = read_strings(templates / STRINGS_FILE, root, table)
            own = templates / f"strings.{tag}.yaml"
            if own.is_file():
                table = read_strings(own, root, table)
        except BuildFailed as e:
            problems += e.errors
            continue
        problems += _complete_table(table, tag)
        tables[tag] = table
    if problems:
        raise BuildFailed(problems)
    return tables


def _complete_table(table: dict[str, str], tag: str) -> list[SiteError]:
    """Month names from CLDR where the table names a locale and gives none; then an error per
    string the table lacks, naming the string and the language."""
    where = f"templates/strings.{tag}.yaml"
    locale = table.get("date.locale", "")
    if locale:
        from .. import cldr  # Babel is loaded only by sites in several languages

        try:
            for month in range(1, 13):
                table.setdefault(f"date.month.{month}", cldr.month_name(month, locale))
                table.setdefault(f"date.month_abbr.{month}", cldr.month_name(month, locale, abbreviated=True))
        except ValueError as e:
            return [TemplateProblem(where, 0, 0, f"'date.locale' of language '{tag}': {e}")]
    try:
        categories = plural_categories(table) if "date.locale" in table else ENGLISH_CATEGORIES
    except ValueError as e:
        return [TemplateProblem(where, 0, 0, f"'date.locale' of language '{tag}': {e}")]
    missing = [key for key in STRINGS if key not in table and not is_plural_form(key)]
    missing += [
        f"{key}.{category}" for key in COUNTED for category in categories if f"{key}.{category}" not in table
    ]
    months = ("date.month.", "date.month_abbr.", "date.locale")
    if not any(not key.startswith(months) for key in table):  # no table at all
        return [
            TemplateProblem(
                where,
                0,
                0,
                f"no strings for language '{tag}': the default theme has none, so {where} must give "
                f"all {len(STRINGS)} (docs/theming.md, 'Adding a language')",
            )
        ]
    return [
        TemplateProblem(where, 0, 0, f"missing string '{key}' in language '{tag}': add it to {where}")
        if not is_plural_form(key)
        else TemplateProblem(
            where,
            0,
            0,
            f"missing plural form '{key}' in language '{tag}' (CLDR's categories for it are "
            f"{', '.join(categories)}): add it to {where}",
        )
        for key in missing
    ]


def is_plural_form(key: str) -> bool:
    """Whether a key is one form of a counted string: 'home.all_places.many'."""
    base, _, category = key.rpartition(".")
    return base in COUNTED and category in PLURAL_CATEGORIES


def plural_other(key: str) -> str:
    """The English 'other' form of a plural form's string, whose placeholders it may use."""
    return f"{key.rpartition('.')[0]}.other"


def placeholders(text: str) -> set[str]:
    """The {names} str.format fills in a string; ValueError when its braces are unbalanced."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _placeholder_mismatch(text: str, default: str) -> str:
    """Why a replacement string cannot stand in for the default ('' when it can): it may use
    only the default's {placeholders}, as nothing else is filled in."""
    wanted = placeholders(default)
    try:
        found = placeholders(text)
    except ValueError:
        return "unbalanced '{' or '}': write {{ and }} for a literal brace" + (
            f" (the placeholders are {_listed(wanted)})" if wanted else ""
        )
    if found - wanted:
        extra = sorted(found - wanted)[0]
        hint = did_you_mean(extra, wanted) or (
            f" (it may use {_listed(wanted)})" if wanted else " (it takes none)"
        )
        return f"{{{extra}}} is not filled in by anything{hint}"
    return ""  # leaving a placeholder out is the theme's choice: str.format ignores it


def _listed(names: set[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(names))


def _as_template_problem(error: ContentError) -> TemplateProblem:
    return TemplateProblem(error.path, error.line, error.column, error.message)


class TemplateOutside(jinja2.TemplateNotFound):
    """A template, or a symlink in templates/, that resolves outside the theme folders."""


DEFAULT_PREFIX = "default/"
"""`{% extends "default/person.html" %}`: the default theme's file, even when the project has
its own file of that name, so a project template can override one block and keep the rest."""


class ThemeLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that refuses templates resolving outside the theme folders, and
    serves `default/<name>` from the default theme alone."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        if template.startswith(DEFAULT_PREFIX):
            default = jinja2.FileSystemLoader(self.searchpath[-1])
            source, filename, uptodate = default.get_source(
                environment, template.removeprefix(DEFAULT_PREFIX)
            )
        else:
            source, filename, uptodate = super().get_source(environment, template)
        resolved = Path(filename).resolve()
        if not any(resolved.is_relative_to(Path(d).resolve()) for d in self.searchpath):
            raise TemplateOutside(template, f"'{template}' resolves outside the templates folders; refused")
        return source, filename, uptodate


THEME_CODE = Path(__file__).with_name("theme_code")
"""The default theme's templates compiled to Python by tools/compile_theme.py, one module each,
so that a build (even --no-cache, or a render worker) loads them as Python loads any module,
from its .pyc, instead of compiling them (about 0.2 s of CPU a process). A template is taken
from here only if its source is the one compiled (SHA-1 in index.json) by the same Jinja
version with the same settings; any other is compiled as before."""


SITE_FILTERS = ("noun", "date_words")
"""The filters a Renderer adds for its site's words, which templates compiled here name. Plain
functions, as the stand-ins write_theme_code compiles with: a filter taking Jinja's context
(@pass_context) is called with it by the code compiled for it, so making one so means compiling
the theme again."""


def compile_key(environment: jinja2.Environment) -> str:
    """The Jinja version and the environment's settings that shape the code compiled."""
    return repr((jinja2.__version__, *(getattr(environment, name) for name in COMPILE_OPTIONS)))


def theme_code_module(name: str) -> str:
    """The module a default template compiles to: 'partials/date.html' -> 'partials__date_html'."""
    return re.sub(r"\W", "_", name.replace("/", "__"))


@functools.cache
def _theme_code_index() -> tuple[str, dict[str, str]]:
    try:
        index = json.loads((THEME_CODE / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):  # not shipped: every template is compiled
        return "", {}
    return index["key"], index["templates"]


@functools.cache
def _module_code(module: str, filename: str) -> CodeType | None:
    path = str(THEME_CODE / f"{module}.py")
    try:
        code = importlib.machinery.SourceFileLoader(module, path).get_code(module)
    except OSError:  # a module missing from an install: the template is compiled
        return None
    return code.replace(co_filename=filename) if code else None  # the template's file, for tracebacks


def shipped_code(environment: jinja2.Environment, name: str, filename: str, checksum: str) -> CodeType | None:
    """The code THEME_CODE holds for a template of this name and this very source, by its
    checksum as Jinja's bytecode caches take it (a project's copy of a default template too: the
    code does not depend on the file), compiled by this environment's Jinja and settings; else
    None."""
    key, templates = _theme_code_index()
    if templates.get(name) != checksum or compile_key(environment) != key:
        return None
    return _module_code(theme_code_module(name), filename)


class ShippedThemeFirst(jinja2.BytecodeCache):
    """A bytecode cache that hands out a default template's code from THEME_CODE before looking
    anywhere else: Jinja's loader asks its environment's bytecode cache for a template's code by
    name, file and source (get_bucket), and compiles only what comes back empty. Every
    environment make_environment makes has one of these caches (in memory at least)."""

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        checksum = self.get_source_checksum(source)
        code = shipped_code(environment, name, filename, checksum) if filename is not None else None
        if code is None:
            return super().get_bucket(environment, name, filename, source)
        bucket = jinja2.bccache.Bucket(environment, self.get_cache_key(name, filename), checksum)
        bucket.code = code  # not empty: the loader neither compiles it nor stores it again
        return bucket


def write_theme_code(folder: Path, theme_dir: Path | None = None) -> None:
    """Compile every template of the default theme (or of theme_dir) into folder (see THEME_CODE)."""
    environment = make_environment(Theme((theme_dir or default_theme_dir(),), {}))
    for name in SITE_FILTERS:  # compiling checks that a filter exists; none is called
        environment.filters[name] = str
    folder.mkdir(exist_ok=True)
    templates: dict[str, str] = {}
    written: dict[str, str] = {}
    """Module name -> the template compiled into it."""
    for name in environment.list_templates(filter_func=lambda name: name.endswith(".html")):
        source, filename, _ = environment.loader.get_source(environment, name)  # type: ignore[union-attr]
        python = environment.compile(source, name, filename, raw=True)
        module = theme_code_module(name)
        if module in written:  # one would load the other's code
            raise ValueError(f"{written[module]} and {name} both compile to {module}.py: rename one")
        written[module] = name
        (folder / f"{module}.py").write_text(python + "\n", encoding="utf-8")
        templates[name] = IN_MEMORY_BYTECODE.get_source_checksum(source)  # as get_bucket takes it
    index = {"key": compile_key(environment), "templates": templates}
    (folder / "index.json").write_text(json.dumps(index, indent=1, sort_keys=True) + "\n", encoding="utf-8")


class QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's bytecode cache on disk, which only ever costs time: bytecode that cannot be read
    is compiled anew, and bytecode that cannot be saved (a full disk, a read-only folder) is
    reported to on_failure instead of failing the build."""

    def __init__(self, directory: Path, on_failure: Callable[[OSError], None]) -> None:
        super().__init__(str(directory))
        self.on_failure = on_failure

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):  # unreadable or damaged: compile the template
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)  # removes its temporary file when a write fails
        except OSError as error:
            self.on_failure(error)


class ThemeBytecodeCache(ShippedThemeFirst, QuietBytecodeCache):
    """A project's bytecode cache that also keeps the default theme's templates compiled for
    every project of this user (user_cache_dir()), so that a project's first build does not
    compile the theme again (about 0.2 s). Only the default theme's files go there: a project's
    own templates stay in its cache. Jinja takes bytecode only for the same file and the same
    source (a checksum); the folder is named by Jinja's version and the environment's options,
    which shape the code compiled. It is this user's own folder, as trusted as their key."""

    def __init__(
        self, directory: Path, on_failure: Callable[[OSError], None], shared: Path, theme_dir: Path
    ) -> None:
        super().__init__(directory, on_failure)
        self.shared = QuietBytecodeCache(shared, lambda error: None)  # only ever costs time
        self.theme_dir = os.path.join(theme_dir, "")
        self.shared_keys: set[str] = set()
        """Cache keys of the default theme's templates, as get_bucket meets them."""

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        if filename is not None and filename.startswith(self.theme_dir):
            self.shared_keys.add(self.get_cache_key(name, filename))
        return super().get_bucket(environment, name, filename, source)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        super().load_bytecode(bucket)
        if bucket.code is None and bucket.key in self.shared_keys:
            self.shared.load_bytecode(bucket)
            if bucket.code is not None:  # the project's cache holds all it uses, as before
                super().dump_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        super().dump_bytecode(bucket)
        if bucket.key in self.shared_keys:
            self.shared.dump_bytecode(bucket)


class MemoryBytecodeCache(ShippedThemeFirst):
    """Compiled templates kept in this process, for builds without a cache folder (check,
    publish, --no-cache, and every in-process build of the tests): compiling the theme costs
    about 0.4 s a build. Safe to share between builds and sites: Jinja reuses an entry only for
    the same template file whose source has the same checksum, and every environment
    make_environment makes compiles alike."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (compiled := self.compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILE_OPTIONS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "autoescape",
    "optimized",
)
"""The environment's settings that change the code a template compiles to."""
IN_MEMORY_BYTECODE = MemoryBytecodeCache()
"""The one in-memory compile cache of this process (see MemoryBytecodeCache)."""


class ThemeEnvironment(jinja2.Environment):
    """A Jinja environment whose templates read its globals themselves, not through a ChainMap
    over them: Jinja copies a template's globals into every context it makes (each page, each
    include), and a ChainMap of the renderer's 70 globals is copied key by key in Python (about
    20 us, 30,000 times at 4,000 items). Nothing here gives a template globals of its own
    (get_template(globals=...)); when something does, they go in a ChainMap as before."""

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """The environment's globals, or a ChainMap of a template's own over them."""
        return super().make_globals(d) if d else self.globals


def make_environment(
    theme: Theme,
    bytecode_dir: Path | None = None,
    on_cache_failure: Callable[[OSError], None] | None = None,
) -> jinja2.Environment:
    """The Jinja environment for a theme: autoescaping, StrictUndefined, templates from the
    theme folders only. Reusable across builds of the same template files (see build.py); with
    bytecode_dir, compiled templates are kept on disk for the next process, and the default
    theme's for every project of this user (ThemeBytecodeCache; without it, in this process's
    memory), and a failure to keep them goes to on_cache_failure (the build cache's
    warning; render workers pass none, as they would fail alike and the build's own process says
    it once)."""
    environment = ThemeEnvironment(
        loader=ThemeLoader([str(d) for d in theme.template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=IN_MEMORY_BYTECODE,
        auto_reload=False,
    )
    if bytecode_dir is not None:
        shared = user_cache_dir() / f"jinja-{content_key(compile_key(environment))[:16]}"
        environment.bytecode_cache = ThemeBytecodeCache(
            bytecode_dir, on_cache_failure or (lambda error: None), shared, default_theme_dir()
        )
    environment.filters["fill"] = Fill()
    return environment


Form = tuple[tuple[str, str | None], ...]
"""A string to fill in, escaped, as (text, the name of the value that follows it, or None)."""


class Fill:
    """ui['key'] | fill(name=value): the string's {name}s filled in, each value escaped unless
    it is markup already (a link built in the template), so words may wrap elements: what
    `escape(text).format(**values)` gives. markupsafe does that through string.Formatter, in
    Python, for each call (26,000 at 4,000 items); a string of plain {name}s is split once, and
    filled in by joining it with its values escaped as markupsafe escapes them."""

    def __init__(self) -> None:
        self.forms: dict[str, Form | None] = {}
        """An escaped string -> its form; None when it holds more than plain {name}s."""

    def __call__(self, text: str, **values: Any) -> Markup:
        escaped = escape(text)
        if escaped in self.forms:
            form = self.forms[escaped]
        else:
            form = self.forms[escaped] = plain_form(escaped)
        if form is None or any(name is not None and name not in values for _, name in form):
            return escaped.format(**values)  # its own way, and its own errors
        pieces: list[str] = []
        for piece, name in form:
            pieces.append(piece)
            if name is not None:
                pieces.append(escaped_value(values[name]))
        return Markup("".join(pieces))


def plain_form(escaped: str) -> Form | None:
    """An escaped string's form, None when a field has a conversion, a format, an index, no
    name, or the braces do not pair."""
    try:
        fields = list(string.Formatter().parse(escaped))
    except ValueError:
        return None
    if any(
        name is not None and (not name.isidentifier() or spec or conversion)
        for _, name, spec, conversion in fields
    ):
        return None
    return tuple((piece, name) for piece, name, _, _ in fields)


def escaped_value(value: Any) -> str:
    """A value as markupsafe's EscapeFormatter writes it into a string with no format spec."""
    if hasattr(value, "__html_format__"):
        shown = value.__html_format__("")
    elif hasattr(value, "__html__"):
        shown = value.__html__()
    else:
        shown = format(value, "")
    return str(escape(shown))


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


def template_problem(error: BaseException, template: str) -> TemplateProblem:
    """Name the template file and line an error comes from, with the include chain."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        path = error.filename or error.name or template
        return TemplateProblem(_short(path), error.lineno or 0, 1, f"template syntax: {error.message}")
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename.endswith((".html", ".xml", ".txt", ".json", ".j2"))
    ]
    chain: list[str] = []
    for frame in frames:
        step = f"{_short(frame.filename)}:{frame.lineno}"
        if not chain or chain[-1] != step:
            chain.append(step)
    if isinstance(error, RecursionError):
        shown = " -> ".join(chain[:6]) + (" -> ..." if len(chain) > 6 else "")
        return TemplateProblem(
            _short(frames[0].filename) if frames else template,
            (frames[0].lineno or 0) if frames else 0,
            1,
            f"templates include each other without end: {shown}",
        )
    last = frames[-1] if frames else None
    message = getattr(error, "message", None) or str(error)
    if isinstance(error, jinja2.UndefinedError):
        message = f"undefined in template: {_explain_undefined(message)}"
    elif isinstance(error, TemplateOutside):
        message = str(error.message)
    elif isinstance(error, jinja2.TemplateNotFound):
        message = (
            f"template not found: '{error.name}' is in neither the project's templates/ nor the default theme"
        )
    # No "(rendering page.html)" suffix: one typo in a partial is one error, not one per page.
    return TemplateProblem(
        _short(last.filename) if last else f"templates/{template}",
        (last.lineno or 0) if last else 0,
        1,
        message,
    )


def _explain_undefined(message: str) -> str:
    """ "'site_builder.model.Person object' has no attribute 'nmae'" in the author's terms."""
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
