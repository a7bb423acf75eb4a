"""工作日 as a Chinese office counts them (pure: data, no I/O): Monday to Friday, less the public
holidays and plus the 调休 weekend days the State Council's yearly 部分节假日安排 (国务院办公厅
通知) names. One counter, ``after``, for every count of 工作日 the tool makes (a 督查督办台账's
15个工作日内, ``plan add --due 10个工作日内``); a year with no notice here is counted Monday to
Friday, and ``unscheduled_years`` names those years so the office is told. A plan may add its
own days off and worked (``office_days``: ``[plan.workdays]``): they add to the notices' days,
never replace them, so a year the plan names a day of is still a year without a notice (its
public holidays unknown) unless the plan says it typed that year's whole notice in
(``notice_years``).

The notices are typed as they were published: each year the days off (放假, a span a..b) and the
weekend days worked (上班); a day of another year is written in full (the 2019 元旦 began on
2018-12-30, and Saturday 2018-12-29 was worked). A newer notice is a new entry in ``NOTICES``.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

# year: (days off, weekend days worked), as each notice gives them; its 文号 where the copy
# read gives it, its date and that copy.
NOTICES: dict[int, tuple[str, str]] = {
    # 2017-11-30, http://taiwan.cn/xwzx/PoliticsNews/201712/t20171201_11874642.htm
    2018: (
        "01-01 02-15..02-21 04-05..04-07 04-29..05-01 06-18 09-24 10-01..10-07",
        "02-11 02-24 04-08 04-28 09-29 09-30",
    ),
    # 国办发明电〔2018〕15号 (2018-12-04), http://czj.gnzrmzf.gov.cn/info/1282/12573.htm; 劳动节
    # changed by 国办发明电〔2019〕3号 (2019-03-22), http://hmsrbp.cn/rlzy/2019-03-29/513.html
    2019: (
        "2018-12-30..01-01 02-04..02-10 04-05 05-01..05-04 06-07 09-13 10-01..10-07",
        "2018-12-29 02-02 02-03 04-28 05-05 09-29 10-12",
    ),
    # 国办发明电〔2019〕16号 (2019-11-21), http://kaixinit.com/news/3681.html; 春节 lengthened
    # to 2月2日 by 国办发明电〔2020〕1号 (2020-01-26), https://www.farmer.com.cn/2020/01/27/99847578.html
    # (so Saturday 1 February, to have been worked, was a day off)
    2020: (
        "01-01 01-24..02-02 04-04..04-06 05-01..05-05 06-25..06-27 10-01..10-08",
        "01-19 04-26 05-09 06-28 09-27 10-10",
    ),
    # 国办发明电〔2020〕27号 (2020-11-25), https://0798ci.com/law/95022.html
    2021: (
        "01-01..01-03 02-11..02-17 04-03..04-05 05-01..05-05 06-12..06-14 09-19..09-21"
        " 10-01..10-07",
        "02-07 02-20 04-25 05-08 09-18 09-26 10-09",
    ),
    # 国办发明电〔2021〕11号 (2021-10-25),
    # http://www.beijing.gov.cn/zhengce/zhengcefagui/202110/t20211026_2520500.html
    2022: (
        "01-01..01-03 01-31..02-06 04-03..04-05 04-30..05-04 06-03..06-05 09-10..09-12"
        " 10-01..10-07",
        "01-29 01-30 04-02 04-24 05-07 10-08 10-09",
    ),
    # 国办发明电〔2022〕16号 (2022-12-08), https://zh.m.wikisource.org/zh/国务院办公厅关于2023年部分节假日安排的通知
    2023: (
        "2022-12-31..01-02 01-21..01-27 04-05 04-29..05-03 06-22..06-24 09-29..10-06",
        "01-28 01-29 04-23 05-06 06-25 10-07 10-08",
    ),
    # 国办发明电〔2023〕7号 (2023-10-25), https://zh.wikisource.org/wiki/国务院办公厅关于2024年部分节假日安排的通知
    2024: (
        "01-01 02-10..02-17 04-04..04-06 05-01..05-05 06-10 09-15..09-17 10-01..10-07",
        "02-04 02-18 04-07 04-28 05-11 09-14 09-29 10-12",
    ),
    # 国办发明电〔2024〕12号 (2024-11-12), https://m.gmw.cn/2024-11/12/content_1303894933.htm
    2025: (
        "01-01 01-28..02-04 04-04..04-06 05-01..05-05 05-31..06-02 10-01..10-08",
        "01-26 02-08 04-27 09-28 10-11",
    ),
    # 2025-11-04, https://politics.gmw.cn/2025-11/04/content_38391083.htm
    2026: (
        "01-01..01-03 02-15..02-23 04-04..04-06 05-01..05-05 06-19..06-21 09-25..09-27"
        " 10-01..10-07",
        "01-04 02-14 02-28 05-09 09-20 10-10",
    ),
}

# The notice for a year may set the last days of the year before (元旦 from 2018-12-30, and
# Saturday 2018-12-29 worked, the earliest so far): a day from this one of December on waits
# for next year's notice too.
_NEXT_NOTICE_FROM_DECEMBER = 28


def _day(token: str, year: int) -> dt.date:
    return dt.date.fromisoformat(token if len(token) == 10 else f"{year}-{token}")


@cache
def _schedule() -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(days off, weekend days worked) of every notice, read at the first count of 工作日."""
    off: set[dt.date] = set()
    worked: set[dt.date] = set()
    for year, (days_off, days_worked) in NOTICES.items():
        for token in days_off.split():
            first, _, last = token.partition("..")
            day, end = _day(first, year), _day(last or first, year)
            while day <= end:
                off.add(day)
                day += dt.timedelta(days=1)
        worked.update(_day(token, year) for token in days_worked.split())
    return frozenset(off), frozenset(worked)


