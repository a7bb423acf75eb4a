"""Deadlines that come round again (每季度, 每月底前, 按季度, 每季度末、年底前) read as the last
time they fall in the plan's period, or as standing work (每周, 每天: work with no deadline of
its own). Pure: the words themselves are kept beside the deadline by the import."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ..periods import span_of
from ..texts import one_line
from .dates import _RECURRING, Due, _normalised, read_text
from .english_dates import chinese_form
from .errors import CellUnreadable

# What comes round, by the word the office wrote: the last of it in the period is the deadline.
_MONTHLY = re.compile(r"每(?:个)?月|按月|逐月")
_QUARTERLY = re.compile(r"每(?:个)?季度?|按季度?")
_HALF_YEARLY = re.compile(r"每(?:个)?半年")
_YEARLY = re.compile(r"每年")
# 每月10日前, 每月5号: a day of each month, the last month's that day.
_DAY_OF_MONTH = re.compile(r"每(?:个)?月(\d{1,2})[日号]")
_PARTS = re.compile(r"[、，,；;]|并于|并在|和|及")


def recurring_due(text: str, period: tuple[dt.date, dt.date]) -> tuple[Due] | None:
    """``(due,)`` for a deadline that recurs (每季度 -> the period's last quarter, "2024-Q4";
    每月底前 -> its last month; 每月10日前 -> that day of its last month; 每周, 每天, 定期 ->
    None, standing work), where another deadline written with it (每季度末、年底前) counts when
    it is as late or later (written out, it is kept); None where the text does not recur."""
    written = one_line(text)
    normal = _normalised(chinese_form(written) or written)  # monthly, each quarter
    if not _RECURRING.search(normal):
        return None
    end = period[1]
    last: Due = _last_occurrence(normal, end)
    for part in _PARTS.split(normal):
        if not part or _RECURRING.search(part):
            continue
        try:
            other, _ = read_text(part, end.year)
        except CellUnreadable:
            continue
        other_end, last_end = _ends(other), _ends(last)
        if other_end is not None and (last_end is None or other_end >= last_end):
            last = other
    return (last,)


def _last_occurrence(normal: str, end: dt.date) -> Due:
    day = _DAY_OF_MONTH.search(normal)
    if day is not None and 1 <= int(day.group(1)) <= 31:
        last_day = calendar.monthrange(end.year, end.month)[1]
        return dt.date(end.year, end.month, min(int(day.group(1)), last_day))
    if _HALF_YEARLY.search(normal) or _YEARLY.search(normal):
        return end
    if _MONTHLY.search(normal):
        return f"{end.year}-{end.month:02d}"
    if _QUARTERLY.search(normal):
        return f"{end.year}-Q{(end.month - 1) // 3 + 1}"
    return None  # 每周, 每天, 每旬, 定期: done over and over, no last day to be late by


def _ends(due: Due) -> dt.date | None:
    span = span_of(due)
    return None if span is None else span[1]
