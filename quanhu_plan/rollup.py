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
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from .lights import LIGHTS, PACE_TOLERANCE, Rules, classify, thresholds
from .model import Item, Plan, is_number, responsible_names, smaller_is_better

PACE_CLASSES = ("done", "ahead", "on_pace", "behind", "overdue", "dropped")


ONE = Fraction(1)
ZERO = Fraction(0)


_EXACT: dict[tuple[type, int | float], Fraction] = {}


def exact(value: int | float | Fraction) -> Fraction:
    """A number from the plan as an exact fraction: 33.3 is 333/10, as typed in the file.
    The few values a plan repeats (progress 50, weight 1) are made once."""
    if isinstance(value, Fraction):
        return value
    key = (type(value), value)
    found = _EXACT.get(key)
    if found is None:
        found = Fraction(repr(value)) if isinstance(value, float) else Fraction(value)
        if len(_EXACT) < 4096:
            _EXACT[key] = found
    return found


_PERCENT: dict[tuple[type, int | float], Fraction] = {}


def _percent(value: int | float) -> Fraction:
    key = (type(value), value)
    found = _PERCENT.get(key)
    if found is None:
        found = exact(value) / 100
        if len(_PERCENT) < 4096:
            _PERCENT[key] = found
    return found


def task_completion(task: Item) -> Fraction | None:
    """Done = 1; dropped = None (left out); else what its figure says (``metric_completion``),
    else its progress percent."""
    status = task.status
    if status == "done":
        return ONE
    if status == "dropped":
        return None
    figure = metric_completion(task)
    return figure if figure is not None else _percent(task.get("progress", 0))


def metric_completion(task: Item, actual: Any = None) -> Fraction | None:
    """How far a figure (the task's ``actual``, or the one given) is towards the target, 0..1;
    None when the figure does not measure the task: no target number, no figure, or signs
    that make a ratio say nothing (the task is then measured by its progress).

    Reached (at or above the target, or at or below it where less is better) is 1. Short of
    it: actual ÷ target; where less is better, target ÷ actual (5‰ aimed at, 8‰ reached: 5/8),
    or, for two falls (下降10% aimed at, 下降5% reached), the share of the fall made. A target
    of 0 measures only where less is better (0 accidents: any is short of it)."""
    target = task.get("target")
    figure = task.get("actual") if actual is None else actual
    if not is_number(target) or not is_number(figure):
        return None
    aim, reached = exact(target), exact(figure)
    if smaller_is_better(task):
        if reached <= aim:
            return ONE
        if aim > 0 and reached > 0:
            return aim / reached
        if aim < 0:  # a fall aimed at: the share of it made (none, if it rose)
            return reached / aim if reached < 0 else ZERO
        return ZERO
    if aim == 0:  # "more is better" with nothing to reach says nothing: 0 means "down"
        return None
    if reached >= aim:
        return ONE
    if aim > 0:
        return max(reached, ZERO) / aim
    return None


_WINDOW: dict[tuple[int, int], Fraction] = {}


def _share_of(days: int, window: int) -> Fraction:
    key = (days, window)
    share = _WINDOW.get(key)
    if share is None:
        share = _WINDOW[key] = Fraction(*key)
    return share


def window(task: Item, plan: Plan) -> tuple[dt.date, dt.date]:
    """The days a task has: from its own start (or the plan's) to its due date (or the plan's
    end)."""
    return task.start or plan.start, task.due or plan.end


def expected_completion(task: Item, plan: Plan, as_of: dt.date) -> Fraction:
    """What the task should have done by ``as_of``: the share of its window passed, or, with
    milestones (时间节点), the straight line from one milestone to the next."""
    start, due = window(task, plan)
    if as_of >= due:
        return ONE
    if as_of <= start:
        return ZERO
    points = milestone_path(task, plan)
    if not points:
        return _share_of((as_of - start).days, (due - start).days)
    previous = (start, ZERO)
    for day, share in [*points, (due, ONE)]:
        if as_of <= day:
            begin, base = previous
            if day <= begin:
                return share
            return base + (share - base) * _share_of((as_of - begin).days, (day - begin).days)
        previous = (day, share)
    return ONE


