"""A chunk of item tables as the parse cache stores it: two pickles, one after the other (the
length of the first before them). The first holds the tables, each long log in them cut to the
few entries the year-end report reads (``trace.entries_a_report_reads``); the second, where any
log was cut (which the length says), those logs whole, with the place of each. Every
read takes both (``tables_of``), but the report of the plan as it is now, which takes the first
alone (``tables_for_report``): a plan with a year's trace (10,000 entries, 1.5 MB) is reported
on without unpickling the year."""

from __future__ import annotations

from itertools import repeat
from operator import contains
from typing import Any

# The chunk's first bytes: the length of its first pickle (where the second starts), and
# whether a second follows (``_CUT``): a chunk whose second pickle is gone is told from one
# that never had one, and its cut logs are never taken for the whole.
_LENGTH = 8
_CUT = 1 << 63


def chunk_of(tables: list[Any]) -> bytes:
    """The chunk that stores ``tables`` (which it leaves as they are): the length of the first
    pickle, the first pickle, and the second, if any table has a long log."""
    from _pickle import dumps

    if not any(map(contains, tables, repeat("log"))):  # (no log to cut: most chunks)
        first = dumps(tables, 5)
        return b"".join((len(first).to_bytes(_LENGTH, "little"), first))
    from ..trace import entries_a_report_reads

    cut: list[Any] = []
    whole: list[tuple[int, Any]] = []
    for n, table in enumerate(tables):
        few = entries_a_report_reads(table) if "log" in table else None
        if few is None:
            cut.append(table)
        else:
            cut.append({**table, "log": few})  # (the log in its place among the keys)
            whole.append((n, table["log"]))
    first = dumps(cut, 5)
    head = (len(first) | (_CUT if whole else 0)).to_bytes(_LENGTH, "little")
    return b"".join((head, first, dumps(whole, 5) if whole else b""))


def tables_of(chunk: bytes) -> Any:
    """The tables a chunk stores, every log whole. A chunk that is not one raises."""
    from _pickle import loads

    view = memoryview(chunk)
    second, cut = _head(view)
    tables = loads(view[_LENGTH:second])
    if cut != (second < len(view)):
        raise ValueError("a chunk whose whole logs are gone, or not said to follow")
    if cut:
        for n, log in loads(view[second:]):
            tables[n]["log"] = log
    return tables


def tables_for_report(chunk: bytes) -> Any:
    """The tables a chunk stores, each long log cut to what the year-end report reads of it: for
    that report alone, never to be written (``model.Plan.logs_cut``)."""
    from _pickle import loads

    view = memoryview(chunk)
    return loads(view[_LENGTH : _head(view)[0]])


def _head(view: memoryview) -> tuple[int, bool]:
    """Where a chunk's second pickle starts, and whether it says one follows (``_CUT``)."""
    head = int.from_bytes(view[:_LENGTH], "little")
    return _LENGTH + (head & ~_CUT), bool(head & _CUT)
