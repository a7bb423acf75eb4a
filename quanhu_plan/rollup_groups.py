"""The figures of groups of tasks (by who is responsible, by part, any set), weighted as in the
whole plan: each task's share of it (``task_shares``). Pure: no I/O. (Split from ``rollup``,
which still gives these names.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .answering import responsible_names
from .lights import thresholds
from .model import Item, Plan
from .names import name_key
from .rollup import Rollup, exact_ratio, reduced, task_judge
from .rollup_tree import combine, rollups

if TYPE_CHECKING:
    from fractions import Fraction


def task_shares(plan: Plan, figures: dict[str, Rollup] | None = None) -> dict[str, Fraction]:
    """Each counted task's share of the whole plan: the product of weight ÷ the sum of the
    weights of the siblings that count (not wholly dropped) down its path. The shares add up to
    1, and the plan's completion is the sum of share × completion over its tasks; a dropped
    task has no share. ``figures`` are the plan's ``rollups`` (any day: dropping is not dated
    here), made if not given."""
    from fractions import Fraction

    return {key: Fraction(*share) for key, share in task_share_ratios(plan, figures).items()}


def task_share_ratios(
    plan: Plan, figures: dict[str, Rollup] | None = None
) -> dict[str, tuple[int, int]]:
    """``task_shares``, each a reduced (numerator, denominator): a status by who is
    responsible makes no Fraction."""
    if figures is None:
        figures = rollups(plan, plan.end)
    shares: dict[str, tuple[int, int]] = {}

    def visit(items: list[Item], share: tuple[int, int]) -> None:
        counted = [
            (item, exact_ratio(item.weight)) for item in items if figures[item.id].ratio is not None
        ]
        total, below = 0, 1  # the weights that count, added up
        for _, (top, under) in counted:
            total, below = reduced(total * under + top * below, below * under)
        if counted and not total:
            raise ZeroDivisionError("the weights of items that count add up to 0")
        for item, (top, under) in counted:
            mine = reduced(share[0] * top * below, share[1] * under * total)
            if item.is_task:
                shares[item.id] = mine
            else:
                visit(item.children, mine)

    visit(plan.roots, (1, 1))
    return shares


def group_rollup(
    tasks: Iterable[Item],
    plan: Plan,
    as_of: dt.date,
    shares: Mapping[str, Fraction] | Mapping[str, tuple[int, int]],
    figures: dict[str, Rollup] | None = None,
) -> Rollup:
    """The figures of any set of tasks, weighted as in the whole plan (``task_shares``, or
    ``task_share_ratios``): a set holding every task shows exactly the plan's total."""
    judge = task_judge(plan, as_of, thresholds(plan))
    return combine(
        (shares.get(task.id, (0, 1)), figures[task.id] if figures is not None else judge(task))
        for task in tasks
    )


def group_rollups(
    plan: Plan, as_of: dt.date, role: str, figures: dict[str, Rollup] | None = None
) -> list[tuple[str, Rollup]]:
    """Tasks grouped by who is responsible in ``role`` (``lead_unit``, ``lead`` or ``owner``,
    the nearest one stated on the task or a goal above it; see ``model.responsible_names``), in
    order of first appearance; a task naming several counts in each group, one naming nobody
    comes last under ''. ``figures``: the plan's ``rollups`` at ``as_of``, if made already."""
    if figures is None:
        figures = rollups(plan, as_of)
    groups: dict[str, list[Item]] = {}
    shown: dict[str, str] = {}  # one name however written (names.name_key): as first written
    for task in plan.tasks():
        for name in responsible_names(task, role) or [""]:
            group = groups.setdefault(shown.setdefault(name_key(name), name), [])
            if not group or group[-1] is not task:  # 张三、张\u200b三: one name, counted once
                group.append(task)
    shares = task_share_ratios(plan, figures)
    ordered = sorted(groups.items(), key=lambda kv: kv[0] == "")
    return [(name, group_rollup(tasks, plan, as_of, shares, figures)) for name, tasks in ordered]