def milestones(task: Item) -> list[tuple[dt.date, Fraction, dict[str, Any]]]:
    """A task's milestones as (day, the share due by then, the milestone table), in order of
    day. A milestone gives its ``progress`` in percent, or a ``value`` of the task's figure."""
    from .periods import last_day

    out = []
    for table in task.get("milestone", []) if isinstance(task.get("milestone"), list) else []:
        day = last_day(table.get("due")) if isinstance(table, dict) else None
        if day is None:
            continue
        if is_number(table.get("progress")):
            share: Fraction | None = exact(table["progress"]) / 100
        else:
            share = metric_completion(task, table.get("value")) if "value" in table else None
        if share is not None:
            out.append((day, min(share, ONE), table))
    return sorted(out, key=lambda point: point[0])


def milestone_path(task: Item, plan: Plan) -> list[tuple[dt.date, Fraction]]:
    """The milestones inside the task's window, as points of the line pace follows."""
    start, due = window(task, plan)
    return [(day, share) for day, share, _ in milestones(task) if start < day < due]


def pace(task: Item, plan: Plan, as_of: dt.date) -> str:
    status = task.status
    if status == "done":
        return "done"
    if status == "dropped":
        return "dropped"
    if as_of > (task.due or plan.end):
        return "overdue"
    return _pace_class(task_completion(task) or ZERO, expected_completion(task, plan, as_of))


def _pace_class(done: Fraction, expected: Fraction) -> str:
    """ahead, on_pace or behind: ``done`` against ``expected``, give or take PACE_TOLERANCE."""
    # gap = done - expected, compared with ±5/100 in whole numbers (no Fraction made per task)
    gap = done.numerator * expected.denominator - expected.numerator * done.denominator
    scale = done.denominator * expected.denominator * PACE_TOLERANCE.numerator
    gap *= PACE_TOLERANCE.denominator
    if gap > scale:
        return "ahead"
    if gap >= -scale:
        return "on_pace"
    return "behind"


# A plain class, not a dataclass: building a dataclass costs ~1 ms of every start-up.
class Rollup:
    """The figures of one item (or of any group of tasks)."""

    __slots__ = ("completion", "done", "total", "dropped", "blocked", "paces", "lights")

    def __init__(
        self,
        completion: Fraction | None,  # weighted mean; None when every task under it is dropped
        done: int = 0,
        total: int = 0,  # tasks not dropped
        dropped: int = 0,
        blocked: int = 0,
        paces: dict[str, int] | None = None,  # tasks of each pace class (every class a key)
        lights: dict[str, int] | None = None,  # tasks of each warning light (红黄绿灯)
    ):
        self.completion, self.done, self.total = completion, done, total
        self.dropped, self.blocked = dropped, blocked
        self.paces: dict[str, int] = paces if paces is not None else dict.fromkeys(PACE_CLASSES, 0)
        self.lights: dict[str, int] = lights if lights is not None else dict.fromkeys(LIGHTS, 0)

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
            "pace": dict(self.paces),
            "light": dict(self.lights),
        }


def task_rollup(task: Item, plan: Plan, as_of: dt.date, rules: Rules | None = None) -> Rollup:
    """A task's figures: its completion, pace class and light, each worked out once (what
    ``pace`` and ``lights.light`` say of it, without computing the same shares three times)."""
    status = task.status
    completion = task_completion(task)
    if status in ("done", "dropped"):
        kind = status
        shown = "green" if status == "done" else None
    elif as_of > (task.due or plan.end):
        kind, shown = "overdue", "red"
    else:
        done = completion or ZERO
        expected = expected_completion(task, plan, as_of)
        kind = _pace_class(done, expected)
        shown = classify(status, False, done, expected, rules or thresholds(plan))
    dropped = kind == "dropped"
    paces = dict.fromkeys(PACE_CLASSES, 0)
    paces[kind] = 1
    lights = dict.fromkeys(LIGHTS, 0)
    if shown is not None:
        lights[shown] = 1
    return Rollup(
        completion=completion,
        done=int(kind == "done"),
        total=0 if dropped else 1,
        dropped=int(dropped),
        blocked=int(task.status == "blocked"),
        paces=paces,
        lights=lights,
    )


