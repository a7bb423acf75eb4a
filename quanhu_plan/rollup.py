"""Roll-up arithmetic: how complete a task, goal or part is, and its pace against the calendar.

Pure: no I/O. Pace (序时进度) follows the county supervision offices' classes: at an as-of date
the share of a task's window (plan start to due date) that has passed is what it should have
done by now; the task is then 已完成, 超进度 (ahead), 达进度 (on pace), 欠进度 (behind),
逾期 (overdue: past due, not done) or 已取消 (dropped).

Every figure is exact: completions, shares and the expected share are ``Fraction``s (a float
from the file counts as the decimal it is written as), so exactly 5 points off is on pace and a
group holding every task shows exactly the total. Rounding happens once, for display
(``texts.round_half_up``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from fractions import Fraction

from .model import Item, Plan, is_rank_metric, responsible_names

PACE_CLASSES = ("done", "ahead", "on_pace", "behind", "overdue", "dropped")

# Within this many percentage points of the expected completion counts as on pace: offices do
# not class a task behind for being a day short.
PACE_TOLERANCE = Fraction(5, 100)

ONE = Fraction(1)
ZERO = Fraction(0)


def exact(value: int | float | Fraction) -> Fraction:
    """A number from the plan as an exact fraction: 33.3 is 333/10, as typed in the file."""
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def task_completion(task: Item) -> Fraction | None:
    """Done = 1; dropped = None (left out); else the metric's actual/target (capped at 1) if it
    has both, else its progress percent."""
    status = task.status
    if status == "done":
        return ONE
    if status == "dropped":
        return None
    target, actual = task.get("target"), task.get("actual")
    if target and actual is not None:
        if is_rank_metric(task):  # a place in a ranking: 第30位 aimed at, 第36位 reached
            return min(exact(target) / exact(actual), ONE) if actual else ONE
        return min(exact(actual) / exact(target), ONE)
    return exact(task.get("progress", 0)) / 100


def expected_completion(task: Item, plan: Plan, as_of: dt.date) -> Fraction:
    """The share of the task's window (plan start to its due date, or the plan's end) passed."""
    start, due = plan.start, task.due or plan.end
    if as_of >= due:
        return ONE
    if as_of <= start:
        return ZERO
    return Fraction((as_of - start).days, (due - start).days)


def pace(task: Item, plan: Plan, as_of: dt.date) -> str:
    status = task.status
    if status == "done":
        return "done"
    if status == "dropped":
        return "dropped"
    if as_of > (task.due or plan.end):
        return "overdue"
    gap = (task_completion(task) or ZERO) - expected_completion(task, plan, as_of)
    if gap > PACE_TOLERANCE:
        return "ahead"
    if gap >= -PACE_TOLERANCE:
        return "on_pace"
    return "behind"


# A plain class, not a dataclass: building a dataclass costs ~1 ms of every start-up.
class Rollup:
    """The figures of one item (or of any group of tasks)."""

    __slots__ = ("completion", "done", "total", "dropped", "blocked", "paces")

    def __init__(
        self,
        completion: Fraction | None,  # weighted mean; None when every task under it is dropped
        done: int = 0,
        total: int = 0,  # tasks not dropped
        dropped: int = 0,
        blocked: int = 0,
        paces: Counter[str] | None = None,
    ):
        self.completion, self.done, self.total = completion, done, total
        self.dropped, self.blocked = dropped, blocked
        self.paces: Counter[str] = paces if paces is not None else Counter()

    def __repr__(self) -> str:
        return f"Rollup({self.to_dict()!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Rollup) and self.to_dict() == other.to_dict()

    @property
    def overdue(self) -> int:
        return self.paces["overdue"]

    def to_dict(self) -> dict[str, object]:
        from .texts import share_value

        return {
            "completion": share_value(self.completion),
            "done": self.done,
            "total": self.total,
            "dropped": self.dropped,
            "blocked": self.blocked,
            "pace": {name: self.paces[name] for name in PACE_CLASSES},
        }


def task_rollup(task: Item, plan: Plan, as_of: dt.date) -> Rollup:
    kind = pace(task, plan, as_of)
    dropped = kind == "dropped"
    return Rollup(
        completion=task_completion(task),
        done=int(kind == "done"),
        total=0 if dropped else 1,
        dropped=int(dropped),
        blocked=int(task.status == "blocked"),
        paces=Counter({kind: 1}),
    )


def rollup(item: Item, plan: Plan, as_of: dt.date) -> Rollup:
    """A task's own figures, or a goal's: the weighted mean of its children's completion."""
    if item.is_task:
        return task_rollup(item, plan, as_of)
    return combine((child.weight, rollup(child, plan, as_of)) for child in item.children)


