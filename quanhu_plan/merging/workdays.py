"""The three-way merge of a plan's ``[plan.workdays]``: its lists of days off and worked merge
day by day (one office typed the county's 调休, another in its clone a day off), not as one
value that two clones changing it makes a conflict of."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .sides import MISSING


def merged_workdays(base: Any, ours: Any, theirs: Any) -> Any:
    """The table both sides' days make: a day either side added is in, a day either took out
    is out. ``MISSING`` when no table is left; None when the days do not merge so (a list
    that is not of dates, or a day off on one side and worked on the other: one is wrong,
    so it stays a conflict for the office)."""
    tables = [{} if table is MISSING else table for table in (base, ours, theirs)]
    if not all(isinstance(table, dict) for table in tables):
        return None
    b, o, t = tables
    merged: dict[str, Any] = {}
    for key in [*o, *(k for k in t if k not in o), *(k for k in b if k not in o and k not in t)]:
        lists = [table.get(key, []) for table in (b, o, t)]
        kind = int if key == "notice_years" else dt.date  # (the years typed in whole)
        if not all(isinstance(days, list) for days in lists) or not all(
            isinstance(day, kind) and not isinstance(day, bool) for days in lists for day in days
        ):
            return None
        was, mine, other = (set(days) for days in lists)
        days = sorted((mine & other) | (mine - was) | (other - was))
        if days or key in o:
            merged[key] = days
    if set(merged.get("off", [])) & set(merged.get("worked", [])):
        return None
    return merged or MISSING
