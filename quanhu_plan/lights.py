"""红黄绿灯: the warning light of a task, by how far it is behind what it should have done by now.
Pure: no I/O.

Counties set their own rules, so a plan may set the thresholds in ``[plan.warning]``:

    [plan.warning]
    yellow = 5       # 黄灯: more than 5 points behind the expected progress (the default)
    red = 20         # 红灯: more than 20 points behind (the default)
    red_share = 0.5  # also 红灯 when less than half of what is expected is done (no default)

A task is 红灯 when it is overdue (past its deadline, not done), more than ``red`` points behind,
or behind (more than 5 points) with less than ``red_share`` of what is expected done; 黄灯 when more than ``yellow`` points
behind; else 绿灯 (on pace, ahead, or done). A figure held all year (控制在5‰以内, ≥98%) and
breached is at least 黄灯, however near its line (``rollup.breached``). A dropped task has no
light.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from .model import Item, Plan, is_number

LIGHTS = ("red", "yellow", "green")

# Within this many percentage points of the expected completion counts as on pace (达进度):
# offices do not class a task behind for being a day short. The pace classes use it too.
PACE_TOLERANCE = Fraction(5, 100)

DEFAULT_YELLOW = 5
DEFAULT_RED = 20


def thresholds(plan: Plan) -> tuple[Fraction, Fraction, Fraction | None]:
    """(yellow, red) in shares (5 points = 5/100), and red_share, from ``[plan.warning]``."""
    from .rollup import exact

    rules: Any = plan.meta.get("warning")
    rules = rules if isinstance(rules, dict) else {}

    def points(key: str, default: int) -> Fraction:
        value = rules.get(key, default)
        return exact(value if is_number(value) else default) / 100

    share = rules.get("red_share")
    return (
        points("yellow", DEFAULT_YELLOW),
        points("red", DEFAULT_RED),
        (exact(share) if is_number(share) else None),
    )


Rules = tuple[Fraction, Fraction, "Fraction | None"]


def light(task: Item, plan: Plan, as_of: dt.date, rules: Rules | None = None) -> str | None:
    """The task's light at ``as_of``: "red", "yellow", "green", or None (dropped; standing
    work not done, 常态推进: no window to fall behind in, ``standing_work.standing``)."""
    from .rollup import ZERO, breached, expected_completion, task_completion
    from .standing_work import standing

    if task.status in ("done", "dropped"):
        return classify(task.status, False, ZERO, ZERO, rules or thresholds(plan))
    if standing(task.data):
        return None
    overdue = as_of > (task.due or plan.end)
    done = task_completion(task) or ZERO
    colour = classify(
        task.status,
        overdue,
        done,
        expected_completion(task, plan, as_of),
        rules or thresholds(plan),
    )
    # A floor or limit breached is 欠进度 however near the line, so never 绿灯 (``breached``)
    return "yellow" if colour == "green" and breached(task, plan, as_of) else colour


def classify(
    status: str, overdue: bool, done: Fraction, expected: Fraction, rules: Rules
) -> str | None:
    """The light of a task with this status, done this share where ``expected`` was due."""
    if status == "dropped":
        return None
    if status == "done":
        return "green"
    if overdue:
        return "red"
    yellow, red, red_share = rules
    behind = expected - done
    if behind > red:
        return "red"
    # Less than red_share of what is due: red, once the task is behind at all (early in the
    # year 0 of an expected 0.3 % is on pace, not red).
    if red_share is not None and behind > PACE_TOLERANCE and done < red_share * expected:
        return "red"
    if behind > yellow:
        return "yellow"
    return "green"
