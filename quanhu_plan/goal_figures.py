"""A status of a big plan from the parse cache without an item made for any task: the parts and
goals are made (``model.Item``, each with its sketch), and the tasks of each goal are its
sketches' keys (``sketches.Sketch``), which the roll-up adds up by (``rollup_tree.plain_keys``).

Only for a plan whose every task answers by its key alone, each of weight 1 (no milestones,
nothing that only a table can say), where no goal holds both tasks and goals, and whose items
say nothing a status would have to look at item by item (merge conflicts, a trace whose days
only the tables can say): ``goals_digest`` gives None for any other, and the status reads the plan
as before. Pure: the cache hands over what it unpickled (``store.cache.recall``).
"""

from __future__ import annotations

import datetime as dt
import sys
from array import array
from collections.abc import Callable
from itertools import accumulate, compress, filterfalse
from math import gcd, lcm
from operator import itemgetter, ne
from typing import Any

from .lights import LIGHTS, thresholds
from .model import Item, LazyItem, Plan
from .rollup import PACE_CLASSES, Rollup, task_judges
from .rollup_tree import combined, counted, keyed_combined
from .sketches import SKETCH_ASK, SKETCH_CONFLICT, SKETCH_MILESTONES, Sketch

_KEY, _WEIGHT = itemgetter(2), itemgetter(1)
# A task done or dropped has the same figures whatever else its key says (``rollup._SETTLED``):
# the keys of all such tasks are kept as one (one object, pickled once), judged once a status.
_SETTLED_KEYS = {"done": ("done",), "dropped": ("dropped",)}
# What the items' sketches may not say for a status without the tasks' items.
_LOOKED_AT = SKETCH_MILESTONES | SKETCH_CONFLICT | SKETCH_ASK


class Goals(Plan):
    """The parts and goals of a plan: its roots and their items with items under them, linked
    as in the plan, no task (a ``Plan`` of them, which only a status is given: ``goals_of``);
    the keys of its tasks, each distinct key once (``distinct``; a task done or dropped keyed
    by its status alone, ``_SETTLED_KEYS``) and each task's as its place
    among them (``task_keys``, in the tree's order), where each goal's tasks are among them
    (``spans``: by the goal's ``id``, its first and past its last), the plan's
    ``sketches.sketched_marks`` and its items in the entry's order (None for a task)."""

    def __init__(
        self,
        meta: dict[str, Any],
        roots: list[Item],
        extra: dict[str, Any],
        distinct: list[Any],
        task_keys: Any,
        spans: dict[int, tuple[int, int]],
        marks: tuple[int, dt.date | None],
        in_entry: list[Any],
    ):
        super().__init__(meta, roots, extra)
        self.distinct, self.task_keys, self.spans = distinct, task_keys, spans
        self.marks, self.in_entry = marks, in_entry

    @property
    def keys(self) -> list[Any]:
        """Each task's key, in the tree's order."""
        return list(map(self.distinct.__getitem__, self.task_keys))


# A plan's ``Goals`` as the parse cache keeps them beside its entry (``store.cache``), so that a
# status of its parts and goals need not look at each task's sketch again (``goals_digest``):
# (the items with items under them in the tree's order: where each is in the entry's order,
# the place of its parent among them or -1, its sketch; each goal's place among them with its
# tasks' first and past their last; the distinct keys; each task's place among them, as an
# array's bytes and its type; the plan's ``sketches.sketched_marks``).
Digest = tuple[Any, ...]