# A plan's own [plan.workdays]: days off besides the notices' (a region's 三月三, a county's
# 调休) and days worked, and the years whose notice it typed in whole before this tool has it
# (``notice_years = [2027]``: its days off and worked are that year's all).
OfficeDays = tuple[frozenset[dt.date], frozenset[dt.date], frozenset[int]]
NO_OFFICE_DAYS: OfficeDays = (frozenset(), frozenset(), frozenset())
KEYS = ("off", "worked")
NOTICE_YEARS = "notice_years"


def office_days(table: Any) -> OfficeDays:
    """(off, worked, notice years) of a plan's ``[plan.workdays]`` table (``off = [2025-04-01]``,
    ``worked = [2025-04-06]``, ``notice_years = [2027]``; validate_header checks its shape); none
    for no table."""
    if not isinstance(table, dict):
        return NO_OFFICE_DAYS
    days = [frozenset(d for d in table.get(key, ()) if isinstance(d, dt.date)) for key in KEYS]
    years = table.get(NOTICE_YEARS, ())
    typed = frozenset(y for y in years if type(y) is int) if isinstance(years, list) else ()
    return days[0], days[1], frozenset(typed)


def _known(year: int, office: OfficeDays) -> bool:
    """A year with a notice here, or whose notice the plan typed in whole (``notice_years``): a
    day off of its own (三月三) says nothing of that year's public holidays."""
    return year in NOTICES or year in office[2]


def unscheduled_year(day: dt.date, office: OfficeDays = NO_OFFICE_DAYS) -> int | None:
    """The year whose notice ``day`` waits for and that is not known (``_known``); None when
    the day is known."""
    if not _known(day.year, office):
        return day.year
    late_december = day.month == 12 and day.day >= _NEXT_NOTICE_FROM_DECEMBER
    if late_december and not _known(day.year + 1, office):
        return day.year + 1
    return None


def is_workday(day: dt.date, office: OfficeDays = NO_OFFICE_DAYS) -> bool:
    """A day an office works: one its plan says it works, or a 调休 weekend day worked, or a
    weekday that is no holiday, of the notices or of the plan's own (a day of a year with no
    notice here: Monday to Friday)."""
    own_off, own_worked, _ = office
    if day in own_worked:
        return True
    if day in own_off:
        return False
    off, worked = _schedule()
    if day in worked:
        return True
    return day.weekday() < 5 and day not in off


def after(given: dt.date, count: int, office: OfficeDays = NO_OFFICE_DAYS) -> dt.date:
    """The last of ``count`` 工作日 after ``given`` (the day given not counted: 交办 on Tuesday
    26 September 2023, 10个工作日内 ends on Monday 16 October, past 中秋 and 国庆 and counting
    the Saturday and Sunday worked)."""
    day = given
    while count > 0:
        day += dt.timedelta(days=1)
        if is_workday(day, office):
            count -= 1
    return day


def unscheduled_years(
    given: dt.date, last: dt.date, office: OfficeDays = NO_OFFICE_DAYS
) -> tuple[int, ...]:
    """The years whose notice the days after ``given`` up to ``last`` wait for and that are
    not known: those days were counted Monday to Friday (none: every day counted is known)."""
    years = set()
    day = given
    while day < last:
        day += dt.timedelta(days=1)
        year = unscheduled_year(day, office)
        if year is not None:
            years.add(year)
    return tuple(sorted(years))
