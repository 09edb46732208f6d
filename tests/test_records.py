"""`@frozen` (records.py): the stages' plain data compares and hashes by value, and no code can
assign to a field: the type checker refuses it, since the run time does not. The content model
is frozen at run time as well."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest
from mypy import api

import site_builder
from site_builder.model import Quote
from site_builder.records import frozen


@frozen
class Spot:
    """A record as the stages declare theirs (pickled by reference: a module-level class)."""

    text: str
    line: int


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
    spot, same = Spot("We will rebuild.", 4), Spot("We will rebuild.", 4)
    assert spot == same and hash(spot) == hash(same) and len({spot, same}) == 1
    assert spot != Spot("We will rebuild.", 5)
    assert pickle.loads(pickle.dumps(spot)) == spot
    assert not hasattr(spot, "__dict__")  # slotted


def test_the_content_model_refuses_assignment_at_run_time() -> None:
    """An item is shared by every stage, the cache and a serve process: a stage that changed one
    would change every page that read it, so the model stays frozen beyond the type checker."""
    quote = Quote("We will rebuild.", "the-source", "at the dam")
    with pytest.raises(dataclasses.FrozenInstanceError):
        quote.text = "Changed."  # type: ignore[misc]
    assert quote.text == "We will rebuild."
