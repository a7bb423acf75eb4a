"""The day a task a ledger marks 已完成 was done, where its 状态 gives none (pure): the row's
完成时间 (实际完成时间, 办结时间) where it names a day, else the day the ledger stands on, said
as assumed. A task done on no day is done before its deadline as far as the plan can tell, and
then late by none: the report and the county's 通报 count it by a day that is not there."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .deadline_cells import a_day
from .errors import Notice
from .headers import bare_name
from .reading import Node, Reading

# The columns beside a 完成时限 a ledger writes the day a task was done in (完成时间 after a
# 完成时限 is kept under its name, ``headers.settle``; the others are no field's).
DONE_TIME_NAMES = ("完成时间", "实际完成时间", "实际完成日期", "办结时间", "办结日期", "销号时间")


def done_day(reading: Reading, node: Node, fields: dict[str, Any], item_id: str) -> str | None:
    """Give a task marked done with no day its ``done_on``: the row's 完成时间, else the day
    the ledger stands on (``reading.done_day``; none for a past year's ledger that states no
    day: today is no day it was done on, and a guess at the period's end would have the task
    undone all year). Returns the key of the kept cell it was read from (no longer kept: it
    is the done day now), or None."""
    if fields.get("status") != "done" or "done_on" in fields or reading.written_by_export():
        return None  # (a plan's own table: a task it has done on no day stays so)
    for column in reading.header.columns:
        if column.field not in ("keep", None) or bare_name(column.name) not in DONE_TIME_NAMES:
            continue
        value = reading.sheet.value(node.row, column.index)
        if value is None:
            continue
        day = a_day(reading, node, column, value)  # (2024年, 8月: when, not the day it was done)
        if day is not None:
            fields["done_on"] = day
            return reading.keys[column.index]
    if reading.done_day is not None:
        fields["done_on"] = reading.done_day
    reading.found.assumed_done_days.append((node.row, item_id))
    return None


def assumed_done_days(rows: list[tuple[int, str]], day: dt.date, origin: str) -> Notice:
    """Tasks marked done with no day, given ``day``; ``origin`` says where it comes from:
    on (--on), file (the ledger's 截至 or 填报 day) or today; end or start (today outside the
    plan's period): no day given, the tasks done on a day not known."""
    zh_rows = "、".join(str(row + 1) for row, _ in rows[:10]) + (
        f" 等 {len(rows)} " if len(rows) > 10 else " "
    )
    en_rows = ", ".join(str(row + 1) for row, _ in rows[:10]) + (
        f" and {len(rows) - 10} more" if len(rows) > 10 else ""
    )
    fix_zh = f"如不对，在表格里写上完成日期（如“已完成（{day.year}-05-20）”，或一列“完成时间”）后重新导入。"
    # An English table's own form (its 状态 column is Status; no English header is a 完成时间).
    fix_en = (
        f"If that is wrong, write the day in the task's Status cell (done ({day.year}-05-20)) "
        "and import again."
    )
    if origin in ("end", "start"):
        return Notice(
            f"第 {zh_rows}行的任务标为已完成，表中没有完成日期，表格也没有写截至日期，导入当天"
            "又不在计划期内：没有记完成日期（按已完成计，不知哪天完成）。要记上，"
            + fix_zh.removeprefix("如不对，").replace("在表格里", "请在表格里"),
            f"The {'task' if len(rows) == 1 else 'tasks'} on row{'s' if len(rows) > 1 else ''} "
            f"{en_rows} {'is' if len(rows) == 1 else 'are'} marked done with no day, and the "
            "table states no day it stands on, nor is today in the plan's period: no done day "
            "is recorded (done, on a day not known). To record one, "
            + fix_en.removeprefix("If that is wrong, "),
        )
    zh_origin, en_origin = {
        "on": ("--on 给的日期", "the day --on gives"),
        "file": ("表格的截至日期", "the day the ledger stands on"),
        "today": ("导入当天", "the day of the import"),
    }[origin]
    return Notice(
        f"第 {zh_rows}行的任务标为已完成，表中没有完成日期，完成日期推定为 {day.isoformat()}"
        f"（{zh_origin}）。{fix_zh}",
        f"The {'task' if len(rows) == 1 else 'tasks'} on row{'s' if len(rows) > 1 else ''} "
        f"{en_rows} {'is' if len(rows) == 1 else 'are'} marked done with no day in the table: "
        f"assumed done on {day.isoformat()} ({en_origin}). {fix_en}",
    )
