"""Read content/: walk the folders, split front matter, compose YAML keeping line marks."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from .errors import ContentError, did_you_mean
from .inputs import is_ignored
from .model import KINDS
from .records import frozen

_Loader: type[yaml.CSafeLoader | yaml.SafeLoader]
try:  # libyaml is ~10x faster; the pure-Python loader composes the same nodes.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

SAFE_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
MEDIA_FOLDER = "media"
"""content/media/: pictures, each with a YAML sidecar, in any folders below it."""
SITE_TRANSLATION_RE = re.compile(r"site\.([A-Za-z0-9-]+)\.yaml")
"""content/site.fr.yaml: the site's title and description in another language (config.py)."""
MAX_NODES = 10_000
"""More nodes than any honest front matter has; a bound on what an alias bomb can cost."""


@frozen(eq=False, repr=False)
class RawField:
    """One front-matter key with its composed YAML value, located in the file."""

    key: str
    node: yaml.Node
    line: int
    """1-based line of the key in the file."""
    column: int


@frozen(eq=False, repr=False)
class YamlDoc:
    """A YAML mapping's fields in file order, plus what's needed to point back into the file."""

    path: str
    fields: dict[str, RawField]
    line_offset: int
    """Added to a 0-based YAML mark line to get the 1-based file line."""
    lines: tuple[str, ...]
    """The YAML text's lines, to see what YAML dropped (a comment after a value)."""
    problems: tuple[ContentError, ...] = ()
    """Errors found while composing that do not stop the fields being checked (duplicate keys)."""
    file_lines: tuple[int, ...] = ()
    """YAML's 0-based line -> the file's, when they differ (file_lines_of); () when not."""

    def line_of(self, node: yaml.Node) -> int:
        """1-based file line where a node starts."""
        return file_line(self.file_lines, node.start_mark.line) + self.line_offset

    def error(self, node: yaml.Node, message: str) -> ContentError:
        """An error pointing at a node."""
        return ContentError(self.path, self.line_of(node), node.start_mark.column + 1, message)


@frozen(eq=False, repr=False)
class RawEntry:
    """A content file split into front matter and body, not yet typed."""

    kind: str
    slug: str
    doc: YamlDoc
    body: str
    body_line: int
    """1-based line on which the body starts."""


