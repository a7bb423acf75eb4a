"""Roll-up of a plan's tree: the figures of every item, each visited once, and of a group as
its members' added up (``combine``), exactly, with one sum per denominator. What one task's
figures are (its completion, pace class and light) is ``rollup``'s.

Pure: no I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from itertools import compress, repeat
from math import gcd
from operator import attrgetter, contains, itemgetter
from typing import TYPE_CHECKING, Any

from .lights import LIGHTS, Rules, thresholds
from .model import Item, Plan, aims_of_alike, pace_start
from .rollup import PACE_CLASSES, Rollup, exact_ratio, reduced, task_judge, task_judges
from .standing_work import standing

if TYPE_CHECKING:
    from fractions import Fraction


def rollup(item: Item, plan: Plan, as_of: dt.date, rules: Rules | None = None) -> Rollup:
    """A task's own figures, or a goal's: the weighted mean of its children's completion (the
    items under it added up as ``rollups`` adds them up, without the tasks' figures kept)."""
    if item.is_task:
        return task_judge(plan, as_of, rules or thresholds(plan))(item)
    return _added_up(plan, as_of, rules or thresholds(plan), {}, tasks=False)(item.children)


def rollups(plan: Plan, as_of: dt.date, tasks: bool = True) -> dict[str, Rollup]:
    """The figures of every item, each visited once; the whole plan's under ``""``. Each
    level is added up as ``combine`` does, in one loop (no call per task where a task's
    figures are known by its key). Without ``tasks``, the figures of tasks may be left out (a
    status shows parts and goals alone): a goal's tasks judged by their keys alone, each of
    weight 1, are added up from the keys (``plain_keys``)."""
    out: dict[str, Rollup] = {}
    out[""] = _added_up(plan, as_of, thresholds(plan), out, tasks)(plan.roots)
    return out


def _added_up(
    plan: Plan, as_of: dt.date, rules: Rules, out: dict[str, Rollup], tasks: bool
) -> Callable[[list[Item]], Rollup]:
    """What adds up a list of siblings (``rollups``), keeping each item's figures in ``out``
    (by its id; without ``tasks``, a goal's tasks added up from their keys may be left out)."""
    judge, known, keyed = task_judges(plan, as_of, rules)

    def visit(items: list[Item]) -> Rollup:
        alike: dict[Any, list[Any]] = {}
        keys = None if tasks else plain_keys(items)
        if keys is not None:  # tasks judged by their keys alone, each of weight 1
            try:
                return keyed_combined(keys, known, keyed)
            except TypeError:  # a value no key can hold (a list where a date goes: not valid)
                pass
        for item in items:
            sketch = item.sketch  # an item whose table is not loaded: its sketch says
            if item.children:
                figures = visit(item.children)
            elif sketch is not None and sketch[2] is not None:
                figures = known.get(sketch[2]) or keyed(sketch[2])
            else:
                figures = judge(item)
            counted(out, alike, item, figures)
        return combined(alike.values())

    return visit


def keyed_combined(
    keys: Iterable[Any], known: dict[Any, Rollup], keyed: Callable[[Any], Rollup]
) -> Rollup:
    """``tasks_combined`` of tasks judged by their keys alone (``task_judges``' ``known`` and
    ``keyed``), each of weight 1: the figures of each key counted once, times how many share
    them."""
    get = known.get
    alike: dict[int, list[Any]] = {}
    for key in keys:
        figures = get(key) or keyed(key)
        found = alike.get(id(figures))
        if found is None:
            alike[id(figures)] = [1, figures, 1]
        else:
            found[2] += 1
    return tasks_combined(alike.values())


