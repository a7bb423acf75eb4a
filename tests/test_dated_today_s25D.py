"""Change commands without --on when today is outside the plan's period, session 25 D: each
says once, in one line in the plan's language, that it was dated today and how to date it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import CST, SMALL_ITEMS, Clock, write_plan

COMMANDS = [
    ["done", "1.3"],
    ["done", "1", "--all"],
    ["note", "1.1", "完成选址"],
    ["record", "1.1", "25"],
    ["progress", "1.3", "60"],
    ["start", "2.3"],
    ["block", "1.3", "--reason", "资金未到位"],
    ["drop", "1.3", "--reason", "上级已取消"],
    ["reopen", "2.2"],
    ["edit", "1.3", "--owner", "王五"],
    ["add", "1", "修桥"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_change_dated_today_after_the_plan_says_so_once(
    plan_file: Path, runner: CliRunner, clock: Clock, args: list[str], lang: str
) -> None:
    write_plan(plan_file, SMALL_ITEMS, lang=lang)
    clock.now = dt.datetime(2024, 3, 5, 9, tzinfo=CST)
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    said = (
        "注意：今天（2024-03-05）不在计划期 2023-01-01 至 2023-12-31 内，已按今天记录；"
        "如果是计划期内的事，请用 --on 写明日期，如 --on 2023-12-31。"
        if lang == "zh"
        else "Note: today (2024-03-05) is outside the plan period 2023-01-01 to 2023-12-31, "
        "so this is recorded as of today; if it happened within the plan period, give its day "
        "with --on, e.g. --on 2023-12-31."
    )
    lines = result.output.splitlines()
    assert lines.count(said) == 1, result.output
    assert "不在计划期" not in result.output.replace(said, "")  # (not twice, not otherwise)
    assert "outside the plan period" not in result.output.replace(said, "")


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args))
def test_a_change_dated_within_the_plan_says_nothing_of_its_day(
    plan_file: Path, runner: CliRunner, clock: Clock, args: list[str]
) -> None:
    write_plan(plan_file, SMALL_ITEMS)
    clock.now = dt.datetime(2024, 3, 5, 9, tzinfo=CST)
    result = runner.invoke(app, [*args, "--on", "2023-06-30"])
    assert result.exit_code == 0, result.output
    assert "计划期" not in result.output and "--on" not in result.output


def test_a_change_before_the_plan_starts_suggests_its_first_day(
    plan_file: Path, runner: CliRunner, clock: Clock
) -> None:
    write_plan(plan_file, SMALL_ITEMS)
    clock.now = dt.datetime(2022, 12, 20, 9, tzinfo=CST)
    result = runner.invoke(app, ["note", "1.1", "提前谋划"])
    assert result.exit_code == 0, result.output
    assert "今天（2022-12-20）不在计划期" in result.output
    assert "如 --on 2023-01-01。" in result.output