def rollup(item: Item, plan: Plan, as_of: dt.date, rules: Rules | None = None) -> Rollup:
    """A task's own figures, or a goal's: the weighted mean of its children's completion."""
    rules = rules or thresholds(plan)
    if item.is_task:
        return task_rollup(item, plan, as_of, rules)
    return combine((child.weight, rollup(child, plan, as_of, rules)) for child in item.children)


def rollups(plan: Plan, as_of: dt.date) -> dict[str, Rollup]:
    """The figures of every item, each visited once; the whole plan's under ``""``."""
    out: dict[str, Rollup] = {}
    rules = thresholds(plan)

    def visit(item: Item) -> Rollup:
        if item.is_task:
            figures = task_rollup(item, plan, as_of, rules)
        else:
            figures = combine((child.weight, visit(child)) for child in item.children)
        out[item.id] = figures
        return figures

    out[""] = combine((root.weight, visit(root)) for root in plan.roots)
    return out


def combine(weighted: Iterable[tuple[int | float | Fraction, Rollup]]) -> Rollup:
    """Add up figures; completion is the weighted mean over the parts that count.

    Exact, and cheap for thousands of parts: weighted completions are summed as whole numbers
    per denominator (a plan has few: 1, 100, its targets), and only those sums become
    fractions."""
    total = Rollup(completion=None)
    paces, lights = total.paces, total.lights
    shares: dict[int, int] = {}  # denominator -> sum of weight × completion numerators
    weights: dict[int, int] = {}  # denominator -> sum of weight numerators
    for weight, part in weighted:
        total.done += part.done
        total.total += part.total
        total.dropped += part.dropped
        total.blocked += part.blocked
        for kind, count in part.paces.items():
            if count:
                paces[kind] += count
        for colour, count in part.lights.items():
            if count:
                lights[colour] += count
        completion = part.completion
        if completion is not None:
            share = exact(weight)
            below = share.denominator
            weights[below] = weights.get(below, 0) + share.numerator
            below *= completion.denominator
            shares[below] = shares.get(below, 0) + share.numerator * completion.numerator
    weight_sum = sum((Fraction(n, d) for d, n in weights.items()), ZERO)
    if weight_sum:
        total.completion = sum((Fraction(n, d) for d, n in shares.items()), ZERO) / weight_sum
    return total


def plan_rollup(plan: Plan, as_of: dt.date) -> Rollup:
    return combine((root.weight, rollup(root, plan, as_of)) for root in plan.roots)


# ---------------------------------------------------------------- groups of tasks


def task_shares(plan: Plan, figures: dict[str, Rollup] | None = None) -> dict[str, Fraction]:
    """Each counted task's share of the whole plan: the product of weight ÷ the sum of the
    weights of the siblings that count (not wholly dropped) down its path. The shares add up to
    1, and the plan's completion is the sum of share × completion over its tasks; a dropped
    task has no share. ``figures`` are the plan's ``rollups`` (any day: dropping is not dated
    here), made if not given."""
    if figures is None:
        figures = rollups(plan, plan.end)
    shares: dict[str, Fraction] = {}

    def visit(items: list[Item], share: Fraction) -> None:
        counted = [
            (item, exact(item.weight)) for item in items if figures[item.id].completion is not None
        ]
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
    tasks: Iterable[Item],
    plan: Plan,
    as_of: dt.date,
    shares: dict[str, Fraction],
    figures: dict[str, Rollup] | None = None,
) -> Rollup:
    """The figures of any set of tasks, weighted as in the whole plan (``task_shares``): a set
    holding every task shows exactly the plan's total."""
    rules = thresholds(plan)
    return combine(
        (
            shares.get(task.id, ZERO),
            figures[task.id] if figures is not None else task_rollup(task, plan, as_of, rules),
        )
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
    for task in plan.tasks():
        for name in responsible_names(task, role) or [""]:
            groups.setdefault(name, []).append(task)
    shares = task_shares(plan, figures)
    ordered = sorted(groups.items(), key=lambda kv: kv[0] == "")
    return [(name, group_rollup(tasks, plan, as_of, shares, figures)) for name, tasks in ordered]
