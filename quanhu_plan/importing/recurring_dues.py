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
# (每两个月, 每双月: the last of a year's is December's, as a month's; 每半月: its last half)
_MONTHLY = re.compile(r"每(?:个)?月|每(?:两|二|2|双|半)个?月|按月|逐月")
_QUARTERLY = re.compile(r"每(?:个)?季度?|按季度?")
_HALF_YEARLY = re.compile(r"每(?:个)?半年")
_YEARLY = re.compile(r"每年")
# 每月10日前, 每月5号: a day of each month, the last month's that day.
_DAY_OF_MONTH = re.compile(r"每(?:个)?月(\d{1,2})[日号]")
# 每年6月底前: a month of each year; 每季度第一个月: a month of each quarter; 每月中旬: a part of each month.
_YEARLY_MONTH = re.compile(r"每(?:个)?年(\d{1,2})月")
_QUARTERS_MONTH = re.compile(r"每(?:个)?季度?(?:的)?第([一二三123])个?月")
_DIGITS = str.maketrans("123", "一二三")
_EACH_MONTH = re.compile(r"每(?:个)?月(?=[上中下]旬|底|末|初)")
_PARTS = re.compile(r"[、，,；;]|并于|并在|和|及")


def recurring_due(text: str, period: tuple[dt.date, dt.date]) -> tuple[Due] | None:
    """``(due,)`` for a deadline that recurs (每季度 -> the period's last quarter, "2024-Q4";
    每月底前 -> its last month; 每月10日前 -> that day of its last month; 每年6月底前 -> the
    last June in the period; 每季度第一个月 -> the first month of its last quarter; 每周, 每天,
    定期 -> None, standing work), the latest of the deadlines written together (每月5日前、
    每季度末: 12-31), another written with it (每季度末、年底前) counting when it is as late or
    later (written out, it is kept); None where the text does not recur."""
    written = one_line(text)
    normal = _normalised(chinese_form(written) or written)  # monthly, each quarter
    if not _RECURRING.search(normal):
        return None
    end = period[1]
    last: Due = None
    last_end: dt.date | None = None
    for part in _PARTS.split(normal):
        recurring = bool(part) and _RECURRING.search(part) is not None
        if recurring:
            due = _last_occurrence(part, end)
        else:
            try:
                due, _ = read_text(part, end.year) if part else (None, None)
            except CellUnreadable:
                continue
        due_end = _ends(due)
        if due_end is None:
            continue
        if last_end is None or due_end > last_end or (due_end == last_end and not recurring):
            last, last_end = due, due_end
    if last_end is None:  # (a recurring word the parts split apart)
        last = _last_occurrence(normal, end)
    return (last,)


# 每季度初, 每年初: the first days of each quarter's first month, of each January (as 每月初 is
# each month's: its 5th), not the whole quarter nor the year's end.
_EACH_QUARTER_START = re.compile(r"每(?:个)?季度?初")
_EACH_YEAR_START = re.compile(r"每(?:个)?年初")
_EACH_HALF_START = re.compile(r"每(?:个)?半年初")


def _last_occurrence(normal: str, end: dt.date) -> Due:
    normal = _EACH_QUARTER_START.sub("每季度第一个月初", normal)
    # 每半年初: the first days of the last half the period holds (July's, or January's)
    normal = _EACH_HALF_START.sub("每年7月初" if end.month >= 7 else "每年1月初", normal)
    normal = _EACH_YEAR_START.sub("每年1月初", normal)
    yearly_month = _YEARLY_MONTH.search(normal)
    if yearly_month is not None and 1 <= int(yearly_month.group(1)) <= 12:
        # 每年6月底前: the last June the period holds (of a July-June year, 10月 is its first)
        month = int(yearly_month.group(1))
        year = end.year if month <= end.month else end.year - 1
        written = normal[yearly_month.start(1) :]
        return _read_or(written, year, f"{year}-{month:02d}")
    nth = _QUARTERS_MONTH.search(normal)
    if nth is not None:
        # 每季度第一个月: that month of the period's last quarter that has come by its end
        month = 3 * ((end.month - 1) // 3) + "一二三".index(nth.group(1).translate(_DIGITS)) + 1
        year = end.year
        if month > end.month:
            month, year = (month - 3, year) if month > 3 else (month + 9, year - 1)
        rest = normal[nth.end() :]
        return _read_or(f"{month}月{rest}", year, f"{year}-{month:02d}")
    day = _DAY_OF_MONTH.search(normal)
    if day is not None and 1 <= int(day.group(1)) <= 31:
        last_day = calendar.monthrange(end.year, end.month)[1]
        return dt.date(end.year, end.month, min(int(day.group(1)), last_day))
    if _HALF_YEARLY.search(normal) or _YEARLY.search(normal):
        return end
    month_of = _EACH_MONTH.search(normal)
    if month_of is not None and normal[month_of.end() :]:
        # 每月中旬, 每月下旬前: that part of the period's last month
        month_text = f"{end.month}月{normal[month_of.end() :]}"
        return _read_or(month_text, end.year, f"{end.year}-{end.month:02d}")
    if _MONTHLY.search(normal):
        return f"{end.year}-{end.month:02d}"
    if _QUARTERLY.search(normal):
        return f"{end.year}-Q{(end.month - 1) // 3 + 1}"
    return None  # 每周, 每天, 每旬, 定期: done over and over, no last day to be late by


def _read_or(text: str, year: int, otherwise: Due = None) -> Due:
    """The deadline ``text`` names in ``year``, or ``otherwise`` where it names none."""
    try:
        due, _ = read_text(text, year)
    except CellUnreadable:
        return otherwise
    return due if due is not None else otherwise


def _ends(due: Due) -> dt.date | None:
    span = span_of(due)
    return None if span is None else span[1]
