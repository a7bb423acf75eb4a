"""The period of a campaign table that is not a calendar year (镇罗镇2024年秋冬季“两大工程”任务
分解表, deadlines 2024年9月底前 to 2025年3月底前): from the months its title states
(2024年9月至2025年3月), or from its deadlines where the title says the campaign crosses the
year (秋冬季, 冬春季, 2024—2025年度) or its deadlines run into the next year."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from typing import NamedTuple

from ..periods import a_year_from
from .dates import excel_serial
from .errors import Notice
from .headers import Header

_YEAR = r"((?:19|20)\d\d)"
_TO = r"\s*(?:至|到|—+|–|-|－|~|～)\s*"
# 2024年9月至2025年3月, 2024年9月—3月
_MONTHS = re.compile(
    _YEAR + r"\s*年\s*(\d{1,2})\s*月" + _TO + r"(?:" + _YEAR + r"\s*年\s*)?(\d{1,2})\s*月"
)
# 2024—2025年度, 2024-2025年: a campaign across two years
_TWO_YEARS = re.compile(_YEAR + r"\s*年?" + _TO + _YEAR + r"\s*年")
# A plan of half a year (XX街道2020年下半年工作计划, 2024年上半年重点工作安排): July to December
# or January to June. (A 台账 reporting on the first half, 2024年上半年工作推进情况, is the
# year's plan: above.period_reported.)
_HALF_PLAN = re.compile(_YEAR + r"\s*年\s*([上下])半年\s*(?:重点)?工作(?:计划|要点|安排|任务)")
_SEASONS = {"秋冬": 9, "冬春": 11}  # the month a season's campaign begins in at the latest
_NEXT_YEAR = re.compile(r"\s*(?:次年|明年|翌年|来年)\s*(\d{1,2})\s*月")
# in English: Autumn and Winter Campaign, autumn-winter, Winter/Spring
_SEASONS_EN = {
    re.compile(r"\bautumn\s*(?:and|&|-|/)\s*winter\b", re.IGNORECASE): 9,
    re.compile(r"\bwinter\s*(?:and|&|-|/)\s*spring\b", re.IGNORECASE): 11,
}
# end of March 2025, by March 2025: a month and its year in English
_MONTHS_EN = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_YEAR_EN = re.compile(
    r"\b((?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)|(?:sept|" + "|".join(_MONTHS_EN) + r")\.?)\s+" + _YEAR + r"(?!\d)",
    re.IGNORECASE,
)
_SPRING = 6  # the last month a season's campaign ends in: a month without a year up to it


def first_of_two_years(title: str) -> int | None:
    """The year a title naming two years running starts in (2024—2025年度: 2024), which
    ``above.year_in`` would read as the second."""
    found = _TWO_YEARS.search(unicodedata.normalize("NFKC", title))
    if found is None or int(found.group(2)) != int(found.group(1)) + 1:
        return None
    return int(found.group(1))


class Campaign(NamedTuple):
    start: dt.date
    end: dt.date
    by_title: bool  # the title states the months, rather than the deadlines giving them


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _deadline_months(header: Header) -> tuple[list[tuple[int, int]], bool, list[int]]:
    """The (year, month) of every deadline with a year (2024年9月底前, 2025-03-31, a date),
    whether every deadline written has one (not 6月底前, 年底前: the plan's year's), and the
    months of those without (3月底前: 3)."""
    column = header.by_field().get("due")
    if column is None:
        return [], False, []
    found: list[tuple[int, int]] = []
    bare: list[int] = []
    every = True
    for row in range(header.first_data_row, len(header.sheet.rows)):
        value = header.sheet.value(row, column.index)
        day = excel_serial(value, header.sheet.epoch)
        if day is None and isinstance(value, dt.date):
            day = value
        if day is not None:
            found.append((day.year, day.month))
        elif isinstance(value, str) and value.strip():
            text = unicodedata.normalize("NFKC", value)
            months = [
                (int(y), int(m))
                for y, m in re.findall(_YEAR + r"\s*(?:年|[-./])\s*(\d{1,2})(?!\d)", text)
                if 1 <= int(m) <= 12
            ]
            months += [
                (int(y), _MONTHS_EN.index(m[:3].lower()) + 1)
                for m, y in _MONTH_YEAR_EN.findall(text)
            ]
            found += months
            if not months and (next_year := _NEXT_YEAR.match(text)):  # 次年3月底前
                found.append((0, int(next_year.group(1))))  # (0: the year after the plan's)
                continue
            every = every and bool(months)
            if not months:
                bare += [
                    int(m) for m in re.findall(r"(?<!\d)(\d{1,2})\s*月", text) if 1 <= int(m) <= 12
                ]
    return found, every, bare


def campaign_period(title: str, header: Header, year: int) -> Campaign | None:
    """The period of a table whose campaign is not the calendar ``year``, a year at most;
    None for a calendar year's table (or one whose deadlines span more than a year)."""
    text = unicodedata.normalize("NFKC", title)
    stated = _MONTHS.search(text)
    if stated is not None:
        first, m1, last, m2 = stated.groups()
        y1, y2 = int(first), int(last) if last else None
        if 1 <= int(m1) <= 12 and 1 <= int(m2) <= 12:
            y2 = y2 or (y1 if int(m2) >= int(m1) else y1 + 1)
            start, end = dt.date(y1, int(m1), 1), _month_end(y2, int(m2))
            # (only across the year: 2024年1月至6月 is the months a 台账 reports on)
            if end.year == y1 + 1 and end <= a_year_from(start):
                return Campaign(start, end, True)
    half = _HALF_PLAN.search(text)
    if half is not None and int(half.group(1)) == year:
        first_month = 7 if half.group(2) == "下" else 1
        return Campaign(dt.date(year, first_month, 1), _month_end(year, first_month + 5), True)
    season = _season(text)
    months, every, bare = _deadline_months(header)
    months = [(y or year + 1, m) for y, m in months if y in (0, year, year + 1) and 1 <= m <= 12]
    if season is not None:  # 秋冬季: 10月底前 is this year's, 3月底前 the next spring's
        months += [(year + 1 if m <= _SPRING else year, m) for m in bare]
    later = [m for m in months if m[0] == year + 1]
    # Without the title's word, only deadlines that all state their year: 6月底前 beside
    # 2024年6月底前 is the plan's year's, and the later one more likely a slip.
    if not later or not (
        season or first_of_two_years(text) or every
    ):  # (秋冬季, 2024—2025年度 with no deadline in the next year: not guessed)
        return None
    end = _month_end(*max(later))
    begun = [dt.date(y, m, 1) for y, m in months if y == year]
    start = min(begun) if begun else dt.date(year, season or 1, 1)
    if season is not None:
        start = min(start, dt.date(year, season, 1))
    if end > a_year_from(start):
        return None
    return Campaign(start, end, False)


