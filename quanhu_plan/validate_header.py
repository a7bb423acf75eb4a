"""What the ``[plan]`` table may hold: the plan's title, organisation, year, period and
language, its ``[plan.warning]`` thresholds, its own days off and worked (``[plan.workdays]``),
the merge conflicts recorded in it and its ``[[plan.log]]`` (the header's changes). Pure: no
I/O; ``building.build_plan`` gathers these problems with validate's."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .errors import Problem
from .validate import (
    _DATE_WORDS,
    INVISIBLE_TITLE,
    YEARS,
    Texts,
    _allowed,
    _check_log,
    _conflicts_problem,
    is_date,
    is_number,
    nested_items_problem,
    odd_value,
    title_drawn,
)


def check_meta(meta: dict[str, Any]) -> list[Problem]:
    problems = []

    def bad(field: str, zh: str, en: str) -> None:
        problems.append(Problem(None, field, meta.get(field), {"zh": zh, "en": en}))

    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        bad("title", "计划需要一个名称（非空文字）。", "the plan needs a title (non-empty text).")
    elif not title_drawn(title):
        bad("title", *INVISIBLE_TITLE)
    for field in ("organisation", "source"):
        if field in meta and not isinstance(meta[field], str):
            bad(field, "应为文字。", "must be text.")
    year = meta.get("year")
    if "year" in meta and not (
        isinstance(year, int) and not isinstance(year, bool) and YEARS[0] <= year <= YEARS[1]
    ):
        bad(
            "year",
            f"应为 {YEARS[0]} 到 {YEARS[1]} 之间的年份整数，如 2023。",
            f"must be a whole year from {YEARS[0]} to {YEARS[1]}, e.g. 2023.",
        )
    for field in ("start", "end"):
        if field in meta and not is_date(meta[field]):
            bad(field, *_DATE_WORDS)
    start, end = meta.get("start"), meta.get("end")
    if "start" not in meta and isinstance(year, int) and YEARS[0] <= year <= YEARS[1]:
        start = dt.date(year, 1, 1)  # what a plan that writes only its year starts on
    if is_date(start) and is_date(end) and start > end:
        bad("end", f"结束日期早于开始日期 {start}。", f"the end is before the start {start}.")
    if "lang" in meta and meta["lang"] not in ("zh", "en"):
        bad("lang", '只能是 "zh" 或 "en"。', 'must be "zh" or "en".')
    if "warning" in meta:
        wrong = _warning_problem(meta["warning"])
        if wrong:
            bad("warning", *wrong)
    if "workdays" in meta:
        wrong = _workdays_problem(meta["workdays"])
        if wrong:
            bad("workdays", *wrong)
    if "conflict" in meta:
        wrong = _conflicts_problem(meta["conflict"])
        if wrong:
            bad("conflict", *wrong)
    for field, value in meta.items():
        if field == "log":  # [[plan.log]]: changes to the header (see header.py)
            problems += _check_log(value, None, None, (("plan", -1),), header_field_problem)
        elif field == "item" and (nested := nested_items_problem(value, "plan")):
            problems.append(Problem(None, field, value, _allowed(nested)))
        elif field not in (
            "title",
            "organisation",
            "year",
            "start",
            "end",
            "lang",
            "source",
            "conflict",
        ):
            odd = odd_value(value)
            if odd:
                problems.append(Problem(None, field, value, _allowed(odd)))
    return problems


# The fields ``plan header`` changes, and so the fields a [[plan.log]] entry's before/after hold.
_HEADER_FIELDS = ("title", "organisation", "source", "year", "start", "end", "lang")


def header_field_problem(field: str, value: Any) -> Texts | None:
    """What is wrong with ``value`` in a field of the header (None: nothing), by the rules
    of ``check_meta``: a [[plan.log]] entry's old or new value must be one the header can hold
    (an item's rules would pass a year "x" and take a month for the plan's start)."""
    if field not in _HEADER_FIELDS:
        return None
    meta = {"title": "-", field: value}  # (a title, so that only ``field`` is judged)
    for problem in check_meta(meta):
        if problem.field == field:
            return problem.allowed["zh"], problem.allowed["en"]
    return None


def _workdays_problem(value: Any) -> Texts | None:
    """``[plan.workdays]``: the office's own days off and days worked (see ``workdays``)."""
    wanted = (
        "应写成 [plan.workdays] 表：off 为另外放假的日期，worked 为另外上班的日期，都写成日期列表，"
        "如 off = [2025-04-01, 2025-04-02]、worked = [2025-04-06]，可只写一项；同一天不能两处都写。"
        "已把某年国务院办公厅节假日安排全部写进 off 和 worked 的，用 notice_years = [2027] 写出这些年份。",
        "must be a [plan.workdays] table: off, the days off besides the public holidays, and "
        "worked, the days worked besides, each a list of dates, e.g. off = [2025-04-01, "
        "2025-04-02], worked = [2025-04-06]; either may be left out, and no day is in both. "
        "Where off and worked hold a year's whole State Council holiday notice, notice_years = "
        "[2027] names those years.",
    )
    if not isinstance(value, dict) or set(value) - {"off", "worked", "notice_years"}:
        return wanted
    for key, days in value.items():
        if not isinstance(days, list):
            return wanted
        if key == "notice_years":
            if not all(type(y) is int and YEARS[0] <= y <= YEARS[1] for y in days):
                return wanted
        elif not all(is_date(day) for day in days):
            return wanted
    if set(value.get("off", ())) & set(value.get("worked", ())):
        return wanted
    return None


def _warning_problem(value: Any) -> Texts | None:
    """``[plan.warning]``: the 红黄绿灯 thresholds (see ``lights``)."""
    wanted = (
        "应写成 [plan.warning] 表：yellow、red 为落后序时进度的百分点（0 到 100，yellow 小于 red），"
        "red_share 为 0 到 1 之间的比例（完成不到应完成的这一比例即亮红灯），均可省略。",
        "must be a [plan.warning] table: yellow and red, points behind the expected progress "
        "(0 to 100, yellow below red), and red_share, a share between 0 and 1 (red when less "
        "than that share of the expected progress is done); each may be left out.",
    )
    if not isinstance(value, dict):
        return wanted
    for key in ("yellow", "red"):
        if key in value and (not is_number(value[key]) or not 0 <= value[key] <= 100):
            return wanted
    from .lights import DEFAULT_RED, DEFAULT_YELLOW

    if value.get("yellow", DEFAULT_YELLOW) >= value.get("red", DEFAULT_RED):
        return wanted  # also a red of 3 under the default yellow of 5
    if "red_share" in value and (
        not is_number(value["red_share"]) or not 0 < value["red_share"] < 1
    ):
        return wanted
    if set(value) - {"yellow", "red", "red_share"}:
        return wanted
    return None
