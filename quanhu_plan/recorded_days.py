"""The days after a given one that the plan as it is now holds a change for: whether it is the
plan at the end of that day (``anything_after``) and how far its records go (``latest_after``),
which every read command asks. Apart from ``replay`` so that a status, which asks it of the plan
as it is now, loads neither ``replay`` nor ``trace`` for a plan whose header and archive hold no
log (they are loaded where one does). Pure: no I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import repeat
from operator import eq, or_
from typing import Any

from .model import Plan
from .sketches import SKETCH_ASK

ARCHIVE = "removed"  # (``trace.ARCHIVE``, the plan's table of removed items)
UNDO = "undo"  # the action of an undo's entry (and of the archive's record of an add undone)


def anything_after(
    plan: Plan, day: dt.date, sketched: tuple[int, dt.date | None] | None = None
) -> bool:
    """Whether the trace holds a change that counts after ``day`` (or a tick-off dated after
    it): the plan as it is now is then not the plan at the end of that day. ``sketched``: the
    plan's ``sketches.sketched_marks``, if known."""
    return next(_days_after(plan, day, sketched), None) is not None


def latest_after(
    plan: Plan, day: dt.date, sketched: tuple[int, dt.date | None] | None = None
) -> dt.date | None:
    """The latest of the days ``anything_after`` looks for, or None if there is none: the plan
    as it is now is the plan at the end of that day (a change may be dated ahead, ``--on``)."""
    return max(_days_after(plan, day, sketched), default=None)


def _days_after(
    plan: Plan, day: dt.date, sketched: tuple[int, dt.date | None] | None
) -> Iterator[dt.date]:
    """Days after ``day`` that a change in the trace counts on or a task was ticked off on, as
    they are found: not every one of them, but always the latest (an item's sketch, or the
    plan's ``sketched``, says only its own latest day)."""

    def later(entries: Iterable[Any]) -> Iterator[dt.date]:
        days = _counted_days(entries)
        if days is not None:
            yield from filter(day.__lt__, days)
            return
        from .trace import effective_day

        for entry in entries:
            # An undone entry counts on no day (``counts_by``), nor does the undo that took it
            # back: neither is a record of anything (``trace.is_record``).
            if isinstance(entry, dict) and "undone" not in entry and entry.get("action") != UNDO:
                happened = effective_day(entry)
                if happened is not None and happened > day:
                    yield happened

    if plan.meta.get("log"):
        from .trace import log_of

        yield from later(log_of(plan.meta))
    if sketched is not None and not sketched[0] & SKETCH_ASK:  # every item's sketch says
        if sketched[1] is not None and sketched[1] > day:
            yield sketched[1]
    else:
        for item in plan.items():
            sketch = item.sketch  # an item whose table is not loaded: its sketch says (model.Item)
            if sketch is not None and not sketch[4] & SKETCH_ASK:
                if sketch[3] is not None and sketch[3] > day:
                    yield sketch[3]
                continue
            data = item.data
            if "log" not in data and "done_on" not in data:  # most items of a big plan
                continue
            log = data.get("log")
            if log:
                yield from later(log)
            done_on = data.get("done_on")
            if isinstance(done_on, dt.date) and done_on > day:  # ticked off later (_done_by)
                yield done_on
    if plan.extra.get(ARCHIVE):
        from .trace import archive

        yield from later(archive(plan))


def _counted_days(entries: Iterable[Any]) -> list[dt.date] | None:
    """The day each entry of a log counts on (``effective_day``), but for those undone and the
    undos that took them back, which count on none (``trace.is_record``): a year's log looked
    at in C and one list comprehension, not a call an entry.
    None where the log holds anything that asks each entry to be looked at (a value of another
    type, an entry that is no table)."""
    if type(entries) is not list or set(map(type, entries)) - {dict}:
        return None
    if not entries:
        return []
    ons = list(map(dict.get, entries, repeat("on")))
    ats: list[Any] = list(map(dict.get, entries, repeat("at")))
    if set(map(type, ons)) - {dt.date, type(None)} or set(map(type, ats)) != {dt.datetime}:
        return None
    undone = list(map(dict.__contains__, entries, repeat("undone")))
    actions = list(map(dict.get, entries, repeat("action")))
    if UNDO in actions:  # (an undo's entry: none of most logs)
        undone = list(map(or_, undone, map(eq, actions, repeat(UNDO))))
    days = map(dt.datetime.date, ats)
    return [on or at for on, at, gone in zip(ons, days, undone, strict=True) if not gone]
