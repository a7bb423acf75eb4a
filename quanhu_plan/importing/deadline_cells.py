"""The cells of a deadline, a start and a day (pure): 完成时限 as offices write them (a date, 6月底前,
长期坚持, 15个工作日内 counted from the 交办日期, 每季度 come round again), 完成日期, and the
更新日期 that dates a row's note; the words a deadline cannot hold kept beside it (完成时限原文).
Split from ``cells`` (each field's reader), which calls them."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from ..model import DUE_WORDS_KEYS
from ..texts import one_line
from .dates import deadline_and_reason, excel_serial, read_in_period
from .errors import CellUnreadable
from .header_names import WORK_PERIOD
from .headers import Column, bare_name
from .reading import Node, Reading
from .recurring_dues import recurring_due
from .sheets import Value
from .values import as_text
from .within_days import counted_from, within


def _serial(reading: Reading, node: Node, column: Column, value: Value) -> None:
    """A day Excel holds as a bare number (45291), for the import to say how it read it."""
    day = excel_serial(value, reading.sheet.epoch)
    if day is not None:
        reading.found.serial_dates.append((reading.address(node.row, column), value, day))


def deadline(reading: Reading, node: Node, column: Column, value: Value) -> None:
    if column.field == "due" and isinstance(value, str) and _counted(reading, node, value):
        _keep_words(reading, node, column, value)
        return
    if (
        column.field == "due"
        and isinstance(value, str)
        and _recurring(reading, node, column, value)
    ):
        _keep_words(reading, node, column, value)
        return
    # A 开工时间 of 2025年 or 下半年 is read from the first day it names, not the last.
    starting = column.field == "start"
    try:
        due, start = read_in_period(
            value, reading.year, reading.period, reading.sheet.epoch, starting
        )
    except CellUnreadable:
        # A deadline with why it is so in brackets (11月20日前（土地封冻前）, 6月底前（汛期前）):
        # the deadline, and the words kept as written. Brackets that hold a date too
        # (6月底前（第一阶段3月底前）) are several deadlines, refused as such.
        found = deadline_and_reason(value) if isinstance(value, str) else None
        if column.field != "due" or found is None:
            raise
        due, start = read_in_period(found[0], reading.year, reading.period, reading.sheet.epoch)
        _keep_words(reading, node, column, as_text(value))
    if column.field == "due" and due is None and isinstance(value, str):
        _keep_words(reading, node, column, value)  # 长期坚持, 持续推进: no deadline, as written
    _serial(reading, node, column, value)
    if column.field == "start":
        node.stated.add("start")
        if due is not None:
            node.fields["start"] = due
        return
    node.stated.add("due")
    if due is not None:
        node.fields["due"] = due
    if start is None and _worked_in(column, value, due):
        start = due  # 时间安排 1月份: worked from 1 January, not behind in June for December
    if start is not None and "start" not in node.fields:
        node.fields["start"] = start


# A month or a quarter named alone (1月份, 2023年12月, 三季度), not as a deadline (6月底前).
_BY_A_DEADLINE = re.compile(r"[前底末止]|以内|之内|完成")


def _worked_in(column: Column, value: Value, due: object) -> bool:
    """Whether a cell of a column saying when the work is done (时间安排, 实施期限:
    ``WORK_PERIOD``) names the month or quarter it takes, from its first day to its last."""
    return (
        isinstance(value, str)
        and isinstance(due, str)  # a month or a quarter (a day is a deadline)
        and bare_name(column.name) in _WORK_PERIOD
        and not _BY_A_DEADLINE.search(value)
    )


_WORK_PERIOD = frozenset(bare_name(name) for name in WORK_PERIOD)


def _keep_words(reading: Reading, node: Node, column: Column, value: str) -> None:
    """The deadline as the office worded it where the plan's ``due`` cannot say it (长期坚持:
    none; 15个工作日内: the day it was counted to), kept beside it under its column's name and
    原文 (完成时限原文 = "长期坚持"; in English "Deadline (as written)"), as ``target_text`` keeps
    a target's words."""
    words = value.strip()
    if words and as_text(words) not in ("无", "暂无"):
        node.extra[words_key(reading, column)] = words