def goals_digest(
    parents: Any,
    sketches: list[Sketch],
    tree: Any,
    counts: list[int],
    marks: tuple[int, dt.date | None],
) -> Digest | None:
    """What ``Goals`` are made of (``Digest``), of a plan as the parse cache keeps it (each
    item's parent and sketch, ``tree``: where each item of the tree is in the entry's order,
    ``counts``: its chunks', ``marks``: what all the sketches say, ``sketches.marks_of``), or
    None where a status needs the tasks' items (see the module's text)."""
    count = len(parents)
    if not len(sketches) == count == len(tree) or not count:
        return None
    if marks[0] & _LOOKED_AT:
        return None
    parents, tree = list(parents), list(tree)  # (ints made once, not at each look-up)
    inner = set(parents)  # where in the tree the items with items under them are
    inner.discard(-1)
    if not inner or min(inner) < 0:
        return None
    # The items with items under them first in the entry, in chunks of their own (as the cache
    # stores them): a chunk of their tables loads no task's.
    if sorted(map(tree.__getitem__, inner)) != list(range(len(inner))):
        return None
    if len(inner) not in accumulate(counts):
        return None
    tasks = list(filterfalse(inner.__contains__, range(count)))  # in the tree's order
    above = list(map(parents.__getitem__, tasks))  # each task's goal, where in the tree
    if not above or above[0] < 0 or above != sorted(above):
        return None  # a task among the roots; (a goal's tasks follow it, in the tree's order)
    starts = [0, *compress(range(1, len(above)), map(ne, above[1:], above))]
    if not {above[start] for start in starts}.isdisjoint(map(parents.__getitem__, inner)):
        return None  # a goal holding tasks and goals
    task_sketches = list(map(sketches.__getitem__, map(tree.__getitem__, tasks)))
    keys = list(map(_KEY, task_sketches))
    if None in keys or list(map(_WEIGHT, task_sketches)).count(1) != len(keys):
        return None
    ordered = sorted(inner)  # in the tree's order
    place = {at: n for n, at in enumerate(ordered)}
    entries = list(map(tree.__getitem__, ordered))
    above_inner = [place.get(parents[at], -1) for at in ordered]
    spans = [
        (place[above[start]], start, end)
        for start, end in zip(starts, [*starts[1:], len(above)], strict=True)
    ]
    distinct, task_keys = _numbered(keys)
    inner_sketches = list(map(sketches.__getitem__, entries))
    return (
        entries,
        above_inner,
        inner_sketches,
        spans,
        [_SETTLED_KEYS.get(key[0], key) if type(key[0]) is str else key for key in distinct],
        task_keys.tobytes(),
        task_keys.typecode,
        marks,
    )


def _numbered(keys: list[Any]) -> tuple[list[Any], array[int]]:
    """Each distinct key of ``keys`` once, in the order first met, and each key's place among
    them, in the smallest array that holds them (each key hashed once)."""
    distinct: dict[Any, int] = {}
    places = [distinct.setdefault(key, len(distinct)) for key in keys]
    code = next(code for code in "HIQ" if len(distinct) < 1 << (8 * array(code).itemsize))
    return list(distinct), array(code, places)


def goals_of(
    digest: Digest, packed: tuple[Any, ...], sources: list[Any], loaded: bool = False
) -> Goals:
    """The ``Goals`` a ``Digest`` describes, of the plan's head (``packed``, as
    ``model.Plan.sketched`` is given it) and its items' sources in the entry's order (each
    item's chunk; ``loaded``: the items of a plan just read, each with its table, whose parts
    and goals are made again with their tables)."""
    meta, _, parents, indexes, extra, newest_at, newest_at_known = packed
    entries, above_inner, inner_sketches, spans, distinct, task_keys, code, marks = digest
    in_entry: list[Any] = [None] * len(parents)
    made: list[Item] = []
    roots: list[Item] = []
    for entry, parent, sketch in zip(entries, above_inner, inner_sketches, strict=True):
        if loaded:
            item = Item(sources[entry].data, indexes[entry])
        else:
            item = LazyItem(None, indexes[entry], sketch, sources[entry])
        in_entry[entry] = item
        made.append(item)
        if parent < 0:
            roots.append(item)
        else:
            item.parent = made[parent]
            made[parent].children.append(item)
    keys = array(code)
    keys.frombytes(task_keys)
    goals = {id(made[goal]): (start, end) for goal, start, end in spans}
    plan = Goals(meta, roots, extra, distinct, keys, goals, marks, in_entry)
    plan.newest_at, plan.newest_at_known = newest_at, newest_at_known
    return plan


def fresh_goals(remembered: Any, digest: Digest) -> Goals:
    """The ``Goals`` of a plan just read and stored in the parse cache, of what storing it made
    (``store.cache.Remembered``) and their ``digest`` (``remembered_digest``), as a status of
    the entry makes them: the first read of a big plan is drawn of its parts and goals too,
    its tasks' keys taken from the sketches just made, not made again by the roll-up
    (``rollup_tree.plain_keys``); its parts and goals with their tables."""
    meta, parents, indexes, extra, newest_at, newest_at_known, _ = remembered.head
    packed = (meta, None, parents, indexes, extra, newest_at, newest_at_known)
    return goals_of(digest, packed, remembered.items, loaded=True)


def remembered_digest(remembered: Any) -> Digest | None:
    """The ``Digest`` of a plan just stored in the parse cache (``store.cache.Remembered``), as
    a status of the entry makes it, or None where a status needs the tasks' items."""
    from .sketches import marks_of

    head, sketches, items, counts = (
        remembered.head,
        remembered.sketches,
        remembered.items,
        remembered.counts,
    )
    parents, indexes, tree = head[1], head[2], head[6]
    if not len(items) == len(indexes) == len(sketches):
        return None
    return goals_digest(parents, sketches, tree, counts, marks_of(sketches))


