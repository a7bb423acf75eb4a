"""Command-line and terminal leftovers noticed by earlier sessions: negative and special figures
read as options, ..."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app

from .conftest import REPO_PLAN
from .test_report_large import large_plan

runner = CliRunner()


@pytest.fixture
def town_plan(plan_file: Path) -> Path:
    """The real 2023 plan of 泉湖镇 (5.5.1 落实粮食播种面积 is measured in 万亩)."""
    shutil.copyfile(REPO_PLAN, plan_file)
    return plan_file


# ---------------------------------------------------------------- 1. negative and special figures


@pytest.mark.parametrize(
    ("args", "said"),
    [
        # -inf was read as the options -i and -n (--note) with the note "f": "-i is not a number"
        (["record", "5.5.1", "-inf"], "VALUE（数值）的值“-inf”不对：不是数字"),
        (["record", "5.5.1", "-inf", "--yes"], "VALUE（数值）的值“-inf”不对：不是数字"),
        (["record", "5.5.1", "-Infinity"], "VALUE（数值）的值“-Infinity”不对：不是数字"),
        # -nan was the note "an", and the figure then missing
        (["record", "5.5.1", "-nan"], "VALUE（数值）的值“-nan”不对：不是数字"),
        (["progress", "1.1.1", "-nan"], "PERCENT（进度）的值“-nan”不对：不是数字"),
        (["progress", "1.1.1", "-inf"], "PERCENT（进度）的值“-inf”不对：不是数字"),
        # inf is no figure: "too large" was said of it as of 1e400, which is one
        (["record", "5.5.1", "inf"], "VALUE（数值）的值“inf”不对：不是数字"),
        (["record", "5.5.1", "1e400"], "数字过大"),
        (["edit", "5.5.1", "--target", "-inf"], "--target 的值“-inf”不对：不是数字"),
        (["progress", "1.1.1", "-5"], "PERCENT（进度）的值“-5”不对：应在 0 到 100 之间"),
        # an unknown option is named as one, not taken for the figure (VALUE = "--nope")
        (["record", "5.5.1", "--nope", "1"], "plan record 没有 --nope 这个选项"),
        (["record", "5.5.1", "-x"], "plan record 没有 -x 这个选项"),
    ],
)
def test_a_negative_or_special_figure_is_read_whole_and_refused_in_words(town_plan, args, said):
    before = town_plan.read_bytes()
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert said in result.output, result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    assert town_plan.read_bytes() == before


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("-5", "actual = -5\n"),
        ("-1.5", "actual = -1.5\n"),
        ("-.5", "actual = -0.5\n"),
        ("−5", "actual = -5\n"),  # a Unicode minus
        ("－5", "actual = -5\n"),  # full width
        ("-5万亩", "actual = -5\n"),
    ],
)
def test_a_negative_figure_is_recorded_where_a_figure_may_be_negative(town_plan, typed, written):
    """docs/format.md: actual is a number, may be negative (a growth rate can fall)."""
    result = runner.invoke(app, ["record", "5.5.1", typed, "--note", "回落"])
    assert result.exit_code == 0, result.output
    assert written in town_plan.read_text(encoding="utf-8")


def test_a_figure_that_looks_like_an_option_cluster_keeps_the_options_around_it(town_plan):
    """-3h is a figure with a unit (refused: the task is measured in 万亩), not -3 and -h (the
    help, which wrote nothing and exited 0); -n still takes the word after it as the note."""
    result = runner.invoke(app, ["record", "5.5.1", "-3h"])
    assert result.exit_code == 2 and "单位是“h”" in result.output, result.output
    result = runner.invoke(app, ["record", "5.5.1", "-n", "-5", "-2"])
    assert result.exit_code == 0, result.output
    text = town_plan.read_text(encoding="utf-8")
    assert 'note = "-5"' in text and "actual = -2\n" in text


# ---------------------------------------------------------------- 4. 完成率0% of a task with no target


def test_a_large_plans_summary_says_a_figure_without_target_as_the_full_form_does(plan_file):
    """The summary form's 存在的问题 named an overdue task with a figure but no target
    建设标准化阵地（完成率0%）, as if its 5个 were 0% of something; the full form and the
    ledger say the figure and that the completion is the reported progress."""
    large_plan(plan_file)
    document = tomllib.loads(plan_file.read_text(encoding="utf-8"))
    for item in document["item"]:
        if item.get("status") == "doing":
            del item["target"]  # 5个 recorded of no target
    plan_file.write_text(dumps(document), encoding="utf-8")
    result = runner.invoke(app, ["report", "--format", "md", "--as-of", "2023-12-31"])
    assert result.exit_code == 0, result.output
    problems = result.stdout.split("## 三、")[1].split("## 四、")[0]
    assert "逾期未完成的任务13项" in problems
    assert "（完成率0%）" not in problems, problems
    assert "建设标准化阵地（已完成5个，未设目标值，按填报进度计完成率0%）" in problems
