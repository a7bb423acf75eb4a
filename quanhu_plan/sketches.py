"""What the parse cache keeps of an item beside its table (``model.Item.sketch``), to answer
what a status asks of every item without loading the table (``store.cache``): an item whose
table was never loaded cannot have changed, so its sketch says of it what its table would."""

from __future__ import annotations

import datetime as dt
import operator
from functools import reduce
from itertools import chain, compress, repeat
from operator import attrgetter, contains, is_, itemgetter, or_
from typing import Any

from .model import figure_aims, pace_start
from .standing_work import STANDING_DUE, standing
from .table_marks import (
    CONFLICT,
    SKETCH_ASK,
    SKETCH_CONFLICT,
    SKETCH_MILESTONES,
    tables_marks,
)

# What the parse cache keeps of an item beside its table (``Item.sketch``), to answer what a
# status asks of every item without loading the table: (id, weight, key, latest, marks[, trace]).
# ``key``: (status, progress, due, start: ``pace_start``), what the roll-up judges a task
# measured by its progress alone by (``rollup.task_judge``), and for a task with a ``target``
# that, its ``actual``, whether less is better (``smaller_is_better``) and whether it is held
# all year (``held_all_year``: its pace expects the whole of it); None when the table
# must answer (milestones); the due of standing work ``standing_work.STANDING_DUE``. ``latest``: the latest day its log's entries count on (undone ones and
# undos on none) or it was ticked off on (``recorded_days.anything_after``), or None. ``marks``: the SKETCH_* bits. ``trace``: what
# ``plan log`` asks of its log (``trace_sketch``), only where it has entries.
Sketch = tuple[Any, ...]
# (CONFLICT, the key of a merge conflict's record in a table, and the SKETCH_* marks: in
# ``table_marks``, which the process reading a long plan ahead loads without this module.)


# Called with the items whose tables were just loaded (``Item``), in the order of their chunk:
# ``delta`` takes its copies of them as they were loaded, while a change is made.
LOAD_WATCHERS: list[Any] = []


def sketch_of(data: dict[str, Any], keys: dict[Any, Any]) -> Sketch:
    """The sketch of an item's table; ``keys`` shares equal keys between items (of the same
    types: 50 and 50.0 stay apart)."""
    key: Any = None
    if "milestone" not in data:  # (standing work: its due ``STANDING_DUE``, 常态推进)
        due = STANDING_DUE if standing(data) else data.get("due")
        key = (data.get("status"), data.get("progress"), due, pace_start(data))
        if "target" in data:  # and what its figure makes (``rollup.metric_completion``)
            key += (data["target"], data.get("actual"), *figure_aims(data))
        try:
            key = keys.setdefault((*map(type, key), *key), key)
        except TypeError:  # a value no key can hold (not a valid plan)
            key = None
    marks = SKETCH_MILESTONES if data.get("milestone") else 0
    if CONFLICT in data:
        marks |= SKETCH_CONFLICT
    latest: dt.date | None = None
    if "log" not in data:
        done_on = data.get("done_on")
        if type(done_on) is dt.date:  # a task ticked off, no trace: the common case
            return (data["id"], data.get("weight", 1), key, done_on, marks)
    if "log" in data or "done_on" in data:
        from .trace import effective_day  # (trace is not loaded by a status)

        days: list[Any] = []
        log = data.get("log")
        if log:
            if type(log) is list:
                # An entry's ``on``, a day, is the day it counts on (``effective_day``, called
                # for the others): a note on a task with a year's trace sketches it anew.
                date = dt.date
                days = [
                    on if type(on := entry.get("on")) is date else effective_day(entry)
                    for entry in log
                    # (an entry undone, or the undo of one, counts on no day: trace.is_record)
                    if isinstance(entry, dict)
                    and "undone" not in entry
                    and entry.get("action") != "undo"
                ]
            else:
                marks |= SKETCH_ASK
        done_on = data.get("done_on")
        if isinstance(done_on, dt.date):
            days.append(done_on)
        days = [day for day in days if day is not None]
        if any(type(day) is not dt.date for day in days):
            marks |= SKETCH_ASK
        elif days:
            latest = max(days)
    trace = trace_sketch(data) if "log" in data else None
    if trace is None:  # (no entries: no sixth place, 8 bytes less an item, as most items)
        return (data["id"], data.get("weight", 1), key, latest, marks)
    return (data["id"], data.get("weight", 1), key, latest, marks, trace)


# A table holding one of these is sketched alone (``sketches_of``): its marks, its latest day
# and its trace are its own.
_SKETCHED_ALONE = frozenset(("milestone", CONFLICT, "log"))
_NO_DAY = frozenset((dt.date, type(None)))


