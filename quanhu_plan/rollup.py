"""Roll-up arithmetic: how complete a task, goal or part is, and its pace against the calendar.

Pure: no I/O. Pace (序时进度) follows the county supervision offices' classes: at an as-of date
the share of a task's window (from its start, or the day it was added, or the plan's start, to
its due date) that has passed is what it should have done by now; the task is then 已完成,
超进度 (ahead), 达进度 (on pace), 欠进度 (behind), 逾期 (overdue: past due, not done) or
已取消 (dropped); standing work (长期坚持, 常态化: ``standing_work.is_ongoing``) has no window and is
常态推进 (ongoing), never behind nor overdue, and lit no light.

Every figure is exact: completions, shares and the expected share are worked out as whole-number
ratios (numerator, denominator: ``*_ratio``), and given as ``Fraction``s where asked (a float
from the file counts as the decimal it is written as), so exactly 5 points off is on pace and a
group holding every task shows exactly the total. Rounding happens once, for display
(``texts.round_half_up``). A status never makes a Fraction: ``fractions`` (and ``decimal``
with it) loads only where a Fraction is asked for (reports, exports, the county).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from math import gcd
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .lights import LIGHTS, PACE_TOLERANCE, Ratio, Rules, lit, thresholds
from .model import Item, Plan, held_all_year, is_number, pace_start, smaller_is_better
from .standing_work import STANDING_DUE, standing

if TYPE_CHECKING:
    from fractions import Fraction

# (ongoing last: the classes before it are the ones every count and JSON has always had)
PACE_CLASSES = ("done", "ahead", "on_pace", "behind", "overdue", "dropped", "ongoing")


_ONE_RATIO: Ratio = (1, 1)
_ZERO_RATIO: Ratio = (0, 1)


_EXACT: dict[tuple[type, int | float], Ratio] = {}


def exact(value: int | float | Fraction) -> Fraction:
    """A number from the plan as an exact fraction: 33.3 is 333/10, as typed in the file."""
    from fractions import Fraction

    if isinstance(value, Fraction):
        return value
    key = (type(value), value)
    found = _EXACT_FRACTIONS.get(key)
    if found is None:
        found = _fraction_of(exact_ratio(value))
        if len(_EXACT_FRACTIONS) < 4096:
            _EXACT_FRACTIONS[key] = found
    return found


_EXACT_FRACTIONS: dict[tuple[type, Any], Fraction] = {}


def exact_ratio(value: Any) -> Ratio:
    """``exact`` as a reduced numerator and denominator, without making a Fraction. The few
    values a plan repeats (progress 50, weight 1) are worked out once."""
    if type(value) is int:
        return value, 1
    key = (type(value), value)
    found = _EXACT.get(key)
    if found is None:
        found = _decimal_ratio(value) if isinstance(value, float) else _other_ratio(value)
        if len(_EXACT) < 4096:
            _EXACT[key] = found
    return found


def _other_ratio(value: Any) -> Ratio:
    """An int of another type (a bool), a Fraction or a Decimal, as ``Fraction`` reads it."""
    if isinstance(value, int):
        return int(value), 1
    from fractions import Fraction

    return Fraction(value).as_integer_ratio()


def _decimal_ratio(value: float) -> Ratio:
    """A float as the decimal its shortest repr writes (33.3 is 333/10, 1e-05 is 1/100000),
    in whole numbers (``Fraction("33.3")`` is several times slower)."""
    text = repr(value)
    if "n" in text:  # inf, nan: the general way (which refuses them, as ever)
        from fractions import Fraction

        return Fraction(text).as_integer_ratio()
    digits, _, power = text.partition("e")
    whole, _, decimals = digits.partition(".")
    top, below = int(whole + decimals), 10 ** len(decimals)
    shift = int(power) if power else 0
    if shift > 0:
        top *= 10**shift
    elif shift < 0:
        below *= 10**-shift
    return reduced(top, below)


def percent_ratio(value: Any) -> Ratio:
    """A progress in percent as a share: 50 is (1, 2)."""
    found = _PERCENT_RATIO.get(value) if type(value) is int else None
    if found is None:
        top, below = exact_ratio(value)
        found = reduced(top, below * 100)
    return found


_FRACTIONS: dict[Ratio, Fraction] = {}


def _fraction(ratio: Ratio | None) -> Fraction | None:
    """A ratio as a Fraction, for the callers that ask for one (a report asks it of every
    task: the few a plan repeats are made once)."""
    return None if ratio is None else _fraction_of(ratio)


def _fraction_of(ratio: Ratio) -> Fraction:
    found = _FRACTIONS.get(ratio)
    if found is None:
        from fractions import Fraction

        found = Fraction(*ratio)
        if len(_FRACTIONS) < 4096:
            _FRACTIONS[ratio] = found
    return found


def task_completion(task: Item) -> Fraction | None:
    """Done = 1; dropped = None (left out); else what its figure says (``metric_completion``),
    else its progress percent."""
    ratio = task_ratio(task)
    if ratio is None:
        return None
    return _FRACTIONS.get(ratio) or _fraction_of(ratio)


def task_ratio(task: Item) -> Ratio | None:
    """``task_completion`` as a reduced numerator and denominator."""
    data = task.data
    status = data.get("status")
    if status == "done":
        return _ONE_RATIO
    if status == "dropped":
        return None
    figure = metric_ratio(task) if "target" in data else None
    if figure is not None:
        return figure
    progress = data.get("progress", 0)
    return (type(progress) is int and _PERCENT_RATIO.get(progress)) or percent_ratio(progress)


def metric_completion(task: Item, actual: Any = None) -> Fraction | None:
    """How far a figure (the task's ``actual``, or the one given) is towards the target, 0..1;
    None when the figure does not measure the task: no target number, no figure, or signs
    that make a ratio say nothing (the task is then measured by its progress).

    Reached (at or above the target, or at or below it where less is better) is 1. Short of
    it: actual ÷ target; where less is better, target ÷ actual (5‰ aimed at, 8‰ reached: 5/8),
    or, for two falls (下降10% aimed at, 下降5% reached), the share of the fall made. A target
    of 0 measures only where less is better (0 accidents: any is short of it)."""
    return _fraction(metric_ratio(task, actual))


def metric_ratio(task: Item, actual: Any = None) -> tuple[int, int] | None:
    """``metric_completion`` as a reduced numerator and denominator (> 0), without making a
    Fraction: the roll-up adds them up as whole numbers, a change asks whether a figure
    reaches the target (``(1, 1)``)."""
    data = task.data
    figure: Any = data.get("actual") if actual is None else actual
    return _ratio(data.get("target"), figure, task)


def _ratio(target: Any, figure: Any, task: Item | None, smaller: bool = False) -> Any:
    """``metric_ratio`` of a target and a figure; whether less is better is the task's
    (``smaller_is_better``), or ``smaller`` without one."""
    if not (type(target) is int or is_number(target)):
        return None
    if not (type(figure) is int or is_number(figure)):
        return None
    # In whole numbers: aim = an / ad, reached = rn / rd (denominators > 0).
    an, ad = (target, 1) if type(target) is int else exact_ratio(target)
    rn, rd = (figure, 1) if type(figure) is int else exact_ratio(figure)
    short_of = rn * ad - an * rd  # the sign of reached - aim
    if smaller_is_better(task) if task is not None else smaller:
        if short_of <= 0:
            return 1, 1
        if an > 0 and rn > 0:
            return reduced(an * rd, ad * rn)
        if an < 0:  # a fall aimed at: the share of it made (none, if it rose)
            return reduced(rn * ad, rd * an) if rn < 0 else (0, 1)
        return 0, 1
    if an == 0:  # "more is better" with nothing to reach says nothing: 0 means "down"
        return None
    if short_of >= 0:
        return 1, 1
    if an > 0:
        return reduced(rn * ad, rd * an) if rn > 0 else (0, 1)
    return None


def reduced(top: int, below: int) -> tuple[int, int]:
    """top / below in lowest terms, the denominator positive (as ``Fraction`` keeps it)."""
    common = gcd(top, below)
    if below < 0:
        common = -common
    return top // common, below // common


# A whole-number progress's share (most progress is a whole number of percent), reduced.
_PERCENT_RATIO = {value: reduced(value, 100) for value in range(101)}


_WINDOW_RATIO: dict[tuple[int, int], tuple[int, int]] = {}


def _share_ratio(days: int, window: int) -> tuple[int, int]:
    """The share ``days`` are of ``window``, reduced (worked out once for each pair)."""
    key = (days, window)
    share = _WINDOW_RATIO.get(key)
    if share is None:
        share = _WINDOW_RATIO[key] = reduced(days, window)
    return share


def window(task: Item, plan: Plan) -> tuple[dt.date, dt.date]:
    """The days a task has: from its own start (or the day it was added, or the plan's start,
    whichever is later: ``model.pace_start``) to its due date (or the plan's end)."""
    start = task.start
    if start is None:
        added = pace_start(task.data)
        start = max(added[1], plan.start) if type(added) is tuple else plan.start
    return start, task.due or plan.end


def holds_figure(task: Item) -> bool:
    """A figure held all year (``model.held_all_year``: 控制在5‰以内, ≥98%) with a figure
    recorded: from its window's first day the whole of it is expected (held is on pace,
    breached behind), not the share of the window passed. Without a figure yet nothing says it
    is held or breached: it is paced by its progress as any task (and falls behind as the year
    passes unreported, rather than being behind from its first day)."""
    data = task.data
    return "target" in data and held_all_year(data) and metric_ratio(task) is not None


def expected_completion(task: Item, plan: Plan, as_of: dt.date) -> Fraction:
    """What the task should have done by ``as_of``: the share of its window passed, or, with
    milestones (时间节点), the straight line from one milestone to the next; the whole of a
    figure held all year once its window has started (``holds_figure``)."""
    return _fraction_of(expected_ratio(task, plan, as_of))


def expected_ratio(task: Item, plan: Plan, as_of: dt.date) -> Ratio:
    """``expected_completion`` as a reduced numerator and denominator."""
    start, due = window(task, plan)
    if as_of >= due:
        return _ONE_RATIO
    if as_of <= start:
        return _ZERO_RATIO
    if holds_figure(task):
        return _ONE_RATIO
    points = _milestone_points(task, plan)
    if not points:
        return _share_ratio((as_of - start).days, (due - start).days)
    previous = (start, _ZERO_RATIO)
    for day, share in [*points, (due, _ONE_RATIO)]:
        if as_of <= day:
            begin, base = previous
            if day <= begin:
                return share
            # base + (share - base) × passed / length, in whole numbers
            (bn, bd), (sn, sd) = base, share
            passed, length = (as_of - begin).days, (day - begin).days
            return reduced(bn * sd * length + (sn * bd - bn * sd) * passed, bd * sd * length)
        previous = (day, share)
    return _ONE_RATIO


def milestones(task: Item) -> list[tuple[dt.date, Fraction, dict[str, Any]]]:
    """A task's milestones as (day, the share due by then, the milestone table), in order of
    day. A milestone gives its ``progress`` in percent, or a ``value`` of the task's figure."""
    return [(day, _fraction_of(share), table) for day, share, table in milestone_ratios(task)]


def milestone_ratios(task: Item) -> list[tuple[dt.date, Ratio, dict[str, Any]]]:
    """``milestones``, each share a reduced numerator and denominator."""
    from .periods import last_day

    out = []
    for table in task.get("milestone", []) if isinstance(task.get("milestone"), list) else []:
        day = last_day(table.get("due")) if isinstance(table, dict) else None
        if day is None:
            continue
        share = milestone_share(task, table)
        if share is not None:
            out.append((day, share, table))
    return sorted(out, key=lambda point: point[0])


def milestone_share(task: Item, table: dict[str, Any]) -> Ratio | None:
    """The share of the task a milestone asks for, capped at the whole: its ``progress`` in
    percent, or its ``value`` against the task's target (None when it has neither, or the task
    no target). Of ``task`` as given: a milestone passed is judged by the task as it stood on its
    day (``records.Milestones``), its figure against the target it had then."""
    if is_number(table.get("progress")):
        share: Ratio | None = percent_ratio(table["progress"])
    else:
        share = metric_ratio(task, table.get("value")) if "value" in table else None
    if share is None:
        return None
    return _ONE_RATIO if share[0] >= share[1] else share


def milestone_path(task: Item, plan: Plan) -> list[tuple[dt.date, Fraction]]:
    """The milestones inside the task's window, as points of the line pace follows."""
    return [(day, _fraction_of(share)) for day, share in _milestone_points(task, plan)]


def _milestone_points(task: Item, plan: Plan) -> list[tuple[dt.date, Ratio]]:
    """``milestone_path``, each share a reduced numerator and denominator."""
    if "milestone" not in task.data:  # most tasks
        return []
    start, due = window(task, plan)
    return [(day, share) for day, share, _ in milestone_ratios(task) if start < day < due]


def breached(task: Item, plan: Plan, as_of: dt.date) -> bool:
    """A figure held all year (``holds_figure``) not held at ``as_of``, inside its window (its
    first day passed, its deadline not): a floor or a limit is held or breached, and a breach is
    欠进度 however near the line (95% against ≥98% is not "on pace" within the 5 points a task
    paced by the calendar is allowed), lit at least 黄灯 (``lights.light``)."""
    if task.status in ("done", "dropped") or not holds_figure(task):
        return False
    start, due = window(task, plan)
    done = task_ratio(task) or _ZERO_RATIO
    return start < as_of <= due and done[0] < done[1]


def pace(task: Item, plan: Plan, as_of: dt.date) -> str:
    status = task.status
    if status == "done":
        return "done"
    if status == "dropped":
        return "dropped"
    if standing(task.data):
        return "ongoing"
    if as_of > (task.due or plan.end):
        return "overdue"
    if breached(task, plan, as_of):
        return "behind"
    done = task_ratio(task) or _ZERO_RATIO
    return _pace_class(done, expected_ratio(task, plan, as_of))


def _pace_class(done: Ratio, expected: Ratio) -> str:
    """ahead, on_pace or behind: ``done`` against ``expected``, give or take PACE_TOLERANCE."""
    # gap = done - expected, compared with ±5/100 in whole numbers
    (dn, dd), (en, ed) = done, expected
    tolerance_top, tolerance_below = PACE_TOLERANCE
    gap = (dn * ed - en * dd) * tolerance_below
    scale = dd * ed * tolerance_top
    if gap > scale:
        return "ahead"
    if gap >= -scale:
        return "on_pace"
    return "behind"


# A plain class, not a dataclass: building a dataclass costs ~1 ms of every start-up.
class Rollup:
    """The figures of one item (or of any group of tasks). A task's figures also say its pace
    class (``kind``) and light; a group's have None there. A task's figures are never changed
    once made (its counts are shared, read-only mappings); ``rollup_tree.combine`` makes a group's afresh."""

    __slots__ = (
        "_completion",
        "done",
        "total",
        "dropped",
        "blocked",
        "held",
        "paces",
        "lights",
        "kind",
        "light",
        "ratio",
    )

    def __init__(
        self,
        completion: Fraction | None,  # weighted mean; None when every task under it is dropped
        done: int = 0,
        total: int = 0,  # tasks not dropped
        dropped: int = 0,
        blocked: int = 0,
        paces: Mapping[str, int] | None = None,  # tasks of each pace class (every class a key)
        lights: Mapping[str, int] | None = None,  # tasks of each warning light (红黄绿灯)
        held: int = 0,  # figures held all year, held so far (``records.limits_held``)
    ):
        self._completion, self.done, self.total = completion, done, total
        self.dropped, self.blocked, self.held = dropped, blocked, held
        self.paces: Mapping[str, int] = (
            paces if paces is not None else dict.fromkeys(PACE_CLASSES, 0)
        )
        self.lights: Mapping[str, int] = lights if lights is not None else dict.fromkeys(LIGHTS, 0)
        self.kind: str | None = None
        self.light: str | None = None
        # The completion as (numerator, denominator), for ``rollup_tree.combine``.
        self.ratio = None if completion is None else completion.as_integer_ratio()

    @property
    def completion(self) -> Fraction | None:
        """A task's completion is made from ``ratio`` when first asked for: a roll-up adds up
        the ratios, and views ask for the completion of the few rows they show."""
        completion = self._completion
        if completion is None and self.ratio is not None:
            completion = self._completion = _fraction(self.ratio)
        return completion

    @property
    def complete(self) -> bool:
        """Whether the completion is 100% exactly (``completion == 1``), asked of ``ratio``
        (reduced, its denominator positive): no Fraction made (a status asks it of every row)."""
        return self.ratio == (1, 1)

    def __repr__(self) -> str:
        return f"Rollup({self.to_dict()!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Rollup) and self.to_dict() == other.to_dict()

    @property
    def overdue(self) -> int:
        return self.paces["overdue"]

    def to_dict(self) -> dict[str, object]:
        from .texts import ratio_value

        return {
            "completion": ratio_value(self.ratio),
            "done": self.done,
            "total": self.total,
            "dropped": self.dropped,
            "blocked": self.blocked,
            "held": self.held,
            "pace": dict(self.paces),
            "light": dict(self.lights),
        }


# One read-only count per pace class and per light, shared by every task's figures.
_ONE_PACE = {
    kind: MappingProxyType({k: int(k == kind) for k in PACE_CLASSES}) for kind in PACE_CLASSES
}
_ONE_LIGHT = {
    colour: MappingProxyType({k: int(k == colour) for k in LIGHTS}) for colour in (*LIGHTS, None)
}


def _task_figures(
    ratio: tuple[int, int] | None,  # the completion, reduced; None for a dropped task
    kind: str,
    shown: str | None,
    blocked: bool,
    completion: Fraction | None = None,  # the same as a Fraction, if made already
    held: bool = False,  # a figure held all year, held so far (``records.limits_held``)
) -> Rollup:
    figures = Rollup.__new__(Rollup)
    figures._completion = completion
    figures.ratio = ratio
    figures.done = int(kind == "done")
    figures.dropped = int(kind == "dropped")
    figures.total = 1 - figures.dropped
    figures.blocked = int(blocked)
    figures.held = int(held)
    figures.paces = _ONE_PACE[kind]
    figures.lights = _ONE_LIGHT[shown]
    figures.kind, figures.light = kind, shown
    return figures


# Every task done (or dropped) has the same figures: made once.
_SETTLED = {
    "done": _task_figures(_ONE_RATIO, "done", "green", False),
    "dropped": _task_figures(None, "dropped", None, False),
}


def task_rollup(task: Item, plan: Plan, as_of: dt.date, rules: Rules | None = None) -> Rollup:
    """A task's figures: its completion, pace class and light, each worked out once (what
    ``pace`` and ``lights.light`` say of it, in whole numbers, without a Fraction made per
    task)."""
    return task_judge(plan, as_of, rules or thresholds(plan))(task)


def task_judge(plan: Plan, as_of: dt.date, rules: Rules) -> Callable[[Item], Rollup]:
    """``task_rollup`` for every task of one plan on one day (see ``task_judges``)."""
    return task_judges(plan, as_of, rules)[0]


def task_judges(
    plan: Plan, as_of: dt.date, rules: Rules
) -> tuple[Callable[[Item], Rollup], dict[tuple[Any, ...], Rollup], Callable[[Any], Rollup]]:
    """``task_rollup`` for every task of one plan on one day: what is the same for all of them
    (the plan's window, the thresholds) is looked up once, and tasks measured by their progress
    alone are judged once for each status, progress, due date and start they have between
    them: those four fields make a task's figures, and a big plan's tasks repeat them.

    A task whose table is not loaded is judged by its sketch's key (``sketches.Sketch``), once for
    each key. Also given: the figures judged so far by key (``known``), and the figures of a
    key (``keyed``)."""
    work, fields = _work(plan, as_of, rules)
    known: dict[tuple[Any, ...], Rollup] = {}

    def keyed(key: tuple[Any, ...]) -> Rollup:
        figures = known.get(key)
        if figures is None:
            status = key[0]
            figures = _SETTLED.get(status)
            if figures is None:
                progress = key[1]
                if progress is None:
                    progress = 0
                if len(key) > 4:  # a figure towards a target
                    ratio = _ratio(key[4], key[5], None, key[6])
                    held = ratio is not None and key[7]
                    figures = fields(status, ratio, progress, key[2], key[3], None, held)
                else:
                    figures = fields(status, None, progress, key[2], key[3], None)
            known[key] = figures
        return figures

    def judge(task: Item) -> Rollup:
        sketch = task.sketch  # a task whose table is not loaded: its sketch's key says
        if sketch is not None and sketch[2] is not None:
            return known.get(sketch[2]) or keyed(sketch[2])
        data = task.data
        status = data.get("status")
        if status == "done" or status == "dropped":
            return _SETTLED[status]
        if "target" in data or "milestone" in data or standing(data):  # (not by the key)
            return work(task)
        key = (status, data.get("progress"), data.get("due"), pace_start(data))
        try:
            figures = known.get(key)
        except TypeError:  # a value no key can hold (a list where a date goes: not a valid plan)
            return work(task)
        if figures is None:
            figures = known[key] = work(task)
        return figures

    return judge, known, keyed


def _work(
    plan: Plan, as_of: dt.date, rules: Rules
) -> tuple[Callable[[Item], Rollup], Callable[..., Rollup]]:
    """``task_judge`` without its memory: a task's figures worked out; and the same of the fields
    that make them (a task, to be asked for its milestones, only where it has some)."""
    plan_start, plan_end = plan.start, plan.end
    tolerance_top, tolerance_below = PACE_TOLERANCE
    # Figures of tasks measured by a whole-number progress, by (progress, pace class, light,
    # blocked): the same four make the same figures, made once (figures are never changed).
    alike: dict[tuple[int, str, str, bool], Rollup] = {}
    # The same of tasks measured otherwise, by their completion's (numerator, denominator).
    by_ratio: dict[tuple[tuple[int, int], str, str, bool, bool], Rollup] = {}
    # Each task's window as its due date and start make it (``_window``), by the two as
    # written: a big plan's thousands of tasks have a few dozen deadlines between them.
    windows: dict[tuple[Any, Any], Any] = {}

    def _window(due: Any, start: Any) -> Any:
        """The window of a task due ``due`` and paced from ``start`` (as its table or key says
        them): ``STANDING_DUE`` for standing work (no window); else its due day, ``None`` where
        it is overdue, or its first day and the share of it gone (``(en, ed)``: 1 from its due
        day on, 0 up to its start, else the days gone over the days it has); a figure held all
        year and a task with milestones expect otherwise inside the window (``fields``)."""
        if type(due) is str and due == STANDING_DUE:  # 常态推进: no window, no light
            return STANDING_DUE
        if due is None:
            due = plan_end
        elif type(due) is not dt.date:
            due = _last_day(due) or plan_end  # as Item.due says
        if as_of > due:
            return due, None, 0, 0
        if start is None:
            start = plan_start
        elif type(start) is tuple:  # (ADDED, day): paced from the day it was added, if later
            start = max(start[1], plan_start)
        elif type(start) is not dt.date:
            start = _first_day(start) or plan_start  # as Item.start says
        if as_of >= due:
            return due, start, 1, 1
        if as_of <= start:
            return due, start, 0, 1
        return due, start, *_share_ratio((as_of - start).days, (due - start).days)

    def judge(task: Item) -> Rollup:
        data = task.data
        status: Any = data.get("status")
        settled = _SETTLED.get(status)
        if settled is not None:
            return settled
        ratio = metric_ratio(task) if "target" in data else None
        return fields(
            status,
            ratio,
            data.get("progress", 0),
            STANDING_DUE if standing(data) else data.get("due"),
            pace_start(data),
            task if "milestone" in data else None,
            ratio is not None and held_all_year(data),
        )

    def fields(
        status: Any,
        ratio: Any,
        progress: Any,
        due: Any,
        start: Any,
        milestones: Item | None,
        held: bool = False,  # a figure held all year (``holds_figure``)
    ) -> Rollup:
        completion: Fraction | None = None  # made from ratio when asked for
        if ratio is None:  # measured by its progress (task_completion)
            ratio = _PERCENT_RATIO.get(progress) if type(progress) is int else None
            if ratio is None:
                ratio, progress = percent_ratio(progress), None
        else:
            progress = None
        if type(due) is dt.date and as_of > due:  # overdue (every task late at a year's end)
            return _alike(progress, "overdue", "red", status == "blocked", ratio, completion)
        try:
            window = windows.get((due, start))
        except TypeError:  # a value no key can hold (a list where a date goes: not valid)
            window = _window(due, start)
        else:
            if window is None:
                window = windows[due, start] = _window(due, start)
        if window is STANDING_DUE:
            return _task_figures(ratio, "ongoing", None, status == "blocked", completion)
        due, start, en, ed = window
        if start is None:
            kind, shown = "overdue", "red"
            return _alike(progress, kind, shown, status == "blocked", ratio, completion)
        if start < as_of < due:  # inside the window: what is expected by now
            if held:
                en, ed = 1, 1
            elif milestones is not None:
                en, ed = expected_ratio(milestones, plan, as_of)
        # behind = expected - done, as behind_top / below (below > 0)
        dn, dd = ratio
        behind_top, below = en * dd - dn * ed, dd * ed
        pace_line = below * tolerance_top
        behind_scaled = behind_top * tolerance_below
        if held and start < as_of and dn < dd:  # a breach, however near (``breached``)
            kind = "behind"
        elif behind_scaled < -pace_line:
            kind = "ahead"
        elif behind_scaled <= pace_line:
            kind = "on_pace"
        else:
            kind = "behind"
        shown = lit(behind_top, below, kind == "behind", dn * ed, en * dd, rules)
        if held and kind == "behind" and shown == "green":  # a breach is never 绿灯
            shown = "yellow"
        blocked = status == "blocked"
        if held and not blocked and dn == dd and as_of < due:  # held so far (records.limits_held)
            return _alike(progress, kind, shown, blocked, ratio, completion, True)
        return _alike(progress, kind, shown, blocked, ratio, completion)

    def _alike(
        progress: int | None,
        kind: str,
        shown: str,
        blocked: bool,
        ratio: tuple[int, int],
        completion: Fraction | None,
        held: bool = False,
    ) -> Rollup:
        if progress is None:  # a figure towards a target (or a progress not whole): by ratio
            found = by_ratio.get((ratio, kind, shown, blocked, held))
            if found is None:
                found = _task_figures(ratio, kind, shown, blocked, completion, held)
                by_ratio[ratio, kind, shown, blocked, held] = found
            return found
        key = (progress, kind, shown, blocked)
        figures = alike.get(key)
        if figures is None:
            figures = alike[key] = _task_figures(ratio, kind, shown, blocked, completion)
        return figures

    return judge, fields


def _last_day(value: Any) -> dt.date | None:
    from .periods import last_day

    return last_day(value)


def _first_day(value: Any) -> dt.date | None:
    from .periods import first_day

    return first_day(value)