def goal_rollups(goals: Goals, as_of: dt.date) -> dict[str, Rollup]:
    """``rollup_tree.rollups(plan, as_of, tasks=False)`` of the plan ``goals`` are of: the
    figures of every part and goal, and the whole plan's under ``""``, added up the same way (a
    goal's tasks as ``rollup_tree.tasks_combined`` adds them up: ``_goals_added``; the others
    ``rollup_tree.combined``)."""
    plan = goals
    _, known, keyed = task_judges(plan, as_of, thresholds(plan))
    added = _goals_added(goals, known, keyed)
    out: dict[str, Rollup] = {}

    def visit(items: list[Item]) -> Rollup:
        alike: dict[Any, list[Any]] = {}
        for item in items:
            figures = added.get(id(item))
            if figures is None:
                figures = visit(item.children)
            counted(out, alike, item, figures)
        return combined(alike.values())

    out[""] = visit(plan.roots)
    return out


# The bit fields of a task's number (``_goals_added``), lowest first: one per pace class and
# light, then whether it is blocked, whether it is held (``Rollup.held``), then whether it
# counts (not dropped: its completion counts in the mean); its completion's numerator above them.
_FIELDS = (*PACE_CLASSES, *LIGHTS, "blocked", "held", "counted")
_AT: dict[Any, int] = {field: n for n, field in enumerate(_FIELDS)}
# A common denominator longer than this many bits: each goal added up alone (exact either way).
_LONGEST = 256
# The array type whose items are this many bits.
_CODES = {array(code).itemsize * 8: code for code in "QLIH"}


def _goals_added(
    goals: Goals, known: dict[Any, Rollup], keyed: Callable[[Any], Rollup]
) -> dict[int, Rollup]:
    """The figures of each goal's tasks (by the goal's ``id``), as ``rollup_tree.tasks_combined``
    makes them of the figures ``known``/``keyed`` give their keys, for all the goals at once
    with no Python step per task: each distinct key is judged once, and each task's figures
    become one whole number that holds them all (``_packed``): its pace class, light, whether
    it is blocked and whether it counts, a bit field each, and its completion's numerator over
    the one denominator of them all above them. A goal's figures are the sum of its tasks'
    numbers (its tasks are one run of the keys), unpacked (``_unpacked``). Whole numbers
    throughout: exact."""
    figures = list(map(keyed, goals.distinct))  # (a key judged already: ``keyed`` looks it up)
    below = lcm(*{figure.ratio[1] for figure in figures if figure.ratio is not None})
    if below.bit_length() > _LONGEST:
        return _goals_added_alone(goals, known, keyed)
    # A field holds a goal's count of tasks (never more than all of them), in whole bytes.
    width = next(size for size in (16, 32, 64) if len(goals.task_keys) < 1 << size)
    shift = width * len(_FIELDS)
    bits = [1 << (width * n) for n in range(len(_FIELDS))]
    numbers: dict[int, int] = {}
    for figure in figures:
        if id(figure) not in numbers:
            numbers[id(figure)] = _packed(figure, bits, shift, below)
    by_key = [numbers[id(figure)] for figure in figures]
    number, keys, spans = by_key.__getitem__, goals.task_keys, goals.spans
    # (each goal's run of keys summed as it is taken: no list of every task's number)
    totals = [sum(map(number, keys[start:end])) for start, end in spans.values()]
    return dict(zip(spans, _unpacked(totals, _CODES[width], shift, below), strict=True))


# Where each field's bit is in ``_FIELDS``.
_KIND_AT: dict[Any, int] = {field: _AT[field] for field in (*PACE_CLASSES, *LIGHTS)}
_BLOCKED_AT, _HELD_AT, _COUNTED_AT = _AT["blocked"], _AT["held"], _AT["counted"]


