"""Items linked to their parents (``building._link``): a plan whose parents are all implied by
the ids is linked a column at a time; one that names a parent, lacks one or has an id that is
not text is linked an item at a time, as before. Both give the same tree, in the file's order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.building import build_plan
from quanhu_plan.cli import app

from .conftest import plan_doc, write_plan

runner = CliRunner()


def _task(item_id: str, **more: Any) -> dict[str, Any]:
    return {"id": item_id, "title": f"任务{item_id}", "due": dt.date(2023, 6, 30), **more}


# Goals after their tasks, parts after their goals, one goal's tasks split around another's:
# a parent is found wherever it is in the file, and children keep the file's order.
SCATTERED = [
    _task("1.2.1"),
    {"id": "1.1", "title": "目标1.1"},
    _task("1.1.2", status="done", done_on=dt.date(2023, 3, 1)),
    {"id": "1", "title": "第一部分"},
    _task("1.1.1"),
    {"id": "1.2", "title": "目标1.2"},
    _task("1.2.2", progress=50, status="doing"),
    {"id": "2", "title": "第二部分"},
]


def _tree(roots: list[Any]) -> list[Any]:
    return [
        (item.id, item.parent.id if item.parent else None, _tree(item.children)) for item in roots
    ]


def test_implied_parents_are_linked_in_the_files_order(plan_file: Path) -> None:
    write_plan(plan_file, SCATTERED)
    result = runner.invoke(app, ["list", "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].startswith("├── 1 第一部分  1/4")
    assert lines[2].startswith("│   ├── 1.1 目标1.1  1/2")
    assert lines[3].startswith("│   │   ├── [x] 1.1.2 任务1.1.2  done")
    assert lines[4].startswith("│   │   └── [ ] 1.1.1 任务1.1.1")
    assert lines[5].startswith("│   └── 1.2 目标1.2  0/2")
    assert lines[6].startswith("│       ├── [ ] 1.2.1 任务1.2.1")
    assert lines[7].startswith("│       └── [~] 1.2.2 任务1.2.2")
    assert lines[8].startswith("└── [ ] 2 第二部分")
    plan, problems = build_plan(plan_doc(SCATTERED))
    assert problems == [] and plan is not None
    assert _tree(plan.roots) == [
        (
            "1",
            None,
            [
                ("1.1", "1", [("1.1.2", "1.1", []), ("1.1.1", "1.1", [])]),
                ("1.2", "1", [("1.2.1", "1.2", []), ("1.2.2", "1.2", [])]),
            ],
        ),
        ("2", None, []),
    ]


def test_a_named_parent_gives_the_same_tree_as_the_ids_imply() -> None:
    named = [dict(table, parent=table["id"].rpartition(".")[0]) for table in SCATTERED]
    by_ids, _ = build_plan(plan_doc(SCATTERED))
    by_names, problems = build_plan(plan_doc(named))
    assert problems == [] and by_ids is not None and by_names is not None
    assert _tree(by_names.roots) == _tree(by_ids.roots)


def test_a_missing_parent_is_reported_and_nothing_else_is_linked_wrongly(plan_file: Path) -> None:
    items = [*SCATTERED, _task("3.1.1")]
    write_plan(plan_file, items)
    result = runner.invoke(app, ["check", "--lang", "en"])
    assert result.exit_code == 1
    assert "item 3.1.1, field parent: found '3.1'" in result.output
    assert "there is no item 3.1" in result.output
    plan, problems = build_plan(plan_doc(items))
    assert plan is not None and [problem.item_id for problem in problems] == ["3.1.1"]
    assert _tree(plan.roots)[:2] == _tree(build_plan(plan_doc(SCATTERED))[0].roots)  # type: ignore[union-attr]
    assert _tree(plan.roots)[2] == ("3.1.1", None, [])


def test_an_empty_id_is_never_taken_for_the_parent_of_the_top_level() -> None:
    items = [{"id": "", "title": "空编号"}, *SCATTERED]
    plan, problems = build_plan(plan_doc(items))
    assert plan is not None and problems  # (the empty id itself is a problem)
    # (an item with no id is left out of the tree: the others are linked as without it)
    assert _tree(plan.roots) == _tree(build_plan(plan_doc(SCATTERED))[0].roots)  # type: ignore[union-attr]


def test_a_status_of_a_long_plan_with_implied_parents_counts_every_task(plan_file: Path) -> None:
    items: list[dict[str, Any]] = []
    for part in range(1, 4):
        items.append({"id": f"{part}", "title": f"第{part}部分"})
        for goal in range(1, 4):
            items.append({"id": f"{part}.{goal}", "title": f"目标{part}.{goal}"})
            items += [_task(f"{part}.{goal}.{n}") for n in range(1, 201)]
    write_plan(plan_file, items)
    result = runner.invoke(app, ["status", "--lang", "en", "--as-of", "2023-03-01"])
    assert result.exit_code == 0, result.output
    assert "0/600" in result.output  # (each part: three goals of 200 tasks, none done)
    plan, problems = build_plan(plan_doc(items))
    assert problems == [] and plan is not None
    assert [len(root.children) for root in plan.roots] == [3, 3, 3]
    assert {len(goal.children) for root in plan.roots for goal in root.children} == {200}


def test_the_tree_stored_by_a_first_read_is_the_tree_read(plan_file: Path) -> None:
    """The places a first read stores (``cache.remember``: each item's parent, and where each
    is in the entry, parts and goals first) give back the tree as the file has it: a status
    and a list from the entry print what they print with no entry, and a change made on the
    recalled plan writes what it writes on the plan read afresh."""
    write_plan(plan_file, SCATTERED)
    cold = [runner.invoke(app, [*command, "--lang", "en"]) for command in (["status"], ["list"])]
    assert (plan_file.parent / "cache").is_dir()
    warm = [runner.invoke(app, [*command, "--lang", "en"]) for command in (["status"], ["list"])]
    assert [result.exit_code for result in cold + warm] == [0, 0, 0, 0]
    assert [result.output for result in warm] == [result.output for result in cold]
    assert "├── 1.1 目标1.1  1/2" in warm[1].output
    done = runner.invoke(app, ["done", "1.2.1", "--on", "2023-06-01"])
    assert done.exit_code == 0, done.output
    assert '[[item]]\nid = "1.2.1"\ntitle = "任务1.2.1"\ndue = 2023-06-30\nstatus = "done"\n' in (
        plan_file.read_text(encoding="utf-8")
    )
    listed = runner.invoke(app, ["list", "--lang", "en"])
    assert "│       ├── [x] 1.2.1 任务1.2.1  done" in listed.output


def test_the_newest_at_of_a_first_read_is_the_newest_of_every_log(plan_file: Path) -> None:
    """``trace.newest_at`` of a plan just read: the newest ``at`` of the plan's log and of
    every item's, however deep (a goal's, a task's), and none where no log has one."""
    from quanhu_plan.store.plan_text import plan_from_text
    from quanhu_plan.trace import newest_at

    cst = dt.timezone(dt.timedelta(hours=8))
    at = [dt.datetime(2023, 5, day, 9, tzinfo=cst) for day in (1, 2, 3)]
    items = [dict(table) for table in SCATTERED]
    items[0]["log"] = [{"at": at[0], "action": "note"}]
    items[1]["log"] = [{"at": at[2], "action": "note"}]
    items[6]["log"] = [{"at": at[1], "action": "note"}]
    write_plan(plan_file, items)
    plan = plan_from_text(plan_file.read_text(encoding="utf-8"), str(plan_file))
    assert newest_at(plan) == at[2]
    write_plan(plan_file, SCATTERED)
    assert newest_at(plan_from_text(plan_file.read_text(encoding="utf-8"), str(plan_file))) is None
