"""Notes on stderr about a setting a command goes on with all the same: an ``--as-of`` before
the plan starts, a ``$PLAN_LANG`` that names no language the tool speaks."""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Plan

# The run (its Session) that has said PLAN_LANG is unknown: once a run, however often it asks
# for its language (a test's CliRunner runs many in one process, each with a new session).
_NOTED: list[Any] = [None]


def before_start(day: dt.date, plan: Plan, lang: str) -> str:
    """What is said of an --as-of before the plan starts (the view goes on: the plan as it was
    then, before its work began, every task 未开始: ``replay.not_begun``), with the same day of the plan's year where there is one: of
    the year it starts in, or of the next for a plan from July to June (2024-03-31 typed for a
    2024-25 plan is 2025-03-31)."""
    meant: dt.date | None = None
    for year in range(plan.start.year, plan.end.year + 1):
        try:
            same = day.replace(year=year)
        except ValueError:  # 02-29
            continue
        if plan.start <= same <= plan.end:
            meant = same
            break
    if lang == "zh":
        said = f"注意：截至日期 {day} 早于计划开始（{plan.start}），那时计划的工作还没有开始"
        return said + (f"；是不是要写 --as-of {meant}？" if meant else "。")
    said = (
        f"Note: --as-of {day} is before the plan starts ({plan.start}), when its work had not begun"
    )
    return said + (f"; was --as-of {meant} meant?" if meant else ".")


def note_unknown_lang(run: Any, lang: str) -> str:
    """``lang``, the run's language found without ``$PLAN_LANG``; where PLAN_LANG is set to what
    names no language (fr, 中文), said once on stderr in that language. Not refused as ``--lang
    fr`` is: a setting of the environment is in every run (git's merge driver, a scheduled
    export), and stopping them all for it helps nobody; but ignored unsaid, the user who set
    it never learns why the output is not in the language asked for."""
    value = os.environ.get("PLAN_LANG", "")
    if not value.strip() or _NOTED[0] is run:
        return lang
    _NOTED[0] = run
    from ..controls import visible
    from .app import say

    shown = visible(value.strip())
    try:
        say(
            f"注意：环境变量 PLAN_LANG 的值“{shown}”不可用，已忽略：只能是 zh（中文）或 en（英文）。"
            "这次用中文显示；要改用英文，设 PLAN_LANG=en 或用 plan --lang en。"
            if lang == "zh"
            else f"Note: PLAN_LANG is {shown!r}, which is not a language plan speaks, so it is "
            "ignored: use zh (Chinese) or en (English). This run speaks English; for "
            "Chinese set PLAN_LANG=zh or use plan --lang zh.",
            err=True,
            fold=True,
        )
    except (OSError, ValueError):  # stderr gone: the command goes on
        pass
    return lang
