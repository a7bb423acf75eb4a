"""Reading the parse cache entry of a plan file that has changed since the entry was made (by
hand, or by ``git pull``): what the entry holds, whatever the file holds now, with the bytes it
was read from, which are kept beside it (``cache.stored_entry``). ``pieces`` takes from it the
items whose lines did not change."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import cache
from .cache_files import opened_file, text_of

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
        stored: cache._Stored,
    ):
        self.raw, self.tables, self.stored = raw, tables, stored
        self.parents, self.indexes = parents, indexes


def stale(real: Path) -> Stale | None:
    """The entry of this file as it was when it was last read or written by this program,
    whatever it holds now; None when there is none, or it is damaged, from another version or
    of another file, or its bytes are not kept beside it."""
    entry = cache._entry(real)
    if entry is None:
        return None
    try:
        with opened_file(entry) as handle:
            data = handle.read()
        with opened_file(text_of(entry)) as handle:
            kept = handle.read()
    except OSError:
        return None
    import zlib
    from _pickle import loads

    from ..collector import paused

    try:
        with paused():
            opened = cache._opened(data)
            if opened is None:
                return None
            key, counts, token, chunks = opened
            raw, reader = kept[8:], cache._reader(real)
            if (
                key[: len(reader)] != reader
                or kept[:8] != token
                or (len(raw), zlib.crc32(raw)) != key[-2:]
            ):
                return None
            _, parents, indexes, _, _, _, inverse = loads(chunks[0])
            k = len(counts)
            read = [bytes(chunk) for chunk in chunks[1:]]
            stored = cache._Stored(entry, token, counts, inverse, read[:k], read[k:])
            tables: list[Any] = []
            for chunk in read[k:]:
                tables += loads(chunk)
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
    return Stale(raw, in_file, parents, indexes, stored)


def recall_stale(real: Path) -> tuple[Plan, cache._Stored, bytes] | None:
    """The plan of this file's entry as ``cache.recall`` recalls it (each item with its sketch,
    its table loaded when first asked for; the plan recalled last, which a change or ``remember``
    stores anew chunk by chunk), whatever the file holds now; with how its tables are stored
    and the bytes it was read from. None as for ``stale``."""
    entry = cache._entry(real)
    if entry is None:
        return None
    from ..collector import paused

    try:
        with paused():  # (as ``recall``)
            opened = cache._read(entry)
            if opened is None:
                return None
            key, counts, token, chunks = opened
            reader = cache._reader(real)
            if key[: len(reader)] != reader:
                return None
            with opened_file(text_of(entry)) as handle:
                kept = handle.read()
            raw = kept[8:]
            if kept[:8] != token or (len(raw), zlib.crc32(raw)) != key[-2:]:
                return None
            plan = cache._recalled(entry, counts, token, chunks)
            recalled = cache._RECALLED
            if recalled is None or recalled[0]() is not plan:
                return None
            return plan, recalled[1], raw
    except Exception:  # not what we wrote: ignored
        return None
