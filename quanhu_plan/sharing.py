"""Plain values (TOML tables, arrays, texts, dates) copied so that equal keys, short texts and
dates are one object each. A plan repeats them thousands of times (every item says ``id``,
``title``, ``status``, ``owner``…); pickle stores a repeated object once and loads it once, so
the parse cache's entry is smaller and loads faster, and the plan it loads takes less memory.
Pure: no I/O."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

# Texts at most this long are shared: keys, statuses, names, units.
SHORT = 24


class Sharing:
    """One sharing: what it copies shares its dates with all it copied before (``dated``);
    keys and short texts are interned."""

    __slots__ = ("dated", "table", "value", "short")

    def __init__(self) -> None:
        self.short = SHORT
        seen: dict[Any, Any] = {}
        self.dated = seen.setdefault  # dated(day, day): the first equal day copied

        # What the loops use are locals (default arguments): a big plan has a million values.
        def table(
            value: dict[Any, Any],
            intern: Any = sys.intern,
            date: type = dt.date,
            dated: Any = self.dated,
            short: int = SHORT,
        ) -> dict[Any, Any]:
            """A copy of a table."""
            out = {}
            for key, item in value.items():  # scalars inline
                kind = type(item)
                if kind is str:
                    if len(item) <= short:
                        item = intern(item)
                elif kind is date:
                    item = dated(item, item)
                elif kind is dict or kind is list or kind is tuple:
                    item = share(item)
                out[intern(key) if type(key) is str else key] = item
            return out

        def share(value: Any, table: Any = table) -> Any:
            """A copy of any plain value."""
            kind = type(value)
            if kind is dict:
                return table(value)
            if kind is list:  # the item tables, a log: tables, mostly
                return [table(v) if type(v) is dict else share(v) for v in value]
            if kind is tuple:
                return tuple(share(v) for v in value)
            if kind is str:
                return sys.intern(value) if len(value) <= SHORT else value
            if kind is dt.date:
                return seen.setdefault(value, value)
            return value

        self.table, self.value = table, share
