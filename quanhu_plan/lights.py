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
from typing import TYPE_CHECKING, Any

from .model import Item, Plan, is_number

if TYPE_CHECKING:
    from fractions import Fraction

LIGHTS = ("red", "yellow", "green")

# Within this many percentage points of the expected completion counts as on pace (达进度):
# offices do not class a task behind for being a day short. The pace classes use it too.
# Shares here are whole-number ratios (numerator, denominator > 0): no Fraction is made.
PACE_TOLERANCE = (5, 100)

DEFAULT_YELLOW = 5
DEFAULT_RED = 20

Ratio = tuple[int, int]  # a share as (numerator, denominator > 0), reduced
Rules = tuple[Ratio, Ratio, "Ratio | None"]


def thresholds(plan: Plan) -> Rules:
    """(yellow, red) in shares (5 points = (1, 20)), and red_share, from ``[plan.warning]``,
    each a reduced numerator and denominator."""
    from .rollup import exact_ratio, percent_ratio

    rules: Any = plan.meta.get("warning")
    rules = rules if isinstance(rules, dict) else {}

    def points(key: str, default: int) -> Ratio:
        value = rules.get(key, default)
        return percent_ratio(value if is_number(value) else default)

    share = rules.get("red_share")
    return (
        points("yellow", DEFAULT_YELLOW),
        points("red", DEFAULT_RED),
        (exact_ratio(share) if is_number(share) else None),
    )


def light(task: Item, plan: Plan, as_of: dt.date, rules: Rules | None = None) -> str | None:
    """The task's light at ``as_of``: "red", "yellow", "green", or None (dropped; standing
    work not done, 常态推进: no window to fall behind in, ``standing_work.standing``)."""
    from .rollup import breached, expected_ratio, task_ratio
    from .standing_work import standing

    if task.status in ("done", "dropped"):
        return classify(task.status, False, 0, 0, rules or thresholds(plan))
    if standing(task.data):
        return None
    overdue = as_of > (task.due or plan.end)
    colour = _classified(
        task.status,
        overdue,
        task_ratio(task) or (0, 1),
        expected_ratio(task, plan, as_of),
        rules or thresholds(plan),
    )
    # A floor or limit breached is 欠进度 however near the line, so never 绿灯 (``breached``)
    return "yellow" if colour == "green" and breached(task, plan, as_of) else colour


def classify(
    status: str, overdue: bool, done: Fraction | int, expected: Fraction | int, rules: Any
) -> str | None:
    """The light of a task with this status, done this share where ``expected`` was due (the
    rules as ``thresholds`` gives them, or as Fractions)."""
    ratios = tuple(None if r is None or type(r) is tuple else r.as_integer_ratio() for r in rules)
    rules = tuple(r if type(r) is tuple else q for r, q in zip(rules, ratios, strict=True))
    return _classified(status, overdue, done.as_integer_ratio(), expected.as_integer_ratio(), rules)


def _classified(
    status: str, overdue: bool, done: Ratio, expected: Ratio, rules: Rules
) -> str | None:
    if status == "dropped":
        return None
    if status == "done":
        return "green"
    if overdue:
        return "red"
    (dn, dd), (en, ed) = done, expected
    behind_top, below = en * dd - dn * ed, dd * ed  # expected - done, over below > 0
    tolerance_top, tolerance_below = PACE_TOLERANCE
    behind = behind_top * tolerance_below > below * tolerance_top
    return lit(behind_top, below, behind, dn * ed, en * dd, rules)


def lit(
    behind_top: int, below: int, behind: bool, done_top: int, expected_top: int, rules: Rules
) -> str:
    """The light of a task neither done, dropped nor overdue, in whole numbers:
    ``behind_top / below`` is how far it is behind (more than ``PACE_TOLERANCE``: ``behind``);
    ``done_top`` and ``expected_top`` are what it did and should have done, over the same
    ``below``. Red more than ``red`` behind, or behind with less than ``red_share`` of what is
    expected done (early in the year 0 of an expected 0.3 % is on pace, not red); yellow more
    than ``yellow`` behind; else green."""
    (yellow_top, yellow_below), (red_top, red_below), red_share = rules
    if behind_top * red_below > red_top * below:
        return "red"
    if red_share is not None and behind and done_top * red_share[1] < red_share[0] * expected_top:
        return "red"
    if behind_top * yellow_below > yellow_top * below:
        return "yellow"
    return "green"