def words_key(reading: Reading, column: Column) -> str:
    """The key a deadline's words are kept under beside it (完成时限原文); of one read from a
    title's tail (（完成时限：长期）), its label's, not the title column's."""
    key = reading.keys[column.index] if column in reading.header.columns else column.name
    if key == "Due":  # an English export's column: the key plan add and edit write in English
        return DUE_WORDS_KEYS[1]
    return f"{key} (as written)" if key.isascii() else f"{key}原文"


def _recurring(reading: Reading, node: Node, column: Column, value: str) -> bool:
    """A deadline that comes round again (每季度, 每月底前) read as its last time in the plan's
    period, or none for standing work (每周): an office's 台账 writes such rows by the dozen,
    and refusing them stopped the import (False: the words do not recur)."""
    found = recurring_due(value, reading.period)
    if found is None:
        return False
    node.stated.add("due")
    if found[0] is not None:
        node.fields["due"] = found[0]
    words = one_line(value.strip())
    reading.found.recurring_dues.append((node.row, words, found[0], words_key(reading, column)))
    return True


def _counted(reading: Reading, node: Node, value: str) -> bool:
    """A 办结时限 counted from the row's 交办日期 (15个工作日内), read as the day it ends; False
    for other words. CellUnreadable where the row gives no day to count from."""
    limit = within(value)
    if limit is None:
        return False
    given_column = reading.columns.get("start")
    given = None
    if given_column is not None:
        cell = reading.sheet.value(node.row, given_column.index)
        try:
            given = read_in_period(cell, reading.year, reading.period, reading.sheet.epoch)[0]
        except CellUnreadable:
            given = None
    if not isinstance(given, dt.date):
        day = f"{reading.period[0].year}-03-03"  # (a day of the table's own year, for its clerk)
        raise CellUnreadable(
            f"“{value.strip()}”从交办日期算起，但这一行没有可读的交办日期（某一天，如 {day}）；"
            "请填上交办日期，或把办结时限写成某一天",
            f"{value.strip()!r} counts from the day the matter was given, and the row gives no "
            f"such day (交办日期, e.g. {day}) that can be read; fill it in or write the "
            "deadline as a day",
        )
    due = counted_from(given, *limit)
    node.stated.add("due")
    node.fields["due"] = due
    reading.found.counted_dues.append((node.row, value.strip(), given, due, limit[1]))
    return True


def done_day(reading: Reading, node: Node, column: Column, value: Value) -> None:
    due, _ = read_in_period(value, reading.year, reading.period, reading.sheet.epoch)
    if not isinstance(due, dt.date):
        raise CellUnreadable(
            "应为某一天，如 2023-10-20 或 10月20日", "expected a day, such as 2023-10-20"
        )
    node.figures["done_on"] = due
    _serial(reading, node, column, value)


# A text naming one day: 2024-06-30, 2024年6月30日, 6月30日, 6.30, 20240630, 45291.
_A_DAY = re.compile(r"\d\s*[月./-]\s*\d{1,2}\s*[日号]?\s*$|^\s*\d{5}(?:\.\d+)?\s*$|^\s*\d{8}\s*$")


def a_day(reading: Reading, node: Node, column: Column, value: Value) -> dt.date | None:
    """The day an 更新日期 cell names, or None where it names none (6月上旬, 每月)."""
    if isinstance(value, str) and not _A_DAY.search(unicodedata.normalize("NFKC", value)):
        return None
    try:
        day, _ = read_in_period(value, reading.year, reading.period, reading.sheet.epoch)
    except CellUnreadable:
        return None
    if not isinstance(day, dt.date):
        return None
    _serial(reading, node, column, value)
    return day
