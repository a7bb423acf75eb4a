"""A deadline, start or tick-off day written in a plan file the way an office writes it
(``due = "6月底"``, ``"2023/6/30"``, ``"二季度"``, ``done_on = "2023年6月30日"``): refused, since
the file holds dates one way only, but with the value it reads as (``inputs``) put in the
problem's words, to be written instead. Pure: no I/O."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .errors import Problem
from .validate import DATE_FIELDS, PERIOD_FIELDS

_READ = frozenset((*DATE_FIELDS, *PERIOD_FIELDS))


def with_dates_read(problems: list[Problem], meta: dict[str, Any]) -> list[Problem]:
    """``problems``, those of a date field holding text the commands would read as a date
    (``plan edit --due``) saying what to write: 是不是要写 due = 2023-06-30？"""
    return [_with_date_read(problem, meta) for problem in problems]


def _with_date_read(problem: Problem, meta: dict[str, Any]) -> Problem:
    text = problem.found
    if problem.field not in _READ or problem.place or not isinstance(text, str):
        return problem
    written = _as_written(text, problem.field, meta)
    if written is None:
        return problem
    said = f"{problem.field} = {written}"
    allowed = {
        "zh": problem.allowed["zh"] + f"“{text}”是不是要写 {said}？",
        "en": problem.allowed["en"] + f" Was {said} meant for '{text}'?",
    }
    return Problem(
        problem.item_id, problem.field, text, allowed, problem.index, problem.line, problem.place
    )


def _as_written(text: str, field: str, meta: dict[str, Any]) -> str | None:
    """The TOML a field's text reads as (2023-06-30, "2023-06", "2023-Q2"), in the plan's year
    where it names none; None if it reads as no date, or as one only today can say (今天)."""
    from .inputs import plan_year, read_date, read_period

    if any(word in text for word in ("今天", "昨天", "前天")) or len(text) > 40:
        return None
    year = meta.get("year")
    start, end = meta.get("start"), meta.get("end")
    if type(year) is not int or not 1900 <= year <= 2999:
        year = None
    if type(start) is not dt.date or type(end) is not dt.date or start > end:
        if year is None:
            return None  # a day without a year could be in any year
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    year_of = plan_year(year, start, end)
    try:
        if field in DATE_FIELDS:
            return read_date(text, start, year_of).isoformat()
        found = read_period(text, start, year_of, field)
    except (ValueError, OverflowError):  # (an InputError is a ValueError)
        return None
    return found.isoformat() if isinstance(found, dt.date) else f'"{found}"'