def rollups(plan: Plan, as_of: dt.date) -> dict[str, Rollup]:
    """The figures of every item, each task evaluated once (``status`` needs them all)."""
    out: dict[str, Rollup] = {}

    def visit(item: Item) -> Rollup:
        if item.is_task:
            figures = task_rollup(item, plan, as_of)
        else:
            figures = combine((child.weight, visit(child)) for child in item.children)
        out[item.id] = figures
        return figures

    for root in plan.roots:
        visit(root)
    return out


def combine(weighted: Iterable[tuple[int | float | Fraction, Rollup]]) -> Rollup:
    """Add up figures; completion is the weighted mean over the parts that count."""
    total = Rollup(completion=None)
    weight_sum = share_sum = ZERO
    for weight, part in weighted:
        total.done += part.done
        total.total += part.total
        total.dropped += part.dropped
        total.blocked += part.blocked
        total.paces.update(part.paces)
        if part.completion is not None:
            share = exact(weight)
            weight_sum += share
            share_sum += share * part.completion
    if weight_sum:
        total.completion = share_sum / weight_sum
    return total


def plan_rollup(plan: Plan, as_of: dt.date) -> Rollup:
    return combine((root.weight, rollup(root, plan, as_of)) for root in plan.roots)


# ---------------------------------------------------------------- groups of tasks


def task_shares(plan: Plan) -> dict[str, Fraction]:
    """Each counted task's share of the whole plan: the product of weight ÷ the sum of the
    weights of the siblings that count (not wholly dropped) down its path. The shares add up to
    1, and the plan's completion is the sum of share × completion over its tasks; a dropped
    task has no share."""
    shares: dict[str, Fraction] = {}

    def counts(item: Item) -> bool:
        return any(task.status != "dropped" for task in item.tasks())

    def visit(items: list[Item], share: Fraction) -> None:
        counted = [(item, exact(item.weight)) for item in items if counts(item)]
        weights = sum((weight for _, weight in counted), ZERO)
        for item, weight in counted:
            mine = share * weight / weights
            if item.is_task:
                shares[item.id] = mine
            else:
                visit(item.children, mine)

    visit(plan.roots, ONE)
    return shares


def group_rollup(
    tasks: Iterable[Item], plan: Plan, as_of: dt.date, shares: dict[str, Fraction]
) -> Rollup:
    """The figures of any set of tasks, weighted as in the whole plan (``task_shares``): a set
    holding every task shows exactly the plan's total."""
    return combine((shares.get(task.id, ZERO), task_rollup(task, plan, as_of)) for task in tasks)


def group_rollups(plan: Plan, as_of: dt.date, role: str) -> list[tuple[str, Rollup]]:
    """Tasks grouped by who is responsible in ``role`` (``lead_unit``, ``lead`` or ``owner``,
    the nearest one stated on the task or a goal above it; see ``model.responsible_names``), in
    order of first appearance; a task naming several counts in each group, one naming nobody
    comes last under ''."""
    groups: dict[str, list[Item]] = {}
    for task in plan.tasks():
        for name in responsible_names(task, role) or [""]:
            groups.setdefault(name, []).append(task)
    shares = task_shares(plan)
    ordered = sorted(groups.items(), key=lambda kv: kv[0] == "")
    return [(name, group_rollup(tasks, plan, as_of, shares)) for name, tasks in ordered]
