"""render/pages.py: asset names and which items lead a list (where each page is written: test_urls)."""

from __future__ import annotations

import hashlib

from site_builder.model import Item, Person
from site_builder.render.pages import featured_items, hashed_name


def test_hashed_name_changes_with_the_bytes_only() -> None:
    digest = hashlib.sha256(b"body{}").hexdigest()[:10]
    assert hashed_name("style.css", b"body{}") == f"style.{digest}.css"
    assert hashed_name("site.min.js", b"body{}") == f"site.min.{digest}.js"
    assert hashed_name("LICENSE", b"body{}") == f"LICENSE.{digest}"
    assert hashed_name("style.css", b"body{ }") != hashed_name("style.css", b"body{}")


def person(slug: str, featured: bool = False, weight: int = 0) -> Person:
    return Person(
        kind="people",
        slug=slug,
        path=f"content/people/{slug}.md",
        body="",
        body_line=1,
        lines={},
        corrections=(),
        updated=None,
        name=slug.title(),
        featured=featured,
        weight=weight,
    )


def test_featured_items_keep_reading_order_within_a_weight() -> None:
    ordered: list[Item] = [
        person("a", True),
        person("b"),
        person("c", True, weight=2),
        person("d", True),
        person("e", True, weight=-1),
    ]
    assert [item.slug for item in featured_items(ordered)] == ["e", "c", "a", "d"]
    assert featured_items([person("a"), person("b")]) == []


def test_a_plan_with_more_extra_keeps_every_other_field() -> None:
    """PagePlan.with_extra is dataclasses.replace with the extra merged, whatever fields a
    plan has."""
    from dataclasses import fields, replace

    from site_builder.render.pages import PagePlan

    values = {f.name: f"value of {f.name}" for f in fields(PagePlan)}
    values["extra"] = {"kept": 1, "replaced": 2}
    plan = PagePlan(**values)  # type: ignore[arg-type]
    assert plan.with_extra(replaced=3, added=4) == replace(plan, extra={"kept": 1, "replaced": 3, "added": 4})