def counted(
    out: dict[str, Rollup], alike: dict[Any, list[Any]], item: Item, figures: Rollup
) -> None:
    """``figures`` kept as the item's (``out``, by its id) and counted among its siblings',
    alike figures of the same weight once with their count (``alike``, for ``combined``)."""
    sketch = item.sketch  # an item whose table is not loaded: its sketch says
    if sketch is None:
        data = item.data
        out[data["id"]] = figures
        weight = data.get("weight", 1)
    else:
        out[sketch[0]] = figures
        weight = sketch[1]
    found = alike.get((id(figures), weight))
    if found is None:
        alike[id(figures), weight] = [weight, figures, 1]
    else:
        found[2] += 1


_DATA = attrgetter("data")
_KEY, _WEIGHT = itemgetter(2), itemgetter(1)


def plain_keys(items: list[Item]) -> list[Any] | None:
    """The keys ``task_judges`` judges siblings by, when they are all tasks judged by their keys
    alone and each of weight 1 (a goal's tasks, as a big plan has them); else None. Either
    every one's table is not loaded (its sketch's key: ``sketches.Sketch``), or every one's is
    and none has milestones nor is standing work (the key its table makes, as its sketch's would say it). Asked of
    them all at once, with no Python call per item (each item's slots read in a comprehension
    and a loop: faster so than through an attrgetter)."""
    sketches: list[Any] = [item.sketch for item in items]
    for item in items:
        if item.children:
            return None
    if None not in sketches:
        keys = list(map(_KEY, sketches))
        if None in keys or list(map(_WEIGHT, sketches)).count(1) != len(keys):
            return None
        return keys
    if sketches.count(None) != len(sketches):
        return None
    tables = list(map(_DATA, items))
    if any(map(contains, tables, repeat("milestone"))):
        return None
    if not all(map(contains, tables, repeat("due"))) and any(map(standing, tables)):
        return None  # standing work (常态推进): judged by its table, not a key
    if any(map(contains, tables, repeat("weight"))):
        if [table.get("weight", 1) for table in tables].count(1) != len(tables):
            return None
    # Each field a column, taken at C speed (no Python step per table): a task's pace start
    # is its ``start`` unless it has a log (``pace_start``), asked of those alone.
    starts = list(map(dict.get, tables, repeat("start")))
    for n in compress(range(len(tables)), map(contains, tables, repeat("log"))):
        starts[n] = pace_start(tables[n])
    keys = list(
        zip(
            map(dict.get, tables, repeat("status")),
            map(dict.get, tables, repeat("progress")),
            map(dict.get, tables, repeat("due")),
            starts,
            strict=True,
        )
    )
    aims = aims_of_alike()  # (smaller_is_better, held_all_year: once for figures alike)
    for n in compress(range(len(tables)), map(contains, tables, repeat("target"))):
        table = tables[n]  # and what its figure makes, as its sketch's key says it
        keys[n] += (table["target"], table.get("actual"), *aims(table))
    return keys


def combine(weighted: Iterable[tuple[int | float | Fraction | tuple[int, int], Rollup]]) -> Rollup:
    """Add up figures; completion is the weighted mean over the parts that count.

    Parts alike (the same figures, which tasks alike share, and the same weight) are added up
    once, times their number (``combined``)."""
    alike: dict[tuple[int, Any], list[Any]] = {}
    for weight, part in weighted:
        key = (id(part), weight)
        found = alike.get(key)
        if found is None:
            alike[key] = [weight, part, 1]
        else:
            found[2] += 1
    return combined(alike.values())