def began_the_year_before(title: str, header: Header, year: int) -> bool:
    """Whether a season's table (秋冬季) whose year only its deadlines give, ``year``, is the
    campaign of the year before: its deadlines (2025年3月底前 beside 9月底前) end it in spring."""
    text = unicodedata.normalize("NFKC", title)
    if _season(text) is None:
        return False
    campaign = campaign_period(title, header, year - 1)
    return campaign is not None and campaign.end.year == year


def _season(title: str) -> int | None:
    """The month the season a title names (秋冬季, Autumn and Winter) begins in at the latest."""
    found = next((m for word, m in _SEASONS.items() if word in title), None)
    return found or next((m for word, m in _SEASONS_EN.items() if word.search(title)), None)


def campaign_notice(campaign: Campaign, year: int) -> Notice:
    """The period chosen, said in the dry run and the import, with how to change it."""
    start, end = campaign.start.isoformat(), campaign.end.isoformat()
    why_zh = "标题写明的期间" if campaign.by_title else f"标题和完成时限（最晚到 {end[:7]}）"
    why_en = (
        "the period its title states"
        if campaign.by_title
        else f"its title and deadlines (the last in {end[:7]})"
    )
    return Notice(
        f"计划期按{why_zh}定为 {start} 至 {end}，不是 {year} 年全年：序时进度从 {start} 算起。"
        f"不对的话，导入后用 plan header --start {start} --end {end}（写要的日期）改正，"
        f"或在标题下加一行“计划期：{start}至{end}”后重新导入。",
        f"The plan's period is {start} to {end}, from {why_en}, not the whole of {year}: "
        f"pace is counted from {start}. If that is wrong, change it after the import with plan "
        f"header --start {start} --end {end} (the days you want), or add a line "
        f"'计划期：{start}至{end}' under the title and import again.",
    )