def display_path(path: Path, root: Path) -> str:
    """The path as error messages show it: relative to the project root when inside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


@frozen(eq=False, repr=False)
class ContentPath:
    """A content file walk_content found: plain strings, since a build walks 4,000 of them
    and most are not read again (serve) or only read (pathlib's parsing costs more)."""

    path: str
    """As os.scandir gives it: str(root / 'content' / kind / name)."""
    shown: str
    """As errors show it (display_path)."""
    kind: str
    name: str
    linked: bool = False
    """A symbolic link, or in a folder that is one: a save to what it names is seen elsewhere."""


def walk_content(content_dir: Path, root: Path) -> Iterator[ContentPath | ContentError]:
    """Every content file below content_dir, or an error for what does not belong there."""
    for entry in sorted(os.scandir(content_dir), key=lambda e: e.name):
        path = Path(entry.path)
        shown = display_path(path, root)
        if is_ignored(entry.name):
            continue
        if entry.is_symlink() and not _inside(path, root):
            yield ContentError(shown, 0, 0, "symlink points outside the project; refused")
            continue
        if entry.is_file():
            if entry.name != "site.yaml" and not SITE_TRANSLATION_RE.fullmatch(entry.name):
                yield ContentError(shown, 0, 0, "unexpected file: content/ holds site.yaml and kind folders")
            continue
        if entry.name == MEDIA_FOLDER:  # pictures and their sidecars: read by media.py
            continue
        if entry.name not in KINDS:
            hint = did_you_mean(entry.name, (*KINDS, MEDIA_FOLDER))
            yield ContentError(
                shown, 0, 0, f"unknown content folder '{entry.name}'{hint}; kinds are: {', '.join(KINDS)}"
            )
            continue
        for file in sorted(os.scandir(path), key=lambda e: e.name):
            if is_ignored(file.name):
                continue
            file_shown = f"{shown}/{file.name}"  # display_path's, as the folder is inside root
            if file.is_symlink() and not _inside(Path(file.path), root):
                yield ContentError(file_shown, 0, 0, "symlink points outside the project; refused")
            elif not file.is_file():
                yield ContentError(file_shown, 0, 0, "folders inside a kind folder are not read")
            elif not file.name.endswith(".md"):
                yield ContentError(file_shown, 0, 0, "content files end in .md")
            else:
                linked = file.is_symlink() or entry.is_symlink()
                yield ContentPath(file.path, file_shown, entry.name, file.name, linked)


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def read_file(path: Path, shown: str, max_bytes: int) -> bytes:
    """The file's bytes, refusing files over the size limit before reading them."""
    size = path.stat().st_size
    if size > max_bytes:
        raise ContentError(
            shown,
            0,
            0,
            f"file is {size / 1e6:.3g} MB, over the {max_bytes / 1e6:g} MB limit (max_file_mb in site.yaml)",
        )
    return path.read_bytes()


def decode_text(data: bytes, shown: str) -> str:
    """UTF-8 text with LF line endings and no BOM, or a ContentError at the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise ContentError(
            shown, line, column, f"file is not UTF-8 (byte 0x{data[e.start]:02x}); save it as UTF-8"
        ) from e
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, shown: str, max_bytes: int) -> str:
    """The file as text (see decode_text)."""
    return decode_text(read_file(path, shown, max_bytes), shown)


def split_front_matter(text: str, shown: str) -> tuple[str, str, int]:
    """(yaml text, body, 1-based body line) of a file that starts with a '---' block."""
    if not text.strip():
        raise ContentError(shown, 1, 1, "empty file: expected front matter between '---' lines")
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        hint = " Did you forget to add '---' before the fields?" if ":" in lines[0] else ""
        raise ContentError(shown, 1, 1, f"missing front matter: the first line must be '---'.{hint}")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return front, body, index + 2
    raise ContentError(shown, 1, 1, "front matter is never closed: add a line '---' after the last field")


def compose_mapping(yaml_text: str, shown: str, line_offset: int) -> YamlDoc:
    """Compose YAML into a mapping of located fields; refuse what safe content never needs."""
    try:
        _check_shape(yaml_text, shown, line_offset)
        root = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = file_line(file_lines_of(yaml_text), mark.line) + line_offset if mark else line_offset
        column = mark.column + 1 if mark else 1
        problem = e.problem or e.context or "invalid YAML"
        hint = ""
        yaml_lines = YAML_LINE_BREAK.split(yaml_text)  # as YAML counts lines, so mark.line is in it
        if mark and mark.line < len(yaml_lines) and "\t" in yaml_lines[mark.line][: mark.column + 1]:
            hint = " (YAML does not allow tabs for indentation; use spaces)"
        elif mark and problem.startswith("mapping values are not allowed"):
            # libyaml says "in this context", pure PyYAML "here": the same mistake either way
            problem = "mapping values are not allowed here"
            hint = colon_in_value_hint(yaml_lines, mark.line, mark.column)
        raise ContentError(shown, line, column, f"invalid YAML: {problem}{hint}") from e
    except yaml.reader.ReaderError as e:  # a control character: no mark, only a position
        line = yaml_text.count("\n", 0, e.position) + line_offset
        column = e.position - (yaml_text.rfind("\n", 0, e.position) + 1) + 1
        code = ord(e.character) if isinstance(e.character, str) else e.character
        raise ContentError(
            shown, line, column, f"control character U+{code:04X} is not allowed in YAML; delete it"
        ) from e
    except yaml.YAMLError as e:
        raise ContentError(shown, line_offset, 1, f"invalid YAML: {e}") from e
    doc_lines = tuple(yaml_text.split("\n"))
    if root is None:
        return YamlDoc(shown, {}, line_offset, doc_lines)
    file_lines = file_lines_of(yaml_text)
    doc = YamlDoc(shown, {}, line_offset, doc_lines, file_lines=file_lines)
    _check_nodes(root, doc)
    if not isinstance(root, yaml.MappingNode):
        found = "a list" if isinstance(root, yaml.SequenceNode) else repr(root.value[:60])
        raise doc.error(root, f"front matter must be 'key: value' fields, found {found}")
    fields: dict[str, RawField] = {}
    problems: list[ContentError] = []
    for key_node, value_node in root.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != SAFE_TAGS_STR:
            shown_key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "..."
            problems.append(
                doc.error(
                    key_node,
                    f"field name {shown_key!r} must be text (a word like 'name'), not a number, date or list",
                )
            )
            continue
        key = key_node.value
        line = doc.line_of(key_node)
        if key in fields:  # keep checking the rest: one report names every problem
            problems.append(
                doc.error(
                    key_node,
                    f"duplicate key '{key}' (first on line {fields[key].line}); "
                    "YAML would silently keep only the last one",
                )
            )
            continue
        fields[key] = RawField(key, value_node, line, key_node.start_mark.column + 1)
    return YamlDoc(shown, fields, line_offset, doc_lines, tuple(problems), file_lines)


KEY_COLON_RE = re.compile(r":(?:\s|$)")
"""The ':' that ends a key: followed by a space or the end of the line (a:b is plain text)."""
YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML counts as a line break: NEL and the Unicode separators too, not only newlines."""
OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")
"""Line breaks of YAML's that a file's lines (counted by newline, as editors and errors do) lack."""


def file_lines_of(yaml_text: str) -> tuple[int, ...]:
    """For each line as YAML counts them, how many newlines of the text come before it, when
    the text holds a break YAML counts and the file does not (a NEL, U+2028): () otherwise.
    YAML's marks count those lines, and an error must name a line the file has."""
    if not OTHER_BREAKS.search(yaml_text):
        return ()
    found = [0]
    for match in YAML_LINE_BREAK.finditer(yaml_text):
        found.append(found[-1] + ("\n" in match[0]))
    return tuple(found)


def file_line(file_lines: tuple[int, ...], yaml_line: int) -> int:
    """The 0-based line of the file where YAML's 0-based line `yaml_line` is (file_lines_of)."""
    if not file_lines:
        return yaml_line
    return file_lines[min(yaml_line, len(file_lines) - 1)]


COMMENT_RE = re.compile(r"\s+#")
"""Where a comment starts in a plain value (a '#' right after text, as in C#, does not)."""
COLON_HINT = (
    ": a ':' followed by a space inside an unquoted value starts a new field; put the whole value in quotes"
)


def colon_in_value_hint(lines: list[str], line_index: int, column: int) -> str:
    """The fix for a ': ' inside an unquoted value: the field written again with it quoted.

    `line_index` and `column` (0-based) locate the offending ':'. When the field's key is not on
    that line (the value began on an earlier one) or the value is a [flow] list, the hint gives
    no example rather than a wrong one.
    """
    line = lines[line_index]
    stripped = line.lstrip(" ")
    dashes = ""
    while stripped[:1] == "-" and stripped[1:2] in (" ", ""):  # list items: "- a: b: c"
        dashes += "- "
        stripped = stripped[1:].lstrip(" ")
    key_column = len(line) - len(stripped)
    key_colon = KEY_COLON_RE.search(stripped)
    if key_colon is None or key_column + key_colon.start() >= column or stripped[0] in "\"'":
        return COLON_HINT  # no key before the ':' at the mark (or a quoted key: rare, skip)
    key, value = stripped[: key_colon.start()].rstrip(), stripped[key_colon.end() :].strip()
    comment = COMMENT_RE.search(value)
    if comment:  # the comment stays a comment, after the quotes
        value, after = value[: comment.start()], " " + value[comment.end() - 1 :]
    else:  # a plain value may go on over more-indented lines, folded with spaces
        after = ""
        for next_line in lines[line_index + 1 :]:
            text = next_line.strip()
            if not text or text.startswith("#") or len(next_line) - len(next_line.lstrip(" ")) <= key_column:
                break
            value += " " + COMMENT_RE.split(text, maxsplit=1)[0]
    if not key or not value or value[0] in "[{|>&*!":
        return COLON_HINT
    return f"{COLON_HINT}: {dashes}{key}: {quote_value(value)}{after}"


def quote_value(value: str) -> str:
    """value as a YAML quoted scalar that reads back as exactly value."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"  # single quotes: no escapes, and '' is one '


SAFE_TAGS_STR = "tag:yaml.org,2002:str"
MAX_DEPTH = 50
STRUCTURE_CHARS = "[{-:?,"
"""Each nesting level and each value after the first needs one of these characters."""


def _check_shape(yaml_text: str, shown: str, line_offset: int) -> None:
    """Refuse deep nesting and too many values from the event stream, before composing.

    Composing costs ~300 bytes of memory per value and recurses per level: a 5 MB list took
    25 s and 700 MB, and 100,000 nested '[' crashed libyaml's composer with a segfault.
    """
    if sum(map(yaml_text.count, STRUCTURE_CHARS)) <= MAX_DEPTH:
        return  # too few indicators to nest or repeat past the limits: skip the second pass
    depth = 0
    for events, event in enumerate(yaml.parse(yaml_text, Loader=_Loader)):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if depth > MAX_DEPTH or events > MAX_NODES:
            mark = event.start_mark
            assert mark is not None  # composed from text, every event carries its position
            what = (
                f"nests more than {MAX_DEPTH} levels deep"
                if depth > MAX_DEPTH
                else (f"has more than {MAX_NODES} values")
            )
            line = file_line(file_lines_of(yaml_text), mark.line) + line_offset
            raise ContentError(shown, line, mark.column + 1, f"front matter {what}; refused")


def _check_nodes(root: yaml.Node, doc: YamlDoc) -> None:
    """Refuse aliases (a node reached twice), unsafe tags, and absurd sizes, without expanding."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise doc.error(node, "YAML anchors and aliases (&name, *name) are not allowed")
        seen.add(id(node))
        if len(seen) > MAX_NODES:
            raise doc.error(root, f"front matter has more than {MAX_NODES} values; refused")
        if node.tag not in SAFE_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise doc.error(node, f"YAML tag '{tag}' is not allowed (only plain values are)")
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                stack.extend((key_node, value_node))


def parse_entry(data: bytes, kind: str, slug: str, shown: str) -> RawEntry:
    """Split and compose one content file's bytes, or raise a ContentError."""
    yaml_text, body, body_line = split_front_matter(decode_text(data, shown), shown)
    doc = compose_mapping(yaml_text, shown, line_offset=2)
    return RawEntry(kind, slug, doc, body, body_line)


def load_yaml_file(path: Path, root: Path, max_bytes: int) -> YamlDoc:
    """A whole-file YAML mapping such as site.yaml."""
    shown = display_path(path, root)
    return compose_mapping(read_text(path, shown, max_bytes), shown, line_offset=1)
