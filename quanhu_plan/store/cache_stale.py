"""Reading the parse cache entry of a plan file that has changed since the entry was made (by
hand, or by ``git pull``): what the entry holds, whatever the file holds now, with the bytes it
was read from, which are kept beside it (``cache.stored_entry``). ``pieces`` takes from it the
items whose lines did not change."""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import cache
from .cache_chunks import chunk_of, tables_of
from .cache_files import opened_file, text_of
from .cache_stored import Stored

if TYPE_CHECKING:
    from ..model import Plan


class Stale:
    """What the entry of a file that has changed since holds: the bytes it was read from
    (``raw``), its plan's tables in the file's order, its tree (``parents`` and ``indexes``
    of ``Plan.packed``) and how its tables are stored (a plan made of them stores anew only
    the chunks holding a table that is not one of them)."""

    __slots__ = ("raw", "tables", "parents", "indexes", "stored")

    def __init__(
        self,
        raw: bytes,
        tables: list[Any],
        parents: Sequence[int],
        indexes: list[int],
        stored: Stored,
    ):
        self.raw, self.tables, self.stored = raw, tables, stored
        self.parents, self.indexes = parents, indexes


def stale(real: Path) -> Stale | None:
    """The entry of this file as it was when it was last read or written by this program,
    whatever it holds now, its tables unpickled; None as for ``opened_stale``."""
    opened = opened_stale(real)
    if opened is None:
        return None
    from ..collector import paused

    try:
        with paused():
            _, parents, indexes, _, _, _, inverse = opened.head
            counts, chunks, k = opened.counts, opened.chunks, len(opened.counts)
            stored = Stored(
                opened.entry, opened.token, counts, inverse, chunks[1 : 1 + k], chunks[1 + k :]
            )
            tables: list[Any] = []
            for chunk in chunks[1 + k :]:
                tables += tables_of(chunk)
            stored.tables = tables
            stored.loaded = [True] * k
            in_file: list[Any] = [None] * len(tables)
            for table, index in zip(tables, indexes, strict=True):
                in_file[index] = table
            indexes = list(map(indexes.__getitem__, inverse))  # in the tree's order
    except Exception:  # not what we wrote: ignored
        return None
    if any(table is None for table in in_file):
        return None
    return Stale(opened.raw, in_file, parents, indexes, stored)


class OpenedStale:
    """A stale entry as read (``opened_stale``): where it is, its token, its chunks' table counts, its
    chunks (the plan's header and tree, then the chunks' sketches, then their tables), that
    header and tree unpickled (``head``, ``Plan.packed`` without the tables, then ``inverse``),
    and the bytes the plan was read from."""

    __slots__ = ("entry", "token", "counts", "chunks", "head", "raw", "sums")

    def __init__(
        self,
        entry: Path,
        token: bytes,
        counts: list[int],
        chunks: list[Any],
        head: tuple[Any, ...],
        raw: bytes,
        sums: list[int],
    ):
        self.entry, self.token, self.counts, self.chunks = entry, token, counts, chunks
        self.head, self.raw = head, raw
        self.sums = sums  # each chunk's CRC-32, as checked (``cache._read``)

    @property
    def indexes(self) -> list[int]:
        """Each table's place among the file's items, in the entry's order."""
        return self.head[2]  # type: ignore[no-any-return]


def opened_stale(real: Path) -> OpenedStale | None:
    """This file's entry as it was last stored, whatever the file holds now, without its tables
    or sketches unpickled; None when there is none, or it is damaged, from another version or
    of another file, or its bytes are not kept beside it."""
    entry = cache._entry(real)
    if entry is None:
        return None
    from _pickle import loads

    try:
        opened = cache._read(entry)
        if opened is None:
            return None
        key, counts, token, chunks, sums = opened
        reader = cache._reader(real)
        if key[: len(reader)] != reader:
            return None
        with opened_file(text_of(entry)) as handle:
            # (its token and the bytes the key sums, no more: a file grown since, a sparse
            # gigabyte, is not read)
            if os.fstat(handle.fileno()).st_size != len(token) + key[-cache.SUMMED]:
                return None
            kept = handle.read()
        raw = kept[8:]
        if kept[:8] != token or cache.summed(raw) != key[-cache.SUMMED :]:
            return None
        head = loads(chunks[0])
        if type(head) is not tuple or len(head) != 7 or len(head[2]) != sum(counts):
            return None
        return OpenedStale(entry, token, counts, chunks, head, raw, sums)
    except Exception:  # not what we wrote: ignored
        return None


# Changed tables found by a search of the entry's order, each; more from a map of it.
_LOOKED_UP = 16


