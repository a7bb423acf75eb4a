"""The quick look at every item table of a long plan taken a field at a time
(``validate_columns.plainly_right``): it may say a table is plainly right only where
``validate._plain_fields`` says so of that table alone (and it has an id, a title and no log),
so that the build (``building.build_plan``) finds the very problems it found checking each
table alone. It says so of a plan as the tool writes it (the benchmark's), else it says nothing
and each table is checked alone."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quanhu_plan import building, validate, validate_columns
from quanhu_plan.canonical import dumps
from quanhu_plan.store import plan_text

from .conftest import plan_doc
from .test_fast_read import EDGES, FIELDS, MANY, said, tree
from .test_fuzz_files import item_tables
from .test_hostile_text import hostile_items
from .test_status_rollups import generated


def _quick_alone(table: dict[str, Any]) -> bool:
    return "id" in table and "title" in table and validate._plain_fields(table, log_apart=True)


def assert_says_only_what_each_table_says(tables: list[Any]) -> set[int]:
    with mock.patch.object(validate_columns, "FROM", 0):
        found = validate_columns.plainly_right(tables)
    said_right = [table for table in tables if id(table) in found]
    assert all(map(_quick_alone, said_right))
    assert len(said_right) == len(found)
    return found


def assert_built_alike(doc: dict[str, Any]) -> None:
    """The build with the column check and with each table checked alone: the same plan and
    problems."""
    with mock.patch.object(validate_columns, "FROM", 0):
        plan, problems = building.build_plan(doc)
    with mock.patch.object(validate_columns, "FROM", 10**9):
        alone, alone_problems = building.build_plan(doc)
    assert said(problems) == said(alone_problems)
    assert tree(plan) == tree(alone)


def test_a_generated_plan_is_plainly_right_all_at_once():
    doc = plan_text.parse_toml(dumps(generated(300, 3)), "plan.toml")
    tables = doc["item"]
    assert assert_says_only_what_each_table_says(tables) == set(map(id, tables))
    assert len(tables) >= validate_columns.FROM
    with mock.patch.object(validate, "_plain_fields", side_effect=AssertionError):
        building.build_plan(doc)  # no table looked at alone


def test_a_slip_leaves_its_table_alone_to_be_checked():
    """A value not plainly right (a title starting with an ideographic space, a month for a
    due day, a progress of 120) sends its own table to the detailed check, not the others."""
    doc = plan_text.parse_toml(dumps(generated(300, 3)), "plan.toml")
    tables = doc["item"]
    tables[5]["title"] = "\u3000" + tables[5]["title"]
    tables[9]["progress"] = 120
    tables[40]["due"] = "2023-05"  # (as are all of a shape's, where its first has one)
    tables[60]["log"] = [{"at": "x"}]
    found = assert_says_only_what_each_table_says(tables)
    assert found == set(map(id, tables)) - {id(tables[n]) for n in (5, 9, 40, 60)}
    assert_built_alike(doc)


@pytest.mark.parametrize("field", FIELDS)
def test_every_field_at_its_edges_among_plain_tables(field):
    """Each odd value in a field of one table among plain ones, with the same value in other
    tables or not, of one type or mixed (a field of ints and floats, dates and texts)."""
    plain = [
        {"id": f"1.{n}", "title": f"任务{n}", "due": dt.date(2023, 5, n + 1)} for n in range(9)
    ]
    for value, other in itertools.product(EDGES, [None, 5, 50.5, "x", dt.date(2023, 1, 1)]):
        tables = [dict(table) for table in plain]
        tables[3][field] = value
        if other is not None:
            tables[5][field] = other
        assert_says_only_what_each_table_says(tables)
        tables[4]["id"] = value  # (an id and a title at their edges too)
        tables[6]["title"] = value
        assert_says_only_what_each_table_says(tables)


@pytest.mark.parametrize(
    "title", ["\u3164", "\u2800x", " 修路", "修路 ", "\u3000修路", "x\u200b", "\ufe0f", "ok"]
)
@pytest.mark.parametrize("item_id", ["1", " 1", "1 ", "1\u3000", "1 2", "\u30001", "1\n"])
def test_blank_and_spaced_ids_and_titles(item_id, title):
    tables = [{"id": f"{n}", "title": f"任务{n}"} for n in range(5)]
    tables.append({"id": item_id, "title": title})
    assert_says_only_what_each_table_says(tables)


@MANY
@given(wild=st.booleans(), data=st.data(), size=st.integers(1, 12))
def test_any_item_tables_are_said_plainly_right_only_as_each_is(wild, data, size):
    tables = [data.draw(item_tables(wild, f"1.{n}", ["", "1"])) for n in range(size)]
    assert_says_only_what_each_table_says(tables)
    assert_built_alike({"plan": {"title": "t"}, "item": tables})


def test_the_hostile_plan_is_built_alike():
    assert_built_alike(plan_text.parse_toml(dumps(plan_doc(hostile_items(), title="t")), "f"))
