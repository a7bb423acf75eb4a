"""Deadlines and starts as plans write them: a date (2023-06-30), a month ("2023-05": the end of
May for a deadline, its first day for a start) or a quarter ("2023-Q2": 30 June, or 1 April).
Pure: no I/O."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

# As a file writes them: ASCII digits, a two-digit month, a capital Q, no spaces around
# (2023-05, 2023-Q2; ``_written_period``, no regular expression to compile at start-up).
_MONTHS = frozenset(f"{number:02d}" for number in range(1, 13))
_QUARTERS = frozenset(f"Q{number}" for number in range(1, 5))
# As a person types them on the command line: 2023-5, 2023-q2, with spaces around
# (compiled when first used).
_TYPED_MONTH = r"([0-9]{4})-([0-9]{1,2})"
_TYPED_QUARTER = r"([0-9]{4})-[Qq]([1-4])"


def _written_period(text: str) -> tuple[str, str] | None:
    """The year and the month ("05") or quarter ("Q2") of a month or quarter as a file writes
    it (the whole text: ``[0-9]{4}-(0[1-9]|1[0-2])`` or ``[0-9]{4}-Q[1-4]``), else None."""
    if len(text) != 7 or text[4] != "-":
        return None
    year, number = text[:4], text[5:]
    if not (year.isascii() and year.isdigit()):
        return None
    return (year, number) if number in _MONTHS or number in _QUARTERS else None


def span_of(value: Any) -> tuple[dt.date, dt.date] | None:
    """The first and last day a due or start value stands for; None if it is not one."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value, value
    if not isinstance(value, str):
        return None
    found = _written_period(value)
    if found is None:
        return None
    year, written = int(found[0]), found[1]
    if year < dt.MINYEAR:
        return None
    if written[0] == "Q":
        quarter = int(written[1])
        return dt.date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
    month = int(written)
    return dt.date(year, month, 1), _month_end(year, month)


def parse(text: str) -> dt.date | str | None:
    """A deadline or start typed by hand, as the file keeps it: a date, "2023-05" or "2023-Q2";
    None if it is none of these."""
    text = text.strip()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    month = re.fullmatch(_TYPED_MONTH, text)
    quarter = re.fullmatch(_TYPED_QUARTER, text)
    written = (
        f"{month.group(1)}-{int(month.group(2)):02d}"
        if month
        else f"{quarter.group(1)}-Q{quarter.group(2)}"
        if quarter
        else None
    )
    return written if written is not None and span_of(written) else None


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def a_year_from(start: dt.date) -> dt.date:
    """The last day of a year that begins on ``start``: the day before the same day a year on
    (from 29 February, the day before 1 March: 28 February)."""
    try:
        after = start.replace(year=start.year + 1)
    except ValueError:  # 29 February
        after = dt.date(start.year + 1, 3, 1)
    return after - dt.timedelta(days=1)


def period_in_year(year: int, start: dt.date, end: dt.date) -> bool:
    """Whether a plan's period is one of its ``year``: inside that calendar year, or a year at
    most that starts or ends in it (a school or fiscal year, July to June, is the plan of the
    year it starts in, as its report names it 2023-2024年度; some offices name it by the year it
    ends in, 2024: the period and the year agree either way)."""
    if start.year == end.year:
        return start.year == year
    return year in (start.year, end.year) and end <= a_year_from(start)


def outside_year(year: int, start: dt.date, end: dt.date) -> dict[str, str]:
    """That a plan's period is not within its year, with the commands that put them together
    (``plan check`` and ``plan header`` say it): the period set in the year, or, for a period of
    a year at most, the year of the period with the period typed too (``--year`` alone moves
    the period written in the file by as many years, and would leave them apart)."""
    in_year = f"plan header --start {year}-01-01 --end {year}-12-31"
    other_zh = other_en = ""
    if period_in_year(start.year, start, end):  # (one of a year: a longer one has none)
        other = f"plan header --year {start.year} --start {start} --end {end}"
        other_zh, other_en = f"；或把年度改为 {start.year}：{other}", f"; or the year: {other}"
    return {
        "zh": f"计划期 {start} 至 {end} 不在年度 {year} 之内。要让两者一致，改计划期："
        f"{in_year}{other_zh}",
        "en": f"the period {start} to {end} is not within the year {year}. To put them "
        f"together, set the period: {in_year}{other_en}",
    }


def last_day(value: Any) -> dt.date | None:
    """A deadline as a day: the end of its month or quarter."""
    span = span_of(value)
    return span[1] if span else None


def first_day(value: Any) -> dt.date | None:
    """A start as a day: the first day of its month or quarter."""
    span = span_of(value)
    return span[0] if span else None


def written(value: Any, lang: str = "zh") -> str:
    """A due or start value as the plan wrote it: 2023-06-30, 2023-05, 2023-Q2."""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def long_form(value: Any, lang: str) -> str:
    """As a report writes it: 2023年6月30日, 2023年5月底, 2023年第二季度."""
    from .texts import chinese_numeral, format_long_date

    if isinstance(value, dt.date):
        return format_long_date(lang, value)
    text = str(value).strip()
    found = _written_period(text)
    if lang != "zh":
        return written(value, lang)
    if found is not None and found[1][0] != "Q":
        return f"{found[0]}年{int(found[1])}月底"
    if found is not None:
        return f"{found[0]}年第{chinese_numeral(int(found[1][1]))}季度"
    return text


def table_form(value: Any, year: int | None) -> str:
    """As a Chinese table writes a deadline or a day (the report's ledger, the 推进情况表):
    6月30日, 5月底, 第三季度, without the year its title states (``year``; None for a plan
    over two calendar years, where each says its own); 2024年3月31日 in another year."""
    text = long_form(value, "zh")
    prefix = f"{year}年"
    return text[len(prefix) :] if year is not None and text.startswith(prefix) else text