def edited_entry(
    opened: OpenedStale,
    real: Path,
    raw: bytes,
    st: Any,
    tables: dict[int, dict[str, Any]],
    same_place: Callable[[dict[str, Any], dict[str, Any]], bool],
    whole: bool = False,
    goals: bool = False,
    layout: tuple[int, ...] | None = None,
) -> Plan | None:
    """The plan of the file now (its bytes ``raw``, its stat ``st``), whose items at the places
    ``tables`` names (among the file's items) now have those tables and the others the
    entry's: the entry stored anew for it (the chunks of those tables pickled anew, with their
    sketches; the others as they were, not unpickled) and recalled from what was stored, as
    ``cache.recall`` recalls it (``whole``, ``goals`` as there). None where a table replaces
    one that is not in the ``same_place`` (its id or parent changed), or the entry is not what
    we wrote, or cannot be stored. ``layout``: ``toml_blocks.layout_facts`` of ``raw`` (without
    a BOM), kept beside the entry (``cache_files.store_layout``)."""
    from _pickle import dumps, loads

    from ..sketches import sketch_of

    meta, parents, indexes, extra, _, _, inverse = opened.head
    counts, chunks = opened.counts, list(opened.chunks)
    k = len(counts)
    sums: list[int | None] = [None, *opened.sums[1:]]  # (a chunk pickled anew: None)
    starts = list(accumulate(counts, initial=0))
    try:
        # Where each changed table is in the entry's order: a few looked up, many (a pull
        # that changed an eighth of a long plan) from one map, not a search of the whole
        # order each (quadratic: 12,000 changed tables of 100,000 took seconds).
        if len(tables) <= _LOOKED_UP:
            at_of = {index: indexes.index(index) for index in tables}
        else:
            place: dict[int, int] = {}
            for at, index in enumerate(indexes):
                place.setdefault(index, at)  # (the first, as ``index`` finds)
            at_of = {index: place[index] for index in tables}
        by_chunk: dict[int, list[int]] = {}
        for index, at in at_of.items():
            by_chunk.setdefault(bisect_right(starts, at) - 1, []).append(index)
        keys: dict[Any, Any] = {}
        for n, changed in by_chunk.items():
            chunk_tables, sketches = tables_of(chunks[1 + k + n]), loads(chunks[1 + n])
            if not len(chunk_tables) == len(sketches) == counts[n]:
                return None
            for index in changed:
                at, table = at_of[index] - starts[n], tables[index]
                if type(chunk_tables[at]) is not dict or not same_place(table, chunk_tables[at]):
                    return None
                chunk_tables[at], sketches[at] = table, sketch_of(table, keys)
            chunks[1 + n], chunks[1 + k + n] = dumps(sketches, 5), chunk_of(chunk_tables)
            sums[1 + n] = sums[1 + k + n] = None
        newest = _newest_at(meta, extra, chunks, counts, inverse)
        chunks[0] = dumps((meta, parents, indexes, extra, newest, True, inverse), 5)
        key = cache._key(real, raw, st)
        token, stored_sums = cache.stored_entry(
            opened.entry,
            key,
            counts,
            chunks[0],
            chunks[1 : 1 + k],
            chunks[1 + k :],
            [raw],
            sums,
            layout,
        )
        return cache._recalled(opened.entry, counts, token, chunks, stored_sums, whole, goals)
    except Exception:  # an entry not what we wrote, or one that could not be stored
        return None


def _newest_at(
    meta: dict[str, Any],
    extra: dict[str, Any],
    chunks: list[Any],
    counts: list[int],
    inverse: Sequence[int],
) -> Any:
    """``trace.newest_at`` of the plan of an entry's chunks (``inverse``: where each item of
    the tree is in the entry's order), the very entry's time a whole read takes: of equal
    times (one instant written with two offsets), the first in the header's log, the items'
    in the tree's order, the archive. Each item's sketch says when its newest entry was written
    (``sketches.trace_sketch``); the tables of the items whose sketch says the newest time, or
    cannot say it, are looked at for which of their entries it is."""
    from _pickle import loads

    from ..model import Plan
    from ..trace import archived_tables, log_of, newest_of

    k = len(counts)
    starts = list(accumulate(counts, initial=0))
    said: dict[int, Any] = {}  # where in the entry's order, the newest time its sketch says
    for n in range(k):
        for at, sketch in enumerate(loads(chunks[1 + n]), starts[n]):
            if len(sketch) > 5:  # (an item with entries)
                said[at] = sketch[5][1]
    header = [entry.get("at") for entry in log_of(meta)]
    plan = Plan(meta, [], extra)  # (its archive)
    archived = [entry.get("at") for _, table in archived_tables(plan) for entry in log_of(table)]
    newest = newest_of([*header, *(at for at in said.values() if at is not None), *archived])
    looked = [at for at, time in said.items() if time is None or time == newest]
    if not looked:
        return newest_of([*header, *archived]) if newest is not None else None
    place = [0] * len(inverse)  # where in the tree's order each table of the entry is
    for tree_at, at in enumerate(inverse):
        place[at] = tree_at
    tables: dict[int, Any] = {}
    for n in sorted({bisect_right(starts, at) - 1 for at in looked}):
        tables.update(enumerate(tables_of(chunks[1 + k + n]), starts[n]))
    in_tree = sorted(looked, key=place.__getitem__)
    items = [entry.get("at") for at in in_tree for entry in log_of(tables[at])]
    return newest_of([*header, *items, *archived])
