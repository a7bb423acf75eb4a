"""Reshaping a plan over a year (add, edit, move, rm, header) and taking it back with undo:
what each view says after it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app


def ok(runner: CliRunner, path: Path, *args: str) -> str:
    result = runner.invoke(app, ["--file", str(path), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_show_of_a_task_names_the_removed_item_a_row_of_its_history_belongs_to(runner, small_plan):
    """A task that was a goal for a while keeps its removed sub-task's history; show must
    say whose each row is, or '删除' reads as if the task itself had been deleted."""
    ok(runner, small_plan, "add", "1.3", "子任务一", "--by", "甲")
    ok(runner, small_plan, "rm", "1.3.1", "--yes", "--by", "乙")
    out = ok(runner, small_plan, "show", "1.3")
    history = out[out.index("进展情况") :]
    assert "1.3.1" in history and "子任务一（已删除）" in history
    assert "删除" in history


def test_a_header_start_after_the_end_names_both_dates_and_what_to_type(runner, small_plan):
    before = small_plan.read_text(encoding="utf-8")
    result = runner.invoke(app, ["--file", str(small_plan), "header", "--start", "2024-03-01"])
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert "开始日期 2024-03-01 晚于结束日期 2023-12-31" in message
    assert "plan header --start 2024-03-01 --end 2024-12-31" in message
    assert "结束日期 结束日期" not in message
    assert small_plan.read_text(encoding="utf-8") == before

    result = runner.invoke(
        app, ["--file", str(small_plan), "--lang", "en", "header", "--end", "2022-06-30"]
    )
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert "the start 2023-01-01 is after the end 2022-06-30" in message
    assert "plan header --start 2022-01-01 --end 2022-06-30" in message
    assert small_plan.read_text(encoding="utf-8") == before


def test_a_header_period_refused_after_a_new_year_suggests_a_period_around_the_day_typed(
    runner, small_plan
):
    """--year moves the period in the file; the day typed with it is the one kept in the
    suggestion (not a one-day period from the moved day to the day typed), the year too."""
    before = small_plan.read_text(encoding="utf-8")
    result = runner.invoke(app, ["header", "--year", "2024", "--end", "2023-12-31"])
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert "开始日期 2024-01-01 晚于结束日期 2023-12-31" in message
    assert "plan header --year 2024 --start 2023-01-01 --end 2023-12-31" in message
    result = runner.invoke(app, ["header", "--year", "2022", "--start", "2023-03-01"])
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert "plan header --year 2022 --start 2023-03-01 --end 2023-12-31" in message
    assert small_plan.read_text(encoding="utf-8") == before
    suggested = message.split("例如：plan ")[1].split()
    result = runner.invoke(app, suggested)  # the command suggested is taken
    assert result.exit_code == 0, result.output


PLAN_WITHOUT_PERIOD = """\
[plan]
title = "测试镇2023年工作计划"
year = 2023

[[item]]
id = "1"
title = "修塘"
"""


def test_an_end_before_the_first_day_of_the_year_is_refused_when_the_start_is_not_written(
    runner, plan_file
):
    """A plan that writes only its year starts on 1 January of it: an end before that is a
    period that ends before it starts."""
    plan_file.write_text(PLAN_WITHOUT_PERIOD, encoding="utf-8")
    result = runner.invoke(app, ["header", "--end", "2022-06-30"])
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert "开始日期 2023-01-01 晚于结束日期 2022-06-30" in message
    assert "plan header --start 2022-01-01 --end 2022-06-30" in message
    assert plan_file.read_text(encoding="utf-8") == PLAN_WITHOUT_PERIOD


def test_check_finds_an_end_before_the_start_the_year_implies(runner, plan_file):
    plan_file.write_text(PLAN_WITHOUT_PERIOD + "", encoding="utf-8")
    plan_file.write_text(
        PLAN_WITHOUT_PERIOD.replace("year = 2023\n", "year = 2023\nend = 2022-06-30\n"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert "结束日期早于开始日期 2023-01-01" in result.output


CONFLICTED_HEADER = """\
[plan]
title = "我的标题"
year = 2023

[[plan.conflict]]
field = "title"
ours = "我的标题"
theirs = "其他标题"

[[item]]
id = "1"
title = "修塘"
"""


def test_a_header_conflict_and_its_undone_resolve_are_named_in_the_plans_words(runner, plan_file):
    """The header's title is 计划名称 (an item's is 事项), and taking back a resolve names the
    conflict it brings back as a 合并冲突, not by its key."""
    plan_file.write_text(CONFLICTED_HEADER, encoding="utf-8")
    result = runner.invoke(app, ["check"])
    assert (
        "[plan] 的 计划名称（title）：暂用（--ours）我的标题；另一个值（--theirs）其他标题"
        in result.output
    )
    ok(runner, plan_file, "resolve", "[plan]", "title", "--theirs", "--by", "张三")
    out = ok(runner, plan_file, "undo", "--by", "张三")
    assert "计划名称 其他标题 → 我的标题；合并冲突 — → 计划名称" in out
    out = ok(runner, plan_file, "--lang", "en", "log")
    assert "conflict" not in out.replace("Merge conflict", "")
