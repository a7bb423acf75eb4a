"""``Plan.item_list`` takes the children of an item that have none of their own all at once
(session 35): the list is still the tree in order, parents first, whatever mix of tasks and
goals each level holds."""

from __future__ import annotations

from quanhu_plan.model import Item, Plan


def _tree(shape: dict[str, list[str]], roots: list[str]) -> Plan:
    items = {name: Item({"id": name, "title": name}) for name in shape}
    for name, children in shape.items():
        for child in children:
            items[name].children.append(items[child])
            items[child].parent = items[name]
    return Plan({"title": "t"}, [items[name] for name in roots], {})


def test_item_list_is_the_tree_in_order_whatever_mix_each_level_holds():
    shape = {
        "1": ["1.1", "1.2", "1.3"],  # tasks only: taken at once
        "1.1": [],
        "1.2": [],
        "1.3": [],
        "2": ["2.1", "2.2", "2.3"],  # a task, a goal, a task
        "2.1": [],
        "2.2": ["2.2.1", "2.2.2"],
        "2.2.1": [],
        "2.2.2": ["2.2.2.1"],
        "2.2.2.1": [],
        "2.3": [],
        "3": [],  # a part with nothing under it
        "4": ["4.2", "4.1"],  # children in their own order, not the ids'
        "4.1": [],
        "4.2": ["4.2.1"],
        "4.2.1": [],
    }
    plan = _tree(shape, ["1", "2", "3", "4"])
    walked = [item.id for item in plan.items()]
    assert [item.id for item in plan.item_list()] == walked
    assert walked == [
        "1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "2.2.1", "2.2.2", "2.2.2.1", "2.3",
        "3", "4", "4.2", "4.2.1", "4.1",
    ]  # fmt: skip
    assert plan.item_list() is not plan.item_list()  # a list of its own each time


def test_a_change_works_out_no_marks_of_the_sketches_and_a_read_still_does(
    plan_file, runner, monkeypatch
):
    """The marks of the plan recalled (``cache.marks_as_recalled``) are worked out when a read
    first asks for them: a change asks for none (5 M instructions at 10,000 tasks)."""
    import shutil

    from quanhu_plan import sketches, store
    from quanhu_plan.cli import app
    from quanhu_plan.store import cache

    from .conftest import REPO_PLAN

    shutil.copy(REPO_PLAN, plan_file)
    store.load(store.PlanSource(plan_file))  # (its entry stored)
    calls: list[int] = []
    marks_of = sketches.marks_of
    monkeypatch.setattr(sketches, "marks_of", lambda s: calls.append(len(s)) or marks_of(s))

    result = runner.invoke(app, ["done", "1.1.1", "--on", "2023-06-30"])
    assert result.exit_code == 0, result.output
    assert calls == []

    plan = store.load(store.PlanSource(plan_file))  # recalled, as a read has it
    assert cache._RECALLED is not None and cache._RECALLED[0]() is plan
    assert calls == []  # (not yet asked)
    want = sketches.sketched_marks(plan.roots)  # (every item asked, level by level)
    calls.clear()
    assert cache.marks_as_recalled(plan) == want
    assert cache.marks_as_recalled(plan) == want  # (worked out once)
    assert len(calls) == 1