def _packed(figure: Rollup, bits: list[int], shift: int, below: int) -> int:
    """A task's figures as one whole number (``_goals_added``); ``bits``: each field's lowest
    bit, in the order of ``_FIELDS``."""
    number = bits[_KIND_AT[figure.kind]]
    if figure.light is not None:
        number |= bits[_KIND_AT[figure.light]]
    if figure.blocked:
        number |= bits[_BLOCKED_AT]
    if figure.held:
        number |= bits[_HELD_AT]
    if figure.ratio is not None:
        top, under = figure.ratio
        number |= bits[_COUNTED_AT]
        number += (top * (below // under)) << shift  # (a numerator below 0 too: still exact)
    return number


def _unpacked(totals: list[int], code: str, shift: int, below: int) -> list[Rollup]:
    """The figures of each run of tasks whose numbers add up to one of ``totals``
    (``rollup_tree.tasks_combined``), in one loop: a goal's figures are a few fields taken
    out of its number (``_packed``)."""
    low_bits, size, order = (1 << shift) - 1, shift // 8, sys.byteorder
    new = Rollup.__new__
    out: list[Rollup] = []
    for total in totals:
        counts = array(code, (total & low_bits).to_bytes(size, order)).tolist()
        # (the fields of ``_FIELDS``, in its order: tests/test_goal_figures_s28A.py holds them)
        done, ahead, on_pace, behind, overdue, dropped, ongoing, red, yellow, green = counts[:10]
        blocked, held, counted = counts[10:]
        figures = new(Rollup)
        figures._completion = figures.ratio = None  # None: every task dropped
        if counted:  # reduced (``rollup.reduced``): the denominator is positive
            top, under = total >> shift, below * counted
            common = gcd(top, under)
            figures.ratio = top // common, under // common
        figures.done, figures.dropped = done, dropped
        figures.total = done + ahead + on_pace + behind + overdue + ongoing
        figures.blocked, figures.held = blocked, held
        figures.paces = {
            "done": done,
            "ahead": ahead,
            "on_pace": on_pace,
            "behind": behind,
            "overdue": overdue,
            "dropped": dropped,
            "ongoing": ongoing,
        }
        figures.lights = {"red": red, "yellow": yellow, "green": green}
        figures.kind = figures.light = None
        out.append(figures)
    return out


def _goals_added_alone(
    goals: Goals, known: dict[Any, Rollup], keyed: Callable[[Any], Rollup]
) -> dict[int, Rollup]:
    """``_goals_added``, goal by goal (as ``rollup_tree.rollups`` adds up a goal's keys)."""
    keys = goals.keys
    return {
        goal: keyed_combined(keys[start:end], known, keyed)
        for goal, (start, end) in goals.spans.items()
    }


def goal_status_rows(goals: Goals, as_of: dt.date) -> tuple[list[Any], Rollup]:
    """``records.status_rows(plan, as_of)`` of the plan ``goals`` is of: a row per part and goal
    (every item it holds), and the whole plan's figures."""
    from .records import StatusRow

    figures = goal_rollups(goals, as_of)
    rows: list[Any] = []

    def visit(items: list[Item], depth: int) -> None:
        for item in items:
            data = item.data
            rows.append(StatusRow(data["id"], data["title"], depth, figures[data["id"]]))
            visit(item.children, depth + 1)

    visit(goals.roots, 0)
    return rows, figures[""]


def read_goals(plan: Plan) -> Goals | None:
    """The ``Goals`` of a plan just read (each item with its table: no cache entry to recall
    them of), for a status of its parts and goals, as the cache's digest makes them
    (``goals_digest``): its tasks' keys made at once for the whole plan
    (``rollup_tree.plain_keys``), each distinct key judged once (``goal_rollups``), not goal
    by goal. None where a goal holds tasks and goals, a task is at the top of the plan, or a
    task is not judged by its key alone (``goal_rollups`` would not add it up as
    ``rollup_tree.rollups`` does): the status adds the plan up as before."""
    from .rollup_tree import plain_keys

    tasks: list[Item] = []
    ends: list[tuple[Item, int]] = []  # each goal holding tasks, with where its tasks end
    stack = list(reversed(plan.roots))
    while stack:
        item = stack.pop()
        children = item.children
        if not children:
            return None  # a task at the top of the plan
        leaves = [child for child in children if not child.children]
        if not leaves:
            stack.extend(reversed(children))
        elif len(leaves) != len(children):
            return None  # a goal holding tasks and goals
        else:
            tasks += children
            ends.append((item, len(tasks)))
    if not tasks:
        return None
    keys = plain_keys(tasks)
    if keys is None:
        return None
    try:
        distinct, places = _numbered(keys)
    except TypeError:  # a value no key can hold (a list where a date goes: not valid)
        return None
    spans: dict[int, tuple[int, int]] = {}
    start = 0
    for goal, end in ends:
        spans[id(goal)] = (start, end)
        start = end
    goals = Goals(plan.meta, plan.roots, plan.extra, distinct, places, spans, (0, None), [])
    goals.newest_at, goals.newest_at_known = plan.newest_at, plan.newest_at_known
    return goals
