"""A chunk of item tables as the parse cache stores it: two pickles, one after the other. The
first holds the tables, each long log in them cut to the few entries the year-end report reads
(``trace.entries_a_report_reads``); the second, those logs whole, with the place of each. Every
read takes both (``tables_of``), but the report of the plan as it is now, which takes the first
alone (``tables_for_report``): a plan with a year's trace (10,000 entries, 1.5 MB) is reported
on without unpickling the year."""

from __future__ import annotations

from typing import Any


def chunk_of(tables: list[Any]) -> bytes:
    """The chunk that stores ``tables`` (which it leaves as they are)."""
    from _pickle import dumps

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
    return dumps(cut, 5) + dumps(whole, 5)


def tables_of(chunk: bytes) -> Any:
    """The tables a chunk stores, every log whole. A chunk that is not one raises."""
    from _pickle import Unpickler
    from io import BytesIO

    # (an unpickler each: one keeps what it met, and the second pickle counts from none)
    data = BytesIO(chunk)
    tables = Unpickler(data).load()
    for n, log in Unpickler(data).load():
        tables[n]["log"] = log
    return tables


def tables_for_report(chunk: bytes) -> Any:
    """The tables a chunk stores, each long log cut to what the year-end report reads of it: for
    that report alone, never to be written (``model.Plan.logs_cut``)."""
    from _pickle import loads

    return loads(chunk)  # the first pickle: what follows it is not read
