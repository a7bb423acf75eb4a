"""Roll-up arithmetic: how complete a task, goal or part is, and its pace against the calendar.

Pure: no I/O. Pace (序时进度) follows the county supervision offices' classes: at an as-of date
the share of a task's window (plan start to due date) that has passed is what it should have
done by now; the task is then 已完成, 超进度 (ahead), 达进度 (on pace), 欠进度 (behind),
逾期 (overdue: past due, not done) or 已取消 (dropped).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from .model import Item, Plan, is_rank_metric

PACE_CLASSES = ("done", "ahead", "on_pace", "behind", "overdue", "dropped")

# Within this many percentage points of the expected completion counts as on pace: offices do
# not class a task behind for being a day short.
PACE_TOLERANCE = 0.05


def task_completion(task: Item) -> float | None:
    """Done = 1; dropped = None (left out); else the metric's actual/target (capped at 1) if it
    has both, else its progress percent."""
    status = task.status
    if status == "done":
        return 1.0
    if status == "dropped":
        return None
    target, actual = task.get("target"), task.get("actual")
    if target and actual is not None:
        if is_rank_metric(task):  # a place in a ranking: 第30位 aimed at, 第36位 reached
            return min(target / actual, 1.0) if actual else 1.0
        return min(actual / target, 1.0)
    return task.get("progress", 0) / 100


def expected_completion(task: Item, plan: Plan, as_of: dt.date) -> float:
    """The share of the task's window (plan start to its due date, or the plan's end) passed."""
    start, due = plan.start, task.due or plan.end
    if as_of >= due:
        return 1.0
    if as_of <= start:
        return 0.0
    return (as_of - start).days / (due - start).days


def pace(task: Item, plan: Plan, as_of: dt.date) -> str:
    status = task.status
    if status == "done":
        return "done"
    if status == "dropped":
        return "dropped"
    if as_of > (task.due or plan.end):
        return "overdue"
    gap = (task_completion(task) or 0.0) - expected_completion(task, plan, as_of)
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
        completion: float | None,  # weighted mean; None when every task under it is dropped
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
        return {
            "completion": None if self.completion is None else round(self.completion, 4),
            "done": self.done,
            "total": self.total,
            "dropped": self.dropped,
            "blocked": self.blocked,
            "pace": {name: self.paces[name] for name in PACE_CLASSES},
        }


def rollup(item: Item, plan: Plan, as_of: dt.date) -> Rollup:
    """A task's own figures, or a goal's: the weighted mean of its children's completion."""
    if item.is_task:
        kind = pace(item, plan, as_of)
        dropped = kind == "dropped"
        return Rollup(
            completion=task_completion(item),
            done=int(kind == "done"),
            total=0 if dropped else 1,
            dropped=int(dropped),
            blocked=int(item.status == "blocked"),
            paces=Counter({kind: 1}),
        )
    children = [(child.weight, rollup(child, plan, as_of)) for child in item.children]
    return combine(children)


def combine(weighted: Iterable[tuple[float, Rollup]]) -> Rollup:
    """Add up figures; completion is the weighted mean over the parts that count."""
    total = Rollup(completion=None)
    weight_sum = share_sum = 0.0
    for weight, part in weighted:
        total.done += part.done
        total.total += part.total
        total.dropped += part.dropped
        total.blocked += part.blocked
        total.paces.update(part.paces)
        if part.completion is not None:
            weight_sum += weight
            share_sum += weight * part.completion
    if weight_sum:
        total.completion = share_sum / weight_sum
    return total


def plan_rollup(plan: Plan, as_of: dt.date) -> Rollup:
    return combine((root.weight, rollup(root, plan, as_of)) for root in plan.roots)


def group_rollups(plan: Plan, as_of: dt.date, key: str) -> list[tuple[str, Rollup]]:
    """Tasks grouped by who is responsible (``lead_unit``, ``lead`` or ``owner``), in order of
    first appearance; tasks naming nobody come last under ''."""
    groups: dict[str, list[tuple[float, Rollup]]] = {}
    for task in plan.tasks():
        groups.setdefault(task.get(key) or "", []).append((task.weight, rollup(task, plan, as_of)))
    ordered = sorted(groups.items(), key=lambda kv: kv[0] == "")
    return [(name, combine(parts)) for name, parts in ordered]
