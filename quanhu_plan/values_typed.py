"""A value written in a plan file the way an office writes it — a deadline ``"6月底"``,
``"2023/6/30"``, ``"二季度"``; a status ``"已完成"``; a figure ``"50%"``, ``"1,200"``,
``"3.35万亩"`` — refused, since the file holds each field one way only, but with what to write
instead put in the problem's words, read as the commands and ``plan import`` read such words.
Pure: no I/O."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .errors import Problem
from .validate import DATE_FIELDS, METRIC_FIELDS, NAME_FIELDS, PERIOD_FIELDS, TEXT_FIELDS

# (on: the day of a trace entry, typed by hand as a day is)
_DAYS = frozenset((*DATE_FIELDS, "on"))
_DATES = frozenset((*_DAYS, *PERIOD_FIELDS))
_NUMBERS = frozenset(("progress", "weight", *METRIC_FIELDS))
_READ = frozenset((*_DATES, *_NUMBERS, "status"))
# Fields whose value is text: written without quotes, it is that text in quotes.
_TEXTS = frozenset(("title", "id", "parent", "key", *TEXT_FIELDS, *NAME_FIELDS))


def with_values_read(
    problems: list[Problem], meta: dict[str, Any], table: dict[str, Any] | None = None
) -> list[Problem]:
    """``problems``, those of a field holding text the commands would read as its value saying
    what to write: “6月底”是不是要写 due = "2023-06"？ ``table``: the item's, whose fields
    already so written are left out of the lines (measure = "%" above target = "下降10%": said
    again, and written as said, the key would be given twice)."""
    return [_with_value_read(problem, meta, table) for problem in problems]


def _with_value_read(
    problem: Problem, meta: dict[str, Any], table: dict[str, Any] | None = None
) -> Problem:
    text, field = problem.found, problem.field
    in_log = bool(problem.place) and problem.place[-1][0] == "log"
    if field not in _READ or (problem.place and not in_log) or not isinstance(text, str):
        return problem
    lines = to_write(field, text, meta)
    if lines is None:
        return problem
    if table is not None and not in_log:
        lines = [line for line in lines if not _written_already(line, field, table)]
    allowed = {
        "zh": problem.allowed["zh"] + f"“{text}”是不是要写 {'、'.join(lines)}？",
        "en": problem.allowed["en"] + f" Was {' and '.join(lines)} meant for '{text}'?",
    }
    return Problem(
        problem.item_id, problem.field, text, allowed, problem.index, problem.line, problem.place
    )


def _written_already(line: str, field: str, table: dict[str, Any]) -> bool:
    """Whether ``line`` (key = value, as ``to_write`` gives it) sets a field other than
    ``field`` to what ``table`` holds already."""
    key, _, value = line.partition(" = ")
    if key == field or key not in table:
        return False
    held = table[key]
    return isinstance(held, str) and json.dumps(held, ensure_ascii=False) == value


def with_number_read(problem: Problem, written: str, meta: dict[str, Any]) -> Problem:
    """``problem``, of a text or date field holding a number typed as ``written`` (id = 1.10,
    due = 6.30), saying what to write: id = "1.10", due = 2023-06-30. An id or a parent is
    told why it takes quotes: as a number 1.10 is 1.1."""
    in_log = bool(problem.place) and problem.place[-1][0] == "log"
    field = problem.field
    if field is None or kind_of(field) not in ("text", "date") or (problem.place and not in_log):
        return problem
    lines = to_write(field, written, meta)
    if lines is None:
        return problem
    zh = f"“{written}”是不是要写 {'、'.join(lines)}？"
    en = f" Was {' and '.join(lines)} meant for '{written}'?"
    if field in ("id", "parent") and "." in written:
        zh += "编号要加引号：不加引号是一个数，1.10 和 1.1 读出来是同一个数，分不清。"
        en += " An id takes quotes: unquoted it is a number, and 1.10 reads as 1.1."
    allowed = {"zh": problem.allowed["zh"] + zh, "en": problem.allowed["en"] + en}
    return Problem(
        problem.item_id, field, problem.found, allowed, problem.index, problem.line, problem.place
    )


def kind_of(field: str) -> str | None:
    """How ``to_write`` reads a field: "date", "number", "status", "text", or None."""
    if field in _DATES:
        return "date"
    if field in _NUMBERS:
        return "number"
    if field == "status":
        return "status"
    return "text" if field in _TEXTS else None


def to_write(field: str, text: str, meta: dict[str, Any] | None) -> list[str] | None:
    """The lines to write for ``field`` written as ``text`` (``due = "2023-06"``, ``status =
    "done"``, ``progress = 50``, ``target = 3.35`` and ``measure = "万亩"``), or None where
    it reads as nothing sure. ``meta``: the plan's header, for a day without its year (None:
    not known, as in a file TOML refused)."""
    if len(text) > 40 or not text.strip():
        return None
    kind = kind_of(field)
    if kind == "number":
        return _figure(field, text)
    if kind == "date":
        found = _date(field, text, meta)
    elif kind == "status":
        found = _status(text)
    elif kind == "text":
        found = json.dumps(text.strip(), ensure_ascii=False)  # a TOML basic string
    else:
        return None
    if found is None:
        return None
    return [f"{field} = {found}"]


def _date(field: str, text: str, meta: dict[str, Any] | None) -> str | None:
    """A date field's TOML (2023-06-30, "2023-06", "2023-Q2"), in the plan's year where the
    text names none; None for no date, or one only today can say (今天)."""
    from .inputs import from_today, plan_year, read_date, read_period

    if any(word in text for word in ("今天", "昨天", "前天")) or from_today(text):
        return None
    meta = meta or {}
    year = meta.get("year")
    start, end = meta.get("start"), meta.get("end")
    if type(year) is not int or not 1900 <= year <= 2999:
        year = None
    if type(start) is not dt.date or type(end) is not dt.date or start > end:
        year = year or 2000  # (a day without a year is refused below: no year to give it)
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    year_of = plan_year(year, start, end) if year is not None else None
    try:
        if field in _DAYS:
            return read_date(text, start, year_of).isoformat()
        found = read_period(text, start, year_of, field)
    except (ValueError, OverflowError):  # (an InputError is a ValueError)
        return _month_and_day(text, year_of)
    return found.isoformat() if isinstance(found, dt.date) else f'"{found}"'


def _month_and_day(text: str, year_of: Any) -> str | None:
    """A day written as month and day with a dot or slash and no year (6.30, 6/30), which
    the commands refuse since 6/5 could be either day: the day in the plan's year where it can
    be one day only (the second number past 12, or both the same); else None."""
    import re

    from .inputs import normalised

    found = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})", normalised(text))
    if found is None or year_of is None:
        return None
    month, day = int(found.group(1)), int(found.group(2))
    if not 1 <= month <= 12 or not (day > 12 or day == month):
        return None
    try:
        return dt.date(year_of(month, day), month, day).isoformat()
    except (ValueError, OverflowError):  # (6.31: no such day)
        return None


def _figure(field: str, text: str) -> list[str] | None:
    """A figure's lines: progress = 50 for "50%", actual = 1200 for "1,200", target = 3.35 and
    its measure for "3.35万亩"; read as plan import reads such a cell — a fall as its negative
    (actual = -3.5 for "下降3.5%"), a target worded as a document words it with those words
    and its direction (target = -10, target_text = "下降10%", direction = "down")."""
    from .importing.values import (
        CellUnreadable,
        read_figure,
        read_number,
        read_progress,
        read_target,
        read_weight,
    )

    def quoted(words: str) -> str:
        return json.dumps(words, ensure_ascii=False)  # a TOML basic string

    try:
        if field == "progress":
            return [f"{field} = {read_progress(text)}"]
        if field == "weight":
            return [f"{field} = {read_weight(text)}"]
        if field == "target":
            bare = read_number(text)
            if bare.more and not bare.unit:  # words around it (约, ；县里下达): not sure
                return None
            target = read_target(text)
            if target.value is None:
                return None
            return [
                f"target = {target.value}",
                *([f"measure = {quoted(target.measure)}"] if target.measure else []),
                *([f"target_text = {quoted(target.text)}"] if target.text else []),
                *(['direction = "down"'] if target.down else []),
            ]
        reading = read_figure(text)
    except CellUnreadable:
        return None
    if reading.more and not reading.unit:  # words around it (约, 以上): not sure
        return None
    lines = [f"{field} = {reading.value}"]
    return lines + [f"measure = {quoted(reading.unit)}"] if reading.unit else lines


def _status(text: str) -> str | None:
    from .importing.values import CellUnreadable, read_status

    try:
        status, _ = read_status(text)
    except CellUnreadable:
        return None
    return f'"{status}"'
