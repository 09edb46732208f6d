"""`@frozen` (records.py): the engine's plain data compares and hashes by value, and no code
can assign to a field: the type checker refuses it, since the run time does not."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from mypy import api

import site_builder
from site_builder.model import Quote

SNIPPET = """\
from site_builder.records import frozen


@frozen
class Point:
    x: int


@frozen(kw_only=True)
class Named(Point):
    name: str


def move(point: Point, named: Named) -> None:
    point.x = 1
    named.name = "b"
"""


def test_assigning_to_a_field_is_a_type_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    snippet = tmp_path / "snippet.py"
    snippet.write_text(SNIPPET, "utf-8")
    monkeypatch.setenv("MYPYPATH", str(Path(site_builder.__file__).parents[1]))
    report, _, status = api.run(
        ["--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache"), str(snippet)]
    )
    assert status == 1
    assert [line.split(": ", 2)[1:] for line in report.splitlines()[:-1]] == [
        ["error", 'Property "x" defined in "Point" is read-only  [misc]'],
        ["error", 'Property "name" defined in "Named" is read-only  [misc]'],
    ]


def test_records_are_equal_hashed_and_pickled_by_their_fields() -> None:
    quote = Quote("We will rebuild.", "the-source", "at the dam")
    same = Quote("We will rebuild.", "the-source", "at the dam")
    assert quote == same and hash(quote) == hash(same) and len({quote, same}) == 1
    assert quote != Quote("We will rebuild.", "another-source", "at the dam")
    assert pickle.loads(pickle.dumps(quote)) == quote
    assert not hasattr(quote, "__dict__")  # slotted
