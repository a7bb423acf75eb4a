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