def combined(counted: Iterable[list[Any]]) -> Rollup:
    """``combine`` of parts given as ``[weight, figures, how many]``.

    Exact, and cheap for thousands of parts: the weighted completions and the weights are
    summed as whole numerators, one sum per denominator (a plan's progress has few), and only
    those sums are brought over a common denominator (``_over_one``). The counts are the pace
    classes': done and dropped are classes, and every task not dropped counts in the total."""
    blocked = held = 0
    paces = dict.fromkeys(PACE_CLASSES, 0)
    lights = dict.fromkeys(LIGHTS, 0)
    tops: dict[int, int] = {}  # Σ weight × completion: a numerator per denominator
    weights: dict[int, int] = {}  # Σ weight of the parts that count, the same way
    for weight, part, count in counted:
        kind = part.kind
        if kind is not None:  # a task: one of a class and of a light
            paces[kind] += count
            if part.light is not None:
                lights[part.light] += count
            if part.blocked:
                blocked += count
            if part.held:
                held += count
        else:
            for kind, number in part.paces.items():
                if number:
                    paces[kind] += number * count
            for colour, number in part.lights.items():
                if number:
                    lights[colour] += number * count
            blocked += part.blocked * count
            held += part.held * count
        ratio = part.ratio
        if ratio is None:
            continue
        if type(weight) is int:
            wn, wd = weight * count, 1
        elif type(weight) is tuple:  # (numerator, denominator > 0): ``task_share_ratios``
            wn, wd = weight
            wn *= count
        else:
            wn, wd = exact_ratio(weight)
            wn *= count
        weights[wd] = weights.get(wd, 0) + wn
        cn, cd = ratio
        below = wd * cd
        tops[below] = tops.get(below, 0) + wn * cn
    figures = Rollup.__new__(Rollup)
    figures._completion, figures.ratio = None, None  # None: every part dropped
    if weights:
        weight_top, weight_below = _over_one(weights)
        if weight_top:
            top, below = _over_one(tops)  # the mean: (top / below) / (weight_top / weight_below)
            figures.ratio = reduced(top * weight_below, below * weight_top)
    figures.done, figures.dropped = paces["done"], paces["dropped"]
    figures.total = sum(paces.values()) - figures.dropped
    figures.blocked, figures.held, figures.paces, figures.lights = blocked, held, paces, lights
    figures.kind = figures.light = None
    return figures


def tasks_combined(counted: Iterable[list[Any]]) -> Rollup:
    """``combined`` of tasks' figures (never a group's), each of weight 1: the mean is the sum
    of their completions over how many count."""
    blocked = held = counts = 0
    paces = dict.fromkeys(PACE_CLASSES, 0)
    lights = dict.fromkeys(LIGHTS, 0)
    tops: dict[int, int] = {}  # Σ completion: a numerator per denominator
    for _, part, count in counted:
        paces[part.kind] += count
        if part.light is not None:
            lights[part.light] += count
        if part.blocked:
            blocked += count
        if part.held:
            held += count
        ratio = part.ratio
        if ratio is not None:
            counts += count
            cn, cd = ratio
            tops[cd] = tops.get(cd, 0) + count * cn
    figures = Rollup.__new__(Rollup)
    figures._completion, figures.ratio = None, None  # None: every task dropped
    if counts:
        top, below = _over_one(tops)
        figures.ratio = reduced(top, below * counts)
    figures.done, figures.dropped = paces["done"], paces["dropped"]
    figures.total = sum(paces.values()) - figures.dropped
    figures.blocked, figures.held, figures.paces, figures.lights = blocked, held, paces, lights
    figures.kind = figures.light = None
    return figures


def _over_one(sums: dict[int, int]) -> tuple[int, int]:
    """Σ numerator / denominator over ``{denominator: numerator}``, as one numerator and
    denominator (reduced as it goes, by the gcd)."""
    top, below = 0, 1
    for d, n in sums.items():
        if d == below:
            top += n
        elif below % d == 0:  # a denominator seen before: the common one holds it
            top += n * (below // d)
        else:
            top, below = _sum(top, below, n, d)
    return top, below


def _sum(a: int, b: int, c: int, d: int) -> tuple[int, int]:
    """a/b + c/d as a numerator and denominator, reduced."""
    top, below = a * d + c * b, b * d
    common = gcd(top, below)
    return (top // common, below // common) if common > 1 else (top, below)


def plan_rollup(plan: Plan, as_of: dt.date) -> Rollup:
    return combine((root.weight, rollup(root, plan, as_of)) for root in plan.roots)
