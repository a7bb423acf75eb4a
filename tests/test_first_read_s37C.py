"""A plan built of tables all found plainly right as they were read (``building.build_plan``'s
``right``, from the read ahead: ``read_ahead.found_right``) takes them as checked at once
(session 37: no list of the others made, nor a copy of the set); one not among them is
looked at as before. The plan, and the problems, are those a build without ``right`` gives."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from quanhu_plan import validate_columns
from quanhu_plan.building import build_plan

from .conftest import plan_doc


def _tables(count: int) -> list[dict[str, Any]]:
    tables: list[dict[str, Any]] = [{"id": "1", "title": "第一部分"}]
    for goal in range(1, 4):
        tables.append({"id": f"1.{goal}", "title": f"目标{goal}"})
        for task in range(1, count // 3 + 1):
            tables.append(
                {
                    "id": f"1.{goal}.{task}",
                    "title": f"任务{goal}-{task}",
                    "due": dt.date(2023, 6, 30),
                    "progress": task % 101,
                    "status": "doing",
                }
            )
    return tables


def _built(doc: dict[str, Any], right: set[int]) -> tuple[Any, list[Any]]:
    plan, problems = build_plan(doc, right=right)
    shown = [(p.item_id, p.field, p.found) for p in problems]
    return (None if plan is None else plan.to_doc()), shown


@pytest.mark.parametrize("left_out", [None, 0, -1, "bad"])
def test_tables_found_right_as_read_build_the_plan_a_check_of_each_builds(
    monkeypatch: pytest.MonkeyPatch, left_out: Any
) -> None:
    tables = _tables(300)
    if left_out == "bad":  # (one not plainly right, not among them: its problem said)
        tables[-1]["progress"] = 250
        left_out = -1
    doc = plan_doc(tables)
    right = validate_columns.plainly_right(tables)
    if left_out is not None:
        right.discard(id(tables[left_out]))
    asked: list[int] = []
    real = validate_columns.plainly_right

    def counted(some: Any) -> set[int]:
        asked.append(len(some))
        return real(some)

    monkeypatch.setattr(validate_columns, "plainly_right", counted)
    with_right = _built(doc, right)
    # (with every table among them, none is looked at again, nor listed for it)
    assert asked == ([] if left_out is None else [1])
    assert with_right == _built(plan_doc(tables), set())
    assert (with_right[1] != []) == (tables[-1]["progress"] == 250)