def sketches_of(tables: list[dict[str, Any]], keys: dict[Any, Any]) -> list[Sketch]:
    """``[sketch_of(table, keys) for table in tables]``, the same sketches with equal keys
    shared as it shares them, made a field at a time over the tables with no log, milestone or
    conflict (most of a plan's: a first read sketches every table of it), the others alone.
    The key of such a table is ``(status, progress, due, start)``, and with a ``target`` its
    figure's four places after, which are asked of each table that has one."""
    plain = list(map(_SKETCHED_ALONE.isdisjoint, tables))
    for at in compress(
        range(len(tables)), map(operator.not_, map(contains, tables, repeat("due")))
    ):
        if plain[at] and standing(tables[at]):  # (no due: its keys asked for deadline words)
            plain[at] = False
    if not all(plain):
        if not any(plain):
            return [sketch_of(table, keys) for table in tables]
        made = iter(sketches_of(list(compress(tables, plain)), keys))
        return [
            next(made) if alone else sketch_of(table, keys)
            for table, alone in zip(tables, plain, strict=True)
        ]
    latest = list(map(dict.get, tables, repeat("done_on")))
    if not _NO_DAY.issuperset(map(type, latest)):  # a tick-off that is not a day: alone
        return [sketch_of(table, keys) for table in tables]
    columns = [list(map(dict.get, tables, repeat(field))) for field in _KEYED]
    made_keys: list[Any] = list(zip(*columns, strict=True))
    typed: list[Any] = list(zip(*[map(type, column) for column in columns], *columns, strict=True))
    metric = list(map(contains, tables, repeat("target")))
    for at in compress(range(len(tables)), metric):  # (a metric's figure: asked of its table)
        table = tables[at]
        key = made_keys[at] = (
            *made_keys[at],
            table["target"],
            table.get("actual"),
            *figure_aims(table),
        )
        typed[at] = (*map(type, key), *key)
    try:  # (as ``sketch_of``: equal keys of the same types are one object)
        made_keys = list(map(keys.setdefault, typed, made_keys))
    except TypeError:  # a value no key can hold (not a valid plan): each alone
        return [sketch_of(table, keys) for table in tables]
    ids = map(itemgetter("id"), tables)
    weights = map(dict.get, tables, repeat("weight"), repeat(1))
    return list(zip(ids, weights, made_keys, latest, repeat(0)))


# What a task's key is made of (``sketch_of``), in its order: ``pace_start`` of a table
# without a log is its ``start``.
_KEYED = ("status", "progress", "due", "start")

_ZONE = operator.attrgetter("tzinfo")

# How many of an item's newest entries its sketch keeps (``trace_sketch``): of the newest 50
# that ``plan log`` shows by default, rarely more than a few are one item's; an item that holds
# more than this many of them is loaded (``trace.newest_rows``).
TRACE_TAIL = 16


class Tail(bytes):
    """An item's newest entries (``trace_sketch``), pickled apart: a status, which unpickles
    every sketch, copies these bytes and never reads them. Two are equal when they hold equal
    entries (a pickle of equal tables may differ in which equal values are one object)."""

    __slots__ = ()

    def read(self) -> tuple[str, list[int], list[dict[str, Any]]]:
        """(the item's title, where in its log each entry is, the entries), in the log's order."""
        from _pickle import loads

        return loads(self)  # type: ignore[no-any-return]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tail) and self.read() == other.read()

    __hash__ = None  # type: ignore[assignment]


def trace_sketch(data: dict[str, Any]) -> tuple[int, dt.datetime | None, Tail | None] | None:
    """What ``plan log`` asks of an item's log without loading its table
    (``trace.newest_rows``): (how many entries, the newest entry's time, its newest
    ``TRACE_TAIL`` entries when it has more); None when it has none. The time is an entry's
    ``at`` (``trace._row_time``) when every entry has one with its offset; else it is None
    and the table answers, for the count too (a time without offset, or a date, is read in the local time zone,
    which may not be the one the sketch was made in)."""
    log = data.get("log")
    if not log:
        return None
    if type(log) is not list:  # (not a valid plan): the table answers
        return (0, None, None)
    count = len(log)
    try:
        times = [entry.get("at") for entry in log]
    except AttributeError:  # an entry that is not a table (not a valid plan)
        return (0, None, None)
    if set(map(type, times)) != {dt.datetime} or None in map(_ZONE, times):
        return (count, None, None)
    if count <= TRACE_TAIL:
        return (count, max(times), None)
    if all(map(operator.le, times, times[1:])):  # the common case: written in time order
        newest = list(range(count - TRACE_TAIL, count))
        last = times[-1]  # (the newest time: of equal times, any is as new)
    else:  # the newest TRACE_TAIL, of equal times the later in the log
        newest = sorted(sorted(range(count), key=times.__getitem__)[-TRACE_TAIL:])
        last = max(times)
    from _pickle import dumps

    tail = Tail(dumps((data.get("title"), newest, [log[at] for at in newest]), 5))
    return (count, last, tail)


_SKETCH, _CHILDREN, _DATA = attrgetter("sketch"), attrgetter("children"), attrgetter("data")
_LATEST, _MARKS = itemgetter(3), itemgetter(4)


def sketched_marks(roots: list[Any]) -> tuple[int, dt.date | None] | None:
    """What every item of these trees says together, as its sketch says it: the union of their
    marks (``sketches.SKETCH_*``) and the latest of their ``latest`` days (None if none has
    one). An item whose table is loaded says it of its table, erring towards asking: any log,
    or a tick-off that is not a date, is SKETCH_ASK (its table must answer, as it always can).
    What a read asks of every item of a big plan (milestones, merge conflicts, a change after a
    day), in one pass with no Python step per item: a level of the trees at a time."""
    sketches: list[Any] = []
    tables: list[Any] = []
    level = roots
    while level:
        found = list(map(_SKETCH, level))
        if None in found:  # (a sketch is never empty)
            tables += map(_DATA, compress(level, map(is_, found, repeat(None))))
            found = list(filter(None, found))
        sketches += found
        level = list(chain.from_iterable(map(_CHILDREN, filter(_CHILDREN, level))))
    marks, latest = marks_of(sketches)
    if tables:
        said, newest = tables_marks(tables)
        marks |= said
        if newest is not None:
            latest = newest if latest is None else max(latest, newest)
    return marks, latest


def marks_of(sketches: list[Sketch]) -> tuple[int, dt.date | None]:
    """``sketched_marks`` of these sketches."""
    latest = max(filter(None, map(_LATEST, sketches)), default=None)
    return reduce(or_, set(map(_MARKS, sketches)), 0), latest
