"""The newest log time of a plan whose items were edited in place since its cache entry
(``pieces.recall_edited``) is the very entry's time a whole read takes (``trace.newest_at``):
of one instant written with two offsets, the first in the header's log, then the items' in
the tree's order (found by an adversarial review)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from quanhu_plan.canonical import dumps

from .conftest import plan_doc
from .test_stale_entry import identical, recalled_edited

E8 = dt.timezone(dt.timedelta(hours=8))


def _note(at: dt.datetime) -> dict[str, object]:
    return {"at": at, "by": "张三", "action": "note", "note": "进展"}


def test_the_newest_time_of_equal_instants_is_the_first_in_the_tree():
    """Two entries at the same instant, written with different offsets: ``trace.newest_at``
    keeps the first met (the header's log, then the items in the tree's order: task 1.1
    before goal 2). ``cache_stale._newest_at`` walked the entry's chunks (the goals' chunk
    first, then the tasks'), then the header: it kept goal 2's, and the entry stored anew
    said a newest ``at`` a whole read never gives (same instant, other offset)."""
    items = [
        {"id": "1", "title": "一"},
        {
            "id": "1.1",
            "title": "任务",
            "progress": 10,
            "log": [_note(dt.datetime(2023, 6, 1, 10, tzinfo=E8))],
        },
        {"id": "2", "title": "二", "log": [_note(dt.datetime(2023, 6, 1, 2, tzinfo=dt.UTC))]},
        {"id": "2.1", "title": "任务2", "progress": 20},
    ]
    before = dumps(plan_doc(items))
    after = before.replace("progress = 20", "progress = 30")
    with tempfile.TemporaryDirectory() as folder:
        got, wanted = recalled_edited(Path(folder), before.encode(), after.encode(), False, False)
    assert got is not None and wanted is not None
    assert got[-1] == wanted[-1]  # the same instant…
    assert identical(got, wanted), (got[-1], wanted[-1])  # …and the same time as written


def test_the_newest_time_of_equal_instants_is_the_headers_first():
    """The same with the header's log: ``trace.newest_at`` looks at it first; ``_newest_at``
    looked at it last (after every chunk), so an item's entry at the same instant won."""
    items = [
        {"id": "1", "title": "一"},
        {
            "id": "1.1",
            "title": "任务",
            "progress": 10,
            "log": [_note(dt.datetime(2023, 6, 1, 2, tzinfo=dt.UTC))],
        },
    ]
    before = dumps(plan_doc(items, log=[_note(dt.datetime(2023, 6, 1, 10, tzinfo=E8))]))
    after = before.replace("progress = 10", "progress = 30")
    with tempfile.TemporaryDirectory() as folder:
        got, wanted = recalled_edited(Path(folder), before.encode(), after.encode(), False, False)
    assert got is not None and wanted is not None
    assert got[-1] == wanted[-1]
    assert identical(got, wanted), (got[-1], wanted[-1])
