"""Deadlines and starts as plans write them: a date (2023-06-30), a month ("2023-05": the end of
May for a deadline, its first day for a start) or a quarter ("2023-Q2": 30 June, or 1 April).
Pure: no I/O."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

# As a file writes them: ASCII digits, a two-digit month, a capital Q, no spaces around.
_MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")
_QUARTER = re.compile(r"([0-9]{4})-Q([1-4])")
# As a person types them on the command line: 2023-5, 2023-q2, with spaces around.
_TYPED_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_TYPED_QUARTER = re.compile(r"([0-9]{4})-[Qq]([1-4])")


def span_of(value: Any) -> tuple[dt.date, dt.date] | None:
    """The first and last day a due or start value stands for; None if it is not one."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value, value
    if not isinstance(value, str):
        return None
    text = value
    month = _MONTH.fullmatch(text)
    if month:
        year, number = int(month.group(1)), int(month.group(2))
        if year < dt.MINYEAR:
            return None
        return dt.date(year, number, 1), _month_end(year, number)
    quarter = _QUARTER.fullmatch(text)
    if quarter:
        year, number = int(quarter.group(1)), int(quarter.group(2))
        if year < dt.MINYEAR:
            return None
        return dt.date(year, 3 * number - 2, 1), _month_end(year, 3 * number)
    return None


def parse(text: str) -> dt.date | str | None:
    """A deadline or start typed by hand, as the file keeps it: a date, "2023-05" or "2023-Q2";
    None if it is none of these."""
    text = text.strip()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    month = _TYPED_MONTH.fullmatch(text)
    quarter = _TYPED_QUARTER.fullmatch(text)
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
    month = _MONTH.fullmatch(text)
    quarter = _QUARTER.fullmatch(text)
    if lang != "zh":
        return written(value, lang)
    if month:
        return f"{month.group(1)}年{int(month.group(2))}月底"
    if quarter:
        return f"{quarter.group(1)}年第{chinese_numeral(int(quarter.group(2)))}季度"
    return text
