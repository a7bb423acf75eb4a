"""What a status of a plan's parts and goals is made of (``goal_figures.Digest``), kept beside its
parse cache entry (``<entry>.goals``, marked with the entry's token and summed): a warm status
then unpickles neither the tasks' sketches nor looks at each of them again, but takes each
goal's tasks' keys from it (10,000 tasks: some 50 M instructions of a 520 M status).

Kept by the first status that makes it of the entry's sketches (or by the process storing the
entry a first status read: ``plan_file``), not by a change: a change stores its entry with a
new token, and the next status makes it again. Only ever a shortcut: a file that is not the
entry's, damaged or not of the right shape is not taken, and the status looks at the
sketches as before.
"""

from __future__ import annotations

import operator
import sys
from pathlib import Path
from typing import Any

from .cache_files import opened_file, write


def digest_file(entry: Path) -> Path:
    """Where the ``Digest`` of the entry ``entry`` is kept."""
    return entry.with_name(entry.name.removesuffix(".pickle") + ".goals")


def store_goals(entry: Path, token: bytes, digest: tuple[Any, ...]) -> None:
    """``digest`` kept beside the entry of ``token``: the token, the CRC-32 of the pickle, the
    pickle. A failure only leaves it unknown."""
    import zlib
    from _pickle import dumps

    try:
        data = dumps(digest, 5)
        write(digest_file(entry), [token, zlib.crc32(data).to_bytes(4, "little"), data])
    except Exception:  # (a folder not writable, a full disk: the next status makes it again)
        return


def keep_remembered(remembered: Any) -> tuple[Any, ...] | None:
    """The ``Digest`` of a plan just stored in the parse cache (``cache.Remembered``), kept
    beside its entry for the statuses to come; None where a status needs the tasks' items."""
    from ..goal_figures import remembered_digest

    digest = remembered_digest(remembered)
    if digest is not None:
        store_goals(remembered.entry, remembered.token, digest)
    return digest


def stored_goals(entry: Path, token: bytes, count: int) -> tuple[Any, ...] | None:
    """The ``Digest`` kept beside the entry of ``token``, whose plan has ``count`` items; None
    where there is none of that entry, or it is damaged or not of the shape one is."""
    import zlib
    from _pickle import loads

    try:
        with opened_file(digest_file(entry)) as handle:
            # Read on only where it is the entry's (not a sparse gigabyte put there).
            head = handle.read(12)
            if head[:8] != token:
                return None
            data = handle.read()
    except OSError:
        return None
    if head[8:] != zlib.crc32(data).to_bytes(4, "little"):
        return None
    try:
        digest = loads(data)
        return digest if _right_shape(digest, count) else None
    except Exception:  # (not a digest: written by a hand or a bug)
        return None


def _right_shape(digest: tuple[Any, ...], count: int) -> bool:
    """Whether ``digest`` is one of a plan of ``count`` items whose every place points where
    there is something: a goal, a parent above its child, a key among the keys. Checked a list
    at a time (``_ints_within``, ``_keys_below``), not a place at a time: 10,000 tasks' keys and
    a thousand places (a Python step each took 4 M instructions of every warm status)."""
    from array import array

    entries, above, sketches, spans, distinct, keys, code, marks = digest
    if code not in ("H", "I", "Q"):
        return False
    size = array(code).itemsize
    if type(keys) is not bytes or len(keys) % size:
        return False
    tasks, inner = len(keys) // size, len(entries)
    if not (
        len(above) == len(sketches) == inner
        and tasks + inner == count
        and isinstance(distinct, list)
        and len(marks) == 2
        and _keys_below(keys, size, len(distinct))
        and _ints_within(entries, 0, count)
        and _ints_within(above, -1, inner)
    ):
        return False
    # A parent above its child: each place of ``above`` before its own.
    if not all(map(operator.lt, above, range(inner))):
        return False
    if not spans:
        return True
    goals, starts, ends = zip(*spans, strict=True)
    return (
        len(spans[0]) == 3
        and _ints_within(goals, 0, inner)
        and _ints_within(starts, 0, tasks)
        and _ints_within(ends, 1, tasks + 1)
        and all(map(operator.lt, starts, ends))
    )


def _ints_within(values: Any, low: int, past: int) -> bool:
    """Whether each of ``values`` is an int (not a bool), ``low`` or more and below ``past``."""
    if not values:
        return True
    return set(map(type, values)) == {int} and low <= min(values) and max(values) < past


def _keys_below(keys: bytes, size: int, bound: int) -> bool:
    """Whether every key of ``keys`` (unsigned, ``size`` bytes each, in this computer's order)
    is below ``bound``: all of them at once, as one whole number of ``size``-byte lanes, where
    ``bound`` is at most half a lane's range (a lane's top bit set, once the bound is taken from
    its top, says a key at or above it: no carry crosses a lane); else key by key."""
    from array import array

    count = len(keys) // size
    if not count:
        return True
    order = sys.byteorder
    half = 1 << (8 * size - 1)
    if bound > half:
        values = array({1: "B", 2: "H", 4: "I", 8: "Q"}[size])
        values.frombytes(keys)
        return max(values) < bound
    number = int.from_bytes(keys, order)
    tops = int.from_bytes(half.to_bytes(size, order) * count, order)
    if number & tops:  # (a key of half a lane or more: above the bound)
        return False
    lifted = int.from_bytes((half - bound).to_bytes(size, order) * count, order)
    return not (number + lifted) & tops
