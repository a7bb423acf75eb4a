"""A plan read for the parse cache is built with its tables shared as they are checked
(``build_plan(share=True)``, ``validate.check_shared``): the very plan, and the very problems,
a plain build gives; only equal keys, short texts and dates are one object each."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quanhu_plan import building, model, validate
from quanhu_plan.canonical import dumps
from quanhu_plan.errors import PlanError
from quanhu_plan.sharing import Sharing
from quanhu_plan.store import plan_text

from .conftest import plan_doc
from .test_bad_files import BAD_FILES
from .test_fast_read import EDGES, FIELDS, MANY, PLANS, said
from .test_fuzz_files import item_tables, plan_files
from .test_hostile_text import hostile_items
from .test_stale_entry import identical


def packed(plan: model.Plan | None) -> Any:
    return None if plan is None else plan.packed()


def assert_built_alike(text: str) -> None:
    try:
        doc = plan_text.parse_toml(text, "f")
    except PlanError:
        return
    plain, problems = building.build_plan(doc)
    shared, shared_problems = building.build_plan(doc, share=True)
    assert said(shared_problems) == said(problems)
    assert identical(packed(shared), packed(plain))


@pytest.mark.parametrize("path", PLANS, ids=lambda path: path.name)
def test_the_real_plans_are_built_alike_shared_or_not(path: Path) -> None:
    assert_built_alike(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("name", "text", "told"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_the_bad_files_are_built_alike_shared_or_not(name, text, told):
    assert_built_alike(text)


def test_the_hostile_plan_is_built_alike_shared_or_not():
    assert_built_alike(dumps(plan_doc(hostile_items(), title="泉湖镇计划")))


@MANY
@given(text=plan_files())
def test_any_file_is_built_alike_shared_or_not(text):
    assert_built_alike(text)


def assert_copied_alike(table: dict[str, Any]) -> None:
    sharing = Sharing()
    copy = validate.plain_copy(table, sharing)
    quick = "id" in table and "title" in table and validate._plain_fields(table, log_apart=True)
    assert (copy is not None) == quick
    if copy is not None:
        assert identical(copy, table)
    shared, problems = validate.check_shared(table, 3, sharing)
    assert identical(shared, table)
    assert said(problems) == said(validate.check_item(table, 3))


@MANY
@given(wild=st.booleans(), data=st.data())
def test_any_item_table_is_copied_and_checked_as_check_item_checks_it(wild, data):
    assert_copied_alike(data.draw(item_tables(wild, "1.2", ["", "1"])))


@pytest.mark.parametrize("field", FIELDS)
def test_every_field_at_its_edges_is_copied_and_checked_as_check_item_checks_it(field):
    for value in EDGES:
        assert_copied_alike({"id": "1", "title": "t", field: value})
        assert_copied_alike({"id": value, "title": "t", field: value})
        assert_copied_alike({"title": value, field: "t", "id": "1"})


def test_equal_keys_texts_and_dates_are_one_object_in_a_shared_plan():
    text = dumps(
        plan_doc(
            [
                {"id": "1", "title": "基础设施"},
                *({"id": f"1.{n}", "title": "修塘", "status": "doing"} for n in (1, 2)),
            ]
        )
    )
    plan, _ = building.build_plan(plan_text.parse_toml(text, "f"), share=True)
    assert plan is not None
    first, second = (item.data for item in plan.items() if item.id.startswith("1."))
    assert [*first][2] is [*second][2]  # "status"
    assert first["status"] is second["status"]


# ---------------------------------------------------------------- the newest change


def newest_by_rows(plan: model.Plan) -> Any:
    """The newest ``at`` as the whole trace's rows give it (trace.newest_at's definition)."""
    from quanhu_plan.trace import entry_time, trace

    times = (
        entry_time(row.entry) for row in trace(plan) if isinstance(row.entry.get("at"), dt.datetime)
    )
    return max((t for t in times if t is not None), default=None)


ZONES = [None, dt.UTC, dt.timezone(dt.timedelta(hours=8)), dt.timezone(dt.timedelta(hours=-5))]
moments = st.one_of(
    st.builds(
        lambda day, hour, zone: dt.datetime(2023, 1, day, hour, tzinfo=zone),
        st.integers(1, 3),
        st.integers(0, 23),
        st.sampled_from(ZONES),
    ),
    st.just(dt.date(2023, 1, 2)),
    st.just("2023-01-02"),
)
logs = st.lists(st.fixed_dictionaries({}, optional={"at": moments, "note": st.just("x")}))


@MANY
@given(items=st.lists(logs, max_size=5), header=logs, removed=st.lists(logs, max_size=3))
def test_the_newest_change_is_the_newest_at_of_the_whole_trace(items, header, removed):
    from quanhu_plan.trace import newest_at

    doc: dict[str, Any] = {
        "plan": {"title": "t", "log": header},
        "item": [{"id": str(n + 1), "title": "t", "log": log} for n, log in enumerate(items)],
        "removed": [
            {"item": [{"id": f"9{n}", "title": "t", "log": log}]} for n, log in enumerate(removed)
        ],
    }
    plan, _ = building.build_plan(doc)
    assert plan is not None
    wanted = newest_by_rows(plan)
    found = newest_at(plan)
    assert repr(found) == repr(wanted)  # the same moment, and the same one of equal moments


def test_of_equal_newest_moments_the_first_in_the_trace_is_the_newest_change():
    from quanhu_plan.trace import newest_at

    beijing = dt.datetime(2023, 5, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    london = dt.datetime(2023, 5, 1, 1, tzinfo=dt.UTC)  # the same moment
    for first, second in ((beijing, london), (london, beijing)):
        doc = {
            "plan": {"title": "t"},
            "item": [
                {"id": "1", "title": "t", "log": [{"at": first}]},
                {"id": "2", "title": "t", "log": [{"at": second}]},
            ],
        }
        plan, _ = building.build_plan(doc)
        assert plan is not None
        assert repr(newest_at(plan)) == repr(first) == repr(newest_by_rows(plan))
