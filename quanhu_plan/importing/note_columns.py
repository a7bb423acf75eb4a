"""Progress columns, one per period (一季度完成情况, 二季度完成情况…; 1月进展, 2月进展…; 月度进展
over 1月, 2月…): each cell a note of the task's log, dated at its period's end (pure)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from typing import TYPE_CHECKING

from ..inputs import plan_year
from .errors import Notice

if TYPE_CHECKING:
    from .headers import Column

# The words a progress column's header ends in, after the period it reports on.
# (一季度完成 alone is a milestone's figure, 1-6月完成 the figure reached: not a note)
_PROGRESS = r"(?:工作)?(?:进展(?:情况)?|(?:完成|推进|落实|执行)情况)(?:[、及和]?取得成效|及成效)?"
# A group header over period columns: 月度进展, 季度完成情况, 工作进展情况, 进展情况.
_GROUP = re.compile(rf"(?:月度|季度|每月|各月|分月|分季度|逐月)?{_PROGRESS}")
_WHOLE_YEAR = re.compile(r"(?:全年|年度|下半年|第?四季度|q4)")


def _normal(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def _month_of_period(text: str) -> int | None:
    """The month a period's words end in (一季度: 3, 上半年: 6, 前三季度: 9, 10月份: 10,
    1-6月: 6, 全年: 12); None for words naming no period."""
    from .above import months_through
    from .headers import period_of

    text = _normal(text)
    if _WHOLE_YEAR.fullmatch(text):
        return 12
    if text == "前三季度":
        return 9
    through = months_through(f"{text}完成情况")
    if through is not None:
        return through
    period = period_of(text)
    if period is None or "-" in period[1:]:  # no year of its own, no single day (6月30日)
        return None
    if period.startswith("Q"):
        return int(period[1]) * 3
    return int(period) if period.isdigit() and 1 <= int(period) <= 12 else None


# A year before the period (2024年一季度进展): the columns' periods are of the plan's year where
# they all state the same one (``date_period_notes``).
_STATED_YEAR = re.compile(r"^((?:19|20)\d\d)年度?(?=.)")


def stated_year(name: str) -> int | None:
    """The year a period column's header states before its period (2024年一季度进展: 2024)."""
    found = _STATED_YEAR.match(_normal(name.split("/")[-1]))
    return int(found[1]) if found else None


def note_month(name: str) -> int | None:
    """The month a progress column's header reports to: 二季度完成情况 6, 10月份进展情况 10,
    月度进展/3月 (the group header merged over it) 3, 2024年一季度进展 3; None for another
    header."""
    *groups, own = name.split("/")
    own = _STATED_YEAR.sub("", _normal(own))
    if groups and _GROUP.fullmatch(_normal(groups[-1])):
        month = _month_of_period(own)
        if month is not None:
            return month
    found = re.fullmatch(rf"(?P<period>.+?){_PROGRESS}", _normal(own))
    return _month_of_period(found["period"]) if found else None


def date_period_notes(columns: list[Column]) -> None:
    """Where two or more columns report progress each for its own period, read every one of
    them as a note (not the first alone, the others kept as a second 完成情况), each marked
    with the month its period ends in. A column the office mapped is left as mapped; a
    table whose columns name one period twice, or that has a 进展情况 of no period beside
    them, is left as it is."""
    found = [
        (column, month)
        for column in columns
        if not column.mapped
        and column.field in ("note", "milestone", None)
        and column.second is None
        and (month := note_month(column.name)) is not None
    ]
    months = [month for _, month in found]
    if len(found) < 2 or len(set(months)) != len(months):
        return
    if len({stated_year(column.name) for column, _ in found}) > 1:
        return  # 2023年四季度 beside 2024年一季度: last year's is no note of this year's
    dated = {column.index for column, _ in found}
    if any(c.field == "note" and c.index not in dated for c in columns):
        return  # a 进展情况 of no period beside them: which is the newest is not known
    for column, month in found:
        column.field, column.unit, column.period, column.note_month = "note", "", "", month


def period_end(month: int, period: tuple[dt.date, dt.date], last: dt.date) -> dt.date:
    """The last day of ``month`` in the plan's period, not after ``last`` (today)."""
    year = plan_year(period[0].year, *period)(month, 1)
    return min(dt.date(year, month, calendar.monthrange(year, month)[1]), last)


def in_order(month: int, period: tuple[dt.date, dt.date]) -> dt.date:
    """Where a period ending in ``month`` falls in the plan's period, to put notes in order: in
    a July-to-June plan 三季度 (2023-09-30) comes before 一季度 (2024-03-31)."""
    return period_end(month, period, dt.date.max)


def period_notes_notice(columns: list[Column], period: tuple[dt.date, dt.date]) -> Notice | None:
    """What the import says of the progress columns it dated by their periods."""
    by_month = sorted(
        ((c.note_month, c.index) for c in columns if c.note_month is not None),
        key=lambda pair: (in_order(pair[0], period), pair[1]),
    )
    if not by_month:
        return None
    dated = [next(c for c in columns if c.index == index) for _, index in by_month]
    ends = [period_end(month, period, period[1]) for month, _ in by_month]
    zh_names = "、".join(f"“{c.name}”" for c in dated)
    en_names = ", ".join(repr(c.name) for c in dated)
    zh_days = "、".join(f"{d.month}月{d.day}日" for d in ends)
    en_days = ", ".join(d.isoformat() for d in ends)
    return Notice(
        f"{zh_names}每列各记为一条进展情况，记在各自的期末（{zh_days}，不晚于今天），按时间排列；"
        "最新的一条是事项当前的进展。",
        f"Columns {en_names} each became a progress note dated at the end of its own period "
        f"({en_days}, not after today), in order; the newest is the task's current progress.",
    )


def period_notes_label(
    columns: list[Column], period: tuple[dt.date, dt.date] | None = None
) -> str | None:
    """How the notes per period are named where a note of one row is spoken of (its status read
    from the newest): the group header over them (推进情况), else the first and the last
    (一季度完成情况…三季度完成情况); None for a table without them."""
    dated = sorted((c.note_month, c.index, c.name) for c in columns if c.note_month is not None)
    if period is not None:  # (三季度…二季度 of a July-to-June plan)
        dated.sort(key=lambda d: (in_order(d[0], period), d[1]))
    if not dated:
        return None
    groups = {name.rpartition("/")[0] for _, _, name in dated}
    if len(groups) == 1 and (group := groups.pop()):
        return group
    return f"{dated[0][2]}…{dated[-1][2]}"
