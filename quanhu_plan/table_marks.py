"""What a read asks of every item of a plan (``sketches.sketched_marks``), said of item tables:
milestones, merge conflicts, the latest day recorded. Apart from ``sketches`` so that the process
reading a long plan's items ahead (``store.read_ahead``) says it of each piece it reads,
loading nothing more."""

from __future__ import annotations

import datetime as dt
from functools import reduce
from itertools import repeat
from operator import contains, itemgetter, or_
from typing import Any

# The key of a merge conflict's record in a table (``merging.conflicts``).
CONFLICT = "conflict"
SKETCH_MILESTONES = 1  # a (non-empty) ``milestone``
SKETCH_CONFLICT = 2  # a ``conflict`` (merging.conflicts)
SKETCH_ASK = 4  # a log or tick-off whose days the sketch cannot say: the table answers


def tables_marks(tables: list[Any]) -> tuple[int, dt.date | None]:
    """What ``sketched_marks`` says of items whose tables are loaded, of their tables alone
    (dicts): a pass at C speed for each thing asked, none of Python a table. Any log, or a
    tick-off that is not a date: SKETCH_ASK, and no day said of them (the tables answer)."""
    marks = SKETCH_MILESTONES if any(map(dict.get, tables, repeat("milestone"))) else 0
    marks |= SKETCH_CONFLICT if any(map(contains, tables, repeat(CONFLICT))) else 0
    done = list(filter(None, map(dict.get, tables, repeat("done_on"))))
    if any(map(contains, tables, repeat("log"))) or set(map(type, done)) - {dt.date}:
        return marks | SKETCH_ASK, None
    return marks, max(done, default=None)


def tables_marks_together(parts: list[tuple[int, dt.date | None]]) -> tuple[int, dt.date | None]:
    """``tables_marks`` of the tables of several parts together, of what it says of each part
    (a long plan's pieces, read by two processes: ``store.read_ahead``)."""
    marks = reduce(or_, map(_MARKS_SAID, parts), 0)
    if marks & SKETCH_ASK:  # (a table of one part must answer: no day said of any)
        return marks, None
    return marks, max(filter(None, map(_DAY_SAID, parts)), default=None)


_MARKS_SAID, _DAY_SAID = itemgetter(0), itemgetter(1)
