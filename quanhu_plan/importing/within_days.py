"""A 督查督办台账's 办结时限 counted from the day the matter was given (pure): 15个工作日内,
交办后3日内, 一个月内. Read against the row's 交办日期 into the day it falls on; 工作日 are
counted by the State Council's holiday notices (``quanhu_plan.workdays``)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..workdays import OfficeDays

_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}
_NUMERALS.update({"九": 9, "十": 10})


@cache
def _within() -> re.Pattern[str]:
    # 6月 and 15日 alone are a month and a day of it, not counts: a count of days or months
    # says 内 or what it counts from (交办后, 限); 个月 is months, 工作日 is always a count.
    return re.compile(
        r"(?P<from>自?交办(?:之日起|后)|(?:收到|接到)(?:通知)?(?:之日起|后)|接件后|限)?"
        r"(?P<count>\d{1,3}|[一二两三四五六七八九十]{1,3})\s*"
        r"(?P<unit>个?工作日|个?自然日|日|天|个月)(?P<within>内)?(?:办结|完成|反馈|回复|办理)?"
    )


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return _NUMERALS.get(text)
    tens, _, ones = text.partition("十")  # 十五, 二十, 二十五
    if "十" not in text or len(text) > 3:
        return None
    head = _NUMERALS.get(tens, 0) if tens else 1
    tail = _NUMERALS.get(ones, 0) if ones else 0
    return head * 10 + tail if head and head < 10 and tail < 10 else None


def within(text: str) -> tuple[int, str] | None:
    """(count, "workdays" | "days" | "months") for a time limit counted from the day given;
    None for any other words."""
    found = _within().fullmatch(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)))
    if found is None:
        return None
    count = _number(found["count"])
    if not count:
        return None
    unit = found["unit"].lstrip("个")
    if unit != "工作日" and not (found["within"] or found["from"]):
        return None
    unit = {"工作日": "workdays", "月": "months"}.get(unit, "days")
    return count, unit


def counted_from(
    given: dt.date, count: int, unit: str, office: OfficeDays | None = None
) -> dt.date:
    """The last day of ``count`` days, workdays or months after ``given`` (the day given not
    counted: 交办 on Monday 3 March 2025, 15个工作日内 ends on Monday 24 March; 工作日 as
    ``workdays.after`` counts them, holidays left out and 调休 weekend days counted; ``office``:
    the plan's own days off and worked)."""
    if unit == "days":
        return given + dt.timedelta(days=count)
    if unit == "months":
        import calendar  # (with locale: only for a count of months, not on every plan add)

        month = given.month - 1 + count
        year, month = given.year + month // 12, month % 12 + 1
        return dt.date(year, month, min(given.day, calendar.monthrange(year, month)[1]))
    from ..workdays import NO_OFFICE_DAYS, after

    return after(given, count, NO_OFFICE_DAYS if office is None else office)
