"""`@frozen`: how the stages declare their own plain data (plans, scans, results).

A slotted dataclass, equal and hashed by its fields, and frozen to the type checker: `mypy
--strict` refuses any assignment to a field. At run time it is not frozen. For a frozen class
`dataclasses` writes and compiles a `__setattr__` and a `__delattr__` that refuse assignment,
and an `__init__` that goes round them: for the stages' classes, about 110 M instructions
(0.025 s) at the start of every build that imports the stages. The content model (`model.py`)
stays a real frozen dataclass, frozen at run time too: it is what every stage and the cache
share, and what a serve process keeps between builds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar, dataclass_transform, overload

T = TypeVar("T")


@overload
def frozen(cls: type[T], /) -> type[T]: ...


@overload
def frozen(*, kw_only: bool = False, eq: bool = True, repr: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def frozen(
    cls: type[T] | None = None, /, *, kw_only: bool = False, eq: bool = True, repr: bool = True
) -> type[T] | Callable[[type[T]], type[T]]:
    """`@frozen`, or `@frozen(kw_only=True)`: `dataclass(frozen=True, slots=True)` to the type
    checker; at run time `dataclass(slots=True, unsafe_hash=True)`, the same `__eq__` and
    `__hash__` as a frozen one's. `eq=False, repr=False` for the stages' own machinery (a scan,
    a job, a drawing, an index), never compared, hashed or digested: compared and hashed by
    identity, and three methods fewer to compile at every start."""
    make = dataclass(slots=True, unsafe_hash=eq, kw_only=kw_only, eq=eq, repr=repr)
    return make if cls is None else make(cls)
