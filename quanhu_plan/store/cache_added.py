"""The parse cache entry of a plan one item was added to (``plan add``), stored as the entry
it was recalled from with that item's table put into one chunk: the other chunks are stored as
they were, without being unpickled, and the tree's lists (``parents``, ``inverse``, the file's
order of the tables) are those of the entry with one place put in. A long plan's add then
leaves an entry for the next command as a change that edits a table does (``cache.remember``
stores anew only the chunks it changed), where ``remember`` would have to load every table,
since an item came.

The entry keeps the tables of the items with items under them first, then the others, each in
the tree's order (``cache.remember``); the new item has none under it, and goes among the
others right after the one before it in the tree's order, in that one's chunk. An item added
under a task (which then has an item under it) or before any item without one is not stored
so: the entry stays as it was, stale, as after any other structural change (the next read
takes its unchanged items from it: ``pieces``).
"""

from __future__ import annotations

import operator
import os
from array import array
from bisect import bisect_right
from itertools import accumulate, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import cache
from .cache_chunks import chunk_of, tables_of
from .spliced import Spliced

if TYPE_CHECKING:
    from ..model import Plan


def remember_added(
    real: Path,
    written: Spliced,
    st: os.stat_result,
    plan: Plan,
    item: Any,
    table: dict[str, Any],
    index: int,
    tree: list[Any],
) -> None:
    """Store ``plan``, recalled from the cache and changed by adding ``item`` alone, for the
    bytes ``written`` (the file now, its stat ``st``): ``table`` is the new item's table as
    its block reads back, ``index`` its place among the file's item tables, ``tree`` the
    plan's items in tree order (the new one among them). Nothing is stored where the entry
    recalled is not this plan's as it was before the change; a failure is the caller's to ignore
    (``remembering.remember_added``: the cache is only ever a shortcut)."""
    recalled = cache._RECALLED
    if recalled is None or recalled[0]() is not plan:
        return
    stored = recalled[1]
    entry = cache._entry(real)
    old_tree, entry_items, old_parents = stored.tree, stored.items, stored.parents
    if entry is None or old_tree is None or entry_items is None or old_parents is None:
        return
    if len(tree) != len(old_tree) + 1 or st.st_size != len(written):
        return
    at = tree.index(item)  # (Items compare as themselves)
    if not all(map(operator.is_, islice(tree, at), old_tree)) or not all(
        map(operator.is_, islice(tree, at + 1, None), islice(old_tree, at, None))
    ):
        return
    parent = item.parent
    if parent is not None and len(parent.children) < 2:
        return  # a task became a goal: its table is among those of items without any
    # The new item's place in the entry: after the item without any under it that comes
    # before it in the tree's order.
    before = next((n for n in range(at - 1, -1, -1) if not old_tree[n].children), None)
    if before is None:
        return
    inverse = stored.inverse
    after = inverse[before]
    place = after + 1
    starts = [0, *accumulate(stored.counts)]
    n = bisect_right(starts, after) - 1
    chunk = stored.table_bytes(n)  # (read now, if not yet: ``cache_stored.Unread``)
    if chunk is None:
        return
    from _pickle import dumps

    from ..collector import paused
    from ..sketches import sketch_of

    with paused():
        if stored.loaded[n]:
            tables = stored.tables[starts[n] : starts[n + 1]]
        else:
            tables = tables_of(chunk)
        if len(tables) != stored.counts[n]:
            return
        tables.insert(place - starts[n], table)
        keys: dict[Any, Any] = {}
        sketch_chunk = dumps([sketch_of(one, keys) for one in tables], 5)
        table_chunk = chunk_of(tables)
        del tables
        counts = list(stored.counts)
        counts[n] += 1
        parent_place = -1 if parent is None else tree.index(parent)
        # (made from generators: no list of a hundred thousand ints on the way)
        parents = array("i", (p + 1 if p >= at else p for p in old_parents))
        parents.insert(at, parent_place)
        new_inverse = array("i", (e + 1 if e >= place else e for e in inverse))
        new_inverse.insert(at, place)
        indexes = [i + 1 if i >= index else i for i in map(cache._INDEX, entry_items)]
        indexes.insert(place, index)
        head = (
            plan.meta,
            parents,
            indexes,
            plan.extra,
            plan.newest_at,
            plan.newest_at_known,
            new_inverse,
        )
        head_chunk = dumps(head, 5)
        del parents, new_inverse, indexes
        sketch_chunks = list(stored.sketch_chunks)
        table_chunks = list(map(stored.table_bytes, range(len(stored.counts))))
        sketch_chunks[n], table_chunks[n] = sketch_chunk, table_chunk
        if any(chunk is None for chunk in table_chunks):
            return
    pieces = [memoryview(data)[start:stop] for data, start, stop in written._runs()]
    key = cache._key(real, b"", st, *pieces)
    sums: list[int | None] | None = None
    if stored.sums is not None:  # (the other chunks as read: their sums as checked then)
        k = len(counts)
        sums = [None, *stored.sums[1:]]
        sums[1 + n] = sums[1 + k + n] = None
    cache.stored_entry(entry, key, counts, head_chunk, sketch_chunks, table_chunks, pieces, sums)
