"""Proposals as content files: their YAML text, checked as `build` checks it (schema, quotes
found in the source, numbers in their quotes) before anything is written, and the table and
JSON that `--dry-run` and `--format json` print instead."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from ..build import typed_entry
from ..errors import EnvironmentFailure
from ..model import Figure, Item, Person, Source
from ..provenance.checks import check_figure_number
from ..provenance.text import NormalText, find_quote, normalise
from ..records import frozen
from ..validate import COMMON, SCHEMAS
from .candidate import Proposal

PLAIN_RE = re.compile(r"[A-Za-z][\w \u2019'.()-]*[\w.)]|[A-Za-z]")
"""Text that reads the same as a plain YAML scalar (checked with the parser too): written bare."""
QUOTED_WIDTH = 100
"""How much of the source words the file's comment and the table show."""


@frozen
class Written:
    """A proposal's file: where it goes and its text, once it has passed every check."""

    proposal: Proposal
    path: str
    """content/<kind>/<slug>.md, relative to the project root."""
    text: str


def yaml_value(value: Any) -> str:
    """One value as YAML flow text: strings double-quoted (JSON's escaping is YAML's), lists and
    mappings in brackets and braces, dates plain."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {yaml_value(v)}" for k, v in value.items()) + "}"
    text = str(value)
    if PLAIN_RE.fullmatch(text) and yaml.safe_load(text) == text:
        return text
    return json.dumps(text, ensure_ascii=False)


def field_text(key: str, value: Any) -> list[str]:
    """The YAML lines of one field; a list of records (quotes, relations) one record a block."""
    if key in ("date", "start", "end", "as_of") and isinstance(value, str):
        return [f"{key}: {value}"]
    if key == "date" and isinstance(value, dict):
        return [f"{key}: {{{', '.join(f'{k}: {v}' for k, v in value.items())}}}"]
    if isinstance(value, list) and value and isinstance(value[0], dict):
        lines = [f"{key}:"]
        for record in value:
            for index, (name, item) in enumerate(record.items()):
                lines.append(f"  {'- ' if index == 0 else '  '}{name}: {yaml_value(item)}")
        return lines
    return [f"{key}: {yaml_value(value)}"]


def shorten(text: str, width: int = QUOTED_WIDTH) -> str:
    """The text on one line, cut at a word with an ellipsis when it is long."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    return text[: width - 1].rsplit(" ", 1)[0] + "…"


def file_text(proposal: Proposal, source: Source, default_source: str) -> str:
    """The content file of a proposal: where it came from in a comment, then its fields in
    the schema's order, then `draft: true`."""
    schema = {**SCHEMAS[proposal.kind][1], **COMMON}
    fields = dict(proposal.fields)
    if source.slug != default_source:
        fields["source"] = source.slug
    lines = [
        f"# Proposed by site-builder draft from {source.path}, line {proposal.line}:",
        f"#   {shorten(proposal.words)}",
        "# Check each field against the source and rewrite the summary; delete 'draft: true' to publish.",
    ]
    for key in schema:
        if key in fields:
            lines += field_text(key, fields[key])
    lines.append("draft: true")
    return "---\n" + "\n".join(lines) + "\n---\n"


def quotes_of(item: Item) -> list[str]:
    """Every quote an item holds, as the provenance check reads them."""
    quote = getattr(item, "quote", "")
    texts = [quote] if isinstance(quote, str) and quote else []
    if isinstance(item, Person):
        texts += [quote.text for quote in item.quotes]
    return texts


def check_proposal(
    proposal: Proposal, text: str, path: str, source: Source, normal: NormalText, default_source: str
) -> list[str]:
    """What the build would say is wrong with a proposal's file: empty when it validates, every
    quote is in the source and every figure's quote states its number."""
    item, errors = typed_entry(text.encode("utf-8"), proposal.kind, proposal.slug, path, default_source)
    problems = [str(error) for error in errors]
    if item is None:
        return problems
    problems += [
        f"quote not found: {quote!r}" for quote in quotes_of(item) if find_quote(quote, normal) is None
    ]
    if isinstance(item, Figure):
        problems += [str(error) for error in check_figure_number(item)]
    return problems


def prepare(
    proposals: list[Proposal], source: Source, default_source: str
) -> tuple[list[Written], list[tuple[Proposal, list[str]]]]:
    """The files to write, and the proposals left out because they would not pass the checks
    (a rule's mistake: the user is told, nothing wrong is written)."""
    normal = normalise(source.body)
    written: list[Written] = []
    refused: list[tuple[Proposal, list[str]]] = []
    for proposal in proposals:
        path = f"content/{proposal.kind}/{proposal.slug}.md"
        text = file_text(proposal, source, default_source)
        problems = check_proposal(proposal, text, path, source, normal, default_source)
        if problems:
            refused.append((proposal, problems))
        else:
            written.append(Written(proposal, path, text))
    return written, refused


def write_files(root: Path, files: list[Written]) -> list[Written]:
    """Write each file that does not exist yet (never overwriting one); returns those written."""
    done: list[Written] = []
    for file in files:
        path = root / file.path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8") as handle:
                handle.write(file.text)
        except FileExistsError:
            continue
        except OSError as e:
            raise EnvironmentFailure(f"cannot write {path}: {e.strerror or e}") from e
        done.append(file)
    return done


def table(files: list[Written]) -> str:
    """The proposals as a plain-text table: kind, file, source line, name and source words."""
    rows = [("KIND", "FILE", "LINE", "NAME", "SOURCE WORDS")]
    for file in files:
        proposal = file.proposal
        rows.append(
            (
                proposal.kind,
                file.path,
                str(proposal.line),
                shorten(proposal.title, 40),
                shorten(proposal.words, 60),
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)) + "  " + row[4]
        for row in rows
    )


def as_json(
    files: list[Written], kinds: tuple[str, ...], skipped: list[dict[str, str]], wrote: bool, home: str
) -> str:
    """The proposals as JSON: a list per kind, each entry with its file, line and fields."""
    out: dict[str, Any] = {kind: [] for kind in kinds}
    for file in files:
        proposal = file.proposal
        out[proposal.kind].append(
            {"slug": proposal.slug, "file": file.path, "line": proposal.line, "fields": proposal.fields}
        )
    out["skipped"] = skipped
    out["home_page"] = home or None
    out["written"] = wrote
    return json.dumps(out, ensure_ascii=False, indent=2)
